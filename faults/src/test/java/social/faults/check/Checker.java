package social.faults.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import social.faults.check.Observation.NotificationRow;
import social.faults.check.Observation.Pair;
import social.faults.check.Observation.PostRow;
import social.faults.check.Verdict.Check;
import social.faults.workload.Expected;
import social.faults.workload.Expected.Tri;
import social.faults.workload.History;

/**
 * Holds what the system ended with to what the clients know they did, in the manner of Jepsen's
 * total-queue checker: <em>lost</em> = acknowledged but not observed, <em>unexpected</em> = observed
 * but never attempted (or acknowledged undone), <em>duplicated</em> = applied more than once. An
 * operation whose answer never came may have happened or not: either is accepted.
 */
public final class Checker {
    private static final Pattern KEY = Pattern.compile("^k=(\\S+)");
    private static final int EXAMPLES = 5;

    private Checker() {}

    public static Verdict judge(Expected expected, Observation observed, History history) {
        List<Check> checks = new ArrayList<>();
        Map<UUID, PostRow> postsById = observed.posts().stream().collect(Collectors.toMap(PostRow::id, post -> post));
        checks.add(registrations(expected, observed));
        checks.add(postsPerIdempotencyKey(expected, observed));
        checks.add(likes(expected, observed, postsById));
        checks.add(likeCounts(observed));
        checks.add(followGraph(expected, observed));
        checks.add(followGraphCopies(observed));
        checks.add(profileCounters(observed));
        checks.add(notifications(expected, observed, postsById));
        checks.add(deletedPostsLeaveNothing(expected, observed));
        checks.add(deletedAccountsLeaveNothing(expected, observed));
        checks.add(eventsProcessed(observed));
        checks.add(outboxesAndDeadLetters(observed));
        checks.add(noInternalErrors(history));
        checks.add(signingKeys(observed));
        checks.add(workDone(history));
        return new Verdict(checks);
    }

    /** Collects one check's cases. */
    private static final class Tally {
        private final String name;
        private long checked;
        private long lost;
        private long unexpected;
        private long duplicated;
        private final List<String> examples = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        void checked() {
            checked++;
        }

        void checked(long count) {
            checked += count;
        }

        void lost(String example) {
            lost++;
            example("lost: " + example);
        }

        void unexpected(String example) {
            unexpected++;
            example("unexpected: " + example);
        }

        void duplicated(String example) {
            duplicated++;
            example("duplicated: " + example);
        }

        private void example(String example) {
            if (examples.size() < EXAMPLES) {
                examples.add(example);
            }
        }

        Check check() {
            return new Check(name, checked, lost, unexpected, duplicated, List.copyOf(examples));
        }
    }

    static Check registrations(Expected expected, Observation observed) {
        Tally tally = new Tally("registrations: credentials and profiles");
        expected.users().forEach((id, username) -> {
            tally.checked();
            if (expected.leavers().containsKey(id)) {
                return; // judged by deletedAccountsLeaveNothing
            }
            if (!observed.credentials().containsKey(id)) {
                tally.lost("credentials of " + username + " (" + id + ")");
            }
            if (!observed.profiles().containsKey(id)) {
                tally.lost("profile of " + username + " (" + id + ")");
            }
        });
        observed.credentials().forEach((id, username) -> {
            if (!expected.attemptedUsernames().contains(username)) {
                tally.unexpected("credentials of " + username + ", never registered");
            }
            if (!observed.profiles().containsKey(id)) {
                tally.lost("profile of " + username + " (" + id + "), whose credentials exist");
            }
        });
        observed.profiles().forEach((id, profile) -> {
            if (!observed.credentials().containsKey(id)) {
                tally.unexpected("profile " + profile.username() + " without credentials");
            }
        });
        return tally.check();
    }

