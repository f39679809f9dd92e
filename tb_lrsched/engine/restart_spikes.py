"""What an LR restart does to a loss: the spikes of warm restarts and cyclic LRs.

A restart throws the loss up for dozens of steps, often more than the spike rule's point
noise can see (in a loss that bounces by a decade from batch to batch no single point of a
wide excursion beats the noise), and an epoch-level loss shows it as a rise of several epochs
within the restart's cycle. These readings are `loss_spike`'s (its thresholds, documented in
docs/verdicts.md); the LR curve's restarts come from ``tb_lrsched.engine.lr_events``.
"""

from __future__ import annotations

import math
from typing import Protocol, Tuple

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve
from tb_lrsched.engine.stats import MAD_TO_SIGMA, MEDIAN_SE_FACTOR

_TINY = 1e-300
_QUARTER = 4          # the level before a restart: the last quarter of the tenth before it


class SpikeThresholds(Protocol):
    """The thresholds of `loss_spike` these readings use (read-only, as its frozen dataclass)."""

    @property
    def max_width(self) -> float: ...
    @property
    def restart_min_points(self) -> int: ...
    @property
    def restart_windows(self) -> Tuple[int, ...]: ...
    @property
    def relative(self) -> float: ...
    @property
    def sigmas(self) -> float: ...
    @property
    def range_fraction(self) -> float: ...
    @property
    def log_span(self) -> float: ...
    @property
    def back_to(self) -> float: ...


def log_range(values: np.ndarray, t: SpikeThresholds) -> float:
    """The decades (natural log) a positive curve spans when they reach `log_span`, else 0:
    such a curve is read on a log axis, where a rise is a share of its decades (a 10x bump
    at 0.005 in a loss that fell from 200 is plain to see there, and 0.2 % of the linear
    range)."""
    if not values.shape[0]:
        return 0.0
    lo, hi = float(np.min(values)), float(np.max(values))
    return math.log(hi / lo) if lo > 0 and hi / lo >= t.log_span else 0.0


