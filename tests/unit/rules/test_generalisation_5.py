"""Classes of curve that real runs got wrong (issue 10, fifth session): one positive and one
negative case each, built the way the corpus runs that showed them were trained."""

import numpy as np

from tb_lrsched import analysis
from tb_lrsched.engine.resolve import resolve
from tests.support.curves import S, exp_of, kinds, one


def _rep(exp):
    return analysis.analyze(exp, strict=True)


# -- a validation loss that explodes while the training loss is thrown around ----------------

def _val_blowup(train_blows_up: bool):
    """One-cycle to a far too high peak: the validation loss climbs 100x from its best as the
    LR rises and never comes back. With ``train_blows_up`` the training loss is thrown up to
    ~30x its level at the same time, then comes down to ~0 as the LR anneals; without it
    the training loss keeps falling (a model memorising its training set)."""
    rng = np.random.default_rng(5)
    n = 440
    t = np.arange(float(n))
    lr = 0.2 * np.where(t < 220, t / 220, (n - t) / 220) + 1e-4
    if train_blows_up:
        train = np.where(t < 60, 1.5 * np.exp(-t / 15) + 0.12,
                         np.where(t < 300, 0.12 * np.exp(rng.normal(3.5, 0.8, n)), 1e-3))
    else:
        train = 1.5 * np.exp(-t / 15) + 0.12 * np.exp(-t / 120) + 1e-3
    train = train * np.exp(rng.normal(0, 0.1, n))
    ve = t[21::22]
    val = np.where(ve < 50, 0.15 + 0.3 * np.exp(-ve / 15),
                   np.minimum(0.15 * np.exp((ve - 50) / 30), 20.0))
    return exp_of(S(train), S(val, ve), S(lr))


def test_a_validation_loss_exploding_while_the_training_loss_blows_up_is_divergence():
    f = one(_rep(_val_blowup(True)), "divergence")
    assert f["severity"] == "critical"
    assert f["evidence"]["rise_ratio"] > 50
    assert "validation loss exploded" in f["message"]
    # the same validation loss next to a training loss that keeps falling is overfitting
    rep = _rep(_val_blowup(False))
    assert "divergence" not in kinds(rep)
    assert "overfitting" in kinds(rep)


# -- a per-epoch loss under warm restarts: its noise is read relative to its level -----------

def _restarts_per_epoch(spiky: bool):
    """SGDR over 21 epochs, restarting every 7: the epoch loss falls ~1.5x per epoch within a
    cycle. With ``spiky`` each restart throws it up 10-15x for one epoch (then it recovers);
    without, the restart only slows the fall."""
    ep = np.arange(21.0)
    pos = (ep % 7) / 7
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * pos)) + 1e-5
    base = 0.1 + 2.0 * np.exp(-ep / 2.1)
    since = np.where(ep >= 14, ep - 14, np.where(ep >= 7, ep - 7, np.inf))
    # each restart throws the loss up (x12, or x1.05) and it decays back over ~2 epochs
    bump = 1.0 + (11.0 if spiky else 0.05) * np.exp(-since / 0.8)
    train = base * bump * np.exp(np.random.default_rng(6).normal(0, 0.03, 21))
    val = base * 1.1 * np.where(bump > 1, 1 + (bump - 1) * 0.3, 1.0)
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), unit="epoch")


def test_a_restart_spike_in_a_per_epoch_loss_is_found():
    # the curve spans decades: one absolute noise figure, set by its highest epochs, would
    # hide a 12x jump at 0.15; relative to the level the epochs stray by a few %
    f = one(_rep(_restarts_per_epoch(True)), "loss_spike")
    assert f["evidence"]["spikes"] == 2
    assert "restart" in f["message"]
    assert "loss_spike" not in kinds(_rep(_restarts_per_epoch(False)))


# -- spikes on the way up to a divergence are part of it -------------------------------------

