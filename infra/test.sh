#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need (infra/setup.sh), starts PostgreSQL and RabbitMQ
# from Debian's packages with generated credentials (infra/local/start.sh), gives this run a fresh RabbitMQ vhost,
# builds once, runs the unit and integration tests, then the fault-injection tests (they stop and restart the
# database and the broker, so nothing else may run beside them). Without the .NET SDK but with Docker (or with
# WIDTHRETRAIN_DOCKER=1), runs the unit and integration tests in the project's test image against compose's
# PostgreSQL and RabbitMQ; fault injection needs the servers infra/local starts, so it does not run there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${WIDTHRETRAIN_DOCKER:-} == 1 ]] || { ! command -v dotnet >/dev/null && command -v docker >/dev/null; }; then
  bash infra/docker/init-env.sh
  bash infra/docker/build-base-images.sh --if-needed
  bash infra/docker/compose.sh --profile test build tests
  exec bash infra/docker/compose.sh --profile test run --rm tests
fi

bash infra/setup.sh
# The dashboard's browser tests drive Debian's chromium (headless); only the tests need it, not the demo.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "test: installing chromium (the dashboard's browser tests)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
local_infra=0
if [[ -z ${WIDTHRETRAIN_TEST_POSTGRES:-} || -z ${WIDTHRETRAIN_TEST_RABBITMQ:-} ]]; then
  local_infra=1
  # A vhost of its own per run: the exchanges and queues of earlier runs are gone with the old one.
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  if $sudo /usr/sbin/rabbitmqctl -q list_vhosts >/dev/null 2>&1; then
    $sudo /usr/sbin/rabbitmqctl -q delete_vhost widthretrain-test >/dev/null 2>&1 || true
    $sudo /usr/sbin/rabbitmqctl -q delete_vhost widthretrain-faults >/dev/null 2>&1 || true
  fi
  creds=$(bash infra/local/start.sh | sed -n 's/^credentials: \([^ ]*\).*/\1/p')
  # Read, not exported wholesale: the tests get the test vhost's user and the two database roles, nothing else.
  source "$creds"
  export WIDTHRETRAIN_TEST_POSTGRES=$WIDTHRETRAIN_POSTGRES WIDTHRETRAIN_TEST_POSTGRES_OWNER=$WIDTHRETRAIN_POSTGRES_OWNER
  export WIDTHRETRAIN_TEST_RABBITMQ=$WIDTHRETRAIN_RABBITMQ_TEST WIDTHRETRAIN_TEST_CREDENTIALS=$creds
  export WIDTHRETRAIN_TEST_RABBITMQ_INTEGRATOR=$WIDTHRETRAIN_RABBITMQ_INTEGRATOR_TEST
fi

dotnet build WidthRetrain.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
dotnet test WidthRetrain.sln -c Release --no-build -nologo --filter 'Category!=Faults' 2>&1 | tee "$log" || status=$?
# Fault injection last and alone: it stops PostgreSQL and restarts RabbitMQ, so only the ones infra/local started here.
if ((local_infra)); then
  export WIDTHRETRAIN_FAULT_REPORT=$(mktemp)
  dotnet test tests/WidthRetrain.Faults.Tests -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=$?
  echo "fault injection (each line: one scenario on the suite as separate processes):"
  cat "$WIDTHRETRAIN_FAULT_REPORT" 2>/dev/null || true
  rm -f "$WIDTHRETRAIN_FAULT_REPORT"
else
  echo "fault-injection tests not run: they stop and restart the database and broker that infra/local/start.sh starts, not the ones WIDTHRETRAIN_TEST_* point at" | tee -a "$log"
fi
# One plain closing line for any reader: the sum over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# Nothing may call home: no telemetry attempt anywhere in the run's output.
if grep -qiE 'usage.telemetry|usage-tracking' "$log"; then
  echo "a usage telemetry attempt appears in the test output:" >&2
  grep -iE 'usage.telemetry|usage-tracking' "$log" | head -n 3 >&2
  status=1
fi
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit $status
