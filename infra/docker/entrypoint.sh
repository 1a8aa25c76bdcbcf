#!/usr/bin/env bash
# Starts one service of the suite, or the CLI: entrypoint.sh SERVICE [ARGS...]
set -euo pipefail
service=${1:?usage: SERVICE [ARGS...] with SERVICE one of planner, drift-generator, trainer, evaluator, cost-accountant, dashboard, widthretrain}
shift
case "$service" in
  planner) exec /app/WidthRetrain.Planner "$@" ;;
  drift-generator) exec /app/WidthRetrain.DriftGenerator "$@" ;;
  trainer) exec /app/WidthRetrain.Trainer "$@" ;;
  evaluator) exec /app/WidthRetrain.Evaluator "$@" ;;
  cost-accountant) exec /app/WidthRetrain.CostAccountant "$@" ;;
  dashboard) exec /app/WidthRetrain.Dashboard "$@" ;;
  widthretrain) exec /app/widthretrain "$@" ;;
  *) echo "unknown service '$service'; allowed: planner, drift-generator, trainer, evaluator, cost-accountant, dashboard, widthretrain" >&2; exit 2 ;;
esac
