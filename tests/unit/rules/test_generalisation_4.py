"""More classes of curve that real runs got wrong (issue 10, fourth session): one positive and
one negative case each, built the way the corpus runs that showed them were trained."""

import numpy as np

from tb_lrsched import analysis
from tb_lrsched.engine import context, progress
from tb_lrsched.engine.range_test import recognise
from tests.support.curves import S, exp_of, kinds, one, problems

STEPS = 1260
PER_EPOCH = 63


def _rep(exp):
    return analysis.analyze(exp, strict=True)


# -- an LR that grows epoch by epoch (a staircase) is a training, not a range test -----------

def _growing(staircase: bool):
    n = 760
    t = np.arange(float(n))
    if staircase:
        lr = 1e-5 * 1.6 ** (t // 38)          # x1.6 per epoch of 38 steps, held in between
    else:
        lr = 1e-5 * 1.6 ** (t / 38)           # the same sweep, moved at every batch
    loss = np.where(t < 120, 4000.0, 30.0) * np.exp(np.random.default_rng(3).normal(0, 0.3, n))
    loss[570:] = np.nan                        # it blows up to NaN at ~75 % of the run
    ve = t[37::38]
    val = np.where(ve < 120, 3500.0, 25.0)
    val[ve >= 570] = np.nan
    return exp_of(S(loss), S(val, ve), S(lr)), t, lr


def test_a_staircase_lr_that_grows_per_epoch_is_no_range_test():
    exp, t, lr = _growing(True)
    assert recognise(t, lr) is None
    f = one(_rep(exp), "divergence")
    assert f["severity"] == "critical"
    exp, t, lr = _growing(False)
    assert recognise(t, lr) is not None      # the same sweep moved at every batch is one
    assert "lr_range_test" in kinds(_rep(exp))


# -- a fast decay that cuts a noisy, still-falling loss off ---------------------------------

def _decay(gamma: float):
    t = np.arange(float(STEPS))
    lr = 0.1 * gamma ** (t // PER_EPOCH)
    # a 4-class loss still falling while the LR decays, settling at ~80 % of where it began,
    # with +-12 % batch noise (a noise sigma, and so a min_delta, of several % of the level)
    clean = 1.15 + 0.4 * np.exp(-t / 150.0)
    loss = clean * np.exp(np.random.default_rng(4).normal(0, 0.12, STEPS))
    ve = t[PER_EPOCH - 1::PER_EPOCH]
    return exp_of(S(loss), S(np.interp(ve, t, clean) + 0.02, ve), S(lr))


def test_a_noisy_loss_cut_off_by_a_fast_decay_is_decay_too_aggressive():
    exp = _decay(0.4)                                    # 1e-2 of the start by epoch 5
    ctx = context.prepare(exp)
    assert ctx.train is not None
    # the first point within min_delta of the final level still has the end of the fall
    # after it: read from there the loss is still improving, no stall ...
    assert progress.stall(ctx, ctx.train).frac == 0.0
    # ... but once the LR is gone the stall starts later, where the rest is flat
    later = progress.stall(ctx, ctx.train, later=True)
    assert later is not None and later.frac >= 0.3
    f = one(_rep(exp), "decay_too_aggressive")
    assert f["step"] == later.start_step > f["start_step"]
    assert "decay_too_aggressive" not in kinds(_rep(_decay(0.97)))  # a gentle decay


# -- a validation loss whose bumps are tiny next to what the run learned ---------------------

def _near_zero_val(bumps_scale: float):
    t = np.arange(1200.0)
    lr = np.interp(t, [0, 60, 1199], [1e-3, 5e-2, 4e-5])
    # per-step loss from ln 3 down to ~0.01, spread over decades by the batches
    clean = 1.1 * np.exp(-t / 25.0) + 0.01
    loss = clean * np.exp(np.random.default_rng(5).normal(0, 1.2, t.size))
    ve = t[74::75]
    val = 0.11 * np.exp(-(ve - 74) / 60.0) + 0.014
    val = val * (1 + 0.5 * (np.arange(ve.size) % 3 == 1) * (ve > 300))
    val = val * bumps_scale + (1 - bumps_scale) * val.mean()
    return exp_of(S(loss), S(val, ve), S(lr))


def test_tiny_validation_bumps_next_to_a_large_fall_are_not_oscillation():
    assert "oscillation" not in kinds(_rep(_near_zero_val(1.0)))


def _bouncing_val(val_bounces: bool):
    t = np.arange(945.0)
    loss = 1.0 * np.exp(np.random.default_rng(6).normal(0, 0.35, t.size))
    ve = t[62::63]
    val = 1.12 + (0.35 * (np.arange(ve.size) % 3 == 2) if val_bounces else 0.0) + \
        0.01 * np.random.default_rng(7).normal(size=ve.size)
    return exp_of(S(loss), S(val, ve), S(np.full(t.size, 0.3)))


def test_a_bouncing_validation_loss_next_to_a_noisy_per_step_loss_is_oscillation():
    f = one(_rep(_bouncing_val(True)), "oscillation")
    assert f["evidence"]["curve"] == "validation"
    assert "oscillation" not in kinds(_rep(_bouncing_val(False)))


# -- a model that memorises labels without signal, under a cosine annealed at the end --------

def _no_signal(val_follows: bool):
    t = np.arange(310.0)
    lr = 0.025 * (1 + np.cos(np.pi * t / 310))
    train = (2.41 - 0.25 * t / 310) * np.exp(np.random.default_rng(8).normal(0, 0.01, t.size))
    ve = t[19::20]
    val = 2.43 + 0.002 * np.random.default_rng(9).normal(size=ve.size)
    if val_follows:
        val = 2.43 - 0.2 * ve / 310
    return exp_of(S(train), S(val, ve), S(lr))


def test_a_training_loss_that_improves_alone_is_a_plateau_not_too_low_an_lr():
    rep = _rep(_no_signal(False))
    f = one(rep, "plateau")
    assert "Nothing was learned" in f["message"]
    assert "lr_too_low" not in kinds(rep)
    # both losses creeping down together is the too-low LR
    rep = _rep(_no_signal(True))
    assert "plateau" not in kinds(rep)
    assert problems(rep) and "lr_too_low" in kinds(rep)


# -- a restart's excursion that outlasts a tenth of the run but is over within its cycle -----

def _restart_excursion(recovers: bool):
    t = np.arange(264.0)
    lr = 0.025 * (1 + np.cos(np.pi * (t % 66) / 66))
    lr[lr < 3e-5] = 3e-5
    clean = 1.5 * np.exp(-t / 30.0) + 0.06
    # the restart at step 132 throws the loss up ~8x over 20 steps; it comes back down over
    # the next 20 (40 steps, 15 % of the run) or stays up until the next restart
    bump = np.interp(t, [132, 152, 172, 264], [0, 2.1, 0, 0]) if recovers else \
        np.interp(t, [132, 152, 197, 264], [0, 2.1, 2.1, 2.1])
    # batch noise of +-50 % (in log): no single point beats it, the excursion does
    loss = clean * np.exp(bump) * np.exp(np.random.default_rng(11).normal(0, 0.5, t.size))
    ve = t[10::11]
    return exp_of(S(loss), S(np.interp(ve, t, clean * np.exp(0.5 * bump)) + 0.05, ve), S(lr))


def test_a_restart_excursion_over_within_its_cycle_is_a_spike_at_the_restart():
    f = one(_rep(_restart_excursion(True)), "loss_spike")
    assert f["evidence"]["restart_step"] == 132
    assert 132 <= f["step"] <= 175 and "right after the LR restart at step 132" in f["message"]
    # one that never comes back within its cycle is no spike
    assert "loss_spike" not in kinds(_rep(_restart_excursion(False)))


# -- a validation loss that rises from over-confidence while the accuracy keeps improving ----

def _confident(acc_improves: bool):
    ep = np.arange(36.0)
    train = 2.0 * np.exp(-ep / 2.0) + 1e-4
    val = 0.6 + 0.6 * (1 - np.exp(-ep / 4.0))          # best at the first epoch, then 2x
    acc = 0.92 + (0.04 * (1 - np.exp(-ep / 5.0)) if acc_improves else -0.01 * ep / 35)
    return exp_of(S(train, ep), S(val, ep), S(np.full(36, 1e-2), ep), unit="epoch",
                  val_acc=S(acc, ep))


def test_a_val_loss_rising_while_the_accuracy_keeps_improving_is_no_overfitting():
    # 8 % -> 4 % errors after the "best" validation loss: stopping there keeps a worse model
    assert "overfitting" not in kinds(_rep(_confident(True)))
    f = one(_rep(_confident(False)), "overfitting")
    assert f["evidence"]["best_val_step"] == 0


# -- a per-step loss logged every few steps (too few points to be bucketed) at a noise floor -

def _few_step_points(swinging: bool):
    t = np.arange(0.0, 492.0, 4.0)                     # 123 points, no validation
    lr = np.interp(t, [0, 150, 491], [1e-4, 1e-3, 1e-8])
    clean = 2.2 * np.exp(-t / 40.0) + 0.1
    if swinging:   # an LR-driven swing spans dozens of steps: 0.1 <-> 0.35
        clean = clean + 0.25 * (t > 150) * (0.5 + 0.5 * np.sin(t / 18.0))
    loss = clean * np.exp(np.random.default_rng(12).normal(0, 0.4, t.size))
    return exp_of(S(loss, t), lr=S(lr, t))


def test_minibatch_noise_of_an_unbucketed_per_step_loss_is_no_oscillation():
    assert "oscillation" not in kinds(_rep(_few_step_points(False)))
    assert "oscillation" in kinds(_rep(_few_step_points(True)))


# -- a loss that sits at chance and does not move at all is no too-low LR --------------------

def _at_chance(val_creeps: bool):
    ep = np.arange(15.0)
    rng = np.random.default_rng(13)
    train = 2.303 + 0.01 * rng.normal(size=ep.size)       # dead units: it does not creep
    val = 2.305 + 0.0005 * rng.normal(size=ep.size)
    if val_creeps:
        val = 2.305 - 0.002 * ep                          # a tiny LR: the held-out loss creeps
    lr = 0.05 * 0.98 ** ep
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), unit="epoch")


