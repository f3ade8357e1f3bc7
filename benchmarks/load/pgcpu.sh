#!/usr/bin/env bash
# A PostgreSQL's CPU over a window, by process kind (the service's client backends, autovacuum,
# the background writer, the checkpointer, the WAL writer; a backend that exited in the window is
# counted through the postmaster's reaped-children time), and per request served: the
# database's share of a request under load. For the embedded store the data directory is the
# instance's (tollgate.store.data-directory, .tollgate/pgdata by default); for another
# PostgreSQL on this machine, its data directory. The postmaster is read from
# <data directory>/postmaster.pid.
#
#   benchmarks/load/pgcpu.sh <data directory> <secs> [metrics URL]     (under load)
#   REQUESTS=<n> benchmarks/load/pgcpu.sh <data directory> <secs>
set -euo pipefail

data=${1:?data directory} secs=${2:?seconds} url=${3:-}
[ -r "$data/postmaster.pid" ] || { echo "no $data/postmaster.pid: is the database running?" >&2; exit 1; }
pm=$(head -1 "$data/postmaster.pid")
[ -d "/proc/$pm" ] || { echo "no postmaster $pm" >&2; exit 1; }

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

snapshot() { # kind|ticks, one line per process (the postmaster's own and its reaped children's)
  local p stat kind
  stat=$(cat "/proc/$pm/stat")
  awk -v s="${stat##*) }" 'BEGIN { split(s, f, " ");
    printf "postmaster|%d\nexited backends|%d\n", f[12] + f[13], f[14] + f[15] }'
  for p in $(pgrep -P "$pm"); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    kind=$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | sed -E 's/^postgres: *//; s/ +$//') || continue
    case "$kind" in
      *127.0.0.1*|*\[local\]*|*"::1"*) kind="client backends" ;;
      autovacuum\ worker*) kind="autovacuum workers" ;;
      *) kind=${kind%% process*} ;;
    esac
    awk -v s="${stat##*) }" -v k="$kind" 'BEGIN { split(s, f, " "); printf "%s|%d\n", k, f[12] + f[13] }'
  done
}

before=$(snapshot)
served_before=$([ -n "$url" ] && requests_served "$url" || echo 0)
sleep "$secs"
served_after=$([ -n "$url" ] && requests_served "$url" || echo 0)
after=$(snapshot)
requests=${REQUESTS:-$((served_after - served_before))}

hz=$(getconf CLK_TCK)
{ while read -r l; do echo "b|$l"; done <<<"$before"; while read -r l; do echo "a|$l"; done <<<"$after"; } | awk -F'|' -v hz="$hz" \
    -v secs="$secs" -v n="$requests" '
  { t[$2] += ($1 == "a" ? $3 : -$3) }
  END {
    printf "%-24s %10s %12s\n", "PostgreSQL", "CPU %", (n > 0 ? "us/request" : "")
    for (k in t) if (t[k] != 0) {
      total += t[k]
      printf "%-24s %10.1f %12s\n", k, 100 * t[k] / hz / secs, (n > 0 ? sprintf("%.2f", 1e6 * t[k] / hz / n) : "-")
    }
    printf "%-24s %10.1f %12s\n", "all", 100 * total / hz / secs, (n > 0 ? sprintf("%.2f", 1e6 * total / hz / n) : "-")
  }'
