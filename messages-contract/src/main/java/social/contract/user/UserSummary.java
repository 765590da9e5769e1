package social.contract.user;

import java.util.UUID;

/** Who someone is, in the fewest fields (the API's UserSummary shape). */
public record UserSummary(UUID id, String username, String displayName) {}
