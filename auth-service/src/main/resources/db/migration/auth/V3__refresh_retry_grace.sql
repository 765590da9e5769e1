-- A refresh whose reply was lost is retried with the token it just rotated. For a short grace
-- window that token keeps its successor, sealed (AES-GCM) under a key derived from the rotated
-- token itself, which this table holds only as a SHA-256 hash: only whoever presents the rotated
-- token can open it, and a dump of the table yields no usable token. The seal is cleared once the
-- window has passed, or at once when the login is revoked.
ALTER TABLE refresh_token ADD COLUMN successor_id uuid;
ALTER TABLE refresh_token ADD COLUMN successor_sealed bytea;
CREATE INDEX refresh_token_sealed_successor ON refresh_token (used_at) WHERE successor_sealed IS NOT NULL;
