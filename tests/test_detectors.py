"""Detector tests on synthetic but realistic curves.

The curves come from one small training model: progress follows the
cumulative learning rate (loss = floor + A*exp(-k*cumLR) + an LR-proportional
noise floor), with multiplicative minibatch noise for per-step series, Keras'
within-epoch running mean for batch-level series, epoch averages for
epoch-level series. Each verdict family gets positive and negative cases.
"""

from __future__ import annotations

import numpy as np
import pytest

from tb_lrsched import analysis, detectors as D
from tb_lrsched.model import ExperimentSeries, Series

RNG_SEED = 1234


# ---------------------------------------------------------------------------
# Curve factory
# ---------------------------------------------------------------------------

def lr_warmup_cosine(n, peak=3e-4, warm=0.05):
    t = np.arange(n, dtype=float)
    w = max(1, int(warm * n))
    lr = np.where(t < w, peak * (t + 1) / w,
                  0.5 * peak * (1 + np.cos(np.pi * (t - w) / max(1, n - w))))
    return lr


def lr_step(n, base=0.1, at=(0.5, 0.75), factor=0.1):
    lr = np.full(n, base)
    for a in at:
        lr[int(a * n):] *= factor
    return lr


def train_loss_from_lr(lr, floor=0.1, amp=2.2, speed=6.0, noise_floor=1.0, lr_ref=None):
    """Loss driven by cumulative LR: `speed` e-folds if the LR stayed at lr_ref."""
    lr = np.asarray(lr, float)
    lr_ref = lr_ref if lr_ref is not None else float(lr.max())
    cum = np.cumsum(lr) / lr_ref / lr.shape[0]
    return floor + amp * np.exp(-speed * cum) + noise_floor * floor * lr / lr_ref


def noisy(x, rel, rng):
    """Multiplicative minibatch noise (log-normal, `rel` relative sigma)."""
    return x * np.exp(rel * rng.standard_normal(x.shape[0]))


def keras_running_mean(batch_loss, per_epoch):
    """Keras batch_loss: running mean of the batch losses, reset every epoch."""
    n = batch_loss.shape[0]
    e = np.arange(n) // per_epoch
    c = np.cumsum(batch_loss)
    start = e * per_epoch
    before = np.where(start > 0, c[np.maximum(start - 1, 0)], 0.0)
    return (c - before) / (np.arange(n) - start + 1)


def epoch_means(x, per_epoch):
    m = x.shape[0] // per_epoch
    return x[: m * per_epoch].reshape(m, per_epoch).mean(axis=1)


def S(values, steps=None, sampled=False, tag=""):
    values = np.asarray(values, float)
    if steps is None:
        steps = np.arange(values.shape[0], dtype=float)
    return Series.of(steps, values, sampled=sampled, tag=tag)


def exp_of(train=None, val=None, lr=None, unit="step", fine=None, val_acc=None,
           train_acc=None, name="t"):
    return ExperimentSeries(name=name, step_unit=unit, lr=lr, train_loss=train, val_loss=val,
                            val_acc=val_acc, train_acc=train_acc, train_loss_fine=fine)


def kinds(rep):
    return sorted({f["kind"] for f in rep["findings"]})


def problems(rep):
    return sorted({f["kind"] for f in rep["findings"] if f["severity"] != "info"})


def one(rep, kind):
    fs = [f for f in rep["findings"] if f["kind"] == kind]
    assert len(fs) == 1, (kind, rep["findings"])
    return fs[0]


def keras_run(lr_epoch, per_epoch=100, rng=None, val_gap=1.08, overfit_from=None,
              overfit_rate=0.08, noise=0.25, **kw):
    """A Keras-like run: epoch-level train/val/LR on the epoch axis, plus the
    batch_loss sawtooth on fractional epochs."""
    rng = rng or np.random.default_rng(RNG_SEED)
    lr_b = np.repeat(np.asarray(lr_epoch, float), per_epoch)
    true = train_loss_from_lr(lr_b, **kw)
    batch = noisy(true, noise, rng)
    fine = keras_running_mean(batch, per_epoch)
    tr = epoch_means(batch, per_epoch)
    ne = tr.shape[0]
    ep = np.arange(ne, dtype=float)
    v = true[per_epoch - 1::per_epoch][:ne] * val_gap
    if overfit_from is not None:
        v = v + overfit_rate * np.maximum(0.0, ep - overfit_from) ** 1.3 * v[overfit_from]
    v = noisy(v, 0.01, rng)
    fsteps = (np.arange(lr_b.shape[0]) + 1) / per_epoch - 1  # last batch of epoch e at e
    return exp_of(train=S(tr, ep), val=S(v, ep), lr=S(lr_epoch, ep), unit="epoch",
                  fine=S(fine, fsteps))


