"""Classes of curve that real runs got wrong (issue 10, seventeenth session): a cyclic LR whose
peak is set too high. Under a triangular CyclicLR the validation loss jumps ~2x between the
evaluations at the LR peaks and those at its troughs and no later cycle beats an early one:
the peak is too high, which is oscillation, not the schedule's wiggle. The same jumps under
warm restarts are the restarts' (each one is meant to shake the model), and a validation loss
whose troughs keep falling to a best at the end is a cyclic schedule working."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of

_N, _CYCLE, _PEAK = 1200, 300, 0.2
# the validation loss at twelve evaluations: best in the first third, then bouncing with the
# cycle (x_b25's shape), or with every trough below the last (a cyclic schedule that works)
_BOUNCE = [0.72, 0.74, 0.38, 0.49, 0.86, 0.43, 0.46, 0.77, 0.43, 0.51, 0.91, 0.49]
_FALLING = [0.72, 0.60, 0.45, 0.52, 0.40, 0.46, 0.36, 0.42, 0.32, 0.37, 0.29, 0.27]


def _run(val, restarts=False, seed=0):
    rng = np.random.default_rng(seed)
    st = np.arange(_N, dtype=float)
    ph = (st % _CYCLE) / _CYCLE
    if restarts:    # SGDR: a cosine from the peak, restarted every cycle
        lr = 1e-3 + 0.5 * (_PEAK - 1e-3) * (1 + np.cos(np.pi * ph))
    else:           # triangular CyclicLR 1e-3 <-> 0.2
        lr = 1e-3 + (_PEAK - 1e-3) * (1 - np.abs(2 * ph - 1))
    # a per-step loss so noisy (minibatches of a small model at a high LR) that only bucket
    # medians of it can be read: the validation loss has to tell
    train = (0.25 + 0.9 * np.exp(-st / 60.0) + 1.5 * lr) * np.exp(rng.normal(0.0, 0.6, _N))
    ev = np.linspace(100, _N - 1, len(val))
    return exp_of(S(train, st), S(np.asarray(val, float), ev), S(lr, st))


def _osc(rep):
    return [f for f in rep["findings"] if f["kind"] == "oscillation"]


def test_a_cyclic_lr_peak_that_throws_the_validation_loss_around_is_oscillation():
    rep = analysis.analyze(_run(_BOUNCE), strict=True)
    fs = _osc(rep)
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    assert fs[0]["evidence"]["curve"] == "validation"
    assert fs[0]["evidence"]["val_jump"] > 30.0
    assert rep["status"] == "warning"


def test_a_cyclic_lr_whose_validation_troughs_keep_falling_is_healthy():
    rep = analysis.analyze(_run(_FALLING), strict=True)
    assert not _osc(rep) and rep["status"] == "healthy", rep["findings"]


def test_the_same_jumps_under_warm_restarts_are_no_oscillation():
    rep = analysis.analyze(_run(_BOUNCE, restarts=True), strict=True)
    assert not _osc(rep), rep["findings"]
