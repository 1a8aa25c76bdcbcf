#!/usr/bin/env bash
# The demo: a real campaign, every service in one process (embedded mode) with its events in PostgreSQL. The paper's
# rotated Fashion-MNIST (20,000 images, 5 tasks), widths 32..1024, 3 seeds: live progress, then the evidence table,
# demo-output/campaign.png and demo-output/campaign.json. About 2 minutes on 2 cores. Extra arguments go to `run`.
# Without the .NET SDK but with Docker, runs the same with the project's compose file.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null && command -v docker >/dev/null; then
  mkdir -p demo-output
  bash infra/docker/init-env.sh
  exec docker compose --profile demo run --rm --build demo "$@"
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