    static Check postsPerIdempotencyKey(Expected expected, Observation observed) {
        Tally tally = new Tally("posts: at most one per Idempotency-Key");
        Map<String, List<PostRow>> byKey = new HashMap<>();
        for (PostRow post : observed.posts()) {
            Matcher key = KEY.matcher(post.content());
            byKey.computeIfAbsent(key.find() ? key.group(1) : "", unused -> new ArrayList<>())
                    .add(post);
        }
        Set<String> attempted = new HashSet<>();
        for (Expected.Post post : expected.posts()) {
            tally.checked();
            attempted.add(post.key());
            int count = byKey.getOrDefault(post.key(), List.of()).size();
            if (count > 1) {
                tally.duplicated(count + " posts for key " + post.key());
            }
            if (post.exists() == Tri.YES && count == 0) {
                tally.lost("post " + post.key() + " (" + post.postId() + "), acknowledged");
            }
            if (post.exists() == Tri.NO && count > 0) {
                tally.unexpected("post " + post.key() + ", acknowledged deleted or refused, exists");
            }
        }
        byKey.forEach((key, posts) -> {
            if (!attempted.contains(key)) {
                tally.unexpected(posts.size() + " post(s) with key '" + key + "', never attempted");
            }
        });
        return tally.check();
    }

    static Check likes(Expected expected, Observation observed, Map<UUID, PostRow> postsById) {
        Tally tally = new Tally("likes: state per liker and post");
        Set<Pair> attempted = new HashSet<>();
        for (Expected.Like like : expected.likes()) {
            tally.checked();
            Pair pair = new Pair(like.likerId(), like.postId());
            attempted.add(pair);
            boolean present = observed.likes().contains(pair);
            if (!postsById.containsKey(like.postId())) {
                continue; // the post is gone: deletedPostsLeaveNothing judges its likes
            }
            if (like.liked() == Tri.YES && !present) {
                tally.lost("like " + pair);
            } else if (like.liked() == Tri.NO && present) {
                tally.unexpected("like " + pair + ", acknowledged removed");
            }
        }
        for (Pair like : observed.likes()) {
            if (!attempted.contains(like)) {
                tally.unexpected("like " + like + ", never attempted");
            }
        }
        return tally.check();
    }

    static Check likeCounts(Observation observed) {
        Tally tally = new Tally("like counts equal the likes");
        Map<UUID, Long> truth =
                observed.likes().stream().collect(Collectors.groupingBy(Pair::to, Collectors.counting()));
        Set<UUID> posts = new HashSet<>(truth.keySet());
        posts.addAll(observed.likeCounts().keySet());
        for (UUID post : posts) {
            tally.checked();
            long count = observed.likeCounts().getOrDefault(post, 0L);
            long likes = truth.getOrDefault(post, 0L);
            if (count > likes) {
                tally.duplicated("post " + post + " counts " + count + " likes, has " + likes);
            } else if (count < likes) {
                tally.lost("post " + post + " counts " + count + " likes, has " + likes);
            }
        }
        return tally.check();
    }

    static Check followGraph(Expected expected, Observation observed) {
        Tally tally = new Tally("follow graph: state per follower and followee");
        Set<Pair> attempted = new HashSet<>();
        for (Expected.Follow follow : expected.follows()) {
            tally.checked();
            Pair pair = new Pair(follow.followerId(), follow.followeeId());
            attempted.add(pair);
            Boolean notify = observed.follows().get(pair);
            if (follow.following() == Tri.YES && notify == null) {
                tally.lost("follow " + pair);
            } else if (follow.following() == Tri.NO && notify != null) {
                tally.unexpected("follow " + pair + ", acknowledged unfollowed");
            } else if (notify != null
                    && follow.following() == Tri.YES
                    && !follow.notifying().allows(notify)) {
                if (notify) {
                    tally.unexpected("notify on for " + pair + ", acknowledged off");
                } else {
                    tally.lost("notify on for " + pair);
                }
            }
        }
        for (Pair pair : observed.follows().keySet()) {
            if (!attempted.contains(pair)) {
                tally.unexpected("follow " + pair + ", never attempted");
            }
        }
        return tally.check();
    }

    static Check followGraphCopies(Observation observed) {
        Tally tally = new Tally("follow-graph copies equal the graph");
        observed.follows().forEach((pair, notify) -> {
            tally.checked();
            if (!observed.postServiceFollowGraph().contains(pair)) {
                tally.lost("post-service's copy lacks " + pair);
            }
            Boolean copied = observed.notificationFollowGraph().get(pair);
            if (copied == null) {
                tally.lost("notification-service's copy lacks " + pair);
            } else if (!copied.equals(notify)) {
                tally.unexpected("notification-service's copy has notify " + copied + " for " + pair);
            }
        });
        for (Pair pair : observed.postServiceFollowGraph()) {
            if (!observed.follows().containsKey(pair)) {
                tally.unexpected("post-service's copy has " + pair);
            }
        }
        for (Pair pair : observed.notificationFollowGraph().keySet()) {
            if (!observed.follows().containsKey(pair)) {
                tally.unexpected("notification-service's copy has " + pair);
            }
        }
        return tally.check();
    }

