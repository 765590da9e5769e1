package social.archfixture.intruder;

import java.util.UUID;

import social.archfixture.clean.store.Store;

/** Reaches into another module's classes instead of asking it over a message. */
public class Intruder {
    public boolean peek(UUID id) {
        return new Store().has(id);
    }
}
