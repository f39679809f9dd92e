"""Baseline comparison: "did this change make training worse?".

``compare(old, new)`` matches the experiments of two reports by name and lists
what got worse in each pair (a :class:`Regression` each):

* ``new_finding``: a finding kind the new run has and the baseline run had not
  (its own severity).
* ``higher_best_loss``: the best validation loss (the training loss when
  either side has no validation loss) rose beyond noise. The noise of a run
  is the robust standard deviation of its curve from one evaluation to the
  next, ``sigma = 1.4826 * MAD(diff(values)) / sqrt(2)`` (insensitive to the
  trend and to a few jumps). The rise must exceed
  ``NOISE_K * sqrt(sigma_old**2 + sigma_new**2)`` (and at least
  ``REL_FLOOR`` of the old best, so two flat curves do not flag rounding).
  Warning; critical when the rise is more than ``CRITICAL_RISE`` of the old
  best or the new curve never has a finite value.
* ``later_best_step``: the step by which the curve made ``NEAR_BEST``
  (95 %) of its improvement from its first value to its best came later by
  more than ``LATER_FRACTION`` of the baseline's time to get there (and more
  than two evaluation intervals). The literal best step (argmin) of a curve
  that ends flat wanders with noise; this one does not. Warning.

The numbers (measured, see docs/api.md): on seven seeds of the same small
training the largest seed-to-seed rise of the best validation loss was 0.71
of the band at ``NOISE_K = 4`` (0.95 at 3); far too high, far too low and
collapsing LRs rose 15 to 61 times the band.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched import model, report

NOISE_K = 4.0
REL_FLOOR = 0.005
CRITICAL_RISE = 0.5
NEAR_BEST = 0.95
LATER_FRACTION = 0.5
UNKNOWN_NOISE_REL = 0.05  # band when a curve is too short to measure its noise

KINDS = ("new_finding", "higher_best_loss", "later_best_step")


@dataclasses.dataclass(frozen=True)
class Metrics:
    """What a baseline comparison reads from one run's loss curve."""

    curve: Optional[str] = None           # "val_loss" or "train_loss"; None: no loss curve
    best: Optional[float] = None          # lowest finite value (inf: no finite value)
    best_step: Optional[float] = None     # where it was reached
    near_best_step: Optional[float] = None  # first step with NEAR_BEST of the improvement made
    noise: Optional[float] = None         # robust step-to-step standard deviation
    first_step: Optional[float] = None
    last_step: Optional[float] = None
    interval: Optional[float] = None      # median spacing between evaluations
    points: int = 0

    def to_dict(self) -> Dict[str, Any]:
        # full precision (a JSON report can be a later run's baseline)
        return {k: (float(v) if isinstance(v, (float, np.floating)) else v)
                for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_dict(cls, d: Optional[dict]) -> "Metrics":
        if not d:
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}

        def num(v):
            if isinstance(v, str):  # "NaN"/"Infinity" from the JSON cleanser
                try:
                    return float(v)
                except ValueError:
                    return None
            return v
        return cls(**{k: (num(v) if k != "curve" else v) for k, v in d.items() if k in names})


