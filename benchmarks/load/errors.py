#!/usr/bin/env python3
"""Counts every failed request of a bench run: non-2xx answers and wrk's socket errors (connect,
read, write, timeout), per label and target, over ab.py's measured reps (results.jsonl) and the
pre-warm runs (prewarm.txt). ab.py's own warmup runs are not recorded and so not counted.

    benchmarks/load/errors.py benchmarks/results/<run>
"""
import collections, json, os, sys

FIELDS = ("non2xx", "err_connect", "err_read", "err_write", "err_timeout")

def main(run):
    totals = collections.OrderedDict()
    def add(key, row):
        t = totals.setdefault(key, collections.Counter())
        t["runs"] += 1
        t["requests"] += row["requests"]
        for f in FIELDS:
            t[f] += row[f]
    with open(os.path.join(run, "results.jsonl")) as f:
        for line in f:
            row = json.loads(line)
            add((row["label"], row["target"]), row)
    prewarm = os.path.join(run, "prewarm.txt")
    if os.path.exists(prewarm):
        with open(prewarm) as f:
            for line in f:
                i = line.find("RESULT ")
                if i >= 0:
                    add(("prewarm", line.split("]")[0].strip("[ ")), json.loads(line[i + 7:]))
    print(f"{'label':<10} {'target':<16} {'runs':>4} {'requests':>10} " + " ".join(f"{f:>11}" for f in FIELDS))
    for (label, target), t in totals.items():
        print(f"{label:<10} {target:<16} {t['runs']:>4} {t['requests']:>10} " + " ".join(f"{t[f]:>11}" for f in FIELDS))

if __name__ == "__main__":
    main(sys.argv[1])
