#!/usr/bin/env bash
# Validates deploy/k8s without a cluster: every manifest against the Kubernetes and KEDA JSON schemas, the
# kustomization's references, and the deployment against docker-compose.yml (validate/validate.mjs says what).
# Needs Node 20+ and npm. The pinned packages (validate/package-lock.json) come from the npm registry the first time
# and from npm's cache after that (--prefer-offline), so it also runs offline once they have been fetched.
set -euo pipefail
cd "$(dirname "$0")/validate"
npm ci --no-audit --no-fund --no-update-notifier --prefer-offline --loglevel=error >/dev/null
exec node validate.mjs
