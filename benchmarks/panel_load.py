"""Benchmark: the LR Health panel loading a 100k-point experiment.

Writes one run with 100k steps (train loss with spikes, val loss, LR) with
TensorBoard's own event writer, starts a real `tensorboard` with full
resolution (`--samples_per_plugin=scalars=0`), opens the tab in Debian's
chromium and prints, per view load, the panel's own `lrh:view` measure
(fetch the decimated report + parse + draw) and the wall time from click to
a drawn chart. Target: under one second.

    .venv/bin/python -m benchmarks.panel_load [--points 100000] [--repeat 5]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # run as a script: the tests' helpers import from the repository root
    sys.path.insert(0, ROOT)

from tests.support import browser_util, logwriters  # noqa: E402
from tests.support.tbserver import get_json, tensorboard, wait_for  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    n = args.points
    rng = np.random.default_rng(0)
    steps = np.arange(n)
    loss = (0.3 + 2 * np.exp(-steps / (n / 5))) * (1 + 0.05 * rng.standard_normal(n))
    loss[rng.choice(n, 5, replace=False)] *= 4
    vs = steps[::500]
    with tempfile.TemporaryDirectory() as root:
        logwriters.write_simple(os.path.join(root, "big_a"), {
            "train/loss": list(zip(steps.tolist(), loss.tolist())),
            "val/loss": list(zip(vs.tolist(), (loss[::500] * 1.05).tolist())),
            "train/lr": list(zip(steps.tolist(), (1e-3 * 0.5 * (1 + np.cos(np.pi * steps / n))).tolist())),
        })
        logwriters.write_simple(os.path.join(root, "small_b"), {
            "train/loss": [(i, 1.0 / (1 + i)) for i in range(100)],
            "train/lr": [(i, 1e-3) for i in range(100)]})
        with tensorboard(root, "--samples_per_plugin=scalars=0") as base:
            wait_for(lambda: len(get_json(base + "/data/plugin/lr_health/experiments")[1]
                                 ["experiments"]) == 2, timeout=120)
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=browser_util.CHROMIUM,
                                      args=browser_util.CHROMIUM_ARGS)
                page = b.new_page(viewport={"width": 1280, "height": 800})
                page.goto(base + "/#lr_health")
                page.wait_for_selector("iframe", timeout=60000)
                f = page.locator("iframe").first.element_handle().content_frame()
                f.wait_for_selector(".lrh-run", timeout=60000)
                walls, measures = [], []
                for _ in range(args.repeat):
                    for name in ("small_b", "big_a"):
                        t0 = time.perf_counter()
                        f.locator(".lrh-run", has=f.locator(".lrh-run-name", has_text=name)).first.click()
                        f.wait_for_function(
                            """n => { const h = document.querySelector('.lrh-exp-name');
                                 const box = document.querySelector('.lrh-chart-box');
                                 return h && h.textContent === n && box &&
                                        !box.classList.contains('loading') &&
                                        box.querySelector('canvas'); }""",
                            arg=name, timeout=30000)
                        wall = (time.perf_counter() - t0) * 1000
                        if name == "big_a":
                            ms = f.evaluate("() => performance.getEntriesByName('lrh:view')"
                                            ".map(e => e.duration)")
                            walls.append(wall)
                            measures.append(ms[-1])
                b.close()
    load = os.getloadavg()
    print("panel load of a %d-point experiment (3 series, full resolution in TensorBoard), %d views"
          % (n, len(walls)))
    print("  lrh:view (fetch + parse + draw): median %.0f ms, max %.0f ms"
          % (statistics.median(measures), max(measures)))
    print("  click to drawn chart (wall):     median %.0f ms, max %.0f ms"
          % (statistics.median(walls), max(walls)))
    print("  target < 1000 ms: %s   (load average %.2f %.2f %.2f)"
          % ("MET" if statistics.median(walls) < 1000 else "MISSED", *load))


if __name__ == "__main__":
    main()
