package social.gateway.web;

import java.util.UUID;

/** Ids in paths are opaque strings to clients: one that cannot exist is simply not found. */
public final class PathIds {
    private PathIds() {
    }

    public static UUID parse(String id, String what) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiException.notFound("no such " + what);
    }
}
