"""The engine as a whole: healthy runs, ordering, notes."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import (
    S,
    exp_of,
    flat,
    keras_run,
    kinds,
    lr_step,
    lr_warmup_cosine,
    noisy,
    problems,
    train_loss_from_lr,
)


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


def test_very_noisy_short_step_run_is_not_judged_on_noise():
    # 500 raw per-step losses with 35 % minibatch noise: too noisy for shape rules
    for seed in range(5):
        rng = np.random.default_rng(100 + seed)
        lr = lr_warmup_cosine(500, peak=3e-3)
        loss = noisy(train_loss_from_lr(lr), 0.35, rng)
        rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
        assert problems(rep) == [], (seed, rep["findings"])


def test_too_noisy_short_series_says_so():
    rng = np.random.default_rng(20)
    loss = 0.05 * np.exp(1.0 * rng.standard_normal(195))  # noise as large as the level
    rep = analysis.analyze(exp_of(S(loss), lr=S(np.full(195, 2.5e-4))), strict=True)
    assert problems(rep) == []
    assert any("too noisy" in n for n in rep["notes"]), rep["notes"]


def test_flat_loss_without_validation_stays_unjudged():
    # an RL-style objective that is not meant to fall: no verdict, a note
    tr = flat(200, 0.8, 0.02, 5)
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(200, 3e-4))), strict=True)
    assert problems(rep) == []
    assert any("never fell" in n for n in rep["notes"])


def test_report_is_typed_and_declares_the_recommendation():
    rep = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20))), strict=True)
    assert set(rep) == {"status", "findings", "notes", "recommendation"}
    assert rep["recommendation"] is None