def test_a_spike_on_the_way_up_to_a_divergence_is_part_of_the_divergence():
    def f(kind, start, step):
        return {"kind": kind, "severity": "warning", "start_step": start, "end_step": 120,
                "step": step, "evidence": {}, "message": "", "suggestion": ""}
    # a divergence from its best loss at step 60 (the explosion at step 100): a spike at step
    # 76 is on its way up; one at step 30, before the best, is a separate event
    out = resolve([f("divergence", 60, 100), f("loss_spike", 76, 76)])
    assert [g["kind"] for g in out] == ["divergence"]
    out = resolve([f("divergence", 60, 100), f("loss_spike", 30, 30)])
    assert sorted(g["kind"] for g in out) == ["divergence", "loss_spike"]


# -- a collapse that shows in the validation curves ------------------------------------------

def _held_out_collapse(recovers: bool):
    """One-cycle to a far too high peak on a label-smoothed objective: the training loss
    barely moves (1.95 -> 2.2), while the validation accuracy falls from 0.96 to ~0.3 and the
    validation loss doubles at the LR peak. With ``recovers`` both come back as the LR
    anneals (an accuracy drop, not a collapse)."""
    rng = np.random.default_rng(9)
    n = 352
    t = np.arange(float(n))
    lr = np.where(t < 110, 0.1 * (t + 1) / 110, 0.1 * (n - t) / (n - 110))
    train = np.where(t < 80, 2.27 - 0.32 * (1 - np.exp(-t / 10)), 2.2)
    train = train * np.exp(rng.normal(0, 0.02, n))
    ve = t[21::22]
    hit = (ve > 80) & ((ve < 200) | (not recovers))
    acc = np.where(hit, 0.31, 0.95) + rng.normal(0, 0.01, ve.shape[0])
    val = np.where(hit, 1.9, 0.95) * np.exp(rng.normal(0, 0.01, ve.shape[0]))
    return exp_of(S(train), S(val, ve), S(lr), val_acc=S(acc, ve))


def test_a_model_that_lost_on_held_out_data_what_it_had_learned_has_diverged():
    f = one(_rep(_held_out_collapse(False)), "divergence")
    assert f["severity"] == "critical"
    assert "lost what it had learned" in f["message"]
    assert f["evidence"]["end_val_acc"] < f["evidence"]["first_val_acc"]
    rep = _rep(_held_out_collapse(True))
    assert "divergence" not in kinds(rep)
    assert "accuracy_drop" in kinds(rep)


# -- a plateau at the peak of a cosine --------------------------------------------------------

def _flat_under_cosine(val_keeps_improving: bool):
    """A linear model under a cosine from 0.05: the loss drops 2.0 -> 1.5 in its first 2 %
    and is flat from there on while the LR is still at its peak. With
    ``val_keeps_improving`` the validation loss goes on falling until the LR has annealed
    (a training loss held up by augmentation)."""
    rng = np.random.default_rng(10)
    n = 1200
    t = np.arange(float(n))
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * t / n)) + 1e-6
    train = (1.5 + 0.5 * np.exp(-t / 8)) * np.exp(rng.normal(0, 0.05, n))
    ve = t[59::60]
    val = 1.52 + (0.6 * np.exp(-ve / 400) if val_keeps_improving else 0.0)
    val = val * np.exp(rng.normal(0, 0.002, ve.shape[0]))
    return exp_of(S(train), S(val, ve), S(lr))


def test_a_loss_flat_from_the_peak_of_a_cosine_is_a_plateau():
    # the cosine anneals only in the last third: it does not explain a loss that was flat for
    # the 60 % of the run before, at the peak LR
    f = one(_rep(_flat_under_cosine(False)), "plateau")
    assert f["start_step"] < 100
    assert "plateau" not in kinds(_rep(_flat_under_cosine(True)))


# -- an accuracy that stopped improving while the validation loss kept climbing ---------------

