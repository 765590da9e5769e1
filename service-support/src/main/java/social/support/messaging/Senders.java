package social.support.messaging;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import social.contract.MessageType;
import social.contract.auth.AuthEvents;
import social.contract.auth.AuthRpc;
import social.contract.follow.FollowEvents;
import social.contract.follow.FollowRpc;
import social.contract.like.LikeEvents;
import social.contract.like.LikeRpc;
import social.contract.notification.NotificationEvents;
import social.contract.notification.NotificationRpc;
import social.contract.post.PostEvents;
import social.contract.post.PostRpc;
import social.contract.rpc.Operation;
import social.contract.user.UserEvents;
import social.contract.user.UserRpc;
import social.support.text.Untrusted;

/**
 * Who may send what over the broker: the one table that receivers check senders against and that
 * {@link BrokerPermissions} derives each broker user's rights from. A sender is known by the AMQP
 * {@code user_id} of its message, which RabbitMQ validates against the connection's user; each
 * party (the gateway and every service, by application name) has a broker user of its own, named
 * {@code <messaging prefix><application name>}.
 *
 * <ul>
 *   <li>Only the gateway sends requests on behalf of a user: it may send every operation.
 *   <li>A service sends another service only the requests listed in {@link #SERVICE_REQUESTS},
 *       on its own behalf: such a request never names a caller ({@code callerId} is null).
 *   <li>An event is published only by the service whose {@code *Events} table lists it.
 *   <li>A reply comes only from the service that owns the operation.
 * </ul>
 */
public final class Senders {
    public static final String GATEWAY = "api-gateway";

    /** The events of each owner ({@code *Rpc.SERVICE}), from the contract's {@code *Events} tables. */
    private static final Map<String, List<Class<?>>> EVENTS_BY_OWNER = Map.of(
            AuthRpc.SERVICE, AuthEvents.MESSAGES,
            UserRpc.SERVICE, UserEvents.MESSAGES,
            PostRpc.SERVICE, PostEvents.MESSAGES,
            FollowRpc.SERVICE, FollowEvents.MESSAGES,
            LikeRpc.SERVICE, LikeEvents.MESSAGES,
            NotificationRpc.SERVICE, NotificationEvents.MESSAGES);

    /** Requests a service asks another on its own behalf (never for a user), by the asking service. */
    private static final Map<String, Set<Operation<?, ?>>> SERVICE_REQUESTS = Map.of(
            application(LikeRpc.SERVICE), Set.of(PostRpc.GET),
            application(NotificationRpc.SERVICE), Set.of(UserRpc.FIND_BY_USERNAMES));

    private static final Map<String, String> EVENT_OWNERS = eventOwners();

    private final String prefix;
    private final boolean enforced;

    private Senders(String prefix, boolean enforced) {
        this.prefix = prefix == null ? "" : prefix;
        this.enforced = enforced;
    }

    /** Checks senders against the broker users of this deployment (named with its messaging prefix). */
    public static Senders enforced(String prefix) {
        return new Senders(prefix, true);
    }

    /**
     * Accepts every sender: for a deployment whose parties all share one broker user, where
     * {@code user_id} cannot tell them apart (see {@code social.messaging.verify-senders}).
     */
    public static Senders unchecked() {
        return new Senders("", false);
    }

    public boolean isEnforced() {
        return enforced;
    }

    /** The application name of the service owning an operation or event ({@code post} -> {@code post-service}). */
    public static String application(String owner) {
        return owner + "-service";
    }

    /** Every party with a broker user of its own: the gateway and the six services. */
    public static List<String> parties() {
        return Stream.concat(
                        Stream.of(GATEWAY),
                        EVENTS_BY_OWNER.keySet().stream().sorted().map(Senders::application))
                .toList();
    }

    /** The owner ({@code *Rpc.SERVICE}) a party answers requests for; empty for the gateway. */
    public static Optional<String> ownerOf(String party) {
        return EVENTS_BY_OWNER.keySet().stream()
                .filter(owner -> application(owner).equals(party))
                .findFirst();
    }

