"""The Python API: judge learning-rate schedules from a notebook or a script.

    from tb_lrsched import api
    report = api.check("runs/")                 # a logdir, as for tensorboard --logdir
    report = api.check({"lr": lrs, "train_loss": losses, "val_loss": (val_steps, val_losses)})
    report.status                               # worst status: healthy | warning | critical
    for run in report: print(run.name, run.status, [f.kind for f in run.findings])
    report.to_dataframe()                       # pandas, one row per run (per="finding": per finding)
    api.plot(report.runs[0])                    # matplotlib: losses, LR on its own log axis, findings

The `tb-lrsched check` command is a thin wrapper over :func:`check`; the JSON
it prints is :meth:`Report.to_dict`. The objects also answer ``obj["key"]``
like the report dicts of the HTTP routes.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union

import numpy as np

from tb_lrsched import model, report
from tb_lrsched.baseline import Comparison, Metrics, Regression, compare, curve_metrics
from tb_lrsched.loader import LogdirError

__all__ = ["check", "compare", "plot", "load_json", "Report", "RunReport", "Finding",
           "Recommendation", "Metrics", "Comparison", "Regression", "LogdirError",
           "ABSENCE_KINDS"]

# Findings about something that is absent: they have no place on the step axis.
ABSENCE_KINDS = frozenset({"missing_validation", "missing_lr"})


class _DictAccess:
    """``obj["field"]`` and ``obj.get("field")`` read the dict form."""

    def to_dict(self) -> Dict[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.to_dict().get(key, default)


@dataclasses.dataclass(frozen=True)
class Finding(_DictAccess):
    """One verdict about a run (see docs/verdicts.md for the kinds)."""

    kind: str
    severity: str                       # info | warning | critical
    message: str
    suggestion: str
    start_step: Optional[float] = None
    end_step: Optional[float] = None
    step: Optional[float] = None        # a single step (divergence point, best val step, ...)
    evidence: Dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def about_absence(self) -> bool:
        """True for findings about a missing series (no step range applies)."""
        return self.kind in ABSENCE_KINDS

    @property
    def steps_text(self) -> str:
        """"120-900", "340" or "" (no place on the step axis)."""
        if self.about_absence:
            return ""
        a, b = self.start_step, self.end_step
        if a is None and b is None:
            return "" if self.step is None else "%s" % report.json_number(self.step)
        if a == b or b is None:
            return "%s" % report.json_number(a)
        if a is None:
            return "%s" % report.json_number(b)
        return "%s-%s" % (report.json_number(a), report.json_number(b))

    def to_dict(self) -> Dict[str, Any]:
        d = {"kind": self.kind, "severity": self.severity, "start_step": self.start_step,
             "end_step": self.end_step, "evidence": dict(self.evidence),
             "message": self.message, "suggestion": self.suggestion}
        if self.step is not None:
            d["step"] = self.step
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Finding":
        return cls(kind=str(d["kind"]), severity=str(d.get("severity", "info")),
                   message=str(d.get("message", "")), suggestion=str(d.get("suggestion", "")),
                   start_step=d.get("start_step"), end_step=d.get("end_step"),
                   step=d.get("step"), evidence=dict(d.get("evidence") or {}))


@dataclasses.dataclass(frozen=True)
class Recommendation(_DictAccess):
    """The run-level advice: the finding kind it answers and one sentence."""

    kind: str
    text: str

    def to_dict(self) -> Dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclasses.dataclass
class RunReport(_DictAccess):
    """The verdict on one experiment (a run, or a Keras train/validation pair)."""

    name: str
    status: str                                   # healthy | warning | critical
    findings: List[Finding] = dataclasses.field(default_factory=list)
    notes: List[str] = dataclasses.field(default_factory=list)
    step_unit: str = "step"
    roles: Dict[str, Any] = dataclasses.field(default_factory=dict)
    runs: List[str] = dataclasses.field(default_factory=list)  # TensorBoard runs it reads
    sampled: bool = False
    recommendation: Optional[Recommendation] = None
    metrics: Metrics = dataclasses.field(default_factory=Metrics)
    # the aligned series (None for a report read back from JSON)
    series: Optional[model.ExperimentSeries] = dataclasses.field(default=None, repr=False,
                                                                 compare=False)

    @property
    def top_finding(self) -> Optional[Finding]:
        return self.findings[0] if self.findings else None

    def to_dict(self) -> Dict[str, Any]:
        return {"run": self.name, "status": self.status, "step_unit": self.step_unit,
                "roles": self.roles, "findings": [f.to_dict() for f in self.findings],
                "notes": list(self.notes), "sampled": self.sampled,
                "recommendation": None if self.recommendation is None
                else self.recommendation.to_dict(),
                "runs": list(self.runs), "metrics": self.metrics.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], series=None) -> "RunReport":
        rec = d.get("recommendation")
        return cls(name=str(d.get("run", d.get("name", ""))), status=str(d.get("status", "healthy")),
                   findings=[Finding.from_dict(f) for f in d.get("findings") or []],
                   notes=[str(n) for n in d.get("notes") or []],
                   step_unit=str(d.get("step_unit", "step")), roles=dict(d.get("roles") or {}),
                   runs=list(d.get("runs") or []), sampled=bool(d.get("sampled", False)),
                   recommendation=None if not rec else Recommendation(str(rec.get("kind", "")),
                                                                      str(rec.get("text", ""))),
                   metrics=Metrics.from_dict(d.get("metrics")), series=series)


@dataclasses.dataclass
class Report(_DictAccess):
    """Every experiment of one logdir (or of the arrays given to :func:`check`)."""

    logdir: Optional[str]
    runs: List[RunReport]
    warnings: List[str] = dataclasses.field(default_factory=list)  # unreadable/corrupt files

    def __iter__(self) -> Iterator[RunReport]:
        return iter(self.runs)

    def __len__(self) -> int:
        return len(self.runs)

    def run(self, name: str) -> RunReport:
        for r in self.runs:
            if r.name == name:
                return r
        raise KeyError("no experiment named %r (have: %s)"
                       % (name, ", ".join(r.name for r in self.runs) or "none"))

    @property
    def status(self) -> str:
        worst = model.HEALTHY
        for r in self.runs:
            if model.STATUS_RANK.get(r.status, 0) > model.STATUS_RANK[worst]:
                worst = r.status
        return worst

    def failed(self, fail_on: str = model.CRITICAL) -> bool:
        """True when a finding of severity ``fail_on`` or worse exists."""
        t = model.SEVERITY_RANK[fail_on]
        return any(model.SEVERITY_RANK.get(f.severity, 0) >= t
                   for r in self.runs for f in r.findings)

    def to_dict(self) -> Dict[str, Any]:
        """The document `tb-lrsched check --format json` prints."""
        return {"logdir": self.logdir, "runs": [r.to_dict() for r in self.runs]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Report":
        if not isinstance(d, Mapping) or not isinstance(d.get("runs"), list):
            raise ValueError("not a tb-lrsched report (expected {\"logdir\", \"runs\": [...]})")
        return cls(logdir=d.get("logdir"), runs=[RunReport.from_dict(r) for r in d["runs"]])

    def to_dataframe(self, per: str = "run"):
        """A pandas DataFrame: one row per run (``per="run"``) or per finding
        (``per="finding"``, with the run's name in column ``run``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Report.to_dataframe() needs pandas: pip install pandas "
                              "(or use Report.to_dict() for plain data)") from None
        if per == "run":
            rows = [{"run": r.name, "status": r.status, "findings": len(r.findings),
                     "top_kind": r.top_finding.kind if r.top_finding else None,
                     "top_message": r.top_finding.message if r.top_finding else None,
                     "recommendation": r.recommendation.text if r.recommendation else None,
                     "step_unit": r.step_unit, "best_loss": r.metrics.best,
                     "best_loss_curve": r.metrics.curve, "best_step": r.metrics.best_step,
                     "sampled": r.sampled} for r in self.runs]
            cols = ["run", "status", "findings", "top_kind", "top_message", "recommendation",
                    "step_unit", "best_loss", "best_loss_curve", "best_step", "sampled"]
        elif per == "finding":
            rows = [{"run": r.name, "kind": f.kind, "severity": f.severity,
                     "start_step": None if f.about_absence else f.start_step,
                     "end_step": None if f.about_absence else f.end_step,
                     "step": f.step, "message": f.message, "suggestion": f.suggestion}
                    for r in self.runs for f in r.findings]
            cols = ["run", "kind", "severity", "start_step", "end_step", "step", "message",
                    "suggestion"]
        else:
            raise ValueError("per must be 'run' or 'finding', not %r" % (per,))
        return pd.DataFrame(rows, columns=cols)

    def plot(self, name: Optional[str] = None, ax=None):
        """:func:`plot` of one run (the only one, or the one named)."""
        if name is None:
            if len(self.runs) != 1:
                raise ValueError("this report has %d experiments: name one (%s)"
                                 % (len(self.runs), ", ".join(r.name for r in self.runs[:5])))
            return plot(self.runs[0], ax=ax)
        return plot(self.run(name), ax=ax)


