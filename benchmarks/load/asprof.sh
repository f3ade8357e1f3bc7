#!/usr/bin/env bash
# A CPU profile of a running JVM (a Tollgate instance under load), as collapsed stacks:
# async-profiler attached for SECS seconds. It samples Java frames with inlining resolved and the
# kernel's frames under them, without a safepoint bias and without -XX:+PreserveFramePointer.
#
#   benchmarks/load/asprof.sh <pid> <secs> <out.collapsed> [event=cpu]
#   benchmarks/load/collapsed.py <out.collapsed> self|incl|children|parents [frame] [depth]
#   benchmarks/load/collapsed.py <out.collapsed> compare <requests> <other.collapsed> <requests> <frame>...
#
# The agent is async-profiler's linux-x64 jar from Maven Central (tools.profiler:async-profiler,
# ASPROF_VERSION, default 4.2), fetched once into ASPROF_HOME (default ~/.cache/tollgate-asprof).
# The target JVM must allow a dynamic agent (the JDK's default; it prints a warning).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,10p' "$0"; exit 2; }
pid=$1 secs=$2 out=$3 event=${4:-cpu}
HERE=$(cd "$(dirname "$0")" && pwd)
VERSION=${ASPROF_VERSION:-4.2}
HOME_DIR=${ASPROF_HOME:-$HOME/.cache/tollgate-asprof}/$VERSION
LIB=$HOME_DIR/linux-x64/libasyncProfiler.so
[ -n "${JAVA_HOME:-}" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
if [ ! -f "$LIB" ]; then
  mkdir -p "$HOME_DIR"
  curl -sfL -o "$HOME_DIR/ap.jar" \
    "https://repo.maven.apache.org/maven2/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION-linux-x64.jar"
  (cd "$HOME_DIR" && unzip -o -q ap.jar 'linux-x64/*')
fi
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
attach() { "$JAVA_HOME/bin/java" "$HERE/ProfilerAttach.java" "$pid" "$LIB" "$1"; }
attach "start,event=$event,interval=500us"
sleep "$secs"
attach "stop,file=$out,collapsed"
echo "$(wc -l <"$out") stacks in $out"
