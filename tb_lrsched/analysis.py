"""The verdict engine's entry point: ``analyze(exp) -> report``.

Runs every detector of :mod:`tb_lrsched.detectors` on one experiment, resolves
overlaps between verdict families, sorts the findings (worst severity first,
then by start step) and adds plain-sentence notes about what could not be
judged. Pure numpy; never raises on any input (a detector that fails is
reported as a note, unless ``strict=True``).
"""

from __future__ import annotations

from typing import List, Optional

import numpy as np

from tb_lrsched import detectors as D
from tb_lrsched.model import SEVERITY_RANK, ExperimentSeries, status_of

KIND_ORDER = D.KIND_ORDER
_KIND_RANK = {k: i for i, k in enumerate(KIND_ORDER)}


def _sort_key(f: dict):
    start = f.get("start_step")
    start = float(start) if isinstance(start, (int, float)) and np.isfinite(start) else float("inf")
    return (-SEVERITY_RANK.get(f.get("severity"), 0), start, _KIND_RANK.get(f.get("kind"), 99))


def _resolve(findings: List[dict]) -> List[dict]:
    """Overlap rules between families (documented in docs/verdicts.md)."""
    by = {}
    for f in findings:
        by.setdefault(f["kind"], []).append(f)
    out = list(findings)
    div = by.get("divergence")
    if div:
        dstep = min(f.get("step", f["start_step"]) for f in div)
        # after a divergence nothing else about the training loss is meaningful
        drop_after = {"loss_spike", "oscillation", "plateau", "lr_too_low",
                      "decay_too_aggressive"}
        out = [f for f in out if not (f["kind"] in drop_after and
                                      (f.get("step", f["start_step"]) or 0) >= dstep)]
        # ... nor is a validation loss rise or accuracy drop: the divergence
        # explains them
        out = [f for f in out if f["kind"] not in ("plateau", "lr_too_low",
                                                   "decay_too_aggressive", "overfitting",
                                                   "accuracy_drop")]
    if by.get("loss_spike") or by.get("oscillation") or by.get("accuracy_drop") or div:
        # an unstable loss (or a validation accuracy that fell) contradicts
        # "raise the LR": do not advise it
        out = [f for f in out if f["kind"] != "lr_too_low"]
    if by.get("oscillation"):
        # a bouncing loss also "stalls"; the bounce is the diagnosis
        out = [f for f in out if f["kind"] not in ("plateau",)]
    const = [f for f in out if f["kind"] == "constant_lr"]
    if const:
        problems = [f for f in out if f["kind"] != "constant_lr"]
        out = [D.escalate_constant_lr(f, problems) if f["kind"] == "constant_lr" else f
               for f in out]
    return out


_RULE_NAMES = {"oscillation": "oscillation", "loss_spike": "loss spikes",
               "lr_too_low": "slow learning", "plateau": "plateaus", "divergence": "divergence",
               "overfitting": "overfitting", "accuracy_drop": "accuracy drops"}


def _count_note(c: Optional[D.Curve], what: str, rules: List[str]) -> Optional[str]:
    if c is None or not rules:
        return None
    n = len(c)
    # spikes are judged on every point, the other rules on the smoothed curve
    missing = sorted((D.MIN_POINTS[r], r) for r in rules
                     if (n if r == "loss_spike" else c.m) < D.MIN_POINTS[r])
    if not missing:
        return None
    parts = ", ".join("%s (needs %d)" % (_RULE_NAMES.get(r, r), k) for k, r in missing)
    if c.m < n:
        # bucketed: the noise, not the count, is what limits the judgement
        return ("The %s is too noisy for its length: %d points smooth to only %d reliable "
                "levels, too few to judge %s." % (what.replace("-", " "), n, c.m, parts))
    return ("Only %d finite %s point%s: too few to judge %s."
            % (n, what, "" if n == 1 else "s", parts))


