#!/usr/bin/env bash
# Two builds over the embedded store, loaded one at a time, alternating: per round and build, the
# CPU per request of the JVM and of its embedded PostgreSQL (the postmaster and every backend,
# from /proc/<pid>/stat), PostgreSQL's commits a second (pg_stat_database), and the requests
# served. For a change to what PostgreSQL does (transactions, statements) on a host whose speed
# drifts more than run.sh's paired ratios can resolve: the database's share is counted apart and
# the commits do not drift with the host.
#
#   APP_DIR=<end build> BASE_APP_DIR=<start build> benchmarks/load/alternate.sh
#
# Each dir holds tollgate.jar and libs/ (app-helidon/target's layout). Every economic check is on
# (a key with a budget, rpm, tpm and a parallel limit it never reaches), as in run.sh. Needs wrk,
# nginx (the shared mocks, started when nothing answers on :18080) and psql.
#
# Tunables: ROUNDS=3, SECONDS_PER_RUN=20, WARMUP=40 (seconds of load on each before the rounds),
# CONNS=32, PORTS="8796 8797", WORK=/tmp/tollgate-alternate, TG_JAVA_OPTS (default -Xms4g -Xmx4g
# -XX:+AlwaysPreTouch and ./tollgate's collector flags), SHARED_BENCH; END_JAVA_OPTS and
# BASE_JAVA_OPTS add flags to one side only (a JVM flag's A/B on one build: APP_DIR=BASE_APP_DIR).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
: "${APP_DIR:?the directory of the end build (tollgate.jar, libs/)}"
: "${BASE_APP_DIR:?the directory of the start build (tollgate.jar, libs/)}"
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
WARMUP=${WARMUP:-40}
CONNS=${CONNS:-32}
read -r PORT_END PORT_BASE <<<"${PORTS:-8796 8797}"
WORK=${WORK:-/tmp/tollgate-alternate}
. "$HERE/lib.sh"
TG_JAVA_OPTS=${TG_JAVA_OPTS:--Xms4g -Xmx4g -XX:+AlwaysPreTouch $TOLLGATE_GC_FLAGS}
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
MASTER=alternate-master
HZ=$(getconf CLK_TCK)

for tool in wrk nginx psql; do
  command -v "$tool" >/dev/null || { echo "alternate.sh needs $tool" >&2; exit 2; }
done
rm -rf "$WORK" && mkdir -p "$WORK"
stop_mocks=$(start_mocks "$ROOT" "$WORK")
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait; '"$stop_mocks" EXIT

start() { # name app_dir port [extra java opts]
  local dir=$WORK/$1
  mkdir -p "$dir/app" && cp -p "$2/tollgate.jar" "$dir/app/" && cp -rp "$2/libs" "$dir/app/"
  tollgate_config "$3" embedded "$dir"
  # shellcheck disable=SC2086 # the options are words
  (cd "$dir" && TOLLGATE_MASTER_KEY=$MASTER exec "$JAVA_HOME/bin/java" $TG_JAVA_OPTS ${4:-} \
    --sun-misc-unsafe-memory-access=allow -jar app/tollgate.jar serve >"$dir/server.log" 2>&1) &
  PIDS+=("$!")
  echo "$!" >"$dir/pid"
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$3/healthz" && break; sleep 0.2; done
  every_check_key "$3" "$MASTER" alt "$dir"
}

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { # postmaster pid: itself and its children
  local t=0 p
  for p in "$1" $(pgrep -P "$1"); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
commits() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atc "SELECT sum(xact_commit) FROM pg_stat_database"; }

run() { # name port secs: one measured wrk run
  local dir=$WORK/$1 pid postmaster pgport j0 p0 c0 j1 p1 c1 out reqs
  pid=$(cat "$dir/pid")
  postmaster=$(sed -n 1p "$dir/pgdata/postmaster.pid")
  pgport=$(sed -n 4p "$dir/pgdata/postmaster.pid")
  j0=$(ticks "$pid") p0=$(pg_ticks "$postmaster") c0=$(commits "$pgport")
  out=$(wrk -t1 -c"$CONNS" -d"$3s" -s "$dir/chat.lua" "http://127.0.0.1:$2/v1/chat/completions")
  j1=$(ticks "$pid") p1=$(pg_ticks "$postmaster") c1=$(commits "$pgport")
  reqs=$(awk '/requests in/ { print $1 }' <<<"$out")
  printf '%-5s requests %7d  JVM %6.1f us/request  PostgreSQL %5.1f us/request  commits %4d/s\n' \
    "$1" "$reqs" "$(bc -l <<<"($j1 - $j0) / $HZ * 1000000 / $reqs")" \
    "$(bc -l <<<"($p1 - $p0) / $HZ * 1000000 / $reqs")" "$(((c1 - c0) / $3))"
}

start end "$APP_DIR" "$PORT_END" "${END_JAVA_OPTS:-}"
start base "$BASE_APP_DIR" "$PORT_BASE" "${BASE_JAVA_OPTS:-}"
echo "warm-up: ${WARMUP}s of load on each" >&2
run end "$PORT_END" "$WARMUP" >/dev/null
run base "$PORT_BASE" "$WARMUP" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))"
  run base "$PORT_BASE" "$SECONDS_PER_RUN"
  run end "$PORT_END" "$SECONDS_PER_RUN"
done
