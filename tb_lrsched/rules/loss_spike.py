"""loss_spike (warning): sudden, isolated rises of the training loss that recover.

What it measures:
    Isolated sudden rises of the training loss that then recover (the finest
    training curve with enough points is used: per-step loss if logged, else
    the Keras `batch_loss`), and NaN/Inf values between finite ones that the
    run recovered from.

Why it matters:
    Spikes are the early warning of an LR that is at the edge of stability
    (often right at the end of warmup) or of bad batches; a run that spikes
    repeatedly tends to diverge at a larger scale.

Thresholds:
    Combines llm-foundry (loss >= 2x its running mean for several consecutive
    steps) and OLMo (values many sigma from a rolling mean). Local level: for
    long series, the median of the bucket's median and its four neighbours'
    (a spike wider than a bucket does not become the level), or the previous
    bucket's median if higher (the points just before a sharp drop, e.g. a
    step decay, are not spikes); for short series (<= 128 points), the median
    of the two neighbours on each side. The height above the level must reach
    `relative` x |level| (the value is >= 2x the level), `sigmas` of the local
    point noise and `range_fraction` of the level curve's range (which keeps
    near-zero or negative losses from flagging noise). Where the level is
    positive the sigma test is multiplicative -- value >= level x
    exp(6 sigma / level) -- because the minibatch noise of a loss scales with
    the loss and is skewed upwards; additive elsewhere. On series longer than
    `long_series` points, and always on a running-mean batch series (Keras
    `batch_loss` starts every epoch with single-batch values), a spike needs
    `persist_long` consecutive points; on shorter series one point is enough.
    The first `skip_start` of a long run (first point of a short one) is
    exempt (the initial descent), and a rise that lasts to the end is left to
    `divergence`. NaN/Inf values before the first finite value (an artefact of
    the first logged step) are not counted. Positive losses only for the
    height tests. All spikes form one finding: `step` = peak of the largest
    spike, `start_step`/`end_step` = first and last spike. If the largest
    spike lies within max(5 % of the run, half the warmup length) of the end
    of LR warmup, the message says it is *at the warmup peak*.

Example:
    Warmup to 1e-3 over the first 10 % of 20000 steps, a 12-step spike of 3.5x
    right after: *"1 loss spike: the largest at step 2004 (LR 1e-3) jumps to
    7.4 from a level of 1.93 (3.83x), then recovers, right at the warmup
    peak."* -> *"The spike sits at the warmup peak (LR 1e-3 at step 1899):
    lengthen warmup 2-4x or lower the peak LR to about 3.33e-4, and clip
    gradients."*

Fix:
    Longer warmup, lower peak LR (/3), gradient clipping; inspect the batches
    at the spike steps (bad data causes spikes too).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, positive
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.stats import NOISE_WINDOW, neighbour_level, roll_median
from tb_lrsched.engine.text import fmt, fmt_lr, plural
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(8, "training-loss points needed (every point is judged)")
    relative: float = param(1.0, "height >= 1.0 x the local level (the value is >= 2x the level)")
    sigmas: float = param(6.0, "height >= 6 robust sigmas of the local point noise")
    range_fraction: float = param(0.10, "height >= 10 % of the smoothed curve's range")
    persist_long: int = param(3, "consecutive points needed on long series and on a "
                                 "running-mean batch series")
    long_series: int = param(1000, "a series longer than this is long")
    skip_start: float = param(0.02, "the first 2 % of a long run is never a spike")
    warmup_window: float = param(0.05, "a spike within max(5 % of the run, half the warmup) "
                                       "of the warmup end is at the warmup peak")
    peak_lr_divisor: float = param(3.0, "suggested peak LR: 3x lower")


THRESHOLDS = Thresholds()

EVIDENCE = {
    "spikes": Evidence("number of spikes"),
    "peak_step": Evidence("step of the largest spike", "step"),
    "peak_loss": Evidence("loss at the largest spike"),
    "level_before": Evidence("loss level around it", "", "the local smoothed level"),
    "peak_ratio": Evidence("spike height over the level", "x"),
    "peak_sigmas": Evidence("spike height in noise units", "",
                            "how many times the local minibatch noise the spike rises"),
    "nonfinite_points": Evidence("NaN/Inf points the run recovered from"),
    "lr_at_peak": Evidence("LR at the largest spike", "LR"),
    "warmup_end_step": Evidence("end of LR warmup", "step"),
}

_HALF = 0.5

Spikes = Tuple[np.ndarray, np.ndarray, int, float, float, float]


def _source(ctx: Context, t: Thresholds) -> Optional[Curve]:
    """The finest finite training curve with enough points for spikes."""
    best = None
    for c in (ctx.train, ctx.fine):
        if c is not None and len(c) >= t.min_points:
            if best is None or len(c) > len(best):
                best = c
    return best


def _recovered_nonfinite(ctx: Context) -> np.ndarray:
    """Steps of NaN/Inf values between finite ones (the longest such list)."""
    recovered_bad = np.zeros(0)
    for cc in (ctx.train, ctx.fine):
        if cc is not None and cc.bad_steps.shape[0]:
            last_ok = cc.steps[-1] if len(cc) else -np.inf
            first_ok = cc.steps[0] if len(cc) else np.inf
            # NaN/Inf before the first finite value (an initial logging
            # artefact, nothing learned yet) is not an instability.
            rb = cc.bad_steps[(cc.bad_steps > first_ok) & (cc.bad_steps < last_ok)]
            if rb.shape[0] > recovered_bad.shape[0]:
                recovered_bad = rb
    return recovered_bad


def _spikes(ctx: Context, c: Curve, t: Thresholds) -> Optional[Spikes]:
    """(starts, ends, index of the largest peak, its level, height, noise)."""
    n = len(c)
    if c.bucket_size > 1:
        # level of a bucket: the median of its own and its 4 neighbours'
        # medians (a spike wider than a bucket does not become the level),
        # or the previous bucket's if higher (the points before a sharp
        # drop, e.g. at a step decay, are not spikes)
        lvl = roll_median(c.smooth, NOISE_WINDOW)
        lvl[1:] = np.maximum(lvl[1:], c.smooth[:-1])
        counts: Optional[np.ndarray] = np.full(c.n_smooth, c.bucket_size)
        assert counts is not None
        counts[-1] = n - c.bucket_size * (c.n_smooth - 1)
    else:
        # short series: median of the two neighbours on each side; noise
        # = robust spread of the residuals from it (see curves.bucket)
        lvl = neighbour_level(c.values)
        counts = None
    sig_b = c.point_noise
    # range of the spike-free level curve (a huge spike must not hide others)
    rng = float(np.max(lvl) - np.min(lvl))
    # noise term: 6 sigma, read multiplicatively where the level is
    # positive (minibatch noise of a loss scales with the loss: on a log
    # scale, value >= level * exp(6 sigma / level)); additive elsewhere.
    # Computed per bucket, then one comparison per point.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        pos = lvl > 0
        noise_thr = np.where(pos, lvl * np.expm1(t.sigmas * sig_b / np.where(pos, lvl, 1.0)),
                             t.sigmas * sig_b)
    thr = np.maximum(np.maximum(noise_thr, t.relative * np.abs(lvl)), t.range_fraction * rng)
    lim = lvl + thr
    if counts is not None:
        lim = np.repeat(lim, counts)
        i0 = int(np.searchsorted(c.steps, ctx.start + t.skip_start * ctx.span))
    else:
        i0 = 1  # short series: only the very first point is exempt
    idx = np.flatnonzero(c.values[i0:] >= lim[i0:]) + i0
    # a running-mean batch series (Keras batch_loss) starts every epoch
    # with single-batch values: never trust one point of it
    persist = t.persist_long if (n > t.long_series or c is ctx.fine) else 1
    if not idx.shape[0]:
        return None
    brk = np.flatnonzero(np.diff(idx) > 1)
    starts = idx[np.concatenate([[0], brk + 1])]
    ends = idx[np.concatenate([brk, [idx.shape[0] - 1]])] + 1  # exclusive
    keep = (ends - starts) >= persist
    keep &= ends < n  # a rise that lasts to the end is not a spike
    run_of = np.zeros(idx.shape[0], dtype=np.int64)
    run_of[brk + 1] = 1
    pts = idx[keep[np.cumsum(run_of)]]  # the points of the kept spikes
    starts, ends = starts[keep], ends[keep]
    if not starts.shape[0]:
        return None
    # level and noise at each point of the kept spikes only
    bidx = np.minimum(pts // c.bucket_size, c.n_smooth - 1) if counts is not None else pts
    hts = c.values[pts] - lvl[bidx]
    j = int(np.argmax(hts))
    return (starts, ends, int(pts[j]), float(lvl[bidx[j]]), float(hts[j]),
            float(sig_b[bidx[j]]))


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """Isolated rises to >= 2x the local level (and >= 6 sigma) that recover
    (positive losses), plus NaN/Inf values the run recovered from (any loss)."""
    c = _source(ctx, t)
    recovered_bad = _recovered_nonfinite(ctx)
    found = None
    if c is not None and positive(c):  # "2x the level" needs a positive level
        found = _spikes(ctx, c, t)
    n_sp = int(found[0].shape[0]) if found is not None else 0
    if n_sp == 0 and recovered_bad.shape[0] == 0:
        return []
    ev: Dict[str, Any] = {}
    if found is not None and c is not None:
        starts, ends, loc, level, height, sig_loc = found
        peak_step = float(c.steps[loc])
        ev.update(spikes=n_sp, peak_step=peak_step, peak_loss=c.raw(c.values[loc]),
                  level_before=c.raw(level),
                  peak_ratio=(float(c.values[loc]) / level) if level > 0 else None,
                  peak_sigmas=(height / sig_loc) if sig_loc > 0 else None)
        first_step = float(c.steps[starts[0]])
        last_step = float(c.steps[ends[-1] - 1])
    else:
        peak_step = float(recovered_bad[0])
        first_step, last_step = float(recovered_bad[0]), float(recovered_bad[-1])
    if recovered_bad.shape[0]:
        ev["nonfinite_points"] = int(recovered_bad.shape[0])
        first_step = min(first_step, float(recovered_bad[0]))
        last_step = max(last_step, float(recovered_bad[-1]))
    lr_txt, sugg = "", ("Lower the peak LR (about 2-3x), lengthen warmup, and clip gradients "
                        "(clipnorm=1.0); check the data at the spike steps for bad batches.")
    at_warmup = False
    if ctx.lr is not None:
        lr_pk = ctx.lr.at(peak_step)
        ev["lr_at_peak"] = lr_pk
        lr_txt = " (LR %s)" % fmt_lr(lr_pk)
        w = ctx.lr.warmup_end
        if w is not None:
            tol = max(t.warmup_window * ctx.span, _HALF * (w - ctx.start))
            at_warmup = abs(peak_step - w) <= tol
            ev["warmup_end_step"] = w
        if at_warmup and w is not None:
            sugg = ("The spike sits at the warmup peak (LR %s at %s): lengthen warmup 2-4x "
                    "or lower the peak LR to about %s, and clip gradients."
                    % (fmt_lr(ctx.lr.peak), where(ctx, w),
                       fmt_lr(ctx.lr.peak / t.peak_lr_divisor)))
        else:
            sugg = ("LR was %s at the spike; lower the peak LR to about %s or add warmup, "
                    "clip gradients (clipnorm=1.0), and check the batches at %s."
                    % (fmt_lr(lr_pk), fmt_lr(ctx.lr.peak / t.peak_lr_divisor),
                       where(ctx, peak_step)))
    if n_sp:
        r = ev.get("peak_ratio")
        msg = ("%d %s: the largest at %s%s jumps to %s from a level of %s%s, "
               "then recovers." % (n_sp, plural(n_sp, "loss spike"), where(ctx, peak_step),
                                   lr_txt, fmt(ev["peak_loss"]), fmt(ev["level_before"]),
                                   (" (%sx)" % fmt(r)) if r else ""))
        if at_warmup:
            msg = msg[:-1] + ", right at the warmup peak."
        if recovered_bad.shape[0]:
            msg += " The loss was also NaN/Inf at %d point(s) but recovered." % \
                recovered_bad.shape[0]
    else:
        msg = ("The training loss was NaN/Inf at %d point(s) (first at %s) but recovered."
               % (recovered_bad.shape[0], where(ctx, recovered_bad[0])))
    return [finding("loss_spike", start_step=first_step, end_step=last_step, step=peak_step,
                    evidence=ev, message=msg, suggestion=sugg)]
