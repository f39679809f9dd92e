"""Classes of curve that real runs got wrong (issue 10, seventh session): the held-out side
of the noise model -- a validation accuracy is a count of N examples, and a model that keeps
jumping between evaluations moves it by several standard errors of N."""

import numpy as np
import pytest

from tb_lrsched import analysis
from tb_lrsched.engine import evaluations
from tests.support.curves import S, exp_of, kinds, one

N_VAL = 497


def _counts(acc, n=N_VAL):
    """Accuracies as a writer logs them: k / n, stored as float32."""
    return (np.round(np.asarray(acc) * n) / n).astype(np.float32).astype(np.float64)


# -- the primitive ----------------------------------------------------------------------------

def test_the_validation_set_size_is_read_off_the_accuracies():
    rng = np.random.default_rng(70)
    for n in (97, 400, 497, 1000, 10000):
        acc = _counts(0.6 + 0.3 * rng.random(12), n)
        assert evaluations.evaluation_size(acc) == n  # 12 random counts share no divisor
    # an accuracy averaged over batches of unequal size is no count; nor are 3 values enough
    assert evaluations.evaluation_size(0.6 + 0.3 * rng.random(12)) is None
    assert evaluations.evaluation_size(_counts([0.5, 0.6, 0.7])) is None
    assert evaluations.evaluation_size(np.array([0.2, 1.3, 0.5, 0.6])) is None


def test_a_lone_bad_evaluation_is_no_bounce_but_turning_at_every_evaluation_is():
    settle = _counts([0.936, 0.938, 0.940, 0.940, 0.942, 0.942, 0.944, 0.944])
    jumpy = _counts([0.936, 0.962, 0.926, 0.950, 0.920, 0.958, 0.930, 0.956])
    lone = _counts([0.940, 0.942, 0.900, 0.941, 0.943, 0.942, 0.944, 0.943])
    rising = _counts([0.80, 0.83, 0.81, 0.85, 0.84, 0.88, 0.87, 0.91])
    p = float(np.median(jumpy))
    se = np.sqrt(p * (1 - p) / N_VAL)
    b = {k: evaluations.bounce(v, N_VAL) for k, v in
         dict(settle=settle, jumpy=jumpy, lone=lone, rising=rising).items()}
    assert b["settle"].scatter_se < 1.0
    assert b["jumpy"].scatter_se > 2.0 and abs(b["jumpy"].trend) < b["jumpy"].scatter
    assert b["lone"].scatter < 0.5 * b["jumpy"].scatter  # one dip moves few turn depths
    assert b["rising"].trend > 2 * b["rising"].scatter
    assert b["jumpy"].standard_error == pytest.approx(se)
    assert evaluations.bounce(jumpy, None) is None and evaluations.bounce(jumpy[:4], N_VAL) is None


# -- the rule: a model that keeps jumping between evaluations ---------------------------------

def _jumpy_adamw(acc_tail, val_fall: float = 0.0):
    """Hugging Face Trainer, AdamW at a constant 3e-2 for 410 steps: the per-step loss
    (every 5 steps) bounces 0.03-0.3 around a slowly falling ~0.12, as it does for a healthy
    run at its noise floor too; 10 evaluations on 497 examples. The validation accuracy rises
    0.91 -> 0.93 in the first 30 % and then follows ``acc_tail``; the validation loss sits at
    ~0.30 (or falls by ``val_fall`` over the run)."""
    rng = np.random.default_rng(71)
    st = np.arange(5.0, 411.0, 5.0)
    train = (0.12 + 0.5 * np.exp(-st / 25)) * (1 - 0.2 * st / 410) * np.exp(
        rng.normal(0, 0.7, st.shape[0]))
    ev = np.arange(41.0, 411.0, 41.0)
    acc = _counts(np.concatenate([[0.911, 0.924, 0.934], acc_tail]))
    val = 0.30 * (1 - val_fall * ev / 410) + rng.normal(0, 0.01, ev.shape[0])
    lr = np.full(st.shape[0], 3e-2)
    return exp_of(S(train, st), S(val, ev), S(lr, st), val_acc=S(acc, ev))


