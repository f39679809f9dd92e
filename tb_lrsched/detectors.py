"""Schedule-health detectors: one small pure function per verdict family.

Every detector has the signature ``detect_<family>(exp, ctx=None) -> list[dict]``:
it takes an :class:`~tb_lrsched.model.ExperimentSeries` and returns findings
built with :func:`tb_lrsched.model.finding`. ``ctx`` is the read-only
:class:`Context` that :func:`prepare` derives from ``exp`` (cleaned, canonically
scaled and smoothed curves); :func:`tb_lrsched.analysis.analyze` builds it once
and passes it to every detector, and a detector called alone builds its own.

Design rules (docs/verdicts.md documents every threshold):

* **Scale-free.** All loss series of an experiment are divided by one common
  scale (the median absolute training loss) and quantised to a 36-bit
  mantissa before any rule looks at them, so multiplying every loss by a
  positive constant gives bit-identical canonical curves and hence identical
  verdicts. Thresholds are ratios or multiples of a noise estimate.
* **Noise-robust.** Rules read a smoothed curve: medians of at most
  ``MAX_BUCKETS`` equal-count buckets (a per-batch series of 1M points becomes
  128 bucket medians; an epoch-level series of 30 points stays as it is), and
  fewer, larger buckets when the minibatch noise is so large that a median
  would not be known to ``SM_REL_NOISE`` of the level. The noise of a bucket
  median comes from the spread inside its bucket. Spikes are judged against
  multiplicative noise (a loss's minibatch noise scales with the loss).
* **Linear time.** Bucketing is one reshape plus a partition per row; spikes
  are found with one vectorised comparison per point. No Python loop runs over
  raw points (the oscillation zigzag walks the <= 128 bucket medians).
* **Honest.** Each rule has a minimum number of points (``MIN_POINTS``);
  below it the rule stays silent and ``analysis`` adds a note.

No TensorBoard or TensorFlow import here: numpy only.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Dict, List, Optional, Tuple

import numpy as np

from tb_lrsched.model import ExperimentSeries, Series, finding

# ---------------------------------------------------------------------------
# Thresholds (see docs/verdicts.md for the reasoning behind each one)
# ---------------------------------------------------------------------------

MAX_BUCKETS = 128          # smoothed curves have at most this many points
SM_REL_NOISE = 0.05        # ... fewer if needed for medians within 5 % of the level
QUANT_BITS = 36            # mantissa bits kept by the canonical scaling
CANON_MAX = 1e100          # |loss| above 1e100 x its typical size counts as Inf

# Minimum number of (finite) points a rule needs before it judges anything.
MIN_POINTS = {
    "divergence": 3,
    "oscillation": 10,
    "loss_spike": 8,
    "lr_too_low": 5,
    "plateau": 6,
    "decay_too_aggressive": 6,
    "overfitting": 4,
    "accuracy_drop": 4,
    "possible_leakage": 4,
}

# divergence: LR-finder rule "smoothed loss > 4x its best", made sign-safe.
DIVERGE_BEST_RATIO = 4.0       # end level >= 4x the best level (positive losses)
DIVERGE_GIVEBACK = 0.5         # ... and it gave back >= 50 % of the progress made
DIVERGE_TAIL = 0.10            # the end level is judged on the last 10 % of the run

# loss_spike: llm-foundry (2x running mean) + OLMo (many sigma) combined.
SPIKE_REL = 1.0                # height >= 1.0 x the local level (value >= 2x level)
SPIKE_SIGMA = 6.0              # height >= 6 robust sigmas of the local noise
SPIKE_RANGE = 0.10             # height >= 10 % of the smoothed curve's range
SPIKE_PERSIST_LONG = 3         # consecutive points needed when n > SPIKE_LONG_N
SPIKE_LONG_N = 1000
SPIKE_SKIP_START = 0.02        # the first 2 % of a long run is never a spike

# oscillation: AUTOTRAINER swing counting, on the smoothed curve.
OSC_JUDGE_FROM = 0.30          # judged after the first 30 % of the run
OSC_SWING_REL = 0.10           # a swing is >= 10 % of the level (or of the range)
OSC_SWING_SIGMA = 4.0          # ... and >= 4 noise sigmas of the smoothed curve
OSC_SWING_RUN = 0.05           # ... and >= 5 % of the whole run's loss range
OSC_MIN_SWINGS = 3             # at least 3 significant rises
OSC_CORROBORATE = 2            # or 2 in training + 3 in the validation loss
OSC_GIVEBACK = 0.5             # rises add up to >= 50 % of the falls

# lr_too_low: slow, still-linear decrease from the start.
SLOW_LAST_VS_FIRST = 0.5       # last third falls >= 50 % as much as the first third
SLOW_MAX_PROGRESS = 0.5        # the loss did not even halve
SLOW_MIN_DROP = 0.01           # ... but it did fall (>= 1 % and well above noise)

# plateau / decay_too_aggressive: EarlyStopping-style stall at the end.
STALL_MIN_DELTA = 0.01         # improvement smaller than 1 % of the level is none
STALL_NOISE_CAP = 0.05         # ... or than 3 sigma (capped at 5 % of the progress)
STALL_BAND = 1.0               # the stall's p10-p90 band is narrower than the progress
STALL_FLAT = 0.02              # its two halves differ by < 2 % of the level (and < 2 sigma)
STALL_PATIENCE = 0.30          # no improvement for >= 30 % of the run
STALL_HIGH = 0.30              # still >= 30 % of the initial loss ("far from done")
STALL_LEARNED = 0.10           # ... after having improved >= 10 % first
DECAY_FACTOR = 10.0            # an LR "collapse" is a fall >= 10x below the peak
DECAY_EARLY = 0.50             # ... reached in the first half of the run
DECAY_MARGIN = 0.10            # stall may start up to 10 % of the run before it

# overfitting: Prechelt's generalisation loss GL = val/best - 1.
OVERFIT_GL = 0.10              # val loss ends >= 10 % above its best
OVERFIT_SIGMA = 3.0            # ... and >= 3 noise sigmas above it
OVERFIT_MIN_AFTER = 2          # best is >= 2 validation points before the end

# accuracy_drop
ACC_DROP = 0.05                # val accuracy ends >= 5 points below its best
ACC_GAP = 0.15                 # or stalls >= 15 points below train accuracy
ACC_STALL_EPS = 0.01           # AUTOTRAINER: a gain < 0.01 is no gain

# possible_leakage
LEAK_RATIO = 0.5               # val loss <= 50 % of the train loss ...
LEAK_FRACTION = 0.8            # ... at >= 80 % of the validation points

# constant_lr
CONST_LR_RTOL = 1e-6

# Severity order used by analysis to sort (worst first).
KIND_ORDER = (
    "divergence", "loss_spike", "oscillation", "overfitting", "accuracy_drop",
    "decay_too_aggressive", "plateau", "lr_too_low", "constant_lr",
    "missing_validation", "missing_lr", "possible_leakage",
)


# ---------------------------------------------------------------------------
# Prepared, canonical view of an experiment
# ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Curve:
    """One series, cleaned and smoothed.

    ``u`` are the finite values divided by the experiment's loss scale and
    quantised (accuracy and LR curves keep scale 1). ``sm``/``sm_steps`` is
    the bucket-median curve, ``sig_sm`` the noise of one bucket median,
    ``sig_pt`` per-bucket robust sigma of single points.
    """

    steps: np.ndarray
    u: np.ndarray
    scale: float
    n_raw: int
    bad_steps: np.ndarray
    last_bad: bool
    sm_steps: np.ndarray
    sm: np.ndarray
    k: int
    sig_sm: float
    sig_pt: np.ndarray
    sampled: bool

    def __len__(self) -> int:
        return int(self.u.shape[0])

    @property
    def m(self) -> int:
        return int(self.sm.shape[0])

    def raw(self, x):
        """Canonical value(s) back to the user's units."""
        return np.asarray(x, dtype=np.float64) * self.scale


@dataclasses.dataclass(frozen=True)
class LR:
    steps: np.ndarray
    values: np.ndarray
    peak: float
    peak_step: float
    start: float
    final: float
    constant: bool
    warmup_end: Optional[float]

    def at(self, step: float) -> float:
        return float(np.interp(step, self.steps, self.values))

    def collapse_step(self, factor: float = DECAY_FACTOR) -> Optional[float]:
        """First step after the peak where the LR is <= peak / factor."""
        if not self.peak > 0:
            return None
        after = self.steps >= self.peak_step
        low = after & (self.values <= self.peak / factor)
        if not low.any():
            return None
        return float(self.steps[int(np.argmax(low))])


