"""Classes of curve that real runs got wrong (issue 10, ninth session): a model that learned
a little and was then thrown back to chance level by a far too large LR."""

import math

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one

N_VAL = 800  # validation examples: every accuracy is k / 800


def _thrown_back(first_acc: float):
    """tensorboardX-style per-step run, 5 balanced classes, SGD+momentum at a constant 1.0:
    the loss dips from ln 5 in the first 40 steps, bursts to 11 at step 63, then sits at
    ln 5 = 1.61 to the end; ten evaluations of 800 examples, the first at ``first_acc``, the
    rest at 20 % (chance) give or take what 800 examples allow."""
    rng = np.random.default_rng(90)
    st = np.arange(400.0)
    train = np.full(400, math.log(5)) * np.exp(rng.normal(0, 0.08, 400))
    train[:40] = np.linspace(1.59, 1.25, 40) * np.exp(rng.normal(0, 0.05, 40))
    train[60:66] = [3.0, 6.0, 9.0, 11.3, 6.0, 3.4]
    ev = np.arange(40.0, 401.0, 40.0)
    val = np.concatenate([[1.98], math.log(5) * np.exp(rng.normal(0.02, 0.02, 9))])
    counts = np.concatenate([[round(first_acc * N_VAL)],
                             rng.binomial(N_VAL, 0.2, 9)])
    return exp_of(S(train, st), S(val, ev), S(np.full(400, 1.0), st),
                  val_acc=S(counts / N_VAL, ev))


def test_a_model_thrown_back_to_chance_after_learning_a_little_is_divergence():
    # 33 % at the first evaluation is 9 standard errors above the 20 % of guessing among 5
    rep = analysis.analyze(_thrown_back(0.334), strict=True)
    f = one(rep, "divergence")
    assert f["severity"] == "critical"
    assert "thrown back to guessing" in f["message"]
    assert "chance level of 5 balanced classes" in f["message"] and "ln 5" in f["message"]
    assert "1e-1" in f["suggestion"]  # 10x below the LR it ran at


def test_a_run_thrown_out_at_once_that_never_beat_guessing_learned_nothing():
    # 22 % at the first evaluation is 1.4 standard errors above chance: nothing was learned
    # to lose, although the validation loss "fell" from 1.98 back to ln 5 after the burst
    rep = analysis.analyze(_thrown_back(0.22), strict=True)
    f = one(rep, "divergence")
    assert f["message"].startswith("Nothing was learned at an LR of 1")
    assert "thrown back" not in f["message"]
    # the burst at step 63 is part of the divergence, not a spike the run recovered from
    assert "loss_spike" not in kinds(rep)


def test_a_run_that_beat_guessing_on_held_out_data_is_not_told_it_learned_nothing():
    rng = np.random.default_rng(91)
    e = _thrown_back(0.22)
    # the same losses, but the model answers well above chance at every evaluation
    acc = (rng.binomial(N_VAL, 0.45, 10)) / N_VAL
    e = exp_of(e.train_loss, e.val_loss, e.lr, val_acc=S(acc, e.val_loss.steps))
    rep = analysis.analyze(e, strict=True)
    assert not any(f["message"].startswith("Nothing was learned") for f in rep["findings"])


# -- loss_spike: an epoch-level loss that spans decades, read on a log axis after a restart --


def _sgdr_epochs(bump: float):
    """PyTorch SummaryWriter, Adam under warm restarts every 5 epochs of 22 steps (the LR
    logged every step), the epoch mean logged at the global step: it falls from 1.06 to
    0.0246 by epoch 5 and on to 2.5e-4 at epoch 30; the first restart throws it up ``bump`` x
    for two epochs."""
    per, epochs = 22, 30
    st = np.arange(per * epochs, dtype=float)
    lr = 1e-3 + 0.5 * (2e-2 - 1e-3) * (1 + np.cos(np.pi * ((st % (5 * per)) / (5 * per))))
    ep = np.arange(1, epochs + 1, dtype=float)
    # fast to 0.0246 by epoch 5, then on down to 2.5e-4 (straight lines on a log axis)
    loss = np.exp(np.interp(ep, [1, 5, 30], np.log([1.06, 0.0246, 2.5e-4])))
    loss[5:7] *= [bump, bump * 0.9]  # epochs 6-7: right after the restart at step 110
    val = 0.09 + 0.5 * np.exp(-ep / 2)
    return exp_of(S(loss, ep * per), S(val, ep * per), S(lr, st))


