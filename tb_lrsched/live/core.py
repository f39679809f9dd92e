"""Live checks: judge a run while it trains, with the offline engine.

`LiveCore` keeps the scalars a trainer hands it (LR, training loss, batch
loss, validation loss and accuracy) in growable numpy buffers, builds a
`tb_lrsched.model.ExperimentSeries` from them at each check and runs the one
engine entry point, `tb_lrsched.analysis.analyze`. There is no second copy of
any rule here: what this module adds is *when* to check and *when to believe*
a verdict on a run that is not over yet.

When to check (cost). Checks happen at steps that grow geometrically
(`first_check`, then each one `growth` times later, at least `min_gap` steps
apart): a run of N steps gets O(log N) checks, whose total cost is a small
constant times one offline analysis of the whole run. A scheduled check also
waits while the checks so far took more than `max_overhead` (0.2 %) of the
wall time since the first update (plus a quarter of a second of grace), so
a model whose steps are fast compared with an analysis is checked less
often (in wall-clock terms: a check about every 500x the duration of one
analysis) instead of being slowed down.
Between checks an update costs a few array appends and comparisons (about a
microsecond). Two cheap signals, computed once per block of new loss points
(1/8 of the points so far, 8 to 64), bring the next check forward: a
non-finite loss, and the mean of a block climbing above 4x the lowest block
mean so far (the LR finders' "diverged" rule, on block means, not an EMA). Each signal fires once
until it clears, so a noisy run cannot turn it into a check per block.

When to believe (honesty). A verdict that the rest of the run can undo (a
plateau that the next LR drop ends, an overfitting that turns out to be a
bump, a slow start that speeds up, ...) is reported only once it has
persisted: it must be present at every check since it first appeared, over
at least `confirm_checks` checks spanning `confirm_span` x the step where it
first appeared, and, when the planned length of the run is known
(`total_steps`), only after `min_fraction` of it. `divergence` (NaN/Inf or a
loss that exploded and stays there) is reported at the first check that sees
it: it is the finding worth stopping for. Info kinds (`constant_lr`,
`missing_validation`, ...) describe the whole run and are reported only by
the final check (`check(final=True)`, which the callbacks call when training
ends). The final check reports every finding of the offline verdict on the
data seen so far, so at the end of training the live verdict is the offline
one. `benchmarks/live_replay.py` measures how early and how often wrongly the
live checks fire on the labelled corpus (figures in benchmarks/LIVE.md).

What happens with a reported finding: one line on the `tb_lrsched.live`
logger (kind, step, message, fix), the same text handed to `sink` (the
adapters write it as a TensorBoard text summary, tag `lr_health/findings`),
and, opt-in, a stop request (`should_stop`, `stop_reason`) for a critical
finding (`stop_on_critical`) or any of the kinds in `stop_on`.

This module imports numpy and tb_lrsched only: no framework.
"""

from __future__ import annotations

import logging
import math
import time
from array import array
from typing import Any, Callable, Dict, Iterable, List, Optional

import numpy as np

from tb_lrsched.analysis import analyze
from tb_lrsched.data import clean, drop_orphans
from tb_lrsched.model import CRITICAL, INFO, KINDS, ExperimentSeries, Series

logger = logging.getLogger("tb_lrsched.live")

TEXT_TAG = "lr_health/findings"

# Reported at the first check that sees them.
IMMEDIATE = frozenset({"divergence"})
# Describe the whole run: only the final check reports them.
RUN_LEVEL = frozenset(k for k, sev in KINDS.items() if sev == INFO)

# LR-finder divergence signal, kept incrementally (see the module docstring):
# the median of each block of new loss points against 4x the lowest such median.
_WATCH_BLOCK = 64
# Check time the max_overhead budget does not count (the first analysis
# imports and warms the engine; a short run must still be checked).
_BUDGET_GRACE = 0.25
_BLOWUP = 4.0

Sink = Callable[[int, str, str], None]  # (step, tag, markdown text)


class _Buffer:
    """A compact growable (step, value) series: two `array("d")` (8 bytes a
    value, appends in tens of nanoseconds). Restarts and out-of-order steps
    are resolved when the series is built, with the offline data path's own
    `drop_orphans` + `clean` (the value written last wins)."""

    __slots__ = ("steps", "values")

    def __init__(self) -> None:
        self.steps = array("d")
        self.values = array("d")

    def series(self, tag: str) -> Optional[Series]:
        n = min(len(self.steps), len(self.values))
        if not n:
            return None
        s = np.frombuffer(self.steps, dtype=np.float64, count=n).copy()
        v = np.frombuffer(self.values, dtype=np.float64, count=n).copy()
        s, v, w = clean(*drop_orphans(s, v, np.arange(n, dtype=np.float64)))
        return Series(s, v, w, "live", tag)


