"""Stall and progress analysis of a loss curve (EarlyStopping's view).

:func:`stall` finds where the smoothed loss reached its final level and how
long it stayed there; :func:`still_high` says whether that level is far from
converged; :func:`stuck` says nothing was learned at all; :func:`memorising`
says what a run that learned nothing did learn does not carry over to held-out
data. (A run thrown out at its first steps, or answering one class, is in
:mod:`tb_lrsched.engine.chance`.)
"""

from __future__ import annotations

import dataclasses
import math
from typing import Dict, Optional

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, head_level, positive
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.stats import MEDIAN_SE_FACTOR, roll_median

_TINY = 1e-300
_SIGMAS_MIN_DELTA = 3.0    # min_delta is at least 3 noise sigmas
_SPIKE_PROOF = 5           # running-median width that a spike of 1-2 points does not pass
_SIGMAS_IMPROVING = 3.0    # a slow improvement counts when > 3 sigma of the halves' difference
_SIGMAS_FLAT = 2.0         # the halves of a stall differ by < 2 sigma of their difference
_BAND_LOW, _BAND_HIGH = 10, 90  # percentiles of the stall's band
_STALL_STARTS = 8          # later starts tried when a stall's window is still improving
_MIN_STALL_POINTS = 4      # ... each leaving at least this many smoothed points


@dataclasses.dataclass(frozen=True)
class StallThresholds:
    """EarlyStopping-style stall at the end (shared by plateau and decay_too_aggressive)."""

    min_delta: float = param(0.01, "an improvement smaller than 1 % of the level (or of the "
                                   "progress) is none; raised to 3 noise sigmas")
    noise_cap: float = param(0.05, "for short unsmoothed series the 3 sigmas are capped at 5 % of "
                                   "the progress (a curved 5-point series is not noise)")
    band: float = param(1.0, "the stall's p10-p90 band must be narrower than 1.0 x the progress "
                             "made before it (a loss that dips and climbs back is no plateau)")
    flat: float = param(0.02, "the medians of the stall's two halves differ by < 2 % of the level "
                              "(and < 2 sigma): else it is still improving, or worsening")
    improving: float = param(0.005, "... nor may the second half be lower than the first by "
                                    "> 0.5 % of the level and 3 sigma: a loss still improving "
                                    "steadily, however slowly, is converging, not stalled")
    patience: float = param(0.30, "no improvement for >= 30 % of the run")
    high: float = param(0.30, "the loss is still >= 30 % of its initial value (far from done)")
    learned: float = param(0.10, "... after having improved >= 10 % first")


STALL = StallThresholds()


@dataclasses.dataclass(frozen=True)
class StuckThresholds:
    """'Nothing was learned' (shared by lr_too_low and decay_too_aggressive)."""

    min_train_points: int = param(4, "smoothed training-loss points needed")
    min_val_points: int = param(3, "smoothed validation-loss points needed")
    learned: float = param(0.10, "neither loss fell even 10 % below its first value")
    max_rise: float = param(1.5, "a training loss that rises above 1.5x its start is not stuck "
                                 "(that is divergence's business)")


STUCK = StuckThresholds()


@dataclasses.dataclass(frozen=True)
class Stall:
    start_step: float       # last meaningful improvement (EarlyStopping "best epoch")
    level: float            # canonical final (stalled) level
    first: float            # canonical initial level
    frac: float             # stall length as a fraction of the run
    min_delta: float


def settled_level(ctx: Context, c: Curve, patience: float) -> float:
    """Where a smoothed loss settled: the median of its last ``patience`` of the run (robust
    to noise; it always holds the last point)."""
    return float(np.median(c.smooth[c.smooth_steps >= float(c.smooth_steps[-1])
                                    - patience * ctx.span]))


