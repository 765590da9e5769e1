package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.CopyOnWriteArrayList;
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
import social.contract.notification.NotificationBatchCreated;
import social.contract.notification.NotificationType;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.registry.MessageTypes;
import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.id.Ids;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.Senders;
import social.support.testing.BrokerUsers;
import social.support.testing.ServiceJvms;
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
        URI second = secondGateway();
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

    /**
     * A client that stops reading (its socket's buffers full, so that writes to it block) holds up
     * nobody else on its gateway: another stream still gets its notification and its heartbeats,
     * and the stalled stream, fallen too far behind, is let go.
     */
    @Test
    void aClientThatStopsReadingHoldsUpNoOtherStreamOnItsGateway() throws Exception {
        URI second = secondGateway();
        Session una = api.signUp("ntf_una");
        Session vic = api.signUp("ntf_vic");
        Session wes = api.signUp("ntf_wes");
        UUID stalledUser = UUID.fromString(una.id());
        UUID actor = UUID.fromString(wes.id());
        double before = openStreams(second);

        try (StalledClient stalled = StalledClient.open(second, una.accessToken());
                SseClient healthy = SseClient.open(second, vic.accessToken())) {
            await().atMost(CONVERGE).until(() -> openStreams(second) == before + 2);
            // about 10 MB of events for the stalled client: more than every buffer between it and the gateway
            for (int batch = 0; batch < 60; batch++) {
                List<NotificationBatchCreated.Created> items = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    items.add(new NotificationBatchCreated.Created(
                            stalledUser, Ids.newId(), NotificationType.FOLLOW, actor, null, Instant.now()));
                }
                publish(new NotificationBatchCreated(UUID.randomUUID(), Instant.now(), 1, items));
            }
            publish(liveFollow(UUID.fromString(vic.id()), actor));

            healthy.expect("FOLLOW", wes, null, CONVERGE);
            healthy.comments.clear();
            assertThat(healthy.comments.poll(2, TimeUnit.SECONDS)).isEqualTo(":heartbeat");
            await().atMost(CONVERGE).until(() -> openStreams(second) == before + 1);
        }
    }

    /** The outbox relay may publish a batch again (or the broker redeliver it): the screen shows it once. */
    @Test
    void aNotificationDeliveredTwiceReachesEachStreamOnce() throws Exception {
        Session pia = api.signUp("ntf_pia");
        Session quin = api.signUp("ntf_quin");
        NotificationBatchCreated follow = liveFollow(UUID.fromString(pia.id()), UUID.fromString(quin.id()));

        try (SseClient stream = SseClient.open(api.base(), pia.accessToken());
                SseClient other = SseClient.open(api.base(), pia.accessToken())) {
            publish(follow);
            publish(follow); // published again, as the relay does after a lost confirm
            stream.expect("FOLLOW", quin, null);
            other.expect("FOLLOW", quin, null);
            assertThat(stream.nothingMoreWithin(Duration.ofMillis(500))).isTrue();
            assertThat(other.nothingMoreWithin(Duration.ofMillis(100))).isTrue();
        }
    }

    /**
     * Every event's {@code id:} is its notification's id; a client that reconnects with the last
     * one it saw as {@code Last-Event-ID} (as a browser's EventSource does) first gets the
     * notifications it missed meanwhile, oldest first and each once, then live ones again.
     */
    @Test
    void aStreamReopenedWithLastEventIdFirstGetsWhatItMissedOldestFirst() throws Exception {
        Session ria = api.signUp("ntf_ria");
        Session sam = api.signUp("ntf_sam");
        UUID r = UUID.fromString(ria.id());
        UUID s = UUID.fromString(sam.id());
        String seen;
        try (SseClient stream = SseClient.open(api.base(), ria.accessToken())) {
            publish(followed(s, r, false));
            seen = stream.expect("FOLLOW", sam, null, CONVERGE).get("id").asString();
            assertThat(stream.eventIds()).containsExactly(seen);
        }

        UUID firstPost = UUID.randomUUID();
        UUID secondPost = UUID.randomUUID();
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, firstPost, r, s));
        await().atMost(CONVERGE).until(() -> unread(ria) == 2);
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, secondPost, r, s));
        await().atMost(CONVERGE).until(() -> unread(ria) == 3);
        List<String> missed = new ArrayList<>();
        api.get("/api/notifications", ria.accessToken())
                .json()
                .get("items")
                .forEach(item -> missed.add(0, item.get("id").asString()));
        missed.remove(seen);

        try (SseClient resumed =
                SseClient.openWith(api.base(), "access_token=" + ria.accessToken(), Map.of("Last-Event-ID", seen))) {
            resumed.expect("LIKE", sam, firstPost, CONVERGE);
            resumed.expect("LIKE", sam, secondPost, CONVERGE);
            assertThat(resumed.nothingMoreWithin(Duration.ofMillis(300))).isTrue();
            assertThat(resumed.eventIds()).containsExactlyElementsOf(missed);

            UUID thirdPost = UUID.randomUUID();
            publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, thirdPost, r, s));
            resumed.expect("LIKE", sam, thirdPost, CONVERGE);
        }
        // an id that no notification has (nor could have) resumes nothing: the stream is live as usual
        try (SseClient fresh = SseClient.openWith(
                api.base(), "access_token=" + ria.accessToken(), Map.of("Last-Event-ID", "not-an-id"))) {
            assertThat(fresh.nothingMoreWithin(Duration.ofMillis(300))).isTrue();
        }
    }

    /**
     * A browser whose EventSource cannot set {@code Last-Event-ID} opens the stream with a ticket and
     * {@code ?lastEventId=}: it first gets what it missed, as with the header; when both come, the
     * header (the newest id an EventSource sends on its own reconnects) wins.
     */
    @Test
    void aStreamOpenedWithATicketAndLastEventIdInTheQueryFirstGetsWhatItMissed() throws Exception {
        Session uma = api.signUp("ntf_uma");
        Session vic = api.signUp("ntf_vic");
        UUID u = UUID.fromString(uma.id());
        UUID v = UUID.fromString(vic.id());
        publish(followed(v, u, false));
        await().atMost(CONVERGE).until(() -> unread(uma) == 1);
        String seen = api.get("/api/notifications", uma.accessToken())
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        UUID missedPost = UUID.randomUUID();
        publish(new LikeAdded(UUID.randomUUID(), Instant.now(), 1, missedPost, u, v));
        await().atMost(CONVERGE).until(() -> unread(uma) == 2);

        try (SseClient resumed = SseClient.openWith(api.base(), "ticket=" + ticket(uma) + "&lastEventId=" + seen)) {
            resumed.expect("LIKE", vic, missedPost, CONVERGE);
            assertThat(resumed.nothingMoreWithin(Duration.ofMillis(300))).isTrue();
        }
        // the parameter alone would resume after the newest one: nothing to send
        String newest = api.get("/api/notifications", uma.accessToken())
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        try (SseClient both = SseClient.openWith(
                api.base(), "ticket=" + ticket(uma) + "&lastEventId=" + newest, Map.of("Last-Event-ID", seen))) {
            both.expect("LIKE", vic, missedPost, CONVERGE);
        }
    }

    private static String ticket(Session session) {
        Response issued = api.post("/api/notifications/stream-ticket", null, session.accessToken());
        assertThat(issued.status()).as("%s", issued).isEqualTo(200);
        return issued.json().get("ticket").asString();
    }

    /** Each instance's queue of live notifications is bounded: beyond, the oldest are dropped. */
    @Test
    void theLiveNotificationQueueOfEveryGatewayInstanceIsBoundedDroppingTheOldest() {
        secondGateway();
        String queues = TestInfrastructure.rabbitmqctl(
                "list_queues", "-p", Stack.get().brokerUsers().vhost(), "name", "arguments");
        List<String> live = queues.lines()
                .filter(line -> line.contains(".live-notifications."))
                .toList();
        assertThat(live)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line)
                        .contains("{\"x-max-length\",10000}")
                        .contains("{\"x-overflow\",\"drop-head\"}"));
    }

    // ---- helpers ----

    /** A second gateway instance: short heartbeat, two streams per user. */
    private static URI secondGateway() {
        return Stack.get()
                .startInstance(
                        "api-gateway",
                        "2",
                        Map.of(
                                "SOCIAL_GATEWAY_NOTIFICATIONS_HEARTBEAT", "300ms",
                                "SOCIAL_GATEWAY_NOTIFICATIONS_MAXSTREAMSPERUSER", "2"));
    }

    /** A FOLLOW as notification-service announces it for live delivery (not in anyone's list). */
    private static NotificationBatchCreated liveFollow(UUID recipient, UUID actor) {
        return new NotificationBatchCreated(
                UUID.randomUUID(),
                Instant.now(),
                1,
                List.of(new NotificationBatchCreated.Created(
                        recipient, Ids.newId(), NotificationType.FOLLOW, actor, null, Instant.now())));
    }

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
                mentions,
                List.of(),
                null,
                null);
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
        Response metric =
                new Api(gateway).get("/actuator/metrics/social.notification.streams", ServiceJvms.MANAGEMENT_TOKEN);
        assertThat(metric.status()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    /** A browser's EventSource, roughly: the token in the query, events and comments read as they come. */
    static final class SseClient implements AutoCloseable {
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        /** The {@code id:} of each event, in the order received ("" for an event without one). */
        private final List<String> eventIds = new CopyOnWriteArrayList<>();
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
            return openWith(gateway, query, Map.of());
        }

        /** As {@link #openWith(URI, String)}, with these request headers too (e.g. {@code Last-Event-ID}). */
        static SseClient openWith(URI gateway, String query, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/notifications/stream?" + query))
                    .header("Accept", "text/event-stream");
            headers.forEach(request::header);
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
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
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (line.isEmpty() && event != null) {
                        JsonNode json = JSON.readTree(data.toString());
                        assertThat(json.get("type").asString()).isEqualTo(event);
                        eventIds.add(id == null ? "" : id);
                        events.add(json);
                        event = null;
                        id = null;
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

        /** The {@code id:} of each event received so far, in order. */
        List<String> eventIds() {
            return List.copyOf(eventIds);
        }

        /** An event of this type, by this actor, about this post arrives within 2 s (others may come between). */
        JsonNode expect(String type, Session actor, UUID postId) throws InterruptedException {
            return expect(type, actor, postId, LIVE);
        }

        /** As {@link #expect(String, Session, UUID)}, within {@code within}. */
        JsonNode expect(String type, Session actor, UUID postId, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
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
                                type, actor.username(), postId, within, pending)
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

    /**
     * A client that opens the stream and then stops reading: a small receive buffer that is never
     * drained, so that the gateway's writes to it block once the buffers between are full.
     */
    static final class StalledClient implements AutoCloseable {
        private final Socket socket;

        private StalledClient(Socket socket) {
            this.socket = socket;
        }

        static StalledClient open(URI gateway, String token) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/notifications/stream?access_token=" + token + " HTTP/1.1\r\n"
                            + "Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n"
                            + "Accept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // reads the response head and the first comment, and nothing after
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains(":connected")) {
                int next = in.read();
                assertThat(next).as("the stream's first comment, got %s", head).isNotNegative();
                head.append((char) next);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
            return new StalledClient(socket);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
