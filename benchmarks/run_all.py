"""Run the benchmarks in sequence and print their numbers (`make bench`).

    python -m benchmarks.run_all                 # every benchmark, default settings
    python -m benchmarks.run_all --quick         # fewer repeats and smaller inputs: checks the wiring
    python -m benchmarks.run_all --only panel    # one benchmark (names: --list)

Each benchmark is its own script (see benchmarks/README.md for what it measures and its targets),
run here as a separate process with its output streamed as it comes. The verdict accuracy
benchmark (`python -m benchmarks.verdict_accuracy`) scores verdicts rather than speed and trains
its labelled runs on first use, so it is run on its own.
"""

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> (module, what it measures, default args, --quick args)
BENCHMARKS = {
    "scaling": ("benchmarks.bench",
                "command vs tbparse, /report vs /scalars, engine throughput, peak memory",
                [], ["--logdirs", "big1", "--repeat", "1"]),
    "panel": ("benchmarks.panel_load",
              "the panel loading a 100k-point experiment in Debian chromium",
              [], ["--repeat", "1"]),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run_all", description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated names (default: all)")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and smaller inputs")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    a = ap.parse_args(argv)
    if a.list:
        for name, (module, what, _, _) in BENCHMARKS.items():
            print("%-8s python -m %-22s %s" % (name, module, what))
        return 0
    names = [n for n in a.only.split(",") if n]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        ap.error("unknown benchmark(s) %s; choose from %s" % (", ".join(unknown), ", ".join(BENCHMARKS)))
    results = []
    for name in names:
        module, what, args, quick = BENCHMARKS[name]
        cmd = [sys.executable, "-m", module] + (quick if a.quick else args)
        print("\n=== %s: %s\n+ %s" % (name, what, " ".join(cmd[1:])), flush=True)
        t0 = time.perf_counter()
        code = subprocess.call(cmd, cwd=ROOT)
        results.append((name, code, time.perf_counter() - t0))
    print("\n=== summary")
    for name, code, seconds in results:
        print("%-8s %s in %.0f s" % (name, "ok" if code == 0 else "FAILED (exit %d)" % code, seconds))
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
