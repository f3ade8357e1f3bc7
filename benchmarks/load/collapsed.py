#!/usr/bin/env python3
"""Read a collapsed-stack profile (asprof.sh's output: `frame;frame;... count` per line).

Usage:
  collapsed.py FILE self [N]               hottest leaf frames
  collapsed.py FILE incl [N] [SUBSTRING]   frames by the samples they appear in (once a sample)
  collapsed.py FILE children FRAME [DEPTH] what FRAME's samples run below it (the last FRAME on
                                           each stack), DEPTH frames deep
  collapsed.py FILE parents SUBSTRING [DEPTH] the DEPTH frames above the first frame matching it
  collapsed.py FILE compare REQUESTS OTHER OTHER_REQUESTS SUBSTRING...
                                           two profiles of the same length (e.g. Tollgate's and
                                           the stack floor's), each frame's samples per request
                                           served in its window (wrk's count), and the difference
Percentages are of all samples in the file.
"""
import collections
import sys


def stacks(path):
    with open(path) as f:
        for line in f:
            frames, _, n = line.rstrip().rpartition(" ")
            if frames:
                yield frames.split(";"), int(n)


def show(counter, total, n, pattern=""):
    shown = 0
    for key, v in counter.most_common():
        if pattern in key:
            print("%5.1f%% %s" % (100.0 * v / total, key[:200]))
            shown += 1
            if shown == n:
                break


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, view, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    total, counter = 0, collections.Counter()
    if view in ("self", "incl"):
        n = int(rest[0]) if rest else 40
        for frames, count in stacks(path):
            total += count
            if view == "self":
                counter[frames[-1]] += count
            else:
                for frame in set(frames):
                    counter[frame] += count
        print("samples", total)
        show(counter, total, n, rest[1] if len(rest) > 1 else "")
    elif view in ("children", "parents"):
        target, depth = rest[0], int(rest[1]) if len(rest) > 1 else 1
        for frames, count in stacks(path):
            total += count
            if view == "children" and target in frames:
                i = len(frames) - 1 - frames[::-1].index(target)
                counter[";".join(frames[i + 1:i + 1 + depth]) or "<self>"] += count
            elif view == "parents":
                for i, frame in enumerate(frames):
                    if target in frame:
                        counter[";".join(frames[max(0, i - depth):i])] += count
                        break
        print("samples", total, "under", target, "%.1f%%" % (100.0 * sum(counter.values()) / max(total, 1)))
        show(counter, total, 30)
    elif view == "compare" and len(rest) >= 4:
        compare(path, float(rest[0]), rest[1], float(rest[2]), rest[3:])
    else:
        sys.exit(__doc__)


def compare(path, requests, other, other_requests, substrings):
    """Samples per request under each substring (once a sample), in both profiles."""
    def per_request(p, n):
        total, hits = 0, collections.Counter()
        for frames, count in stacks(p):
            total += count
            for sub in substrings:
                if any(sub in frame for frame in frames):
                    hits[sub] += count
        return total / n, {sub: hits[sub] / n for sub in substrings}
    total_a, a = per_request(path, requests)
    total_b, b = per_request(other, other_requests)
    print("%-60s %9s %9s %9s" % ("samples per request", "first", "second", "diff"))
    print("%-60s %9.4f %9.4f %9.4f" % ("(all)", total_a, total_b, total_a - total_b))
    for sub in substrings:
        print("%-60s %9.4f %9.4f %9.4f" % (sub[-60:], a[sub], b[sub], a[sub] - b[sub]))


if __name__ == "__main__":
    main()
