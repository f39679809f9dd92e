"""Real, tiny trainings for the range-test and sweep tests (scikit-learn's bundled digits).

* `torch_range_test`: a PyTorch LR range test, SGD with momentum on an MLP, the LR
  multiplied by a constant factor every step (``ExponentialLR``) from 1e-6 to 10,
  logged with ``torch.utils.tensorboard.SummaryWriter`` every step.
* `keras_range_test`: the same in Keras; a per-batch learning-rate scheduler callback
  sets the LR before every batch, Keras' ``TensorBoard`` callback logs ``batch_loss``
  and ``tb_lrsched.keras_callback.LRLogger`` logs the LR.
* `torch_sweep` / `keras_sweep`: the same training at several constant LRs, one
  experiment per LR (``<root>/lr_<LR>``), with a validation loss per epoch.
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np


def digits(seed: int = 0):
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(x))
    x, y = x[order], y[order].astype("int64")
    return x[:1400], y[:1400], x[1400:], y[1400:]


def lr_name(lr: float) -> str:
    return "lr_%.0e" % lr


# -- PyTorch ----------------------------------------------------------------------

def _torch_mlp(seed: int):
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))


def torch_range_test(run_dir: str, steps: int = 150, lr0: float = 1e-6, lr1: float = 10.0,
                     batch: int = 64, seed: int = 0, every: int = 1) -> str:
    import torch
    from torch.utils.tensorboard import SummaryWriter

    torch.set_num_threads(1)
    xtr, ytr, _, _ = digits(seed)
    x, y = torch.from_numpy(xtr), torch.from_numpy(ytr)
    model = _torch_mlp(seed)
    opt = torch.optim.SGD(model.parameters(), lr=lr0, momentum=0.9)
    gamma = (lr1 / lr0) ** (1.0 / (steps - 1))
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=gamma)
    rng = np.random.default_rng(seed)
    w = SummaryWriter(run_dir)
    for step in range(steps):
        idx = torch.from_numpy(rng.integers(0, len(x), batch))
        loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        if step % every == 0:
            w.add_scalar("train/lr", sched.get_last_lr()[0], step)
        w.add_scalar("train/loss", float(loss.item()), step)
        opt.step()
        sched.step()
    w.close()
    return run_dir


def torch_sweep(root: str, lrs: Sequence[float], epochs: int = 8, batch: int = 64,
                seed: int = 0) -> str:
    import torch
    from torch.utils.tensorboard import SummaryWriter

    torch.set_num_threads(1)
    xtr, ytr, xva, yva = digits(seed)
    x, y = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xv, yv = torch.from_numpy(xva), torch.from_numpy(yva)
    for lr in lrs:
        model = _torch_mlp(seed)
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        rng = np.random.default_rng(seed)
        w = SummaryWriter(os.path.join(root, lr_name(lr)))
        step = 0
        for _ in range(epochs):
            order = torch.from_numpy(rng.permutation(len(x)))
            for i in range(0, len(x), batch):
                idx = order[i:i + batch]
                loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                w.add_scalar("train/lr", opt.param_groups[0]["lr"], step)
                w.add_scalar("train/loss", float(loss.item()), step)
                step += 1
            with torch.no_grad():
                vl = torch.nn.functional.cross_entropy(model(xv), yv)
            w.add_scalar("val/loss", float(vl.item()), step)
        w.close()
    return root


# -- Keras ------------------------------------------------------------------------

def _keras_mlp(seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                             keras.layers.Dense(10)])


def keras_range_test(log_dir: str, steps: int = 150, lr0: float = 1e-6, lr1: float = 10.0,
                     batches_per_epoch: int = 5, batch: int = 32, seed: int = 0) -> str:
    import keras

    from tb_lrsched.keras_callback import LRLogger

    xtr, ytr, _, _ = digits(seed)
    model = _keras_mlp(seed)
    model.compile(optimizer=keras.optimizers.SGD(lr0, momentum=0.9),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    gamma = (lr1 / lr0) ** (1.0 / (steps - 1))

    class PerBatchLR(keras.callbacks.Callback):
        """A LearningRateScheduler per batch: LR = lr0 * gamma ** global_step."""

        def on_train_batch_begin(self, batch_, logs=None):
            step = int(self.model.optimizer.iterations)
            self.model.optimizer.learning_rate.assign(lr0 * gamma ** step)

    n = batches_per_epoch * batch
    epochs = steps // batches_per_epoch
    xs = np.concatenate([xtr] * (1 + (n * epochs) // len(xtr)))[: n * epochs]
    ys = np.concatenate([ytr] * (1 + (n * epochs) // len(ytr)))[: n * epochs]
    model.fit(xs, ys, batch_size=batch, epochs=epochs, steps_per_epoch=batches_per_epoch,
              verbose=0, shuffle=False,
              callbacks=[PerBatchLR(), keras.callbacks.TensorBoard(log_dir, update_freq=1),
                         LRLogger(log_dir, every_n_batches=1)])
    return log_dir


def keras_sweep(root: str, lrs: Sequence[float], epochs: int = 8, batch: int = 64,
                seed: int = 0) -> str:
    import keras

    xtr, ytr, xva, yva = digits(seed)
    for lr in lrs:
        model = _keras_mlp(seed)
        model.compile(optimizer=keras.optimizers.SGD(lr, momentum=0.9),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(xtr, ytr, validation_data=(xva, yva), batch_size=batch, epochs=epochs,
                  verbose=0, callbacks=[keras.callbacks.TensorBoard(
                      os.path.join(root, lr_name(lr)))])
    return root
