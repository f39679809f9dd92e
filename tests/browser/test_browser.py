"""End to end: a real `tensorboard` process, real event files, Debian chromium.

The LR Health panel is driven through TensorBoard's own page (the plugin runs
in TensorBoard's iframe, under its Content-Security-Policy). Screenshots go to
artifacts/screenshots/.
"""

from __future__ import annotations

import os
import subprocess
import urllib.parse

import numpy as np
import pytest

from tests.support import REPO_ROOT as ROOT
from tests.support import browser_extra, browser_util, logwriters
from tests.support.browser_util import CHROMIUM, CHROMIUM_ARGS, HOSTILE
from tests.support.tbserver import get_json, tensorboard, wait_for

SHOTS = os.path.join(ROOT, "artifacts", "screenshots")
BUNDLE = os.path.join(ROOT, "tb_lrsched", "static", "index.js")
PLUGIN = "/data/plugin/lr_health"
DONE = "[data-testid=verdict-progress][data-pending='0']"  # every verdict filled in

playwright_sync = pytest.importorskip("playwright.sync_api")


def _ensure_bundle():
    """The build output is not committed: build it if this checkout lacks it."""
    if os.path.exists(BUNDLE):
        return
    fe = os.path.join(ROOT, "frontend")
    if not os.path.isdir(os.path.join(fe, "node_modules")):
        subprocess.check_call(["npm", "ci", "--no-audit", "--no-fund"], cwd=fe)
    subprocess.check_call(["npm", "run", "build"], cwd=fe)


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "logs"
    expected = browser_util.write_scenarios(str(root))
    # A run longer than TensorBoard's default reservoir (1000 points).
    steps = np.arange(2500)
    logwriters.write_simple(str(root / "long"), {
        "train/loss": list(zip(steps.tolist(), (0.3 + 2 * np.exp(-steps / 500)).tolist())),
        "train/lr": list(zip(steps.tolist(), (1e-3 * 0.999 ** steps).tolist())),
    })
    browser_extra.write_chart_scenarios(str(root))
    return str(root), expected


@pytest.fixture(scope="module")
def server(logdir):
    _ensure_bundle()
    root, expected = logdir
    with tensorboard(root) as base:
        def ready():
            _, body = get_json(base + PLUGIN + "/experiments")
            names = {e["name"] for e in body["experiments"]}
            return set(expected) | {"long", "two_lrs", "epochs_accuracy"} <= names and body
        wait_for(ready, timeout=90)
        yield base, root, expected


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Panel:
    """TensorBoard's page with the LR Health tab open, plus what it logged."""

    def __init__(self, browser, base, width=1280, height=800):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors = []
        self.dialogs = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append("pageerror: %s" % e))
        self.page.on("dialog", self._dialog)
        self.page.goto(base + "/#lr_health")
        self.page.wait_for_selector("iframe", timeout=30000)
        self.frame = self.page.locator("iframe").first.element_handle().content_frame()
        assert self.frame is not None and "plugin_entry.html?name=lr_health" in self.frame.url
        self.frame.wait_for_selector(".lrh-run", timeout=30000)
        self.wait_verdicts()
        self.frame.wait_for_selector(".lrh-chart canvas", timeout=30000)

    def wait_verdicts(self, timeout=60000):
        """The listing comes at once; wait until every verdict is filled in."""
        self.frame.wait_for_selector(DONE, state="attached", timeout=timeout)

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append("console: %s @ %s" % (msg.text, msg.location.get("url", "")))

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def rows(self):
        return self.frame.evaluate(
            """() => Array.from(document.querySelectorAll('.lrh-run')).map(r => ({
                name: r.querySelector('.lrh-run-name').textContent,
                status: r.dataset.status,
                badge: r.querySelector('.lrh-badge').textContent,
                top: r.querySelector('.lrh-run-top').textContent,
                active: r.classList.contains('active')}))""")

    def select(self, name):
        self.frame.locator(".lrh-run", has=self.frame.locator(".lrh-run-name", has_text=name)).first.click()
        self.frame.wait_for_function(
            """n => { const h = document.querySelector('.lrh-exp-name');
                     const box = document.querySelector('.lrh-chart-box');
                     return h && h.textContent === n && box && !box.classList.contains('loading')
                            && box.querySelector('canvas'); }""",
            arg=name, timeout=20000)

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        self.page.screenshot(path=os.path.join(SHOTS, name + ".png"))

    def close(self):
        self.context.close()


@pytest.fixture
def panel(browser, server):
    base = server[0]
    p = Panel(browser, base)
    yield p
    p.close()


