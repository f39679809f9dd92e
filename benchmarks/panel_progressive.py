"""Benchmark: the LR Health tab on a large logdir (progressive listing).

Writes N synthetic runs (benchmarks/generate.py: real TFRecords, 3 tags),
starts a real `tensorboard`, waits until it has read them, then opens the tab
in Debian's chromium and measures from navigation:
  - first list: the experiment rows are shown (verdicts may still be pending)
  - all verdicts: the progress count reached 0 (every row judged)
once cold (the plugin's cache empty) and once warm (a page reload). For
comparison it also times the one-shot listing route `GET ./experiments`
(what the panel waited for before the progressive listing) on a second,
fresh tensorboard.

    .venv/bin/python -m benchmarks.panel_progressive --runs 50 500 [--steps 5000]
"""

import argparse
import os
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # run as a script: the tests' helpers import from the repository root
    sys.path.insert(0, ROOT)

from benchmarks import generate  # noqa: E402
from tests.support import browser_util  # noqa: E402
from tests.support.tbserver import get_json, tensorboard, wait_for  # noqa: E402

PLUGIN = "/data/plugin/lr_health"


def _loaded(base, runs, steps):
    """TensorBoard has read every run to its last step (checked on the
    first, middle and last run's loss series)."""
    _, body = get_json(base + PLUGIN + "/experiments?pending=1")
    names = sorted(e["name"] for e in body["experiments"])
    if len(names) < runs:
        return False
    for name in (names[0], names[len(names) // 2], names[-1]):
        _, pts = get_json(base + "/data/plugin/scalars/scalars?run=%s&tag=train/loss"
                          % urllib.request.quote(name))
        if not pts or pts[-1][1] != steps - 1:
            return False
    return True


def _panel_times(page, base, reload=False):
    t0 = time.perf_counter()
    if reload:
        page.reload()
    else:
        page.goto(base + "/#lr_health")
    page.wait_for_selector("iframe", timeout=120000)
    f = page.locator("iframe").first.element_handle().content_frame()
    f.wait_for_selector(".lrh-run", timeout=120000)
    first = time.perf_counter() - t0
    f.wait_for_selector("[data-testid=verdict-progress][data-pending='0']", state="attached",
                        timeout=600000)
    done = time.perf_counter() - t0
    # The same milestones inside the panel's iframe (from its navigation
    # start, so without TensorBoard's own page load).
    marks = f.evaluate("""() => ['lrh:first-list', 'lrh:all-verdicts'].map(
        n => (performance.getEntriesByName(n)[0] || {startTime: NaN}).startTime / 1000)""")
    return first, done, f.locator(".lrh-run").count(), marks


def bench(runs, steps, shots):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "logs")
        generate.generate(root, runs, steps, quiet=True)
        out = {"runs": runs, "steps": steps}
        with tensorboard(root, timeout=300) as base:
            t0 = time.perf_counter()
            wait_for(lambda: _loaded(base, runs, steps), timeout=1800, interval=2)
            out["tb_load_s"] = time.perf_counter() - t0
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=browser_util.CHROMIUM,
                                      args=browser_util.CHROMIUM_ARGS)
                page = b.new_page(viewport={"width": 1400, "height": 900})
                out["cold_first"], out["cold_all"], n, out["cold_marks"] = _panel_times(page, base)
                assert n == runs, (n, runs)
                if shots:
                    os.makedirs(shots, exist_ok=True)
                    page.screenshot(path=os.path.join(shots, "11_large_logdir_%d.png" % runs))
                out["warm_first"], out["warm_all"], _, out["warm_marks"] = _panel_times(
                    page, base, reload=True)
                b.close()
        with tensorboard(root, timeout=300) as base:
            wait_for(lambda: _loaded(base, runs, steps), timeout=1800, interval=2)
            t0 = time.perf_counter()
            get_json(base + PLUGIN + "/experiments", timeout=1800)
            out["oneshot_cold"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            get_json(base + PLUGIN + "/experiments", timeout=1800)
            out["oneshot_warm"] = time.perf_counter() - t0
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, nargs="+", default=[50, 500])
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--shots", default=os.path.join(HERE, os.pardir, "artifacts", "screenshots"))
    args = ap.parse_args()
    print("LR Health tab on N runs x %d steps x 3 tags (real tensorboard, chromium 1400x900)"
          % args.steps)
    print("times from navigating to the tab; in brackets from the panel iframe's own start")
    print("%6s %9s | %-36s | %-36s | %-24s" % ("runs", "tb load", "cold: first list / all verdicts",
                                              "warm: first list / all verdicts",
                                              "one-shot /experiments"))
    for n in args.runs:
        r = bench(n, args.steps, args.shots)
        cm, wm = r["cold_marks"], r["warm_marks"]
        print("%6d %8.0fs | %5.2f s (%4.2f) / %6.2f s (%5.2f) | %5.2f s (%4.2f) / %6.2f s (%5.2f) "
              "| cold %6.2f s, warm %5.2f s"
              % (n, r["tb_load_s"], r["cold_first"], cm[0], r["cold_all"], cm[1],
                 r["warm_first"], wm[0], r["warm_all"], wm[1],
                 r["oneshot_cold"], r["oneshot_warm"]), flush=True)
    print("load average %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
