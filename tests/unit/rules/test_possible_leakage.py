"""Rule `possible_leakage`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds


def test_possible_leakage_and_not_for_normal_gap():
    tr = np.geomspace(2, 0.5, 20)
    rep = analysis.analyze(exp_of(S(tr), S(tr * 0.3)), strict=True)
    assert "possible_leakage" in kinds(rep)
    rep2 = analysis.analyze(exp_of(S(tr), S(tr * 0.85)), strict=True)
    assert "possible_leakage" not in kinds(rep2)


def test_per_step_noise_of_the_training_loss_does_not_hide_leakage():
    # 120 per-step training points (not bucketed) around 0.3 with 35 % minibatch noise, and a
    # validation loss at 0.06 drawn from the training set: two lucky training batches next to
    # an evaluation must not decide the ratio
    rng = np.random.default_rng(8)
    st = np.arange(120, dtype=float)
    tr = 0.3 * np.exp(0.35 * rng.standard_normal(120))
    tr[[89, 90]] = 0.05
    ve = np.arange(10, 120, 10, dtype=float)
    va = np.full(ve.size, 0.06)
    rep = analysis.analyze(exp_of(S(tr, st), S(va, ve), S(np.full(120, 1e-3), st)),
                           strict=True)
    assert "possible_leakage" in kinds(rep)
