-- The purge of rotated tokens of live logins (TokenRotation.purgeRotatedTokens) finds them by rotation time.
CREATE INDEX refresh_token_rotated ON refresh_token (used_at) WHERE used_at IS NOT NULL AND revoked_at IS NULL;
