"""Robust statistics over numpy arrays (medians, MAD noise, running medians).

Everything here is exact-element and deterministic: medians are taken by
partition (the lower median, no averaging), so scaling the input by a
constant scales the output by the same constant, bit for bit.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

# sigma of a normal distribution = MAD_TO_SIGMA x its median absolute
# deviation (1 / Phi^-1(3/4), rounded as the literature quotes it).
MAD_TO_SIGMA = 1.4826

# The median of k normal values has a standard error MEDIAN_SE_FACTOR x
# sigma / sqrt(k) (sqrt(pi / 2): a median is that much noisier than a mean).
MEDIAN_SE_FACTOR = 1.2533

# Width of the running median that steadies per-bucket noise estimates.
NOISE_WINDOW = 5


def median(x: np.ndarray, axis: Optional[int] = None) -> np.ndarray:
    """Lower median by partition (an exact element: no averaging, fast).

    NaN for an empty array when ``axis`` is None."""
    if axis is None:
        x = x.reshape(-1)
        k = (x.shape[0] - 1) // 2
        return np.asarray(np.partition(x, k)[k] if x.shape[0] else np.nan)
    k = (x.shape[axis] - 1) // 2
    return np.asarray(np.take(np.partition(x, k, axis=axis), k, axis=axis))


def roll_median(x: np.ndarray, width: int) -> np.ndarray:
    """Centred running median of odd ``width`` (edges padded with the end values), so a
    fall or an explosion is not moved later as a moving average moves it. O(n width): meant
    for short series (smoothed curves of <= 128 points) or a bounded width."""
    if x.shape[0] < 2:
        return np.array(x)
    h = width // 2
    pad = np.concatenate([np.repeat(x[:1], h), x, np.repeat(x[-1:], h)])
    out: np.ndarray = median(np.lib.stride_tricks.sliding_window_view(pad, width), axis=1)
    return out


def neighbour_level(values: np.ndarray) -> np.ndarray:
    """Median of the two neighbours on each side of every point (the point
    itself excluded; edges padded). Short series only."""
    pad = np.concatenate([np.repeat(values[:1], 2), values, np.repeat(values[-1:], 2)])
    win = np.lib.stride_tricks.sliding_window_view(pad, 5)
    out: np.ndarray = np.median(np.concatenate([win[:, :2], win[:, 3:]], axis=1), axis=1)
    return out