    static Check profileCounters(Observation observed) {
        Tally tally = new Tally("profile counters equal the recomputed truth");
        Map<UUID, Long> followers =
                observed.follows().keySet().stream().collect(Collectors.groupingBy(Pair::to, Collectors.counting()));
        Map<UUID, Long> following =
                observed.follows().keySet().stream().collect(Collectors.groupingBy(Pair::from, Collectors.counting()));
        Map<UUID, Long> posts =
                observed.posts().stream().collect(Collectors.groupingBy(PostRow::authorId, Collectors.counting()));
        observed.profiles().forEach((id, profile) -> {
            tally.checked();
            compare(tally, profile.username() + " followers", profile.followers(), followers.getOrDefault(id, 0L));
            compare(tally, profile.username() + " following", profile.following(), following.getOrDefault(id, 0L));
            compare(tally, profile.username() + " posts", profile.posts(), posts.getOrDefault(id, 0L));
        });
        if (observed.pendingCounters() > 0) {
            tally.lost(observed.pendingCounters() + " counter change(s) still pending for profiles that never came");
        }
        return tally.check();
    }

    private static void compare(Tally tally, String what, long counted, long truth) {
        if (counted > truth) {
            tally.duplicated(what + ": counted " + counted + ", truth " + truth);
        } else if (counted < truth) {
            tally.lost(what + ": counted " + counted + ", truth " + truth);
        }
    }

    /**
     * Exactly one FOLLOW per follow ever acknowledged, LIKE per like ever acknowledged (of an existing
     * post by someone else), MENTION per mention in an existing post; none for what was never tried.
     */
    static Check notifications(Expected expected, Observation observed, Map<UUID, PostRow> postsById) {
        Tally tally = new Tally("notifications: one per cause");
        Map<NotificationRow, Long> counts =
                observed.notifications().stream().collect(Collectors.groupingBy(row -> row, Collectors.counting()));
        Set<NotificationRow> owed = new HashSet<>();
        Set<NotificationRow> allowed = new HashSet<>();
        for (Expected.Follow follow : expected.follows()) {
            NotificationRow row = new NotificationRow(follow.followeeId(), "FOLLOW", follow.followerId(), null);
            allowed.add(row);
            if (follow.everAcked()) {
                owed.add(row);
            }
        }
        for (Expected.Like like : expected.likes()) {
            PostRow post = postsById.get(like.postId());
            if (post == null || post.authorId().equals(like.likerId())) {
                continue;
            }
            NotificationRow row = new NotificationRow(post.authorId(), "LIKE", like.likerId(), post.id());
            allowed.add(row);
            if (like.everAcked()) {
                owed.add(row);
            }
        }
        for (Expected.Post post : expected.posts()) {
            PostRow row = post.postId() == null ? null : postsById.get(post.postId());
            PostRow existing = row != null ? row : findByKey(observed, post.key());
            if (existing == null) {
                continue;
            }
            for (UUID mentioned : post.mentioned()) {
                if (!mentioned.equals(existing.authorId())) {
                    NotificationRow mention =
                            new NotificationRow(mentioned, "MENTION", existing.authorId(), existing.id());
                    owed.add(mention);
                    allowed.add(mention);
                }
            }
        }
        for (NotificationRow row : owed) {
            if (expected.leavers().containsKey(row.recipientId())
                    || expected.leavers().containsKey(row.actorId())) {
                continue; // owed only while the account lives: deletedAccountsLeaveNothing judges it
            }
            tally.checked();
            if (!counts.containsKey(row)) {
                tally.lost(row.toString());
            }
        }
        counts.forEach((row, count) -> {
            if (count > 1) {
                tally.duplicated(count + " × " + row);
            }
            boolean modelled = row.type().equals("FOLLOW")
                    || row.type().equals("LIKE")
                    || row.type().equals("MENTION");
            if (modelled && !allowed.contains(row)) {
                tally.unexpected(row + ", no such cause");
            }
        });
        return tally.check();
    }

    private static PostRow findByKey(Observation observed, String key) {
        return observed.posts().stream()
                .filter(post -> post.content().startsWith("k=" + key + " "))
                .findFirst()
                .orElse(null);
    }

