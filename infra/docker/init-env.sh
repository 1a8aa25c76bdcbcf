#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with random credentials, once (mode 600; .dockerignore keeps it out of every
# image). The suite has no default passwords: compose refuses to start without these values.
#   WIDTHRETRAIN_DB_OWNER_PASSWORD  widthretrain_owner: owns the database, migrates the schema (the `migrate` service)
#   WIDTHRETRAIN_DB_APP_PASSWORD    widthretrain_app: what the services run as; may read and append events only
#   WIDTHRETRAIN_MQ_PASSWORD        the broker's user for the suite
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f .env ]] && grep -q WIDTHRETRAIN_DB_APP_PASSWORD .env && exit 0
secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }
umask 077
cat > .env <<ENV
WIDTHRETRAIN_DB_OWNER_PASSWORD=$(secret)
WIDTHRETRAIN_DB_APP_PASSWORD=$(secret)
WIDTHRETRAIN_MQ_PASSWORD=$(secret)
ENV
echo "wrote .env with generated credentials" >&2