def stall(ctx: Context, c: Curve, t: StallThresholds = STALL,
          later: bool = False) -> Optional[Stall]:
    """Where the smoothed loss reached its final level (EarlyStopping's best
    epoch, with min_delta), and how long it stayed there.

    The final level is the median of the last ``patience`` of the run
    (robust to noise); the stall starts at the first point within min_delta
    of it.
    """
    if c.n_smooth < 2:
        return None
    first = head_level(c)
    end = float(c.smooth_steps[-1])
    level = settled_level(ctx, c, t.patience)
    # min_delta: 1 % of the level or of the progress, raised to 3 noise sigmas
    # (short series: capped at 5 % of the progress, a curved series is not noise)
    sig = c.sigma()
    progress = max(first - level, 0.0)
    md = max(t.min_delta * max(abs(level), progress),
             min(_SIGMAS_MIN_DELTA * sig, t.noise_cap * progress) if c.bucket_size == 1
             else _SIGMAS_MIN_DELTA * sig)
    j = int(np.argmax(c.smooth <= level + md))
    span = max(ctx.span, _TINY)
    # The first point within min_delta of the final level is where a stall *may* start; with
    # a noisy loss (min_delta = 3 sigma) that can be while it is still coming down. With
    # ``later`` (the caller knows the LR collapsed: nothing more can be learned), a window
    # from there that is still improving lets the stall start later, at the first of a few
    # evenly spaced starts from which the rest is flat (a loss that stopped once its LR was
    # gone). A loss that improves steadily to its end has no such start: it is converging.
    # Without ``later`` the stall is judged from the first point only: a loss that settles
    # slowly onto a floor set by label noise under a steady LR has converged.
    k, ok = j, _flat_from(c, j, level, sig, progress, t)
    n = c.smooth.shape[0]
    if later and not ok and n - j > _MIN_STALL_POINTS and _halves(c, j, sig)[0] > 0:
        for k in np.unique(np.linspace(j, n - _MIN_STALL_POINTS,
                                       _STALL_STARTS).astype(int))[1:].tolist():
            ok = _flat_from(c, k, level, sig, progress, t)
            if ok:
                break
    s0 = float(c.smooth_steps[k])
    frac = (end - s0) / span if ok else 0.0
    return Stall(s0, level, first, frac, md)


def _halves(c: Curve, k: int, sig: float) -> "tuple[float, float]":
    """(median of the first half - median of the second half of the smoothed curve from point
    ``k``, the sigma of that difference)."""
    win = c.smooth[k:]
    h = win.shape[0] // 2
    gain = float(np.median(win[:h])) - float(np.median(win[h:]))
    return gain, MEDIAN_SE_FACTOR * sig * math.sqrt(2.0 / max(h, 1))


def _flat_from(c: Curve, k: int, level: float, sig: float, progress: float,
               t: StallThresholds) -> bool:
    """The smoothed curve from point ``k`` on is a stall: the medians of its two halves do not
    differ by more than 2 % of the level, nor significantly (2 sigma of the difference) -- else
    it is still improving, however slowly, or worsening --, and it stays in a band narrower
    than what was learned before it (a loss that dips and climbs back, as RL losses do, is no
    plateau)."""
    win = c.smooth[k:]
    if win.shape[0] < 2:
        return True
    gain, sig_diff = _halves(c, k, sig)
    if abs(gain) > max(t.flat * abs(level), _SIGMAS_FLAT * sig_diff):
        return False
    if gain > max(t.improving * abs(level), _SIGMAS_IMPROVING * sig_diff):
        return False  # a slow but significant, steady improvement: converging
    p10, p90 = np.percentile(win, [_BAND_LOW, _BAND_HIGH])
    return not float(p90 - p10) > t.band * progress


def still_high(st: Stall, t: StallThresholds = STALL) -> bool:
    """Loss ended far from converged: >= ``high`` of the initial level,
    after having learned >= ``learned`` of it (positive losses only)."""
    if not st.first > 0:
        return False
    learned = (st.first - st.level) / st.first
    return st.level >= t.high * st.first and learned >= t.learned


def stalled(ctx: Context, min_points: int, t: StallThresholds = STALL,
            later: bool = False) -> "tuple[Optional[Curve], Optional[Stall]]":
    """(training curve, its stall) when the training loss stalled far from
    converged for >= ``patience`` of the run; (curve or None, None) else.
    ``later``: as for :func:`stall`."""
    c = ctx.train
    if c is None or c.n_smooth < min_points or not positive(c):
        return None, None
    st = stall(ctx, c, t, later)
    if st is None or st.frac < t.patience or not still_high(st, t):
        return c, None
    return c, st


def fell_before(ctx: Context, c: Curve, t: StuckThresholds = STUCK) -> bool:
    """An epoch-level loss starts at its first epoch's mean: the batch-level loss logged
    before that first point fell >= ``learned`` from where it began (its head level) to
    that first value, so the model had learned within its first epoch."""
    f = ctx.fine
    if f is None or f is c or not f.n_smooth or not c.n_smooth or not positive(f) or \
            not f.smooth_steps[0] < c.smooth_steps[0]:
        return False
    head = head_level(f)
    return head - float(c.smooth[0]) >= t.learned * head


