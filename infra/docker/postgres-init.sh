#!/usr/bin/env bash
# Run once by the postgres image on a fresh volume (docker-entrypoint-initdb.d), as the owner role it created: adds
# the services' role. Its rights on the event store come from each migration (`widthretrain migrate`).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE widthretrain_app LOGIN PASSWORD '${WIDTHRETRAIN_DB_APP_PASSWORD}';
GRANT CONNECT ON DATABASE ${POSTGRES_DB} TO widthretrain_app;
SQL
