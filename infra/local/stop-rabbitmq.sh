#!/usr/bin/env bash
# Best effort: stops the RabbitMQ node (shutdown waits until the Erlang VM has exited; epmd stays, which is harmless).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

[[ -x /usr/sbin/rabbitmqctl ]] || exit 0
if rabbit_ping; then
  log "stopping RabbitMQ"
  $SUDO /usr/sbin/rabbitmqctl -q shutdown >/dev/null || log "warning: rabbitmqctl shutdown failed"
else
  log "RabbitMQ already stopped"
fi
