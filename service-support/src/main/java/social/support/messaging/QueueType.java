package social.support.messaging;

/**
 * The kind of queue declared for what the instances of a service share (request queues,
 * subscription queues, dead-letter queues): {@code social.messaging.queue-type}, env {@code
 * MESSAGING_QUEUE_TYPE}. An instance's own queues (exclusive, auto-deleted) are classic either way.
 */
public enum QueueType {
    /** On one node: for a single broker (local runs, docker compose). */
    CLASSIC("classic"),
    /**
     * Replicated over the nodes of a cluster (Raft), available while a majority is up: for clusters.
     * Changing the type of an existing queue is refused by the broker ({@code PRECONDITION_FAILED}):
     * docs/scaling.md, "Quorum queues", says how to move over.
     */
    QUORUM("quorum");

    private final String argument;

    QueueType(String argument) {
        this.argument = argument;
    }

    /** The value of the {@code x-queue-type} argument. */
    public String argument() {
        return argument;
    }
}
