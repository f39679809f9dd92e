"""Synthetic but realistic training curves for the rule tests.

The curves come from one small training model: progress follows the
cumulative learning rate (loss = floor + A*exp(-k*cumLR) + an LR-proportional
noise floor), with multiplicative minibatch noise for per-step series, Keras'
within-epoch running mean for batch-level series, epoch averages for
epoch-level series.
"""

from __future__ import annotations

import numpy as np

from tb_lrsched.model import ExperimentSeries, Series

RNG_SEED = 1234


# ---------------------------------------------------------------------------
# Curve factory
# ---------------------------------------------------------------------------

def lr_warmup_cosine(n, peak=3e-4, warm=0.05):
    t = np.arange(n, dtype=float)
    w = max(1, int(warm * n))
    lr = np.where(t < w, peak * (t + 1) / w,
                  0.5 * peak * (1 + np.cos(np.pi * (t - w) / max(1, n - w))))
    return lr


def lr_step(n, base=0.1, at=(0.5, 0.75), factor=0.1):
    lr = np.full(n, base)
    for a in at:
        lr[int(a * n):] *= factor
    return lr


def train_loss_from_lr(lr, floor=0.1, amp=2.2, speed=6.0, noise_floor=1.0, lr_ref=None):
    """Loss driven by cumulative LR: `speed` e-folds if the LR stayed at lr_ref."""
    lr = np.asarray(lr, float)
    lr_ref = lr_ref if lr_ref is not None else float(lr.max())
    cum = np.cumsum(lr) / lr_ref / lr.shape[0]
    return floor + amp * np.exp(-speed * cum) + noise_floor * floor * lr / lr_ref


def noisy(x, rel, rng):
    """Multiplicative minibatch noise (log-normal, `rel` relative sigma)."""
    return x * np.exp(rel * rng.standard_normal(x.shape[0]))


def keras_running_mean(batch_loss, per_epoch):
    """Keras batch_loss: running mean of the batch losses, reset every epoch."""
    n = batch_loss.shape[0]
    e = np.arange(n) // per_epoch
    c = np.cumsum(batch_loss)
    start = e * per_epoch
    before = np.where(start > 0, c[np.maximum(start - 1, 0)], 0.0)
    return (c - before) / (np.arange(n) - start + 1)


def epoch_means(x, per_epoch):
    m = x.shape[0] // per_epoch
    return x[: m * per_epoch].reshape(m, per_epoch).mean(axis=1)


def S(values, steps=None, sampled=False, tag=""):
    values = np.asarray(values, float)
    if steps is None:
        steps = np.arange(values.shape[0], dtype=float)
    return Series.of(steps, values, sampled=sampled, tag=tag)


def exp_of(train=None, val=None, lr=None, unit="step", fine=None, val_acc=None,
           train_acc=None, name="t"):
    return ExperimentSeries(name=name, step_unit=unit, lr=lr, train_loss=train, val_loss=val,
                            val_acc=val_acc, train_acc=train_acc, train_loss_fine=fine)


def kinds(rep):
    return sorted({f["kind"] for f in rep["findings"]})


def problems(rep):
    return sorted({f["kind"] for f in rep["findings"] if f["severity"] != "info"})


def one(rep, kind):
    fs = [f for f in rep["findings"] if f["kind"] == kind]
    assert len(fs) == 1, (kind, rep["findings"])
    return fs[0]


def keras_run(lr_epoch, per_epoch=100, rng=None, val_gap=1.08, overfit_from=None,
              overfit_rate=0.08, noise=0.25, **kw):
    """A Keras-like run: epoch-level train/val/LR on the epoch axis, plus the
    batch_loss sawtooth on fractional epochs."""
    rng = rng or np.random.default_rng(RNG_SEED)
    lr_b = np.repeat(np.asarray(lr_epoch, float), per_epoch)
    true = train_loss_from_lr(lr_b, **kw)
    batch = noisy(true, noise, rng)
    fine = keras_running_mean(batch, per_epoch)
    tr = epoch_means(batch, per_epoch)
    ne = tr.shape[0]
    ep = np.arange(ne, dtype=float)
    v = true[per_epoch - 1::per_epoch][:ne] * val_gap
    if overfit_from is not None:
        v = v + overfit_rate * np.maximum(0.0, ep - overfit_from) ** 1.3 * v[overfit_from]
    v = noisy(v, 0.01, rng)
    fsteps = (np.arange(lr_b.shape[0]) + 1) / per_epoch - 1  # last batch of epoch e at e
    return exp_of(train=S(tr, ep), val=S(v, ep), lr=S(lr_epoch, ep), unit="epoch",
                  fine=S(fine, fsteps))


def flat(n, level, noise, seed):
    rng = np.random.default_rng(seed)
    return level * (1 + noise * rng.standard_normal(n))
