"""Rule `divergence`: positive and negative cases."""

from __future__ import annotations

import numpy as np
import pytest

from tb_lrsched import analysis
from tb_lrsched.engine.context import prepare
from tb_lrsched.rules import divergence, missing_lr
from tests.support.curves import S, exp_of, kinds, lr_warmup_cosine, noisy, one, problems, train_loss_from_lr


def test_divergence_nan_after_explosion_reports_lr_and_step():
    rng = np.random.default_rng(4)
    n = 2000
    lr = lr_warmup_cosine(n, peak=0.3, warm=0.2)
    loss = noisy(train_loss_from_lr(lr), 0.1, rng)
    loss[340:] = loss[340] * np.exp(np.arange(n - 340) / 20.0)
    loss[500:] = np.nan
    rep = analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True)
    assert rep["status"] == "critical"
    f = one(rep, "divergence")
    assert 330 <= f["step"] <= 400
    assert f["evidence"]["first_nonfinite_step"] == 500
    assert f["evidence"]["lr_at_divergence"] == pytest.approx(lr[int(f["step"])], rel=0.05)
    assert "step" in f["message"] and "e-" in f["suggestion"]
    assert rep["findings"][0]["kind"] == "divergence"


def test_divergence_explosion_without_nan_epoch_level():
    tr = [2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]
    exp = exp_of(train=S(tr), lr=S([0.5] * 8), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "divergence")
    assert f["step"] == 4 and f["evidence"]["best_step"] == 3
    assert "epoch 4" in f["message"]


def test_divergence_nan_only_in_last_points():
    tr = np.concatenate([np.linspace(2.3, 0.5, 20), [np.nan, np.inf, np.nan]])
    f = one(analysis.analyze(exp_of(S(tr)), strict=True), "divergence")
    assert f["step"] == 20


def test_no_divergence_when_loss_rises_a_little():
    tr = np.concatenate([np.linspace(2.3, 0.5, 30), np.linspace(0.5, 0.8, 10)])
    assert "divergence" not in kinds(analysis.analyze(exp_of(S(tr)), strict=True))


def test_step_unit_in_messages():
    tr = [2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]
    f = one(analysis.analyze(exp_of(S(np.array(tr)), unit="step"), strict=True), "divergence")
    assert "step 4" in f["message"] and "epoch" not in f["message"]


def test_divergence_in_a_million_step_run():
    rng = np.random.default_rng(14)
    n = 1_000_000
    lr = lr_warmup_cosine(n, peak=1e-3, warm=0.05)
    loss = noisy(train_loss_from_lr(lr), 0.2, rng)
    loss[700_000:] *= np.exp(np.arange(n - 700_000) / 20_000.0)
    f = one(analysis.analyze(exp_of(S(loss), None, S(lr)), strict=True), "divergence")
    assert 690_000 <= f["step"] <= 730_000, f


def test_divergence_explains_the_val_rise_and_keeps_the_accuracy_drop():
    # the validation accuracy falling to chance with the loss is shown too (the labelled
    # corpus reads both off such a plot); the validation-loss rise is the divergence's
    tr = np.array([2.3, 1.2, 0.8, 0.7, 0.65, np.nan, np.nan, np.nan])
    va = np.array([2.0, 1.1, 0.8, 0.75, 0.9, 3.0, np.nan, np.nan])
    acc = np.array([0.3, 0.6, 0.75, 0.8, 0.78, 0.1, 0.1, 0.1])
    exp = exp_of(S(tr), S(va), S(np.linspace(0.1, 2.0, 8)), unit="epoch", val_acc=S(acc))
    rep = analysis.analyze(exp, strict=True)
    assert problems(rep) == ["accuracy_drop", "divergence"]
    f = one(rep, "divergence")
    assert f["step"] == 5 and "epoch 5" in f["message"]
    assert not any("not judged" in n for n in rep["notes"])


def test_rule_alone_on_a_prepared_context():
    exp = exp_of(S([2.3, 1.1, 0.7, 0.6, 1.9, 3.5, 4.2, 4.4]), unit="epoch")
    assert divergence.detect(prepare(exp))[0]["kind"] == "divergence"
    assert missing_lr.detect(prepare(exp))[0]["kind"] == "missing_lr"


def _thrown_out_run(learns_after=False, acc_rises=False, seed=0):
    """Two classes at a far too high constant LR: the first steps blow the loss up to ~600,
    then it sits at chance (ln 2) with the validation loss above it and the accuracy near
    50 %. With ``learns_after`` the loss falls on from the burst to 0.1 (a healthy run that
    merely started with a burst); with ``acc_rises`` the accuracy climbs to 0.9."""
    rng = np.random.default_rng(seed)
    n = 300
    train = np.log(2) * (1 + 0.05 * rng.standard_normal(n))
    if learns_after:
        train = np.log(2) * np.exp(-np.arange(n) / 60.0) + 0.1 + 0.01 * rng.standard_normal(n)
    train[:4] = [646.0, 42.0, 19.8, 1.7]
    ep = np.arange(10, dtype=float) * 30 + 29
    val = 1.5 + 0.3 * rng.standard_normal(10)
    acc = 0.6 - 0.01 * np.arange(10) + 0.01 * rng.standard_normal(10)
    if learns_after:
        val = 0.8 * np.exp(-np.arange(10) / 3.0) + 0.2
    if acc_rises:
        acc = np.linspace(0.55, 0.9, 10)
    return exp_of(train=S(train), val=S(val, ep), lr=S(np.full(n, 0.8)), val_acc=S(acc, ep))


