#!/usr/bin/env bash
# The Docker deployment's test, run by .ci/run (as root): installs and starts a Docker engine if there is none,
# builds the base images from Debian's packages when no registry answers, builds the suite's image, brings the suite
# up with two trainers, runs a campaign through the `cli` service, `docker kill`s a trainer while it holds a round,
# restarts the broker, kills and restarts the planner, and checks that the campaign still completes with every round
# recorded exactly once and its record verified; then runs the demo profile (small) and checks its files, and takes
# everything down with its volumes, even when a step fails. Each wait is bounded. Prints one line per check and the figures (build time, image size).
set -euo pipefail
cd "$(dirname "$0")/../.."
export COMPOSE_PROJECT_NAME=widthretrain-composetest   # its own containers, network and volumes only
started=$SECONDS
log() { echo "test-compose [$((SECONDS - started))s]: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
compose() { bash infra/docker/compose.sh "$@"; }

# The engine: Debian's docker.io and docker-compose (v1), dockerd started without systemd.
if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null; then
  log "installing docker.io, docker-compose, debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io docker-compose debootstrap >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/widthretrain-dockerd.log)"
  nohup dockerd >/var/log/widthretrain-dockerd.log 2>&1 &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 60 s; see /var/log/widthretrain-dockerd.log"
fi

bash infra/docker/init-env.sh
t=$SECONDS; bash infra/docker/build-base-images.sh --if-needed; log "base images ready in $((SECONDS - t)) s"

# The legacy builder keeps each build's build stage as an untagged image (about 6 GB), and a rebuilt image leaves its
# predecessor untagged: a machine that runs this test often fills its disk. Drop those of earlier builds (found by the
# Dockerfile's stage label), keeping the newest build stage as the next build's cache.
prune_earlier_builds() {
  local keep
  keep=$(docker images -q --filter dangling=true --filter label=io.widthretrain.stage=build | head -1) # newest first
  docker images -q --filter dangling=true --filter label=io.widthretrain.stage | grep -vx "${keep:-none}" \
    | xargs -r docker rmi >/dev/null 2>&1 || true
  log "untagged images of earlier builds dropped; $(docker images -q --filter dangling=true --filter label=io.widthretrain.stage | wc -l) kept as build cache"
}

cleanup() {
  local status=$?
  if ((status != 0)); then
    log "logs of the suite's containers (last 40 lines each):"
    compose --profile cli --profile demo logs --no-color --tail 40 >&2 || true
  fi
  compose --profile cli --profile demo down -v --remove-orphans >/dev/null 2>&1 || true
  left=$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l)
  vols=$(docker volume ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l)
  log "cleaned up: $left containers and $vols volumes of the test left"
  prune_earlier_builds
  exit $status
}
trap cleanup EXIT

