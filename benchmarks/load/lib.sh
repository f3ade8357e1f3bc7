# Shared by the load scripts (sourced): one Tollgate configuration over the nginx mock, the
# shared harness's mocks started when nothing answers on the mock's port, a key with every
# economic check on and wrk's script for it, and the requests an instance has served.

# The collector flags the service starts with: ./tollgate's and the image's (app-helidon/pom.xml).
TOLLGATE_GC_FLAGS="-XX:+UseParallelGC -XX:MaxGCPauseMillis=20 -XX:MetaspaceSize=128m"

# The service's configuration in DIR/application.yaml: PORT, STORE (memory | embedded), the
# embedded store's data and journal under DIR, the data plane at the nginx mock on :18080.
tollgate_config() { # port store dir
  cat >"$3/application.yaml" <<YAML
tollgate:
  server:
    host: 127.0.0.1
    port: $1
  data-plane:
    type: agentgateway
    base-url: http://127.0.0.1:18080
  store:
    type: $2
    data-directory: $3/pgdata
    journal-directory: $3/journal
  models:
    - name: gpt-4o-mini
      upstream: gpt-4o-mini
      max-output-tokens: 4096
      price:
        input: "0.15"
        output: "0.60"
YAML
}

# Starts the shared harness's mocks (PERF_DIR=WORK/perf) unless the JSON mock already answers;
# prints the command that stops exactly those, for the caller's EXIT trap (empty when none).
start_mocks() { # root work
  if curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:18080/v1/chat/completions; then
    return 0
  fi
  local bench
  for bench in "${SHARED_BENCH:-}" "$1/../shared/bench" "$1/../../shared/bench"; do
    [ -n "$bench" ] && [ -d "$bench" ] && break
  done
  PERF_DIR=$2/perf "$bench/mocks.sh" start >&2
  echo "PERF_DIR=$2/perf $bench/mocks.sh stop >&2"
}

# The requests a running instance has served so far: tollgate_requests_total from its /metrics,
# summed over its labels (0 when the URL does not answer).
requests_served() { # metrics URL
  curl -sf "$1" | awk '/^tollgate_requests_total[{ ]/ { s += $NF } END { printf "%d\n", s }'
}

# A key with every economic check on (a budget, rpm, tpm and a parallel limit it never reaches),
# minted on a running instance, in DIR/key, and DIR/chat.lua, wrk's script sending one JSON chat
# completion with it.
every_check_key() { # port master tenant dir
  curl -sf -X POST "http://127.0.0.1:$1/admin/v1/keys" -H "Authorization: Bearer $2" \
    -d '{"tenant":"'"$3"'","alias":"k","budget":{"limit_usd":"1000000","period":"monthly"},"rpm":100000000,"tpm":100000000000,"max_parallel":10000}' \
    | sed 's/.*"key":"\([^"]*\)".*/\1/' >"$4/key"
  cat >"$4/chat.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there, how are you?"}],"max_tokens":16}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $(cat "$4/key")"
LUA
}
