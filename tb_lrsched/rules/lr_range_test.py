"""lr_range_test (info): this run is an LR range test; here is the LR it suggests.

What it measures:
    Whether the learning-rate curve is an LR range test (``lr_find`` in
    fastai and Lightning, torch-lr-finder): the LR rises monotonically and
    roughly exponentially (log LR close to a straight line in the step) over
    at least 2 decades. The training loss is then read against the LR, not the
    step: smoothed with a running median centred on each point (4 % of the
    points, 5 to 51), it gives the steepest descent, fastai's "valley"
    (halfway along the loss's fall in log LR), the half-fall LR (where the
    loss has made half of its fall), the LR of the lowest loss and the
    divergence point (the smoothed loss above 4x its best, or NaN/Inf). The LR finders smooth
    with a moving average (beta 0.98) because they read the loss while the
    sweep runs; read afterwards, a centred median has no lag: the average
    trails a 150-step sweep by about 50 steps, a decade or more of LR, and
    moves every reading to a larger LR.

Why it matters:
    A range test is meant to explode: judged as a training it reads as a
    critical divergence "during warmup" and fails a CI job on the one run that
    did exactly what it should. Read as a range test it answers the question
    it was run for: which peak LR to train with.

Thresholds:
    Recognition: >= 10 LR values, all > 0, non-decreasing (a fall of at most
    1e-6 of the value is rounding), over >= 2 decades, log10 LR within 15 %
    of the decades swept of its least-squares line in the step, and -- where a
    validation loss is logged -- >= 4 LR levels per evaluation made during the
    sweep: a sweep moves the LR every batch and stops far short of an epoch,
    while an LR multiplied by a factor every epoch and evaluated every epoch (a
    decay factor above 1) is a training that `divergence` judges. Reading: the
    centred median above, its slope read across the median's window; the
    steepest descent skips the first 10 % (>= 3) and the last 5 points;
    divergence at smoothed loss > 4x its best so far (or the raw loss above
    that for 3 points in a row); the valley is the fall from 10 % below the
    top to 10 % above the bottom, its LR halfway along it in log LR; the
    half-fall LR is where the loss is half-way from its top to its minimum.
    Suggested max / peak LR: the half-fall LR (else the valley, else the
    steepest), never above the divergence LR / 10 (see
    ``tb_lrsched.engine.range_test.suggest`` for why: the valley sits at the
    start of the steep part on most real range tests). Every number is a
    field of ``RangeTestThresholds``.

    When a run is a range test it gets this finding only: no divergence,
    oscillation, spike, warmup or plateau verdicts; its status is healthy, so
    ``--fail-on`` never trips on it.

Example:
    SGD with momentum on a small digits MLP, LR from 1e-6 to 10 over 150
    steps (``tests/support/lr_trainings.torch_range_test``): the loss is flat
    at ~2.3 until LR ~1e-2, falls to its lowest around 0.4 and explodes past
    1. Evidence ``{"steepest_lr": 0.164, "valley_lr": 0.0857,
    "half_fall_lr": 0.126, "min_loss_lr": 0.434, "divergence_lr": 1.28,
    "suggested_lr": 0.126, "decades_swept": 7}``. Message: *"LR range test
    from 1e-6 to 10 (7 decades): the smoothed loss falls fastest at LR
    1.64e-1, is lowest at 4.34e-1 and diverges at 1.28."* Suggestion: *"Use a
    max / peak LR of about 1.26e-1 (where the loss has made half of its
    fall); stay below 1.28e-1, a tenth of the LR at which the loss
    diverged."*

Fix:
    Nothing to fix: train with the suggested LR as the peak of your schedule
    (one-cycle max LR, warmup target, or constant LR), and rerun the range
    test when the model, batch size or optimizer changes.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine import range_test as RT
from tb_lrsched.engine.context import Context, prepare
from tb_lrsched.engine.curves import Curve, evaluation_steps
from tb_lrsched.engine.spec import Evidence
from tb_lrsched.engine.text import fmt_lr, join
from tb_lrsched.model import ExperimentSeries
from tb_lrsched.report import Finding, finding, json_number

Thresholds = RT.RangeTestThresholds
THRESHOLDS = RT.DEFAULT
# How each reading is named in a sentence ("the half-fall LR 3e-2 is too close to it").
_WORDS = {"half_fall": "half-fall", "valley": "valley", "steepest": "steepest"}
# Points of the (LR, loss, smoothed loss) curve carried in the report.
CURVE_POINTS = 1000

EVIDENCE = {
    "steepest_lr": Evidence("LR where the smoothed loss falls fastest", "LR"),
    "valley_lr": Evidence("LR halfway along the loss's fall in log LR (fastai's valley)", "LR"),
    "half_fall_lr": Evidence("LR where the loss has made half of its fall", "LR"),
    "min_loss_lr": Evidence("LR of the lowest smoothed loss", "LR"),
    "divergence_lr": Evidence("LR at which the loss diverged", "LR",
                              "the smoothed loss passed 4x its best, or the loss became NaN/Inf"),
    "suggested_lr": Evidence("suggested max / peak LR", "LR"),
    "decades_swept": Evidence("decades of LR swept", "",
                              "how many factors of 10 the LR rose over the test"),
    "start_lr": Evidence("first LR", "LR"),
    "end_lr": Evidence("last LR", "LR"),
}


def _raw_loss(c: Curve) -> Tuple[np.ndarray, np.ndarray]:
    """(steps, loss in the user's units) with +inf at the non-finite points."""
    steps = np.concatenate([c.steps, c.bad_steps])
    vals = np.concatenate([c.raw(c.values), np.full(c.bad_steps.shape[0], np.inf)])
    order = np.argsort(steps, kind="stable")
    return steps[order], vals[order]


def _read(ctx: Context, t: RT.RangeTestThresholds
          ) -> Optional[Tuple[RT.RangeTestShape, RT.RangeTestSuggestion, np.ndarray,
                              np.ndarray, np.ndarray]]:
    """(shape, suggestion, steps, LR, loss) when the run is a range test."""
    if ctx.lr is None:
        return None
    shape = RT.recognise(ctx.lr.steps, ctx.lr.values, t, eval_steps=evaluation_steps(ctx.val))
    if shape is None:
        return None
    best: Tuple[np.ndarray, np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0), np.zeros(0))
    for c in (ctx.fine, ctx.train):  # the per-batch loss over an epoch-level one
        if c is None or len(c) + c.bad_steps.shape[0] == 0:
            continue
        st, lv = _raw_loss(c)
        lr_at, loss = RT.pair(ctx.lr.steps, ctx.lr.values, st, lv)
        if lr_at.size > best[1].size:
            inside = st[(st >= ctx.lr.steps[0]) & (st <= ctx.lr.steps[-1])]
            best = (inside, lr_at, loss)
    steps, lr_at, loss = best
    return shape, RT.suggest(lr_at, loss, t), steps, lr_at, loss


