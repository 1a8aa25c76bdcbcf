#!/usr/bin/env bash
# Starts one service of the suite, or the CLI: entrypoint.sh SERVICE [ARGS...]
set -euo pipefail
service=${1:?usage: SERVICE [ARGS...] with SERVICE one of planner, drift-generator, trainer, evaluator, cost-accountant, widthretrain}
shift
case "$service" in
  planner) exec dotnet /app/WidthRetrain.Planner.dll "$@" ;;
  drift-generator) exec dotnet /app/WidthRetrain.DriftGenerator.dll "$@" ;;
  trainer) exec dotnet /app/WidthRetrain.Trainer.dll "$@" ;;
  evaluator) exec dotnet /app/WidthRetrain.Evaluator.dll "$@" ;;
  cost-accountant) exec dotnet /app/WidthRetrain.CostAccountant.dll "$@" ;;
  widthretrain) exec dotnet /app/widthretrain.dll "$@" ;;
  *) echo "unknown service '$service'; allowed: planner, drift-generator, trainer, evaluator, cost-accountant, widthretrain" >&2; exit 2 ;;
esac