def test_a_restart_that_throws_an_epoch_loss_up_3x_near_its_floor_is_a_spike():
    # 0.07 against 0.0246: 3.6x, a share of the loss's decades plain on a log axis, though
    # only 7 % of its linear range
    f = one(analysis.analyze(_sgdr_epochs(3.6), strict=True), "loss_spike")
    assert "right after the LR restart at step 110" in f["message"]


def test_a_restart_bump_of_an_epoch_loss_below_2x_is_no_spike():
    assert "loss_spike" not in kinds(analysis.analyze(_sgdr_epochs(1.6), strict=True))


# -- one warmup for every rule: an LR held and then raised mid-run is a raise, not a warmup ---


def _raised_mid_run():
    """SGD momentum at 0.01 for 528 of 1056 steps, then raised 10x to 0.1 (per-step loss
    near 0.03); 12 steps after the raise one batch is thrown up 18x."""
    rng = np.random.default_rng(92)
    st = np.arange(1056.0)
    lr = np.where(st < 528, 0.01, 0.1)
    train = (0.027 + 2.0 * np.exp(-st / 60)) * np.exp(rng.normal(0, 0.15, st.shape[0]))
    train[540] = 0.485
    ev = np.arange(88.0, 1057.0, 88.0)
    val = 0.08 + 1.8 * np.exp(-ev / 90)
    return exp_of(S(train, st), S(val, ev), S(lr, st))


def test_a_spike_after_a_single_mid_run_raise_is_told_as_a_raise_not_a_warmup_peak():
    f = one(analysis.analyze(_raised_mid_run(), strict=True), "loss_spike")
    assert "warmup" not in f["message"] and "warmup" not in f["suggestion"]
    assert "right after the LR was raised at step 528" in f["message"]
    assert "LR raise at step 528 (1e-2 to 1e-1)" in f["suggestion"]


# -- oscillation: a validation loss that keeps jumping next to a readable training loss -----


_BIG_JUMPS = [1.0, 1.35, 0.8, 1.25, 0.85, 1.4, 0.9]      # 30-50 % between evaluations
_SMALL_JUMPS = [1.0, 1.17, 0.95, 1.16, 0.96, 1.18, 0.97]  # about 20 %


def _epoch_bounce(train_falls: bool, jumps=_BIG_JUMPS):
    """tensorboardX, Adam at a constant 5e-2, 30 epoch means: the validation loss falls for
    three epochs and then jumps between evaluations (``jumps`` of its level) with no trend;
    the training loss sits at 0.1 (too steady to swing itself) -- or, with ``train_falls``,
    keeps falling 10x."""
    rng = np.random.default_rng(93)
    ep = np.arange(1.0, 31.0)
    val = np.concatenate([[1.2, 0.8, 0.6], 0.6 * np.resize(jumps, 27)])
    if train_falls:
        train = 0.5 * np.exp(-ep / 10) * np.exp(rng.normal(0, 0.05, 30))
    else:
        train = np.concatenate([[0.9, 0.4, 0.2], 0.1 * np.exp(rng.normal(0, 0.02, 27))])
    return exp_of(S(train, ep), S(val, ep), S(np.full(30, 5e-2), ep), unit="epoch")


def test_a_jumping_validation_loss_beside_a_training_loss_that_gets_no_better_is_oscillation():
    rep = analysis.analyze(_epoch_bounce(False), strict=True)
    f = one(rep, "oscillation")
    assert "keeps jumping between evaluations" in f["message"]
    assert "nor does the training loss over that stretch" in f["message"]


def test_smaller_jumps_beside_a_training_loss_still_falling_10x_are_no_oscillation():
    # (session 10: jumps of 30-50 % are oscillation even then -- a labelled Keras run, Adam at
    # 3e-2, whose validation loss jumps 0.14 -> 0.31 epoch to epoch while training falls;
    # test_generalisation_10 -- so this guard holds for jumps of about 20 %, which beside a
    # training loss that gets no better are oscillation)
    jumping = analysis.analyze(_epoch_bounce(False, _SMALL_JUMPS), strict=True)
    assert any("keeps jumping between evaluations" in f["message"]
               for f in jumping["findings"])
    rep = analysis.analyze(_epoch_bounce(True, _SMALL_JUMPS), strict=True)
    assert not any("keeps jumping between evaluations" in f["message"]
                   for f in rep["findings"])


