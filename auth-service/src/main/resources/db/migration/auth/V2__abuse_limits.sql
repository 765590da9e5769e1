-- Attempts counted per key in a fixed window that ends at window_end: failed logins per
-- (username, address) and per address, registrations per address. Counted by one upsert each,
-- so concurrent attempts never lose a count. Rows past window_end are purged.
CREATE TABLE attempt_counter (
    counter_key  text PRIMARY KEY,
    attempts     integer     NOT NULL,
    window_end   timestamptz NOT NULL
);
CREATE INDEX attempt_counter_window_end ON attempt_counter (window_end);

-- replaced by attempt_counter: its per-username counts let anyone lock a user out
DROP TABLE login_failure;

-- A login (token family) ends at family_started_at + the family lifetime, however often it rotated.
ALTER TABLE refresh_token ADD COLUMN family_started_at timestamptz;
UPDATE refresh_token t SET family_started_at =
    (SELECT min(created_at) FROM refresh_token f WHERE f.family_id = t.family_id);
ALTER TABLE refresh_token ALTER COLUMN family_started_at SET NOT NULL;
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);
