#!/usr/bin/env bash
# Best effort: stops the PostgreSQL cluster and the RabbitMQ node started by start*.sh.
# Never fails because something was already stopped or is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

if command -v pg_lsclusters >/dev/null; then
  cluster=$(pg_pick_cluster)
  if [[ -n $cluster ]]; then
    read -r ver name _ status <<<"$cluster"
    if [[ $status == online* ]]; then
      log "stopping PostgreSQL $ver/$name"
      # "fast" mode disconnects clients instead of waiting for them (test runners may linger).
      $SUDO pg_ctlcluster "$ver" "$name" stop -m fast || log "warning: pg_ctlcluster stop failed"
    else
      log "PostgreSQL $ver/$name already stopped"
    fi
  fi
fi

if [[ -x /usr/sbin/rabbitmqctl ]]; then
  if rabbit_ping; then
    log "stopping RabbitMQ"
    # shutdown (unlike stop) waits until the Erlang VM has exited. epmd stays up; that is harmless.
    $SUDO /usr/sbin/rabbitmqctl -q shutdown >/dev/null || log "warning: rabbitmqctl shutdown failed"
  else
    log "RabbitMQ already stopped"
  fi
fi
