#!/usr/bin/env bash
# Idempotent: installs PostgreSQL if missing, starts the Debian cluster (no systemd needed), waits until it accepts
# connections, and ensures two roles and a database:
#   widthretrain_owner  owns the database and the event store schemas (migrations: `widthretrain migrate`)
#   widthretrain_app    what the services and the CLI run as: after a migration it may read and append events, never
#                       update or delete them (the grants come with each migration, see StoreMigration.cs)
# Passwords are generated on the first run and kept in the credentials file (see cred_file in common.sh, mode 600),
# with the two connection strings WIDTHRETRAIN_POSTGRES_OWNER and WIDTHRETRAIN_POSTGRES. Nothing secret is printed
# or put on a command line; stdout gets the credentials file's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

OWNER=${WIDTHRETRAIN_PG_OWNER:-widthretrain_owner}
APP=${WIDTHRETRAIN_PG_APP:-widthretrain_app}
DB=${WIDTHRETRAIN_PG_DB:-widthretrain}
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

owner_pw=$(secret_for WIDTHRETRAIN_PG_OWNER_PASSWORD)
app_pw=$(secret_for WIDTHRETRAIN_PG_APP_PASSWORD)

# Roles and database via the local peer-authenticated superuser. The script (passwords included) goes through stdin,
# not argv.
{
  printf '\\set %s %s\n' owner "$OWNER" app "$APP" db "$DB"
  printf "\\\\set %s '%s'\\n" owner_pw "$owner_pw" app_pw "$app_pw"
  cat "$here/../shared/postgres-roles.sql"
} | as_user postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres

owner_cs="Host=127.0.0.1;Port=$port;Database=$DB;Username=$OWNER;Password=$owner_pw"
app_cs="Host=127.0.0.1;Port=$port;Database=$DB;Username=$APP;Password=$app_pw"
cred_set WIDTHRETRAIN_POSTGRES_OWNER "$owner_cs"
cred_set WIDTHRETRAIN_POSTGRES "$app_cs"

# Prove what the services do works: TCP to 127.0.0.1 with a password (scram-sha-256 in Debian's pg_hba), for both roles.
for pair in "$OWNER:$owner_pw" "$APP:$app_pw"; do
  user=${pair%%:*}
  if ! out=$(PGPASSWORD=${pair#*:} PGCONNECT_TIMEOUT=10 psql -X -qAt -h 127.0.0.1 -p "$port" -U "$user" -d "$DB" -c 'select current_user' 2>&1); then
    die "password login of $user over TCP failed: $out (check host lines for 127.0.0.1/32 in /etc/postgresql/$ver/$name/pg_hba.conf)"
  fi
done

log "PostgreSQL $ver/$name ready on 127.0.0.1:$port (database $DB; roles $OWNER, $APP); credentials in $(cred_file)"
cred_file
