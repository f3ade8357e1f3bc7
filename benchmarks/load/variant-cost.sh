#!/usr/bin/env bash
# CPU per request of one build run several ways (docs/benchmarks.md: "Metrics cost per request",
# "Tracing and access-log cost per request"). One instance per variant of the same build (memory
# store, simulated data plane, a key with a budget and rate limits so every economic check runs),
# measured in interleaved reps of wrk -c8 against each (the order turns each rep, so no variant
# always runs first), CPU of each Tollgate from /proc/<pid>/stat per rep. The first variant is the
# baseline the others are paired against.
#   benchmarks/load/variant-cost.sh NAME:ENV=VALUE[:ENV=VALUE…] NAME:…   (REPS D PREWARM APP_DIR)
# A value may name {SINK}, the address (http://127.0.0.1:port, so a spec needs no colon of its
# own) of an OTLP/HTTP sink on loopback that answers every export 200 (its own CPU is not counted;
# a collector runs elsewhere). metrics-cost.sh and tracing-cost.sh call this.
# Loopback only; needs wrk (apt-get install wrk) and the built app (./mvnw package -DskipTests).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
SHARED=${SHARED_BENCH:-$(cd "$ROOT/../shared/bench" && pwd)}  # the shared harness (chat.lua)
REPS=${REPS:-4} D=${D:-15} PREWARM=${PREWARM:-60} CONNS=${CONNS:-8}
WORK=${WORK:-/tmp/tollgate-variant-bench}
BASE_PORT=${BASE_PORT:-18290}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
MASTER=bench-master
TICK=$(getconf CLK_TCK)
[ $# -ge 2 ] || { echo "usage: $0 BASELINE:ENV=V… OTHER:ENV=V… (at least two variants)" >&2; exit 2; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/app"
cp "$APP_DIR/tollgate.jar" "$WORK/app/app.jar" && cp -r "$APP_DIR/libs" "$WORK/app/"

SINK_PORT=$((BASE_PORT + 99))
python3 - "$SINK_PORT" "$WORK/sink.txt" <<'PY' &
import sys, http.server
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

start() { # name port env…
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && export TOLLGATE_SERVER_PORT="$port" TOLLGATE_MASTER_KEY=$MASTER \
    TOLLGATE_STORE_TYPE=memory && for kv in "$@"; do export "${kv//\{SINK\}/http://127.0.0.1:$SINK_PORT}"; done \
    && exec "$JAVA" -Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow -jar "$WORK/app/app.jar" serve \
    >"$WORK/$name/stdout.log" 2>"$WORK/$name/stderr.log") &
  PIDS+=("$!")
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return; sleep 0.5; done
  cat "$WORK/$name/stdout.log" "$WORK/$name/stderr.log" >&2; exit 1
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

VARIANTS=()
declare -A PORT PID KEY
for spec in "$@"; do
  IFS=: read -r -a parts <<<"$spec"
  v=${parts[0]}; VARIANTS+=("$v"); PORT[$v]=$((BASE_PORT + ${#VARIANTS[@]} - 1))
  start "$v" "${PORT[$v]}" "${parts[@]:1}"; PID[$v]=${PIDS[-1]}
done
for v in "${VARIANTS[@]}"; do KEY[$v]=$(mint "${PORT[$v]}"); done
curl -sf -o /dev/null -D - "http://127.0.0.1:${PORT[${VARIANTS[0]}]}/v1/chat/completions" \
  -H "Authorization: Bearer ${KEY[${VARIANTS[0]}]}" \
  -d '{"model":"sim-small","messages":[{"role":"user","content":"hi"}]}' | grep -i x-tollgate-overhead-ms || true
for v in "${VARIANTS[@]}"; do load "${PORT[$v]}" "${KEY[$v]}" "$PREWARM" >/dev/null; done
N=${#VARIANTS[@]}
echo "rep variant requests cpu_s cpu_us_per_request" | tee "$WORK/results.txt"
for rep in $(seq 1 "$REPS"); do
  for i in $(seq 0 $((N - 1))); do
    v=${VARIANTS[$(((rep + i) % N))]}
    before=$(cpu_ticks "${PID[$v]}"); n=$(load "${PORT[$v]}" "${KEY[$v]}" "$D"); after=$(cpu_ticks "${PID[$v]}")
    python3 -c "t=($after-$before)/$TICK; print($rep, '$v', $n, round(t,2), round(t*1e6/$n,1))" \
      | tee -a "$WORK/results.txt"
  done
done
[ -f "$WORK/sink.txt" ] && cat "$WORK/sink.txt"
for v in "${VARIANTS[@]}"; do echo "$v access lines: $(grep -c tollgate.access "$WORK/$v/stderr.log" || true)"; done
python3 - "$WORK/results.txt" "${VARIANTS[@]}" <<'PY'
import sys, statistics as st
rows=[l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
base, others = sys.argv[2], sys.argv[3:]
by=lambda v: [float(r[4]) for r in rows if r[1]==v]
b=by(base)
for v in others:
    on=by(v); d=[x-y for x,y in zip(on,b)]
    print(f"{v}: median CPU us/request {st.median(on):.1f} vs {base} {st.median(b):.1f}; paired {v}-{base} median {st.median(d):+.1f} (reps {', '.join(f'{x:+.1f}' for x in d)})")
PY
