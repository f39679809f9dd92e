"""The noise model of a loss series: how much of a curve's movement its own noise explains.

A loss logged per step bounces by its minibatch noise; averaged per epoch it bounces less;
around a floor set by label noise it bounces forever without anything being wrong. Every
rule asks the same question — "is this movement larger than what the run's own noise
explains?" — and reads the answer here, in one vocabulary:

* **point noise**: the robust sigma of single logged points around their local level
  (median absolute deviation, scaled to a normal sigma). For a positive loss it is also
  expressed **relative to the level** (minibatch noise of a loss scales with the loss, so a
  run at 0.1 and a run at 10 with the same relative noise are equally noisy):
  :func:`relative_point_noise` reads it on the log loss of an unbucketed series.
* **smoothed noise**: the sigma of one point of the smoothed curve (``Curve.sigma()``: a
  bucket median of ``bucket_size`` points is ``MEDIAN_SE_FACTOR / sqrt(bucket_size)`` as
  noisy as one point; an unbucketed curve is as noisy as its points).
* **tail**: how far the largest ordinary points stray (a high quantile of the relative
  residuals): a single point must beat the run's own tail, not only a Gaussian sigma, to
  count as a spike in a long series.
* **scales**: the smoothed curve read at a coarser scale too (a running median over a
  fraction of the run), so that "the trend" and "the wiggles" are separate questions.

Pure numpy; every function is linear in the number of points it is given.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Tuple

import numpy as np

from tb_lrsched.engine.spec import param
from tb_lrsched.engine.stats import MAD_TO_SIGMA, NOISE_WINDOW, neighbour_level, roll_median


@dataclasses.dataclass(frozen=True)
class NoiseThresholds:
    tail_quantile: float = param(0.999, "the run's own tail: the 99.9th percentile of the "
                                        "points' relative residuals")
    tail_margin: float = param(3.0, "a short excursion in a long series is a spike only at "
                                    ">= 3x the run's own tail height")
    tail_skip: int = param(5, "... the tail read below the run's 5 largest points at least (a "
                              "few real spikes do not set the tail they are measured against)")
    local_points: int = param(9, "the relative noise of an unbucketed series: a running "
                                 "median over 9 points of its log residuals")
    trend_window: float = param(0.10, "the coarse scale: a running median over 10 % of the "
                                      "smoothed curve")


THRESHOLDS = NoiseThresholds()


def trailing_min(x: np.ndarray, width: int) -> np.ndarray:
    """Minimum over each value and the ``width - 1`` values before it."""
    x = np.asarray(x, dtype=np.float64)
    if x.shape[0] == 0 or width <= 1:
        return np.array(x)
    pad = np.concatenate([np.repeat(x[:1], width - 1), x])
    out: np.ndarray = np.min(np.lib.stride_tricks.sliding_window_view(pad, width), axis=1)
    return out


def trend(smooth: np.ndarray, th: NoiseThresholds = THRESHOLDS) -> np.ndarray:
    """The smoothed curve at the coarse scale (running median over ``trend_window``)."""
    width = max(3, int(round(th.trend_window * smooth.shape[0])))
    return roll_median(np.asarray(smooth, dtype=np.float64), width + 1 - width % 2)


def tail_height(values: np.ndarray, level: np.ndarray, th: NoiseThresholds = THRESHOLDS) -> float:
    """The run's own tail: a high quantile of (value / level - 1) over every point (positive
    levels only), below the ``tail_skip`` largest. ``level`` has one entry per value."""
    lv = np.asarray(level, dtype=np.float64)
    ok = lv > 0
    return tail_of(np.asarray(values, dtype=np.float64)[ok] / lv[ok] - 1.0, th)


def tail_of(heights: np.ndarray, th: NoiseThresholds = THRESHOLDS) -> float:
    """A high quantile of the heights of a run's points above their level (ratio - 1), below
    the ``tail_skip`` largest: how high an ordinary point of this run may stand. inf with
    fewer than 10 heights."""
    r = np.asarray(heights, dtype=np.float64)
    if r.shape[0] < 10:
        return math.inf
    q = int(min(r.shape[0] - 1 - th.tail_skip, math.floor(th.tail_quantile * (r.shape[0] - 1))))
    if q < 0:
        return math.inf
    return float(np.partition(r, q)[q])


def neighbour_heights(values: np.ndarray) -> np.ndarray:
    """How far each point of a positive series stands above its neighbours (the median of the
    two on each side, in log units), as a ratio - 1: 1.0 = twice their level. Read at the
    scale of single points, so neither the fall of a short run nor its coarse buckets pass
    for the height of an ordinary point. Zeros where the series is not positive or shorter
    than 5 points."""
    v = np.asarray(values, dtype=np.float64)
    if v.shape[0] < 5 or not float(np.min(v)) > 0:
        return np.zeros(v.shape[0])
    lv = np.log(v)
    out: np.ndarray = np.expm1(lv - neighbour_level(lv))
    return out


def relative_point_noise(values: np.ndarray, th: "NoiseThresholds" = THRESHOLDS) -> np.ndarray:
    """The robust sigma of each point of a positive, unbucketed series, relative to its
    level (in log units: 0.1 = points stray ~10 % from their local level): the absolute
    residuals of the log loss around its neighbours' median, as a running median over
    ``local_points`` points (scaled to a normal sigma). Local, because the relative noise of
    a loss is not the same everywhere: a per-step loss near 0.03 jumps 10x on one batch far
    more often than the same loss at 2.3. A per-epoch loss that falls 2x per epoch and
    restarts from high up has an absolute noise set by its highest points; relative to its
    level it is as steady at 0.1 as at 2. All zeros when the series is shorter than
    ``local_points`` or not positive."""
    v = np.asarray(values, dtype=np.float64)
    if v.shape[0] < th.local_points or not float(np.min(v)) > 0:
        return np.zeros(v.shape[0])
    lv = np.log(v)
    out: np.ndarray = MAD_TO_SIGMA * roll_median(np.abs(lv - neighbour_level(lv)),
                                                 th.local_points)
    return out


def spike_level(smooth: np.ndarray, window: int) -> Tuple[np.ndarray, np.ndarray]:
    """The level a point is measured against for spikes, per smoothed point: the lowest
    5-point running median over the trailing ``window`` smoothed points (a spike dozens of
    steps wide does not become its own level), and, just after a sharp fall (a step decay),
    the level before the fall (the points before a cut are not spikes above the new level).
    Returns (level, trailing) where ``trailing`` excludes the fall guard."""
    local = roll_median(np.asarray(smooth, dtype=np.float64), NOISE_WINDOW)
    trailing = trailing_min(local, max(1, window))
    level = trailing.copy()
    if smooth.shape[0] > 1:
        fall = smooth[1:] < smooth[:-1]
        level[1:] = np.where(fall, np.maximum(level[1:], smooth[:-1]), level[1:])
    return level, trailing
