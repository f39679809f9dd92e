"""The rule registry: THE one place that names each verdict rule.

Every other place that needs a rule's identity reads :data:`RULES` (in
analysis order): ``model.KINDS`` (id -> severity), the analysis loop and its
sort order, overlap resolution (:mod:`~tb_lrsched.engine.resolve`), the
"too few points" notes, the CLI, the ``rules`` route the panel draws its
chart markers and evidence labels from, ``benchmarks/verdict_accuracy.py`` and
``docs/verdicts.md`` (:mod:`~tb_lrsched.engine.docgen`).

Adding a rule: write ``tb_lrsched/rules/<kind>.py`` (see any rule there), add
one :class:`Rule` entry below, regenerate the docs.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from tb_lrsched.engine.context import Context
from tb_lrsched.engine.spec import Evidence
from tb_lrsched.model import CRITICAL, INFO, WARNING
from tb_lrsched.report import Finding
from tb_lrsched.rules import (
    accuracy_drop,
    constant_lr,
    decay_too_aggressive,
    divergence,
    loss_spike,
    lr_range_test,
    lr_too_low,
    missing_lr,
    missing_validation,
    oscillation,
    overfitting,
    plateau,
    possible_leakage,
)

MARKERS = ("point", "line", "band", "none")
CURVES = ("train", "val", "val_acc")


@dataclasses.dataclass(frozen=True)
class Rule:
    """One verdict rule.

    ``min_points`` is read from the rule's thresholds. The overlap data:
    ``drops`` are kinds removed whenever this rule fires, ``drops_from_step``
    kinds removed when they sit at or after the start of this finding's stretch
    (a divergence's: its best loss, so what happens on the way up is part of it),
    ``drops_unless_critical`` kinds removed unless a critical finding (a
    divergence) co-occurs, which then explains them better; ``drops_declines`` kinds removed
    when they are a decline from a best that lasts to the end of the run (an accuracy that
    fell as the validation loss climbed: overfitting's symptom, not a fall of its own);
    ``blame_rank``: when set, a constant LR finding is reworded to name this
    finding as its likely consequence (co-occurring findings are named in
    increasing ``blame_rank``). ``counted_on`` names the curve whose
    point count the rule needs (for the "too few points" notes; ``per_point``:
    it counts raw points, not smoothed ones). ``explains_flat_loss``: when it
    fired, the "training loss never fell" note is not given.
    ``constant_lr_advice``: what an escalated constant-LR finding advises when
    this finding co-occurs ("raise" wins over "lower"; else decay the LR).
    """

    id: str
    severity: str
    title: str                  # short plain words: "Loss spikes"
    phrase: str                 # as in a sentence: "the run shows loss spikes"
    noun: str                   # as in "too few points to judge loss spikes"
    marker: str                 # chart marker: point, line, band or none
    detect: Callable[[Context], List[Finding]]
    thresholds: Any
    evidence: Mapping[str, Evidence]
    module: Any                 # the rule module (its docstring is the documentation)
    drops: Tuple[str, ...] = ()
    drops_from_step: Tuple[str, ...] = ()
    drops_unless_critical: Tuple[str, ...] = ()
    drops_declines: Tuple[str, ...] = ()
    blame_rank: Optional[int] = None
    counted_on: Optional[str] = None
    per_point: bool = False
    explains_flat_loss: bool = False
    constant_lr_advice: Optional[str] = None
    min_points: int = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_points", int(getattr(self.thresholds, "min_points", 0)))
        if self.marker not in MARKERS:
            raise ValueError("marker of %s: %r not in %s" % (self.id, self.marker, MARKERS))
        if self.constant_lr_advice not in (None, "raise", "lower"):
            raise ValueError("constant_lr_advice of %s: %r" % (self.id, self.constant_lr_advice))
        if self.counted_on is not None and self.counted_on not in CURVES:
            raise ValueError("counted_on of %s: %r" % (self.id, self.counted_on))

    def as_json(self) -> Dict[str, Any]:
        """The shape the ``rules`` route serves."""
        return {"kind": self.id, "severity": self.severity, "title": self.title,
                "phrase": self.phrase, "marker": self.marker, "min_points": self.min_points,
                "evidence": {k: e.as_json() for k, e in self.evidence.items()}}


def _rule(module: Any, severity: str, title: str, phrase: str, noun: str, marker: str,
          **overlap: Any) -> Rule:
    kind = module.__name__.rsplit(".", 1)[1]
    return Rule(kind, severity, title, phrase, noun, marker, module.detect, module.THRESHOLDS,
                module.EVIDENCE, module, **overlap)


# Analysis order: worst first (the order findings of equal severity and
# start step are sorted in).
RULES: Tuple[Rule, ...] = (
    _rule(divergence, CRITICAL, "Divergence", "divergence", "divergence", "point",
          # (a training loss that blew up sits far above any validation loss: that ratio is
          # no leakage hint)
          drops=("plateau", "lr_too_low", "decay_too_aggressive", "overfitting",
                 "possible_leakage"),
          drops_from_step=("loss_spike", "oscillation"),
          blame_rank=1, counted_on="train", explains_flat_loss=True, constant_lr_advice="lower"),
    _rule(loss_spike, WARNING, "Loss spikes", "loss spikes", "loss spikes", "point",
          drops=("lr_too_low",), blame_rank=2, counted_on="train", per_point=True,
          explains_flat_loss=True, constant_lr_advice="lower"),
    _rule(oscillation, WARNING, "Oscillation", "oscillation", "oscillation", "band",
          drops=("lr_too_low", "plateau"), drops_unless_critical=("accuracy_drop",),
          blame_rank=3, counted_on="train",
          explains_flat_loss=True),
    _rule(overfitting, WARNING, "Overfitting", "overfitting", "overfitting", "line",
          drops_declines=("accuracy_drop",), blame_rank=6, counted_on="val"),
    _rule(accuracy_drop, WARNING, "Accuracy drop", "an accuracy drop", "accuracy drops", "line",
          drops=("lr_too_low",), blame_rank=7, counted_on="val_acc"),
    _rule(decay_too_aggressive, WARNING, "LR decays too fast", "an LR decay that was too fast",
          "too-fast LR decays", "band", explains_flat_loss=True),
    _rule(plateau, WARNING, "Plateau", "a plateau", "plateaus", "band",
          blame_rank=5, counted_on="train"),
    _rule(lr_too_low, WARNING, "LR too low", "very slow learning", "slow learning", "band",
          blame_rank=4, counted_on="train",
          explains_flat_loss=True, constant_lr_advice="raise"),
    _rule(constant_lr, INFO, "Constant LR", "a constant LR", "constant LRs", "band"),
    _rule(missing_validation, INFO, "No validation loss", "no validation loss",
          "missing validation losses", "band"),
    _rule(missing_lr, INFO, "No LR logged", "no logged LR", "missing LRs", "band"),
    _rule(possible_leakage, INFO, "Possible leakage", "possible leakage",
          "possible leakage", "band"),
    # A range test is meant to explode: none of the training verdicts apply to it.
    _rule(lr_range_test, INFO, "LR range test", "an LR range test", "LR range tests", "point",
          drops=("divergence", "loss_spike", "oscillation", "overfitting", "accuracy_drop",
                 "decay_too_aggressive", "plateau", "lr_too_low", "constant_lr",
                 "missing_validation", "missing_lr", "possible_leakage"),
          explains_flat_loss=True),
)

BY_KIND: Dict[str, Rule] = {r.id: r for r in RULES}
KINDS: Dict[str, str] = {r.id: r.severity for r in RULES}   # id -> severity
KIND_ORDER: Tuple[str, ...] = tuple(r.id for r in RULES)
MIN_POINTS: Dict[str, int] = {r.id: r.min_points for r in RULES}


def rules_json() -> Dict[str, List[Dict[str, Any]]]:
    """``{"rules": [...]}`` in registry order (the ``rules`` route's body)."""
    return {"rules": [r.as_json() for r in RULES]}
