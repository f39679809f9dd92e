"""Rule `decay_too_aggressive`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, flat, keras_run, kinds, lr_step, noisy, one, problems


def test_plateau_after_early_lr_collapse_is_decay_too_aggressive():
    n = 40
    lr = 1e-3 * 0.5 ** np.arange(n)  # exponential decay, halving every epoch
    exp = keras_run(lr, speed=6.0, per_epoch=100)
    rep = analysis.analyze(exp, strict=True)
    f = one(rep, "decay_too_aggressive")
    assert f["start_step"] <= 4
    assert "plateau" not in kinds(rep)
    assert "1e-3" in f["suggestion"]


def test_step_decay_late_is_not_decay_too_aggressive():
    n = 100
    lr = lr_step(n, 0.1, at=(0.6, 0.85))
    exp = keras_run(lr, per_epoch=50, speed=5.0, noise_floor=3.0)
    assert problems(analysis.analyze(exp, strict=True)) == []


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


def test_early_step_cuts_are_decay_too_aggressive_with_step_advice():
    # ReduceLROnPlateau(factor=0.1, patience=1) cutting twice in the first epochs
    lr = np.array([1e-2] * 3 + [1e-3] * 3 + [1e-4] * 34)
    exp = keras_run(lr, per_epoch=100, speed=4.0)
    f = one(analysis.analyze(exp, strict=True), "decay_too_aggressive")
    assert f["evidence"]["lr_levels"] == 3
    assert "factor=0.5" in f["suggestion"]


def test_stuck_after_an_lr_collapse_is_decay_too_aggressive():
    lr = 0.5 * 0.5 ** np.arange(1, 31, dtype=float) * 10  # halves every logged step
    tr, va = flat(30, 2.2, 0.003, 3), flat(30, 2.25, 0.003, 4)
    rep = analysis.analyze(exp_of(S(tr), S(va), S(lr)), strict=True)
    assert kinds(rep) == ["decay_too_aggressive"]
    assert "before anything was learned" in rep["findings"][0]["message"]
