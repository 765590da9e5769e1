package social.contract.registry;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import social.contract.auth.UserDeleted;
import social.contract.auth.UserRegistered;
import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.FollowsErased;
import social.contract.follow.UserBlocked;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserMuted;
import social.contract.follow.UserUnblocked;
import social.contract.follow.UserUnfollowed;
import social.contract.follow.UserUnmuted;
import social.contract.like.LikeAdded;
import social.contract.like.LikesErased;
import social.contract.notification.NotificationsErased;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEdited;
import social.contract.post.PostsErased;
import social.contract.user.ProfileErased;

/**
 * The closed set of durable event subscriptions: which service's concern takes which events. A
 * publisher holds an event in its outbox until the queue of every subscription that takes it
 * exists, so that a subscriber started after the publisher still gets every event it subscribes
 * to; and a service declares exactly the subscriptions listed here for it, or does not start, so
 * that the table never drifts from the code. Adding a subscription means adding it here first.
 * Per-instance subscriptions (the gateway's), which may miss events by design, are not listed.
 */
public final class Subscriptions {
    private static final Subscriptions CONTRACT = new Subscriptions(List.of(
            Subscription.of("like-service", "deleted-posts", PostDeleted.class),
            Subscription.of(
                    "notification-service",
                    "notifications",
                    UserFollowed.class,
                    LikeAdded.class,
                    PostCreated.class,
                    PostDeleted.class,
                    PostEdited.class),
            Subscription.of("notification-service", "new-posts", PostCreated.class),
            Subscription.of(
                    "notification-service",
                    "follow-graph",
                    UserFollowed.class,
                    UserUnfollowed.class,
                    FollowNotifyChanged.class),
            Subscription.of("post-service", "follow-graph", UserFollowed.class, UserUnfollowed.class),
            Subscription.of(
                    "user-service",
                    "profile-counters",
                    UserFollowed.class,
                    UserUnfollowed.class,
                    PostCreated.class,
                    PostDeleted.class),
            Subscription.of("user-service", "registrations", UserRegistered.class),
            // leaving (issue 14): every service erases a deleted account and says so to auth-service
            Subscription.of("user-service", "account-erasure", UserDeleted.class),
            Subscription.of("post-service", "account-erasure", UserDeleted.class),
            Subscription.of("followers-service", "account-erasure", UserDeleted.class),
            Subscription.of("like-service", "account-erasure", UserDeleted.class),
            Subscription.of("notification-service", "account-erasure", UserDeleted.class),
            Subscription.of(
                    "auth-service",
                    "erasures",
                    ProfileErased.class,
                    PostsErased.class,
                    FollowsErased.class,
                    LikesErased.class,
                    NotificationsErased.class),
            blocks("post-service"),
            blocks("like-service"),
            blocks("notification-service")));

    /** The copy of the block and mute lists that a service keeps (service-support's {@code social.support.blocks}). */
    private static Subscription blocks(String service) {
        return Subscription.of(
                service, "blocks", UserBlocked.class, UserUnblocked.class, UserMuted.class, UserUnmuted.class);
    }

    private final List<Subscription> all;

    /** @param all subscriptions, each (service, concern) once */
    public Subscriptions(List<Subscription> all) {
        Set<String> names = new HashSet<>();
        for (Subscription subscription : all) {
            if (!names.add(subscription.name())) {
                throw new IllegalArgumentException("subscription " + subscription.name() + " listed twice");
            }
        }
        this.all = List.copyOf(all);
    }

    /** The contract's table: every durable subscription of the services. */
    public static Subscriptions contract() {
        return CONTRACT;
    }

    public static Subscriptions of(Subscription... subscriptions) {
        return new Subscriptions(List.of(subscriptions));
    }

    public List<Subscription> all() {
        return all;
    }

    /** The subscriptions of one service. */
    public List<Subscription> of(String service) {
        return all.stream().filter(s -> s.service().equals(service)).toList();
    }

    public Optional<Subscription> find(String service, String concern) {
        return all.stream()
                .filter(s -> s.service().equals(service) && s.concern().equals(concern))
                .findFirst();
    }

    /** The subscriptions that take the events of type {@code typeId} (a routing key): whose queues it waits for. */
    public List<Subscription> takersOf(String typeId) {
        return all.stream().filter(s -> s.takes(typeId)).toList();
    }

    /**
     * Why a subscription that {@code service} declares for {@code concern}, taking {@code handled},
     * disagrees with this table, or empty if it is listed so.
     */
    public Optional<String> mismatch(String service, String concern, Set<Class<?>> handled) {
        Set<String> declared = handled.stream().map(MessageTypes::idOf).collect(Collectors.toCollection(TreeSet::new));
        Optional<Subscription> listed = find(service, concern);
        if (listed.isEmpty()) {
            return Optional.of(service + "." + concern + " (taking " + declared
                    + ") is not in the inventory of subscriptions (social.contract.registry.Subscriptions):"
                    + " add it there, so that publishers wait for its queue");
        }
        if (!listed.get().eventTypes().equals(declared)) {
            return Optional.of(service + "." + concern + " takes " + declared
                    + " but the inventory of subscriptions (social.contract.registry.Subscriptions) lists "
                    + listed.get().eventTypes() + ": make them agree");
        }
        return Optional.empty();
    }
}
