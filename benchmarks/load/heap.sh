#!/usr/bin/env bash
# Does the live heap grow with the requests served? Starts one Tollgate (memory or embedded store,
# every economic check on) against the nginx mock, sends at least REQUESTS chat completions in
# windows (wrk, CONNS connections, one key with a budget it never reaches), and after each window
# takes a histogram of the live objects (jcmd GC.class_histogram: a full GC first). Prints the live
# heap per window, the journal's backlog then, and the classes that grew most from the first
# window to the last: a heap that does not grow with requests shows flat totals. Windows are
# timed (wrk runs for a duration): WINDOW_SECONDS each, as many as reach REQUESTS in all.
#
#   benchmarks/load/heap.sh [memory|embedded]         (default embedded)
#
# Tunables: APP_DIR (default app-helidon/target), REQUESTS=1000000, WINDOW_SECONDS=60, CONNS=4,
# PORT=8795, WORK=/tmp/tollgate-heap, TG_JAVA_OPTS (default -Xms1g -Xmx1g and ./tollgate's collector flags), SHARED_BENCH.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
STORE=${1:-embedded}
REQUESTS=${REQUESTS:-1000000}
WINDOW_SECONDS=${WINDOW_SECONDS:-60}
CONNS=${CONNS:-4}
PORT=${PORT:-8795}
WORK=${WORK:-/tmp/tollgate-heap}
. "$HERE/lib.sh"
TG_JAVA_OPTS=${TG_JAVA_OPTS:--Xms1g -Xmx1g $TOLLGATE_GC_FLAGS}
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
MASTER=heap-master

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx libnginx-mod-http-js >/dev/null; }
done
rm -rf "$WORK" && mkdir -p "$WORK/app"
cp -p "$APP_DIR/tollgate.jar" "$WORK/app/" && cp -rp "$APP_DIR/libs" "$WORK/app/"
stop_mocks=$(start_mocks "$ROOT" "$WORK")
tollgate_config "$PORT" "$STORE" "$WORK"
cd "$WORK"
# shellcheck disable=SC2086 # the options are words
TOLLGATE_MASTER_KEY=$MASTER "$JAVA_HOME/bin/java" $TG_JAVA_OPTS --sun-misc-unsafe-memory-access=allow \
  -jar app/tollgate.jar serve >"$WORK/server.log" 2>&1 &
PID=$!
trap "kill $PID 2>/dev/null || true; $stop_mocks" EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
KEY=$(curl -sf -X POST "http://127.0.0.1:$PORT/admin/v1/keys" -H "Authorization: Bearer $MASTER" \
  -d '{"tenant":"heap","alias":"k","budget":{"limit_usd":"1000000","period":"monthly"}}' \
  | sed 's/.*"key":"\([^"]*\)".*/\1/')
cat >"$WORK/chat.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there, how are you?"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
backlog() {
  curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^tollgate_journal_backlog_entries /{print $2}'
}
served=0 w=0
while [ "$served" -lt "$REQUESTS" ]; do
  w=$((w + 1))
  wrk -t1 -c"$CONNS" -d"${WINDOW_SECONDS}s" -s "$WORK/chat.lua" "http://127.0.0.1:$PORT/v1/chat/completions" \
    >"$WORK/wrk-$w.txt"
  done_now=$(awk '/requests in/{print $1}' "$WORK/wrk-$w.txt")
  served=$((served + done_now))
  "$JAVA_HOME/bin/jcmd" "$PID" GC.class_histogram >"$WORK/histo-$w.txt"
  # What the histogram counts minus the collector's fillers: the parallel collector's full
  # collection leaves the dead space of its dense prefix in place as filler arrays, not live data.
  live=$(awk '/^Total/ { total = $3 } /jdk\.internal\.vm\.Filler/ { filler += $3 }
    END { print total - filler }' "$WORK/histo-$w.txt")
  printf 'window %d: %d requests served, live heap %d bytes (%.1f MB), journal backlog %s, %s\n' \
    "$w" "$served" "$live" "$(echo "$live / 1048576" | bc -l)" "$(backlog || echo '?')" \
    "$(awk '/Requests\/sec/{print $2 " req/s"}' "$WORK/wrk-$w.txt")"
done
python3 - "$WORK/histo-1.txt" "$WORK/histo-$w.txt" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p):
        f = line.split()
        if len(f) >= 4 and f[0].endswith(':') and 'jdk.internal.vm.Filler' not in f[3]:
            d[f[3]] = (int(f[1]), int(f[2]))
    return d
first, last = load(sys.argv[1]), load(sys.argv[2])
print("classes that grew most, first window -> last (instances, bytes):")
for k in sorted(last, key=lambda k: -(last[k][1] - first.get(k, (0, 0))[1]))[:12]:
    print("  %-70s %s -> %s" % (k, first.get(k, (0, 0)), last[k]))
PY
