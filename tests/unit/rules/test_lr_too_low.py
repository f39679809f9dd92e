"""Rule `lr_too_low`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, flat, keras_run, kinds, one


def test_lr_too_low_slow_linear_decrease():
    lr = np.full(30, 1e-4)
    exp = keras_run(lr, lr_ref=1e-3, speed=6.0)  # 10x below the LR that would learn
    rep = analysis.analyze(exp, strict=True)
    f = one(rep, "lr_too_low")
    assert "1e-4" in f["suggestion"]
    assert f["evidence"]["progress"] < 0.5


def test_lr_too_low_creeping_loss_epoch_level():
    # plain SGD 1000x too low: 2.37 -> 2.33 in 20 epochs, smooth epoch averages
    rng = np.random.default_rng(12)
    tr = 2.37 - 0.002 * np.arange(20) + 0.0003 * rng.standard_normal(20)
    rep = analysis.analyze(exp_of(S(tr), S(tr + 0.01), S(np.full(20, 3e-4)), unit="epoch"),
                           strict=True)
    f = one(rep, "lr_too_low")
    assert "3e-3" in f["suggestion"]
    assert not any("never fell" in n for n in rep["notes"])


def test_lr_too_low_negative_good_lr():
    exp = keras_run(np.full(30, 1e-3), speed=6.0)
    assert "lr_too_low" not in kinds(analysis.analyze(exp, strict=True))


def test_lr_too_low_not_reported_for_bounce_then_crawl():
    # Real Keras curve (demo model, SGD+momentum 0.9 at a constant LR of 0.9,
    # i.e. ~10x too high): drops, bounces back up, then crawls down. The
    # thirds-rule alone reads it as "too low" and would advise LR 9.
    tr = np.array([1.304, 1.124, 0.883, 0.902, 0.907, 1.147, 0.843, 0.744, 0.926, 0.957,
                   1.001, 0.994, 0.886, 0.895, 0.806, 0.791, 0.991, 0.849, 0.895, 0.820,
                   0.756, 0.797, 0.802, 0.762, 0.715, 0.704, 0.695, 0.666, 0.665, 0.657])
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(30, 0.9)), unit="epoch"), strict=True)
    assert "lr_too_low" not in kinds(rep)
    for f in rep["findings"]:
        assert "raise" not in f["suggestion"].lower()


def test_stuck_at_chance_with_small_constant_lr_is_lr_too_low():
    # plain SGD at 1e-4: cross-entropy stays at ln(10) for 20 epochs, train and val, creeping
    # down by ~0.1 % as the real trainings at such an LR do (2.3026 -> 2.3004)
    creep = np.linspace(0.0, 0.0022, 20)
    tr, va = flat(20, 2.3026, 0.0002, 1) - creep, flat(20, 2.31, 0.002, 2)
    rep = analysis.analyze(exp_of(S(tr), S(va), S(np.full(20, 1e-4)), unit="epoch"), strict=True)
    f = one(rep, "lr_too_low")
    assert "nothing was learned" in f["message"] and "1e-3" in f["suggestion"]
    assert rep["status"] == "warning"


def test_a_frozen_loss_is_no_too_low_lr():
    # dead units: the loss does not even vary with the batch, whatever the LR
    tr, va = np.full(20, 2.3026) + 1e-5 * np.sin(np.arange(20)), flat(20, 2.31, 0.002, 2)
    rep = analysis.analyze(exp_of(S(tr), S(va), S(np.full(20, 5e-2)), unit="epoch"), strict=True)
    assert "lr_too_low" not in kinds(rep)
    assert "Nothing was learned" in one(rep, "plateau")["message"]
    # the plateau is the verdict: no note may say that none is given
    assert not any("no plateau verdict" in n for n in rep["notes"])


def test_memorising_labels_without_signal_is_a_plateau_not_a_too_low_lr():
    # shuffled labels: the training loss creeps down from ln(10) (memorising) and slows,
    # while the validation loss climbs steadily: more LR would only memorise faster
    ep = np.arange(30, dtype=float)
    tr = 2.306 - 0.065 * (1 - np.exp(-ep / 12.0)) + flat(30, 0.0, 0.0003, 3)
    va = 2.310 + 0.0017 * ep + flat(30, 0.0, 0.0003, 4)
    rep = analysis.analyze(exp_of(S(tr, ep), S(va, ep), S(np.full(30, 1e-3), ep), unit="epoch"),
                           strict=True)
    assert "lr_too_low" not in kinds(rep)
    assert "Nothing was learned" in one(rep, "plateau")["message"]
    # the same training loss next to a validation loss that creeps down too is slow learning
    va_down = 2.310 - 0.0012 * ep + flat(30, 0.0, 0.0003, 4)
    rep = analysis.analyze(exp_of(S(tr, ep), S(va_down, ep), S(np.full(30, 1e-3), ep),
                                  unit="epoch"), strict=True)
    assert "plateau" not in kinds(rep)


def test_a_straight_fall_that_halved_is_still_a_too_low_lr():
    # SGD at 1e-2 where 1e-1 reaches ~0.1: the loss falls in a straight line 2.35 -> 1.05 over
    # 30 epochs, as fast at the end as at the start
    ep = np.arange(30, dtype=float)
    tr = np.linspace(2.35, 1.05, 30) + flat(30, 0.0, 0.004, 5)
    va = np.linspace(2.30, 1.10, 30) + flat(30, 0.0, 0.004, 6)
    rep = analysis.analyze(exp_of(S(tr, ep), S(va, ep), S(np.full(30, 1e-2), ep), unit="epoch"),
                           strict=True)
    assert "1e-1" in one(rep, "lr_too_low")["suggestion"]
    # the same fall bending over (convex: fast first, slow later) is no too-low LR
    bent = 1.05 + 1.3 * np.exp(-ep / 6.0) + flat(30, 0.0, 0.004, 5)
    rep = analysis.analyze(exp_of(S(bent, ep), S(bent + 0.05, ep), S(np.full(30, 1e-2), ep),
                                  unit="epoch"), strict=True)
    assert "lr_too_low" not in kinds(rep)