ArrayLike = Any
Source = Union[str, "os.PathLike[str]", model.ExperimentSeries, Mapping[str, Any]]


def _series_of(role: str, value: ArrayLike) -> Optional[model.Series]:
    from tb_lrsched import data

    if value is None:
        return None
    if isinstance(value, model.Series):
        return value
    if isinstance(value, Mapping):
        steps, values = value.get("steps"), value["values"]
    elif isinstance(value, tuple) and len(value) == 2:
        steps, values = value
    else:
        steps, values = None, value
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    s = np.arange(v.size, dtype=np.float64) if steps is None else \
        np.asarray(steps, dtype=np.float64).reshape(-1)
    if s.shape != v.shape:
        raise ValueError("%s: %d steps for %d values" % (role, s.size, v.size))
    s, v, w = data.clean(s, v, np.arange(v.size, dtype=np.float64))
    return model.Series(s, v, w, run="", tag=role)


_ARRAY_ROLES = model.ROLES + ("train_loss_fine",)


def _experiment_of(name: str, arrays: Mapping[str, Any], step_unit: str) -> model.ExperimentSeries:
    unknown = sorted(set(arrays) - set(_ARRAY_ROLES) - {"step_unit"})
    if unknown:
        raise ValueError("unknown series %s; use %s" % (", ".join(map(repr, unknown)),
                                                        ", ".join(_ARRAY_ROLES)))
    exp = model.ExperimentSeries(name=name, step_unit=str(arrays.get("step_unit", step_unit)))
    for role in _ARRAY_ROLES:
        setattr(exp, role, _series_of(role, arrays.get(role)))
    return exp


