"""Canonical curves: cleaning, scale-free quantisation and bucket smoothing.

* **Scale-free.** All loss series of an experiment are divided by one common
  scale (the median absolute training loss) and quantised to a
  ``QUANT_BITS``-bit mantissa before any rule looks at them, so multiplying
  every loss by a positive constant gives bit-identical canonical curves and
  hence identical verdicts.
* **Noise-robust.** Rules read a smoothed curve: medians of at most
  ``MAX_BUCKETS`` equal-count buckets (a per-batch series of 1M points becomes
  128 bucket medians; an epoch-level series of 30 points stays as it is), and
  fewer, larger buckets when the minibatch noise is so large that a median
  would not be known to ``SMOOTH_REL_NOISE`` of the level.
* **Linear time.** Bucketing is one reshape plus a partition per row.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.stats import (
    MAD_TO_SIGMA,
    MEDIAN_SE_FACTOR,
    NOISE_WINDOW,
    median,
    neighbour_level,
    roll_median,
)
from tb_lrsched.model import Series

MAX_BUCKETS = 128          # smoothed curves have at most this many points
SMOOTH_REL_NOISE = 0.05    # ... fewer if needed for medians within 5 % of the level
QUANT_BITS = 36            # mantissa bits kept by the canonical scaling
CANON_MAX = 1e100          # |loss| above 1e100 x its typical size counts as Inf
MAD_SAMPLE = 1024          # points per bucket used for its noise estimate (MAD)
ACCURACY_PERCENT_ABOVE = 1.5  # an accuracy series above this is in percent
PERCENT = 100.0

_MANTISSA_BITS = 52
_QSHIFT = _MANTISSA_BITS - QUANT_BITS

FiniteSeries = Tuple[np.ndarray, np.ndarray, np.ndarray, int]


@dataclasses.dataclass(frozen=True)
class Curve:
    """One series, cleaned and smoothed.

    ``values`` are the finite values divided by the experiment's loss scale
    and quantised (accuracy and LR curves keep scale 1); ``steps`` their steps.
    ``smooth``/``smooth_steps`` is the bucket-median curve of buckets of
    ``bucket_size`` points, ``noise`` the noise (sigma) of one bucket median,
    ``point_noise`` the per-bucket robust sigma of single points.
    ``bad_steps`` are the steps of non-finite values; ``last_bad`` says the
    series ends in them.
    """

    steps: np.ndarray
    values: np.ndarray
    scale: float
    n_raw: int
    bad_steps: np.ndarray
    last_bad: bool
    smooth_steps: np.ndarray
    smooth: np.ndarray
    bucket_size: int
    noise: float
    point_noise: np.ndarray
    sampled: bool

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @property
    def n_smooth(self) -> int:
        """Number of points of the smoothed curve."""
        return int(self.smooth.shape[0])

    def smooth_at(self, step: float) -> float:
        """The smoothed curve at ``step``, interpolated linearly between its points (held at
        its first and last value outside them)."""
        return float(np.interp(step, self.smooth_steps, self.smooth))

    def raw(self, x: object) -> np.ndarray:
        """Canonical value(s) back to the user's units."""
        out: np.ndarray = np.asarray(x, dtype=np.float64) * self.scale
        return out

    def sigma(self) -> float:
        """Noise of one point of the smoothed curve (the bucket noise, or
        the single-point noise of an unsmoothed series)."""
        if self.bucket_size > 1:
            return self.noise
        return float(self.point_noise[0]) if self.point_noise.shape[0] else 0.0