def _color_pixels(frame, selector, rgb=None, tol=40, region=None):
    """How many pixels of a canvas are drawn (opaque) and, if `rgb` is given,
    close to that colour. (The canvas is transparent where nothing is drawn.)

    `region` = (x0, x1, y0, y1) in CSS pixels (negative x counts from the
    right edge); None for the whole canvas.
    """
    return frame.evaluate(
        """([sel, rgb, tol, region]) => {
            const c = document.querySelector(sel);
            const k = c.width / c.getBoundingClientRect().width;
            let [x0, x1, y0, y1] = region || [0, c.width / k, 0, c.height / k];
            if (x0 < 0) x0 = c.width / k + x0;
            if (x1 < 0) x1 = c.width / k + x1;
            const w = Math.max(1, Math.round((x1 - x0) * k)), h = Math.max(1, Math.round((y1 - y0) * k));
            const d = c.getContext('2d').getImageData(Math.round(x0 * k), Math.round(y0 * k), w, h).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i+3] < 160) continue;
                if (!rgb || (Math.abs(d[i]-rgb[0]) < tol && Math.abs(d[i+1]-rgb[1]) < tol
                             && Math.abs(d[i+2]-rgb[2]) < tol)) n++;
            }
            return n;
        }""", [selector, list(rgb) if rgb else None, tol, list(region) if region else None])


def test_tab_run_list_statuses_and_no_errors(panel, server):
    _, _, expected = server
    # The tab is in TensorBoard's header.
    assert panel.page.get_by_text("LR Health", exact=True).first.is_visible()
    rows = panel.rows()
    by_name = {r["name"]: r for r in rows}
    for name, status in expected.items():
        assert by_name[name]["status"] == status, (name, by_name[name])
        assert by_name[name]["badge"] == status
    # Worst first.
    rank = {"critical": 2, "warning": 1, "healthy": 0}
    ranks = [rank[r["status"]] for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    # The top finding is visible without clicking, and the worst run is selected.
    assert "divergence" in by_name["diverging"]["top"]
    # (the engine's own top finding for it, as the listing route gives it)
    _, listing = get_json(server[0] + PLUGIN + "/experiments")
    top = {e["name"]: e["top_finding"] for e in listing["experiments"]}["oscillating"]
    assert by_name["oscillating"]["top"].startswith(top["kind"].replace("_", " "))
    assert top["message"] in by_name["oscillating"]["top"]
    assert rows[0]["name"] == "diverging" and rows[0]["active"]
    panel.frame.wait_for_selector(".lrh-finding")
    panel.shot("01_diverging")
    assert panel.errors == []
    assert panel.dialogs == []


def test_filter_box(panel):
    panel.frame.fill(".lrh-filter", "osc")
    names = [r["name"] for r in panel.rows()]
    assert names == ["oscillating"]
    panel.frame.fill(".lrh-filter", "no-such-run")
    assert panel.rows() == []
    assert panel.frame.locator(".lrh-list-empty").is_visible()
    panel.frame.fill(".lrh-filter", "")
    assert len(panel.rows()) >= 5


def test_chart_draws_both_axes(panel):
    panel.select("healthy")
    # uPlot draws axes on the canvas: tick labels of the loss axis (grey) on
    # the left, of the LR axis (green) on the right, and of the step axis.
    canvas = ".lrh-chart canvas"
    height = panel.frame.evaluate("() => document.querySelector('.lrh-chart canvas').getBoundingClientRect().height")
    grey, green = (0x5f, 0x63, 0x68), (0x18, 0x80, 0x38)
    left = _color_pixels(panel.frame, canvas, None, region=(0, 70, 0, height - 40))
    right = _color_pixels(panel.frame, canvas, green, 70, region=(-70, -1, 0, height - 40))
    bottom = _color_pixels(panel.frame, canvas, grey, 70, region=(90, -90, height - 32, height - 1))
    assert left > 60 and right > 60 and bottom > 60, (left, right, bottom)
    # The lines themselves: train loss (blue), LR (green), val loss (orange).
    assert _color_pixels(panel.frame, canvas, (0x1a, 0x73, 0xe8)) > 200
    assert _color_pixels(panel.frame, canvas, (0x18, 0x80, 0x38)) > 200
    assert _color_pixels(panel.frame, canvas, (0xe8, 0x71, 0x0a)) > 100  # val loss
    # The legend names the series and shows values.
    legend = panel.frame.locator("[data-testid=overlay-chart] .lrh-legend").inner_text()
    for label in ("train loss", "val loss", "LR"):
        assert label in legend
    # Hover: the legend follows the cursor.
    box = panel.frame.locator(".u-over").first.bounding_box()
    panel.page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    step_text = panel.frame.locator("[data-testid=overlay-chart] .lrh-legend-step").inner_text()
    assert step_text.startswith("step ") and "last" not in step_text
    step = float(step_text.split()[1])
    assert 350 < step < 650
    # LR log toggle: off -> linear LR axis ticks.
    panel.frame.locator("[data-testid=log-lr]").uncheck()
    panel.frame.wait_for_timeout(100)
    panel.shot("02_healthy_linear_lr")
    assert panel.errors == []


def test_clicking_a_finding_highlights_its_range(panel, server):
    base = server[0]
    _, rep = get_json(base + PLUGIN + "/report?experiment=oscillating")
    osc = [f for f in rep["findings"] if f["kind"] == "oscillation"][0]
    panel.select("oscillating")
    assert panel.frame.locator(".lrh-band.active").count() == 0
    item = panel.frame.locator(".lrh-finding[data-kind=oscillation]")
    assert osc["message"] in item.inner_text()
    assert osc["suggestion"] in item.inner_text()
    assert "number of rises" in item.locator(".lrh-evidence").inner_text()
    item.click()
    assert "active" in item.get_attribute("class")
    band = panel.frame.locator(".lrh-band.active")
    assert band.count() == 1
    assert float(band.get_attribute("data-start")) == osc["start_step"]
    assert float(band.get_attribute("data-end")) == osc["end_step"]
    # Its pixels sit where the steps are on the x axis.
    chart = panel.frame.locator(".lrh-chart").first
    xmin = float(chart.get_attribute("data-x-min"))
    xmax = float(chart.get_attribute("data-x-max"))
    over = panel.frame.locator(".u-over").first.bounding_box()
    bb = band.bounding_box()
    want_left = over["x"] + (osc["start_step"] - xmin) / (xmax - xmin) * over["width"]
    want_right = over["x"] + (min(osc["end_step"], xmax) - xmin) / (xmax - xmin) * over["width"]
    assert abs(bb["x"] - want_left) < 3
    assert abs(bb["x"] + bb["width"] - want_right) < 3
    panel.shot("03_oscillation_highlighted")
    item.click()
    assert panel.frame.locator(".lrh-band.active").count() == 0
    assert panel.errors == []


def test_divergence_marker(panel, server):
    base = server[0]
    _, rep = get_json(base + PLUGIN + "/report?experiment=diverging")
    div = [f for f in rep["findings"] if f["kind"] == "divergence"][0]
    panel.select("diverging")
    marker = panel.frame.locator(".lrh-vline.marker[data-kind=divergence]")
    assert marker.count() == 1
    at = div.get("step", div["start_step"])
    assert float(marker.get_attribute("data-step")) == at
    assert marker.inner_text() == "diverged"
    # The scenario's loss turns NaN at 60 %: the chart marks where.
    nan_step = div["evidence"]["first_nonfinite_step"]
    nan_line = panel.frame.locator(".lrh-vline[data-kind=nonfinite]")
    assert float(nan_line.get_attribute("data-step")) == nan_step
    assert nan_line.inner_text() == "NaN/Inf"
    panel.shot("03b_divergence")


def test_overfitting_best_step_line(panel, server):
    base = server[0]
    _, rep = get_json(base + PLUGIN + "/report?experiment=overfitting")
    ov = [f for f in rep["findings"] if f["kind"] == "overfitting"][0]
    panel.select("overfitting")
    line = panel.frame.locator(".lrh-vline[data-kind=overfitting]")
    assert line.count() == 1
    assert float(line.get_attribute("data-step")) == ov.get("step", ov["start_step"])
    assert line.inner_text() == "best val"
    # Clicking the finding also shades its range.
    panel.frame.locator(".lrh-finding[data-kind=overfitting]").click()
    band = panel.frame.locator(".lrh-band.active")
    assert band.count() == 1 and float(band.get_attribute("data-end")) == ov["end_step"]
    panel.shot("04_overfitting")
    assert panel.errors == []


def test_hostile_run_name_is_text(panel):
    names = [r["name"] for r in panel.rows()]
    assert HOSTILE in names
    panel.select(HOSTILE)
    assert panel.frame.locator(".lrh-exp-name").inner_text() == HOSTILE
    # No element was created from the name: no <img> anywhere, nothing fired.
    assert panel.frame.evaluate("() => document.querySelectorAll('img').length") == 0
    assert panel.page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
    panel.frame.wait_for_timeout(300)
    panel.shot("04b_hostile_name")
    assert panel.dialogs == []
    assert panel.errors == []


def _report_query(url):
    if "/data/plugin/lr_health/report" not in url:
        return None
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query)


