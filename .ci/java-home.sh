# Sourced by .ci/run and ./tollgate: sets JAVA_HOME to a JDK >= 21 (Helidon 4 needs 21+).
java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1; }
newest_jdk_21_plus() {
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    [ -x "${dir}bin/java" ] || continue
    major="$(java_major "${dir}bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="${dir%/}"; best_major="$major"
    fi
  done
  echo "$best"
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ] 2>/dev/null; then
  if command -v java >/dev/null && [ "$(java_major java)" -ge 21 ] 2>/dev/null; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  else
    JAVA_HOME="$(newest_jdk_21_plus)"
  fi
fi
if [ -z "$JAVA_HOME" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "no JDK >= 21 found: install one or set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