# ---------------------------------------------------------------------------
# Healthy runs: no warning or critical finding
# ---------------------------------------------------------------------------

def test_healthy_smooth_decrease_with_noise_step_level():
    rng = np.random.default_rng(1)
    n = 5000
    lr = lr_warmup_cosine(n)
    loss = noisy(train_loss_from_lr(lr), 0.15, rng)
    val_steps = np.arange(249, n, 250, dtype=float)
    val = train_loss_from_lr(lr)[val_steps.astype(int)] * 1.1
    rep = analysis.analyze(exp_of(S(loss), S(val, val_steps), S(lr)), strict=True)
    assert rep["status"] == "healthy", rep["findings"]
    assert problems(rep) == []


def test_healthy_step_decay_with_bumps():
    rng = np.random.default_rng(2)
    n = 9000
    lr = lr_step(n, 0.1, at=(0.33, 0.66))
    true = train_loss_from_lr(lr, noise_floor=3.0)
    # a small transient bump right after each decay (optimizer state re-adjusts)
    for a in (0.33, 0.66):
        i = int(a * n)
        true[i:i + 30] *= 1.0 + 0.08 * np.exp(-np.arange(30) / 10.0)
    loss = noisy(true, 0.2, rng)
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    assert problems(rep) == [], rep["findings"]
    assert "missing_validation" in kinds(rep)


def test_healthy_reduce_lr_on_plateau_epochs():
    # ReduceLROnPlateau(factor=0.1, patience=5): LR drops when the loss flattens
    lr = np.array([1e-3] * 15 + [1e-4] * 12 + [1e-5] * 13)
    rep = analysis.analyze(keras_run(lr, speed=25.0, noise_floor=3.0), strict=True)
    assert rep["status"] == "healthy", rep["findings"]


def test_healthy_warmup_cosine_keras_sawtooth():
    lr = lr_warmup_cosine(30, peak=1e-3, warm=0.1)
    exp = keras_run(lr, per_epoch=200)
    rep = analysis.analyze(exp, strict=True)
    assert rep["status"] == "healthy", rep["findings"]


def test_healthy_five_epoch_run_gives_notes_not_guesses():
    exp = exp_of(train=S([0.9, 0.52, 0.41, 0.36, 0.33]), val=S([0.6, 0.47, 0.42, 0.40, 0.39]),
                 lr=S([1e-3] * 5), unit="epoch")
    rep = analysis.analyze(exp, strict=True)
    assert rep["status"] == "healthy"
    assert kinds(rep) == ["constant_lr"]
    assert any("oscillation" in n for n in rep["notes"])


def test_healthy_one_million_points_is_fast_and_clean():
    rng = np.random.default_rng(3)
    n = 1_000_000
    lr = lr_warmup_cosine(n, peak=6e-4, warm=0.02)
    loss = noisy(train_loss_from_lr(lr), 0.1, rng)
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    assert rep["status"] == "healthy", rep["findings"]


def test_val_slightly_above_train_is_normal():
    lr = np.full(40, 1e-3)
    rep = analysis.analyze(keras_run(lr, val_gap=1.2, speed=8.0), strict=True)
    assert "overfitting" not in kinds(rep)
    assert "possible_leakage" not in kinds(rep)


# ---------------------------------------------------------------------------
# divergence
# ---------------------------------------------------------------------------

