"""`LRHealthCheck`: a Keras callback that judges the schedule while `fit()` runs.

    from tb_lrsched.keras_callback import LRHealthCheck   # or tb_lrsched.live.keras

    model.fit(x, y, epochs=30, validation_data=(xv, yv), callbacks=[
        keras.callbacks.TensorBoard(log_dir),
        LRHealthCheck(log_dir, stop_on_critical=True)])

It keeps in memory, per optimisation step (`optimizer.iterations`), the LR
the update uses and Keras' batch loss, and per epoch the epoch loss, the
validation loss and accuracy, the way Keras' TensorBoard callback logs them;
the offline engine judges them on the growing schedule of
`tb_lrsched.live.core` (also at each epoch end when a check is due) and at
the end of training. A reported finding is logged once (`tb_lrsched.live`
logger), written with `tf.summary.text` into `<log_dir>/train` (tag
`lr_health/findings`, next to Keras' own curves), and with
`stop_on_critical` / `stop_on` it sets `model.stop_training = True` like
`TerminateOnNaN`; the reason is in `stop_reason` and in the log.

Importing this module imports Keras; TensorFlow is imported only when the
first finding is written.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional

import keras

from tb_lrsched.live.core import LiveCore, logger

__all__ = ["LRHealthCheck"]


class LRHealthCheck(keras.callbacks.Callback):
    """Live LR-schedule checks for `model.fit`.

    Args:
        log_dir: the directory given to `keras.callbacks.TensorBoard`
            (findings go to its `train` run); None: log only.
        stop_on_critical: stop training on a critical finding (divergence).
        stop_on: warning kinds that also stop it, e.g. ("overfitting",).
        total_steps: the planned number of steps; default epochs x steps
            per epoch from `fit()` when Keras knows them.
        **options: the check-schedule and evidence options of
            `tb_lrsched.live.core.LiveCore`.
    """

    def __init__(self, log_dir=None, *, stop_on_critical: bool = False,
                 stop_on: Iterable[str] = (), total_steps: Optional[int] = None, **options):
        super().__init__()
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self._options = dict(options, stop_on_critical=stop_on_critical, stop_on=stop_on)
        self._total = total_steps
        self.core = LiveCore(total_steps=total_steps, **self._options)  # validates options
        self._writer: Any = None  # a tf.summary writer, made at the first finding
        self._epoch_start = 0

    @property
    def findings(self) -> List[dict]:
        return list(self.core.reported.values())

    @property
    def stop_reason(self) -> Optional[str]:
        return self.core.stop_reason

    # -- hooks -----------------------------------------------------------------

    def on_train_begin(self, logs=None):
        if self.core.last_step is None:  # a second fit() goes on with the same data
            total = self._total
            if total is None:
                epochs, steps = self.params.get("epochs"), self.params.get("steps")
                total = epochs * steps if epochs and steps else None
            self.core = LiveCore(total_steps=total, sink=self._write,
                                 name=self.model.name or "model", **self._options)

    def on_train_batch_begin(self, batch, logs=None):
        from tb_lrsched.keras_callback import current_learning_rate

        self.core.update(self._step(), lr=current_learning_rate(self.model.optimizer))

    def on_train_batch_end(self, batch, logs=None):
        logs = logs or {}
        self.core.update(self._step(), batch_loss=logs.get("loss"))
        self.core.maybe_check()
        self._stop_if_asked()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.core.update(self._step(), loss=logs.get("loss"), val_loss=logs.get("val_loss"),
                         val_acc=_first(logs, ("val_accuracy", "val_acc",
                                               "val_sparse_categorical_accuracy",
                                               "val_categorical_accuracy")),
                         train_acc=_first(logs, ("accuracy", "acc",
                                                 "sparse_categorical_accuracy",
                                                 "categorical_accuracy")))
        self.core.maybe_check()
        self._stop_if_asked()
        if self._writer is not None:
            self._writer.flush()

    def on_train_end(self, logs=None):
        if self.core.last_step is not None:
            self.core.check(final=True)
        if self._writer is not None:
            self._writer.flush()
            self._writer.close()
            self._writer = None

    # -- helpers ---------------------------------------------------------------

    def _step(self) -> int:
        from tb_lrsched.keras_callback import _unwrap

        return int(_unwrap(self.model.optimizer).iterations)

    def _stop_if_asked(self):
        if self.core.should_stop and not self.model.stop_training:
            self.model.stop_training = True
            logger.warning("%s", self.core.stop_reason)

    def _write(self, step: int, tag: str, text: str) -> None:
        if self.log_dir is None:
            return
        import tensorflow as tf

        if self._writer is None:
            self._writer = tf.summary.create_file_writer(os.path.join(self.log_dir, "train"))
        with self._writer.as_default(), tf.summary.record_if(True):
            tf.summary.text(tag, text, step=step)
        self._writer.flush()


def _first(logs: dict, keys):
    for k in keys:
        if logs.get(k) is not None:
            return logs[k]
    return None
