#!/usr/bin/env bash
# A running JVM's system calls over a window, counted by the kernel's tracepoints (perf stat, no
# sampling), by call and by thread group, and per request when the instance's /metrics is given.
# A count per request does not drift with the host's speed as CPU time does, and on a
# paravirtualized host every call also pays the hypervisor (docs/benchmarks.md, twenty-second
# session), so it is the figure to compare two builds by when a change adds or removes calls.
#
#   benchmarks/load/syscalls.sh <pid> <secs> [http://127.0.0.1:<port>/metrics]
#
# Put load on the instance first (wrk), then run this while it lasts. Requests are
# tollgate_requests_total summed over its labels, before and after. Needs perf with tracepoints
# (linux-perf; run as root or with kernel.perf_event_paranoid <= -1).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,12p' "$0"; exit 2; }
pid=$1 secs=$2 metrics=${3:-}
CALLS="read write writev readv pread64 pwrite64 sendto recvfrom epoll_ctl epoll_wait epoll_pwait
  futex sched_yield nanosleep clock_nanosleep fdatasync fsync openat close rename lseek ftruncate
  mmap munmap madvise mprotect ioctl fcntl accept4 connect poll ppoll getsockopt setsockopt"
events=raw_syscalls:sys_enter
for c in $CALLS; do events="$events,syscalls:sys_enter_$c"; done

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
requests() {
  if [ -n "$metrics" ]; then requests_served "$metrics"; else echo 0; fi
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
r0=$(requests)
perf stat -x, --per-thread -e "$events" -p "$pid" -o "$out" -- sleep "$secs" >/dev/null 2>&1
r1=$(requests)

python3 - "$out" "$((r1 - r0))" "$secs" <<'PY'
import collections, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piped into head: stop quietly
path, requests, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
by_call, by_group = collections.Counter(), collections.Counter()
for line in open(path):
    parts = line.strip().split(",")
    if len(parts) < 4 or not parts[1].strip().isdigit():
        continue
    thread, count, event = parts[0], int(parts[1]), parts[3]
    # perf names a thread by the kernel's 15 characters of its name and its id:
    # "ForkJoinPool-1--1234" (the carriers) -> "ForkJoinPool-1-", "tollgate-journa-99" -> "tollgate-journa"
    group = re.sub(r"-\d+$", "", thread.strip())
    if event == "raw_syscalls:sys_enter":
        by_group[group] += count
    else:
        by_call[event.split("sys_enter_")[-1]] += count
total = sum(by_group.values())
per = (lambda n: "%8.3f/request" % (n / requests)) if requests > 0 else (lambda n: "%10.0f/s" % (n / secs))
if requests > 0:
    print("requests %d in %.0f s; system calls %d (%s)" % (requests, secs, total, per(total).strip()))
else:
    print("system calls %d in %.0f s (%s; no requests counted: give the instance's /metrics)"
          % (total, secs, per(total).strip()))
print("by call (those listed in the script):")
for call, n in by_call.most_common():
    if n:
        print("  %-16s %s" % (call, per(n)))
print("by thread group (all calls):")
for group, n in by_group.most_common(12):
    if n:
        print("  %-32s %s" % (group[:32], per(n)))
PY