def test_thrown_out_at_the_start_and_never_learned_is_divergence_not_an_accuracy_drop():
    rep = analysis.analyze(_thrown_out_run())
    f = one(rep, "divergence")
    assert f["evidence"]["max_loss"] == pytest.approx(646.0)
    assert f["evidence"]["median_loss"] == pytest.approx(np.log(2), rel=0.1)
    assert "Nothing was learned" in f["message"] and "8e-2" in f["suggestion"]
    assert "accuracy_drop" not in kinds(rep)


@pytest.mark.parametrize("kw", [dict(learns_after=True), dict(acc_rises=True)])
def test_a_burst_at_the_start_of_a_run_that_then_learns_is_no_divergence(kw):
    assert "divergence" not in kinds(analysis.analyze(_thrown_out_run(**kw)))


def test_thrown_out_reads_a_cross_entropy_at_chance_not_any_loss_far_above_it():
    # the same run with its losses in other units (x100: ~69 where chance is 0.69) is no
    # cross-entropy sitting at chance level, and the chance-level reading does not apply
    e = _thrown_out_run()
    x100 = exp_of(train=S(e.train_loss.values * 100), val=S(e.val_loss.values * 100,
                                                           e.val_loss.steps),
                  lr=e.lr, val_acc=e.val_acc)
    assert divergence.detect(prepare(x100)) == []


def test_one_lucky_evaluation_at_chance_is_no_learning():
    # ten-class chance: the accuracy bounces 8-12 % from one evaluation to the next; one later
    # evaluation 1.5 points above the early best is noise, not something learned
    e = _thrown_out_run()
    acc = np.array([0.102, 0.08, 0.102, 0.097, 0.117, 0.1, 0.102, 0.085, 0.097, 0.1])
    val = np.log(10) * (1 + 0.01 * np.random.default_rng(3).standard_normal(10))
    train = np.log(10) * (1 + 0.03 * np.random.default_rng(4).standard_normal(300))
    train[:4] = [85.0, 23.6, 3.3, 4.1]
    run = exp_of(train=S(train), val=S(val, e.val_loss.steps), lr=e.lr, val_acc=S(acc, e.val_loss.steps))
    f = one(analysis.analyze(run), "divergence")
    assert "Nothing was learned" in f["message"] and "10.2%" in f["message"]


def test_thrown_out_needs_a_validation_accuracy():
    e = _thrown_out_run()
    e = exp_of(train=e.train_loss, val=e.val_loss, lr=e.lr)
    assert divergence.detect(prepare(e)) == []


def test_constant_prediction_loss_is_chance_level():
    from tb_lrsched.engine.chance import constant_prediction_loss as cpl

    assert cpl(0.5) == pytest.approx(np.log(2))
    assert cpl(0.1) == pytest.approx(np.log(10))
    assert cpl(0.965) == pytest.approx(-(0.965 * np.log(0.965) + 0.035 * np.log(0.035)))
    assert cpl(1.0) == 0.0 and cpl(0.0) == 0.0


def test_a_run_that_converged_in_its_first_tenth_was_not_thrown_out():
    # first logged loss 2.3 (ln 10), then at once ~0.05 with 96 % accuracy and flat after:
    # a fast learner, not a run that never learned (its loss is far below chance level)
    rng = np.random.default_rng(3)
    n = 300
    train = 0.05 * (1 + 0.05 * rng.standard_normal(n))
    train[:3] = [2.3, 0.9, 0.2]
    ep = np.arange(10, dtype=float) * 30 + 29
    e = exp_of(train=S(train), val=S(0.15 + 0.01 * rng.standard_normal(10), ep),
               lr=S(np.full(n, 0.1)), val_acc=S(0.965 + 0.002 * rng.standard_normal(10), ep))
    assert divergence.detect(prepare(e)) == []


def _majority_class_run(constant=True, seed=5):
    """A binary task with a 63 % majority class at AdamW 3e-2, no warmup: the loss drops from
    0.88 to 0.66 in the first steps and sits there -- at the entropy of the class prior -- and
    the validation accuracy is 63.25 % at every evaluation (the model answers one class).
    ``constant=False``: a weak model whose accuracy moves from one evaluation to the next."""
    rng = np.random.default_rng(seed)
    n = 400
    prior = -(0.6325 * np.log(0.6325) + 0.3675 * np.log(0.3675))
    train = prior * (1 + 0.03 * rng.standard_normal(n))
    train[:5] = [0.88, 0.80, 0.74, 0.70, 0.68]
    ep = np.arange(8, dtype=float) * 50 + 49
    val = prior * (1 + 0.004 * rng.standard_normal(8))
    acc = np.full(8, 0.6325) if constant else 0.6325 + 0.02 * rng.standard_normal(8)
    return exp_of(train=S(train), val=S(val, ep), lr=S(np.full(n, 3e-2)), val_acc=S(acc, ep))


def test_a_collapse_to_one_class_is_divergence():
    rep = analysis.analyze(_majority_class_run())
    f = one(rep, "divergence")
    assert f["evidence"]["constant_val_acc"] == pytest.approx(0.6325)
    assert f["evidence"]["constant_prediction_loss"] == pytest.approx(0.6576, abs=1e-3)
    assert "same class for every input" in f["message"] and "3e-3" in f["suggestion"]
    assert "lr_too_low" not in kinds(rep) and "plateau" not in kinds(rep)


def test_a_weak_model_whose_accuracy_moves_has_not_collapsed():
    assert "divergence" not in kinds(analysis.analyze(_majority_class_run(constant=False)))
