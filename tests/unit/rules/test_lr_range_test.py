"""Rule `lr_range_test` and its engine (tb_lrsched/engine/range_test.py): recognising a
range test from its LR curve, reading the loss against the LR, and the rule's place in the
analysis (no training verdicts for a range test)."""

from __future__ import annotations

import numpy as np
import pytest

from tb_lrsched import analysis, model
from tb_lrsched.engine import range_test as RT
from tb_lrsched.engine.stats import roll_median
from tests.support.curves import S, exp_of, kinds


def _exp_lr(n=150, lo=1e-6, hi=10.0):
    steps = np.arange(n, dtype=float)
    return steps, lo * (hi / lo) ** (steps / (n - 1))


def test_recognises_an_exponential_rise_per_step_and_every_few_steps():
    s, v = _exp_lr()
    shape = RT.recognise(s, v)
    assert shape is not None and shape.decades == pytest.approx(7.0)
    assert RT.recognise(s[::5], v[::5]) is not None  # logged every 5 steps
    # a staircase (LR multiplied every 5 steps, logged every step)
    stair = 1e-5 * 10 ** (np.floor(s / 5) / 6)
    assert RT.recognise(s, stair) is not None
    # ... but levels that each hold for a large part of the run (15 levels of 10 steps, as an
    # LR grown epoch by epoch over 15 epochs) are a schedule of a training
    assert RT.recognise(s, 1e-5 * 10 ** (np.floor(s / 10) / 3)) is None
    # ... unless each level was logged once only (that says nothing of how long it held)
    assert RT.recognise(s[::10], (1e-5 * 10 ** (np.floor(s / 10) / 3))[::10]) is not None


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


def test_the_range_test_smoothing_has_no_lag():
    # a step from 2 to 0.5 at point 100: a running median centred on each point puts the
    # step at 100, where a moving average of the LR finders' beta 0.98 is half-way only
    # about 35 points later
    x = np.where(np.arange(200) < 100, 2.0, 0.5)
    m = roll_median(x, RT.window(x.size))
    assert int(np.argmax(m < 1.25)) == 100
    # spikes narrower than half the window leave no trace
    y = np.full(200, 1.0)
    y[[50, 120, 121]] = 100.0
    np.testing.assert_allclose(roll_median(y, 9), 1.0)
    assert roll_median(np.zeros(0), 9).size == 0


def test_window_scales_with_the_sweep_and_is_bounded():
    assert RT.window(50) == 5 and RT.window(300) == 13 and RT.window(100000) == 51
    assert all(RT.window(n) % 2 == 1 for n in range(1, 3000, 37))


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
    loss = np.where(ll > -3.0, loss + 50 * (ll + 3.0), loss)
    s = RT.suggest(lr, loss)
    assert s.reason.endswith("_capped")
    assert s.suggested_lr == pytest.approx(s.divergence_lr / 10)


def test_suggest_on_nothing_readable():
    s = RT.suggest([1e-3, 1e-2], [1.0, np.nan])
    assert s.suggested_lr is None
    rising = RT.suggest(*_exp_lr(100)[::-1][:1], np.linspace(1, 2, 100))  # loss only rises
    assert rising.valley_lr is None and rising.steepest_lr is None


# -- the rule in the analysis ------------------------------------------------------

def _range_test_exp(nan_from=None):
    lr, loss = _synthetic()
    loss = loss.copy()
    if nan_from is not None:
        loss[nan_from:] = np.nan
    return exp_of(S(loss), None, S(lr))


def test_a_range_test_is_healthy_with_only_its_info_finding():
    rep = analysis.analyze(_range_test_exp(), strict=True)
    assert rep["status"] == model.HEALTHY
    assert kinds(rep) == ["lr_range_test"]
    ev = rep["findings"][0]["evidence"]
    assert ev["decades_swept"] == 8
    assert ev["suggested_lr"] <= ev["divergence_lr"] / 10


def test_a_range_test_that_ends_in_nan_is_still_not_a_divergence():
    rep = analysis.analyze(_range_test_exp(nan_from=170), strict=True)
    assert rep["status"] == model.HEALTHY and kinds(rep) == ["lr_range_test"]
    # the same curves on a warmup schedule (not a range test) are a critical divergence
    lr, loss = _synthetic()
    loss = loss.copy()
    loss[170:] = np.nan
    warm = np.minimum(np.linspace(1e-4, 2.0, lr.size), 1.0)
    assert analysis.analyze(exp_of(S(loss), None, S(warm)))["status"] == model.CRITICAL


def test_analysis_without_lr_is_unchanged():
    exp = model.ExperimentSeries(name="x", train_loss=model.Series.of(
        np.arange(50), 2.0 * np.exp(-np.arange(50) / 10) + 0.1))
    assert all(f["kind"] != "lr_range_test" for f in analysis.analyze(exp)["findings"])


def test_the_suggestion_is_where_the_loss_made_half_its_fall():
    # a fall with a long shallow shoulder (slow in log LR at first, steep at the end): the
    # valley (halfway in log LR) sits on the shoulder, the half-fall LR in the steep part
    _, lr = _exp_lr(300, 1e-6, 10.0)
    ll = np.log10(lr)
    x = np.clip((ll + 4.0) / 2.5, 0.0, 1.0)            # the fall runs from 1e-4 to ~3e-2
    loss = 2.3 - 2.0 * x ** 3                          # slow start, steep end
    loss = np.where(ll > -1.0, loss + 10 ** ((ll + 1.0) * 2.0) - 1.0, loss)
    s = RT.suggest(lr, loss)
    assert s.reason == "half_fall" and s.suggested_lr == pytest.approx(s.half_fall_lr)
    lr_half = 10 ** (-4.0 + 2.5 * 0.5 ** (1 / 3))      # where 2.0 x^3 = 1.0: half the fall
    assert s.half_fall_lr == pytest.approx(lr_half, rel=0.15)
    assert s.valley_lr < s.half_fall_lr
