package social.support.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The least rights of each party's broker user on the stack's virtual host, derived from
 * {@link Senders} and the names of {@link MessagingNames}: written once, used by
 * {@code scripts/run-local.sh}, docker compose ({@code StackSecrets}), {@code scripts/broker-users.sh}
 * (Kubernetes) and the tests alike.
 *
 * <ul>
 *   <li><b>configure</b> (declare, delete): the shared exchanges, the party's own request exchange and
 *       queue, its own queues ({@code <party>.*}: event queues, their dead-letter queues, per-instance
 *       queues), and the request exchanges of the services it asks (declared so that a request to a
 *       service that never started comes back at once).
 *   <li><b>write</b> (publish, and bind a queue): the events exchange for a party that publishes
 *       events, the request exchanges it may send to, its own queues, the dead-letter exchange (a
 *       queue may only name a dead-letter exchange its declarer can write to), and for a service
 *       {@code amq.default}, through which replies go to the caller's direct reply-to.
 *   <li><b>read</b> (consume, and be bound from): its own request exchange and queue, its own queues,
 *       the events exchange and the dead-letter exchange. Only auth-service can bind a queue to
 *       {@code auth.rpc} or consume {@code auth.rpc.requests}.
 *   <li><b>topic write</b> on the events exchange: the routing keys of the party's own events only.
 * </ul>
 *
 * <p>{@code amq.default} lets a service publish straight into any queue by name: what it can put there
 * carries its own validated {@code user_id}, which the receiver checks ({@link Senders}).
 *
 * <p>Besides the parties, the {@link #operator operator}: a person at the management UI, who may look at
 * the virtual host and take messages out of the dead-letter queues, and may declare, bind or publish
 * nothing (docs/running.md, "The management UI").
 */
public final class BrokerPermissions {

    /** The rights of one broker user; the regexes are anchored (RabbitMQ matches them unanchored). */
    public record Grant(
            String party,
            String user,
            String configure,
            String write,
            String read,
            String eventsExchange,
            String topicWrite,
            String topicRead,
            String tags) {}

    /** The operator's party name; its broker user is {@code <prefix>operator}. */
    public static final String OPERATOR = "operator";

    private BrokerPermissions() {}

    /** One grant per party, for names under {@code prefix}. */
    public static List<Grant> grants(String prefix) {
        MessagingNames names = new MessagingNames(prefix, "");
        Senders senders = Senders.enforced(prefix);
        List<Grant> grants = new ArrayList<>();
        for (String party : Senders.parties()) {
            Optional<String> owner = Senders.ownerOf(party);
            Set<String> events = Senders.eventsPublishedBy(party);
            String ownQueues = prefix + party + ".";
            List<String> configure = new ArrayList<>();
            List<String> write = new ArrayList<>();
            List<String> read = new ArrayList<>();
            configure.addAll(List.of(quote(names.eventsExchange()), quote(names.deadLetterExchange())));
            read.add(quote(names.eventsExchange()));
            write.add(quote(names.deadLetterExchange()));
            if (!events.isEmpty()) {
                write.add(quote(names.eventsExchange()));
            }
            owner.ifPresent(own -> {
                configure.addAll(List.of(quote(names.rpcExchange(own)), quote(names.rpcQueue(own))));
                write.addAll(List.of(quote(names.rpcQueue(own)), "amq\\.default"));
                read.addAll(List.of(
                        quote(names.rpcExchange(own)), quote(names.rpcQueue(own)), quote(names.deadLetterExchange())));
            });
            for (String callee : new TreeSet<>(Senders.ownersCalledBy(party))) {
                configure.add(quote(names.rpcExchange(callee)));
                write.add(quote(names.rpcExchange(callee)));
            }
            String own = quote(ownQueues) + ".+";
            configure.add(own);
            write.add(own);
            read.add(own);
            grants.add(new Grant(
                    party,
                    senders.userOf(party),
                    anchored(configure),
                    anchored(write),
                    anchored(read),
                    names.eventsExchange(),
                    events.isEmpty()
                            ? "^$"
                            : anchored(events.stream()
                                    .map(BrokerPermissions::quote)
                                    .toList()),
                    ".*",
                    ""));
        }
        return grants;
    }

    /**
     * The operator at the management UI (tag {@code management}): sees the virtual host's queues,
     * exchanges and rates, may get (and so remove) messages from the dead-letter queues ({@code *.dlq}),
     * and has no right to declare, bind or publish anything: not to the services' exchanges, not through
     * {@code amq.default}.
     */
    public static Grant operator(String prefix) {
        MessagingNames names = new MessagingNames(prefix, "");
        String deadLetterQueues = quote(prefix) + ".+" + quote(names.deadLetterQueue(""));
        return new Grant(
                OPERATOR,
                prefix + OPERATOR,
                "^$",
                "^$",
                anchored(List.of(deadLetterQueues)),
                names.eventsExchange(),
                "^$",
                "^$",
                "management");
    }

    /** Every broker user of a stack: the parties' and the operator's. */
    public static List<Grant> users(String prefix) {
        List<Grant> users = new ArrayList<>(grants(prefix));
        users.add(operator(prefix));
        return users;
    }

    private static String anchored(List<String> alternatives) {
        return "^(" + alternatives.stream().distinct().collect(Collectors.joining("|")) + ")$";
    }

    /** Escapes a literal name for a regex (names hold dots and dashes). */
    static String quote(String literal) {
        StringBuilder quoted = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    /**
     * Prints one tab-separated line per broker user ({@link #users}): party, user, configure, write, read,
     * events exchange, topic write, topic read, tags (comma-separated, {@code -} for none). For scripts:
     * {@code java -cp ... social.support.messaging.BrokerPermissions [prefix]}.
     */
    public static void main(String[] args) {
        String prefix = args.length > 0 ? args[0] : "";
        for (Grant grant : users(prefix)) {
            System.out.println(String.join(
                    "\t",
                    grant.party(),
                    grant.user(),
                    grant.configure(),
                    grant.write(),
                    grant.read(),
                    grant.eventsExchange(),
                    grant.topicWrite(),
                    grant.topicRead(),
                    grant.tags().isEmpty() ? "-" : grant.tags()));
        }
    }
}
