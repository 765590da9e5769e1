package social.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.like.LikeAdded;
import social.contract.notification.CountUnreadRequest;
import social.contract.notification.ListNotificationsRequest;
import social.contract.notification.MarkAllReadRequest;
import social.contract.notification.MarkReadRequest;
import social.contract.notification.NotificationBatchCreated;
import social.contract.notification.NotificationEvents;
import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationPage;
import social.contract.notification.NotificationRpc;
import social.contract.notification.NotificationType;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEdited;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.support.id.Ids;
import social.support.messaging.Topology;
import social.support.purge.PeriodicPurge;
import social.support.rpc.RpcEndpoint;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.Performance;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * notification-service against a real Postgres and RabbitMQ: events are published to its real
 * queues, its answers read over request/reply. user-service is stood in for by a test endpoint
 * that knows the usernames the tests register.
 */
@ServiceIntegrationTest
class NotificationServiceIT {
    static final Map<String, UUID> USERNAMES = new ConcurrentHashMap<>();
    static final Duration CONVERGE = Duration.ofSeconds(5);
    static final int FAN_OUT = 10_000;

    @TestConfiguration
    static class FakeUserService {
        @Bean
        RpcEndpoint fakeUserEndpoint(Topology topology) {
            return RpcEndpoint.answering(UserRpc.SERVICE, topology)
                    .on(
                            UserRpc.FIND_BY_USERNAMES,
                            request -> new UserSummaries(request.usernames().stream()
                                    .filter(USERNAMES::containsKey)
                                    .map(name -> new UserSummary(USERNAMES.get(name), name, name))
                                    .toList()))
                    .build();
        }
    }

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(NotificationEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PeriodicPurge deletedPostPurge;

    static UUID user(String username) {
        UUID id = Ids.newId();
        if (username != null) {
            USERNAMES.put(username, id);
        }
        return id;
    }

    /** The pair's first follow. */
    static UserFollowed followed(UUID follower, UUID followee, boolean notify) {
        return followed(follower, followee, notify, 1L, Instant.now());
    }

    static UserFollowed followed(UUID follower, UUID followee, boolean notify, long pairVersion, Instant at) {
        return new UserFollowed(Ids.newId(), at, 1, follower, followee, notify, pairVersion);
    }

    static UserUnfollowed unfollowed(UUID follower, UUID followee, long pairVersion, Instant at) {
        return new UserUnfollowed(Ids.newId(), at, 1, follower, followee, pairVersion);
    }

    static FollowNotifyChanged notifyChanged(
            UUID follower, UUID followee, boolean notify, long pairVersion, Instant at) {
        return new FollowNotifyChanged(Ids.newId(), at, 1, follower, followee, notify, pairVersion);
    }

    static LikeAdded liked(UUID post, UUID author, UUID liker) {
        return new LikeAdded(Ids.newId(), Instant.now(), 1, post, author, liker);
    }

    static PostCreated post(UUID author, String content, List<String> mentions) {
        return new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                author,
                content,
                Instant.now(),
                null,
                null,
                null,
                null,
                mentions,
                List.of(),
                null,
                null);
    }

