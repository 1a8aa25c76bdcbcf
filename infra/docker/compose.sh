#!/usr/bin/env bash
# `docker compose` (v2) where the plugin is installed, else `docker-compose` (v1, Debian's package): the suite's
# docker-compose.yml works with both.
set -euo pipefail
cd "$(dirname "$0")/../.."
if docker compose version >/dev/null 2>&1; then exec docker compose "$@"; fi
command -v docker-compose >/dev/null || { echo "neither 'docker compose' nor 'docker-compose' is installed" >&2; exit 1; }
exec docker-compose "$@"
