package social.notification.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import social.contract.Acknowledged;
import social.contract.follow.UserFollowed;
import social.contract.like.LikeAdded;
import social.contract.notification.CountUnreadRequest;
import social.contract.notification.ListNotificationsRequest;
import social.contract.notification.MarkAllReadRequest;
import social.contract.notification.MarkReadRequest;
import social.contract.notification.NotificationBatchCreated;
import social.contract.notification.NotificationBatchCreated.Created;
import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationPage;
import social.contract.notification.NotificationType;
import social.contract.notification.UnreadCount;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEdited;
import social.notification.followgraph.FollowGraph;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;

/**
 * Notifications: created from other services' events (each applied once, in the caller's
 * transaction), read and marked read by their recipient. Every batch created is announced with
 * {@link NotificationBatchCreated} through the outbox, for live delivery.
 */
@Service
class Notifications {
    /** Notifications per {@link NotificationBatchCreated} message. */
    static final int ANNOUNCE_CHUNK = 500;

    private final NotificationStore store;
    private final FollowGraph followGraph;
    private final MentionResolver mentions;
    private final EventOutbox outbox;
    private final ErasedUsers erased;

    Notifications(
            NotificationStore store,
            FollowGraph followGraph,
            MentionResolver mentions,
            EventOutbox outbox,
            ErasedUsers erased) {
        this.store = store;
        this.followGraph = followGraph;
        this.mentions = mentions;
        this.outbox = outbox;
        this.erased = erased;
    }

    // ---- from events (each runs inside the inbox's transaction) ----

    void followed(UserFollowed event) {
        if (!actorIsLive(event.followerId())) {
            return;
        }
        announce(store.create(
                NotificationType.FOLLOW,
                event.followerId(),
                null,
                event.occurredAt(),
                List.of(event.followeeId()),
                List.of()));
    }

    void liked(LikeAdded event) {
        if (!actorIsLive(event.likerId())) {
            return;
        }
        store.lockPost(event.postId());
        announce(store.create(
                NotificationType.LIKE,
                event.likerId(),
                event.postId(),
                event.occurredAt(),
                List.of(event.postAuthorId()),
                List.of(event.postId())));
    }

    /**
     * REPOST to the original's author; or REPLY to the replied-to author, QUOTE to the quoted
     * author and MENTION to those mentioned (but not to those two, who heard of it already).
     */
    void postCreated(PostCreated post) {
        if (!actorIsLive(post.authorId())) {
            return;
        }
        Instant at = post.createdAt() != null ? post.createdAt() : post.occurredAt();
        if (post.repostOfId() != null) {
            store.lockPost(post.repostOfId());
            if (post.repostOfAuthorId() != null) {
                announce(store.create(
                        NotificationType.REPOST,
                        post.authorId(),
                        post.repostOfId(),
                        at,
                        List.of(post.repostOfAuthorId()),
                        List.of(post.postId(), post.repostOfId())));
            }
            return;
        }
        // asked before taking the post's lock: no other event of this post waits on user-service
        List<UUID> mentionedIds = mentions.resolve(post.mentionedUsernames());
        store.lockPost(post.postId());
        Set<UUID> mentioned =
                mentionRecipients(post.authorId(), mentionedIds, post.replyToAuthorId(), post.quoteOfAuthorId());
        Set<UUID> recipients = new LinkedHashSet<>(mentioned);
        recipients.add(post.replyToAuthorId());
        recipients.add(post.quoteOfAuthorId());
        store.holdRecipients(recipients); // all at once: the three inserts below take them again at no cost
        List<Created> created = new ArrayList<>();
        if (post.replyToId() != null && post.replyToAuthorId() != null) {
            created.addAll(store.create(
                    NotificationType.REPLY,
                    post.authorId(),
                    post.postId(),
                    at,
                    List.of(post.replyToAuthorId()),
                    List.of(post.postId(), post.replyToId())));
        }
        if (post.quoteOfId() != null && post.quoteOfAuthorId() != null) {
            created.addAll(store.create(
                    NotificationType.QUOTE,
                    post.authorId(),
                    post.postId(),
                    at,
                    List.of(post.quoteOfAuthorId()),
                    List.of(post.postId(), post.quoteOfId())));
        }
        if (!mentioned.isEmpty()) {
            created.addAll(store.create(
                    NotificationType.MENTION, post.authorId(), post.postId(), at, mentioned, List.of(post.postId())));
        }
        announce(created);
    }

