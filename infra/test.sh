#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need (infra/setup.sh), starts PostgreSQL and RabbitMQ
# from Debian's packages (infra/local/start.sh) unless WIDTHRETRAIN_TEST_POSTGRES / WIDTHRETRAIN_TEST_RABBITMQ
# already point at running ones, gives this run a fresh RabbitMQ vhost, builds once and runs all test projects.
# Without the .NET SDK but with Docker, runs the same inside the project's image (docker compose).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null && command -v docker >/dev/null; then
  bash infra/docker/init-env.sh
  exec docker compose --profile test run --rm --build tests
fi

bash infra/setup.sh
if [[ -z ${WIDTHRETRAIN_TEST_POSTGRES:-} || -z ${WIDTHRETRAIN_TEST_RABBITMQ:-} ]]; then
  bash infra/local/start.sh >/dev/null
  # A vhost of its own per run: the exchanges and queues of earlier runs are gone with the old one.
  vhost=widthretrain-test
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo /usr/sbin/rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
  amqp=$(WIDTHRETRAIN_RABBIT_VHOST=$vhost bash infra/local/start-rabbitmq.sh)
  pg=$(bash infra/local/start-postgres.sh)
  export WIDTHRETRAIN_TEST_POSTGRES=$pg WIDTHRETRAIN_TEST_RABBITMQ=$amqp
fi

dotnet build WidthRetrain.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
dotnet test WidthRetrain.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?
# One plain closing line for any reader: the sum over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit $status