    static PostCreated reply(UUID author, PostCreated to, List<String> mentions) {
        return new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                author,
                "a reply",
                Instant.now(),
                to.postId(),
                to.authorId(),
                null,
                null,
                mentions,
                List.of(),
                null,
                null);
    }

    static PostCreated repost(UUID author, PostCreated of) {
        return new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                author,
                "",
                Instant.now(),
                null,
                null,
                of.postId(),
                of.authorId(),
                List.of(),
                List.of(),
                null,
                null);
    }

    static PostCreated quote(UUID author, PostCreated of, List<String> mentions) {
        return new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                author,
                "a quote",
                Instant.now(),
                null,
                null,
                null,
                null,
                mentions,
                List.of(),
                of.postId(),
                of.authorId());
    }

    static PostEdited edited(PostCreated post, List<String> mentions) {
        return new PostEdited(
                Ids.newId(),
                Instant.now(),
                1,
                post.postId(),
                post.authorId(),
                "edited",
                Instant.now(),
                post.replyToId(),
                post.replyToAuthorId(),
                post.quoteOfId(),
                post.quoteOfAuthorId(),
                mentions,
                List.of());
    }

    List<NotificationItem> all(UUID recipient) {
        return rpc.call(NotificationRpc.LIST, new ListNotificationsRequest(recipient, false, 100, null))
                .items();
    }

    long count(UUID recipient, NotificationType type) {
        return all(recipient).stream().filter(n -> n.type() == type).count();
    }

    long unread(UUID recipient) {
        return rpc.call(NotificationRpc.COUNT_UNREAD, new CountUnreadRequest(recipient))
                .count();
    }

    /** Holds for a while: what a redelivered or repeated event would have changed has had its chance. */
    void staysAt(UUID recipient, NotificationType type, long expected) {
        await().during(Duration.ofMillis(600))
                .atMost(CONVERGE)
                .untilAsserted(() -> assertThat(count(recipient, type)).isEqualTo(expected));
    }

    @Test
    void aFollowNotifiesTheFolloweeOnceEvenIfTheEventIsRedelivered() {
        UUID alice = user(null);
        UUID bob = user(null);
        UserFollowed follow = followed(bob, alice, false);
        replay.deliver(follow);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(all(alice)).singleElement().satisfies(n -> {
                    assertThat(n.type()).isEqualTo(NotificationType.FOLLOW);
                    assertThat(n.actorId()).isEqualTo(bob);
                    assertThat(n.postId()).isNull();
                    assertThat(n.read()).isFalse();
                }));
        replay.deliver(follow);
        // unfollowing and following again (a new event) does not notify a second time either
        replay.deliver(unfollowed(bob, alice, 2L, Instant.now()));
        replay.deliver(followed(bob, alice, false, 3L, Instant.now()));
        staysAt(alice, NotificationType.FOLLOW, 1);
        assertThat(all(bob)).isEmpty();
    }

    @Test
    void aLikeNotifiesThePostAuthorOnceAndNeverForTheirOwnPost() {
        UUID author = user(null);
        UUID fan = user(null);
        UUID post = Ids.newId();
        LikeAdded like = liked(post, author, fan);
        replay.deliver(like);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(all(author)).singleElement().satisfies(n -> {
                    assertThat(n.type()).isEqualTo(NotificationType.LIKE);
                    assertThat(n.actorId()).isEqualTo(fan);
                    assertThat(n.postId()).isEqualTo(post);
                }));
        replay.deliver(like); // redelivered
        replay.deliver(liked(post, author, fan)); // liked again after an unlike
        replay.deliver(liked(post, author, author)); // the author likes their own post
        staysAt(author, NotificationType.LIKE, 1);
    }

    @Test
    void aReplyNotifiesTheRepliedToAuthorOnlyOnceAndMentionsNotifyTheOthers() {
        UUID alice = user("alice_" + suffix());
        UUID bob = user("bob_" + suffix());
        UUID carol = user("carol_" + suffix());
        String aliceName = name(alice);
        PostCreated original = post(alice, "hello", List.of());
        replay.deliver(original);
        // bob replies to alice, mentioning alice (already told by the REPLY), carol, himself and nobody
        PostCreated reply = reply(bob, original, List.of(aliceName, name(carol), name(bob), "nobody_" + suffix()));
        replay.deliver(reply);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(all(alice)).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.REPLY);
                assertThat(n.actorId()).isEqualTo(bob);
                assertThat(n.postId()).isEqualTo(reply.postId());
            });
            assertThat(all(carol)).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.MENTION);
                assertThat(n.actorId()).isEqualTo(bob);
                assertThat(n.postId()).isEqualTo(reply.postId());
            });
        });
        replay.deliver(reply); // redelivered
        // alice replies to her own post: nobody is notified
        replay.deliver(reply(alice, original, List.of(aliceName)));
        staysAt(alice, NotificationType.REPLY, 1);
        assertThat(count(alice, NotificationType.MENTION)).isZero();
        assertThat(count(carol, NotificationType.MENTION)).isEqualTo(1);
        assertThat(all(bob)).isEmpty();
    }

    @Test
    void aQuoteNotifiesTheQuotedAuthorOnceWithoutAMentionOnTopButNeverOfTheirOwnPost() {
        UUID alice = user("alice_" + suffix());
        UUID bob = user("bob_" + suffix());
        UUID carol = user("carol_" + suffix());
        PostCreated original = post(alice, "quotable", List.of());
        PostCreated quote = quote(bob, original, List.of(name(alice), name(carol)));
        replay.deliver(quote);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(all(alice)).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.QUOTE);
                assertThat(n.actorId()).isEqualTo(bob);
                assertThat(n.postId()).isEqualTo(quote.postId());
            });
            assertThat(count(carol, NotificationType.MENTION)).isEqualTo(1);
        });
        replay.deliver(quote); // redelivered
        replay.deliver(quote(alice, original, List.of())); // she quotes herself
        staysAt(alice, NotificationType.QUOTE, 1);
        assertThat(count(alice, NotificationType.MENTION)).isZero();

        // a quote of a post known to be deleted notifies nobody
        PostCreated doomed = post(alice, "doomed", List.of());
        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, doomed.postId(), alice, null, null));
        await().atMost(CONVERGE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM deleted_post WHERE post_id = ?", Long.class, doomed.postId())
                        == 1);
        replay.deliver(quote(carol, doomed, List.of()));
        staysAt(alice, NotificationType.QUOTE, 1);
    }

    @Test
    void anEditNotifiesOnlyTheUsersItMentionsForTheFirstTime() {
        UUID alice = user("alice_" + suffix());
        UUID bob = user("bob_" + suffix());
        UUID carol = user("carol_" + suffix());
        UUID dave = user("dave_" + suffix());
        PostCreated original = post(alice, "hello", List.of());
        // bob replies to alice mentioning carol; edits mention dave too, then alice (who has the REPLY)
        PostCreated reply = reply(bob, original, List.of(name(carol)));
        replay.deliver(reply);
        await().atMost(CONVERGE).until(() -> count(carol, NotificationType.MENTION) == 1);

        PostEdited edit = edited(reply, List.of(name(carol), name(dave)));
        replay.deliver(edit);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(all(dave)).singleElement().satisfies(n -> {
                    assertThat(n.type()).isEqualTo(NotificationType.MENTION);
                    assertThat(n.actorId()).isEqualTo(bob);
                    assertThat(n.postId()).isEqualTo(reply.postId());
                }));
        replay.deliver(edit); // redelivered
        replay.deliver(edited(reply, List.of(name(dave), name(alice), name(bob)))); // carol dropped, then back
        replay.deliver(edited(reply, List.of(name(carol), name(dave))));
        staysAt(dave, NotificationType.MENTION, 1);
        assertThat(count(carol, NotificationType.MENTION)).isEqualTo(1);
        assertThat(all(alice))
                .singleElement()
                .satisfies(n -> assertThat(n.type()).isEqualTo(NotificationType.REPLY));
        assertThat(all(bob)).isEmpty();

        // an edit of a deleted post notifies nobody
        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, reply.postId(), bob, original.postId(), null));
        await().atMost(CONVERGE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM deleted_post WHERE post_id = ?", Long.class, reply.postId())
                        == 1);
        UUID erin = user("erin_" + suffix());
        replay.deliver(edited(reply, List.of(name(erin))));
        staysAt(erin, NotificationType.MENTION, 0);
    }

    @Test
    void aRepostNotifiesTheOriginalsAuthorUntilItIsUndone() {
        UUID alice = user(null);
        UUID bob = user(null);
        PostCreated original = post(alice, "worth sharing", List.of());
        PostCreated repost = repost(bob, original);
        replay.deliver(repost);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(all(alice)).singleElement().satisfies(n -> {
                    assertThat(n.type()).isEqualTo(NotificationType.REPOST);
                    assertThat(n.actorId()).isEqualTo(bob);
                    assertThat(n.postId()).isEqualTo(original.postId());
                }));
        replay.deliver(repost); // redelivered
        replay.deliver(repost(alice, original)); // her own repost
        staysAt(alice, NotificationType.REPOST, 1);

        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, repost.postId(), bob, null, original.postId()));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(all(alice)).isEmpty());
        replay.deliver(repost); // arriving late: the repost is gone, so is its notification
        staysAt(alice, NotificationType.REPOST, 0);
    }

    @Test
    void aNewPostNotifiesTheFollowersWhoAskedForIt() {
        UUID author = user(null);
        UUID keen = user(null);
        UUID quiet = user(null);
        UUID changedMind = user(null);
        UUID gone = user(null);
        UUID lateKeen = user(null);
        replay.deliver(followed(keen, author, true));
        replay.deliver(followed(quiet, author, false));
        UserFollowed changedMindFollow = followed(changedMind, author, true);
        replay.deliver(changedMindFollow);
        replay.deliver(notifyChanged(changedMind, author, false, 2L, Instant.now()));
        replay.deliver(followed(gone, author, true));
        replay.deliver(unfollowed(gone, author, 2L, Instant.now()));
        // a notify switch that arrives before the follow it came after still wins
        replay.deliver(notifyChanged(lateKeen, author, true, 2L, Instant.now()));
        replay.deliver(followed(lateKeen, author, false, 1L, Instant.now()));
        replay.deliver(changedMindFollow); // redelivered: must not switch notify back on
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM follow WHERE followee_id = ?", Long.class, author))
                        .isEqualTo(5));
        await().during(Duration.ofMillis(300))
                .atMost(CONVERGE)
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT follower_id FROM follow WHERE followee_id = ? AND following AND notify",
                                UUID.class,
                                author))
                        .containsExactlyInAnyOrder(keen, lateKeen));

        PostCreated post = post(author, "news", List.of());
        replay.deliver(post);
        PostCreated reply = reply(author, post(quiet, "q", List.of()), List.of());
        replay.deliver(reply);
        replay.deliver(repost(author, post(quiet, "r", List.of()))); // reposts are not new posts
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(all(keen))
                    .extracting(NotificationItem::type, NotificationItem::postId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(NotificationType.NEW_POST, post.postId()),
                            org.assertj.core.groups.Tuple.tuple(NotificationType.NEW_POST, reply.postId()));
            assertThat(count(lateKeen, NotificationType.NEW_POST)).isEqualTo(2);
        });
        replay.deliver(post); // redelivered
        staysAt(keen, NotificationType.NEW_POST, 2);
        assertThat(count(quiet, NotificationType.NEW_POST)).isZero();
        assertThat(all(changedMind)).isEmpty();
        assertThat(all(gone)).isEmpty();
        assertThat(count(author, NotificationType.NEW_POST)).isZero();
    }

    @Test
    void theChangeWithTheHigherPairVersionWinsWhateverTheClocksThatStampedThem() {
        UUID author = user(null);
        UUID unfollower = user(null);
        UUID quietened = user(null);
        UUID lateFollow = user(null);
        UUID refollower = user(null);
        Instant now = Instant.now();
        // the unfollow comes from an instance whose clock was stepped back a minute
        replay.deliver(followed(unfollower, author, true, 1L, now));
        replay.deliver(unfollowed(unfollower, author, 2L, now.minusSeconds(60)));
        // so does the switch to notify off
        replay.deliver(followed(quietened, author, true, 1L, now));
        replay.deliver(notifyChanged(quietened, author, false, 2L, now.minusSeconds(60)));
        // an old follow, stamped by a clock running ahead, arrives after the unfollow that ended it
        replay.deliver(unfollowed(lateFollow, author, 2L, now));
        replay.deliver(followed(lateFollow, author, true, 1L, now.plusSeconds(60)));
        // unfollowed and followed again (notify on) at a stepped-back clock: the follow is the latest
        replay.deliver(followed(refollower, author, false, 1L, now));
        replay.deliver(unfollowed(refollower, author, 2L, now));
        replay.deliver(followed(refollower, author, true, 3L, now.minusSeconds(60)));

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM follow WHERE followee_id = ?", Long.class, author))
                        .isEqualTo(4));
        await().during(Duration.ofMillis(600))
                .atMost(CONVERGE)
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT follower_id FROM follow WHERE followee_id = ? AND following",
                                UUID.class,
                                author))
                        .containsExactlyInAnyOrder(quietened, refollower));
        assertThat(jdbc.queryForList(
                        "SELECT follower_id FROM follow WHERE followee_id = ? AND following AND notify",
                        UUID.class,
                        author))
                .containsExactly(refollower);
    }

    @Test
    void eventsFromBeforePairVersionsStillApplyByTimeButNeverOverAVersionedChange() {
        UUID author = user(null);
        UUID fan = user(null);
        Instant now = Instant.now();
        replay.deliver(followed(fan, author, true, 0L, now.minusSeconds(3)));
        replay.deliver(unfollowed(fan, author, 0L, now.minusSeconds(2)));
        replay.deliver(followed(fan, author, true, 0L, now.minusSeconds(4))); // older: loses
        await().during(Duration.ofMillis(600))
                .atMost(CONVERGE)
                .untilAsserted(() -> assertThat(following(fan, author)).isFalse());
        replay.deliver(followed(fan, author, true, 0L, now.minusSeconds(1)));
        await().atMost(CONVERGE).until(() -> following(fan, author));

        // followers-service upgraded: the pair's count starts at 1
        replay.deliver(unfollowed(fan, author, 1L, now.minusSeconds(60)));
        await().atMost(CONVERGE).until(() -> !following(fan, author));
        replay.deliver(followed(fan, author, true, 0L, now.plusSeconds(60)));
        await().during(Duration.ofMillis(600))
                .atMost(CONVERGE)
                .untilAsserted(() -> assertThat(following(fan, author)).isFalse());
    }

    private boolean following(UUID follower, UUID followee) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM follow WHERE follower_id = ? AND followee_id = ? AND following",
                        Long.class,
                        follower,
                        followee)
                == 1;
    }

    @Test
    void deletingAPostRemovesEveryNotificationPointingAtIt() {
        UUID author = user("dora_" + suffix());
        UUID follower = user(null);
        UUID mentioned = user("mia_" + suffix());
        UUID fan = user(null);
        replay.deliver(followed(follower, author, true));
        await().atMost(CONVERGE).until(() -> count(author, NotificationType.FOLLOW) == 1);
        await().atMost(CONVERGE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM follow WHERE followee_id = ? AND notify", Long.class, author)
                        == 1);
        PostCreated post = post(author, "soon gone @mia", List.of(name(mentioned)));
        PostCreated kept = post(author, "stays", List.of());
        replay.deliver(post);
        replay.deliver(kept);
        replay.deliver(liked(post.postId(), author, fan));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(count(follower, NotificationType.NEW_POST)).isEqualTo(2);
            assertThat(count(mentioned, NotificationType.MENTION)).isEqualTo(1);
            assertThat(count(author, NotificationType.LIKE)).isEqualTo(1);
        });

        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, post.postId(), author, null, null));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(all(follower)).extracting(NotificationItem::postId).containsExactly(kept.postId());
            assertThat(all(mentioned)).isEmpty();
            assertThat(count(author, NotificationType.LIKE)).isZero();
        });
        assertThat(count(author, NotificationType.FOLLOW)).isEqualTo(1);
        // a like of the deleted post that arrives late notifies nobody
        replay.deliver(liked(post.postId(), author, user(null)));
        staysAt(author, NotificationType.LIKE, 0);
    }

    @Test
    void listsNewestFirstPageByPageCountsUnreadAndMarksRead() {
        UUID me = user(null);
        UUID stranger = user(null);
        List<UUID> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID post = Ids.newId();
            posts.add(post);
            replay.deliver(liked(post, me, user(null)));
        }
        await().atMost(CONVERGE).until(() -> unread(me) == 5);

        List<NotificationItem> walked = new ArrayList<>();
        String cursor = null;
        do {
            NotificationPage page = rpc.call(NotificationRpc.LIST, new ListNotificationsRequest(me, false, 2, cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            walked.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(walked).hasSize(5);
        assertThat(walked)
                .extracting(NotificationItem::id)
                .isSortedAccordingTo((a, b) -> b.toString().compareTo(a.toString()));
        assertThat(walked).extracting(NotificationItem::postId).containsExactlyInAnyOrderElementsOf(posts);

        NotificationItem newest = walked.get(0);
        assertThat(rpc.refusal(NotificationRpc.MARK_READ, new MarkReadRequest(stranger, newest.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(NotificationRpc.MARK_READ, new MarkReadRequest(me, Ids.newId()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        rpc.call(NotificationRpc.MARK_READ, new MarkReadRequest(me, newest.id()));
        assertThat(unread(me)).isEqualTo(4);
        List<NotificationItem> unreadOnly = rpc.call(
                        NotificationRpc.LIST, new ListNotificationsRequest(me, true, 100, null))
                .items();
        assertThat(unreadOnly)
                .hasSize(4)
                .noneMatch(NotificationItem::read)
                .extracting(NotificationItem::id)
                .doesNotContain(newest.id());
        assertThat(all(me).get(0).read()).isTrue();

        rpc.call(NotificationRpc.MARK_ALL_READ, new MarkAllReadRequest(me));
        assertThat(unread(me)).isZero();
        assertThat(rpc.call(NotificationRpc.LIST, new ListNotificationsRequest(me, true, 100, null))
                        .items())
                .isEmpty();
        assertThat(rpc.refusal(NotificationRpc.LIST, new ListNotificationsRequest(me, false, 10, "bogus"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    /**
     * 10,000 followers with notify on (seeded straight into the local follow copy), one post:
     * 10,000 NEW_POST rows, written in batches, announced in a handful of messages.
     */
    @Test
    void fansOutANewPostToTenThousandFollowersInBatches() {
        PostCreated post = post(authorWithNotifyFollowers(FAN_OUT), "to the crowd", List.of());
        replay.deliver(post);
        awaitFannedOut(post);

        int announced = 0;
        int messages = 0;
        while (announced < FAN_OUT) {
            NotificationBatchCreated batch = events.next(
                    NotificationBatchCreated.class,
                    b -> b.notifications().stream().anyMatch(n -> post.postId().equals(n.postId())));
            assertThat(batch.notifications())
                    .allSatisfy(n -> assertThat(n.postId()).isEqualTo(post.postId()));
            announced += batch.notifications().size();
            messages++;
        }
        assertThat(announced).isEqualTo(FAN_OUT);
        assertThat(messages).isLessThanOrEqualTo(FAN_OUT / 100);
    }

    /** docs/features/notifications.md: 10,000 notify-followers take about 0.5-0.7 s; the budget leaves room for a busy machine. */
    @Test
    @Performance
    void aNewPostIsStoredForTenThousandNotifyFollowersWithinTwoSeconds() {
        PostCreated post = post(authorWithNotifyFollowers(FAN_OUT), "to the crowd, timed", List.of());
        long started = System.nanoTime();
        replay.deliver(post);
        awaitFannedOut(post);
        Duration stored = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf(
                "FAN-OUT: %d NEW_POST notifications stored %d ms after the event was published%n",
                FAN_OUT, stored.toMillis());
        assertThat(stored).isLessThan(Duration.ofSeconds(2));
    }

    /** An author whose {@code followers} followers all asked to be notified (seeded into the local follow copy). */
    UUID authorWithNotifyFollowers(int followers) {
        UUID author = user(null);
        Timestamp at = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(followers);
        for (int i = 0; i < followers; i++) {
            rows.add(new Object[] {Ids.newId(), author, at});
        }
        jdbc.batchUpdate(
                "INSERT INTO follow (follower_id, followee_id, following, notify, changed_at) VALUES (?, ?, true, true, ?)",
                rows);
        return author;
    }

    void awaitFannedOut(PostCreated post) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM notification WHERE post_id = ? AND type = 'NEW_POST'",
                                Long.class,
                                post.postId())
                        == FAN_OUT);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String name(UUID user) {
        return USERNAMES.entrySet().stream()
                .filter(e -> e.getValue().equals(user))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    @Test
    void tombstonesArePurgedOnceTheRetentionPassedAndRecentOnesStay() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO deleted_post (post_id, deleted_at) VALUES (?, ?), (?, ?)",
                old,
                Timestamp.from(Instant.now().minus(Duration.ofDays(31))),
                recent,
                Timestamp.from(Instant.now().minus(Duration.ofDays(29))));

        deletedPostPurge.runOnce();

        assertThat(jdbc.queryForList(
                        "SELECT post_id FROM deleted_post WHERE post_id IN (?, ?)", UUID.class, old, recent))
                .containsExactly(recent);
    }
}