def test_divergence_nan_after_explosion_reports_lr_and_step():
    rng = np.random.default_rng(4)
    n = 2000
    lr = lr_warmup_cosine(n, peak=0.3, warm=0.2)
    loss = noisy(train_loss_from_lr(lr), 0.1, rng)
    loss[340:] = loss[340] * np.exp(np.arange(n - 340) / 20.0)
    loss[500:] = np.nan
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    assert rep["status"] == "critical"
    f = one(rep, "divergence")
    assert 330 <= f["step"] <= 400
    assert f["evidence"]["first_nonfinite_step"] == 500
    assert f["evidence"]["lr_at_divergence"] == pytest.approx(lr[int(f["step"])], rel=0.05)
    assert "step" in f["message"] and "e-" in f["suggestion"]
    assert rep["findings"][0]["kind"] == "divergence"


def test_divergence_explosion_without_nan_epoch_level():
    tr = [2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]
    exp = exp_of(train=S(tr), lr=S([0.5] * 8), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "divergence")
    assert f["step"] == 4 and f["evidence"]["best_step"] == 3
    assert "epoch 4" in f["message"]


def test_divergence_nan_only_in_last_points():
    tr = np.concatenate([np.linspace(2.3, 0.5, 20), [np.nan, np.inf, np.nan]])
    f = one(analysis.analyze(exp_of(S(tr)), strict=True), "divergence")
    assert f["step"] == 20


def test_no_divergence_when_loss_rises_a_little():
    tr = np.concatenate([np.linspace(2.3, 0.5, 30), np.linspace(0.5, 0.8, 10)])
    assert "divergence" not in kinds(analysis.analyze(exp_of(S(tr)), strict=True))


# ---------------------------------------------------------------------------
# loss_spike
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# oscillation
# ---------------------------------------------------------------------------

def test_oscillation_lr_too_high_epoch_level():
    rng = np.random.default_rng(7)
    ep = np.arange(40)
    tr = 1.6 + 0.35 * np.sin(ep * 1.9) + 0.1 * rng.standard_normal(40)
    tr[:3] = [2.3, 2.0, 1.8]
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(40, 0.5)), unit="epoch"), strict=True)
    f = one(rep, "oscillation")
    assert f["evidence"]["swings"] >= 3
    assert "5e-2" in f["suggestion"]
    # co-occurring constant LR is escalated in wording
    c = one(rep, "constant_lr")
    assert "oscillation" in c["message"] and c["evidence"]["escalated"] is True
    assert "plateau" not in kinds(rep)


def test_oscillation_step_level_slow_bounce_with_noise():
    rng = np.random.default_rng(8)
    n = 100_000
    t = np.arange(n)
    base = 0.8 + 0.5 * np.exp(-t / 5000) + 0.25 * np.sin(2 * np.pi * t / 9000)
    loss = noisy(base, 0.3, rng)
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(n, 0.1))), strict=True)
    assert "oscillation" in kinds(rep)


def test_keras_sawtooth_is_not_oscillation():
    lr = np.full(30, 1e-3)
    exp = keras_run(lr, per_epoch=300, noise=0.4)
    # the batch-level running mean used as the main training loss
    exp2 = exp_of(train=exp.train_loss_fine, lr=S(np.repeat(lr, 300), exp.train_loss_fine.steps))
    for e in (exp, exp2):
        rep = analysis.analyze(e, strict=True)
        assert "oscillation" not in kinds(rep) and "loss_spike" not in kinds(rep), rep["findings"]


# ---------------------------------------------------------------------------
# lr_too_low
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# plateau / decay_too_aggressive
# ---------------------------------------------------------------------------

def test_plateau_under_constant_lr_high_loss():
    rng = np.random.default_rng(9)
    n = 20000
    t = np.arange(n)
    loss = noisy(1.3 + 1.0 * np.exp(-t / 800.0), 0.2, rng)
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(n, 1e-3))), strict=True)
    f = one(rep, "plateau")
    assert f["start_step"] < 0.4 * n
    assert "ReduceLROnPlateau" in f["suggestion"]
    assert "decay_too_aggressive" not in kinds(rep)