@dataclasses.dataclass(frozen=True)
class Context:
    unit: str
    scale: float
    train: Optional[Curve]
    fine: Optional[Curve]
    val: Optional[Curve]
    val_acc: Optional[Curve]
    train_acc: Optional[Curve]
    lr: Optional[LR]
    lr_key: str
    start: float
    end: float

    @property
    def span(self) -> float:
        return max(self.end - self.start, 0.0)

    def frac(self, step: float) -> float:
        """Position of a step in the run, 0..1."""
        if self.span <= 0:
            return 0.0
        return (step - self.start) / self.span


def _finite_series(s: Optional[Series]) -> Tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(finite steps, finite values, steps of non-finite values, raw count)."""
    if s is None:
        e = np.zeros(0)
        return e, e, e, 0
    steps = np.asarray(s.steps, dtype=np.float64).reshape(-1)
    vals = np.asarray(s.values, dtype=np.float64).reshape(-1)
    n = min(steps.shape[0], vals.shape[0])
    steps, vals = steps[:n], vals[:n]
    if n and not np.isfinite(steps).all():
        ok = np.isfinite(steps)
        steps, vals = steps[ok], vals[ok]
    if steps.shape[0] > 1 and not (steps[1:] > steps[:-1]).all():
        # Contract says strictly increasing; be forgiving: keep the last write.
        order = np.argsort(steps, kind="stable")
        steps, vals = steps[order], vals[order]
        keep = np.ones(steps.shape[0], dtype=bool)
        keep[:-1] = steps[1:] != steps[:-1]
        steps, vals = steps[keep], vals[keep]
    fin = np.isfinite(vals)
    if fin.all():
        return steps, vals, np.zeros(0), int(steps.shape[0])
    return steps[fin], vals[fin], steps[~fin], int(steps.shape[0])


def _median(x: np.ndarray, axis=None):
    """Lower median by partition (exact element: no averaging, fast)."""
    if axis is None:
        x = x.reshape(-1)
        k = (x.shape[0] - 1) // 2
        return np.partition(x, k)[k] if x.shape[0] else np.nan
    k = (x.shape[axis] - 1) // 2
    return np.take(np.partition(x, k, axis=axis), k, axis=axis)


_QSHIFT = 52 - QUANT_BITS


def _quantise(x: np.ndarray) -> np.ndarray:
    """Round finite values to QUANT_BITS mantissa bits (round half up on the
    magnitude, in the integer view of the IEEE bits: carries into the exponent
    are exact)."""
    i = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    i = (i + np.int64(1 << (_QSHIFT - 1))) & np.int64(~((1 << _QSHIFT) - 1))
    return i.view(np.float64)


def _loss_scale(*arrays: np.ndarray) -> float:
    """Median absolute value of the first non-empty array (zeros ignored
    when the median is zero)."""
    for a in arrays:
        if a.shape[0]:
            mag = np.abs(a)
            sc = float(_median(mag))
            if not sc > 0:
                mag = mag[mag > 0]
                sc = float(_median(mag)) if mag.shape[0] else 0.0
            if np.isfinite(sc) and sc > 0:
                return sc
    return 1.0


# Points per bucket used for its noise estimate (MAD) on long series.
MAD_SAMPLE = 1024


def _bucket_k(steps: np.ndarray, u: np.ndarray, k: int):
    """Medians of equal-count buckets of k points (k odd, > 1)."""
    n = u.shape[0]
    full = n // k
    r = n - full * k
    grid = u[: full * k].reshape(full, k)
    med = _median(grid, axis=1)
    # The noise (MAD) of a large bucket is known well enough from ~1000 of its
    # points (a fixed stride: deterministic, so scale invariance holds); this
    # halves the cost on long series.
    stride = max(1, k // MAD_SAMPLE)
    mad = _median(np.abs(grid[:, ::stride] - med[:, None]), axis=1)
    centre = np.arange(full) * k + k // 2
    if r:
        # the partial last bucket: its own bucket when at least half full,
        # else merged into the previous one (padding would bias its median)
        if 2 * r >= k or full == 0:
            tail = u[full * k:]
            med = np.append(med, 0.0)
            mad = np.append(mad, 0.0)
            centre = np.append(centre, full * k + r // 2)
        else:
            tail = u[(full - 1) * k:]
            centre[-1] = (full - 1) * k + tail.shape[0] // 2
        tmed = _median(tail)
        med[-1] = tmed
        mad[-1] = _median(np.abs(tail - tmed))
    # steadier local noise (and not inflated by a spike): median with the
    # neighbouring buckets
    sig_pt = _roll_median(1.4826 * mad, 5)
    sig_sm = float(_median(sig_pt)) * 1.2533 / math.sqrt(k)
    return steps[centre], med, k, sig_sm, sig_pt


def _neighbour_level(u: np.ndarray) -> np.ndarray:
    """Median of the two neighbours on each side of every point (the point
    itself excluded; edges padded). Short series only."""
    pad = np.concatenate([np.repeat(u[:1], 2), u, np.repeat(u[-1:], 2)])
    win = np.lib.stride_tricks.sliding_window_view(pad, 5)
    return np.median(np.concatenate([win[:, :2], win[:, 3:]], axis=1), axis=1)


def _roll_median(x: np.ndarray, w: int) -> np.ndarray:
    """Centred running median of odd width w (edges padded), for <= 128 values."""
    if x.shape[0] < 2:
        return x.copy()
    h = w // 2
    pad = np.concatenate([np.repeat(x[:1], h), x, np.repeat(x[-1:], h)])
    return _median(np.lib.stride_tricks.sliding_window_view(pad, w), axis=1)


def _odd(k: int) -> int:
    return k + 1 if k > 1 and k % 2 == 0 else k


def _bucket(steps: np.ndarray, u: np.ndarray):
    """Equal-count bucket medians: (steps, medians, k, sigma_sm, sigma_points).

    At most MAX_BUCKETS buckets; for a noisy positive loss, larger buckets
    still, so that a bucket median is known to SM_REL_NOISE of the level (a
    500-step run with 35 % minibatch noise gives a handful of reliable
    points, not 128 noisy ones).
    """
    n = u.shape[0]
    k = _odd(max(1, -(-n // MAX_BUCKETS)))
    if k == 1:
        # robust noise of single points: residuals from the neighbours' median
        # and second differences are each inflated by a different curve shape
        # (a V, a fast convex descent); the smaller is the better estimate
        sig = 0.0
        if n >= 5:
            d2 = u[2:] - 2.0 * u[1:-1] + u[:-2]
            sig = 1.4826 * min(float(_median(np.abs(u - _neighbour_level(u)))),
                               float(_median(np.abs(d2))) / math.sqrt(6.0))
        return steps.copy(), u.copy(), 1, 0.0, np.full(n, sig)
    out = _bucket_k(steps, u, k)
    sm, sig_pt = out[1], out[4]
    if float(np.min(sm)) > 0:
        rel = float(_median(sig_pt / sm))
        k_noise = min(n, _odd(int(math.ceil((1.2533 * rel / SM_REL_NOISE) ** 2))))
        if k_noise > k:
            out = _bucket_k(steps, u, k_noise)
    return out


def _curve(s: Optional[Series], scale: Optional[float], fs=None) -> Optional[Curve]:
    """Clean, scale and smooth one series (`fs`: its _finite_series, if known)."""
    if s is None:
        return None
    steps, vals, bad, n_raw = fs if fs is not None else _finite_series(s)
    if n_raw == 0:
        return None
    if scale is None:
        u = vals.copy()
        sc = 1.0
    else:
        sc = scale
        with np.errstate(over="ignore", invalid="ignore"):
            u = _quantise(vals / scale)
        # beyond 1e100 x the typical loss a value is an overflow in all but
        # name: treat it like Inf (keeps all later arithmetic finite)
        ok = np.abs(u) <= CANON_MAX  # False for NaN/Inf too
        if not ok.all():
            bad = np.sort(np.concatenate([bad, steps[~ok]]))
            steps, u = steps[ok], u[ok]
    last_bad = bool(bad.shape[0] and (steps.shape[0] == 0 or bad[-1] > steps[-1]))
    if steps.shape[0]:
        sm_steps, sm, k, sig_sm, sig_pt = _bucket(steps, u)
    else:
        e = np.zeros(0)
        sm_steps, sm, k, sig_sm, sig_pt = e, e, 1, 0.0, e
    return Curve(steps, u, sc, n_raw, bad, last_bad, sm_steps, sm, k, sig_sm,
                 sig_pt, bool(getattr(s, "sampled", False)))


def _acc_curve(s: Optional[Series]) -> Optional[Curve]:
    """Accuracy in [0, 1] (percent is divided by 100)."""
    c = _curve(s, None)
    if c is None or len(c) == 0:
        return c
    scale = 100.0 if float(np.max(c.u)) > 1.5 else 1.0
    if scale == 1.0:
        return c
    return dataclasses.replace(c, u=c.u / scale, sm=c.sm / scale, sig_sm=c.sig_sm / scale,
                               sig_pt=c.sig_pt / scale, scale=scale)


def _lr(exp: ExperimentSeries) -> Tuple[Optional[LR], str]:
    cand: List[Tuple[str, Series]] = []
    if exp.lr is not None:
        cand.append(("lr", exp.lr))
    for key in sorted(exp.extra_lrs or {}):
        cand.append((key, exp.extra_lrs[key]))
    for key, s in cand:
        steps, vals, _, _ = _finite_series(s)
        if steps.shape[0] == 0:
            continue
        i = int(np.argmax(vals))
        peak = float(vals[i])
        lo, hi = float(np.min(vals)), float(np.max(vals))
        constant = bool(hi - lo <= CONST_LR_RTOL * max(abs(hi), abs(lo), 1e-300))
        warm = None
        if i > 0 and peak > 0 and vals[0] <= 0.5 * peak:
            j = int(np.argmax(vals >= 0.95 * peak))
            warm = float(steps[j])
        return LR(steps, vals, peak, float(steps[i]), float(vals[0]), float(vals[-1]),
                  constant, warm), (s.tag or key) if key == "lr" else key
    return None, ""


def prepare(exp: ExperimentSeries) -> Context:
    """Derive the canonical, smoothed view every detector reads."""
    tr = _finite_series(exp.train_loss)
    fi = _finite_series(exp.train_loss_fine)
    va = _finite_series(exp.val_loss)
    scale = _loss_scale(tr[1], fi[1], va[1])
    train = _curve(exp.train_loss, scale, tr)
    fine = _curve(exp.train_loss_fine, scale, fi)
    val = _curve(exp.val_loss, scale, va)
    lr, lr_key = _lr(exp)
    lo, hi = [], []
    for c in (train, fine, val):
        if c is not None and len(c):
            lo.append(c.steps[0])
            hi.append(c.steps[-1])
        if c is not None and c.bad_steps.shape[0]:
            lo.append(c.bad_steps[0])
            hi.append(c.bad_steps[-1])
    if not lo and lr is not None:
        lo, hi = [lr.steps[0]], [lr.steps[-1]]
    start = float(min(lo)) if lo else 0.0
    end = float(max(hi)) if hi else 0.0
    unit = exp.step_unit if exp.step_unit in ("step", "epoch") else "step"
    return Context(unit, scale, train, fine, val, _acc_curve(exp.val_acc),
                   _acc_curve(exp.train_acc), lr, lr_key, start, end)


def _ctx(exp: ExperimentSeries, ctx: Optional[Context]) -> Context:
    return ctx if ctx is not None else prepare(exp)


# ---------------------------------------------------------------------------
# Formatting helpers
# ---------------------------------------------------------------------------

def fmt(x: float) -> str:
    """Three significant digits, plain."""
    x = float(x)
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return "%.3g" % x


def fmt_lr(x: float) -> str:
    """Compact LR: 0.3 -> 3e-1, 0.00025 -> 2.5e-4, 0 -> 0."""
    x = float(x)
    if not math.isfinite(x):
        return fmt(x)
    if x == 0:
        return "0"
    if 1 <= abs(x) < 1000:
        return "%.3g" % x
    s = "%.2e" % abs(x)
    mant, expo = s.split("e")
    mant = mant.rstrip("0").rstrip(".")
    out = "%se%d" % (mant, int(expo))
    return ("-" if x < 0 else "") + out


def where(ctx: Context, step: float) -> str:
    """'step 340' or 'epoch 12' (global steps are rounded: a step axis can
    carry epoch-level values at interpolated, fractional positions)."""
    step = float(step)
    if ctx.unit == "step" and math.isfinite(step) and abs(step) >= 10:
        step = float(round(step))
    return "%s %s" % (ctx.unit, fmt_step(step))


def fmt_step(step: float) -> str:
    step = float(step)
    if step == int(step) and abs(step) < 1e15:
        return str(int(step))
    return "%.4g" % step


def _lr_phrase(ctx: Context, step: float) -> str:
    if ctx.lr is None:
        return ""
    return fmt_lr(ctx.lr.at(step))


# ---------------------------------------------------------------------------
# Shared curve analyses
# ---------------------------------------------------------------------------

def _train_curve(ctx: Context) -> Optional[Curve]:
    """The main training curve, or the fine one if there is no main one."""
    for c in (ctx.train, ctx.fine):
        if c is not None and len(c):
            return c
    return None


def _positive(c: Optional[Curve]) -> bool:
    """A loss that stays positive (its smoothed curve never reaches 0).
    Supervised losses (cross-entropy, MSE, ...) are; RL objectives such as a
    PPO loss cross zero, and the ratio-based rules do not apply to them."""
    return c is not None and c.m > 0 and float(np.min(c.sm)) > 0


def _idx_at(steps: np.ndarray, step: float) -> int:
    return int(min(max(np.searchsorted(steps, step, side="left"), 0), steps.shape[0] - 1))


def _head_level(c: Curve) -> float:
    """Initial loss: the first smoothed value, or the median of the first
    three points if higher (a first bucket median lags a fast descent)."""
    return max(float(c.sm[0]), float(np.median(c.u[:3])))


@dataclasses.dataclass(frozen=True)
class Stall:
    start_step: float       # last meaningful improvement (EarlyStopping "best epoch")
    best: float             # canonical final (stalled) level
    first: float            # canonical initial level
    frac: float             # stall length as a fraction of the run
    min_delta: float


def _stall(ctx: Context, c: Curve) -> Optional[Stall]:
    """Where the smoothed loss reached its final level (EarlyStopping's best
    epoch, with min_delta), and how long it stayed there.

    The final level is the median of the last STALL_PATIENCE of the run
    (robust to noise); the stall starts at the first point within min_delta
    of it.
    """
    if c.m < 2:
        return None
    first = _head_level(c)
    end = float(c.sm_steps[-1])
    tail = c.sm[c.sm_steps >= end - STALL_PATIENCE * ctx.span]
    level = float(np.median(tail)) if tail.shape[0] else float(c.sm[-1])
    # min_delta: 1 % of the level or of the progress, raised to 3 noise sigmas
    # (short series: capped at 5 % of the progress, a curved series is not noise)
    sig = c.sig_sm if c.k > 1 else float(c.sig_pt[0]) if c.sig_pt.shape[0] else 0.0
    progress = max(first - level, 0.0)
    md = max(STALL_MIN_DELTA * max(abs(level), progress),
             min(3.0 * sig, STALL_NOISE_CAP * progress) if c.k == 1 else 3.0 * sig)
    j = int(np.argmax(c.sm <= level + md))
    s0 = float(c.sm_steps[j])
    span = max(ctx.span, 1e-300)
    frac = (end - s0) / span
    # a stall must be flat: the medians of the window's two halves may not
    # differ by more than 2 % of the level, nor significantly (2 sigma of the
    # difference) -- else it is still improving, however slowly, or worsening
    win = c.sm[j:]
    if win.shape[0] >= 2:
        h = win.shape[0] // 2
        gain = float(np.median(win[:h])) - float(np.median(win[h:]))
        sig_diff = 1.2533 * sig * math.sqrt(2.0 / h)
        if abs(gain) > max(STALL_FLAT * abs(level), 2.0 * sig_diff):
            frac = 0.0  # still improving (or getting worse): not a plateau
        # ... and stay in a band narrower than what was learned before it
        # (a loss that dips and climbs back, as RL losses do, is no plateau)
        p10, p90 = np.percentile(win, [10, 90])
        if float(p90 - p10) > STALL_BAND * progress:
            frac = 0.0
    return Stall(s0, level, first, frac, md)


def _still_high(st: Stall) -> bool:
    """Loss ended far from converged: >= STALL_HIGH of the initial level,
    after having learned >= STALL_LEARNED of it (positive losses only)."""
    if not st.first > 0:
        return False
    learned = (st.first - st.best) / st.first
    return st.best >= STALL_HIGH * st.first and learned >= STALL_LEARNED


# ---------------------------------------------------------------------------
# Detectors
# ---------------------------------------------------------------------------

def detect_divergence(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """NaN/Inf at the end of a loss series, or an explosion far above the best
    level that does not come back (LR-finder rule: smoothed loss >= 4x best)."""
    ctx = _ctx(exp, ctx)
    out: List[dict] = []
    nan_step = None
    nan_role = ""
    for role, c in (("training loss", ctx.train), ("batch training loss", ctx.fine),
                    ("validation loss", ctx.val)):
        if c is None or not c.last_bad:
            continue
        # first non-finite value of the final non-finite stretch
        last_ok = c.steps[-1] if len(c) else -np.inf
        tail = c.bad_steps[c.bad_steps > last_ok]
        s = float(tail[0])
        if nan_step is None or s < nan_step:
            nan_step, nan_role = s, role
    c = _train_curve(ctx)
    boom = None
    if c is not None and c.m >= MIN_POINTS["divergence"]:
        sm, st = c.sm, c.sm_steps
        ntail = max(1, int(round(DIVERGE_TAIL * c.m)))
        body = sm[:-ntail] if c.m - ntail >= 1 else sm[:1]
        ib = int(np.argmin(body))
        best = float(body[ib])
        first = _head_level(c)
        end_level = float(np.min(sm[-ntail:]))  # conservative: best of the tail
        rise = end_level - best
        progress = first - best
        ratio_ok = (best > 0 and end_level >= DIVERGE_BEST_RATIO * best) or \
                   (best <= 0 and rise > 0 and rise >= (DIVERGE_BEST_RATIO - 1) * abs(best)
                    and rise >= max(abs(first), 1e-300))
        give_ok = rise >= DIVERGE_GIVEBACK * max(progress, 0.0) and rise > 3.0 * c.sig_sm
        if ratio_ok and give_ok and rise > 0:
            # divergence point: the last time (after the best) the loss was
            # below 2x its best (or half-way up for non-positive losses)
            thr = best + (min(0.5 * rise, best) if best > 0 else 0.5 * rise)
            after = np.arange(c.m) > ib
            below = after & (sm < thr)
            last_below = int(np.max(np.nonzero(below)[0])) if below.any() else ib
            k = min(last_below + 1, c.m - 1)
            boom = (float(st[k]), float(st[ib]), best, end_level, first)
    if nan_step is None and boom is None:
        return out
    ev: Dict[str, object] = {}
    if boom is not None:
        step, best_step, best, end_level, first = boom
        ev.update(best_loss=c.raw(best), best_step=best_step, end_loss=c.raw(end_level),
                  rise_ratio=(end_level / best) if best > 0 else None)
        if nan_step is not None and nan_step < step:
            step = nan_step
    else:
        step = nan_step
    if nan_step is not None:
        ev["first_nonfinite_step"] = nan_step
    start_step = ev.get("best_step", step) if boom is not None else step
    lr_txt = ""
    sugg = ("Lower the learning rate about 10x, add or lengthen warmup, and clip gradients "
            "(e.g. clipnorm=1.0).")
    if ctx.lr is not None:
        lr_div = ctx.lr.at(step)
        ev["lr_at_divergence"] = lr_div
        ev["peak_lr"] = ctx.lr.peak
        lr_txt = " (LR %s)" % fmt_lr(lr_div)
        w = ctx.lr.warmup_end
        # LR-range-test wisdom: a safe peak is ~10x below the LR that diverged
        safe = fmt_lr(lr_div / 10 if lr_div > 0 else ctx.lr.peak / 10)
        if w is not None and step - ctx.start <= 1.5 * (w - ctx.start):
            phase = "during warmup" if step < w else "just after the warmup peak"
            sugg = ("The loss diverged %s at %s with the LR at %s (peak %s); use a peak LR "
                    "<= %s or a warmup at least 2x longer, and clip gradients (clipnorm=1.0)."
                    % (phase, where(ctx, step), fmt_lr(lr_div), fmt_lr(ctx.lr.peak), safe))
        else:
            sugg = ("LR %s diverged at %s (peak %s); try <= %s (10x lower) or a longer "
                    "warmup, and clip gradients (clipnorm=1.0)."
                    % (fmt_lr(lr_div), where(ctx, step), fmt_lr(ctx.lr.peak), safe))
    if boom is not None and nan_step is not None:
        msg = ("The training loss exploded from its best %s to %s at %s%s and became "
               "NaN/Inf at %s." % (fmt(ev["best_loss"]), fmt(ev["end_loss"]), where(ctx, step),
                                   lr_txt, where(ctx, nan_step)))
    elif boom is not None:
        r = ev.get("rise_ratio")
        msg = ("The training loss diverged at %s%s: it climbed from its best %s to %s%s "
               "and did not come back." % (where(ctx, step), lr_txt, fmt(ev["best_loss"]),
                                           fmt(ev["end_loss"]),
                                           (" (%sx)" % fmt(r)) if r else ""))
    else:
        msg = ("The %s became NaN/Inf at %s%s and never recovered."
               % (nan_role, where(ctx, step), lr_txt))
    end_step = ctx.end
    out.append(finding("divergence", start_step=start_step, end_step=end_step, step=step,
                       evidence=ev, message=msg, suggestion=sugg))
    return out


def _spike_source(ctx: Context) -> Optional[Curve]:
    """The finest finite training curve with enough points for spikes."""
    best = None
    for c in (ctx.train, ctx.fine):
        if c is not None and len(c) >= MIN_POINTS["loss_spike"]:
            if best is None or len(c) > len(best):
                best = c
    return best


def detect_loss_spike(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """Isolated rises to >= 2x the local level (and >= 6 sigma) that recover
    (positive losses), plus NaN/Inf values the run recovered from (any loss)."""
    ctx = _ctx(exp, ctx)
    c = _spike_source(ctx)
    out: List[dict] = []
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
    peaks = []
    if c is not None and _positive(c):  # "2x the level" needs a positive level
        n = len(c)
        if c.k > 1:
            # level of a bucket: the median of its own and its 4 neighbours'
            # medians (a spike wider than a bucket does not become the level),
            # or the previous bucket's if higher (the points before a sharp
            # drop, e.g. at a step decay, are not spikes)
            lvl = _roll_median(c.sm, 5)
            lvl[1:] = np.maximum(lvl[1:], c.sm[:-1])
            sig_b = c.sig_pt
            counts = np.full(c.m, c.k)
            counts[-1] = n - c.k * (c.m - 1)
        else:
            # short series: median of the two neighbours on each side; noise
            # = robust spread of the residuals from it (see _bucket)
            lvl = _neighbour_level(c.u)
            sig_b = c.sig_pt
            counts = None
        # range of the spike-free level curve (a huge spike must not hide others)
        rng = float(np.max(lvl) - np.min(lvl))
        # noise term: 6 sigma, read multiplicatively where the level is
        # positive (minibatch noise of a loss scales with the loss: on a log
        # scale, value >= level * exp(6 sigma / level)); additive elsewhere.
        # Computed per bucket, then one comparison per point.
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            pos = lvl > 0
            noise_thr = np.where(pos, lvl * np.expm1(SPIKE_SIGMA * sig_b / np.where(pos, lvl, 1.0)),
                                 SPIKE_SIGMA * sig_b)
        thr = np.maximum(np.maximum(noise_thr, SPIKE_REL * np.abs(lvl)), SPIKE_RANGE * rng)
        lim = lvl + thr
        if counts is not None:
            lim = np.repeat(lim, counts)
            i0 = int(np.searchsorted(c.steps, ctx.start + SPIKE_SKIP_START * ctx.span))
        else:
            i0 = 1  # short series: only the very first point is exempt
        idx = np.flatnonzero(c.u[i0:] >= lim[i0:]) + i0
        # a running-mean batch series (Keras batch_loss) starts every epoch
        # with single-batch values: never trust one point of it
        persist = SPIKE_PERSIST_LONG if (n > SPIKE_LONG_N or c is ctx.fine) else 1
        if idx.shape[0]:
            brk = np.flatnonzero(np.diff(idx) > 1)
            starts = idx[np.concatenate([[0], brk + 1])]
            ends = idx[np.concatenate([brk, [idx.shape[0] - 1]])] + 1  # exclusive
            keep = (ends - starts) >= persist
            keep &= ends < n  # a rise that lasts to the end is not a spike
            run_of = np.zeros(idx.shape[0], dtype=np.int64)
            run_of[brk + 1] = 1
            pts = idx[keep[np.cumsum(run_of)]]  # the points of the kept spikes
            starts, ends = starts[keep], ends[keep]
            if starts.shape[0]:
                # level and noise at each point of the kept spikes only
                bidx = np.minimum(pts // c.k, c.m - 1) if counts is not None else pts
                hts = c.u[pts] - lvl[bidx]
                j = int(np.argmax(hts))
                loc = int(pts[j])
                peaks = [(starts, ends, loc, float(lvl[bidx[j]]), float(hts[j]),
                          float(sig_b[bidx[j]]))]
    n_sp = 0
    if peaks:
        starts, ends, loc, level, height, sig_loc = peaks[0]
        n_sp = int(starts.shape[0])
    if n_sp == 0 and recovered_bad.shape[0] == 0:
        return out
    ev: Dict[str, object] = {}
    if n_sp:
        peak_step = float(c.steps[loc])
        ev.update(spikes=n_sp, peak_step=peak_step, peak_loss=c.raw(c.u[loc]),
                  level_before=c.raw(level),
                  peak_ratio=(float(c.u[loc]) / level) if level > 0 else None,
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
            tol = max(0.05 * ctx.span, 0.5 * (w - ctx.start))
            at_warmup = abs(peak_step - w) <= tol
            ev["warmup_end_step"] = w
        if at_warmup:
            sugg = ("The spike sits at the warmup peak (LR %s at %s): lengthen warmup 2-4x "
                    "or lower the peak LR to about %s, and clip gradients."
                    % (fmt_lr(ctx.lr.peak), where(ctx, w), fmt_lr(ctx.lr.peak / 3)))
        else:
            sugg = ("LR was %s at the spike; lower the peak LR to about %s or add warmup, "
                    "clip gradients (clipnorm=1.0), and check the batches at %s."
                    % (fmt_lr(lr_pk), fmt_lr(ctx.lr.peak / 3), where(ctx, peak_step)))
    if n_sp:
        r = ev.get("peak_ratio")
        msg = ("%d loss spike%s: the largest at %s%s jumps to %s from a level of %s%s, "
               "then recovers." % (n_sp, "" if n_sp == 1 else "s", where(ctx, peak_step), lr_txt,
                                   fmt(ev["peak_loss"]), fmt(ev["level_before"]),
                                   (" (%sx)" % fmt(r)) if r else ""))
        if at_warmup:
            msg = msg[:-1] + ", right at the warmup peak."
        if recovered_bad.shape[0]:
            msg += " The loss was also NaN/Inf at %d point(s) but recovered." % recovered_bad.shape[0]
    else:
        msg = ("The training loss was NaN/Inf at %d point(s) (first at %s) but recovered."
               % (recovered_bad.shape[0], where(ctx, recovered_bad[0])))
    out.append(finding("loss_spike", start_step=first_step, end_step=last_step, step=peak_step,
                       evidence=ev, message=msg, suggestion=sugg))
    return out


def _zigzag(x: np.ndarray, delta: float) -> np.ndarray:
    """Pivot indices of the zigzag of `x` with reversal threshold `delta`.

    A reversal counts only once the curve has moved >= delta away from the
    last extreme (AUTOTRAINER's "local max/min pairs differing by >= a
    threshold"; small wiggles inside a swing do not split it). The loop runs
    over the smoothed curve (at most MAX_BUCKETS points whatever the length
    of the run), never over raw points.
    """
    n = x.shape[0]
    if n < 2 or not delta > 0:
        return np.zeros(0, dtype=int)
    xs = x.tolist()
    direction = 0
    hi = lo = ext = 0
    piv: List[int] = []
    for i in range(1, n):
        v = xs[i]
        if direction == 0:
            if v > xs[hi]:
                hi = i
            if v < xs[lo]:
                lo = i
            if xs[hi] - xs[lo] >= delta:
                if hi > lo:
                    direction, piv, ext = 1, [lo], hi
                else:
                    direction, piv, ext = -1, [hi], lo
        elif direction == 1:
            if v >= xs[ext]:
                ext = i
            elif xs[ext] - v >= delta:
                piv.append(ext)
                direction, ext = -1, i
        else:
            if v <= xs[ext]:
                ext = i
            elif v - xs[ext] >= delta:
                piv.append(ext)
                direction, ext = 1, i
    if direction != 0:
        piv.append(ext)
    return np.asarray(piv, dtype=int)


def _oscillation_of(ctx: Context, c: Curve):
    """(rises, total fall, pivots, seg_steps, level, gives_back) of a curve's
    judged part; None when the curve is too short to judge."""
    if c is None or c.m < MIN_POINTS["oscillation"]:
        return None
    j0 = _idx_at(c.sm_steps, ctx.start + OSC_JUDGE_FROM * ctx.span)
    seg = c.sm[j0:]
    if seg.shape[0] < 6:
        return None
    level = float(np.median(seg))
    rng = float(np.max(seg) - np.min(seg))
    ref = max(abs(level), rng)
    run_rng = float(np.max(c.sm) - np.min(c.sm))
    delta = max(OSC_SWING_REL * ref, OSC_SWING_SIGMA * c.sig_sm, OSC_SWING_RUN * run_rng)
    piv = _zigzag(seg, delta)
    if piv.shape[0] < 2:
        # judged, and no swing at all
        return np.zeros(0), 0.0, piv, c.sm_steps[j0:], level, False
    legs = np.diff(seg[piv])
    rises, falls = legs[legs > 0], -legs[legs < 0]
    # the descent into the judged window counts as a fall too
    head = float(seg[0] - np.min(seg[: piv[0] + 1]))
    total_down = float(falls.sum()) + max(head, 0.0)
    gives_back = float(rises.sum()) >= OSC_GIVEBACK * total_down
    return rises, total_down, piv, c.sm_steps[j0:], level, gives_back


def detect_oscillation(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """After the first 30 % of the run, the smoothed training (or validation)
    loss keeps rising and falling by >= 10 % of its level: >= 3 zigzag rises
    that add up to >= half of its falls, corroborated by >= 2 rises in the
    other loss curve when both exist. Positive losses only."""
    ctx = _ctx(exp, ctx)
    if not _positive(ctx.train):
        return []

    def swings(r):
        return 0 if r is None else int(r[0].shape[0])

    def osc(r):
        return swings(r) >= OSC_MIN_SWINGS and r[5]

    def some(r):
        return swings(r) >= OSC_CORROBORATE

    tr = _oscillation_of(ctx, ctx.train)
    va = _oscillation_of(ctx, ctx.val) if _positive(ctx.val) else None
    judged_val = va is not None
    # One curve shows the oscillation, the other corroborates it with >= 2
    # significant rises of its own: a bouncing epoch average with a smooth
    # validation loss is minibatch noise; a bouncing validation loss with a
    # smooth training loss is a small validation set. Without a validation
    # curve the training loss alone decides.
    if osc(tr) and (not judged_val or some(va)):
        which, c, res = "training", ctx.train, tr
    elif osc(va) and some(tr):
        which, c, res = "validation", ctx.val, va
    else:
        return []
    rises, total_down, piv, seg_steps, level, _ = res
    n_up = int(rises.shape[0])
    amp = float(np.median(rises))
    s0 = float(seg_steps[piv[0]])
    s1 = float(seg_steps[-1])
    ev = {"curve": which, "swings": n_up, "median_swing": c.raw(amp),
          "swing_rel": amp / abs(level) if level != 0 else None,
          "rise_fall_ratio": float(rises.sum()) / total_down if total_down > 0 else None,
          "level": c.raw(level)}
    lr_txt = ""
    sugg = "Lower the LR about 10x (AUTOTRAINER's repair) or decay it (ReduceLROnPlateau factor=0.1)."
    if ctx.lr is not None:
        lr_mid = ctx.lr.at(0.5 * (s0 + s1))
        ev["lr"] = lr_mid
        lr_txt = " while the LR was %s" % fmt_lr(lr_mid)
        sugg = ("LR %s is too high for this stage: try %s (10x lower) or decay it "
                "(cosine, or ReduceLROnPlateau(factor=0.1%s) on the validation loss)."
                % (fmt_lr(lr_mid), fmt_lr(lr_mid / 10),
                   ", patience=3" if ctx.unit == "epoch" else ""))
    msg = ("The %s loss bounces up and down (%d rises of about %s around %s) from %s to %s%s "
           "instead of trending down."
           % (which, n_up, fmt(ev["median_swing"]), fmt(ev["level"]), where(ctx, s0),
              where(ctx, s1), lr_txt))
    return [finding("oscillation", start_step=s0, end_step=s1, evidence=ev, message=msg,
                    suggestion=sugg)]


def _stuck(ctx: Context) -> Optional[dict]:
    """Nothing was learned: the training loss never fell STALL_LEARNED below
    its first value, and the validation loss did not either. The validation
    curve is required: it is what separates a supervised model that is stuck
    (cross-entropy at ln(classes)) from an RL objective that is not meant to
    fall (those runs have no validation loss and stay unjudged, with a note)."""
    c, v = ctx.train, ctx.val
    if c is None or v is None or c.m < MIN_POINTS["lr_too_low"] or v.m < MIN_POINTS["overfitting"]:
        return None
    if not (_positive(c) and _positive(v)):
        return None
    first, best = float(c.sm[0]), float(np.min(c.sm))
    vfirst, vbest = float(v.sm[0]), float(np.min(v.sm))
    if first - best >= STALL_LEARNED * first or vfirst - vbest >= STALL_LEARNED * vfirst:
        return None
    if float(np.max(c.sm)) > first * 1.5:
        return None  # rising: divergence's business, not a stuck model
    return {"initial_loss": c.raw(first), "final_loss": c.raw(float(c.sm[-1])),
            "best_loss": c.raw(best), "val_initial_loss": v.raw(vfirst),
            "val_best_loss": v.raw(vbest), "progress": (first - best) / first,
            "start": float(c.sm_steps[0]), "end": float(c.sm_steps[-1])}


# lr_too_low is not reported when the smoothed loss ever climbs this fraction
# of its early level above its running best (an unstable, not a slow, descent).
SLOW_MAX_CLIMB = 0.10


def detect_lr_too_low(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """The loss falls slowly and almost linearly from the start: the last third
    still falls >= half as much as the first, and the loss did not halve."""
    ctx = _ctx(exp, ctx)
    c = ctx.train if ctx.train is not None and ctx.train.m >= MIN_POINTS["lr_too_low"] else None
    if c is None:
        return []
    # levels of the three thirds of the run (medians: robust to noise)
    t1 = ctx.start + ctx.span / 3.0
    t2 = ctx.start + 2.0 * ctx.span / 3.0
    parts = [c.sm[c.sm_steps < t1], c.sm[(c.sm_steps >= t1) & (c.sm_steps < t2)],
             c.sm[c.sm_steps >= t2]]
    if min(p.shape[0] for p in parts) < 1:
        return []
    l1, l2, l3 = (float(np.median(p)) for p in parts)
    a, b = float(c.sm[0]), float(c.sm[-1])
    if not _positive(c):
        return []
    per_third = max(1, min(p.shape[0] for p in parts))
    noise = (c.sig_sm if c.k > 1 else float(c.sig_pt[0])) / math.sqrt(per_third)
    drop_first, drop_last = l1 - l2, l2 - l3
    net = l1 - l3
    if not (net > 3.0 * noise and net >= SLOW_MIN_DROP * l1):
        return _stuck_lr_too_low(ctx)
    if not (drop_first > 0 and drop_last >= SLOW_LAST_VS_FIRST * drop_first):
        return []
    # A too-low LR gives a smooth, monotone descent. A loss that climbs back
    # well above its running best on the way (LR too high: bounce, then crawl)
    # is the opposite diagnosis; "raise the LR" would make it worse.
    climb = float(np.max(c.sm - np.minimum.accumulate(c.sm)))
    if climb >= max(3.0 * noise, SLOW_MAX_CLIMB * l1):
        return []
    if b < SLOW_MAX_PROGRESS * a or l3 < SLOW_MAX_PROGRESS * l1:
        return []
    net = a - b
    if ctx.lr is not None:
        cs = ctx.lr.collapse_step()
        if cs is not None and ctx.frac(cs) <= DECAY_EARLY:
            return []  # slowness explained by an LR collapse: decay_too_aggressive's case
    ev = {"initial_loss": c.raw(a), "final_loss": c.raw(b), "progress": net / a,
          "last_vs_first_third": drop_last / drop_first}
    if not net > 0:
        return []
    if ctx.lr is not None:
        ev["lr_max"] = ctx.lr.peak
        msg = ("The training loss fell only %d%% (%s to %s) over the whole run and was still "
               "falling nearly as fast at the end as at the start, with the LR at most %s: the "
               "LR looks too low." % (round(100 * net / a), fmt(ev["initial_loss"]),
                                   fmt(ev["final_loss"]), fmt_lr(ctx.lr.peak)))
        sugg = ("Raise the LR about 10x (from %s to %s; AUTOTRAINER's repair) or run an LR "
                "range test and pick the LR where the loss falls fastest."
                % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak * 10)))
    else:
        msg = ("The training loss fell only %d%% (%s to %s) over the whole run and was still "
               "falling linearly at the end: the LR looks too low (no LR was logged)."
               % (round(100 * net / a), fmt(ev["initial_loss"]), fmt(ev["final_loss"])))
        sugg = ("Raise the LR about 10x or run an LR range test; log the LR to confirm.")
    return [finding("lr_too_low", start_step=float(c.sm_steps[0]), end_step=float(c.sm_steps[-1]),
                    evidence=ev, message=msg, suggestion=sugg)]


def _stuck_lr_too_low(ctx: Context) -> List[dict]:
    """lr_too_low's second case: training and validation losses did not move
    at all while the LR stayed small and never collapsed."""
    st = _stuck(ctx)
    if st is None or ctx.lr is None:
        return []
    cs = ctx.lr.collapse_step()
    if cs is not None and ctx.frac(cs) <= DECAY_EARLY:
        return []  # decay_too_aggressive's stuck case
    ev = {k: v for k, v in st.items() if k not in ("start", "end")}
    ev["lr_max"] = ctx.lr.peak
    msg = ("Neither the training loss (%s to %s) nor the validation loss (best %s) fell even %d%% "
           "over the run, with the LR at most %s: nothing was learned, the LR looks too low."
           % (fmt(st["initial_loss"]), fmt(st["final_loss"]), fmt(st["val_best_loss"]),
              round(100 * STALL_LEARNED), fmt_lr(ctx.lr.peak)))
    sugg = ("Raise the LR about 10x (from %s to %s) or run an LR range test; if the loss still "
            "does not move, check that labels and inputs match and that gradients reach the "
            "weights." % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak * 10)))
    return [finding("lr_too_low", start_step=st["start"], end_step=st["end"], evidence=ev,
                    message=msg, suggestion=sugg)]


def _stall_finding_data(ctx: Context):
    c = ctx.train
    if c is None or c.m < MIN_POINTS["plateau"] or not _positive(c):
        return None, None
    st = _stall(ctx, c)
    if st is None or st.frac < STALL_PATIENCE or not _still_high(st):
        return c, None
    return c, st


def _rop(ctx: Context, stall_len: float) -> str:
    """ReduceLROnPlateau advice (its patience counts epochs / evaluations)."""
    if ctx.unit == "epoch":
        return "ReduceLROnPlateau(factor=0.1, patience=%d)" % max(2, min(10, int(stall_len // 3)))
    return "ReduceLROnPlateau(factor=0.1)"


def detect_plateau(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """EarlyStopping view: no improvement > min_delta for >= 30 % of the run,
    while the loss is still >= 30 % of its initial value, with no LR collapse
    to explain it."""
    ctx = _ctx(exp, ctx)
    c, st = _stall_finding_data(ctx)
    if st is None:
        return []
    if ctx.lr is not None and ctx.lr.collapse_step() is not None:
        # the LR fell >= 10x during the run: a flat loss is explained by the
        # schedule (annealed out at the end, or decay_too_aggressive's case)
        return []
    end = float(c.sm_steps[-1])
    ev = {"stall_loss": c.raw(st.best), "stall_step": st.start_step,
          "initial_loss": c.raw(st.first), "stall_fraction": st.frac,
          "min_delta": c.raw(st.min_delta)}
    patience = end - st.start_step
    lr_txt = ""
    if ctx.lr is not None:
        lr_now = ctx.lr.at(end)
        ev["lr"] = lr_now
        lr_txt = " while the LR was %s" % fmt_lr(lr_now)
        rop = _rop(ctx, patience)
        flat = "%s %ss" % (fmt_step(round(patience)), ctx.unit)
        if ctx.lr.constant:
            sugg = ("The LR stayed at %s while the loss was flat for %s: decay it (%s, or a "
                    "cosine decay to %s); if it stalls this high from the start, try a larger "
                    "LR or model." % (fmt_lr(lr_now), flat, rop, fmt_lr(lr_now / 100)))
        else:
            sugg = ("The loss was flat for %s with the LR ending at %s: lower the LR sooner "
                    "when it stalls (%s), or check model capacity and data."
                    % (flat, fmt_lr(lr_now), rop))
    else:
        sugg = ("Add ReduceLROnPlateau(factor=0.1) or a decay schedule, and log the LR so the "
                "stall can be related to it.")
    msg = ("The training loss stopped improving at %s (%s, still %d%% of its initial %s) and "
           "stayed there for %d%% of the run%s."
           % (where(ctx, st.start_step), fmt(ev["stall_loss"]), round(100 * st.best / st.first),
              fmt(ev["initial_loss"]), round(100 * st.frac), lr_txt))
    return [finding("plateau", start_step=st.start_step, end_step=end, evidence=ev,
                    message=msg, suggestion=sugg)]


def detect_decay_too_aggressive(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """The LR fell >= 10x below its peak in the first half of the run and the
    loss stalled right after (or before), still far from converged."""
    ctx = _ctx(exp, ctx)
    if ctx.lr is None:
        return []
    cs = ctx.lr.collapse_step()
    if cs is None or ctx.frac(cs) > DECAY_EARLY:
        return []
    c, st = _stall_finding_data(ctx)
    if st is None or cs > st.start_step + DECAY_MARGIN * ctx.span:
        return _stuck_after_decay(ctx, cs)
    end = float(c.sm_steps[-1])
    lr_end = ctx.lr.final
    factor = ctx.lr.peak / lr_end if lr_end > 0 else float("inf")
    ev = {"peak_lr": ctx.lr.peak, "collapse_step": cs, "final_lr": lr_end,
          "decay_factor": factor if math.isfinite(factor) else None,
          "stall_step": st.start_step, "loss_at_stall": c.raw(st.best),
          "initial_loss": c.raw(st.first)}
    msg = ("The LR fell from %s to below %s by %s (%d%% into the run) and the training loss "
           "stalled at %s from %s on, still %d%% of its initial %s."
           % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak / DECAY_FACTOR), where(ctx, cs),
              round(100 * ctx.frac(cs)), fmt(ev["loss_at_stall"]), where(ctx, st.start_step),
              round(100 * st.best / st.first), fmt(ev["initial_loss"])))
    levels = int(np.count_nonzero(np.diff(ctx.lr.values))) + 1  # constant segments
    ev["lr_levels"] = levels
    if levels <= 12:
        # a few discrete levels: step decays or ReduceLROnPlateau cuts
        sugg = ("Cut the LR later and less sharply: keep it near %s at least until %s, then "
                "use factor=0.5 instead of 0.1 (or a larger ReduceLROnPlateau patience); the "
                "final LR was %s." % (fmt_lr(ctx.lr.peak),
                                       where(ctx, round(ctx.start + 0.5 * ctx.span)),
                                       fmt_lr(lr_end)))
    else:
        sugg = ("Decay more slowly: keep the LR near %s at least until %s (e.g. 3x longer "
                "decay_steps, a cosine over the whole run, or ReduceLROnPlateau instead of a "
                "fixed schedule); final LR was %s."
                % (fmt_lr(ctx.lr.peak), where(ctx, round(ctx.start + 0.5 * ctx.span)),
                   fmt_lr(lr_end)))
    return [finding("decay_too_aggressive", start_step=cs, end_step=end, step=st.start_step,
                    evidence=ev, message=msg, suggestion=sugg)]


def _stuck_after_decay(ctx: Context, cs: float) -> List[dict]:
    """decay_too_aggressive's second case: the LR collapsed early and the loss
    never moved at all (the stall rule needs some learning first)."""
    st = _stuck(ctx)
    if st is None:
        return []
    lr_end = ctx.lr.final
    ev = {k: v for k, v in st.items() if k not in ("start", "end")}
    ev.update({"peak_lr": ctx.lr.peak, "collapse_step": cs, "final_lr": lr_end})
    msg = ("The LR fell from %s to below %s by %s (%d%% into the run, final %s) and neither the "
           "training loss (%s to %s) nor the validation loss moved: the LR was gone before "
           "anything was learned." % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak / DECAY_FACTOR),
                                     where(ctx, cs), round(100 * ctx.frac(cs)), fmt_lr(lr_end),
                                     fmt(st["initial_loss"]), fmt(st["final_loss"])))
    sugg = ("Decay far more slowly: keep the LR near %s at least until %s (decay per epoch, not "
            "per step; a cosine over the whole run; or ReduceLROnPlateau)."
            % (fmt_lr(ctx.lr.peak), where(ctx, round(ctx.start + 0.5 * ctx.span))))
    return [finding("decay_too_aggressive", start_step=cs, end_step=st["end"], step=cs,
                    evidence=ev, message=msg, suggestion=sugg)]


def detect_overfitting(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """Prechelt's generalisation loss: the validation loss ends >= 10 % (and
    >= 3 sigma) above its best while the training loss kept falling."""
    ctx = _ctx(exp, ctx)
    v = ctx.val
    if v is None or v.m < MIN_POINTS["overfitting"]:
        return []
    ib = int(np.argmin(v.sm))
    n_after = v.m - 1 - ib
    if n_after < OVERFIT_MIN_AFTER:
        return []
    best = float(v.sm[ib])
    ntail = max(1, min(n_after // 2, int(round(0.1 * v.m))))
    tail = float(np.min(v.sm[-ntail:]))
    rise = tail - best
    ref = best if best > 0 else max(float(v.sm[0]) - best, 0.0)
    if not ref > 0:
        return []
    # noise of the validation curve: bucket noise, or second differences
    sig = v.sig_sm if v.k > 1 else (float(v.sig_pt[0]) if v.sig_pt.shape[0] else 0.0)
    gl = rise / ref
    if gl < OVERFIT_GL or rise <= OVERFIT_SIGMA * sig:
        return []
    best_step = float(v.sm_steps[ib])
    end_step = float(v.sm_steps[-1])
    t = _train_curve(ctx)
    ev = {"best_val_loss": v.raw(best), "best_val_step": best_step,
          "final_val_loss": v.raw(tail), "generalization_loss": 100.0 * gl}
    if t is not None and t.m >= 2:
        tb = float(np.interp(best_step, t.sm_steps, t.sm))
        te = float(t.sm[-1]) if t.sm_steps[-1] >= best_step else tb
        if not te < tb:
            return []  # train loss did not keep falling: not overfitting
        ev["train_loss_at_best"] = t.raw(tb)
        ev["final_train_loss"] = t.raw(te)
    else:
        return []
    lr_txt = ""
    if ctx.lr is not None:
        lr_b, lr_e = ctx.lr.at(best_step), ctx.lr.at(end_step)
        ev["lr_at_best"] = lr_b
        const = abs(lr_e - lr_b) <= CONST_LR_RTOL * max(abs(lr_b), 1e-300)
        if const:
            lr_txt = "decay the LR (it stayed at %s)" % fmt_lr(lr_b)
        else:
            lr_txt = "decay the LR sooner (it was %s at the best step)" % fmt_lr(lr_b)
    else:
        lr_txt = "decay the LR"
    msg = ("Validation loss rose %d%% above its best (%s at %s) while the training loss kept "
           "falling (%s to %s)." % (round(100 * gl), fmt(ev["best_val_loss"]), where(ctx, best_step),
                                    fmt(ev["train_loss_at_best"]), fmt(ev["final_train_loss"])))
    sugg = ("Best validation loss %s at %s; stop there (EarlyStopping(patience=%s, "
            "restore_best_weights=True)) or %s, and add regularisation (weight decay, dropout, "
            "augmentation)." % (fmt(ev["best_val_loss"]), where(ctx, best_step),
                                # patience counts validation evaluations
                                fmt_step(max(2, min(10, n_after // 2))), lr_txt))
    return [finding("overfitting", start_step=best_step, end_step=end_step, step=best_step,
                    evidence=ev, message=msg, suggestion=sugg)]


def detect_accuracy_drop(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """Validation accuracy ends >= 5 points below its best, or stalls early
    >= 15 points below a still-rising training accuracy."""
    ctx = _ctx(exp, ctx)
    a = ctx.val_acc
    if a is None or a.m < MIN_POINTS["accuracy_drop"]:
        return []
    ib = int(np.argmax(a.sm))
    best = float(a.sm[ib])
    n_after = a.m - 1 - ib
    sig = a.sig_sm if a.k > 1 else (float(a.sig_pt[0]) if a.sig_pt.shape[0] else 0.0)
    best_step = float(a.sm_steps[ib])
    end_step = float(a.sm_steps[-1])

    def p(x):
        return "%.1f%%" % (100 * x)
    if n_after >= OVERFIT_MIN_AFTER:
        ntail = max(1, min(n_after // 2, int(round(0.1 * a.m))))
        tail = float(np.max(a.sm[-ntail:]))
        drop = best - tail
        if drop >= ACC_DROP and drop > 3.0 * sig:
            ev = {"best_val_acc": best * a.scale, "best_val_acc_step": best_step,
                  "final_val_acc": tail * a.scale, "drop_points": 100 * drop}
            lr_txt = ""
            if ctx.lr is not None:
                ev["lr_at_best"] = ctx.lr.at(best_step)
                lr_txt = " (LR %s there)" % fmt_lr(ev["lr_at_best"])
            msg = ("Validation accuracy fell from its best %s at %s to %s." %
                   (p(best), where(ctx, best_step), p(tail)))
            sugg = ("Keep the weights from %s%s (EarlyStopping(monitor='val_accuracy', "
                    "restore_best_weights=True)) and decay the LR before that point."
                    % (where(ctx, best_step), lr_txt))
            return [finding("accuracy_drop", start_step=best_step, end_step=end_step,
                            step=best_step, evidence=ev, message=msg, suggestion=sugg)]
    ta = ctx.train_acc
    if ta is None or ta.m < MIN_POINTS["accuracy_drop"]:
        return []
    # stall: the first point within ACC_STALL_EPS of the best; no real gain after it
    j = int(np.argmax(a.sm >= best - ACC_STALL_EPS))
    stall_step = float(a.sm_steps[j])
    if (end_step - stall_step) < 0.5 * max(ctx.span, 1e-300):
        return []
    tr_end = float(ta.sm[-1])
    tr_at = float(np.interp(stall_step, ta.sm_steps, ta.sm))
    gap = tr_end - float(a.sm[-1])
    if gap < ACC_GAP or tr_end - tr_at < ACC_STALL_EPS:
        return []
    ev = {"val_acc": float(a.sm[-1]) * a.scale, "train_acc": tr_end * ta.scale,
          "gap_points": 100 * gap, "stall_step": stall_step}
    msg = ("Validation accuracy stopped improving at %s (%s) while training accuracy kept "
           "rising to %s: a %d-point gap." % (where(ctx, stall_step), p(float(a.sm[-1])),
                                              p(tr_end), round(100 * gap)))
    sugg = ("The model memorises: add regularisation or data augmentation, decay the LR "
            "from %s on, and stop near %s (EarlyStopping monitor='val_accuracy')."
            % (where(ctx, stall_step), where(ctx, stall_step)))
    return [finding("accuracy_drop", start_step=stall_step, end_step=end_step, step=stall_step,
                    evidence=ev, message=msg, suggestion=sugg)]


def detect_constant_lr(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """The LR never changed (relative spread <= 1e-6): no schedule."""
    ctx = _ctx(exp, ctx)
    if ctx.lr is None or not ctx.lr.constant or ctx.lr.steps.shape[0] < 2:
        return []
    lr = ctx.lr.start
    ev = {"lr": lr, "points": int(ctx.lr.steps.shape[0])}
    msg = "The LR stayed at %s for the whole run (no schedule)." % fmt_lr(lr)
    sugg = ("Fine for short runs; for longer ones a decay (cosine, step, or "
            "ReduceLROnPlateau(factor=0.1)) usually ends at a lower loss.")
    return [finding("constant_lr", start_step=float(ctx.lr.steps[0]),
                    end_step=float(ctx.lr.steps[-1]), evidence=ev, message=msg,
                    suggestion=sugg)]


_PHRASE = {"oscillation": "oscillation", "plateau": "a plateau", "overfitting": "overfitting",
           "loss_spike": "loss spikes", "divergence": "divergence",
           "accuracy_drop": "an accuracy drop", "lr_too_low": "very slow learning"}


def _join(words: List[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def escalate_constant_lr(f: dict, problems: List[dict]) -> dict:
    """Reword a constant_lr finding when warning/critical findings co-occur."""
    kinds = [p["kind"] for p in problems if p.get("severity") in ("warning", "critical")]
    kinds = [k for k in dict.fromkeys(kinds) if k in ("oscillation", "plateau", "overfitting",
                                                     "loss_spike", "divergence", "accuracy_drop",
                                                     "lr_too_low")]
    if not kinds:
        return f
    lr = fmt_lr(f["evidence"].get("lr", float("nan")))
    g = dict(f)
    g["message"] = ("The LR stayed at %s for the whole run, and the run shows %s: a fixed LR is "
                    "the likely cause." % (lr, _join([_PHRASE[k] for k in kinds])))
    if "lr_too_low" in kinds:
        fix = "raise it about 10x, then add a decay"
    elif "divergence" in kinds or "loss_spike" in kinds:
        fix = "lower it and add warmup plus a decay"
    else:
        fix = "decay it (cosine, or ReduceLROnPlateau(factor=0.1, patience=3))"
    g["suggestion"] = "Do not keep the LR fixed at %s: %s." % (lr, fix)
    g["evidence"] = dict(f["evidence"], escalated=True)
    return g


def detect_missing_validation(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    ctx = _ctx(exp, ctx)
    if ctx.val is not None and len(ctx.val) > 0:
        return []
    has_acc = ctx.val_acc is not None and len(ctx.val_acc) > 0
    msg = ("No validation loss was logged: overfitting cannot be judged%s."
           % (" (validation accuracy only)" if has_acc else ""))
    sugg = ("Pass validation_data= (Keras fit) or log a val_loss in your validation loop "
            "(Lightning: self.log('val_loss', ...)) so the best step can be found.")
    return [finding("missing_validation", start_step=ctx.start, end_step=ctx.end, evidence={},
                    message=msg, suggestion=sugg)]


def detect_missing_lr(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    ctx = _ctx(exp, ctx)
    if ctx.lr is not None:
        return []
    logged = [s for s in [exp.lr] + list((exp.extra_lrs or {}).values())
              if s is not None and len(s) > 0]
    if logged:
        # Logged, but not one finite positive value (NaN/Inf/0 everywhere).
        msg = ("The learning-rate series %s holds no finite positive value: the schedule "
               "cannot be judged." % (logged[0].tag or "that was logged"))
        sugg = ("Check how the LR is logged: log a float (e.g. float(optimizer.learning_rate) "
                "or scheduler.get_last_lr()[0]), not a tensor that is NaN or 0 at logging time.")
        return [finding("missing_lr", start_step=ctx.start, end_step=ctx.end,
                        evidence={"points": len(logged[0])}, message=msg, suggestion=sugg)]
    msg = "No learning-rate series was logged: the schedule cannot be judged."
    sugg = ("Log it: Keras 3's TensorBoard callback writes epoch_learning_rate; Lightning: "
            "LearningRateMonitor(); Hugging Face logs learning_rate; plain PyTorch: "
            "writer.add_scalar('lr', scheduler.get_last_lr()[0], step).")
    return [finding("missing_lr", start_step=ctx.start, end_step=ctx.end, evidence={},
                    message=msg, suggestion=sugg)]


def detect_possible_leakage(exp: ExperimentSeries, ctx: Optional[Context] = None) -> List[dict]:
    """Validation loss <= 50 % of the training loss at >= 80 % of the
    validation points, including the second half (positive losses only)."""
    ctx = _ctx(exp, ctx)
    v, t = ctx.val, _train_curve(ctx)
    if v is None or t is None or len(v) < MIN_POINTS["possible_leakage"] or t.m < 2:
        return []
    # The validation curve's bucket medians (the raw points on series of at
    # most MAX_BUCKETS points): robust to noise, and linear on 1M points.
    inside = (v.sm_steps >= t.sm_steps[0]) & (v.sm_steps <= t.sm_steps[-1])
    if inside.sum() < MIN_POINTS["possible_leakage"]:
        return []
    vs, vv = v.sm_steps[inside], v.sm[inside]
    tv = np.interp(vs, t.sm_steps, t.sm)
    if not (np.all(tv > 0) and np.all(vv > 0)):
        return []
    ratio = vv / tv
    low = ratio <= LEAK_RATIO
    half = vs >= vs[0] + 0.5 * (vs[-1] - vs[0])
    if low.mean() < LEAK_FRACTION or not low[half].all():
        return []
    med = float(np.median(ratio))
    ev = {"median_val_train_ratio": med, "fraction_below": float(low.mean())}
    msg = ("Validation loss stayed far below the training loss (median ratio %s) for the whole "
           "run." % fmt(med))
    sugg = ("Check for overlap between training and validation data, or a validation set that "
            "is much easier; heavy dropout/augmentation can also cause part of this.")
    return [finding("possible_leakage", start_step=float(vs[0]), end_step=float(vs[-1]),
                    evidence=ev, message=msg, suggestion=sugg)]


DETECTORS = (
    detect_divergence,
    detect_loss_spike,
    detect_oscillation,
    detect_lr_too_low,
    detect_plateau,
    detect_decay_too_aggressive,
    detect_overfitting,
    detect_accuracy_drop,
    detect_constant_lr,
    detect_missing_validation,
    detect_missing_lr,
    detect_possible_leakage,
)
