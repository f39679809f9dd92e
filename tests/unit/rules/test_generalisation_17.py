"""Classes of curve that real runs got wrong (issue 10, seventeenth session): a cyclic LR whose
peak is set too high. Under a triangular CyclicLR the validation loss jumps ~2x between the
evaluations at the LR peaks and those at its troughs and no later cycle beats an early one:
the peak is too high, which is oscillation, not the schedule's wiggle. The same jumps under
warm restarts are the restarts' (each one is meant to shake the model), and a validation loss
whose troughs keep falling to a best at the end is a cyclic schedule working.

"Nothing was learned" is not said of a model whose validation accuracy was well above chance
(94 % on two classes at its first evaluation: it learned within its first epoch), and a
validation loss at its best at an evaluation made before the first bucket of a coarse
per-step training loss is still read for a blow-up.

A loss logged NaN/Inf at a few isolated points, each followed by a point back in its band,
with nothing else changed, is a mixed-precision loss scaler skipping steps: an info, not a
warning; a NaN that recurs, or two in a row, still is one.

A model stuck at a saddle (outputs ~0, every loss ln K to a fraction of a percent) at a
moderate LR is a plateau, not a model a far too high LR throws around chance. A run of
three epochs whose three evaluations all give the majority class's share, with both losses
at the entropy of the class frequencies, collapsed to one answer. One-step spikes far past
the band of a 21,000-step per-step run are spikes even where a Gaussian 6 sigma of that wide
band sits above them. A validation setback as the LR nears a too-high warmup peak, before the
warmup ends, is a spike at the warmup peak."""

import math

import numpy as np
import pytest

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


# evaluations alternating between the LR's peaks and troughs (x_b23's shape): the troughs
# stay flat at 0.45-0.51 while the peaks ease, so the last third's median is below the first's
_ALTERNATING = [0.902, 0.497, 0.719, 0.445, 0.888, 0.466, 0.871, 0.462, 0.833, 0.476, 0.792,
                0.507, 0.690, 0.501, 0.914, 0.482]


@pytest.mark.parametrize("val", [_BOUNCE, _ALTERNATING])
def test_a_cyclic_lr_peak_that_throws_the_validation_loss_around_is_oscillation(val):
    rep = analysis.analyze(_run(val), strict=True)
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


def _one_cycle_hot(seed=0):
    """Two classes, a one-cycle LR to a hot peak: 94 % right at the first evaluation, then
    one-step spikes of the training loss and a held-out loss thrown up near the peak that
    comes back part of the way (x_b29_clf2_rmsprop_onecycle_collapse's shape)."""
    rng = np.random.default_rng(seed)
    n, pk = 470, 140
    i = np.arange(n)
    st = i * 3.0
    lr = np.where(i < pk, 4e-3 + (0.1 - 4e-3) * i / pk,
                  0.05 * (1 + np.cos(np.pi * (i - pk) / (n - pk))) + 1e-6)
    train = (0.17 + 0.12 * np.exp(-((i - 150) / 80.0) ** 2)) * np.exp(rng.normal(0, 0.35, n))
    train[(i > 50) & (i < 110) & (rng.random(n) < 0.25)] *= 30
    val = [0.138, 0.160, 0.362, 0.299, 0.459, 0.594, 0.290, 1.183, 0.286, 0.25, 0.22, 0.20,
           0.19, 0.185, 0.18]
    acc = [0.943, 0.93, 0.88, 0.90, 0.86, 0.84, 0.90, 0.80, 0.90, 0.91, 0.92, 0.925, 0.93,
           0.93, 0.932]
    ev = np.linspace(st[-1] / 15, st[-1], 15)
    return exp_of(S(train, st), S(np.array(val), ev), S(lr, st), val_acc=S(np.array(acc), ev))


def test_a_model_well_above_chance_at_its_first_evaluation_learned_something():
    rep = analysis.analyze(_one_cycle_hot(), strict=True)
    assert not any(f["message"].startswith("Nothing was learned") for f in rep["findings"]), \
        rep["findings"]
    assert rep["status"] == "warning", rep["findings"]
    assert "loss_spike" in {f["kind"] for f in rep["findings"]}


