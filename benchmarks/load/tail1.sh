#!/usr/bin/env bash
# Where one instance's tail at one connection goes. wrk's p99 at one connection counts stall time
# (docs/benchmarks.md, tenth session: it corrects for coordinated omission), so this looks for
# the stalls themselves: on the server's own timeline (its access log, one line per answer with a
# millisecond timestamp), against its GC and safepoint log and, with PERF=1, the kernel's
# scheduling of every task on the machine.
#
#   benchmarks/load/tail1.sh
#
# Starts the shared mocks (when nothing answers on :18080) and one instance of APP_DIR, loads it
# WARMUP seconds at 32 connections, then RUNS runs of SECONDS_PER_RUN at one connection (wrk
# --latency); tail_gaps.py then prints, per run, the gaps of 2 ms or more between consecutive
# answers, how long they lasted beyond 2 ms, which part of a request took over 1 ms (the data
# plane's exchange or Tollgate's own), GC pauses and safepoints over 0.5 ms, and how far apart
# the gaps fell (a period points at periodic work: the journal's batches are 50 ms apart).
# PERF=1 records `perf sched` for 3 s in the middle of each run (perf's own writing shows up as a
# task that delays others); tail_wakeups.py prints the wake-ups of wrk, the mock, the carriers and
# the poller that waited 1 ms or more, and what ran on each vCPU meanwhile (an idle vCPU beside a
# queued wake-up is the kernel's placement, not a lack of CPU).
#
# Tunables: STORE=embedded (or memory), APP_DIR (default app-helidon/target), WORK=/tmp/tollgate-tail1,
# PORT=8799, WARMUP=60, RUNS=3, SECONDS_PER_RUN=10, EXTRA_JAVA_OPTS (added to ./tollgate's collector
# flags and -Xms4g -Xmx4g -XX:+AlwaysPreTouch), PERF=1, SHARED_BENCH.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
STORE=${STORE:-embedded}
WORK=${WORK:-/tmp/tollgate-tail1}
PORT=${PORT:-8799}
WARMUP=${WARMUP:-60}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
. "$HERE/lib.sh"
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
MASTER=tail1-master

for tool in wrk nginx python3; do
  command -v "$tool" >/dev/null || { echo "tail1.sh needs $tool" >&2; exit 2; }
done
if [ -n "${PERF:-}" ] && ! command -v perf >/dev/null; then
  echo "PERF=1 needs perf (apt-get install linux-perf)" >&2
  exit 2
fi
rm -rf "$WORK" && mkdir -p "$WORK"
stop_mocks=$(start_mocks "$ROOT" "$WORK")
dir=$WORK/instance
mkdir -p "$dir/app" && cp -p "$APP_DIR/tollgate.jar" "$dir/app/" && cp -rp "$APP_DIR/libs" "$dir/app/"
tollgate_config "$PORT" "$STORE" "$dir"
# shellcheck disable=SC2086 # the options are words
(cd "$dir" && TOLLGATE_MASTER_KEY=$MASTER exec "$JAVA_HOME/bin/java" -Xms4g -Xmx4g \
  -XX:+AlwaysPreTouch $TOLLGATE_GC_FLAGS ${EXTRA_JAVA_OPTS:-} \
  "-Xlog:gc*,safepoint:file=$dir/gc.log:time,uptimemillis" \
  --sun-misc-unsafe-memory-access=allow -jar app/tollgate.jar serve >"$dir/server.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait; '"$stop_mocks" EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
every_check_key "$PORT" "$MASTER" tail "$dir"
URL=http://127.0.0.1:$PORT/v1/chat/completions

echo "warm-up: ${WARMUP}s at 32 connections ($STORE store)" >&2
left=$WARMUP
while [ "$left" -gt 0 ]; do
  chunk=$((left < 30 ? left : 30))
  wrk -t1 -c32 -d"${chunk}s" -s "$dir/chat.lua" "$URL" >/dev/null
  left=$((left - chunk))
done
for r in $(seq 1 "$RUNS"); do
  perf_pid=
  if [ -n "${PERF:-}" ]; then
    (sleep $((SECONDS_PER_RUN / 2 - 1)); perf sched record -o "$dir/perf$r.data" -- sleep 3 \
      >/dev/null 2>&1) &
    perf_pid=$!
  fi
  start=$(date +%s%3N)
  wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -s "$dir/chat.lua" "$URL" >"$dir/wrk$r.txt"
  echo "$start $(date +%s%3N)" >"$dir/window$r"
  [ -z "$perf_pid" ] || wait "$perf_pid"
  printf 'run %d: wrk p50 %s p90 %s p99 %s, %s requests/s\n' "$r" \
    "$(awk '$1 == "50%" { print $2 }' "$dir/wrk$r.txt")" \
    "$(awk '$1 == "90%" { print $2 }' "$dir/wrk$r.txt")" \
    "$(awk '$1 == "99%" { print $2 }' "$dir/wrk$r.txt")" \
    "$(awk '/Requests\/sec/ { print $2 }' "$dir/wrk$r.txt")"
  sleep 2
done
python3 "$HERE/tail_gaps.py" "$dir"
if [ -n "${PERF:-}" ]; then
  for r in $(seq 1 "$RUNS"); do
    echo "run $r, 3 s of perf sched:"
    perf sched timehist -i "$dir/perf$r.data" 2>/dev/null >"$dir/timehist$r.txt"
    python3 "$HERE/tail_wakeups.py" "$dir/timehist$r.txt"
  done
fi
echo "logs, wrk outputs and recordings in $dir" >&2
