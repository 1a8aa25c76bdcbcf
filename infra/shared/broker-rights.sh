# What each of the suite's broker users may do; sourced by infra/local/start-rabbitmq.sh (Debian's RabbitMQ) and
# infra/docker/rabbitmq-start.sh (compose), so both deployments grant the same rights.

# One regex per service for configure, write and read (MassTransit declares everything it uses on every start): its
# own endpoint queues and exchanges (with _error and _skipped), the suite's message exchanges
# (WidthRetrain.Contracts... and MassTransit's own: Fault<>, ReceiveFault), the subscriber events exchange
# (widthretrain.events), and its own temporary bus endpoint. An optional endpoint prefix (Bus:EndpointPrefix) is
# allowed in front. It cannot touch another service's queues.
broker_service_pattern() { # endpoint names...
  local endpoints; endpoints=$(IFS='|'; echo "$*")
  echo "^(([a-z0-9]+-)?(${endpoints})(_error|_skipped)?|([a-z0-9]+\\.)?(WidthRetrain\\.Contracts[.:]|MassTransit:|widthretrain\\.events).*|.*_bus_.*)\$"
}
# The endpoints each service consumes from; the CLI has none (it only sends and waits on its bus endpoint).
declare -A BROKER_SERVICE_ENDPOINTS=(
  [planner]="start-campaign|tasks-released|round-trained|round-evaluated|round-costed|fault|resume-campaign|round-in-progress"
  [drift-generator]="generate-tasks"
  [trainer]="train-round"
  [evaluator]="evaluate-round"
  [cost-accountant]="price-round"
  [cli]="no-endpoint"
)
# An integrator (another team's system, any language): it may start and resume campaigns, and bind queues of its own
# (named "integrator.*") to the subscriber events exchange; it cannot read or change the suite's own queues.
BROKER_INTEGRATOR_CONFIGURE='^integrator\..*$'
BROKER_INTEGRATOR_WRITE='^(integrator\..*|([a-z0-9]+\.)?WidthRetrain\.Contracts\.Campaigns:(StartCampaign|ResumeCampaign))$'
BROKER_INTEGRATOR_READ='^(integrator\..*|([a-z0-9]+\.)?widthretrain\.events)$'

# A user with this password: created, or its password reset when it differs; the password goes through stdin, never
# a command line. Calls the sourcing script's rabbitmqctl wrapper, ctl (which passes -q and its arguments on).
broker_ensure_user() { # user password
  if ! ctl -q list_users --no-table-headers | awk '{print $1}' | grep -qxF -- "$1"; then
    printf '%s\n' "$2" | ctl -q add_user "$1" >/dev/null
  elif ! printf '%s' "$2" | ctl -q authenticate_user "$1" >/dev/null 2>&1; then
    printf '%s\n' "$2" | ctl -q change_password "$1" >/dev/null
  fi
}
