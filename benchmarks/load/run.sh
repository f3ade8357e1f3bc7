#!/usr/bin/env bash
# Load test of the Tollgate service against the shared nginx mock upstream, with the direct path
# and a plain nginx reverse proxy as references (harness: shared/bench, see its README).
#
#   benchmarks/load/run.sh [all|json|sse|profile|floor|smoke]     (default: all = json + sse)
#
#   json     chat completions, JSON:  direct mock vs nginx proxy vs Tollgate, at -c 1 and -c 32
#   sse      the same with "stream": true against the SSE mock (a second Tollgate instance)
#   profile  Tollgate alone at -c 32 under JFR (recording taken after a warmup), top frames
#   floor    Helidon's own floor: GET /healthz on the same server at -c 1 and -c 32 (no admission,
#            no upstream), to split Tollgate's cost into server, upstream client and the rest
#   smoke    start everything, send one JSON and one streamed request, stop
#
# Loopback only; every wrk run is at most 30 s. Needs JAVA_HOME (JDK 21+; defaults to this
# machine's Temurin 25); installs wrk and nginx with apt-get when they are missing.
# Tunables (environment):
#   REPS=3 WARMUP=10 D1=10 D32=15   ab.py reps, warmup and run lengths (s) at -c 1 and -c 32
#   PREWARM=60       load (s, in runs of <= 30 s) on each Tollgate instance before any measurement,
#                    so C2 has compiled the hot path before ab.py's own warmup
#   QUIET_BUSY=      e.g. 25: before each measured block, wait (up to QUIET_WAIT=600 s) until the
#                    machine is less than that % busy over 5 s; it is shared with other sessions
#   APP_DIR          the built app (tollgate.jar + libs/), default app-helidon/target
#   SHARED_BENCH     the harness, default shared/bench beside the checkout (or beside its parent)
#   WORK=/tmp/tollgate-bench         private copies, logs, JFR recordings
#   RESULTS          default benchmarks/results/<UTC timestamp> (git ignores it: raw results are
#                    not kept; docs/benchmarks.md keeps a summary and the command)
#   TG_JAVA_OPTS     JVM flags of the Tollgate instances (default -Xms4g -Xmx4g and the collector
#                    flags ./tollgate and the image set: parallel, 20 ms pause goal, metaspace)
#   STORE=memory     tollgate.store.type for builds that have it (memory | embedded)
#   JFR_SETTINGS     the profile's JFR settings (default benchmarks/load/tail.jfc: JDK "profile" with every
#                    fsync, monitor waits over 1 ms and parks over 2 ms); PROFILE_CONNS=32;
#                    PROFILE_STREAM=1 profiles streamed requests (the instance in front of the SSE mock)
#   BASE_APP_DIR     another build (e.g. main's) run as a third JSON instance, "baseline", measured
#                    in the same interleaved reps as "tollgate": a paired A/B that the other
#                    sessions' load affects alike (paired.py compares them rep by rep; the two swap
#                    places every rep, so use an even REPS); with sse, a fourth instance
#                    ("tgssebase", target "sse-baseline") is paired with "tg-sse" the same way
#   BASE_JAVA_OPTS   JVM flags added to the baseline instances only (a JVM flag's A/B on one build;
#                    another collector turns TG_JAVA_OPTS's off first, as the JVM refuses two:
#                    BASE_JAVA_OPTS="-XX:-UseParallelGC -XX:+UseZGC")
#   STACK_FLOOR=1    adds the target "stack-floor" (and "stack-floor-sse" with sse): StackFloor.java,
#                    Helidon's server and Tollgate's data-plane transport forwarding unchanged, with
#                    nothing in between, on the same JVM flags: the floor of this stack as a proxy
#   BASE_ENV         environment of the "baseline" instance only, e.g. Redis mode against the
#                    lease mode of the same build (BASE_APP_DIR=app-helidon/target STORE=embedded
#                    BASE_ENV="TOLLGATE_SHARED_DASH_STATE=redis TOLLGATE_REDIS_URL=redis://127.0.0.1:6379")
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ -z "${SHARED_BENCH:-}" ]; then
  for SHARED_BENCH in "$ROOT/../shared/bench" "$ROOT/../../shared/bench"; do
    [ -d "$SHARED_BENCH" ] && break
  done
