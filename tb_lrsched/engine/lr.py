"""Learning-rate helpers shared by the rules: where a step is, the LR there,
and when the LR collapsed."""

from __future__ import annotations

import dataclasses
import math
from typing import Optional

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.spec import param
from tb_lrsched.engine.text import fmt_lr, fmt_step

_ROUND_STEPS_FROM = 10


@dataclasses.dataclass(frozen=True)
class CollapseThresholds:
    """When the LR counts as having collapsed (shared by several rules)."""

    factor: float = param(10.0, "an LR collapse is a fall to <= peak / 10 after the peak")
    early: float = param(0.50, "a collapse is early when it happens in the first 50 % of the run")


COLLAPSE = CollapseThresholds()


def where(ctx: Context, step: float) -> str:
    """'step 340' or 'epoch 12' (global steps are rounded: a step axis can
    carry epoch-level values at interpolated, fractional positions)."""
    step = float(step)
    if ctx.unit == "step" and math.isfinite(step) and abs(step) >= _ROUND_STEPS_FROM:
        step = float(round(step))
    return "%s %s" % (ctx.unit, fmt_step(step))


def lr_at(ctx: Context, step: float) -> str:
    """The LR at a step, formatted ('' when no LR was logged)."""
    if ctx.lr is None:
        return ""
    return fmt_lr(ctx.lr.at(step))


def collapse_step(ctx: Context, t: CollapseThresholds = COLLAPSE) -> Optional[float]:
    """First step after the peak where the LR fell to <= peak / factor."""
    if ctx.lr is None:
        return None
    return ctx.lr.collapse_step(t.factor)


def early_collapse(ctx: Context, t: CollapseThresholds = COLLAPSE) -> Optional[float]:
    """The collapse step when it lies in the early part of the run, else None."""
    cs = collapse_step(ctx, t)
    if cs is not None and ctx.frac(cs) <= t.early:
        return cs
    return None


def halfway(ctx: Context) -> float:
    """The step half-way through the run (rounded), for 'keep the LR until ...'."""
    return float(round(ctx.start + 0.5 * ctx.span))