def test_a_loss_that_moves_neither_way_is_a_plateau_and_a_creeping_one_too_low_an_lr():
    rep = _rep(_at_chance(False))
    assert "lr_too_low" not in kinds(rep)
    assert "Nothing was learned" in one(rep, "plateau")["message"]
    rep = _rep(_at_chance(True))
    assert "lr_too_low" in kinds(rep) and "plateau" not in kinds(rep)


# -- a flat validation loss with one high evaluation at the stall's start ---------------------

def _weight_decay_stall(val_falls: bool):
    ep = np.arange(25.0)
    rng = np.random.default_rng(14)
    train = 1.53 + 0.55 * np.exp(-ep / 0.9) + 0.01 * rng.normal(size=ep.size)
    val = 1.505 + 0.4 * np.exp(-ep / 0.9) + 0.008 * rng.normal(size=ep.size)
    val[3], val[18] = 1.529, 1.485          # a noisy bump where the stall starts, a dip late
    if val_falls:
        val = 1.505 + 0.4 * np.exp(-ep / 0.9) - 0.004 * ep
    return exp_of(S(train, ep), S(val, ep), S(np.full(25, 5e-2), ep), unit="epoch")


def test_one_noisy_evaluation_does_not_make_a_flat_validation_loss_improving():
    assert "plateau" in kinds(_rep(_weight_decay_stall(False)))
    # a validation loss that keeps falling to its last evaluation still means no plateau
    assert "plateau" not in kinds(_rep(_weight_decay_stall(True)))


