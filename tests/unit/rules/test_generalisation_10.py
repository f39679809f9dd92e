"""Classes of curve that real runs got wrong (issue 10, tenth session): a step schedule that
takes the LR away in the first few percent of the run while the loss is still falling fast."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, noisy, one, train_loss_from_lr


def _piecewise(cut_at: float, speed: float, n: int = 1200, seed: int = 100):
    """Keras-style per-step run (loss and LR every batch, validation every 40 batches):
    the LR is 1e-2, then 1e-4 from ``cut_at`` of the run on (PiecewiseConstantDecay); the
    loss follows the LR it has been given (``speed`` e-folds at the full LR), from 2.3 towards
    a floor of 0.1."""
    rng = np.random.default_rng(seed)
    st = np.arange(n, dtype=float)
    lr = np.where(st < cut_at * n, 1e-2, 1e-4)
    true = train_loss_from_lr(lr, floor=0.1, amp=2.2, speed=speed, noise_floor=0.0,
                              lr_ref=1e-2)
    ev = np.arange(40.0, n + 1, 40.0)
    val = np.interp(ev, st, true) * 1.05 * np.exp(rng.normal(0, 0.004, ev.shape[0]))
    return exp_of(S(noisy(true, 0.05, rng), st), S(val, ev), S(lr, st))


def test_a_cut_at_five_percent_that_stops_a_fast_falling_loss_is_too_aggressive():
    # the loss falls 2.3 -> 0.40 by the cut, then only to ~0.3 over the remaining 95 %:
    # it ends at 13 % of its start (below the 30 % a stall needs) and its pace fell >100x
    rep = analysis.analyze(_piecewise(0.05, 40.0), strict=True)
    f = one(rep, "decay_too_aggressive")
    assert f["severity"] == "warning"
    assert "while the training loss was still falling fast" in f["message"]
    assert "times more slowly than before the cut" in f["message"]
    assert f["evidence"]["pace_ratio"] > 20
    assert "Cut the LR later" in f["suggestion"]


def test_a_loss_that_had_converged_before_an_early_cut_is_not_cut_short():
    # at 200 e-folds the loss is at its 0.1 floor long before the cut: 4 % of its start
    rep = analysis.analyze(_piecewise(0.05, 200.0), strict=True)
    assert "decay_too_aggressive" not in kinds(rep)


def test_a_cut_late_in_the_run_is_not_too_aggressive():
    # the same fast-falling loss, cut at 60 % of the run: not an early collapse
    rep = analysis.analyze(_piecewise(0.60, 6.0), strict=True)
    assert "decay_too_aggressive" not in kinds(rep)


def test_a_bias_group_warming_down_while_the_weights_warm_up_is_no_cut():
    # YOLOv5's groups: the bias LR starts 10x high and falls to the base LR in the first 5 %
    # while the weights' LRs warm up from 0 to it; the loss falls fast throughout
    import dataclasses

    e = _piecewise(0.05, 40.0)
    st = e.lr.steps
    w = 0.05 * st.shape[0]
    bias = np.where(st < w, 1e-1 - (1e-1 - 1e-3) * st / w, 1e-3)
    weights = np.where(st < w, 1e-3 * st / w, 1e-3)
    e = dataclasses.replace(e, lr=S(bias, st, tag="x/lr0"),
                            extra_lrs={"x/lr1": S(weights, st, tag="x/lr1")})
    rep = analysis.analyze(e, strict=True)
    assert "decay_too_aggressive" not in kinds(rep)


# -- oscillation: a held-out loss that jumps by a third of its level while training falls --


def _hot_adam_epochs(jump: float, seed: int = 101):
    """Keras per-epoch logs, Adam at a constant 3e-2, 25 epochs: the training loss falls
    steadily from 0.6 to 0.02; the validation loss falls to 0.2 by epoch 3 and then jumps
    up and down by ``jump`` of its level from one epoch to the next, with no trend."""
    rng = np.random.default_rng(seed)
    ep = np.arange(1.0, 26.0)
    train = np.exp(np.linspace(np.log(0.6), np.log(0.02), 25))
    signs = np.where(np.arange(25) % 2 == 0, 1.0, -1.0)
    val = 0.2 * np.exp(signs * jump * (1.0 + rng.uniform(-0.2, 0.2, 25)))
    val[:3] = [0.45, 0.3, 0.22]
    return exp_of(S(train, ep), S(val, ep), S(np.full(25, 3e-2), ep), unit="epoch")


def test_a_validation_loss_jumping_by_half_its_level_is_oscillation_though_training_falls():
    rep = analysis.analyze(_hot_adam_epochs(0.4), strict=True)
    f = one(rep, "oscillation")
    assert f["evidence"]["curve"] == "validation"
    assert "though the training loss still falls" in f["message"]


def test_a_validation_loss_wobbling_a_little_while_training_falls_is_no_oscillation():
    rep = analysis.analyze(_hot_adam_epochs(0.06), strict=True)
    assert "oscillation" not in kinds(rep)


# -- loss_spike: one hard batch is no LR problem ------------------------------------------


def _one_blip(peak: float, raise_at=None, seed: int = 102):
    """tensorboardX per-step run, SGD at a constant 0.1 (or raised 3x at ``raise_at``), 600
    steps: the loss falls from 2.3 to 0.02 with 10 % minibatch noise; the batch at step 300
    is thrown to ``peak`` and the next is back."""
    rng = np.random.default_rng(seed)
    st = np.arange(600.0)
    train = (0.02 + 2.28 * np.exp(-st / 40)) * np.exp(rng.normal(0, 0.1, 600))
    train[300] = peak
    lr = np.full(600, 0.1)
    if raise_at is not None:
        lr[raise_at:] = 0.3
    ev = np.arange(50.0, 601.0, 50.0)
    val = 0.05 + 2.0 * np.exp(-ev / 40)
    return exp_of(S(train, st), S(val, ev), S(lr, st))


def test_one_batch_thrown_20x_but_below_the_starting_loss_is_an_info():
    rep = analysis.analyze(_one_blip(0.45), strict=True)
    f = one(rep, "loss_spike")
    assert f["severity"] == "info"
    assert "a hard or mislabelled batch" in f["message"]
    assert rep["status"] == "healthy"


def test_one_batch_thrown_above_the_starting_loss_stays_a_warning():
    # a corrupted batch: 8.0 is above the 2.3 the run started from
    f = one(analysis.analyze(_one_blip(8.0), strict=True), "loss_spike")
    assert f["severity"] == "warning"


def test_one_batch_thrown_up_right_after_an_lr_raise_stays_a_warning():
    f = one(analysis.analyze(_one_blip(0.45, raise_at=290), strict=True), "loss_spike")
    assert f["severity"] == "warning"
    assert "raised" in f["message"]


# -- oscillation: validation jumps read against the run from the first evaluation on -------


def _hf_bounce(jumps: bool, seed: int = 103):
    """Hugging Face Trainer style: AdamW at a constant 2e-2, the training loss logged every
    step from 2.3 at step 0 (falling to ~0.05 within the first epoch, then bouncing by a
    decade from batch to batch), the eval loss once per epoch (80 steps): 0.75, 0.40, 0.27,
    then -- with ``jumps`` -- 0.23-0.53 up and down with no trend, else flat at 0.26."""
    rng = np.random.default_rng(seed)
    st = np.arange(960.0)
    train = (0.05 + 2.25 * np.exp(-st / 25)) * np.exp(rng.normal(0, 1.2, 960))
    ev = np.arange(80.0, 961.0, 80.0)
    tail = [0.30, 0.45, 0.26, 0.39, 0.23, 0.41, 0.28, 0.53, 0.31] if jumps else \
        list(0.26 * np.exp(rng.normal(0, 0.01, 9)))
    val = np.array([0.75, 0.40, 0.27] + tail)
    return exp_of(S(train, st), S(val, ev), S(np.full(960, 2e-2), st))


def test_a_validation_loss_bouncing_after_its_fall_is_oscillation_beside_a_noisy_step_loss():
    rep = analysis.analyze(_hf_bounce(True), strict=True)
    f = one(rep, "oscillation")
    assert "keeps jumping between evaluations" in f["message"]


def test_a_validation_loss_that_settles_beside_a_noisy_step_loss_is_no_oscillation():
    rep = analysis.analyze(_hf_bounce(False), strict=True)
    assert "oscillation" not in kinds(rep)


# -- a dead network is no LR too low: how far the loss moved for the LR it was given --------


def _stuck_at_chance(lr: float, creep: float, seed: int = 104):
    """PyTorch SummaryWriter, a constant LR ``lr`` for 1000 steps, loss and LR every step,
    validation every 100: both losses sit at ln 10 = 2.303 and creep down by ``creep`` of it
    over the run (minibatch noise 1 %)."""
    rng = np.random.default_rng(seed)
    st = np.arange(1000.0)
    level = np.log(10) * (1.0 - creep * st / 1000)
    train = level * np.exp(rng.normal(0, 0.01, 1000))
    ev = np.arange(100.0, 1001.0, 100.0)
    val = np.log(10) * (1.0 - creep * ev / 1000) * 1.001
    return exp_of(S(train, st), S(val, ev), S(np.full(1000, lr), st))


def test_a_loss_that_creeps_by_a_hair_at_a_working_lr_is_a_dead_network_not_a_low_lr():
    # 0.05 % over 1000 steps at 1e-3: 0.05 % per unit of integrated LR (a live network moves
    # > 0.6 %); the constant LR is not blamed for it
    rep = analysis.analyze(_stuck_at_chance(1e-3, 0.0005), strict=True)
    f = one(rep, "plateau")
    assert f["message"].startswith("Nothing was learned")
    assert "dead units" in f["suggestion"]
    assert f["evidence"]["lr_response"] < 1e-3
    assert "lr_too_low" not in kinds(rep)
    c = one(rep, "constant_lr")
    assert "likely cause" not in c["message"]


def test_the_same_creep_at_a_far_too_low_lr_is_lr_too_low():
    # 0.5 % over 1000 steps at 1e-5: 500 % per unit of integrated LR -- the LR is what holds
    # it back
    rep = analysis.analyze(_stuck_at_chance(1e-5, 0.005), strict=True)
    assert "lr_too_low" in kinds(rep)
    assert "plateau" not in kinds(rep)
