#!/usr/bin/env bash
# Idempotent: brings up PostgreSQL and RabbitMQ for local development and tests, with generated credentials kept in
# one file only you can read (its path is printed). Safe to run repeatedly; a second run changes nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

# Install both packages in one go so apt-get update runs at most once.
ensure_packages postgresql rabbitmq-server

"$here/start-postgres.sh" >/dev/null
"$here/start-rabbitmq.sh" >/dev/null
echo "credentials: $(cred_file) (source it: set -a; . $(cred_file); set +a)"