# -- a run that learned fast, then had its LR cut away, is not "thrown out at the start" ------

def _cut_early(cut: bool):
    t = np.arange(600.0)
    rng = np.random.default_rng(15)
    lr = np.where(t < 60, 1e-3, 1e-5) if cut else np.full(t.size, 1e-3)
    lr = np.where(t < 120, lr, lr * 0.01) if cut else lr
    # 1.95 -> 0.4 within the first 10 % of the run, then flat (the LR is gone) with noise
    train = (0.36 + 1.6 * np.exp(-t / 12.0)) * np.exp(rng.normal(0, 0.05, t.size))
    ve = t[29::30]
    val = 0.38 + 1.5 * np.exp(-ve / 12.0)
    acc = np.minimum(0.926, 0.2 + 0.8 * (1 - np.exp(-ve / 12.0)))
    return exp_of(S(train), S(val, ve), S(lr), val_acc=S(acc, ve))


def test_an_lr_cut_early_explains_a_run_that_stopped_improving_after_its_start():
    assert "divergence" not in kinds(_rep(_cut_early(True)))


# -- a restart after a cycle that was still falling; the excursion comes a few dozen steps later

def _late_excursion(spike: bool):
    t = np.arange(990.0)
    lr = 0.01 * (1 + np.cos(np.pi * (t % 165) / 165))
    cyc = t % 165
    # the first cycle falls from 0.3 to 0.002 and is still falling over the tenth before the
    # restart; later restarts lift the loss by 50 % at most (mild, healthy bumps)
    clean = np.where(t < 165, 0.002 + 0.3 * np.exp(-cyc / 25.0),
                     0.002 * (1 + 0.5 * np.exp(-cyc / 40.0)))
    if spike:  # 35 steps after the first restart, thrown up ~25x for ~60 steps
        clean = clean * np.exp(np.interp(t, [200, 215, 245, 262], [0, 3.2, 3.2, 0]))
    # per-step noise of e^+-1.5: the buckets of such a series are half the run wide
    loss = clean * np.exp(np.random.default_rng(16).normal(0, 1.5, t.size))
    ve = t[32::33]
    return exp_of(S(loss), S(np.interp(ve, t, clean) + 0.05, ve), S(lr))


