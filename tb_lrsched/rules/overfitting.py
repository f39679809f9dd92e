"""overfitting (warning): the validation loss rises while the training loss keeps falling.

What it measures:
    The validation loss rises while the training loss keeps falling (UMLAUT's
    overfitting rule), scored with Prechelt's *generalisation loss*
    GL(t) = 100 x (E_val(t) / min E_val - 1).

Why it matters:
    Past the best validation step every further step makes the model worse on
    new data; the best weights are behind you.

Thresholds:
    The best validation point is >= `min_after` validation points before the
    end. The validation level at the end -- the *lowest* of the last 10 % of
    validation points (at least one, at most half of those after the best) --
    is >= `generalization_loss` above the best (i.e. GL >= 10; Prechelt's
    criteria use GL > 1...5 to *stop*; a warning needs a clearer signal in
    noisy curves) and >= `sigmas` of the validation noise above it. The
    training loss at the end is below its value at the best validation step.
    For a non-positive best validation loss the reference is the progress
    (first - best).

    Below `far_above` (25 %) the validation loss must also still be rising over the last
    third of the run: a validation loss that crept up 10-20 % after its best and then
    levelled off, while the model kept its accuracy, is not a problem a schedule change
    fixes; one that keeps climbing is.

    Where a validation accuracy is logged, it must not have kept improving: when it ends
    (the highest of its last 10 % of points) with >= `fewer_errors` fewer errors than at the
    best validation loss, and 3 sigma higher, the model got better on held-out data after
    that "best"; the loss rises from over-confidence on the examples it still gets wrong
    (common once the training loss reaches ~1e-4), and restoring the best-loss weights would
    keep a worse model. Memorising noisy labels, where the accuracy creeps up a point or two
    on a 50 % error rate while the loss climbs, is still overfitting; so is an accuracy that
    gained its points in the evaluations right after the best and then sat still while the
    validation loss kept climbing (another `generalization_loss` from where the accuracy
    reached its end level).

    Not when the validation loss made its best within one evaluation of the run's only LR
    raise (a run resumed at a higher LR, a stage raised by hand): the raise knocked the model
    out of where it was -- `accuracy_drop`, `loss_spike` or `divergence` says so -- and early
    stopping or regularisation would not have helped.

    A validation accuracy that declined from its best to the end of the run while the
    validation loss climbed is this finding's symptom, not a fall of its own: the
    `accuracy_drop` that reports it is folded into this finding (its sentence and numbers
    are added here). A sharp fall at one evaluation, a loss that followed an LR raise, or an
    accuracy that stalled far below the training accuracy stays its own finding.

Example:
    The Keras demo `constant_lr_overfits` (Adam at 1e-3, wide MLP, 300 noisy
    samples): *"Validation loss rose 22% above its best (0.208 at epoch 6)
    while the training loss kept falling (0.018 to 0.000597)."* -> *"Best
    validation loss 0.208 at epoch 6; stop there (EarlyStopping(patience=10,
    restore_best_weights=True)) or decay the LR (it stayed at 1e-3), and add
    regularisation (weight decay, dropout, augmentation)."* EarlyStopping's
    patience counts validation evaluations: half the evaluations seen after
    the best, between 2 and 10.

Fix:
    EarlyStopping with `restore_best_weights`, an LR decay (particularly under
    a constant LR), regularisation.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List

import numpy as np

from tb_lrsched.engine.advice import early_stopping
from tb_lrsched.engine.context import CONSTANT_RTOL, Context
from tb_lrsched.engine.curves import Curve
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr
from tb_lrsched.report import Finding, finding

_TINY = 1e-300
_PERCENT = 100.0
_LAST_THIRD = 2.0 / 3.0
_THIRDS = 3
_MIN_SEGMENT = 3


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(4, "smoothed validation-loss points needed")
    generalization_loss: float = param(0.10, "the validation loss ends >= 10 % above its best")
    sigmas: float = param(3.0, "... and >= 3 noise sigmas above it")
    min_after: int = param(2, "the best is >= 2 validation points before the end")
    tail: float = param(0.1, "the end level: the lowest of the last 10 % of validation points")
    far_above: float = param(0.25, "a validation loss >= 25 % above its best is overfitting "
                                   "even once it has levelled off ...")
    still_rising: float = param(0.02, "... below that, the validation loss must still be rising "
                                      "over the last third of the run (by >= 2 % of its best "
                                      "and 3 sigmas): one that crept up a little and levelled "
                                      "off while the accuracy held is no problem to fix")
    fewer_errors: float = param(0.20, "the validation accuracy (when logged) ends with >= 20 % "
                                      "fewer errors than at the best validation loss (and 3 "
                                      "sigmas higher): the model kept getting better on held-out "
                                      "data; its loss rises from over-confidence on the examples "
                                      "it still gets wrong, and stopping at that best would keep "
                                      "a worse model")
    patience_min: int = param(2, "suggested EarlyStopping patience: half the evaluations after "
                                 "the best, at least 2 ...")
    patience_max: int = param(10, "... and at most 10")


THRESHOLDS = Thresholds()

EVIDENCE = {
    "best_val_loss": Evidence("best validation loss"),
    "best_val_step": Evidence("step of the best validation loss", "step"),
    "final_val_loss": Evidence("validation loss at the end"),
    "generalization_loss": Evidence("val loss above its best", "%",
                                    "Prechelt's generalisation loss"),
    "train_loss_at_best": Evidence("training loss at the best validation step"),
    "final_train_loss": Evidence("training loss at the end"),
    "lr_at_best": Evidence("LR at the best validation step", "LR"),
    # an accuracy that declined as the validation loss climbed (the accuracy_drop finding it
    # explains is folded into this one)
    "best_val_acc": Evidence("best validation accuracy"),
    "best_val_acc_step": Evidence("step of the best validation accuracy", "step"),
    "final_val_acc": Evidence("validation accuracy at the end"),
    "drop_points": Evidence("validation accuracy's drop from its best", "points"),
}


def _accuracy_kept_improving(ctx: Context, best_step: float, t: Thresholds) -> bool:
    """The validation accuracy at the end -- the highest of its last 10 % of points, as the
    loss's end level is the lowest of its own -- has >= `fewer_errors` fewer errors than at
    the best validation loss, and lies >= 3 sigma of its noise above it -- and the validation
    loss did not climb another `generalization_loss` after the accuracy had reached that end
    level."""
    a = ctx.val_acc
    if a is None or a.n_smooth < t.min_points or not a.smooth_steps[-1] > best_step:
        return False
    at_best = a.smooth_at(best_step)
    k = max(1, int(round(t.tail * a.n_smooth)))
    end = float(np.max(a.smooth[-k:]))
    if not 0.0 <= at_best < 1.0:
        return False
    if not (1.0 - end <= (1.0 - t.fewer_errors) * (1.0 - at_best)
            and end - at_best > t.sigmas * a.sigma()):
        return False
    # ... while the loss rose: from where the accuracy reached its end level (within 3 sigma)
    # the validation loss must not have climbed `generalization_loss` further -- an accuracy
    # that gained its points in the evaluations right after the best and then sat still while
    # the loss kept doubling is memorisation, not a model still getting better
    v = ctx.val
    after = (a.smooth_steps > best_step) & (a.smooth >= end - t.sigmas * a.sigma())
    if v is None or not after.any():
        return True
    reached = float(a.smooth_steps[int(np.argmax(after))])
    v_then = v.smooth_at(reached)
    k_v = max(1, int(round(t.tail * v.n_smooth)))
    v_end = float(np.min(v.smooth[-k_v:]))
    return not (v_then > 0 and v_end >= (1.0 + t.generalization_loss) * v_then
                and v_end - v_then > t.sigmas * v.sigma())


def _still_rising(ctx: Context, v: Curve, ref: float, sig: float, t: Thresholds) -> bool:
    """Over the last third of the run the validation loss climbs: the median of the last third
    of those points is >= `still_rising` x the best (and 3 sigma) above that of the first."""
    seg = v.smooth[v.smooth_steps >= ctx.start + _LAST_THIRD * ctx.span]
    if seg.shape[0] < _MIN_SEGMENT:
        return True  # too few points to tell: the generalisation loss alone decides
    q = max(1, seg.shape[0] // _THIRDS)
    climb = float(np.median(seg[-q:])) - float(np.median(seg[:q]))
    return climb >= t.still_rising * ref and climb > t.sigmas * sig


def _turned_at_raise(ctx: Context, v: Curve, best_step: float) -> bool:
    """The validation loss made its best within one evaluation of the run's only LR raise (a
    resumed run at a higher LR, a stage raised by hand): what follows is the raise's damage,
    not memorisation."""
    at = ctx.events.only_raise
    if at is None or v.n_smooth < 2:
        return False
    gap = float(np.median(np.diff(v.smooth_steps)))
    return abs(at - best_step) <= gap


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """The validation loss ends >= 10 % (and >= 3 sigma) above its best while
    the training loss kept falling."""
    v = ctx.val
    if v is None or v.n_smooth < t.min_points:
        return []
    ib = int(np.argmin(v.smooth))
    n_after = v.n_smooth - 1 - ib
    if n_after < t.min_after:
        return []
    best = float(v.smooth[ib])
    ntail = max(1, min(n_after // 2, int(round(t.tail * v.n_smooth))))
    tail = float(np.min(v.smooth[-ntail:]))
    rise = tail - best
    ref = best if best > 0 else max(float(v.smooth[0]) - best, 0.0)
    if not ref > 0:
        return []
    # noise of the validation curve: bucket noise, or second differences
    sig = v.sigma()
    gl = rise / ref
    if gl < t.generalization_loss or rise <= t.sigmas * sig:
        return []
    if gl < t.far_above and not _still_rising(ctx, v, ref, sig, t):
        return []
    best_step = float(v.smooth_steps[ib])
    end_step = float(v.smooth_steps[-1])
    if _accuracy_kept_improving(ctx, best_step, t):
        return []
    if _turned_at_raise(ctx, v, best_step):
        return []  # the raised LR knocked the model out of where it was: accuracy_drop,
        # loss_spike or divergence tell that; early stopping and regularisation would not help
    tc = ctx.train_curve()
    ev: Dict[str, Any] = {"best_val_loss": v.raw(best), "best_val_step": best_step,
                          "final_val_loss": v.raw(tail), "generalization_loss": _PERCENT * gl}
    if tc is None or tc.n_smooth < 2:
        return []
    tb = tc.smooth_at(best_step)
    te = float(tc.smooth[-1]) if tc.smooth_steps[-1] >= best_step else tb
    if not te < tb:
        return []  # train loss did not keep falling: not overfitting
    ev["train_loss_at_best"] = tc.raw(tb)
    ev["final_train_loss"] = tc.raw(te)
    if ctx.lr is not None:
        lr_b, lr_e = ctx.lr.at(best_step), ctx.lr.at(end_step)
        ev["lr_at_best"] = lr_b
        const = abs(lr_e - lr_b) <= CONSTANT_RTOL * max(abs(lr_b), _TINY)
        if const:
            lr_txt = "decay the LR (it stayed at %s)" % fmt_lr(lr_b)
        else:
            lr_txt = "decay the LR sooner (it was %s at the best step)" % fmt_lr(lr_b)
    else:
        lr_txt = "decay the LR"
    msg = ("Validation loss rose %d%% above its best (%s at %s) while the training loss kept "
           "falling (%s to %s)." % (round(_PERCENT * gl), fmt(ev["best_val_loss"]),
                                    where(ctx, best_step), fmt(ev["train_loss_at_best"]),
                                    fmt(ev["final_train_loss"])))
    # patience counts validation evaluations
    patience = max(t.patience_min, min(t.patience_max, n_after // 2))
    sugg = ("Best validation loss %s at %s; stop there (%s) or %s, and add regularisation "
            "(weight decay, dropout, augmentation)."
            % (fmt(ev["best_val_loss"]), where(ctx, best_step),
               early_stopping(ctx.framework, patience, "val_loss"), lr_txt))
    return [finding("overfitting", start_step=best_step, end_step=end_step, step=best_step,
                    evidence=ev, message=msg, suggestion=sugg)]
