# Sourced by .ci/run: Prometheus and promtool for the metrics tests (app-helidon's
# PrometheusScrapeTest and AlertRulesTest run a real Prometheus and promtool; they fail under
# CI=true without them). Debian's package (2.42) ships both; installed once when missing (~10 s).
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "installing Prometheus and promtool (Debian package prometheus)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
export TOLLGATE_PROMETHEUS="${TOLLGATE_PROMETHEUS:-$(command -v prometheus)}"
export TOLLGATE_PROMTOOL="${TOLLGATE_PROMTOOL:-$(command -v promtool)}"
echo "prometheus: $TOLLGATE_PROMETHEUS ($("$TOLLGATE_PROMETHEUS" --version 2>&1 | head -1))"
