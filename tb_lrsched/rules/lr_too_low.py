"""lr_too_low (warning): the loss falls slowly and still linearly, or not at all.

What it measures:
    The loss falls far too slowly from the start: slowly *and still linearly*
    at the end, which is what a too-small step size looks like (a healthy
    curve is convex: fast first, slow later).

Why it matters:
    A run at a too-low LR converges to the same place many times slower (or
    never, within its budget); raising the LR is the cheapest speed-up there
    is.

Thresholds:
    Medians of the smoothed loss over the three thirds of the run, L1, L2, L3
    (positive losses). It does fall: L1 - L3 >= `min_drop` x L1 and > 3 sigma
    of a third's median (the noise test separates a slow but real descent,
    2.37 -> 2.33 in smooth epoch averages, from a flat noisy RL loss). No
    elbow: L2 - L3 >= `last_vs_first` x (L1 - L2). It did not even halve:
    last value >= `max_progress` x first, and L3 >= `max_progress` x L1 -- or, when it did,
    it fell in a straight line (L2 - L3 >= `straight` x (L1 - L2)) and is still >=
    `straight_progress` of where it started: a loss still falling as fast at the end as at
    the start had more to gain, however much it gained. A
    monotone descent: the smoothed loss never climbs back >= `max_climb` of L1
    (and > 3 sigma) above its running best -- SGD with momentum at a 10x too
    *high* LR bounces early and then crawls, which the other thresholds alone
    would read as "too low"; where >= 3 evaluations were logged, the validation loss
    must climb back `max_climb` of its level too (a per-step training loss that climbs
    next to a validation loss falling steadily is minibatch noise), and a validation loss
    (>= 6 evaluations) must still be falling too: its last third falls >= `last_vs_first`
    of what its first third fell (a training loss that creeps below a flat held-out loss is
    at a label-noise floor, memorising). No LR collapse >= 10x
    in the first half (that is `decay_too_aggressive`), and no spike, oscillation, accuracy drop or
    divergence in the run (those say the LR is too high, not too low).
    AUTOTRAINER's "slow convergence" (largest epoch gain < 0.01 accuracy)
    inspired the rule; an absolute gain does not transfer to losses, so the
    shape is used instead.

    **Second case: stuck.** When the thirds rule finds no real fall (or a
    fall that bends -- under a decaying schedule a creep slows with the LR, and so does
    the validation loss's -- or one whose noisy first and last levels show no fall end to
    end) and
    neither the training loss nor the validation loss fell even 10 % below
    its first value -- cross-entropy sitting at ln(classes) -- then, with an
    LR that was logged and never collapsed early, the model learned nothing
    and the finding says so ("nothing was learned, the LR looks too low") --
    provided a loss still creeps down (``tb_lrsched.engine.progress.moving``:
    the training or the validation loss's last third lies > 3 sigma below its
    first, the training loss is not frozen, and it fell >= 0.1 % of its level per
    unit of integrated LR, ``progress.lr_response``: a live network's gradient
    moves it at least that much): a too-low LR moves the
    held-out loss down smoothly, however little; a loss that moves neither way
    is `plateau`'s "nothing was learned", and one thrown around at its
    starting level is `divergence`'s.
    The validation curve is required: it separates a stuck supervised model
    from an RL objective that is not meant to fall (those runs have no
    validation loss and get a note, not a verdict). A loss that rises above
    1.5x its start is not "stuck" (that is divergence's business).

    A too-low LR is slow from the very first steps: a loss that fell `fast_start` x faster
    over the first `early` of the run than over the rest (a large LR without warmup: fast
    start, then a crawl) is not reported -- raising the LR would be the wrong advice there.
    A slow curve that merely bends (an adaptive optimiser's shrinking step: Adagrad, RMSprop
    through a bottleneck) falls 3-4x faster over that first tenth; on the labelled corpus the
    fast starts that then crawl fall 13x faster or more.

Example:
    An LR 10x too low: loss 2.46 -> 1.35 in 30 epochs, still falling at the
    end: *"The training loss fell only 45% (2.46 to 1.35) over the whole run
    and was still falling nearly as fast at the end as at the start, with the
    LR at most 1e-4: the LR looks too low."* -> *"Raise the LR about 10x (from
    1e-4 to 1e-3; AUTOTRAINER's repair) or run an LR range test..."*

Fix:
    Raise the LR x10 or run an LR range test (LR finder).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, List

import numpy as np

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.curves import head_level, positive
from tb_lrsched.engine.lr import COLLAPSE, CollapseThresholds, early_collapse
from tb_lrsched.engine.progress import (
    STUCK,
    STUCK_EVIDENCE,
    StuckThresholds,
    memorising,
    moving,
    stuck,
    thirds,
)
from tb_lrsched.engine.spec import Evidence, param
from tb_lrsched.engine.text import fmt, fmt_lr
from tb_lrsched.report import Finding, finding

_THIRDS = 3.0
_PERCENT = 100
_VAL_POINTS = 3


@dataclasses.dataclass(frozen=True)
class Thresholds:
    min_points: int = param(4, "smoothed training-loss points needed (one per third, and one more)")
    last_vs_first: float = param(0.5, "the last third falls >= 50 % as much as the first third")
    max_progress: float = param(0.5, "the loss did not even halve ...")
    straight: float = param(0.8, "... or, if it did, the last third still fell >= 80 % as much "
                                 "as the first (a straight line, no bend at all) ...")
    straight_progress: float = param(0.25, "... and the loss is still >= 25 % of where it "
                                           "started")
    min_drop: float = param(0.01, "... but it did fall (>= 1 % and > 3 noise sigmas)")
    sigmas: float = param(3.0, "noise sigmas the fall (and a climb) must exceed")
    max_climb: float = param(0.10, "not reported when the loss ever climbs 10 % of its early "
                                   "level above its running best (unstable, not slow)")
    raise_factor: float = param(10.0, "suggested LR: 10x higher")
    early: float = param(0.10, "a fast start: over the first 10 % of the run the loss fell ...")
    fast_start: float = param(6.0, "... >= 6x as fast as over the rest (then the LR is not "
                                   "too low) ...")
    fast_drop: float = param(0.05, "... by >= 5 % of its initial level")
    collapse: CollapseThresholds = COLLAPSE
    stuck: StuckThresholds = STUCK


THRESHOLDS = Thresholds()

EVIDENCE = {
    **STUCK_EVIDENCE,
    "progress": Evidence("fraction of the loss learned", "x",
                         "how much of its initial value the loss lost"),
    "last_vs_first_third": Evidence("fall of the last third over the first", "x",
                                    "near 1: still falling as fast as at the start"),
    "lr_max": Evidence("highest LR", "LR"),
}


def detect(ctx: Context, t: Thresholds = THRESHOLDS) -> List[Finding]:
    """The loss falls slowly and almost linearly from the start: the last third
    still falls >= half as much as the first, and the loss did not halve."""
    # a run of a few epochs is read on its batch-level loss when the epoch-level one is short
    c = ctx.course(t.min_points)
    if c is None:
        return []
    # levels of the three thirds of the run (medians: robust to noise)
    t1 = ctx.start + ctx.span / _THIRDS
    t2 = ctx.start + 2.0 * ctx.span / _THIRDS
    st = c.smooth_steps
    parts = [c.smooth[st < t1], c.smooth[(st >= t1) & (st < t2)], c.smooth[st >= t2]]
    if min(p.shape[0] for p in parts) < 1:
        return []
    l1, l2, l3 = (float(np.median(p)) for p in parts)
    a, b = float(c.smooth[0]), float(c.smooth[-1])
    if not positive(c):
        return []
    per_third = max(1, min(p.shape[0] for p in parts))
    noise = (c.noise if c.bucket_size > 1 else float(c.point_noise[0])) / math.sqrt(per_third)
    drop_first, drop_last = l1 - l2, l2 - l3
    net = l1 - l3
    if not (net > t.sigmas * noise and net >= t.min_drop * l1):
        return _stuck_case(ctx, t)
    if not (drop_first > 0 and drop_last >= t.last_vs_first * drop_first):
        # a bent curve is no too-low LR -- unless nothing was learned at all: a loss that
        # creeps 2-4 % under a decaying schedule bends with the LR, and is the stuck case
        return _stuck_case(ctx, t)
    # A too-low LR gives a smooth, monotone descent. A loss that climbs back
    # well above its running best on the way (LR too high: bounce, then crawl)
    # is the opposite diagnosis; "raise the LR" would make it worse.
    climb = float(np.max(c.smooth - np.minimum.accumulate(c.smooth)))
    if climb >= max(t.sigmas * noise, t.max_climb * l1) and _val_climbs(ctx, t):
        return []
    if _val_bends(ctx, t):
        # held-out progress stopped: more LR would not move it -- unless nothing was learned
        # at all (a held-out loss that creeps under a decaying LR bends with the LR)
        return _stuck_case(ctx, t)
    # A too-low LR is slow from the very first steps. A loss that fell fast at first and then
    # crawls had a large enough LR: it stalls, and more LR would not help.
    head = head_level(c)
    l_early = c.smooth_at(ctx.start + t.early * ctx.span)
    early_rate = (head - l_early) / t.early
    late_rate = (l_early - b) / (1.0 - t.early)
    if early_rate > t.fast_start * max(late_rate, 0.0) and head - l_early > max(
            t.sigmas * noise, t.fast_drop * head):
        return []
    halved = b < t.max_progress * a or l3 < t.max_progress * l1
    straight = drop_last >= t.straight * drop_first and b >= t.straight_progress * a and \
        l3 >= t.straight_progress * l1
    if halved and not straight:
        return []
    net = a - b
    if early_collapse(ctx, t.collapse) is not None:
        return []  # slowness explained by an LR collapse: decay_too_aggressive's case
    if memorising(ctx) and stuck(ctx, t.stuck) is not None:
        return []  # nothing carried over to held-out data: plateau's "nothing learned"
    ev: Dict[str, Any] = {"initial_loss": c.raw(a), "final_loss": c.raw(b), "progress": net / a,
                          "last_vs_first_third": drop_last / drop_first}
    if not net > 0:
        # the end points are noisy single levels: a run that learned nothing but creeps
        # down (its thirds fall) is the stuck case
        return _stuck_case(ctx, t)
    if ctx.lr is not None:
        ev["lr_max"] = ctx.lr.peak
        msg = ("The training loss fell only %d%% (%s to %s) over the whole run and was still "
               "falling nearly as fast at the end as at the start, with the LR at most %s: the "
               "LR looks too low." % (round(_PERCENT * net / a), fmt(ev["initial_loss"]),
                                      fmt(ev["final_loss"]), fmt_lr(ctx.lr.peak)))
        sugg = ("Raise the LR about 10x (from %s to %s) or run an LR range test and pick the "
                "LR where the loss falls fastest."
                % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak * t.raise_factor)))
    else:
        msg = ("The training loss fell only %d%% (%s to %s) over the whole run and was still "
               "falling linearly at the end: the LR looks too low (no LR was logged)."
               % (round(_PERCENT * net / a), fmt(ev["initial_loss"]), fmt(ev["final_loss"])))
        sugg = ("Raise the LR about 10x or run an LR range test; log the LR to confirm.")
    return [finding("lr_too_low", start_step=float(c.smooth_steps[0]),
                    end_step=float(c.smooth_steps[-1]), evidence=ev, message=msg,
                    suggestion=sugg)]


def _val_bends(ctx: Context, t: Thresholds) -> bool:
    """The validation loss (>= 6 evaluations) stopped falling while the training loss still
    falls: its last third fell less than `last_vs_first` of what its first third fell. A
    too-low LR moves both losses down together; a training loss that keeps creeping while
    the held-out loss has flattened is at its floor (label noise) or memorising."""
    v = ctx.val
    if v is None or v.n_smooth < 2 * _THIRDS or not positive(v):
        return False
    got = thirds(v)
    assert got is not None
    l1, l2, l3 = got
    first, last = l1 - l2, l2 - l3
    return first > 0 and last < t.last_vs_first * first


def _val_climbs(ctx: Context, t: Thresholds) -> bool:
    """The validation loss (when >= 3 evaluations were logged) also climbed back above its
    running best by `max_climb` of its level, or did not fall `stuck.learned` from its first
    third to its last: a bounce of the LR shows on held-out data too; a per-step training
    loss that climbs next to a validation loss falling steadily is minibatch noise. True
    without a validation loss to tell."""
    v = ctx.val
    if v is None or v.n_smooth < _VAL_POINTS or not positive(v):
        return True
    # the held-out loss must have made progress to vouch for the run (a validation loss flat
    # at chance next to a training loss thrown up and back is an LR far too high)
    got = thirds(v)  # its thirds: a first-evaluation burst is no fall
    assert got is not None
    fell = got[2] < (1.0 - t.stuck.learned) * got[0]
    up = float(np.max(v.smooth - np.minimum.accumulate(v.smooth)))
    return not fell or up >= t.max_climb * float(v.smooth[0])


def _stuck_case(ctx: Context, t: Thresholds) -> List[Finding]:
    """The second case: training and validation losses barely moved (never 10 % below where
    they started) but still creep down significantly, while the LR stayed small and never
    collapsed."""
    st = stuck(ctx, t.stuck)
    if st is None or ctx.lr is None or ctx.course(t.min_points) is None or not moving(ctx) \
            or memorising(ctx):
        return []  # a loss that does not creep at all, or one that memorises while the
        # held-out loss climbs or stays put, is not slow: plateau's "nothing learned"
    if early_collapse(ctx, t.collapse) is not None:
        return []  # decay_too_aggressive's stuck case
    ev: Dict[str, Any] = {k: v for k, v in st.items() if k not in ("start", "end")}
    ev["lr_max"] = ctx.lr.peak
    msg = ("Neither the training loss (%s to %s) nor the validation loss (best %s) fell even %d%% "
           "over the run, with the LR at most %s: nothing was learned, the LR looks too low."
           % (fmt(st["initial_loss"]), fmt(st["final_loss"]), fmt(st["val_best_loss"]),
              round(_PERCENT * t.stuck.learned), fmt_lr(ctx.lr.peak)))
    sugg = ("Raise the LR about 10x (from %s to %s) or run an LR range test; if the loss still "
            "does not move, check that labels and inputs match and that gradients reach the "
            "weights." % (fmt_lr(ctx.lr.peak), fmt_lr(ctx.lr.peak * t.raise_factor)))
    return [finding("lr_too_low", start_step=st["start"], end_step=st["end"], evidence=ev,
                    message=msg, suggestion=sugg)]
