package social.support.rpc;

/** The request could not be delivered: broker unreachable, or no queue of the service exists. */
public class RpcUnavailableException extends RuntimeException {
    public RpcUnavailableException(String service, Throwable cause) {
        super(service + " service is unavailable: " + cause.getMessage(), cause);
    }
}
