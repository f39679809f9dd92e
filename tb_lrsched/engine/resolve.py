"""Overlap resolution between rules, driven by the data on the registry.

After every rule ran, each rule that fired removes the findings it explains
(``Rule.drops``: always; ``Rule.drops_from_step``: at or after the start of its own
stretch;
``Rule.drops_unless_critical``: unless a critical finding co-occurs, or the finding is a lasting
loss rather than a bounce -- an accuracy that never came back after an LR raise;
``Rule.drops_declines``: when the finding is a decline from a best that lasts to the end),
and a ``constant_lr`` finding is reworded when findings a fixed LR likely
caused co-occur (``Rule.blame_rank``). A warning explains only findings made on its own loss
(the run's loss, or the same part of a detection loss: ``loss_part``); a critical finding on
any loss explains them all. Presence is judged on the
findings as the rules returned them, before anything is dropped.
"""

from __future__ import annotations

from typing import Any, Dict, List

from tb_lrsched.engine.progress import LR_RESPONSE
from tb_lrsched.engine.registry import BY_KIND, RULES, Rule
from tb_lrsched.engine.text import fmt_lr, join
from tb_lrsched.model import CRITICAL, WARNING
from tb_lrsched.report import Finding

CONSTANT_LR = "constant_lr"


def _step(f: Finding) -> float:
    """A finding's point of interest: its step, else (absent or None) its start."""
    s = f.get("step")
    if s is None:
        s = f["start_step"]
    return s or 0


def _start(f: Finding) -> float:
    """Where a finding's stretch starts (its point of interest when it has none)."""
    s = f.get("start_step")
    return _step(f) if s is None else s


def _lasting(f: Finding) -> bool:
    """A finding that is a lasting loss, not the bounce another finding explains: the
    validation accuracy never came back after an LR raise (its evidence names the raise)."""
    return f["kind"] == "accuracy_drop" and "raise_step" in (f.get("evidence") or {})


def _decline(f: Finding) -> bool:
    """A fall from a best that lasts to the end of the run: the finding's point of interest is
    the start of its stretch (the best), and it measures a drop. Not a sharp fall at one
    evaluation (its point is the fall), not a lasting loss after an LR raise."""
    ev = f.get("evidence") or {}
    return "drop_points" in ev and _step(f) == _start(f) and not _lasting(f)


def _explaining(rule: Rule, mine: List[Finding], f: Finding) -> List[Finding]:
    """The findings of ``rule`` (``mine``) that can explain ``f``: those made on the loss
    ``f`` was made on -- the run's loss, or one part of a detection loss (``loss_part``) --
    for a warning: a box loss that spikes says nothing of a class loss stuck at chance. A
    critical finding on any loss explains them all: the run collapsed, and what its other
    losses did on the way is part of that."""
    if rule.severity == CRITICAL:
        return mine
    return [g for g in mine if g.get("loss_part") == f.get("loss_part")]


def _absorb(f: Finding, gone: List[Finding], rule: Rule) -> Finding:
    """``f`` with what the findings it explains said: their messages appended to its own,
    their evidence under the keys ``rule`` documents (nothing is lost by dropping them)."""
    out = f.copy()
    ev: Dict[str, Any] = dict(f.get("evidence") or {})
    for g in gone:
        out["message"] = "%s %s" % (out["message"], g["message"])
        ev.update({k: v for k, v in (g.get("evidence") or {}).items()
                   if k in rule.evidence and k not in ev})
    out["evidence"] = ev
    return out


def resolve(findings: List[Finding]) -> List[Finding]:
    """Drop what other findings explain; escalate constant_lr."""
    by: Dict[str, List[Finding]] = {}
    for f in findings:
        by.setdefault(f["kind"], []).append(f)
    out = list(findings)
    critical = any(f.get("severity") == CRITICAL for f in findings)
    for rule in RULES:
        mine = by.get(rule.id)
        if not mine:
            continue
        if rule.drops_from_step:
            # from the start of the stretch the finding covers (a divergence: from the best
            # loss on, so the spikes and bounces on its way up are part of it)
            out = [f for f in out
                   if not (f["kind"] in rule.drops_from_step and
                           any(_step(f) >= _start(g) for g in _explaining(rule, mine, f)))]
        if rule.drops:
            out = [f for f in out
                   if f["kind"] not in rule.drops or not _explaining(rule, mine, f)]
        if rule.drops_declines and any(f["kind"] == rule.id for f in out):
            # (only while this rule's own finding stands: one that was dropped explains
            # nothing)
            gone = [f for f in out if f["kind"] in rule.drops_declines and _decline(f)]
            if gone:
                out = [_absorb(f, gone, rule) if f["kind"] == rule.id else f
                       for f in out if not any(f is g for g in gone)]
        if rule.drops_unless_critical and not critical:
            out = [f for f in out
                   if f["kind"] not in rule.drops_unless_critical or _lasting(f)]
    if any(f["kind"] == CONSTANT_LR for f in out):
        problems = [f for f in out if f["kind"] != CONSTANT_LR]
        out = [escalate_constant_lr(f, problems) if f["kind"] == CONSTANT_LR else f
               for f in out]
    return out


def _unmoved_by_lr(f: Finding) -> bool:
    """A finding whose loss did not respond to the LR it was given (dead units, vanishing
    gradients: ``progress.lr_response`` below its bound): not the fixed LR's doing."""
    r = (f.get("evidence") or {}).get("lr_response")
    return r is not None and r < LR_RESPONSE


def escalate_constant_lr(f: Finding, problems: List[Finding]) -> Finding:
    """Reword a constant_lr finding when warning/critical findings co-occur."""
    kinds = [p["kind"] for p in problems if p.get("severity") in (WARNING, CRITICAL)
             and not _unmoved_by_lr(p)]
    kinds = sorted((k for k in dict.fromkeys(kinds)
                    if k in BY_KIND and BY_KIND[k].blame_rank is not None),
                   key=lambda k: BY_KIND[k].blame_rank or 0)
    if not kinds:
        return f
    lr = fmt_lr(f["evidence"].get("lr", float("nan")))
    g: Finding = dict(f)  # type: ignore[assignment]
    g["message"] = ("The LR stayed at %s for the whole run, and the run shows %s: a fixed LR is "
                    "the likely cause." % (lr, join([BY_KIND[k].phrase for k in kinds])))
    advice = {BY_KIND[k].constant_lr_advice for k in kinds}
    if "raise" in advice:
        fix = "raise it about 10x, then add a decay"
    elif "lower" in advice:
        fix = "lower it and add warmup plus a decay"
    else:
        fix = "decay it (cosine, or ReduceLROnPlateau(factor=0.1, patience=3))"
    g["suggestion"] = "Do not keep the LR fixed at %s: %s." % (lr, fix)
    g["evidence"] = dict(f["evidence"], escalated=True)
    return g
