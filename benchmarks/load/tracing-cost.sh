#!/usr/bin/env bash
# CPU per request with tracing on vs off, and with the access log on vs off (docs/benchmarks.md,
# "Tracing and access-log cost per request"). Three instances of the same build (memory store,
# simulated data plane, a key with a budget and rate limits so every economic check runs; request
# metrics on in all three, as by default):
#   off     tracing off, access log off            (the baseline)
#   trace   tracing on (sample-ratio 1: every request), exporting OTLP/HTTP to a local sink; access log off
#   access  tracing off, the access log on, JSON lines to a file
# measured in interleaved reps of wrk -c8 against each, CPU of each Tollgate from /proc/<pid>/stat
# per rep; the sink's own CPU is not counted (a collector runs elsewhere).
#   benchmarks/load/tracing-cost.sh            REPS=4 D=15 PREWARM=60 APP_DIR=app-helidon/target
# Loopback only; needs wrk (apt-get install wrk) and the built app (./mvnw package -DskipTests).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
SHARED=${SHARED_BENCH:-$(cd "$ROOT/../shared/bench" && pwd)}  # the shared harness (chat.lua)
REPS=${REPS:-4} D=${D:-15} PREWARM=${PREWARM:-60} CONNS=${CONNS:-8}
WORK=${WORK:-/tmp/tollgate-tracing-bench}
BASE_PORT=${BASE_PORT:-18290}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
MASTER=bench-master
TICK=$(getconf CLK_TCK)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/app"
cp "$APP_DIR/tollgate.jar" "$WORK/app/app.jar" && cp -r "$APP_DIR/libs" "$WORK/app/"

# An OTLP/HTTP sink: answers every export 200 with an empty ExportTraceServiceResponse, counts bytes.
SINK_PORT=$((BASE_PORT + 9))
python3 - "$SINK_PORT" "$WORK/sink.txt" <<'PY' &
import sys, http.server, threading
port, out = int(sys.argv[1]), sys.argv[2]
stats = {"exports": 0, "bytes": 0}
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        n = int(self.headers.get("content-length", 0)); self.rfile.read(n)
        stats["exports"] += 1; stats["bytes"] += n
        open(out, "w").write(f"{stats['exports']} exports, {stats['bytes']} bytes\n")
        self.send_response(200); self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", "0"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
PIDS+=("$!")

start() { # name port tracing access-log
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && TOLLGATE_SERVER_PORT=$2 TOLLGATE_MASTER_KEY=$MASTER TOLLGATE_STORE_TYPE=memory \
    TOLLGATE_TRACING_ENABLED=$3 TOLLGATE_TRACING_ENDPOINT="http://127.0.0.1:$SINK_PORT/v1/traces" \
    TOLLGATE_LOGGING_FORMAT=json TOLLGATE_LOGGING_ACCESS_DASH_LOG=$4 \
    exec "$JAVA" -Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow -jar "$WORK/app/app.jar" serve \
    >"$WORK/$1/stdout.log" 2>"$WORK/$1/stderr.log") &
  PIDS+=("$!")
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$2/healthz" && return; sleep 0.5; done
  cat "$WORK/$1/stdout.log" "$WORK/$1/stderr.log" >&2; exit 1
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

VARIANTS=(off trace access)
declare -A PORT PID KEY
start off "$BASE_PORT" false false;          PORT[off]=$BASE_PORT;          PID[off]=${PIDS[-1]}
start trace $((BASE_PORT + 1)) true false;   PORT[trace]=$((BASE_PORT + 1)); PID[trace]=${PIDS[-1]}
start access $((BASE_PORT + 2)) false true;  PORT[access]=$((BASE_PORT + 2)); PID[access]=${PIDS[-1]}
for v in "${VARIANTS[@]}"; do KEY[$v]=$(mint "${PORT[$v]}"); done
for v in "${VARIANTS[@]}"; do load "${PORT[$v]}" "${KEY[$v]}" "$PREWARM" >/dev/null; done
echo "rep variant requests cpu_s cpu_us_per_request" | tee "$WORK/results.txt"
for rep in $(seq 1 "$REPS"); do
  for i in 0 1 2; do # the order turns each rep, so no variant always runs first
    v=${VARIANTS[$(((rep + i) % 3))]}
    before=$(cpu_ticks "${PID[$v]}"); n=$(load "${PORT[$v]}" "${KEY[$v]}" "$D"); after=$(cpu_ticks "${PID[$v]}")
    python3 -c "t=($after-$before)/$TICK; print($rep, '$v', $n, round(t,2), round(t*1e6/$n,1))" \
      | tee -a "$WORK/results.txt"
  done
done
cat "$WORK/sink.txt"; echo "access lines: $(grep -c tollgate.access "$WORK/access/stderr.log")"
python3 - "$WORK/results.txt" <<'PY'
import sys, statistics as st
rows=[l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
by=lambda v: [float(r[4]) for r in rows if r[1]==v]
off=by('off')
for v in ('trace','access'):
    on=by(v); d=[a-b for a,b in zip(on,off)]
    print(f"{v}: median CPU us/request {st.median(on):.1f} vs off {st.median(off):.1f}; paired {v}-off median {st.median(d):+.1f} (reps {', '.join(f'{x:+.1f}' for x in d)})")
PY
