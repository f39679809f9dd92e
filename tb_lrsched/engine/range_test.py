"""Reading an LR range test (``lr_find``) from its logged curves.

An LR range test raises the learning rate exponentially, step by step, over
many decades (fastai 1e-7 -> 10, Lightning 1e-8 -> 1, torch-lr-finder up to
10, ~100 steps) while the loss first falls and then explodes. It is meant to
diverge, so it must not be judged as a training: its loss is read against the
LR, not the step.

Two pure functions:

* :func:`recognise` ``(lr_steps, lr_values) -> RangeTestShape | None``: is this
  LR curve a range test? (monotone non-decreasing, log LR close to a straight
  line in the step, over >= 2 decades).
* :func:`suggest` ``(lr, loss) -> RangeTestSuggestion``: the LR finders'
  readings of the loss against the LR (smoothed loss, steepest descent,
  valley, minimum, divergence point) and the LR to use as max / peak LR.

Vectorised numpy, linear in the number of points; never raises on finite or
non-finite input (it returns ``None`` / a suggestion whose ``suggested_lr`` is
``None`` when nothing can be read).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Optional, Tuple

import numpy as np
import numpy.typing as npt

from tb_lrsched.engine.spec import param as _param
from tb_lrsched.engine.stats import roll_median

FloatArray = npt.NDArray[np.float64]


@dataclasses.dataclass(frozen=True)
class RangeTestThresholds:
    """Every number the range-test reading uses (defaults from the LR finders)."""

    min_decades: float = _param(2.0, "the LR rises over at least 2 decades (x100)")
    min_points: int = _param(10, "at least 10 logged LR values")
    min_loss_points: int = _param(10, "at least 10 finite loss values read against the LR")
    monotone_rtol: float = _param(1e-6, "an LR step may fall by at most 1e-6 of its value "
                                         "(float rounding) and still count as non-decreasing")
    max_line_dev: float = _param(0.15, "log10 LR stays within 15 % of the decades swept of a "
                                       "straight line in the step (exponential rise; a "
                                       "slightly bent sweep still passes)")
    max_hold: float = _param(0.04, "a sweep moves the LR every batch or every few batches: its "
                                   "LR levels last <= 4 % of the sweep (median); a schedule "
                                   "that grows the LR epoch by epoch and holds each level for "
                                   "longer (20 epochs: 5 % each) is a training")
    levels_per_eval: float = _param(4.0, "a sweep moves the LR many times between two "
                                         "validation evaluations (it stops far short of an "
                                         "epoch): >= 4 LR levels per evaluation made during "
                                         "it; an LR that rises once per evaluation, epoch "
                                         "after epoch, is a schedule that grows")
    hold_points: int = _param(3, "... when its levels are logged at >= 3 points each (an LR "
                                 "logged once per level says nothing of how long it held)")
    smooth_window: float = _param(0.04, "smoothing of the loss: a centred running median over "
                                        "4 % of the points (no lag: a moving average "
                                        "as the LR finders use trails a fast sweep by "
                                        "decades)")
    smooth_min: int = _param(5, "... of at least 5 points")
    smooth_max: int = _param(51, "... and at most 51 (linear in the number of points)")
    skip_start: float = _param(0.10, "the steepest descent ignores the first 10 % of the "
                                     "points (fastai; Lightning skips 10 points)")
    skip_start_min: int = _param(3, "... and at least the first 3 points")
    skip_end: int = _param(5, "the steepest descent ignores the last 5 points before the "
                              "divergence or the end (fastai, torch-lr-finder)")
    diverge_ratio: float = _param(4.0, "diverged where the smoothed loss exceeds 4x its best "
                                       "so far (fastai, Lightning)")
    diverge_persist: int = _param(3, "... or where the raw loss stays above 4x the best smoothed "
                                     "loss for 3 points in a row (a window wider than 5 points "
                                     "reaches 4x only once half of it has)")
    valley_edge: float = _param(0.10, "the valley is the fall from 10 % below the top to 10 % "
                                      "above the bottom of the smoothed loss (the start of "
                                      "the fall is read past the flat, noisy beginning)")
    half_fall: float = _param(0.5, "the suggested LR: where the smoothed loss has made half of "
                                   "its fall from the top to the minimum")
    valley_at: float = _param(0.5, "the valley LR is halfway along that fall (in log LR), "
                                   "fastai's default")
    safety_factor: float = _param(10.0, "the suggested peak LR is never above the divergence "
                                        "LR / 10")


DEFAULT = RangeTestThresholds()


@dataclasses.dataclass(frozen=True)
class RangeTestShape:
    """What :func:`recognise` saw in the LR curve."""

    start_lr: float
    end_lr: float
    decades: float
    points: int
    first_step: float
    last_step: float
    line_dev: float  # max |log10 LR - fitted line| / decades


@dataclasses.dataclass(frozen=True)
class RangeTestSuggestion:
    """The LR finders' readings of one range test.

    ``lr``/``smoothed`` is the curve read (up to and including the divergence
    point); LRs are ``None`` where they could not be read.
    """

    suggested_lr: Optional[float]
    reason: str
    steepest_lr: Optional[float]
    valley_lr: Optional[float]
    valley_start_lr: Optional[float]
    valley_end_lr: Optional[float]
    min_loss_lr: Optional[float]
    min_loss: Optional[float]
    divergence_lr: Optional[float]
    first_nonfinite_lr: Optional[float]
    lr: FloatArray
    smoothed: FloatArray
    half_fall_lr: Optional[float] = None


def _as_1d(x: Any) -> FloatArray:
    return np.asarray(x, dtype=np.float64).reshape(-1)


def recognise(lr_steps: Any, lr_values: Any,
              thresholds: RangeTestThresholds = DEFAULT,
              eval_steps: Any = None) -> Optional[RangeTestShape]:
    """The range-test shape of an LR curve, or ``None`` when it is not one.

    Non-finite values (a NaN tail after the run broke) are dropped; steps are
    sorted. A range test: every LR > 0, non-decreasing, rising over ``min_decades`` in
    levels that each last <= ``max_hold`` of the sweep (median; levels seen at fewer than
    ``hold_points`` logged points each pass), and log10 LR within ``max_line_dev`` x decades of its
    least-squares line in the step (LR logged per step or every few steps). With the steps
    of the validation evaluations (``eval_steps``), >= ``levels_per_eval`` LR levels per
    evaluation made during the sweep: an LR that grows by a factor per epoch and is
    evaluated every epoch is a training whose LR grows (a scheduler bug), not a sweep.
    """
    t = thresholds
    s, v = _as_1d(lr_steps), _as_1d(lr_values)
    n = min(s.size, v.size)
    s, v = s[:n], v[:n]
    ok = np.isfinite(s) & np.isfinite(v)
    s, v = s[ok], v[ok]
    if s.size < max(t.min_points, 3):
        return None
    order = np.argsort(s, kind="stable")
    s, v = s[order], v[order]
    if not bool(np.all(v > 0)):
        return None
    if bool(np.any(v[1:] < v[:-1] * (1.0 - t.monotone_rtol))):
        return None
    span = float(s[-1] - s[0])
    if not span > 0:
        return None
    # the levels: how long (in steps, in logged points) the LR held each value
    at = np.flatnonzero(v[1:] > v[:-1] * (1.0 + t.monotone_rtol)) + 1
    edges = np.concatenate([[0], at, [s.size - 1]])
    if float(np.median(np.diff(s[edges]))) > t.max_hold * span and \
            float(np.median(np.diff(edges))) >= t.hold_points:
        return None
    if eval_steps is not None:
        ev = _as_1d(eval_steps)
        during = int(np.count_nonzero((ev >= s[0]) & (ev <= s[-1])))
        if during and (at.shape[0] + 1) < t.levels_per_eval * during:
            return None
    lv = np.log10(v)
    decades = float(lv[-1] - lv[0])
    if not decades >= t.min_decades:
        return None
    x = (s - s[0]) / span
    xm, ym = float(np.mean(x)), float(np.mean(lv))
    den = float(np.sum((x - xm) ** 2))
    if not den > 0:
        return None
    slope = float(np.sum((x - xm) * (lv - ym))) / den
    resid = lv - (ym + slope * (x - xm))
    dev = float(np.max(np.abs(resid))) / decades
    if not dev <= t.max_line_dev:
        return None
    return RangeTestShape(float(v[0]), float(v[-1]), decades, int(s.size), float(s[0]),
                          float(s[-1]), dev)


def window(n: int, thresholds: RangeTestThresholds = DEFAULT) -> int:
    """The (odd) number of points the smoothing of an ``n``-point sweep spans."""
    t = thresholds
    w = int(round(t.smooth_window * n))
    w = max(int(t.smooth_min), min(int(t.smooth_max), w))
    return w if w % 2 else w + 1


def _lr_at(lr: FloatArray, i: int) -> float:
    return float(lr[int(i)])


def suggest(lr: Any, loss: Any,
            thresholds: RangeTestThresholds = DEFAULT) -> RangeTestSuggestion:
    """Read a range test's loss against its LR and pick the max / peak LR.

    ``lr`` and ``loss`` are paired points (the LR at each logged loss), in
    the order of the sweep. Points with a non-finite or non-positive LR are
    dropped; the curve is read up to the first non-finite loss.

    Readings (each in the evidence of the finding):

    * **smoothed loss**: a centred running median over 4 % of the points (5 to 51);
    * **divergence LR**: the first LR where the smoothed loss exceeds 4x its
      best so far (a positive loss) or the raw loss stays above that for 3
      points (the average lags an explosion), or where the loss became
      NaN/Inf; the
      rest of the curve is ignored, as the LR finders stop there;
    * **steepest LR**: the most negative slope of the smoothed loss against
      log10 LR, ignoring the first 10 % (>= 3) and the last 5 points;
    * **valley LR**: the smoothed loss falls from its top (before the
      minimum) to its minimum; the fall runs from 10 % below the top to 10 %
      above the bottom; the valley LR is halfway along it in log LR;
    * **minimum**: the LR of the lowest smoothed loss (fastai's "minimum"
      suggestion is a tenth of it).

    * **half-fall LR**: the LR at which the smoothed loss has made half of
      that fall (interpolated in log LR).

    **Which LR is suggested as max / peak LR, and why.** The half-fall LR,
    capped at the divergence LR / 10. It sits in the middle of the fall, where
    the loss is still dropping fast and the LR is already large; it is steadier
    than the single steepest point (one noisy slope moves the steepest LR by a
    decade, the middle of a long fall barely moves) and less aggressive than
    the minimum, which is already where the loss stops improving. fastai's
    valley (halfway along the fall in log LR) is reported too but not
    suggested: where the fall starts with a long shallow shoulder -- most real
    range tests -- it lies at the start of the steep part, below where the loss
    falls fastest (measured: 10 of 15 labelled range tests inside their
    fast-falling stretch with the valley). The cap keeps the usual 10x margin
    from the LR that blew the loss up: a schedule spends many steps at its
    peak, not one, so the peak must be well inside the stable region.
    Where no half-fall LR can be read the valley, then the steepest LR is
    used (a loss that only rises), and with neither nothing is suggested.
    """
    t = thresholds
    lr_a, loss_a = _as_1d(lr), _as_1d(loss)
    n = min(lr_a.size, loss_a.size)
    lr_a, loss_a = lr_a[:n], loss_a[:n]
    keep = np.isfinite(lr_a) & (lr_a > 0)
    lr_a, loss_a = lr_a[keep], loss_a[keep]
    empty = np.zeros(0, dtype=np.float64)
    bad = ~np.isfinite(loss_a)
    first_bad_lr: Optional[float] = None
    if bool(bad.any()):
        ib = int(np.argmax(bad))
        first_bad_lr = float(lr_a[ib])
        lr_a, loss_a = lr_a[:ib], loss_a[:ib]
    none = RangeTestSuggestion(None, "too few finite loss points to read the range test",
                               None, None, None, None, None, None, first_bad_lr, first_bad_lr,
                               lr_a.copy(), empty)
    if lr_a.size < max(t.min_loss_points, 3):
        return none
    w = window(loss_a.size, t)
    sm = roll_median(loss_a, w)  # centred on each point: no lag
    # divergence: smoothed > ratio x best so far (positive losses only)
    div_lr = first_bad_lr
    end = sm.size  # points read: [0, end)
    if bool(np.all(sm > 0)):
        best = np.minimum.accumulate(sm)
        over = sm > t.diverge_ratio * best
        k = max(1, int(t.diverge_persist))
        raw_over = (loss_a > t.diverge_ratio * best).astype(np.int64)
        if raw_over.size >= k:
            c = np.concatenate(([0], np.cumsum(raw_over)))
            run_k = np.zeros(sm.size, dtype=bool)
            run_k[:sm.size - k + 1] = (c[k:] - c[:-k]) == k
            over = over | run_k
        if bool(over.any()):
            i = int(np.argmax(over))
            div_lr = float(lr_a[i]) if first_bad_lr is None else min(float(lr_a[i]),
                                                                     first_bad_lr)
            end = i + 1
    lr_r, sm_r = lr_a[:end], sm[:end]
    m = sm_r.size
    ll = np.log10(lr_r)
    # steepest descent of the smoothed loss vs log10 LR
    steep_lr: Optional[float] = None
    lo = max(t.skip_start_min, int(math.ceil(t.skip_start * m)))
    hi = m - t.skip_end
    if hi - lo < 2:  # short curve: shrink the skips rather than read nothing
        lo, hi = 1, m - 1
    if hi - lo >= 2 and float(ll[-1] - ll[0]) > 0:
        h = max(1, w // 2)
        ia = np.clip(np.arange(m) - h, 0, m - 1)
        ib_ = np.clip(np.arange(m) + h, 0, m - 1)
        with np.errstate(all="ignore"):  # slope across the window, centred on each point
            g = (sm_r[ib_] - sm_r[ia]) / (ll[ib_] - ll[ia])
        seg = g[lo:hi]
        fin = np.isfinite(seg)
        if bool(fin.any()):
            seg = np.where(fin, seg, np.inf)
            j = int(np.argmin(seg))
            if seg[j] < 0:
                steep_lr = _lr_at(lr_r, lo + j)
    # minimum
    imin = int(np.argmin(sm_r))
    min_lr, min_loss = float(lr_r[imin]), float(sm_r[imin])
    # valley: the fall from the top before the minimum down to the minimum
    valley_lr = v_start = v_end = half_lr = None
    if imin > 0:
        itop = int(np.argmax(sm_r[:imin + 1]))
        top, bottom = float(sm_r[itop]), min_loss
        drop = top - bottom
        if drop > 0 and itop < imin:
            part = sm_r[itop:imin + 1]
            a = itop + int(np.max(np.nonzero(part >= top - t.valley_edge * drop)[0]))
            b = itop + int(np.argmax(part <= bottom + t.valley_edge * drop))
            if b > a:
                v_start, v_end = float(lr_r[a]), float(lr_r[b])
                la, lb = math.log10(v_start), math.log10(v_end)
                valley_lr = 10.0 ** (la + t.valley_at * (lb - la))
            # half of the fall made: the first point at or below the half-way level, the LR
            # interpolated in log LR from the point before it
            half = bottom + (1.0 - t.half_fall) * drop
            k = itop + int(np.argmax(part <= half))
            if k > itop:
                s0, s1 = float(sm_r[k - 1]), float(sm_r[k])
                f = (s0 - half) / (s0 - s1) if s0 > s1 else 1.0
                half_lr = 10.0 ** (float(ll[k - 1]) + f * float(ll[k] - ll[k - 1]))
    if half_lr is not None:
        pick, reason = half_lr, "half_fall"
    elif valley_lr is not None:
        pick, reason = valley_lr, "valley"
    elif steep_lr is not None:
        pick, reason = steep_lr, "steepest"
    else:
        return RangeTestSuggestion(None, "the loss never fell during the sweep", steep_lr,
                                   None, None, None, min_lr, min_loss, div_lr, first_bad_lr,
                                   lr_r, sm_r)
    if div_lr is not None and pick > div_lr / t.safety_factor:
        pick, reason = div_lr / t.safety_factor, reason + "_capped"
    return RangeTestSuggestion(float(pick), reason, steep_lr, valley_lr, v_start, v_end,
                               min_lr, min_loss, div_lr, first_bad_lr, lr_r, sm_r, half_lr)


def pair(lr_steps: Any, lr_values: Any, loss_steps: Any,
         loss_values: Any) -> Tuple[FloatArray, FloatArray]:
    """(LR, loss) at the loss's steps inside the LR's logged range, the LR
    interpolated in log space (an LR logged every few steps)."""
    ls, lv = _as_1d(lr_steps), _as_1d(lr_values)
    n = min(ls.size, lv.size)
    ls, lv = ls[:n], lv[:n]
    ok = np.isfinite(ls) & np.isfinite(lv) & (lv > 0)
    ls, lv = ls[ok], lv[ok]
    ss, sv = _as_1d(loss_steps), _as_1d(loss_values)
    k = min(ss.size, sv.size)
    ss, sv = ss[:k], sv[:k]
    fin = np.isfinite(ss)
    ss, sv = ss[fin], sv[fin]
    if ls.size < 2 or ss.size == 0:
        return np.zeros(0), np.zeros(0)
    order = np.argsort(ls, kind="stable")
    ls, lv = ls[order], lv[order]
    o2 = np.argsort(ss, kind="stable")
    ss, sv = ss[o2], sv[o2]
    inside = (ss >= ls[0]) & (ss <= ls[-1])
    ss, sv = ss[inside], sv[inside]
    lr_at = 10.0 ** np.interp(ss, ls, np.log10(lv))
    return lr_at, sv
