# Sourced by ./tollgate: why the service jar must be (re)built, or nothing when it is current.
# stale_reason <jar>: "not built yet", "<file> changed since the last build" (the first source,
# resource or pom of a reactor module, or the root pom, newer than the jar), or "".
stale_reason() {
  local jar=$1 modules changed
  if [ ! -f "$jar" ]; then
    echo "not built yet"
    return
  fi
  # The reactor's modules, less benchmarks/ (in the reactor so that it compiles, but not in the
  # service).
  modules=$(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' pom.xml | { grep -vx benchmarks || true; })
  # shellcheck disable=SC2046
  changed=$(find pom.xml $(for m in $modules; do echo "$m/pom.xml $m/src/main"; done) \
    -type f -newer "$jar" -print -quit 2>/dev/null || true)
  [ -z "$changed" ] || echo "$changed changed since the last build"
}
