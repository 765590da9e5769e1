package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.contract.registry.Subscriptions;
import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.gateway.e2e.NotificationsE2EIT.SseClient;
import social.support.messaging.MessagingNames;
import social.support.testing.TestInfrastructure;

/**
 * The paths between instances, with two of everything ({@link Stack#INSTANCES}): what one gateway
 * takes, the other shows; a stream on one gateway hears what a request through the other caused; a
 * stream ticket from one opens the stream on the other; every instance of a service consumes its
 * shared queues (competing consumers), one at a time where events must apply in order (single
 * active consumer), and the standby takes over when the active one goes.
 */
class ScaleOutE2EIT {
    private static Api first;
    private static Api second;
    private static MessagingNames names;

    @BeforeAll
    static void twoGateways() {
        List<URI> gateways = Stack.get().gateways();
        assumeThat(gateways)
                .as("a stack of more than one instance each (-De2e.instances)")
                .hasSizeGreaterThan(1);
        first = new Api(gateways.get(0));
        second = new Api(gateways.get(1));
        names = new MessagingNames(TestInfrastructure.start().get("MESSAGING_PREFIX"), "api-gateway");
    }

    @Test
    void whatOneGatewayTakesTheOtherShowsAtOnce() {
        Session ann = first.signUp("so_ann");
        Session ben = second.signUp("so_ben");

        String post = Social.post(first, ann, "written through the first gateway")
                .get("id")
                .asString();
        Response read = second.get("/api/posts/" + post, ben.accessToken());
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.json().get("content").asString()).isEqualTo("written through the first gateway");
        assertThat(read.json().get("author").get("username").asString()).isEqualTo(ann.username());

        assertThat(second.put("/api/posts/" + post + "/like", null, ben.accessToken())
                        .status())
                .isEqualTo(204);
        Response liked = first.get("/api/posts/" + post, ben.accessToken());
        assertThat(liked.json().get("likeCount").asLong()).isEqualTo(1);
        assertThat(liked.json().get("likedByMe").asBoolean()).isTrue();

        Social.follow(first, ben, ann);
        Response relationship = second.get("/api/users/" + ann.id() + "/relationship", ben.accessToken());
        assertThat(relationship.status()).as("%s", relationship).isEqualTo(200);
        assertThat(relationship.json().get("following").asBoolean()).isTrue();

