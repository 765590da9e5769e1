package social.contract.auth;

import social.contract.MessageType;

/** Ask for the public keys that verify access tokens (never the private ones). */
@MessageType("auth.verification-keys")
public record GetVerificationKeysRequest() {}
