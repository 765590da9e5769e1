package social.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.faults.check.Observation.NotificationRow;
import social.faults.check.Observation.Pair;
import social.faults.check.Observation.PostRow;
import social.faults.check.Observation.Profile;
import social.faults.check.Verdict.Check;
import social.faults.workload.Expected;
import social.faults.workload.Expected.Tri;
import social.faults.workload.History;

class CheckerTest {
    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID post = UUID.randomUUID();

    /** Ann posted (acknowledged), Bob liked it (acknowledged) and follows Ann (acknowledged, notify on). */
    private Expected expected(Tri liked, Tri postExists) {
        return new Expected(
                Map.of(ann, "ann", bob, "bob"),
                Set.of("ann", "bob"),
                List.of(new Expected.Post("ann-1", ann, post, true, postExists, Set.of(bob))),
                List.of(new Expected.Like(bob, post, liked, true)),
                List.of(new Expected.Follow(bob, ann, Tri.YES, Tri.YES, true)),
                Map.of());
    }

    /** What a correct system holds after that; a test changes the part it is about. */
    private final class Parts {
        Map<UUID, Profile> profiles = Map.of(ann, new Profile("ann", 1, 0, 1), bob, new Profile("bob", 0, 1, 0));
        List<PostRow> posts = List.of(new PostRow(post, ann, "k=ann-1 hello @bob"));
        Set<Pair> likes = Set.of(new Pair(bob, post));
        Set<Pair> postServiceFollowGraph = Set.of(new Pair(bob, ann));
        Map<String, Long> queueDepths = Map.of("q.dlq", 0L);
        long signingKeys = 1;
        List<String> unprocessedEvents = List.of();
        Map<UUID, Set<String>> leftovers = Map.of();

        Observation observed() {
            Pair follow = new Pair(bob, ann);
            return new Observation(
                    Map.of(ann, "ann", bob, "bob"),
                    profiles,
                    0,
                    posts,
                    likes,
                    Map.of(post, 1L),
                    Map.of(follow, true),
                    postServiceFollowGraph,
                    Map.of(follow, true),
                    List.of(
                            new NotificationRow(ann, "FOLLOW", bob, null),
                            new NotificationRow(ann, "LIKE", bob, post),
                            new NotificationRow(bob, "MENTION", ann, post)),
                    Map.of("posts", 0L),
                    queueDepths,
                    signingKeys,
                    3,
                    unprocessedEvents,
                    leftovers);
        }
    }

    private Observation consistent() {
        return new Parts().observed();
    }

    private static History historyWithOneAcknowledgedOperation() {
        History history = new History();
        history.add("ann", "invoke", "post", "ann-1", 0, null);
        history.add("ann", "ok", "post", "ann-1", 201, null);
        return history;
    }