def _blown_on_first_climb(seed=0):
    """Three classes, a cyclic LR far too high, a per-step loss every 2 steps so noisy it is
    read through buckets wider than an epoch: the validation loss is best at its first
    evaluation (before the first bucket's middle), then both losses blow up by decades; the
    training loss falls back to chance (ln 3), the validation loss stays blown up
    (x_b23_cyclic_clf3_sgd_peak_too_high's shape)."""
    rng = np.random.default_rng(seed)
    n = 1500
    i = np.arange(n)
    st = i * 2.0
    ph = (i % 188) / 188.0
    lr = 5e-3 + (1.5 - 5e-3) * (1 - np.abs(2 * ph - 1))
    log_train = np.where(i < 10, np.log(1.09) - 0.1 * i,
                         np.where(i < 900, np.log(0.4) + 0.06 * (i - 10), np.log(1.1)))
    log_train = np.minimum(log_train, np.log(2e23)) + np.where(
        i < 900, rng.normal(0, 1.0, n), rng.normal(0, 0.01, n))
    ev = np.linspace(188.0, st[-1], 16)
    val = np.array([7.6e3, 1.3e7, 2.0e9, 4e11, 7e13, 1e16, 5e18, 2.8e22, 1e21, 5e20, 2e20,
                    1.6e20, 1.6e20, 1.6e20, 1.6e20, 1.6e20])
    acc = np.array([0.76, 0.60, 0.68, 0.58, 0.71, 0.60, 0.72, 0.43, 0.41, 0.34, 0.36, 0.36,
                    0.32, 0.36, 0.34, 0.34])
    return exp_of(S(np.exp(log_train), st), S(val, ev), S(lr, st), val_acc=S(acc, ev))


def test_a_validation_loss_best_before_the_first_training_bucket_is_read_for_a_blow_up():
    rep = analysis.analyze(_blown_on_first_climb(), strict=True)
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert len(div) == 1 and div[0]["severity"] == "critical", rep["findings"]
    assert div[0]["message"].startswith("The validation loss exploded"), div[0]["message"]
    assert div[0]["evidence"]["rise_ratio"] > 1e10


def _amp_run(bad, seed=0):
    """A per-step loss falling steadily over 1,500 steps (a cosine LR), NaN/Inf at ``bad``."""
    rng = np.random.default_rng(seed)
    n = 1500
    st = np.arange(n, dtype=float)
    lr = 1e-6 + 1e-3 * (1 + np.cos(np.pi * st / n))
    loss = (0.09 + 0.6 * np.exp(-st / 300.0)) * np.exp(rng.normal(0, 0.25, n))
    for i, v in bad:
        loss[i] = v
    ev = np.linspace(94, n - 1, 16)
    val = 0.28 + 0.35 * np.exp(-ev / 300.0)
    return exp_of(S(loss, st), S(val, ev), S(lr, st))


def test_isolated_nan_and_inf_points_of_a_loss_scaler_are_an_info():
    rep = analysis.analyze(_amp_run([(210, np.inf), (611, np.nan), (1033, np.inf)]), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["severity"] == "info", rep["findings"]
    assert fs[0]["evidence"]["nonfinite_points"] == 3
    assert "skipped steps" in fs[0]["message"]
    assert rep["status"] == "healthy"


def test_nan_points_in_a_row_or_recurring_are_still_a_warning():
    two = _amp_run([(600, np.nan), (601, np.nan)])
    often = _amp_run([(i, np.nan) for i in range(100, 1400, 50)])  # 26 of 1,500 (1.7 %)
    for exp in (two, often):
        rep = analysis.analyze(exp, strict=True)
        fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
        assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]


def _at_chance(val_spread, train_noise, seed=0):
    """Two classes, a constant LR: both losses at ln 2 from the first evaluation to the last,
    the validation accuracy at 50 % within its 1,000 examples' noise, its answers changing
    at every evaluation. ``val_spread``: how far the validation loss moves around ln 2."""
    rng = np.random.default_rng(seed)
    n = 1800
    st = np.arange(n, dtype=float)
    train = math.log(2) * np.exp(rng.normal(0, train_noise, n))
    ev = np.linspace(60, n - 1, 30)
    val = math.log(2) * (1 + val_spread * rng.uniform(-1, 1, ev.shape[0]))
    acc = np.round(0.5 + rng.normal(0, 0.015, ev.shape[0]), 3)
    return exp_of(S(train, st), S(val, ev), S(np.full(n, 0.05), st), val_acc=S(acc, ev))


def test_a_model_stuck_at_a_saddle_is_a_plateau_not_thrown_around_by_the_lr():
    # small initial weights in a deep tanh net: outputs ~0, every loss ln 2 to 0.1 %
    rep = analysis.analyze(_at_chance(0.001, 0.005), strict=True)
    assert "divergence" not in {f["kind"] for f in rep["findings"]}, rep["findings"]
    assert "plateau" in {f["kind"] for f in rep["findings"]}
    assert rep["status"] == "warning"


def test_a_model_thrown_around_chance_by_a_far_too_high_lr_is_critical():
    rep = analysis.analyze(_at_chance(0.05, 0.15), strict=True)
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert len(div) == 1 and div[0]["severity"] == "critical", rep["findings"]


