"""Classes of curve that real runs got wrong (issue 10, eleventh session): Adam's blow-up
that starts dozens of steps after a warm restart, in a loss too noisy for the tenth of the
run after the restart to show it."""

import math

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def _delayed_blow_up(blow: float, seed: int = 110):
    """Lightning-style per-step run logged every 2 steps (252 points), Adam with
    CosineAnnealingWarmRestarts (T_0 = 168 steps: restarts at 168 and 336); the per-step
    loss falls from 1.25 to 0.05 and bounces by +-0.6 e-folds from batch to batch. With
    ``blow`` the restart at 168 is followed, from step 196 (14 points later), by a climb to
    ``blow`` x the loss by step 226 that has fallen back by step 262, long before the next
    restart."""
    rng = np.random.default_rng(seed)
    st = np.arange(0.0, 504.0, 2.0)
    lr = 3e-3 * 0.5 * (1 + np.cos(np.pi * (st % 168) / 168.0))
    loss = (1.2 * np.exp(-st / 60.0) + 0.05) * np.exp(0.6 * rng.standard_normal(st.shape[0]))
    if blow:
        up = np.interp(st, [196, 226, 262], [0.0, math.log(blow), 0.0], left=0.0, right=0.0)
        loss = loss * np.exp(up)
    return exp_of(S(loss, st), None, S(lr, st))


def test_a_blow_up_that_starts_dozens_of_steps_after_a_warm_restart_is_a_restart_spike():
    # the tenth of the run after the restart (50 steps) holds too few points for a running
    # median to beat this noise; over the first half of the cycle (84 steps) a longer one does
    rep = analysis.analyze(_delayed_blow_up(20.0), strict=True)
    f = one(rep, "loss_spike")
    assert f["severity"] == "warning"
    assert 196 <= f["step"] <= 262
    assert f["evidence"].get("restart_step") == 168
    assert "restart" in f["message"]
    assert rep["status"] == "warning"


def test_the_same_noisy_warm_restarts_without_a_blow_up_have_no_spike():
    for seed in (110, 111, 112):
        rep = analysis.analyze(_delayed_blow_up(0.0, seed), strict=True)
        assert "loss_spike" not in kinds(rep), (seed, rep["findings"])
