package social.archfixture.contract;

import java.util.UUID;

import social.support.id.Ids;

/** A message that needs service-support. */
public record SupportMessage(UUID id) {
    public static SupportMessage create() {
        return new SupportMessage(Ids.newId());
    }
}
