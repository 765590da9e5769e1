CREATE TABLE credential (
    user_id        uuid PRIMARY KEY,
    username       text        NOT NULL,
    email          text        NOT NULL,
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX credential_username_key ON credential (lower(username));
CREATE UNIQUE INDEX credential_email_key ON credential (lower(email));

-- Refresh tokens are stored as SHA-256 hashes. Tokens of one login form a family (its rotation
-- chain): presenting an already rotated token revokes the whole family.
CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    token_hash  bytea       NOT NULL UNIQUE,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES credential (user_id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);

CREATE TABLE signing_key (
    key_id       text PRIMARY KEY,
    algorithm    text        NOT NULL,
    private_key  bytea       NOT NULL,
    public_key   bytea       NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Failed logins per key ('user:<name>' or 'address:<ip>') within the current window.
CREATE TABLE login_failure (
    throttle_key  text PRIMARY KEY,
    failures      integer     NOT NULL,
    window_start  timestamptz NOT NULL
);
