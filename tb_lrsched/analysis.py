"""The verdict engine's entry point: ``analyze(exp) -> report``.

Runs every rule of :mod:`tb_lrsched.engine.registry` on one experiment,
resolves overlaps between verdict kinds, sorts the findings (worst severity
first, then by start step) and adds plain-sentence notes about what could not
be judged. Pure numpy; never raises on any input (a rule that fails is
reported as a note, unless ``strict=True``).
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional, Tuple

import numpy as np

from tb_lrsched.engine import advice
from tb_lrsched.engine.context import Context, prepare
from tb_lrsched.engine.notes import notes as notes_of
from tb_lrsched.engine.registry import KIND_ORDER, RULES
from tb_lrsched.engine.resolve import resolve
from tb_lrsched.model import INFO, SEVERITY_RANK, ExperimentSeries, Series
from tb_lrsched.report import Finding, Recommendation, RunReport, run_report, status_of
from tb_lrsched.rules import divergence

_KIND_RANK = {k: i for i, k in enumerate(KIND_ORDER)}
_UNKNOWN_RANK = 99


def _sort_key(f: Finding) -> Tuple[int, float, int]:
    start = f.get("start_step")
    start = float(start) if isinstance(start, (int, float)) and np.isfinite(start) else float("inf")
    return (-SEVERITY_RANK.get(f.get("severity", ""), 0), start,
            _KIND_RANK.get(f.get("kind", ""), _UNKNOWN_RANK))


def analyze(exp: ExperimentSeries, *, strict: bool = False) -> RunReport:
    """Judge one experiment.

    Returns ``{"status": "healthy"|"warning"|"critical", "findings": [...],
    "notes": [...]}``; findings sorted worst severity first, then by start
    step. Never raises unless ``strict`` (then rule errors propagate).
    """
    with np.errstate(all="ignore"):
        return _analyze(exp, strict)


def _analyze(exp: ExperimentSeries, strict: bool) -> RunReport:
    notes: List[str] = []
    try:
        ctx = prepare(exp)
    except Exception as e:  # malformed input: report, never raise
        if strict:
            raise
        return run_report("healthy", [],
                          ["The series could not be read (%s)." % type(e).__name__])
    findings = _run_rules(ctx, notes, strict)
    for tr, va in exp.loss_parts:
        findings = _merge_part(findings, _judge_part(exp, tr, va, notes, strict), tr.tag)
    for other in exp.other_losses:
        findings = _merge_part(findings, _nonfinite_in(exp, other, strict), other.tag)
    if ctx.framework == advice.RL and ctx.val is None:
        findings, rl_note = _rl_only(findings)
        notes.extend(rl_note)
    try:
        findings = resolve(findings)
        notes = notes_of(exp, ctx, findings) + notes
    except Exception as e:
        if strict:
            raise
        notes.append("Post-processing failed (%s)." % type(e).__name__)
    findings.sort(key=_sort_key)
    rec: Optional[Recommendation] = None
    try:
        findings = advice.harmonise_lr_targets(findings)
        rec = advice.recommend(findings)
    except Exception as e:
        if strict:
            raise
        notes.append("The recommendation could not be formed (%s)." % type(e).__name__)
    return run_report(status_of(findings), findings, notes, rec)


def _run_rules(ctx: Context, notes: List[str], strict: bool) -> List[Finding]:
    findings: List[Finding] = []
    for rule in RULES:
        try:
            findings.extend(rule.detect(ctx))
        except Exception as e:
            if strict:
                raise
            notes.append("The %s check failed on this data (%s) and was skipped."
                         % (rule.id.replace("_", " "), type(e).__name__))
    return findings


# what was logged, not how a loss behaved: the first part already says it for every part
_LOGGING_KINDS = frozenset({"constant_lr", "missing_lr", "missing_validation", "lr_range_test"})


def _context_of(exp: ExperimentSeries, train: Series, val: Optional[Series],
                strict: bool) -> Optional[Context]:
    """The experiment read with ``train`` (and ``val``) as its losses, nothing else beside
    them; None when that cannot be prepared (unless ``strict``)."""
    one = dataclasses.replace(exp, train_loss=train, val_loss=val, train_loss_fine=None,
                              loss_parts=[], other_losses=[])
    try:
        return prepare(one)
    except Exception:
        if strict:
            raise
        return None


def _judge_part(exp: ExperimentSeries, train: Series, val: Optional[Series],
                notes: List[str], strict: bool) -> List[Finding]:
    """The findings of one more part of a detection loss (train/cls_loss beside
    train/box_loss), judged as the loss it is, with its own validation twin."""
    ctx = _context_of(exp, train, val, strict)
    if ctx is None:
        return []
    return [f for f in _run_rules(ctx, notes, strict) if f["kind"] not in _LOGGING_KINDS]


def _nonfinite_in(exp: ExperimentSeries, loss: Series, strict: bool) -> List[Finding]:
    """A loss the roles left aside (an RL run's value loss) that ends in NaN/Inf: the run
    diverged, whichever loss shows it."""
    v = loss.values
    if not v.shape[0] or bool(np.isfinite(v[-1])) or not np.isfinite(v).any():
        return []
    ctx = _context_of(exp, loss, None, strict)
    if ctx is None:
        return []
    try:
        got = divergence.detect(ctx)
    except Exception:
        if strict:
            raise
        return []
    return [f for f in got if "first_nonfinite_step" in f["evidence"]]


def _merge_part(findings: List[Finding], more: List[Finding], tag: str) -> List[Finding]:
    """Add a finding of one more loss (a detection part, or another logged loss ending in
    NaN/Inf) of a kind the run has no finding of, or replace the run's with a more severe one:
    a practitioner reads every loss's chart, and one head that collapses while the other learns
    is a collapse. The message names that loss (``tag``)."""
    out = list(findings)
    for f in more:
        have = [g for g in out if g["kind"] == f["kind"]]
        rank = SEVERITY_RANK[f["severity"]]
        if have and all(SEVERITY_RANK[g["severity"]] >= rank for g in have):
            continue
        out = [g for g in out if g["kind"] != f["kind"]]
        g: Finding = {**f, "message": "On %s: %s" % (tag, f["message"]), "loss_part": tag}
        out.append(g)
    return out


def _rl_only(findings: List[Finding]) -> Tuple[List[Finding], List[str]]:
    """Reinforcement-learning logs: policy / value losses are not meant to fall like a
    supervised loss, so only what is wrong whatever the objective is kept (NaN/Inf, and the
    facts about what was logged)."""
    kept = [f for f in findings if f["severity"] == INFO or
            (f["kind"] == "divergence" and "first_nonfinite_step" in f["evidence"])]
    if len(kept) == len(findings):
        return kept, []
    return kept, ["These logs look like reinforcement learning (policy / value losses): those "
                  "losses are not meant to fall steadily, so only NaN/Inf values were judged."]