def never_learned(c: Curve, t: StuckThresholds = STUCK) -> bool:
    """The smoothed loss never fell ``learned`` below its first value and
    never rose above ``max_rise`` x it."""
    first, best = float(c.smooth[0]), float(np.min(c.smooth))
    return first - best < t.learned * first and float(np.max(c.smooth)) <= first * t.max_rise


def stuck(ctx: Context, t: StuckThresholds = STUCK) -> Optional[Dict[str, float]]:
    """Nothing was learned: the training loss never fell ``learned`` below
    its first value, and the validation loss did not either. The validation
    curve is required: it is what separates a supervised model that is stuck
    (cross-entropy at ln(classes)) from an RL objective that is not meant to
    fall (those runs have no validation loss and stay unjudged, with a note). A run of a few
    epochs whose epoch loss has too few points is read on its batch-level loss."""
    c, v = ctx.course(t.min_train_points), ctx.val
    if c is None or v is None or v.n_smooth < t.min_val_points:
        return None
    if not (positive(c) and positive(v)):
        return None
    first, best = float(c.smooth[0]), float(np.min(c.smooth))
    vfirst, vbest = float(v.smooth[0]), float(np.min(v.smooth))
    # what the training loss learned is read where it settled (the median of its last
    # `STALL.patience` of the run, as the stall rule reads it), not at its lowest, noisiest
    # point: the two rules then leave no gap between "stalled after learning" and "stuck"
    settled = settled_level(ctx, c, STALL.patience)
    if first - settled >= t.learned * first or vfirst - vbest >= t.learned * vfirst:
        return None
    # the highest level, robust to a spike of 1-2 points or to the last 1-2 points jumping
    # (loss_spike's end points; read through a 5-point running median): a run that rose is
    # divergence's business, not a stuck one
    level = roll_median(c.smooth, _SPIKE_PROOF)
    h = _SPIKE_PROOF // 2
    if level.shape[0] > 2 * h:
        level = level[h:-h]  # the ends are padded copies of the first / last points
    if float(np.max(level)) > first * t.max_rise:
        return None
    return {"initial_loss": float(c.raw(first)), "final_loss": float(c.raw(float(c.smooth[-1]))),
            "best_loss": float(c.raw(best)), "val_initial_loss": float(v.raw(vfirst)),
            "val_best_loss": float(v.raw(vbest)), "progress": (first - best) / first,
            "start": float(c.smooth_steps[0]), "end": float(c.smooth_steps[-1])}


_THIRDS = 3
_CREEP_SIGMAS = 3.0   # a creeping loss: its last third is > 3 sigma below its first


def thirds(c: Curve) -> Optional["tuple[float, float, float]"]:
    """The medians of the first, middle and last third of the smoothed curve (each third
    ``n // 3`` points, the middle what lies between); None for fewer than three points."""
    n = c.n_smooth
    if n < _THIRDS:
        return None
    k = n // _THIRDS
    return (float(np.median(c.smooth[:k])), float(np.median(c.smooth[k:-k])),
            float(np.median(c.smooth[-k:])))


def _thirds_shift(c: Curve) -> Optional["tuple[float, float]"]:
    """(median of the last third - median of the first third of the smoothed curve, the
    sigma of that difference); None for fewer than three smoothed points."""
    got = thirds(c)
    if got is None:
        return None
    k = c.n_smooth // _THIRDS
    return got[2] - got[0], MEDIAN_SE_FACTOR * c.sigma() * math.sqrt(2.0 / k)


def creeping(c: Curve) -> bool:
    """The smoothed loss is still moving down, however slowly: the median of its last third
    lies > 3 sigma (of the difference of two thirds' medians) below that of its first third.
    A too-low LR creeps; a loss that does not move at all (dead units, frozen weights, labels
    that do not match the inputs) does not, and more LR alone will not move it."""
    got = _thirds_shift(c)
    return got is not None and -got[0] > _CREEP_SIGMAS * got[1]


_FROZEN_NOISE = 1e-3  # a loss whose points vary by < 0.1 % of its level does not even feel the batch


def frozen(c: Curve) -> bool:
    """The loss neither creeps down nor even varies from batch to batch (its point noise is
    < 0.1 % of its level): the model's output does not depend on its input any more (dead
    units, a collapsed output) -- no LR change alone brings that back."""
    lvl = float(np.median(np.abs(c.smooth))) if c.n_smooth else 0.0
    if not lvl > 0 or creeping(c):
        return False
    pn = float(np.median(c.point_noise)) if c.point_noise.shape[0] else 0.0
    return pn < _FROZEN_NOISE * lvl


def _creep_curve(ctx: Context) -> Optional[Curve]:
    """The training curve a creep is read on: the one :func:`stuck` reads (the batch-level
    loss of a run whose epoch curve is too short), else the main one."""
    return ctx.course(STUCK.min_train_points) or ctx.train


