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
     "split": "dev" | "test" | "holdout" | "fresh" | "blind" | "blind2" | "blind3",
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

# "holdout": scenarios added after the test split had been scored, labelled from their plots
# before any engine call, and scored once (``Scenario.holdout``: every seed is "holdout").
# "fresh": a second never-scored set, added after the holdout split had been scored, labelled
# from its plots before any engine call (``Scenario.fresh``: every seed is "fresh").
# "blind": a third never-scored set, added in the fourth session after the fresh split had been
# scored: built and labelled from its plots by someone who did not see the engine's output on
# it, and scored once, at the end (``Scenario.blind``: every seed is "blind").
# "blind2": the same again, built after the blind split had been scored (once) and its misses
# read (``Scenario.blind2``: every seed is "blind2").
# "blind3": the same again, built after blind2 had been scored (once) and its misses read.
SPLITS = ("dev", "test", "holdout", "fresh", "blind", "blind2", "blind3")


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
    # A held-out scenario: all its seeds are in the "holdout" split (test_seeds is ignored).
    holdout: bool = False
    # A fresh scenario: all its seeds are in the "fresh" split (test_seeds is ignored).
    fresh: bool = False
    # A blind scenario: all its seeds are in the "blind" split (test_seeds is ignored).
    blind: bool = False
    # A second blind scenario: all its seeds are in the "blind2" split.
    blind2: bool = False
    # A third blind scenario: all its seeds are in the "blind3" split.
    blind3: bool = False

    def split(self, seed: int) -> str:
        if self.blind3:
            return "blind3"
        if self.blind2:
            return "blind2"
        if self.blind:
            return "blind"
        if self.fresh:
            return "fresh"
        if self.holdout:
            return "holdout"
        return "test" if seed in self.test_seeds else "dev"


def run_key(sc: Scenario, seed: int) -> str:
    return "%s/%s__s%d" % (sc.writer, sc.name, seed)
