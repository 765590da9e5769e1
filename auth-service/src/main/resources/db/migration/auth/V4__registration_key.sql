-- The gateway's random key of the registration request that made the account: the same request
-- delivered again (auth-service died after its commit, before its acknowledgement) answers the
-- account instead of "username is taken". Accounts made before have none.
ALTER TABLE credential ADD COLUMN registration_key text;
