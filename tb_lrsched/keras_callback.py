"""`LRLogger`: a Keras callback that logs the optimizer's current learning rate.

Keras' own `keras.callbacks.TensorBoard` writes `epoch_learning_rate` once per
epoch only. A warmup, a per-step schedule or the exact step where
`ReduceLROnPlateau` cut the LR is invisible at that resolution. `LRLogger`
adds a per-batch LR series to the *same* run directory the TensorBoard
callback uses (`<log_dir>/train`), so TensorBoard (and the LR Health tab)
group it with `epoch_loss`, `batch_loss` and friends::

    from tb_lrsched.keras_callback import LRLogger

    model.fit(
        x, y, epochs=30, validation_data=(xv, yv),
        callbacks=[
            keras.callbacks.TensorBoard(log_dir="logs/run1", update_freq=10),
            LRLogger("logs/run1", every_n_batches=10),
        ],
    )

What is logged: at the start of a training batch whose global step
(`optimizer.iterations`, the number of updates applied so far, starting at 0)
is a multiple of `every_n_batches`, the LR that this update will use, as a
float, at that step. So the value at step `s` is exactly
`schedule(s)` for a `LearningRateSchedule`, and the value set by
`ReduceLROnPlateau` / `LearningRateScheduler` for the epoch that step belongs to.

Importing this module imports Keras (it defines a `keras.callbacks.Callback`
subclass); the `tb_lrsched` package itself never imports TensorFlow or Keras.
TensorFlow is imported only when training starts.
"""

from __future__ import annotations

import os
from typing import Any

import keras

__all__ = ["LRLogger", "current_learning_rate"]


def _unwrap(optimizer):
    # LossScaleOptimizer (mixed precision) wraps the real optimizer.
    while hasattr(optimizer, "inner_optimizer"):
        optimizer = optimizer.inner_optimizer
    return optimizer


def current_learning_rate(optimizer) -> float:
    """The learning rate `optimizer` applies at its next update, as a float.

    Works for a constant LR, a `LearningRateSchedule` (evaluated at
    `optimizer.iterations`) and an LR changed by callbacks.
    """
    optimizer = _unwrap(optimizer)
    # float() on the variable/tensor directly: convert_to_numpy on a Keras
    # variable trips a NumPy 2 DeprecationWarning on every call.
    return float(optimizer.learning_rate)


class LRLogger(keras.callbacks.Callback):
    """Log the optimizer's current LR every `every_n_batches` optimisation steps.

    Args:
        log_dir: the same directory given to `keras.callbacks.TensorBoard`;
            the LR goes to its `train` run (`<log_dir>/train`).
        every_n_batches: log when the global step is a multiple of this (the
            first step, 0, is always logged). With `steps_per_execution > 1`
            the first step at or past each multiple is logged.
        tag: scalar tag name (default `batch_learning_rate`, next to Keras'
            `batch_loss`; the LR Health tab finds any tag containing
            `learning_rate` or `lr`).
    """

    def __init__(self, log_dir, every_n_batches: int = 10, tag: str = "batch_learning_rate"):
        super().__init__()
        every_n_batches = int(every_n_batches)
        if every_n_batches < 1:
            raise ValueError("every_n_batches must be >= 1, got %r" % (every_n_batches,))
        if not tag:
            raise ValueError("tag must be a non-empty string")
        self.log_dir = os.fspath(log_dir)
        self.every_n_batches = every_n_batches
        self.tag = tag
        self._writer: Any = None
        self._next_step = 0
        self._tf: Any = None

    @property
    def run_dir(self) -> str:
        """Where the events go: `<log_dir>/train`."""
        return os.path.join(self.log_dir, "train")

    # -- callback hooks ----------------------------------------------------

    def on_train_begin(self, logs=None):
        import tensorflow as tf  # only when training actually starts

        self._tf = tf
        if self._writer is None:
            self._writer = tf.summary.create_file_writer(self.run_dir)
        # A second fit() continues the global step; log its first step too.
        self._next_step = self._step()

    def on_train_batch_begin(self, batch, logs=None):
        step = self._step()
        if step < self._next_step:
            return
        self._write(step, current_learning_rate(self.model.optimizer))
        n = self.every_n_batches
        self._next_step = (step // n + 1) * n

    def on_epoch_end(self, epoch, logs=None):
        if self._writer is not None:
            self._writer.flush()

    def on_train_end(self, logs=None):
        if self._writer is not None:
            self._writer.flush()
            self._writer.close()
            self._writer = None

    # -- helpers -----------------------------------------------------------

    def _step(self) -> int:
        optimizer = _unwrap(self.model.optimizer)
        return int(optimizer.iterations)

    def _write(self, step: int, value: float) -> None:
        tf = self._tf
        # Keras' TensorBoard callback with update_freq=N installs a global
        # "record only every N batches" condition; our own cadence rules here.
        with self._writer.as_default(), tf.summary.record_if(True):
            tf.summary.scalar(self.tag, value, step=step)


# The live-check callback lives with the other live adapters; exported here too.
from tb_lrsched.live.keras import LRHealthCheck  # noqa: E402,F401 - re-exported

__all__.append("LRHealthCheck")
