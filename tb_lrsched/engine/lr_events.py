"""The learning-rate curve's events, computed once per experiment and read by every rule.

A practitioner reads a loss curve against what the LR did: "the loss jumped right after the
restart at step 320", "it stalled once the LR hit 0 at step 400". This module finds those
events on the logged LR series:

* **warmup end**: the first step at which the LR reaches 95 % of the peak of its initial rise
  (only when the run starts at <= half that peak and the rise begins in its first tenth);
* **restarts**: a sudden rise of the LR after it had been decaying (SGDR / warm restarts,
  a new stage of a multi-stage schedule, a scheduler reset): the LR at least doubles within
  one logged interval (or jumps up from exactly 0);
* **cuts**: a sudden fall within one logged interval of at least ``cut_factor`` (step and
  multi-step decays, ReduceLROnPlateau);
* **zero spans**: stretches where the LR is exactly 0 (a schedule that ends at 0 has one at
  its very end; a scheduler bug has a long one in the middle);
* **cycles**: how often the LR rises again by at least ``cycle_factor`` after having fallen
  by as much (cyclic schedules, SGDR; a one-cycle or a cosine has none);
* **range-test sweep**: the LR rises monotonically and roughly exponentially over at least
  two decades (an LR range test, as :func:`tb_lrsched.engine.range_test.recognise` defines it;
  with the validation evaluations' steps, it must move the LR several times between them).

Everything is vectorised numpy over the logged points; only the <= ``max_events`` events are
turned into Python objects.
"""

from __future__ import annotations

import dataclasses
import math
from typing import List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.range_test import recognise


@dataclasses.dataclass(frozen=True)
class LREventThresholds:
    """Numbers that define the LR curve's events (each a ratio, so scale-free)."""

    warmup_start_ratio: float = 0.5
    """A warmup starts at <= 50 % of the peak of the initial rise."""
    warmup_reached: float = 0.95
    """... and ends where the LR first reaches 95 % of that peak."""
    warmup_begin: float = 0.10
    """... and rises from the start: its first rise begins within the first 10 % of the
    run (an LR held flat and then raised is a new stage of the schedule, read as a
    restart)."""
    restart_factor: float = 2.0
    """A restart: the LR at least doubles within one logged interval after decaying ..."""
    restart_reach: float = 0.5
    """... to >= half the top of the rise it starts (the LR before it next falls): a warm
    restart jumps to its peak, while a triangular cycle that climbs from 1e-4 to 1e-2 more
    than doubles in its first interval of a coarse log only because it starts so low."""
    cut_factor: float = 1.5
    """A cut: the LR falls by >= 1.5x within one logged interval ..."""
    cut_floor: float = 1e-3
    """... from at least 1/1000 of the peak ..."""
    cut_held: float = 1.1
    """... after an interval in which the LR changed by < 10 % (a level it held)."""
    cycle_factor: float = 2.0
    """A cycle: the LR rises again by >= 2x after falling by >= 2x."""
    zero_tail: float = 0.05
    """A zero span that only covers the last (first) 5 % of the run is a schedule annealed to
    0 (a warmup from 0)."""
    max_events: int = 64
    """At most this many restarts / cuts are listed (the count is always exact)."""


THRESHOLDS = LREventThresholds()


@dataclasses.dataclass(frozen=True)
class ZeroSpan:
    start: float
    end: float
    points: int
    fraction: float          # of the LR curve's step span
    at_end: bool             # reaches the last logged LR point
    at_start: bool = False   # starts at the first logged LR point (a warmup from 0)


@dataclasses.dataclass(frozen=True)
class LREvents:
    """What the LR did, in steps of the experiment's axis."""

    start: float
    end: float
    peak: float
    warmup_end: Optional[float]
    restarts: Tuple[float, ...]
    restart_count: int
    cuts: Tuple[Tuple[float, float], ...]   # (step, factor)
    cut_count: int
    zero_spans: Tuple[ZeroSpan, ...]
    cycles: int
    range_test: bool
    decades: float            # log10(max / min positive LR)

    @property
    def span(self) -> float:
        return max(self.end - self.start, 0.0)

    @property
    def only_raise(self) -> Optional[float]:
        """The step of the run's one LR raise (a resumed run at a higher LR, a stage raised by
        hand) when the LR restarted exactly once; None otherwise (no raise, or a schedule of
        restarts)."""
        return float(self.restarts[0]) if self.restart_count == 1 else None

    def bug_zero_spans(self, th: LREventThresholds = THRESHOLDS) -> List[ZeroSpan]:
        """Zero stretches that are not just a schedule annealed to 0 in its last moments, nor a
        warmup that starts from 0."""
        return [z for z in self.zero_spans
                if not ((z.at_end or z.at_start) and z.fraction <= th.zero_tail)]

    def event_before(self, step: float, tolerance: float) -> Optional[Tuple[str, float]]:
        """The LR event (``"restart"``, ``"warmup"``, ``"cut"``) at or shortly before ``step``
        (within ``tolerance`` steps), the nearest first; None when there is none."""
        best: Optional[Tuple[str, float]] = None
        for kind, steps in (("restart", self.restarts),
                            ("warmup", (self.warmup_end,) if self.warmup_end is not None else ()),
                            ("cut", tuple(s for s, _ in self.cuts))):
            for s in steps:
                if s <= step + 1e-9 and step - s <= tolerance:
                    if best is None or s > best[1]:
                        best = (kind, float(s))
        return best


NO_EVENTS = LREvents(0.0, 0.0, 0.0, None, (), 0, (), 0, (), 0, False, 0.0)


