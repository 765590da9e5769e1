package social.contract.user;

import social.contract.MessageType;

/** Look a user up by username, ignoring case. */
@MessageType("user.find-by-username")
public record FindUserByUsernameRequest(String username) {}
