package social.faults.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import social.faults.workload.Api.Response;
import social.faults.workload.Expected.Tri;

/**
 * One user of the system, acting only on what it owns: its posts (each with an Idempotency-Key of
 * its own), its likes, its follows; and now and then it signs up someone new. Every operation is
 * retried until a definite answer or the deadline, each attempt recorded in the history; what it
 * learnt becomes the {@link Expected} the checker holds the system to.
 */
final class Client {
    private static final long RETRY_PAUSE_NANOS = 300_000_000L;

    private final Api api;
    private final History history;
    private final Shared shared;
    private final Random random;
    final String username;
    private final String password = "fault-harness-password";
    volatile UUID id;
    private String token;

    private final Map<String, PostState> posts = new LinkedHashMap<>();
    private final Map<UUID, LikeState> likes = new HashMap<>();
    private final Map<UUID, FollowState> follows = new HashMap<>();
    /** The accounts this client brought in to leave again (see {@link #joinAndLeave}). */
    private final List<Client> leavers = new ArrayList<>();
    /** Whether this account is gone: null while never asked, YES once acknowledged. */
    private Tri left;

    private int sequence;

    Client(Api api, History history, Shared shared, String username, long seed) {
        this.api = api;
        this.history = history;
        this.shared = shared;
        this.username = username;
        this.random = new Random(seed);
    }

    /** What every client sees of the others: users to follow and mention, posts to like. */
    static final class Shared {
        final List<Client> clients = new ArrayList<>();
        final List<UUID> posts = new ArrayList<>();
        final Map<UUID, String> registered = new LinkedHashMap<>();
        final Set<String> attemptedUsernames = new LinkedHashSet<>();
        volatile long deadlineNanos = Long.MAX_VALUE;
    }

    private static final class PostState {
        final String key;
        final Set<UUID> mentioned;
        UUID postId;
        boolean acked;
        Tri exists = Tri.EITHER;

        PostState(String key, Set<UUID> mentioned) {
            this.key = key;
            this.mentioned = mentioned;
        }
    }

    private static final class LikeState {
        Tri liked = Tri.NO;
        boolean everAcked;
    }

    private static final class FollowState {
        Tri following = Tri.NO;
        Tri notify = Tri.NO;
        boolean everAcked;
    }

    // ---------------------------------------------------------------- sign-up and session

    /** Signs this client up (retrying through faults); false if it never got a definite answer. */
    boolean signUp() {
        UUID registered = register(username);
        if (registered == null) {
            return false;
        }
        id = registered;
        return login();
    }

    /** Registers {@code name}; its id once certain, else null. A 409 after an unanswered try is our own. */
    private UUID register(String name) {
        synchronized (shared) {
            shared.attemptedUsernames.add(name);
        }
        Map<String, String> body = Map.of("username", name, "email", name + "@faults.example", "password", password);
        boolean triedBefore = false;
        while (beforeDeadline()) {
            Response response =
                    attempt("register", name, () -> api.send("POST", "/api/auth/register", body, null, Map.of()));
            if (response.ok()) {
                UUID userId = UUID.fromString(response.body().get("id").asString());
                synchronized (shared) {
                    shared.registered.put(userId, name);
                }
                return userId;
            }
            if (response.status() == 409 && triedBefore) {
                // our own earlier attempt went through: its id is whoever can log in with our password
                Response login = attempt("login", name, () -> loginRequest(name));
                if (login.ok()) {
                    Response me = attempt(
                            "me", name, () -> api.send("GET", "/api/users/me", null, accessToken(login), Map.of()));
                    if (me.ok()) {
                        UUID userId = UUID.fromString(me.body().get("id").asString());
                        synchronized (shared) {
                            shared.registered.put(userId, name);
                        }
                        return userId;
                    }
                }
            } else if (response.refused()) {
                return null;
            }
            triedBefore |= response.unknown();
            pause();
        }
        return null;
    }

    private boolean login() {
        while (beforeDeadline()) {
            Response response = attempt("login", username, () -> loginRequest(username));
            if (response.ok()) {
                token = accessToken(response);
                return true;
            }
            pause();
        }
        return false;
    }

    private Response loginRequest(String name) {
        return api.send("POST", "/api/auth/login", Map.of("username", name, "password", password), null, Map.of());
    }

    private static String accessToken(Response response) {
        return response.body().get("accessToken").asString();
    }

    // ---------------------------------------------------------------- one step of the workload