LR_RESPONSE = 1e-3  # a fall < 0.1 % of the level per unit of integrated LR: no gradient


def lr_response(ctx: Context) -> Optional[float]:
    """How far the loss fell for the LR it was given: the larger relative fall, from the first
    third of the run to the last, of the training and the validation loss (the medians of
    those thirds, over the curve's mean level), per unit of integrated LR (the area under the
    logged LR, in steps). Gradient descent moves a loss by about the LR times its squared
    gradient, so this reads the gradient the model has to follow: a network that can learn
    but is given a far too low LR falls >= 0.6 % per unit on the labelled corpus, one whose
    units are dead or whose gradients vanish < 0.08 %. None without an LR, or with an LR
    axis in epochs (its area is not in optimizer steps)."""
    lr = ctx.lr
    if lr is None or ctx.unit != "step" or lr.steps.shape[0] < 2:
        return None
    area = float(np.sum(0.5 * (lr.values[1:] + lr.values[:-1]) * np.diff(lr.steps)))
    if not area > 0:
        return None
    fall = 0.0
    for c in (_creep_curve(ctx), ctx.val):
        got = _thirds_shift(c) if c is not None else None
        if c is None or got is None:
            continue
        level = float(np.mean(np.abs(c.smooth)))
        if level > 0:
            fall = max(fall, -got[0] / level)
    return fall / area


def creeps(ctx: Context) -> bool:
    """The training or the validation loss creeps down (:func:`creeping`) and the training
    loss is not frozen in place: the run is not being thrown from one guess to the next."""
    c, v = _creep_curve(ctx), ctx.val
    if c is None or frozen(c):
        return False
    return creeping(c) or (v is not None and creeping(v))


def moving(ctx: Context) -> bool:
    """The run is still moving, however slowly: it creeps (:func:`creeps`), and the creep is
    not negligible for the LR that produced it (:func:`lr_response` >= 0.1 % of the level
    per unit of integrated LR). What a too-low LR looks like in a run that learned nothing; a
    run that moves neither way (dead units, labels that do not match the inputs), or creeps
    by a hair under an LR that would move any live network, does not need more LR."""
    if not creeps(ctx):
        return False
    r = lr_response(ctx)
    return r is None or r >= LR_RESPONSE


def held_out_worse(ctx: Context) -> bool:
    """The validation loss got worse over the run: the median of its last third lies > 3
    sigma (of the difference of two thirds' medians) above that of its first third. In a
    run that learned nothing, a training loss that creeps down while the held-out loss
    climbs is memorising noise (labels that carry no signal), not an LR that is too low:
    more LR only memorises faster."""
    got = _thirds_shift(ctx.val) if ctx.val is not None else None
    return got is not None and got[0] > _CREEP_SIGMAS * got[1] and got[0] > 0


def memorising(ctx: Context) -> bool:
    """In a run that learned nothing: the held-out loss got worse (:func:`held_out_worse`)
    while the training loss creeps down (:func:`creeping`; a model thrown around at chance
    level on both sets, its training loss no lower at the end, is not fitting its labels),
    or the training loss creeps down while the validation loss does not follow: it does not
    creep itself, and its shift from the first third of the run to the last is > 3 sigma (of
    its own thirds' difference) above the training loss's (both losses share the
    experiment's scale). A too-low LR moves
    both losses down together, slowly (a noisy validation loss may hide its share of the
    creep, which is no evidence against it); a training loss that improves alone is fitting
    the training labels without any signal that carries over, and more LR will not help."""
    v, c = ctx.val, _creep_curve(ctx)
    if held_out_worse(ctx):
        # while the training loss creeps down: one that does not is not fitting its labels
        return c is not None and creeping(c)
    if v is None or c is None or not creeping(c) or creeping(v):
        return False
    tr, va = _thirds_shift(c), _thirds_shift(v)
    if tr is None or va is None:
        return False
    return va[0] - tr[0] > _CREEP_SIGMAS * va[1]


# How the numbers `stuck()` returns are shown (shared by every rule that reports a stuck run).
STUCK_EVIDENCE: Dict[str, Evidence] = {
    "initial_loss": Evidence("loss at the start"),
    "final_loss": Evidence("loss at the end"),
    "best_loss": Evidence("best loss"),
    "val_initial_loss": Evidence("validation loss at the start"),
    "val_best_loss": Evidence("best validation loss"),
    "progress": Evidence("fraction of the loss learned", "x"),
}
