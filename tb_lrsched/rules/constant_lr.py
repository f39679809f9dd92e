"""constant_lr (info): the LR never changed -- no schedule.

What it measures:
    The LR never changed: max - min <= 1e-6 x max
    (`tb_lrsched.engine.context.CONSTANT_RTOL`), over >= 2 logged points.

Why it matters:
    Alone it is informational: a fixed LR is fine for short runs. Next to a
    problem it is usually the cause, and the finding says so (escalation).

Thresholds:
    Relative spread <= 1e-6 over >= `min_points` LR points. **Escalation.**
    When the run also shows oscillation, plateau, overfitting, spikes,
    divergence, accuracy drop or slow learning, the wording is escalated
    (severity stays `info`; evidence `escalated: true`), naming what the run
    shows (*a plateau*, *oscillation*, *loss spikes*, *very slow learning*,
    ... as found); the rewording is done in `tb_lrsched.engine.resolve`.

Example:
    Alone: *"The LR stayed at 3e-4 for the whole run (no schedule)."*
    Escalated: *"The LR stayed at 1e-3 for the whole run, and the run shows
    overfitting: a fixed LR is the likely cause."* -> *"Do not keep the LR
    fixed at 1e-3: decay it (cosine, or ReduceLROnPlateau(factor=0.1,
    patience=3))."*

Fix:
    For longer runs a decay (cosine, step, or ReduceLROnPlateau(factor=0.1))
    usually ends at a lower loss.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt_lr
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(2, "LR points needed")


THRESHOLDS = Thresholds()

EVIDENCE = {
    "lr": Evidence("the LR", "LR"),
    "points": Evidence("LR points logged"),
    "escalated": Evidence("reworded because of other findings", hidden=True),
}


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """The LR never changed (relative spread <= 1e-6): no schedule."""
    if ctx.lr is None or not ctx.lr.constant or ctx.lr.steps.shape[0] < t.min_points:
        return []
    lr = ctx.lr.start
    ev: Dict[str, Any] = {"lr": lr, "points": int(ctx.lr.steps.shape[0])}
    msg = "The LR stayed at %s for the whole run (no schedule)." % fmt_lr(lr)
    sugg = ("Fine for short runs; for longer ones a decay (cosine, step, or "
            "ReduceLROnPlateau(factor=0.1)) usually ends at a lower loss.")
    return [finding("constant_lr", start_step=float(ctx.lr.steps[0]),
                    end_step=float(ctx.lr.steps[-1]), evidence=ev, message=msg,
                    suggestion=sugg)]