_ROLES = ("lr", "train_loss", "train_loss_fine", "val_loss", "val_acc", "train_acc")


def _add(steps: array, values: array, step: float, v) -> Optional[float]:
    if v.__class__ is not float:
        try:
            v = float(v)
        except (TypeError, ValueError, RuntimeError):
            return None
    values.append(v)
    steps.append(step)
    return v


def _value(v) -> Optional[float]:
    """A float from a Python/numpy/torch/tf scalar, or None when absent."""
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class LiveCore:
    """The accumulator and the check policy shared by every adapter.

    Args:
        total_steps: planned number of optimisation steps, when known (the
            adapters read it from the trainer); revocable verdicts wait for
            `min_fraction` of it.
        stop_on_critical: request a stop on a critical finding.
        stop_on: warning kinds that also request a stop (e.g. {"overfitting"}).
        first_check, growth, min_gap: the check schedule (steps).
        confirm_checks, confirm_span, min_fraction: the evidence a revocable
            verdict needs before it is reported.
        max_overhead: a scheduled check waits while the checks so far took
            more than this fraction of the wall time since the first update,
            plus 0.25 s (default 0.002 = 0.2 %); None: the step schedule alone.
        sink: `sink(step, tag, text)` receives the findings reported by a check as
            markdown (the adapters write a TensorBoard text summary).
        name: the experiment name used in log lines.
        log_level: level of the one-line log record per finding.
    """

    def __init__(self, *, total_steps: Optional[int] = None, stop_on_critical: bool = False,
                 stop_on: Iterable[str] = (), first_check: int = 20, growth: float = 1.25,
                 min_gap: int = 10, confirm_checks: int = 2, confirm_span: float = 1.5,
                 min_fraction: float = 0.3, max_overhead: Optional[float] = 0.002,
                 sink: Optional[Sink] = None, name: str = "run",
                 log_level: int = logging.WARNING) -> None:
        stop_on = frozenset(stop_on or ())
        unknown = sorted(stop_on - set(KINDS))
        if unknown:
            raise ValueError("unknown finding kind(s) in stop_on: %s (known: %s)"
                             % (", ".join(unknown), ", ".join(sorted(KINDS))))
        if not growth > 1.0:
            raise ValueError("growth must be > 1, got %r" % (growth,))
        if int(first_check) < 1 or int(min_gap) < 1 or int(confirm_checks) < 1:
            raise ValueError("first_check, min_gap and confirm_checks must be >= 1")
        self.total_steps = int(total_steps) if total_steps else None
        self.stop_on_critical = bool(stop_on_critical)
        self.stop_on = stop_on
        self.growth = float(growth)
        self.min_gap = int(min_gap)
        self.confirm_checks = int(confirm_checks)
        self.confirm_span = float(confirm_span)
        self.min_fraction = float(min_fraction)
        self.sink = sink
        self.name = name
        self.log_level = log_level
        self.max_overhead = None if max_overhead is None else float(max_overhead)
        self._t0 = time.perf_counter()
        self._check_time = 0.0
        self._buf: Dict[str, _Buffer] = {r: _Buffer() for r in _ROLES}
        # the (steps, values) arrays in _ROLES order, for update()'s fast path
        self._arrays = tuple(a for r in _ROLES for a in (self._buf[r].steps,
                                                          self._buf[r].values))
        # the loss the divergence signals watch: the training loss, or the
        # batch loss when only that is logged (chosen at the first block)
        self._watched = self._buf["train_loss"].values
        self._watch_from = 0
        self._watch_at = 8
        self._next_check = float(first_check)
        self._urgent = False
        self._level_min = math.inf  # lowest block mean of the loss so far
        self._blown = False         # a block mean above 4x it (edge-triggered)
        self._nonfinite = False    # a non-finite loss seen since the last check
        self._streak: Dict[str, tuple] = {}  # kind -> (first step, consecutive checks)
        self.last_step: Optional[float] = None
        self.reported: Dict[str, dict] = {}  # kind -> the finding as first reported
        self.report: Optional[Dict[str, Any]] = None  # the last check's full engine report
        self.checks = 0
        self._sunk: Optional[tuple] = None  # (step, text) of the last summary written
        self.should_stop = False
        self.stop_reason: Optional[str] = None

    @property
    def findings(self) -> List[dict]:
        """The findings reported so far, in the order they were reported."""
        return list(self.reported.values())

    # -- data ------------------------------------------------------------------

    def update(self, step, *, lr=None, loss=None, val_loss=None, val_acc=None,
               train_acc=None, batch_loss=None) -> None:
        """Record the values logged at `step` (any subset; None = not logged).

        Values are anything `float()` accepts (Python, numpy, 0-d tensors);
        a value that is not is ignored, a NaN/Inf loss is kept (it is data).
        The common case (Python numbers) is a few comparisons and appends.
        """
        if step.__class__ is not float:
            try:
                step = float(step)
            except (TypeError, ValueError):
                return
        if not -math.inf < step < math.inf:
            return
        last = self.last_step
        if last is None:
            self._t0 = time.perf_counter()
            self.last_step = step
        elif step > last:
            self.last_step = step
        b = self._arrays
        # per-step values: Python floats appended inline, anything else via _add
        if lr is not None:
            if lr.__class__ is float:
                b[1].append(lr)
                b[0].append(step)
            else:
                _add(b[0], b[1], step, lr)
        if loss is not None:
            if loss.__class__ is float:
                b[3].append(loss)
                b[2].append(step)
            else:
                _add(b[2], b[3], step, loss)
        if batch_loss is not None:
            if batch_loss.__class__ is float:
                b[5].append(batch_loss)
                b[4].append(step)
            else:
                _add(b[4], b[5], step, batch_loss)
            if self._watched is not b[5]:  # the finest loss logged is the one to watch
                self._watched = b[5]
                self._watch_from = len(b[5]) - 1
                self._watch_at = len(b[5]) + 8
        if val_loss is not None:
            _add(b[6], b[7], step, val_loss)
        if val_acc is not None:
            _add(b[8], b[9], step, val_acc)
        if train_acc is not None:
            _add(b[10], b[11], step, train_acc)
        w = self._watched
        if len(w) >= self._watch_at:
            self._watch()

    def _watch(self) -> None:
        """Divergence signals, once per block of new loss points."""
        w = self._watched
        n = len(w)
        start = self._watch_from
        # blocks of n/8 points (8 to 64): short runs are watched closely too
        self._watch_from = n
        self._watch_at = n + max(8, min(_WATCH_BLOCK, n // 8))
        total = sum(w[start:n])  # C loops over the array slice; NaN/Inf propagate
        if not -math.inf < total < math.inf:
            if not self._nonfinite:
                self._nonfinite = True
                self._urgent = True
            return
        level = total / (n - start)
        if not level > 0:
            return
        self._level_min = min(self._level_min, level)
        blown = level > _BLOWUP * self._level_min
        if blown and not self._blown:
            self._urgent = True
        self._blown = blown

    def experiment(self) -> ExperimentSeries:
        """The data so far, as the engine's input."""
        b = self._buf
        return ExperimentSeries(
            name=self.name, step_unit="step", lr=b["lr"].series("lr"),
            train_loss=b["train_loss"].series("loss"), val_loss=b["val_loss"].series("val_loss"),
            val_acc=b["val_acc"].series("val_acc"), train_acc=b["train_acc"].series("train_acc"),
            train_loss_fine=b["train_loss_fine"].series("batch_loss"))

    # -- checks ----------------------------------------------------------------

    def due(self, step=None) -> bool:
        """True when the schedule (or an urgent signal) asks for a check.

        A scheduled check is postponed while the time spent checking exceeds
        `max_overhead` of the wall time since the first update (urgent ones,
        a non-finite or exploding loss, are not)."""
        if self._urgent:
            return True
        s = self.last_step if step is None else _value(step)
        if s is None or s < self._next_check:
            return False
        if self.max_overhead is not None and self._check_time > _BUDGET_GRACE + \
                self.max_overhead * (time.perf_counter() - self._t0):
            return False
        return True

    def maybe_check(self, step=None) -> List[dict]:
        """Check if due; returns the findings newly reported (often [])."""
        if self._urgent or (self.last_step is not None and self.last_step >= self._next_check):
            if self.due(step):
                return self.check(step)
        return []

    def check(self, step=None, *, final: bool = False) -> List[dict]:
        """Run the engine on the data so far; report what the policy allows.

        Returns the findings reported by this check (each a copy of the
        engine's finding with `live_step`, the step of the check). `final`
        reports every finding of the engine's verdict (the run is over).
        """
        s = self.last_step if step is None else _value(step)
        if s is None:
            s = 0.0
        self._urgent = False
        self._nonfinite = False
        self._next_check = max(s + self.min_gap, s * self.growth)
        if self._blown and "divergence" not in self.reported:
            # the loss is climbing: look again soon (5 % of the run later)
            self._next_check = min(self._next_check, s + max(self.min_gap, 0.05 * s))
        self.checks += 1
        t0 = time.perf_counter()
        report: Dict[str, Any] = dict(analyze(self.experiment()))
        self._check_time += time.perf_counter() - t0
        self.report = report
        present: Dict[str, Dict[str, Any]] = {}
        for f in report.get("findings", []):
            present.setdefault(f["kind"], dict(f))  # worst first: the first is the one to show
        # persistence streaks over consecutive checks
        streak = {}
        for kind in present:
            first, n = self._streak.get(kind, (s, 0))
            streak[kind] = (first, n + 1)
        self._streak = streak
        new = []
        for kind, f in present.items():
            if kind in self.reported:
                continue
            if final or self._believable(kind, s):
                out = dict(f)
                out["live_step"] = int(s) if float(s).is_integer() else s
                if final:
                    out["live_final"] = True
                self.reported[kind] = out
                new.append(out)
        if new:
            self._emit(new, report, int(s))
        return new

    def _believable(self, kind: str, step: float) -> bool:
        if kind in IMMEDIATE:
            return True
        if kind in RUN_LEVEL:
            return False
        first, n = self._streak[kind]
        if n < self.confirm_checks or step < first * self.confirm_span:
            return False
        if self.total_steps and step < self.min_fraction * self.total_steps:
            return False
        return True

    # -- reporting -------------------------------------------------------------

    def _emit(self, new: List[dict], report: dict, step: int) -> None:
        rec = report.get("recommendation") or None
        texts = []
        for f in new:
            rec_text = (rec.get("text") if isinstance(rec, dict) and rec.get("kind") == f["kind"]
                        else None)
            logger.log(self.log_level, "%s", format_line(f, self.name, rec_text))
            texts.append(format_markdown(f, rec_text))
            if not self.should_stop and (
                    (self.stop_on_critical and f.get("severity") == CRITICAL)
                    or f["kind"] in self.stop_on):
                self.should_stop = True
                self.stop_reason = ("tb-lrsched stopped the training at step %s: %s: %s %s"
                                    % (f["live_step"], f["kind"], f.get("message", ""),
                                       f.get("suggestion", ""))).strip()
        if self.sink is not None:
            # TensorBoard shows one value per (tag, step): a second check at
            # the same step (the final one) rewrites that step with both texts
            text = "\n\n---\n\n".join(texts)
            if self._sunk is not None and self._sunk[0] == step:
                text = self._sunk[1] + "\n\n---\n\n" + text
            self._sunk = (step, text)
            try:
                self.sink(step, TEXT_TAG, text)
            except Exception as e:  # a broken writer must not stop the training
                logger.warning("tb-lrsched live: could not write the findings to TensorBoard "
                               "(%s: %s)", type(e).__name__, e)


def _at(f: dict) -> str:
    step = f.get("step", f.get("start_step"))
    if step is None:
        return "whole run"
    end = f.get("end_step")
    if "step" in f or end is None or end == step:
        return "step %s" % step
    return "steps %s-%s" % (step, end)


def format_line(f: dict, name: str = "run", recommendation: Optional[str] = None) -> str:
    """The one log line for a finding: kind, step, message, fix."""
    line = ("tb-lrsched [%s] %s: %s at %s (checked at step %s): %s Fix: %s"
            % (f.get("severity"), name, f["kind"], _at(f), f.get("live_step"),
               f.get("message", ""), f.get("suggestion", "")))
    if recommendation:
        line += " Recommendation: %s" % recommendation
    return line


def format_markdown(f: dict, recommendation: Optional[str] = None) -> str:
    """The text summary for a finding (TensorBoard renders markdown)."""
    text = ("**%s: %s** at %s (seen live at step %s)\n\n%s\n\n*Fix:* %s"
            % (f.get("severity"), f["kind"], _at(f), f.get("live_step"),
               f.get("message", ""), f.get("suggestion", "")))
    if recommendation:
        text += "\n\n*Recommendation:* %s" % recommendation
    return text
