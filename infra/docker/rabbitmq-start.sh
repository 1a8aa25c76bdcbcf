#!/usr/bin/env bash
# The broker's entrypoint in compose (the official rabbitmq image or the Debian stand-in; runs as rabbitmq): starts
# the node, then, every start, ensures the vhost and one user per service with only the rights that service needs
# (infra/shared/broker-rights.sh, the same as infra/local), an integrator, and an administrator for the management
# UI; removes guest. Only then does it mark itself ready, so the health check means "the suite's users can log in
# over AMQP", not merely "the Erlang node answers". Passwords come from the environment (.env) and reach rabbitmqctl
# through stdin.
set -euo pipefail
source /opt/widthretrain/shared/broker-rights.sh
vhost=${WIDTHRETRAIN_VHOST:-widthretrain}
ready=/tmp/widthretrain-ready
rm -f "$ready"
log() { echo "rabbitmq-start: $*" >&2; }

rabbitmq-server &
node=$!
trap 'rabbitmqctl -q stop >/dev/null 2>&1 || kill -TERM "$node"; wait "$node"' TERM INT

deadline=$((SECONDS + 180))
until rabbitmq-diagnostics -q ping >/dev/null 2>&1; do
  kill -0 "$node" 2>/dev/null || { log "rabbitmq-server exited during start"; exit 1; }
  ((SECONDS < deadline)) || { log "the node did not answer within 180 s"; exit 1; }
  sleep 2
done
rabbitmqctl -q await_startup --timeout 180 >/dev/null

ctl() { rabbitmqctl "$@"; }
required() { [[ -n ${!1:-} ]] || { log "$1 is not set (run infra/docker/init-env.sh)"; exit 1; }; echo "${!1}"; }

ctl -q list_vhosts --no-table-headers | grep -qxF -- "$vhost" || ctl -q add_vhost "$vhost" >/dev/null
ctl -q list_users --no-table-headers | awk '{print $1}' | grep -qx guest && ctl -q delete_user guest >/dev/null
broker_ensure_user widthretrain-admin "$(required WIDTHRETRAIN_MQ_ADMIN_PASSWORD)"
ctl -q set_user_tags widthretrain-admin administrator >/dev/null
ctl -q set_permissions -p "$vhost" widthretrain-admin '.*' '.*' '.*' >/dev/null
for service in "${!BROKER_SERVICE_ENDPOINTS[@]}"; do
  var="WIDTHRETRAIN_MQ_$(tr '[:lower:]-' '[:upper:]_' <<<"$service")_PASSWORD"
  broker_ensure_user "widthretrain-$service" "$(required "$var")"
  p=$(broker_service_pattern "${BROKER_SERVICE_ENDPOINTS[$service]}")
  ctl -q set_permissions -p "$vhost" "widthretrain-$service" "$p" "$p" "$p" >/dev/null
done
# The tests (`--profile test`) run every service in one process on a vhost of their own: full rights there only.
ctl -q list_vhosts --no-table-headers | grep -qxF -- "$vhost-test" || ctl -q add_vhost "$vhost-test" >/dev/null
broker_ensure_user widthretrain-test "$(required WIDTHRETRAIN_MQ_TEST_PASSWORD)"
ctl -q set_permissions -p "$vhost-test" widthretrain-test '.*' '.*' '.*' >/dev/null
broker_ensure_user widthretrain-integrator "$(required WIDTHRETRAIN_MQ_INTEGRATOR_PASSWORD)"
for v in "$vhost" "$vhost-test"; do
  ctl -q set_permissions -p "$v" widthretrain-integrator \
    "$BROKER_INTEGRATOR_CONFIGURE" "$BROKER_INTEGRATOR_WRITE" "$BROKER_INTEGRATOR_READ" >/dev/null
done

touch "$ready"
log "ready: vhost $vhost, one user per service, widthretrain-integrator, widthretrain-admin (management UI); vhost $vhost-test for the tests"
wait "$node"