        assertThat(second.delete("/api/posts/" + post, ann.accessToken()).status())
                .isEqualTo(204);
        assertThat(first.get("/api/posts/" + post, ann.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aStreamOnOneGatewayHearsOfALikeMadeThroughTheOther() throws Exception {
        Session cat = first.signUp("so_cat");
        Session dan = first.signUp("so_dan");
        String post = Social.post(first, cat, "like me").get("id").asString();

        try (SseClient stream = SseClient.open(first.base(), cat.accessToken())) {
            assertThat(second.put("/api/posts/" + post + "/like", null, dan.accessToken())
                            .status())
                    .isEqualTo(204);
            stream.expect("LIKE", dan, UUID.fromString(post));
        }
    }

    @Test
    void aStreamTicketFromOneGatewayOpensTheStreamOnTheOtherOnce() throws Exception {
        Session eve = first.signUp("so_eve");
        Session fay = first.signUp("so_fay");
        Response issued = first.post("/api/notifications/stream-ticket", null, eve.accessToken());
        assertThat(issued.status()).as("%s", issued).isEqualTo(200);
        String ticket = issued.json().get("ticket").asString();

        try (SseClient stream = SseClient.openWith(second.base(), "ticket=" + ticket)) {
            Social.follow(first, fay, eve);
            stream.expect("FOLLOW", fay, null);
        }
        assertThat(first.get("/api/notifications/stream?ticket=" + ticket).status())
                .isEqualTo(401);
        assertThat(second.get("/api/notifications/stream?ticket=" + ticket).status())
                .isEqualTo(401);
    }

    /**
     * Requests and unordered subscriptions: consumers of every instance, all taking messages. In-order
     * subscriptions: a consumer of every instance, one of them active.
     */
    @Test
    void everyInstanceConsumesEachSharedQueueAndOneAtATimeWhereOrderMatters() {
        Broker broker = Broker.now();
        Set<String> shared = new HashSet<>();
        Subscriptions.contract().all().forEach(subscription -> shared.add(names.eventQueue(subscription)));
        broker.queues().stream()
                .filter(queue -> queue.endsWith(".rpc.requests"))
                .forEach(shared::add);
        assertThat(shared).hasSizeGreaterThan(Subscriptions.contract().all().size() + 5);

        for (String queue : shared) {
            assertThat(broker.connectionsConsuming(queue)).as(queue).hasSize(Stack.INSTANCES);
            if (broker.inOrder(queue)) {
                assertThat(broker.activeConsumers(queue)).as(queue).isEqualTo(1);
            } else {
                assertThat(broker.activeConsumers(queue)).as(queue).isEqualTo(broker.consumers(queue));
            }
        }
        assertThat(shared.stream().filter(broker::inOrder))
                .containsExactlyInAnyOrder(
                        queueOf("post-service", "follow-graph"), queueOf("user-service", "profile-counters"));
    }

    /**
     * post-service's copy of the follow graph applies follows in order, on one instance at a time:
     * when that instance's connection goes, the other instance's consumer takes over and the home
     * timeline keeps following the graph.
     */
    @Test
    void whenTheActiveInOrderConsumerGoesTheStandbyTakesOver() {
        String followGraph = queueOf("post-service", "follow-graph");
        String active = Broker.now().activeConnection(followGraph);

        TestInfrastructure.rabbitmqctl("close_connection", active, "the active consumer goes (ScaleOutE2EIT)");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String now = Broker.now().activeConnection(followGraph);
            assertThat(now).isNotEqualTo(active);
        });
        Session gus = first.signUp("so_gus");
        Session hal = second.signUp("so_hal");
        Social.follow(second, gus, hal);
        String post = Social.post(first, hal, "seen by a follower").get("id").asString();
        Social.withinConvergence()
                .untilAsserted(() -> assertThat(Social.ids(
                                first.get("/api/timeline", gus.accessToken()).json()))
                        .contains(post));
        // the instance whose connection went consumes again, as the standby
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Broker.now().connectionsConsuming(followGraph))
                        .hasSize(Stack.INSTANCES));
    }

    private static String queueOf(String service, String concern) {
        return names.eventQueue(Subscriptions.contract().find(service, concern).orElseThrow());
    }

    /** What the broker says about the stack's queues and their consumers ({@code rabbitmqctl}). */
    private record Broker(Map<String, Boolean> inOrderByQueue, List<Consumer> consumerList) {
        private record Consumer(String queue, String connection, boolean active) {}

        static Broker now() {
            String vhost = Stack.get().brokerUsers().vhost();
            Map<String, Boolean> queues = new HashMap<>();
            for (String[] row : rows(TestInfrastructure.rabbitmqctl(
                    "list_queues", "-p", vhost, "-q", "--no-table-headers", "name", "arguments"))) {
                queues.put(row[0], row.length > 1 && row[1].contains("{\"x-single-active-consumer\",true}"));
            }
            Map<String, String> connectionOfChannel = new HashMap<>();
            for (String[] row : rows(
                    TestInfrastructure.rabbitmqctl("list_channels", "-q", "--no-table-headers", "pid", "connection"))) {
                connectionOfChannel.put(row[0], row[1]);
            }
            List<Consumer> consumers = rows(TestInfrastructure.rabbitmqctl(
                            "list_consumers",
                            "-p",
                            vhost,
                            "-q",
                            "--no-table-headers",
                            "queue_name",
                            "channel_pid",
                            "active"))
                    .stream()
                    .map(row -> new Consumer(row[0], connectionOfChannel.get(row[1]), Boolean.parseBoolean(row[2])))
                    .toList();
            return new Broker(queues, consumers);
        }

        Set<String> queues() {
            return inOrderByQueue.keySet();
        }

        boolean inOrder(String queue) {
            return inOrderByQueue.getOrDefault(queue, false);
        }

        Set<String> connectionsConsuming(String queue) {
            return consumerList.stream()
                    .filter(consumer -> consumer.queue().equals(queue))
                    .map(Consumer::connection)
                    .collect(Collectors.toSet());
        }

        long consumers(String queue) {
            return consumerList.stream()
                    .filter(consumer -> consumer.queue().equals(queue))
                    .count();
        }

        long activeConsumers(String queue) {
            return consumerList.stream()
                    .filter(consumer -> consumer.queue().equals(queue) && consumer.active())
                    .count();
        }

        String activeConnection(String queue) {
            List<String> active = consumerList.stream()
                    .filter(consumer -> consumer.queue().equals(queue) && consumer.active())
                    .map(Consumer::connection)
                    .toList();
            assertThat(active).as("the active consumer of %s", queue).hasSize(1);
            return active.get(0);
        }

        private static List<String[]> rows(String output) {
            return output.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split("\t"))
                    .toList();
        }
    }
}
