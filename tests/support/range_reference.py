"""An independent reading of where an LR range test's logged loss falls fastest.

The engine's suggestion is checked against this, in the range-test integration tests and in
``benchmarks/range_test_suggestions.py`` (the labelled corpus): it is computed from the logged
points alone, with none of the engine's smoothing or thresholds.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np


def logged_pairs(exp) -> Tuple[np.ndarray, np.ndarray]:
    """(LR, loss) at the logged loss's steps inside the LR's logged range, the LR interpolated
    in log space: the per-batch loss where there is one."""
    loss = exp.train_loss_fine if exp.train_loss_fine is not None else exp.train_loss
    lr_at = 10 ** np.interp(loss.steps, exp.lr.steps, np.log10(exp.lr.values))
    keep = (loss.steps >= exp.lr.steps[0]) & (loss.steps <= exp.lr.steps[-1])
    return lr_at[keep], loss.values[keep]


def fast_fall_region(lr, loss, w: int = 7) -> Tuple[float, float]:
    """The LR stretch over which the logged loss falls through the middle half of its fall
    (from 75 % to 25 % of the way from its starting level to its minimum), on a centred
    running median of ``w`` points (no lag). The starting level is the median of the first
    quarter of the points before the minimum (at least 5)."""
    lr = np.asarray(lr, dtype=float)
    loss = np.asarray(loss, dtype=float)
    h = w // 2
    pad = np.pad(loss, (h, h), mode="edge")
    med = np.median(np.lib.stride_tricks.sliding_window_view(pad, w), axis=1)
    med = np.where(np.isfinite(med), med, np.inf)
    imin = int(np.argmin(med))
    top = float(np.median(med[: max(5, imin // 4)]))
    low = float(med[imin])
    hi_level, lo_level = low + 0.75 * (top - low), low + 0.25 * (top - low)
    before = med[: imin + 1]
    a = int(np.max(np.nonzero(before >= hi_level)[0]))
    b = int(np.argmax(before <= lo_level))
    if not b > a:
        raise ValueError("no fall from %.3g to %.3g before the minimum" % (top, low))
    return float(lr[a]), float(lr[b])
