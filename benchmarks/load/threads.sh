#!/usr/bin/env bash
# A running JVM's threads over a window, grouped by name (numbers stripped, so the carriers
# ForkJoinPool-1-worker-1..n are one row): how many there were, their voluntary context switches
# (the thread blocked or parked), their involuntary ones (the kernel preempted it for something
# else on the cores) and their CPU, from /proc/<pid>/task/*/{status,stat}. With a metrics URL the
# switches are also given per request (tollgate_requests_total before and after); without one,
# pass the window's request count as REQUESTS (wrk's, for a process with no metrics, e.g. the
# stack's floor).
#
#   benchmarks/load/threads.sh <pid> <secs> [metrics URL]     (under load)
#   REQUESTS=<n> benchmarks/load/threads.sh <pid> <secs>
set -euo pipefail

pid=${1:?pid} secs=${2:?seconds} url=${3:-}
[ -d "/proc/$pid" ] || { echo "no process $pid" >&2; exit 1; }

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

snapshot() { # tid name|voluntary|involuntary|ticks, one line per live thread
  local t
  for t in /proc/"$pid"/task/*; do
    {
      printf '%s %s|' "${t##*/}" "$(cat "$t/comm")"
      awk '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 }
           END { printf "%s|%s|", v, n }' "$t/status"
      awk '{ print $14 + $15 }' "$t/stat"
    } 2>/dev/null || true # a thread that ended between the listing and the read
  done
}

before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
r0=0
[ -n "$url" ] && r0=$(requests_served "$url")
snapshot >"$before"
sleep "$secs"
snapshot >"$after"
requests=${REQUESTS:-0}
[ -n "$url" ] && requests=$(( $(requests_served "$url") - r0 ))

python3 - "$before" "$after" "$requests" "$(getconf CLK_TCK)" <<'PY'
import collections
import re
import sys

def read(path):
    threads = {}
    for line in open(path):
        tid, _, rest = line.rstrip("\n").partition(" ")
        parts = rest.rsplit("|", 3)
        if len(parts) == 4 and all(p.isdigit() for p in parts[1:]):
            threads[tid] = (parts[0], int(parts[1]), int(parts[2]), int(parts[3]))
    return threads

before, after = read(sys.argv[1]), read(sys.argv[2])
requests, ticks = int(sys.argv[3]), int(sys.argv[4])
groups = collections.defaultdict(lambda: [0, 0, 0, 0])
for tid, (name, vol, invol, cpu) in after.items():
    if tid not in before:
        continue  # started inside the window: its counts are not the window's alone
    _, vol0, invol0, cpu0 = before[tid]
    g = groups[re.sub(r"[0-9]+$", "", name)]
    g[0] += 1
    g[1] += vol - vol0
    g[2] += invol - invol0
    g[3] += cpu - cpu0
per = (lambda n: "%8.3f" % (n / requests)) if requests > 0 else (lambda n: "%8s" % "-")
print("%-22s %7s %9s %9s %8s %8s %9s" % ("threads (by name)", "count", "voluntary", "involunt.",
                                          "vol/req", "inv/req", "cpu ms"))
rows = sorted(groups.items(), key=lambda kv: -(kv[1][1] + kv[1][2]))
for name, (count, vol, invol, cpu) in rows:
    if vol + invol + cpu == 0:
        continue
    print("%-22s %7d %9d %9d %s %s %9.0f" % (name[:22], count, vol, invol, per(vol), per(invol),
                                             cpu * 1000.0 / ticks))
tot = [sum(g[i] for g in groups.values()) for i in range(4)]
print("%-22s %7d %9d %9d %s %s %9.0f" % ("(all)", tot[0], tot[1], tot[2], per(tot[1]),
                                         per(tot[2]), tot[3] * 1000.0 / ticks))
print("requests in the window:", requests if requests > 0 else "unknown")
PY
