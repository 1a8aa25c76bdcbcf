#!/usr/bin/env bash
# Idempotent: installs RabbitMQ if missing, starts the broker without systemd, waits until it
# answers, and ensures the WidthRetrain user + vhost (full permissions on that vhost) exist.
# The guest user is left alone; our services never use it. Prints the AMQP URL on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

RB_USER=${WIDTHRETRAIN_RABBIT_USER:-widthretrain}
RB_PASSWORD=${WIDTHRETRAIN_RABBIT_PASSWORD:-widthretrain-dev}
RB_VHOST=${WIDTHRETRAIN_RABBIT_VHOST:-widthretrain}
WAIT=${WIDTHRETRAIN_RABBIT_WAIT_SECONDS:-120}   # a fresh node on a busy 2-core box can take 30 s+
ctl() { $SUDO /usr/sbin/rabbitmqctl "$@"; }

ensure_packages rabbitmq-server

# The node is named rabbit@<short hostname> and the CLI reaches it through that name, so the
# hostname must resolve. If it does not (common in containers), pin the node to rabbit@localhost.
env_conf=/etc/rabbitmq/rabbitmq-env.conf
if ! getent hosts "$(hostname -s)" >/dev/null && ! grep -qs '^NODENAME=' "$env_conf"; then
  log "hostname '$(hostname -s)' does not resolve; setting NODENAME=rabbit@localhost in $env_conf"
  echo 'NODENAME=rabbit@localhost' | $SUDO tee -a "$env_conf" >/dev/null
fi

if rabbit_ping; then
  log "RabbitMQ already running"
else
  log "starting rabbitmq-server"
  # The Debian wrapper su's to the rabbitmq user (right HOME and Erlang cookie); -detached
  # daemonizes the Erlang VM, so this works without systemd or an init system.
  $SUDO /usr/sbin/rabbitmq-server -detached
  deadline=$((SECONDS + WAIT))
  until rabbit_ping; do
    if ((SECONDS >= deadline)); then
      die "RabbitMQ did not answer within ${WAIT}s; see /var/log/rabbitmq/*.log." \
          "If 'rabbitmq-diagnostics ping' mentions the Erlang cookie, /var/lib/rabbitmq/.erlang.cookie" \
          "must be owned by rabbitmq, mode 400; always use the /usr/sbin/rabbitmq* wrappers."
    fi
    sleep 2
  done
fi
# ping answers once the Erlang node is up; wait for the rabbit app itself (bounded by the CLI).
ctl -q await_startup --timeout "$WAIT" >/dev/null || die "rabbit app did not finish booting within ${WAIT}s"

# User: create if missing; if the password differs from the env var, reset it.
if ! ctl -q list_users --no-table-headers | awk '{print $1}' | grep -qxF -- "$RB_USER"; then
  log "creating user $RB_USER"
  ctl -q add_user "$RB_USER" "$RB_PASSWORD" >/dev/null
elif ! ctl -q authenticate_user "$RB_USER" "$RB_PASSWORD" >/dev/null 2>&1; then
  log "resetting password of $RB_USER"
  ctl -q change_password "$RB_USER" "$RB_PASSWORD" >/dev/null
fi

if ! ctl -q list_vhosts --no-table-headers | grep -qxF -- "$RB_VHOST"; then
  log "creating vhost $RB_VHOST"
  ctl -q add_vhost "$RB_VHOST" >/dev/null
fi
# Setting the same permissions again is harmless; configure/write/read everything in the vhost.
ctl -q set_permissions -p "$RB_VHOST" "$RB_USER" '.*' '.*' '.*' >/dev/null

# The services connect over AMQP on 5672; make sure the listener is up, not just the node.
$SUDO /usr/sbin/rabbitmq-diagnostics -q check_port_listener 5672 >/dev/null \
  || die "RabbitMQ is running but not listening on 5672"

log "RabbitMQ ready on 127.0.0.1:5672 (user $RB_USER, vhost $RB_VHOST)"
echo "amqp://$RB_USER:$RB_PASSWORD@127.0.0.1:5672/$RB_VHOST"
