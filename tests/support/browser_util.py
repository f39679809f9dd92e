"""Helpers for the browser tests: scenario logs and a Playwright chromium.

The logs are written with TensorBoard's own event writer (`simple_value`,
what PyTorch's SummaryWriter produces) through `logwriters.write_simple`.
Run `python -m tests.support.browser_util DIR` (from the repository root) to write the
same logdir by hand for a manual look (`tensorboard --logdir DIR`).
"""

from __future__ import annotations

import os
import sys

import numpy as np

from tests.support import logwriters

HOSTILE = "<img src=x onerror=alert(1)>"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _warmup_cosine(steps, peak, warmup, total):
    decay = np.clip(steps - warmup, 0, None) / max(1, total - warmup)
    lr = np.where(steps < warmup, peak * (steps + 1) / warmup, 0.5 * peak * (1 + np.cos(np.pi * decay)))
    return np.maximum(lr, peak * 1e-3)


def _pairs(steps, values):
    return list(zip(steps.tolist(), values.tolist()))


def write_scenarios(root: str, n: int = 1000, big: int = 0) -> dict:
    """Write the scenario runs under `root`; return {run: expected status}."""
    rng = np.random.default_rng(7)
    steps = np.arange(n)
    vsteps = steps[49::50]
    expected = {}

    # healthy: warmup + cosine, loss decays to a floor, val follows it.
    lr = _warmup_cosine(steps, 1e-3, n // 20, n)
    loss = 0.25 + 2.2 * np.exp(-steps / (n / 5)) + 0.03 * rng.standard_normal(n)
    val = 0.28 + 2.2 * np.exp(-vsteps / (n / 5))
    logwriters.write_simple(os.path.join(root, "healthy"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, val), "train/lr": _pairs(steps, lr)})
    expected["healthy"] = "healthy"

    # diverging: the LR ramps up to 3.0, the loss explodes and ends in NaN.
    lr = np.minimum(3.0, 1e-3 * 1.02 ** steps)
    blow = steps >= int(n * 0.45)
    loss = 2.0 * np.exp(-steps / (n / 8)) + 0.3
    loss = np.where(blow, 0.3 * np.exp((steps - n * 0.45) / (n / 40)), loss)
    loss = np.where(steps >= int(n * 0.6), np.nan, loss)
    dv = steps[49::50]
    vloss = np.where(dv >= int(n * 0.6), np.nan, np.interp(dv, steps, np.nan_to_num(loss, nan=1e9)) * 1.05)
    logwriters.write_simple(os.path.join(root, "diverging"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(dv, vloss), "train/lr": _pairs(steps, lr)})
    expected["diverging"] = "critical"

    # oscillating: constant high LR, the loss swings around a high level
    # (period 100 steps) instead of trending down.
    lr = np.full(n, 0.5)
    loss = 1.2 + 0.6 * np.sin(2 * np.pi * steps / 100) + 0.08 * rng.standard_normal(n)
    vloss = 1.3 + 0.6 * np.sin(2 * np.pi * vsteps / 100 + 1.0)
    logwriters.write_simple(os.path.join(root, "oscillating"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, vloss),
        "train/lr": _pairs(steps, lr)})
    expected["oscillating"] = "warning"

    # a hostile run name (healthy curves): must be shown as text.
    lr = 0.01 * 0.5 ** (steps // (n // 4))
    loss = 0.2 + 1.8 * np.exp(-steps / (n / 6)) + 0.02 * rng.standard_normal(n)
    val = 0.22 + 1.8 * np.exp(-vsteps / (n / 6))
    logwriters.write_simple(os.path.join(root, HOSTILE), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, val), "train/lr": _pairs(steps, lr)})
    expected[HOSTILE] = "healthy"

    # overfitting: train loss keeps falling, val loss turns up after ~30 %.
    lr = _warmup_cosine(steps, 3e-3, n // 20, n)
    loss = 0.05 + 2.0 * np.exp(-steps / (n / 6)) + 0.02 * rng.standard_normal(n)
    val = 0.6 + 1.5 * np.exp(-vsteps / (n / 8)) + 0.9 * np.clip(vsteps / n - 0.3, 0, None) ** 1.2
    logwriters.write_simple(os.path.join(root, "overfitting"), {
        "train/loss": _pairs(steps, loss), "val/loss": _pairs(vsteps, val), "train/lr": _pairs(steps, lr)})
    expected["overfitting"] = "warning"

    if big:
        bs = np.arange(big)
        lr = _warmup_cosine(bs, 3e-4, big // 50, big)
        loss = 0.3 + 2.0 * np.exp(-bs / (big / 5)) + 0.05 * rng.standard_normal(big)
        bv = bs[big // 20 - 1::big // 20]
        logwriters.write_simple(os.path.join(root, "big"), {
            "train/loss": _pairs(bs, loss), "train/lr": _pairs(bs, lr),
            "val/loss": _pairs(bv, 0.32 + 2.0 * np.exp(-bv / (big / 5)))})
    return expected


if __name__ == "__main__":
    out = sys.argv[1]
    big = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    print(write_scenarios(out, big=big))
