#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with random credentials for PostgreSQL and RabbitMQ, once. The suite has no
# default passwords: compose refuses to start without these values.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f .env ]] && exit 0
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' ; }
umask 077
cat > .env <<ENV
WIDTHRETRAIN_DB_PASSWORD=$(secret)
WIDTHRETRAIN_MQ_PASSWORD=$(secret)
ENV
echo "wrote .env with generated credentials" >&2
