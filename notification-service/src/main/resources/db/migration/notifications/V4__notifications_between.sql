-- A block removes the notifications that passed between the two users (either way): found by
-- recipient and actor, without reading every notification of the recipient.
CREATE INDEX notification_by_recipient_actor ON notification (recipient_id, actor_id);
