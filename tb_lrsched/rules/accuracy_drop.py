"""accuracy_drop (warning): validation accuracy fell from its best, or stalled far below training.

What it measures:
    Validation accuracy falls sharply, or stalls early far below training
    accuracy.

Why it matters:
    Accuracy is what the model is kept for: a drop from the best means the
    weights you end with are worse than weights you had; an early stall with a
    growing train/validation gap means the model memorises.

Thresholds:
    Accuracies in [0,1]; percent is detected (values above 1.5) and divided by
    100. Drop: the highest of the last 10 % of validation-accuracy points is
    >= `drop` (5 points) below the best and > 3 sigma, with the best >= 2
    points before the end. Or stall: validation accuracy comes within
    `stall_gain` (0.01) of its final best (AUTOTRAINER's "no gain") in the
    first half of the run, ends >= `gap` (15 points) below training accuracy,
    and training accuracy still rose by >= 0.01 after that point -- or it already sat
    `gap` above the validation accuracy when that stalled (a model that fit its training
    set early, while validation accuracy stopped far below it).
    Or after an LR raise (a restart: the LR rose again after it had been decaying or
    flat) the validation accuracy never came back: the median of the evaluations after the
    raise (>= `raise_min_after` of them) sits >= `raise_se` standard errors of the validation
    set's size (read off the accuracies, ``tb_lrsched.engine.evaluations``) and >= `stall_gain`
    below its best before the raise -- or, where the accuracy is not a count of examples,
    >= `drop` below it and > 3 sigma: the raise cost the rest of the run its accuracy, even
    where its last evaluations happen to come close to the old best.
    Where no accuracy is logged, a detection score (mAP / AP: 'metrics/mAP50(B)',
    'metrics/mAP_0.5', 'bbox/AP50'; the one at IoU 0.5 first) is read in its place by the
    drop, sharp-fall and raise tests, and the messages name it; no chance level or count is
    read off such a score by any rule.
    A drop that lasts from the best to the end while the validation loss climbs is folded
    into `overfitting` (its sentence and numbers go there).
    Not reported for a run that a far too large LR threw out at its first steps and that
    never learned after that (``tb_lrsched.engine.chance.thrown_out``, reported as
    `divergence`): its accuracy has no best to fall from.

Example:
    Validation accuracy in percent, 40 -> 85 by epoch 5, then down to 66:
    *"Validation accuracy fell from its best 85.0% at epoch 5 to 66.0%."* ->
    *"Keep the weights from epoch 5 (EarlyStopping(monitor='val_accuracy',
    restore_best_weights=True)) and decay the LR before that point."*

Fix:
    Early stopping on validation accuracy, LR decay, regularisation.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Tuple

import numpy as np

from tb_lrsched.engine import evaluations
from tb_lrsched.engine.advice import early_stopping
from tb_lrsched.engine.chance import THROWN_OUT, ThrownOutThresholds, thrown_out
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt_lr, fmt_percent
from tb_lrsched.report import Finding, finding

_TINY = 1e-300
_PATIENCE = 5   # suggested early-stopping patience on validation accuracy (evaluations)
_POINTS = 100


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(4, "smoothed validation-accuracy points needed")
    drop: float = param(0.05, "validation accuracy ends >= 5 points below its best")
    sigmas: float = param(3.0, "... and > 3 noise sigmas below it")
    min_after: int = param(2, "the best is >= 2 points before the end")
    tail: float = param(0.1, "the end level: the highest of the last 10 % of points")
    gap: float = param(0.15, "or it stalls >= 15 points below training accuracy")
    stall_gain: float = param(0.01, "a gain < 1 point is no gain")
    stall_by: float = param(0.5, "the stall starts in the first half of the run")
    sharp: float = param(0.15, "or it falls sharply: >= 15 points below its running best from "
                               "one evaluation to the next (and > 4 sigma), even if it "
                               "recovers later")
    sharp_sigmas: float = param(4.0, "noise sigmas a sharp fall must exceed")
    raise_se: float = param(3.0, "or after an LR raise the median evaluation stays >= 3 standard "
                                 "errors (of the validation set's size) below the best before "
                                 "the raise ...")
    raise_min_after: int = param(3, "... over >= 3 evaluations after the raise")
    thrown_out: ThrownOutThresholds = THROWN_OUT


THRESHOLDS = Thresholds()

EVIDENCE = {
    "best_val_acc": Evidence("best validation accuracy"),
    "best_val_acc_step": Evidence("step of the best validation accuracy", "step"),
    "final_val_acc": Evidence("validation accuracy at the end"),
    "drop_points": Evidence("drop from the best", "points"),
    "val_examples": Evidence("validation examples", "",
                             "read off the accuracies: every value is a multiple of 1 / N"),
    "lr_at_best": Evidence("LR at the best step", "LR"),
    "val_acc": Evidence("validation accuracy at the end"),
    "train_acc": Evidence("training accuracy at the end"),
    "gap_points": Evidence("training minus validation accuracy", "points"),
    "stall_step": Evidence("validation accuracy stalled from", "step"),
    "raise_step": Evidence("LR raised at", "step"),
    "lr_after_raise": Evidence("LR after the raise", "LR"),
    "typical_after_raise": Evidence("typical validation accuracy after the raise", "",
                                    "median of the evaluations after it"),
    "drop_se": Evidence("drop over what the validation set's size explains", "x",
                        "in standard errors of an accuracy on that many examples"),
}


def _what(ctx: Context) -> Tuple[str, str]:
    """(what the messages call the metric, what early stopping monitors): the validation
    accuracy, or -- where none is logged -- the held-out detection score read instead."""
    if ctx.val_acc is None and ctx.val_score is not None:
        return "validation %s" % ctx.score_name, ctx.score_name
    return "validation accuracy", "val_accuracy"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sharp_fall(ctx: Context, a: Curve, sig: float, t: Thresholds) -> List[Finding]:
    """A sharp fall that the run may recover from: the validation accuracy drops >= `sharp`
    below its running best at one evaluation (a warmup peak or an LR jump knocked the model
    out of its basin)."""
    run_best = np.maximum.accumulate(a.smooth)
    fall = run_best - a.smooth
    i = int(np.argmax(fall))
    if not (fall[i] >= t.sharp and fall[i] > t.sharp_sigmas * sig) or i == 0:
        return []
    step = float(a.smooth_steps[i])
    best_i = int(np.argmax(a.smooth[: i + 1]))
    ev: Dict[str, Any] = {"best_val_acc": float(run_best[i]) * a.scale,
                          "best_val_acc_step": float(a.smooth_steps[best_i]),
                          "final_val_acc": float(a.smooth[-1]) * a.scale,
                          "drop_points": _POINTS * float(fall[i])}
    lr_txt = ""
    if ctx.lr is not None:
        ev["lr_at_best"] = ctx.lr.at(step)
        lr_txt = " with the LR at %s" % fmt_lr(ev["lr_at_best"])
    back = float(a.smooth[-1]) >= float(run_best[i]) - t.drop
    what, monitor = _what(ctx)
    msg = ("%s fell sharply from %s to %s at %s%s%s."
           % (_cap(what), fmt_percent(float(run_best[i])), fmt_percent(float(a.smooth[i])), where(ctx, step),
              lr_txt, ", then recovered" if back else ""))
    sugg = ("An LR that knocks the model out of what it learned: lower the peak LR (about 3x) "
            "or lengthen warmup, and keep the best weights (%s)."
            % early_stopping(ctx.framework, _PATIENCE, monitor))
    return [finding("accuracy_drop", start_step=float(a.smooth_steps[best_i]), end_step=step,
                    step=step, evidence=ev, message=msg, suggestion=sugg)]


def _after_raise(ctx: Context, a: Curve, t: Thresholds) -> List[Finding]:
    """An LR raise that cost the rest of the run its accuracy: after the first restart of the
    LR the typical (median) evaluation stays well below the best before it."""
    if not ctx.events.restarts:
        return []
    r0 = float(ctx.events.restarts[0])
    before, after = a.values[a.steps < r0], a.values[a.steps >= r0]
    if before.shape[0] == 0 or after.shape[0] < t.raise_min_after:
        return []
    ib = int(np.argmax(before))
    best, typical = float(before[ib]), float(np.median(after))
    drop = best - typical
    # (a detection score read in the accuracy's place is no count: it has no size)
    n = (ctx.val_examples if a is ctx.val_acc else None) or 0
    se = evaluations.standard_error(best, n)
    if se > 0:
        if not (drop >= t.raise_se * se and drop >= t.stall_gain):
            return []
    elif not (drop >= t.drop and drop > t.sigmas * a.sigma()):
        return []
    best_step = float(a.steps[ib])
    ev: Dict[str, Any] = {"best_val_acc": best * a.scale, "best_val_acc_step": best_step,
                          "typical_after_raise": typical * a.scale, "raise_step": r0,
                          "drop_points": _POINTS * drop}
    if se > 0:
        ev["drop_se"] = drop / se
        ev["val_examples"] = n
    lr_txt = ""
    if ctx.lr is not None:
        ev["lr_after_raise"] = float(np.max(ctx.lr.values[ctx.lr.steps >= r0]))
        lr_txt = " to %s" % fmt_lr(ev["lr_after_raise"])
    se_txt = (" (%.1fx the standard error of %d examples)" % (ev["drop_se"], n)) if se > 0 \
        else ""
    what, monitor = _what(ctx)
    msg = ("The LR was raised%s at %s and the %s never came back: its best before the raise "
           "was %s (%s), the evaluations after it sit around %s, %d points lower%s."
           % (lr_txt, where(ctx, r0), what, fmt_percent(best), where(ctx, best_step),
              fmt_percent(typical), round(_POINTS * drop), se_txt))
    sugg = ("Keep the weights from %s (%s) and do not raise the LR again there: if a restart "
            "is meant, restart at a lower peak (about 3x lower)."
            % (where(ctx, best_step), early_stopping(ctx.framework, _PATIENCE, monitor)))
    return [finding("accuracy_drop", start_step=best_step, end_step=float(a.steps[-1]),
                    step=r0, evidence=ev, message=msg, suggestion=sugg)]


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """Validation accuracy ends >= 5 points below its best, or stalls early
    >= 15 points below a still-rising training accuracy."""
    a = ctx.val_acc if ctx.val_acc is not None else ctx.val_score
    if a is None or a.n_smooth < t.min_points:
        return []
    what, monitor = _what(ctx)
    if thrown_out(ctx, t.thrown_out) is not None:
        # a run thrown out at its first steps never learned: its accuracy has no best to fall
        # from (divergence reports the run)
        return []
    ib = int(np.argmax(a.smooth))
    best = float(a.smooth[ib])
    n_after = a.n_smooth - 1 - ib
    sig = a.sigma()
    best_step = float(a.smooth_steps[ib])
    end_step = float(a.smooth_steps[-1])
    if n_after >= t.min_after:
        ntail = max(1, min(n_after // 2, int(round(t.tail * a.n_smooth))))
        tail = float(np.max(a.smooth[-ntail:]))
        drop = best - tail
        if drop >= t.drop and drop > t.sigmas * sig:
            ev: Dict[str, Any] = {"best_val_acc": best * a.scale, "best_val_acc_step": best_step,
                                  "final_val_acc": tail * a.scale, "drop_points": _POINTS * drop}
            lr_txt = ""
            if ctx.lr is not None:
                ev["lr_at_best"] = ctx.lr.at(best_step)
                lr_txt = " (LR %s there)" % fmt_lr(ev["lr_at_best"])
            msg = ("%s fell from its best %s at %s to %s." %
                   (_cap(what), fmt_percent(best), where(ctx, best_step), fmt_percent(tail)))
            sugg = ("Keep the weights from %s%s (%s) and decay the LR before that point."
                    % (where(ctx, best_step), lr_txt,
                       early_stopping(ctx.framework, _PATIENCE, monitor)))
            return [finding("accuracy_drop", start_step=best_step, end_step=end_step,
                            step=best_step, evidence=ev, message=msg, suggestion=sugg)]
    raised = _after_raise(ctx, a, t)
    if raised:
        return raised
    sharp = _sharp_fall(ctx, a, sig, t)
    if sharp:
        return sharp
    ta = ctx.train_acc
    if ta is None or ta.n_smooth < t.min_points or a is not ctx.val_acc:
        return []  # (the stall compares accuracies: not a detection score read in their place)
    # stall: the first point within stall_gain of the best; no real gain after it
    j = int(np.argmax(a.smooth >= best - t.stall_gain))
    stall_step = float(a.smooth_steps[j])
    if (end_step - stall_step) < t.stall_by * max(ctx.span, _TINY):
        return []
    tr_end = float(ta.smooth[-1])
    tr_at = ta.smooth_at(stall_step)
    gap = tr_end - float(a.smooth[-1])
    rising = tr_end - tr_at >= t.stall_gain
    # the gap grew after the stall (training accuracy still rising), or it was already there
    # when validation accuracy stalled (training accuracy had reached its top before)
    # (two accuracies differ by at most 1: anything else is no accuracy)
    if not t.gap <= gap <= 1.0 or not (rising or tr_at - float(a.smooth[j]) >= t.gap):
        return []
    ev = {"val_acc": float(a.smooth[-1]) * a.scale, "train_acc": tr_end * ta.scale,
          "gap_points": _POINTS * gap, "stall_step": stall_step}
    msg = ("Validation accuracy stopped improving at %s (%s) while training accuracy %s %s: "
           "a %d-point gap." % (where(ctx, stall_step), fmt_percent(float(a.smooth[-1])),
                                "kept rising to" if rising else "stayed at",
                                fmt_percent(tr_end), round(_POINTS * gap)))
    sugg = ("The model memorises: add regularisation or data augmentation, decay the LR "
            "from %s on, and stop near %s (%s)."
            % (where(ctx, stall_step), where(ctx, stall_step),
               early_stopping(ctx.framework, _PATIENCE, "val_accuracy")))
    return [finding("accuracy_drop", start_step=stall_step, end_step=end_step, step=stall_step,
                    evidence=ev, message=msg, suggestion=sugg)]