img="widthretrain:${WIDTHRETRAIN_TAG:-dev}"
t=$SECONDS
compose build -q migrate >/dev/null || fail "docker-compose build"
size=$(docker image inspect "$img" --format '{{.Size}}')
log "image $img built in $((SECONDS - t)) s, $((size / 1000000)) MB"
# What the image must not carry: another platform's native libraries (every ELF file in /app is x86-64, no macOS or
# Windows natives, no runtimes/ folder of other RIDs), the generated credentials or demo output in any build context
# (the test stage copies the whole context, so the context itself is checked).
foreign=$(docker run --rm --entrypoint bash "$img" -c '
  cd /app; n=0
  for f in $(find . -type f); do
    [[ $(od -An -c -N4 "$f" | tr -d " ") == 177ELF ]] || continue
    [[ $(od -An -tx2 -j18 -N2 "$f" | tr -d " ") == 003e ]] || { echo "not x86-64: $f" >&2; n=$((n + 1)); }
  done
  n=$((n + $(find . \( -name "*.dylib" -o -name "*.dll" -path "*/runtimes/*" -o -path "./runtimes/*" ! -path "./runtimes/linux-x64*" \) | wc -l)))
  echo $n')
[[ $foreign -eq 0 ]] || fail "the image carries $foreign native files for platforms other than linux-x64"
elfs=$(docker run --rm --entrypoint bash "$img" -c 'n=0; for f in $(find /app -name "*.so*"); do n=$((n + 1)); done; echo $n')
context_image=widthretrain-composetest-context
printf 'FROM %s\nCOPY . /tmp/context\n' "$img" | docker build -q -t "$context_image" -f - . >/dev/null
docker run --rm --entrypoint bash "$context_image" -c 'test ! -e /tmp/context/.env && test ! -e /tmp/context/demo-output && test -e /tmp/context/docker-compose.yml' \
  || fail "the build context holds .env or demo-output (see .dockerignore)"
docker rmi -f "$context_image" >/dev/null
log "ok: $elfs native libraries, all linux-x64; no .env or demo output in the build context"

wait_healthy() { # seconds services...
  local deadline=$((SECONDS + $1)) service container; shift
  for service in "$@"; do
    for container in $(compose ps -q "$service"); do
      until [[ $(docker inspect --format '{{.State.Health.Status}}' "$container") == healthy ]]; do
        ((SECONDS < deadline)) || fail "$service ($container) not healthy in time: $(docker inspect --format '{{.State.Status}} {{.State.Health.Status}}' "$container")"
        sleep 2
      done
    done
  done
}
t=$SECONDS
compose up -d --scale trainer=2 >/dev/null 2>&1 || fail "docker-compose up"
wait_healthy 240 postgres rabbitmq planner drift-generator trainer evaluator cost-accountant dashboard
log "ok: suite up and healthy with $(compose ps -q trainer | wc -l) trainers in $((SECONDS - t)) s"

sql() { compose exec -T postgres psql -X -qAt -d widthretrain -c "$1"; }
# 2 widths x 3 seeds x 4 tasks = 24 rounds of synthetic data: long enough to be hit three times.
rounds=24
campaign_log=$(mktemp)
compose run --rm -T cli run --deployed --name compose-test --dataset synthetic --train-limit 6000 --test-limit 300 \
  --widths 64,256 --seeds 1,2,3 --tasks 4 --epochs 3 >"$campaign_log" 2>&1 &
cli=$!
# The campaign's id, once the planner has recorded its start.
id=""
for _ in $(seq 120); do
  id=$(sql "select stream_id from widthretrain.mt_events where type = 'campaign_started' order by seq_id desc limit 1" 2>/dev/null || true)
  [[ -n $id ]] && break
  sleep 1
done
[[ -n $id ]] || fail "no campaign started within 120 s: $(tail -n 5 "$campaign_log")"
trained() { sql "select count(*) from widthretrain.mt_events where type = 'round_trained' and data->'Round'->>'CampaignId' = '$id'"; }
# Mid-round: a trainer whose broker channel holds unacknowledged rounds (it is training one) is the one killed; the
# broker must hand those rounds to the other trainer.
unacked() { # container: rounds its channels hold unacknowledged
  local ip; ip=$(docker inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1")
  compose exec -T rabbitmq rabbitmqctl -q list_channels name messages_unacknowledged --no-table-headers \
    | awk -v ip="$ip:" 'index($1, ip) == 1 {n += $NF} END {print n + 0}'
}
victim="" held=0
for _ in $(seq 300); do
  if [[ $(trained) -ge 1 ]]; then
    for c in $(compose ps -q trainer); do
      held=$(unacked "$c")
      if ((held > 0)); then victim=$c; break 2; fi
    done
  fi
  sleep 1
done
[[ -n $victim ]] || fail "no trainer was ever seen holding a round"
before=$(trained)
docker kill "$victim" >/dev/null
log "killed trainer $(docker inspect --format '{{.Name}}' "$victim") while it held $held unacknowledged round(s) ($before/$rounds rounds trained)"

# Then the planner is killed and started again as an orchestrator would, and the broker restarts (its queues and
# users must survive in its volume, under the same node name); the campaign must go on each time.
wait_trained() { # n: until n rounds are trained, while the campaign still runs
  for _ in $(seq 300); do
    [[ $(trained) -ge $1 ]] && return 0
    kill -0 "$cli" 2>/dev/null || fail "the campaign ended before $1 rounds were trained: $(tail -n 5 "$campaign_log")"
    sleep 1
  done
  fail "fewer than $1 rounds trained after 300 s"
}
wait_trained 6
planner=$(compose ps -q planner)
docker kill "$planner" >/dev/null
docker start "$planner" >/dev/null
log "killed the planner (SIGKILL) at $(trained)/$rounds rounds and started it again"
wait_trained 12
t=$SECONDS
at=$(trained)
compose restart rabbitmq >/dev/null 2>&1
stopped=$((SECONDS - t))
wait_healthy 180 rabbitmq
log "restarted the broker at $at/$rounds rounds (stop and start took $stopped s); healthy again after $((SECONDS - t)) s"

deadline=$((SECONDS + 600))
while kill -0 "$cli" 2>/dev/null; do
  ((SECONDS < deadline)) || { kill "$cli"; fail "the campaign did not finish within 600 s: $(tail -n 5 "$campaign_log")"; }
  sleep 2
done
wait "$cli" || fail "the cli's run exited with $?: $(tail -n 8 "$campaign_log")"
grep -q "Campaign completed" "$campaign_log" || fail "the cli did not report completion: $(tail -n 8 "$campaign_log")"

# Exactly once: every step of every round recorded once, no round missing.
counts=$(sql "select type, count(*), count(distinct data->'Round'->>'RoundId') from widthretrain.mt_events
              where data->'Round'->>'CampaignId' = '$id' and type in ('round_scheduled', 'round_trained', 'round_evaluated', 'round_costed_v2', 'round_completed')
              group by type order by type")
echo "$counts" | sed 's/^/  /' >&2
[[ $(echo "$counts" | wc -l) -eq 5 ]] || fail "a round step is missing from the record"
while IFS='|' read -r type total distinct; do
  [[ $total -eq $rounds && $distinct -eq $rounds ]] || fail "$type recorded $total times for $distinct rounds; expected $rounds exactly once"
done <<<"$counts"
verify=$(compose run --rm -T cli verify "$id" 2>&1) || fail "verify: $verify"
by=$(sql "select data->'Training'->>'Worker', count(*) from widthretrain.mt_events where type = 'round_trained' and data->'Round'->>'CampaignId' = '$id' group by 1" | tr '\n' ' ')
# The dashboard (published on the host's localhost) lists the campaign as completed and its audit passes.
python3 - "$id" <<'PY' || fail "the dashboard at http://localhost:8080 does not show campaign $id completed with a passing audit"
import json, sys, urllib.request
cid = sys.argv[1]
listed = json.load(urllib.request.urlopen("http://127.0.0.1:8080/api/campaigns", timeout=30))
assert any(c["id"] == cid and c["status"] == "completed" for c in listed), listed
audit = json.load(urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:8080/api/campaigns/{cid}/replay", method="POST"), timeout=60))
assert audit["passed"], audit["line"]
PY
log "ok: campaign ${id:0:8} completed after the three faults: $rounds/$rounds rounds, each step exactly once, verify passed (rounds per trainer: $by)"

# The demo profile: its steps (staged campaign, replay audit, report) embedded, on small data, its files in
# ./demo-output written by the container's user.
rm -rf demo-output/campaign.json demo-output/campaign.png demo-output/report
t=$SECONDS
compose --profile demo run --rm -T demo --dataset synthetic --train-limit 600 --test-limit 200 \
  --seeds 1,2 --tasks 2 --epochs 1 >"$campaign_log" 2>&1 || fail "the demo profile: $(tail -n 8 "$campaign_log")"
[[ -s demo-output/campaign.json && -s demo-output/campaign.png ]] || fail "the demo wrote no campaign.json/campaign.png in demo-output"
[[ -s demo-output/report/report.html ]] || fail "the demo wrote no report: $(tail -n 8 "$campaign_log")"
grep -q "audit passed" "$campaign_log" || fail "the demo's replay audit did not pass: $(tail -n 8 "$campaign_log")"
python3 -c 'import json,sys; d=json.load(open("demo-output/campaign.json")); assert d["summary"]["status"] == "completed", d["summary"]' \
  || fail "demo-output/campaign.json does not record a completed campaign"
log "ok: demo profile completed in $((SECONDS - t)) s: its audit passed, and it wrote demo-output/campaign.{json,png} and demo-output/report"
rm -f "$campaign_log"
log "passed in $((SECONDS - started)) s"