    static Check deletedPostsLeaveNothing(Expected expected, Observation observed) {
        Tally tally = new Tally("a deleted post leaves nothing behind");
        Set<UUID> existing = observed.posts().stream().map(PostRow::id).collect(Collectors.toSet());
        Set<UUID> deleted = expected.posts().stream()
                .filter(post -> post.exists() == Tri.NO && post.postId() != null)
                .map(Expected.Post::postId)
                .collect(Collectors.toSet());
        for (UUID post : deleted) {
            tally.checked();
            if (existing.contains(post)) {
                tally.unexpected("post " + post + " still exists");
            }
        }
        for (Pair like : observed.likes()) {
            if (!existing.contains(like.to())) {
                tally.unexpected("like " + like + " of a post that does not exist");
            }
        }
        observed.likeCounts().forEach((post, count) -> {
            if (!existing.contains(post) && count > 0) {
                tally.unexpected("like count " + count + " of post " + post + " that does not exist");
            }
        });
        for (NotificationRow row : observed.notifications()) {
            if (row.postId() != null && !existing.contains(row.postId())) {
                tally.unexpected(row + " points to a post that does not exist");
            }
        }
        return tally.check();
    }

    /**
     * An account whose deletion was acknowledged (or, unanswered, went through: its credentials are
     * gone) leaves no row naming it in any service, its credentials included, once the system is
     * quiet; one whose deletion did not go through is judged like any other.
     */
    static Check deletedAccountsLeaveNothing(Expected expected, Observation observed) {
        Tally tally = new Tally("a deleted account leaves nothing behind");
        expected.leavers().forEach((id, left) -> {
            boolean gone = left == Tri.YES || !observed.credentials().containsKey(id);
            if (!gone) {
                return;
            }
            tally.checked();
            String username = expected.users().get(id);
            if (observed.credentials().containsKey(id)) {
                tally.unexpected("credentials of deleted " + username);
            }
            if (observed.profiles().containsKey(id)) {
                tally.unexpected("profile of deleted " + username);
            }
            for (String column : observed.leftovers().getOrDefault(id, Set.of())) {
                tally.unexpected(column + " names deleted " + username + " (" + id + ")");
            }
        });
        return tally.check();
    }

    static Check eventsProcessed(Observation observed) {
        Tally tally = new Tally("every audited event processed by every subscriber");
        tally.checked(observed.auditedEvents());
        observed.unprocessedEvents().forEach(tally::lost);
        return tally.check();
    }

    static Check outboxesAndDeadLetters(Observation observed) {
        Tally tally = new Tally("outboxes and dead-letter queues empty");
        observed.outboxes().forEach((schema, count) -> {
            tally.checked();
            if (count > 0) {
                tally.lost(count + " event(s) never left " + schema + ".outbox");
            }
        });
        observed.queueDepths().forEach((queue, count) -> {
            if (queue.endsWith(".dlq") || queue.endsWith("unrouted")) {
                tally.checked();
                if (count > 0) {
                    tally.lost(count + " message(s) in " + queue);
                }
            }
        });
        return tally.check();
    }

    /** A run in which nothing was acknowledged proves nothing. */
    static Check workDone(History history) {
        Tally tally = new Tally("the clients got work acknowledged");
        tally.checked(history.outcomes().getOrDefault("ok", 0));
        if (tally.checked == 0) {
            tally.lost("no operation was acknowledged: the run proves nothing");
        }
        return tally.check();
    }

    static Check noInternalErrors(History history) {
        Tally tally = new Tally("no 500 answered");
        for (History.Entry entry : history.entries()) {
            if (entry.type().equals("invoke") || entry.process().equals("nemesis")) {
                continue;
            }
            tally.checked();
            if (entry.status() == 500) {
                tally.unexpected(entry.op() + " " + entry.key() + " at " + entry.atMillis() + " ms: " + entry.detail());
            }
        }
        return tally.check();
    }

    static Check signingKeys(Observation observed) {
        Tally tally = new Tally("one signing key");
        tally.checked();
        if (observed.signingKeys() > 1) {
            tally.duplicated(observed.signingKeys() + " signing keys");
        } else if (observed.signingKeys() == 0) {
            tally.lost("no signing key");
        }
        return tally.check();
    }
}
