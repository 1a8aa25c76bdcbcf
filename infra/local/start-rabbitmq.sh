#!/usr/bin/env bash
# Idempotent: installs RabbitMQ if missing, confines it to loopback (AMQP, Erlang distribution and epmd), starts it
# without systemd, waits until it answers, removes the well-known guest user, and ensures one user per service on
# the vhost with only the permissions MassTransit needs for that service (see infra/local/README.md), plus a test user
# with full rights on the test vhost only. Passwords are generated once and kept in the credentials file (common.sh,
# mode 600) with the AMQP URLs; they reach rabbitmqctl through stdin, never its command line. Stdout: the file's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

VHOST=${WIDTHRETRAIN_RABBIT_VHOST:-widthretrain}
TEST_VHOST=${WIDTHRETRAIN_RABBIT_TEST_VHOST:-widthretrain-test}
FAULTS_VHOST=${WIDTHRETRAIN_RABBIT_FAULTS_VHOST:-widthretrain-faults}  # the fault-injection tests' suites, as separate processes
WAIT=${WIDTHRETRAIN_RABBIT_WAIT_SECONDS:-120}   # a fresh node on a busy 2-core box can take 30 s+
ctl() { $SUDO /usr/sbin/rabbitmqctl "$@"; }
source "$here/../shared/broker-rights.sh"

ensure_packages rabbitmq-server

# Loopback only. rabbitmq.conf: AMQP listener and the distribution port; rabbitmq-env.conf: epmd, and the CLI's own
# distribution port. The node is named rabbit@<short hostname>; if the hostname does not resolve (common in
# containers) it is pinned to rabbit@localhost.
conf=/etc/rabbitmq/rabbitmq.conf
env_conf=/etc/rabbitmq/rabbitmq-env.conf
want_conf=$'# Written by WidthRetrain infra/local/start-rabbitmq.sh: loopback only.\nlisteners.tcp.default = 127.0.0.1:5672\ndistribution.listener.interface = 127.0.0.1'
changed=0
if [[ "$(cat "$conf" 2>/dev/null)" != "$want_conf" ]]; then
  printf '%s\n' "$want_conf" | $SUDO tee "$conf" >/dev/null
  changed=1
fi
env_lines=('ERL_EPMD_ADDRESS=127.0.0.1' 'CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"')
if ! getent hosts "$(hostname -s)" >/dev/null && ! grep -qs '^NODENAME=' "$env_conf"; then
  log "hostname '$(hostname -s)' does not resolve; setting NODENAME=rabbit@localhost in $env_conf"
  env_lines+=('NODENAME=rabbit@localhost')
fi
for line in "${env_lines[@]}"; do
  if ! grep -qsxF -- "$line" "$env_conf"; then
    echo "$line" | $SUDO tee -a "$env_conf" >/dev/null
    changed=1
  fi
done

start_broker() {
  log "starting rabbitmq-server"
  # The Debian wrapper su's to the rabbitmq user (right HOME and Erlang cookie); -detached daemonizes the Erlang VM.
  $SUDO /usr/sbin/rabbitmq-server -detached
  local deadline=$((SECONDS + WAIT))
  until rabbit_ping; do
    if ((SECONDS >= deadline)); then
      die "RabbitMQ did not answer within ${WAIT}s; see /var/log/rabbitmq/*.log." \
          "If 'rabbitmq-diagnostics ping' mentions the Erlang cookie, /var/lib/rabbitmq/.erlang.cookie" \
          "must be owned by rabbitmq, mode 400; always use the /usr/sbin/rabbitmq* wrappers."
    fi
    sleep 2
  done
}

if rabbit_ping; then
  if ((changed)); then
    # epmd reads its address only when it starts, so the whole node goes down once to move to loopback.
    log "configuration changed; restarting RabbitMQ on loopback"
    ctl -q shutdown >/dev/null
    as_user rabbitmq epmd -kill >/dev/null 2>&1 || true
    start_broker
  else
    log "RabbitMQ already running"
  fi
else
  as_user rabbitmq epmd -kill >/dev/null 2>&1 || true  # an epmd left from an earlier start may listen everywhere
  start_broker
fi
# ping answers once the Erlang node is up; wait for the rabbit app itself (bounded by the CLI).
ctl -q await_startup --timeout "$WAIT" >/dev/null || die "rabbit app did not finish booting within ${WAIT}s"