def _run_report(rec: Mapping[str, Any], exp: Optional[model.ExperimentSeries],
                runs: List[str]) -> RunReport:
    r = RunReport.from_dict(dict(rec, runs=runs), series=exp)
    if exp is not None:
        r.metrics = curve_metrics(exp)
    return r


def _analyse_arrays(exps: List[model.ExperimentSeries]) -> List[RunReport]:
    from tb_lrsched import service

    out = []
    for exp in exps:
        result = service.analyze(exp)
        rec = {"run": exp.name, "status": result["status"], "step_unit": exp.step_unit,
               "roles": {role: None if getattr(exp, role) is None else {"run": "", "tag": role}
                         for role in model.ROLES},
               "findings": result["findings"], "notes": result.get("notes", []),
               "sampled": False, "recommendation": result.get("recommendation")}
        out.append(_run_report(rec, exp, []))
    return out


def _analyse_logdir(logdir: str, overrides, loader_name: str) -> Report:
    from tb_lrsched import loader, service

    loader.check_logdir(logdir)
    warnings = ["cannot read %s (%s); skipped" % (path, why)
                for path, why in loader.unreadable_paths(logdir)]
    with loader.open_provider(logdir, loader_name) as (provider, ctx, eid):
        done = service.check_all_series(provider, ctx, eid, overrides)
        corrupt = loader.read_errors(provider)
    warnings += ["%s in %s; the rest of that file was not read" % (why, path)
                 for path, why in corrupt]
    runs = [_run_report(rec, exp, list(plan.runs)) for plan, exp, rec in done]
    return Report(logdir=logdir, runs=runs, warnings=warnings)


