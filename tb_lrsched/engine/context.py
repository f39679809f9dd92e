"""The prepared, canonical view of one experiment that every rule reads.

:func:`prepare` derives it once per experiment: the cleaned, canonically
scaled and smoothed loss and accuracy curves (:mod:`~tb_lrsched.engine.curves`),
the learning-rate curve (:class:`LR`) and the run's step range.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.advice import framework_of
from tb_lrsched.engine.curves import (
    Curve,
    accuracy_curve,
    curve,
    evaluation_steps,
    finite_series,
    is_detection_score,
    loss_scale,
    tag_leaf,
)
from tb_lrsched.engine.evaluations import evaluation_size
from tb_lrsched.engine.lr_events import NO_EVENTS, LREvents, lr_events
from tb_lrsched.model import ExperimentSeries, Series

CONSTANT_RTOL = 1e-6       # an LR whose relative spread is <= this never changed
_TINY = 1e-300


@dataclasses.dataclass(frozen=True)
class LR:
    """The learning-rate curve (finite points only) and its landmarks."""

    steps: np.ndarray
    values: np.ndarray
    peak: float
    peak_step: float
    start: float
    final: float
    constant: bool

    def at(self, step: float) -> float:
        return float(np.interp(step, self.steps, self.values))

    def collapse_step(self, factor: float) -> Optional[float]:
        """First step after the peak from which the LR stays <= peak / factor to the end. An
        LR that comes back above that (a warm restart, a raise) had not collapsed: under SGDR
        the first cycle's low is a phase, not the end of learning."""
        if not self.peak > 0:
            return None
        after = self.steps >= self.peak_step
        high = np.flatnonzero(after & (self.values > self.peak / factor))
        last = int(high[-1]) if high.shape[0] else int(np.argmax(after)) - 1
        if last + 1 >= self.steps.shape[0]:
            return None
        return float(self.steps[last + 1])


@dataclasses.dataclass(frozen=True)
class Context:
    """Read-only inputs of every rule. ``logged_lrs`` are the LR series that
    were logged with at least one point (finite or not), main one first."""

    unit: str
    scale: float
    train: Optional[Curve]
    fine: Optional[Curve]
    val: Optional[Curve]
    val_acc: Optional[Curve]
    train_acc: Optional[Curve]
    lr: Optional[LR]
    lr_key: str
    start: float
    end: float
    logged_lrs: Tuple[Series, ...] = ()
    events: LREvents = NO_EVENTS        # what the LR curve did (restarts, cuts, zero spans, ...)
    framework: Optional[str] = None     # the writer, when the logged names tell
    # a held-out score that rises as the model learns but is no accuracy (a detection mAP):
    # read where no validation accuracy is logged, by the rules that need only "higher is
    # better" (accuracy_drop), not by those that read a chance level or counts
    val_score: Optional[Curve] = None
    score_name: str = ""                # the last part of its tag, as the messages name it

    @functools.cached_property
    def val_examples(self) -> Optional[int]:
        """How many examples the validation accuracy counts (read off its values, once per
        experiment: ``evaluations.evaluation_size``); None without a count-valued accuracy."""
        return None if self.val_acc is None else evaluation_size(self.val_acc.values)

    @property
    def span(self) -> float:
        return max(self.end - self.start, 0.0)

    def frac(self, step: float) -> float:
        """Position of a step in the run, 0..1."""
        if self.span <= 0:
            return 0.0
        return (step - self.start) / self.span

    def per_evaluation(self, c: Curve) -> Optional[float]:
        """How many points of ``c`` were logged per validation evaluation; None without a
        validation loss of >= 2 points to count against (or when ``c`` is that loss). A
        per-epoch curve has ~1, a per-step loss many (each of its points one minibatch)."""
        v = self.val
        if v is None or c is v or len(v) < 2:
            return None
        return len(c) / len(v)

    def course(self, min_points: int) -> Optional[Curve]:
        """The training curve that shows the loss's course: the main one, or -- a run of a few
        epochs whose epoch-level loss has fewer than ``min_points`` smoothed points -- its
        batch-level one (Keras ``batch_loss``, Lightning ``train_loss_step``) when that has
        enough. None when neither has."""
        for c in (self.train, self.fine):
            if c is not None and c.n_smooth >= min_points:
                return c
        return None

    def train_curve(self) -> Optional[Curve]:
        """The main training curve, or the fine one if there is no main one."""
        for c in (self.train, self.fine):
            if c is not None and len(c):
                return c
        return None


def select_lr(exp: ExperimentSeries) -> Tuple[Optional[LR], str]:
    """The LR the verdicts use: the main series, else the first extra one
    (by key) with a finite value; and its name."""
    cand: List[Tuple[str, Series]] = []
    if exp.lr is not None:
        cand.append(("lr", exp.lr))
    for key in sorted(exp.extra_lrs or {}):
        cand.append((key, exp.extra_lrs[key]))
    for key, s in cand:
        steps, vals, _, _ = finite_series(s)
        if steps.shape[0] == 0:
            continue
        i = int(np.argmax(vals))
        peak = float(vals[i])
        lo, hi = float(np.min(vals)), float(np.max(vals))
        constant = bool(hi - lo <= CONSTANT_RTOL * max(abs(hi), abs(lo), _TINY))
        return LR(steps, vals, peak, float(steps[i]), float(vals[0]), float(vals[-1]),
                  constant), (s.tag or key) if key == "lr" else key
    return None, ""


def prepare(exp: ExperimentSeries) -> Context:
    """Derive the canonical, smoothed view every rule reads."""
    tr = finite_series(exp.train_loss)
    fi = finite_series(exp.train_loss_fine)
    va = finite_series(exp.val_loss)
    scale = loss_scale(tr[1], fi[1], va[1])
    train = curve(exp.train_loss, scale, tr)
    fine = curve(exp.train_loss_fine, scale, fi)
    val = curve(exp.val_loss, scale, va)
    lr, lr_key = select_lr(exp)
    lo: List[float] = []
    hi: List[float] = []
    for c in (train, fine, val):
        if c is not None and len(c):
            lo.append(c.steps[0])
            hi.append(c.steps[-1])
        if c is not None and c.bad_steps.shape[0]:
            lo.append(c.bad_steps[0])
            hi.append(c.bad_steps[-1])
    if not lo and lr is not None:
        lo, hi = [lr.steps[0]], [lr.steps[-1]]
    start = float(min(lo)) if lo else 0.0
    end = float(max(hi)) if hi else 0.0
    unit = exp.step_unit if exp.step_unit in ("step", "epoch") else "step"
    logged = tuple(s for s in [exp.lr] + list((exp.extra_lrs or {}).values())
                   if s is not None and len(s) > 0)
    events = lr_events(lr.steps, lr.values, eval_steps=evaluation_steps(val)) \
        if lr is not None else NO_EVENTS
    names = exp.tag_names or tuple("%s/%s" % (s.run, s.tag) for s in exp.all_series())
    acc, score, score_name = accuracy_curve(exp.val_acc), None, ""
    if exp.val_acc is not None and is_detection_score(exp.val_acc.tag):
        acc, score, score_name = None, acc, tag_leaf(exp.val_acc.tag)
    return Context(unit, scale, train, fine, val, acc,
                   accuracy_curve(exp.train_acc), lr, lr_key, start, end, logged, events,
                   framework_of(names), score, score_name)
