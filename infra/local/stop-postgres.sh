#!/usr/bin/env bash
# Best effort: stops the PostgreSQL cluster start-postgres.sh uses ("fast": clients are disconnected, not waited for).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

command -v pg_lsclusters >/dev/null || exit 0
cluster=$(pg_pick_cluster)
[[ -n $cluster ]] || exit 0
read -r ver name _ status <<<"$cluster"
if [[ $status == online* ]]; then
  log "stopping PostgreSQL $ver/$name"
  $SUDO pg_ctlcluster "$ver" "$name" stop -m fast || log "warning: pg_ctlcluster stop failed"
else
  log "PostgreSQL $ver/$name already stopped"
fi
