# Shared by the load scripts (sourced): one Tollgate configuration over the nginx mock, the
# shared harness's mocks started when nothing answers on the mock's port, and the requests an
# instance has served.

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
