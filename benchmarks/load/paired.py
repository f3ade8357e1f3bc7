#!/usr/bin/env python3
"""Paired A/B of two Tollgate builds measured in the same interleaved ab.py reps ("tollgate" and
"baseline", see BASE_APP_DIR in run.sh): per rep, each build's CPU us/request (its own process),
added p50 over the same rep's direct run, and the other sessions' CPU (other%) during each run.
Both builds see the shared machine's load within seconds of each other, so the per-rep ratio is
steadier than either absolute figure.

    benchmarks/load/paired.py benchmarks/results/<run>/results.jsonl
"""
import json, statistics, sys
from collections import defaultdict

def main(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    by = defaultdict(dict)
    for r in rows:
        by[(r["label"], r["rep"])][r["target"]] = r
    labels = sorted({k[0] for k in by})
    for label in labels:
        print(f"# {label}: per rep; cpu = us of the build's own process per request; +p50 over direct")
        print(f"{'rep':>3} {'tg cpu':>8} {'base cpu':>8} {'ratio':>6} {'tg +p50':>8} {'base +p50':>9} {'tg oth%':>7} {'base oth%':>9}")
        ratios, tg_cpu, base_cpu, tg_p50, base_p50 = [], [], [], [], []
        for (lab, rep), t in sorted(by.items()):
            # JSON reps measure "tollgate" against "baseline" (process tgbase); stream reps
            # "tg-sse" (process tgsse) against "sse-baseline" (process tgssebase)
            name, proc, base_name, base_proc = (("tg-sse", "tgsse", "sse-baseline", "tgssebase") if "tg-sse" in t
                                                else ("tollgate", "tollgate", "baseline", "tgbase"))
            if lab != label or name not in t or base_name not in t or "direct" not in t:
                continue
            tg, base, direct = t[name], t[base_name], t["direct"]
            a = tg["cpu"][proc]["us_per_req"]
            b = base["cpu"][base_proc]["us_per_req"]
            pa = (tg["p50_us"] - direct["p50_us"]) / 1000
            pb = (base["p50_us"] - direct["p50_us"]) / 1000
            ratios.append(a / b); tg_cpu.append(a); base_cpu.append(b); tg_p50.append(pa); base_p50.append(pb)
            print(f"{rep:>3} {a:>8.1f} {b:>8.1f} {a / b:>6.3f} {pa:>8.3f} {pb:>9.3f} "
                  f"{tg['other_cpu_pct']:>7.0f} {base['other_cpu_pct']:>9.0f}")
        if ratios:
            med = statistics.median
            print(f"med {med(tg_cpu):>8.1f} {med(base_cpu):>8.1f} {med(ratios):>6.3f} {med(tg_p50):>8.3f} {med(base_p50):>9.3f}"
                  f"   (ratio min-max {min(ratios):.3f}-{max(ratios):.3f}, n={len(ratios)})")

if __name__ == "__main__":
    main(sys.argv[1])