def robust_noise(values: np.ndarray) -> Optional[float]:
    """1.4826 * MAD of successive differences / sqrt(2): the standard deviation
    of one evaluation's noise, robust to the trend and to a few jumps."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size < 4:
        return None
    d = np.diff(v)
    return float(1.4826 * np.median(np.abs(d - np.median(d))) / math.sqrt(2.0))


def curve_metrics(exp: model.ExperimentSeries, curve: Optional[str] = None) -> Metrics:
    """Metrics of the validation loss (else the training loss) of one run."""
    if curve is None:
        curve = "val_loss" if exp.val_loss is not None and len(exp.val_loss) else "train_loss"
    s = getattr(exp, curve, None)
    if s is None or not len(s):
        return Metrics()
    steps, values = s.steps, s.values
    ok = np.isfinite(values)
    base: Dict[str, Any] = dict(curve=curve, first_step=float(steps[0]), last_step=float(steps[-1]),
                points=int(len(s)),
                interval=float(np.median(np.diff(steps))) if len(s) > 1 else None)
    if not ok.any():
        return Metrics(best=math.inf, **base)
    st, v = steps[ok], values[ok]
    i = int(np.argmin(v))
    best = float(v[i])
    gain = float(v[0]) - best
    near = int(np.argmax(v <= best + (1.0 - NEAR_BEST) * gain)) if gain > 0 else 0
    return Metrics(best=best, best_step=float(st[i]), near_best_step=float(st[near]),
                   noise=robust_noise(v), **base)


@dataclasses.dataclass(frozen=True)
class Regression:
    """One thing that got worse in a run compared with its baseline."""

    run: str
    kind: str                    # one of KINDS
    severity: str                # info | warning | critical
    message: str
    evidence: Dict[str, Any] = dataclasses.field(default_factory=dict)
    baseline_run: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        d = dataclasses.asdict(self)
        d["evidence"] = {k: report.json_number(v) for k, v in self.evidence.items()}
        return d


@dataclasses.dataclass
class Comparison:
    """The result of :func:`compare`: regressions, matched pairs, notes."""

    baseline: Optional[str]
    pairs: List[Tuple[str, str]]            # (baseline run, new run)
    regressions: List[Regression]
    notes: List[str]

    def for_run(self, name: str) -> List[Regression]:
        return [r for r in self.regressions if r.run == name]

    def failed(self, fail_on: str) -> bool:
        t = model.SEVERITY_RANK[fail_on]
        return any(model.SEVERITY_RANK.get(r.severity, 0) >= t for r in self.regressions)

    def to_dict(self) -> Dict[str, Any]:
        return {"baseline": self.baseline, "pairs": [list(p) for p in self.pairs],
                "regressions": [r.to_dict() for r in self.regressions], "notes": list(self.notes)}


def _fmt(x: Optional[float]) -> str:
    if x is None:
        return "?"
    if not math.isfinite(x):
        return "never finite"
    return "%.4g" % x


def _loss_regressions(name: str, old_name: str, om: Metrics, nm: Metrics,
                      unit: str) -> List[Regression]:
    out: List[Regression] = []
    what = "validation loss" if nm.curve == "val_loss" else "training loss"
    if om.best is None or nm.best is None or not math.isfinite(om.best):
        return out
    if not math.isfinite(nm.best):
        out.append(Regression(name, "higher_best_loss", model.CRITICAL,
                              "The %s never had a finite value; the baseline's best was %s."
                              % (what, _fmt(om.best)),
                              {"curve": nm.curve, "baseline_best": om.best}, old_name))
        return out
    rise = nm.best - om.best
    if om.noise is None or nm.noise is None:
        band = UNKNOWN_NOISE_REL * abs(om.best)
    else:
        band = max(NOISE_K * math.hypot(om.noise, nm.noise), REL_FLOOR * abs(om.best))
    if rise > band:
        rel = rise / abs(om.best) if om.best else math.inf
        sev = model.CRITICAL if rel > CRITICAL_RISE else model.WARNING
        out.append(Regression(
            name, "higher_best_loss", sev,
            "The best %s rose from %s to %s (%+.0f%%), %.1f times the noise band of %s "
            "(%g x the two runs' step-to-step noise)."
            % (what, _fmt(om.best), _fmt(nm.best), 100 * rel, rise / band if band else math.inf,
               _fmt(band), NOISE_K),
            {"curve": nm.curve, "baseline_best": om.best, "best": nm.best, "rise": rise,
             "noise_band": band, "baseline_noise": om.noise, "noise": nm.noise}, old_name))
    if any(r.severity == model.CRITICAL for r in out):
        return out  # the run failed: when it got "near its best" means nothing
    if om.near_best_step is not None and nm.near_best_step is not None and \
            om.first_step is not None and nm.first_step is not None:
        took_old = om.near_best_step - om.first_step
        took_new = nm.near_best_step - nm.first_step
        margin = max(LATER_FRACTION * took_old, 2 * (om.interval or 0))
        if took_new - took_old > margin:
            out.append(Regression(
                name, "later_best_step", model.WARNING,
                "The %s made %d%% of its improvement (first value to best) only by %s %s, "
                "%s %ss later than in the baseline (%s %s)."
                % (what, round(100 * NEAR_BEST), unit, _fmt(nm.near_best_step),
                   _fmt(took_new - took_old), unit, unit, _fmt(om.near_best_step)),
                {"curve": nm.curve, "baseline_near_best_step": om.near_best_step,
                 "near_best_step": nm.near_best_step, "baseline_best_step": om.best_step,
                 "best_step": nm.best_step}, old_name))
    return out


def _match(old, new) -> Tuple[List[Tuple[Any, Any]], List[str]]:
    notes: List[str] = []
    olds = {r.name: r for r in old.runs}
    pairs = [(olds[r.name], r) for r in new.runs if r.name in olds]
    if not pairs and len(old.runs) == 1 and len(new.runs) == 1:
        pairs = [(old.runs[0], new.runs[0])]
        notes.append("The only experiment of each side was compared (%s with baseline %s)."
                     % (new.runs[0].name, old.runs[0].name))
        return pairs, notes
    matched = {n.name for _, n in pairs}
    extra = [r.name for r in new.runs if r.name not in matched]
    gone = [name for name in olds if name not in {o.name for o, _ in pairs}]
    if extra:
        notes.append("Not in the baseline (not compared): %s." % ", ".join(extra[:10]) +
                     (" and %d more" % (len(extra) - 10) if len(extra) > 10 else ""))
    if gone:
        notes.append("In the baseline only: %s." % ", ".join(gone[:10]) +
                     (" and %d more" % (len(gone) - 10) if len(gone) > 10 else ""))
    return pairs, notes


def compare(old, new) -> Comparison:
    """Compare two :class:`tb_lrsched.api.Report` objects (baseline first)."""
    pairs, notes = _match(old, new)
    regs: List[Regression] = []
    for o, n in pairs:
        old_kinds = {f.kind for f in o.findings}
        seen = set()
        for f in n.findings:
            if f.kind in old_kinds or f.kind in seen:
                continue
            seen.add(f.kind)
            regs.append(Regression(n.name, "new_finding", f.severity,
                                   "New %s: %s" % (f.kind, f.message),
                                   {"finding": f.kind}, o.name))
        om, nm = o.metrics, n.metrics
        if om.curve is None and o.series is None and nm.curve is not None:
            notes.append("%s: the baseline report has no loss metrics (saved by an older version "
                         "or without a loss curve); only findings were compared." % n.name)
            continue
        if om.curve and om.curve != nm.curve:
            # one side lacks a validation loss: compare the training losses if both have them
            if o.series is not None and n.series is not None:
                om, nm = curve_metrics(o.series, "train_loss"), curve_metrics(n.series, "train_loss")
            else:
                notes.append("%s: the baseline judged its %s, this run its %s; not compared."
                             % (n.name, om.curve, nm.curve))
                continue
        if o.step_unit != n.step_unit:
            notes.append("%s: steps are %ss here and %ss in the baseline; best steps not compared."
                         % (n.name, n.step_unit, o.step_unit))
            om = dataclasses.replace(om, near_best_step=None)
        regs.extend(_loss_regressions(n.name, o.name, om, nm, n.step_unit))
    regs.sort(key=lambda r: (-model.SEVERITY_RANK.get(r.severity, 0), r.run, KINDS.index(r.kind)))
    return Comparison(getattr(old, "logdir", None), [(o.name, n.name) for o, n in pairs], regs,
                      notes)
