"""divergence (critical): the loss blew up, or became NaN/Inf, and did not come back.

What it measures:
    Either (a) a loss series (training, batch-level training or validation -- or any other
    loss the run logged, such as an RL run's value loss beside the policy loss the training
    loss is read from; the finding then names that loss) ends in NaN/Inf, or (b) the smoothed
    training loss explodes far above its best value and does not come back, or (c) it
    collapses back to where it started and stays there, or (d) it never learned and sat at or
    blew up above its starting level, or (e) its first steps threw it out and it never learned
    after that, or (f) it collapsed to predicting one class, or (g) the validation loss
    exploded and never came back while the training loss blew up, or (h) the model lost on
    held-out data what it had learned.

Why it matters:
    A diverged run has stopped learning: everything after the divergence step
    is wasted compute, and every other verdict about the loss after it is
    meaningless (see "Overlaps between rules").

Thresholds:
    (b) is the LR-finder rule (fastai, Lightning: "diverged when the smoothed
    loss exceeds 4x its best"), made robust and sign-safe. The end level is
    the *lowest* smoothed value of the last 10 % of the run, so a run that
    recovers is not called diverged; it must be >= 4x the best (for a
    non-positive best: the rise is >= 3 |best| and >= |first value|); the rise
    must give back >= 50 % of the progress the run had made and be > 3 sigma
    of the smoothed curve: a loss that fell from 2.3 to 0.05 and rises to 0.21
    has 4x its best but is not a divergence. Nor is a training loss that climbs while the
    validation loss ends >= `learned` below where it was when the climb began and within
    `held_out_gl` of its best since: the data got harder (augmentation, input noise ramped up
    over the run), not the model worse.

    (c) A **collapse without NaN**: the run learned (fell >= `learned` below its first
    level), then jumped back up by >= `collapse_giveback` of what it had learned, to >=
    `collapse_ratio` x its best, and stayed there to the end -- typically back to chance
    level (ln 2 for two classes) at an LR peak, far from 4x the best and never NaN.

    (e) **Thrown out at the start**: the first points burst to >= 4x the level the loss
    then sat at (>= 2x when that level is the chance level of K balanced classes: accuracy
    about 1/K, loss within 10 % of ln K), and after the burst nothing improved -- not the
    training loss, not the validation loss, not the validation accuracy, whose later
    evaluations (their median)
    stay at the best of the first fifth of the run
    (``tb_lrsched.engine.chance.thrown_out``; needs a validation accuracy). The loss
    falls from the burst to chance level (ln 2, ln 10) and sits there: the first logged
    point is the blow-up, not where the model started.

    (f) **Collapsed to a constant prediction**: over the second half of the run the
    validation accuracy is exactly the same at >= 75 % of the evaluations and the validation
    and training losses sit within 5 % of the loss of predicting the class frequencies with
    that accuracy (``tb_lrsched.engine.chance.constant_prediction``: 0.659 for a 63 %
    majority class): the model answers one class whatever its input. Not when the model never
    worked: it learned nothing (``progress.stuck``) and its smoothed training loss never rose
    `above_start` above its first level -- units dead from the start, or frozen weights,
    answer one class from the first evaluation on, and no LR threw them there (`plateau`'s
    "nothing was learned").

    (g) **The validation loss exploded with the training loss**: the explosion rule (b)
    read on the validation loss (>= `best_ratio` x its best to the end), while the training
    loss blew up too, to >= `best_ratio` x its level where the validation loss was best
    (the median of its last `_TOP_POINTS` smoothed points up to there; its first smoothed
    level when that evaluation came before it, under buckets wider than an epoch) for >= `_TOP_POINTS`
    consecutive smoothed points -- or, for a training loss whose points stray so far from
    their level that smoothing leaves fewer than `min_points` (logits that saturate: a batch's
    loss is 0 or decades above it), the medians of its tenths. A training loss thrown up 100x
    as a one-cycle LR peaks can come back down to ~0 while the validation loss stays 100x
    above its best; a validation loss that climbs while the training loss keeps falling is
    `overfitting`'s.

    (h) **Lost on held-out data what it had learned**: over the last quarter of the
    evaluations the validation accuracy sits (median) below its first evaluation with >=
    `acc_errors` x the errors of its best, and the validation loss sits (median) >=
    `collapse_ratio` x its best -- or, instead of those two, the validation accuracy and loss
    end at the chance level of K balanced classes (accuracy ~1/K, loss within 10 % of ln K)
    after a best with <= `above_chance` x the errors of chance -- or, for an accuracy that is a
    count of N examples (``tb_lrsched.engine.evaluations``), after a best >= `learned_se`
    standard errors above 1/K, to an end within `chance_se` of it (the bounds
    ``chance.thrown_around`` reads the other way: nothing learned): a model that learned a
    little before a far too large LR threw it back to guessing (unless (e) holds: its first
    steps threw it out, and it never got over that). A collapse at an LR peak can
    show mostly in the validation curves (a label-smoothed training loss barely moves). An
    accuracy that falls and then recovers above its first evaluation is `accuracy_drop`'s.
    A model whose training loss kept falling meanwhile (its last quarter after the best
    accuracy >= `learned` below its level there, never `best_ratio` x above it) and whose
    held-out accuracy did not fall to chance is memorising its training set: that is
    `overfitting`'s (or `oscillation`'s), not a collapse.

    (d) **Never learned at a far too high LR**: neither the training nor the validation
    loss ever fell `learned` below where it started, and the training loss blew up to >=
    `unstable_ratio` x its starting level for >= 3 points (and > 6 sigma) -- a loss that
    merely swings around its start is oscillation's -- or sat >= `above_start` above it
    over the run. A too-low LR gives a loss that creeps down from its start; one that sits
    at or above it, with excursions, was thrown out of the basin by a far too large LR.
    Where the validation loss is first evaluated above the training loss's first level (the
    LR had thrown the model out before the first evaluation, an epoch in), it is read
    against that level instead -- at its first step the model is the same on both sets --
    once (e) has not explained the run: a validation loss that comes back only part of the
    way from an evaluation already thrown up has learned nothing on held-out data.
    Not when a validation accuracy was ever well above chance even for two classes (<= 0.6x
    the errors of guessing: >= 70 %): that model learned, within its first epoch, and what
    it did next is read by the other readings.

    (i) **Kept at chance level by a far too large LR**: nothing was learned (neither loss
    ever fell `learned` below where it started, nor creeps down), the training and the
    validation loss sit at ln K and the validation accuracy at 1/K within 2 standard errors of
    its N examples -- the chance level of K balanced classes -- and no one accuracy repeats at
    half the evaluations or more (``tb_lrsched.engine.chance.thrown_around``). A model whose
    units died or whose weights are frozen gives the same answers at every evaluation (a
    `plateau`, "nothing was learned"); one that a far too large LR throws from one guess to
    the next does not.

    The divergence **step** is the first NaN/Inf of the final non-finite
    stretch, or for an explosion the last time after the best that the loss
    was below 2x its best (half-way up for a non-positive best), whichever is
    earlier. The finding spans from the best step to the end of the run.

Example:
    Warmup to 0.3 over 400 steps; the loss explodes near step 340 and is NaN
    from step 500: `divergence` at step 357, evidence `{"best_loss": 1.56,
    "best_step": 317, "rise_ratio": 269, "first_nonfinite_step": 500,
    "lr_at_divergence": 0.2685, "peak_lr": 0.3}`. Message: *"The training loss
    exploded from its best 1.56 to 420 at step 357 (LR 2.68e-1) and became
    NaN/Inf at step 500."* Suggestion: *"The loss diverged during warmup at
    step 357 with the LR at 2.68e-1 (peak 3e-1); use a peak LR <= 2.68e-2 or a
    warmup at least 2x longer, and clip gradients (clipnorm=1.0)."*
    (LR-range-test practice: a safe peak is about 10x below the LR that
    diverged.) After the warmup the suggestion reads *"LR 3e-1 diverged at
    step 340 (peak 3e-1); try <= 3e-2 (10x lower) or a longer warmup, and clip
    gradients (clipnorm=1.0)."*

Fix:
    Lower the LR about 10x (the LR at divergence is in the evidence), lengthen
    warmup, clip gradients. NaN values that the run *recovers* from are
    reported as `loss_spike`, not here.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.chance import (
    CONSTANT_PREDICTION,
    THROWN_AROUND,
    THROWN_OUT,
    ConstantPredictionThresholds,
    ThrownAroundThresholds,
    ThrownOutThresholds,
    constant_prediction,
    named_classes,
    thrown_around,
    thrown_out,
    uniform_chance,
    well_above_chance,
)
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, head_level, positive
from tb_lrsched.engine.evaluations import standard_error
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.progress import stuck
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr, fmt_percent
from tb_lrsched.report import Finding, finding

_TINY = 1e-300
_GROWS = 100.0  # an LR that rose >= 100x (two decades) to its last value never stopped rising
_TWO_CLASSES = 2  # the highest chance level of balanced classes: well above it is learning for any K
_TOP_POINTS = 3         # a level the loss was thrown to: held by >= 3 points
_TENTHS = 10            # a course too noisy to smooth is read through its tenths
_BACK_TO_START = 0.85   # an end level >= 85 % of the first one is "back where it started"
_QUARTER = 4            # the end of the evaluations: their last quarter


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(3, "smoothed training-loss points needed for an explosion "
                               "(NaN/Inf at the end: any number)")
    best_ratio: float = param(4.0, "the end level is >= 4x the best level (positive losses)")
    giveback: float = param(0.5, "... and the rise gave back >= 50 % of the progress made")
    tail: float = param(0.10, "the end level is the lowest smoothed value of the last 10 % "
                              "of the run")
    sigmas: float = param(3.0, "the rise is > 3 noise sigmas of the smoothed curve")
    blowup_from: float = param(0.5, "the divergence step: the last time the loss was below "
                                    "best + min(0.5 x rise, best), i.e. 2x its best")
    safe_lr_factor: float = param(10.0, "the suggested safe peak is 10x below the LR that "
                                        "diverged")
    warmup_window: float = param(1.5, "a divergence before 1.5x the warmup length is "
                                      "blamed on the warmup")
    collapse_ratio: float = param(2.0, "a collapse without NaN: the run learned >= `learned` "
                                       "of its first level, then its end level is >= 2x its "
                                       "best ...")
    collapse_giveback: float = param(0.8, "... giving back >= 80 % of what it had learned, "
                                          "to the end")
    learned: float = param(0.10, "learned: fell >= 10 % below the first level")
    held_out_gl: float = param(0.10, "a training loss that climbed while the validation loss "
                                     "ended >= `learned` below its level where the climb "
                                     "began and within 10 % of its best since is no "
                                     "divergence (the data got harder, not the model worse)")
    unstable_ratio: float = param(4.0, "never learned (train and val never 10 % below where "
                                       "they started) and the training loss blew up to >= 4x "
                                       "its starting level (the explosion rule's ratio) ...")
    above_start: float = param(0.05, "... or sat >= 5 % above its starting level (median of "
                                     "the run): the LR is far too high")
    unstable_sigmas: float = param(6.0, "the blow-up is > 6 noise sigmas (sitting above: > 3)")
    val_min_points: int = param(4, "validation points needed to say nothing was learned")
    acc_min_points: int = param(6, "a collapse on held-out data: validation-accuracy (and "
                                   "-loss) evaluations needed")
    acc_errors: float = param(3.0, "... the validation accuracy ends (median of the last "
                                   "quarter of its evaluations) with >= 3x the errors of its "
                                   "best, below where it was at the first evaluation, and the "
                                   "validation loss ends >= `collapse_ratio` x its best ...")
    above_chance: float = param(0.6, "... or it ends at the chance level of K balanced classes "
                                     "(accuracy ~1/K, validation loss within 10 % of ln K) "
                                     "after a best with <= 0.6x the errors of chance (or, "
                                     "for an accuracy that is a count of N examples, one that "
                                     "stood out from guessing: `thrown_around.learned_se`)")
    thrown_out: ThrownOutThresholds = THROWN_OUT
    thrown_around: ThrownAroundThresholds = THROWN_AROUND
    constant: ConstantPredictionThresholds = CONSTANT_PREDICTION


THRESHOLDS = Thresholds()

EVIDENCE = {
    "best_loss": Evidence("best loss before it blew up", "", "lowest smoothed training loss"),
    "best_step": Evidence("step of the best loss", "step"),
    "end_loss": Evidence("loss at the end", "", "lowest smoothed value of the last 10 % of "
                                                "the run"),
    "rise_ratio": Evidence("end loss over best loss", "x"),
    "first_nonfinite_step": Evidence("first NaN/Inf", "step",
                                     "first non-finite value of the final non-finite stretch"),
    "lr_at_divergence": Evidence("LR when it diverged", "LR"),
    "peak_lr": Evidence("peak LR", "LR"),
    "suggested_lr": Evidence("suggested LR", "LR", "the LR this finding suggests moving to"),
    "initial_loss": Evidence("loss at the start"),
    "max_loss": Evidence("highest loss"),
    "median_loss": Evidence("typical loss over the run", "", "median of the smoothed loss"),
    "val_initial_loss": Evidence("validation loss at the start"),
    "val_best_loss": Evidence("best validation loss"),
    "end_level": Evidence("loss level at the end", "", "median of the last quarter of the run"),
    "best_val_acc": Evidence("best validation accuracy", "",
                             "thrown out at the start: of the first fifth of the run, which "
                             "the later evaluations stay at (their median)"),
    "end_val_acc": Evidence("validation accuracy at the end", "",
                            "median of the last quarter of the evaluations"),
    "first_val_acc": Evidence("validation accuracy at the first evaluation"),
    "constant_val_acc": Evidence("validation accuracy at (nearly) every evaluation", "",
                                 "the share of the most frequent class"),
    "constant_prediction_loss": Evidence("loss of predicting the class frequencies", "",
                                         "the cross-entropy of a model that ignores its input "
                                         "and has that accuracy"),
    "val_level": Evidence("validation loss, second half of the run", "", "median"),
    "val_median": Evidence("validation loss over the run", "", "median"),
    "train_median": Evidence("training loss over the run", "", "median"),
    "median_val_acc": Evidence("validation accuracy over the run", "", "median"),
    "chance_loss": Evidence("loss of guessing among the classes", "", "ln K for K balanced "
                            "classes"),
    "val_examples": Evidence("validation examples", "",
                             "read off the accuracies: every value is a multiple of 1 / N"),
    "train_level": Evidence("training loss, second half of the run", "", "median"),
}

_ROLES = (("training loss", "train"), ("batch training loss", "fine"),
          ("validation loss", "val"))


def _first_final_nonfinite(ctx: Context) -> Tuple[Optional[float], str]:
    """Step and curve name of the earliest NaN/Inf stretch that lasts to the end."""
    nan_step: Optional[float] = None
    nan_role = ""
    for role, attr in _ROLES:
        c: Optional[Curve] = getattr(ctx, attr)
        if c is None or not c.last_bad:
            continue
        # first non-finite value of the final non-finite stretch
        last_ok = c.steps[-1] if len(c) else -np.inf
        tail = c.bad_steps[c.bad_steps > last_ok]
        s = float(tail[0])
        if nan_step is None or s < nan_step:
            nan_step, nan_role = s, role
    return nan_step, nan_role


def _explosion(c: Curve, t: Thresholds) -> Optional[Tuple[float, float, float, float]]:
    """(divergence step, best step, best level, end level) of an explosion."""
    sm, st = c.smooth, c.smooth_steps
    ntail = max(1, int(round(t.tail * c.n_smooth)))
    body = sm[:-ntail] if c.n_smooth - ntail >= 1 else sm[:1]
    ib = int(np.argmin(body))
    best = float(body[ib])
    first = head_level(c)
    end_level = float(np.min(sm[-ntail:]))  # conservative: best of the tail
    rise = end_level - best
    progress = first - best
    ratio_ok = (best > 0 and end_level >= t.best_ratio * best) or \
               (best <= 0 and rise > 0 and rise >= (t.best_ratio - 1) * abs(best)
                and rise >= max(abs(first), _TINY))
    # a collapse without NaN: the run learned, then jumped back up most of the way to where
    # it started and stayed there (chance level, typically), far from 4x its best
    collapse_ok = (best > 0 and first > 0 and progress >= t.learned * first
                   and end_level >= t.collapse_ratio * best
                   and rise >= t.collapse_giveback * progress)
    # it gave back >= half of what it had learned, read linearly or -- for a positive loss,
    # whose curve a practitioner reads on a log axis -- in ratios: a loss that fell 100x and
    # climbed back 30x gave back most of its progress, even if not half of it in nats
    gave = rise >= t.giveback * max(progress, 0.0)
    if not gave and best > 0 and first > best and end_level > best:
        gave = math.log(end_level / best) >= t.giveback * math.log(first / best)
    give_ok = gave and rise > t.sigmas * c.sigma()
    if not ((ratio_ok or collapse_ok) and give_ok and rise > 0):
        return None
    # divergence point: the last time (after the best) the loss was below
    # 2x its best (or half-way up for non-positive losses)
    thr = best + (min(t.blowup_from * rise, best) if best > 0 else t.blowup_from * rise)
    after = np.arange(c.n_smooth) > ib
    below = after & (sm < thr)
    last_below = int(np.max(np.nonzero(below)[0])) if below.any() else ib
    k = min(last_below + 1, c.n_smooth - 1)
    return float(st[k]), float(st[ib]), best, end_level


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """NaN/Inf at the end of a loss series, or an explosion far above the best
    level that does not come back."""
    nan_step, nan_role = _first_final_nonfinite(ctx)
    c = ctx.train_curve()
    boom = None
    if c is not None and c.n_smooth >= t.min_points:
        boom = _explosion(c, t)
        if boom is not None and nan_step is None and _held_out_improving(ctx, boom[1], t):
            boom = None  # the training data got harder (augmentation), not the model worse
    if nan_step is None and boom is None:
        return (_val_blowup(ctx, t) or _held_out_collapse(ctx, t)
                or _unstable_from_start(ctx, t) or _thrown_out(ctx, t)
                or _unstable_from_start(ctx, t, from_start=True) or _constant(ctx, t)
                or _thrown_around(ctx, t))
    ev: Dict[str, Any] = {}
    if boom is not None and c is not None:
        step, best_step, best, end_level = boom
        ev.update(best_loss=c.raw(best), best_step=best_step, end_loss=c.raw(end_level),
                  rise_ratio=(end_level / best) if best > 0 else None)
        if nan_step is not None and nan_step < step:
            step = nan_step
    else:
        assert nan_step is not None
        step = nan_step
    if nan_step is not None:
        ev["first_nonfinite_step"] = nan_step
    start_step = ev.get("best_step", step) if boom is not None else step
    lr_txt = ""
    sugg = ("Lower the learning rate about 10x, add or lengthen warmup, and clip gradients "
            "(e.g. clipnorm=1.0).")
    if ctx.lr is not None:
        lr_div = ctx.lr.at(step)
        ev["lr_at_divergence"] = lr_div
        ev["peak_lr"] = ctx.lr.peak
        lr_txt = " (LR %s)" % fmt_lr(lr_div)
        w = ctx.events.warmup_end
        # LR-range-test wisdom: a safe peak is ~10x below the LR that diverged
        safe_lr = lr_div / t.safe_lr_factor if lr_div > 0 else ctx.lr.peak / t.safe_lr_factor
        ev["suggested_lr"] = safe_lr
        safe = fmt_lr(safe_lr)
        first = float(ctx.lr.values[0])
        if first > 0 and ctx.lr.peak >= _GROWS * first and \
                float(ctx.lr.values[-1]) >= ctx.lr.peak * (1.0 - 1e-6):
            # the LR rose by orders of magnitude and never came down: no warmup ends there
            sugg = ("The LR kept rising to the end of the run (%s -> %s) and the loss diverged "
                    "at %s with the LR at %s. If it is not meant to grow, check the schedule "
                    "(a decay factor above 1, a warmup with no end); keep the LR at or below "
                    "%s, and clip gradients (clipnorm=1.0)."
                    % (fmt_lr(first), fmt_lr(ctx.lr.peak), where(ctx, step), fmt_lr(lr_div),
                       safe))
        elif w is not None and step - ctx.start <= t.warmup_window * (w - ctx.start):
            phase = "during warmup" if step < w else "just after the warmup peak"
            sugg = ("The loss diverged %s at %s with the LR at %s (peak %s); use a peak LR "
                    "<= %s or a warmup at least 2x longer, and clip gradients (clipnorm=1.0)."
                    % (phase, where(ctx, step), fmt_lr(lr_div), fmt_lr(ctx.lr.peak), safe))
        else:
            sugg = ("LR %s diverged at %s (peak %s); try <= %s (10x lower) or a longer "
                    "warmup, and clip gradients (clipnorm=1.0)."
                    % (fmt_lr(lr_div), where(ctx, step), fmt_lr(ctx.lr.peak), safe))
    if boom is not None and nan_step is not None:
        msg = ("The training loss exploded from its best %s to %s at %s%s and became "
               "NaN/Inf at %s." % (fmt(ev["best_loss"]), fmt(ev["end_loss"]),
                                   where(ctx, step), lr_txt, where(ctx, nan_step)))
    elif boom is not None and c is not None and ev["end_loss"] >= _BACK_TO_START * \
            c.raw(head_level(c)) and head_level(c) > 0:
        msg = ("The training loss collapsed at %s%s: it jumped from its best %s back to %s, "
               "about where it started (%s), and never came back: the model lost what it had "
               "learned." % (where(ctx, step), lr_txt, fmt(ev["best_loss"]), fmt(ev["end_loss"]),
                             fmt(float(c.raw(head_level(c))))))
    elif boom is not None:
        r = ev.get("rise_ratio")
        msg = ("The training loss diverged at %s%s: it climbed from its best %s to %s%s "
               "and did not come back." % (where(ctx, step), lr_txt,
                                           fmt(ev["best_loss"]),
                                           fmt(ev["end_loss"]),
                                           (" (%sx)" % fmt(r)) if r else ""))
    else:
        msg = ("The %s became NaN/Inf at %s%s and never recovered."
               % (nan_role, where(ctx, step), lr_txt))
    return [finding("divergence", start_step=start_step, end_step=ctx.end,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]


def _blew_up_at(ctx: Context, t: Thresholds, step: float, ev: Dict[str, Any], what: str,
                lr_fmt: str) -> Tuple[str, str]:
    """(the LR phrase for the message, the suggestion) of a run that blew up at ``step``:
    with a logged LR, its value there, the peak and the LR 10x below go into ``ev``."""
    if ctx.lr is None:
        return "", ("Lower the learning rate about 10x, add or lengthen warmup, and clip "
                    "gradients (e.g. clipnorm=1.0).")
    lr_div = ctx.lr.at(step)
    ev.update(lr_at_divergence=lr_div, peak_lr=ctx.lr.peak,
              suggested_lr=(lr_div if lr_div > 0 else ctx.lr.peak) / t.safe_lr_factor)
    sugg = ("%s at %s with the LR at %s (peak %s): use a peak LR <= %s, or a longer warmup, "
            "and clip gradients (clipnorm=1.0)."
            % (what, where(ctx, step), fmt_lr(lr_div), fmt_lr(ctx.lr.peak),
               fmt_lr(ev["suggested_lr"])))
    return lr_fmt % fmt_lr(lr_div), sugg


def _longest_run(mask: np.ndarray) -> int:
    """Length of the longest stretch of True in ``mask``."""
    if not mask.any():
        return 0
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return int(np.max(np.nonzero(edges == -1)[0] - np.nonzero(edges == 1)[0]))


def _val_blowup(ctx: Context, t: Thresholds) -> List[Finding]:
    """The validation loss exploded far above its best and never came back (the explosion
    rule read on the validation loss), while the training loss blew up too: >= `_TOP_POINTS`
    consecutive smoothed points after the validation loss's best sit >= `best_ratio` x its
    level there. A run whose training loss is thrown around and comes down again can end with a
    training loss near 0 and a validation loss that stays exploded: what it learned at the
    start is lost. A validation loss that climbs while the training loss keeps falling is
    overfitting's, never this."""
    c, v = ctx.train_curve(), ctx.val
    if c is None or v is None or v.n_smooth < t.val_min_points:
        return []
    # the training loss's course: its smoothed curve -- or, where its points stray so far
    # from their level that smoothing leaves too few points to read (a loss that explodes
    # over decades with exact zeros between), the medians of its tenths
    tenths = c.n_smooth < t.min_points
    if tenths and len(c) < t.min_points * _TENTHS:
        return []
    steps, course = _tenths(c) if tenths else (c.smooth_steps, c.smooth)
    if not positive(v):
        return []
    boom = _explosion(v, t)
    if boom is None or float(np.min(course)) < 0:     # a training loss of exactly 0 is fine
        return []
    step, best_step, best, end_level = boom
    if not (best > 0 and end_level >= t.best_ratio * best):
        return []
    # the training level where the validation loss was at its best: the median of the
    # course up to there (its last `_TOP_POINTS` points), and a blow-up held by
    # `_TOP_POINTS` consecutive points after it (a training loss bouncing 100x on a log axis
    # is oscillation's, not a blow-up); on the smoothed curve also > `sigmas` of its noise
    upto = course[steps <= best_step][-_TOP_POINTS:]
    if upto.shape[0] == 0:
        # the validation loss was best at an evaluation made before the training curve's
        # first smoothed point (a per-step loss read through buckets wider than an epoch):
        # the training level then is that first point's
        upto = course[:1]
    at_best = float(np.median(upto))
    after = course[steps > best_step]
    high = after >= t.best_ratio * at_best
    run = _longest_run(high)
    if not (at_best > 0 and run >= _TOP_POINTS
            and (tenths or float(np.max(after)) - at_best > t.sigmas * c.sigma())):
        return []
    blown = after[high]
    ev: Dict[str, Any] = {"val_best_loss": v.raw(best), "best_step": best_step,
                          "end_loss": v.raw(end_level), "rise_ratio": end_level / best,
                          "max_loss": c.raw(float(np.max(blown)))}
    lr_txt, sugg = _blew_up_at(ctx, t, step, ev, "The run blew up", " (LR %s)")
    came_down = float(course[-1]) < t.best_ratio * at_best
    msg = ("The validation loss exploded at %s%s from its best %s to %s (%sx) and never came "
           "back, while the training loss blew up to %s: the run became unstable at this LR%s."
           % (where(ctx, step), lr_txt, fmt(ev["val_best_loss"]), fmt(ev["end_loss"]),
              fmt(ev["rise_ratio"]), fmt(ev["max_loss"]),
              ", and a training loss that came down again afterwards does not repair the "
              "validation loss" if came_down else ""))
    return [finding("divergence", start_step=best_step, end_step=ctx.end, step=step,
                    evidence=ev, message=msg, suggestion=sugg)]


