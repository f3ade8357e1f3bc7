#!/usr/bin/env bash
# Time from exec to the first proxied 200, with and without the JDK's AOT cache, under hyperfine
# (as shared/bench/startup-time.sh measures other gateways), plus the CPU the JVM spent until then
# (what a shared machine's load stretches least).
#
#   benchmarks/load/startup.sh [memory|embedded]      (default memory)
#
# memory: each run starts an empty service, mints a key through the admin API and sends one chat
# completion, so the time includes that one admin call. embedded: a first start (not timed) creates
# the database and a key under $WORK; the timed runs restart on it, as `./tollgate` does after the
# first start. The data plane is the shared nginx mock on :18080 (started if nothing answers there).
# Each variant: RUNS=5 timed runs after one warmup run (hyperfine -w 1); "aot" trains its cache in
# one extra run first (-XX:AOTCacheOutput, JDK 25+), as ./tollgate's first start does.
#
# Tunables: APP_DIR (default app-helidon/target), RUNS, PORT=8790, WORK=/tmp/tollgate-startup,
# RESULTS (default benchmarks/results/startup-<UTC timestamp>), SHARED_BENCH, GC_FLAGS (default
# the collector flags ./tollgate starts with; empty for the JVM's default collector).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
RUNS=${RUNS:-5}
PORT=${PORT:-8790}
WORK=${WORK:-/tmp/tollgate-startup}
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA=$JAVA_HOME/bin/java
MASTER=startup-master
. "$HERE/lib.sh"
GC_FLAGS=${GC_FLAGS-$TOLLGATE_GC_FLAGS}
BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'

busy() { ss -ltnH "sport = :$PORT" | grep -q .; }

mint() {
  curl -sf -X POST "http://127.0.0.1:$PORT/admin/v1/keys" -H "Authorization: Bearer $MASTER" \
    -d '{"tenant":"startup","alias":"k'"$RANDOM$RANDOM"'"}' | sed 's/.*"key":"\([^"]*\)".*/\1/'
}

# One start: exec, (mint,) first 200, note the JVM's CPU seconds, stop. Run by hyperfine.
once() { # store dir [java flags...]
  local store=$1 dir=$2 key="" pid i t0
  shift 2
  cd "$dir"
  for i in $(seq 1 100); do busy || break; sleep 0.1; done # the previous run's server is gone
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  TOLLGATE_MASTER_KEY=$MASTER "$JAVA" --sun-misc-unsafe-memory-access=allow $GC_FLAGS "$@" \
    -jar "$dir/app/tollgate.jar" serve >>"$dir/server.log" 2>&1 &
  pid=$!
  [ "$store" = memory ] || key=$(cat "$dir/key")
  for i in $(seq 1 6000); do
    if [ -z "$key" ]; then key=$(mint 2>/dev/null || true); fi
    if [ -n "$key" ] && curl -sf -o /dev/null -X POST -H 'content-type: application/json' \
        -H "Authorization: Bearer $key" -d "$BODY" "http://127.0.0.1:$PORT/v1/chat/completions"; then
      awk '{ printf "%.2f\n", ($14 + $15) / 100 }' "/proc/$pid/stat" >>"$dir/cpu.txt"
      echo $((($(date +%s%N) - t0) / 1000000)) >>"$dir/first200.txt" # exec to the 200, ms
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.01
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  return 1
}

if [ "${1:-}" = once ]; then shift; once "$@"; exit; fi
busy && { echo "port $PORT is taken: a run must start the server it times (PORT=...)" >&2; exit 1; }

STORE=${1:-memory}
RESULTS=${RESULTS:-$ROOT/benchmarks/results/startup-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$RESULTS"
for tool in hyperfine nginx; do # the mocks are nginx (with its njs module)
  command -v "$tool" >/dev/null || { apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine nginx libnginx-mod-http-js >/dev/null; }
done
stop_mocks=$(start_mocks "$ROOT" "$WORK")
[ -z "$stop_mocks" ] || trap "$stop_mocks" EXIT # only the mocks this run started
dir=$WORK/$STORE
rm -rf "$dir" && mkdir -p "$dir/app"
cp -p "$APP_DIR/tollgate.jar" "$dir/app/" && cp -rp "$APP_DIR/libs" "$dir/app/"
tollgate_config "$PORT" "$STORE" "$dir"
if [ "$STORE" != memory ]; then # the first start: database, schema, a key
  (cd "$dir" && TOLLGATE_MASTER_KEY=$MASTER exec "$JAVA" --sun-misc-unsafe-memory-access=allow \
     -jar app/tollgate.jar serve >"$dir/first.log" 2>&1) &
  first=$!
  for _ in $(seq 1 600); do key=$(mint 2>/dev/null || true); [ -z "$key" ] || break; sleep 0.2; done
  echo "$key" >"$dir/key"
  kill "$first"; wait "$first" 2>/dev/null || true
  for _ in $(seq 1 100); do busy || break; sleep 0.1; done
fi
# The cache trains on one run of the same workload (written when that JVM stops).
bash "$0" once "$STORE" "$dir" -XX:AOTCacheOutput="$dir/app/tollgate.aot"
for variant in plain aot; do
  flags=""
  [ "$variant" = plain ] || flags="-XX:AOTCache=$dir/app/tollgate.aot"
  : >"$dir/cpu.txt"
  : >"$dir/first200.txt"
  hyperfine -N -w 1 -r "$RUNS" --export-json "$RESULTS/$STORE-$variant.json" \
    "bash $0 once $STORE $dir $flags" | tee "$RESULTS/$STORE-$variant.txt"
  tail -n "$RUNS" "$dir/cpu.txt" | sort -n | awk -v v="$variant" -v s="$STORE" \
    '{ a[NR] = $1 } END { printf "%s %s: JVM CPU seconds until the first 200, median %s (%s..%s)\n", s, v, a[int((NR + 1) / 2)], a[1], a[NR] }' \
    | tee -a "$RESULTS/cpu.txt"
  tail -n "$RUNS" "$dir/first200.txt" | sort -n | awk -v v="$variant" -v s="$STORE" \
    '{ a[NR] = $1 } END { printf "%s %s: exec to the first 200 (ms, without the stop hyperfine also times), median %s (%s..%s)\n", s, v, a[int((NR + 1) / 2)], a[1], a[NR] }' \
    | tee -a "$RESULTS/cpu.txt"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/cpu.txt"
