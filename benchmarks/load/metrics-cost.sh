#!/usr/bin/env bash
# CPU per request with request metrics on vs off (docs/benchmarks.md, "Metrics cost per request").
# Two instances of the same build (memory store, simulated data plane, a key with a budget and
# rate limits so every economic check runs), one with tollgate.metrics.request-metrics=false;
# measured in interleaved reps of wrk -c8 against each, CPU from /proc/<pid>/stat per rep.
#   benchmarks/load/metrics-cost.sh            REPS=4 D=15 PREWARM=30 APP_DIR=app-helidon/target
# Loopback only; needs wrk (apt-get install wrk) and the built app (./mvnw package -DskipTests).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
SHARED=${SHARED_BENCH:-$(cd "$ROOT/../shared/bench" && pwd)}  # the shared harness (chat.lua)
REPS=${REPS:-4} D=${D:-15} PREWARM=${PREWARM:-30} CONNS=${CONNS:-8}
WORK=${WORK:-/tmp/tollgate-metrics-bench}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
MASTER=bench-master
TICK=$(getconf CLK_TCK)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/app"
cp "$APP_DIR/tollgate.jar" "$WORK/app/app.jar" && cp -r "$APP_DIR/libs" "$WORK/app/"

start() { # name port request-metrics
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && TOLLGATE_SERVER_PORT=$2 TOLLGATE_MASTER_KEY=$MASTER TOLLGATE_STORE_TYPE=memory \
    TOLLGATE_METRICS_REQUEST_DASH_METRICS=$3 \
    exec "$JAVA" -Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow -jar "$WORK/app/app.jar" serve \
    >"$WORK/$1/stdout.log" 2>&1) &
  PIDS+=("$!")
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$2/healthz" && return; sleep 0.5; done
  cat "$WORK/$1/stdout.log" >&2; exit 1
}
mint() { # port
  curl -sf -X POST "http://127.0.0.1:$1/admin/v1/keys" -H "Authorization: Bearer $MASTER" \
    -H 'content-type: application/json' \
    -d '{"tenant":"bench","alias":"bench","budget":{"limit_usd":"1000000","period":"monthly"},"rpm":100000000,"tpm":100000000000,"max_parallel":10000}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load() { # port key seconds -> requests
  API_KEY=$2 MODEL=sim-small wrk -t1 -c"$CONNS" -d"$3s" -s "$SHARED/chat.lua" \
    "http://127.0.0.1:$1/v1/chat/completions" | sed -n 's/^RESULT //p' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["non2xx"]==0, r; print(r["requests"])'
}

start on 18190 true;  ON_PID=${PIDS[0]}
start off 18191 false; OFF_PID=${PIDS[1]}
KEY_ON=$(mint 18190) KEY_OFF=$(mint 18191)
curl -sf -o /dev/null -D - "http://127.0.0.1:18190/v1/chat/completions" -H "Authorization: Bearer $KEY_ON" \
  -d '{"model":"sim-small","messages":[{"role":"user","content":"hi"}]}' | grep -i x-tollgate-overhead-ms
load 18190 "$KEY_ON" "$PREWARM" >/dev/null; load 18191 "$KEY_OFF" "$PREWARM" >/dev/null
echo "rep variant requests cpu_s cpu_us_per_request" | tee "$WORK/results.txt"
for rep in $(seq 1 "$REPS"); do
  for v in on off; do
    if [ $v = on ]; then port=18190 key=$KEY_ON pid=$ON_PID; else port=18191 key=$KEY_OFF pid=$OFF_PID; fi
    before=$(cpu_ticks "$pid"); n=$(load "$port" "$key" "$D"); after=$(cpu_ticks "$pid")
    python3 -c "t=($after-$before)/$TICK; print($rep, '$v', $n, round(t,2), round(t*1e6/$n,1))" \
      | tee -a "$WORK/results.txt"
  done
done
python3 - "$WORK/results.txt" <<'PY'
import sys, statistics as st
rows=[l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
on=[float(r[4]) for r in rows if r[1]=='on']; off=[float(r[4]) for r in rows if r[1]=='off']
d=[a-b for a,b in zip(on,off)]
print(f"median CPU us/request: on {st.median(on):.1f}, off {st.median(off):.1f}; paired on-off median {st.median(d):+.1f} (reps {', '.join(f'{x:+.1f}' for x in d)})")
PY