def _held_out_improving(ctx: Context, since: float, t: Thresholds) -> bool:
    """While the training loss climbed from its best at ``since``, the validation loss got
    better and stayed so: over >= `val_min_points` evaluations after it, it ends >= `learned`
    below its level at ``since`` and within `held_out_gl` of its best (no overfitting
    either). A training loss that climbs because the data it is trained on gets harder
    (augmentation or input noise ramped up over the run) is no divergence of the model."""
    v = ctx.val
    if v is None or not positive(v):
        return False
    after = v.smooth_steps > since
    if int(np.count_nonzero(after)) < t.val_min_points:
        return False
    seg = v.smooth[after]
    at_since = v.smooth_at(since)
    end = float(seg[-1])
    return end <= (1.0 - t.learned) * at_since and end <= (1.0 + t.held_out_gl) * float(np.min(seg))


def _train_kept_falling(ctx: Context, since: float, t: Thresholds) -> bool:
    """The training loss ends (the median of its last quarter of smoothed points after
    ``since``) >= `learned` below its level at ``since``, and never blew up to `best_ratio`
    x that level in between: the model kept fitting its training set."""
    c = ctx.train_curve()
    if c is None or c.n_smooth < t.min_points or not positive(c):
        return False
    after = c.smooth[c.smooth_steps > since]
    if after.shape[0] < _QUARTER:
        return False
    at = c.smooth_at(since)
    end = float(np.median(after[-max(2, after.shape[0] // _QUARTER):]))
    return end <= (1.0 - t.learned) * at and float(np.max(after)) < t.best_ratio * at


def _tenths(c: Curve) -> Tuple[np.ndarray, np.ndarray]:
    """(the middle step, the median value) of each tenth of a curve's points, in order."""
    idx = np.array_split(np.arange(len(c)), _TENTHS)
    return (np.array([float(np.median(c.steps[i])) for i in idx]),
            np.array([float(np.median(c.values[i])) for i in idx]))


def _thrown_to_chance(best: float, end: float, k: int, n: Optional[int],
                      t: Thresholds) -> bool:
    """An accuracy (a fraction, read as a count of ``n`` examples) that was clearly above the
    chance level 1/K -- its best >= `thrown_around.learned_se` standard errors above it, which
    an evaluation at chance reaches once in tens of thousands -- and ends there, within
    `thrown_around.chance_se`: the model learned something and was thrown back to
    guessing."""
    if not n:
        return False
    se = standard_error(1.0 / k, n)
    ta = t.thrown_around
    return se > 0 and best - 1.0 / k >= ta.learned_se * se and \
        abs(end - 1.0 / k) <= ta.chance_se * se


def _held_out_collapse(ctx: Context, t: Thresholds) -> List[Finding]:
    """The model lost on held-out data what it had learned: over the last quarter of the
    evaluations the validation accuracy sits (median) below its first evaluation with >=
    `acc_errors` x the errors of its best, and the validation loss sits (median) >=
    `collapse_ratio` x its best. A collapse at an LR peak can show mostly in the validation
    curves (a label-smoothed or regularised training loss barely moves); an accuracy that
    drops and then recovers above its first evaluation is `accuracy_drop`'s, and one that
    keeps bouncing back up is `oscillation`'s."""
    a, v = ctx.val_acc, ctx.val
    if a is None or v is None or a.n_smooth < t.acc_min_points or \
            v.n_smooth < t.acc_min_points or not positive(v):
        return []
    acc, vs = a.smooth, v.smooth
    ib = int(np.argmax(acc))
    best, first = float(acc[ib]), float(acc[0])
    qa, qv = max(2, acc.shape[0] // _QUARTER), max(2, vs.shape[0] // _QUARTER)
    end = float(np.median(acc[-qa:]))
    v_best, v_end = float(np.min(vs)), float(np.median(vs[-qv:]))
    if not (best < 1.0 and end < first and ib < acc.shape[0] - qa):
        return []
    lost = 1.0 - end >= t.acc_errors * (1.0 - best) and v_end >= t.collapse_ratio * v_best
    # ... or back at the chance level of K balanced classes, having been well above it
    k = uniform_chance(end, float(v.raw(v_end)), t.thrown_out.constant_margin)
    if lost and not k and _train_kept_falling(ctx, float(a.smooth_steps[ib]), t):
        return []  # a model fitting its training set ever better while it loses held-out
        # accuracy (not down to chance) is memorising: overfitting's, not a collapse
    if not (lost or (k and (well_above_chance(best, k, t.above_chance)
                            or (_thrown_to_chance(best, end, k, ctx.val_examples, t)
                                # (a burst at the first steps that the run never got over
                                # is what threw it out: (e) tells that)
                                and thrown_out(ctx, t.thrown_out) is None)))):
        return []
    # where it lost it: the first evaluation after the best below the first one
    fell = np.flatnonzero((np.arange(acc.shape[0]) > ib) & (acc < first))
    step = float(a.smooth_steps[int(fell[0])]) if fell.shape[0] else float(a.smooth_steps[ib])
    ev: Dict[str, Any] = {"best_val_acc": best * a.scale, "end_val_acc": end * a.scale,
                          "first_val_acc": first * a.scale, "val_best_loss": v.raw(v_best),
                          "end_loss": v.raw(v_end), "rise_ratio": v_end / v_best,
                          "best_step": float(a.smooth_steps[ib])}
    lr_txt, sugg = _blew_up_at(ctx, t, step, ev, "The model collapsed", " with the LR at %s")
    k = named_classes(k, end, v.raw(v.values[-qv:]))
    if k and not lost:
        msg = ("The model was thrown back to guessing at %s%s: the validation accuracy fell "
               "from its best %s to %s at the end, the chance level of %d balanced classes "
               "(%s), and the validation loss ends at %s (ln %d = %s, the loss of guessing); "
               "it never came back."
               % (where(ctx, step), lr_txt, fmt_percent(best), fmt_percent(end), k,
                  fmt_percent(1.0 / k), fmt(ev["end_loss"]), k, fmt(math.log(k))))
    else:
        chance_txt = (", the chance level of %d balanced classes (ln %d = %s)"
                      % (k, k, fmt(math.log(k))) if k else "")
        msg = ("The model lost what it had learned at %s%s: the validation accuracy fell from "
               "its best %s to %s at the end, below the %s of its first evaluation, and the "
               "validation loss ends at %sx its best (%s -> %s%s); it never came back."
               % (where(ctx, step), lr_txt, fmt_percent(best), fmt_percent(end),
                  fmt_percent(first), fmt(ev["rise_ratio"]), fmt(ev["val_best_loss"]),
                  fmt(ev["end_loss"]), chance_txt))
    return [finding("divergence", start_step=float(a.smooth_steps[ib]), end_step=ctx.end,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]


def _unstable_from_start(ctx: Context, t: Thresholds, from_start: bool = False
                         ) -> List[Finding]:
    """A supervised run that never learned anything (training and validation loss never
    `learned` below where they started) and whose training loss blew up well above its
    starting level or sat above it all along: the LR is far too high, not too low.

    With ``from_start`` the validation loss is read against where the model started -- the
    training loss's first level, when that is below the first evaluation: at its first step
    the model is the same on both sets, and a validation loss first evaluated after the LR
    had already thrown the model above that level (an epoch in) has only come back part of
    the way, learning nothing on held-out data."""
    c, v = ctx.train, ctx.val
    if c is None or v is None or c.n_smooth < t.min_points or v.n_smooth < t.val_min_points:
        return []
    if not (positive(c) and positive(v)):
        return []
    first = head_level(c)
    vfirst, vbest = float(v.smooth[0]), float(np.min(v.smooth))
    if from_start and first >= vfirst:
        return []  # the reading against the first evaluation (``from_start=False``) is this one
    # where it started: the first logged point, unless the first smoothed level is lower (a
    # burst in the first steps must not become the starting level)
    start = min(first, float(c.smooth[0]), float(c.values[0]))
    # nothing learned: the held-out loss never improved `learned`, and the training loss did
    # not settle lower either (the median of its second half is within `learned` x 2 of start)
    late = float(np.median(c.smooth[c.smooth.shape[0] // 2:]))
    vref = first if from_start else vfirst
    if vref - vbest >= t.learned * vref or late < (1.0 - 2.0 * t.learned) * start:
        return []
    a = ctx.val_acc
    if a is not None and a.n_smooth and well_above_chance(float(np.max(a.smooth)), _TWO_CLASSES):
        return []  # an evaluation well above chance, even for two classes: the model learned
        # (within its first epoch, before the first evaluation); what it did next is read
        # by the other readings (a collapse, a spike), not as nothing learned
    # the highest level it was thrown to, read on the points (a burst of a few steps at the
    # start disappears in the smoothed curve), held for at least `_TOP_POINTS` of them (a lone
    # last point that jumps is no blow-up)
    k = min(_TOP_POINTS, len(c))
    top = float(np.partition(c.values, len(c) - k)[len(c) - k])
    level = float(np.median(c.smooth))
    sig = c.sigma()
    blew = top >= t.unstable_ratio * start and top - start > t.unstable_sigmas * sig
    above = level >= (1.0 + t.above_start) * start and level - start > t.sigmas * sig
    if not (blew or above):
        return []
    step = float(c.smooth_steps[int(np.argmax(c.smooth))]) if blew else float(c.smooth_steps[0])
    ev: Dict[str, Any] = {"initial_loss": c.raw(start), "max_loss": c.raw(top),
                          "median_loss": c.raw(level), "val_initial_loss": v.raw(vfirst),
                          "val_best_loss": v.raw(vbest)}
    sugg = _far_too_high(ctx, t, ev)
    lr_txt = " with the LR up to %s" % fmt_lr(ctx.lr.peak) if ctx.lr is not None else ""
    how = ("blew up to %s (%sx its starting %s)" % (fmt(ev["max_loss"]), fmt(float(top / start)),
                                                   fmt(ev["initial_loss"]))
           if blew else "stayed above its starting level %s (median %s)"
           % (fmt(ev["initial_loss"]), fmt(ev["median_loss"])))
    held = ("never got %d %% below where the training loss started (its best: %s)"
            % (round(100 * t.learned), fmt(ev["val_best_loss"])) if from_start else
            "never fell below %s" % fmt(ev["val_best_loss"]))
    msg = ("Nothing was learned: the training loss %s and the validation loss %s%s: the LR is "
           "far too high." % (how, held, lr_txt))
    return [finding("divergence", start_step=float(c.smooth_steps[0]), end_step=ctx.end,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]


def _far_too_high(ctx: Context, t: Thresholds, ev: Dict[str, Any]) -> str:
    """The advice for a run that never learned at a far too high LR; with a logged LR its
    peak and the LR 10x below it go into ``ev``."""
    if ctx.lr is None:
        return ("Lower the learning rate at least 10x and add a warmup; clip gradients "
                "(clipnorm=1.0).")
    ev["peak_lr"] = ctx.lr.peak
    ev["suggested_lr"] = ctx.lr.peak / t.safe_lr_factor
    return ("The LR (peak %s) is far too high for this model: try %s or lower (10-100x), "
            "with a warmup, and clip gradients (clipnorm=1.0); an LR range test finds the "
            "largest LR that still learns."
            % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak / t.safe_lr_factor)))


def _first_step(ctx: Context, default: float) -> float:
    """The first logged training step (where a run that never learned began to go wrong)."""
    c = ctx.train
    return float(c.steps[0]) if c is not None and len(c) else default


def _thrown_out(ctx: Context, t: Thresholds) -> List[Finding]:
    """The first steps threw the run out (a burst far above the level it then sat at) and
    nothing improved after that: the LR is far too high."""
    got = thrown_out(ctx, t.thrown_out)
    if got is None:
        return []
    step = got.pop("step")
    acc = got.pop("acc_fraction")
    ev: Dict[str, Any] = dict(got)
    sugg = _far_too_high(ctx, t, ev)
    lr_txt = " (LR %s)" % fmt_lr(ctx.lr.at(step)) if ctx.lr is not None else ""
    msg = ("Nothing was learned: the first steps threw the training loss up to %s%s, it then "
           "sat at %s (%s at the end) and the validation accuracy stayed at the %s it had in "
           "the first fifth of the run: the LR is far too high."
           % (fmt(ev["max_loss"]), lr_txt, fmt(ev["median_loss"]), fmt(ev["end_level"]),
              fmt_percent(acc)))
    return [finding("divergence", start_step=_first_step(ctx, step), end_step=ctx.end,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]


def _thrown_around(ctx: Context, t: Thresholds) -> List[Finding]:
    """The model sat at chance level for the whole run while its answers kept changing: a
    far too large LR throws it from one guess to the next (``chance.thrown_around``)."""
    got = thrown_around(ctx, t.thrown_around)
    if got is None:
        return []
    k = int(got.pop("classes"))
    acc = got.pop("acc_fraction")
    ev: Dict[str, Any] = dict(got)
    sugg = _far_too_high(ctx, t, ev)
    lr_txt = " at an LR of %s" % fmt_lr(ctx.lr.peak) if ctx.lr is not None else ""
    msg = ("Nothing was learned%s: from the first evaluation to the last the training loss "
           "(%s) and the validation loss (%s) sit at ln %d = %s, the loss of guessing among "
           "%d classes, and the validation accuracy at %s (chance: %s), while its answers keep "
           "changing from one evaluation to the next: the LR is far too high."
           % (lr_txt, fmt(ev["train_median"]), fmt(ev["val_median"]), k, fmt(ev["chance_loss"]),
              k, fmt_percent(acc), fmt_percent(1.0 / k)))
    start = _first_step(ctx, ctx.start)
    return [finding("divergence", start_step=start, end_step=ctx.end, step=start,
                    evidence=ev, message=msg, suggestion=sugg)]


def _never_worked(ctx: Context, t: Thresholds) -> bool:
    """A model that never worked: it learned nothing (``progress.stuck``) and its smoothed
    training loss never rose `above_start` above its first level -- no LR threw it anywhere.
    Units dead from the start, or frozen weights, answer one class from the first evaluation
    on: that is `plateau`'s "nothing was learned", not a collapse."""
    c = ctx.course(t.min_points)
    if c is None or not positive(c) or stuck(ctx) is None:
        return False
    return float(np.max(c.smooth)) <= (1.0 + t.above_start) * head_level(c)


def _constant(ctx: Context, t: Thresholds) -> List[Finding]:
    """The model answers one class whatever its input (a collapse to the class frequencies)."""
    got = constant_prediction(ctx, t.constant)
    if got is None or _never_worked(ctx, t):
        return []
    step = got.pop("step")
    acc = got.pop("acc_fraction")
    which = "every evaluation" if got.pop("whole_run") else \
        "nearly every evaluation of the second half"
    ev: Dict[str, Any] = dict(got)
    lr_txt, sugg = "", ("Lower the learning rate at least 10x and add a warmup; if it persists, "
                        "check for dead units and that labels and inputs match.")
    if ctx.lr is not None:
        _far_too_high(ctx, t, ev)
        lr_txt = " with the LR up to %s" % fmt_lr(ctx.lr.peak)
        sugg = ("The model collapsed to answering one class%s: lower the peak LR to %s or less, "
                "add a warmup, and clip gradients (clipnorm=1.0); if it still collapses, check "
                "for dead units and that labels and inputs match."
                % (lr_txt, fmt_lr(ctx.lr.peak / t.safe_lr_factor)))
    msg = ("The model predicts the same class for every input: validation accuracy is %s at "
           "%s, and the validation loss (%s) and the "
           "training loss (%s) sit at %s, the loss of predicting the class frequencies%s."
           % (fmt_percent(acc), which, fmt(ev["val_level"]), fmt(ev["train_level"]),
              fmt(ev["constant_prediction_loss"]), lr_txt))
    return [finding("divergence", start_step=_first_step(ctx, step), end_step=ctx.end,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]
