"""The sweep view and the range-test chart in a real `tensorboard` + Debian chromium,
on real PyTorch and Keras trainings. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.support import lr_trainings
from tests.support.browser_util import CHROMIUM, CHROMIUM_ARGS
from tests.support.tbserver import get_json, tensorboard, wait_for

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "artifacts", "screenshots")
BUNDLE = os.path.join(ROOT, "tb_lrsched", "static", "index.js")

PLUGIN = "/data/plugin/lr_health"
playwright_sync = pytest.importorskip("playwright.sync_api")


def _ensure_bundle():
    """The build output is not committed: build it if this checkout lacks it."""
    if os.path.exists(BUNDLE):
        return
    fe = os.path.join(ROOT, "frontend")
    if not os.path.isdir(os.path.join(fe, "node_modules")):
        subprocess.check_call(["npm", "ci", "--no-audit", "--no-fund"], cwd=fe)
    subprocess.check_call(["npm", "run", "build"], cwd=fe)


class Panel:
    """TensorBoard's page with the LR Health tab open; console errors collected."""

    def __init__(self, browser, base, width=1280, height=800):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append("pageerror: %s" % e))
        self.page.goto(base + "/#lr_health")
        self.page.wait_for_selector("iframe", timeout=30000)
        self.frame = self.page.locator("iframe").first.element_handle().content_frame()
        self.frame.wait_for_selector(".lrh-run", timeout=30000)

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        self.page.screenshot(path=os.path.join(SHOTS, name + ".png"))

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _ensure_bundle()
    root = tmp_path_factory.mktemp("browser_sweep") / "logs"
    lr_trainings.torch_range_test(str(root / "torch_lr_find"))
    lr_trainings.keras_range_test(str(root / "keras_lr_find"))
    lr_trainings.torch_sweep(str(root / "torch_sweep"), [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0],
                             epochs=5)
    lr_trainings.keras_sweep(str(root / "keras_sweep"), [1e-3, 1e-2, 1e-1, 1.0, 10.0],
                             epochs=5)
    with tensorboard(str(root)) as base:
        def ready():
            _, body = get_json(base + PLUGIN + "/sweeps")
            return len(body.get("sweeps", [])) == 2 and body
        sweeps = wait_for(ready, timeout=120)
        yield base, sweeps["sweeps"]


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def panel(browser, server):
    p = Panel(browser, server[0], height=1400)
    yield p
    p.close()


def test_sweep_view_draws_loss_against_peak_lr(panel, server):
    _, sweeps = server
    f = panel.frame
    f.wait_for_selector("[data-testid=sweep-toggle]", state="visible", timeout=20000)
    f.click("[data-testid=sweep-toggle]")
    f.wait_for_function("() => document.querySelectorAll('.lrh-sweep').length === 2", timeout=20000)
    drawn = f.evaluate("""() => Array.from(document.querySelectorAll('.lrh-sweep')).map(s => ({
        name: s.dataset.sweep,
        xscale: s.querySelector('svg').dataset.xscale,
        best: Array.from(s.querySelectorAll('circle[data-kind=best]')).map(c => ({
            run: c.dataset.run, status: c.dataset.status, fill: c.getAttribute('fill'),
            cx: Number(c.getAttribute('cx'))})),
        final: s.querySelectorAll('circle[data-kind=final]').length,
        diverged: Array.from(s.querySelectorAll('[data-marker=diverged]')).map(g => g.dataset.run),
        ring: s.querySelectorAll('[data-marker=best]').length,
        ticks: Array.from(s.querySelectorAll('.lrh-tick.x')).map(t => Number(t.dataset.decade)),
        verdict: s.querySelector('[data-testid=sweep-verdict]').textContent}))""")
    by = {d["name"]: d for d in drawn}
    for sw in sweeps:
        d = by[sw["name"]]
        assert d["xscale"] == "log"
        finite_best = [p for p in sw["points"] if p["best_loss"] is not None]
        assert [b["run"] for b in d["best"]] == [p["run"] for p in finite_best]
        assert d["final"] == sum(p["final_loss"] is not None for p in sw["points"])
        assert sorted(d["diverged"]) == sorted(p["run"] for p in sw["points"] if p["diverged"])
        assert d["diverged"], "the LR-10 run is marked diverged"
        assert d["ring"] == 1 and d["verdict"] == sw["text"]
        # log x: equal LR ratios are equal distances (the runs are 10x apart)
        xs = [b["cx"] for b in d["best"]]
        gaps = [b - a for a, b in zip(xs, xs[1:])]
        assert max(gaps) - min(gaps) < 1.0 and min(gaps) > 20
        assert d["ticks"] == list(range(min(d["ticks"]), max(d["ticks"]) + 1))
        # coloured by status: healthy and warning runs differ in colour
        colours = {b["status"]: b["fill"] for b in d["best"]}
        assert len(set(colours.values())) == len(colours)
    panel.shot("sweep_view")
    assert not panel.errors, panel.errors


@pytest.mark.parametrize("name", ["torch_lr_find", "keras_lr_find"])
def test_range_test_is_drawn_as_loss_against_lr(panel, server, name):
    base, _ = server
    _, rep = get_json(base + PLUGIN + "/report?experiment=" + name)
    curve = rep["range_test"]
    f = panel.frame
    f.locator(".lrh-run", has=f.locator(".lrh-run-name", has_text=name)).first.click()
    f.wait_for_selector("[data-testid=rangetest-chart] svg", timeout=20000)
    f.wait_for_function("n => document.querySelector('.lrh-exp-name').textContent === n",
                        arg=name, timeout=20000)
    got = f.evaluate("""() => {
        const box = document.querySelector('[data-testid=rangetest-chart]');
        const m = k => { const g = box.querySelector('[data-marker=' + k + ']');
                         return g ? Number(g.dataset.lr) : null; };
        return {xscale: box.querySelector('svg').dataset.xscale,
                points: Number(box.querySelector('[data-series=smoothed]').dataset.points),
                d: box.querySelector('[data-series=smoothed]').getAttribute('d').length,
                suggested: m('suggested'), divergence: m('divergence'),
                timeChartShown: getComputedStyle(
                    document.querySelector('.lrh-chart-box')).display !== 'none'};
    }""")
    assert got["xscale"] == "log"
    assert got["points"] == len(curve["smoothed"]) and got["d"] > 100
    assert got["suggested"] == pytest.approx(curve["suggested_lr"])
    if curve["divergence_lr"] is not None:
        assert got["divergence"] == pytest.approx(curve["divergence_lr"])
    else:
        assert got["divergence"] is None
    assert got["timeChartShown"] is False
    finding = f.evaluate("() => document.querySelector('.lrh-findings').textContent")
    assert "lr range test" in finding.lower()
    panel.shot("range_test_%s" % name)
    assert not panel.errors, panel.errors
    assert os.path.exists(os.path.join(SHOTS, "range_test_%s.png" % name))