fi
SHARED=$(cd "$SHARED_BENCH" && pwd)
APP_DIR=${APP_DIR:-$ROOT/app-helidon/target}
WORK=${WORK:-/tmp/tollgate-bench}
RESULTS=${RESULTS:-$ROOT/benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}
REPS=${REPS:-3}
WARMUP=${WARMUP:-10}
D1=${D1:-10}
D32=${D32:-15}
PREWARM=${PREWARM:-60}
QUIET_BUSY=${QUIET_BUSY:-}
QUIET_WAIT=${QUIET_WAIT:-600}
[ -n "${JAVA_HOME:-}" ] || [ ! -d /usr/lib/jvm/temurin-25-jdk-amd64 ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
# lib.sh in a subshell: its start_mocks is not this script's
TG_JAVA_OPTS=${TG_JAVA_OPTS:--Xms4g -Xmx4g $(. "$HERE/lib.sh" && echo "$TOLLGATE_GC_FLAGS") --sun-misc-unsafe-memory-access=allow}
STORE=${STORE:-memory}
JFR_SETTINGS=${JFR_SETTINGS:-$HERE/tail.jfc}   # profile, plus every fsync and shorter blocks
PROFILE_CONNS=${PROFILE_CONNS:-32}
PROFILE_STREAM=${PROFILE_STREAM:-0}
MASTER=bench-master
MODEL=gpt-4o-mini          # the model name the mock answers with and chat.lua sends
MODE=${1:-all}

# The shared harness's ports; shifted by 1000 when another process already holds one of them.
MOCK_JSON=18080 MOCK_SSE=18082 PROXY_JSON=18090 PROXY_SSE=18091
TG_JSON=8080 TG_SSE=8081 TG_BASE=8082 TG_SSE_BASE=8083 TG_FLOOR=8084 TG_FLOOR_SSE=8085
BASE_APP_DIR=${BASE_APP_DIR:-}
STACK_FLOOR=${STACK_FLOOR:-0}

STARTED=()   # "name=pid" of every process this script started, stopped on exit

log() { printf '[run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
busy() { ss -ltnH "sport = :$1" | grep -q .; }

cleanup() {
  local entry
  for entry in "${STARTED[@]}"; do
    kill "${entry#*=}" 2>/dev/null && log "stopped ${entry%%=*} (pid ${entry#*=})" || true
  done
}
trap cleanup EXIT
trap 'exit 143' TERM INT

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_js_module.so ] || missing+=(libnginx-mod-http-js)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx libnginx-mod-http-js >/dev/null
  fi
}

# A private copy of the app, so a rebuild by someone else mid-run changes nothing under us.
copy_app() {
  [ -f "$APP_DIR/tollgate.jar" ] && [ -d "$APP_DIR/libs" ] \
    || die "no $APP_DIR/tollgate.jar + libs/: build app-helidon first"
  rm -rf "$WORK/app" && mkdir -p "$WORK/app"
  # Renamed: on this shared machine others clean up with patterns like "tollgate.jar".
  cp -p "$APP_DIR/tollgate.jar" "$WORK/app/app.jar" && cp -rp "$APP_DIR/libs" "$WORK/app/"
  log "app copied to $WORK/app ($(stat -c %y "$APP_DIR/tollgate.jar" | cut -d. -f1))"
  if [ -n "$BASE_APP_DIR" ]; then
    rm -rf "$WORK/app-base" && mkdir -p "$WORK/app-base"
    cp -p "$BASE_APP_DIR/tollgate.jar" "$WORK/app-base/app.jar" && cp -rp "$BASE_APP_DIR/libs" "$WORK/app-base/"
    log "baseline app copied to $WORK/app-base"
  fi
}

