"""Screenshots of the LR Health tab for a logdir: every experiment, a
compare view of the first three, at 1400x900 in Debian's chromium, through a
real `tensorboard` (full resolution). Also refreshes the README image.

    .venv/bin/python -m demo.screenshots LOGDIR [--out artifacts/screenshots/demo]
        [--readme EXPERIMENT]   # writes docs/img/lr_health_demo.png of that experiment
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # run as a script: the tests' helpers import from the repository root
    sys.path.insert(0, ROOT)

from tests.support import browser_util  # noqa: E402
from tests.support.tbserver import get_json, tensorboard, wait_for  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("logdir")
    ap.add_argument("--out", default=os.path.join(ROOT, "artifacts", "screenshots", "demo"))
    ap.add_argument("--readme", default=None)
    ap.add_argument("--dark", action="store_true")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    os.makedirs(a.out, exist_ok=True)
    with tensorboard(a.logdir, "--samples_per_plugin=scalars=0") as base:
        names = wait_for(lambda: [e["name"] for e in get_json(
            base + "/data/plugin/lr_health/experiments")[1]["experiments"]], timeout=300)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=browser_util.CHROMIUM, args=browser_util.CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1400, "height": 900},
                              color_scheme="dark" if a.dark else "light")
            page.goto(base + "/#lr_health")
            page.wait_for_selector("iframe", timeout=60000)
            f = page.locator("iframe").first.element_handle().content_frame()
            f.wait_for_selector("[data-testid=verdict-progress][data-pending='0']", state="attached",
                                timeout=300000)
            for name in names + ([a.readme] if a.readme else []):
                f.locator(".lrh-run", has=f.locator(".lrh-run-name", has_text=name)).first.click()
                f.wait_for_function(
                    """n => { const h = document.querySelector('.lrh-exp-name');
                         const box = document.querySelector('.lrh-chart-box');
                         return h && h.textContent === n && !box.classList.contains('loading'); }""",
                    arg=name, timeout=30000)
                f.wait_for_timeout(300)
                safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "root"
                path = os.path.join(a.out, safe + ".png")
                if name == a.readme:
                    path = os.path.join(ROOT, "docs", "img", "lr_health_demo.png")
                page.screenshot(path=path)
                print(path)
            for name in names[:3]:
                f.locator(".lrh-run", has=f.locator(".lrh-run-name", has_text=name)).first.locator(
                    "input[type=checkbox]").check()
            f.wait_for_selector("[data-testid=compare-loss] canvas", timeout=30000)
            f.wait_for_timeout(1000)
            page.screenshot(path=os.path.join(a.out, "compare.png"))
            b.close()


if __name__ == "__main__":
    main()