def test_zoom_rerequests_window_and_resets(panel):
    panel.select("healthy")
    over = panel.frame.locator(".u-over").first.bounding_box()
    y = over["y"] + over["height"] / 2
    with panel.page.expect_request(lambda r: "start" in (_report_query(r.url) or {}), timeout=10000) as req:
        panel.page.mouse.move(over["x"] + over["width"] * 0.25, y)
        panel.page.mouse.down()
        panel.page.mouse.move(over["x"] + over["width"] * 0.5, y, steps=6)
        panel.page.mouse.up()
    q = _report_query(req.value.url)
    start, end = float(q["start"][0]), float(q["end"][0])
    assert q["experiment"] == ["healthy"]
    assert 150 < start < 350 and 400 < end < 600
    chart = panel.frame.locator(".lrh-chart").first
    panel.frame.wait_for_function(
        "s => Math.abs(Number(document.querySelector('.lrh-chart').dataset.xMin) - s) < 1", arg=start)
    reset = panel.frame.locator("[data-testid=reset-zoom]")
    assert reset.is_enabled()
    panel.shot("05_zoomed")
    # Double-click resets: the whole run is requested again.
    with panel.page.expect_request(
            lambda r: (_report_query(r.url) is not None and "start" not in _report_query(r.url)),
            timeout=10000):
        panel.page.mouse.dblclick(over["x"] + over["width"] * 0.6, y)
    panel.frame.wait_for_function("() => Number(document.querySelector('.lrh-chart').dataset.xMin) <= 1")
    assert float(chart.get_attribute("data-x-max")) >= 999
    assert not reset.is_enabled()
    assert panel.errors == []


