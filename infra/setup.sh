#!/usr/bin/env bash
# Installs the Debian packages WidthRetrain needs on a development or CI machine (idempotent):
# the Fashion-MNIST IDX files, a font for plots, and for the integration example and its checks Python's AMQP client
# (pika) and a JSON Schema validator (for the AsyncAPI document). Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(dataset-fashion-mnist fonts-dejavu-core python3-pika python3-jsonschema)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "setup: missing ${missing[*]} and no apt-get here; install them by hand, or use --dataset synthetic" >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
