"""missing_validation (info): no validation loss was logged.

What it measures:
    No validation loss series, or no finite value in it.

Why it matters:
    Without a validation loss, overfitting cannot be judged and the best step
    to stop at cannot be found.

Thresholds:
    None: the series is absent or holds no finite value. The message says
    when only a validation accuracy was logged.

Example:
    *"No validation loss was logged: overfitting cannot be judged (validation
    accuracy only)."*

Fix:
    `validation_data=` in Keras `fit`, or log `val_loss` in the validation
    loop (Lightning: `self.log('val_loss', ...)`).
"""

from __future__ import annotations

import dataclasses
from typing import List

from tb_lrsched.engine.advice import log_validation
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(0, "nothing needed: it reports an absence")


THRESHOLDS = Thresholds()

EVIDENCE: "dict[str, Evidence]" = {}


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """No finite validation-loss point."""
    if ctx.val is not None and len(ctx.val) > 0:
        return []
    has_acc = ctx.val_acc is not None and len(ctx.val_acc) > 0
    msg = ("No validation loss was logged: overfitting cannot be judged%s."
           % (" (validation accuracy only)" if has_acc else ""))
    sugg = log_validation(ctx.framework)
    return [finding("missing_validation", start_step=ctx.start, end_step=ctx.end, evidence={},
                    message=msg, suggestion=sugg)]
