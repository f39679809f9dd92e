"""oscillation (warning): the loss keeps bouncing up and down instead of trending down.

What it measures:
    After the first 30 % of the run, the smoothed training (or validation)
    loss keeps rising and falling instead of trending down: the classic
    symptom of an LR that is too high.

Why it matters:
    A bouncing loss means the steps overshoot the minimum: the run spends its
    budget going back and forth, and a smaller (or decaying) LR usually ends
    lower.

Thresholds:
    AUTOTRAINER counts local max/min pairs on the accuracy curve differing by
    >= 0.03, judged after 30 % of training; here adapted to a scale-free loss
    rule. Judged from `judge_from` of the run on, on the smoothed curve (and
    at least 6 smoothed points there). Swings are counted with a **zigzag**:
    a reversal counts only once the curve has moved at least delta away from
    the last extreme, so small wiggles inside a swing do not split it, and
    noise smaller than delta never counts. delta = max(`swing_relative` x
    max(|median level|, range of the judged part), `swing_sigmas` x the noise
    of the smoothed curve (a bucket median's; on an unbucketed curve of >=
    `noisy_points` points, or logged >= `per_eval` times per validation
    evaluation -- a per-step loss logged every few steps, a short run's per-step
    loss -- its points' own noise; none on a per-epoch curve, whose point noise
    would be the oscillation itself; an unbucketed per-step curve is read through a running
    median of `step_scale` points, with that median's noise: an oscillation lasts several
    steps, while the heavy-tailed minibatch noise of a loss near 0 throws single points up
    5x), `swing_run` x the whole run's loss range -- a
    fine-tuning loss that fell from 1.0 and wiggles by 0.01 around 0.005 is
    not oscillating). It needs >= `min_swings` significant rises that add up
    to >= `giveback` of the falls in the judged part (the loss gives back at
    least half of what it gains). When both a training and a validation loss
    exist, the curve that oscillates must be corroborated by >=
    `corroborate` significant rises in the other: a bouncing epoch average
    next to a smooth validation loss is minibatch noise, and a bouncing
    validation loss next to a smooth training loss is a small test set. The
    validation loss can carry the verdict (evidence `curve: "validation"`).
    Without a validation loss the training loss alone decides; without a readable training
    loss -- none, or a per-step loss so noisy that it is read through medians of buckets of
    many steps, which average the bounces away and show no significant swings of their own
    -- the validation loss alone decides, unless the LR restarts or cycles (then the schedule
    explains a validation loss that bumps at each restart). Positive losses
    only. Not judged on the Keras `batch_loss` running mean (its sawtooth is
    a logging artefact).

    A validation curve too short for swings of its own (>= `short_val_points` points)
    still corroborates only when it climbed `swing_relative` of its level above its running
    best: per-step loss bouncing around a floor set by label noise, with the validation loss
    flat at its minimum, is noise, not an LR problem. Nor are wiggles that follow a cyclic
    LR (>= `lr_cycles` re-rises of the LR: cyclic schedules, warm restarts) while the
    coarse trend (running median over a tenth of the curve) keeps falling by more than a
    typical rise and the validation loss makes its best in the last `val_best_tail` of the
    run. Under a steady LR a bouncing loss is reported even on a falling trend.

    An erratic loss is oscillation too: when >= `erratic_share` of the per-step points after
    the first 30 % of the run sit >= `erratic_ratio` x their bucket's median, and at >=
    `erratic_floor` of where the loss started (most batches
    fit, every few batches explode: Adam at a far too high LR with small batches) and the
    validation loss ends above its best, the medians stay low and the zigzag cannot see it.
    The typical level must not climb for that: bucket medians whose last third sits more
    than `erratic_ratio` above their first third (of the judged part) are an explosion,
    `divergence`'s.

    A model that keeps jumping between evaluations is oscillation too, whatever its losses
    show: a validation accuracy is a count of the N examples of the validation set (N is read
    off the values, every one a multiple of 1 / N: ``tb_lrsched.engine.evaluations``), so it
    carries its own precision, the standard error sqrt(p (1 - p) / N). When, after the first
    30 % of the run, its evaluations jump around their local trend by >= `held_out_se` of
    those standard errors (the smaller of two readings: the scatter around the neighbours'
    straight line, and the median depth of its turns, which one lone bad evaluation does not
    move) while it moves by less than `held_out_trend` such jumps over the stretch, and the
    validation loss does not end that stretch `swing_relative` lower than it began it (still
    improving), the LR keeps throwing the model around: the per-step loss may be too noisy,
    or the epoch loss too smooth, for its own swings to stand out. Not under an LR that
    cycles or restarts.

    The validation loss says the same without an accuracy: when the training loss is too
    noisy to read (a per-step loss read through bucket medians), absent, or does not itself
    end the stretch `swing_relative` lower than it began it (a model still learning may
    bounce on held-out data), and after the first
    30 % of the run an evaluation typically stands >= `swing_relative` of the level off the
    straight line through its two neighbours (``evaluations.line_scatter`` of the log loss; a
    steady trend is no jump), by more than `swing_run` of the run's loss range from the first
    evaluation on (where the training loss stood then, not at its first step: a per-step loss
    logged from step 0 starts far above an evaluation made after an epoch), while the
    validation loss ends that stretch no `swing_relative` lower than it began it, the model
    keeps jumping. A model still learning may bounce that much; when it typically jumps >=
    `held_out_big` of the level, a training loss that still falls does not excuse it. A model
    that settles -- at a floor set by label noise too, with a per-step
    loss just as noisy -- moves it by a few percent. Not under warm restarts (each one is meant
    to shake the model; a spike that comes back is `loss_spike`'s) or a sweep; under a cyclic
    LR only when the jumps are >= `held_out_big` of the level and the validation loss made its
    best before the last `val_best_tail` of the run: the peak LR set too high, so that no later
    cycle improves on an early one.

Example:
    Constant LR 0.5, epoch loss bouncing 1.2-1.9 for 40 epochs: *"The
    training loss bounces up and down (8 rises of about 0.704 around 1.52)
    from epoch 12 to epoch 39 while the LR was 5e-1 instead of trending
    down."* -> *"LR 5e-1 is too high for this stage: try 5e-2 (10x lower) or
    decay it (cosine, or ReduceLROnPlateau(factor=0.1, patience=3) on the
    validation loss)."*

Fix:
    Divide the LR by 10 (AUTOTRAINER's repair) or add a decay. A `plateau` in
    the same run is dropped: the bounce is the diagnosis; so is an
    `accuracy_drop` (the accuracy bounces with the loss), unless the run also
    diverged.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine import evaluations, noise
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, head_level, index_at, positive, zigzag
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.stats import MEDIAN_SE_FACTOR, roll_median
from tb_lrsched.engine.text import fmt, fmt_lr
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(10, "smoothed loss points needed")
    min_judged: int = param(6, "smoothed points needed after the first 30 % of the run")
    judge_from: float = param(0.30, "judged after the first 30 % of the run")
    swing_relative: float = param(0.10, "a swing is >= 10 % of the level (or of the range)")
    swing_sigmas: float = param(4.0, "... and >= 4 noise sigmas of the smoothed curve")
    noisy_points: int = param(64, "an unbucketed curve of >= 64 points is read against its "
                                  "points' noise (per-step logging), a shorter one is not ...")
    per_eval: int = param(4, "... unless it is logged >= 4 times per validation evaluation "
                             "(a per-step loss of a short run)")
    step_scale: int = param(3, "an unbucketed per-step loss is read through a running median "
                               "of 3 points (single-point minibatch outliers are no swings)")
    swing_run: float = param(0.05, "... and >= 5 % of the whole run's loss range")
    min_swings: int = param(3, "at least 3 significant rises")
    corroborate: int = param(2, "the other loss curve shows >= 2 significant rises too")
    giveback: float = param(0.5, "rises add up to >= 50 % of the falls")
    lr_divisor: float = param(10.0, "suggested LR: 10x lower")
    short_val_points: int = param(4, "a validation curve too short for swings of its own still "
                                     "corroborates (or not) from this many points")
    short_rise: float = param(3.0, "... by climbing >= `swing_relative` of its level and 3 "
                                   "sigmas above its running best")
    erratic_ratio: float = param(10.0, "an erratic loss: its steps keep jumping >= 10x above "
                                       "their bucket's median ...")
    erratic_share: float = param(0.10, "... at >= 10 % of the steps after the first 30 % of "
                                       "the run (minibatch noise, bad batches and warm restarts "
                                       "stay far below that), while the validation loss ends "
                                       "above its best")
    erratic_floor: float = param(0.05, "... and a jump reaches >= 5 % of the loss's starting "
                                       "level: a loss that fell to 1e-7 of where it began and "
                                       "jumps 10x is still at nothing")
    lr_cycles: int = param(2, "a cyclic LR: it rose again >= 2 times (cycles or restarts) ...")
    val_best_tail: float = param(0.20, "... and wiggles on a trend that keeps falling, with the "
                                       "validation loss at its best in the last 20 % of the run, "
                                       "are the schedule's, not an oscillation")
    held_out_se: float = param(2.0, "the validation accuracy bounces: after the first 30 % of "
                                    "the run its evaluations scatter around their local trend "
                                    "by >= 2 standard errors of the validation set's size ...")
    held_out_trend: float = param(2.0, "... while it moves by less than 2 such jumps over the "
                                       "stretch (it bounces instead of improving), under an LR "
                                       "that neither cycles nor restarts")
    held_out_big: float = param(0.30, "a validation loss that typically jumps >= 30 % of its "
                                      "level between evaluations (and gets no better) bounces "
                                      "even while the training loss keeps falling")


THRESHOLDS = Thresholds()
_PERCENT = 100.0

EVIDENCE = {
    "curve": Evidence("curve that oscillates", "", "training loss, validation loss or "
                      "validation accuracy"),
    "swings": Evidence("number of rises"),
    "median_swing": Evidence("typical rise", "", "median height of the rises"),
    "swing_rel": Evidence("typical rise over the loss level", "x"),
    "rise_fall_ratio": Evidence("rises over falls", "x",
                                "how much of what it gained the loss gave back"),
    "level": Evidence("loss level while bouncing"),
    "lr": Evidence("LR while bouncing", "LR", "the LR in the middle of the bouncing stretch"),
    "suggested_lr": Evidence("suggested LR", "LR", "the LR this finding suggests moving to"),
    "erratic_share": Evidence("share of steps far above the typical level", "%",
                              "steps at >= 10x the running median of the loss"),
    "acc_scatter": Evidence("typical jump of the validation accuracy between evaluations", "%",
                            "scatter of an evaluation around its neighbours' trend"),
    "acc_scatter_se": Evidence("jumps over what the validation set's size explains", "x",
                               "scatter in standard errors of an accuracy on that many "
                               "examples"),
    "val_jump": Evidence("typical jump of the validation loss between evaluations", "%",
                         "how far an evaluation stands off its neighbours' trend, over the "
                         "loss level"),
    "val_examples": Evidence("validation examples", "",
                             "read off the accuracies: every value is a multiple of 1 / N"),
}


@dataclasses.dataclass(frozen=True)
class Swings:
    rises: np.ndarray
    total_down: float
    pivots: np.ndarray
    steps: np.ndarray       # steps of the judged part of the smoothed curve
    level: float
    gives_back: bool

    @property
    def count(self) -> int:
        return int(self.rises.shape[0])


def swings(ctx: Context, c: Optional[Curve], t: Thresholds = THRESHOLDS,
           other: Optional[Curve] = None) -> Optional[Swings]:
    """The zigzag swings of a curve's judged part; None when too short to judge. ``other``
    (the training loss, when ``c`` is the validation loss) sets the run's loss range from
    where training started: a validation loss is first logged after an epoch of learning, so
    its own range misses the fall that sets the scale of the run."""
    if c is None or c.n_smooth < t.min_points:
        return None
    j0 = index_at(c.smooth_steps, ctx.start + t.judge_from * ctx.span)
    seg = c.smooth[j0:]
    if seg.shape[0] < t.min_judged:
        return None
    per_step = c.bucket_size == 1 and _logged_within_epochs(ctx, c, t)
    if per_step:
        # an unbucketed per-step loss is read at the scale of a few steps (a running median
        # of `step_scale` points): an oscillation lasts several steps, while the heavy-tailed
        # minibatch noise of a loss near 0 throws single points up 5x -- spikes at most
        seg = roll_median(seg, t.step_scale)
    level = float(np.median(seg))
    rng = float(np.max(seg) - np.min(seg))
    ref = max(abs(level), rng)
    run_rng = float(np.max(c.smooth) - np.min(c.smooth))
    if other is not None and other.n_smooth and positive(other):
        # from where training started (its first points) down to this curve's best
        run_rng = max(run_rng, head_level(other) - float(np.min(c.smooth)))
    # the noise a swing must beat: a bucket median's; on an unbucketed curve of many points
    # (a per-step loss logged every few steps: up to MAX_BUCKETS points stay unbucketed) its
    # points' own minibatch noise; a short per-epoch curve has none to set apart (its point
    # noise, read around a 5-point running median, would be the oscillation itself)
    # (a running median of k points is MEDIAN_SE_FACTOR / sqrt(k) as noisy as one point)
    sig = c.noise if c.bucket_size > 1 else (
        c.sigma() * MEDIAN_SE_FACTOR / math.sqrt(t.step_scale) if per_step else 0.0)
    delta = max(t.swing_relative * ref, t.swing_sigmas * sig, t.swing_run * run_rng)
    piv = zigzag(seg, delta)
    if piv.shape[0] < 2:
        # judged, and no swing at all
        return Swings(np.zeros(0), 0.0, piv, c.smooth_steps[j0:], level, False)
    legs = np.diff(seg[piv])
    rises, falls = legs[legs > 0], -legs[legs < 0]
    # the descent into the judged window counts as a fall too
    head = float(seg[0] - np.min(seg[: piv[0] + 1]))
    total_down = float(falls.sum()) + max(head, 0.0)
    gives_back = float(rises.sum()) >= t.giveback * total_down
    return Swings(rises, total_down, piv, c.smooth_steps[j0:], level, gives_back)


def _logged_within_epochs(ctx: Context, c: Curve, t: Thresholds) -> bool:
    """An unbucketed curve whose points carry minibatch noise: >= `noisy_points` points, or
    logged >= `per_eval` times per validation evaluation (a per-step loss of a short run);
    a per-epoch curve, logged as often as the validation loss, does not."""
    if c.n_smooth >= t.noisy_points:
        return True
    per = ctx.per_evaluation(c)
    return per is not None and per >= t.per_eval


def _short_bounce(ctx: Context, c: Curve, t: Thresholds) -> Swings:
    """For a curve too short to zigzag: one rise per separate climb, after the judged start,
    of >= `swing_relative` of the level (and `short_rise` sigmas) above the running best."""
    j0 = index_at(c.smooth_steps, ctx.start + t.judge_from * ctx.span)
    if c.n_smooth - j0 < 2:
        j0 = 0
    seg = c.smooth[j0:]
    level = float(np.median(seg))
    up = seg - np.minimum.accumulate(seg)
    hi = up >= max(t.swing_relative * abs(level), t.short_rise * c.sigma())
    n = int(np.count_nonzero(hi[1:] & ~hi[:-1])) + int(bool(hi.shape[0] and hi[0]))
    return Swings(np.ones(n), 0.0, np.zeros(0, dtype=np.int64), c.smooth_steps[j0:], level,
                  n > 0)


def follows_cyclic_lr(ctx: Context, c: Curve, res: Swings, t: Thresholds) -> bool:
    """Wiggles that follow a cyclic LR on a loss that keeps falling: over the judged part the
    coarse trend ends lower than it started by more than a typical rise, and the validation
    loss (when logged) makes its best in the last `val_best_tail` of the run."""
    if ctx.events.cycles + ctx.events.restart_count < t.lr_cycles or res.count == 0:
        return False  # under a steady LR, bouncing is the LR's doing even on a falling trend
    j0 = index_at(c.smooth_steps, float(res.steps[0]))
    seg = c.smooth[j0:]
    if seg.shape[0] < t.min_judged:
        return False
    coarse = noise.trend(seg)
    q = max(1, seg.shape[0] // 5)
    fall = float(np.median(coarse[:q])) - float(np.median(coarse[-q:]))
    if not fall > float(np.median(res.rises)):
        return False
    v = ctx.val
    if v is not None and v.n_smooth >= t.short_val_points:
        best_step = float(v.smooth_steps[int(np.argmin(v.smooth))])
        if ctx.frac(best_step) < 1.0 - t.val_best_tail:
            return False
    return True


def _erratic(ctx: Context, t: Thresholds) -> List[Finding]:
    """The per-step loss keeps jumping an order of magnitude above its typical level (Adam at
    a far too high LR with small batches: most batches fit, every few batches explode): the
    medians stay low, so the zigzag of the smoothed curve does not see it."""
    c = ctx.train if ctx.train is not None and ctx.train.bucket_size > 1 else None
    # a loss that is never negative (some batches may fit exactly: a loss of 0)
    if c is None or not c.n_smooth or float(np.min(c.values)) < 0 or \
            not float(np.median(c.smooth)) > 0:
        return []
    level = np.repeat(c.smooth, c.bucket_size)
    level = np.concatenate([level, np.full(max(0, len(c) - level.shape[0]), c.smooth[-1])])
    level = level[: len(c)]
    judged = (c.steps >= ctx.start + t.judge_from * ctx.span) & (level > 0)
    if int(np.count_nonzero(judged)) < t.min_points:
        return []
    with np.errstate(divide="ignore", invalid="ignore"):
        jumps = (c.values[judged] >= t.erratic_ratio * level[judged]) & \
            (c.values[judged] >= t.erratic_floor * head_level(c))
        share = float(np.mean(jumps))
    if share < t.erratic_share:
        return []
    # erratic: the jumps come back down to a typical level that stays put; a level that
    # itself climbs by more than that factor over the judged part is an explosion
    # (divergence's), not batches that keep exploding
    typical = c.smooth[c.smooth_steps >= ctx.start + t.judge_from * ctx.span]
    k = max(1, typical.shape[0] // 3)
    if typical.shape[0] >= 2 and \
            float(np.median(typical[-k:])) > t.erratic_ratio * float(np.median(typical[:k])):
        return []
    v = ctx.val
    if v is not None and v.n_smooth >= t.short_val_points:
        best = float(np.min(v.smooth))
        if not float(v.smooth[-1]) > (1.0 + t.swing_relative) * best:
            return []  # the model keeps improving on held-out data: noise, not instability
    s0 = float(c.steps[judged][0])
    s1 = float(c.steps[-1])
    ev: Dict[str, Any] = {"curve": "training", "erratic_share": _PERCENT * share,
                          "level": c.raw(float(np.median(c.smooth[c.smooth_steps >= s0])))}
    sugg = "Lower the LR about 10x or decay it (ReduceLROnPlateau factor=0.1)."
    lr_txt = ""
    if ctx.lr is not None:
        lr_mid = ctx.lr.at(0.5 * (s0 + s1))
        ev["lr"] = lr_mid
        ev["suggested_lr"] = lr_mid / t.lr_divisor
        lr_txt = " while the LR was %s" % fmt_lr(lr_mid)
        sugg = ("LR %s is too high: the loss keeps exploding on some batches. Try %s (10x lower) "
                "with a warmup, or a larger batch, and clip gradients (clipnorm=1.0)."
                % (fmt_lr(lr_mid), fmt_lr(lr_mid / t.lr_divisor)))
    msg = ("The training loss keeps jumping far above its typical level (%s): %d%% of the steps "
           "from %s to %s are 10x or more above it%s, and it does not settle."
           % (fmt(ev["level"]), round(_PERCENT * share), where(ctx, s0), where(ctx, s1), lr_txt))
    return [finding("oscillation", start_step=s0, end_step=s1, evidence=ev, message=msg,
                    suggestion=sugg)]


def _lower_lr(ctx: Context, s0: float, s1: float, ev: Dict[str, Any],
              t: Thresholds) -> Tuple[str, str]:
    """(" while the LR was X" or "", the advice) for a bouncing stretch from ``s0`` to ``s1``:
    the LR in its middle, 10x lower (into ``ev``), or a decay."""
    if ctx.lr is None:
        return "", "Lower the LR about 10x or decay it (ReduceLROnPlateau factor=0.1)."
    lr_mid = ctx.lr.at(0.5 * (s0 + s1))
    ev["lr"] = lr_mid
    ev["suggested_lr"] = lr_mid / t.lr_divisor
    return (" while the LR was %s" % fmt_lr(lr_mid),
            "LR %s is too high for this stage: try %s (10x lower) or decay it (cosine, or "
            "ReduceLROnPlateau(factor=0.1%s) on the validation loss)."
            % (fmt_lr(lr_mid), fmt_lr(lr_mid / t.lr_divisor),
               ", patience=3" if ctx.unit == "epoch" else ""))


def _held_out_bounce(ctx: Context, t: Thresholds) -> List[Finding]:
    """The model itself bounces: evaluated again and again on the same validation set, its
    accuracy jumps between evaluations by several standard errors of that set's size (read
    off the accuracies, ``tb_lrsched.engine.evaluations``) while getting no better or worse
    over the stretch. A settling model moves it by less; an LR too large flips many
    predictions at every evaluation -- even where the per-step loss is too noisy, or the
    epoch loss too smooth, for its own swings to stand out. Not under an LR that cycles or
    restarts (each restart is meant to shake the model)."""
    a = ctx.val_acc
    if a is None or ctx.events.cycles + ctx.events.restart_count > 0:
        return []
    judged = a.steps >= ctx.start + t.judge_from * ctx.span
    b = evaluations.bounce(a.values[judged], ctx.val_examples)
    if b is None or b.scatter_se < t.held_out_se or abs(b.trend) > t.held_out_trend * b.scatter:
        return []
    if _improving(ctx.val, float(a.steps[judged][0]), t):
        return []  # the model still gets better on held-out data: bouncing it can afford
    s0, s1 = float(a.steps[judged][0]), float(a.steps[-1])
    ev: Dict[str, Any] = {"curve": "validation accuracy", "acc_scatter": _PERCENT * b.scatter,
                          "acc_scatter_se": b.scatter_se, "val_examples": b.size,
                          "level": b.level * a.scale}
    lr_txt, sugg = _lower_lr(ctx, s0, s1, ev, t)
    msg = ("The model keeps jumping between evaluations: from %s to %s the validation accuracy "
           "moves by about %.1f points from one evaluation to the next (%.1fx what its %d "
           "examples explain) around %.1f%%%s, and gets no better."
           % (where(ctx, s0), where(ctx, s1), _PERCENT * b.scatter, b.scatter_se, b.size,
              _PERCENT * b.level, lr_txt))
    return [finding("oscillation", start_step=s0, end_step=s1, evidence=ev, message=msg,
                    suggestion=sugg)]


def _held_out_loss_bounce(ctx: Context, t: Thresholds) -> List[Finding]:
    """The validation loss keeps jumping between evaluations while the training loss is too
    noisy to read (a per-step loss read through bucket medians, which average its bounces
    away), absent, or no better at the end of the stretch than at its start -- or whatever
    the training loss does, when the jumps are >= `held_out_big` of the level: after the first
    30 % of the run an evaluation stands, typically, >=
    `swing_relative` of the level off the straight line through its neighbours
    (``evaluations.line_scatter`` of the log loss: a steady trend is no jump), by more than
    `swing_run` of the run's loss range from the first evaluation on (the training loss's level
    there, not at its first step), and the validation loss ends the stretch no lower
    than `swing_relative` below where it began it. The same validation set is evaluated each
    time, so what moves it is the model: one that settles -- at a floor set by label noise
    too -- moves it by a few percent. Not under warm restarts or a sweep; under a cyclic LR
    only jumps >= `held_out_big` of the level with the best evaluation before the last
    `val_best_tail` of the run -- which is then what says the model no longer improves (the
    thirds of a curve that follows the cycle compare its peaks with its troughs)."""
    v = ctx.val
    if v is None or not positive(v) or ctx.events.range_test or ctx.events.restart_count > 0:
        return []  # each warm restart is meant to shake the model (a spike that comes back
        # is loss_spike's)
    cyclic = ctx.events.cycles > 0
    judged = v.steps >= ctx.start + t.judge_from * ctx.span
    x = v.values[judged]
    if x.shape[0] < evaluations.THRESHOLDS.min_points or not float(np.min(x)) > 0:
        return []
    jump = evaluations.line_scatter(np.log(x))
    if cyclic and (jump < math.log1p(t.held_out_big) or
                   ctx.frac(float(v.steps[int(np.argmin(v.values))])) >= 1.0 - t.val_best_tail):
        return []  # under a cyclic LR only jumps of a third of the level that no later cycle
        # improves on are the LR's peak set too high
    learning = not _unreadable(ctx.train) and _improving(ctx.train, float(v.steps[judged][0]), t)
    if learning and jump < math.log1p(t.held_out_big):
        return []  # a training loss that keeps falling: the model is still learning, and
        # may bounce a little on held-out data (by a third of its level it is the LR)
    level = float(np.median(x))
    # the run's loss range from the first evaluation on: where the training loss stood then
    # (not where it began -- a per-step loss logged from step 0 starts far above an
    # evaluation made after an epoch of learning, and that fall is not the validation curve's)
    c = ctx.train
    top = c.smooth_at(float(v.steps[0])) \
        if c is not None and c.n_smooth and positive(c) else 0.0
    run_rng = max(float(np.max(v.values)), top) - float(np.min(v.values))
    if jump < math.log1p(t.swing_relative) or level * jump < t.swing_run * run_rng:
        return []
    s0, s1 = float(v.steps[judged][0]), float(v.steps[-1])
    if not cyclic and _improving(ctx.val, s0, t):
        return []  # the model still gets better on held-out data: bouncing it can afford
        # (under a cyclic LR the thirds of a curve that follows the cycle compare peaks with
        # troughs: there the best evaluation before the last `val_best_tail` says it)
    ev: Dict[str, Any] = {"curve": "validation", "val_jump": _PERCENT * math.expm1(jump),
                          "level": float(v.raw(level))}
    lr_txt, sugg = _lower_lr(ctx, s0, s1, ev, t)
    msg = ("The validation loss keeps jumping between evaluations: from %s to %s it moves by "
           "about %d%% from one evaluation to the next around %s%s, and gets no better (%s)."
           % (where(ctx, s0), where(ctx, s1), round(ev["val_jump"]), fmt(ev["level"]), lr_txt,
              "no training loss is logged" if ctx.train is None else
              "the training loss is too noisy to show its own swings"
              if _unreadable(ctx.train) else "though the training loss still falls" if learning
              else "nor does the training loss over that stretch"))
    return [finding("oscillation", start_step=s0, end_step=s1, evidence=ev, message=msg,
                    suggestion=sugg)]


def _improving(c: Optional[Curve], since: float, t: Thresholds) -> bool:
    """A loss that, from ``since`` on, ends its stretch lower than it began it (the median of
    the last third below that of the first third) by >= `swing_relative` of the first: the
    trend keeps falling."""
    if c is None or not positive(c):
        return False
    seg = c.smooth[c.smooth_steps >= since]
    if seg.shape[0] < 2:
        return False
    k = max(1, seg.shape[0] // 3)
    first, last = float(np.median(seg[:k])), float(np.median(seg[-k:]))
    return first - last >= t.swing_relative * first


def _unreadable(c: Optional[Curve]) -> bool:
    """No training curve, or one whose minibatch noise is so large that it is read through
    bucket medians (tens to hundreds of per-step points each): the medians average the
    bounces away, so a training curve without significant swings of its own can neither
    confirm nor contradict the validation loss."""
    return c is None or c.bucket_size > 1


def _count(r: Optional[Swings]) -> int:
    return 0 if r is None else r.count


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """>= 3 zigzag rises after the first 30 % of the run that add up to >=
    half of the falls, corroborated by the other loss curve when both exist."""
    if not positive(ctx.train):
        # (a loss with batches fit exactly to 0 can still be erratic)
        return _erratic(ctx, t) or _held_out_bounce(ctx, t) or _held_out_loss_bounce(ctx, t)

    def osc(r: Optional[Swings]) -> bool:
        return r is not None and r.count >= t.min_swings and r.gives_back

    def some(r: Optional[Swings]) -> bool:
        return _count(r) >= t.corroborate

    tr = swings(ctx, ctx.train, t)
    va = swings(ctx, ctx.val, t, other=ctx.train) if positive(ctx.val) else None
    judged_val = va is not None
    if va is None and ctx.val is not None and positive(ctx.val) and \
            ctx.val.n_smooth >= t.short_val_points:
        # a validation curve too short to zigzag still tells a bouncing training loss from
        # noise: it corroborates only when it bounced too
        judged_val = True
        va = _short_bounce(ctx, ctx.val, t)
    # One curve shows the oscillation, the other corroborates it with >= 2
    # significant rises of its own: a bouncing epoch average with a smooth
    # validation loss is minibatch noise; a bouncing validation loss with a
    # smooth training loss is a small validation set. Without a validation
    # curve the training loss alone decides.
    pick: Optional[Tuple[str, Optional[Curve], Optional[Swings]]] = None
    if osc(tr) and (not judged_val or some(va)):
        pick = ("training", ctx.train, tr)
    elif osc(va) and (some(tr) or (_unreadable(ctx.train)
                                   and not (ctx.events.restarts or ctx.events.cycles))):
        pick = ("validation", ctx.val, va)
    if pick is None:
        return _erratic(ctx, t) or _held_out_bounce(ctx, t) or _held_out_loss_bounce(ctx, t)
    which, c, res = pick
    assert c is not None and res is not None
    if follows_cyclic_lr(ctx, c, res, t):
        return []
    n_up = res.count
    amp = float(np.median(res.rises))
    s0 = float(res.steps[res.pivots[0]])
    s1 = float(res.steps[-1])
    level = res.level
    ev: Dict[str, Any] = {
        "curve": which, "swings": n_up, "median_swing": c.raw(amp),
        "swing_rel": amp / abs(level) if level != 0 else None,
        "rise_fall_ratio": float(res.rises.sum()) / res.total_down if res.total_down > 0
        else None,
        "level": c.raw(level)}
    lr_txt, sugg = _lower_lr(ctx, s0, s1, ev, t)
    msg = ("The %s loss bounces up and down (%d rises of about %s around %s) from %s to %s%s "
           "instead of trending down."
           % (which, n_up, fmt(ev["median_swing"]), fmt(ev["level"]), where(ctx, s0),
              where(ctx, s1), lr_txt))
    return [finding("oscillation", start_step=s0, end_step=s1, evidence=ev, message=msg,
                    suggestion=sugg)]
