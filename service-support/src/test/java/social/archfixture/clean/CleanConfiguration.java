package social.archfixture.clean;

import social.archfixture.clean.store.Store;
import social.archfixture.clean.web.Endpoint;

/** Wires the features together; none of them uses it. */
public class CleanConfiguration {
    public Endpoint endpoint() {
        return new Endpoint(new Store());
    }
}
