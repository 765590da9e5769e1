-- Issue 23: the access denials of the last access-token lifetime (a login that ended, an account
-- deleted), written in the transaction that publishes its auth.login-ended or user.deleted, so that
-- a gateway that may have missed those events (its queue was lost) loads the live ones before it
-- trusts its deny list again. login_id null: every login of the deleted account. Purged once no
-- access token they deny can be live.
CREATE TABLE access_denial (
    id        uuid PRIMARY KEY,
    user_id   uuid        NOT NULL,
    login_id  uuid,
    denied_at timestamptz NOT NULL
);
CREATE INDEX access_denial_denied_at ON access_denial (denied_at);
