"""lr_range_test (info): this run is an LR range test; here is the LR it suggests.

What it measures:
    Whether the learning-rate curve is an LR range test (``lr_find`` in
    fastai and Lightning, torch-lr-finder): the LR rises monotonically and
    roughly exponentially (log LR close to a straight line in the step) over
    at least 2 decades. The training loss is then read against the LR, not the
    step: smoothed with a bias-corrected moving average (beta 0.98, as the LR
    finders do), it gives the steepest descent, the "valley" (the middle of
    the loss's fall), the LR of the lowest loss and the divergence point (the
    smoothed loss above 4x its best, or NaN/Inf).

Why it matters:
    A range test is meant to explode: judged as a training it reads as a
    critical divergence "during warmup" and fails a CI job on the one run that
    did exactly what it should. Read as a range test it answers the question
    it was run for: which peak LR to train with.

Thresholds:
    Recognition: >= 10 LR values, all > 0, non-decreasing (a fall of at most
    1e-6 of the value is rounding), over >= 2 decades, log10 LR within 15 %
    of the decades swept of its least-squares line in the step. Reading: EMA
    beta 0.98; the steepest descent skips the first 10 % (>= 3) and the last
    5 points; divergence at smoothed loss > 4x its best so far (or the raw
    loss above that for 3 points in a row); the valley is
    the fall from 10 % below the top to 10 % above the bottom, its LR halfway
    along it in log LR. Suggested max / peak LR: the valley LR, never above
    the divergence LR / 10 (see ``tb_lrsched.engine.range_test.suggest`` for
    why). Every number is a field of ``RangeTestThresholds``.

    When a run is a range test it gets this finding only: no divergence,
    oscillation, spike, warmup or plateau verdicts; its status is healthy, so
    ``--fail-on`` never trips on it.

Example:
    SGD on a small MLP, LR from 1e-6 to 10 over 150 steps: the loss is flat
    until 1e-4, falls until 3e-2 and is NaN from 3. Evidence
    ``{"steepest_lr": 0.0089, "valley_lr": 0.0032, "min_loss_lr": 0.062,
    "divergence_lr": 0.28, "suggested_lr": 0.0032, "decades_swept": 7}``.
    Message: *"LR range test from 1e-6 to 10 (7 decades): the smoothed loss
    falls fastest at LR 8.84e-3, is lowest at 6.19e-2 and diverges at
    2.82e-1."* Suggestion: *"Use a max / peak LR of about 3.16e-3 (the middle
    of the loss's fall, the valley); stay below 2.82e-2, a tenth of the LR at
    which the loss diverged."*

Fix:
    Nothing to fix: train with the suggested LR as the peak of your schedule
    (one-cycle max LR, warmup target, or constant LR), and rerun the range
    test when the model, batch size or optimizer changes.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine import range_test as RT
from tb_lrsched.model import ExperimentSeries, Series, _num, finding

KIND = "lr_range_test"
THRESHOLDS = RT.DEFAULT
# Points of the (LR, loss, smoothed loss) curve carried in the report.
CURVE_POINTS = 1000

# Evidence keys in plain words (the panel and the CLI show these labels).
EVIDENCE_LABELS = {
    "steepest_lr": "LR where the loss falls fastest",
    "valley_lr": "LR in the middle of the loss's fall (valley)",
    "min_loss_lr": "LR of the lowest smoothed loss",
    "divergence_lr": "LR at which the loss diverged",
    "suggested_lr": "suggested max / peak LR",
    "decades_swept": "decades of LR swept",
    "start_lr": "first LR",
    "end_lr": "last LR",
}


def _fmt_lr(x: float) -> str:
    from tb_lrsched.detectors import fmt_lr
    return fmt_lr(x)


def _lr_series(exp: ExperimentSeries) -> Optional[Series]:
    if exp.lr is not None:
        return exp.lr
    for key in sorted(exp.extra_lrs or {}):
        return exp.extra_lrs[key]
    return None


def _loss_pairs(exp: ExperimentSeries, lr: Series) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(step, LR, loss) for the training-loss series with the most points
    inside the LR's range (per-batch loss over an epoch-level one)."""
    best: Tuple[np.ndarray, np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0), np.zeros(0))
    for s in (exp.train_loss_fine, exp.train_loss):
        if s is None or len(s) == 0:
            continue
        lr_at, loss = RT.pair(lr.steps, lr.values, s.steps, s.values)
        if lr_at.size > best[1].size:
            st = np.asarray(s.steps, dtype=np.float64)
            st = np.sort(st[np.isfinite(st)])
            st = st[(st >= np.nanmin(lr.steps)) & (st <= np.nanmax(lr.steps))]
            best = (st[:lr_at.size], lr_at, loss)
    return best


