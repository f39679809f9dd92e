"""Classes of curve that real runs got wrong (issue 10, fourteenth session): a warmup to a
too-high peak (or one LR raise) that sets the model back for several epochs, plainly on the
validation loss, while the per-step training loss bounces too much for a spike of its own
to stand out -- the run then recovers as the LR decays."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds

EPOCH = 30                  # steps per epoch
EVALS = np.arange(EPOCH, 20 * EPOCH + 1, EPOCH, dtype=float)   # 20 evaluations


def _warmup_cosine(peak: float = 0.2, warm: int = 5 * EPOCH) -> np.ndarray:
    t = np.arange(20 * EPOCH, dtype=float)
    return np.where(t < warm, 1e-4 + (peak - 1e-4) * t / warm,
                    0.5 * peak * (1 + np.cos(np.pi * (t - warm) / (20 * EPOCH - warm))))


def _run(val, lr, seed: int = 141, noise: float = 0.45):
    """A per-step regression MSE (``noise`` per batch: 45 %) that follows the validation MSE
    between evaluations, beside 20 evaluations ``val``."""
    rng = np.random.default_rng(seed)
    st = np.arange(20 * EPOCH, dtype=float)
    level = np.exp(np.interp(st, np.concatenate([[0.0], EVALS]),
                             np.log(np.concatenate([[0.5], val]))))
    train = 0.9 * level * np.exp(noise * rng.standard_normal(st.shape[0]))
    return _run_arrays(train, val, lr)


def _run_arrays(train, val, lr, val_acc=None):
    """A per-step training loss and LR beside the 20 evaluations ``val`` (and ``val_acc``)."""
    st = np.arange(train.shape[0], dtype=float)
    return exp_of(S(train, st), S(np.asarray(val, float), EVALS), S(lr, st),
                  val_acc=None if val_acc is None else S(val_acc, EVALS))


# Adam warmed up to 0.2: best 0.0136 at epoch 4, thrown up to 0.12 (9x) near the peak, back
# below its old best from epoch 12 and 0.0044 at the end
SETBACK = [0.19, 0.05, 0.02, 0.0136, 0.024, 0.066, 0.030, 0.120, 0.066, 0.038, 0.025,
           0.0125, 0.011, 0.0095, 0.0061, 0.0055, 0.005, 0.0047, 0.0045, 0.0044]


def test_a_validation_setback_after_the_warmup_peak_is_a_loss_spike_at_that_peak():
    rep = analysis.analyze(_run(SETBACK, _warmup_cosine()), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and rep["status"] == "warning", rep["findings"]
    f = fs[0]
    assert f["severity"] == "warning"
    assert f["evidence"]["curve"] == "validation"
    assert f["evidence"]["peak_step"] == 8 * EPOCH
    assert abs(f["evidence"]["peak_ratio"] - 0.120 / 0.0136) < 1e-6
    assert 4 * EPOCH < f["evidence"]["warmup_end_step"] <= 5 * EPOCH  # 95 % of the peak
    assert "warmup peak" in f["message"] and "lengthen warmup" in f["suggestion"]


def test_a_small_bump_at_the_peak_or_a_setback_that_stays_is_no_held_out_spike():
    bump = [0.19, 0.05, 0.02, 0.0136, 0.018, 0.020, 0.016, 0.0128, 0.011, 0.0095, 0.009,
            0.0085, 0.008, 0.0075, 0.007, 0.0065, 0.006, 0.0055, 0.005, 0.0048]
    rep = analysis.analyze(_run(bump, _warmup_cosine()), strict=True)
    assert "loss_spike" not in kinds(rep), rep["findings"]
    stays = SETBACK[:8] + [0.11, 0.10, 0.09, 0.085, 0.08, 0.078, 0.076, 0.075, 0.074, 0.073,
                           0.072, 0.072]
    rep = analysis.analyze(_run(stays, _warmup_cosine()), strict=True)
    assert not [f for f in rep["findings"] if f["kind"] == "loss_spike"
                and f["evidence"].get("curve") == "validation"], rep["findings"]


def test_a_setback_after_the_one_lr_raise_names_the_raise():
    lr = np.where(np.arange(20 * EPOCH) < 10 * EPOCH, 1e-3, 1e-2)
    val = [0.6, 0.4, 0.3, 0.24, 0.2, 0.17, 0.15, 0.135, 0.125, 0.12,
           0.34, 0.29, 0.2, 0.15, 0.12, 0.11, 0.1, 0.095, 0.09, 0.088]
    # batches bouncing 2.5x: no training-loss spike of its own stands out
    rep = analysis.analyze(_run(val, lr, noise=0.9), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1, rep["findings"]
    assert fs[0]["evidence"]["curve"] == "validation"
    assert fs[0]["evidence"]["raise_step"] == 10 * EPOCH
    assert "LR raise" in fs[0]["message"] and "raise it less" in fs[0]["suggestion"]


def test_one_evaluation_thrown_far_above_the_others_scatter_after_the_peak_is_a_setback():
    # a two-class eval loss steady at 0.23-0.29 that jumps 6x at the first evaluation after
    # the warmup peak and is back at the next one
    val = [0.30, 0.26, 0.241, 0.240, 0.236, 1.42, 0.287, 0.25, 0.26, 0.241, 0.27, 0.245,
           0.255, 0.24, 0.262, 0.248, 0.25, 0.244, 0.26, 0.245]
    rep = analysis.analyze(_run(val, _warmup_cosine(), noise=0.9), strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert len(fs) == 1 and fs[0]["evidence"]["curve"] == "validation", rep["findings"]
    assert fs[0]["evidence"]["peak_step"] == 6 * EPOCH
    # the same jump among evaluations that bounce 2x on their own is no setback
    wild = [0.30, 0.26, 0.241, 0.45, 0.236, 0.52, 0.2, 0.41, 0.19, 0.43, 0.2, 0.4, 0.21, 0.39,
            0.2, 0.42, 0.21, 0.38, 0.2, 0.4]
    rep = analysis.analyze(_run(wild, _warmup_cosine(), noise=0.9), strict=True)
    assert not [f for f in rep["findings"] if f["kind"] == "loss_spike"
                and f["evidence"].get("curve") == "validation"], rep["findings"]


def _spiky(at: int, seed: int = 142):
    """2000 steps, an exponential decay from 1e-2 to 1e-4, a loss falling 2.3 -> 0.05 with 20 %
    batch noise, and one corrupted batch (200x its level, above where the run started) at
    step ``at``; no validation."""
    rng = np.random.default_rng(seed)
    st = np.arange(2000, dtype=float)
    lr = 1e-2 * 0.01 ** (st / 1999.0)
    loss = (0.05 + 2.25 * np.exp(-st / 150.0)) * np.exp(0.2 * rng.standard_normal(2000))
    loss[at] *= 200.0
    return exp_of(S(loss, st), None, S(lr, st))


def test_a_spike_long_after_the_lr_decayed_gets_no_lr_advice_but_the_batches():
    rep = analysis.analyze(_spiky(1600), strict=True)
    f = [f for f in rep["findings"] if f["kind"] == "loss_spike"][0]
    assert "lower the peak" not in f["suggestion"] and "batches at step 1600" in f["suggestion"]
    assert "already decayed" in f["suggestion"] and "suggested_lr" not in f["evidence"]
    # near the peak the LR is the suspect: lower it
    rep = analysis.analyze(_spiky(150), strict=True)
    f = [f for f in rep["findings"] if f["kind"] == "loss_spike"][0]
    assert "lower the peak LR to about 3.33e-3" in f["suggestion"], f["suggestion"]


def _raised(raise_at_epoch):
    """A 4-class run, SGD at 1e-2 raised 40x at ``raise_at_epoch`` (None: never): 20
    evaluations; the training loss (per step) keeps falling slowly, while the validation loss
    climbs 0.55 -> 1.1 and the validation accuracy falls 0.80 -> 0.58 from the raise on."""
    rng = np.random.default_rng(143)
    st = np.arange(20 * EPOCH, dtype=float)
    e = raise_at_epoch if raise_at_epoch is not None else 10
    lr = np.where(st < e * EPOCH, 1e-2, 0.4) if raise_at_epoch is not None else np.full(st.shape, 1e-2)
    train = (0.5 + 0.9 * np.exp(-st / 150.0)) * np.exp(0.15 * rng.standard_normal(st.shape[0]))
    k = np.arange(1, 21, dtype=float)
    val = np.where(k <= e, 1.0 - 0.045 * k, 0.55 + 0.055 * (k - e))
    acc = np.where(k <= e, 0.55 + 0.025 * k, 0.80 - 0.022 * (k - e))
    acc = np.round(acc * 400) / 400
    return _run_arrays(train, val, lr, val_acc=acc)


def test_a_validation_loss_that_turns_up_at_the_one_lr_raise_is_no_overfitting():
    rep = analysis.analyze(_raised(10), strict=True)
    assert "overfitting" not in kinds(rep), rep["findings"]
    drop = [f for f in rep["findings"] if f["kind"] == "accuracy_drop"]
    assert drop and drop[0]["severity"] == "warning", rep["findings"]
    # the same climb under a constant LR is overfitting
    rep = analysis.analyze(_raised(None), strict=True)
    assert "overfitting" in kinds(rep), rep["findings"]


def test_a_training_loss_that_blew_up_far_above_the_validation_loss_is_no_leakage_hint():
    # SGD at a far too high constant LR: the per-step loss runs away from the second epoch
    # on (x1e4 by the end) while the validation loss of the evaluated model sits near 2
    rng = np.random.default_rng(144)
    st = np.arange(20 * EPOCH, dtype=float)
    train = np.where(st < EPOCH, 2.3 - st / EPOCH, 1.3 * np.exp((st - EPOCH) / 60.0))
    train = train * np.exp(0.2 * rng.standard_normal(st.shape[0]))
    val = 2.0 + 0.05 * np.sin(np.arange(20))
    rep = analysis.analyze(_run_arrays(train, val, np.full(st.shape, 0.25)), strict=True)
    assert "divergence" in kinds(rep), rep["findings"]
    assert "possible_leakage" not in kinds(rep), rep["findings"]
