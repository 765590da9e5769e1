-- Run once by the postgres image (from /docker-entrypoint-initdb.d) on the first start of an
-- empty data volume, as the superuser, connected to POSTGRES_DB = social (which the image
-- creates; see docker-compose.yml).
--
-- One login role per service, each owning exactly one schema. Each service's Flyway then
-- finds its schema already there and migrates it as its owner. The roles have no password:
-- compose runs Postgres with trust auth on its private network and does not publish its port.
-- Nobody but the owner (and the superuser) may use a schema, so a service can read and
-- write only its own tables.

CREATE ROLE auth_svc          LOGIN;
CREATE ROLE users_svc         LOGIN;
CREATE ROLE posts_svc         LOGIN;
CREATE ROLE followers_svc     LOGIN;
CREATE ROLE likes_svc         LOGIN;
CREATE ROLE notifications_svc LOGIN;

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
