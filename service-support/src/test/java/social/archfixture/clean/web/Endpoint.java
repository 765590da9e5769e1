package social.archfixture.clean.web;

import java.util.UUID;

import social.archfixture.clean.store.Store;
import social.contract.ErrorCode;

/** Uses another feature of its module, the contract and the JDK. */
public class Endpoint {
    private final Store store;

    public Endpoint(Store store) {
        this.store = store;
    }

    public ErrorCode answer(UUID id) {
        return store.has(id) ? null : ErrorCode.NOT_FOUND;
    }
}