machine_facts() {
  {
    echo "date_utc: $(date -u +%FT%TZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "mem: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "loadavg_before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "kernel: $(uname -r)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)"
    echo "nginx: $(nginx -v 2>&1)"
    echo "wrk: $(wrk -v 2>&1 | head -1)"
    echo "app: $APP_DIR/tollgate.jar, built $(stat -c %y "$APP_DIR/tollgate.jar" | cut -d. -f1)"
    echo "app_checkout: $(git -C "$APP_DIR/../.." log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout')"
    [ -z "$BASE_APP_DIR" ] || echo "baseline_app: $BASE_APP_DIR/tollgate.jar, built $(stat -c %y "$BASE_APP_DIR/tollgate.jar" | cut -d. -f1)"
    echo "bench_checkout: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "tg_java_opts: $TG_JAVA_OPTS"
    echo "store: $STORE"
    echo "ports: mock $MOCK_JSON/$MOCK_SSE proxy $PROXY_JSON/$PROXY_SSE tollgate $TG_JSON/$TG_SSE"
  } | tee "$RESULTS/machine.txt" >&2
}

choose_ports() {
  local p
  for p in $MOCK_JSON $MOCK_SSE 18083 $PROXY_JSON $PROXY_SSE; do
    if busy "$p"; then
      log "port $p is taken by another process: shifting the mock and proxy ports by +1000"
      MOCK_JSON=19080 MOCK_SSE=19082 PROXY_JSON=19090 PROXY_SSE=19091
      SHIFTED=1
      break
    fi
  done
  for p in $MOCK_JSON $MOCK_SSE $PROXY_JSON $PROXY_SSE; do
    ! busy "$p" || die "port $p is taken too"
  done
  while busy "$TG_JSON" || busy "$TG_SSE" || busy "$TG_BASE" || busy "$TG_SSE_BASE" \
      || busy "$TG_FLOOR" || busy "$TG_FLOOR_SSE"; do
    TG_JSON=$((TG_JSON + 10)) TG_SSE=$((TG_SSE + 10)) TG_BASE=$((TG_BASE + 10))
    TG_SSE_BASE=$((TG_SSE_BASE + 10)) TG_FLOOR=$((TG_FLOOR + 10)) TG_FLOOR_SSE=$((TG_FLOOR_SSE + 10))
    [ "$TG_JSON" -lt 8200 ] || die "no free port pair for Tollgate below 8200"
  done
}

# The shared mocks.sh when its ports are free; otherwise the same configs with shifted ports.
start_mocks() {
  local perf=$WORK/perf
  if [ -z "${SHIFTED:-}" ]; then
    PERF_DIR=$perf "$SHARED/mocks.sh" start >&2
    local line
    while read -r line; do STARTED+=("$line"); done < <(PERF_DIR=$perf "$SHARED/mocks.sh" pids)
  else
    local conf=$WORK/conf && mkdir -p "$conf" "$perf/mock/logs" "$perf/proxy/logs"
    cp "$SHARED/mock-upstream.njs.js" "$conf/"
    sed -e 's/127.0.0.1:18080/127.0.0.1:19080/; s/127.0.0.1:18082/127.0.0.1:19082/' \
        -e 's/127.0.0.1:18083/127.0.0.1:19083/' "$SHARED/mock-upstream.nginx.conf" >"$conf/mock.conf"
    sed -e 's/127.0.0.1:18090/127.0.0.1:19090/; s/127.0.0.1:18091/127.0.0.1:19091/' \
        -e 's/127.0.0.1:18080/127.0.0.1:19080/; s/127.0.0.1:18082/127.0.0.1:19082/' \
        "$SHARED/proxy.nginx.conf" >"$conf/proxy.conf"
    nginx -p "$perf/mock" -c "$conf/mock.conf" >"$perf/mock/stdout.log" 2>&1 &
    STARTED+=("mock=$!")
    nginx -p "$perf/proxy" -c "$conf/proxy.conf" >"$perf/proxy/stdout.log" 2>&1 &
    STARTED+=("nginxproxy=$!")
    sleep 1
  fi
  local p
  for p in $MOCK_JSON $MOCK_SSE $PROXY_JSON $PROXY_SSE; do
    curl -sf -o /dev/null -X POST -H 'content-type: application/json' -d '{}' \
      "http://127.0.0.1:$p/v1/chat/completions" || die "mock/proxy on :$p does not answer"
  done
}