def test_jumps_of_a_third_of_the_level_are_oscillation_though_training_falls_10x():
    rep = analysis.analyze(_epoch_bounce(True), strict=True)
    f = one(rep, "oscillation")
    assert "though the training loss still falls" in f["message"]


# -- divergence: a loss that explodes over decades with exact zeros between ------------------


def _saturating(explodes: bool):
    """PyTorch SummaryWriter, digits MLP, SGD momentum at a constant 0.12, batch 16, every
    step for 1320 steps: the logits saturate, so a batch's loss is exactly 0 when it is
    right (3 % of them) and strays over decades when it is wrong. With ``explodes`` the
    wrong batches' loss grows 11 decades over the run and so does the validation loss (15
    evaluations); without, both stay where they were after the first tenth."""
    rng = np.random.default_rng(94)
    st = np.arange(1320.0)
    grow = np.exp(np.log(1e11) * np.clip((st - 132) / 1188, 0, 1)) if explodes \
        else np.ones(1320)
    wrong = rng.random(1320) < 0.97
    train = np.where(wrong, 0.8 * grow * np.exp(rng.normal(0, 2.0, 1320)), 0.0)
    train[:132] = np.linspace(2.3, 0.4, 132) * np.exp(rng.normal(0, 0.3, 132))
    ev = np.arange(88.0, 1321.0, 88.0)
    vgrow = np.exp(np.log(1e11) * np.clip((ev - 132) / 1188, 0, 1)) if explodes \
        else np.ones(15)
    val = 1.23 * vgrow * np.exp(rng.normal(0, 0.05, 15))
    return exp_of(S(train, st), S(val, ev), S(np.full(1320, 0.12), st))


def test_a_loss_that_explodes_over_decades_with_exact_zeros_between_is_divergence():
    # its points stray so far from their level that smoothing leaves two points: the
    # course is read through its tenths
    from tb_lrsched.engine.context import prepare
    assert prepare(_saturating(True)).train.n_smooth < 3
    rep = analysis.analyze(_saturating(True), strict=True)
    f = one(rep, "divergence")
    assert f["severity"] == "critical"
    assert f["message"].startswith("The validation loss exploded")
    assert f["message"].endswith("the run became unstable at this LR.")


def test_the_same_saturated_zeros_without_a_climb_are_no_divergence():
    assert "divergence" not in kinds(analysis.analyze(_saturating(False), strict=True))


# -- divergence: a training loss that climbs because the data gets harder ------------------


def _noise_ramp(val_follows: bool):
    """Lightning, digits MLP, SGD 5e-2 with a cosine to 0, logged every 4 steps over 1230
    steps, input noise ramped up over the run: the training loss falls 2.1 -> 0.05 in the
    first fifth and climbs back to 0.4 as the noise grows; the clean validation loss (30
    evaluations) keeps falling 0.27 -> 0.08 -- or, with ``val_follows``, climbs with it."""
    rng = np.random.default_rng(95)
    st = np.arange(0.0, 1232.0, 4.0)
    fall = 0.05 + 2.05 * np.exp(-st / 40)
    climb = 0.05 * np.exp(np.log(8.0) * np.clip((st - 250) / 980, 0, 1))
    train = np.maximum(fall, climb) * np.exp(rng.normal(0, 0.25, st.shape[0]))
    ev = np.linspace(40, 1229, 30)
    val = 0.08 + 0.2 * np.exp(-ev / 300)
    if val_follows:
        val = 0.12 * np.exp(np.log(8.0) * np.clip((ev - 250) / 980, 0, 1))
    lr = 2.5e-2 * (1 + np.cos(np.pi * st / 1232))
    return exp_of(S(train, st), S(val, ev), S(lr, st))


def test_a_training_loss_that_climbs_while_validation_keeps_improving_is_no_divergence():
    assert "divergence" not in kinds(analysis.analyze(_noise_ramp(False), strict=True))