def detect(ctx: Context, t: RT.RangeTestThresholds = THRESHOLDS) -> List[Finding]:
    """The lr_range_test finding when the LR curve is a range test."""
    got = _read(ctx, t)
    if got is None:
        return []
    shape, sug, steps, lr_at, _ = got
    ev: Dict[str, Any] = {
        "steepest_lr": sug.steepest_lr, "valley_lr": sug.valley_lr,
        "half_fall_lr": sug.half_fall_lr,
        "min_loss_lr": sug.min_loss_lr, "divergence_lr": sug.divergence_lr,
        "suggested_lr": sug.suggested_lr, "decades_swept": round(shape.decades, 2),
        "start_lr": shape.start_lr, "end_lr": shape.end_lr,
    }
    ev = {k: v for k, v in ev.items() if v is not None}
    head = ("LR range test from %s to %s (%s decades)"
            % (fmt_lr(shape.start_lr), fmt_lr(shape.end_lr), "%.3g" % shape.decades))
    parts = []
    if sug.steepest_lr is not None:
        parts.append("falls fastest at LR %s" % fmt_lr(sug.steepest_lr))
    if sug.min_loss_lr is not None:
        parts.append("is lowest at %s" % fmt_lr(sug.min_loss_lr))
    if sug.divergence_lr is not None:
        parts.append("diverges at %s" % fmt_lr(sug.divergence_lr))
    if parts:
        msg = "%s: the smoothed loss %s." % (head, join(parts))
    else:
        msg = "%s; the loss could not be read against it (%s)." % (head, sug.reason)
    if sug.suggested_lr is None:
        sugg = ("No LR can be suggested from this sweep (%s): log the training loss at every "
                "step of the range test, and start it at an LR low enough that the loss does "
                "not move." % sug.reason)
    else:
        base = sug.reason.replace("_capped", "")
        sugg = "Use a max / peak LR of about %s" % fmt_lr(sug.suggested_lr)
        if sug.reason.endswith("_capped"):
            picked = {"half_fall": sug.half_fall_lr,
                      "valley": sug.valley_lr}.get(base, sug.steepest_lr)
            sugg += (" (a tenth of the LR at which the loss diverged, %s; the %s LR %s is "
                     "too close to it)." % (fmt_lr(sug.divergence_lr or 0.0),
                                            _WORDS.get(base, base), fmt_lr(picked or 0.0)))
        else:
            why = {"half_fall": "where the loss has made half of its fall",
                   "valley": "the middle of the loss's fall, the valley",
                   "steepest": "where the smoothed loss falls fastest"}
            sugg += " (%s)" % why.get(base, base)
            if sug.divergence_lr is not None:
                sugg += ("; stay below %s, a tenth of the LR at which the loss diverged."
                         % fmt_lr(sug.divergence_lr / t.safety_factor))
            else:
                sugg += "."
    at = None
    if sug.suggested_lr is not None and steps.size:
        k = int(np.searchsorted(lr_at, sug.suggested_lr))
        at = float(steps[min(k, steps.size - 1)])
    return [finding("lr_range_test", start_step=shape.first_step, end_step=shape.last_step,
                    step=at, evidence=ev, message=msg, suggestion=sugg)]


def curve(exp: ExperimentSeries, t: RT.RangeTestThresholds = THRESHOLDS
          ) -> Optional[Dict[str, Any]]:
    """The (LR, logged loss, smoothed loss) curve of a range test and its
    marked LRs, for the panel (the report's ``range_test``); None otherwise."""
    got = _read(prepare(exp), t)
    if got is None:
        return None
    _, sug, _, _, loss = got
    n = sug.smoothed.size
    stride = max(1, int(np.ceil(n / CURVE_POINTS)))
    out = {
        "lr": sug.lr[::stride].tolist(),
        "loss": loss[:n][::stride].tolist(),
        "smoothed": sug.smoothed[::stride].tolist(),
        "suggested_lr": sug.suggested_lr,
        "reason": sug.reason,
        "steepest_lr": sug.steepest_lr,
        "valley_lr": sug.valley_lr,
        "half_fall_lr": sug.half_fall_lr,
        "min_loss_lr": sug.min_loss_lr,
        "divergence_lr": sug.divergence_lr,
        "first_nonfinite_lr": sug.first_nonfinite_lr,
    }
    return {k: json_number(v) for k, v in out.items()}