def _tiny_run(acc, val, seed=0):
    """A 3-epoch run logged every step (114 points), one evaluation per epoch, AdamW at a
    constant 5e-2; the training loss bursts at step 2 and then sits at ``val``'s level."""
    rng = np.random.default_rng(seed)
    n = 114
    st = np.arange(1, n + 1, dtype=float)
    train = np.full(n, float(np.mean(val))) * np.exp(rng.normal(0, 0.04, n))
    train[0], train[1] = 0.74, 1.87
    ev = np.array([38.0, 76.0, 114.0])
    return exp_of(S(train, st), S(np.asarray(val, float), ev), S(np.full(n, 5e-2), st),
                  val_acc=S(np.asarray(acc, float), ev))


def test_a_tiny_run_that_answers_the_majority_class_at_every_evaluation_collapsed():
    # 63.25 % positives: accuracy 0.6325 at all three evaluations, and both losses at the
    # entropy of the class frequencies (0.658): the model answers one class
    rep = analysis.analyze(_tiny_run([0.6325] * 3, [0.658, 0.658, 0.675]), strict=True)
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert len(div) == 1 and div[0]["severity"] == "critical", rep["findings"]
    assert "at every evaluation" in div[0]["message"]
    assert abs(div[0]["evidence"]["constant_prediction_loss"] - 0.6576) < 1e-3


def test_a_tiny_run_with_one_accuracy_but_a_low_loss_learned():
    # the same accuracy at three evaluations, but a loss far below the class frequencies'
    rep = analysis.analyze(_tiny_run([0.9] * 3, [0.26, 0.25, 0.25]), strict=True)
    assert "divergence" not in {f["kind"] for f in rep["findings"]}, rep["findings"]


def _long_band(spikes, seed=0):
    """21,000 per-step points: a wide but bounded minibatch band (a batch of a task with
    flipped labels is 0.55x-2.5x the centre, no further) whose centre falls slowly to the
    label-noise floor under a cosine LR with a floor; ``spikes``: one-step points at 6x the
    local centre (a corrupted batch), each next point back in the band."""
    rng = np.random.default_rng(seed)
    n = 21000
    st = np.arange(n, dtype=float)
    lr = 3e-3 + 0.5 * (3e-2 - 3e-3) * (1 + np.cos(np.pi * st / n))
    centre = 0.59 + 0.25 * np.exp(-st / 6000.0)
    loss = centre * np.exp(rng.uniform(-0.6, 0.9, n))
    for i in spikes:
        loss[i] = 6.0 * centre[i]
    ev = np.linspace(250, n - 1, 84)
    val = 0.62 + 0.22 * np.exp(-ev / 6000.0)
    return exp_of(S(loss, st), S(val, ev), S(lr, st))


def test_one_step_spikes_far_past_the_band_of_a_long_per_step_run_are_spikes():
    rep = analysis.analyze(_long_band([6000, 12500, 17000]), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    assert fs[0]["evidence"]["spikes"] == 3
    assert {fs[0]["start_step"], fs[0]["end_step"]} == {6000.0, 17000.0}


def test_the_same_long_band_without_them_is_healthy():
    rep = analysis.analyze(_long_band([]), strict=True)
    assert rep["status"] == "healthy", rep["findings"]


def _warmup_hot(seed=0):
    """Digits-like run: a 150-step linear warmup to 5e-2, then a linear decay, 492 steps, an
    evaluation every 41 steps (h_b31_digits_warmup150_linear_5e2's shape). The training loss
    falls smoothly; the validation loss is thrown up at step 123, as the LR nears its peak,
    and comes back below its earlier best later."""
    rng = np.random.default_rng(seed)
    n = 492
    st = np.arange(1, n + 1, dtype=float)
    lr = np.where(st <= 150, 5e-2 * st / 150, 5e-2 - (5e-2 - 1.5e-4) * (st - 150) / (n - 150))
    train = (0.05 + 2.2 * np.exp(-st / 40.0)) * np.exp(rng.normal(0, 0.05, n))
    ev = 41.0 * np.arange(1, 13)
    val = [0.637, 0.400, 1.098, 0.576, 0.683, 0.194, 0.569, 0.255, 0.315, 0.278, 0.25, 0.24]
    return exp_of(S(train, st), S(np.array(val), ev), S(lr, st))


def test_a_setback_as_the_lr_nears_a_too_high_warmup_peak_is_a_spike():
    rep = analysis.analyze(_warmup_hot(), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    assert fs[0]["evidence"]["curve"] == "validation" and fs[0]["step"] == 123.0
    assert fs[0]["message"].startswith("The validation loss was thrown up as the LR neared")
