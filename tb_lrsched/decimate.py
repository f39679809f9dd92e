"""Server-side decimation for chart payloads: min/max per step bucket.

Keeps the first and last point, and in every bucket the lowest and the
highest value, so spikes survive. NaN and +/-Inf count as the highest value
of their bucket, so a divergence is never decimated away. Linear time.
"""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np


def window(steps: np.ndarray, values: np.ndarray,
           start: Optional[float] = None, end: Optional[float] = None):
    """The points with start <= step <= end (steps sorted)."""
    lo = 0 if start is None else int(np.searchsorted(steps, start, side="left"))
    hi = steps.size if end is None else int(np.searchsorted(steps, end, side="right"))
    return steps[lo:hi], values[lo:hi]


def minmax(steps: np.ndarray, values: np.ndarray, max_points: int) -> Tuple[np.ndarray, np.ndarray]:
    """At most ~max_points points of (steps, values); steps must be sorted."""
    n = steps.size
    if n <= max_points or n < 3:
        return steps, values
    buckets = max(1, (max_points - 2) // 2)
    s0, s1 = steps[0], steps[-1]
    if s1 <= s0:
        idx = np.linspace(0, n - 1, max_points).astype(np.int64)
        return steps[idx], values[idx]
    b = ((steps - s0) * (buckets / (s1 - s0))).astype(np.int64)
    np.minimum(b, buckets - 1, out=b)
    # Starts of each bucket (b is non-decreasing because steps are sorted).
    starts = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    # NaN counts as +Inf: it wins its bucket's maximum and never its minimum.
    v = np.where(np.isnan(values), np.inf, values)
    bmin = np.minimum.reduceat(v, starts)
    bmax = np.maximum.reduceat(v, starts)
    bucket_of = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, n]))
    is_min = v == bmin[bucket_of]
    is_max = v == bmax[bucket_of]
    first_min = _first_per_bucket(is_min, bucket_of)
    first_max = _first_per_bucket(is_max, bucket_of)
    keep = np.zeros(n, dtype=bool)
    keep[first_min] = True
    keep[first_max] = True
    keep[0] = keep[-1] = True
    idx = np.flatnonzero(keep)
    return steps[idx], values[idx]


def _first_per_bucket(mask: np.ndarray, bucket_of: np.ndarray) -> np.ndarray:
    cand = np.flatnonzero(mask)
    if cand.size == 0:
        return cand
    bk = bucket_of[cand]
    first = np.r_[True, bk[1:] != bk[:-1]]
    return cand[first]