pid_of() { local e; for e in "${STARTED[@]}"; do [ "${e%%=*}" = "$1" ] && echo "${e#*=}"; done; }

# One Tollgate instance in its own working directory. Its application.yaml is layered over the
# packaged defaults (its models list replaces theirs whole), and sets every key the bench relies
# on; environment variables still override single keys. A key with a dash is
# spelled with _DASH_ (tollgate.data-plane.base-url -> TOLLGATE_DATA_DASH_PLANE_BASE_DASH_URL);
# TOLLGATE_DATA_PLANE_TYPE would be silently ignored.
start_tollgate() { # name port upstream_port [extra java opts] [app jar] [NAME=value ...]
  local name=$1 port=$2 upstream=$3 extra=${4:-} jar=${5:-$WORK/app/app.jar} envs=${6:-} dir=$WORK/$1
  rm -rf "$dir" && mkdir -p "$dir"
  cat >"$dir/application.yaml" <<YAML
tollgate:
  server:
    host: 127.0.0.1
    port: 8080
  data-plane:
    type: agentgateway
    base-url: http://127.0.0.1:18080
    timeout: PT30S
  admission:
    hold-ttl: PT15M
    slot-ttl: PT15M
  store:
    type: $STORE
    data-directory: $dir/pgdata
    journal-directory: $dir/journal
  models:
    - name: $MODEL
      upstream: $MODEL
      max-output-tokens: 4096
      price:
        input: "0.15"
        cached-input: "0.075"
        output: "0.60"
YAML
  # shellcheck disable=SC2086
  (cd "$dir" && TOLLGATE_SERVER_PORT=$port TOLLGATE_MASTER_KEY=$MASTER \
     TOLLGATE_DATA_DASH_PLANE_TYPE=agentgateway \
     TOLLGATE_DATA_DASH_PLANE_BASE_DASH_URL=http://127.0.0.1:$upstream \
     exec env $envs "$JAVA" $TG_JAVA_OPTS $extra -jar "$jar" serve >"$dir/stdout.log" 2>&1) &
  STARTED+=("$name=$!")
  local i
  # Up to 2 min: an embedded-store start takes seconds alone and far longer on a loaded machine.
  for i in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$(pid_of "$name")" 2>/dev/null || { cat "$dir/stdout.log" >&2; die "$name exited"; }
    sleep 0.5
  done
  grep -q "data plane: agentgateway" "$dir/stdout.log" \
    || { cat "$dir/stdout.log" >&2; die "$name is not on the agentgateway data plane"; }
  log "$name listening on :$port -> data plane http://127.0.0.1:$upstream (pid $(pid_of "$name"))"
}

# StackFloor.java, compiled once a run against the copied app (a class left by an earlier run
# could predate the app or the source), on Tollgate's JVM flags.
start_floor() { # name port upstream_port
  local name=$1 port=$2 upstream=$3 cp="$WORK/app/app.jar:$WORK/app/libs/*" i
  if [ -z "${FLOOR_COMPILED:-}" ]; then
    rm -rf "$WORK/floor" && mkdir -p "$WORK/floor"
    "${JAVA%/java}/javac" -nowarn -d "$WORK/floor" -cp "$cp" "$HERE/StackFloor.java" || die "StackFloor.java does not compile"
    FLOOR_COMPILED=1
  fi
  # shellcheck disable=SC2086
  "$JAVA" $TG_JAVA_OPTS -cp "$WORK/floor:$cp" StackFloor "$port" "http://127.0.0.1:$upstream" \
    >"$WORK/$name.log" 2>&1 &
  STARTED+=("$name=$!")
  for i in $(seq 1 120); do
    busy "$port" && break
    kill -0 "$(pid_of "$name")" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "$name exited"; }
    sleep 0.5
  done
  log "$name listening on :$port -> http://127.0.0.1:$upstream (pid $(pid_of "$name"))"
}

