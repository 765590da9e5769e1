-- Single-use tickets that open a notification stream (README, "The edge"), held here rather than
-- in the gateway instance that issued them, so that any instance can redeem them. Only the SHA-256
-- of a ticket is stored: a dump opens no stream.
CREATE TABLE stream_ticket (
    ticket_hash      bytea PRIMARY KEY,
    user_id          uuid        NOT NULL,
    username         text        NOT NULL,
    login_id         uuid,
    token_expires_at timestamptz NOT NULL,
    issued_at        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
-- the newest tickets of a user (each user holds a bounded number), and the expired ones (purge)
CREATE INDEX stream_ticket_user ON stream_ticket (user_id, issued_at);
CREATE INDEX stream_ticket_expiry ON stream_ticket (expires_at);
