#!/usr/bin/env python3
"""A start split into its phases, with a poller that costs the machine almost nothing.

startup.sh (like shared/bench/startup-time.sh) polls with a curl process every 10 ms, and on two
cores that loop takes a share of the CPU the JVM starts on. This one connects from one Python
process every 2 ms until the port listens, then mints a key through the admin API and sends one
chat completion, and prints for each start (ms after exec): when the port listened, when the key
was minted, when the first 200 came, the JVM's CPU seconds by then, the access log's overhead_ms
and upstream_ms of that first request, and the threads that used the most CPU.

    benchmarks/load/startup_phases.py [--runs N] NAME=DIR [FLAG...] [NAME=DIR [FLAG...] ...] [-- JAVA FLAGS...]

Each DIR is laid out as startup.sh leaves its work directory after a memory-store run
(/tmp/tollgate-startup/memory): app/tollgate.jar, app/libs/, app/tollgate.aot (the trained AOT
cache, used when present) and application.yaml (port 8790, the memory store, the nginx mock on
:18080, which must answer). Several builds alternate start by start; the medians come last.
The JVM flags after `--` go to every build; those right after a NAME=DIR (words beginning with
a dash) to that one only, so one directory can be two variants of a JVM flag's A/B:

    startup_phases.py --runs 12 base=/tmp/tollgate-startup/memory \
        scaled=/tmp/tollgate-startup/memory -XX:CompileThresholdScaling=2
"""
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time

PORT = 8790
MASTER = "startup-phases-master"
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
BODY = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'


def threads(pid):
    """(CPU ticks, name) of the process's threads, most first."""
    out = []
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            stat = open("/proc/%d/task/%s/stat" % (pid, tid)).read()
        except OSError:
            continue
        name = stat.split("(", 1)[1].rsplit(")", 1)[0]
        fields = stat.rsplit(")", 1)[1].split()
        out.append((int(fields[11]) + int(fields[12]), name.strip()))
    return sorted(out, reverse=True)


def start(directory, flags):
    log_path = os.path.join(directory, "phases.log")
    aot = os.path.join(directory, "app", "tollgate.aot")
    command = [JAVA, "--sun-misc-unsafe-memory-access=allow"]
    if os.path.exists(aot):
        command.append("-XX:AOTCache=" + aot)
    command += flags + ["-jar", os.path.join(directory, "app", "tollgate.jar"), "serve"]
    env = dict(os.environ, TOLLGATE_MASTER_KEY=MASTER)
    t0 = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=directory, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    ms = lambda: (time.monotonic() - t0) * 1000
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit("the server exited at start; see " + log_path)
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                break
            except OSError:
                time.sleep(0.002)
        listened = ms()
        connection = http.client.HTTPConnection("127.0.0.1", PORT)
        connection.request("POST", "/admin/v1/keys", headers={"Authorization": "Bearer " + MASTER},
                           body=json.dumps({"tenant": "startup",
                                            "alias": "k%d" % random.randrange(1 << 30)}))
        key = json.loads(connection.getresponse().read())["key"]
        minted = ms()
        connection.request("POST", "/v1/chat/completions", body=BODY,
                           headers={"Authorization": "Bearer " + key,
                                    "content-type": "application/json"})
        response = connection.getresponse()
        response.read()
        first = ms()
        if response.status != 200:
            raise SystemExit("the first call answered %d; see %s" % (response.status, log_path))
        stat = open("/proc/%d/stat" % process.pid).read().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
        top = threads(process.pid)[:4]
    finally:
        process.terminate()
        process.wait()
    access = open(log_path).read()
    overhead = re.search(r'overhead_ms="([\d.]+)" upstream_ms="([\d.]+)"', access)
    return {"listen": listened, "mint": minted, "first200": first, "cpu": cpu,
            "overhead_ms": float(overhead.group(1)) if overhead else None,
            "upstream_ms": float(overhead.group(2)) if overhead else None, "threads": top}


def main(argv):
    runs = 6
    if "--" in argv:
        flags = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    else:
        flags = []
    if argv[:1] == ["--runs"]:
        runs = int(argv[1])
        argv = argv[2:]
    builds = []  # (name, directory, its own flags)
    for a in argv:
        if a.startswith("-") and builds:
            builds[-1][2].append(a)
        elif "=" in a and not a.startswith("-"):
            name, directory = a.split("=", 1)
            builds.append((name, directory, []))
        else:
            raise SystemExit(__doc__)
    if not builds or len({name for name, _, _ in builds}) != len(builds):
        raise SystemExit(__doc__)
    results = {name: [] for name, _, _ in builds}
    for run in range(runs):
        for name, directory, own in builds:
            r = start(directory, own + flags)
            results[name].append(r)
            print("%-12s run %d: listen %5.0f  mint %5.0f  first 200 %5.0f ms  cpu %.2f s  "
                  "overhead %s upstream %s ms  %s" % (
                      name, run + 1, r["listen"], r["mint"], r["first200"], r["cpu"],
                      r["overhead_ms"], r["upstream_ms"],
                      " ".join("%s=%d" % (n, t) for t, n in r["threads"])), flush=True)
    for name, rows in results.items():
        median = lambda k: statistics.median(row[k] for row in rows)
        print("%-12s median of %d: listen %.0f, first 200 %.0f ms (%.0f-%.0f), cpu %.2f s" % (
            name, len(rows), median("listen"), median("first200"),
            min(row["first200"] for row in rows), max(row["first200"] for row in rows),
            median("cpu")))


if __name__ == "__main__":
    main(sys.argv[1:])