    private Check check(Verdict verdict, String name) {
        return verdict.checks().stream()
                .filter(check -> check.name().startsWith(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aConsistentOutcomeIsValid() {
        Verdict verdict =
                Checker.judge(expected(Tri.YES, Tri.YES), consistent(), historyWithOneAcknowledgedOperation());

        assertThat(verdict.passed()).as(verdict.table()).isTrue();
    }

    @Test
    void anAcknowledgedLikeThatIsMissingIsLostAndItsStaleCountIsFound() {
        Parts parts = new Parts();
        parts.likes = Set.of();
        Observation withoutTheLike = parts.observed();

        Verdict verdict =
                Checker.judge(expected(Tri.YES, Tri.YES), withoutTheLike, historyWithOneAcknowledgedOperation());

        assertThat(check(verdict, "likes").lost()).isEqualTo(1);
        assertThat(check(verdict, "like counts").duplicated())
                .as("counted 1, has 0")
                .isEqualTo(1);
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void aLikeWhoseAnswerNeverCameMayBeThereOrNot() {
        Verdict verdict =
                Checker.judge(expected(Tri.EITHER, Tri.YES), consistent(), historyWithOneAcknowledgedOperation());

        assertThat(check(verdict, "likes").passed()).isTrue();
    }

    @Test
    void twoPostsForOneIdempotencyKeyAreADuplicate() {
        Parts parts = new Parts();
        parts.posts = List.of(
                new PostRow(post, ann, "k=ann-1 hello @bob"),
                new PostRow(UUID.randomUUID(), ann, "k=ann-1 hello @bob"));
        Observation duplicated = parts.observed();

        Verdict verdict = Checker.judge(expected(Tri.YES, Tri.YES), duplicated, historyWithOneAcknowledgedOperation());

        assertThat(check(verdict, "posts").duplicated()).isEqualTo(1);
        assertThat(check(verdict, "profile counters").lost())
                .as("ann has 2 posts, counts 1")
                .isEqualTo(1);
    }

    @Test
    void aDeletedPostThatLeftItsLikesAndNotificationsBehindIsUnexpected() {
        Parts parts = new Parts();
        parts.profiles = Map.of(ann, new Profile("ann", 1, 0, 0), bob, new Profile("bob", 0, 1, 0));
        parts.posts = List.of();
        Observation gone = parts.observed();

        Verdict verdict = Checker.judge(expected(Tri.YES, Tri.NO), gone, historyWithOneAcknowledgedOperation());

        Check leftovers = check(verdict, "a deleted post");
        assertThat(leftovers.unexpected()).as(leftovers.examples().toString()).isEqualTo(4);
    }

    @Test
    void aFollowGraphCopyThatMissesAFollowAndAnUnprocessedEventAreLost() {
        Parts parts = new Parts();
        parts.postServiceFollowGraph = Set.of();
        parts.queueDepths = Map.of("q.dlq", 2L);
        parts.signingKeys = 2;
        parts.unprocessedEvents = List.of("user.followed e1 not processed by post-service.follow-graph");
        Observation behind = parts.observed();

        Verdict verdict = Checker.judge(expected(Tri.YES, Tri.YES), behind, historyWithOneAcknowledgedOperation());

        assertThat(check(verdict, "follow-graph copies").lost()).isEqualTo(1);
        assertThat(check(verdict, "every audited event").lost()).isEqualTo(1);
        assertThat(check(verdict, "outboxes and dead-letter").lost()).isEqualTo(1);
        assertThat(check(verdict, "one signing key").duplicated()).isEqualTo(1);
    }

    @Test
    void aFiveHundredAnywhereFailsTheRunAndSoDoesARunWithNothingAcknowledged() {
        History history = new History();
        history.add("bob", "invoke", "like", "p", 0, null);
        history.add("bob", "unknown", "like", "p", 500, "boom");

        Verdict verdict = Checker.judge(expected(Tri.EITHER, Tri.YES), consistent(), history);

        assertThat(check(verdict, "no 500").unexpected()).isEqualTo(1);
        assertThat(check(verdict, "the clients got work").lost()).isEqualTo(1);
    }

    @Test
    void aDeletedAccountWithRowsLeftAnywhereIsUnexpectedAndItsOwedNotificationsAreNotLost() {
        Expected bobLeft = new Expected(
                Map.of(ann, "ann", bob, "bob"),
                Set.of("ann", "bob"),
                List.of(new Expected.Post("ann-1", ann, post, true, Tri.YES, Set.of())),
                List.of(new Expected.Like(bob, post, Tri.NO, true)),
                List.of(new Expected.Follow(bob, ann, Tri.NO, Tri.NO, true)),
                Map.of(bob, Tri.YES));
        Parts parts = new Parts();
        parts.profiles = Map.of(ann, new Profile("ann", 0, 0, 1));
        parts.likes = Set.of();
        parts.postServiceFollowGraph = Set.of();
        parts.leftovers = Map.of(bob, Set.of("likes.bookmark.user_id", "posts.post_mention.user_id"));
        Observation observed = parts.observed();
        Observation bobGone = new Observation(
                Map.of(ann, "ann"),
                observed.profiles(),
                0,
                observed.posts(),
                Set.of(),
                Map.of(),
                Map.of(),
                Set.of(),
                Map.of(),
                List.of(),
                observed.outboxes(),
                observed.queueDepths(),
                1,
                3,
                List.of(),
                observed.leftovers());

        Verdict verdict = Checker.judge(bobLeft, bobGone, historyWithOneAcknowledgedOperation());

        Check leftovers = check(verdict, "a deleted account");
        assertThat(leftovers.unexpected()).as(leftovers.examples().toString()).isEqualTo(2);
        assertThat(check(verdict, "registrations").passed()).isTrue();
        assertThat(check(verdict, "notifications").passed())
                .as("the FOLLOW and LIKE owed to and from bob went with him")
                .isTrue();
        assertThat(check(verdict, "profile counters").passed()).isTrue();
    }

    @Test
    void anUnansweredDeletionThatDidNotHappenLeavesTheAccountAsItWas() {
        Expected bobMayHaveLeft = new Expected(
                Map.of(ann, "ann", bob, "bob"),
                Set.of("ann", "bob"),
                List.of(new Expected.Post("ann-1", ann, post, true, Tri.YES, Set.of(bob))),
                List.of(new Expected.Like(bob, post, Tri.EITHER, true)),
                List.of(new Expected.Follow(bob, ann, Tri.EITHER, Tri.EITHER, true)),
                Map.of(bob, Tri.EITHER));

        Verdict verdict = Checker.judge(bobMayHaveLeft, consistent(), historyWithOneAcknowledgedOperation());

        assertThat(verdict.passed()).as(verdict.table()).isTrue();
    }
}
