#!/usr/bin/env bash
# The database's entrypoint in compose (the official postgres image or the Debian stand-in; runs as postgres):
# initialises the cluster on a fresh volume (the superuser "postgres" may log in only through the container's local
# socket), starts the server, then, every start, ensures the event store's database and its two roles with the
# passwords from the environment (infra/shared/postgres-roles.sql, the same as infra/local):
#   widthretrain_owner  owns the database and migrates the schema (the `migrate` service)
#   widthretrain_app    what the services and the CLI run as: read and append events only (granted by each migration)
# Only then does it mark itself ready, so the health check means "the services' role can log in".
set -euo pipefail
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1):$PATH"
ready=/tmp/widthretrain-ready
rm -f "$ready"
log() { echo "postgres-start: $*" >&2; }
required() { [[ -n ${!1:-} ]] || { log "$1 is not set (run infra/docker/init-env.sh)"; exit 1; }; echo "${!1}"; }
owner_pw=$(required WIDTHRETRAIN_DB_OWNER_PASSWORD)
app_pw=$(required WIDTHRETRAIN_DB_APP_PASSWORD)

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  log "initialising a new cluster in $PGDATA"
  initdb -D "$PGDATA" --username=postgres --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  # Other containers reach it over the compose network, with a password; the superuser never over TCP.
  printf 'host all postgres all reject\nhost all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
fi

postgres -c listen_addresses='*' &
server=$!
trap 'kill -INT "$server"; wait "$server"' TERM INT   # SIGINT: PostgreSQL's fast shutdown

deadline=$((SECONDS + 120))
until pg_isready -q -h /var/run/postgresql; do
  kill -0 "$server" 2>/dev/null || { log "postgres exited during start"; exit 1; }
  ((SECONDS < deadline)) || { log "not accepting connections within 120 s"; exit 1; }
  sleep 1
done
{
  printf '\\set %s %s\n' owner widthretrain_owner app widthretrain_app db widthretrain
  printf "\\\\set %s '%s'\\n" owner_pw "$owner_pw" app_pw "$app_pw"
  cat /opt/widthretrain/shared/postgres-roles.sql
} | psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -d postgres

touch "$ready"
log "ready: database widthretrain, roles widthretrain_owner and widthretrain_app"
wait "$server"