# guest/guest is the best-known password there is.
if ctl -q list_users --no-table-headers | awk '{print $1}' | grep -qx guest; then
  log "deleting the guest user"
  ctl -q delete_user guest >/dev/null
fi


ensure_vhost() { ctl -q list_vhosts --no-table-headers | grep -qxF -- "$1" || ctl -q add_vhost "$1" >/dev/null; }

ensure_vhost "$VHOST"
ensure_vhost "$TEST_VHOST"
ensure_vhost "$FAULTS_VHOST"

for service in "${!BROKER_SERVICE_ENDPOINTS[@]}"; do
  user="widthretrain-$service"
  pw=$(secret_for "WIDTHRETRAIN_RABBIT_${service//-/_}_PASSWORD")
  broker_ensure_user "$user" "$pw"
  p=$(broker_service_pattern "${BROKER_SERVICE_ENDPOINTS[$service]}")
  ctl -q set_permissions -p "$VHOST" "$user" "$p" "$p" "$p" >/dev/null
  ctl -q set_permissions -p "$FAULTS_VHOST" "$user" "$p" "$p" "$p" >/dev/null
  var="WIDTHRETRAIN_RABBITMQ_$(echo "${service//-/_}" | tr '[:lower:]' '[:upper:]')"
  cred_set "$var" "amqp://$user:$pw@127.0.0.1:5672/$VHOST"
done
# The CLI's URL is the one `widthretrain run` uses to reach a deployed suite.
cred_set WIDTHRETRAIN_RABBITMQ "$(cred_get WIDTHRETRAIN_RABBITMQ_CLI)"

# Integration tests run every service in one process on a vhost of their own: full rights there, nowhere else.
test_pw=$(secret_for WIDTHRETRAIN_RABBIT_TEST_PASSWORD)
broker_ensure_user widthretrain-test "$test_pw"
ctl -q set_permissions -p "$TEST_VHOST" widthretrain-test '.*' '.*' '.*' >/dev/null
cred_set WIDTHRETRAIN_RABBITMQ_TEST "amqp://widthretrain-test:$test_pw@127.0.0.1:5672/$TEST_VHOST"

# The integrator's rights (broker-rights.sh) on the main vhost, and the same on the test and faults vhosts, where the
# Python client's test and the fault tests' subscriber use them.
integrator_pw=$(secret_for WIDTHRETRAIN_RABBIT_INTEGRATOR_PASSWORD)
broker_ensure_user widthretrain-integrator "$integrator_pw"
for vhost in "$VHOST" "$TEST_VHOST" "$FAULTS_VHOST"; do
  ctl -q set_permissions -p "$vhost" widthretrain-integrator \
    "$BROKER_INTEGRATOR_CONFIGURE" "$BROKER_INTEGRATOR_WRITE" "$BROKER_INTEGRATOR_READ" >/dev/null
done
cred_set WIDTHRETRAIN_RABBITMQ_INTEGRATOR "amqp://widthretrain-integrator:$integrator_pw@127.0.0.1:5672/$VHOST"
cred_set WIDTHRETRAIN_RABBITMQ_INTEGRATOR_TEST "amqp://widthretrain-integrator:$integrator_pw@127.0.0.1:5672/$TEST_VHOST"

# Earlier versions of these scripts made a user "widthretrain" with a well-known password.
if ctl -q list_users --no-table-headers | awk '{print $1}' | grep -qx widthretrain; then
  log "deleting the legacy user widthretrain"
  ctl -q delete_user widthretrain >/dev/null
fi

# The services connect over AMQP on 5672; make sure the listener is up, on loopback only.
$SUDO /usr/sbin/rabbitmq-diagnostics -q check_port_listener 5672 >/dev/null \
  || die "RabbitMQ is running but not listening on 5672"
if $SUDO /usr/sbin/rabbitmq-diagnostics -q listeners | grep -E 'amqp' | grep -vqE '127\.0\.0\.1|::1'; then
  die "RabbitMQ listens for AMQP beyond loopback; check $conf"
fi

log "RabbitMQ ready on 127.0.0.1:5672 (vhost $VHOST: one user per service; vhost $TEST_VHOST: widthretrain-test); credentials in $(cred_file)"
cred_file