def _memorising(acc_keeps_rising: bool):
    """300 rows, Adam at a constant 3e-3 for 60 epochs: the training loss falls to 5e-5; the
    validation loss is best at epoch 1 and climbs 2.5x. The validation accuracy gains its
    points by epoch 4 and sits still (or, with ``acc_keeps_rising``, keeps rising to the end
    as the loss rises: over-confidence on the examples it still gets wrong)."""
    ep = np.arange(60.0)
    train = 0.5 * np.exp(-ep / 1.2) + 4e-5
    val = np.where(ep < 1, 0.52, 0.45 + 0.7 * (1 - np.exp(-(ep - 1) / 15)))
    if acc_keeps_rising:
        acc = 0.84 + 0.1 * ep / 59
    else:
        acc = np.minimum(0.89, 0.78 + 0.03 * ep)
    return exp_of(S(train, ep), S(val, ep), S(np.full(60, 3e-3), ep), unit="epoch",
                  val_acc=S(acc, ep))


def test_an_accuracy_that_sat_still_while_the_loss_kept_climbing_is_overfitting():
    one(_rep(_memorising(False)), "overfitting")
    assert "overfitting" not in kinds(_rep(_memorising(True)))


# -- a sweep member at a far too low LR whose first and last points are noisy ---------------

def test_a_creep_whose_end_points_are_noisy_is_still_too_low_an_lr():
    """Plain SGD at 1e-3 for 12 epochs: the training loss bounces +-3 % around a line that
    falls 2 % (its first logged bucket happens to sit below its last); the validation loss
    creeps 1.39 -> 1.35 and the accuracy 0.31 -> 0.36."""
    rng = np.random.default_rng(11)
    n = 560
    t = np.arange(float(n))
    train = (1.37 - 0.03 * t / n) * np.exp(rng.normal(0, 0.03, n))
    train[:12] = 1.33
    train[-12:] = 1.36
    ve = t[46::47]
    val = 1.39 - 0.04 * ve / n
    acc = 0.31 + 0.05 * ve / n
    rep = _rep(exp_of(S(train), S(val, ve), S(np.full(n, 1e-3)), val_acc=S(acc, ve)))
    f = one(rep, "lr_too_low")
    assert "1e-2" in f["suggestion"]


# -- three evaluations are enough to tell a bouncing per-step loss from noise ----------------

# The per-step training loss of a real 3-epoch run (Lightning, one-cycle to 0.1, 123 steps):
# it falls 2.3 -> ~0.1 by the LR peak, then its minibatches bounce 0.02-0.6 (a loss near 0
# has heavy-tailed noise).
_TINY_RUN = [
    2.29, 2.25, 2.28, 2.26, 2.29, 2.27, 2.22, 2.22, 2.25, 2.14, 2.19, 2.02, 2.01, 2.04, 1.88,
    1.81, 1.54, 1.65, 1.6, 1.24, 1.19, 0.945, 0.761, 0.917, 0.837, 0.557, 0.555, 0.512, 0.377,
    0.327, 0.292, 0.378, 0.181, 0.0919, 0.426, 0.398, 0.132, 0.323, 0.1, 0.167, 0.161, 0.115,
    0.0358, 0.216, 0.46, 0.204, 0.217, 0.135, 0.348, 0.185, 0.168, 0.298, 0.228, 0.226, 0.0175,
    0.0345, 0.103, 0.32, 0.0264, 0.115, 0.13, 0.126, 0.104, 0.0401, 0.116, 0.137, 0.378, 0.206,
    0.253, 0.12, 0.202, 0.215, 0.102, 0.237, 0.643, 0.143, 0.237, 0.272, 0.225, 0.0976, 0.0965,
    0.0527, 0.0583, 0.0607, 0.0293, 0.0685, 0.0646, 0.0719, 0.0319, 0.0894, 0.111, 0.104,
    0.0585, 0.0248, 0.201, 0.0764, 0.0781, 0.249, 0.0913, 0.0763, 0.146, 0.0201, 0.146, 0.092,
    0.0431, 0.0149, 0.0949, 0.0746, 0.214, 0.0752, 0.0257, 0.0557, 0.0785, 0.0822, 0.116,
    0.0372, 0.0295, 0.0558, 0.0459, 0.0778, 0.0367, 0.158, 0.24,
]