def test_plateau_after_early_lr_collapse_is_decay_too_aggressive():
    n = 40
    lr = 1e-3 * 0.5 ** np.arange(n)  # exponential decay, halving every epoch
    exp = keras_run(lr, speed=6.0, per_epoch=100)
    rep = analysis.analyze(exp, strict=True)
    f = one(rep, "decay_too_aggressive")
    assert f["start_step"] <= 4
    assert "plateau" not in kinds(rep)
    assert "1e-3" in f["suggestion"]


def test_converged_run_is_not_plateau():
    # loss reaches 5 % of its start early and stays: converged, not stalled high
    tr = np.concatenate([np.geomspace(2.3, 0.1, 10), np.full(30, 0.1)])
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(40, 1e-3)), unit="epoch"), strict=True)
    assert problems(rep) == []


def test_step_decay_late_is_not_decay_too_aggressive():
    n = 100
    lr = lr_step(n, 0.1, at=(0.6, 0.85))
    exp = keras_run(lr, per_epoch=50, speed=5.0, noise_floor=3.0)
    assert problems(analysis.analyze(exp, strict=True)) == []


# ---------------------------------------------------------------------------
# overfitting
# ---------------------------------------------------------------------------

def test_overfitting_constant_lr_reports_best_step_and_lr():
    exp = keras_run(np.full(30, 1e-3), overfit_from=8, speed=10.0)
    rep = analysis.analyze(exp, strict=True)
    f = one(rep, "overfitting")
    assert 6 <= f["step"] <= 10
    assert "stayed at 1e-3" in f["suggestion"] and "epoch" in f["suggestion"]
    assert f["evidence"]["generalization_loss"] >= 10
    assert "overfitting" in one(rep, "constant_lr")["message"]


def test_overfitting_five_epochs():
    exp = exp_of(train=S([1.0, 0.6, 0.4, 0.3, 0.22]), val=S([0.8, 0.55, 0.6, 0.68, 0.8]),
                 lr=S([1e-3] * 5), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "overfitting")
    assert f["step"] == 1


def test_no_overfitting_when_val_noise_only():
    rng = np.random.default_rng(10)
    v = 0.4 + 0.01 * rng.standard_normal(30)
    v[:5] = [1.0, 0.7, 0.5, 0.45, 0.42]
    tr = np.geomspace(1.2, 0.3, 30)
    exp = exp_of(train=S(tr), val=S(v), lr=S(np.full(30, 1e-3)), unit="epoch")
    assert "overfitting" not in kinds(analysis.analyze(exp, strict=True))


def test_no_overfitting_when_train_also_rises():
    tr = np.concatenate([np.linspace(1.0, 0.3, 10), np.linspace(0.3, 0.6, 10)])
    v = tr * 1.1
    exp = exp_of(train=S(tr), val=S(v), unit="epoch")
    assert "overfitting" not in kinds(analysis.analyze(exp, strict=True))


# ---------------------------------------------------------------------------
# accuracy_drop
# ---------------------------------------------------------------------------

def test_accuracy_drop_percent_scale():
    acc = np.array([40, 60, 72, 80, 84, 85, 83, 79, 75, 70, 68, 66], float)
    exp = exp_of(train=S(np.geomspace(2, 0.2, 12)), val_acc=S(acc), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "accuracy_drop")
    assert f["step"] == 5 and f["evidence"]["drop_points"] == pytest.approx(19, abs=1)


def test_accuracy_stall_far_below_train_accuracy():
    va = np.concatenate([np.linspace(0.3, 0.62, 6), np.full(14, 0.62)])
    ta = np.linspace(0.3, 0.99, 20)
    exp = exp_of(train=S(np.geomspace(2, 0.05, 20)), val_acc=S(va), train_acc=S(ta), unit="epoch")
    assert "accuracy_drop" in kinds(analysis.analyze(exp, strict=True))


def test_no_accuracy_drop_on_rising_accuracy():
    va = 0.95 - 0.6 * np.exp(-np.arange(20) / 4) + 0.003 * np.sin(np.arange(20))
    ta = va + 0.03
    exp = exp_of(train=S(np.geomspace(2, 0.2, 20)), val_acc=S(va), train_acc=S(ta), unit="epoch")
    assert "accuracy_drop" not in kinds(analysis.analyze(exp, strict=True))


