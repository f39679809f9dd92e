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


# -- divergence: a model the LR threw out before its first evaluation, that never came back --

_VAL_THROWN = [1.95, 6.46, 14.95, 9.44, 3.02, 1.27, 1.62, 4.73, 3.61, 3.19, 1.82, 1.54, 1.46,
               1.55, 3.61, 2.19, 1.44, 1.26]
_ACC_THROWN = [0.634, 0.686, 0.595, 0.629, 0.609, 0.61, 0.639, 0.534, 0.514, 0.562, 0.51,
               0.458, 0.466, 0.514, 0.425, 0.472, 0.425, 0.504]


def _cyclic_thrown_out(val_scale: float, seed: int = 111):
    """tensorboardX-style run, 3 balanced classes (chance ln 3 = 1.10), SGD under a
    triangular CyclicLR 1e-2 <-> 2.5 (three cycles of 450 steps), the loss every 3 steps:
    the training loss starts at chance and is thrown up to ~10 at every LR peak; 18
    evaluations of 800 examples, the first (1.95) already above chance, at 6-15 at the LR
    peaks and 1.26-1.6 at the troughs -- times ``val_scale``."""
    rng = np.random.default_rng(seed)
    st = np.arange(0.0, 1350.0, 3.0)
    phase = (st % 450.0) / 450.0
    lr = 1e-2 + (2.5 - 1e-2) * (1.0 - np.abs(2.0 * phase - 1.0))
    train = (1.1 + 9.0 * (lr / 2.5) ** 3) * np.exp(rng.normal(0, 0.4, st.shape[0]))
    train[0] = 1.1
    ev = np.arange(75.0, 1351.0, 75.0)
    val = np.asarray(_VAL_THROWN) * val_scale
    acc = np.round(np.asarray(_ACC_THROWN) * 800) / 800
    return exp_of(S(train, st), S(val, ev), S(lr, st), val_acc=S(acc, ev))


def test_a_validation_loss_that_never_gets_below_where_training_started_learned_nothing():
    # at their best (1.30) the evaluations stand 7 % below where the training loss started
    # (1.40, its first level): they came back only part of the way from the first one
    rep = analysis.analyze(_cyclic_thrown_out(1.03), strict=True)
    f = one(rep, "divergence")
    assert f["severity"] == "critical" and rep["status"] == "critical"
    assert "Nothing was learned" in f["message"]
    assert "never got 10 % below where the training loss started" in f["message"]
    assert abs(f["evidence"]["val_best_loss"] - 1.2978) < 1e-3
    assert "2.5e-1" in f["suggestion"]


def test_a_validation_loss_that_comes_back_well_below_the_start_has_learned():
    # the same run whose evaluations sit at half those values: down to 0.63 at the
    # troughs, well below the 1.1 it started from -- no "nothing was learned"
    rep = analysis.analyze(_cyclic_thrown_out(0.5), strict=True)
    assert not any("Nothing was learned" in f["message"] for f in rep["findings"]), \
        rep["findings"]


# -- divergence: kept at chance by a far too large LR, the held-out loss drifting up --


def _kept_at_chance(train_fall: float, noise: float = 0.25, seed: int = 112):
    """Tutorial-writer run, 5 balanced classes (chance ln 5 = 1.61, 20 %), SGD momentum with
    a 200-step warmup to a constant 2.0, the loss every 3 steps: the training loss starts at
    1.60 and is thrown up to ~1.74, where it bounces by +-``noise`` e-folds from point to
    point (minus ``train_fall`` x its level, spread linearly over the run); 15 evaluations of 1000
    examples: the validation loss jumps between 1.65 and 2.07 and ends its last third higher
    than its first, the accuracy 19-22 %."""
    rng = np.random.default_rng(seed)
    st = np.arange(0.0, 1404.0, 3.0)
    lr = np.minimum(2.0, 2.0 * st / 200.0)
    train = 1.74 * (1.0 - train_fall * st / st[-1]) * np.exp(rng.normal(0, noise, st.shape[0]))
    train[0] = 1.6
    ev = 94.0 * np.arange(1.0, 16.0)
    val = np.asarray([1.753, 1.706, 1.685, 1.91, 1.649, 1.991, 1.763, 1.8, 1.652, 1.928,
                      1.769, 2.071, 1.673, 1.955, 1.91])
    acc = np.asarray([199, 190, 193, 190, 221, 194, 221, 193, 193, 190, 202, 194, 194, 190,
                      190]) / 1000.0
    return exp_of(S(train, st), S(val, ev), S(lr, st), val_acc=S(acc, ev))


def test_a_model_thrown_around_at_chance_whose_held_out_loss_drifts_up_learned_nothing():
    # the validation loss's last third sits above its first: once read as "memorising",
    # which needs a training loss that creeps down -- this one does not
    rep = analysis.analyze(_kept_at_chance(0.0), strict=True)
    f = one(rep, "divergence")
    assert rep["status"] == "critical"
    assert "ln 5" in f["message"] and "guessing among 5 classes" in f["message"]
    assert "answers keep changing" in f["message"]


def test_a_training_loss_that_creeps_down_below_a_climbing_held_out_loss_is_no_chance_level():
    # the same evaluations beside a training loss that creeps 25 % down over the run: fitting
    # the training labels (memorising), not thrown around at chance
    rep = analysis.analyze(_kept_at_chance(0.25, noise=0.08), strict=True)
    assert not any("guessing among" in f["message"] for f in rep["findings"]), rep["findings"]


# -- a network dead from the start answers one class: plateau's, not a collapse --


def _dead_from_start(burst: float):
    """Tutorial-writer epoch means of a digits MLP whose hidden ReLUs are dead from the start
    (biases at -5), SGD 5e-2 momentum with a cosine to 0, 20 epochs: both losses go 2.305 ->
    2.290 (ln 10 = 2.303) and the test accuracy is 9.75 % at nearly every evaluation (of 400
    examples). With ``burst`` the first epochs are instead thrown up to ``burst`` x that."""
    ep = np.arange(20, dtype=float)
    train = 2.305 - 0.015 * ep / 19.0
    val = 2.305 - 0.017 * ep / 19.0
    acc = np.full(20, 39 / 400)
    acc[:4] = [34 / 400, 36 / 400, 37 / 400, 38 / 400]
    if burst:
        train[1:4] *= burst
        val[1:4] *= burst
    lr = 5e-2 * 0.5 * (1 + np.cos(np.pi * ep / 19.0))
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), val_acc=S(acc, ep), unit="epoch")


def test_a_network_that_never_moved_from_chance_is_no_collapse():
    rep = analysis.analyze(_dead_from_start(0.0), strict=True)
    assert "divergence" not in kinds(rep), rep["findings"]
    assert rep["status"] == "warning"


def test_a_model_thrown_up_before_it_answers_one_class_collapsed():
    rep = analysis.analyze(_dead_from_start(3.0), strict=True)
    assert "divergence" in kinds(rep) and rep["status"] == "critical"
