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
    Combines two habits of large-model training: loss >= 2x its running level for several
    steps, and values many sigma from a rolling level. The level a point is measured against
    is the lowest running level (5-point running median of the smoothed curve) over the
    trailing tenth of the run, so a spike up to `max_width` of the run wide -- the dozens of
    steps an LR warm restart throws the loss up for -- does not become its own level; just
    after a sharp fall (a step decay) it is the level before the fall (the points before a
    cut are no spikes). The height above the level must reach `relative` x |level| (the
    value is >= 2x the level), `sigmas` of the local point noise (the noise before the
    spike; on an epoch-level positive loss -- logged < `per_eval` times per validation
    evaluation -- the smaller of that and its points' noise relative to their own level,
    ``tb_lrsched.engine.noise.relative_point_noise``: a per-epoch loss that spans decades
    has one absolute noise set by its highest epochs, while a per-step loss near 0 has
    heavy-tailed minibatch noise) and
    `range_fraction` of the level curve's range. A spike comes back: within a tenth of the
    run its smoothed curve is back at least `back_to` of the way from its threshold to the
    level before it (a loss that steps up and stays up, as when augmentation is switched on
    mid-run, is no spike). Where the level is positive the
    sigma test is multiplicative -- value >= level x exp(6 sigma / level) -- because the
    minibatch noise of a loss scales with the loss; additive elsewhere. A spike must come
    back below its threshold within `max_width` of the run (a jump that stays up is
    `divergence`'s business) and not last to the end -- except a jump of the run's last
    `end_points` points (an LR raised for the last epoch): the run ended before it could
    come back, and nothing else reports a loss that jumps 10x at the very end. Nor is the
    first fall one: points above the threshold from the run's first point on, never
    (1 + `relative`)x above where the run started, are a loss that has not come down yet (a
    fall of decades inside the first bucket of a coarse, noisy series puts its level far
    below them). On a
    running-mean batch series (Keras `batch_loss` starts every epoch with single-batch
    values) it needs `persist_long` consecutive points. On a per-step series longer than
    `long_series` points, points above the threshold no more than `cluster_gap` of the run
    apart form one excursion (noise dips parts of a wide spike below it), and an excursion
    of fewer than `persist_long` points, or one whose points above fill less than `density`
    of its width, must also beat the run's own tail -- 3x the 99.9th
    percentile of its points' height over the level, read below its 5 largest points --
    unless it starts within a tenth of the run after an LR restart, which explains it. On a
    series long enough for a tail of its own (>= `tail_skip` + 1 points above its 99.9th
    percentile: ~6,000 points), the few points (<= `tail_skip`) that stand `tail_margin` x
    that tail above their level count as above the threshold even below 6 sigma: over tens
    of thousands of steps a Gaussian 6 sigma of a wide minibatch band sits above corrupted
    batches that stand 2-3x past the band's top. A
    shorter per-step series (logged >= `per_eval` times per validation evaluation) holds its
    spikes to its own tail too, read at the scale of single points: each point's height over
    its neighbours (the median of the two on each side,
    ``tb_lrsched.engine.noise.neighbour_heights``), so that in a short run whose loss bounces
    2-3x from batch to batch one batch 2.6x its neighbours is noise and a corrupted batch 40x
    them is not (its few coarse buckets and its steep first fall would inflate a tail read
    against the spike level). Right
    after an LR restart the loss is also read at the scale of a wide excursion (medians of
    whole windows of `restart_windows` points of the log loss over the tenth of the run
    after it, against the level and noise of the tenth before it; where the LR restarts
    more than once and nothing shows there, over the first half of the restart's cycle, where
    a longer window fits -- Adam carries a warm restart's large LR into a blow-up that may
    start dozens of steps after it; its rise may be `range_fraction` of the decades a level
    curve spanning >= `log_span` covers instead of that share of its linear range): a restart
    that throws a loss bouncing by a decade from batch to batch up 5x for dozens of steps has
    no single point above the point noise. An epoch-level loss (each point a mean over many batches;
    beside a Keras running-mean batch series it is read instead when it shows what the
    restarts did) is read per LR cycle: a restart that lifts it to >= 2x the epoch that ended
    at the restart, by >= `range_fraction` of the level curve's range (or, for a loss that
    spans >= `log_span`, by that share of its decades: it is read on a log axis), is a spike
    at that restart as long as it comes back (at least `back_to` of the way) before the next restart
    or the end -- such an excursion may span several epochs, more than a tenth of a short
    run, and the cycle, not the run, bounds it. So one corrupted batch that throws the loss up 100x is
    found, while the heavy-tailed minibatch noise of a loss near zero (a point 5x its
    neighbours in a run full of 3x ones) is not. The first `skip_start` of a long run (first
    point of a short one) is exempt -- except a point there that also stands `relative` above
    the run's first value (the first batches settle below where the run started; Adagrad at
    0.5 throwing the loss from 1.38 to 622 at its second step does not). NaN/Inf values before
    the first finite value are not counted; NaN/Inf values between finite ones that are
    skipped steps -- each a single logged point, at most `skipped_share` of the points, with
    no spike of the finite loss -- are an info (a mixed-precision loss scaler skips the step
    whose gradients overflow, and the run carries on unchanged). All spikes form one
    finding: `step` = peak of the largest spike,
    `start_step`/`end_step` = first and last spike. The message says when the largest spike
    sits at the warmup peak (within max(5 % of the run, half the warmup): the warmup of
    ``tb_lrsched.engine.lr_events``, a rise from the start of the run) or starts right
    after an LR restart (within 2 % of the run) -- "after the LR was raised" when the run
    raised its LR only once.

    A setback the validation loss shows is a spike too: after the warmup peak, or after the
    run's only LR raise (not under an LR that cycles, restarts more than once or sweeps),
    the validation loss is thrown up to >= `setback_ratio` x its best before that event (and
    before the setback) at an evaluation within `setback_window` of the run after the event
    -- or, for the warmup, from as early as a spike still counts as at its peak (max(5 % of
    the run, half the warmup) before it: the LR nearing a too-high peak), standing out from the
    evaluations' own scatter outside the setback (on a log scale: how far one evaluation
    stands off the line through its neighbours, ``tb_lrsched.engine.evaluations.line_scatter``;
    a validation loss that bounces 2x all run long is oscillating, not set back) by >=
    `setback_sigmas` of it when >= `setback_evals` evaluations reach `setback_held` x that
    best, by >= `sigmas` for a single evaluation,
    and it later comes back to <= `setback_back` x that best (one that
    stays up is `divergence`'s). Read only when the training loss shows no spike of its
    own: a per-step loss whose batches bounce hides a setback of several epochs, and an
    epoch mean lags it. On the labelled corpus the healthy runs' validation bumps after a
    warmup peak stay below 1.6x, and every run that reaches 2x and comes back is labelled a
    spike or lists it as a possible reading (evidence `curve: "validation"`).

    One hard batch is no LR problem: when the run's only spike is a single logged point, no LR
    event (warmup end, restart, raise, cut) lies within `max_width` of the run before it, and
    it stays below the loss the run started from (the model is still better on that batch
    than it was untrained), the finding is *info*: a hard or mislabelled batch. An LR at the
    edge of stability throws the loss back past where it started, and a corrupted batch
    throws it tens to thousands of times its level (above the start, on the labelled corpus).

Example:
    Warmup to 1e-3 over the first 10 % of 20000 steps, a 12-step spike of 3.5x
    right after: *"1 loss spike: the largest at step 2004 (LR 1e-3) jumps to
    7.4 from a level of 1.93 (3.83x), then recovers, right at the warmup
    peak."* -> *"The spike sits at the warmup peak (LR 1e-3 at step 1899):
    lengthen warmup 2-4x or lower the peak LR to about 3.33e-4, and clip
    gradients."*

Fix:
    Longer warmup, lower peak LR (/3), gradient clipping; inspect the batches
    at the spike steps (bad data causes spikes too). A spike at an LR already below a
    third of the peak -- the run went through higher LRs without one -- gets no LR advice:
    lowering the peak would not reach it; the batches at the spike and clipping are the fix.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.engine import evaluations, noise, restart_spikes
from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import Curve, head_level, positive
from tb_lrsched.engine.lr import where
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr, plural
from tb_lrsched.model import INFO
from tb_lrsched.report import Finding, finding


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(8, "training-loss points needed (every point is judged)")
    relative: float = param(1.0, "height >= 1.0 x the local level (the value is >= 2x the level)")
    sigmas: float = param(6.0, "height >= 6 robust sigmas of the local point noise")
    range_fraction: float = param(0.10, "height >= 10 % of the smoothed curve's range")
    log_span: float = param(100.0, "a loss that spans >= 100x (two decades) is read on a log "
                                   "axis after a restart: its rise may instead be >= "
                                   "`range_fraction` of the decades it spans")
    persist_long: int = param(3, "consecutive points needed on a running-mean batch series, "
                                 "or on a long series unless the excursion beats the run's "
                                 "own tail")
    long_series: int = param(200, "a series longer than this is long")
    density: float = param(0.5, "... where `persist_long` points must be >= half of their "
                                "excursion's width")
    skip_start: float = param(0.02, "the first 2 % of a long run is no spike unless it also "
                                    "stands `relative` above the run's first value")
    warmup_window: float = param(0.05, "a spike within max(5 % of the run, half the warmup) "
                                       "of the warmup end is at the warmup peak")
    peak_lr_divisor: float = param(3.0, "suggested peak LR: 3x lower")
    max_width: float = param(0.10, "a spike is at most a tenth of the run wide and comes back "
                                   "below its threshold within a tenth of the run")
    back_to: float = param(0.5, "... back at least half-way from its threshold to the level "
                                "before it (a loss that steps up and stays there -- "
                                "augmentation switched on -- is no spike)")
    max_runs: int = param(256, "excursions examined for a recovery")
    end_points: int = param(2, "a jump of the run's last 1-2 points is a spike too (the run "
                               "ended before it could recover)")
    restart_windows: Tuple[int, ...] = param((7, 15, 31), "right after an LR restart the loss "
                                                  "is also read on running medians of 7, 15 "
                                                  "and 31 points (a wide excursion in a very "
                                                  "noisy per-step loss)")
    restart_min_points: int = param(10, "... with >= 10 points before and after the restart")
    per_eval: int = param(4, "an epoch-level loss (read against its points' noise relative "
                             "to their level): logged < 4 times per validation evaluation")
    cluster_gap: float = param(0.01, "on a long per-step series, points above the threshold "
                                     "no more than 1 % of the run apart are one excursion")
    setback_ratio: float = param(2.0, "a held-out setback: after the warmup peak or the one LR "
                                      "raise, the validation loss reaches >= 2x its best "
                                      "before it ...")
    setback_window: float = param(0.30, "... within 30 % of the run after that LR event ...")
    setback_evals: int = param(2, "... standing >= `setback_sigmas` of the evaluations' scatter "
                                  "outside the setback above that best when >= 2 evaluations "
                                  "reach `setback_held` x it, >= `sigmas` for a single one ...")
    setback_held: float = param(1.5, "... (1.5x)")
    setback_sigmas: float = param(3.0, "... (3 sigmas)")
    setback_back: float = param(1.2, "... and later comes back to <= 1.2x that best (one that "
                                     "stays up is divergence's)")
    setback_min_evals: int = param(4, "validation evaluations needed for a held-out setback")
    skipped_share: float = param(0.01, "NaN/Inf points the run carried on from, each a single "
                                       "logged point between finite ones, at most 1 % of the "
                                       "points and with no spike of the finite loss: skipped "
                                       "steps (a mixed-precision loss scaler), an info")


THRESHOLDS = Thresholds()

EVIDENCE = {
    "spikes": Evidence("number of spikes"),
    "peak_step": Evidence("step of the largest spike", "step"),
    "peak_loss": Evidence("loss at the largest spike"),
    "initial_loss": Evidence("loss the run started from", "",
                             "a single batch below it is a hard batch, not instability"),
    "level_before": Evidence("loss level around it", "", "the local smoothed level"),
    "peak_ratio": Evidence("spike height over the level", "x"),
    "peak_sigmas": Evidence("spike height in noise units", "",
                            "how many times the local minibatch noise the spike rises"),
    "nonfinite_points": Evidence("NaN/Inf points the run recovered from"),
    "lr_at_peak": Evidence("LR at the largest spike", "LR"),
    "warmup_end_step": Evidence("end of LR warmup", "step"),
    "restart_step": Evidence("LR restart the largest spike starts at", "step"),
    "spikes_at_restarts": Evidence("spikes that start at an LR restart"),
    "suggested_lr": Evidence("suggested LR", "LR", "the LR this finding suggests moving to"),
    "curve": Evidence("curve that spiked", "", "training loss or validation loss"),
    "val_best_before": Evidence("best validation loss before the LR event"),
    "val_back": Evidence("validation loss it came back to"),
    "raise_step": Evidence("LR raise the setback follows", "step"),
}

_HALF = 0.5
_TINY = 1e-300
_EPS = 1e-9
RESTART_WINDOW = 0.02   # a spike starting within 2 % of the run (or 2 buckets) after an LR
RESTART_BUCKETS = 2.0   # restart starts at that restart
_SCATTER_POINTS = 4     # evaluations outside a held-out setback needed to read their scatter

# (starts, ends, index of the largest peak, its level, height, noise, and per excursion the LR
# restart it was read after -- per cycle, or in the tenth right after it; NaN elsewhere)
Spikes = Tuple[np.ndarray, np.ndarray, int, float, float, float, np.ndarray]


def _source(ctx: Context, t: Thresholds) -> Optional[Curve]:
    """The finest finite training curve with enough points for spikes."""
    best = None
    for c in (ctx.train, ctx.fine):
        if c is not None and len(c) >= t.min_points:
            if best is None or len(c) > len(best):
                best = c
    return best


def _recovered_nonfinite(ctx: Context) -> Tuple[np.ndarray, Optional[Curve]]:
    """Steps of NaN/Inf values between finite ones (the longest such list), and the curve
    they are on."""
    recovered_bad, on = np.zeros(0), None
    for cc in (ctx.train, ctx.fine):
        if cc is not None and cc.bad_steps.shape[0]:
            last_ok = cc.steps[-1] if len(cc) else -np.inf
            first_ok = cc.steps[0] if len(cc) else np.inf
            # NaN/Inf before the first finite value (an initial logging
            # artefact, nothing learned yet) is not an instability.
            rb = cc.bad_steps[(cc.bad_steps > first_ok) & (cc.bad_steps < last_ok)]
            if rb.shape[0] > recovered_bad.shape[0]:
                recovered_bad, on = rb, cc
    return recovered_bad, on


def _skipped_steps(on: Optional[Curve], bad: np.ndarray, t: Thresholds) -> bool:
    """NaN/Inf points that are skipped steps: each one logged point with finite ones on both
    sides (no two in a row), at most `skipped_share` of the points. A mixed-precision loss
    scaler skips the step whose gradients overflow and carries on; the caller checks that the
    finite loss shows no spike of its own around them."""
    if on is None or not bad.shape[0] or bad.shape[0] > t.skipped_share * (len(on) + bad.shape[0]):
        return False
    finite_before = np.searchsorted(on.steps, bad)  # finite points logged before each one
    return not bool(np.any(np.diff(finite_before) == 0))


def _per_evaluation(ctx: Context, c: Curve, t: Thresholds) -> bool:
    """An epoch-level curve: logged fewer than `per_eval` times per validation evaluation
    (each point an average over many batches), or per epoch when no validation is logged."""
    per = ctx.per_evaluation(c)
    return ctx.unit == "epoch" if per is None else per < t.per_eval


def _beyond_the_band(c: Curve, lvl_pt: np.ndarray, tail: float) -> np.ndarray:
    """The points of a long per-step series that stand far beyond its own band: at >=
    `tail_margin` x the run's tail (the height its ordinary points reach, read below its
    `tail_skip` largest: ``noise.tail_height``), when no more than `tail_skip` points do -- the
    few the tail was read below. Over tens of thousands of steps a Gaussian 6 sigma of a wide
    minibatch band can sit above a corrupted batch that stands 2-3x past the band's top; a
    run whose excursions are many (an LR that keeps throwing the loss up) has a heavy tail of
    its own and gets none."""
    none = np.zeros(len(c), dtype=bool)
    nt = noise.THRESHOLDS
    if (1.0 - nt.tail_quantile) * len(c) < nt.tail_skip + 1:
        return none  # too few points for a tail of its own: its top quantile would be one
        # of the largest few points themselves (below ~6,000 points at the 99.9th)
    if not (math.isfinite(tail) and tail > 0):
        return none
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (lvl_pt > 0) & (c.values / lvl_pt - 1.0 >= nt.tail_margin * tail)
    k = int(np.count_nonzero(out))
    return out if 0 < k <= nt.tail_skip else none


def _spikes(ctx: Context, c: Curve, t: Thresholds) -> Optional[Spikes]:
    """(starts, ends, index of the largest peak, its level, height, noise)."""
    n = len(c)
    counts: Optional[np.ndarray] = None
    if c.bucket_size > 1:
        base = c.smooth
        counts = np.full(c.n_smooth, c.bucket_size)
        counts[-1] = n - c.bucket_size * (c.n_smooth - 1)
    else:
        base = c.values
    # the level of a point: the lowest running level over the trailing tenth of the run
    # (a spike up to a tenth of the run wide does not become its own level), or, just after
    # a sharp fall (a step decay), the level before it
    width = max(1, int(math.ceil(t.max_width * base.shape[0])))
    lvl, _ = noise.spike_level(base, width)
    # the noise before the spike (inside a wide spike the spread is the spike's own)
    sig_b = noise.trailing_min(c.point_noise, width)
    if counts is None and _per_evaluation(ctx, c, t):
        # an epoch-level loss: its points' noise relative to their own level (one absolute
        # sigma is set by the highest stretches of a curve that spans decades); a per-step
        # loss near 0 has heavy-tailed minibatch noise that this would call spikes
        rel = noise.relative_point_noise(c.values)
        sig_b = np.where(rel > 0, np.minimum(sig_b, rel * np.abs(lvl)), sig_b)
    # range of the spike-free level curve (a huge spike must not hide others)
    rng = float(np.max(lvl) - np.min(lvl))
    log_rng = restart_spikes.log_range(lvl, t)
    # noise term: 6 sigma, read multiplicatively where the level is
    # positive (minibatch noise of a loss scales with the loss: on a log
    # scale, value >= level * exp(6 sigma / level)); additive elsewhere.
    # Computed per bucket, then one comparison per point.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        pos = lvl > 0
        noise_thr = np.where(pos, lvl * np.expm1(t.sigmas * sig_b / np.where(pos, lvl, 1.0)),
                             t.sigmas * sig_b)
    thr = np.maximum(np.maximum(noise_thr, t.relative * np.abs(lvl)), t.range_fraction * rng)
    lim_b = lvl + thr
    lim, lvl_pt = lim_b, lvl
    if counts is not None:
        lim, lvl_pt = np.repeat(lim_b, counts), np.repeat(lvl, counts)
        i0 = int(np.searchsorted(c.steps, ctx.start + t.skip_start * ctx.span))
    else:
        i0 = 1  # short series: only the very first point is exempt
    above = c.values >= lim
    long_steps = c is not ctx.fine and n > t.long_series
    # a long per-step series' own tail: how high its ordinary points stand over their level
    long_tail = noise.tail_height(c.values, lvl_pt) if long_steps else math.inf
    if long_steps:
        above |= _beyond_the_band(c, lvl_pt, long_tail)
    before = None
    cycle_wide = np.zeros(n, dtype=bool)  # restart excursions bounded by their cycle
    origin = np.full(n, np.nan)
    if c is not ctx.fine and ctx.events.restarts:
        if counts is None and _per_evaluation(ctx, c, t):
            cycle_wide, before, origin = restart_spikes.epoch_restarts(ctx, c, t, rng)
            above |= cycle_wide
        else:
            at_restarts, before, origin = restart_spikes.after_restarts(ctx, c, t, rng, log_rng, lvl_pt)
            above |= at_restarts
    idx = np.flatnonzero(above[i0:]) + i0
    if i0 > 1 and c.values[0] > 0:
        # the exempt start still holds a jump above where the run started: no settling of
        # the first batches throws the loss (1 + relative)x past its first value
        head = np.flatnonzero(above[1:i0] & (c.values[1:i0] >= (1.0 + t.relative) * c.values[0]))
        idx = np.concatenate([head + 1, idx])
    if not idx.shape[0]:
        return None
    # on a long per-step series the points of one wide, noisy excursion (a restart throws the
    # loss up for dozens of steps; minibatch noise dips some of them below the threshold) are
    # one excursion when no more than `cluster_gap` of the run separates them
    gap = int(round(t.cluster_gap * n)) if long_steps else 0
    brk = np.flatnonzero(np.diff(idx) > 1 + gap)
    starts = idx[np.concatenate([[0], brk + 1])]
    ends = idx[np.concatenate([brk, [idx.shape[0] - 1]])] + 1  # exclusive
    run_of = np.zeros(idx.shape[0], dtype=np.int64)
    run_of[brk + 1] = 1
    run_id = np.cumsum(run_of)
    count = np.bincount(run_id, minlength=starts.shape[0])  # points above, per excursion
    first_fall = np.zeros(starts.shape[0], dtype=bool)
    if starts[0] == i0 and bool(above[:i0].all()) and c.values[0] > 0:
        # above the threshold from the first point on, never past where the run started:
        # the loss has not come down yet (its first fall), not a jump
        first_fall[0] = float(np.max(c.values[starts[0]:ends[0]])) < \
            (1.0 + t.relative) * float(c.values[0])
    if c is ctx.fine:
        # a running-mean batch series (Keras batch_loss) starts every epoch
        # with single-batch values: never trust one point of it
        keep = (ends - starts) >= t.persist_long
    elif long_steps or (c is not ctx.fine and not _per_evaluation(ctx, c, t)):
        # a per-step series: a short excursion must beat the run's own tail (its largest
        # ordinary points), not only a Gaussian sigma -- on a long series read against the
        # spike level, on a short one against each point's neighbours (its buckets are too
        # coarse, and its first fall too steep, for ordinary points to sit near their level)
        if long_steps:
            with np.errstate(divide="ignore", invalid="ignore"):
                height = c.values / lvl_pt - 1.0
            tail = long_tail
        else:
            height = noise.neighbour_heights(c.values)
            tail = noise.tail_of(height)
        top = np.full(starts.shape[0], -np.inf)
        np.maximum.at(top, run_id, height[idx])
        tail = max(tail, 0.0)
        # ... unless an LR restart shortly before it explains it: a restart throws the loss
        # up for up to a tenth of the run, and minibatch noise breaks that into pieces
        at_restart = np.zeros(starts.shape[0], dtype=bool)
        near = _restarts_before(ctx, c, starts[: t.max_runs], t.max_width * max(ctx.span, _TINY))
        at_restart[: len(near)] = [r is not None for r in near]
        # persistent: >= `persist_long` points above, and most of the excursion's width above
        # (a noise band that crosses the threshold at 5 % of its steps puts a few crossings
        # into any window a hundred steps wide without any excursion)
        dense = count >= t.density * (ends - starts)
        keep = (((count >= t.persist_long) & dense)
                | (top >= noise.THRESHOLDS.tail_margin * tail) | at_restart)
    else:
        keep = np.ones(starts.shape[0], dtype=bool)
    # a rise that lasts to the end is not a spike -- except the run's last `end_points` points
    # jumping (an LR raised for the last epoch): the run ended before it could come back, and
    # nothing else reports a loss that jumps 10x at the very end
    at_end = (ends >= n) & ((ends - starts) <= t.end_points) & (count <= t.end_points)
    keep &= ((ends < n) | at_end) & ~first_fall
    # an excursion an LR restart threw an epoch-level loss into was read per cycle (it came
    # back before the next restart): its cycle, not a tenth of the run, bounds it
    in_cycle = np.zeros(starts.shape[0], dtype=bool)
    np.logical_or.at(in_cycle, run_id, cycle_wide[idx])
    # no wider than a tenth of the run ...
    keep &= ((c.steps[ends - 1] - c.steps[starts]) <= t.max_width * max(ctx.span, _TINY) + _EPS
             ) | in_cycle
    # ... and back below the spike threshold of its start within a tenth of the run (read
    # on the smoothed curve: a recovery, not one lucky point)
    if counts is not None:
        b0 = np.minimum(starts // c.bucket_size, c.n_smooth - 1)
        b1 = np.minimum(ends // c.bucket_size, c.n_smooth - 1)
    else:
        b0, b1 = starts, np.minimum(ends, n - 1)
    back = np.zeros(starts.shape[0], dtype=bool)
    for r in np.flatnonzero(keep)[: t.max_runs].tolist():
        win = base[b1[r]: min(base.shape[0], b0[r] + width + 1)]
        back[r] = bool(win.shape[0]) and float(np.min(win)) < float(
            lvl[b0[r]] + t.back_to * (lim_b[b0[r]] - lvl[b0[r]]))
    keep &= back | at_end | in_cycle
    # per excursion, the restart one of its points was read after (NaN: none)
    at_origin = np.full(starts.shape[0], np.nan)
    np.fmin.at(at_origin, run_id, origin[idx])
    pts = idx[keep[run_id]]  # the points of the kept spikes
    starts, ends = starts[keep], ends[keep]
    if not starts.shape[0]:
        return None
    # level and noise at each point of the kept spikes only
    bidx = np.minimum(pts // c.bucket_size, c.n_smooth - 1) if counts is not None else pts
    # the level of each point; right after a restart, at most the level before it
    lv = lvl[bidx] if before is None else np.minimum(lvl[bidx], before[pts])
    hts = c.values[pts] - lv
    j = int(np.argmax(hts))
    return (starts, ends, int(pts[j]), float(lv[j]), float(hts[j]),
            float(sig_b[bidx[j]]), at_origin[keep])


def _restart(ctx: Context, c: Curve, starts: np.ndarray, loc: int, origin: np.ndarray
             ) -> Tuple[Optional[float], int]:
    """(the LR restart the largest spike starts at, or None; how many spikes start at one).
    An excursion read after a restart (``origin``: per cycle, or in the tenth right after it;
    NaN for the others) starts at that restart."""
    dt = float(np.median(np.diff(c.steps))) if len(c) > 1 else 0.0
    tol = max(RESTART_WINDOW * ctx.span, RESTART_BUCKETS * c.bucket_size * dt)
    at = [float(o) if np.isfinite(o) else r
          for o, r in zip(origin.tolist(), _restarts_before(ctx, c, starts, tol))]
    hits = sum(1 for r in at if r is not None)
    k = int(np.searchsorted(starts, loc, side="right")) - 1
    return (at[k] if 0 <= k < len(at) else None), hits


def _restarts_before(ctx: Context, c: Curve, starts: np.ndarray, tol: float
                     ) -> List[Optional[float]]:
    """Per excursion start (indices into ``c``): the step of the LR restart it starts at or
    within ``tol`` steps after, else None (the nearest LR event decides: a warmup end or a
    cut just before it is no restart)."""
    out: List[Optional[float]] = []
    for a in starts.tolist():
        ev = ctx.events.event_before(float(c.steps[a]), tol)
        out.append(ev[1] if ev is not None and ev[0] == "restart" else None)
    return out


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """Isolated rises to >= 2x the local level (and >= 6 sigma) that recover
    (positive losses), plus NaN/Inf values the run recovered from (any loss)."""
    c = _source(ctx, t)
    recovered_bad, bad_on = _recovered_nonfinite(ctx)
    found = None
    if c is not None and positive(c):  # "2x the level" needs a positive level
        found = _spikes(ctx, c, t)
    e = ctx.train
    if c is ctx.fine and ctx.events.restarts and e is not None and \
            len(e) >= t.min_points and positive(e) and _per_evaluation(ctx, e, t):
        # a running-mean batch series (Keras batch_loss) restarts its mean every epoch: what
        # an LR restart does to the loss shows on the epoch means beside it, read per cycle
        on_epochs = _spikes(ctx, e, t)
        if on_epochs is not None and (found is None or bool(np.isfinite(on_epochs[6]).any())):
            found, c = on_epochs, e
    n_sp = int(found[0].shape[0]) if found is not None else 0
    if n_sp == 0 and recovered_bad.shape[0] == 0:
        return _held_out_setback(ctx, t)
    ev: Dict[str, Any] = {}
    if found is not None and c is not None:
        starts, ends, loc, level, height, sig_loc, _ = found
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
        w = ctx.events.warmup_end
        if w is not None:
            tol = _warmup_peak_tolerance(ctx, w, t)
            at_warmup = abs(peak_step - w) <= tol
            ev["warmup_end_step"] = w
        ev["suggested_lr"] = ctx.lr.peak / t.peak_lr_divisor
        restart = None
        if found is not None and c is not None and not at_warmup:
            restart, hits = _restart(ctx, c, found[0], found[2], found[6])
            if restart is not None:
                ev["restart_step"] = restart
                ev["spikes_at_restarts"] = hits
        if restart is not None and ctx.events.only_raise is not None:
            # one raise, not a schedule of restarts: advice for that raise
            sugg = _raise_advice(ctx, restart, "The spike follows", t)
        elif restart is not None:
            sugg = ("The LR restarts throw the loss up (%d of %d spikes start at one): restart "
                    "to a lower LR (about %s instead of %s, or shrink the restart peak each "
                    "cycle), or warm up for a few dozen steps after each restart."
                    % (ev["spikes_at_restarts"], n_sp, fmt_lr(ctx.lr.peak / t.peak_lr_divisor),
                       fmt_lr(ctx.lr.peak)))
        elif at_warmup and w is not None:
            sugg = _warmup_advice(ctx, w, "The spike sits at", t)
        elif lr_pk < ctx.lr.peak / t.peak_lr_divisor:
            # the run went through LRs 3x higher without it: lowering the peak is no cure
            del ev["suggested_lr"]
            sugg = ("The LR had already decayed to %s at the spike (peak %s), lower than a "
                    "lowered peak would be: look at the batches at %s (corrupted or "
                    "mislabelled examples) and clip gradients (clipnorm=1.0)."
                    % (fmt_lr(lr_pk), fmt_lr(ctx.lr.peak), where(ctx, peak_step)))
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
        elif ev.get("restart_step") is not None:
            msg = msg[:-1] + ", right after the LR %s at %s." % (
                "was raised" if ctx.events.only_raise is not None else "restart",
                where(ctx, ev["restart_step"]))
        if recovered_bad.shape[0]:
            msg += " The loss was also NaN/Inf at %d point(s) but recovered." % \
                recovered_bad.shape[0]
    else:
        msg = ("The training loss was NaN/Inf at %d point(s) (first at %s) but recovered."
               % (recovered_bad.shape[0], where(ctx, recovered_bad[0])))
    if n_sp == 0 and _skipped_steps(bad_on, recovered_bad, t):
        return [_skipped_steps_finding(ctx, ev, recovered_bad)]
    if n_sp == 1 and not recovered_bad.shape[0] and found is not None and c is not None and \
            not at_warmup and ev.get("restart_step") is None and \
            _hard_batch(ctx, c, found, t):
        return [_hard_batch_finding(ctx, c, ev, first_step, lr_txt)]
    return [finding("loss_spike", start_step=first_step, end_step=last_step, step=peak_step,
                    evidence=ev, message=msg, suggestion=sugg)]


def _hard_batch(ctx: Context, c: Curve, found: Spikes, t: Thresholds) -> bool:
    """The run's only spike is one logged point, no LR event (warmup end, restart, raise,
    cut) within `max_width` of the run before it, that stays below the loss the run started
    from (its head level): one hard or mislabelled batch the model is still better on than
    it was untrained, not an LR at the edge of stability (that throws the loss back past
    its start) nor a corrupted one (tens to thousands of times the level: above the start)."""
    starts, ends, loc = found[0], found[1], found[2]
    if int(ends[0] - starts[0]) != 1:
        return False
    step = float(c.steps[loc])
    if ctx.events.event_before(step, t.max_width * max(ctx.span, _TINY)) is not None:
        return False
    return float(c.values[loc]) < head_level(c)


def _hard_batch_finding(ctx: Context, c: Curve, ev: Dict[str, Any], step: float,
                        lr_txt: str) -> Finding:
    head = float(c.raw(head_level(c)))
    ev["initial_loss"] = head
    msg = ("One batch at %s%s jumps to %s from a level of %s (%sx), still below the %s the run "
           "started from, and the next is back: a hard or mislabelled batch, not an LR at the "
           "edge of stability." % (where(ctx, step), lr_txt, fmt(ev["peak_loss"]),
                                   fmt(ev["level_before"]), fmt(ev["peak_ratio"] or 0.0),
                                   fmt(head)))
    sugg = ("Nothing to change in the schedule; if such batches recur, look at the examples "
            "of the batch at %s." % where(ctx, step))
    return finding("loss_spike", start_step=step, end_step=step, step=step, evidence=ev,
                   message=msg, suggestion=sugg, severity=INFO)


def _skipped_steps_finding(ctx: Context, ev: Dict[str, Any], bad: np.ndarray) -> Finding:
    n = int(bad.shape[0])
    msg = ("The training loss was NaN/Inf at %s, and %sthe next point is back at its level "
           "with nothing else changed: %s, as a mixed-precision loss scaler makes when "
           "gradients overflow."
           % ("one isolated point (%s)" % where(ctx, float(bad[0])) if n == 1 else
              "%d isolated points (first at %s)" % (n, where(ctx, float(bad[0]))),
              "" if n == 1 else "each time ", "a skipped step" if n == 1 else "skipped steps"))
    sugg = ("Nothing to change in the schedule. Without mixed precision, look at the batches at "
            "%s for bad values (Inf/NaN inputs, a division by zero in the loss)."
            % where(ctx, float(bad[0])))
    ev.pop("suggested_lr", None)
    return finding("loss_spike", start_step=float(bad[0]), end_step=float(bad[-1]),
                   step=float(bad[0]), evidence=ev, message=msg, suggestion=sugg,
                   severity=INFO)


def _warmup_peak_tolerance(ctx: Context, w: float, t: Thresholds) -> float:
    """How far from the warmup end ``w`` a spike still counts as at the warmup peak:
    max(`warmup_window` of the run, half the warmup)."""
    return max(t.warmup_window * ctx.span, _HALF * (w - ctx.start))


def _warmup_advice(ctx: Context, w: float, lead: str, t: Thresholds) -> str:
    """The fix for a loss thrown up at the warmup peak ``w`` (``lead``: "The spike sits at",
    "The setback follows")."""
    assert ctx.lr is not None
    return ("%s the warmup peak (LR %s at %s): lengthen warmup 2-4x or lower the peak LR to "
            "about %s, and clip gradients."
            % (lead, fmt_lr(ctx.lr.peak), where(ctx, w), fmt_lr(ctx.lr.peak / t.peak_lr_divisor)))


def _raise_advice(ctx: Context, at: float, lead: str, t: Thresholds) -> str:
    """The fix for a loss thrown up by the run's one LR raise at ``at``."""
    assert ctx.lr is not None
    before = ctx.lr.values[ctx.lr.steps < at]
    to = ctx.lr.at(at)
    return ("%s the LR raise at %s (%s to %s): raise it less (to about %s) or ramp it up over "
            "a few dozen steps, and clip gradients (clipnorm=1.0)."
            % (lead, where(ctx, at),
               fmt_lr(float(before[-1])) if before.shape[0] else "its earlier value",
               fmt_lr(to), fmt_lr(to / t.peak_lr_divisor)))


def _setback_event(ctx: Context) -> Optional[Tuple[str, float]]:
    """The one LR event a held-out setback is read after: the warmup peak, else the run's only
    LR raise. None under an LR that cycles or restarts more than once (a schedule of restarts
    bumps the validation loss at each one by design) or sweeps (a range test)."""
    ev = ctx.events
    if ctx.lr is None or ev.cycles >= 2 or ev.range_test or ev.restart_count > 1:
        return None
    if ev.warmup_end is not None:
        return "warmup", float(ev.warmup_end)
    if ev.only_raise is not None:
        return "raise", ev.only_raise
    return None


def _held_out_setback(ctx: Context, t: Thresholds) -> List[Finding]:
    """A setback the validation loss shows after the warmup peak or an LR raise, and recovers
    from. A per-step loss can hide it (a setback of several epochs is wider than a spike
    and its batches bounce anyway) and an epoch loss is a mean that lags it, while the
    held-out loss shows it plainly: from its best before the LR event it is thrown up to >=
    `setback_ratio` x within `setback_window` of the run after the event, standing out
    from the evaluations' scatter outside the setback (`setback_sigmas` of it when
    `setback_evals` evaluations agree, `sigmas` for one) and later comes back to <= `setback_back`
    x that best. An LR at the edge of stability; a loss that stays up is divergence's."""
    v = ctx.val
    got = _setback_event(ctx)
    if got is None or v is None or len(v) < t.setback_min_evals or not positive(v):
        return []
    kind, at = got
    assert ctx.lr is not None
    s, x = v.steps, v.values
    span = max(ctx.span, _TINY)
    # the setback may start before the warmup ends, as the LR nears its peak: from as far
    # before the warmup end as a spike still counts as at the warmup peak
    lead = _warmup_peak_tolerance(ctx, at, t) if kind == "warmup" else RESTART_WINDOW * span
    win = np.flatnonzero((s > at - lead) & (s <= at + t.setback_window * span))
    if win.shape[0] == 0:
        return []
    i_pk = int(win[np.argmax(x[win])])
    peak = float(x[i_pk])
    # its best before the LR event, and before the setback's peak
    before = x[:i_pk][s[:i_pk] <= at + _EPS * span]
    if not before.shape[0]:
        return []
    best = float(np.min(before))
    if not best > 0:
        return []
    # it must stand out from the evaluations' own scatter (how far one stands off the line
    # through its neighbours, on a log scale) outside the setback -- a validation loss that
    # bounces 2x from one evaluation to the next all run long is oscillating, not set back --
    # by `setback_sigmas` when several evaluations agree, by `sigmas` for a single one
    rest = np.delete(x, win) if x.shape[0] - win.shape[0] >= _SCATTER_POINTS else \
        np.delete(x, i_pk)
    scatter = evaluations.line_scatter(np.log(rest))
    held = int(np.count_nonzero(x[win] >= t.setback_held * best))
    bar = t.setback_sigmas if held >= t.setback_evals else t.sigmas
    after = x[i_pk + 1:]
    if peak < t.setback_ratio * best or math.log(peak / best) < bar * scatter or \
            after.shape[0] == 0:
        return []
    i_back = i_pk + 1 + int(np.argmax(after <= t.setback_back * best))
    if not float(x[i_back]) <= t.setback_back * best:
        return []
    peak_step, back_step = float(s[i_pk]), float(s[i_back])
    lr_pk = ctx.lr.peak if kind == "warmup" else ctx.lr.at(at)
    ev: Dict[str, Any] = {"curve": "validation", "spikes": 1, "peak_step": peak_step,
                          "peak_loss": v.raw(peak), "val_best_before": v.raw(best),
                          "peak_ratio": peak / best, "val_back": v.raw(float(x[i_back])),
                          "lr_at_peak": ctx.lr.at(peak_step),
                          "suggested_lr": lr_pk / t.peak_lr_divisor}
    if kind == "warmup":
        ev["warmup_end_step"] = at
        what = "the warmup peak at %s (LR %s)" % (where(ctx, at), fmt_lr(lr_pk))
        sugg = _warmup_advice(ctx, at, "The setback follows", t)
    else:
        ev["raise_step"] = at
        what = "the LR raise at %s (to %s)" % (where(ctx, at), fmt_lr(lr_pk))
        sugg = _raise_advice(ctx, at, "The setback follows", t)
    when = "as the LR neared" if peak_step < at else "after"
    msg = ("The validation loss was thrown up %s %s: from %s, its best before it, to %s "
           "at %s (%sx), and only came back to %s at %s. The LR was at the edge of stability "
           "there." % (when, what, fmt(ev["val_best_before"]), fmt(ev["peak_loss"]),
                       where(ctx, peak_step), fmt(ev["peak_ratio"]), fmt(ev["val_back"]),
                       where(ctx, back_step)))
    return [finding("loss_spike", start_step=min(at, peak_step), end_step=back_step,
                    step=peak_step, evidence=ev, message=msg, suggestion=sugg)]