def after_restarts(ctx: Context, c: Curve, t: SpikeThresholds, rng: float, log_rng: float,
                    level: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points of a wide excursion right after an LR restart, read at the excursion's own
    scale: a restart throws the loss up for dozens of steps, and in a loss that bounces by a
    decade from batch to batch no single point of it beats the point noise (the buckets of
    such a series are a third of the run wide). Per restart: the level and noise of the log
    loss over the tenth of the run before it; after it, running medians of the log loss over
    `restart_windows` points, each sqrt(window) times less noisy than a point, must rise >= 2x
    above that level and `sigmas` of their own noise, by >= `range_fraction` of the level
    curve's range ``rng`` (a loss at 1e-4 that a restart lifts to 3e-4 is no spike in a run
    that fell from 2.3) or, where that level spans >= `log_span`, of its decades ``log_rng``
    (a loss that fell from 200 to 0.005 is read on a log axis: a restart that lifts it 10x is
    a fifth of its decades and 0.2 % of its linear range) and to >= 2x the spike level
    ``level`` of each point (the level the finding reports) -- or, where that level is itself
    lifted by the excursion (a per-step loss so noisy that its buckets are a tenth of the run
    wide), 2x the level before the restart, which the finding then reports --, and be back
    below that by the end of the tenth after the restart or, at the latest, over the last
    window of points of its cycle (before the next restart, or the end of the run). Where the
    LR restarts more than once (warm restarts) and the tenth after a restart shows nothing,
    the same reading runs over the first half of its cycle when that is longer: a longer
    window fits there, whose median is less noisy, and Adam's moments can carry the restart's
    large LR into a blow-up that begins dozens of steps after it, while the LR is still high.

    The level before the restart is the median of the last quarter of that tenth (a cycle's
    loss is still falling there), its noise the spread (MAD) over the whole tenth.

    Returns (the points, the level before the restart at each of them -- inf elsewhere --, the
    step of the restart whose tenth each was read in -- NaN elsewhere)."""
    n = len(c)
    mask = np.zeros(n, dtype=bool)
    before = np.full(n, np.inf)
    origin = np.full(n, np.nan)
    tol = t.max_width * max(ctx.span, _TINY)
    with np.errstate(divide="ignore", invalid="ignore"):
        logv = np.log(np.maximum(c.values, _TINY))
    restarts = list(ctx.events.restarts)
    for i, r0 in enumerate(restarts):
        pre = np.flatnonzero((c.steps >= r0 - tol) & (c.steps < r0))
        post = np.flatnonzero((c.steps >= r0) & (c.steps <= r0 + tol))
        if pre.shape[0] < t.restart_min_points or post.shape[0] < t.restart_min_points:
            continue
        # the cycle this restart starts: until the next restart, or the end of the run
        r1 = restarts[i + 1] if i + 1 < len(restarts) else math.inf
        cycle = np.flatnonzero((c.steps >= r0) & (c.steps < r1))
        lp = logv[pre]
        # the level the restart starts from: the log loss just before it (the last quarter
        # of the tenth before it, at least `restart_min_points` points) -- a cycle's loss
        # is still falling over that tenth, so its median sits above where the cycle ended;
        # the noise: the spread over the whole tenth (the cycle's own fall counts as noise
        # there: a restart bump must beat the wiggles of the cycle before it)
        q = max(t.restart_min_points, lp.shape[0] // _QUARTER)
        base = float(np.median(lp[-q:]))
        s_log = MAD_TO_SIGMA * float(np.median(np.abs(lp - np.median(lp))))
        fresh = ~mask
        found = _restart_excursion(t, logv, post, cycle, base, s_log, (rng, log_rng), level,
                                   mask, before)
        # read in the tenth right after this restart: the excursion starts at it (the medians
        # of a window put its first marked point half a window after the restart)
        origin[mask & fresh] = r0
        # warm restarts (the LR restarted more than once): an excursion may also begin later
        # in the first half of its cycle -- Adam's moments carry a restart's large LR into a
        # blow-up dozens of steps after it, while the LR is still high
        reach = 0.5 * (min(r1, ctx.end) - r0)
        if not found and len(restarts) > 1 and reach > tol:
            wide = np.flatnonzero((c.steps >= r0) & (c.steps <= r0 + reach))
            _restart_excursion(t, logv, wide, cycle, base, s_log, (rng, log_rng), level, mask,
                               before)
    return mask, before, origin


def _restart_excursion(t: SpikeThresholds, logv: np.ndarray, post: np.ndarray, cycle: np.ndarray,
                       base: float, s_log: float, rngs: Tuple[float, float], level: np.ndarray,
                       mask: np.ndarray, before: np.ndarray) -> bool:
    """Mark (in ``mask`` / ``before``) the points of ``post`` (indices after a restart) that
    running medians of the log loss lift above the level ``base`` before the restart (see
    :func:`after_restarts`); True when some were marked."""
    found = False
    rng, log_rng = rngs
    for w in t.restart_windows:
        if w > post.shape[0]:
            break
        # medians of whole windows only (a padded edge would be its end point's value)
        rm = np.median(np.lib.stride_tricks.sliding_window_view(logv[post], w), axis=1)
        mid = post[w // 2: w // 2 + rm.shape[0]]
        thr = max(math.log1p(t.relative), t.sigmas * MEDIAN_SE_FACTOR * s_log / math.sqrt(w))
        up = np.exp(rm)
        # tall enough: a share of the level curve's range, or of its decades
        tall = up - math.exp(base) >= t.range_fraction * rng
        if log_rng > 0:
            tall |= rm - base >= t.range_fraction * log_rng
        hit = ((rm - base >= thr) & tall
               & (up >= (1.0 + t.relative) * np.minimum(level[mid], math.exp(base))))
        if not bool(hit.any()):
            continue
        # back to the level before the restart: by the end of the window read, or at the
        # latest by the end of its cycle (a restart's excursion can outlast a tenth of the
        # run and still be over long before the next restart)
        back = float(rm[-1]) - base < thr
        if not back and cycle.shape[0] >= post.shape[0] + w:
            back = float(np.median(logv[cycle[-w:]])) - base < thr
        if back:
            mask[mid[hit]] = True
            before[mid[hit]] = np.minimum(before[mid[hit]], math.exp(base))
            found = True
    return found


def epoch_restarts(ctx: Context, c: Curve, t: SpikeThresholds, rng: float
                    ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points of an epoch-level loss thrown up by an LR restart, read per cycle: each point is
    a mean over many batches, so a restart that lifts it to >= 2x the epoch before the
    restart, by >= `range_fraction` of the level curve's range ``rng``, is an excursion of
    the model, not noise -- as long as the loss comes back within the cycle (its last point
    before the next restart, or the end of the run, back at least `back_to` of the way from
    2x to the level before the restart). Such an excursion may span several epochs, more
    than a tenth of a short run: the cycle, not the run, bounds it.

    Returns (the points, the level before the restart at each of them -- inf elsewhere --,
    the step of that restart at each of them -- NaN elsewhere)."""
    mask = np.zeros(len(c), dtype=bool)
    before = np.full(len(c), np.inf)
    origin = np.full(len(c), np.nan)
    restarts = list(ctx.events.restarts)
    # a positive loss that spans decades is read on a log axis: there a rise is a share of
    # the decades the loss fell (a 3.6x bump at 0.03 in a loss that fell from 1 to 3e-4 is
    # plain to see, and only 6 % of the linear range)
    log_rng = log_range(c.values, t)
    # an epoch mean is logged at the end of its epoch: the one logged within half an epoch
    # after the restart still averages batches from before it
    half = 0.5 * float(np.median(np.diff(c.steps))) if len(c) > 1 else 0.0
    for i, r0 in enumerate(restarts):
        r1 = restarts[i + 1] if i + 1 < len(restarts) else math.inf
        pre = np.flatnonzero(c.steps < r0 + half)
        cycle = np.flatnonzero((c.steps >= r0 + half) & (c.steps < r1 + half))
        if not pre.shape[0] or cycle.shape[0] < 2:
            continue
        base = float(c.values[pre[-1]])
        if not base > 0:
            continue
        lim = base * (1.0 + t.relative)
        tall = c.values[cycle] - base >= t.range_fraction * rng
        if log_rng > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                tall |= np.log(c.values[cycle] / base) >= t.range_fraction * log_rng
        up = cycle[(c.values[cycle] >= lim) & tall]
        back = float(c.values[cycle[-1]]) < base * (1.0 + t.back_to * t.relative)
        if up.shape[0] and back and up[-1] < cycle[-1]:
            # the points from the first that rose to the last that stood up
            mask[up[0]: up[-1] + 1] = True
            before[up[0]: up[-1] + 1] = base
            origin[up[0]: up[-1] + 1] = r0
    return mask, before, origin