# ---------------------------------------------------------------------------
# info kinds
# ---------------------------------------------------------------------------

def test_constant_lr_plain_and_not_for_schedules():
    rep = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), lr=S(np.full(20, 3e-4))),
                           strict=True)
    c = one(rep, "constant_lr")
    assert c["severity"] == "info" and "3e-4" in c["message"] and "escalated" not in c["evidence"]
    rep2 = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), lr=S(lr_warmup_cosine(20))),
                            strict=True)
    assert "constant_lr" not in kinds(rep2)


def test_missing_validation_and_missing_lr():
    rep = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20))), strict=True)
    assert kinds(rep) == ["missing_lr", "missing_validation"]
    assert rep["status"] == "healthy"
    rep2 = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), S(np.geomspace(2, 0.15, 20)),
                                   S(np.full(20, 1e-3))), strict=True)
    assert "missing_lr" not in kinds(rep2) and "missing_validation" not in kinds(rep2)


def test_possible_leakage_and_not_for_normal_gap():
    tr = np.geomspace(2, 0.5, 20)
    rep = analysis.analyze(exp_of(S(tr), S(tr * 0.3)), strict=True)
    assert "possible_leakage" in kinds(rep)
    rep2 = analysis.analyze(exp_of(S(tr), S(tr * 0.85)), strict=True)
    assert "possible_leakage" not in kinds(rep2)


# ---------------------------------------------------------------------------
# report shape, ordering, notes
# ---------------------------------------------------------------------------

def test_findings_sorted_worst_first_then_start():
    tr = np.concatenate([np.linspace(2.3, 0.5, 30), [0.5, 1.9, 0.5], np.linspace(0.5, 0.45, 20),
                         np.geomspace(0.45, 50, 10), [np.nan]])
    rep = analysis.analyze(exp_of(S(tr)), strict=True)
    sev = [f["severity"] for f in rep["findings"]]
    rank = {"critical": 2, "warning": 1, "info": 0}
    assert sev == sorted(sev, key=lambda s: -rank[s])
    assert rep["findings"][0]["kind"] == "divergence"
    for f in rep["findings"]:
        assert set(f) >= {"kind", "severity", "start_step", "end_step", "evidence", "message",
                          "suggestion"}


def test_sampled_series_gives_note():
    tr = S(np.geomspace(2, 0.1, 1000), sampled=True)
    rep = analysis.analyze(exp_of(tr), strict=True)
    assert any("sampled" in n and "spikes" in n for n in rep["notes"])


def test_flat_rl_like_loss_is_not_judged_as_plateau():
    rng = np.random.default_rng(11)
    pol = 0.245 + 0.003 * rng.standard_normal(200)
    rep = analysis.analyze(exp_of(S(pol), lr=S(np.full(200, 2.5e-4))), strict=True)
    assert problems(rep) == []
    assert any("never fell" in n for n in rep["notes"])


def test_detector_alone_builds_its_context():
    exp = exp_of(S([2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]), unit="epoch")
    assert D.detect_divergence(exp)[0]["kind"] == "divergence"
    assert D.detect_missing_lr(exp)[0]["kind"] == "missing_lr"


def test_step_unit_in_messages():
    tr = [2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]
    f = one(analysis.analyze(exp_of(S(np.array(tr)), unit="step"), strict=True), "divergence")
    assert "step 4" in f["message"] and "epoch" not in f["message"]


def test_yolo_style_bias_warmup_lr_is_not_a_collapse():
    # YOLOv5's bias group: LR starts at 0.1 and falls to 0.01 during warmup,
    # then decays linearly; the loss is healthy
    n = 300
    lr = np.concatenate([np.linspace(0.1, 0.01, 3), np.linspace(0.01, 0.001, n - 3)])
    rng = np.random.default_rng(13)
    tr = noisy(0.02 + 0.09 * np.exp(-np.arange(n) / 15.0) + 0.01 * np.exp(-np.arange(n) / 150.0),
               0.03, rng)
    rep = analysis.analyze(exp_of(S(tr), S(tr * 1.05), S(lr), unit="epoch"), strict=True)
    assert problems(rep) == [], rep["findings"]