def finite_series(s: Optional[Series]) -> FiniteSeries:
    """(finite steps, finite values, steps of non-finite values, raw count)."""
    if s is None:
        e = np.zeros(0)
        return e, e, e, 0
    steps = np.asarray(s.steps, dtype=np.float64).reshape(-1)
    vals = np.asarray(s.values, dtype=np.float64).reshape(-1)
    n = min(steps.shape[0], vals.shape[0])
    steps, vals = steps[:n], vals[:n]
    if n and not np.isfinite(steps).all():
        ok = np.isfinite(steps)
        steps, vals = steps[ok], vals[ok]
    if steps.shape[0] > 1 and not (steps[1:] > steps[:-1]).all():
        # Contract says strictly increasing; be forgiving: keep the last write.
        order = np.argsort(steps, kind="stable")
        steps, vals = steps[order], vals[order]
        keep = np.ones(steps.shape[0], dtype=bool)
        keep[:-1] = steps[1:] != steps[:-1]
        steps, vals = steps[keep], vals[keep]
    fin = np.isfinite(vals)
    if fin.all():
        return steps, vals, np.zeros(0), int(steps.shape[0])
    return steps[fin], vals[fin], steps[~fin], int(steps.shape[0])


def quantise(x: np.ndarray) -> np.ndarray:
    """Round finite values to QUANT_BITS mantissa bits (round half up on the
    magnitude, in the integer view of the IEEE bits: carries into the exponent
    are exact)."""
    i = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    i = (i + np.int64(1 << (_QSHIFT - 1))) & np.int64(~((1 << _QSHIFT) - 1))
    out: np.ndarray = i.view(np.float64)
    return out


def loss_scale(*arrays: np.ndarray) -> float:
    """Median absolute value of the first non-empty array (zeros ignored
    when the median is zero)."""
    for a in arrays:
        if a.shape[0]:
            mag = np.abs(a)
            sc = float(median(mag))
            if not sc > 0:
                mag = mag[mag > 0]
                sc = float(median(mag)) if mag.shape[0] else 0.0
            if np.isfinite(sc) and sc > 0:
                return sc
    return 1.0


Buckets = Tuple[np.ndarray, np.ndarray, int, float, np.ndarray]


