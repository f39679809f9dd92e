"""What a model that ignores its input scores, and runs that sit there.

A cross-entropy loss has a floor that needs no learning at all: predicting the class
frequencies. :func:`constant_prediction_loss` is that loss for a given accuracy;
:func:`thrown_out` says a far too large LR threw a supervised run out at its first steps and
nothing was learned after that; :func:`constant_prediction` says the model answers one class
whatever its input (the validation accuracy repeats one value while both losses sit at the
constant-prediction loss). Divergence reports both; accuracy_drop does not call their fall an
accuracy drop.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Dict, Optional

import numpy as np

from tb_lrsched.engine import evaluations, progress
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, positive
from tb_lrsched.engine.lr import early_collapse
from tb_lrsched.engine.spec import param


@dataclasses.dataclass(frozen=True)
class ThrownOutThresholds:
    """'Thrown out at the start and never learned' (divergence reports it; accuracy_drop
    does not call the fall of a run that never learned an accuracy drop)."""

    min_train_points: int = param(8, "smoothed training-loss points needed")
    min_val_points: int = param(4, "validation-loss and validation-accuracy points needed")
    frozen_points: int = param(3, "... or >= 3 that all give the same accuracy and validation "
                                  "loss (a short run whose output no longer changes)")
    start: float = param(0.10, "the start: the first 10 % of the run")
    burst: float = param(4.0, "the loss was thrown up at the start: a point of the first 10 % "
                              "is >= 4x the level it then sat at (the median of the rest)")
    mild_burst: float = param(2.0, "... or >= 2x it when the run then sits at the chance level "
                                   "of K balanced classes: accuracy ~1/K and the loss within "
                                   "`constant_margin` of ln K (a run that learned fast from a "
                                   "high first loss sits far below ln K)")
    after: float = param(0.35, "the level right after the start: the median from 10 % to "
                               "35 % of the run ...")
    end: float = param(0.75, "... and the level at the end: the median of the last 25 %")
    learned: float = param(0.10, "learned: fell >= 10 % (the end level below the level "
                                 "right after the start, the second half's best validation "
                                 "loss below the first half's)")
    acc_start: float = param(0.20, "the validation accuracy (the median of its later "
                                   "evaluations) never rose above the best of its first 20 % "
                                   "of evaluations ...")
    acc_gain: float = param(0.01, "... by more than 1 point")
    constant_margin: float = param(0.10, "and the training loss sat no more than 10 % below the "
                                         "loss of a constant prediction of the class "
                                         "frequencies with that accuracy (cross-entropy)")
    above_chance: float = param(0.6, "... or it sits at the chance level of K balanced "
                                     "classes (accuracy ~1/K, loss within `constant_margin` of "
                                     "ln K) and no early evaluation was well above it (<= 0.6x "
                                     "the errors of chance)")
    chance_above: float = param(2.0, "... and no more than 2x above it (a model thrown around "
                                     "at chance is miscalibrated, 1.0-1.5x on real runs; a loss "
                                     "hundreds of times above it is not a cross-entropy at its "
                                     "chance level)")


THROWN_OUT = ThrownOutThresholds()


def constant_prediction_loss(acc: float) -> float:
    """The lowest cross-entropy (nats) a model that ignores its input can have when its
    accuracy is ``acc``: it predicts the class frequencies, its accuracy is the largest
    frequency, and its loss their entropy, smallest when as many classes as possible share
    that largest frequency (``floor(1/acc)`` of them, the rest in one class). 0.5 ->
    ln 2, 0.1 -> ln 10; 0.965 -> 0.15. A model whose loss sits at or above this for the
    accuracy it reached has learned nothing beyond how often each class occurs."""
    if not 0.0 < acc < 1.0:
        return 0.0
    k = math.floor(1.0 / acc)
    rest = 1.0 - k * acc
    h = -k * acc * math.log(acc)
    if rest > 1e-12:
        h -= rest * math.log(rest)
    return h


def thrown_out(ctx: Context, t: ThrownOutThresholds = THROWN_OUT) -> Optional[Dict[str, float]]:
    """A supervised run that was thrown out at the start by a far too large LR and never
    learned anything afterwards: its first points burst to >= ``burst`` x the level the
    loss then sat at, and after the burst neither the training loss, nor the validation
    loss, nor the validation accuracy improved. The first logged point is then the blow-up,
    not where the model started, so "fell below where it started" says nothing; the
    accuracy is what shows that nothing was learned, and it is required: the training loss
    must sit at the loss of a constant prediction with the accuracy reached
    (:func:`constant_prediction_loss`), where a run that converged within its first tenth,
    after a large first loss, sits far below it. An LR that collapsed (>= 10x below its peak)
    in the first half explains "nothing improved after the start" by itself: a run that
    learned fast and then had its LR cut away is `decay_too_aggressive`'s, not thrown out.
    A run of a few epochs is read on its batch-level loss (:meth:`Context.course`), and 3
    evaluations are enough when every one of them gives the same accuracy and loss."""
    c, v, a = ctx.course(t.min_train_points), ctx.val, ctx.val_acc
    if c is None or v is None or a is None:
        return None
    if (v.n_smooth < t.min_val_points or a.n_smooth < t.min_val_points) and \
            not frozen_evaluations(a, v, t.frozen_points):
        return None
    if early_collapse(ctx) is not None:
        return None
    if not (positive(c) and positive(v)):
        return None
    sm, n = c.smooth, c.n_smooth
    k = max(1, int(math.ceil(t.start * n)))
    settled = float(np.median(sm[k:]))
    head = c.values[: max(1, int(math.ceil(t.start * len(c))))]
    top = float(np.max(head))
    if not (settled > 0 and top >= t.mild_burst * settled):
        return None
    mild = top < t.burst * settled
    after = float(np.median(sm[k: max(k + 1, int(t.after * n))]))
    late = float(np.median(sm[int(t.end * n):]))
    if late < (1.0 - t.learned) * after:
        return None
    vs = v.smooth
    h = vs.shape[0] // 2
    v_first, v_second = float(np.min(vs[:h])), float(np.min(vs[h:]))
    if v_second < (1.0 - t.learned) * v_first:
        return None
    # the accuracy never rose above its early best: the typical (median) later evaluation,
    # not the luckiest one (at chance, the best of a few noisy evaluations beats the first
    # ones by a point or two without anything learned)
    ka = max(1, int(math.ceil(t.acc_start * a.n_smooth)))
    early_acc, later_acc = float(np.max(a.smooth[:ka])), float(np.median(a.smooth[ka:]))
    if later_acc > early_acc + t.acc_gain:
        return None
    # at the loss of a constant prediction (chance level): a run that learned fast within
    # its first tenth, after a large first loss, sits far below it; a loss far above it is no
    # cross-entropy sitting at chance (another loss, or one in other units), and says nothing
    target = constant_prediction_loss(max(early_acc, later_acc))
    k = uniform_chance(later_acc, float(c.raw(settled)), t.constant_margin)
    at_chance = bool(k) and not well_above_chance(early_acc, k, t.above_chance)
    if not ((1.0 - t.constant_margin) * target <= float(c.raw(settled)) <= t.chance_above * target
            or at_chance):
        return None  # (sitting at the loss of guessing among K balanced classes counts too,
        # unless an early evaluation had been well above chance: 35 % once on 10 classes is no
        # skill, 90 % is a model that learned and then collapsed)
    if mild and not k:
        return None
    return {"max_loss": float(c.raw(top)), "median_loss": float(c.raw(settled)),
            "end_level": float(c.raw(late)), "val_best_loss": float(v.raw(min(v_first, v_second))),
            "best_val_acc": early_acc * a.scale, "acc_fraction": early_acc,
            "step": float(c.steps[int(np.argmax(head))])}


def frozen_evaluations(a: Curve, v: Curve, points: int, acc_tol: float = 1e-6,
                       loss_rtol: float = 1e-4) -> bool:
    """>= ``points`` evaluations, every one with the same validation accuracy (within
    ``acc_tol``) and the same validation loss (within ``loss_rtol`` of it): the model's output
    no longer changes from one evaluation to the next (dead units, a collapsed output)."""
    if a.n_smooth < points or v.n_smooth < points or float(np.ptp(a.smooth)) > acc_tol:
        return False
    lvl = float(np.median(np.abs(v.smooth)))
    return lvl > 0 and float(np.ptp(v.smooth)) <= loss_rtol * lvl


def well_above_chance(acc: float, k: int, factor: float = 0.6) -> bool:
    """An accuracy well above the chance level of ``k`` balanced classes: <= ``factor`` x
    its errors (1 - 1/k)."""
    return k >= 2 and 1.0 - acc <= factor * (1.0 - 1.0 / k)


_PINNED = 0.02  # a loss within 2 % of ln K: the model's outputs are pinned at the uniform guess


def named_classes(k: int, acc: float, losses: np.ndarray) -> int:
    """How many classes a message names for a model at chance: :func:`uniform_chance`'s K,
    or its other neighbour of 1/acc when the last evaluations' losses (``losses``) all sit
    within 2 % of one value and that value within 2 % of the neighbour's ln and not of ln K --
    a model pinned at the uniform guess has exactly the loss ln K at every evaluation, which
    pins K more finely than an accuracy near 1/K (9.3 % fits 10 classes as well as 11; a loss
    of 2.303 is ln 10). Wording only: which runs are at chance is :func:`uniform_chance`'s. A
    model thrown around near chance has a loss that jumps, above ln K, and is not read so."""
    x = np.asarray(losses, dtype=np.float64)
    if not (k >= 2 and acc > 0 and x.shape[0] >= 2 and bool(np.all(np.isfinite(x)))):
        return k
    loss = float(np.median(x))
    if not loss > 0 or float(np.max(x) - np.min(x)) > _PINNED * loss:
        return k
    inv = 1.0 / acc
    other = k + 1 if inv > k else k - 1

    def pinned(n: int) -> bool:
        return n >= 2 and abs(loss - math.log(n)) <= _PINNED * math.log(n)

    return other if pinned(other) and not pinned(k) else k


def uniform_chance(acc: float, loss: float, margin: float = 0.10) -> int:
    """K when a model sits at the chance level of K balanced classes: the accuracy is about
    1/K (K = 1/acc rounded, >= 2) and the cross-entropy within ``margin`` of ln K, the loss of
    guessing uniformly; else 0."""
    if not acc > 0:
        return 0
    k = int(round(1.0 / acc))
    if k < 2 or abs(loss - math.log(k)) > margin * math.log(k):
        return 0
    return k


@dataclasses.dataclass(frozen=True)
class ConstantPredictionThresholds:
    """'The model predicts the class frequencies whatever its input' (divergence)."""

    min_val_points: int = param(4, "validation-accuracy evaluations needed in the second half "
                                   "of the run")
    same_share: float = param(0.75, ">= 75 % of the second half's evaluations give exactly the "
                                    "same validation accuracy (the model answers one class)")
    same_tol: float = param(1e-6, "'exactly': within 1e-6")
    loss_tol: float = param(0.05, "and the validation and training losses of the second half "
                                  "sit within 5 % of the loss of a constant prediction with "
                                  "that accuracy")
    few_points: int = param(3, "a run with fewer evaluations in its second half: all of its "
                               ">= 3 evaluations give exactly the same accuracy")


CONSTANT_PREDICTION = ConstantPredictionThresholds()


def constant_prediction(ctx: Context, t: ConstantPredictionThresholds = CONSTANT_PREDICTION
                        ) -> Optional[Dict[str, float]]:
    """The model collapsed to a constant prediction: over the second half of the run the
    validation accuracy is the same value at nearly every evaluation, and both the
    validation and the training loss sit at :func:`constant_prediction_loss` of it -- the
    loss of predicting how often each class occurs, whatever the input. A model that
    learned something has a loss well below that; one that is merely weak has an accuracy
    that moves from one evaluation to the next. A far too large LR (often without warmup)
    does this in the first steps. A run of a few epochs, with too few evaluations in its
    second half, is read on all of them: every one (>= `few_points`) the same accuracy
    (``whole_run`` is then 1)."""
    c, v, a = ctx.train, ctx.val, ctx.val_acc
    if c is None or v is None or a is None or not (positive(c) and positive(v)):
        return None
    late = ctx.start + 0.5 * ctx.span
    half = a.smooth[a.smooth_steps >= late]
    if half.shape[0] < t.min_val_points:
        # a run of a few epochs: every one of its (>= `few_points`) evaluations, over the
        # whole run, gives exactly the same accuracy
        if a.n_smooth < t.few_points or float(np.ptp(a.smooth)) > t.same_tol:
            return None
        half, late = a.smooth, ctx.start
    vals, counts = np.unique(np.round(half / t.same_tol) * t.same_tol, return_counts=True)
    j = int(np.argmax(counts))
    if counts[j] < t.same_share * half.shape[0]:
        return None
    acc = float(vals[j])
    target = constant_prediction_loss(acc)
    if not target > 0:
        return None
    v_level = float(v.raw(float(np.median(v.smooth[v.smooth_steps >= late]))))
    t_level = float(c.raw(float(np.median(c.smooth[c.smooth_steps >= late]))))
    if abs(v_level - target) > t.loss_tol * target or abs(t_level - target) > t.loss_tol * target:
        return None
    first = a.smooth_steps[a.smooth_steps >= late][0]
    return {"constant_val_acc": acc * a.scale, "acc_fraction": acc,
            "constant_prediction_loss": target, "val_level": v_level, "train_level": t_level,
            "step": float(first), "whole_run": float(late == ctx.start)}


@dataclasses.dataclass(frozen=True)
class ThrownAroundThresholds:
    """'Kept at chance level by a far too large LR' (divergence)."""

    min_val_points: int = param(6, "validation evaluations needed")
    margin: float = param(0.10, "both losses' medians within 10 % of ln K, the loss of guessing "
                                "among K balanced classes ...")
    chance_se: float = param(2.0, "... and the validation accuracy's median within 2 standard "
                                  "errors (of that many examples) of 1/K")
    same_share: float = param(0.5, "its predictions keep changing: no one validation accuracy "
                                   "at half the evaluations or more")
    learned_se: float = param(4.0, "nothing was learned: neither loss fell 10 % below where it "
                                   "started -- or, where one did (back from a burst above ln "
                                   "K), no evaluation's accuracy was >= 4 standard errors "
                                   "above 1/K and the validation loss never went 10 % below "
                                   "ln K")
    thrown: float = param(0.01, "thrown around: the validation loss's evaluations span >= 1 % "
                                "of ln K (a model stuck at a saddle, its outputs ~0, sits at "
                                "ln K to a fraction of that)")


THROWN_AROUND = ThrownAroundThresholds()


def thrown_around(ctx: Context, t: ThrownAroundThresholds = THROWN_AROUND
                  ) -> Optional[Dict[str, float]]:
    """The model sits at the chance level of K balanced classes from its first evaluation to
    its last while its predictions keep changing: nothing was learned (neither loss ever fell
    10 % below where it started, and neither creeps down: ``progress.stuck`` / ``creeps`` /
    ``memorising``; a loss that fell back to ln K from a burst above it at the first steps
    learned nothing either, as long as no evaluation's accuracy stood out from the noise of
    guessing, by `learned_se` standard errors, and the validation loss never went below ln K
    by `margin`), both losses sit at ln K, the validation accuracy at 1/K within the
    precision of its N examples (``evaluations``) -- and it is not one value at most
    evaluations. A model whose units died, or whose weights are frozen, answers the same way
    at every evaluation (its accuracy repeats one value); one that a far too large LR throws
    from one guess to the next does not, and it throws the validation loss around too, by >=
    `thrown` of ln K across the evaluations: a model stuck at a saddle (outputs ~0 for every
    example, so every loss is ln K) flips its answers on nothing and holds the loss at ln K to
    a fraction of that. Needs a validation accuracy that is a count of N
    examples."""
    c, v, a, n = ctx.train, ctx.val, ctx.val_acc, ctx.val_examples
    if c is None or v is None or a is None or n is None or not (positive(c) and positive(v)):
        return None
    if a.n_smooth < t.min_val_points or v.n_smooth < t.min_val_points:
        return None
    if progress.creeps(ctx) or progress.memorising(ctx):
        return None
    acc = float(np.median(a.values))
    v_level = float(v.raw(float(np.median(v.values))))
    t_level = float(c.raw(float(np.median(c.smooth))))
    k = uniform_chance(acc, v_level, t.margin)
    if k < 2 or abs(t_level - math.log(k)) > t.margin * math.log(k):
        return None
    se = evaluations.standard_error(1.0 / k, n)
    if abs(acc - 1.0 / k) > t.chance_se * se:
        return None
    if progress.stuck(ctx) is None and not (
            float(np.max(a.values)) - 1.0 / k < t.learned_se * se
            and float(v.raw(float(np.min(v.values)))) >= (1.0 - t.margin) * math.log(k)):
        return None  # a loss fell, and it shows as learning on held-out data
    if evaluations.same_answer_share(a.values, n) >= t.same_share:
        return None  # one answer at most evaluations: dead units or frozen weights
    spread = float(v.raw(float(np.max(v.values)))) - float(v.raw(float(np.min(v.values))))
    if spread < t.thrown * math.log(k):
        return None  # outputs ~0 at every example (a saddle: tiny initial weights, saturated
        # units): its answers flip on nothing, and nothing throws it -- plateau's
    return {"classes": float(k), "chance_loss": math.log(k), "val_median": v_level,
            "train_median": t_level, "median_val_acc": acc * a.scale, "acc_fraction": acc,
            "val_examples": float(n)}
