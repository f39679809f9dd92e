"""Plain-sentence notes about what could not be judged, and why.

Too few points for a rule (the rules that need a curve's points declare it
with ``Rule.counted_on``), reservoir-sampled data, a training loss that never
fell or is not positive, and which LR series the verdicts used.
"""

from __future__ import annotations

from typing import List, Optional

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, positive
from tb_lrsched.engine.progress import STALL, never_learned
from tb_lrsched.engine.registry import BY_KIND, RULES
from tb_lrsched.model import ExperimentSeries, Series
from tb_lrsched.report import Finding

_PERCENT = 100
# the learning-rate rule that needs the most training points before the note
_NOTE_MIN_RULE = "lr_too_low"


def _counted_on(curve: str) -> List[str]:
    return [r.id for r in RULES if r.counted_on == curve]


def _count_note(c: Optional[Curve], what: str, rules: List[str]) -> Optional[str]:
    if c is None or not rules:
        return None
    n = len(c)
    # spikes are judged on every point, the other rules on the smoothed curve
    missing = sorted((BY_KIND[r].min_points, r) for r in rules
                     if (n if BY_KIND[r].per_point else c.n_smooth) < BY_KIND[r].min_points)
    if not missing:
        return None
    parts = ", ".join("%s (needs %d)" % (BY_KIND[r].noun, k) for k, r in missing)
    if c.n_smooth < n:
        # bucketed: the noise, not the count, is what limits the judgement
        return ("The %s is too noisy for its length: %d points smooth to only %d reliable "
                "levels, too few to judge %s." % (what.replace("-", " "), n, c.n_smooth, parts))
    return ("Only %d finite %s point%s: too few to judge %s."
            % (n, what, "" if n == 1 else "s", parts))


def notes(exp: ExperimentSeries, ctx: Context, findings: List[Finding]) -> List[str]:
    """The notes of one report (before any note of a failed rule)."""
    found = {f["kind"] for f in findings}
    out: List[str] = []
    if ctx.train is None and ctx.fine is None:
        out.append("No training loss was found: divergence, spikes, oscillation, plateaus "
                   "and slow learning were not judged.")
    elif ctx.train is not None and "divergence" not in found:
        fine_ok = ctx.fine is not None and len(ctx.fine) >= BY_KIND["loss_spike"].min_points
        nt = _count_note(ctx.train, "training-loss",
                         [r for r in _counted_on("train") if r not in found
                          and not (BY_KIND[r].per_point and fine_ok)])
        if nt:
            out.append(nt)
    if ctx.val is not None and "divergence" not in found:
        nv = _count_note(ctx.val, "validation-loss", _counted_on("val"))
        if nv:
            out.append(nv)
    if ctx.val_acc is not None and "divergence" not in found:
        na = _count_note(ctx.val_acc, "validation-accuracy", _counted_on("val_acc"))
        if na:
            out.append(na)
    sampled = [name for name, s in (("training loss", exp.train_loss),
                                    ("batch training loss", exp.train_loss_fine),
                                    ("validation loss", exp.val_loss),
                                    ("learning rate", exp.lr),
                                    ("validation accuracy", exp.val_acc))
               if s is not None and getattr(s, "sampled", False)]
    if sampled:
        out.append("The %s %s reservoir-sampled by TensorBoard (at most 1000 points kept): "
                   "short spikes may be hidden. Use the tb-lrsched CLI, or start TensorBoard "
                   "with --samples_per_plugin=scalars=0, to judge the full data."
                   % (" and ".join(sampled), "was" if len(sampled) == 1 else "were"))
    c = ctx.train_curve()
    if c is not None and c.n_smooth >= BY_KIND[_NOTE_MIN_RULE].min_points and positive(c) and \
            not any(BY_KIND[k].explains_flat_loss for k in found if k in BY_KIND) and \
            "plateau" not in found and never_learned(c):
        out.append("The training loss never fell more than %d%% below its first value: "
                   "either nothing was learned or this is not a supervised loss (e.g. an "
                   "RL policy loss); no plateau verdict is given."
                   % round(_PERCENT * STALL.learned))
    if c is not None and c.n_smooth and not positive(c):
        out.append("The training loss is not always positive (not a supervised loss such as "
                   "cross-entropy or MSE, e.g. an RL objective): spikes, oscillation, plateau, "
                   "slow learning and leakage were not judged.")
    if ctx.lr is not None and ctx.lr_key and ctx.lr_key != "lr" and exp.lr is None:
        out.append("The learning rate was taken from %s." % ctx.lr_key)
    extra = [s for s in (exp.extra_lrs or {}).values() if not same_schedule(ctx, s)]
    if extra and exp.lr is not None:
        # the same schedule logged at another granularity (Keras' epoch_learning_rate next to
        # a per-step LR) is not news; parameter groups with values of their own are
        n = len(extra)
        out.append("%d more learning-rate series with values of %s own %s logged (parameter "
                   "groups); the verdicts use %s." % (n, "its" if n == 1 else "their",
                                                      "was" if n == 1 else "were",
                                                      exp.lr.tag or "the main one"))
    return out


SAME_LR_RTOL = 0.02    # another LR series within 2 % of the main one is the same schedule ...
SAME_LR_FLOOR = 0.05   # ... (near 0: within 2 % of 5 % of the peak)


def same_schedule(ctx: Context, s: Series) -> bool:
    """``s`` holds the main LR's values wherever it was logged: the same schedule at another
    granularity (a coarser series is placed on the step axis only approximately, by wall
    time, so each point is compared with the main LR within half a logging interval)."""
    if ctx.lr is None or len(s) == 0:
        return False
    steps = np.asarray(s.steps, dtype=np.float64)
    vals = np.asarray(s.values, dtype=np.float64)
    ok = np.isfinite(steps) & np.isfinite(vals)
    ok &= (steps >= ctx.lr.steps[0]) & (steps <= ctx.lr.steps[-1])
    if not ok.any():
        return False
    steps, vals = steps[ok], vals[ok]
    half = 0.5 * float(np.median(np.diff(steps))) if steps.shape[0] > 1 else 0.0
    near = np.stack([np.interp(steps + d, ctx.lr.steps, ctx.lr.values)
                     for d in (-half, 0.0, half)])
    lo, hi = near.min(axis=0), near.max(axis=0)
    tol = SAME_LR_RTOL * np.maximum(np.abs(hi), SAME_LR_FLOOR * abs(ctx.lr.peak))
    return bool(np.all((vals >= lo - tol) & (vals <= hi + tol)))