def _runs(mask: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) indices of the runs of True in ``mask``."""
    if mask.shape[0] == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.flatnonzero(d == 1), np.flatnonzero(d == -1)


def _re_rises(logv: np.ndarray, delta: float) -> int:
    """How often ``logv`` starts to rise again by >= ``delta`` after having fallen by
    >= ``delta`` (the valleys of its zigzag). The loop runs over the ends of the monotone
    runs only (a handful for any schedule), found with one vectorised pass."""
    if logv.shape[0] < 3:
        return 0
    d = np.sign(np.diff(logv))
    idx = np.flatnonzero(d != 0)
    if idx.shape[0] == 0:
        return 0
    dd = d[idx]
    change = np.flatnonzero(dd[1:] != dd[:-1])
    ends = np.concatenate([[0], idx[change] + 1, [idx[-1] + 1]])
    xs = logv[ends].tolist()
    direction, ext, hi, lo, valleys = 0, xs[0], xs[0], xs[0], 0
    for v in xs[1:]:
        if direction == 0:
            hi, lo = max(hi, v), min(lo, v)
            if hi - lo >= delta:
                direction, ext = (1 if v == hi else -1), v
        elif direction == 1:
            if v > ext:
                ext = v
            elif ext - v >= delta:
                direction, ext = -1, v
        else:
            if v < ext:
                ext = v
            elif v - ext >= delta:
                direction, ext, valleys = 1, v, valleys + 1
    return valleys


def lr_events(steps: np.ndarray, values: np.ndarray,
              th: LREventThresholds = THRESHOLDS,
              eval_steps: Optional[np.ndarray] = None) -> LREvents:
    """The events of one LR curve (finite points, strictly increasing steps); ``eval_steps``:
    the steps of the validation evaluations (a range test sweeps between them)."""
    steps = np.asarray(steps, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    n = values.shape[0]
    if n == 0:
        return NO_EVENTS
    start, end = float(steps[0]), float(steps[-1])
    span = max(end - start, 0.0)
    peak = float(np.max(values))
    # warmup: the initial rise, up to its own peak (the first local maximum reached after
    # a rise of >= 1/warmup_start_ratio)
    warm: Optional[float] = None
    if n >= 2 and values[0] >= 0:
        falls = np.flatnonzero(np.diff(values) < 0)
        head_end = int(falls[0]) + 1 if falls.shape[0] else n
        head = values[:head_end]
        hp = float(np.max(head))
        # a warmup rises from the start: an LR held at its first value for a tenth of the run
        # and then raised is a new stage (a restart), not a warmup
        rises = np.flatnonzero(np.diff(head) > 0)
        begins = float(steps[int(rises[0])]) - float(steps[0]) if rises.shape[0] else 0.0
        if hp > 0 and values[0] <= th.warmup_start_ratio * hp and int(np.argmax(head)) > 0 \
                and begins <= th.warmup_begin * span:
            j = int(np.argmax(head >= th.warmup_reached * hp))
            warm = float(steps[j])
    prev, cur = values[:-1], values[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        up = (cur > 0) & ((prev == 0) | (cur >= th.restart_factor * prev)) & (prev >= 0)
        # ... to a good part of the top of its rise (the highest LR before the next fall)
        seg = np.concatenate([[0], np.cumsum(np.diff(values) < 0)])
        firsts = np.flatnonzero(np.diff(seg, prepend=-1) > 0)
        top = np.maximum.reduceat(values, firsts)[seg]
        up &= cur >= th.restart_reach * top[1:]
        down = (prev >= th.cut_floor * peak) & (prev > 0) & (cur >= 0) & (cur * th.cut_factor <= prev)
        # a cut is a discrete drop from a level the LR held: the interval before it was flat
        # (a smooth decay towards 0 falls by large ratios in its last steps without a cut)
        held = np.ones(n - 1, dtype=bool)
        held[1:] = values[:-2] <= th.cut_held * values[1:-1]
        down &= held
    # a restart comes after the LR had been decaying: a rise inside the warmup is not one
    if warm is not None:
        up &= steps[1:] > warm
    # the very first positive value after leading zeros is the start of training, not a
    # restart
    first_pos = int(np.argmax(values > 0)) if (values > 0).any() else n
    up &= np.arange(1, n) > first_pos
    ri = np.flatnonzero(up) + 1
    ci = np.flatnonzero(down) + 1
    restarts = tuple(float(x) for x in steps[ri[: th.max_events]])
    cuts = tuple((float(steps[i]), float(values[i - 1] / values[i]) if values[i] > 0
                  else math.inf) for i in ci[: th.max_events])
    zs, ze = _runs(values == 0)
    zero_spans = []
    for a, b in zip(zs.tolist(), ze.tolist()):
        s0, s1 = float(steps[a]), float(steps[b - 1])
        # a zero span lasts until the next logged point (or to the end)
        s_next = float(steps[b]) if b < n else s1
        frac = (s_next - s0) / span if span > 0 else 1.0
        zero_spans.append(ZeroSpan(s0, s1 if b == n else s_next, b - a, frac, b == n, a == 0))
    pos = values[values > 0]
    decades = float(np.log10(np.max(pos) / np.min(pos))) if pos.shape[0] else 0.0
    cycles = 0
    if pos.shape[0] >= 3:
        lv = np.log(np.where(values > 0, values, np.min(pos)))
        cycles = _re_rises(lv, math.log(th.cycle_factor))
    return LREvents(start, end, peak, warm, restarts, int(ri.shape[0]), cuts, int(ci.shape[0]),
                    tuple(zero_spans), cycles,
                    recognise(steps, values, eval_steps=eval_steps) is not None, decades)
