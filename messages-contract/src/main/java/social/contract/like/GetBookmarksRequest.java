package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** The caller's own bookmarks, newest bookmark first: nobody can ask for another user's. */
@MessageType("like.get-bookmarks")
public record GetBookmarksRequest(UUID callerId, int limit, String cursor) {}
