"""Rule `oscillation`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, keras_run, kinds, noisy, one, problems


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


def test_noisy_epoch_average_with_smooth_validation_is_not_oscillation():
    # 20 batches per epoch at 36 % batch noise: epoch averages bounce ~8 %,
    # the validation loss is smooth: minibatch noise, not an LR problem
    rng = np.random.default_rng(19)
    exp = keras_run(np.full(60, 1e-4), per_epoch=20, rng=rng, noise=0.36, speed=3.0,
                    lr_ref=1e-3)
    assert "oscillation" not in kinds(analysis.analyze(exp, strict=True))


def _noisy_per_step_bouncing_val(lr):
    """SGD+momentum at a constant 0.3, batch 32: 400 per-step points bouncing over two
    decades (too noisy for more than a bucket or two), and a validation loss that jumps
    0.3 <-> 0.7 epoch after epoch without trending down."""
    rng = np.random.default_rng(31)
    st = np.arange(400, dtype=float)
    tr = 0.2 * np.exp(1.2 * rng.standard_normal(400))
    ve = np.arange(19, 400, 20, dtype=float)
    va = np.where(np.arange(ve.size) % 2 == 0, 0.3, 0.7) * (1 + 0.05 * rng.standard_normal(ve.size))
    return exp_of(S(tr, st), S(va, ve), S(lr, st))


def test_a_bouncing_validation_loss_decides_when_the_training_loss_is_unreadable():
    rep = analysis.analyze(_noisy_per_step_bouncing_val(np.full(400, 0.3)), strict=True)
    assert one(rep, "oscillation")["evidence"]["curve"] == "validation"


def test_an_lr_that_restarts_explains_validation_bumps_next_to_an_unreadable_training_loss():
    st = np.arange(400, dtype=float)
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * (st % 40) / 40))  # a restart every 40 steps
    rep = analysis.analyze(_noisy_per_step_bouncing_val(lr), strict=True)
    assert "oscillation" not in kinds(rep)
