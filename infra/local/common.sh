# Shared helpers for infra/local/*.sh (sourced, not run). Bash only.

log() { echo "[$(basename "$0")] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Everything here manages system services and packages, so we need root (or sudo).
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || die "run as root (or install sudo)"
  SUDO="sudo"
fi

# Run a command as a system user (postgres/rabbitmq) whether we are root or a sudoer.
as_user() {
  local user=$1; shift
  # From / : the caller's folder may be one the system user cannot enter (psql would say so on every run).
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u "$user" -- "$@"); else (cd / && sudo -u "$user" -- "$@"); fi
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# Install the given Debian packages if any are missing; one apt-get update per call,
# so start.sh passes both packages at once instead of updating twice.
ensure_packages() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get; install by hand"
  log "installing ${missing[*]} (apt-get)"
  $SUDO apt-get update -qq
  # Without systemd the package postinst may fail to start the service; we start it ourselves below.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints "<version> <cluster> <port> <status>" of the Postgres cluster we use:
# the one on WIDTHRETRAIN_PG_PORT if any, else the newest cluster. Empty if there is none.
pg_pick_cluster() {
  local want=${WIDTHRETRAIN_PG_PORT:-5432} rows
  rows=$(pg_lsclusters -h 2>/dev/null | awk '{print $1, $2, $3, $4}' | sort -V -r) || true
  [[ -z $rows ]] && return 0
  awk -v p="$want" '$3 == p {print; found=1; exit} END {if (!found) exit 1}' <<<"$rows" \
    || head -n1 <<<"$rows"
}

# The Debian wrappers (/usr/sbin/rabbitmq*) switch to the rabbitmq user, so they use
# /var/lib/rabbitmq/.erlang.cookie; calling /usr/lib/rabbitmq/bin/* as root would use
# /root/.erlang.cookie and fail with a cookie mismatch.
rabbit_ping() { $SUDO /usr/sbin/rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

# Credentials the scripts generate, kept in one file readable by its owner only (mode 600): the invoking user's
# ~/.config/widthretrain/local.env (the sudo user's when run through sudo), or $WIDTHRETRAIN_CONFIG_DIR/local.env.
# Secrets go to that file and to child processes' environments, never onto a command line.
cred_file() {
  local dir=${WIDTHRETRAIN_CONFIG_DIR:-}
  if [[ -z $dir ]]; then
    local home=$HOME
    if [[ -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then home=$(getent passwd "$SUDO_USER" | cut -d: -f6); fi
    dir=${XDG_CONFIG_HOME:-$home/.config}/widthretrain
  fi
  echo "$dir/local.env"
}

cred_get() {
  local f; f=$(cred_file)
  [[ -f $f ]] || return 1
  local v; v=$(sed -n "s/^$1='\\(.*\\)'\$/\\1/p" "$f" | tail -n1)
  [[ -n $v ]] && echo "$v"
}

cred_set() {
  local f; f=$(cred_file)
  local dir; dir=$(dirname "$f")
  if [[ ! -d $dir ]]; then
    mkdir -p "$dir"; chmod 700 "$dir"
    [[ -n ${SUDO_USER:-} && $SUDO_USER != root && $(id -u) -eq 0 ]] && chown "$SUDO_USER" "$dir"
  fi
  local tmp; tmp=$(mktemp "$dir/.local.env.XXXXXX")
  chmod 600 "$tmp"
  { [[ -f $f ]] && grep -v "^$1=" "$f"; echo "$1='$2'"; } >"$tmp" || true
  mv "$tmp" "$f"
  [[ -n ${SUDO_USER:-} && $SUDO_USER != root && $(id -u) -eq 0 ]] && chown "$SUDO_USER" "$f"
  return 0
}

# A random alphanumeric secret (safe inside URLs and connection strings without escaping).
new_secret() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# The stored secret for NAME, or a new one stored now.
secret_for() {
  local v
  if v=$(cred_get "$1"); then echo "$v"; return; fi
  v=$(new_secret)
  cred_set "$1" "$v"
  echo "$v"
}
