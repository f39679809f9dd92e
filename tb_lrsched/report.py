"""Typed report shapes (TypedDicts: every consumer keeps plain dict access).

* :class:`Finding` -- one verdict (GUIDE section 2);
* :class:`RunReport` -- what :func:`tb_lrsched.analysis.analyze` returns for
  one experiment;
* :class:`ExperimentEntry` / :class:`ExperimentListing` -- the
  ``/experiments`` listing.

:func:`finding` builds a :class:`Finding` with JSON-friendly numbers;
:func:`status_of` gives a run's status from its findings.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, TypedDict

import numpy as np

from tb_lrsched.model import CRITICAL, HEALTHY, STATUS_RANK, WARNING

_INT_EXACT = 2 ** 53


class _FindingBase(TypedDict):
    kind: str
    severity: str
    start_step: Optional[float]
    end_step: Optional[float]
    evidence: Dict[str, Any]
    message: str
    suggestion: str


class Finding(_FindingBase, total=False):
    step: Optional[float]   # the point of interest, when there is one
    loss_part: str          # the part of a detection loss it is about (train/cls_loss)


class Recommendation(TypedDict):
    kind: str               # the finding kind the recommendation is about
    text: str               # one sentence


class _RunReportBase(TypedDict):
    status: str             # "healthy" | "warning" | "critical"
    findings: List[Finding]
    notes: List[str]


class RunReport(_RunReportBase, total=False):
    recommendation: Optional[Recommendation]   # filled by the lead's work; None by default


class TopFinding(TypedDict):
    kind: str
    severity: str
    message: str


class ExperimentEntry(TypedDict):
    """One experiment of the ``/experiments`` listing (service.summaries)."""

    name: str               # the experiment's name (JSON key kept as it is today)
    runs: List[str]         # the TensorBoard runs it is read from
    status: str
    step_unit: str
    roles: Dict[str, Any]
    counts: Dict[str, int]  # findings per severity
    top_finding: Optional[TopFinding]
    sampled: Any
    notes: List[str]


class ExperimentListing(TypedDict):
    experiments: List[ExperimentEntry]


def run_report(status: str, findings: List[Finding], notes: List[str],
               recommendation: Optional[Recommendation] = None) -> RunReport:
    """A run report; ``recommendation`` is None until something recommends."""
    return {"status": status, "findings": findings, "notes": notes,
            "recommendation": recommendation}


def finding(
    kind: str,
    *,
    start_step: Optional[float],
    end_step: Optional[float],
    evidence: Dict[str, Any],
    message: str,
    suggestion: str,
    step: Optional[float] = None,
    severity: Optional[str] = None,
) -> Finding:
    """Build one finding in the report format (GUIDE section 2)."""
    from tb_lrsched.engine.registry import BY_KIND  # the registry imports the rules
    if kind not in BY_KIND:
        raise ValueError("unknown finding kind: %r" % (kind,))
    out: Finding = {
        "kind": kind,
        "severity": severity or BY_KIND[kind].severity,
        "start_step": json_number(start_step),
        "end_step": json_number(end_step),
        "evidence": {k: json_number(v) for k, v in evidence.items()},
        "message": message,
        "suggestion": suggestion,
    }
    if step is not None:
        out["step"] = json_number(step)
    return out


def status_of(findings: List[Finding]) -> str:
    worst = HEALTHY
    for f in findings:
        sev = f.get("severity")
        if sev in (WARNING, CRITICAL) and STATUS_RANK[sev] > STATUS_RANK[worst]:
            worst = sev
    return worst


def json_number(v: Any) -> Any:
    """JSON-friendly scalar: numpy numbers to Python, integral floats to int."""
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, (list, tuple)):
        return [json_number(x) for x in v]
    if isinstance(v, dict):
        return {k: json_number(x) for k, x in v.items()}
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if np.isfinite(f) and f == int(f) and abs(f) < _INT_EXACT:
            return int(f)
        if np.isfinite(f):
            return float("%.6g" % f)
        return f
    return v
