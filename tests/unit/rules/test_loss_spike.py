"""Rule `loss_spike`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import (
    S,
    exp_of,
    kinds,
    lr_step,
    lr_warmup_cosine,
    noisy,
    one,
    problems,
    train_loss_from_lr,
)


def test_loss_spike_at_warmup_peak():
    rng = np.random.default_rng(5)
    n = 20000
    lr = lr_warmup_cosine(n, peak=1e-3, warm=0.1)
    loss = noisy(train_loss_from_lr(lr), 0.1, rng)
    loss[2000:2012] *= 3.5
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    f = one(rep, "loss_spike")
    assert 2000 <= f["step"] < 2012
    assert "warmup" in f["suggestion"] and "warmup" in f["message"]
    assert f["evidence"]["spikes"] == 1


def test_loss_spike_epoch_level_single_point():
    tr = [2.3, 1.4, 1.0, 0.85, 2.4, 0.75, 0.7, 0.66, 0.63, 0.61]
    f = one(analysis.analyze(exp_of(S(tr), unit="epoch"), strict=True), "loss_spike")
    assert f["step"] == 4


def test_no_spike_from_minibatch_noise_or_single_outliers():
    rng = np.random.default_rng(6)
    n = 200_000
    loss = noisy(train_loss_from_lr(np.full(n, 1e-3)), 0.3, rng)
    loss[rng.integers(1000, n, 20)] *= 3  # single-step outliers: not spikes
    rep = analysis.analyze(exp_of(S(loss), None, S(np.full(n, 1e-3))), strict=True)
    assert "loss_spike" not in kinds(rep), rep["findings"]


def test_recovered_nan_is_a_spike_not_divergence():
    tr = np.linspace(2.3, 0.3, 100)
    tr[50] = np.nan
    rep = analysis.analyze(exp_of(S(tr)), strict=True)
    assert "divergence" not in kinds(rep)
    assert one(rep, "loss_spike")["evidence"]["nonfinite_points"] == 1


def test_sharp_step_decay_drop_is_not_a_spike():
    # a 10x step decay that drops the loss 3.5x at once, 200k steps
    rng = np.random.default_rng(17)
    n = 200_000
    lr = lr_step(n, 1e-3, at=(0.45, 0.8))
    loss = noisy(train_loss_from_lr(lr, noise_floor=4.0), 0.2, rng)
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    assert problems(rep) == [], rep["findings"]


def test_wide_spike_in_a_short_step_run():
    rng = np.random.default_rng(18)
    n = 2000
    lr = lr_warmup_cosine(n, peak=1e-3)
    loss = noisy(train_loss_from_lr(lr), 0.15, rng)
    loss[1000:1040] *= 5.0  # wider than a bucket (17 steps)
    f = one(analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True), "loss_spike")
    assert 1000 <= f["step"] < 1040


def test_nan_before_the_first_finite_loss_is_not_a_spike():
    n = 200
    st = np.arange(n, dtype=float)
    loss = 2 * np.exp(-st / 50) + 0.2
    loss[0] = np.nan
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(n, 0.1))), strict=True)
    assert "loss_spike" not in kinds(rep)
    loss[100] = np.nan  # a NaN between finite values still is one
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(n, 0.1))), strict=True)
    assert one(rep, "loss_spike")["evidence"]["nonfinite_points"] == 1


def _near_zero_run(n=440, seed=21):
    """A per-step loss that falls from 2.3 to ~0.02 with the heavy-tailed (log-normal)
    minibatch noise of a loss near zero: single points 3-5x their neighbours all along."""
    rng = np.random.default_rng(seed)
    st = np.arange(n, dtype=float)
    trend = 2.3 * np.exp(-st / 25.0) + 0.02
    return trend * np.exp(0.6 * rng.standard_normal(n))


def test_heavy_tailed_noise_near_zero_is_no_spike_in_a_few_hundred_steps():
    # the largest of 440 such points is ~6x the median; one at 8x, early in the fast
    # descent, is within a step of the noise's own tail (the rule read it as a spike against
    # a Gaussian sigma before)
    loss = _near_zero_run()
    loss[90] = 8.0 * np.median(loss[80:100])
    rep = analysis.analyze(exp_of(S(loss), None, S(np.full(loss.size, 0.1))), strict=True)
    assert "loss_spike" not in kinds(rep), rep["findings"]


def test_a_corrupted_batch_is_a_spike_in_a_few_hundred_steps():
    loss = _near_zero_run()
    loss[300] = 100.0 * np.median(loss[290:310])
    f = one(analysis.analyze(exp_of(S(loss), None, S(np.full(loss.size, 0.1))), strict=True),
            "loss_spike")
    assert f["step"] == 300


def test_a_noisy_wide_spike_after_a_restart_is_one_spike_at_the_restart():
    # SGDR-like: the LR restarts at step 1200 of 2000 and the converged loss is thrown up ~8x
    # for 40 steps, with minibatch noise that dips part of the excursion below threshold
    rng = np.random.default_rng(22)
    n = 2000
    st = np.arange(n, dtype=float)
    cyc = np.where(st < 1200, st / 1200.0, (st - 1200) / 800.0)
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * cyc))
    loss = (2.3 * np.exp(-st / 100.0) + 0.02) * np.exp(0.5 * rng.standard_normal(n))
    loss[1200:1240] *= 8.0
    f = one(analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True), "loss_spike")
    assert 1200 <= f["step"] < 1240
    assert f["evidence"].get("restart_step") == 1200, f


def test_a_jump_of_the_last_point_is_a_spike():
    # nothing to learn: train flat at ln 10 for 29 epochs, then the LR is raised 600x for the
    # last epoch and the loss jumps 9x at that single last point
    ep = np.arange(30, dtype=float)
    tr = 2.306 - 0.002 * ep + 0.0005 * np.sin(ep)
    tr[-1] = 20.9
    lr = np.where(ep < 29, 1e-3, 0.6)
    f = one(analysis.analyze(exp_of(S(tr, ep), lr=S(lr, ep), unit="epoch"), strict=True),
            "loss_spike")
    assert f["step"] == 29
    # an ordinary last epoch is none
    tr[-1] = tr[-2] * 1.01
    assert "loss_spike" not in kinds(analysis.analyze(exp_of(S(tr, ep), lr=S(lr, ep),
                                                               unit="epoch"), strict=True))


def _noisy_sgdr(bump, seed=23):
    """400 per-step points that bounce by a decade from batch to batch (the series gets only a
    few buckets), LR restarts at 132 and 264; with ``bump`` the first restart throws the loss
    up 6x for 28 steps."""
    rng = np.random.default_rng(seed)
    st = np.arange(400, dtype=float)
    cyc = (st % 132) / 132.0
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * cyc))
    loss = (0.5 * np.exp(-st / 40.0) + 0.03) * np.exp(0.9 * rng.standard_normal(400))
    if bump:
        loss[132:160] *= 6.0
    return exp_of(S(loss, st), None, S(lr, st))


def test_a_restart_spike_in_a_very_noisy_per_step_loss_is_found_at_its_own_scale():
    f = one(analysis.analyze(_noisy_sgdr(True), strict=True), "loss_spike")
    assert 132 <= f["step"] < 160 and f["evidence"].get("restart_step") == 132
    assert "loss_spike" not in kinds(analysis.analyze(_noisy_sgdr(False), strict=True))