def _notes(exp: ExperimentSeries, ctx: D.Context, findings: List[dict]) -> List[str]:
    found = {f["kind"] for f in findings}
    notes: List[str] = []
    if ctx.train is None and ctx.fine is None:
        notes.append("No training loss was found: divergence, spikes, oscillation, plateaus "
                     "and slow learning were not judged.")
    elif ctx.train is not None and "divergence" not in found:
        fine_ok = ctx.fine is not None and len(ctx.fine) >= D.MIN_POINTS["loss_spike"]
        nt = _count_note(ctx.train, "training-loss",
                         [r for r in ("oscillation", "loss_spike", "lr_too_low", "plateau",
                                      "divergence") if r not in found
                          and not (r == "loss_spike" and fine_ok)])
        if nt:
            notes.append(nt)
    if ctx.val is not None and "divergence" not in found:
        nv = _count_note(ctx.val, "validation-loss", ["overfitting"])
        if nv:
            notes.append(nv)
    if ctx.val_acc is not None and "divergence" not in found:
        na = _count_note(ctx.val_acc, "validation-accuracy", ["accuracy_drop"])
        if na:
            notes.append(na)
    sampled = [name for name, s in (("training loss", exp.train_loss),
                                    ("batch training loss", exp.train_loss_fine),
                                    ("validation loss", exp.val_loss),
                                    ("learning rate", exp.lr),
                                    ("validation accuracy", exp.val_acc))
               if s is not None and getattr(s, "sampled", False)]
    if sampled:
        notes.append("The %s %s reservoir-sampled by TensorBoard (at most 1000 points kept): "
                     "short spikes may be hidden. Use the tb-lrsched CLI, or start TensorBoard "
                     "with --samples_per_plugin=scalars=0, to judge the full data."
                     % (" and ".join(sampled), "was" if len(sampled) == 1 else "were"))
    c = D._train_curve(ctx)
    if c is not None and c.m >= D.MIN_POINTS["lr_too_low"] and D._positive(c) and \
            not found & {"lr_too_low", "decay_too_aggressive", "divergence", "loss_spike",
                        "oscillation"}:
        first, best = float(c.sm[0]), float(np.min(c.sm))
        if first - best < D.STALL_LEARNED * first and float(np.max(c.sm)) <= first * 1.5:
            notes.append("The training loss never fell more than %d%% below its first value: "
                         "either nothing was learned or this is not a supervised loss (e.g. an "
                         "RL policy loss); no plateau verdict is given."
                         % round(100 * D.STALL_LEARNED))
    if c is not None and c.m and not D._positive(c):
        notes.append("The training loss is not always positive (not a supervised loss such as "
                     "cross-entropy or MSE, e.g. an RL objective): spikes, oscillation, plateau, "
                     "slow learning and leakage were not judged.")
    if ctx.lr is not None and ctx.lr_key and ctx.lr_key != "lr" and exp.lr is None:
        notes.append("The learning rate was taken from %s." % ctx.lr_key)
    if len(exp.extra_lrs or {}) and exp.lr is not None:
        n = len(exp.extra_lrs)
        notes.append("%d more learning-rate series %s logged (parameter groups or another "
                     "granularity); the verdicts use %s." % (n, "was" if n == 1 else "were",
                                                             exp.lr.tag or "the main one"))
    return notes


def analyze(exp: ExperimentSeries, *, strict: bool = False) -> dict:
    """Judge one experiment.

    Returns ``{"status": "healthy"|"warning"|"critical", "findings": [...],
    "notes": [...]}``; findings sorted worst severity first, then by start
    step. Never raises unless ``strict`` (then detector errors propagate).
    """
    with np.errstate(all="ignore"):
        return _analyze(exp, strict)


def _analyze(exp: ExperimentSeries, strict: bool) -> dict:
    notes: List[str] = []
    try:
        ctx = D.prepare(exp)
    except Exception as e:  # malformed input: report, never raise
        if strict:
            raise
        return {"status": "healthy", "findings": [],
                "notes": ["The series could not be read (%s)." % type(e).__name__]}
    findings: List[dict] = []
    for det in D.DETECTORS:
        try:
            findings.extend(det(exp, ctx))
        except Exception as e:
            if strict:
                raise
            notes.append("The %s check failed on this data (%s) and was skipped."
                         % (det.__name__.replace("detect_", "").replace("_", " "),
                            type(e).__name__))
    try:
        findings = _resolve(findings)
        notes = _notes(exp, ctx, findings) + notes
    except Exception as e:
        if strict:
            raise
        notes.append("Post-processing failed (%s)." % type(e).__name__)
    findings.sort(key=_sort_key)
    return {"status": status_of(findings), "findings": findings, "notes": notes}