    /**
     * MENTION to the users an edited post mentions for the first time: the event names every user
     * the post mentions now, and the unique key (recipient, type, actor, post) keeps those already
     * notified, by this post's creation or an earlier edit, at one.
     */
    void postEdited(PostEdited post) {
        if (!actorIsLive(post.authorId())) {
            return;
        }
        // asked before taking the post's lock, as for a new post
        List<UUID> mentionedIds = mentions.resolve(post.mentionedUsernames());
        store.lockPost(post.postId());
        Set<UUID> mentioned =
                mentionRecipients(post.authorId(), mentionedIds, post.replyToAuthorId(), post.quoteOfAuthorId());
        if (!mentioned.isEmpty()) {
            announce(store.create(
                    NotificationType.MENTION,
                    post.authorId(),
                    post.postId(),
                    post.editedAt() != null ? post.editedAt() : post.occurredAt(),
                    mentioned,
                    List.of(post.postId())));
        }
    }

    /** NEW_POST to every follower with notify on, for posts and replies (not reposts): batched writes. */
    void fanOut(PostCreated post) {
        if (post.repostOfId() != null || !actorIsLive(post.authorId())) {
            return;
        }
        store.lockPost(post.postId());
        List<UUID> followers = followGraph.notifyFollowersOf(post.authorId());
        if (!followers.isEmpty()) {
            announce(store.create(
                    NotificationType.NEW_POST,
                    post.authorId(),
                    post.postId(),
                    post.createdAt() != null ? post.createdAt() : post.occurredAt(),
                    followers,
                    List.of(post.postId())));
        }
    }

    /** A deleted post takes its notifications along; an undone repost its REPOST notification. */
    void postDeleted(PostDeleted event) {
        if (event.repostOfId() != null) {
            store.lockPost(event.repostOfId());
            store.repostUndone(event.authorId(), event.repostOfId());
        }
        store.lockPost(event.postId());
        store.postDeleted(event.postId());
    }

    /**
     * The mentioned users to notify: not the author, and not the replied-to or quoted author (who
     * get the REPLY or QUOTE of the same post).
     */
    static Set<UUID> mentionRecipients(
            UUID authorId, List<UUID> mentionedIds, UUID replyToAuthorId, UUID quoteOfAuthorId) {
        Set<UUID> recipients = new LinkedHashSet<>(mentionedIds);
        recipients.remove(authorId);
        recipients.remove(replyToAuthorId);
        recipients.remove(quoteOfAuthorId);
        recipients.remove(null);
        return recipients;
    }

    /**
     * Nothing is created by an erased account (an event of it still in flight): checked under the
     * account's shared lock, which its erasure takes exclusively, so what a late event would create
     * is either erased with the rest or never written. Erased recipients are left out by the insert.
     */
    private boolean actorIsLive(UUID actorId) {
        return erased.isLive(actorId);
    }

    private void announce(List<Created> created) {
        for (int from = 0; from < created.size(); from += ANNOUNCE_CHUNK) {
            outbox.publish(new NotificationBatchCreated(
                    Ids.newId(),
                    Instant.now(),
                    1,
                    created.subList(from, Math.min(from + ANNOUNCE_CHUNK, created.size()))));
        }
    }

    // ---- requests of the recipient ----

    NotificationPage list(ListNotificationsRequest request) {
        UUID caller = Objects.requireNonNull(request.callerId(), "callerId");
        int limit = PageLimit.clamp(request.limit());
        UUID before = IdCursor.parse(request.cursor(), IdCursor.NEWEST);
        List<NotificationItem> found = store.page(caller, request.unreadOnly(), before, limit + 1);
        return IdCursor.page(found, limit, NotificationItem::id, NotificationPage::new);
    }

    UnreadCount countUnread(CountUnreadRequest request) {
        return new UnreadCount(store.countUnread(Objects.requireNonNull(request.callerId(), "callerId")));
    }

    Acknowledged markRead(MarkReadRequest request) {
        if (request.notificationId() == null
                || !store.markRead(Objects.requireNonNull(request.callerId(), "callerId"), request.notificationId())) {
            throw ServiceException.notFound("no such notification");
        }
        return Acknowledged.INSTANCE;
    }

    Acknowledged markAllRead(MarkAllReadRequest request) {
        store.markAllRead(Objects.requireNonNull(request.callerId(), "callerId"));
        return Acknowledged.INSTANCE;
    }
}
