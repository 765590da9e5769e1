package social.gateway.follow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import social.contract.follow.Relationship;

/** The API's Relationship; its {@code notify} cannot be a Java record component's name. */
@Schema(name = "Relationship", description = "How the caller and a user stand, from the caller's side")
record RelationshipView(
        boolean following,
        boolean followedBy,
        @JsonProperty("notify") boolean notifyEnabled,
        boolean blocking,
        boolean blockedBy,
        boolean muting) {

    static RelationshipView of(Relationship relationship) {
        return new RelationshipView(
                relationship.following(),
                relationship.followedBy(),
                relationship.notifyEnabled(),
                relationship.blocking(),
                relationship.blockedBy(),
                relationship.muting());
    }
}