def test_compare_overlays_experiments_in_their_colours(panel):
    for name in ("healthy", "oscillating", "diverging"):
        row = panel.frame.locator(".lrh-run", has=panel.frame.locator(".lrh-run-name", has_text=name)).first
        row.locator("input[type=checkbox]").check()
    panel.frame.wait_for_selector("[data-testid=compare-loss] canvas", timeout=20000)
    panel.frame.wait_for_selector("[data-testid=compare-lr] canvas", timeout=20000)
    assert panel.frame.locator(".lrh-exp-name").inner_text() == "Comparing 3 experiments"
    lr_legend = panel.frame.locator("[data-testid=compare-lr] .lrh-legend").inner_text()
    for name in ("healthy", "oscillating", "diverging"):
        assert name in lr_legend
    # The same colour for an experiment in the list dot and in both legends.
    colours = panel.frame.evaluate(
        """() => {
            const out = {};
            for (const r of document.querySelectorAll('.lrh-run.checked')) {
                out[r.querySelector('.lrh-run-name').textContent] =
                    getComputedStyle(r.querySelector('.lrh-dot')).backgroundColor;
            }
            const leg = (sel) => Object.fromEntries(Array.from(document.querySelectorAll(sel + ' .lrh-legend-item')).map(
                i => [i.querySelector('.lrh-legend-label').textContent, getComputedStyle(i.querySelector('.lrh-swatch')).borderTopColor]));
            return {list: out, lr: leg('[data-testid=compare-lr]'), loss: leg('[data-testid=compare-loss]')};
        }""")
    assert len(set(colours["list"].values())) == 3
    for name, c in colours["list"].items():
        assert colours["lr"][name] == c
        assert colours["loss"][name + " train"] == c
    panel.shot("06_compare")
    assert panel.errors == []


def test_sampled_notice(panel):
    panel.select("long")
    notice = panel.frame.locator("[data-testid=sampled-notice]")
    assert notice.is_visible()
    assert "--samples_per_plugin=scalars=0" in notice.inner_text()
    panel.select("healthy")
    assert panel.frame.locator("[data-testid=sampled-notice]").count() == 0


def test_reload_picks_up_new_runs_and_keeps_selection(panel, server):
    base, root, _ = server
    panel.select("oscillating")
    steps = np.arange(300)
    logwriters.write_simple(os.path.join(root, "late_run"), {
        "train/loss": list(zip(steps.tolist(), (1 + np.exp(-steps / 60)).tolist())),
        "train/lr": list(zip(steps.tolist(), [1e-3] * 300)),
    })

    for _ in range(60):
        panel.frame.click("[data-testid=reload]")
        panel.frame.wait_for_timeout(1000)
        if "late_run" in [r["name"] for r in panel.rows()]:
            break
    assert "late_run" in [r["name"] for r in panel.rows()]
    active = [r["name"] for r in panel.rows() if r["active"]]
    assert active == ["oscillating"]
    assert panel.frame.locator(".lrh-exp-name").inner_text() == "oscillating"
    # TensorBoard's own reload button reaches the panel through the iframe
    # plugin API ("experimental.DataReloaded"): the panel fetches again.
    panel.frame.wait_for_timeout(2500)
    with panel.page.expect_request(lambda r: "/data/plugin/lr_health/experiments" in r.url, timeout=15000):
        panel.page.click("button.reload-button")
    panel.frame.wait_for_timeout(500)
    assert [r["name"] for r in panel.rows() if r["active"]] == ["oscillating"]
    assert panel.errors == []


def test_run_without_any_loss_says_no_data(panel, server):
    """A run that logged only the LR was not judged: 'no data', not 'healthy'."""
    base, root, _ = server
    steps = np.arange(100)
    logwriters.write_simple(os.path.join(root, "lr_only_run"), {
        "train/lr": list(zip(steps.tolist(), [1e-3] * 100))})
    for _ in range(60):
        panel.frame.click("[data-testid=reload]")
        panel.frame.wait_for_timeout(1000)
        if "lr_only_run" in [r["name"] for r in panel.rows()]:
            break
    row = next(r for r in panel.rows() if r["name"] == "lr_only_run")
    assert row["badge"] == "no data"
    healthy = next(r for r in panel.rows() if r["name"] == "healthy")
    assert healthy["badge"] == "healthy"
    assert panel.errors == []


def test_narrow_window(browser, server):
    p = Panel(browser, server[0], width=480, height=800)
    try:
        p.select("oscillating")
        overflow = p.frame.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        canvas_w = p.frame.evaluate("() => document.querySelector('.lrh-chart canvas').getBoundingClientRect().width")
        assert 200 < canvas_w <= 480
        p.shot("07_narrow")
        assert p.errors == []
    finally:
        p.close()


