package social.archfixture.clean.store;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import social.support.id.Ids;

/** Uses service-support and the JDK only. */
public class Store {
    private final Set<UUID> ids = new HashSet<>(Set.of(Ids.newId()));

    public boolean has(UUID id) {
        return ids.contains(id);
    }
}
