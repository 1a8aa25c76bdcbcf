#!/usr/bin/env bash
# Restarts the RabbitMQ application on its running node: every client connection drops, durable queues and their
# messages come back from disk. A few seconds; what the fault-injection tests use to "restart the broker".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

ctl() { $SUDO /usr/sbin/rabbitmqctl "$@"; }
log "restarting the RabbitMQ application"
ctl -q stop_app >/dev/null
ctl -q start_app >/dev/null
ctl -q await_startup --timeout "${WIDTHRETRAIN_RABBIT_WAIT_SECONDS:-120}" >/dev/null || die "RabbitMQ did not come back"
log "RabbitMQ is back"
