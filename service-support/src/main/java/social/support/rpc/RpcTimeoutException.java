package social.support.rpc;

/** No reply came within the configured timeout. */
public class RpcTimeoutException extends RuntimeException {
    public RpcTimeoutException(String operation) {
        super("no reply to " + operation + " in time", null, false, false);
    }
}
