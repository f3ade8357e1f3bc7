# Sourced by .ci/run: Chromium for the web console's browser tests (ConsoleBrowserTest drives
# Debian's chromium with playwright-core from console/package-lock.json; the Maven build's npm ci
# installs that). Under CI=true a missing browser fails those tests, so install it here when absent.
if [ -z "${CHROMIUM:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "installing Chromium (Debian package) for the console's browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  CHROMIUM="$(command -v chromium)"
fi
export CHROMIUM
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || { echo "node and npm are needed to build the console (console/)"; exit 1; }
echo "chromium: $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null)); node $(node --version)"
