#!/usr/bin/env bash
# CPU per request with tracing on vs off, and with the access log on vs off (docs/benchmarks.md,
# "Tracing and access-log cost per request"): three instances of the same build (request metrics on
# in all three, as by default), paired by variant-cost.sh (which says how it measures):
#   off     tracing off, access log off            (the baseline)
#   trace   tracing on (sample-ratio 1: every request), exporting OTLP/HTTP to a local sink; access log off
#   access  tracing off, the access log on, JSON lines to a file
#   benchmarks/load/tracing-cost.sh            REPS=4 D=15 PREWARM=60 APP_DIR=app-helidon/target
set -euo pipefail
WORK=${WORK:-/tmp/tollgate-tracing-bench} \
  exec "$(dirname "$0")/variant-cost.sh" \
  off:TOLLGATE_TRACING_ENABLED=false:TOLLGATE_LOGGING_FORMAT=json:TOLLGATE_LOGGING_ACCESS_DASH_LOG=false \
  trace:TOLLGATE_TRACING_ENABLED=true:TOLLGATE_TRACING_ENDPOINT={SINK}/v1/traces:TOLLGATE_LOGGING_FORMAT=json:TOLLGATE_LOGGING_ACCESS_DASH_LOG=false \
  access:TOLLGATE_TRACING_ENABLED=false:TOLLGATE_LOGGING_FORMAT=json:TOLLGATE_LOGGING_ACCESS_DASH_LOG=true
