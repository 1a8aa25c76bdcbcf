#!/usr/bin/env bash
# The demo: a staged width investment (examples/campaigns/demo.json), every service in one process (embedded mode)
# with its events in PostgreSQL. Rotated Fashion-MNIST (20,000 images, 5 tasks), five seeds, a production price book:
# stage 1 asks whether width 128 forgets less than 32; each decision is printed with its evidence as it is made; then
# the replay audit of the record, then the decision report in demo-output/report. About 2 minutes on 2 cores (a minute more for the first build). Extra
# arguments go to `run` and override the spec's fields. Without the .NET SDK but with Docker (or with
# WIDTHRETRAIN_DOCKER=1), runs the same steps (infra/demo-steps.sh) in a container of the project's image against
# compose's PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${WIDTHRETRAIN_DOCKER:-} == 1 ]] || { ! command -v dotnet >/dev/null && command -v docker >/dev/null; }; then
  bash infra/docker/init-env.sh   # credentials in .env, and demo-output/ writable by the container's user
  bash infra/docker/build-base-images.sh --if-needed
  bash infra/docker/compose.sh build migrate
  exec bash infra/docker/compose.sh --profile demo run --rm demo "$@"
fi

bash infra/setup.sh
if [[ -z ${WIDTHRETRAIN_POSTGRES:-} ]]; then
  # Generated credentials, kept in a file only this user can read; the CLI reads them from the environment.
  creds=$(bash infra/local/start-postgres.sh)
  source "$creds"
  export WIDTHRETRAIN_POSTGRES WIDTHRETRAIN_POSTGRES_OWNER
fi
dotnet build services/WidthRetrain.Cli -c Release -nologo -clp:ErrorsOnly
dll=$PWD/services/WidthRetrain.Cli/bin/Release/net10.0/widthretrain.dll
WIDTHRETRAIN_CLI_DLL=$dll WIDTHRETRAIN_DEMO_DASHBOARD="dotnet $dll dashboard, then open the URL it prints" exec bash infra/demo-steps.sh "$@"
