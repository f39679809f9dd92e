"""`LRHealthCheck`: a PyTorch Lightning callback that judges the schedule live.

    from tb_lrsched.live.lightning import LRHealthCheck

    trainer = pl.Trainer(logger=TensorBoardLogger("tb_logs"),
                         callbacks=[LRHealthCheck(stop_on_critical=True)])

Every `log_every_n_steps` optimisation steps (the trainer's own logging
cadence) it keeps the LR of the first optimizer's first parameter group (read
before the step) and the loss `training_step` returned;
after each validation run, `trainer.callback_metrics[val_loss_key]` (and an
accuracy, `val_acc_key`, when logged). The offline engine judges them on the
growing schedule of `tb_lrsched.live.core` and at the end of training. A
reported finding is logged once, written as a text summary (tag
`lr_health/findings`) with TensorBoard's own event writer into the folder of the
trainer's `TensorBoardLogger` (the version folder of the curves; with another
logger, `<trainer.log_dir or default_root_dir>/lr_health`),
and with `stop_on_critical` / `stop_on` sets `trainer.should_stop = True`.

Importing this module imports Lightning (`lightning.pytorch`, or the older
`pytorch_lightning` package).
"""

from __future__ import annotations

import math
import os
from typing import Iterable, List, Optional

try:
    import lightning.pytorch as pl
except ImportError:  # the standalone package
    import pytorch_lightning as pl  # type: ignore[no-redef]

from tb_lrsched.live.core import LiveCore, logger
from tb_lrsched.live.events import TextWriter

__all__ = ["LRHealthCheck"]

_ACC_KEYS = ("val_acc", "val_accuracy", "val/acc", "val/accuracy")
_LOSS_KEYS = ("val_loss", "val/loss", "validation_loss")


class LRHealthCheck(pl.Callback):
    """Live LR-schedule checks for `Trainer.fit`.

    Args:
        stop_on_critical: stop training on a critical finding (divergence).
        stop_on: warning kinds that also stop it.
        total_steps: planned steps; default `trainer.estimated_stepping_batches`.
        every_n_steps: record the LR and loss every this many steps (default:
            the trainer's `log_every_n_steps`, the cadence of its own curves).
        val_loss_key / val_acc_key: the `self.log` names of the validation
            loss and accuracy (default: the first of the usual names logged).
        **options: schedule and evidence options of `LiveCore`.
    """

    def __init__(self, *, stop_on_critical: bool = False, stop_on: Iterable[str] = (),
                 total_steps: Optional[int] = None, val_loss_key: Optional[str] = None,
                 val_acc_key: Optional[str] = None, every_n_steps: Optional[int] = None,
                 **options):
        super().__init__()
        self._options = dict(options, stop_on_critical=stop_on_critical, stop_on=stop_on)
        self._total = total_steps
        self.core = LiveCore(total_steps=total_steps, **self._options)
        self.val_loss_key = val_loss_key
        self.val_acc_key = val_acc_key
        self._writer: Optional[TextWriter] = None
        self._trainer = None
        if every_n_steps is not None and int(every_n_steps) < 1:
            raise ValueError("every_n_steps must be >= 1, got %r" % (every_n_steps,))
        self.every_n_steps = every_n_steps
        self._every = 1
        self._step = 0
        self._lr = None

    @property
    def findings(self) -> List[dict]:
        return list(self.core.reported.values())

    @property
    def stop_reason(self) -> Optional[str]:
        return self.core.stop_reason

    def on_train_start(self, trainer, pl_module):
        self._trainer = trainer
        if self.core.last_step is None:
            total = self._total
            if total is None:
                est = trainer.estimated_stepping_batches
                total = int(est) if isinstance(est, (int, float)) and math.isfinite(est) else None
            self._every = int(self.every_n_steps or getattr(trainer, "log_every_n_steps", 1) or 1)
            name = getattr(trainer.logger, "name", None) or type(pl_module).__name__
            self.core = LiveCore(total_steps=total, sink=self._write, name=str(name),
                                 **self._options)

    def on_train_batch_start(self, trainer, pl_module, batch, batch_idx):
        self._step = trainer.global_step
        self._lr = _lr(trainer) if self._step % self._every == 0 else None

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        if self._step % self._every:
            return
        loss = outputs.get("loss") if isinstance(outputs, dict) else outputs
        self.core.update(self._step, lr=self._lr, loss=_float(loss))
        self.core.maybe_check()
        self._stop_if_asked(trainer)

    def on_validation_end(self, trainer, pl_module):
        if trainer.sanity_checking:
            return
        m = trainer.callback_metrics
        vl = _pick(m, (self.val_loss_key,) if self.val_loss_key else _LOSS_KEYS)
        va = _pick(m, (self.val_acc_key,) if self.val_acc_key else _ACC_KEYS)
        if vl is None and va is None:
            return
        self.core.update(trainer.global_step, val_loss=vl, val_acc=va)
        self.core.maybe_check()
        self._stop_if_asked(trainer)

    def on_train_end(self, trainer, pl_module):
        if self.core.last_step is not None:
            self.core.check(final=True)
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def _stop_if_asked(self, trainer):
        if self.core.should_stop and not trainer.should_stop:
            trainer.should_stop = True
            logger.warning("%s", self.core.stop_reason)

    def _write(self, step: int, tag: str, text: str) -> None:
        if self._writer is None:
            self._writer = TextWriter(_tensorboard_dir(self._trainer))
        self._writer.add(step, tag, text)


def _tensorboard_dir(trainer) -> str:
    """The folder of the trainer's TensorBoard logger, else <log_dir>/lr_health."""
    for lg in list(getattr(trainer, "loggers", None) or []):
        if type(lg).__name__ == "TensorBoardLogger" and getattr(lg, "log_dir", None):
            return lg.log_dir
    root = getattr(trainer, "log_dir", None) or getattr(trainer, "default_root_dir", None) or "."
    return os.path.join(root, "lr_health")


def _lr(trainer) -> Optional[float]:
    opts = getattr(trainer, "optimizers", None) or []
    if not opts or not opts[0].param_groups:
        return None
    return _float(opts[0].param_groups[0].get("lr"))


def _pick(metrics, keys):
    for k in keys:
        if k in metrics:
            return _float(metrics[k])
    return None


def _float(v) -> Optional[float]:
    if v is None:
        return None
    try:
        return float(v.detach()) if hasattr(v, "detach") else float(v)
    except (TypeError, ValueError, RuntimeError):
        return None
