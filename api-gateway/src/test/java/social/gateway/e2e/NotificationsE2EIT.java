package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.contract.Event;
import social.contract.Names;
import social.contract.follow.UserFollowed;
import social.contract.like.LikeAdded;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.registry.MessageTypes;
import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.Senders;
import social.support.testing.BrokerUsers;
import social.support.testing.TestInfrastructure;

/**
 * Notifications through the gateway: listed, counted, marked read and streamed live (SSE), also
 * through a second gateway instance. The posts, follows and likes that cause them are the
 * contract's events, published straight to the broker as post-, followers- and like-service
 * would publish them (their endpoints come with their own issue); user-service is the real one.
 */
class NotificationsE2EIT {
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final Duration CONVERGE = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Api api;
    /** One connection per service whose events the tests publish: each under its owner's broker user. */
    private static final Map<String, CachingConnectionFactory> brokers = new ConcurrentHashMap<>();

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @AfterAll
    static void closeBroker() {
        brokers.values().forEach(CachingConnectionFactory::destroy);
    }

    @Test
    void everyTypeIsPushedLiveWithin2SecondsAndListedNewestFirstWithItsActor() throws Exception {
        Session alice = api.signUp("ntf_alice");
        Session bob = api.signUp("ntf_bob");
        UUID a = UUID.fromString(alice.id());
        UUID b = UUID.fromString(bob.id());
        UUID alicesPost = UUID.randomUUID();

        // alice follows bob with notify on: bob's new posts notify her (bob gets a FOLLOW)
        publish(followed(a, b, true));
        await().atMost(CONVERGE).until(() -> types(bob).contains("FOLLOW"));

        try (SseClient stream = SseClient.open(api.base(), alice.accessToken())) {
            publish(followed(b, a, false));
            stream.expect("FOLLOW", bob, null);

            publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, alicesPost, a, b));
            stream.expect("LIKE", bob, alicesPost);

            // a reply that mentions the replied-to author gives her the REPLY only (and NEW_POST: she follows him)
            PostCreated reply = created(
                    b, alicesPost, a, null, null, List.of(alice.username().toLowerCase()));
            publish(reply);
            stream.expect("REPLY", bob, reply.postId());
            stream.expect("NEW_POST", bob, reply.postId());

            publish(created(b, null, null, alicesPost, a, List.of()));
            stream.expect("REPOST", bob, alicesPost);