def _three_epochs(val_bounces: bool):
    n = len(_TINY_RUN)
    t = np.arange(float(n))
    lr = np.where(t < 40, 0.004 + 0.096 * t / 40, 0.1 * (n - 1 - t) / (n - 41) + 1e-6)
    ve = np.array([40.0, 81.0, 122.0])
    val = np.array([0.336, 0.45, 0.62] if val_bounces else [0.336, 0.193, 0.149])
    acc = np.array([0.89, 0.85, 0.82] if val_bounces else [0.89, 0.94, 0.96])
    return exp_of(S(_TINY_RUN), S(val, ve), S(lr), val_acc=S(acc, ve))


def test_single_point_minibatch_outliers_of_a_short_per_step_loss_are_no_oscillation():
    # read through a 3-step running median, the bouncing is noise around ~0.1 (the swings
    # that last several steps are found: tests/unit/rules/test_generalisation_4.py)
    assert "oscillation" not in kinds(_rep(_three_epochs(False)))
    assert "oscillation" not in kinds(_rep(_three_epochs(True)))


# -- thrown out by a milder burst, then at the chance level of balanced classes ---------------

def _mild_burst(at_chance: bool):
    """SGD+momentum from 0.8: the loss bursts to ~3x its level in the first steps. With
    ``at_chance`` it then sits at ln 10 with the accuracy at 0.10 (10 balanced classes); else
    the burst is that of a two-class run that learned fast in its first tenth (0.69 -> 0.28,
    accuracy 0.95), which is no chance level of anything."""
    rng = np.random.default_rng(13)
    n = 350
    t = np.arange(float(n))
    lr = 0.8 * 0.5 ** (t // 90)
    if at_chance:
        level, first, acc_level = np.log(10.0), 2.2, 0.10
    else:
        level, first, acc_level = 0.28, 0.69, 0.95
    train = np.full(n, level) * np.exp(rng.normal(0, 0.01, n))
    train[:3] = first
    train[8:20] = 3.0 * level
    ve = t[21::22]
    val = np.full(ve.shape[0], level * 1.001)
    acc = acc_level + rng.normal(0, 0.008, ve.shape[0])
    return exp_of(S(train), S(val, ve), S(lr), val_acc=S(acc, ve))


def test_a_milder_burst_then_the_chance_level_of_balanced_classes_is_thrown_out():
    f = one(_rep(_mild_burst(True)), "divergence")
    assert "Nothing was learned" in f["message"]
    assert "divergence" not in kinds(_rep(_mild_burst(False)))


# -- a training loss that steps up when augmentation is switched on is no spike ---------------

def _step_up(returns: bool):
    """Constant SGD, 330 steps logged per step: the loss falls 2.3 -> 0.3 by step 210; at
    step 220 it jumps to ~0.85. With ``returns`` it is back at ~0.3 within 10 steps (a bad
    batch); else it eases down only to ~0.45 and stays there (cutout switched on), while the
    validation loss keeps falling through it."""
    rng = np.random.default_rng(14)
    n = 330
    t = np.arange(float(n))
    clean = 2.0 * np.exp(-t / 50) + 0.29
    if returns:
        clean = clean + 0.55 * np.exp(-np.maximum(t - 220, 0) / 3.0) * (t >= 220)
    else:
        clean = np.where(t < 220, clean, 0.45 + 0.4 * np.exp(-(t - 220) / 25.0))
    train = clean * np.exp(rng.normal(0, 0.08, n))
    ve = t[10::11]
    val = 1.9 * np.exp(-ve / 60) + 0.15
    return exp_of(S(train), S(val, ve), S(np.full(n, 5e-3)))


def test_a_loss_that_steps_up_and_stays_there_is_no_spike():
    assert "loss_spike" not in kinds(_rep(_step_up(False)))
    assert "loss_spike" in kinds(_rep(_step_up(True)))


# -- a per-step climb next to a steadily falling validation loss is noise ---------------------

def _slow_sweep_member(val_bounces: bool):
    """SGD at a constant 1e-3, 300 steps: the loss falls in a straight line on a log axis, 2.3
    -> 1.05, with minibatch noise that lifts one stretch of it 11 % above its running best.
    The validation loss falls steadily 2.2 -> 1.08 (or, with ``val_bounces``, climbs back
    15 % once: the LR bounced)."""
    rng = np.random.default_rng(15)
    n = 300
    t = np.arange(float(n))
    train = 2.3 * np.exp(-t / 380) * np.exp(rng.normal(0, 0.03, n))
    train[150:160] *= 1.2
    ve = t[29::30]
    val = 2.2 * np.exp(-ve / 420)
    if val_bounces:
        val[5] = val[4] * 1.15
    return exp_of(S(train), S(val, ve), S(np.full(n, 1e-3)))


def test_a_per_step_climb_next_to_a_steady_validation_loss_does_not_hide_a_too_low_lr():
    one(_rep(_slow_sweep_member(False)), "lr_too_low")
    assert "lr_too_low" not in kinds(_rep(_slow_sweep_member(True)))


# -- a run that never learned and whose last two points jump ----------------------------------

def _flat_then_jump(points: int):
    """Labels permuted: the loss sits at ln 10 for 400 steps (logged every 6) at an LR of
    1e-4; then the LR is raised 3000x and the last ``points`` logged points jump 4-6x."""
    rng = np.random.default_rng(16)
    t = np.arange(0.0, 408.0, 6.0)
    train = np.log(10.0) * np.exp(rng.normal(0, 0.004, t.shape[0])) - 0.0001 * t / 6
    train[-points:] = [13.9, 9.96][-points:] if points <= 2 else 12.0
    lr = np.where(t < 396, 1e-4, 0.3)
    ve = t[6::7]
    val = np.full(ve.shape[0], 2.302) + rng.normal(0, 1e-3, ve.shape[0])
    acc = 0.11 + rng.normal(0, 0.01, ve.shape[0])
    return exp_of(S(train, t), S(val, ve), S(lr, t), val_acc=S(acc, ve))


def test_a_flat_run_whose_last_two_points_jump_learned_nothing():
    # the jump is the run's last 2 points (an LR raised for the end): the run is still stuck
    f = one(_rep(_flat_then_jump(2)), "plateau")
    assert "Nothing was learned" in f["message"]
    # a rise held for a fifth of the run is no jump at the end: not "stuck"
    assert "plateau" not in kinds(_rep(_flat_then_jump(14)))


# -- back at the chance level after having learned well above it ------------------------------

def _back_to_chance(k: int, best_acc: float):
    """SGD+momentum at a constant 0.3: the validation accuracy is best at its first
    evaluation, then drifts down to 1/k and the validation loss sits at ln k to the end
    (only 1.4x its best: no 2x rise)."""
    rng = np.random.default_rng(17)
    n = 470
    t = np.arange(float(n))
    ln_k = np.log(k)
    train = np.where(t < 150, 0.75 * ln_k, ln_k) * np.exp(rng.normal(0, 0.05, n))
    ve = t[30::31]
    frac = np.clip((ve - 60) / 200, 0, 1)
    acc = best_acc - (best_acc - 1.0 / k - 0.02) * frac + rng.normal(0, 0.01, ve.shape[0])
    val = 0.71 * ln_k + (ln_k - 0.71 * ln_k) * frac
    return exp_of(S(train), S(val, ve), S(np.full(n, 0.3)), val_acc=S(acc, ve))


def test_a_model_back_at_chance_after_learning_well_above_it_has_diverged():
    f = one(_rep(_back_to_chance(2, 0.78)), "divergence")
    assert "chance level of 2 balanced classes" in f["message"]
    # a 4-class run whose best was 0.40 never learned well above chance (0.25): it did not
    # lose what it had learned (its loss sitting above where it started is another story)
    rep = _rep(_back_to_chance(4, 0.40))
    assert not any("lost what it had learned" in g["message"] for g in rep["findings"])


# -- a training loss that creeps below a flat validation loss is no too-low LR ----------------

def _creep_below_flat_val(val_flat: bool):
    """Two classes, 25 % flipped labels, 10 epochs under a cosine from 0.02: the epoch loss
    creeps 0.55 -> 0.39 in a near-straight line. With ``val_flat`` the validation loss is
    flat at 0.442 from epoch 5 (the label-noise floor; the training loss sinks below it by
    memorising); else it falls in step with the training loss (a too-low LR)."""
    ep = np.arange(10.0)
    train = 0.553 - 0.0163 * ep
    lr = 0.01 * (1 + np.cos(np.pi * ep / 10))
    val = np.maximum(0.484 - 0.008 * ep, 0.442) if val_flat else 0.60 - 0.02 * ep
    return exp_of(S(train, ep), S(val, ep), S(lr, ep), unit="epoch")


def test_a_creep_below_a_flat_validation_loss_is_no_too_low_lr():
    assert "lr_too_low" not in kinds(_rep(_creep_below_flat_val(True)))
    one(_rep(_creep_below_flat_val(False)), "lr_too_low")


# -- a run of four epochs is judged on its batch-level loss ----------------------------------

def _four_epochs(halving: bool):
    """Keras, 4 epochs of 110 batches: the epoch loss has 4 points (too few to say the run is
    stuck), the running-mean batch loss 88. With ``halving`` the LR halves every 10 batches
    (0.01 -> 3e-15): the loss falls 2.39 -> 2.17 in the first 40 batches and freezes."""
    rng = np.random.default_rng(18)
    b = np.arange(0.0, 440.0, 5.0)
    lr = 0.01 * 0.5 ** (b // 10) if halving else np.full(b.shape[0], 0.01)
    batch = np.maximum(2.39 - 0.0055 * b, 2.16) + rng.normal(0, 0.01, b.shape[0])
    ep = np.array([109.0, 219.0, 329.0, 439.0])
    return exp_of(S(np.full(4, 2.16), ep), S(np.full(4, 2.2), ep), S(lr, b), fine=S(batch, b),
                  val_acc=S(np.full(4, 0.256), ep))


def test_a_four_epoch_run_is_judged_on_its_batch_level_loss():
    f = one(_rep(_four_epochs(True)), "decay_too_aggressive")
    assert "before anything was learned" in f["message"]
    assert "decay_too_aggressive" not in kinds(_rep(_four_epochs(False)))


def test_a_validation_loss_that_fell_only_from_a_first_burst_does_not_vouch_for_a_climb():
    """SGD at 3.0 (cosine): the training loss is thrown up from 2.31 to 2.45 and back, and the
    validation loss falls from a first-evaluation burst (3.1) to chance (2.31) -- its thirds
    barely move. That is an LR far too high, never "too low"."""
    rng = np.random.default_rng(19)
    n = 700
    t = np.arange(float(n))
    lr = 1.5 * (1 + np.cos(np.pi * t / n)) + 1e-5
    train = (2.31 + 0.14 * np.exp(-((t - 200) / 90) ** 2) - 0.02 * t / n) * \
        np.exp(rng.normal(0, 0.05, n))
    ve = t[27::28]
    val = 2.31 + 0.08 * np.exp(-ve / 300) + 0.04 * np.sin(ve / 40)
    val[0] = 3.1
    assert "lr_too_low" not in kinds(_rep(exp_of(S(train), S(val, ve), S(lr))))
