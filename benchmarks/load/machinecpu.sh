#!/usr/bin/env bash
# The whole machine's CPU over a window, by process name (every process's user and system time,
# its threads' included, from /proc/<pid>/stat; a process that exited in the window is counted
# through its parent's reaped-children time), against what the cores had, and per request served:
# where two shared cores go under load (Tollgate's JVM, its embedded PostgreSQL, wrk, the nginx
# mock, the kernel's own threads). Names are the kernel's (`comm`), so two JVMs count as one
# `java`: load one instance at a time. What the per-process rows miss of the cores' total is
# idle time, interrupts and what the kernel does on no process's behalf.
#
#   benchmarks/load/machinecpu.sh <secs> [metrics URL]     (under load)
#   REQUESTS=<n> benchmarks/load/machinecpu.sh <secs>      (wrk's count over the window)
#   TOP=<rows, default 12>
set -euo pipefail

secs=${1:?seconds} url=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

snapshot() { # pid|name|ticks, one line per process: its own time and its reaped children's
  local stat line
  for stat in /proc/[0-9]*/stat; do # read, not cat: no process per file to count
    { read -r line <"$stat"; } 2>/dev/null && printf '%s\n' "$line"
  done | awk '{
    op = index($0, "("); cl = 0
    for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { cl = i; break }
    if (!op || !cl) next
    name = substr($0, op + 1, cl - op - 1)
    split(substr($0, cl + 2), f, " ")
    printf "%d|%s|%d\n", $1, name, f[12] + f[13] + f[14] + f[15]
  }'
}

cpu_total() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

before=$(snapshot)
all_before=$(cpu_total)
served_before=$([ -n "$url" ] && requests_served "$url" || echo 0)
sleep "$secs"
served_after=$([ -n "$url" ] && requests_served "$url" || echo 0)
all_after=$(cpu_total)
after=$(snapshot)
requests=${REQUESTS:-$((served_after - served_before))}

hz=$(getconf CLK_TCK)
{ while read -r l; do echo "b|$l"; done <<<"$before"; while read -r l; do echo "a|$l"; done <<<"$after"; } | awk -F'|' \
    -v hz="$hz" -v secs="$secs" -v n="$requests" -v cores="$((all_after - all_before))" -v top="${TOP:-12}" '
  # By pid, named as last seen (a kernel worker renames itself with its work queue): a process
  # that exited in the window takes its time before the window back out of the time its parent
  # reaped of it, which counts its whole life.
  { d[$2] += ($1 == "a" ? $4 : -$4); if ($1 == "a" || !($2 in name)) name[$2] = $3 }
  END {
    for (p in d) t[name[p]] += d[p]
    printf "%-36s %8s %12s\n", "process", "CPU %", (n > 0 ? "us/request" : "")
    rows = 0
    for (k in t) { total += t[k]; if (t[k] > 0) order[++rows] = k }
    for (i = 1; i <= rows; i++) for (j = i + 1; j <= rows; j++)
      if (t[order[j]] > t[order[i]]) { x = order[i]; order[i] = order[j]; order[j] = x }
    for (i = 1; i <= rows && i <= top; i++) {
      k = order[i]; shown += t[k]
      printf "%-36s %8.1f %12s\n", k, 100 * t[k] / hz / secs, (n > 0 ? sprintf("%.1f", 1e6 * t[k] / hz / n) : "-")
    }
    printf "%-36s %8.1f %12s\n", "the others", 100 * (total - shown) / hz / secs, (n > 0 ? sprintf("%.1f", 1e6 * (total - shown) / hz / n) : "-")
    printf "%-36s %8.1f %12s\n", "every process", 100 * total / hz / secs, (n > 0 ? sprintf("%.1f", 1e6 * total / hz / n) : "-")
    printf "%-36s %8.1f %12s\n", "the cores (all of /proc/stat)", 100 * cores / hz / secs, (n > 0 ? sprintf("%.1f", 1e6 * cores / hz / n) : "-")
    if (n > 0) printf "requests %d in %d s\n", n, secs
  }'
