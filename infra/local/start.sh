#!/usr/bin/env bash
# Idempotent: brings up PostgreSQL and RabbitMQ for local development/tests and prints
# both connection strings. Safe to run repeatedly; a second run changes nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

# Install both packages in one go so apt-get update runs at most once.
ensure_packages postgresql rabbitmq-server

pg=$("$here/start-postgres.sh")
amqp=$("$here/start-rabbitmq.sh")

echo "PostgreSQL (Npgsql): $pg"
echo "RabbitMQ (AMQP):     $amqp"
