#!/usr/bin/env python3
"""Read a collapsed-stack profile (asprof.sh's output: `frame;frame;... count` per line).

Usage:
  collapsed.py FILE self [N]               hottest leaf frames
  collapsed.py FILE incl [N] [SUBSTRING]   frames by the samples they appear in (once a sample)
  collapsed.py FILE children FRAME [DEPTH] what FRAME's samples run below it (the last FRAME on
                                           each stack), DEPTH frames deep
  collapsed.py FILE parents SUBSTRING [DEPTH] the DEPTH frames above the first frame matching it
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
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