def test_divergence_in_a_million_step_run():
    rng = np.random.default_rng(14)
    n = 1_000_000
    lr = lr_warmup_cosine(n, peak=1e-3, warm=0.05)
    loss = noisy(train_loss_from_lr(lr), 0.2, rng)
    loss[700_000:] *= np.exp(np.arange(n - 700_000) / 20_000.0)
    f = one(analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True), "divergence")
    assert 690_000 <= f["step"] <= 730_000, f


def test_divergence_explains_accuracy_drop_and_val_rise():
    tr = np.array([2.3, 1.2, 0.8, 0.7, 0.65, np.nan, np.nan, np.nan])
    va = np.array([2.0, 1.1, 0.8, 0.75, 0.9, 3.0, np.nan, np.nan])
    acc = np.array([0.3, 0.6, 0.75, 0.8, 0.78, 0.1, 0.1, 0.1])
    exp = exp_of(S(tr), S(va), S(np.linspace(0.1, 2.0, 8)), unit="epoch", val_acc=S(acc))
    rep = analysis.analyze(exp, strict=True)
    assert problems(rep) == ["divergence"]
    f = one(rep, "divergence")
    assert f["step"] == 5 and "epoch 5" in f["message"]
    assert not any("not judged" in n for n in rep["notes"])


def test_noisy_validation_alone_is_not_oscillation():
    # smooth training loss, validation loss on a small test set: +-10 % noise
    rng = np.random.default_rng(15)
    ep = np.arange(45)
    tr = 0.07 + 0.3 * np.exp(-ep / 6.0)
    va = (0.09 + 0.25 * np.exp(-ep / 6.0)) * (1 + 0.1 * rng.standard_normal(45))
    rep = analysis.analyze(exp_of(S(tr), S(va), unit="epoch"), strict=True)
    assert problems(rep) == [], rep["findings"]


def test_validation_oscillation_corroborated_by_training_bumps():
    # LR too high: training loss trends down with 2 big bumps; validation
    # loss jumps around (the demo's lr_too_high pattern)
    tr = np.array([1.43, 0.79, 0.40, 0.60, 0.62, 0.97, 0.70, 0.43, 0.47, 0.47, 0.41, 0.39, 0.41,
                   0.39, 0.32, 0.35, 0.40, 0.38, 0.44, 0.33, 0.33, 0.28, 0.25, 0.26, 0.24, 0.24,
                   0.35, 0.36, 0.26, 0.28])
    va = np.array([0.51, 0.59, 0.53, 0.68, 0.59, 0.55, 0.61, 0.56, 0.56, 0.52, 0.46, 0.43, 0.40,
                   0.40, 0.53, 0.39, 0.51, 0.82, 0.35, 0.53, 0.44, 0.44, 0.43, 0.37, 0.47, 0.41,
                   0.38, 0.36, 0.48, 0.36])
    rep = analysis.analyze(exp_of(S(tr), S(va), S(np.full(30, 0.8)), unit="epoch"), strict=True)
    f = one(rep, "oscillation")
    assert f["evidence"]["curve"] == "validation" and "validation loss" in f["message"]
    # the training loss alone (no validation) is not enough
    rep2 = analysis.analyze(exp_of(S(tr), None, S(np.full(30, 0.8)), unit="epoch"), strict=True)
    assert "oscillation" not in kinds(rep2)


def test_rl_like_losses_get_no_schedule_warnings():
    rng = np.random.default_rng(16)
    n = 1500
    # a PPO-style combined loss: large at first, then around zero, both signs
    ppo = 0.02 * rng.standard_normal(n)
    ppo[:5] = [1.6, 0.5, 0.1, 0.05, 0.02]
    rep = analysis.analyze(exp_of(S(ppo), lr=S(np.full(n, 2.5e-4))), strict=True)
    assert problems(rep) == [], rep["findings"]
    assert any("not always positive" in n for n in rep["notes"])
    # a positive loss that dips and climbs back (value loss tracking growing
    # returns) is not a plateau
    t = np.arange(200.0)
    dip = (0.08 - 0.07 * np.sin(np.pi * t / 200)) * np.exp(0.3 * rng.standard_normal(200))
    rep2 = analysis.analyze(exp_of(S(dip), lr=S(np.full(200, 2.5e-4))), strict=True)
    assert "plateau" not in kinds(rep2) and "lr_too_low" not in kinds(rep2)


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


