#!/bin/sh
# Run once by the postgres image (from /docker-entrypoint-initdb.d) on the first start of an
# empty data volume, as the superuser, connected to POSTGRES_DB = social.
#
# One login role per service, each with its own password (stored as SCRAM-SHA-256 verifiers) and owning
# exactly one schema. The passwords are files <SCHEMA>_DB_PASSWORD in $SECRETS_DIR, which docker compose's
# one-shot service 'secrets' writes (social.support.secrets.StackSecrets); an environment variable of the
# same name takes precedence. Each service's Flyway then finds its schema there and migrates it as its
# owner. Nobody but the owner (and the superuser) may use a schema, so a service can read and write only
# its own tables; no role may create schemas or use the public schema.
set -eu

SECRETS_DIR="${SECRETS_DIR:-/run/secrets/social}"
for var in AUTH_DB_PASSWORD USERS_DB_PASSWORD POSTS_DB_PASSWORD FOLLOWERS_DB_PASSWORD \
    LIKES_DB_PASSWORD NOTIFICATIONS_DB_PASSWORD; do
    eval "value=\${$var:-}"
    if [ -z "$value" ] && [ -s "$SECRETS_DIR/$var" ]; then
        value="$(cat "$SECRETS_DIR/$var")"
        eval "$var=\$value"
    fi
    if [ -z "$value" ]; then
        echo "init.sh: no $var (neither in the environment nor in $SECRETS_DIR)" >&2
        exit 1
    fi
done

# psql variables (:'name') quote the passwords as literals; they only work in the script text.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v auth_pw="$AUTH_DB_PASSWORD" -v users_pw="$USERS_DB_PASSWORD" -v posts_pw="$POSTS_DB_PASSWORD" \
    -v followers_pw="$FOLLOWERS_DB_PASSWORD" -v likes_pw="$LIKES_DB_PASSWORD" \
    -v notifications_pw="$NOTIFICATIONS_DB_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';

CREATE ROLE auth_svc          LOGIN PASSWORD :'auth_pw';
CREATE ROLE users_svc         LOGIN PASSWORD :'users_pw';
CREATE ROLE posts_svc         LOGIN PASSWORD :'posts_pw';
CREATE ROLE followers_svc     LOGIN PASSWORD :'followers_pw';
CREATE ROLE likes_svc         LOGIN PASSWORD :'likes_pw';
CREATE ROLE notifications_svc LOGIN PASSWORD :'notifications_pw';

-- No default access to the database (CONNECT, TEMP) for every role ...
REVOKE ALL ON DATABASE social FROM PUBLIC;
-- ... only for the service roles.
GRANT CONNECT ON DATABASE social
    TO auth_svc, users_svc, posts_svc, followers_svc, likes_svc, notifications_svc;

-- Nobody creates or looks up objects in the shared public schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA auth          AUTHORIZATION auth_svc;
CREATE SCHEMA users         AUTHORIZATION users_svc;
CREATE SCHEMA posts         AUTHORIZATION posts_svc;
CREATE SCHEMA followers     AUTHORIZATION followers_svc;
CREATE SCHEMA likes         AUTHORIZATION likes_svc;
CREATE SCHEMA notifications AUTHORIZATION notifications_svc;

-- Convenience for psql sessions as a service role (the services set currentSchema themselves).
ALTER ROLE auth_svc          SET search_path = auth;
ALTER ROLE users_svc         SET search_path = users;
ALTER ROLE posts_svc         SET search_path = posts;
ALTER ROLE followers_svc     SET search_path = followers;
ALTER ROLE likes_svc         SET search_path = likes;
ALTER ROLE notifications_svc SET search_path = notifications;
SQL
