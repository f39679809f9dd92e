"""Plain data types shared by every layer (data path, rules, plugin, CLI).

Nothing here imports TensorBoard or TensorFlow: the rules and the report
format must stay usable (and testable) with numpy alone.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

# Roles an experiment's series can play.
ROLE_LR = "lr"
ROLE_TRAIN_LOSS = "train_loss"
ROLE_VAL_LOSS = "val_loss"
ROLE_VAL_ACC = "val_acc"
ROLE_TRAIN_ACC = "train_acc"
ROLES = (ROLE_LR, ROLE_TRAIN_LOSS, ROLE_VAL_LOSS, ROLE_VAL_ACC, ROLE_TRAIN_ACC)

# Severities, ordered from least to most severe.
INFO = "info"
WARNING = "warning"
CRITICAL = "critical"
SEVERITY_RANK = {INFO: 0, WARNING: 1, CRITICAL: 2}

# Run statuses.
HEALTHY = "healthy"
STATUS_RANK = {HEALTHY: 0, WARNING: 1, CRITICAL: 2}

# Stable verdict ids -> severity: ``KINDS`` is read from the rule registry
# (tb_lrsched.engine.registry), lazily, because the rules import this module.


def __getattr__(name: str) -> Any:
    if name == "KINDS":
        from tb_lrsched.engine.registry import KINDS
        return KINDS
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


@dataclasses.dataclass(frozen=True)
class Series:
    """One cleaned scalar series on the experiment's common step axis.

    `steps` is float64, strictly increasing (restarts resolved: for a repeated
    step the value written last wins). `values` is float64 and may hold NaN or
    +/-Inf: rules must cope. `sampled` is True when TensorBoard's
    reservoir sampling dropped points (so spikes may be hidden).
    """

    steps: np.ndarray
    values: np.ndarray
    wall_times: np.ndarray
    run: str = ""
    tag: str = ""
    sampled: bool = False

    def __len__(self) -> int:
        return int(self.steps.shape[0])

    @staticmethod
    def of(steps: Any, values: Any, wall_times: Any = None, run: str = "", tag: str = "",
           sampled: bool = False) -> "Series":
        s = np.asarray(steps, dtype=np.float64).reshape(-1)
        v = np.asarray(values, dtype=np.float64).reshape(-1)
        if wall_times is None:
            w = np.arange(s.shape[0], dtype=np.float64)
        else:
            w = np.asarray(wall_times, dtype=np.float64).reshape(-1)
        return Series(s, v, w, run, tag, sampled)


@dataclasses.dataclass
class ExperimentSeries:
    """Everything the rules get for one experiment.

    All series share one step axis whose unit is `step_unit` ("step" = global
    optimisation step / batch, "epoch" = epoch index). Any role may be None.
    `extra_lrs` holds the other learning-rate series (param groups), keyed by
    "run/tag", on the same axis.
    """

    name: str
    step_unit: str = "step"
    lr: Optional[Series] = None
    train_loss: Optional[Series] = None
    val_loss: Optional[Series] = None
    val_acc: Optional[Series] = None
    train_acc: Optional[Series] = None
    extra_lrs: Dict[str, Series] = dataclasses.field(default_factory=dict)
    # Optional finer-grained training loss (e.g. Keras batch_loss), shown in
    # charts; rules may use it for spikes/divergence.
    train_loss_fine: Optional[Series] = None
    # Every scalar series name ("run/tag") of the experiment, role or not: tells which
    # framework wrote the logs, so advice can name its API (empty when unknown).
    tag_names: Tuple[str, ...] = ()
    # A detector's loss logged only as its parts (train/box_loss, train/cls_loss, ...):
    # `train_loss` / `val_loss` hold the first part, this the others as (training part, its
    # validation twin or None); each part is judged as the loss it is.
    loss_parts: List[Tuple[Series, Optional[Series]]] = dataclasses.field(default_factory=list)
    # Every other loss series the experiment logged: read only for NaN/Inf.
    other_losses: List[Series] = dataclasses.field(default_factory=list)

    def all_series(self) -> List[Series]:
        """The series the experiment is judged on (roles, fine loss, extra LRs, loss parts;
        not the other losses, which are only read for a final NaN/Inf)."""
        out = [self.lr, self.train_loss, self.val_loss, self.val_acc, self.train_acc,
               self.train_loss_fine] + list(self.extra_lrs.values())
        for tr, va in self.loss_parts:
            out.extend([tr, va])
        return [s for s in out if s is not None]


# Report shapes, finding() and status_of() are in tb_lrsched.report.

RoleRef = Tuple[str, str]  # (run, tag)