def test_a_restart_excursion_is_measured_from_where_the_cycle_before_it_ended():
    f = one(_rep(_late_excursion(True)), "loss_spike")
    assert f["evidence"]["restart_step"] == 165 and 200 <= f["step"] <= 262
    assert "loss_spike" not in kinds(_rep(_late_excursion(False)))


# -- a three-epoch run: its per-step loss, logged 20 times per evaluation, is noise -------------

def _tiny_run(swinging: bool):
    t = np.arange(1.0, 122.0, 2.0)                   # 61 points, 3 evaluations
    lr = 3e-3 * 0.5 * (1 + np.cos(np.pi * t / 122))
    clean = 2.2 * np.exp(-t / 20.0) + 0.25
    if swinging:
        # (three full swings after the first 30 % of the run: a period of ~31 steps; with
        # a period of 50 the third rise came from single-point noise)
        clean = clean + 0.9 * (t > 40) * (0.5 + 0.5 * np.sin(t / 5.0))
    loss = clean * np.exp(np.random.default_rng(17).normal(0, 0.25, t.size))
    ve = np.array([40.0, 81.0, 122.0])
    return exp_of(S(loss, t), S(np.array([0.5, 0.32, 0.3]), ve), S(lr, t))


def test_the_minibatch_noise_of_a_short_runs_per_step_loss_is_no_oscillation():
    assert "oscillation" not in kinds(_rep(_tiny_run(False)))
    assert "oscillation" in kinds(_rep(_tiny_run(True)))


# -- a creep that bends with a cosine LR is still "nothing was learned, the LR is too low" ------

def _creep_cosine():
    t = np.arange(0.0, 438.0, 2.0)                      # 219 points, +-1.5 % batch noise
    lr = 1e-5 * 0.5 * (1 + np.cos(np.pi * t / 438))
    cum = np.cumsum(lr) / np.sum(lr)
    # the creep follows the LR: most of it in the first half, where the LR is
    train = (2.325 - 0.15 * (1 - np.exp(-5 * cum))) * \
        np.exp(np.random.default_rng(18).normal(0, 0.0005, t.size))
    ve = np.arange(22.0, 440.0, 22.0)
    val = 2.333 - 0.12 * (1 - np.exp(-5 * np.interp(ve, t, cum)))
    return exp_of(S(train, t), S(val, ve), S(lr, t))


def test_a_creep_that_slows_with_a_decaying_lr_is_still_too_low_an_lr():
    f = one(_rep(_creep_cosine()), "lr_too_low")
    assert "nothing was learned" in f["message"]


# -- ReduceLROnPlateau: cuts that follow a plateau did not stop the model short -----------------

def _rlrop(val_converged_first: bool):
    ep = np.arange(30.0)
    lr = np.where(ep < 9, 0.1, 0.005 * 0.2 ** ((ep - 9) // 3))  # cut 20x at epoch 9, then 5x
    rng = np.random.default_rng(19)
    train = 0.2 + 0.45 * np.exp(-ep / 2.0) + 0.004 * rng.normal(size=ep.size)
    if val_converged_first:   # the validation loss is at its floor from epoch 2 on
        val = 0.52 + 0.3 * np.exp(-ep / 0.7) + 0.005 * rng.normal(size=ep.size)
    else:                     # ... or both still fall when the cuts come, and stop there
        train = 0.2 + 0.6 * np.exp(-np.minimum(ep, 9) / 5.0) + 0.004 * rng.normal(size=ep.size)
        val = 0.52 + 0.5 * np.exp(-np.minimum(ep, 9) / 5.0) + 0.002 * rng.normal(size=ep.size)
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), unit="epoch")


def test_reduce_lr_on_plateau_cuts_after_the_plateau_are_no_aggressive_decay():
    assert "decay_too_aggressive" not in kinds(_rep(_rlrop(True)))
    assert "decay_too_aggressive" in kinds(_rep(_rlrop(False)))