            PostCreated mention =
                    created(b, null, null, null, null, List.of(alice.username().toLowerCase()));
            publish(mention);
            // a post is both: alice follows bob with notify, and he mentions her
            stream.expect("MENTION", bob, mention.postId());
            stream.expect("NEW_POST", bob, mention.postId());
            assertThat(stream.nothingMoreWithin(Duration.ofMillis(300))).isTrue();
        }

        Response page = api.get("/api/notifications", alice.accessToken());
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        assertThat(items)
                .extracting(item -> item.get("type").asString())
                .containsExactlyInAnyOrder("FOLLOW", "LIKE", "REPLY", "REPOST", "NEW_POST", "MENTION", "NEW_POST");
        assertThat(items).extracting(item -> item.get("id").asString()).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(items).allSatisfy(item -> {
            assertThat(item.propertyNames())
                    .containsExactlyInAnyOrder("id", "type", "actor", "postId", "createdAt", "read");
            assertThat(item.get("actor").get("id").asString()).isEqualTo(bob.id());
            assertThat(item.get("actor").get("username").asString()).isEqualTo(bob.username());
            assertThat(item.get("read").asBoolean()).isFalse();
        });
        assertThat(items.stream()
                        .filter(item -> item.get("type").asString().equals("FOLLOW"))
                        .findFirst()
                        .orElseThrow()
                        .get("postId")
                        .isNull())
                .isTrue();
        assertThat(unread(alice)).isEqualTo(7);
    }

    @Test
    void ownActionsAndRedeliveredOrRepeatedEventsNotifyNobodyTwice() {
        Session carol = api.signUp("ntf_carol");
        Session dan = api.signUp("ntf_dan");
        UUID c = UUID.fromString(carol.id());
        UUID d = UUID.fromString(dan.id());
        UUID carolsPost = UUID.randomUUID();

        LikeAdded like = new LikeAdded(UUID.randomUUID(), Instant.now(), 1, carolsPost, c, d);
        publish(like);
        await().atMost(CONVERGE).until(() -> unread(carol) == 1);
        publish(like); // redelivered
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, carolsPost, c, d)); // liked again
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, carolsPost, c, c)); // her own post
        publish(created(c, carolsPost, c, null, null, List.of(carol.username().toLowerCase()))); // her own reply
        publish(created(c, null, null, carolsPost, c, List.of())); // her own repost
        await().during(Duration.ofSeconds(1)).atMost(CONVERGE).until(() -> unread(carol) == 1);
        assertThat(types(carol)).containsExactly("LIKE");
        assertThat(types(dan)).isEmpty();
    }

    @Test
    void unreadCountsMarkingReadAndSomeoneElsesNotificationIs404() {
        Session erin = api.signUp("ntf_erin");
        Session finn = api.signUp("ntf_finn");
        UUID e = UUID.fromString(erin.id());
        for (int i = 0; i < 3; i++) {
            publish(new LikeAdded(
                    UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), e, UUID.fromString(finn.id())));
        }
        await().atMost(CONVERGE).until(() -> unread(erin) == 3);
        Response firstPage = api.get("/api/notifications?limit=2", erin.accessToken());
        assertThat(firstPage.json().get("items")).hasSize(2);
        String cursor = firstPage.json().get("nextCursor").asString();
        Response secondPage = api.get("/api/notifications?limit=2&cursor=" + cursor, erin.accessToken());
        assertThat(secondPage.json().get("items")).hasSize(1);
        assertThat(secondPage.json().get("nextCursor").isNull()).isTrue();

        String newest = firstPage.json().get("items").get(0).get("id").asString();
        assertThat(api.post("/api/notifications/" + newest + "/read", null, finn.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/" + UUID.randomUUID() + "/read", null, erin.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/not-an-id/read", null, erin.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/" + newest + "/read", null, erin.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(unread(erin)).isEqualTo(2);
        Response unreadOnly = api.get("/api/notifications?unreadOnly=true", erin.accessToken());
        assertThat(unreadOnly.json().get("items"))
                .hasSize(2)
                .allSatisfy(item -> assertThat(item.get("id").asString()).isNotEqualTo(newest));

        assertThat(api.post("/api/notifications/read-all", null, erin.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(unread(erin)).isZero();
        assertThat(api.get("/api/notifications?unreadOnly=true", erin.accessToken())
                        .json()
                        .get("items"))
                .isEmpty();

        assertThat(api.get("/api/notifications").status()).isEqualTo(401);
        assertThat(api.get("/api/notifications/unread-count").status()).isEqualTo(401);
        assertThat(api.post("/api/notifications/read-all", null).status()).isEqualTo(401);
        assertThat(api.get("/api/notifications/stream").status()).isEqualTo(401);
        assertThat(api.get("/api/notifications/stream?access_token=forged").status())
                .isEqualTo(401);
    }

    @Test
    void deletingAPostRemovesTheNotificationsPointingAtIt() {
        Session gina = api.signUp("ntf_gina");
        Session hal = api.signUp("ntf_hal");
        UUID g = UUID.fromString(gina.id());
        UUID h = UUID.fromString(hal.id());
        UUID doomed = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, doomed, g, h));
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, kept, g, h));
        PostCreated repost = created(h, null, null, doomed, g, List.of());
        publish(repost);
        PostCreated reply = created(h, doomed, g, null, null, List.of());
        publish(reply);
        await().atMost(CONVERGE).until(() -> unread(gina) == 4);

        publish(new PostDeleted(UUID.randomUUID(), Instant.now(), 1, doomed, g, null, null));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(postIds(gina))
                        .containsExactlyInAnyOrder(
                                kept.toString(), reply.postId().toString()));
        publish(new PostDeleted(UUID.randomUUID(), Instant.now(), 1, reply.postId(), h, doomed, null));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(postIds(gina)).containsExactly(kept.toString()));
        assertThat(unread(gina)).isEqualTo(1);
    }

    /**
     * A second gateway (short heartbeat, two streams per user) consumes from its own queue: each
     * instance pushes to the streams it holds, and a client that went away is let go.
     */
    @Test
    void everyGatewayInstancePushesToItsOwnStreamsAndLetsGoOfClientsThatLeft() throws Exception {
        URI second = Stack.get()
                .startInstance(
                        "api-gateway",
                        "2",
                        Map.of(
                                "SOCIAL_GATEWAY_NOTIFICATIONS_HEARTBEAT", "300ms",
                                "SOCIAL_GATEWAY_NOTIFICATIONS_MAXSTREAMSPERUSER", "2"));
        Session ivy = api.signUp("ntf_ivy");
        Session jay = api.signUp("ntf_jay");
        Session kim = api.signUp("ntf_kim");
        UUID k = UUID.fromString(kim.id());
        double before = openStreams(second);

        try (SseClient ivyHere = SseClient.open(api.base(), ivy.accessToken());
                SseClient ivyThere = SseClient.open(second, ivy.accessToken());
                SseClient jayThere = SseClient.open(second, jay.accessToken())) {
            await().atMost(CONVERGE).until(() -> openStreams(second) == before + 2);
            publish(followed(k, UUID.fromString(ivy.id()), false));
            publish(followed(k, UUID.fromString(jay.id()), false));
            ivyHere.expect("FOLLOW", kim, null);
            ivyThere.expect("FOLLOW", kim, null);
            jayThere.expect("FOLLOW", kim, null);
            assertThat(ivyHere.nothingMoreWithin(Duration.ofMillis(300))).isTrue();
            // the heartbeat is a comment line
            assertThat(jayThere.comments.poll(2, TimeUnit.SECONDS)).isEqualTo(":heartbeat");

            ivyThere.close();
            await().atMost(CONVERGE).until(() -> openStreams(second) == before + 1);

            // a third stream of one user closes the oldest of the two allowed
            try (SseClient jay2 = SseClient.open(second, jay.accessToken());
                    SseClient jay3 = SseClient.open(second, jay.accessToken())) {
                await().atMost(CONVERGE).until(jayThere::ended);
                assertThat(openStreams(second)).isEqualTo(before + 2);
                publish(followed(UUID.fromString(ivy.id()), UUID.fromString(jay.id()), false));
                jay2.expect("FOLLOW", ivy, null);
                jay3.expect("FOLLOW", ivy, null);
            }
        }
        await().atMost(CONVERGE).until(() -> openStreams(second) == before);
    }

    @Test
    void aStreamTicketOpensTheStreamOnceAndNoSecretReachesALog() throws Exception {
        Session lea = api.signUp("ntf_lea");
        Session max = api.signUp("ntf_max");
        Response issued = api.post("/api/notifications/stream-ticket", null, lea.accessToken());
        assertThat(issued.status()).isEqualTo(200);
        String ticket = issued.json().get("ticket").asString();
        assertThat(issued.json().get("expiresIn").asLong()).isEqualTo(30);

        try (SseClient stream = SseClient.openWith(api.base(), "ticket=" + ticket)) {
            publish(followed(UUID.fromString(max.id()), UUID.fromString(lea.id()), false));
            stream.expect("FOLLOW", max, null);
        }
        Response reused = api.get("/api/notifications/stream?ticket=" + ticket);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/notifications/stream?ticket=made-up").status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", lea.refreshToken()))
                        .status())
                .isEqualTo(200);

        List<String> secrets = List.of(
                lea.password(), lea.accessToken(), lea.refreshToken(), ticket, max.password(), max.accessToken());
        try (var files = Files.list(Stack.get().logs())) {
            for (Path log : files.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(text)
                            .as("%s must not contain a secret", log.getFileName())
                            .doesNotContain(secret);
                }
            }
        }
    }

    /** A gateway allowing two streams per address: the third is 429, and closing one makes room. */
    @Test
    void streamsBeyondThePerAddressCapAre429ProblemJson() throws Exception {
        URI capped = Stack.get()
                .startInstance(
                        "api-gateway",
                        "caps",
                        Map.of(
                                "GATEWAY_MAX_STREAMS_PER_ADDRESS",
                                "2",
                                "SOCIAL_GATEWAY_NOTIFICATIONS_HEARTBEAT",
                                "300ms"));
        Session ned = api.signUp("ntf_ned");
        Session ola = api.signUp("ntf_ola");
        try (SseClient first = SseClient.open(capped, ned.accessToken());
                SseClient second = SseClient.open(capped, ola.accessToken())) {
            Response refused = new Api(capped)
                    .send(
                            "GET",
                            "/api/notifications/stream",
                            null,
                            ola.accessToken(),
                            Map.of("Accept", "text/event-stream"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");

            first.close();
            await().atMost(CONVERGE).until(() -> openStreams(capped) == 1);
            try (SseClient again = SseClient.open(capped, ned.accessToken())) {
                assertThat(again.ended()).isFalse();
            }
        }
    }

    // ---- helpers ----

    /** Publishes as the service that owns the event: receivers accept it from that one only. */
    private static void publish(Event event) {
        String type = MessageTypes.idOf(event.getClass());
        String publisher = Senders.publisherOf(type);
        BrokerUsers users = Stack.get().brokerUsers();
        CachingConnectionFactory broker = brokers.computeIfAbsent(
                publisher, party -> new CachingConnectionFactory(users.connectionFactory(party)));
        RabbitTemplate events = new RabbitTemplate(broker);
        events.setMessageConverter(new ContractMessageConverter(users.user(publisher)));
        events.setExchange(TestInfrastructure.start().get("MESSAGING_PREFIX") + Names.EVENTS_EXCHANGE);
        events.convertAndSend(type, event);
    }

    private static UserFollowed followed(UUID follower, UUID followee, boolean notify) {
        return new UserFollowed(UUID.randomUUID(), Instant.now(), 1, follower, followee, notify, 1L);
    }

    private static PostCreated created(
            UUID author, UUID replyTo, UUID replyToAuthor, UUID repostOf, UUID repostOfAuthor, List<String> mentions) {
        return new PostCreated(
                UUID.randomUUID(),
                Instant.now(),
                1,
                UUID.randomUUID(),
                author,
                repostOf != null ? "" : "some words",
                Instant.now(),
                replyTo,
                replyToAuthor,
                repostOf,
                repostOfAuthor,
                mentions);
    }

    private static long unread(Session session) {
        Response response = api.get("/api/notifications/unread-count", session.accessToken());
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    private static List<String> types(Session session) {
        List<String> types = new ArrayList<>();
        api.get("/api/notifications?limit=100", session.accessToken())
                .json()
                .get("items")
                .forEach(item -> types.add(item.get("type").asString()));
        return types;
    }

    private static List<String> postIds(Session session) {
        List<String> ids = new ArrayList<>();
        api.get("/api/notifications?limit=100", session.accessToken())
                .json()
                .get("items")
                .forEach(item -> ids.add(item.get("postId").asString()));
        return ids;
    }

    private static double openStreams(URI gateway) {
        Response metric = new Api(gateway).get("/actuator/metrics/social.notification.streams");
        assertThat(metric.status()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    /** A browser's EventSource, roughly: the token in the query, events and comments read as they come. */
    static final class SseClient implements AutoCloseable {
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        /** Received and not yet expected. */
        private final List<JsonNode> pending = new ArrayList<>();

        private final InputStream body;
        private volatile boolean ended;

        private SseClient(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }

        static SseClient open(URI gateway, String token) throws Exception {
            return openWith(gateway, "access_token=" + token);
        }

        /** Opens the stream authenticated by this query (a token or a ticket). */
        static SseClient openWith(URI gateway, String query) throws Exception {
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(gateway.resolve("/api/notifications/stream?" + query))
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            SseClient client = new SseClient(response.body());
            // the stream is registered once its first comment arrived
            assertThat(client.comments.poll(5, TimeUnit.SECONDS)).isEqualTo(":connected");
            return client;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (line.isEmpty() && event != null) {
                        JsonNode json = JSON.readTree(data.toString());
                        assertThat(json.get("type").asString()).isEqualTo(event);
                        events.add(json);
                        event = null;
                        data.setLength(0);
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                ended = true;
            }
        }

        boolean ended() {
            return ended;
        }

        /** An event of this type, by this actor, about this post arrives within 2 s (others may come between). */
        JsonNode expect(String type, Session actor, UUID postId) throws InterruptedException {
            long deadline = System.nanoTime() + LIVE.toNanos();
            while (true) {
                for (JsonNode event : pending) {
                    if (event.get("type").asString().equals(type)
                            && event.get("actor").get("id").asString().equals(actor.id())
                            && (postId == null
                                    ? event.get("postId").isNull()
                                    : event.get("postId").asString().equals(postId.toString()))) {
                        pending.remove(event);
                        assertThat(event.get("actor").get("username").asString())
                                .isEqualTo(actor.username());
                        assertThat(event.get("read").asBoolean()).isFalse();
                        assertThat(event.get("id").asString()).isNotBlank();
                        assertThat(event.get("createdAt").asString()).endsWith("Z");
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                JsonNode next = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                assertThat(next)
                        .as(
                                "a %s notification by %s about %s within %s; besides got %s",
                                type, actor.username(), postId, LIVE, pending)
                        .isNotNull();
                pending.add(next);
            }
        }

        boolean nothingMoreWithin(Duration wait) throws InterruptedException {
            return pending.isEmpty() && events.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