    void step() {
        int dice = random.nextInt(100);
        if (dice < 35) {
            createPost();
        } else if (dice < 60) {
            toggleLike();
        } else if (dice < 80) {
            changeFollow();
        } else if (dice < 86) {
            deletePost();
        } else if (dice < 88) {
            signUpSomeoneNew();
        } else if (dice < 90) {
            joinAndLeave();
        } else {
            readTimeline();
        }
    }

    private void createPost() {
        String key = username + "-" + (++sequence);
        Client other = randomOther();
        Set<UUID> mentioned = other == null || random.nextBoolean() ? Set.of() : Set.of(other.id);
        String content = "k=" + key + " under faults" + (mentioned.isEmpty() ? "" : " hello @" + other.username);
        PostState post = new PostState(key, mentioned);
        posts.put(key, post);
        Response response = definite(
                "post",
                key,
                () -> api.send(
                        "POST", "/api/posts", Map.of("content", content), token, Map.of("Idempotency-Key", key)));
        if (response.ok()) {
            post.postId = UUID.fromString(response.body().get("id").asString());
            post.acked = true;
            post.exists = Tri.YES;
            synchronized (shared) {
                shared.posts.add(post.postId);
            }
        } else if (response.refused()) {
            post.exists = Tri.NO;
        }
    }

    private void deletePost() {
        List<PostState> mine = posts.values().stream()
                .filter(post -> post.acked && post.exists == Tri.YES)
                .toList();
        if (mine.isEmpty()) {
            return;
        }
        PostState post = mine.get(random.nextInt(mine.size()));
        post.exists = Tri.EITHER;
        Response response = definite(
                "delete-post", post.key, () -> api.send("DELETE", "/api/posts/" + post.postId, null, token, Map.of()));
        // 404: an earlier, unanswered attempt of this delete went through
        if (response.ok() || response.status() == 404) {
            post.exists = Tri.NO;
        }
    }

    private void toggleLike() {
        UUID postId;
        synchronized (shared) {
            if (shared.posts.isEmpty()) {
                return;
            }
            postId = shared.posts.get(random.nextInt(shared.posts.size()));
        }
        LikeState like = likes.computeIfAbsent(postId, unused -> new LikeState());
        boolean liking = switch (like.liked) {
            case YES -> false;
            case NO -> true;
            case EITHER -> random.nextBoolean();
        };
        Tri before = like.liked;
        like.liked = Tri.EITHER;
        Response response = definite(
                liking ? "like" : "unlike",
                postId.toString(),
                () -> api.send(liking ? "PUT" : "DELETE", "/api/posts/" + postId + "/like", null, token, Map.of()));
        if (response.ok()) {
            like.liked = liking ? Tri.YES : Tri.NO;
            like.everAcked |= liking;
        } else if (response.refused()) {
            // the post is gone (404): nothing changed
            like.liked = before;
        }
    }

    private void changeFollow() {
        Client other = randomOther();
        if (other == null) {
            return;
        }
        FollowState follow = follows.computeIfAbsent(other.id, unused -> new FollowState());
        int choice = random.nextInt(3);
        String path = "/api/users/" + other.id + "/follow";
        if (choice == 0 || follow.following == Tri.NO) {
            follow(other);
        } else if (choice == 1) {
            follow.following = Tri.EITHER;
            Response response =
                    definite("unfollow", other.username, () -> api.send("DELETE", path, null, token, Map.of()));
            if (response.ok()) {
                follow.following = Tri.NO;
                follow.notify = Tri.NO;
            }
        } else {
            boolean notify = random.nextBoolean();
            Tri before = follow.notify;
            follow.notify = Tri.EITHER;
            Response response = definite(
                    "notify",
                    other.username,
                    () -> api.send("PUT", path + "/notify", Map.of("enabled", notify), token, Map.of()));
            if (response.ok()) {
                follow.notify = notify ? Tri.YES : Tri.NO;
            } else if (response.refused()) {
                follow.notify = before;
            }
        }
    }

    private void follow(Client other) {
        FollowState follow = follows.computeIfAbsent(other.id, unused -> new FollowState());
        boolean notify = random.nextBoolean();
        follow.following = Tri.EITHER;
        follow.notify = Tri.EITHER;
        Response response = definite(
                "follow",
                other.username,
                () -> api.send(
                        "POST", "/api/users/" + other.id + "/follow", Map.of("notify", notify), token, Map.of()));
        if (response.ok()) {
            follow.following = Tri.YES;
            follow.notify = notify ? Tri.YES : Tri.NO;
            follow.everAcked = true;
        }
    }

