package social.contract.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import social.contract.Acknowledged;
import social.contract.ErrorReply;
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
import social.contract.user.UserEvents;
import social.contract.user.UserRpc;

/**
 * The closed set of messages that may cross the broker, by logical type id: each owner's
 * operations ({@code *Rpc}) and events ({@code *Events}). A message whose type is not listed
 * here is rejected before any JSON is bound to a class. A package of its own, above the
 * message packages, so that they never depend on it.
 */
public final class MessageTypes {

    private static final List<Class<?>> ALL = concat(
            List.of(ErrorReply.class, Acknowledged.class),
            AuthRpc.MESSAGES,
            AuthEvents.MESSAGES,
            UserRpc.MESSAGES,
            UserEvents.MESSAGES,
            PostRpc.MESSAGES,
            PostEvents.MESSAGES,
            FollowRpc.MESSAGES,
            FollowEvents.MESSAGES,
            LikeRpc.MESSAGES,
            LikeEvents.MESSAGES,
            NotificationRpc.MESSAGES,
            NotificationEvents.MESSAGES);

    private static final Map<String, Class<?>> BY_ID = new HashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new HashMap<>();

    static {
        for (Class<?> type : ALL) {
            MessageType annotation = type.getAnnotation(MessageType.class);
            if (annotation == null) {
                throw new IllegalStateException(type.getName() + " lacks @MessageType");
            }
            if (BY_ID.putIfAbsent(annotation.value(), type) != null) {
                throw new IllegalStateException("duplicate message type id " + annotation.value());
            }
            BY_CLASS.put(type, annotation.value());
        }
    }

    private MessageTypes() {}

    @SafeVarargs
    private static List<Class<?>> concat(List<Class<?>>... groups) {
        List<Class<?>> all = new ArrayList<>();
        for (List<Class<?>> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }

    public static List<Class<?>> all() {
        return ALL;
    }

    /** The type id of a registered message class. */
    public static String idOf(Class<?> type) {
        String id = BY_CLASS.get(type);
        if (id == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered message type");
        }
        return id;
    }

    public static Optional<Class<?>> classOf(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }
}