    /** The routing keys (type ids) of the events a party publishes. */
    public static Set<String> eventsPublishedBy(String party) {
        return ownerOf(party)
                .map(owner -> EVENTS_BY_OWNER.get(owner).stream()
                        .map(Senders::typeId)
                        .collect(Collectors.toCollection(TreeSet::new)))
                .map(Set::copyOf)
                .orElse(Set.of());
    }

    /** The party that publishes events of type {@code typeId}. */
    public static String publisherOf(String typeId) {
        String owner = EVENT_OWNERS.get(typeId);
        if (owner == null) {
            throw new IllegalArgumentException("no service publishes " + typeId);
        }
        return application(owner);
    }

    /** The owners ({@code *Rpc.SERVICE}) whose exchanges a party may publish requests to. */
    public static Set<String> ownersCalledBy(String party) {
        if (GATEWAY.equals(party)) {
            return Set.copyOf(EVENTS_BY_OWNER.keySet());
        }
        return SERVICE_REQUESTS.getOrDefault(party, Set.of()).stream()
                .map(Operation::service)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The broker user of a party in this deployment. */
    public String userOf(String party) {
        return prefix + party;
    }

    /**
     * Why {@code sender} may not send this request, or empty if it may. A request that names a
     * caller ({@code callerId}) acts for a user: only the gateway, which authenticated that user,
     * may send one.
     */
    public Optional<String> refusesRequest(String sender, Operation<?, ?> operation, Object request) {
        if (!enforced || userOf(GATEWAY).equals(sender)) {
            return Optional.empty();
        }
        String party = partyOf(sender);
        if (party == null) {
            return Optional.of("unknown sender " + sender);
        }
        if (!SERVICE_REQUESTS.getOrDefault(party, Set.of()).contains(operation)) {
            return Optional.of(party + " may not send " + operation.routingKey());
        }
        if (namesCaller(request)) {
            return Optional.of(party + " may not act on behalf of a user");
        }
        return Optional.empty();
    }

    /** Why {@code sender} may not publish the event of type {@code typeId}, or empty if it may. */
    public Optional<String> refusesEvent(String sender, String typeId) {
        if (!enforced) {
            return Optional.empty();
        }
        String owner = EVENT_OWNERS.get(typeId);
        if (owner == null) {
            return Optional.of("no service publishes " + Untrusted.quoted(typeId));
        }
        if (!userOf(application(owner)).equals(sender)) {
            return Optional.of(typeId + " comes from " + application(owner) + " only, not from " + sender);
        }
        return Optional.empty();
    }

    /** Why a reply from {@code sender} to {@code operation} is not its owner's, or empty if it is. */
    public Optional<String> refusesReply(String sender, Operation<?, ?> operation) {
        if (!enforced || userOf(application(operation.service())).equals(sender)) {
            return Optional.empty();
        }
        return Optional.of(operation.routingKey() + " is answered by " + application(operation.service())
                + " only, not by " + sender);
    }

    private String partyOf(String user) {
        if (user == null || !user.startsWith(prefix)) {
            return null;
        }
        String party = user.substring(prefix.length());
        return parties().contains(party) ? party : null;
    }

    private static boolean namesCaller(Object request) {
        if (request == null || !request.getClass().isRecord()) {
            return false;
        }
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            if (component.getName().equals("callerId")) {
                try {
                    return component.getAccessor().invoke(request) != null;
                } catch (ReflectiveOperationException e) {
                    return true; // cannot tell: treat it as acting for a user
                }
            }
        }
        return false;
    }

    private static String typeId(Class<?> type) {
        return type.getAnnotation(MessageType.class).value();
    }

    private static Map<String, String> eventOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        EVENTS_BY_OWNER.forEach((owner, events) -> events.forEach(event -> owners.put(typeId(event), owner)));
        return Map.copyOf(owners);
    }
}