def check(source: Source, *, lr_tag: Optional[str] = None, loss_tag: Optional[str] = None,
          val_loss_tag: Optional[str] = None, val_acc_tag: Optional[str] = None,
          loader: str = "auto", step_unit: str = "step") -> Report:
    """Judge the learning-rate schedule of every experiment in ``source``.

    ``source`` is one of:

    * a logdir (str or path), read at full resolution with TensorBoard's own
      readers (``loader``: "auto", "rust" or "python"); ``*_tag`` are regular
      expressions searched in "run/tag" that override the built-in role names;
    * arrays of one experiment: a mapping with any of ``lr``, ``train_loss``,
      ``val_loss``, ``val_acc``, ``train_acc``, ``train_loss_fine``, each a
      1-D array of values (steps 0, 1, ...), a ``(steps, values)`` pair or a
      ``{"steps": ..., "values": ...}`` mapping, all on one step axis
      (``step_unit`` "step" or "epoch");
    * several experiments: a mapping of name -> such a mapping;
    * a :class:`tb_lrsched.model.ExperimentSeries` (or a list of them).

    Returns a :class:`Report`. Raises :class:`LogdirError` for a missing or
    unreadable logdir and ``ValueError`` for a bad regex or malformed arrays.
    An empty logdir gives a report with no runs (``len(report) == 0``).
    """
    if isinstance(source, model.ExperimentSeries):
        return Report(logdir=None, runs=_analyse_arrays([source]))
    if isinstance(source, (list, tuple)) and all(isinstance(e, model.ExperimentSeries)
                                                 for e in source):
        return Report(logdir=None, runs=_analyse_arrays(list(source)))
    if isinstance(source, Mapping):
        if any(v is not None and (k in _ARRAY_ROLES or k == "step_unit")
               for k, v in source.items()):
            exps = [_experiment_of("experiment", source, step_unit)]
        else:
            exps = []
            for name, arrays in source.items():
                if not isinstance(arrays, Mapping):
                    raise ValueError("experiment %r: expected a mapping of series, got %s"
                                     % (name, type(arrays).__name__))
                exps.append(_experiment_of(str(name), arrays, step_unit))
        return Report(logdir=None, runs=_analyse_arrays(exps))
    if isinstance(source, (str, os.PathLike)):
        from tb_lrsched import service

        overrides = service.overrides_from(lr=lr_tag, train_loss=loss_tag,
                                           val_loss=val_loss_tag, val_acc=val_acc_tag)
        return _analyse_logdir(os.fspath(source), overrides, loader)
    raise TypeError("check() takes a logdir, a mapping of arrays or ExperimentSeries, not %s"
                    % type(source).__name__)


def load_json(path: str) -> Report:
    """A report saved with `tb-lrsched check --format json` (e.g. as a baseline)."""
    import json

    with open(path, encoding="utf-8") as fh:
        try:
            doc = json.load(fh)
        except ValueError as e:
            raise ValueError("%s is not a JSON report (%s)" % (path, e)) from None
    return Report.from_dict(doc)


_SEVERITY_COLORS = {"critical": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}


def plot(run: RunReport, ax=None):
    """Draw one run with matplotlib: training and validation losses on the left
    axis, the learning rate on its own log-scale axis on the right, each finding
    shaded over its step range (or a line at its step). Returns the loss Axes
    (``ax.figure`` is the Figure)."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("plot() needs matplotlib: pip install matplotlib") from None
    exp = run.series
    if exp is None:
        raise ValueError("this report holds no series (read from JSON?): run api.check() on "
                         "the logdir to plot it")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    handles = []
    train = exp.train_loss if exp.train_loss is not None else exp.train_loss_fine
    for s, label, color in ((train, "training loss", "#1f77b4"),
                            (exp.val_loss, "validation loss", "#2ca02c")):
        if s is not None and len(s):
            handles += ax.plot(s.steps, s.values, color=color, lw=1.2, label=label)
    ax.set_xlabel(exp.step_unit)
    ax.set_ylabel("loss")
    if exp.lr is not None and len(exp.lr):
        lr_ax = ax.twinx()
        handles += lr_ax.plot(exp.lr.steps, exp.lr.values, color="#7f7f7f", lw=1.0,
                              ls="--", label="learning rate")
        if np.all(exp.lr.values[np.isfinite(exp.lr.values)] > 0):
            lr_ax.set_yscale("log")
        lr_ax.set_ylabel("learning rate (log)")
    for f in run.findings:
        if f.about_absence:
            continue
        color = _SEVERITY_COLORS.get(f.severity, "#7f7f7f")
        a, b = f.start_step, f.end_step
        if a is not None and b is not None and b > a:
            ax.axvspan(a, b, color=color, alpha=0.12, lw=0)
        at = f.step if f.step is not None else a
        if at is not None:
            ax.axvline(at, color=color, lw=1, alpha=0.8)
            ax.annotate(f.kind, (at, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(2, -10), textcoords="offset points", fontsize=8, color=color)
    ax.set_title("%s: %s" % (run.name, run.status))
    if handles:
        ax.legend(handles, [h.get_label() for h in handles], loc="upper right", fontsize=8)
    return ax
