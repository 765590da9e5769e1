package social.contract.user;

import social.contract.MessageType;

/** Users whose username or display name starts with {@code query}, ignoring case. */
@MessageType("user.search")
public record SearchUsersRequest(String query, int limit, String cursor) {}
