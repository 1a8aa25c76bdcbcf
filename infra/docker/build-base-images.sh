#!/usr/bin/env bash
# For machines that cannot reach an image registry: builds stand-ins for the suite's four base images from Debian's
# packages and records their names in .env (WIDTHRETRAIN_*_IMAGE), which compose and the Dockerfile read instead of
# the official images (their defaults). Idempotent: an image already built is kept (--rebuild builds them again).
#   widthretrain-base/debian:12-slim    debootstrap --variant=minbase bookworm, then docker import   (for debian:12-slim)
#   widthretrain-base/dotnet-sdk:10.0   that, plus this host's .NET 10 SDK (/usr/share/dotnet)      (mcr.microsoft.com/dotnet/sdk:10.0)
#   widthretrain-base/postgres:15       that, plus Debian's postgresql-15                            (postgres:16)
#   widthretrain-base/rabbitmq:3.10     that, plus Debian's rabbitmq-server and its management UI    (rabbitmq:3.13-management)
# The host's extra certificate authorities (/usr/local/share/ca-certificates) go into the base: a build container
# restores from NuGet through the same network path as the host, and fails with UntrustedRoot without them.
set -euo pipefail
cd "$(dirname "$0")/../.."
#   --if-needed   nothing when .env already names stand-ins, or when the official images can be pulled
#   --rebuild     build every stand-in again
rebuild=0 if_needed=0
case ${1:-} in
  --rebuild) rebuild=1 ;;
  --if-needed) if_needed=1 ;;
  "") ;;
  *) echo "usage: build-base-images.sh [--if-needed | --rebuild]" >&2; exit 2 ;;
esac
mirror=${WIDTHRETRAIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
log() { echo "build-base-images: $*" >&2; }
die() { log "$*"; exit 1; }
if ((if_needed)); then
  named=$(sed -n 's/^WIDTHRETRAIN_SDK_IMAGE=//p' .env 2>/dev/null)
  if [[ -n $named ]] && docker image inspect "$named" >/dev/null 2>&1; then exit 0; fi
  if [[ -z $named ]] && timeout 60 docker pull -q debian:12-slim >/dev/null 2>&1; then
    log "the official images can be pulled; no stand-ins needed"
    exit 0
  fi
  log "no image registry answers: building stand-ins for the base images from Debian's packages"
fi
have() { ((rebuild == 0)) && docker image inspect "$1" >/dev/null 2>&1; }
[[ $(id -u) -eq 0 ]] || die "run as root: debootstrap and chroot need it"
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null

base=widthretrain-base/debian:12-slim
if ! have "$base"; then
  root=$(mktemp -d /var/tmp/widthretrain-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap bookworm from $mirror (about 2 minutes)"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$mirror" >/dev/null \
    || die "debootstrap failed; see $root/debootstrap/debootstrap.log"
  cat > "$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
  fi
  # Like the official slim image: no apt lists or caches, no documentation in later installs.
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
    > "$root/etc/dpkg/dpkg.cfg.d/docker-slim"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/locale/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar --numeric-owner -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' - "$base" >/dev/null
  rm -rf "$root"; trap - EXIT
  log "built $base"
fi

if ! have widthretrain-base/dotnet-sdk:10.0; then
  sdk=$(dirname "$(readlink -f "$(command -v dotnet || true)")" 2>/dev/null || true)
  [[ -x $sdk/dotnet ]] && ls "$sdk/sdk" | grep -q '^10\.' \
    || die "the SDK stand-in copies this host's .NET 10 SDK, and none was found (dotnet on PATH)"
  log "SDK stand-in from $sdk"
  docker build -q -t widthretrain-base/dotnet-sdk:10.0 --build-arg BASE="$base" \
    -f infra/docker/base/dotnet-sdk.Dockerfile "$sdk" >/dev/null
fi
for image in postgres:15 rabbitmq:3.10; do
  name=${image%%:*}
  have "widthretrain-base/$image" && continue
  log "$name stand-in from Debian's packages"
  docker build -q -t "widthretrain-base/$image" --build-arg BASE="$base" \
    -f "infra/docker/base/$name.Dockerfile" infra/docker/base >/dev/null
done

# Compose reads .env; the Dockerfile gets the same names as build arguments through compose.
bash infra/docker/init-env.sh
set_env() { grep -v "^$1=" .env > .env.new || true; echo "$1=$2" >> .env.new; mv .env.new .env; chmod 600 .env; }
set_env WIDTHRETRAIN_SDK_IMAGE widthretrain-base/dotnet-sdk:10.0
set_env WIDTHRETRAIN_RUNTIME_IMAGE "$base"
set_env WIDTHRETRAIN_POSTGRES_IMAGE widthretrain-base/postgres:15
set_env WIDTHRETRAIN_RABBITMQ_IMAGE widthretrain-base/rabbitmq:3.10
log "base images ready; .env points compose at them"