def test_very_noisy_short_step_run_is_not_judged_on_noise():
    # 500 raw per-step losses with 35 % minibatch noise: too noisy for shape rules
    for seed in range(5):
        rng = np.random.default_rng(100 + seed)
        lr = lr_warmup_cosine(500, peak=3e-3)
        loss = noisy(train_loss_from_lr(lr), 0.35, rng)
        rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
        assert problems(rep) == [], (seed, rep["findings"])


def test_noisy_epoch_average_with_smooth_validation_is_not_oscillation():
    # 20 batches per epoch at 36 % batch noise: epoch averages bounce ~8 %,
    # the validation loss is smooth: minibatch noise, not an LR problem
    rng = np.random.default_rng(19)
    exp = keras_run(np.full(60, 1e-4), per_epoch=20, rng=rng, noise=0.36, speed=3.0,
                    lr_ref=1e-3)
    assert "oscillation" not in kinds(analysis.analyze(exp, strict=True))


def test_too_noisy_short_series_says_so():
    rng = np.random.default_rng(20)
    loss = 0.05 * np.exp(1.0 * rng.standard_normal(195))  # noise as large as the level
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(195, 2.5e-4))), strict=True)
    assert problems(rep) == []
    assert any("too noisy" in n for n in rep["notes"]), rep["notes"]


def test_early_step_cuts_are_decay_too_aggressive_with_step_advice():
    # ReduceLROnPlateau(factor=0.1, patience=1) cutting twice in the first epochs
    lr = np.array([1e-2] * 3 + [1e-3] * 3 + [1e-4] * 34)
    exp = keras_run(lr, per_epoch=100, speed=4.0)
    f = one(analysis.analyze(exp, strict=True), "decay_too_aggressive")
    assert f["evidence"]["lr_levels"] == 3
    assert "factor=0.5" in f["suggestion"]


def test_lr_logged_but_never_finite_is_named_as_such():
    n = 200
    st = np.arange(n, dtype=float)
    exp = exp_of(S(2 * np.exp(-st / 50) + 0.2), lr=S(np.full(n, np.nan)))
    f = one(analysis.analyze(exp, strict=True), "missing_lr")
    assert "no finite positive value" in f["message"]
    assert "No learning-rate series was logged" not in f["message"]


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


def _flat(n, level, noise, seed):
    rng = np.random.default_rng(seed)
    return level * (1 + noise * rng.standard_normal(n))


def test_stuck_at_chance_with_small_constant_lr_is_lr_too_low():
    # plain SGD at 1e-4: cross-entropy stays at ln(10) for 20 epochs, train and val
    tr, va = _flat(20, 2.3026, 0.001, 1), _flat(20, 2.31, 0.002, 2)
    rep = analysis.analyze(exp_of(S(tr), S(va), S(np.full(20, 1e-4)), unit="epoch"), strict=True)
    f = one(rep, "lr_too_low")
    assert "nothing was learned" in f["message"] and "1e-3" in f["suggestion"]
    assert rep["status"] == "warning"


def test_stuck_after_an_lr_collapse_is_decay_too_aggressive():
    lr = 0.5 * 0.5 ** np.arange(1, 31, dtype=float) * 10  # halves every logged step
    tr, va = _flat(30, 2.2, 0.003, 3), _flat(30, 2.25, 0.003, 4)
    rep = analysis.analyze(exp_of(S(tr), S(va), S(lr)), strict=True)
    assert kinds(rep) == ["decay_too_aggressive"]
    assert "before anything was learned" in rep["findings"][0]["message"]


def test_flat_loss_without_validation_stays_unjudged():
    # an RL-style objective that is not meant to fall: no verdict, a note
    tr = _flat(200, 0.8, 0.02, 5)
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(200, 3e-4))), strict=True)
    assert problems(rep) == []
    assert any("never fell" in n for n in rep["notes"])
