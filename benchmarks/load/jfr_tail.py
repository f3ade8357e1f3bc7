#!/usr/bin/env python3
"""Where a JFR recording's latency tail goes: reads `jfr print --json` of GC, FileForce,
JavaMonitorEnter and ThreadPark events on stdin and prints, per kind, the count, total, p50/p99/max
duration, the threads it hit and the top frames, so GC pauses, fsyncs and lock convoys can be set
against wrk's p99."""
import collections
import json
import re
import sys


def millis(d):
    # JFR JSON durations look like "PT0.012345S" (or "PT1M2.5S")
    m = re.match(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", d or "")
    if not m:
        return 0.0
    return (int(m.group(1) or 0) * 60 + float(m.group(2) or 0)) * 1000.0


def pct(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def top_frame(ev):
    frames = ((ev.get("stackTrace") or {}).get("frames") or [])
    for f in frames:
        method = f.get("method", {})
        name = method.get("type", {}).get("name", "") + "." + method.get("name", "")
        if not name.startswith(("java.", "jdk.", "sun.")):
            return name
    if frames:
        m = frames[0].get("method", {})
        return m.get("type", {}).get("name", "") + "." + m.get("name", "")
    return "?"


def main():
    events = json.load(sys.stdin)["recording"]["events"]
    by_kind = collections.defaultdict(list)
    for ev in events:
        by_kind[ev["type"]].append(ev)
    for kind in ("jdk.GarbageCollection", "jdk.FileForce", "jdk.JavaMonitorEnter", "jdk.ThreadPark"):
        evs = by_kind.get(kind, [])
        if kind == "jdk.GarbageCollection":
            ds = sorted(millis(e["values"].get("sumOfPauses")) for e in evs)
        else:
            ds = sorted(millis(e["values"].get("duration")) for e in evs)
        print(f"{kind}: {len(evs)} events, total {sum(ds):.1f} ms, p50 {pct(ds, .5):.2f} ms,"
              f" p99 {pct(ds, .99):.2f} ms, max {ds[-1] if ds else 0:.2f} ms")
        if kind == "jdk.GarbageCollection":
            names = collections.Counter(e["values"].get("name") for e in evs)
            print("   collectors:", dict(names))
            continue
        threads = collections.Counter()
        frames = collections.Counter()
        for e in evs:
            t = (e["values"].get("eventThread") or {}).get("javaName") or "?"
            threads[re.sub(r"\d+", "N", t)] += millis(e["values"].get("duration"))
            frames[top_frame(e["values"])] += millis(e["values"].get("duration"))
        for t, ms in threads.most_common(4):
            print(f"   thread {t}: {ms:.1f} ms")
        for f, ms in frames.most_common(4):
            print(f"   at {f}: {ms:.1f} ms")


if __name__ == "__main__":
    main()