def _buckets_of(steps: np.ndarray, values: np.ndarray, size: int) -> Buckets:
    """Medians of equal-count buckets of ``size`` points (odd, > 1):
    (steps, medians, size, noise of a median, per-bucket point noise)."""
    n = values.shape[0]
    full = n // size
    r = n - full * size
    grid = values[: full * size].reshape(full, size)
    med = median(grid, axis=1)
    # The noise (MAD) of a large bucket is known well enough from ~1000 of its
    # points (a fixed stride: deterministic, so scale invariance holds); this
    # halves the cost on long series.
    stride = max(1, size // MAD_SAMPLE)
    mad = median(np.abs(grid[:, ::stride] - med[:, None]), axis=1)
    centre = np.arange(full) * size + size // 2
    if r:
        # the partial last bucket: its own bucket when at least half full,
        # else merged into the previous one (padding would bias its median)
        if 2 * r >= size or full == 0:
            tail = values[full * size:]
            med = np.append(med, 0.0)
            mad = np.append(mad, 0.0)
            centre = np.append(centre, full * size + r // 2)
        else:
            tail = values[(full - 1) * size:]
            centre[-1] = (full - 1) * size + tail.shape[0] // 2
        tmed = median(tail)
        med[-1] = tmed
        mad[-1] = median(np.abs(tail - tmed))
    # steadier local noise (and not inflated by a spike): median with the
    # neighbouring buckets
    point_noise = roll_median(MAD_TO_SIGMA * mad, NOISE_WINDOW)
    noise = float(median(point_noise)) * MEDIAN_SE_FACTOR / math.sqrt(size)
    return steps[centre], med, size, noise, point_noise


def _odd(k: int) -> int:
    return k + 1 if k > 1 and k % 2 == 0 else k


# second differences of white noise have 6x its variance
_SECOND_DIFF_VARIANCE = 6.0


def bucket(steps: np.ndarray, values: np.ndarray) -> Buckets:
    """Equal-count bucket medians: (steps, medians, size, noise, point noise).

    At most MAX_BUCKETS buckets; for a noisy positive loss, larger buckets
    still, so that a bucket median is known to SMOOTH_REL_NOISE of the level
    (a 500-step run with 35 % minibatch noise gives a handful of reliable
    points, not 128 noisy ones).
    """
    n = values.shape[0]
    size = _odd(max(1, -(-n // MAX_BUCKETS)))
    if size == 1:
        # robust noise of single points: residuals from the neighbours' median
        # and second differences are each inflated by a different curve shape
        # (a V, a fast convex descent); the smaller is the better estimate
        sig = 0.0
        if n >= NOISE_WINDOW:
            d2 = values[2:] - 2.0 * values[1:-1] + values[:-2]
            sig = MAD_TO_SIGMA * min(float(median(np.abs(values - neighbour_level(values)))),
                                     float(median(np.abs(d2))) / math.sqrt(_SECOND_DIFF_VARIANCE))
        return steps.copy(), values.copy(), 1, 0.0, np.full(n, sig)
    out = _buckets_of(steps, values, size)
    smooth, point_noise = out[1], out[4]
    if float(np.min(smooth)) > 0:
        rel = float(median(point_noise / smooth))
        size_noise = min(n, _odd(int(math.ceil((MEDIAN_SE_FACTOR * rel / SMOOTH_REL_NOISE) ** 2))))
        if size_noise > size:
            out = _buckets_of(steps, values, size_noise)
    return out


def curve(s: Optional[Series], scale: Optional[float],
          fs: Optional[FiniteSeries] = None) -> Optional[Curve]:
    """Clean, scale and smooth one series (``fs``: its finite_series, if known)."""
    if s is None:
        return None
    steps, vals, bad, n_raw = fs if fs is not None else finite_series(s)
    if n_raw == 0:
        return None
    if scale is None:
        values = vals.copy()
        sc = 1.0
    else:
        sc = scale
        with np.errstate(over="ignore", invalid="ignore"):
            values = quantise(vals / scale)
        # beyond 1e100 x the typical loss a value is an overflow in all but
        # name: treat it like Inf (keeps all later arithmetic finite)
        ok = np.abs(values) <= CANON_MAX  # False for NaN/Inf too
        if not ok.all():
            bad = np.sort(np.concatenate([bad, steps[~ok]]))
            steps, values = steps[ok], values[ok]
    last_bad = bool(bad.shape[0] and (steps.shape[0] == 0 or bad[-1] > steps[-1]))
    if steps.shape[0]:
        smooth_steps, smooth, size, noise, point_noise = bucket(steps, values)
    else:
        e = np.zeros(0)
        smooth_steps, smooth, size, noise, point_noise = e, e, 1, 0.0, e
    return Curve(steps, values, sc, n_raw, bad, last_bad, smooth_steps, smooth, size, noise,
                 point_noise, bool(getattr(s, "sampled", False)))


def accuracy_curve(s: Optional[Series]) -> Optional[Curve]:
    """Accuracy in [0, 1] (percent is divided by 100)."""
    c = curve(s, None)
    if c is None or len(c) == 0:
        return c
    scale = PERCENT if float(np.max(c.values)) > ACCURACY_PERCENT_ABOVE else 1.0
    if scale == 1.0:
        return c
    return dataclasses.replace(c, values=c.values / scale, smooth=c.smooth / scale,
                               noise=c.noise / scale, point_noise=c.point_noise / scale,
                               scale=scale)


_DETECTION_SCORE = re.compile(r"^(?:bbox_)?m?ap(?:_?50)?(?:[^a-z0-9]|$)")


def is_detection_score(tag: str) -> bool:
    """A detection score (mAP / AP, as YOLO, detectron2 and torchmetrics log it): the last
    part of the tag starts with it -- 'metrics/mAP50(B)', 'metrics/mAP_0.5:0.95', 'bbox/AP50',
    'val/mAP' -- while 'x/feature_map' or 'heatmap/mean' are no such score."""
    return bool(_DETECTION_SCORE.match(tag_leaf(tag).lower()))


def tag_leaf(tag: str) -> str:
    """The last part of a tag ('metrics/mAP50(B)' -> 'mAP50(B)')."""
    return tag.replace("\\", "/").rsplit("/", 1)[-1]


def positive(c: Optional[Curve]) -> bool:
    """A loss that stays positive (its smoothed curve never reaches 0).
    Supervised losses (cross-entropy, MSE, ...) are; RL objectives such as a
    PPO loss cross zero, and the ratio-based rules do not apply to them."""
    return c is not None and c.n_smooth > 0 and float(np.min(c.smooth)) > 0


def index_at(steps: np.ndarray, step: float) -> int:
    """Index of the first step >= ``step`` (clamped to the array)."""
    return int(min(max(np.searchsorted(steps, step, side="left"), 0), steps.shape[0] - 1))


HEAD_POINTS = 3


EVAL_LEVEL_POINTS = 3  # running-median width of an evaluation curve's level


def evaluation_level(c: Curve) -> np.ndarray:
    """The level of a curve of evaluations (a validation loss): a 3-point running median of
    its smoothed points (at either end: of the first / last three), so one noisy evaluation --
    a bump, a lucky dip -- does not decide where it stood; curves of fewer than 5 points are
    their own level."""
    if c.n_smooth < EVAL_LEVEL_POINTS + 2:
        return c.smooth
    lvl = roll_median(c.smooth, EVAL_LEVEL_POINTS)
    # not a window padded with copies of the end point: that would let a last lucky dip be
    # the level
    lvl[0] = float(np.median(c.smooth[:EVAL_LEVEL_POINTS]))
    lvl[-1] = float(np.median(c.smooth[-EVAL_LEVEL_POINTS:]))
    return lvl


def evaluation_steps(c: Optional[Curve]) -> Optional[np.ndarray]:
    """The steps at which a curve of evaluations was logged, its non-finite points too (an
    evaluation that came out NaN was still made); None without a curve."""
    if c is None:
        return None
    out: np.ndarray = np.sort(np.concatenate([c.steps, c.bad_steps]))
    return out


def head_level(c: Curve) -> float:
    """Initial loss: the first smoothed value, or the median of the first
    three points if higher (a first bucket median lags a fast descent)."""
    return max(float(c.smooth[0]), float(np.median(c.values[:HEAD_POINTS])))


def zigzag(x: np.ndarray, delta: float) -> np.ndarray:
    """Pivot indices of the zigzag of ``x`` with reversal threshold ``delta``.

    A reversal counts only once the curve has moved >= delta away from the
    last extreme (small wiggles inside a swing do not split it). The loop runs
    over the smoothed curve (at most MAX_BUCKETS points whatever the length
    of the run), never over raw points.
    """
    n = x.shape[0]
    if n < 2 or not delta > 0:
        return np.zeros(0, dtype=int)
    xs = x.tolist()
    direction = 0
    hi = lo = ext = 0
    piv: List[int] = []
    for i in range(1, n):
        v = xs[i]
        if direction == 0:
            if v > xs[hi]:
                hi = i
            if v < xs[lo]:
                lo = i
            if xs[hi] - xs[lo] >= delta:
                if hi > lo:
                    direction, piv, ext = 1, [lo], hi
                else:
                    direction, piv, ext = -1, [hi], lo
        elif direction == 1:
            if v >= xs[ext]:
                ext = i
            elif xs[ext] - v >= delta:
                piv.append(ext)
                direction, ext = -1, i
        else:
            if v <= xs[ext]:
                ext = i
            elif v - xs[ext] >= delta:
                piv.append(ext)
                direction, ext = 1, i
    if direction != 0:
        piv.append(ext)
    return np.asarray(piv, dtype=int)
