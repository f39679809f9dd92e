"""The contract of the generalisation corpus (issue 10).

A *scenario* is one way of training (data, model, optimizer, schedule, writer, what goes wrong).
It is trained under one or more seeds; each (scenario, seed) is one *run*, written by a real
writer into ``<out>/<writer>/<scenario>__s<seed>/`` (the writer's own layout below that folder).

Every scenario module in this package (``benchmarks/corpus/sc_<writer>.py``) exposes
``SCENARIOS: list[Scenario]``; ``benchmarks/corpus/generate.py`` trains the missing runs.

Labels are claims about the curves, decided from the run's plot and the way it was trained,
*before* looking at what the engine says. They live in ``benchmarks/corpus/labels/<writer>.json``
(committed), one record per run key ``"<writer>/<scenario>__s<seed>"``::

    {"status": "healthy" | "warning" | "critical",
     "must": [kinds that must be reported],
     "optional": [kinds the curve shows a bit of: neither reporting nor omitting is an error],
     "split": "dev" | "test" | one of the held-out splits (SPLITS[2:]),
     "writer": ..., "family": ..., "classes": [...],
     "reason": "what the plot shows, in a practitioner's words"}

Every kind not in ``must`` or ``optional`` is a negative for that run. ``constant_lr`` is a
positive exactly when the logged LR never changes and ``missing_validation`` exactly when no
validation loss was logged (facts read off the logs); ``missing_lr`` when no LR was logged.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Dict, Tuple

HEALTHY, WARNING, CRITICAL = "healthy", "warning", "critical"

# The writers (>= 6): each scenario names exactly one.
WRITERS = ("keras", "torch", "tensorboardx", "lightning", "hf", "tfsummary")

# Schedule families the healthy runs must cover.
FAMILIES = ("constant", "constant_warmup", "step", "multistep", "exponential", "cosine",
            "onecycle", "cyclic", "sgdr", "plateau", "linear", "inverse_sqrt", "range_test",
            "other")

# Curve classes the corpus must contain (issue 10's list and the other axes of variety).
CLASSES = (
    "restart_wide_spike",      # 1: SGDR restarts throw the loss up for dozens of steps, then recovery
    "collapse_no_nan",         # 2: learns, then jumps to chance level at the LR peak and stays
    "chance_from_start",       # 2b: far too high LR, loss never leaves its starting/chance level
    "zero_lr",                 # 3: LR exactly 0 for a large part of the run (scheduler bug)
    "noise_floor",             # 4: per-step loss bouncing around a floor set by label noise
    "cyclic_wiggles",          # 4b: wiggles that follow a cyclic LR while trend and val fall
    "train_flat_val_improves", # 5: train loss flat (augmentation switch) while val keeps falling
    "single_point_spikes",     # 6: one-step spikes in long full-resolution series
    "flat_then_last_jump",     # 6b: never learned, last point doubles
    "fast_start_crawl",        # 8: big LR, fast first steps, then a crawl (not lr_too_low)
    "rl_like",                 # 9: losses not meant to fall, no validation
    "range_test",              # an LR range test (exponential LR sweep over >= 2 decades)
    "sweep_member",            # one run of an LR sweep (same training, several LRs)
    "long_noisy",              # >= 20k logged steps
    "tiny",                    # 5 epochs or fewer
    "per_epoch", "per_step",   # logging granularity
    "param_groups",            # several LR parameter groups logged
)

# The held-out splits, in the order they were built (``Scenario.held_out`` names one; every
# seed of such a scenario belongs to it). Each was built after the one before it had been
# scored, labelled from its plots before any engine call, and scored once:
# "holdout" (session 2, after the test split), "fresh" (session 3), "blind", "blind2" and
# "blind3" (session 4; built by someone who did not see the engine's output on them), and
# "blind4" (session 5, the same way, after blind3 had been scored and its misses read) and
# "blind5" (session 5, after blind4 had been scored once and its misses read), "blind6"
# (session 5, after blind5 had been scored once and its misses read) and "blind7" (session
# 5, after the final engine, scored once with it and never tuned on); "blind8" (session 6,
# built at its start and scored once with the engine it started from), "blind9" (session 6,
# scored once with the engine of 887bf10; its misses were then read) and "blind10" (session 6,
# built after that, to score the session's final engine once); "blind11" (session 7, built
# after blind10 had been scored once and its misses read; scored once mid-session, its
# misses then read), "blind12" (session 7, built while the engine was being changed, scored
# once with 4d37095, its misses then read) and "blind13" (session 7, built after that, to score
# the session's final engine once); "blind14" (session 8, built at its start from plots only,
# scored once mid-session, its misses then read) and "blind15" (session 8, built beside it,
# weighted to the classes the test split is weakest on and their healthy look-alikes; scored
# once at the start of session 9 with the engine session 8 ended with, its misses then read);
# "blind16" (session 9, built from plots only by a helper at the session's start, weighted to
# the classes the engine is weakest on and their healthy look-alikes; scored once with
# a56a8bf, its misses then read); "blind17" (session 9,
# built from plots only by a helper after blind16 had been scored once and its misses read;
# scored once with the session's final engine); "blind18" (session 10, built from plots only by
# a helper at the session's start, weighted to the classes the engine is weakest on and their
# healthy look-alikes; scored once mid-session with 280b7a7, its misses then read); "blind19"
# (session 10, built from plots only by a helper after blind18 had been scored once and its
# misses read, weighted to the classes the engine is weakest on and their healthy look-alikes;
# scored once with the session's final engine); "blind20" (session 11, built from plots only
# by a helper at the session's start, weighted to the classes the engine is weakest on and
# their healthy look-alikes -- two of that session's scans printed some of its labels, never
# engine output, see ACCURACY.md; scored once in session 12 with ccc1560: 29/38, the start
# engine 14671c7 29/38 -- its misses then read); "blind21" (session 13, built from plots only
# by a helper at the session's start, weighted to the classes the engine is weakest on and
# their healthy look-alikes; scored once with the session's final engine); "blind22" (session
# 14, built from plots only by a helper at the session's start, weighted to the classes the
# engine is weakest on and their healthy look-alikes); "blind23" (session 14, built from plots
# only by a helper after blind22 had been scored once and its misses read, weighted to the
# classes the engine is weakest on and their healthy look-alikes); "blind24" (session 14, built
# from plots only by a helper after blind23 had been scored once and its misses read, weighted
# to the classes the engine is weakest on and their healthy look-alikes); "blind25" (session 14,
# built from plots only by a helper after blind24 had been scored once and its misses read,
# weighted to the classes the engine is weakest on and their healthy look-alikes); "blind26"
# (session 15, built from plots only by a helper after blind25 had been scored once and its
# misses read, weighted to the classes the engine is weakest on and their healthy look-alikes);
# "blind27" (session 15, built from plots only by a helper after blind26 had been scored once and
# its misses read, weighted to the classes the engine is weakest on and their healthy
# look-alikes); "blind28" (session 15, built from plots only by a helper after blind27 had
# been scored once and its misses read, weighted to the classes the engine is weakest on and
# their healthy look-alikes); "blind29" (session 16, built from plots only by a helper after
# blind28 had been scored once and its misses read, weighted to the classes the engine is
# weakest on and their healthy look-alikes); "blind30" (session 17, built from plots only by a
# helper after blind29 had been scored once and its misses read, weighted to the classes the
# engine is weakest on and their healthy look-alikes); "blind31" (session 17, built from plots
# only by a helper after blind30 had been scored once and its misses read, weighted to the
# classes the engine is weakest on and their healthy look-alikes); "blind32" (session 17, built
# from plots only by a helper after blind31 had been scored once and its misses read, weighted
# to the classes the engine is weakest on and their healthy look-alikes); "blind33" (session 17,
# built from plots only by a helper after blind32 had been scored once and its misses read,
# weighted to the classes the engine is weakest on and their healthy look-alikes); "blind34"
# (session 18, built from plots only by a helper after blind33 had been scored once and its
# misses read, weighted to the classes the engine is weakest on and their healthy look-alikes);
# "blind35" (session 18, built from plots only by a helper after blind34 had been scored once and
# its misses read, weighted to the classes the engine is weakest on and their healthy look-alikes).
SPLITS = ("dev", "test", "holdout", "fresh", "blind", "blind2", "blind3", "blind4", "blind5",
          "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13",
          "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20",
          "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27",
          "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34",
          "blind35")


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str                       # unique across the corpus, snake_case
    writer: str                     # one of WRITERS
    family: str                     # one of FAMILIES
    classes: Tuple[str, ...]        # from CLASSES
    story: str                      # how it is trained and what goes right/wrong (the design)
    train: Callable[[str, int], Dict[str, object]]  # (run_dir, seed) -> summary of the curves
    seeds: Tuple[int, ...] = (1, 2)
    # Split by scenario and seed, decided before any scoring; seeds not listed are "dev".
    test_seeds: Tuple[int, ...] = ()
    # A held-out scenario: the name of the held-out split ("holdout", "fresh", "blind", ...)
    # that every one of its seeds belongs to (test_seeds is then ignored). "" = dev/test.
    held_out: str = ""

    def __post_init__(self) -> None:
        if self.held_out and self.held_out not in SPLITS[2:]:
            raise ValueError("%s: held_out=%r is not a held-out split %s"
                             % (self.name, self.held_out, SPLITS[2:]))

    def split(self, seed: int) -> str:
        if self.held_out:
            return self.held_out
        return "test" if seed in self.test_seeds else "dev"


def run_key(sc: Scenario, seed: int) -> str:
    return "%s/%s__s%d" % (sc.writer, sc.name, seed)