def detect(exp: ExperimentSeries) -> Tuple[List[dict], Optional[dict]]:
    """([the lr_range_test finding], the curve for the panel) or ([], None)."""
    lr = _lr_series(exp)
    if lr is None:
        return [], None
    shape = RT.recognise(lr.steps, lr.values, THRESHOLDS)
    if shape is None:
        return [], None
    steps, lr_at, loss = _loss_pairs(exp, lr)
    sug = RT.suggest(lr_at, loss, THRESHOLDS)
    ev: Dict[str, object] = {
        "steepest_lr": sug.steepest_lr, "valley_lr": sug.valley_lr,
        "min_loss_lr": sug.min_loss_lr, "divergence_lr": sug.divergence_lr,
        "suggested_lr": sug.suggested_lr, "decades_swept": round(shape.decades, 2),
        "start_lr": shape.start_lr, "end_lr": shape.end_lr,
    }
    head = ("LR range test from %s to %s (%s decades)"
            % (_fmt_lr(shape.start_lr), _fmt_lr(shape.end_lr), "%.3g" % shape.decades))
    parts = []
    if sug.steepest_lr is not None:
        parts.append("falls fastest at LR %s" % _fmt_lr(sug.steepest_lr))
    if sug.min_loss_lr is not None:
        parts.append("is lowest at %s" % _fmt_lr(sug.min_loss_lr))
    if sug.divergence_lr is not None:
        parts.append("diverges at %s" % _fmt_lr(sug.divergence_lr))
    if parts:
        msg = "%s: the smoothed loss %s." % (head, _join(parts))
    else:
        msg = "%s; the loss could not be read against it (%s)." % (head, sug.reason)
    if sug.suggested_lr is None:
        sugg = ("No LR can be suggested from this sweep (%s): log the training loss at every "
                "step of the range test, and start it at an LR low enough that the loss does "
                "not move." % sug.reason)
    else:
        why = {"valley": "the middle of the loss's fall, the valley",
               "steepest": "where the smoothed loss falls fastest"}
        base = sug.reason.replace("_capped", "")
        sugg = "Use a max / peak LR of about %s" % _fmt_lr(sug.suggested_lr)
        if sug.reason.endswith("_capped"):
            sugg += (" (a tenth of the LR at which the loss diverged, %s; the %s LR %s is "
                     "too close to it)" % (_fmt_lr(sug.divergence_lr or 0.0), base,
                                           _fmt_lr((sug.valley_lr if base == "valley"
                                                    else sug.steepest_lr) or 0.0)))
            sugg += "."
        else:
            sugg += " (%s)" % why.get(base, base)
            if sug.divergence_lr is not None:
                sugg += ("; stay below %s, a tenth of the LR at which the loss diverged."
                         % _fmt_lr(sug.divergence_lr / THRESHOLDS.safety_factor))
            else:
                sugg += "."
    at = None
    if sug.suggested_lr is not None and steps.size:
        k = int(np.searchsorted(lr_at, sug.suggested_lr))
        at = float(steps[min(k, steps.size - 1)])
    f = finding(KIND, start_step=shape.first_step, end_step=shape.last_step, step=at,
                evidence=ev, message=msg, suggestion=sugg)
    f["evidence"] = {k: v for k, v in f["evidence"].items() if v is not None}
    n = sug.smoothed.size
    stride = max(1, int(np.ceil(n / CURVE_POINTS)))
    curve = {
        "lr": sug.lr[::stride].tolist(),
        "loss": loss[:n][::stride].tolist(),
        "smoothed": sug.smoothed[::stride].tolist(),
        "suggested_lr": sug.suggested_lr,
        "reason": sug.reason,
        "steepest_lr": sug.steepest_lr,
        "valley_lr": sug.valley_lr,
        "min_loss_lr": sug.min_loss_lr,
        "divergence_lr": sug.divergence_lr,
        "first_nonfinite_lr": sug.first_nonfinite_lr,
    }
    return [f], {k: _num(v) for k, v in curve.items()}


def _join(words: List[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
