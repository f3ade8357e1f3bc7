#!/usr/bin/env bash
# CPU per request with request metrics on vs off (docs/benchmarks.md, "Metrics cost per request"):
# two instances of the same build, one with tollgate.metrics.request-metrics=false, paired by
# variant-cost.sh (which says how it measures).
#   benchmarks/load/metrics-cost.sh            REPS=4 D=15 PREWARM=30 APP_DIR=app-helidon/target
set -euo pipefail
WORK=${WORK:-/tmp/tollgate-metrics-bench} PREWARM=${PREWARM:-30} BASE_PORT=${BASE_PORT:-18190} \
  exec "$(dirname "$0")/variant-cost.sh" \
  off:TOLLGATE_METRICS_REQUEST_DASH_METRICS=false \
  on:TOLLGATE_METRICS_REQUEST_DASH_METRICS=true
