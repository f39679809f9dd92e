"""missing_lr (info): no usable learning-rate series was logged.

What it measures:
    No learning-rate series, or one that holds no finite value (NaN/Inf
    everywhere).

Why it matters:
    Without the LR the schedule cannot be related to the loss: verdicts lose
    their LR numbers and the schedule rules (`constant_lr`,
    `decay_too_aggressive`) cannot run.

Thresholds:
    None: no LR series has a finite value.

Example:
    *"No learning-rate series was logged: the schedule cannot be judged."*

Fix:
    Keras 3's TensorBoard callback writes `epoch_learning_rate`; Lightning:
    `LearningRateMonitor()`; Hugging Face logs `learning_rate`; plain PyTorch:
    `writer.add_scalar("lr", scheduler.get_last_lr()[0], step)`. A series
    that is logged but NaN/0 everywhere is usually a tensor logged instead of
    a float.
"""

from __future__ import annotations

import dataclasses
from typing import List

from tb_lrsched.engine.advice import log_lr
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(0, "nothing needed: it reports an absence")


THRESHOLDS = Thresholds()

EVIDENCE = {
    "points": Evidence("points of the unusable LR series"),
}


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """No LR series with a finite value."""
    if ctx.lr is not None:
        return []
    if ctx.logged_lrs:
        # Logged, but not one finite positive value (NaN/Inf/0 everywhere).
        first = ctx.logged_lrs[0]
        msg = ("The learning-rate series %s holds no finite positive value: the schedule "
               "cannot be judged." % (first.tag or "that was logged"))
        sugg = ("Check how the LR is logged: log a float (e.g. float(optimizer.learning_rate) "
                "or scheduler.get_last_lr()[0]), not a tensor that is NaN or 0 at logging time.")
        return [finding("missing_lr", start_step=ctx.start, end_step=ctx.end,
                        evidence={"points": len(first)}, message=msg, suggestion=sugg)]
    msg = "No learning-rate series was logged: the schedule cannot be judged."
    sugg = log_lr(ctx.framework)
    return [finding("missing_lr", start_step=ctx.start, end_step=ctx.end, evidence={},
                    message=msg, suggestion=sugg)]
