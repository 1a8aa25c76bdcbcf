-- The event store's roles and database; run by psql as a superuser, every start (idempotent), by
-- infra/local/start-postgres.sh and infra/docker/postgres-start.sh. Expects the psql variables owner, app, db,
-- owner_pw and app_pw (set on stdin, never on a command line). format(%I/%L) quotes names and values; \gexec runs a
-- statement only where the SELECT returns a row.
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
-- Stored as SCRAM-SHA-256 (the default since PG 14). Setting them again each run keeps the file and the server in step.
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD %L', :'owner', :'owner_pw') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD %L', :'app', :'app_pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'db', :'app') \gexec
-- Earlier versions of these scripts made one role "widthretrain" with a well-known password: hand its objects to the
-- owner and take its login away, so no known password opens the store.
SELECT 'ALTER ROLE widthretrain NOLOGIN PASSWORD NULL' WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'widthretrain') \gexec
\c :db
SET client_min_messages = warning;
SELECT format('REASSIGN OWNED BY widthretrain TO %I', :'owner') WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'widthretrain') \gexec
