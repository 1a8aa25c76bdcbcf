#!/usr/bin/env bash
# Idempotent: installs PostgreSQL if missing, starts the Debian cluster (no systemd needed),
# waits until it accepts connections, and ensures the WidthRetrain role + database exist.
# Prints the Npgsql connection string on stdout (everything else goes to stderr).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

PG_USER=${WIDTHRETRAIN_PG_USER:-widthretrain}
PG_PASSWORD=${WIDTHRETRAIN_PG_PASSWORD:-widthretrain-dev}
PG_DB=${WIDTHRETRAIN_PG_DB:-widthretrain}
WAIT=${WIDTHRETRAIN_PG_WAIT_SECONDS:-60}

ensure_packages postgresql

# Normally the package creates "main"; create one if it was disabled (create_main_cluster = false).
cluster=$(pg_pick_cluster)
if [[ -z $cluster ]]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  [[ -n $ver ]] || die "no PostgreSQL server version under /usr/lib/postgresql"
  log "no cluster found; creating $ver/main"
  $SUDO pg_createcluster "$ver" main >/dev/null
  cluster=$(pg_pick_cluster)
fi
read -r ver name port status <<<"$cluster"

# pg_ctlcluster works without systemd (it calls pg_ctl directly); "online" means already running.
if [[ $status != online* ]]; then
  log "starting cluster $ver/$name (port $port)"
  $SUDO pg_ctlcluster "$ver" "$name" start \
    || die "pg_ctlcluster $ver $name start failed; see /var/log/postgresql/postgresql-$ver-$name.log"
fi

# Bounded wait on the TCP endpoint the services use (startup may still be recovering).
deadline=$((SECONDS + WAIT))
until pg_isready -q -h 127.0.0.1 -p "$port"; do
  ((SECONDS < deadline)) || die "PostgreSQL not accepting connections on 127.0.0.1:$port after ${WAIT}s; see /var/log/postgresql/postgresql-$ver-$name.log"
  sleep 1
done

# Does the password already work over TCP? Then the password is left untouched (true no-op rerun).
pw_ok() {
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -qAt -h 127.0.0.1 -p "$port" \
    -U "$PG_USER" -d postgres -c 'select 1' >/dev/null 2>&1
}
setpw=1; if pw_ok; then setpw=0; fi

# Role and database via the local peer-authenticated superuser. psql variables + format(%I/%L)
# quote names and password safely; \gexec runs a statement only when the SELECT returns a row,
# so each step happens only when something is missing or differs from the env vars.
as_user postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres \
  -v u="$PG_USER" -v pw="$PG_PASSWORD" -v db="$PG_DB" -v setpw="$setpw" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
-- CREATEDB: integration tests create a database per test class.
SELECT format('ALTER ROLE %I LOGIN CREATEDB', :'u')
  FROM pg_roles WHERE rolname = :'u' AND NOT (rolcanlogin AND rolcreatedb) \gexec
-- Stored as SCRAM-SHA-256 (password_encryption default since PG 14).
SELECT format('ALTER ROLE %I PASSWORD %L', :'u', :'pw') WHERE :setpw = 1 \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'u')
 WHERE EXISTS (SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
               WHERE d.datname = :'db' AND r.rolname <> :'u') \gexec
SQL

# Prove what the services do works: TCP to 127.0.0.1 with password (scram-sha-256 in Debian's pg_hba).
if ! out=$(PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -qAt -h 127.0.0.1 -p "$port" \
    -U "$PG_USER" -d "$PG_DB" -c 'select current_user' 2>&1); then
  die "password login over TCP failed: $out (check host lines for 127.0.0.1/32 in /etc/postgresql/$ver/$name/pg_hba.conf)"
fi

log "PostgreSQL $ver/$name ready on 127.0.0.1:$port (role $PG_USER, database $PG_DB)"
echo "Host=127.0.0.1;Port=$port;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"
