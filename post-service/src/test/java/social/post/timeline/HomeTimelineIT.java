package social.post.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.CreatePostRequest;
import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.Post;
import social.contract.post.PostRpc;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * The home timeline follows post-service's copy of the follow graph, which the follow events
 * (published here to the events exchange, as followers-service's relay would) keep current.
 */
@ServiceIntegrationTest
class HomeTimelineIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Test
    void followedAuthorsPostsComeAndGoWithTheFollowEvenWhenEventsAreRedelivered() {
        UUID reader = UUID.randomUUID();
        UUID author = UUID.randomUUID();
        UUID own = post(reader, "own");
        UUID older = post(author, "older");
        assertThat(timeline(reader)).containsExactly(own);

        UserFollowed followed = new UserFollowed(Ids.newId(), Instant.now(), 1, reader, author, false, 1L);
        replay.deliver(followed);
        await().atMost(Duration.ofSeconds(2)).until(() -> timeline(reader).equals(List.of(older, own)));

        UserUnfollowed unfollowed = new UserUnfollowed(Ids.newId(), Instant.now(), 1, reader, author, 2L);
        replay.deliver(unfollowed);
        replay.deliver(followed); // a redelivered follow must not bring the author back
        UUID marker = post(reader, "marker");
        await().atMost(Duration.ofSeconds(2)).until(() -> timeline(reader).equals(List.of(marker, own)));
    }

    @Test
    void aFollowArrivingAfterTheLaterUnfollowDoesNotBringTheAuthorBack() {
        UUID reader = UUID.randomUUID();
        UUID author = UUID.randomUUID();
        UUID own = post(reader, "own");
        UUID authors = post(author, "by the author");
        // the follow was dead-lettered while the unfollow after it went through; now it is replayed
        UserFollowed followed = new UserFollowed(Ids.newId(), Instant.now(), 1, reader, author, false, 1L);
        replay.deliver(new UserUnfollowed(Ids.newId(), Instant.now(), 1, reader, author, 2L));
        replay.deliver(followed);

        UUID markers = followMarker(reader);
        assertThat(timeline(reader)).containsExactly(markers, own);

        // following again continues the pair's sequence
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, reader, author, false, 3L));
        await().atMost(Duration.ofSeconds(2)).until(() -> timeline(reader).equals(List.of(markers, authors, own)));
    }

    @Test
    void followEventsFromBeforePairVersionsApplyInOrderUntilAVersionedOneArrives() {
        UUID reader = UUID.randomUUID();
        UUID author = UUID.randomUUID();
        UUID own = post(reader, "own");
        UUID authors = post(author, "by the author");
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, reader, author, false, null));
        await().atMost(Duration.ofSeconds(2)).until(() -> timeline(reader).equals(List.of(authors, own)));

        // followers-service upgraded: the pair's count starts at 1; an unversioned follow after it is stale
        replay.deliver(new UserUnfollowed(Ids.newId(), Instant.now(), 1, reader, author, 1L));
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, reader, author, false, null));

        UUID markers = followMarker(reader);
        assertThat(timeline(reader)).containsExactly(markers, own);
    }

    @Test
    void anEmptyTimelineIsOneEmptyPage() {
        var page = rpc.call(PostRpc.GET_HOME_TIMELINE, new GetHomeTimelineRequest(UUID.randomUUID(), 20, null));
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    /**
     * Has {@code reader} follow a new author with one post, and waits until that post is in the
     * reader's timeline: the follow-graph queue is applied in order, so every follow event delivered
     * before has been applied by then. Returns that post.
     */
    private UUID followMarker(UUID reader) {
        UUID marker = UUID.randomUUID();
        UUID markers = post(marker, "marker");
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, reader, marker, false, 1L));
        await().atMost(Duration.ofSeconds(2)).until(() -> timeline(reader).contains(markers));
        return markers;
    }

    private UUID post(UUID author, String content) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null))
                .post()
                .id();
    }

    private List<UUID> timeline(UUID reader) {
        return rpc.call(PostRpc.GET_HOME_TIMELINE, new GetHomeTimelineRequest(reader, 100, null)).items().stream()
                .map(Post::id)
                .toList();
    }
}