def test_panel_records_view_timing(panel):
    """The panel records fetch+parse+draw per view as performance.measure
    'lrh:view' (benchmarks/panel_load.py reads it; speed is judged there, not
    in a timed test)."""
    panel.select("long")
    ms = panel.frame.evaluate(
        "() => performance.getEntriesByName('lrh:view').map(e => e.duration)")
    assert ms, "the panel records a performance measure per loaded view"
    assert all(m > 0 for m in ms)


def test_error_state_then_retry(browser, server):
    """A failing route shows its error sentence and a Retry that works."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    failing = {"on": True}

    def route(r):
        if failing["on"]:
            r.fulfill(status=500, content_type="application/json",
                      body='{"error": "internal error in /experiments; see the TensorBoard log"}')
        else:
            r.continue_()
    page.route("**/data/plugin/lr_health/experiments*", route)
    try:
        page.goto(server[0] + "/#lr_health")
        page.wait_for_selector("iframe", timeout=30000)
        frame = page.locator("iframe").first.element_handle().content_frame()
        frame.wait_for_selector(".lrh-message.error", timeout=30000)
        text = frame.locator(".lrh-message").inner_text()
        assert "Cannot load experiments" in text and "see the TensorBoard log" in text
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, "08_error.png"))
        failing["on"] = False
        frame.click(".lrh-message button")
        frame.wait_for_selector(".lrh-chart canvas", timeout=30000)
        assert frame.locator(".lrh-run").count() >= 5
    finally:
        ctx.close()


def test_empty_state_says_what_to_log(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.route("**/data/plugin/lr_health/experiments*",
               lambda r: r.fulfill(status=200, content_type="application/json", body='{"experiments": []}'))
    try:
        page.goto(server[0] + "/#lr_health")
        page.wait_for_selector("iframe", timeout=30000)
        frame = page.locator("iframe").first.element_handle().content_frame()
        frame.wait_for_selector(".lrh-help", timeout=30000)
        text = frame.locator(".lrh-message").inner_text()
        assert "keras.callbacks.TensorBoard" in text
        assert 'add_scalar("lr", scheduler.get_last_lr()[0], step)' in text
        assert 'tf.summary.scalar("learning_rate"' in text
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, "09_empty.png"))
        assert errors == []
    finally:
        ctx.close()


def _roles_text(frame):
    return frame.locator(".lrh-roles").inner_text()


def test_tag_mapping_ui_overrides_roles(panel):
    panel.select("healthy")
    assert "train loss: train/loss" in _roles_text(panel.frame)
    panel.frame.click(".lrh-mapping summary")
    panel.frame.fill("[data-testid=map-loss_tag]", "val/loss$")
    with panel.page.expect_request(lambda r: "loss_tag=val%2Floss%24" in r.url, timeout=10000):
        panel.frame.click("[data-testid=map-apply]")
    panel.frame.wait_for_function(
        "() => document.querySelector('.lrh-roles') && document.querySelector('.lrh-roles').textContent.includes('train loss: val/loss')")
    assert panel.frame.locator(".lrh-exp-name").inner_text() == "healthy"
    assert "1 custom" in panel.frame.locator(".lrh-mapping summary").inner_text()
    # An invalid regex is reported, not swallowed.
    panel.frame.fill("[data-testid=map-lr_tag]", "(")
    panel.frame.click("[data-testid=map-apply]")
    panel.frame.wait_for_selector(".lrh-inline-error, .lrh-message.error, .lrh-notice.error", timeout=10000)
    panel.shot("10_tag_mapping")
    panel.frame.click("text=Built-in rules")
    panel.frame.wait_for_function(
        "() => document.querySelector('.lrh-roles') && document.querySelector('.lrh-roles').textContent.includes('train loss: train/loss')")
    # 400 answers are expected above; nothing else went wrong.
    assert all("400" in e for e in panel.errors), panel.errors


def test_role_override_from_tensorboard_url(browser, server):
    base = server[0]
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    try:
        with page.expect_request(lambda r: "/lr_health/experiments" in r.url and "loss_tag=" in r.url,
                                 timeout=30000):
            page.goto(base + "/#lr_health&p.lr_health.loss_tag=" + urllib.parse.quote("val/loss$", safe=""))
        frame = page.locator("iframe").first.element_handle().content_frame()
        frame.wait_for_function(
            "() => document.querySelector('.lrh-roles') && document.querySelector('.lrh-roles').textContent.includes('train loss: val/loss')",
            timeout=30000)
    finally:
        ctx.close()


# ---- what the chart draws (issue 14) ---------------------------------------

def _chart_data(frame, index=0, box=None):
    """Drawn y ranges and tick labels of a chart (data attributes set on each draw)."""
    return frame.evaluate(
        """([i, box]) => { const c = box ? document.querySelector(box + ' .lrh-chart')
                                       : document.querySelectorAll('.lrh-chart')[i];
            return {scales: JSON.parse(c.dataset.scales), ticks: JSON.parse(c.dataset.ticks),
                    xMin: Number(c.dataset.xMin), xMax: Number(c.dataset.xMax)}; }""",
        [index, box])


def _one_format(labels):
    """Every non-empty label in one style: all exponent form or all plain
    numbers with the same number of decimals."""
    shown = [t for t in labels if t]
    exp = [("e" in t) for t in shown]
    if any(exp):
        return all(exp) or all(t == "0" or "e" in t for t in shown)
    decimals = {len(t.split(".")[1]) if "." in t else 0 for t in shown}
    return len(decimals) == 1


def test_divergence_keeps_the_loss_axis_on_the_meaningful_range(panel, server):
    base = server[0]
    _, rep = get_json(base + PLUGIN + "/report?experiment=diverging")
    loss = [v for v in rep["series"]["train_loss"]["values"] if isinstance(v, (int, float))]
    panel.select("diverging")
    d = _chart_data(panel.frame)
    lo, hi = d["scales"]["loss"]
    assert max(loss) > 100  # the run explodes to > 100 before NaN ...
    assert hi <= 10, d["scales"]  # ... the axis stays at a few times the pre-divergence loss
    ticks = [t for t in d["ticks"]["loss"] if t]
    assert 2 <= len(ticks) <= 10 and _one_format(ticks), ticks
    assert _one_format(d["ticks"]["lr"]), d["ticks"]["lr"]
    off = panel.frame.locator(".lrh-vline[data-kind=offscale]")
    assert off.count() >= 1
    div = [f for f in rep["findings"] if f["kind"] == "divergence"][0]
    assert div["start_step"] <= float(off.first.get_attribute("data-step")) <= 600
    assert "off scale" in off.first.inner_text()
    panel.shot("12_diverging_clamped")
    assert panel.errors == []


def test_constant_lr_is_drawn_inside_its_axis(panel):
    panel.select("constant_lr")
    d = _chart_data(panel.frame)
    lo, hi = d["scales"]["lr"]
    import math
    pos = (math.log10(1e-3) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    assert 0.1 < pos < 0.9, (lo, hi, pos)
    # The green LR line is on screen, well above the plot's bottom edge.
    rows = panel.frame.evaluate(
        """() => { const c = document.querySelector('.lrh-chart canvas');
            const ctx = c.getContext('2d'); const d = ctx.getImageData(0, 0, c.width, c.height).data;
            const ys = [];
            for (let y = 0; y < c.height; y++) { let n = 0;
              for (let x = Math.floor(c.width * 0.2); x < c.width * 0.8; x++) {
                const i = (y * c.width + x) * 4;
                if (d[i+3] > 160 && Math.abs(d[i]-0x18) < 40 && Math.abs(d[i+1]-0x80) < 40
                    && Math.abs(d[i+2]-0x38) < 40) n++; }
              if (n > c.width * 0.3) ys.push(y / c.height); }
            return ys; }""")
    assert rows, "a horizontal green LR line is drawn"
    assert 0.1 < rows[0] < 0.8, rows
    panel.shot("13_constant_lr")


def test_lr_of_zero_is_marked_on_the_log_axis(panel, server):
    panel.select("lr_to_zero")
    zero = panel.frame.locator(".lrh-zero[data-kind=lr-zero]")
    assert zero.count() == 1
    assert 470 <= float(zero.get_attribute("data-start")) <= 490
    assert float(zero.get_attribute("data-end")) >= 590
    assert zero.inner_text() == "LR = 0"
    bb = zero.bounding_box()
    over = panel.frame.locator(".u-over").first.bounding_box()
    assert abs((bb["y"] + bb["height"]) - (over["y"] + over["height"])) < 3  # at the axis bottom
    assert bb["width"] > 20
    # Linear LR axis: zero is a drawable value, no band needed.
    panel.frame.locator("[data-testid=log-lr]").uncheck()
    panel.frame.wait_for_timeout(100)
    assert panel.frame.locator(".lrh-zero").count() == 0
    panel.frame.locator("[data-testid=log-lr]").check()
    panel.shot("14_lr_zero")
    assert panel.errors == []


def test_epoch_run_accuracy_chart_steps_and_smoothing(panel):
    panel.select("epochs_accuracy")
    # 40 epoch points: no smoothing by default (it would lag by epochs).
    assert panel.frame.locator("[data-testid=smoothing-value]").inner_text() == "0.00 auto"
    acc = panel.frame.locator("[data-testid=accuracy-chart]")
    assert acc.is_visible() and acc.locator("canvas").count() == 1
    assert "val acc" in acc.locator(".lrh-legend").inner_text()
    # The accuracy peaks at 0.9 (first reached at epoch 21) and falls from epoch 25 while the
    # validation loss climbs: one overfitting finding tells both (the accuracy's decline is
    # folded into it). The loss chart marks it at the best validation loss, the accuracy chart
    # at the accuracy's best, where its decline starts.
    main = panel.frame.locator("[data-testid=overlay-chart]")
    acc_marks = acc.locator(".lrh-vline[data-kind=overfitting]")
    assert acc_marks.count() == 1
    assert "acc drop" in acc_marks.inner_text()
    assert float(acc_marks.get_attribute("data-step")) == 21
    assert main.locator(".lrh-vline[data-kind=overfitting]").count() == 1
    assert main.locator(".lrh-vline[data-kind=accuracy_drop]").count() == 0
    assert acc.locator(".lrh-vline[data-kind=accuracy_drop]").count() == 0
    # The step-wise LR is drawn as steps.
    assert main.locator(".lrh-legend-item[data-paths=stepped]").count() >= 1
    # Shared x axis and cursor.
    a = _chart_data(panel.frame, box="[data-testid=overlay-chart]")
    b = _chart_data(panel.frame, box="[data-testid=accuracy-chart]")
    assert (a["xMin"], a["xMax"]) == (b["xMin"], b["xMax"])
    box = panel.frame.locator("[data-testid=overlay-chart] .u-over").bounding_box()
    panel.page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    panel.frame.wait_for_timeout(100)
    steps = panel.frame.evaluate(
        "() => Array.from(document.querySelectorAll('.lrh-legend-step')).map(e => e.textContent)")
    assert len(steps) == 2 and steps[0] == steps[1] and "last" not in steps[0], steps
    # The raw epoch points are drawn and moving the slider keeps them.
    panel.shot("15_epochs_accuracy")
    assert panel.errors == []


def test_run_wide_finding_is_a_ribbon_not_a_shade(panel):
    panel.select("lr_far_too_low")
    ribbon = panel.frame.locator(".lrh-runwide[data-kind=lr_too_low]")
    assert ribbon.count() == 1 and "whole run" in ribbon.inner_text()
    assert panel.frame.locator(".lrh-band[data-kind=lr_too_low]").count() == 0
    panel.shot("16_run_wide")


def test_evidence_in_plain_words_and_series_named(panel):
    panel.select("oscillating")
    item = panel.frame.locator(".lrh-finding[data-kind=oscillation]")
    ev = item.locator(".lrh-evidence").inner_text()
    for internal in ("rise fall ratio", "swing rel", "escalated", "true", "curve"):
        assert internal not in ev, ev
    assert "rises over falls" in ev and "×" in ev
    assert item.locator(".lrh-ev[title]").count() >= 1  # a term explained on hover
    assert "on train loss" in item.locator(".lrh-finding-about").inner_text()
    panel.select("diverging")
    about = panel.frame.locator(".lrh-finding[data-kind=divergence] .lrh-finding-about")
    assert about.inner_text().startswith("on ") and "loss" in about.inner_text()


def test_notes_are_shown_once(panel):
    panel.select("two_lrs")
    notes = panel.frame.locator(".lrh-notice").all_inner_texts()
    lr_notes = [n for n in notes if "learning-rate series" in n]
    assert len(lr_notes) == 1, notes
    row = [r for r in panel.rows() if r["name"] == "two_lrs"][0]
    assert "learning-rate series" not in row["top"]


def test_recommendation_at_the_top_of_the_findings(browser, server):
    import json
    base = server[0]
    p = Panel.__new__(Panel)

    def route(r):
        resp = r.fetch()
        body = resp.json()
        body["recommendation"] = {"kind": "oscillation", "text": "Lower the peak LR to 5e-2."}
        r.fulfill(response=resp, body=json.dumps(body))
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.route("**/data/plugin/lr_health/report?*", route)
    try:
        page.goto(base + "/#lr_health")
        page.wait_for_selector("iframe", timeout=30000)
        frame = page.locator("iframe").first.element_handle().content_frame()
        p.frame, p.page = frame, page
        frame.wait_for_selector(".lrh-run", timeout=30000)
        frame.wait_for_selector(DONE, state="attached", timeout=60000)
        Panel.select(p, "oscillating")
        rec = frame.locator(".lrh-findings [data-testid=recommendation]")
        assert rec.inner_text() == "Recommendation: Lower the peak LR to 5e-2."
        first = frame.evaluate(
            "() => document.querySelector('.lrh-findings h3').nextElementSibling.dataset.testid")
        assert first == "recommendation"
    finally:
        ctx.close()


def test_compare_draws_each_runs_markers_in_its_colour(panel):
    for name in ("healthy", "overfitting", "diverging"):
        row = panel.frame.locator(".lrh-run", has=panel.frame.locator(".lrh-run-name", has_text=name)).first
        row.locator("input[type=checkbox]").check()
    panel.frame.wait_for_selector("[data-testid=compare-loss] canvas", timeout=20000)
    panel.frame.wait_for_selector("[data-testid=compare-loss] .lrh-vline[data-run=diverging]", timeout=20000)
    colours = panel.frame.evaluate(
        """() => { const out = {};
            for (const r of document.querySelectorAll('.lrh-run.checked'))
                out[r.querySelector('.lrh-run-name').textContent] =
                    getComputedStyle(r.querySelector('.lrh-dot')).backgroundColor;
            const m = {};
            for (const v of document.querySelectorAll('[data-testid=compare-loss] .lrh-vline.colored'))
                m[v.dataset.run + ':' + v.dataset.kind] = getComputedStyle(v).borderLeftColor;
            return {list: out, markers: m}; }""")
    assert colours["markers"]["diverging:divergence"] == colours["list"]["diverging"]
    assert colours["markers"]["overfitting:overfitting"] == colours["list"]["overfitting"]
    # The diverging run's explosion does not flatten the others.
    d = _chart_data(panel.frame, box="[data-testid=compare-loss]")
    assert d["scales"]["loss"][1] <= 10
    assert panel.frame.locator("[data-testid=compare-loss] .lrh-vline[data-kind=offscale]").count() >= 1
    # The last step label is not clipped at the right edge of the canvas.
    edge = panel.frame.evaluate(
        """() => { const c = document.querySelector('[data-testid=compare-loss] canvas');
            const d = c.getContext('2d').getImageData(c.width - 3, c.height - 40, 3, 40).data;
            let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i+3] > 100) n++; return n; }""")
    assert edge == 0
    assert _chart_data(panel.frame, box="[data-testid=compare-loss]")["ticks"]["x"][-1] != ""
    panel.shot("17_compare_markers")
    assert panel.errors == []


def _lum(rgb):
    def ch(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def _contrast(a, b):
    la, lb = sorted((_lum(a), _lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _theme_colours(frame):
    return frame.evaluate(
        """() => { const rgb = (s) => s.match(/\\d+/g).slice(0, 3).map(Number);
            const cs = (sel, p) => rgb(getComputedStyle(document.querySelector(sel))[p]);
            return {dark: document.documentElement.classList.contains('lrh-dark'),
                    bg: cs('body', 'backgroundColor'), text: cs('body', 'color'),
                    card: cs('.lrh-side', 'backgroundColor'), muted: cs('.lrh-summary', 'color'),
                    crit: cs('.lrh-badge.status-critical', 'color'),
                    critBg: cs('.lrh-badge.status-critical', 'backgroundColor')}; }""")


def test_dark_mode_follows_tensorboard(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    page = ctx.new_page()
    try:
        page.goto(server[0] + "/#lr_health")
        page.wait_for_selector("iframe", timeout=30000)
        # TensorBoard's own app marks its body (browser default follows the OS theme).
        page.wait_for_function("() => document.body.classList.contains('dark-mode')", timeout=30000)
        frame = page.locator("iframe").first.element_handle().content_frame()
        frame.wait_for_selector(".lrh-chart canvas", timeout=30000)
        frame.wait_for_selector(DONE, state="attached", timeout=60000)
        c = _theme_colours(frame)
        assert c["dark"] and _lum(c["bg"]) < 0.05 and _lum(c["card"]) < 0.05, c
        assert _contrast(c["text"], c["bg"]) >= 7 and _contrast(c["muted"], c["card"]) >= 4.5, c
        assert _contrast(c["crit"], c["critBg"]) >= 4.5, c
        # Axis labels are drawn light on the dark canvas.
        light = _color_pixels(frame, ".lrh-chart canvas", (0xbd, 0xc1, 0xc6), 50, region=(0, 60, 0, 250))
        assert light > 40, light
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, "18_dark.png"))
        # TensorBoard's header toggle switches the panel back without a reload.
        page.evaluate("() => document.body.classList.remove('dark-mode')")
        frame.wait_for_function("() => !document.documentElement.classList.contains('lrh-dark')",
                                timeout=5000)
        c = _theme_colours(frame)
        assert _lum(c["bg"]) > 0.8 and _contrast(c["text"], c["bg"]) >= 7, c
        assert _contrast(c["crit"], c["critBg"]) >= 4.5, c
    finally:
        ctx.close()


def test_large_logdir_lists_at_once_and_fills_verdicts(browser, tmp_path):
    """500 runs: the rows come at once, verdicts fill in with a count and the
    list ends worst first (times are measured in benchmarks/panel_progressive.py)."""
    from benchmarks import generate
    root = str(tmp_path / "many")
    generate.generate(root, 500, 60, quiet=True)
    with tensorboard(root, timeout=180) as base:
        wait_for(lambda: len(get_json(base + PLUGIN + "/experiments?pending=1")[1]["experiments"]) == 500,
                 timeout=300, interval=2)
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        try:
            page.goto(base + "/#lr_health")
            page.wait_for_selector("iframe", timeout=30000)
            frame = page.locator("iframe").first.element_handle().content_frame()
            frame.wait_for_selector(".lrh-run", timeout=60000)
            assert frame.locator(".lrh-run").count() == 500
            seen = frame.evaluate(
                "() => Number(document.querySelector('[data-testid=verdict-progress]').dataset.pending)")
            text = frame.locator("[data-testid=verdict-progress]").inner_text()
            assert seen == 0 or ("judging" in text and "of 500" in text), text
            frame.wait_for_selector(DONE, state="attached", timeout=240000)
            statuses = frame.evaluate(
                "() => Array.from(document.querySelectorAll('.lrh-run')).map(r => r.dataset.status)")
            rank = {"critical": 2, "warning": 1, "healthy": 0}
            assert "pending" not in statuses
            assert [rank[s] for s in statuses] == sorted((rank[s] for s in statuses), reverse=True)
            assert "critical" in statuses
            os.makedirs(SHOTS, exist_ok=True)
            page.screenshot(path=os.path.join(SHOTS, "19_500_runs.png"))
        finally:
            ctx.close()
