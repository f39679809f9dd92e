"""The noise model of held-out evaluations: how much a validation accuracy may move.

A validation accuracy is a count: k of the N examples of the validation set are right, and
the logged value is k / N. N is not logged, but the values give it away -- every evaluation
is a multiple of 1 / N -- so the accuracy carries its own scale of precision: the standard
error sqrt(p (1 - p) / N) of an accuracy p measured on N examples.

The same validation set is evaluated again and again, so what moves the accuracy from one
evaluation to the next is the model, not sampling. A model that settles moves it by less than
a standard error between evaluations; a model that an LR too large keeps throwing from one
side of the minimum to the other flips many predictions at every evaluation and moves it by
several. Read after its trend is taken out (second differences: a steady rise or fall is no
bounce), that movement, in standard errors, is a noise model of the held-out side that does
not depend on the loss at all:

* :func:`evaluation_size`: N from the accuracies (the smallest N for which every value is k/N);
* :func:`line_scatter`: how far an evaluation stands from its neighbours' straight line
  (robust, so a steady trend is no scatter); read on the log of a validation loss it is the
  loss's relative jump from one evaluation to the next;
* :func:`bounce`: how much the accuracy jumps between evaluations and its trend over a
  stretch, both in standard errors of N examples. The jump is read two ways and the smaller
  is kept: the scatter of an evaluation around its neighbours' straight line (second
  differences), which one lone bad evaluation inflates three times over, and the depth of its
  turns -- at a local peak or trough, how far it stands from the nearer neighbour; 0 where it
  lies between them -- whose median a lone dip does not move: a model that keeps jumping
  turns at most evaluations, one that had one bad evaluation does not.

Pure numpy; linear in the number of evaluations (the size search reads a fixed number of
them).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Optional

import numpy as np

from tb_lrsched.engine.spec import param
from tb_lrsched.engine.stats import MAD_TO_SIGMA


@dataclasses.dataclass(frozen=True)
class EvaluationThresholds:
    max_size: int = param(50000, "validation sets of up to 50,000 examples are recognised")
    probe: int = param(12, "the size is searched on the first 12 distinct accuracies ...")
    min_distinct: int = param(4, "... of which at least 4 are needed (fewer fit any size)")
    tolerance: float = param(1e-3, "k / N within 1e-3 of an integer count (float32 rounding)")
    min_points: int = param(6, "evaluations needed to read a bounce")


THRESHOLDS = EvaluationThresholds()

# the scatter of a point around its neighbours' straight line: a second difference of white
# noise of sigma s has sigma sqrt(6) s
_SECOND_DIFF_SIGMAS = math.sqrt(6.0)
# the median turn depth of white noise of sigma s is 0.314 s (measured on simulated series of
# 7 to 1000 points: 0.31-0.32)
_TURN_SIGMAS = 0.314


def evaluation_size(acc: np.ndarray, t: EvaluationThresholds = THRESHOLDS) -> Optional[int]:
    """The number of validation examples N when every accuracy in ``acc`` (fractions) is a
    multiple of 1 / N, the smallest such N up to `max_size`; None when the values are no such
    counts (an accuracy averaged over batches of unequal size, a smoothed one) or too few
    distinct values say nothing."""
    x = np.asarray(acc, dtype=np.float64).reshape(-1)
    x = x[np.isfinite(x)]
    if x.shape[0] == 0 or float(np.min(x)) < 0 or float(np.max(x)) > 1:
        return None
    distinct = np.unique(x)
    inner = distinct[(distinct > 0) & (distinct < 1)]
    if inner.shape[0] < t.min_distinct:
        return None
    probe = inner[: t.probe]
    sizes = np.arange(2, t.max_size + 1, dtype=np.float64)
    prod = np.outer(sizes, probe)
    fits = np.all(np.abs(prod - np.round(prod)) <= t.tolerance * np.maximum(1.0, sizes / 1000.0)
                  [:, None], axis=1)
    hit = np.flatnonzero(fits)
    if hit.shape[0] == 0:
        return None
    n = float(sizes[int(hit[0])])
    counts = distinct * n
    if not bool(np.all(np.abs(counts - np.round(counts)) <= t.tolerance * max(1.0, n / 1000.0))):
        return None
    return int(n)


def standard_error(p: float, size: int) -> float:
    """The standard error of an accuracy ``p`` measured on ``size`` examples; 0 at p = 0 or 1
    (or no examples)."""
    if size <= 0 or not 0.0 < p < 1.0:
        return 0.0
    return math.sqrt(p * (1.0 - p) / size)


def same_answer_share(acc: np.ndarray, size: Optional[int]) -> float:
    """The share of the evaluations that give the most common accuracy (read as counts of
    ``size`` examples, or -- when the size cannot be read, as with only two distinct
    values -- as the logged values themselves): near 1 when the model answers the same way
    at every evaluation (dead units, frozen weights, a collapsed output), small when its
    answers keep changing. 0 without an evaluation."""
    x = np.asarray(acc, dtype=np.float64).reshape(-1)
    x = x[np.isfinite(x)]
    if x.shape[0] == 0:
        return 0.0
    _, counts = np.unique(np.round(x * size) if size else x, return_counts=True)
    return float(np.max(counts)) / x.shape[0]


def turn_depths(x: np.ndarray) -> np.ndarray:
    """For every inner point of ``x``: at a local peak or trough, its distance to the nearer
    neighbour; 0 where it lies between its neighbours (or equals one)."""
    left, right = x[1:-1] - x[:-2], x[1:-1] - x[2:]
    turn = (np.sign(left) == np.sign(right)) & (left != 0)
    out: np.ndarray = np.where(turn, np.minimum(np.abs(left), np.abs(right)), 0.0)
    return out


def line_scatter(x: np.ndarray) -> float:
    """How far an evaluation stands from the straight line through its two neighbours: the
    robust sigma (1.4826 x the median absolute value) of the second differences of ``x``, over
    sqrt(6) (a second difference of white noise of sigma s has sigma sqrt(6) s). A steady rise
    or fall has none; 0 for fewer than three points."""
    if x.shape[0] < 3:
        return 0.0
    d2 = np.abs(x[2:] - 2.0 * x[1:-1] + x[:-2])
    return MAD_TO_SIGMA * float(np.median(d2)) / _SECOND_DIFF_SIGMAS


@dataclasses.dataclass(frozen=True)
class Bounce:
    size: int           # validation examples
    level: float        # median accuracy of the stretch
    standard_error: float
    scatter: float      # sigma of an evaluation around its local trend (the smaller reading)
    trend: float        # median of the last third minus median of the first third

    @property
    def scatter_se(self) -> float:
        """The scatter in standard errors of the validation set."""
        return self.scatter / self.standard_error if self.standard_error > 0 else 0.0


def bounce(acc: np.ndarray, size: Optional[int],
           t: EvaluationThresholds = THRESHOLDS) -> Optional[Bounce]:
    """How much a stretch of evaluations ``acc`` (fractions, in order) jumps between
    evaluations -- the smaller of two normal-sigma readings: its second differences' robust
    sigma / sqrt(6), and its median turn depth / 0.314 -- and how far it moved (the median of
    its last third minus that of its first), with the standard error of an accuracy of N =
    ``size`` examples at its level. None with no size, fewer than `min_points` evaluations,
    or an accuracy at 0 or 1 (no error to scale)."""
    x = np.asarray(acc, dtype=np.float64).reshape(-1)
    if size is None or x.shape[0] < t.min_points:
        return None
    level = float(np.median(x))
    if not 0.0 < level < 1.0:
        return None
    se = standard_error(level, size)
    scatter = min(line_scatter(x), float(np.median(turn_depths(x))) / _TURN_SIGMAS)
    k = max(2, x.shape[0] // 3)
    trend = float(np.median(x[-k:])) - float(np.median(x[:k]))
    return Bounce(size, level, se, scatter, trend)
