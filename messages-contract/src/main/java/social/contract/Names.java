package social.contract;

/**
 * Exchange names, before the deployment prefix is put in front of them
 * (see {@code social.messaging.prefix}).
 */
public final class Names {
    /** The topic exchange every event is published to. */
    public static final String EVENTS_EXCHANGE = "social.events";
    /** Where rejected (poison) messages go; bound to one dead-letter queue per queue. */
    public static final String DEAD_LETTER_EXCHANGE = "social.dlx";

    private Names() {}

    /** The direct exchange of the service owning an operation, e.g. {@code post.rpc}. */
    public static String rpcExchange(String service) {
        return service + ".rpc";
    }
}
