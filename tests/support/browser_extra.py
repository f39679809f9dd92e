"""Extra browser-test scenarios for what the chart draws (constant LR, an LR
that ends at exactly 0, epoch-level runs with accuracy, a run-wide finding),
written with TensorBoard's own event writer (`logwriters.write_simple`)."""

from __future__ import annotations

import os

import numpy as np

from tests.support import logwriters


def _pairs(steps, values):
    return list(zip(np.asarray(steps).tolist(), np.asarray(values, dtype=float).tolist()))


def write_chart_scenarios(root: str) -> None:
    rng = np.random.default_rng(11)
    n = 600
    steps = np.arange(n)
    vsteps = steps[29::30]
    # A constant LR of 1e-3 (float32 in the event file: just above 1e-3).
    loss = 0.3 + 2.0 * np.exp(-steps / 120) + 0.02 * rng.standard_normal(n)
    logwriters.write_simple(os.path.join(root, "constant_lr"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, 0.33 + 2.0 * np.exp(-vsteps / 120)),
        "train/lr": _pairs(steps, np.full(n, 1e-3))})
    # Linear decay that reaches exactly 0 at 80 % and stays there.
    lr = np.maximum(0.0, 1e-2 * (1 - steps / (0.8 * n)))
    lr[steps >= int(0.8 * n)] = 0.0
    logwriters.write_simple(os.path.join(root, "lr_to_zero"), {
        "train/loss": _pairs(steps, loss * 1.1),
        "val/loss": _pairs(vsteps, 0.36 + 2.0 * np.exp(-vsteps / 120)),
        "train/lr": _pairs(steps, lr)})
    # Epoch-level Keras-like run (40 epochs): step-wise LR, accuracy that
    # climbs then falls sharply after epoch 25.
    e = np.arange(40)
    acc = np.minimum(0.92, 0.5 + 0.02 * e)
    vacc = np.where(e < 25, np.minimum(0.9, 0.48 + 0.02 * e), 0.9 - 0.035 * (e - 24))
    logwriters.write_simple(os.path.join(root, "epochs_accuracy"), {
        "train/loss": _pairs(e, 1.6 * np.exp(-e / 10) + 0.2),
        "val/loss": _pairs(e, np.where(e < 25, 1.7 * np.exp(-e / 10) + 0.25, 0.39 + 0.05 * (e - 24))),
        "train/accuracy": _pairs(e, acc), "val/accuracy": _pairs(e, vacc),
        "train/lr": _pairs(e, np.where(e < 20, 0.1, 0.01))})
    # A far too low LR: the loss barely moves over the whole run.
    logwriters.write_simple(os.path.join(root, "lr_far_too_low"), {
        "train/loss": _pairs(steps, 2.3 - 0.05 * steps / n + 0.01 * rng.standard_normal(n)),
        "val/loss": _pairs(vsteps, 2.31 - 0.05 * vsteps / n),
        "train/lr": _pairs(steps, np.full(n, 1e-7))})
    # Two LR series (a second parameter group): the engine notes it once.
    logwriters.write_simple(os.path.join(root, "two_lrs"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, 0.33 + 2.0 * np.exp(-vsteps / 120)),
        "train/lr": _pairs(steps, 1e-3 * 0.5 * (1 + np.cos(np.pi * steps / n))),
        "train/lr_pg1": _pairs(steps, 1e-4 * 0.5 * (1 + np.cos(np.pi * steps / n)))})