# Every economic check on (key budget, rpm, tpm, parallel), none that could refuse.
mint_key() { # port
  curl -sf -X POST "http://127.0.0.1:$1/admin/v1/keys" -H "Authorization: Bearer $MASTER" \
    -H 'content-type: application/json' \
    -d '{"tenant":"bench","alias":"bench","budget":{"limit_usd":"1000000","period":"monthly"},"rpm":100000000,"tpm":100000000000,"max_parallel":10000}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}

smoke() { # port key stream(0|1)
  local body='{"model":"'$MODEL'","messages":[{"role":"user","content":"hi"}],"max_tokens":16'
  [ "$3" = 1 ] && body+=',"stream":true'
  curl -s -D "$RESULTS/smoke-$1.headers" -o "$RESULTS/smoke-$1.body" -w '%{http_code}' \
    -H "Authorization: Bearer $2" -H 'content-type: application/json' -d "$body}" \
    "http://127.0.0.1:$1/v1/chat/completions" | grep -q '^200$' \
    || { cat "$RESULTS/smoke-$1.headers" "$RESULTS/smoke-$1.body" >&2; die "smoke request to :$1 failed"; }
  log "smoke :$1 stream=$3 ok: $(grep -i -E '^x-tollgate-(cost|max-cost)' "$RESULTS/smoke-$1.headers" | tr -d '\r' | tr '\n' ' ')"
}

# A JVM on two shared cores needs far more than ab.py's warmup before C2 has compiled Helidon,
# Jackson, the tokenizer and the HTTP client: without this the first reps are 2-3x slower.
prewarm() { # port key stream(0|1)
  local left=$PREWARM chunk
  while [ "$left" -gt 0 ]; do
    chunk=$((left < 30 ? left : 30))
    STREAM=$3 API_KEY=$2 MODEL=$MODEL wrk -t1 -c32 -d"${chunk}s" --timeout 10s -s "$SHARED/chat.lua" \
      "http://127.0.0.1:$1/v1/chat/completions" | grep '^RESULT' | sed "s/^/[prewarm :$1] /" \
      | tee -a "$RESULTS/prewarm.txt" >&2
    left=$((left - chunk))
  done
}

# Busy % of the whole machine (100 = every core) over 5 s. Called between measured blocks, when
# this script's own processes are idle, so it is the other sessions' load.
machine_busy() {
  local a b
  a=$(awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat); sleep 5
  b=$(awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
    busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%d", 100 * busy / (busy + idle + 0.001) }'
}

wait_quiet() {
  [ -n "$QUIET_BUSY" ] || return 0
  local waited=0 busy
  while busy=$(machine_busy) && [ "${busy:-100}" -ge "$QUIET_BUSY" ]; do
    [ "$waited" -lt "$QUIET_WAIT" ] || { log "machine still ${busy}% busy after ${QUIET_WAIT}s: measuring anyway"; return 0; }
    waited=$((waited + 5))
  done
  log "machine ${busy}% busy (< $QUIET_BUSY) after ${waited}s of waiting"
}

watches() { local e; for e in "${STARTED[@]}"; do echo "--watch $e"; done; }

ab() { # label conns duration stream(0|1) tollgate_target_name tollgate_port key
  local label=$1 conns=$2 dur=$3 stream=$4 tgname=$5 tgport=$6 key=$7 mock proxy opt=""
  if [ "$stream" = 1 ]; then mock=$MOCK_SSE proxy=$PROXY_SSE opt="|stream=1"; else mock=$MOCK_JSON proxy=$PROXY_JSON; fi
  local base=()
  if [ -n "${BASE_KEY:-}" ] && [ "$stream" = 0 ]; then
    base=(--target "baseline|http://127.0.0.1:$TG_BASE/v1/chat/completions|key=$BASE_KEY|model=$MODEL")
  elif [ -n "${BASE_SSE_KEY:-}" ] && [ "$stream" = 1 ]; then
    base=(--target "sse-baseline|http://127.0.0.1:$TG_SSE_BASE/v1/chat/completions$opt|key=$BASE_SSE_KEY|model=$MODEL")
  fi
  wait_quiet
  local tg="$tgname|http://127.0.0.1:$tgport/v1/chat/completions$opt|key=$key|model=$MODEL"
  local fixed=(--target "direct|http://127.0.0.1:$mock/v1/chat/completions$opt"
    --target "nginx-proxy|http://127.0.0.1:$proxy/v1/chat/completions$opt")
  if [ "$STACK_FLOOR" = 1 ] && [ "$stream" = 1 ]; then
    fixed+=(--target "stack-floor-sse|http://127.0.0.1:$TG_FLOOR_SSE/v1/chat/completions$opt")
  elif [ "$STACK_FLOOR" = 1 ]; then
    fixed+=(--target "stack-floor|http://127.0.0.1:$TG_FLOOR/v1/chat/completions")
  fi
  if [ ${#base[@]} -eq 0 ]; then
    log "ab.py $label: -c $conns -d $dur --warmup $WARMUP --reps $REPS (load $(cut -d' ' -f1-3 /proc/loadavg))"
    # shellcheck disable=SC2046
    "$SHARED/ab.py" -c "$conns" -d "$dur" --reps "$REPS" --warmup "$WARMUP" --label "$label" \
      --out "$RESULTS/results.jsonl" "${fixed[@]}" --target "$tg" $(watches) | tee -a "$RESULTS/ab.log"
    return
  fi
  # Paired: ab.py runs its targets in one fixed order, and the slot right after nginx read 6-10 %
  # higher CPU per request whichever build held it (docs/benchmarks.md, fourteenth and fifteenth),
  # so the build under test and the baseline swap places every rep (one ab.py call a rep).
  local r warm=$WARMUP order tmp="$WORK/ab-rep.jsonl"
  for r in $(seq 1 "$REPS"); do
    if [ $((r % 2)) = 1 ]; then order=(--target "$tg" "${base[@]}"); else order=("${base[@]}" --target "$tg"); fi
    log "ab.py $label rep $r/$REPS: -c $conns -d $dur --warmup $warm (load $(cut -d' ' -f1-3 /proc/loadavg))"
    rm -f "$tmp"
    # shellcheck disable=SC2046
    "$SHARED/ab.py" -c "$conns" -d "$dur" --reps 1 --warmup "$warm" --label "$label" --out "$tmp" \
      "${fixed[@]}" "${order[@]}" $(watches) | tee -a "$RESULTS/ab.log"
    python3 -c 'import json, sys
for line in open(sys.argv[1]):
    row = json.loads(line); row["rep"] = int(sys.argv[2]); print(json.dumps(row))' "$tmp" "$r" \
      >>"$RESULTS/results.jsonl"
    warm=0
  done
}

summary() {
  local e
  # The in-memory ledger keeps every request: what the heap holds after the run says how much.
  for e in "${STARTED[@]}"; do
    case "${e%%=*}" in tollgate|tgsse|tgbase|tgssebase)
      "${JAVA_HOME}/bin/jcmd" "${e#*=}" GC.run >/dev/null 2>&1 || true
      "${JAVA_HOME}/bin/jcmd" "${e#*=}" GC.heap_info >"$RESULTS/heap-${e%%=*}.txt" 2>&1 || true ;;
    esac
  done
  "$SHARED/summarize.py" "$RESULTS/results.jsonl" tollgate=tollgate tgsse=tg-sse tgbase=baseline \
    tgssebase=sse-baseline stackfloorsse=stack-floor-sse stackfloor=stack-floor | tee "$RESULTS/summary.txt"
  python3 "$HERE/errors.py" "$RESULTS" | tee "$RESULTS/errors.txt"
  [ -z "${BASE_KEY:-}${BASE_SSE_KEY:-}" ] || python3 "$HERE/paired.py" "$RESULTS/results.jsonl" | tee "$RESULTS/paired.txt"
  echo "loadavg_after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
}

# JFR over 20 s of -c 32 after PREWARM seconds of load; prints the hottest top frames and packages.
profile() { # key
  local pid jfr=$WORK/tollgate.jfr
  pid=$(pid_of tollgate)
  prewarm "$TG_JSON" "$1" "$PROFILE_STREAM"
  "${JAVA_HOME}/bin/jcmd" "$pid" JFR.start name=bench settings="$JFR_SETTINGS" duration=20s filename="$jfr" >&2
  STREAM=$PROFILE_STREAM API_KEY=$1 MODEL=$MODEL wrk -t1 -c"$PROFILE_CONNS" -d20s --latency -s "$SHARED/chat.lua" \
    "http://127.0.0.1:$TG_JSON/v1/chat/completions" | tee "$RESULTS/profile-wrk.txt" >&2
  sleep 3
  "${JAVA_HOME}/bin/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$jfr" >"$RESULTS/samples.txt"
  python3 "$HERE/jfr_top.py" "$RESULTS/samples.txt" | tee "$RESULTS/profile.txt"
  # where the tail goes: GC pauses, fsyncs, blocked monitors and long parks, by thread
  "${JAVA_HOME}/bin/jfr" print --json --stack-depth 8 --events \
    jdk.GarbageCollection,jdk.FileForce,jdk.JavaMonitorEnter,jdk.ThreadPark "$jfr" \
    | python3 "$HERE/jfr_tail.py" | tee "$RESULTS/tail.txt"
  gzip -f "$RESULTS/samples.txt"
  log "recording kept at $jfr (not in the results)"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# GET /healthz: Helidon parses, routes and answers "ok"; nothing else runs.
floor() {
  local pid conns out t0 t1 reqs hz
  pid=$(pid_of tollgate) hz=$(getconf CLK_TCK)
  local left=$PREWARM
  while [ "$left" -gt 0 ]; do
    wrk -t1 -c32 -d"$((left < 30 ? left : 30))s" "http://127.0.0.1:$TG_JSON/healthz" >/dev/null
    left=$((left - 30))
  done
  for conns in 1 32; do
    wait_quiet
    t0=$(cpu_ticks "$pid")
    out=$(wrk -t1 -c"$conns" -d"$D32"s --latency "http://127.0.0.1:$TG_JSON/healthz")
    t1=$(cpu_ticks "$pid")
    reqs=$(awk '/requests in/ { print $1 }' <<<"$out")
    printf 'floor GET /healthz -c %s: %s requests, p50 %s, tollgate cpu %.1f us/req (load %s)\n' \
      "$conns" "$reqs" "$(awk '$1 == "50%" { print $2 }' <<<"$out")" \
      "$(bc -l <<<"($t1 - $t0) / $hz * 1000000 / $reqs")" "$(cut -d' ' -f1 /proc/loadavg)" \
      | tee -a "$RESULTS/floor.txt"
  done
}

main() {
  mkdir -p "$RESULTS" "$WORK"
  [[ "$MODE" =~ ^(all|json|sse|profile|smoke|floor)$ ]] || die "usage: $0 [all|json|sse|profile|smoke|floor]"
  install_tools
  choose_ports
  copy_app
  machine_facts
  start_mocks
  local key ssekey
  # profile with PROFILE_STREAM=1: the one instance in front of the SSE mock, streamed requests
  local json_mock=$MOCK_JSON stream=0
  if [ "$MODE" = profile ] && [ "$PROFILE_STREAM" = 1 ]; then json_mock=$MOCK_SSE stream=1; fi
  start_tollgate tollgate "$TG_JSON" "$json_mock"
  key=$(mint_key "$TG_JSON")
  smoke "$TG_JSON" "$key" "$stream"
  if [ -n "$BASE_APP_DIR" ] && [[ "$MODE" =~ ^(all|json)$ ]]; then
    start_tollgate tgbase "$TG_BASE" "$MOCK_JSON" "${BASE_JAVA_OPTS:-}" "$WORK/app-base/app.jar" "${BASE_ENV:-}"
    BASE_KEY=$(mint_key "$TG_BASE")
    smoke "$TG_BASE" "$BASE_KEY" 0
  fi
  if [[ "$MODE" =~ ^(all|sse|smoke)$ ]]; then
    # A second instance, because the data plane's base URL is per instance and the SSE mock
    # answers on its own port.
    start_tollgate tgsse "$TG_SSE" "$MOCK_SSE"
    ssekey=$(mint_key "$TG_SSE")
    smoke "$TG_SSE" "$ssekey" 1
    if [ -n "$BASE_APP_DIR" ] && [ "$MODE" != smoke ]; then
      start_tollgate tgssebase "$TG_SSE_BASE" "$MOCK_SSE" "${BASE_JAVA_OPTS:-}" "$WORK/app-base/app.jar" "${BASE_ENV:-}"
      BASE_SSE_KEY=$(mint_key "$TG_SSE_BASE")
      smoke "$TG_SSE_BASE" "$BASE_SSE_KEY" 1
    fi
  fi
  if [ "$STACK_FLOOR" = 1 ]; then
    if [[ "$MODE" =~ ^(all|json)$ ]]; then start_floor stackfloor "$TG_FLOOR" "$MOCK_JSON"; fi
    if [[ "$MODE" =~ ^(all|sse)$ ]]; then start_floor stackfloorsse "$TG_FLOOR_SSE" "$MOCK_SSE"; fi
  fi
  case "$MODE" in
    smoke|floor) ;;
    profile) ;;
    *)
      if [[ "$MODE" =~ ^(all|json)$ ]]; then prewarm "$TG_JSON" "$key" 0; fi
      if [ -n "${BASE_KEY:-}" ]; then prewarm "$TG_BASE" "$BASE_KEY" 0; fi
      if [[ "$MODE" =~ ^(all|sse)$ ]]; then prewarm "$TG_SSE" "$ssekey" 1; fi
      if [ -n "${BASE_SSE_KEY:-}" ]; then prewarm "$TG_SSE_BASE" "$BASE_SSE_KEY" 1; fi
      if [ "$STACK_FLOOR" = 1 ] && [[ "$MODE" =~ ^(all|json)$ ]]; then prewarm "$TG_FLOOR" none 0; fi
      if [ "$STACK_FLOOR" = 1 ] && [[ "$MODE" =~ ^(all|sse)$ ]]; then prewarm "$TG_FLOOR_SSE" none 1; fi ;;
  esac
  case "$MODE" in
    smoke) ;;
    profile) profile "$key" ;;
    floor) floor ;;
    *)
      if [[ "$MODE" =~ ^(all|json)$ ]]; then
        ab json-c1 1 "$D1" 0 tollgate "$TG_JSON" "$key"
        ab json-c32 32 "$D32" 0 tollgate "$TG_JSON" "$key"
      fi
      if [[ "$MODE" =~ ^(all|sse)$ ]]; then
        ab sse-c1 1 "$D1" 1 tg-sse "$TG_SSE" "$ssekey"
        ab sse-c32 32 "$D32" 1 tg-sse "$TG_SSE" "$ssekey"
      fi
      summary ;;
  esac
  log "results in $RESULTS"
}

main
