#!/usr/bin/env python3
"""The stalls on one instance's own timeline, run by run (tail1.sh writes its inputs).

At one connection the server answers one request at a time, so consecutive access-log lines are
consecutive answers and a gap between them is time the connection waited on something. For each
run window (window<N>: start and end in epoch milliseconds) this prints the gaps of 2 ms or more
(the timestamps have millisecond resolution, so a gap reads up to 1 ms long or short), the time
they lasted beyond 2 ms (what wrk's corrected p99 at one connection counts), the requests whose
data-plane exchange (upstream_ms) or own work (overhead_ms) took over 1 ms, the GC pauses and
safepoints over 0.5 ms in the window (-Xlog:gc*,safepoint with time decorations), a histogram of
the gaps' lengths and of the intervals between consecutive gaps (a peak shows a period).

    tail_gaps.py <instance dir>      (server.log, gc.log, window1, window2, ...)
"""
import collections
import datetime
import glob
import re
import sys

ACCESS = re.compile(r'overhead_ms="([\d.]+)"(?: upstream_ms="([\d.]+)")?')
PAUSE = re.compile(r'\[(\S+)\]\[\d+ms\].*Pause.* ([\d.]+)ms$')
SAFEPOINT = re.compile(r'\[(\S+)\]\[\d+ms\].*Safepoint "(\w+)".*Total: (\d+) ns')


def millis_of(stamp):
    return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000


def answers(path):
    """(epoch ms, overhead ms, upstream ms) of every /v1 answer in the text access log."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            if "tollgate.access" not in line:
                continue
            m = ACCESS.search(line)
            if not m:
                continue
            out.append((millis_of(line[:24]), float(m.group(1)), float(m.group(2) or 0)))
    return out


def pauses(path):
    """(epoch ms, ms) of GC pauses and of safepoints over 0.5 ms."""
    out = []
    try:
        f = open(path)
    except FileNotFoundError:
        return out
    with f:
        for line in f:
            line = line.strip()
            m = PAUSE.match(line)
            if m:
                out.append((millis_of(m.group(1)), float(m.group(2))))
                continue
            m = SAFEPOINT.match(line)
            if m and int(m.group(3)) > 500_000 and "Collect" not in m.group(2):
                out.append((millis_of(m.group(1)), int(m.group(3)) / 1e6))
    return out


def binned(values, width, cap):
    c = collections.Counter(min(int(v // width) * width, cap) for v in values)
    return " ".join(f"{k:g}:{n}" for k, n in sorted(c.items()))


def main(directory):
    timeline = answers(directory + "/server.log")
    stops = pauses(directory + "/gc.log")
    windows = sorted(glob.glob(directory + "/window*"), key=lambda p: int(p.rsplit("window", 1)[1]))
    for w in windows:
        start, end = map(int, open(w).read().split())
        run = [a for a in timeline if start <= a[0] <= end]
        if len(run) < 2:
            print(f"{w}: {len(run)} answers")
            continue
        gaps = [(run[i][0], run[i][0] - run[i - 1][0]) for i in range(1, len(run))
                if run[i][0] - run[i - 1][0] >= 2]
        beyond = sum(g - 2 for _, g in gaps)
        slow_up = sum(1 for a in run if a[2] > 1)
        slow_own = sum(1 for a in run if a[1] > 1)
        inside = [p for p in stops if start <= p[0] <= end]
        print(f"{w.rsplit('/', 1)[-1]}: {len(run)} answers, {len(gaps)} gaps of 2 ms or more,"
              f" {beyond:.0f} ms beyond 2 ms ({100 * beyond / (end - start):.1f} % of the run);"
              f" data-plane exchange over 1 ms: {slow_up}, Tollgate's own work over 1 ms:"
              f" {slow_own}; GC pauses and safepoints over 0.5 ms: {len(inside)},"
              f" {sum(p[1] for p in inside):.1f} ms")
        print(f"  gap lengths (ms: count): {binned([g for _, g in gaps], 1, 20)}")
        ends = [t for t, _ in gaps]
        print("  between consecutive gaps (5 ms bins, ms: count): "
              + binned([ends[i] - ends[i - 1] for i in range(1, len(ends))], 5, 200))


if __name__ == "__main__":
    main(sys.argv[1])
