"""decay_too_aggressive (warning): the LR collapsed early and the loss stalled, still high.

What it measures:
    The LR collapsed early, by at least an order of magnitude, and the loss
    stalled right after, still high: the schedule stopped learning before the
    model was done.

Why it matters:
    Once the LR is gone the model cannot improve any more, whatever the
    remaining budget: the rest of the run is wasted.

Thresholds:
    Zero LR: the LR is exactly 0 over >= `zero_min` of the run (a stretch of logged zeros
    that is neither a warmup starting at 0 nor a schedule annealed to 0 in its last 5 %):
    reported on the LR curve alone, with how often the validation loss repeated itself bit
    for bit there (a scheduler bug: warmup, then every parameter group at 0).

    Collapse: the LR falls to <= peak / `collapse.factor` after its peak,
    within the first `collapse.early` of the run. A stall as defined for
    `plateau` (>= 30 % of the run, still >= 30 % of the initial loss) that
    starts no earlier than `margin` of the run before the collapse, and the
    validation loss (when logged) had not already converged before the collapse
    while the LR was still high (its level, a 3-point running median, within
    `val_done` of the best it ever reached at an LR >= peak / sqrt(10)) --
    ReduceLROnPlateau cuts the LR *because* the validation loss stopped
    improving, and such cuts did not stop the model short. Once the LR
    is gone, a noisy loss still coming down at the first point within the
    stall's min_delta of its final level may start its stall later: at the
    first of 8 evenly spaced later starts from which the rest is flat (a loss
    that improves steadily to its end has none). A 10x step
    decay at 60 % and 85 % of the run (ResNet-style) is *not* early; a loss
    that had already converged before the decay is not *high*: neither is
    reported. When the LR is piecewise constant with few pieces (<=
    `few_levels` constant segments: step decays, ReduceLROnPlateau cuts;
    evidence `lr_levels`), the suggestion is to cut later and by 0.5 instead
    of 0.1 (or a larger patience) rather than to lengthen `decay_steps`.

    **Second case: stuck.** When the LR collapsed in the first half and
    neither loss ever moved (the same "stuck" test as `lr_too_low`'s second
    case), the stall rule -- which needs some learning first -- cannot apply;
    the finding says the LR "was gone before anything was learned" (e.g.
    `ExponentialLR(gamma=0.5)` stepped per batch: 1e-3 -> 1e-85).

    **Third case: cut while falling.** When the stall test finds nothing -- the loss ended
    below 30 % of its start, or still crept down -- an early collapse is still the finding
    when it caught the loss falling fast: from `settle` of the run after the collapse to the
    end, the training loss fell at < 1/`pace_drop` of its pace before (its fall per step from
    its initial level to that point; so it did over the stretch right after, as long as the
    one before it), to a level still >= `pace_floor` of where it started; the validation
    loss had not converged before the cut (as above), and every logged LR group had been cut
    (YOLO's bias group warms down 10x while the others warm up). A cut within the first
    epoch of an epoch-level loss is read on the batch-level loss. Its pace before the
    cut is what says the loss had more in it (a digits MLP cut at 4 %: 2.3 -> 0.45 in 58
    batches, then 0.42 after 600 more).

    **Fourth case: the LR gone.** When no case above holds -- the loss had nearly converged,
    or the validation loss had settled, before the cut -- an LR that is <= its peak /
    `gone_factor` from within the first `gone_by` of the run to its end (every other logged
    group cut at least `collapse.factor` too) is reported like an LR of exactly 0: the
    weights no longer move, so three quarters of the budget trained nothing, and a loss that
    looks settled is only frozen (StepLR cutting 100x every two epochs of thirty).

Example:
    Exponential decay halving the LR every epoch from 1e-3: *"The LR fell from
    1e-3 to below 1e-4 by epoch 4 (12% into the run) and the training loss
    stalled at 1.78 from epoch 5 on, still 74% of its initial 2.4."* ->
    *"Decay more slowly: keep the LR near 1e-3 at least until epoch 19 (e.g.
    3x longer decay_steps, a cosine over the whole run, or ReduceLROnPlateau
    instead of a fixed schedule); final LR was 1.82e-15."*

Fix:
    Longer `decay_steps`/gentler `decay_rate`, cosine over the whole run, or
    ReduceLROnPlateau instead of a fixed fast schedule; for step cuts, later
    and gentler cuts.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List, Optional

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, evaluation_level, head_level, positive
from tb_lrsched.engine.lr import COLLAPSE, CollapseThresholds, early_collapse, halfway, where
from tb_lrsched.engine.progress import (
    STALL,
    STUCK,
    STUCK_EVIDENCE,
    StallThresholds,
    StuckThresholds,
    settled_level,
    stalled,
    stuck,
)
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr
from tb_lrsched.report import Finding, finding

_PERCENT = 100
_PACE_CAP = 100  # "over 100 times slower"


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(6, "smoothed training-loss points needed")
    margin: float = param(0.10, "the stall may start up to 10 % of the run before the collapse")
    few_levels: int = param(12, "an LR with <= 12 constant segments is a step schedule")
    val_done: float = param(0.02, "no finding when the validation loss had already converged "
                                  "before the collapse, while the LR was >= peak / sqrt(10): "
                                  "its level within 2 % (and 3 sigma) of the best it ever "
                                  "reached (ReduceLROnPlateau cuts follow a plateau)")
    zero_min: float = param(0.10, "an LR of exactly 0 over >= 10 % of the run (not a warmup "
                                  "from 0 nor a schedule annealed to 0 in its last 5 %) is "
                                  "reported whatever the loss did")
    pace_drop: float = param(20.0, "a cut that caught the loss still falling: after it (from "
                                   "`settle` of the run past the collapse) the training loss "
                                   "fell at < 1/20 of its pace before ...")
    settle: float = param(0.05, "... (the loss may still settle for 5 % of the run after the "
                                "cut) ...")
    pace_floor: float = param(0.10, "... to a level still >= 10 % of its initial value (below "
                                    "that it had converged)")
    gone_factor: float = param(1000.0, "an LR gone: <= its peak / 1000, where the weights no "
                                       "longer move ...")
    gone_by: float = param(0.25, "... from within the first 25 % of the run to its end is "
                                 "reported whatever the loss did (three quarters of the budget "
                                 "trained nothing)")
    collapse: CollapseThresholds = COLLAPSE
    stall: StallThresholds = STALL
    stuck: StuckThresholds = STUCK


THRESHOLDS = Thresholds()
_TINY = 1e-300
_SIGMAS = 3.0
_VAL_BEFORE_POINTS = 3  # validation evaluations needed before the collapse

EVIDENCE = {
    **STUCK_EVIDENCE,
    "peak_lr": Evidence("peak LR", "LR"),
    "collapse_step": Evidence("LR below a tenth of its peak from", "step"),
    "final_lr": Evidence("LR at the end", "LR"),
    "decay_factor": Evidence("peak LR over final LR", "x"),
    "stall_step": Evidence("loss stalled from", "step"),
    "loss_at_stall": Evidence("loss level on the stall"),
    "loss_at_cut": Evidence("loss just after the cut", "",
                            "the training loss once it settled after the LR collapse"),
    "gone_step": Evidence("LR below a thousandth of its peak from", "step"),
    "pace_ratio": Evidence("how much faster the loss fell before the cut", "x"),
    "lr_levels": Evidence("distinct LR levels", "", "constant segments of the schedule"),
    "zero_from_step": Evidence("LR exactly 0 from", "step"),
    "zero_to_step": Evidence("LR exactly 0 until", "step"),
    "zero_fraction": Evidence("share of the run at LR 0", "%"),
    "val_repeats": Evidence("validation values repeated bit for bit", "",
                            "consecutive validation points with exactly the same value while "
                            "the LR was 0"),
}


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """The LR fell >= 10x below its peak in the first half of the run and the
    loss stalled right after (or before), still far from converged."""
    if ctx.lr is None:
        return []
    zero = _zero_lr(ctx, t)
    if zero:
        return zero
    cs = early_collapse(ctx, t.collapse)
    if cs is None:
        return []
    c, st = stalled(ctx, t.min_points, t.stall, later=True)
    if st is None or c is None or cs > st.start_step + t.margin * ctx.span:
        return _stuck_case(ctx, cs, t) or _cut_while_falling(ctx, cs, t) or \
            _lr_gone(ctx, cs, t)
    if _val_done_before(ctx, cs, t):
        # the held-out loss had converged when the LR went (ReduceLROnPlateau) -- unless the
        # LR was then gone for most of the run
        return _lr_gone(ctx, cs, t)
    end = float(c.smooth_steps[-1])
    lr_end = ctx.lr.final
    factor = ctx.lr.peak / lr_end if lr_end > 0 else float("inf")
    ev = _collapse_evidence(ctx, cs)
    ev.update({"decay_factor": factor if math.isfinite(factor) else None,
               "stall_step": st.start_step, "loss_at_stall": c.raw(st.level),
               "initial_loss": c.raw(st.first)})
    msg = ("%s) and the training loss stalled at %s from %s on, still %d%% of its initial %s."
           % (_fell_by(ctx, cs, t), fmt(ev["loss_at_stall"]), where(ctx, st.start_step),
              round(_PERCENT * st.level / st.first), fmt(ev["initial_loss"])))
    levels = int(np.count_nonzero(np.diff(ctx.lr.values))) + 1  # constant segments
    ev["lr_levels"] = levels
    if levels <= t.few_levels:
        # a few discrete levels: step decays or ReduceLROnPlateau cuts
        sugg = ("Cut the LR later and less sharply: keep it near %s at least until %s, then "
                "use factor=0.5 instead of 0.1 (or a larger ReduceLROnPlateau patience); the "
                "final LR was %s." % (fmt_lr(ctx.lr.peak), where(ctx, halfway(ctx)),
                                       fmt_lr(lr_end)))
    else:
        sugg = ("Decay more slowly: keep the LR near %s at least until %s (e.g. 3x longer "
                "decay_steps, a cosine over the whole run, or ReduceLROnPlateau instead of a "
                "fixed schedule); final LR was %s."
                % (fmt_lr(ctx.lr.peak), where(ctx, halfway(ctx)), fmt_lr(lr_end)))
    return [finding("decay_too_aggressive", start_step=cs, end_step=end, step=st.start_step,
                    evidence=ev, message=msg, suggestion=sugg)]


def _collapse_evidence(ctx: Context, cs: float) -> Dict[str, Any]:
    """What every collapse finding reports about the LR: its peak, where it fell below a
    tenth of it, and where it ended."""
    assert ctx.lr is not None
    return {"peak_lr": ctx.lr.peak, "collapse_step": cs, "final_lr": ctx.lr.final}


def _fell_by(ctx: Context, cs: float, t: Thresholds) -> str:
    """'The LR fell from <peak> to below <peak / factor> by <step> (<n>% into the run' --
    every collapse message begins so (each closes the parenthesis its own way)."""
    assert ctx.lr is not None
    return ("The LR fell from %s to below %s by %s (%d%% into the run"
            % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak / t.collapse.factor), where(ctx, cs),
               round(_PERCENT * ctx.frac(cs))))


def _pace_curve(ctx: Context, cs: float, t: Thresholds) -> Optional[Curve]:
    """The training curve that saw the loss fall before the cut: the batch-level one when the
    main curve is epoch means whose first point comes after the cut (a cut within the first
    epoch), else the main one."""
    c = ctx.course(t.min_points)
    f = ctx.fine
    if c is not None and f is not None and f is not c and f.n_smooth >= t.min_points and \
            float(c.smooth_steps[0]) > cs and float(f.smooth_steps[0]) < cs:
        return f
    return c


def _cut_while_falling(ctx: Context, cs: float, t: Thresholds) -> List[Finding]:
    """The third case: the LR collapsed early while the training loss was still falling fast,
    and from `settle` of the run after the collapse it fell at < 1/`pace_drop` of its pace
    before (its fall per step from its initial level to that point) -- both to the end and
    over the next stretch as long as the one before it --, to a level
    still >= `pace_floor` of where it started. The stall test above needs the loss to end
    >= 30 % of its start; a loss that fell 80 % in its first epochs is not done when its
    LR is taken away -- its pace before the cut says how much more it had in it."""
    c = _pace_curve(ctx, cs, t)
    if c is None or not positive(c) or ctx.lr is None:
        return []
    end = float(c.smooth_steps[-1])
    after = c.smooth_steps >= cs + t.settle * ctx.span
    if not bool(after.any()):
        return []
    j = int(np.argmax(after))
    s0, sj = float(c.smooth_steps[0]), float(c.smooth_steps[j])
    if end - sj < t.stall.patience * ctx.span or not sj > s0:
        return []
    first = head_level(c)
    lj = float(c.smooth[j])
    level = settled_level(ctx, c, t.stall.patience)
    if first - lj < t.stall.learned * first or level < t.pace_floor * first:
        return []  # nothing learned before the cut, or converged
    before = (first - lj) / (sj - s0)
    # its pace after: over the rest of the run, and over a window as long as the time it had
    # before (a loss still falling fast right after the "cut" was not stopped by it: a bias
    # warmup that starts 10x high, YOLO's, falls to its base LR in 3 steps)
    w = min(max(sj - s0, t.settle * ctx.span), end - sj)
    soon = c.smooth_at(sj + w)
    later = max((lj - level) / (end - sj), (lj - soon) / w, 0.0)
    if later * t.pace_drop > before or _val_done_before(ctx, cs, t) or \
            not _every_group_cut(ctx, cs, sj, t):
        return []
    ev = _collapse_evidence(ctx, cs)
    ev.update({"initial_loss": c.raw(first), "loss_at_cut": c.raw(lj),
               "loss_at_stall": c.raw(level),
               "pace_ratio": before / later if later > 0 else None})
    if later <= 0:
        pace = "ended at %s, no lower" % fmt(ev["loss_at_stall"])
    else:
        pace = "fell only to %s, %s times more slowly than before the cut" % (
            fmt(ev["loss_at_stall"]), "over %d" % _PACE_CAP if before / later >= _PACE_CAP
            else "%d" % round(before / later))
    msg = ("%s) while the training loss was still falling fast (%s to %s by %s); over the "
           "remaining %d%% of the run it %s."
           % (_fell_by(ctx, cs, t), fmt(ev["initial_loss"]), fmt(ev["loss_at_cut"]),
              where(ctx, sj), round(_PERCENT * (1.0 - ctx.frac(sj))), pace))
    sugg = ("Cut the LR later: keep it near %s at least until %s, and cut when the loss stops "
            "falling (ReduceLROnPlateau, or a cosine over the whole run); the final LR was %s."
            % (fmt_lr(ctx.lr.peak), where(ctx, halfway(ctx)), fmt_lr(ctx.lr.final)))
    return [finding("decay_too_aggressive", start_step=cs, end_step=end, step=sj,
                    evidence=ev, message=msg, suggestion=sugg)]


def _lr_gone(ctx: Context, cs: float, t: Thresholds) -> List[Finding]:
    """The LR gone for most of the run: from within its first `gone_by` to its end, the LR
    stays <= its peak / `gone_factor` and every other logged LR is cut at least
    `collapse.factor` (a step schedule cutting 100x every two epochs of thirty). Like an LR
    of exactly 0, nothing is trained there whatever the loss did: a model that had nearly
    converged when its LR went still had the rest of the budget to use, and a loss that
    looks settled is only frozen."""
    lr = ctx.lr
    assert lr is not None
    g0 = lr.collapse_step(t.gone_factor)  # from there on the LR stays <= peak / gone_factor
    if g0 is None or ctx.frac(g0) > t.gone_by or not _every_group_cut(ctx, cs, ctx.end, t):
        return []
    ev = _collapse_evidence(ctx, cs)
    ev["gone_step"] = g0
    ev["decay_factor"] = lr.peak / lr.final if lr.final > 0 else None
    c = ctx.train
    loss = ""
    if c is not None and c.n_smooth and positive(c):
        ev["loss_at_cut"] = c.raw(c.smooth_at(g0))
        ev["loss_at_stall"] = c.raw(float(c.smooth[-1]))
        loss = "; the training loss was %s there and %s at the end" % (
            fmt(ev["loss_at_cut"]), fmt(ev["loss_at_stall"]))
    msg = ("The LR fell from %s to below %s (%dx lower) by %s (%d%% into the run) and stayed "
           "there: the remaining %d%% of the run trained at an LR too small to move the "
           "weights%s."
           % (fmt_lr(lr.peak), fmt_lr(lr.peak / t.gone_factor), round(t.gone_factor),
              where(ctx, g0), round(_PERCENT * ctx.frac(g0)),
              round(_PERCENT * (1.0 - ctx.frac(g0))), loss))
    sugg = ("Cut the LR later and less sharply: keep it near %s at least until %s (cut when "
            "the validation loss stops improving, or use a cosine over the whole run); the "
            "final LR was %s." % (fmt_lr(lr.peak), where(ctx, halfway(ctx)), fmt_lr(lr.final)))
    return [finding("decay_too_aggressive", start_step=cs, end_step=ctx.end, step=g0,
                    evidence=ev, message=msg, suggestion=sugg)]


def _every_group_cut(ctx: Context, cs: float, at: float, t: Thresholds) -> bool:
    """Every logged LR (parameter group) logged before the collapse at ``cs`` is at <=
    1/`collapse.factor` of its own peak so far at step ``at``: a model one of whose groups
    still has its LR is still learning (YOLO's bias group warms *down* from 0.1 while the
    weights' groups warm up). An LR first logged after the collapse (Keras' epoch-level
    copy of a per-batch schedule) cannot tell."""
    for s in ctx.logged_lrs:
        m = (s.steps <= at) & np.isfinite(s.values)
        if not bool(m.any()) or not float(s.steps[m][0]) < cs:
            continue
        v = s.values[m]
        if float(v[-1]) * t.collapse.factor > float(np.max(v)):
            return False
    return True


def _val_done_before(ctx: Context, cs: float, t: Thresholds) -> bool:
    """The validation loss had converged before the LR collapsed, while the LR was still
    high: its level (a 3-point running median of the evaluations) came within `val_done`
    (and 3 sigma) of the best level it ever reached before the collapse, at an LR still >=
    peak / sqrt(10). ReduceLROnPlateau cuts the LR *because* the validation loss stopped
    improving; those cuts did not stop the model short."""
    v = ctx.val
    if v is None or not positive(v) or \
            int(np.count_nonzero(v.smooth_steps <= cs)) < _VAL_BEFORE_POINTS:
        return False
    lvl = evaluation_level(v)
    best = float(np.min(lvl))
    done = lvl - best <= max(t.val_done * abs(best), _SIGMAS * v.sigma())
    if not bool(done[v.smooth_steps <= cs].any()):
        return False
    # ... while the LR was still high: a schedule that decays from the first step (halving
    # every epoch) has stopped the learning long before it is 10x down, and is the finding
    assert ctx.lr is not None
    first = float(v.smooth_steps[int(np.argmax(done))])
    return ctx.lr.at(first) >= ctx.lr.peak / math.sqrt(t.collapse.factor)


def _zero_lr(ctx: Context, t: Thresholds) -> List[Finding]:
    """The zero case: the LR is exactly 0 over >= `zero_min` of the run: nothing is trained
    there, whatever the loss did (usually a schedule shorter than the training)."""
    assert ctx.lr is not None
    span = max(ctx.span, _TINY)
    spans = [z for z in ctx.events.bug_zero_spans() if (z.end - z.start) >= t.zero_min * span]
    if not spans or not ctx.lr.peak > 0:
        return []
    z = max(spans, key=lambda x: x.end - x.start)
    frac = min((z.end - z.start) / span, 1.0)
    ev: Dict[str, Any] = {"zero_from_step": z.start, "zero_to_step": z.end,
                          "zero_fraction": 100.0 * frac, "peak_lr": ctx.lr.peak}
    repeat = ""
    v = ctx.val
    if v is not None and len(v) >= 3:
        inside = v.values[(v.steps > z.start) & (v.steps <= z.end)]
        if inside.shape[0] >= 2:
            same = int(np.count_nonzero(inside[1:] == inside[:-1]))
            ev["val_repeats"] = same
            if same >= inside.shape[0] - 1:
                repeat = " (the validation loss repeats the same value there)"
    msg = ("The LR is exactly 0 from %s to %s (%d%% of the run): nothing is trained there%s."
           % (where(ctx, z.start), where(ctx, z.end), round(100 * frac), repeat))
    sugg = ("This is usually a scheduler bug: make the schedule's length match the training "
            "(total or decay steps, warmup + decay steps, epochs x batches per epoch), so the LR "
            "stays above 0 until the last step; the peak LR was %s." % fmt_lr(ctx.lr.peak))
    return [finding("decay_too_aggressive", start_step=z.start, end_step=z.end, step=z.start,
                    evidence=ev, message=msg, suggestion=sugg)]


def _stuck_case(ctx: Context, cs: float, t: Thresholds) -> List[Finding]:
    """The second case: the LR collapsed early and the loss never moved at
    all (the stall rule needs some learning first)."""
    st = stuck(ctx, t.stuck)
    if st is None or ctx.lr is None:
        return []
    ev: Dict[str, Any] = {k: v for k, v in st.items() if k not in ("start", "end")}
    ev.update(_collapse_evidence(ctx, cs))
    msg = ("%s, final %s) and neither the training loss (%s to %s) nor the validation loss "
           "moved: the LR was gone before anything was learned."
           % (_fell_by(ctx, cs, t), fmt_lr(ctx.lr.final), fmt(st["initial_loss"]),
              fmt(st["final_loss"])))
    sugg = ("Decay far more slowly: keep the LR near %s at least until %s (decay per epoch, not "
            "per step; a cosine over the whole run; or ReduceLROnPlateau)."
            % (fmt_lr(ctx.lr.peak), where(ctx, halfway(ctx))))
    return [finding("decay_too_aggressive", start_step=cs, end_step=st["end"], step=cs,
                    evidence=ev, message=msg, suggestion=sugg)]
