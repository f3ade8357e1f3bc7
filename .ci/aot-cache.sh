# Sourced by ./tollgate: the JDK's AOT cache for the service (JEP 483/514, JDK 25+), next to the jar.
# aot_flags <jar> [the launcher's arguments] appends to the array `flags`:
#   - a cache newer than the jar: -XX:AOTCache (the JVM itself checks that it matches this JDK and
#     class path, and starts without it, with a warning, when it does not);
#   - no cache, or one older than the jar (a rebuild): `serve` trains a new one with
#     -XX:AOTCacheOutput; the JVM writes it when the server stops (a few seconds, once per build;
#     a server killed with SIGKILL writes nothing and the next start trains again);
#   - TOLLGATE_AOT=off, or a JDK before 25: nothing.
aot_flags() {
  local jar=$1 command=serve cache
  cache="${jar%.jar}.aot"
  shift
  while [ $# -gt 0 ]; do # the command is the first word after any --config FILE
    case "$1" in
      --config) shift 2 || break ;;
      --config=*) shift ;;
      *) command=$1; break ;;
    esac
  done
  [ "${TOLLGATE_AOT:-on}" != off ] || return 0
  [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] || return 0
  if [ -f "$cache" ] && [ "$cache" -nt "$jar" ]; then
    flags+=(-XX:AOTCache="$cache")
  elif [ "$command" = serve ]; then
    rm -f "$cache"
    # Training lists every class it cannot keep (hundreds of warnings): not the user's concern.
    flags+=(-XX:AOTCacheOutput="$cache" "-Xlog:aot*=off")
  fi
}
