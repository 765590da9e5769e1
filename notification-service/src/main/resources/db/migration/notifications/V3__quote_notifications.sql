-- QUOTE (issue 13): someone quoted the recipient's post; its post is the quote.
ALTER TABLE notification DROP CONSTRAINT notification_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_type_check
    CHECK (type IN ('FOLLOW', 'LIKE', 'REPLY', 'REPOST', 'MENTION', 'NEW_POST', 'QUOTE'));