    /**
     * Someone joins, leaves a trace (a post, a like, a follow each way with this client) and
     * deletes the account: whatever the deletion acknowledged must leave nothing behind.
     */
    private void joinAndLeave() {
        Client leaver = new Client(api, history, shared, username + "_l" + (++sequence), random.nextLong());
        if (!leaver.signUp()) {
            return; // judged as any registration
        }
        leavers.add(leaver);
        leaver.createPost();
        leaver.toggleLike();
        leaver.follow(this);
        follow(leaver);
        leaver.leave();
        FollowState following = follows.get(leaver.id);
        if (following != null) {
            following.following = leaver.left == Tri.YES ? Tri.NO : Tri.EITHER;
            following.notify = following.following;
        }
    }

    /**
     * Deletes this account, retrying until a definite answer. A 401 means the token is refused:
     * if logging in then fails like an unknown user, an earlier attempt went through.
     */
    private void leave() {
        left = Tri.EITHER;
        Map<String, String> body = Map.of("password", password);
        while (beforeDeadline()) {
            Response response =
                    attempt("leave", username, () -> api.send("DELETE", "/api/users/me", body, token, Map.of()));
            if (response.ok()) {
                left = Tri.YES;
                return;
            }
            if (response.status() == 401) {
                Response login = attempt("login", username, () -> loginRequest(username));
                if (login.status() == 401) {
                    left = Tri.YES;
                    return;
                }
                if (login.ok()) {
                    token = accessToken(login);
                    continue;
                }
            } else if (response.refused()) {
                return;
            }
            pause();
        }
    }

    private void signUpSomeoneNew() {
        register(username + "_n" + (++sequence));
    }

    private void readTimeline() {
        attempt("timeline", username, () -> api.send("GET", "/api/timeline?limit=20", null, token, Map.of()));
    }

    // ---------------------------------------------------------------- attempts

    /** Retries until a definite answer (or the deadline); a 401 means a new access token first. */
    private Response definite(String op, String key, Supplier<Response> request) {
        Response response = null;
        while (beforeDeadline()) {
            response = attempt(op, key, request);
            if (response.status() == 401) {
                login();
                continue;
            }
            if (!response.unknown() && response.status() != 429) {
                return response;
            }
            pause();
        }
        return response == null ? new Response(0, null, "deadline") : response;
    }

    private Response attempt(String op, String key, Supplier<Response> request) {
        history.add(username, "invoke", op, key, 0, null);
        Response response = request.get();
        String type = response.ok() ? "ok" : response.unknown() ? "unknown" : "fail";
        JsonNode body = response.body();
        String detail = response.error() != null
                ? response.error()
                : response.ok() || body == null || body.get("detail") == null
                        ? null
                        : body.get("detail").asString();
        history.add(username, type, op, key, response.status(), detail);
        return response;
    }

    private boolean beforeDeadline() {
        return System.nanoTime() < shared.deadlineNanos;
    }

    private static void pause() {
        // pacing between retries of a client, not a wait for a result
        LockSupport.parkNanos(RETRY_PAUSE_NANOS);
    }

    private Client randomOther() {
        List<Client> others = shared.clients.stream()
                .filter(client -> client != this && client.id != null)
                .toList();
        return others.isEmpty() ? null : others.get(random.nextInt(others.size()));
    }

    // ---------------------------------------------------------------- what it knows

    void addTo(
            List<Expected.Post> postsOut,
            List<Expected.Like> likesOut,
            List<Expected.Follow> followsOut,
            Map<UUID, Tri> leaversOut) {
        posts.values()
                .forEach(post -> postsOut.add(new Expected.Post(
                        post.key, id, post.postId, post.acked, afterLeaving(post.exists), post.mentioned)));
        likes.forEach((postId, like) ->
                likesOut.add(new Expected.Like(id, postId, afterLeaving(like.liked), like.everAcked)));
        follows.forEach((followeeId, follow) -> followsOut.add(new Expected.Follow(
                id, followeeId, afterLeaving(follow.following), afterLeaving(follow.notify), follow.everAcked)));
        for (Client leaver : leavers) {
            leaversOut.put(leaver.id, leaver.left);
            leaver.addTo(postsOut, likesOut, followsOut, leaversOut);
        }
    }

    /** What this account's own state must be once its deletion was asked: gone if acknowledged. */
    private Tri afterLeaving(Tri state) {
        if (left == null || state == Tri.NO) {
            return state;
        }
        return left == Tri.YES ? Tri.NO : Tri.EITHER;
    }
}