JUMPY = [0.936, 0.958, 0.926, 0.950, 0.922, 0.956, 0.930]


def test_validation_accuracy_jumping_by_several_standard_errors_at_a_steady_lr_is_oscillation():
    f = one(analysis.analyze(_jumpy_adamw(JUMPY), strict=True), "oscillation")
    assert f["evidence"]["val_examples"] == N_VAL
    assert f["evidence"]["acc_scatter_se"] >= 2.0
    assert "497 examples" in f["message"] and "3e-2" in f["message"]
    assert "3e-3" in f["suggestion"]


def test_a_settling_accuracy_or_a_still_falling_validation_loss_is_no_oscillation():
    settle = [0.936, 0.938, 0.940, 0.940, 0.942, 0.942, 0.944]
    assert "oscillation" not in kinds(analysis.analyze(_jumpy_adamw(settle), strict=True))
    # the same jumps while the validation loss keeps falling: the model still improves
    falling = _jumpy_adamw(JUMPY, val_fall=0.5)
    assert "oscillation" not in kinds(analysis.analyze(falling, strict=True))


def test_accuracy_jumps_under_an_lr_that_restarts_are_the_schedules():
    e = _jumpy_adamw(JUMPY)
    st = np.asarray(e.lr.steps)
    lr = 3e-2 * 0.5 * (1 + np.cos(np.pi * (st % 100) / 100)) + 1e-5
    restarted = exp_of(e.train_loss, e.val_loss, S(lr, st), val_acc=e.val_acc)
    assert "oscillation" not in kinds(analysis.analyze(restarted, strict=True))


# -- a short per-step loss: one point must beat the run's own tail ----------------------------

def _tiny_onecycle(blip: float):
    """4 epochs of one-cycle to 0.1, 88 steps logged one by one: the loss falls 2.3 -> ~0.12
    by step ~30 and then bounces with its minibatch noise (points 2-3x their neighbours are
    ordinary here); the point at step 38 is ``blip`` x its neighbours."""
    rng = np.random.default_rng(81)
    st = np.arange(1.0, 89.0)
    lr = 0.1 * np.where(st < 26, 0.04 + 0.96 * st / 26,
                        0.5 * (1 + np.cos(np.pi * (st - 26) / 62))) + 1e-6
    base = 0.12 + 2.2 / (1 + np.exp((st - 22) / 3))
    train = base * np.exp(rng.normal(0, 0.45, st.shape[0]) * (st > 24))
    train[37] = blip * np.median(train[[35, 36, 38, 39]])
    ev = np.array([22.0, 44.0, 66.0, 88.0])
    return exp_of(S(train, st), S(np.array([1.11, 0.33, 0.197, 0.201]), ev), S(lr, st),
                  val_acc=S(np.array([0.69, 0.902, 0.947, 0.936]), ev))


def test_a_blip_within_a_short_per_step_loss_s_own_noise_is_no_spike_a_corrupted_batch_is():
    for blip in (1.0, 2.6):
        assert "loss_spike" not in kinds(analysis.analyze(_tiny_onecycle(blip), strict=True))
    f = one(analysis.analyze(_tiny_onecycle(40.0), strict=True), "loss_spike")
    assert f["evidence"]["peak_step"] == 38.0 and f["evidence"]["peak_ratio"] > 20


# -- an LR raise that cost the rest of the run its accuracy -----------------------------------

