"""Classes of curve that real runs got wrong (issue 10, sixth session): one positive and one
negative case each, built the way the corpus runs that showed them were trained."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def _rep(exp):
    return analysis.analyze(exp, strict=True)


# -- Keras writes its epoch summaries sparsely: the batch loss shows the course --------------

def _sparse_epochs(lr_peak: float):
    """Keras, 15 epochs of 21 batches: the epoch summaries were written for 3 epochs only, the
    running-mean batch loss every 4 batches (78 points). Plain SGD under a cosine from
    ``lr_peak``: at 3e-4 the batch loss creeps 2.45 -> 2.33 and the validation loss 2.49 ->
    2.38 (chance is 2.30); at 3e-1 both fall to ~0.1 within the first epochs."""
    rng = np.random.default_rng(21)
    b = np.arange(4.0, 316.0, 4.0)
    lr = lr_peak * 0.5 * (1 + np.cos(np.pi * b / 315))
    ep = np.array([84.0, 168.0, 252.0])
    if lr_peak < 1e-3:
        batch = 2.45 - 0.12 * (b / 315) + rng.normal(0, 0.02, b.shape[0])
        train, val = np.array([2.40, 2.36, 2.343]), np.array([2.44, 2.40, 2.388])
        acc = np.array([0.137, 0.149, 0.151])
    else:
        batch = 0.1 + 2.3 * np.exp(-b / 20) + rng.normal(0, 0.01, b.shape[0])
        train, val = np.array([0.12, 0.1, 0.1]), np.array([0.15, 0.13, 0.13])
        acc = np.array([0.95, 0.96, 0.96])
    return exp_of(S(train, ep), S(val, ep), S(lr, b), fine=S(batch, b), val_acc=S(acc, ep))


def test_a_creep_shown_only_by_the_batch_loss_is_too_low_an_lr():
    # 3 epoch points are too few to judge slow learning; the batch loss has 78
    f = one(_rep(_sparse_epochs(3e-4)), "lr_too_low")
    assert "3e-4" in f["message"]
    assert "lr_too_low" not in kinds(_rep(_sparse_epochs(3e-1)))


# -- a per-step loss at ~1e-7 that jumps 10x is at nothing -----------------------------------

def _converged_to_nothing(jump_to: float):
    """SGDR with Adam: the per-step loss falls from 1.0 to ~2e-7 and then 30 % of its steps
    jump to 0.1-1x ``jump_to``: at 1e-4, 50-500x the typical level. The validation loss
    ends ~20 % above its best."""
    rng = np.random.default_rng(22)
    n = 1000
    t = np.arange(float(n))
    lr = 3e-2 * 0.5 * (1 + np.cos(np.pi * (t % 250) / 250)) + 1e-6
    train = np.where(t < 60, np.exp(-t / 4), 2e-7) * np.exp(rng.normal(0, 0.3, n))
    hit = (t > 300) & (rng.random(n) < 0.3)
    train[hit] = jump_to * rng.uniform(0.1, 1.0, int(hit.sum()))
    ve = t[49::50]
    val = 0.08 + 0.1 * np.exp(-ve / 50)
    val[-6:] = 0.095
    return exp_of(S(train), S(val, ve), S(lr))


def test_jumps_of_a_loss_that_converged_to_nothing_are_no_oscillation():
    assert "oscillation" not in kinds(_rep(_converged_to_nothing(1e-4)))
    # the same share of jumps that reach the loss's starting level is erratic
    f = one(_rep(_converged_to_nothing(2.0)), "oscillation")
    assert "10x or more above it" in f["message"]


# -- an epoch loss that starts after the fall: the model learned within its first epoch ------

def _learned_in_the_first_epoch(fell: bool):
    """Keras, constant Adam 2e-2, 5 epoch summaries: the batch loss falls 2.34 -> 0.1 within
    the first 60 batches (with ``fell``; else it sits at 2.3 from the first batch), so the
    first epoch mean is already the floor and the epoch loss is flat from there."""
    rng = np.random.default_rng(23)
    b = np.arange(0.0, 615.0, 5.0)
    if fell:
        batch = 0.06 + 2.3 * np.exp(-b / 15) + np.abs(rng.normal(0, 0.02, b.shape[0]))
        train, val = np.array([0.066, 0.064, 0.068, 0.07, 0.065]), np.array([0.16] * 5)
    else:
        batch = 2.3026 + np.abs(rng.normal(0, 1e-5, b.shape[0]))  # dead: it does not move
        train, val = np.full(5, 2.3026), np.array([2.31] * 5)
    ep = np.array([124.0, 246.0, 369.0, 492.0, 615.0])
    val = val * np.exp(rng.normal(0, 0.003, 5))
    return exp_of(S(train, ep), S(val, ep), S(np.full(b.shape[0], 2e-2), b), fine=S(batch, b))


def test_a_run_that_learned_within_its_first_epoch_is_no_plateau_from_the_start():
    assert "plateau" not in kinds(_rep(_learned_in_the_first_epoch(True)))
    f = one(_rep(_learned_in_the_first_epoch(False)), "plateau")
    assert "Nothing was learned" in f["message"]


# -- validation accuracy that stalls far below a training accuracy already at 100 % ----------

def _small_training_set(gap: float):
    """40 training digits, Adam under a cosine: training accuracy reaches 1.0 by 12 % of the
    run, validation accuracy climbs to ``1 - gap`` by 40 % and stays there."""
    ev = np.arange(4.0, 200.0, 5.0)
    ta = np.minimum(1.0, 0.1 + ev / 24 * 0.9)
    va = (1.0 - gap) * (1 - np.exp(-ev / 20)) + 0.004 * np.sin(ev)
    va = np.minimum(va, 1.0 - gap)
    t = np.arange(0.0, 200.0)
    train = 0.002 + 2.3 * np.exp(-t / 12)
    val = 0.4 + 1.9 * np.exp(-ev / 12)
    lr = 2e-3 * 0.5 * (1 + np.cos(np.pi * t / 200)) + 1e-7
    return exp_of(S(train), S(val, ev), S(lr), val_acc=S(va, ev), train_acc=S(ta, ev))


def test_validation_accuracy_stalled_far_below_a_full_training_accuracy_is_an_accuracy_drop():
    f = one(_rep(_small_training_set(0.16)), "accuracy_drop")
    assert "stayed at 100.0%" in f["message"]
    assert "accuracy_drop" not in kinds(_rep(_small_training_set(0.05)))


# -- a short run thrown out at its first steps whose every evaluation is the same -------------

def _thrown_out_short(frozen: bool):
    """Keras, SGD at a constant 1.5 on two classes, 3 epochs: the batch loss bursts to ~14 at
    batch 80 and then sits at ~0.74; with ``frozen`` the 3 evaluations give exactly the same
    accuracy (49.3 %) and loss (ln 2), else they move (a model still learning a little)."""
    rng = np.random.default_rng(24)
    b = np.arange(0.0, 860.0, 5.0)
    batch = np.where(b < 80, 1.0, 0.737) * np.exp(rng.normal(0, 0.01, b.shape[0]))
    batch[(b >= 80) & (b <= 90)] = 13.7
    ep = np.array([285.0, 570.0, 855.0])
    train = np.full(3, 0.7369)
    if frozen:
        val, acc = np.full(3, 0.69337), np.full(3, 0.4933)
    else:
        val, acc = np.array([0.6934, 0.62, 0.55]), np.array([0.4933, 0.62, 0.71])
    return exp_of(S(train, ep), S(val, ep), S(np.full(b.shape[0], 1.5), b), fine=S(batch, b),
                  val_acc=S(acc, ep))


def test_a_short_run_thrown_out_whose_every_evaluation_is_the_same_has_diverged():
    f = one(_rep(_thrown_out_short(True)), "divergence")
    assert f["severity"] == "critical" and "Nothing was learned" in f["message"]
    assert "divergence" not in kinds(_rep(_thrown_out_short(False)))


# -- a validation loss 40 % below the training loss for the whole run -------------------------

def _val_below_train(ratio: float):
    """Validation drawn from the training images with their clean labels, training labels 30 %
    noisy: both fall smoothly and the validation loss sits at ``ratio`` x the training loss
    at every epoch."""
    ep = np.arange(20.0)
    train = 1.25 - 0.4 * (1 - np.exp(-ep / 6))
    val = ratio * train * np.exp(np.random.default_rng(25).normal(0, 0.01, 20))
    return exp_of(S(train, ep), S(val, ep), S(np.full(20, 1e-3), ep), unit="epoch")


def test_a_validation_loss_forty_percent_below_training_throughout_hints_at_leakage():
    f = one(_rep(_val_below_train(0.6)), "possible_leakage")
    assert 0.55 < f["evidence"]["median_val_train_ratio"] < 0.65
    assert "possible_leakage" not in kinds(_rep(_val_below_train(0.85)))


# -- an SGDR cycle's low LR is a phase, not a collapse ---------------------------------------

def _noisy_labels_sgdr(restarts: bool):
    """40 % random labels: the training loss falls 2.25 -> ~1.2 in the first quarter of the run
    and sits at that floor; the validation loss on clean labels keeps falling. The LR decays
    from 3e-2 to ~4e-5 in the first third -- and with ``restarts`` comes back to 3e-2 at 1/3
    and 2/3 of the run (SGDR), else stays there (a schedule that killed the LR)."""
    rng = np.random.default_rng(26)
    n = 360
    t = np.arange(float(n))
    pos = (t % 120) / 120 if restarts else np.minimum(t / 120, 1.0)
    lr = 3e-2 * 0.5 * (1 + np.cos(np.pi * pos)) + 4e-5
    train = (1.2 + 1.05 * np.exp(-t / 25)) * np.exp(rng.normal(0, 0.05, n))
    ve = t[19::20]
    val = 0.5 + 1.0 * np.exp(-ve / 80)
    return exp_of(S(train), S(val, ve), S(lr))


def test_a_first_sgdr_cycle_that_anneals_low_is_no_collapse_of_the_lr():
    assert "decay_too_aggressive" not in kinds(_rep(_noisy_labels_sgdr(True)))
    # the same first third, with an LR that never comes back, is one
    one(_rep(_noisy_labels_sgdr(False)), "decay_too_aggressive")


# -- thrown out, then at chance after one lucky early evaluation -----------------------------

def _thrown_out_lucky_eval(best_early: float):
    """Adam at 0.3 on 10 classes: the loss bursts to 45 at step 2 and then bounces at ~2.2
    (ln 10 = 2.30); the validation accuracy is 0.21, then ``best_early`` at the second of 8
    evaluations, then 0.08-0.13."""
    rng = np.random.default_rng(27)
    t = np.arange(0.0, 176.0, 2.0)
    train = 2.2 * np.exp(rng.normal(0, 0.08, t.shape[0]))
    train[1] = 45.0
    ve = np.arange(22.0, 177.0, 22.0)
    val = np.array([2.29, 2.03, 2.02, 2.6, 2.25, 2.33, 2.31, 2.34])
    acc = np.array([0.21, best_early, 0.23, 0.22, 0.13, 0.11, 0.12, 0.085])
    return exp_of(S(train, t), S(val, ve), S(np.full(t.shape[0], 0.3), t), val_acc=S(acc, ve))


def test_a_run_at_chance_after_a_lucky_early_evaluation_was_thrown_out():
    f = one(_rep(_thrown_out_lucky_eval(0.35)), "divergence")
    assert "Nothing was learned" in f["message"]
    # an early evaluation well above chance (90 %): it learned, then lost it -- no "thrown out"
    rep = _rep(_thrown_out_lucky_eval(0.9))
    assert not any("Nothing was learned" in g["message"] for g in rep["findings"])


# -- a long per-step loss whose noise band crosses 2x its level now and then ----------------

def _long_noise_band(spike: bool):
    """20,000 steps at batch 5 under 20 % label noise, logged every step, cosine 5e-3 -> 0: the
    per-step loss falls from 2.3 within a few hundred steps to a band from ~0.05 to ~3.5
    around ~0.7, where it stays. With ``spike``
    a bad stretch lifts 40 consecutive steps to ~60x the level."""
    rng = np.random.default_rng(28)
    n = 20000
    t = np.arange(float(n))
    lr = 5e-3 * 0.5 * (1 + np.cos(np.pi * t / n)) + 1e-9
    train = (0.7 + 1.6 * np.exp(-t / 150)) * np.exp(rng.normal(0, 0.35, n))
    # a few separate crossings of 4x the level within a hundred steps: the band's own tail
    train[1720:1840:20] = 4.0
    if spike:
        train[9000:9040] = 40.0 * np.exp(rng.normal(0, 0.1, 40))
    ve = t[999::1000]
    val = 0.67 + 0.07 * np.exp(-ve / 4000)
    return exp_of(S(train), S(val, ve), S(lr))


def test_crossings_of_a_wide_noise_band_are_no_spike_but_a_dense_excursion_is():
    # (a guard for the density rule: the corpus run that showed the class, blind9
    # x_b9_long_cosine_noisy, has crossings this synthetic band does not reproduce -- the
    # starting engine passes this test too; it must keep finding a dense excursion)
    assert "loss_spike" not in kinds(_rep(_long_noise_band(False)))
    f = one(_rep(_long_noise_band(True)), "loss_spike")
    assert 8900 <= f["evidence"]["peak_step"] <= 9100