def test_a_training_loss_that_climbs_with_the_validation_loss_is_divergence():
    assert "divergence" in kinds(analysis.analyze(_noise_ramp(True), strict=True))


def test_same_answer_share_reads_counts_or_the_values_themselves():
    from tb_lrsched.engine import evaluations
    same = np.array([0.1175] + [0.08] * 14)
    assert evaluations.same_answer_share(same, 400) == 14 / 15
    assert evaluations.same_answer_share(same, None) == 14 / 15  # (N unreadable: 2 values)
    changing = np.arange(100, 115) / 400.0
    assert evaluations.same_answer_share(changing, 400) == 1 / 15
    assert evaluations.same_answer_share(np.array([]), 400) == 0.0


# -- plateau: a stall at the floor the data's own noise sets -------------------------------


def _floor(batch_sigma: float):
    """PyTorch SummaryWriter, 3 classes with 30 % flipped labels, Adam at a constant 1e-3,
    batch 16, 1500 steps every step logged: the loss falls 1.2 -> 0.68 in the first tenth and
    sits there, each batch straying by ``batch_sigma`` (log) from that level; the validation
    loss (15 evaluations) 0.755 -> 0.71 and flat at its minimum."""
    rng = np.random.default_rng(96)
    st = np.arange(1500.0)
    train = (0.68 + 0.5 * np.exp(-st / 60)) * np.exp(rng.normal(0, batch_sigma, 1500))
    ev = np.arange(100.0, 1501.0, 100.0)
    val = 0.709 + 0.046 * np.exp(-(ev - 100) / 150) + rng.normal(0, 0.0005, 15)
    return exp_of(S(train, st), S(val, ev), S(np.full(1500, 1e-3), st))


def test_a_stall_whose_batches_stray_a_third_from_it_with_validation_at_its_best_is_a_noise_floor():
    rep = analysis.analyze(_floor(0.35), strict=True)
    f = one(rep, "plateau")
    assert f["severity"] == "info" and rep["status"] == "healthy"
    assert "the floor the data's own noise sets" in f["message"]
    assert f["evidence"]["batch_noise"] >= 20


def test_the_same_stall_with_quiet_batches_stays_a_plateau_warning():
    f = one(analysis.analyze(_floor(0.05), strict=True), "plateau")
    assert f["severity"] == "warning"
    assert "stopped improving" in f["message"]


# -- divergence (h) vs memorising: held-out accuracy lost while the training loss keeps falling


def _memorising(train_falls: bool):
    """Hugging Face Trainer style, 300 sequences with 25 % flipped labels, AdamW at a constant
    3e-3, 760 steps logged every 2: the eval loss (38 evaluations) falls 0.5 -> 0.33 by step
    280 and climbs to 1.2 at the end, the eval accuracy (400 examples) 0.92 -> 0.70; the
    training loss falls 0.75 -> 0.08 as the model memorises the flipped labels -- or, without
    ``train_falls``, climbs back to 0.7 with the evaluation (a collapse)."""
    rng = np.random.default_rng(97)
    st = np.arange(0.0, 760.0, 2.0)
    fall = 0.75 * np.exp(-st / 330) * np.exp(rng.normal(0, 0.1, st.shape[0]))
    if not train_falls:
        fall = np.where(st < 280, fall, 0.32 + 0.5 * (st - 280) / 480)
    ev = np.arange(20.0, 761.0, 20.0)
    val = np.where(ev < 280, 0.5 - 0.17 * ev / 280, 0.33 + 0.87 * ((ev - 280) / 480) ** 2)
    acc = np.where(ev < 280, 0.9, 0.92 - 0.22 * (ev - 280) / 480)
    acc = np.round(acc * 400) / 400
    return exp_of(S(fall, st), S(val, ev), S(np.full(st.shape[0], 3e-3), st),
                  val_acc=S(acc, ev))


def test_held_out_accuracy_lost_while_the_training_loss_keeps_falling_is_memorising():
    rep = analysis.analyze(_memorising(True), strict=True)
    assert "divergence" not in kinds(rep)
    assert "overfitting" in kinds(rep)


def test_the_same_held_out_loss_with_a_training_loss_that_climbs_back_is_a_collapse():
    assert "divergence" in kinds(analysis.analyze(_memorising(False), strict=True))
