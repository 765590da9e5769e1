package social.support.blocks;

import java.util.UUID;

/** What a service does, in the transaction that applies it, when a block between two users begins. */
@FunctionalInterface
public interface BlockReaction {
    void blocked(UUID blocker, UUID blocked);
}
