"""Classes of curve that real runs got wrong (issue 10, fifteenth session): the same training
logged less often must keep its verdict. A per-step loss that falls over four decades (an
unscaled input starts it at ~200) and is thrown up 30x by each warm restart is read on a log
axis after the restart, as an epoch-level loss already was: on a linear axis the restart's
rise is 0.2 % of the range and the excursion was found at full resolution only because the
series' coarse buckets flattened its level curve."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of

N = 128          # points, logged every 4 steps
CYCLE = 32       # points per SGDR cycle: restarts at 25, 50 and 75 % of the run
RESTARTS = (32, 64, 96)


def _sgdr_run(jump: float, seed: int = 7):
    st = np.arange(N, dtype=float) * 4
    i = np.arange(N)
    lr = 3e-2 * 0.5 * (1 + np.cos(np.pi * (i % CYCLE) / CYCLE))
    # 200 -> 0.005 over the first cycle (log-linear), then flat
    level = np.where(i < CYCLE, np.exp(np.log(200.0) + np.log(0.005 / 200.0) * i / CYCLE),
                     0.005)
    bump = np.zeros(N)
    for r in RESTARTS:
        bump[r + 1: r + 9] = np.log(jump)
    rng = np.random.default_rng(seed)
    train = level * np.exp(bump + 0.8 * rng.standard_normal(N))
    ev = st[::5][1:]
    smooth = np.exp(np.convolve(np.log(level) + bump, np.ones(5) / 5, "same"))
    val = 2.0 * np.interp(ev, st, smooth) + 0.05
    return exp_of(S(train, st), S(val, ev), S(lr, st))


def test_a_warm_restart_that_throws_a_decades_spanning_loss_up_30x_is_a_spike_at_it():
    rep = analysis.analyze(_sgdr_run(30.0), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    ev = fs[0]["evidence"]
    assert ev["restart_step"] in {4.0 * r for r in RESTARTS}
    assert ev["peak_ratio"] > 10
    assert "right after the LR restart at step %d" % ev["restart_step"] in fs[0]["message"]


def test_restarts_that_leave_the_loss_in_its_batch_noise_are_no_spike():
    rep = analysis.analyze(_sgdr_run(1.0), strict=True)
    assert "loss_spike" not in {f["kind"] for f in rep["findings"]}, rep["findings"]


def _early_burst_run(burst: float, seed: int = 11):
    """1400 per-step points of a loss falling from 1.38 in a wide band (Adagrad at a constant
    0.5, say), with its second logged point ``burst`` x the first; 30 evaluations."""
    st = np.arange(1400, dtype=float) * 2
    rng = np.random.default_rng(seed)
    level = 0.03 + 1.35 * np.exp(-st / 500)
    train = level * np.exp(0.6 * rng.standard_normal(st.shape[0]))
    train[0] = 1.38
    train[1] = burst * 1.38
    ev = np.linspace(st[-1] / 30, st[-1], 30)
    val = 0.6 + 0.3 * np.exp(-ev / 400)
    return exp_of(S(train, st), S(val, ev), S(np.full(st.shape[0], 0.5), st))


def test_a_jump_far_above_where_the_run_started_is_a_spike_even_in_its_first_steps():
    rep = analysis.analyze(_early_burst_run(450.0), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    assert fs[0]["evidence"]["peak_step"] == 2.0


def test_the_first_steps_settling_below_where_the_run_started_are_no_spike():
    # the same start without the burst: its first batches bounce (0.6 log-sigma) as they fall
    rep = analysis.analyze(_early_burst_run(1.0), strict=True)
    assert "loss_spike" not in {f["kind"] for f in rep["findings"]}, rep["findings"]
