-- Leaving (issue 14). A deleted account's credential stays, marked, until every service has
-- erased it: logins treat it as unknown at once, while its username and email stay taken.
ALTER TABLE credential ADD COLUMN deleted_at timestamptz;

-- One row per account deletion (the saga of user.deleted): the id and times only. completed_at is
-- set, and the credential dropped, once every service reported its erasure (erasure_step).
CREATE TABLE erasure (
    user_id      uuid PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    completed_at timestamptz
);
-- the pending ones (operators' view, the gauge) and the completed ones (purge)
CREATE INDEX erasure_pending ON erasure (requested_at) WHERE completed_at IS NULL;
CREATE INDEX erasure_completed ON erasure (completed_at) WHERE completed_at IS NOT NULL;

-- Which service reported its erasure of the account, and when.
CREATE TABLE erasure_step (
    user_id      uuid        NOT NULL REFERENCES erasure (user_id) ON DELETE CASCADE,
    service      text        NOT NULL,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, service)
);

-- the deletion drops every refresh token and stream ticket of the account
CREATE INDEX refresh_token_user ON refresh_token (user_id);
