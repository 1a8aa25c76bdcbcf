#!/usr/bin/env bash
# Best effort: stops the PostgreSQL cluster and the RabbitMQ node started by start*.sh.
# Never fails because something was already stopped or is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/stop-postgres.sh"
"$here/stop-rabbitmq.sh"
