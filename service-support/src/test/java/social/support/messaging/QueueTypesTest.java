package social.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;

import social.contract.follow.UserFollowed;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.contract.user.UserProfileUpdated;
import social.contract.user.UserRpc;
import social.support.events.EventSubscription;
import social.support.events.InstanceSubscription;
import social.support.rpc.RpcEndpoint;

/**
 * Classic queues (one node) or quorum queues (replicated, for clusters) for what the instances of a
 * service share: request queues, subscription queues and their dead-letter queues. An instance's
 * own queue stays classic, as quorum queues cannot be exclusive.
 */
class QueueTypesTest {
    /** The queue arguments RabbitMQ 3.10 accepts on a quorum queue (rabbit_quorum_queue:capabilities/0). */
    private static final Set<String> QUORUM_ARGUMENTS = Set.of(
            "x-dead-letter-exchange",
            "x-dead-letter-routing-key",
            "x-dead-letter-strategy",
            "x-expires",
            "x-max-length",
            "x-max-length-bytes",
            "x-overflow",
            "x-single-active-consumer",
            "x-queue-type",
            "x-quorum-initial-group-size",
            "x-delivery-limit",
            "x-message-ttl",
            "x-queue-leader-locator");

    private final MessagingNames postService = new MessagingNames("test.", "post-service");
    /** The contract's inventory lists neither of these test subscriptions. */
    private final Subscriptions inventory = Subscriptions.of(
            Subscription.of("post-service", "notifications", UserFollowed.class),
            Subscription.of("post-service", "follow-graph", UserFollowed.class));

    @Test
    void everySharedQueueIsAQuorumQueueWithOnlyArgumentsQuorumQueuesAccept() {
        Topology quorum = topology(true, QueueType.QUORUM);

        List<Queue> shared = sharedQueues(quorum);

        assertThat(shared).hasSize(5);
        for (Queue queue : shared) {
            assertThat(queue.getArguments()).as(queue.getName()).containsEntry("x-queue-type", "quorum");
            assertThat(QUORUM_ARGUMENTS)
                    .as(queue.getName())
                    .containsAll(queue.getArguments().keySet());
            // quorum queues are durable, never exclusive or auto-deleted
            assertThat(queue.isDurable()).as(queue.getName()).isTrue();
            assertThat(queue.isExclusive()).as(queue.getName()).isFalse();
            assertThat(queue.isAutoDelete()).as(queue.getName()).isFalse();
            // drop-head and reject-publish are the only overflow modes of a quorum queue
            assertThat(queue.getArguments().getOrDefault("x-overflow", "drop-head"))
                    .as(queue.getName())
                    .isIn("drop-head", "reject-publish");
        }
    }

    /**
     * RabbitMQ 4 gives a quorum queue a delivery limit of 20 unless one is set, and drops or
     * dead-letters a message returned more often: an event put back again and again during an
     * outage would be dead-lettered. -1 ("no limit" on 4.x) would dead-letter every returned
     * message on 3.x, which compares the count with it as it is: the highest limit means none on both.
     */
    @Test
    void noSharedQuorumQueueEverDeadLettersAMessageForBeingReturnedTooOften() {
        for (Queue queue : sharedQueues(topology(false, QueueType.QUORUM))) {
            assertThat(queue.getArguments()).as(queue.getName()).containsEntry("x-delivery-limit", Integer.MAX_VALUE);
        }
    }

    /**
     * A quorum queue dead-letters at most once unless told otherwise: a poison event rejected while
     * its dead-letter queue cannot take it would be lost. At least once needs reject-publish.
     */
    @Test
    void aSubscriptionsQuorumQueueDeadLettersAtLeastOnce() {
        Topology quorum = topology(false, QueueType.QUORUM);
        EventSubscription subscription = EventSubscription.forConcern("follow-graph", quorum)
                .inOrder()
                .on(UserFollowed.class, event -> {})
                .build();

        Queue queue = queueNamed(subscription, "test.post-service.follow-graph");

        assertThat(queue.getArguments())
                .containsEntry("x-dead-letter-strategy", "at-least-once")
                .containsEntry("x-overflow", "reject-publish")
                .containsEntry("x-single-active-consumer", true)
                .containsEntry("x-dead-letter-exchange", "test.social.dlx");
        assertThat(queueNamed(subscription, "test.post-service.follow-graph.dlq")
                        .getArguments())
                .containsEntry("x-max-length", 1_000)
                .doesNotContainKey("x-overflow");
    }

    @Test
    void classicQueuesAreDeclaredAsBeforeSoThatQueuesOfEarlierVersionsStayEquivalent() {
        for (Queue queue : sharedQueues(topology(false, QueueType.CLASSIC))) {
            assertThat(queue.getArguments())
                    .as(queue.getName())
                    .doesNotContainKeys("x-queue-type", "x-delivery-limit", "x-dead-letter-strategy", "x-overflow");
        }
    }

    @Test
    void anInstancesOwnQueueStaysClassicUnderQuorumQueues() {
        Topology quorum = new Topology(
                new MessagingNames("test.", "api-gateway"), false, 1_000, Subscriptions.of(), QueueType.QUORUM);
        InstanceSubscription own = InstanceSubscription.forInstance("user-changes", quorum)
                .on(UserProfileUpdated.class, event -> {})
                .maxLength(100)
                .build();

        Queue queue = queues(own).get(0);

        assertThat(queue.isExclusive()).isTrue();
        assertThat(queue.isAutoDelete()).isTrue();
        assertThat(queue.getArguments()).doesNotContainKeys("x-queue-type", "x-delivery-limit");
    }

    private Topology topology(boolean transientTopology, QueueType type) {
        return new Topology(postService, transientTopology, 1_000, inventory, type);
    }

    /** A request queue, an unordered and an in-order subscription's queue, and their dead-letter queues. */
    private static List<Queue> sharedQueues(Topology topology) {
        RpcEndpoint requests = RpcEndpoint.answering(UserRpc.SERVICE, topology)
                .on(UserRpc.GET, request -> null)
                .build();
        EventSubscription unordered = EventSubscription.forConcern("notifications", topology)
                .on(UserFollowed.class, event -> {})
                .build();
        EventSubscription inOrder = EventSubscription.forConcern("follow-graph", topology)
                .inOrder()
                .on(UserFollowed.class, event -> {})
                .build();
        return List.of(requests, unordered, inOrder).stream()
                .flatMap(declarables -> queues(declarables).stream())
                .distinct()
                .toList();
    }

    private static List<Queue> queues(Declarables declarables) {
        return declarables.getDeclarables().stream()
                .filter(Queue.class::isInstance)
                .map(Queue.class::cast)
                .toList();
    }

    private static Queue queueNamed(Declarables declarables, String name) {
        return queues(declarables).stream()
                .filter(queue -> queue.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + names(declarables)));
    }

    private static List<String> names(Declarables declarables) {
        return declarables.getDeclarables().stream()
                .filter(Queue.class::isInstance)
                .map(declarable -> ((Queue) declarable).getName())
                .toList();
    }
}
