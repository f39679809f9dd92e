"""plateau (warning): the loss stopped improving while still far from converged.

What it measures:
    The training loss stopped improving while it is still far from converged,
    with no LR decay to explain it. This is `EarlyStopping`'s view of the
    training loss.

Why it matters:
    A run that sits on a plateau at a constant LR is burning compute: an LR
    cut (ReduceLROnPlateau) usually unlocks further progress.

Thresholds:
    Stall level = median of the smoothed loss over the last `stall.patience` of the
    run (robust to noise); `min_delta` = max(1 % of max(|level|, initial -
    level), 3 sigma of the smoothed curve; for short unsmoothed series 3 sigma
    is capped at 5 % of the progress, because the noise estimate of a strongly
    curved 5-point series is inflated by the curvature). The stall starts at
    the first point within `min_delta` of the stall level (the "best epoch")
    and must last >= `stall.patience` of the run (a patience relative to the run
    length). The stall must be flat: the medians of its two halves may not
    differ by more than `stall.flat` of the level nor by more than 2 sigma of their
    difference -- a loss that is still improving, however slowly (a real
    DeepLabV3 run: -4 % over its last third), or getting worse is not on a
    plateau -- and its p10-p90 band must be narrower than the progress made
    before it (`stall.band`): a loss that dips and climbs back, as RL value losses
    do, is no plateau. Positive losses only. Far from converged: level >=
    `stall.high` of the initial loss after having fallen >= `stall.learned` first. The
    initial loss is the first smoothed value, or the median of the first three
    points if higher. A loss that never fell 10 % below its first value gets a
    note instead (nothing learned, or not a supervised loss, e.g. a PPO policy
    loss), no verdict. No LR collapse (>= 10x below the peak) anywhere in the
    run: a loss that flattens while the schedule anneals (cosine to 0, step
    decays) is explained by the LR -- early, that is `decay_too_aggressive`;
    late, it is the normal end of a schedule -- unless the training loss, and the
    validation loss too (from where its level first came within min_delta of its best),
    were flat for `stall.patience` of the run while the LR was still within sqrt(10) of its
    peak: a loss flat from the peak of a cosine that anneals only in its last third is a
    plateau the schedule does not explain. Dropped when `oscillation` or
    `divergence` is found.

    Where a validation loss exists, a plateau needs it to stall too: when the validation
    loss kept improving after the training loss stalled (its level, a 3-point running median
    of the evaluations, fell by more than min_delta from the first evaluation made after the
    stall began -- one made before still carries the fall into it: an evaluation lags the
    training loss by up to an epoch -- and made its best in the last `val_late` of the run)
    there is no plateau -- the training
    loss flattens when data augmentation changes mid-run (YOLO's close-mosaic) while the
    model keeps getting better.

    A noise floor is no LR problem: when the per-step loss's batches stray >= `floor_noise`
    of the stall's level (their robust sigma over the bucket median: most of each batch's
    loss comes from examples no model fits -- flipped labels, ambiguous inputs) and the
    validation loss ends within its min_delta of its best, the stall is reported as an
    *info* finding, "the floor the data's own noise sets", not a warning (also for a loss
    flat from its first logged point). On the labelled corpus the stalls labelled plateaus
    stray <= 16 %, the label-noise floors 26-41 %.

    Flat from the start: a supervised run (a validation loss is logged) whose training and
    validation losses never fell 10 % below where they started, with no LR logged at all, is
    a plateau too ("nothing was learned"); with an LR logged the same curve is judged by
    `lr_too_low`, `divergence` or `decay_too_aggressive`, which can say which way the LR is
    wrong, as long as a loss still creeps down (``tb_lrsched.engine.progress.moving``) --
    a run in which neither the training nor the validation loss moves at all (dead units, a
    frozen backbone, labels that do not match the inputs), or moves by a hair for the LR it
    was given (``tb_lrsched.engine.progress.lr_response``: < 0.1 % of its level per unit of
    integrated LR, where a live network given a far too low LR moves >= 0.6 %: vanishing
    gradients, a dead layer), is a plateau ("nothing was learned"; a constant LR is not
    blamed for it), and so is one whose validation loss got worse over the run, or did not follow
    a training loss that crept down (``tb_lrsched.engine.progress.memorising``): that run
    memorises labels that carry no signal, and more LR would not help. Only an LR that
    collapsed in the first half explains such a run (`decay_too_aggressive`'s stuck case); a
    schedule annealed late does not. A run kept at chance level whose answers keep changing
    between evaluations is `divergence`'s (a far too large LR throws it from one guess to the
    next); the plateau is then dropped.

Example:
    Constant LR 1e-3, loss 2.3 -> 1.3 by step ~2000 and flat (with minibatch
    noise) to step 20000: *"The training loss stopped improving at step 2119
    (1.3, still 58% of its initial 2.23) and stayed there for 89% of the run
    while the LR was 1e-3."* -> *"The LR stayed at 1e-3 while the loss was
    flat for 17772 steps: decay it (ReduceLROnPlateau(factor=0.1), or a cosine
    decay to 1e-5); if it stalls this high from the start, try a larger LR or
    model."*

Fix:
    Lower the LR when the loss stalls (ReduceLROnPlateau, factor 0.1), or a
    decay schedule; if the LR already decayed, check capacity and data.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, evaluation_level, positive
from tb_lrsched.engine.lr import COLLAPSE, CollapseThresholds, collapse_step, early_collapse, where
from tb_lrsched.engine.progress import (
    STALL,
    STUCK,
    STUCK_EVIDENCE,
    StallThresholds,
    StuckThresholds,
    fell_before,
    lr_response,
    memorising,
    moving,
    stalled,
    stuck,
)
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr, fmt_step
from tb_lrsched.model import INFO
from tb_lrsched.report import Finding, finding

_PERCENT = 100


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(6, "smoothed training-loss points needed")
    anneal_divisor: float = param(100.0, "suggested cosine decay: to the LR / 100")
    patience_per: int = param(3, "suggested ReduceLROnPlateau patience: a third of the stall, "
                                 "in epochs ...")
    patience_min: int = param(2, "... at least 2 ...")
    patience_max: int = param(10, "... and at most 10")
    val_late: float = param(0.30, "a validation loss still improving: it fell by more than "
                                  "min_delta after the stall began and made its best in the "
                                  "last 30 % of the run (then there is no plateau)")
    floor_noise: float = param(0.20, "a noise floor: the per-step points of the stall stray "
                                     ">= 20 % from their level (their robust sigma over the "
                                     "bucket median, the noise the smoothing reads) ...")
    stall: StallThresholds = STALL
    collapse: CollapseThresholds = COLLAPSE
    stuck: StuckThresholds = STUCK


THRESHOLDS = Thresholds()
_VAL_MIN_POINTS = 3
_VAL_MIN_AFTER = 2
_VAL_SIGMAS = 3.0

EVIDENCE = {
    **STUCK_EVIDENCE,
    "stall_loss": Evidence("loss level on the plateau"),
    "stall_step": Evidence("last real improvement", "step"),
    "stall_fraction": Evidence("share of the run on the plateau", "x"),
    "min_delta": Evidence("smallest change counted as progress", "",
                          "EarlyStopping's min_delta"),
    "lr": Evidence("LR at the end", "LR"),
    "batch_noise": Evidence("how far single batches stray from the level", "%"),
    "lr_response": Evidence("loss fall per unit of integrated LR", "x",
                            "how far the loss fell for the LR it was given: a live network "
                            "given a too-low LR falls >= 0.6 % per unit, a dead one < 0.1 %"),
}


def reduce_on_plateau(ctx: Context, stall_len: float, t: Thresholds = THRESHOLDS) -> str:
    """ReduceLROnPlateau advice (its patience counts epochs / evaluations)."""
    if ctx.unit == "epoch":
        return "ReduceLROnPlateau(factor=0.1, patience=%d)" % max(
            t.patience_min, min(t.patience_max, int(stall_len // t.patience_per)))
    return "ReduceLROnPlateau(factor=0.1)"


def val_still_improving(ctx: Context, since: float, t: Thresholds = THRESHOLDS) -> bool:
    """The validation loss kept improving after ``since``: its level (a 3-point running
    median of the evaluations) fell, from the first evaluation after ``since``, by more than
    min_delta (1 % of its level or of its progress, the stall's `flat` share of its level,
    3 sigma) and made its best in the last `val_late` of the run (data augmentation switched
    off mid-run flattens the training loss, not this)."""
    v = ctx.val
    if v is None or v.n_smooth < _VAL_MIN_POINTS or not positive(v):
        return False
    if int(np.count_nonzero(v.smooth_steps >= since)) < _VAL_MIN_AFTER:
        return False
    # levels, not single evaluations: one noisy point must not make a flat validation loss
    # "improving" (a bump at the stall's start, a dip near the end)
    lvl, md = _val_level(v, t)
    # from the first evaluation made after the stall began: one interpolated towards the
    # evaluation before it still carries the fall that led into the stall
    start = float(lvl[int(np.argmax(v.smooth_steps >= since))])
    best_i = int(np.argmin(lvl))
    vbest = float(lvl[best_i])
    late = ctx.frac(float(v.smooth_steps[best_i])) >= 1.0 - t.val_late
    return start - vbest > md and late


def _val_level(v: Curve, t: Thresholds) -> Tuple[np.ndarray, float]:
    """The validation loss's level (a 3-point running median of the evaluations) and the
    smallest change of it that counts as progress (1 % of its level or of its progress, the
    stall's `flat` share of its level, 3 sigma)."""
    lvl = evaluation_level(v)
    vbest = float(np.min(lvl))
    md = max(t.stall.min_delta * max(abs(vbest), float(v.smooth[0]) - vbest),
             t.stall.flat * abs(vbest), _VAL_SIGMAS * v.sigma())
    return lvl, md


def _val_stalled_from(ctx: Context, since: float, t: Thresholds) -> float:
    """Where the validation loss stopped improving too (its level first within min_delta of
    its best), or ``since`` when there is none to read."""
    v = ctx.val
    if v is None or v.n_smooth < _VAL_MIN_POINTS or not positive(v):
        return since
    lvl, md = _val_level(v, t)
    near = np.flatnonzero(lvl <= float(np.min(lvl)) + md)
    return max(since, float(v.smooth_steps[int(near[0])]))


def _batch_noise(c: Curve, since: float) -> float:
    """How far a per-step loss's single points stray from their level from ``since`` on: the
    median, over its buckets, of their robust point sigma over the bucket median (0 for a
    curve that needed no buckets: its points are each an average already)."""
    if c.bucket_size <= 1:
        return 0.0
    m = (c.smooth_steps >= since) & (c.smooth > 0)
    if not bool(m.any()):
        return 0.0
    return float(np.median(c.point_noise[m] / c.smooth[m]))


def _noise_floor(ctx: Context, c: Curve, since: float, t: Thresholds) -> Optional[Finding]:
    """A stall at the floor the data's own noise sets, as an info finding: the per-step loss's
    batches stray >= `floor_noise` of its level (most of each batch's loss comes from examples
    no model fits -- flipped labels, ambiguous inputs) and the validation loss ends within
    its min_delta of its best (it sits at its minimum). Not an LR problem; a warning there
    would send the user after the LR for nothing."""
    noise = _batch_noise(c, since)
    v = ctx.val
    if noise < t.floor_noise or v is None or v.n_smooth < _VAL_MIN_POINTS or not positive(v):
        return None
    lvl, md = _val_level(v, t)
    if float(lvl[-1]) - float(np.min(lvl)) > md:
        return None
    level = float(c.raw(float(np.median(c.smooth[c.smooth_steps >= since]))))
    ev: Dict[str, Any] = {"stall_loss": level, "stall_step": since,
                          "stall_fraction": 1.0 - ctx.frac(since),
                          "batch_noise": _PERCENT * noise,
                          "val_best_loss": float(v.raw(float(np.min(lvl))))}
    msg = ("The training loss has been flat at about %s since %s (%d%% of the run), its "
           "batches straying about %d%% from that level, while the validation loss sits at its "
           "best (%s): the floor the data's own noise sets (noisy labels, ambiguous examples), "
           "not a stall the LR causes."
           % (fmt(level), where(ctx, since), round(_PERCENT * ev["stall_fraction"]),
              round(ev["batch_noise"]), fmt(ev["val_best_loss"])))
    sugg = ("Nothing to fix in the schedule; to go lower, clean the labels or add data. A "
            "decay to a smaller LR at the end only averages the batch noise.")
    return finding("plateau", start_step=since, end_step=ctx.end, evidence=ev, message=msg,
                   suggestion=sugg, severity=INFO)


def _flat_at_high_lr(ctx: Context, since: float, t: Thresholds) -> float:
    """How long (in steps) the loss was flat, from ``since``, while the LR was still within
    sqrt(collapse factor) of its peak (>= peak / 3.16 for a 10x collapse): a stall that
    begins at the peak LR of a cosine and lasts until it anneals is not the schedule's
    doing."""
    lr = ctx.lr
    if lr is None or not lr.peak > 0:
        return 0.0
    low = (lr.steps >= max(since, lr.peak_step)) & \
        (lr.values < lr.peak / float(np.sqrt(t.collapse.factor)))
    until = float(lr.steps[int(np.argmax(low))]) if low.any() else ctx.end
    return max(0.0, until - since)


def _flat_from_start(ctx: Context, t: Thresholds) -> List[Finding]:
    """A supervised run (a validation loss exists) whose training and validation losses never
    improved: the loss sat flat from the start. At a logged LR, `lr_too_low` says "raise it"
    while a loss still creeps down; one that does not move at all, or one with no LR logged,
    is a plateau from the start ("nothing was learned")."""
    st = stuck(ctx, t.stuck)
    if st is None or ctx.train is None or early_collapse(ctx, t.collapse) is not None:
        return []  # (an LR that collapsed early explains it: decay_too_aggressive's stuck
        # case; one annealed late does not explain a loss flat from the start)
    if fell_before(ctx, ctx.train, t.stuck):
        return []  # it learned within its first epoch (the batch-level loss fell), then sat:
        # flat, but not "nothing was learned"
    if (ctx.lr is not None or ctx.logged_lrs) and moving(ctx) and not memorising(ctx):
        return []  # it moves at a logged LR, however little: lr_too_low says "raise it"
    c = ctx.train
    assert c is not None
    floor = _noise_floor(ctx, c, float(st["start"]), t)
    if floor is not None:
        return [floor]  # flat from its first logged point, at the floor its noise sets
    ev: Dict[str, Any] = {k: v for k, v in st.items() if k not in ("start", "end")}
    level = float(c.raw(float(np.median(c.smooth))))
    ev["stall_loss"] = level
    msg = ("Nothing was learned: the training loss stayed flat from the start (about %s, from "
           "%s) and the validation loss never fell below %s."
           % (fmt(level), fmt(st["initial_loss"]), fmt(st["val_best_loss"])))
    if ctx.lr is None:
        sugg = ("Log the LR to tell a too-low LR from a too-high one; check that labels and "
                "inputs match and that gradients reach the weights, then try an LR range test.")
    else:
        r = lr_response(ctx)
        if r is not None:
            ev["lr_response"] = r  # (the constant LR is not blamed for it: resolve)
        sugg = ("The loss does not move at all at LR %s: check for dead units (a too-high LR "
                "or bad initialisation kills ReLUs), frozen weights and labels that do not match "
                "the inputs; then find a working LR with an LR range test." % fmt_lr(ctx.lr.peak))
    return [finding("plateau", start_step=st["start"], end_step=st["end"], evidence=ev,
                    message=msg, suggestion=sugg)]


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """No improvement > min_delta for >= 30 % of the run, while the loss is
    still >= 30 % of its initial value, with no LR collapse to explain it."""
    c, st = stalled(ctx, t.min_points, t.stall)
    if st is None or c is None:
        return _flat_from_start(ctx, t)
    if collapse_step(ctx, t.collapse) is not None and \
            _flat_at_high_lr(ctx, _val_stalled_from(ctx, st.start_step, t), t) < \
            t.stall.patience * ctx.span:
        # the LR fell >= 10x during the run: a flat loss is explained by the
        # schedule (annealed out at the end, or decay_too_aggressive's case) -- unless it
        # (and the validation loss) was flat for a patience while the LR was still high
        return []
    if val_still_improving(ctx, st.start_step, t):
        return []  # where a validation loss exists, a plateau needs it to stall too
    floor = _noise_floor(ctx, c, st.start_step, t)
    if floor is not None:
        return [floor]
    end = float(c.smooth_steps[-1])
    ev: Dict[str, Any] = {"stall_loss": c.raw(st.level), "stall_step": st.start_step,
                          "initial_loss": c.raw(st.first), "stall_fraction": st.frac,
                          "min_delta": c.raw(st.min_delta)}
    patience = end - st.start_step
    lr_txt = ""
    if ctx.lr is not None:
        lr_now = ctx.lr.at(end)
        ev["lr"] = lr_now
        lr_txt = " while the LR was %s" % fmt_lr(lr_now)
        rop = reduce_on_plateau(ctx, patience, t)
        flat = "%s %ss" % (fmt_step(round(patience)), ctx.unit)
        if ctx.lr.constant:
            sugg = ("The LR stayed at %s while the loss was flat for %s: decay it (%s, or a "
                    "cosine decay to %s); if it stalls this high from the start, try a larger "
                    "LR or model." % (fmt_lr(lr_now), flat, rop,
                                      fmt_lr(lr_now / t.anneal_divisor)))
        else:
            sugg = ("The loss was flat for %s with the LR ending at %s: lower the LR sooner "
                    "when it stalls (%s), or check model capacity and data."
                    % (flat, fmt_lr(lr_now), rop))
    else:
        sugg = ("Add ReduceLROnPlateau(factor=0.1) or a decay schedule, and log the LR so the "
                "stall can be related to it.")
    msg = ("The training loss stopped improving at %s (%s, still %d%% of its initial %s) and "
           "stayed there for %d%% of the run%s."
           % (where(ctx, st.start_step), fmt(ev["stall_loss"]),
              round(_PERCENT * st.level / st.first), fmt(ev["initial_loss"]),
              round(_PERCENT * st.frac), lr_txt))
    return [finding("plateau", start_step=st.start_step, end_step=end, evidence=ev,
                    message=msg, suggestion=sugg)]
