package social.gateway.openapi;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;

import social.contract.post.TagCount;
import social.contract.user.User;
import social.contract.user.UserSummary;

/**
 * How the OpenAPI document describes the shapes the API answers with as messages-contract records
 * (which carry no documentation annotations, being plain wire records): each mirror here has the
 * record's components, in order and of the same types ({@code SchemasTest} keeps them so), with
 * the limits of docs/API.md, "Validation rules". Also the patterns the gateway's own shapes share.
 */
public final class Schemas {
    /** A username: 3-30 letters, digits or underscores. */
    public static final String USERNAME = "^[A-Za-z0-9_]{3,30}$";

    private Schemas() {}

    /** Documents each contract record by its mirror (once per JVM, before springdoc reads any). */
    static void describeContractRecords() {
        SpringDocUtils.getConfig()
                .replaceWithClass(User.class, UserSchema.class)
                .replaceWithClass(UserSummary.class, UserSummarySchema.class)
                .replaceWithClass(TagCount.class, TagCountSchema.class);
    }

    @Schema(name = "User", description = "A public profile with its counters")
    record UserSchema(
            UUID id,

            @Schema(minLength = 3, maxLength = 30, pattern = USERNAME)
            String username,

            @Schema(minLength = 1, maxLength = 50) String displayName,

            @Schema(description = "empty when none; may hold line feeds", maxLength = 160)
            String bio,

            Instant createdAt,
            @Schema(minimum = "0") long followersCount,
            @Schema(minimum = "0") long followingCount,
            @Schema(minimum = "0") long postsCount) {}

    @Schema(
            name = "UserSummary",
            description = "Who someone is, in the fewest fields; username and displayName are null for an account"
                    + " that is gone (or could not be looked up just now)")
    record UserSummarySchema(
            UUID id,

            @Schema(minLength = 3, maxLength = 30, pattern = USERNAME, nullable = true)
            String username,

            @Schema(minLength = 1, maxLength = 50, nullable = true)
            String displayName) {}

    @Schema(name = "TagCount", description = "A hashtag's use in a window: its posts and their distinct authors")
    record TagCountSchema(
            @Schema(description = "lower case, without '#'", minLength = 1, maxLength = 50)
            String tag,

            @Schema(minimum = "1") long posts,
            @Schema(minimum = "1") long authors) {}
}