def _raised(after, bouncing: bool = False):
    """Lightning, SGD+momentum at 0.01 for 10 epochs (validation accuracy up to 96.6 % on 497
    examples), then the LR jumps 35x to 0.35 for 10 more; ``after`` are the 10 evaluations
    after the raise."""
    ep = np.arange(1.0, 21.0) * 21
    acc = _counts(np.concatenate([[0.80, 0.88, 0.91, 0.93, 0.94, 0.95, 0.955, 0.96, 0.962,
                                   0.966], after]))
    val = np.concatenate([[0.9, 0.5, 0.35, 0.3, 0.26, 0.24, 0.22, 0.21, 0.205, 0.2],
                          0.2 + 4.0 * (0.966 - np.asarray(after))])
    st = np.arange(1.0, 421.0)
    train = 0.05 + 1.5 * np.exp(-st / 40) + 0.3 * (st > 210) * np.exp(-(st - 210) / 60)
    if bouncing:  # the loss bounces at the raised LR
        train = 0.05 + 1.5 * np.exp(-st / 40) + 0.1 * (st > 210) * np.abs(np.sin(st / 7))
    lr = np.where(st <= 210, 0.01, 0.35)
    return exp_of(S(train, st), S(val, ep), S(lr, st), val_acc=S(acc, ep))


def test_an_lr_raise_whose_accuracy_never_comes_back_is_an_accuracy_drop():
    never = [0.92, 0.83, 0.93, 0.94, 0.93, 0.94, 0.96, 0.87, 0.89, 0.95]
    f = one(analysis.analyze(_raised(never), strict=True), "accuracy_drop")
    assert f["evidence"]["raise_step"] == 211.0 and f["evidence"]["val_examples"] == N_VAL
    assert "raised to 3.5e-1" in f["message"] and "96.6%" in f["message"]
    # the loss bouncing at the raised LR (an oscillation) does not explain the lost accuracy
    rep = analysis.analyze(_raised(never, bouncing=True), strict=True)
    assert {"oscillation", "accuracy_drop"} <= set(kinds(rep))
    # a raise the model recovers from and then beats its old best with is no drop
    back = [0.93, 0.95, 0.96, 0.965, 0.968, 0.97, 0.972, 0.97, 0.974, 0.975]
    assert "accuracy_drop" not in kinds(analysis.analyze(_raised(back), strict=True))


# -- a detection score stands in for the accuracy -----------------------------------------------

def test_detection_score_tags_are_recognised():
    from tb_lrsched.engine.curves import is_detection_score
    for tag in ("metrics/mAP50(B)", "metrics/mAP_0.5", "metrics/mAP50-95(B)", "bbox/AP50",
                "val/mAP"):
        assert is_detection_score(tag), tag
    for tag in ("x/feature_map", "heatmap/mean", "metrics/precision(B)", "bbox/APs",
                "val/acc", "lr/pg0"):
        assert not is_detection_score(tag), tag


def _yolo(map50):
    """YOLO-style logs: box loss for train and val, no accuracy, 'metrics/mAP50(B)' per epoch
    (``map50``), three LR groups under one-cycle."""
    ep = np.arange(1.0, 15.0)
    lr = 0.08 * np.sin(np.pi * ep / 15) + 1e-4
    train = 0.05 + 0.3 * np.exp(-ep / 3)
    val = 0.06 + 0.3 * np.exp(-ep / 3)
    score = S(np.asarray(map50), ep, tag="metrics/mAP50(B)")
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), val_acc=score, unit="epoch")


def test_a_detection_score_that_falls_from_its_best_is_an_accuracy_drop():
    fell = [0.5, 0.8, 0.89, 0.94, 0.9, 0.8, 0.76, 0.72, 0.78, 0.8, 0.82, 0.83, 0.83, 0.83]
    f = one(analysis.analyze(_yolo(fell), strict=True), "accuracy_drop")
    assert f["message"].startswith("Validation mAP50(B) fell from its best 94.0%")
    rising = [0.5, 0.8, 0.89, 0.9, 0.91, 0.92, 0.93, 0.93, 0.94, 0.94, 0.95, 0.95, 0.95, 0.95]
    assert "accuracy_drop" not in kinds(analysis.analyze(_yolo(rising), strict=True))
    # a score is no accuracy: no chance level is read off it (0.1 is not "10 classes")
    low = [0.1] * 14
    rep = analysis.analyze(_yolo(low), strict=True)
    assert "divergence" not in kinds(rep)
