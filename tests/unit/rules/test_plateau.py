"""Rule `plateau`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, noisy, one, problems


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


def test_converged_run_is_not_plateau():
    # loss reaches 5 % of its start early and stays: converged, not stalled high
    tr = np.concatenate([np.geomspace(2.3, 0.1, 10), np.full(30, 0.1)])
    rep = analysis.analyze(exp_of(S(tr), lr=S(np.full(40, 1e-3)), unit="epoch"), strict=True)
    assert problems(rep) == []


def test_flat_rl_like_loss_is_not_judged_as_plateau():
    rng = np.random.default_rng(11)
    pol = 0.245 + 0.003 * rng.standard_normal(200)
    rep = analysis.analyze(exp_of(S(pol), lr=S(np.full(200, 2.5e-4))), strict=True)
    assert problems(rep) == []
    assert any("never fell" in n for n in rep["notes"])
