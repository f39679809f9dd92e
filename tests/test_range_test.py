"""LR range tests: the engine (recognise / suggest) and real range tests trained in
PyTorch and Keras, read back through TensorBoard's data provider."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import lr_trainings
from tb_lrsched import analysis, data, loader, model, service
from tb_lrsched.engine import range_test as RT


# -- the engine --------------------------------------------------------------------

def _exp_lr(n=150, lo=1e-6, hi=10.0):
    steps = np.arange(n, dtype=float)
    return steps, lo * (hi / lo) ** (steps / (n - 1))


def test_recognises_an_exponential_rise_per_step_and_every_few_steps():
    s, v = _exp_lr()
    shape = RT.recognise(s, v)
    assert shape is not None and shape.decades == pytest.approx(7.0)
    assert RT.recognise(s[::5], v[::5]) is not None  # logged every 5 steps
    # a staircase (LR multiplied every 10 steps, logged every step)
    stair = 1e-5 * 10 ** (np.floor(s / 10) / 3)
    assert RT.recognise(s, stair) is not None


def test_recognise_tolerates_a_nan_tail_and_unsorted_steps():
    s, v = _exp_lr()
    v = v.copy()
    v[-10:] = np.nan
    assert RT.recognise(s, v) is not None
    order = np.random.default_rng(0).permutation(s.size)
    assert RT.recognise(s[order], v[order]) is not None


@pytest.mark.parametrize("name,lr", [
    ("constant", np.full(200, 0.1)),
    ("cosine", 0.1 * 0.5 * (1 + np.cos(np.pi * np.arange(200) / 200))),
    ("warmup then cosine", np.concatenate([np.linspace(1e-5, 0.1, 20),
                                           0.1 * 0.5 * (1 + np.cos(np.pi * np.arange(180) / 180))])),
    ("step decay", 0.1 * 0.1 ** (np.arange(200) // 70)),
    ("linear warmup from 0", np.linspace(0.0, 0.1, 200)),
    ("linear ramp 1e-8 to 1", np.linspace(1e-8, 1.0, 200)),
    ("only one decade", 1e-3 * 10 ** (np.arange(200) / 199)),
    ("too few points", 1e-6 * 10 ** np.arange(6)),
])
def test_not_a_range_test(name, lr):
    assert RT.recognise(np.arange(lr.size), lr) is None, name


def test_ema_is_the_bias_corrected_average_of_the_lr_finders():
    x = np.random.default_rng(1).random(1300) * 5
    ref, avg = [], 0.0
    for i, v in enumerate(x):
        avg = 0.98 * avg + 0.02 * v
        ref.append(avg / (1 - 0.98 ** (i + 1)))
    np.testing.assert_allclose(RT.ema(x), ref, rtol=1e-12)
    assert RT.ema([]).size == 0


def _synthetic(n=200, seed=0):
    """Flat until 1e-4, falls until 1e-2, explodes above 1e-1 (loss x ~ 10)."""
    s, lr = _exp_lr(n, 1e-7, 10.0)
    ll = np.log10(lr)
    loss = 2.3 - 2.0 / (1 + np.exp(-(ll + 3) * 3))
    loss = loss + np.where(ll > -1, (10 ** ((ll + 1) * 1.5) - 1), 0)
    rng = np.random.default_rng(seed)
    return lr, loss * (1 + 0.02 * rng.standard_normal(n))


def test_suggest_reads_steepest_valley_minimum_and_divergence():
    lr, loss = _synthetic()
    s = RT.suggest(lr, loss)
    assert s.divergence_lr is not None and s.divergence_lr > 1e-1
    assert s.min_loss_lr < s.divergence_lr
    assert s.valley_start_lr < s.valley_lr < s.valley_end_lr
    assert s.suggested_lr <= s.divergence_lr / 10
    assert s.smoothed.size == s.lr.size and s.lr[-1] <= s.divergence_lr


def test_suggest_stops_at_the_first_nonfinite_loss():
    lr, loss = _synthetic()
    loss = loss.copy()
    loss[150:] = np.inf
    s = RT.suggest(lr, loss)
    assert s.first_nonfinite_lr == pytest.approx(lr[150])
    assert s.divergence_lr <= lr[150]
    assert s.lr.size <= 150


def test_suggest_caps_at_a_tenth_of_the_divergence():
    lr, loss = _synthetic()
    # make it blow up right after the minimum: the valley is within 10x of it
    ll = np.log10(lr)
    loss = np.where(ll > -2.3, loss + 50 * (ll + 2.3), loss)
    s = RT.suggest(lr, loss)
    assert s.reason.endswith("_capped")
    assert s.suggested_lr == pytest.approx(s.divergence_lr / 10)


def test_suggest_on_nothing_readable():
    s = RT.suggest([1e-3, 1e-2], [1.0, np.nan])
    assert s.suggested_lr is None
    rising = RT.suggest(*_exp_lr(100)[::-1][:1], np.linspace(1, 2, 100))  # loss only rises
    assert rising.valley_lr is None and rising.steepest_lr is None


# -- real range tests ----------------------------------------------------------------

def fast_fall_region(lr, loss, w=7):
    """The LR stretch over which the logged loss falls through the middle half of its
    fall (from 75 % to 25 % of the way from its starting level to its minimum), on a
    centred running median (no lag). Computed here from the logged points, independently
    of the engine."""
    h = w // 2
    pad = np.pad(loss, (h, h), mode="edge")
    med = np.median(np.lib.stride_tricks.sliding_window_view(pad, w), axis=1)
    med = np.where(np.isfinite(med), med, np.inf)
    imin = int(np.argmin(med))
    top = float(np.median(med[: max(5, imin // 4)]))
    low = float(med[imin])
    hi_level, lo_level = low + 0.75 * (top - low), low + 0.25 * (top - low)
    before = med[: imin + 1]
    a = int(np.max(np.nonzero(before >= hi_level)[0]))
    b = int(np.argmax(before <= lo_level))
    assert b > a
    return float(lr[a]), float(lr[b])


@pytest.fixture(scope="session")
def rt_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("range_tests")
    lr_trainings.torch_range_test(str(root / "torch_lr_find"))
    lr_trainings.torch_range_test(str(root / "torch_lr_find_every5"), every=5)
    lr_trainings.keras_range_test(str(root / "keras_lr_find"))
    return str(root)


@pytest.fixture(scope="session")
def rt_read(rt_logdir):
    with loader.open_provider(rt_logdir, "python") as (provider, ctx, eid):
        plans = data.plans(provider, ctx, eid)
        exps = data.read_all(provider, ctx, eid, plans, None, {})
        records = service.check_all(provider, ctx, eid)
    return {p.name: e for p, e in zip(plans, exps)}, {r["run"]: r for r in records}


def _logged(exp):
    """(LR, loss) pairs as logged: the per-batch loss where there is one."""
    loss = exp.train_loss_fine if exp.train_loss_fine is not None else exp.train_loss
    lr_at = 10 ** np.interp(loss.steps, exp.lr.steps, np.log10(exp.lr.values))
    keep = (loss.steps >= exp.lr.steps[0]) & (loss.steps <= exp.lr.steps[-1])
    return lr_at[keep], loss.values[keep]


@pytest.mark.parametrize("name", ["torch_lr_find", "torch_lr_find_every5", "keras_lr_find"])
def test_real_range_test_is_healthy_and_suggests_an_lr_where_the_loss_falls_fastest(
        rt_read, name):
    exps, records = rt_read
    rec = records[name]
    assert rec["status"] == model.HEALTHY
    kinds = [f["kind"] for f in rec["findings"]]
    assert kinds == ["lr_range_test"], kinds
    f = rec["findings"][0]
    assert f["severity"] == "info"
    ev = f["evidence"]
    logged_lr = exps[name].lr.values
    assert ev["decades_swept"] == pytest.approx(np.log10(logged_lr.max() / logged_lr.min()),
                                                abs=0.01)
    lo, hi = fast_fall_region(*_logged(exps[name]))
    assert lo <= ev["suggested_lr"] <= hi, (ev, lo, hi)
    assert "%s" % "max / peak LR" in f["suggestion"]
    assert ev["steepest_lr"] > 0 and ev["min_loss_lr"] > 0 and ev["valley_lr"] > 0
    if "divergence_lr" in ev:
        assert ev["suggested_lr"] <= ev["divergence_lr"] / 10 * (1 + 1e-6)


def test_the_torch_range_test_diverged_and_that_is_in_the_evidence(rt_read):
    _, records = rt_read
    ev = records["torch_lr_find"]["findings"][0]["evidence"]
    lr, loss = _logged(rt_read[0]["torch_lr_find"])
    # the logged loss does explode: 4x above its best well before the end of the sweep
    assert np.nanmax(loss[lr > 1]) > 4 * np.nanmin(loss)
    assert 0.5 < ev["divergence_lr"] < 10


def test_the_report_carries_the_curve_the_panel_draws(rt_logdir):
    from tensorboard import context as tb_context

    with loader.open_provider(rt_logdir, "python") as (provider, ctx, eid):
        svc = service.AnalysisService()
        rep = svc.report(provider, tb_context.RequestContext(), eid, "torch_lr_find")
    curve = rep["range_test"]
    assert len(curve["lr"]) == len(curve["smoothed"]) == len(curve["loss"]) > 50
    assert np.all(np.diff(curve["lr"]) >= 0)
    assert curve["suggested_lr"] == rep["findings"][0]["evidence"]["suggested_lr"]


def test_an_ordinary_training_is_not_a_range_test(keras_logdir):
    with loader.open_provider(keras_logdir, "python") as (provider, ctx, eid):
        records = service.check_all(provider, ctx, eid)
    assert records and all(f["kind"] != "lr_range_test" for r in records for f in r["findings"])


def test_cli_never_fails_on_a_range_test(rt_logdir):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    r = subprocess.run([exe, "check", rt_logdir, "--format", "json", "--fail-on", "warning"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {x["run"] for x in doc["runs"]} == {"torch_lr_find", "torch_lr_find_every5",
                                               "keras_lr_find"}
    assert all(x["status"] == "healthy" for x in doc["runs"])


def test_analysis_without_lr_is_unchanged():
    exp = model.ExperimentSeries(name="x", train_loss=model.Series.of(
        np.arange(50), 2.0 * np.exp(-np.arange(50) / 10) + 0.1))
    assert all(f["kind"] != "lr_range_test" for f in analysis.analyze(exp)["findings"])
