#!/usr/bin/env bash
# The demo: a width sweep on Fashion-MNIST (10,000 training images, 5 rotated tasks, widths 32..1024) that prints
# the forgetting table and fit and writes demo-output/sweep.{png,json}. About 2 minutes on 2 cores.
# Without the .NET SDK but with Docker, runs the same inside the project's image.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null && command -v docker >/dev/null; then
  exec docker compose run --rm --build demo
fi

bash infra/setup.sh
dotnet build services/WidthRetrain.Cli -c Release -nologo -clp:ErrorsOnly
mkdir -p demo-output
dotnet services/WidthRetrain.Cli/bin/Release/net10.0/widthretrain.dll sweep \
  --dataset fashion-mnist --widths 32,64,128,256,512,1024 --train-limit 10000 --test-limit 2000 --epochs 3 \
  --json demo-output/sweep.json --plot demo-output/sweep.png "$@"
