#!/usr/bin/env python3
"""Which wake-ups of the request path waited to run, and what ran meanwhile (tail1.sh, PERF=1).

Reads `perf sched timehist` output (one line per switch-out: time, CPU, task, wait time,
scheduling delay, run time, the last three in milliseconds). A task of the request path (wrk, the
nginx mock, the JVM's carriers and its poller) whose scheduling delay was MIN_MS or more waited
that long between being woken and running; for each such wait this sums what ran on every CPU in
that interval. A busy CPU's task beside an idle other CPU means the wake-up was queued where it
could not run at once: the kernel's placement, which no process priority changes.

    tail_wakeups.py <timehist.txt> [MIN_MS=1] [SHOW=0]   (SHOW: print that many waits one by one)
"""
import collections
import re
import sys

REQUEST_PATH = ("wrk", "nginx", "ForkJoinPool", "MasterPoller", "Read-Poller", "Write-Poller")


def switches(path):
    """(end s, cpu, task, delay s, run s) per line, the task's pid/tid stripped."""
    out = []
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 6 or not re.match(r"\d+\.\d+$", p[0]):
                continue
            try:
                _, delay, run = (float(x) / 1e3 for x in p[-3:])
            except ValueError:
                continue
            out.append((float(p[0]), p[1], re.sub(r"\[.*", "", " ".join(p[2:-3])), delay, run))
    return out


def main(path, min_ms=1.0, show=0):
    rows = switches(path)
    meanwhile = collections.Counter()
    waits = 0
    waited = 0.0
    for end, cpu, task, delay, run in rows:
        if not task.startswith(REQUEST_PATH) or delay < min_ms / 1e3:
            continue
        waits += 1
        waited += delay
        w0, w1 = end - run - delay, end - run
        here = collections.Counter()
        for end2, cpu2, task2, _, run2 in rows:
            s2 = end2 - run2
            if s2 < w1 and end2 > w0:
                here[(task2, cpu2 == cpu)] += (min(end2, w1) - max(s2, w0)) * 1e3
        for k, v in here.items():
            meanwhile[k] += v
        if waits <= show:
            print(f"  {end:.6f} {cpu} {task} waited {delay * 1e3:.2f} ms; meanwhile (ms): "
                  + ", ".join(f"{t}{'' if same else ' (other CPU)'} {v:.2f}"
                              for (t, same), v in here.most_common(4)))
    print(f"wake-ups of the request path that waited {min_ms:g} ms or more: {waits},"
          f" {waited * 1e3:.1f} ms in all")
    for label, same in (("on the CPU they waited for", True), ("on the other CPU", False)):
        top = [(t, v) for (t, s), v in meanwhile.most_common() if s == same][:8]
        print(f"  {label} meanwhile (ms): " + ", ".join(f"{t} {v:.1f}" for t, v in top))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0,
         int(sys.argv[3]) if len(sys.argv) > 3 else 0)
