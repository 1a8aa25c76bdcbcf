#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with random credentials (mode 600; .dockerignore keeps it out of every image),
# adding only what is missing, so it is safe to run again. The suite has no default passwords: compose refuses to
# start without these values.
#   WIDTHRETRAIN_DB_OWNER_PASSWORD   widthretrain_owner: owns the database, migrates the schema (the `migrate` service)
#   WIDTHRETRAIN_DB_APP_PASSWORD     widthretrain_app: what the services run as; may read and append events only
#   WIDTHRETRAIN_MQ_<SERVICE>_PASSWORD  one broker user per service and for the CLI, each with only its own rights
#   WIDTHRETRAIN_MQ_INTEGRATOR_PASSWORD widthretrain-integrator: start campaigns, follow the events exchange
#   WIDTHRETRAIN_MQ_ADMIN_PASSWORD   widthretrain-admin: the management UI (http://localhost:15672)
#   WIDTHRETRAIN_MQ_TEST_PASSWORD    widthretrain-test: full rights on the widthretrain-test vhost only (the tests)
# Also makes demo-output/, where the demo container (uid 10001) writes its files.
set -euo pipefail
cd "$(dirname "$0")/../.."
secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }
umask 077
touch .env
added=0
for name in DB_OWNER DB_APP MQ_ADMIN MQ_PLANNER MQ_DRIFT_GENERATOR MQ_TRAINER MQ_EVALUATOR MQ_COST_ACCOUNTANT MQ_CLI MQ_INTEGRATOR MQ_TEST; do
  var="WIDTHRETRAIN_${name}_PASSWORD"
  grep -q "^$var=" .env || { echo "$var=$(secret)" >> .env; added=$((added + 1)); }
done
((added == 0)) || echo "init-env: wrote $added generated credentials to .env" >&2
umask 022
mkdir -p demo-output
chmod a+rwx demo-output
