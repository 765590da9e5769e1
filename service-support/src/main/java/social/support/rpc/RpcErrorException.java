package social.support.rpc;

import social.contract.ErrorReply;

/** The owning service answered with an error reply. */
public class RpcErrorException extends RuntimeException {
    private final transient ErrorReply reply;

    public RpcErrorException(ErrorReply reply) {
        super(reply.code() + ": " + reply.message(), null, false, false);
        this.reply = reply;
    }

    public ErrorReply reply() {
        return reply;
    }
}
