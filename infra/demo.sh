#!/usr/bin/env bash
# The demo: a real campaign, every service in one process (embedded mode) with its events in PostgreSQL. The paper's
# rotated Fashion-MNIST (20,000 images, 5 tasks), widths 32..1024, 3 seeds: live progress, then the evidence table,
# demo-output/campaign.png and demo-output/campaign.json. About 2 minutes on 2 cores. Extra arguments go to `run`.
# Without the .NET SDK but with Docker (or with WIDTHRETRAIN_DOCKER=1), runs the same in a container of the project's
# image against compose's PostgreSQL.
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
mkdir -p demo-output
dotnet services/WidthRetrain.Cli/bin/Release/net10.0/widthretrain.dll run \
  --plot demo-output/campaign.png --json demo-output/campaign.json "$@"
