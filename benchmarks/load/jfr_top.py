#!/usr/bin/env python3
"""Aggregate `jfr print --events jdk.ExecutionSample` output into the hottest frames.

Usage: jfr_top.py samples.txt [N]
Prints three tables over all samples: self (top frame), inclusive (any frame, counted once per
sample) and self by package, so a hot leaf and the caller that leads to it both show.
"""
import collections, re, sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")

def samples(path):
    stack = None
    with open(path) as f:
        for line in f:
            if "stackTrace = [" in line:
                stack = []
            elif stack is not None:
                m = FRAME.match(line)
                if m:
                    stack.append(m.group(1))
                elif line.strip().startswith("]") or line.strip() == "...":
                    if line.strip().startswith("]"):
                        yield stack
                        stack = None

def package(frame):
    parts = frame.split(".")
    return ".".join(parts[:-2]) if len(parts) > 2 else frame

def main():
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    self_c, incl_c, pkg_c = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for st in samples(sys.argv[1]):
        if not st:
            continue
        total += 1
        self_c[st[0]] += 1
        pkg_c[package(st[0])] += 1
        for fr in set(st):
            incl_c[fr] += 1
    print(f"# {total} execution samples (stacks as deep as `jfr print --stack-depth` printed them)")
    for title, c in (("self (top frame)", self_c), ("inclusive", incl_c),
                     ("self by package", pkg_c)):
        print(f"\n## {title}")
        for fr, k in c.most_common(n):
            print(f"{100.0 * k / max(1, total):6.1f}% {k:6d}  {fr}")

if __name__ == "__main__":
    main()
