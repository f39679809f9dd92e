"""Keras scenarios of the generalisation corpus: ``keras.callbacks.TensorBoard`` (Keras' own
``train/`` and ``validation/`` sibling runs), with and without ``tb_lrsched``'s ``LRLogger``,
``update_freq`` per epoch and per batch, schedules, ``LearningRateScheduler`` and
``ReduceLROnPlateau``. Tiny MLPs on sklearn's digits / make_classification / make_regression.

    python -m benchmarks.corpus.sc_keras --out benchmarks/data/corpus [--only NAME] [--plots DIR]
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from typing import Dict, List, Optional

import numpy as np

from benchmarks.corpus import runkit
from benchmarks.corpus.schema import Scenario

WRITER = "keras"


def _fit(run_dir: str, seed: int, *, data="digits", hidden=(64,), act="relu", opt="sgd",
         lr=0.05, momentum=0.9, epochs=30, batch=128, val=True, lr_logger: Optional[int] = None,
         update_freq="epoch", callbacks=(), dropout=0.0, n_train=None, xy=None,
         val_from_train: int = 0, zero_init: bool = False) -> Dict[str, object]:
    import tensorflow as tf
    try:  # one thread: the machine is shared
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass
    import keras

    from tb_lrsched.keras_callback import LRLogger

    keras.utils.set_random_seed(seed)
    if xy is not None:
        xt, yt, xv, yv = xy
    elif data == "digits":
        xt, yt, xv, yv = runkit.digits(seed, n_train)
    elif data == "binary":
        xt, yt, xv, yv = runkit.binary(seed)
    elif data == "binary_noisy":
        xt, yt, xv, yv = runkit.binary(seed, flip_y=0.25)
    elif data == "regression":
        xt, yt, xv, yv = runkit.regression(seed)
    else:
        raise ValueError(data)
    if val_from_train:
        pick = np.random.default_rng(seed).choice(len(yt), val_from_train, replace=False)
        xv, yv = xt[pick], yt[pick]
    regression = data == "regression"
    n_out = 1 if regression else int(max(yt.max(), yv.max())) + 1
    layers: List[object] = [keras.Input((xt.shape[1],))]
    for h in hidden:
        layers.append(keras.layers.Dense(h, activation=act))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(n_out, kernel_initializer="zeros") if zero_init
                  else keras.layers.Dense(n_out))
    model = keras.Sequential(layers)
    lr_value = lr(int(math.ceil(len(yt) / batch)) * epochs) if callable(lr) and not \
        isinstance(lr, keras.optimizers.schedules.LearningRateSchedule) else lr
    if opt == "sgd":
        o = keras.optimizers.SGD(learning_rate=lr_value, momentum=momentum)
    elif opt == "rmsprop":
        o = keras.optimizers.RMSprop(learning_rate=lr_value)
    else:
        o = keras.optimizers.Adam(learning_rate=lr_value)
    if regression:
        model.compile(optimizer=o, loss="mse")
    else:
        model.compile(optimizer=o,
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
    cbs = [keras.callbacks.TensorBoard(log_dir=run_dir, update_freq=update_freq,
                                       write_graph=False, profile_batch=0)]
    if lr_logger:
        cbs.append(LRLogger(run_dir, every_n_batches=lr_logger))
    cbs.extend(cb() if callable(cb) and not isinstance(cb, keras.callbacks.Callback) else cb
               for cb in callbacks)
    h = model.fit(xt, yt, epochs=epochs, batch_size=batch, verbose=0,
                  validation_data=(xv, yv) if val else None, callbacks=cbs, shuffle=True)
    hist = h.history
    out: Dict[str, object] = {"epochs": epochs,
                              "loss": [round(float(v), 4) for v in hist["loss"][::3]]}
    if "val_loss" in hist:
        out["val_loss"] = [round(float(v), 4) for v in hist["val_loss"][::3]]
    if "val_accuracy" in hist:
        out["val_acc_last"] = round(float(hist["val_accuracy"][-1]), 3)
    return out


# ---- schedules (built per run: the number of steps depends on the data)
def _cosine(peak, alpha=0.0):
    def make(total):
        import keras
        return keras.optimizers.schedules.CosineDecay(peak, decay_steps=total, alpha=alpha)
    return make


def _warmup_cosine(peak, warm_frac=0.1, start=1e-3):
    def make(total):
        import keras
        w = int(total * warm_frac)
        return keras.optimizers.schedules.CosineDecay(start, decay_steps=total - w, alpha=0.0,
                                                      warmup_target=peak, warmup_steps=w)
    return make


def _exponential(initial, decay_steps_frac, rate, staircase=False):
    def make(total):
        import keras
        return keras.optimizers.schedules.ExponentialDecay(
            initial, decay_steps=max(1, int(total * decay_steps_frac)), decay_rate=rate,
            staircase=staircase)
    return make


def _exp_steps(initial, steps, rate):
    def make(total):
        import keras
        return keras.optimizers.schedules.ExponentialDecay(initial, decay_steps=steps,
                                                           decay_rate=rate)
    return make


def _piecewise(values, fracs):
    def make(total):
        import keras
        return keras.optimizers.schedules.PiecewiseConstantDecay(
            [int(total * f) for f in fracs], list(values))
    return make


def _range(lo, hi):
    """LR rising exponentially per batch from lo to hi over the whole run (an LR range test)."""
    def make(total):
        import keras
        return keras.optimizers.schedules.ExponentialDecay(lo, decay_steps=total,
                                                           decay_rate=hi / lo)
    return make


def _sched(fn):
    def make():
        import keras
        return keras.callbacks.LearningRateScheduler(fn)
    return make


def _rlrop(**kw):
    def make():
        import keras
        return keras.callbacks.ReduceLROnPlateau(monitor="val_loss", **kw)
    return make


def _noisy_small(seed, n=200, frac=0.3):
    """n digits for training, a fraction of their labels replaced at random (clean val)."""
    xt, yt, xv, yv = runkit.digits(seed, n)
    rng = np.random.default_rng(seed + 7)
    yt = yt.copy()
    bad = rng.random(len(yt)) < frac
    yt[bad] = rng.integers(0, 10, bad.sum())
    return xt, yt, xv, yv


def _shuffled_labels(seed):
    xt, yt, xv, yv = runkit.digits(seed)
    rng = np.random.default_rng(seed + 100)
    return xt, rng.permutation(yt), xv, rng.permutation(yv)


# ---- the trainings
def t_cosine(d, s):
    return _fit(d, s, lr=_cosine(0.1), lr_logger=2)


def t_exponential(d, s):
    return _fit(d, s, lr=_exponential(0.1, 1 / 5, 0.5), epochs=15)


def t_piecewise(d, s):
    return _fit(d, s, lr=_piecewise((0.1, 0.01, 0.001), (0.4, 0.7)), lr_logger=2,
                update_freq=2, epochs=15)


def t_rlrop(d, s):
    return _fit(d, s, lr=0.1, callbacks=[_rlrop(factor=0.5, patience=2, min_delta=1e-3)],
                lr_logger=5, epochs=20)


def t_warmup_cosine(d, s):
    return _fit(d, s, opt="adam", lr=_warmup_cosine(3e-3, 0.1), lr_logger=2, update_freq=2,
                hidden=(128,), epochs=15)


def t_tiny(d, s):
    return _fit(d, s, opt="adam", lr=2e-3, epochs=4,
                callbacks=[_sched(lambda e, lr: 2e-3 * 0.5 ** e)])


def t_range_test(d, s):
    return _fit(d, s, lr=_range(1e-4, 10.0), epochs=3, batch=32, lr_logger=1, update_freq=1)


def t_sweep(lr):
    def train(d, s):
        return _fit(d, s, lr=lr, momentum=0.0, epochs=12)
    return train


def t_flat_last_jump(d, s):
    # labels shuffled independently of the images (a pipeline bug): nothing to learn; a
    # linear model stays at chance; the schedule raises the LR for the last epoch
    return _fit(d, s, xy=_shuffled_labels(s), hidden=(), opt="adam", lr=1e-3, epochs=30,
                zero_init=True, callbacks=[_sched(lambda e, lr: 1e-3 if e < 29 else 0.6)])


def t_overfit(d, s):
    return _fit(d, s, xy=_noisy_small(s), opt="adam", lr=2e-3, hidden=(256, 256), batch=32,
                epochs=40)


def t_diverge_nan(d, s):
    return _fit(d, s, data="regression", lr=0.002, epochs=12, hidden=(64, 64),
                callbacks=[_sched(lambda e, lr: 0.002 * 2.0 ** e)], update_freq=5)


def t_oscillation(d, s):
    return _fit(d, s, lr=1.2, epochs=20, update_freq=2)


def t_acc_drop(d, s):
    return _fit(d, s, opt="adam", lr=1e-3, epochs=20,
                callbacks=[_sched(lambda e, lr: 1e-3 if e < 10 else 0.15)])


def t_no_val(d, s):
    return _fit(d, s, lr=_warmup_cosine(0.05, 0.1), val=False, lr_logger=5, epochs=12)


def t_leakage(d, s):
    return _fit(d, s, opt="adam", lr=_cosine(2e-3), dropout=0.5, hidden=(128, 128),
                val_from_train=400, lr_logger=5, epochs=15)


def t_decay_fast(d, s):
    return _fit(d, s, lr=_exp_steps(0.03, 3, 0.6), hidden=(32,), lr_logger=1, update_freq=1, epochs=12)


def t_adam_stall(d, s):
    return _fit(d, s, data="binary_noisy", opt="adam", lr=3e-2, hidden=(64, 64), epochs=20)


def _sc(name, family, classes, story, train, seeds=(1, 2, 3), test=(3,)):
    return Scenario(name=name, writer=WRITER, family=family, classes=tuple(classes),
                    story=story, train=train, seeds=tuple(seeds), test_seeds=tuple(test))


SWEEP_LRS = (1e-3, 1e-2, 1e-1, 1.0, 3.0)
SWEEP_TEST = (1e-2, 3.0)


def _lr_name(lr):
    return ("%g" % lr).replace(".", "p").replace("-", "m")


SCENARIOS = [
    _sc("k_cosine", "cosine", ["per_epoch"],
        "digits MLP, SGD+momentum, cosine decay per step from 0.1 to 0 over 30 epochs; "
        "LRLogger every 2 batches; epoch logging", t_cosine),
    _sc("k_exponential", "exponential", ["per_epoch"],
        "digits MLP, SGD+momentum, exponential decay 0.1 x0.5 every 3 epochs, 15 epochs; only Keras' "
        "per-epoch LR", t_exponential, seeds=(1, 2), test=(2,)),
    _sc("k_piecewise", "step", ["per_step"],
        "digits MLP, SGD+momentum, piecewise constant 0.1 / 0.01 / 0.001 at 40 % and 70 %; "
        "update_freq=2 and LRLogger every 2, 15 epochs", t_piecewise, seeds=(1,), test=()),
    _sc("k_rlrop", "plateau", ["per_epoch"],
        "digits MLP, SGD+momentum 0.1 with ReduceLROnPlateau(val_loss, factor 0.5, "
        "patience 2), 20 epochs", t_rlrop, seeds=(1, 2), test=(2,)),
    _sc("k_warmup_cosine", "cosine", ["per_step"],
        "digits MLP, Adam, 3-epoch linear warmup to 3e-3 then cosine to 0 over 15 epochs; per-step "
        "logging", t_warmup_cosine, seeds=(1,), test=(1,)),
    _sc("k_tiny", "exponential", ["tiny", "per_epoch"],
        "digits MLP, Adam 2e-3 halved every epoch by LearningRateScheduler, 4 epochs",
        t_tiny, seeds=(1, 2), test=(2,)),
    _sc("k_range_test", "range_test", ["range_test", "per_step"],
        "LR range test: SGD+momentum, LR rising exponentially per batch 1e-4 -> 10 over 3 "
        "epochs, logged every batch by LRLogger; the loss falls, then blows up at the top",
        t_range_test, seeds=(1, 2), test=(2,)),
] + [
    _sc("k_sweep_lr_%s" % _lr_name(lr), "constant", ["sweep_member", "per_epoch"],
        "LR sweep member: digits MLP, plain SGD at a constant LR %g, 12 epochs, seed 1 "
        "(only the LR differs across the sweep)" % lr, t_sweep(lr), seeds=(1,),
        test=(1,) if lr in SWEEP_TEST else ())
    for lr in SWEEP_LRS
] + [
    _sc("k_flat_last_jump", "other", ["flat_then_last_jump", "per_epoch"],
        "labels shuffled independently of the images (pipeline bug): a linear model stays at "
        "chance (ln 10, zero-initialised) for 29 epochs; LearningRateScheduler sets LR 0.6 for "
        "the last epoch",
        t_flat_last_jump),
    _sc("k_overfit", "constant", ["per_epoch"],
        "200 digits with 30 % of their labels randomised, 256x256 MLP, Adam 2e-3 constant, 40 "
        "epochs: memorises the noisy training labels",
        t_overfit),
    _sc("k_diverge_nan", "other", ["per_step"],
        "regression MLP, SGD+momentum, LearningRateScheduler doubling the LR every epoch from "
        "2e-3: loss falls, then NaN", t_diverge_nan, seeds=(1, 2), test=(2,)),
    _sc("k_oscillation", "constant", ["per_step"],
        "digits MLP, SGD+momentum 0.9 at a constant 1.2 (about 10x too high), 20 epochs, update_freq=2",
        t_oscillation, seeds=(1, 2), test=(2,)),
    _sc("k_acc_drop", "step", ["per_epoch"],
        "digits MLP, Adam 1e-3 for 10 epochs, then LearningRateScheduler raises it to 0.15 "
        "for the last 10",
        t_acc_drop),
    _sc("k_no_val", "cosine", ["per_epoch"],
        "digits MLP, SGD+momentum warmup+cosine, fit without validation_data, 12 epochs", t_no_val,
        seeds=(1, 2), test=(2,)),
    _sc("k_leakage", "cosine", ["per_epoch"],
        "validation set drawn from the training set, dropout 0.5 in training: validation loss "
        "far below training loss; cosine over 15 epochs", t_leakage, seeds=(1, 2), test=(2,)),
    _sc("k_decay_fast", "exponential", ["per_step"],
        "digits small MLP, SGD+momentum 0.03 decayed x0.6 every 3 steps (LR /1e3 within 4 epochs)",
        t_decay_fast, seeds=(1, 2), test=(2,)),
    _sc("k_adam_stall", "constant", ["per_epoch", "noise_floor"],
        "make_classification with 25 % flipped labels, Adam at a constant 3e-2, 20 epochs",
        t_adam_stall, seeds=(1,), test=()),
]



# ---- the holdout split (added after the test split was scored; labelled from the plots only)
def t_ho_warmup_cosine(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=6000, flip_y=0.05, n_features=24, class_sep=1.1),
                opt="adam", lr=_warmup_cosine(2e-3, 0.15, start=1e-5), hidden=(64, 32),
                dropout=0.2, batch=64, epochs=12, update_freq=3, lr_logger=3)


def t_ho_leakage(d, s):
    # training labels 25 % noise; validation = 300 training images with their clean labels
    xt, yt, _xv, _yv = runkit.digits(s)
    rng = np.random.default_rng(s + 11)
    pick = rng.choice(len(yt), 300, replace=False)
    xv, yv = xt[pick].copy(), yt[pick].copy()
    yt = yt.copy()
    bad = rng.random(len(yt)) < 0.25
    yt[bad] = rng.integers(0, 10, bad.sum())
    return _fit(d, s, xy=(xt, yt, xv, yv), dropout=0.3, hidden=(96,),
                lr=_exponential(0.05, 0.2, 0.6), lr_logger=5, epochs=20, batch=64)


def t_ho_oscillation(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000, n_features=20), opt="adam", lr=0.06,
                hidden=(96, 96), batch=32, epochs=15, update_freq=2)


def _ho(name, family, classes, story, train, seeds=(1,)):
    return Scenario(name=name, writer=WRITER, family=family, classes=tuple(classes),
                    story=story, train=train, seeds=tuple(seeds), held_out="holdout")


SCENARIOS += [
    _ho("k_ho_warmup_cosine", "cosine", ["per_step"],
        "two-class make_classification (5 % flipped, 24 features, 4500 train), MLP 64-32 with "
        "dropout 0.2, Adam, linear warmup over 15 % from 1e-5 to 2e-3 then cosine to 0, batch "
        "64, 12 epochs; update_freq=3 and LRLogger every 3 batches (first try, 2250 train, MLP "
        "128-64, 20 epochs, had its val loss creep up)", t_ho_warmup_cosine),
    _ho("k_ho_leakage", "exponential", ["per_epoch"],
        "digits, 25 % of the training labels randomised; the validation set is 300 training "
        "images with their clean labels (a leak), dropout 0.3; MLP 96, SGD+momentum 0.05 "
        "decayed x0.6 every 4 epochs, 20 epochs (first try, binary data, val only a bit below "
        "train)", t_ho_leakage),
    _ho("k_ho_oscillation", "constant", ["per_step"],
        "two-class make_classification, MLP 96-96, Adam at a constant 0.06 (too high), batch 32, "
        "15 epochs, update_freq=2 (first try, 0.03, sat flat and noisy)", t_ho_oscillation),
]


# ---- the fresh split (added after the holdout split was scored; labelled from the plots only)
def _moons(seed, n=3000, noise=0.25):
    from sklearn.datasets import make_moons
    x, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    cut = int(n * 0.75)
    return x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")


def t_fr_warmup_cosine(d, s):
    return _fit(d, s, xy=_moons(s), opt="adam", lr=_warmup_cosine(5e-3, 0.1, start=1e-4),
                hidden=(32, 32), batch=48, epochs=20, update_freq=4, lr_logger=4)


def t_fr_leakage(d, s):
    # 4 classes; training labels 25 % randomised; validation = 400 training rows, clean labels
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=3000, n_features=20, n_informative=10, n_redundant=4,
                               n_classes=4, class_sep=1.2, random_state=s)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    y = y.astype("int64")
    rng = np.random.default_rng(s + 23)
    pick = rng.choice(len(y), 400, replace=False)
    xv, yv = x[pick].copy(), y[pick].copy()
    yt = y.copy()
    bad = rng.random(len(yt)) < 0.25
    yt[bad] = rng.integers(0, 4, bad.sum())
    return _fit(d, s, xy=(x, yt, xv, yv), hidden=(64,), dropout=0.2, lr=_piecewise(
        (0.05, 0.01), (0.6,)), lr_logger=5, epochs=20, batch=64)


def _fr(name, family, classes, story, train, seeds=(1,)):
    return Scenario(name=name, writer=WRITER, family=family, classes=tuple(classes),
                    story=story, train=train, seeds=tuple(seeds), held_out="fresh")


SCENARIOS += [
    _fr("k_fr_warmup_cosine", "cosine", ["per_step"],
        "sklearn make_moons (noise 0.25, 2250 train), MLP 32-32, Adam, linear warmup over 10 % "
        "from 1e-4 to 5e-3 then cosine to 0, batch 48, 20 epochs; update_freq=4 and LRLogger "
        "every 4 batches", t_fr_warmup_cosine),
    _fr("k_fr_leakage", "step", ["per_epoch"],
        "4-class make_classification (3000 rows), 25 % of the training labels randomised; the "
        "validation set is 400 training rows with their clean labels (a leak), dropout 0.2; "
        "MLP 64, SGD+momentum, piecewise constant 0.05 then 0.01 from 60 %, 20 epochs, batch "
        "64, LRLogger every 5 batches", t_fr_leakage),
]


# ---- the blind split (fourth session; labelled from the plots only)
def t_bl_noise_floor(d, s):
    return _fit(d, s, data="binary_noisy", opt="adam", lr=_cosine(1e-3), hidden=(32,),
                batch=32, epochs=10, update_freq=1, lr_logger=1)


def t_bl_rlrop_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.05, class_sep=0.8), hidden=(64,),
                lr=0.05, batch=64, epochs=25, lr_logger=5,
                callbacks=[_rlrop(factor=0.3, patience=1, min_delta=1e-3)])


def t_bl_oscillation_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000, flip_y=0.02), hidden=(32,), lr=2.0,
                batch=32, epochs=15, update_freq=1)


def BL(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind")


SCENARIOS += [
    BL("k_bl_noise_floor", "cosine", ["noise_floor", "per_step"],
       "two-class make_classification with 25 % flipped labels, MLP 32, Adam cosine decay "
       "from 1e-3 to 0, batch 32, 10 epochs; update_freq=1 and LRLogger every batch: the "
       "per-batch loss bounces around the label-noise floor, val flat at its minimum",
       t_bl_noise_floor),
    BL("k_bl_rlrop_binary", "plateau", ["per_epoch"],
       "two-class make_classification (4000 rows, 5 % flipped, class_sep 0.8), MLP 64, "
       "SGD+momentum 0.05 with ReduceLROnPlateau(val_loss, factor 0.3, patience 1), batch "
       "64, 25 epochs, LRLogger every 5 batches", t_bl_rlrop_binary),
    BL("k_bl_nan_binary", "constant", ["per_step"],
       "two-class make_classification, MLP 32, SGD+momentum 0.9 at a constant 2.0 (far too "
       "high), batch 32, 15 epochs, update_freq=1. Meant to bounce without a downward trend "
       "(an oscillation run); the plots show the loss growing to ~1e38 and then NaN within "
       "the first quarter, so it is the divergence it is", t_bl_oscillation_binary),
]


# -- the blind2 split (fourth session, second blind set; labelled from the plots only)
def _restarts(peak, cycles):
    def make(total):
        import keras
        return keras.optimizers.schedules.CosineDecayRestarts(
            peak, first_decay_steps=max(1, total // cycles), t_mul=1.0, m_mul=1.0, alpha=0.0)
    return make


def t_b2_sgdr_spike(d, s):
    return _fit(d, s, lr=_restarts(0.2, 4), hidden=(64,), batch=32, epochs=20,
                update_freq=1, lr_logger=1)


def t_b2_zero_lr(d, s):
    return _fit(d, s, data="binary", lr=0.01, hidden=(32,), epochs=25, lr_logger=5,
                callbacks=[_sched(lambda e, lr: 0.01 if e < 5 else 0.0)])


def t_b2_too_low(d, s):
    return _fit(d, s, lr=2e-4, momentum=0.0, hidden=(64,), epochs=20)


def t_b2_staircase_reg(d, s):
    return _fit(d, s, data="regression", lr=_exponential(0.02, 1 / 6, 0.5, staircase=True),
                hidden=(64, 64), batch=32, epochs=24, update_freq=5, lr_logger=5)


def t_b2_range_adam(d, s):
    return _fit(d, s, data="binary", opt="adam", lr=_range(1e-5, 1.0), hidden=(32,),
                batch=16, epochs=2, update_freq=1, lr_logger=1)


def B2(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind2")


SCENARIOS += [
    B2("k_b2_sgdr_spike", "sgdr", ["per_step"],
       "Digits MLP 64, SGD+momentum 0.9, CosineDecayRestarts from 0.2 (high) to 0 in 4 equal "
       "cycles, batch 32, 20 epochs, update_freq=1 and LRLogger every batch: each restart "
       "jumps the LR from ~0 to 0.2, meant to throw the loss up for dozens of steps, then "
       "recover. (First try, peak 0.6, never trained well: val accuracy stuck near 0.6.) "
       "The plots of the second try show only mild bumps at the restarts, so it is "
       "labelled as the healthy SGDR run it is", t_b2_sgdr_spike),
    B2("k_b2_zero_lr", "other", ["zero_lr", "per_epoch"],
       "Two-class make_classification, MLP 32, SGD+momentum 0.01, a LearningRateScheduler "
       "bug sets the LR to exactly 0 from epoch 5 of 25 (LRLogger every 5 batches): training "
       "freezes while the loss was still falling", t_b2_zero_lr),
    B2("k_b2_too_low", "constant", ["per_epoch"],
       "Digits MLP 64, plain SGD (no momentum) at a constant 2e-4 (far too low), batch 128, "
       "20 epochs per epoch: the loss creeps down from ln 10 from the first epoch",
       t_b2_too_low),
    B2("k_b2_staircase_reg", "exponential", ["per_step"],
       "make_regression (unit-scaled targets), MLP 64-64, MSE, SGD+momentum 0.02, staircase "
       "ExponentialDecay x0.5 every 1/6 of the run, batch 32, 24 epochs; update_freq=5 and "
       "LRLogger every 5 batches", t_b2_staircase_reg),
    B2("k_b2_range_adam", "range_test", ["range_test", "per_step"],
       "LR range test with Adam: two-class make_classification, MLP 32, LR rising "
       "exponentially per batch from 1e-5 to 1.0 over 2 epochs (batch 16), logged every batch "
       "by LRLogger", t_b2_range_adam),
]


# -- the blind3 split (fourth session, third blind set; labelled from the plots only)
def _restarts_mult(peak, first_frac, t_mul):
    def make(total):
        import keras
        return keras.optimizers.schedules.CosineDecayRestarts(
            peak, first_decay_steps=max(1, int(total * first_frac)), t_mul=t_mul, m_mul=1.0,
            alpha=0.0)
    return make


def t_b3_sgdr_mild(d, s):
    return _fit(d, s, data="binary", lr=_restarts_mult(0.03, 1 / 7, 2.0), hidden=(64,),
                batch=64, epochs=21, update_freq=4, lr_logger=4)


def t_b3_acc_drop(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000, flip_y=0.02), hidden=(64,), lr=0.02,
                epochs=24, callbacks=[_sched(lambda e, lr: 0.02 if e < 14 else 0.9)])


def t_b3_leak_reg(d, s):
    return _fit(d, s, data="regression", opt="adam", hidden=(128, 128), dropout=0.4,
                lr=_piecewise((3e-3, 1e-3, 3e-4), (0.5, 0.8)), val_from_train=300,
                epochs=20, lr_logger=5)


def t_b3_tiny_cos(d, s):
    return _fit(d, s, data="binary", opt="adam", lr=_cosine(3e-3), hidden=(64,), epochs=3,
                batch=32, update_freq=1, lr_logger=1)


def B3(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind3")


SCENARIOS += [
    B3("k_b3_sgdr_mild", "sgdr", ["per_step"],
       "Two-class make_classification, MLP 64, SGD+momentum, CosineDecayRestarts from 0.03 "
       "with t_mul 2 (cycles of 1/7, 2/7 and 4/7 of 21 epochs), batch 64, update_freq=4 and "
       "LRLogger every 4 batches: restarts meant to cause only mild bumps", t_b3_sgdr_mild),
    B3("k_b3_acc_drop", "other", ["per_epoch"],
       "Two-class make_classification (2250 train), MLP 64, SGD+momentum 0.02 for 14 epochs, "
       "then LearningRateScheduler raises it 45x to 0.9 for the last 10 of 24: meant to "
       "lose validation accuracy after the raise", t_b3_acc_drop),
    B3("k_b3_leak_reg", "step", ["per_epoch"],
       "make_regression (unit-scaled), MLP 128-128 with dropout 0.4, Adam piecewise 3e-3 / "
       "1e-3 / 3e-4 at 50 % and 80 %, 20 epochs, LRLogger every 5 batches; the validation "
       "set is 300 of the training rows (a leak): val MSE meant to sit below train",
       t_b3_leak_reg),
    B3("k_b3_tiny_cos", "cosine", ["tiny", "per_step"],
       "Two-class make_classification, MLP 64, Adam cosine decay from 3e-3 to 0 over only 3 "
       "epochs, batch 32, update_freq=1 and LRLogger every batch", t_b3_tiny_cos),
]


# -- the blind4 split (fifth session, labelled from the plots only)
def _restarts_shrinking(peak, first_frac, m_mul):
    def make(total):
        import keras
        return keras.optimizers.schedules.CosineDecayRestarts(
            peak, first_decay_steps=max(1, int(total * first_frac)), t_mul=1.0, m_mul=m_mul,
            alpha=0.0)
    return make


def t_b4_sgdr_shrinking(d, s):
    return _fit(d, s, lr=_restarts_shrinking(0.05, 1 / 6, 0.7), hidden=(96,), batch=64,
                epochs=18, update_freq=2, lr_logger=2)


def t_b4_collapse_stepup(d, s):
    return _fit(d, s, data="binary", opt="adam", lr=1e-3, hidden=(64, 64), batch=64,
                epochs=20, callbacks=[_sched(lambda e, lr: 1e-3 if e < 8 else 0.2)])


def t_b4_decay_cut(d, s):
    return _fit(d, s, lr=_piecewise((0.03, 3e-5), (0.1,)), hidden=(64,), momentum=0.5,
                epochs=20, update_freq=1, lr_logger=1)


def t_b4_osc_adam_batch(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000, flip_y=0.05), opt="adam", lr=0.05,
                hidden=(128, 128), batch=16, epochs=10, update_freq=1)


def t_b4_too_low_binary(d, s):
    return _fit(d, s, data="binary", lr=5e-4, momentum=0.0, hidden=(32,), epochs=25,
                update_freq=5, lr_logger=5)


def t_b4_overfit_small(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=400, flip_y=0.1, n_features=30), opt="adam",
                lr=3e-3, hidden=(256, 256), batch=32, epochs=60)


def B4(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind4")


SCENARIOS += [
    B4("k_b4_sgdr_shrinking", "sgdr", ["per_step"],
       "Digits MLP 96, SGD+momentum, CosineDecayRestarts from 0.05 in 6 equal cycles with "
       "each restart's peak x0.7 of the one before (m_mul 0.7), batch 64, 18 epochs, "
       "update_freq=2 and LRLogger every 2 batches: restarts meant to cause only mild bumps",
       t_b4_sgdr_shrinking),
    B4("k_b4_collapse_stepup", "other", ["collapse_no_nan", "per_epoch"],
       "Two-class make_classification, MLP 64-64, Adam 1e-3 for 8 epochs, then a "
       "LearningRateScheduler typo raises it 200x to 0.2 for the last 12 of 20 epochs, "
       "logged per epoch (Keras' own epoch LR): meant to learn, then collapse to chance "
       "(ln 2) at the step up and stay there", t_b4_collapse_stepup),
    B4("k_b4_decay_cut", "step", ["per_step"],
       "Digits MLP 64, SGD momentum 0.5, PiecewiseConstantDecay 0.03 then 3e-5 (meant 3e-3) "
       "from 10 % of 20 epochs, update_freq=1 and LRLogger every batch: the LR is cut 1000x "
       "while the loss is still high", t_b4_decay_cut),
    B4("k_b4_osc_adam_batch", "constant", ["per_step"],
       "Two-class make_classification (5 % flipped labels, 2250 train), MLP 128-128, Adam at "
       "a constant 0.05 (too high), batch 16, 10 epochs, update_freq=1: meant to bounce "
       "without a downward trend", t_b4_osc_adam_batch),
    B4("k_b4_too_low_binary", "constant", ["per_step"],
       "Two-class make_classification, MLP 32, plain SGD (no momentum) at a constant 5e-4 "
       "(far too low), batch 128, 25 epochs, update_freq=5 and LRLogger every 5 batches: the "
       "loss creeps down from ln 2", t_b4_too_low_binary),
    B4("k_b4_overfit_small", "constant", ["per_epoch"],
       "Two-class make_classification with only 300 training rows (30 features, 10 % "
       "flipped labels), 100 val, MLP 256-256, Adam at a constant 3e-3, batch 32, 60 epochs "
       "logged per epoch: memorises the training set; val loss meant to rise clearly",
       t_b4_overfit_small),
]



# -- the blind5 split (fifth session, labelled from the plots only)
def _linear_to_zero(peak):
    def make(total):
        import keras
        return keras.optimizers.schedules.PolynomialDecay(peak, decay_steps=total,
                                                          end_learning_rate=0.0, power=1.0)
    return make


def _shuffled_binary(seed):
    # the labels permuted independently of the rows (a join bug): nothing to learn
    xt, yt, xv, yv = runkit.binary(seed, n=2400, flip_y=0.0)
    rng = np.random.default_rng(seed + 200)
    return xt, rng.permutation(yt), xv, rng.permutation(yv)


def t_b5_chance_epoch(d, s):
    return _fit(d, s, hidden=(64, 64), lr=2.0, momentum=0.9, batch=128, epochs=15)


def t_b5_flat_last_jump(d, s):
    return _fit(d, s, xy=_shuffled_binary(s), hidden=(32,), opt="adam", lr=1e-3, epochs=24,
                callbacks=[_sched(lambda e, lr: 1e-3 if e < 23 else 1.0)])


def t_b5_linear_decay(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000, flip_y=0.03), hidden=(48, 24),
                lr=_linear_to_zero(0.08), batch=48, epochs=16, update_freq=3, lr_logger=3)


def t_b5_tiny_piecewise(d, s):
    lrs = (3e-3, 1e-3, 3e-4)
    return _fit(d, s, hidden=(96,), opt="adam", lr=3e-3, batch=64, epochs=3,
                callbacks=[_sched(lambda e, lr: lrs[min(e, 2)])])


def t_b5_osc_epoch(d, s):
    return _fit(d, s, hidden=(128,), lr=0.6, momentum=0.9, batch=64, epochs=25)


def B5(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind5")


SCENARIOS += [
    B5("k_b5_chance_epoch", "constant", ["chance_from_start", "per_epoch"],
       "Digits MLP 64-64, SGD+momentum 0.9 at a constant 2.0 (far too high), batch 128, 15 "
       "epochs, Keras' per-epoch logs only (no LRLogger): meant to sit at chance (ln 10) from "
       "the first epoch, any first-step burst averaged into the first epoch's mean",
       t_b5_chance_epoch),
    B5("k_b5_flat_last_jump", "constant", ["flat_then_last_jump", "per_epoch"],
       "Two-class make_classification whose labels were permuted independently of the rows "
       "(a join bug: nothing to learn), MLP 32, Adam 1e-3 for 23 epochs, then a "
       "LearningRateScheduler typo sets 1.0 for the last epoch, per-epoch logs: flat at "
       "chance (ln 2), the last point meant to jump", t_b5_flat_last_jump),
    B5("k_b5_linear_decay", "linear", ["per_step"],
       "Two-class make_classification (3 % flipped labels, 2250 train), MLP 48-24, "
       "SGD+momentum, PolynomialDecay power 1 (linear) from 0.08 to 0 over the run, batch "
       "48, 16 epochs, update_freq=3 and LRLogger every 3 batches", t_b5_linear_decay),
    B5("k_b5_tiny_piecewise", "step", ["tiny", "per_epoch"],
       "Digits MLP 96, Adam, LearningRateScheduler 3e-3 / 1e-3 / 3e-4 for epochs 1 / 2 / 3, "
       "batch 64, only 3 epochs, Keras' per-epoch logs", t_b5_tiny_piecewise),
    B5("k_b5_osc_epoch", "constant", ["per_epoch"],
       "Digits MLP 128, SGD+momentum 0.9 at a constant 0.6 (too high), batch 64, 25 epochs, "
       "Keras' per-epoch logs: meant to bounce epoch to epoch without a downward trend",
       t_b5_osc_epoch),
]



# -- the blind6 split (fifth session, labelled from the plots only)
def t_b6_range_adam(d, s):
    return _fit(d, s, data="binary", opt="adam", hidden=(64, 32), lr=_range(1e-6, 3.0),
                epochs=4, batch=48, lr_logger=1, update_freq=1)


def t_b6_rlrop_binary(d, s):
    return _fit(d, s, data="binary_noisy", opt="adam", hidden=(64,), lr=3e-3, batch=64,
                epochs=40, callbacks=[_rlrop(factor=0.3, patience=2)])


def t_b6_decay_aggressive(d, s):
    return _fit(d, s, hidden=(64,), lr=_exp_steps(0.01, 10, 0.5), momentum=0.0, batch=64,
                epochs=20, update_freq=5, lr_logger=5)


def t_b6_noise_floor(d, s):
    return _fit(d, s, data="binary_noisy", hidden=(16,), lr=_cosine(0.02), batch=16,
                epochs=10, update_freq=1, lr_logger=1)


def B6(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind6")


SCENARIOS += [
    B6("k_b6_range_adam", "range_test", ["range_test", "per_step"],
       "LR range test: two-class make_classification, MLP 64-32, Adam with an "
       "ExponentialDecay schedule rising from 1e-6 to 3 over 4 epochs (6.5 decades), batch "
       "48, update_freq=1 and LRLogger every batch", t_b6_range_adam),
    B6("k_b6_rlrop_binary", "plateau", ["per_epoch"],
       "Two-class make_classification with 25 % flipped labels, MLP 64, Adam 3e-3, "
       "ReduceLROnPlateau(val_loss, x0.3, patience 2), batch 64, 40 epochs, Keras' "
       "per-epoch logs", t_b6_rlrop_binary),
    B6("k_b6_decay_aggressive", "exponential", ["per_step"],
       "Digits MLP 64, plain SGD (no momentum) 0.01 with ExponentialDecay halving every 10 "
       "batches (the LR is ~1e-5 after 100 of 440 batches), batch 64, 20 epochs, "
       "update_freq=5 and LRLogger every 5 batches: the LR collapses while the loss is "
       "still high", t_b6_decay_aggressive),
    B6("k_b6_noise_floor", "cosine", ["noise_floor", "per_step"],
       "Two-class make_classification with 25 % flipped labels, MLP 16, SGD+momentum with "
       "a cosine from 0.02 to 0, batch 16, 10 epochs, update_freq=1 and LRLogger every "
       "batch: the batch loss at the floor set by the label noise", t_b6_noise_floor),
]


# -- the blind7 split (fifth session, labelled from the plots only)
def t_b7_decay_fast_exp(d, s):
    return _fit(d, s, data="binary", hidden=(64,), lr=_exponential(0.05, 0.05, 0.3),
                batch=64, epochs=20, update_freq=4, lr_logger=4)


def t_b7_too_low_sgd(d, s):
    return _fit(d, s, hidden=(64,), lr=_cosine(3e-4), momentum=0.0, batch=64, epochs=15,
                update_freq=4, lr_logger=4)


def t_b7_osc_high(d, s):
    return _fit(d, s, data="binary", hidden=(64, 64), lr=1.5, batch=32, epochs=15,
                update_freq=5, lr_logger=5)


def B7(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind7")


SCENARIOS += [
    B7("k_b7_decay_fast_exp", "exponential", ["per_step"],
       "Two-class make_classification, MLP 64, SGD+momentum 0.05 with a smooth "
       "ExponentialDecay of x0.3 every 5 % of the run (the LR is ~1e-12 at the end), batch "
       "64, 20 epochs, update_freq=4 and LRLogger every 4 batches",
       t_b7_decay_fast_exp),
    B7("k_b7_too_low_sgd", "cosine", ["per_step"],
       "Digits MLP 64, plain SGD (no momentum) with a cosine from 3e-4 (far too low) to 0, "
       "batch 64, 15 epochs, update_freq=4 and LRLogger every 4 batches: meant to creep down "
       "and end far from converged", t_b7_too_low_sgd),
    B7("k_b7_osc_high", "constant", ["chance_from_start", "per_step"],
       "Two-class make_classification, MLP 64-64, SGD+momentum at a constant 1.5 (too "
       "high), batch 32, 15 epochs, update_freq=5 and LRLogger every 5 batches: meant to "
       "bounce instead of settling. The plots show the validation at chance (ln 2) from the "
       "first evaluation, so it is labelled as that", t_b7_osc_high),
]


# -- the blind8 split (sixth session, labelled from the plots only)
def _cosine_short(peak, frac):
    """CosineDecay whose decay_steps were set to a fraction of the run (alpha 0): the LR is
    exactly 0 from there on (decay_steps meant for a shorter run)."""
    def make(total):
        import keras
        return keras.optimizers.schedules.CosineDecay(peak, decay_steps=max(1, int(total * frac)),
                                                      alpha=0.0)
    return make


def _b8_step(e, lr):
    return 2e-3 * 0.5 ** (e // 5)


def _b8_onecycle(e, lr):
    # one cycle per epoch: 1e-3 -> 0.08 over the first 5 epochs, then down to ~1e-4 at 20
    if e < 5:
        return 1e-3 + (0.08 - 1e-3) * e / 5
    return max(1e-4, 0.08 * (1.0 - (e - 5) / 15.0))


def t_b8_step_sched_dropout(d, s):
    return _fit(d, s, opt="adam", lr=2e-3, hidden=(128,), dropout=0.2, batch=64, epochs=20,
                callbacks=[_sched(_b8_step)])


def t_b8_onecycle_epoch(d, s):
    return _fit(d, s, hidden=(128,), lr=1e-3, momentum=0.9, batch=32, epochs=20,
                callbacks=[_sched(_b8_onecycle)])


def t_b8_too_low_adam_reg(d, s):
    return _fit(d, s, data="regression", opt="adam", lr=_cosine(1e-5), hidden=(64, 64),
                batch=32, epochs=20, update_freq=5, lr_logger=5)


def t_b8_cosine_short_zero(d, s):
    return _fit(d, s, hidden=(64,), lr=_cosine_short(0.01, 0.2), momentum=0.9, batch=64,
                epochs=20, update_freq=2, lr_logger=2)


def t_b8_fast_crawl(d, s):
    return _fit(d, s, opt="adam", lr=0.02, hidden=(256,), batch=32, epochs=15,
                update_freq=3, lr_logger=3)


def B8(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind8")


SCENARIOS += [
    B8("k_b8_step_sched_dropout", "step", ["per_epoch"],
       "Digits MLP 128 with dropout 0.2, Adam, LearningRateScheduler halving 2e-3 every 5 "
       "epochs, batch 64, 20 epochs, Keras' per-epoch logs only (no LRLogger)",
       t_b8_step_sched_dropout),
    B8("k_b8_onecycle_epoch", "onecycle", ["per_epoch"],
       "Digits MLP 128, SGD+momentum 0.9, a one-cycle LearningRateScheduler per epoch "
       "(1e-3 up to 0.08 over 5 epochs, then linearly down to 1e-4 at epoch 20), batch 32, "
       "20 epochs, Keras' per-epoch logs only", t_b8_onecycle_epoch),
    B8("k_b8_too_low_adam_reg", "cosine", ["per_step"],
       "make_regression (unit-scaled targets), MLP 64-64, MSE, Adam with a cosine from 1e-5 "
       "(far too low) to 0, batch 32, 20 epochs, update_freq=5 and LRLogger every 5 "
       "batches: the loss meant to creep down from the start", t_b8_too_low_adam_reg),
    B8("k_b8_cosine_short_zero", "cosine", ["zero_lr", "per_step"],
       "Digits MLP 64, SGD+momentum 0.9, CosineDecay from 0.01 whose decay_steps cover only "
       "the first 20 % of the 20 epochs (alpha 0, set for a shorter run): the LR is exactly "
       "0 for the last 80 %; update_freq=2 and LRLogger every 2 batches",
       t_b8_cosine_short_zero),
    B8("k_b8_fast_crawl", "constant", ["fast_start_crawl", "per_step"],
       "Digits MLP 256, Adam at a constant 2e-2 (big), batch 32, 15 epochs, update_freq=3 "
       "and LRLogger every 3 batches: a fast fall in the first steps, then a slow crawl. "
       "The plots show the val loss getting worse after the fast start, so it is labelled "
       "as that",
       t_b8_fast_crawl),
]


# -- the blind9 split (sixth session, labelled from the plots only)
def _b9_step(e, lr):
    return 0.05 * 0.5 ** (e // 6)


def t_b9_step_noval(d, s):
    return _fit(d, s, data="binary", hidden=(64, 32), lr=0.05, momentum=0.9, batch=96,
                epochs=24, val=False, callbacks=[_sched(_b9_step)])


def t_b9_tiny_exp_adam(d, s):
    return _fit(d, s, hidden=(192,), opt="adam", lr=_exponential(3e-3, 0.25, 0.5), batch=32,
                epochs=4, update_freq=2, lr_logger=2)


def t_b9_nan_warmup_reg(d, s):
    return _fit(d, s, data="regression", hidden=(64, 64), lr=_warmup_cosine(0.3, 0.3, 1e-3),
                momentum=0.9, batch=32, epochs=20, update_freq=5, lr_logger=5)


def t_b9_overfit_reg_small(d, s):
    return _fit(d, s, data="regression", xy=runkit.regression(s, n=200, noise=150.0),
                hidden=(512, 512), lr=0.01, momentum=0.9, batch=16, epochs=150)


def t_b9_sgdr_adam_wide(d, s):
    return _fit(d, s, hidden=(256, 128), opt="adam", lr=_restarts(0.02, 4), batch=32,
                epochs=16, update_freq=1, lr_logger=1)


def B9(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind9")


SCENARIOS += [
    B9("k_b9_step_noval", "step", ["per_epoch"],
       "Two-class make_classification, MLP 64-32, SGD+momentum 0.9, LearningRateScheduler "
       "halving 0.05 every 6 epochs, batch 96, 24 epochs, fit without validation_data "
       "(no val loss or accuracy logged), Keras' per-epoch logs only", t_b9_step_noval),
    B9("k_b9_tiny_exp_adam", "exponential", ["tiny", "per_step"],
       "Digits MLP 192, Adam with an ExponentialDecay from 3e-3 halving every quarter of "
       "the run, batch 32, only 4 epochs, update_freq=2 and LRLogger every 2 batches",
       t_b9_tiny_exp_adam),
    B9("k_b9_nan_warmup_reg", "cosine", ["per_step"],
       "make_regression (unit-scaled targets), MLP 64-64, MSE, SGD+momentum 0.9 under a "
       "CosineDecay with a linear warmup from 1e-3 to 0.3 over the first 30 % (far too high "
       "a peak for SGD on MSE), batch 32, 20 epochs, update_freq=5 and LRLogger every 5 "
       "batches: meant to learn while the LR is small and blow up to NaN as it nears the "
       "peak", t_b9_nan_warmup_reg),
    B9("k_b9_overfit_reg_small", "constant", ["per_epoch"],
       "make_regression with heavy noise (noise 150) and only 150 training rows (50 for "
       "validation), MLP 512-512, MSE, SGD+momentum 0.9 at a constant 0.01, batch 16, 150 "
       "epochs, Keras' per-epoch logs: memorises the noise; val loss meant to turn up. "
       "(First try, noise 30, 120 rows, MLP 256-256 and Adam 3e-3: val flat at its best.)",
       t_b9_overfit_reg_small),
    B9("k_b9_sgdr_adam_wide", "sgdr", ["restart_wide_spike", "per_step"],
       "Digits MLP 256-128, Adam under CosineDecayRestarts from 2e-2 (four equal cycles, "
       "restarts at 1/4, 1/2 and 3/4 of the run), batch 32, 16 epochs, update_freq=1 and "
       "LRLogger every batch: each restart meant to throw the low loss up for dozens of "
       "steps before it recovers", t_b9_sgdr_adam_wide),
]


# -- the blind10 split (sixth session, labelled from the plots only)
def _b10_exp(e, lr):
    return 0.03 * 0.88 ** e


def t_b10_piecewise_adam(d, s):
    return _fit(d, s, hidden=(96, 48), opt="adam",
                lr=_piecewise([2e-3, 6e-4, 2e-4, 6e-5], [0.3, 0.6, 0.85]), batch=24,
                epochs=12, update_freq=3, lr_logger=3)


def t_b10_exp_sched_noisy(d, s):
    return _fit(d, s, data="binary_noisy", hidden=(32,), lr=0.03, momentum=0.9, batch=128,
                epochs=30, callbacks=[_sched(_b10_exp)])


def t_b10_too_low_const(d, s):
    return _fit(d, s, hidden=(128,), lr=2e-4, momentum=0.0, batch=64, epochs=25)


def t_b10_overfit_noisy_sgd(d, s):
    return _fit(d, s, xy=_noisy_small(s, n=300, frac=0.2), hidden=(512, 256), lr=0.02,
                momentum=0.9, batch=16, epochs=80)


def t_b10_collapse_warmup_adam(d, s):
    return _fit(d, s, hidden=(128, 128), opt="adam", lr=_warmup_cosine(0.1, 0.3, 1e-4),
                batch=32, epochs=12, update_freq=4, lr_logger=4)


def B10(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind10")


SCENARIOS += [
    B10("k_b10_piecewise_adam", "multistep", ["per_step"],
        "Digits MLP 96-48, Adam under PiecewiseConstantDecay 2e-3 -> 6e-4 -> 2e-4 -> 6e-5 at "
        "30, 60 and 85 % of the run, batch 24, 12 epochs, update_freq=3 and LRLogger every 3 "
        "batches", t_b10_piecewise_adam),
    B10("k_b10_exp_sched_noisy", "exponential", ["per_epoch"],
        "Two-class make_classification with 25 % flipped labels, MLP 32, SGD+momentum 0.9, "
        "LearningRateScheduler 0.03 x 0.88^epoch, batch 128, 30 epochs, Keras' per-epoch "
        "logs only", t_b10_exp_sched_noisy),
    B10("k_b10_too_low_const", "constant", ["per_epoch"],
        "Digits MLP 128, plain SGD (no momentum) at a constant 2e-4 (far too low), batch 64, "
        "25 epochs, Keras' per-epoch logs only: meant to creep down from the start",
        t_b10_too_low_const),
    B10("k_b10_overfit_noisy_sgd", "constant", ["per_epoch"],
        "Only 300 digits for training with 20 % of their labels randomised (clean val), MLP "
        "512-256, SGD+momentum 0.9 at a constant 0.02, batch 16, 80 epochs, Keras' "
        "per-epoch logs: meant to memorise the noisy labels while the val loss turns up",
        t_b10_overfit_noisy_sgd),
    B10("k_b10_collapse_warmup_adam", "cosine", ["per_step"],
        "Digits MLP 128-128, Adam under CosineDecay with a linear warmup from 1e-4 to 0.1 "
        "(far too high a peak for Adam) over the first 30 %, batch 32, 12 epochs, "
        "update_freq=4 and LRLogger every 4 batches: meant to learn while the LR is small "
        "and collapse to chance near the peak. The plots show a wide bump at the peak and a "
        "full recovery as the LR decays, so it is labelled as that",
        t_b10_collapse_warmup_adam),
]


# -- the blind11 split (seventh session, labelled from the plots only)
def _inverse_time(initial, decay_steps, rate):
    def make(total):
        import keras
        return keras.optimizers.schedules.InverseTimeDecay(initial, decay_steps=decay_steps,
                                                           decay_rate=rate)
    return make


def t_b11_cosine_alpha_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.03), hidden=(64, 32), opt="adam",
                lr=_cosine(3e-3, alpha=0.1), batch=32, epochs=15, update_freq=5, lr_logger=5)


def t_b11_chance_adam_digits(d, s):
    return _fit(d, s, hidden=(128, 64), opt="adam", lr=0.5, batch=64, epochs=15,
                update_freq=4)


def t_b11_inverse_time_decay(d, s):
    return _fit(d, s, hidden=(64,), lr=_inverse_time(0.05, 1, 2.0), momentum=0.5, batch=64,
                epochs=15, update_freq=2, lr_logger=2)


def t_b11_restarts_adam_spike(d, s):
    return _fit(d, s, hidden=(256, 128), opt="adam", lr=_restarts(0.03, 3), batch=32,
                epochs=18, update_freq=1, lr_logger=1)


def t_b11_rlrop_digits_batch(d, s):
    return _fit(d, s, hidden=(96,), lr=0.08, momentum=0.9, batch=48, epochs=25,
                update_freq=5, lr_logger=5,
                callbacks=[_rlrop(factor=0.4, patience=1, min_delta=1e-3)])


def B11(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind11")


SCENARIOS += [
    B11("k_b11_cosine_alpha_binary", "cosine", ["per_step"],
        "Two-class make_classification (4000 rows, 3 % flipped labels), MLP 64-32, Adam "
        "under CosineDecay from 3e-3 to a floor of 10 % (alpha 0.1), batch 32, 15 epochs, "
        "update_freq=5 and LRLogger every 5 batches", t_b11_cosine_alpha_binary),
    B11("k_b11_chance_adam_digits", "constant", ["chance_from_start", "per_step"],
        "Digits MLP 128-64, Adam at a constant 0.5 (far too high), batch 64, 15 epochs, "
        "update_freq=4 (Keras' own epoch LR only): meant to sit at chance (ln 10) from the "
        "start", t_b11_chance_adam_digits),
    B11("k_b11_inverse_time_decay", "other", ["per_step"],
        "Digits MLP 64, SGD momentum 0.5 under InverseTimeDecay 0.05 / (1 + 2 * step) (the "
        "LR is 1 % of its start after 50 of 315 batches), batch 64, 15 epochs, update_freq=2 "
        "and LRLogger every 2 batches: the LR meant to collapse while the loss is still "
        "high", t_b11_inverse_time_decay),
    B11("k_b11_restarts_adam_spike", "sgdr", ["restart_wide_spike", "per_step"],
        "Digits MLP 256-128, Adam under CosineDecayRestarts peak 3e-2 (three equal cycles of "
        "~246 batches), batch 32, 18 epochs, update_freq=1 and LRLogger every batch: each "
        "restart meant to throw the low loss up for a while before it recovers",
        t_b11_restarts_adam_spike),
    B11("k_b11_rlrop_digits_batch", "plateau", ["per_step"],
        "Digits MLP 96, SGD 0.08 momentum 0.9 with ReduceLROnPlateau(val_loss, x0.4, "
        "patience 1, min_delta 1e-3), batch 48, 25 epochs, update_freq=5 and LRLogger every "
        "5 batches", t_b11_rlrop_digits_batch),
]


# -- the blind12 split (seventh session, second block, labelled from the plots only)
def t_b12_rlrop_binary_batch(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.05), hidden=(64, 32), opt="adam",
                lr=3e-3, batch=32, epochs=40, update_freq=1, lr_logger=1,
                callbacks=[_rlrop(factor=0.5, patience=2, min_delta=1e-3)])


def t_b12_overfit_exp_long(d, s):
    return _fit(d, s, xy=_noisy_small(s, n=300, frac=0.25), hidden=(256, 256),
                lr=_exponential(0.05, 0.25, 0.5), batch=32, epochs=60)


def t_b12_piecewise_cut_early(d, s):
    return _fit(d, s, hidden=(64,), lr=_piecewise((0.02, 2e-4, 2e-6), (0.04, 0.08)),
                momentum=0.9, batch=64, epochs=30, update_freq=2, lr_logger=2)


def t_b12_warmup_too_hot(d, s):
    return _fit(d, s, hidden=(128,), lr=_warmup_cosine(1.5, 0.3, start=1e-3), momentum=0.9,
                batch=64, epochs=20, update_freq=3, lr_logger=3)


def t_b12_osc_sgd_binary_batch(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000), hidden=(64, 64), lr=0.2, momentum=0.9,
                batch=32, epochs=15, update_freq=1)


def B12(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind12")


SCENARIOS += [
    B12("k_b12_rlrop_binary_batch", "plateau", ["per_step"],
        "Two-class make_classification (4000 rows, 5 % flipped labels), MLP 64-32, Adam 3e-3 "
        "with ReduceLROnPlateau(val_loss, x0.5, patience 2, min_delta 1e-3), batch 32, 40 "
        "epochs, update_freq=1 (every batch) and LRLogger every batch: the scheduler meant "
        "to fire several times", t_b12_rlrop_binary_batch),
    B12("k_b12_overfit_exp_long", "exponential", ["per_epoch"],
        "300 training digits with 25 % of their labels randomised (clean val), MLP 256-256, "
        "SGD momentum 0.9 under ExponentialDecay from 0.05 (x0.5 every 15 epochs), batch 32, "
        "60 epochs, epoch logging: meant to memorise the noisy labels while val turns up",
        t_b12_overfit_exp_long),
    B12("k_b12_piecewise_cut_early", "step", ["per_step"],
        "Digits MLP 64, SGD momentum 0.9 under PiecewiseConstantDecay 0.02 -> 2e-4 -> 2e-6 "
        "with the boundaries at 4 % and 8 % of the run (meant for 40 % and 80 %), batch 64, "
        "30 epochs, update_freq=2 and LRLogger every 2 batches: learning meant to stop while "
        "the loss is still high", t_b12_piecewise_cut_early),
    B12("k_b12_warmup_too_hot", "cosine", ["per_step"],
        "Digits MLP 128, SGD momentum 0.9 with a linear warmup over 30 % from 1e-3 to a far "
        "too high 1.5, then a cosine to 0, batch 64, 20 epochs, update_freq=3 and LRLogger "
        "every 3 batches: meant to learn early in the warmup and blow up near its top",
        t_b12_warmup_too_hot),
    B12("k_b12_osc_sgd_binary_batch", "constant", ["per_step"],
        "Two-class make_classification (3000 rows), MLP 64-64, SGD momentum 0.9 at a constant "
        "0.2 (too high), batch 32, 15 epochs, update_freq=1 (Keras' own epoch LR only): meant "
        "to bounce instead of settling. (First try, 0.5, collapsed to chance within the "
        "first epoch.)", t_b12_osc_sgd_binary_batch),
]


# -- the blind13 split (seventh session, third block, labelled from the plots only)
def _b13_halve_every8(e, lr):
    return 0.03 * 0.5 ** (e // 8)


def t_b13_step_sched_reg_bs256(d, s):
    return _fit(d, s, data="regression", hidden=(128, 64), lr=0.03, momentum=0.9, batch=256,
                epochs=40, callbacks=[_sched(_b13_halve_every8)])


def t_b13_no_val_exp_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.03), hidden=(96, 48), opt="adam",
                lr=_exponential(2e-3, 0.25, 0.5), batch=32, epochs=12, val=False,
                update_freq=5, lr_logger=5)


def t_b13_osc_adam_wide_bs16(d, s):
    return _fit(d, s, hidden=(512, 512), opt="adam", lr=1e-2, batch=16, epochs=15,
                update_freq=4)


def t_b13_rlrop_min_delta_typo(d, s):
    return _fit(d, s, hidden=(128,), lr=0.05, momentum=0.9, batch=128, epochs=25,
                update_freq=2, lr_logger=2,
                callbacks=[_rlrop(factor=0.2, patience=0, min_delta=0.5)])


def t_b13_too_low_adam_bs8(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=2400), hidden=(64, 64), opt="adam", lr=1e-6,
                batch=8, epochs=8, update_freq=10, lr_logger=10)


def B13(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind13")


SCENARIOS += [
    B13("k_b13_step_sched_reg_bs256", "step", ["per_epoch"],
        "make_regression (unit-scaled targets), MLP 128-64, MSE, SGD momentum 0.9 with a "
        "LearningRateScheduler halving 0.03 every 8 epochs, batch 256 (5 batches an epoch), "
        "40 epochs, Keras' per-epoch logs only", t_b13_step_sched_reg_bs256),
    B13("k_b13_no_val_exp_binary", "exponential", ["per_step"],
        "Two-class make_classification (4000 rows, 3 % flipped labels), MLP 96-48, Adam "
        "under ExponentialDecay from 2e-3 (x0.5 every quarter of the run), batch 32, 12 "
        "epochs, update_freq=5 and LRLogger every 5 batches; fit without validation_data "
        "(no val loss or accuracy logged)", t_b13_no_val_exp_binary),
    B13("k_b13_osc_adam_wide_bs16", "constant", ["per_step"],
        "Digits MLP 512-512, Adam at a constant 1e-2 (too high for this width), batch 16, "
        "15 epochs, update_freq=4 (Keras' own epoch LR only): meant to bounce instead of "
        "settling", t_b13_osc_adam_wide_bs16),
    B13("k_b13_rlrop_min_delta_typo", "plateau", ["per_step"],
        "Digits MLP 128, SGD 0.05 momentum 0.9 with ReduceLROnPlateau(val_loss, x0.2, "
        "patience 0) and min_delta 0.5 (meant 5e-3: almost no epoch counts as an "
        "improvement, so the LR is cut at nearly every epoch), batch 128, 25 epochs, "
        "update_freq=2 and LRLogger every 2 batches: learning meant to stop while the loss "
        "is still high", t_b13_rlrop_min_delta_typo),
    B13("k_b13_too_low_adam_bs8", "constant", ["per_step"],
        "Two-class make_classification (2400 rows), MLP 64-64, Adam at a constant 1e-6 "
        "(about 1000x too low), batch 8, 8 epochs (1800 batches), update_freq=10 and "
        "LRLogger every 10 batches: meant to creep down from the first batch",
        t_b13_too_low_adam_bs8),
]


# -- the blind14 split (eighth session, first block, labelled from the plots only)
def _b14_grow(e, lr):
    return lr * 1.5  # meant lr * 0.95: the LR grows 1.5x every epoch


def _b14_resume_raise(e, lr):
    return 0.01 if e < 15 else 0.3


def _b14_leaky(seed, frac=0.3):
    """All 1300 training digits, a fraction of their labels replaced at random; the val set
    is 400 of those same training images with their clean labels (a leak)."""
    xt, yt, _, _ = runkit.digits(seed)
    rng = np.random.default_rng(seed + 11)
    noisy = yt.copy()
    bad = rng.random(len(yt)) < frac
    noisy[bad] = rng.integers(0, 10, bad.sum())
    return xt, noisy, xt[:400].copy(), yt[:400].copy()


def t_b14_warmup_cosine_wide_bs512(d, s):
    return _fit(d, s, hidden=(512,), opt="adam", lr=_warmup_cosine(3e-3, 0.1, start=1e-4),
                batch=512, epochs=60, lr_logger=1)


def t_b14_const_sgd_binary_long(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000), hidden=(64, 32), lr=0.02, momentum=0.9,
                batch=64, epochs=30)


def t_b14_nan_lr_growth_reg(d, s):
    return _fit(d, s, data="regression", hidden=(64, 64), lr=1e-3, momentum=0.9, batch=32,
                epochs=25, callbacks=[_sched(_b14_grow)])


def t_b14_leak_adam_cosine(d, s):
    return _fit(d, s, xy=_b14_leaky(s), hidden=(128,), opt="adam", lr=_cosine(1e-3),
                batch=32, epochs=20)


def t_b14_resume_raise_epoch(d, s):
    return _fit(d, s, hidden=(128,), lr=0.01, momentum=0.9, batch=64, epochs=30,
                callbacks=[_sched(_b14_resume_raise)])


def B14(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind14")


SCENARIOS += [
    B14("k_b14_warmup_cosine_wide_bs512", "cosine", ["per_epoch"],
        "Digits MLP 512, Adam under CosineDecay with a linear warmup from 1e-4 to 3e-3 over "
        "the first 10 %, batch 512 (3 batches an epoch), 60 epochs, Keras' per-epoch logs "
        "and LRLogger every batch", t_b14_warmup_cosine_wide_bs512),
    B14("k_b14_const_sgd_binary_long", "constant", ["per_epoch"],
        "Two-class make_classification (3000 rows), MLP 64-32, SGD momentum 0.9 at a "
        "constant 0.02, batch 64, 30 epochs, Keras' per-epoch logs only: meant as a "
        "well-tuned constant LR. The plots show the val loss turning up from epoch ~10 while "
        "the train loss keeps falling, so it is labelled as that",
        t_b14_const_sgd_binary_long),
    B14("k_b14_nan_lr_growth_reg", "exponential", ["per_epoch"],
        "make_regression (unit-scaled targets), MLP 64-64, MSE, SGD momentum 0.9 from 1e-3 "
        "with a LearningRateScheduler that returns lr * 1.5 (meant lr * 0.95: the LR grows "
        "1.5x every epoch), batch 32, 25 epochs, Keras' per-epoch logs: meant to learn while "
        "the LR is small and blow up to NaN as it keeps growing", t_b14_nan_lr_growth_reg),
    B14("k_b14_leak_adam_cosine", "cosine", ["per_epoch"],
        "All 1300 training digits with 30 % of their labels randomised; validation_data is "
        "400 of those same training images with their clean labels (a leak); MLP 128, Adam "
        "under CosineDecay from 1e-3, batch 32, 20 epochs, Keras' per-epoch logs: the val "
        "loss meant to sit far below the train loss throughout", t_b14_leak_adam_cosine),
    B14("k_b14_resume_raise_epoch", "other", ["per_epoch"],
        "Digits MLP 128, SGD momentum 0.9 with a LearningRateScheduler at 0.01 for 15 epochs "
        "and then 0.3 (a resume with the wrong LR), batch 64, 30 epochs, Keras' per-epoch "
        "logs: val accuracy meant to drop after the raise", t_b14_resume_raise_epoch),
]


# -- the blind15 split (eighth session, second block, labelled from the plots only)
def t_b15_restarts_epoch_spike(d, s):
    return _fit(d, s, hidden=(256,), opt="adam", lr=_restarts(0.02, 4), batch=32, epochs=24)


def t_b15_osc_sgd_narrow_epoch(d, s):
    return _fit(d, s, hidden=(16,), lr=0.3, momentum=0.9, batch=32, epochs=25)


def t_b15_overfit_clean_wide(d, s):
    return _fit(d, s, n_train=250, hidden=(512, 512), opt="adam", lr=2e-3, batch=16,
                epochs=50)


def t_b15_hot_sgd_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000), hidden=(64, 64), lr=3.0, momentum=0.9,
                batch=32, epochs=12, update_freq=2)


def t_b15_exp_converge_early_bs256(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.02), hidden=(64,), opt="adam",
                lr=_exponential(3e-3, 0.25, 0.5), batch=256, epochs=40, lr_logger=1)


def t_b15_restarts_mild_sgd_batch(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=3000), hidden=(128,), lr=_restarts(0.05, 3),
                momentum=0.9, batch=32, epochs=18, update_freq=2, lr_logger=2)


def B15(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind15")


SCENARIOS += [
    B15("k_b15_restarts_epoch_spike", "sgdr", ["restart_wide_spike", "per_epoch"],
        "Digits MLP 256, Adam under CosineDecayRestarts peak 2e-2 (four equal cycles of six "
        "epochs), batch 32, 24 epochs, Keras' per-epoch logs only (its own epoch LR): each "
        "restart meant to throw the low loss up for an epoch or two before it recovers",
        t_b15_restarts_epoch_spike),
    B15("k_b15_osc_sgd_narrow_epoch", "constant", ["per_epoch"],
        "Digits MLP 16, SGD momentum 0.9 at a constant 0.3 (too high), batch 32, 25 epochs, "
        "Keras' per-epoch logs only: meant to bounce instead of settling. (First try, 0.5, "
        "never got the val accuracy above 0.46 and froze at 0.23 from epoch 10.)",
        t_b15_osc_sgd_narrow_epoch),
    B15("k_b15_overfit_clean_wide", "constant", ["per_epoch"],
        "Only 250 training digits (clean labels), MLP 512-512, Adam at a constant 2e-3, "
        "batch 16, 50 epochs, Keras' per-epoch logs: meant to memorise the small training "
        "set while the val loss turns up and the val accuracy holds",
        t_b15_overfit_clean_wide),
    B15("k_b15_hot_sgd_binary", "constant", ["per_step"],
        "Two-class make_classification (3000 rows), MLP 64-64, SGD momentum 0.9 at a "
        "constant 3.0 (far too high), batch 32, 12 epochs, update_freq=2 (Keras' own epoch "
        "LR only): meant never to leave chance level or to blow up", t_b15_hot_sgd_binary),
    B15("k_b15_exp_converge_early_bs256", "exponential", ["per_epoch"],
        "Two-class make_classification (4000 rows, 2 % flipped labels), MLP 64, Adam under "
        "ExponentialDecay from 3e-3 (x0.5 every quarter of the run), batch 256 (12 batches "
        "an epoch), 40 epochs, Keras' per-epoch logs and LRLogger every batch: meant to "
        "converge in the first epochs and stay flat", t_b15_exp_converge_early_bs256),
    B15("k_b15_restarts_mild_sgd_batch", "sgdr", ["per_step"],
        "Two-class make_classification (3000 rows), MLP 128, SGD momentum 0.9 under "
        "CosineDecayRestarts peak 5e-2 (three equal cycles), batch 32, 18 epochs, "
        "update_freq=2 and LRLogger every 2 batches: restarts meant to leave only small "
        "bumps", t_b15_restarts_mild_sgd_batch),
]


# -- the blind16 split (ninth session, built at its start, labelled from the plots only)
def t_b16_restarts_batch_spike(d, s):
    return _fit(d, s, hidden=(256,), opt="adam", lr=_restarts(0.02, 3), batch=32, epochs=18,
                update_freq=2, lr_logger=2)


def t_b16_rlrop_sgd_digits(d, s):
    return _fit(d, s, hidden=(128,), lr=0.1, momentum=0.9, batch=64, epochs=30,
                callbacks=[_rlrop(factor=0.3, patience=2, min_delta=1e-3)])


def t_b16_osc_adam_hot_epoch(d, s):
    return _fit(d, s, hidden=(32,), opt="adam", lr=0.03, batch=32, epochs=25)


def t_b16_piecewise_cut_early(d, s):
    return _fit(d, s, hidden=(64,), lr=_piecewise((0.01, 1e-5), (0.06,)), momentum=0.9,
                batch=64, epochs=25, lr_logger=2)


def t_b16_noisy_binary_cosine_bs16(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.3), hidden=(64,), lr=_cosine(0.05),
                momentum=0.9, batch=16, epochs=8, update_freq=2, lr_logger=2)


def t_b16_grow_nan_regression(d, s):
    return _fit(d, s, data="regression", hidden=(128,), lr=0.003, momentum=0.9, batch=32,
                epochs=20, update_freq=5, callbacks=[_sched(lambda e, lr: 0.003 * 1.8 ** e)])


def B16(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind16")


SCENARIOS += [
    B16("k_b16_restarts_batch_spike", "sgdr", ["restart_wide_spike", "per_step"],
        "Digits MLP 256, Adam under CosineDecayRestarts peak 2e-2 (three equal cycles), "
        "batch 32, 18 epochs, update_freq=2 and LRLogger every 2 batches: each restart meant "
        "to throw the low loss up for a while before it recovers",
        t_b16_restarts_batch_spike),
    B16("k_b16_rlrop_sgd_digits", "plateau", ["per_epoch"],
        "Digits MLP 128, SGD 0.1 momentum 0.9 with ReduceLROnPlateau(val_loss, x0.3, "
        "patience 2), batch 64, 30 epochs, Keras' per-epoch logs (its own epoch LR): a "
        "standard plateau schedule", t_b16_rlrop_sgd_digits),
    B16("k_b16_osc_adam_hot_epoch", "constant", ["per_epoch"],
        "Digits MLP 32, Adam at a constant 3e-2 (too high), batch 32, 25 epochs, Keras' "
        "per-epoch logs only: meant to bounce instead of settling", t_b16_osc_adam_hot_epoch),
    B16("k_b16_piecewise_cut_early", "step", ["per_epoch"],
        "Digits MLP 64, SGD momentum 0.9 under PiecewiseConstantDecay 1e-2 -> 1e-5 at 6 % "
        "of the run (a boundary meant for 60 %), batch 64, 25 epochs, Keras' per-epoch logs "
        "and LRLogger every 2 batches: the LR cut so early that learning is meant to stop "
        "well above where it would go", t_b16_piecewise_cut_early),
    B16("k_b16_noisy_binary_cosine_bs16", "cosine", ["noise_floor", "per_step"],
        "Two-class make_classification (4000 rows) with 30 % flipped labels, MLP 64, SGD "
        "momentum 0.9 under CosineDecay from 5e-2, batch 16, 8 epochs, update_freq=2 and "
        "LRLogger every 2 batches: the batch loss meant to sit at the label-noise floor "
        "while the val loss stays flat at its minimum", t_b16_noisy_binary_cosine_bs16),
    B16("k_b16_grow_nan_regression", "exponential", ["per_step"],
        "make_regression (standardised targets), MLP 128, SGD momentum 0.9 with a "
        "LearningRateScheduler that multiplies the LR by 1.8 every epoch from 3e-3, batch "
        "32, 20 epochs, update_freq=5: meant to train and then blow up to NaN as the LR "
        "grows", t_b16_grow_nan_regression),
]


# -- the blind17 split (ninth session, built by a helper from the plots only)
def t_b17_exp_rmsprop_batch(d, s):
    return _fit(d, s, hidden=(128,), opt="rmsprop", lr=_exponential(1e-3, 1 / 4, 0.5),
                batch=32, epochs=15, update_freq=2, lr_logger=2)


def t_b17_const_sgd_binary(d, s):
    return _fit(d, s, data="binary", hidden=(64,), lr=0.02, momentum=0.9, batch=64,
                epochs=30)


def t_b17_osc_rmsprop_hot(d, s):
    return _fit(d, s, hidden=(64,), opt="rmsprop", lr=1e-2, batch=64, epochs=25)


def t_b17_sigmoid_deep_plateau(d, s):
    return _fit(d, s, hidden=(32, 32, 32, 32, 32, 32), act="sigmoid", lr=0.05,
                momentum=0.9, batch=64, epochs=25, lr_logger=2)


def t_b17_warmup_nan_linear_reg(d, s):
    return _fit(d, s, data="regression", hidden=(), lr=_warmup_cosine(1.0, 0.8, 1e-3),
                momentum=0.9, batch=32, epochs=15, update_freq=1, lr_logger=1)


def B17(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind17")


SCENARIOS += [
    B17("k_b17_exp_rmsprop_batch", "exponential", ["per_step"],
        "Digits MLP 128, RMSprop under ExponentialDecay from 1e-3 (x0.5 every quarter of "
        "the run, smooth), batch 32, 15 epochs, update_freq=2 and LRLogger every 2 batches: "
        "a standard exponential decay", t_b17_exp_rmsprop_batch),
    B17("k_b17_const_sgd_binary", "constant", ["per_epoch"],
        "Two-class make_classification (2400 rows), MLP 64, SGD 2e-2 momentum 0.9 at a "
        "constant LR, batch 64, 30 epochs, Keras' per-epoch logs only (its own epoch LR): a "
        "well-tuned constant LR", t_b17_const_sgd_binary),
    B17("k_b17_osc_rmsprop_hot", "constant", ["per_epoch"],
        "Digits MLP 64, RMSprop at a constant 1e-2 (too high), batch 64, 25 epochs, Keras' "
        "per-epoch logs only: meant to bounce instead of settling", t_b17_osc_rmsprop_hot),
    B17("k_b17_sigmoid_deep_plateau", "constant", ["per_epoch"],
        "Digits MLP with six sigmoid hidden layers of 32 (vanishing gradients), SGD 5e-2 "
        "momentum 0.9 at a constant LR, batch 64, 25 epochs, Keras' per-epoch logs and "
        "LRLogger every 2 batches: meant to stall at a high loss at a steady LR",
        t_b17_sigmoid_deep_plateau),
    B17("k_b17_warmup_nan_linear_reg", "cosine", ["per_step"],
        "make_regression (standardised targets), a linear model, SGD momentum 0.9 under "
        "CosineDecay with a warmup from 1e-3 to 1.0 over 80 % of the run (far too high a "
        "peak), batch 32, 15 epochs, update_freq=1 and LRLogger every batch: meant to fit "
        "while the LR is small and blow up to NaN as the warmup passes the stable LR. (First "
        "try, an MLP at a constant 8e-2, only drifted up; 0.25 killed its ReLUs.)",
        t_b17_warmup_nan_linear_reg),
]


# -- the blind18 split (tenth session, built by a helper from the plots only)
def t_b18_bottleneck_adam_epoch(d, s):
    return _fit(d, s, hidden=(2,), opt="adam", lr=1e-2, batch=64, epochs=40)


def t_b18_piecewise_late_batch(d, s):
    return _fit(d, s, hidden=(128,), lr=_piecewise([0.05, 5e-3, 5e-4], [0.5, 0.75]),
                momentum=0.9, batch=64, epochs=30, update_freq=5, lr_logger=5)


def t_b18_osc_sgd_binary_epoch(d, s):
    return _fit(d, s, data="binary", hidden=(64, 64), lr=0.5, momentum=0.9, batch=64,
                epochs=30)


def t_b18_reg_rmsprop_hot(d, s):
    return _fit(d, s, data="regression", hidden=(64,), opt="rmsprop", lr=5e-2, batch=32,
                epochs=25, update_freq=2, lr_logger=2)


def t_b18_range_adam_digits(d, s):
    return _fit(d, s, hidden=(128,), opt="adam", lr=_range(1e-6, 1.0), batch=32, epochs=3,
                update_freq=1, lr_logger=1)


def B18(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind18")


SCENARIOS += [
    B18("k_b18_bottleneck_adam_epoch", "constant", ["per_epoch"],
        "Digits MLP with a 2-unit hidden layer (far too small), Adam at a constant 1e-2, "
        "batch 64, 40 epochs, Keras' per-epoch logs only: meant to stall early at a high "
        "loss and only creep for the rest of the run. The plots show both hidden units dead "
        "within the first epoch: chance level for the whole run; labelled as that",
        t_b18_bottleneck_adam_epoch),
    B18("k_b18_piecewise_late_batch", "step", ["per_step"],
        "Digits MLP 128, SGD momentum 0.9 under PiecewiseConstantDecay 5e-2 -> 5e-3 -> 5e-4 "
        "at 50 % and 75 % of the run, batch 64, 30 epochs, update_freq=5 and LRLogger every "
        "5 batches: a standard step schedule whose cuts come late", t_b18_piecewise_late_batch),
    B18("k_b18_osc_sgd_binary_epoch", "constant", ["per_epoch"],
        "Two-class make_classification (2400 rows), MLP 64-64, SGD momentum 0.9 at a "
        "constant 0.5 (too high), batch 64, 30 epochs, Keras' per-epoch logs only: the val "
        "loss meant to jump up and down instead of settling, without diverging. The plots "
        "show it bouncing for 15 epochs and then thrown to chance level for good; labelled "
        "as that", t_b18_osc_sgd_binary_epoch),
    B18("k_b18_reg_rmsprop_hot", "constant", ["per_step"],
        "make_regression (standardised targets), MLP 64, RMSprop at a constant 5e-2 (too "
        "high), batch 32, 25 epochs, update_freq=2 and LRLogger every 2 batches: the MSE "
        "meant to be thrown far up again and again by the LR. The plots show it bouncing "
        "in the first half and then settling; labelled as that", t_b18_reg_rmsprop_hot),
    B18("k_b18_range_adam_digits", "range_test", ["range_test", "per_step"],
        "LR range test: digits MLP 128, Adam with the LR raised exponentially every batch "
        "from 1e-6 to 1.0 over 3 epochs (123 batches), batch 32, update_freq=1 and LRLogger "
        "every batch", t_b18_range_adam_digits),
]


# -- the blind19 split (tenth session, built by a helper from the plots only, after blind18)
def _b19_raise(e, lr):
    return 1e-3 if e < 15 else 0.1  # a resume that restores the LR 100x too high


def t_b19_dropout_narrow_plateau(d, s):
    return _fit(d, s, hidden=(8,), dropout=0.7, opt="adam", lr=3e-3, batch=32, epochs=30)


def t_b19_exp_staircase_cut_early(d, s):
    return _fit(d, s, hidden=(64,), lr=_exponential(0.02, 0.06, 0.05, staircase=True),
                momentum=0.5, batch=32, epochs=30, update_freq=3, lr_logger=3)


def t_b19_piecewise_rmsprop_binary_epoch(d, s):
    return _fit(d, s, data="binary", hidden=(64, 32), opt="rmsprop",
                lr=_piecewise([1e-3, 2e-4, 4e-5], [0.6, 0.85]), batch=64, epochs=30)


def t_b19_reg_raise_adam_epoch(d, s):
    return _fit(d, s, data="regression", hidden=(128, 128), opt="adam", lr=1e-3, batch=32,
                epochs=30, callbacks=[_sched(_b19_raise)])


def t_b19_too_low_rmsprop_binary(d, s):
    return _fit(d, s, data="binary", hidden=(64,), opt="rmsprop", lr=2e-6, batch=32,
                epochs=15, update_freq=4, lr_logger=4)


def B19(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind19")


SCENARIOS += [
    B19("k_b19_dropout_narrow_plateau", "constant", ["per_epoch"],
        "Digits MLP with an 8-unit hidden layer and dropout 0.7 after it (far too much "
        "regularisation for so few units), Adam at a constant 3e-3, batch 32, 30 epochs, "
        "Keras' per-epoch logs only: meant to stall early at a high loss and only creep for "
        "the rest of the run. The plots show the val loss falling slowly but clearly to the "
        "end; labelled as that", t_b19_dropout_narrow_plateau),
    B19("k_b19_exp_staircase_cut_early", "exponential", ["per_step"],
        "Digits MLP 64, SGD momentum 0.5 under a staircase ExponentialDecay from 2e-2 x0.05 "
        "every 6 % of the run (decay_steps meant as 60 %: 1e-3 from 6 %, 5e-5 from 12 %), "
        "batch 32, 30 epochs, update_freq=3 and LRLogger every 3 batches: learning meant to "
        "nearly stop after the first cuts, far above where it would go",
        t_b19_exp_staircase_cut_early),
    B19("k_b19_piecewise_rmsprop_binary_epoch", "step", ["per_epoch"],
        "Two-class make_classification (2400 rows), MLP 64-32, RMSprop under "
        "PiecewiseConstantDecay 1e-3 -> 2e-4 -> 4e-5 at 60 % and 85 % of the run, batch 64, "
        "30 epochs, Keras' per-epoch logs only: a standard step schedule whose cuts come late",
        t_b19_piecewise_rmsprop_binary_epoch),
    B19("k_b19_reg_raise_adam_epoch", "other", ["per_epoch"],
        "make_regression (standardised targets), MLP 128-128, Adam 1e-3; a "
        "LearningRateScheduler restored after a resume sets 0.1 from epoch 15 of 30, batch "
        "32, Keras' per-epoch logs only, no accuracy: the MSE meant to be thrown far up by "
        "the raise and to stay well above its best", t_b19_reg_raise_adam_epoch),
    B19("k_b19_too_low_rmsprop_binary", "constant", ["per_step"],
        "Two-class make_classification (2400 rows), MLP 64, RMSprop at a constant 2e-6 "
        "(meant 2e-3), batch 32, 15 epochs, update_freq=4 and LRLogger every 4 batches: "
        "meant to be slow from its very first step", t_b19_too_low_rmsprop_binary),
]


# -- the blind20 split (eleventh session, built by a helper from the plots only, at its start)
# These runs log the per-batch LR with a small callback of their own (tag
# ``batch_learning_rate`` in the ``train/`` run, the global batch index as the step) instead of
# LRLogger; otherwise ``_fit20`` trains exactly like ``_fit``.
def _batch_lr_logger(run_dir, every):
    import keras
    import tensorflow as tf

    class BatchLR(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.w = tf.summary.create_file_writer(os.path.join(run_dir, "train"))
            self.step = 0

        def on_train_batch_begin(self, batch, logs=None):
            if self.step % every == 0:
                lr = self.model.optimizer.learning_rate
                v = float(lr(self.model.optimizer.iterations)) if callable(lr) else \
                    float(keras.ops.convert_to_numpy(lr))
                # record_if(True): Keras' TensorBoard leaves its update_freq condition set
                with self.w.as_default(), tf.summary.record_if(True):
                    tf.summary.scalar("batch_learning_rate", v, step=self.step)
            self.step += 1

        def on_train_end(self, logs=None):
            self.w.flush()
            self.w.close()
    return BatchLR()


def _fit20(run_dir: str, seed: int, *, data="digits", hidden=(64,), act="relu", opt="sgd",
           lr=0.05, momentum=0.9, epochs=30, batch=128, val=True, lr_every: Optional[int] = None,
           update_freq="epoch", callbacks=(), dropout=0.0, n_train=None,
           xy=None, validation_split=0.0) -> Dict[str, object]:
    import tensorflow as tf
    try:  # one thread: the machine is shared
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass
    import keras

    keras.utils.set_random_seed(seed)
    if xy is not None:
        xt, yt, xv, yv = xy
    elif data == "digits":
        xt, yt, xv, yv = runkit.digits(seed, n_train)
    elif data == "binary":
        xt, yt, xv, yv = runkit.binary(seed)
    elif data == "regression":
        xt, yt, xv, yv = runkit.regression(seed)
    else:
        raise ValueError(data)
    regression = data == "regression"
    n_out = 1 if regression else int(max(yt.max(), yv.max())) + 1
    layers: List[object] = [keras.Input((xt.shape[1],))]
    for h in hidden:
        layers.append(keras.layers.Dense(h, activation=act))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(n_out))
    model = keras.Sequential(layers)
    lr_value = lr(int(math.ceil(len(yt) / batch)) * epochs) if callable(lr) and not \
        isinstance(lr, keras.optimizers.schedules.LearningRateSchedule) else lr
    if opt == "sgd":
        o = keras.optimizers.SGD(learning_rate=lr_value, momentum=momentum)
    elif opt == "rmsprop":
        o = keras.optimizers.RMSprop(learning_rate=lr_value)
    else:
        o = keras.optimizers.Adam(learning_rate=lr_value)
    if regression:
        model.compile(optimizer=o, loss="mse")
    else:
        model.compile(optimizer=o,
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
    cbs = [keras.callbacks.TensorBoard(log_dir=run_dir, update_freq=update_freq,
                                       write_graph=False, profile_batch=0)]
    if lr_every:
        cbs.append(_batch_lr_logger(run_dir, lr_every))
    cbs.extend(cb() if callable(cb) and not isinstance(cb, keras.callbacks.Callback) else cb
               for cb in callbacks)
    h = model.fit(xt, yt, epochs=epochs, batch_size=batch, verbose=0,
                  validation_data=(xv, yv) if val and not validation_split else None,
                  validation_split=validation_split, callbacks=cbs, shuffle=True)
    hist = h.history
    out: Dict[str, object] = {"epochs": epochs,
                              "loss": [round(float(v), 4) for v in hist["loss"][::3]]}
    if "val_loss" in hist:
        out["val_loss"] = [round(float(v), 4) for v in hist["val_loss"][::3]]
    if "val_accuracy" in hist:
        out["val_acc_last"] = round(float(hist["val_accuracy"][-1]), 3)
    return out


def _b20_frozen(e, lr):
    # a "freeze the backbone" toggle that was applied to the whole optimizer: LR 0 in 6..17
    return 0.0 if 6 <= e < 18 else 1e-3


def t_b20_noise_bs8_binary_const(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), lr=0.02, momentum=0.9, batch=8,
                  epochs=6, update_freq=1, lr_every=1)


def t_b20_zero_lr_epochs_adam(d, s):
    return _fit20(d, s, hidden=(128,), opt="adam", lr=1e-3, batch=64, epochs=30,
                  callbacks=[_sched(_b20_frozen)])


def t_b20_reg_warmup_hot_adam(d, s):
    return _fit20(d, s, data="regression", hidden=(64, 64), opt="adam",
                  lr=_warmup_cosine(0.2, 0.25, start=1e-4), batch=64, epochs=30,
                  update_freq=2, lr_every=2)


def t_b20_tiny_cosine_bs16(d, s):
    return _fit20(d, s, hidden=(32,), opt="adam", lr=_cosine(3e-3), batch=16, epochs=3,
                  update_freq=1, lr_every=1)


def t_b20_rmsprop_slow_fall_epoch(d, s):
    return _fit20(d, s, hidden=(32,), opt="rmsprop", lr=3e-4, batch=128, epochs=40)


def t_b20_tanh_bottleneck_cosine(d, s):
    return _fit20(d, s, hidden=(3,), act="tanh", lr=_cosine(0.05), momentum=0.9, batch=32,
                  epochs=30, update_freq=4, lr_every=4)


def B20(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind20")


SCENARIOS += [
    B20("k_b20_noise_bs8_binary_const", "constant", ["per_step"],
        "Two-class make_classification (2400 rows), MLP 64, SGD 2e-2 momentum 0.9 at a "
        "constant LR, batch 8, 6 epochs, update_freq=1 and the LR every batch: noisy "
        "small-batch per-batch logs while the val loss settles and stays steady",
        t_b20_noise_bs8_binary_const),
    B20("k_b20_zero_lr_epochs_adam", "other", ["zero_lr", "per_epoch"],
        "Digits MLP 128, Adam 1e-3 from a LearningRateScheduler whose 'freeze the backbone' "
        "toggle was applied to the whole optimizer: LR exactly 0 for epochs 6-17 of 30, "
        "batch 64, Keras' per-epoch logs only: training meant to freeze in the middle and "
        "resume afterwards", t_b20_zero_lr_epochs_adam),
    B20("k_b20_reg_warmup_hot_adam", "cosine", ["per_step"],
        "make_regression (standardised targets), MLP 64-64, Adam with a warmup over 25 % of "
        "the run from 1e-4 to 0.2 (far too high a peak) and a cosine decay to 0, batch 64, "
        "30 epochs, update_freq=2 and the LR every 2 batches, no accuracy: the MSE meant to be "
        "thrown far up near the peak", t_b20_reg_warmup_hot_adam),
    B20("k_b20_tiny_cosine_bs16", "cosine", ["tiny", "per_step"],
        "Digits MLP 32, Adam with a cosine decay from 3e-3 to 0, batch 16, 3 epochs, "
        "update_freq=1 and the LR every batch: a short, healthy run", t_b20_tiny_cosine_bs16),
    B20("k_b20_rmsprop_slow_fall_epoch", "constant", ["per_epoch"],
        "Digits MLP 32, RMSprop at a constant 3e-4, batch 128, 40 epochs, Keras' per-epoch "
        "logs only: a modest LR whose loss is meant to keep falling slowly but clearly to the "
        "end. The plots show a fall that is slow from the first epoch and still steep at the "
        "end (far from done on an easy task); labelled as too low an LR",
        t_b20_rmsprop_slow_fall_epoch),
    B20("k_b20_tanh_bottleneck_cosine", "cosine", ["per_step"],
        "Digits MLP with a 3-unit tanh hidden layer (far too small for 10 classes), SGD "
        "momentum 0.9 with a cosine decay from 5e-2 to 0, batch 32, 30 epochs, update_freq=4 "
        "and the LR every 4 batches: meant to stall early at a high loss and only creep for "
        "the rest of the run", t_b20_tanh_bottleneck_cosine),
]


# -- the blind21 split (thirteenth session, built by a helper from the plots only, at its start)

def _b21_raise(e, lr):
    # an LR "bump" meant as x1.5 typed as x50: 2e-3 for epochs 0..9, 0.1 from epoch 10
    return 2e-3 if e < 10 else 0.1


def t_b21_reg_sgd_raise_mid(d, s):
    return _fit20(d, s, data="regression", hidden=(32,), lr=2e-3, momentum=0.9, batch=32,
                  epochs=20, update_freq=3, lr_every=3, callbacks=[_sched(_b21_raise)])


def t_b21_reg_adam_const_healthy_epoch(d, s):
    return _fit20(d, s, data="regression", hidden=(64, 32), opt="adam", lr=1e-3, batch=64,
                  epochs=25)


def B21(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind21")


SCENARIOS += [
    B21("k_b21_reg_sgd_raise_mid", "other", ["per_step"],
        "make_regression, MLP 32, SGD momentum 0.9 from a LearningRateScheduler: 2e-3 for "
        "epochs 0-9, then 0.1 (a x1.5 bump typed as x50), batch 32, 20 epochs, update_freq=3 "
        "and the LR every 3 batches, val MSE per epoch, no accuracy: the MSE meant to be "
        "thrown far up by the raise. The plots show the raise speeding learning up instead (a "
        "two-epoch pause, then the val MSE falls 0.026 -> 0.007); labelled as that",
        t_b21_reg_sgd_raise_mid),
    B21("k_b21_reg_adam_const_healthy_epoch", "constant", ["per_epoch"],
        "make_regression, MLP 64-32, Adam at a constant 1e-3, batch 64, 25 epochs, Keras' "
        "per-epoch logs only, val MSE, no accuracy: a healthy regression whose MSE falls and "
        "settles", t_b21_reg_adam_const_healthy_epoch),
]


# -- the blind22 split (fourteenth session, built by a helper from the plots only, at its start)

def _b22_halve(e, lr):
    return 3e-3 * 0.5 ** e


def _b22_finetune_hot(e, lr):
    # a "fine-tune" phase from epoch 12 whose LR was typed 3e-2 instead of 3e-5
    return 1e-3 if e < 12 else 3e-2


def t_b22_tiny_binary_adam_halving(d, s):
    return _fit20(d, s, data="binary", hidden=(32,), opt="adam", lr=3e-3, batch=32, epochs=4,
                  callbacks=[_sched(_b22_halve)])


def t_b22_rmsprop_finetune_hot_digits(d, s):
    return _fit20(d, s, hidden=(128,), opt="rmsprop", lr=1e-3, batch=32, epochs=20,
                  callbacks=[_sched(_b22_finetune_hot)])


def t_b22_too_low_sgd_binary_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), lr=1e-4, momentum=0.0, batch=32,
                  epochs=20, update_freq=5, lr_every=5)


def t_b22_adam_hot_digits_settles(d, s):
    return _fit20(d, s, hidden=(256,), opt="adam", lr=1.2e-2, batch=32, epochs=24)


def t_b22_reg_adam_exp_fast_crawl(d, s):
    return _fit20(d, s, data="regression", hidden=(64, 64), opt="adam",
                  lr=_exponential(5e-3, 1.0, 0.2), batch=32, epochs=25, update_freq=4,
                  lr_every=4)


def B22(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind22")


SCENARIOS += [
    B22("k_b22_tiny_binary_adam_halving", "step", ["tiny", "per_epoch"],
        "Two-class make_classification, MLP 32, Adam 3e-3 halved every epoch by a "
        "LearningRateScheduler, batch 32, 4 epochs, Keras' per-epoch logs only: a tiny "
        "healthy run.", t_b22_tiny_binary_adam_halving),
    B22("k_b22_rmsprop_finetune_hot_digits", "other", ["per_epoch"],
        "Digits MLP 128, RMSprop 1e-3 for epochs 0-11, then a 'fine-tune' LR typed 3e-2 "
        "instead of 3e-5 from epoch 12 of 20 (LearningRateScheduler), batch 32, per-epoch "
        "logs: meant to knock the val accuracy down after the raise.",
        t_b22_rmsprop_finetune_hot_digits),
    B22("k_b22_too_low_sgd_binary_batch", "constant", ["per_step"],
        "Two-class make_classification, MLP 64, plain SGD (no momentum) at a constant 1e-4 "
        "(meant 1e-1), batch 32, 20 epochs, batch losses every 5 batches and the LR every 5, "
        "val per epoch: meant to be slow from the very first step.",
        t_b22_too_low_sgd_binary_batch),
    B22("k_b22_adam_hot_digits_settles", "constant", ["per_epoch"],
        "Digits MLP 256, Adam at a constant 1.2e-2 (about 10x too high), batch 32, 24 epochs, "
        "per-epoch logs: meant to be unstable early (val loss jumping) and to settle later.",
        t_b22_adam_hot_digits_settles),
    B22("k_b22_reg_adam_exp_fast_crawl", "exponential", ["fast_start_crawl", "per_step"],
        "make_regression, MLP 64-64, Adam 5e-3 under ExponentialDecay to 0.2x over the run, "
        "batch 32, 25 epochs, batch losses every 4 batches and the LR every 4, val MSE per "
        "epoch, no accuracy: a fast first epoch, then a long slow crawl (healthy).",
        t_b22_reg_adam_exp_fast_crawl),
]


# -- the blind23 split (fourteenth session, built by a helper from the plots only, after blind22
# had been scored once and its misses read)

def _b23_halve10(e, lr):
    return 2e-3 * 0.5 ** (e // 10)


def t_b23_too_low_adam_digits_epoch(d, s):
    return _fit20(d, s, hidden=(64,), opt="adam", lr=1e-5, batch=32, epochs=30)


def t_b23_sgd_exp_gone_digits_batch(d, s):
    return _fit20(d, s, hidden=(64,), lr=_exponential(0.05, 0.04, 0.1), batch=32, epochs=20,
                  update_freq=4, lr_every=4)


def t_b23_relu2_bottleneck_rmsprop_step(d, s):
    return _fit20(d, s, hidden=(2,), opt="rmsprop", lr=2e-3, batch=32, epochs=30,
                  callbacks=[_sched(_b23_halve10)])


def t_b23_binary_flip30_adam_cosine(d, s):
    return _fit20(d, s, hidden=(64,), opt="adam", lr=_cosine(3e-3), batch=32, epochs=15,
                  update_freq=4, lr_every=4, xy=runkit.binary(s, flip_y=0.3))


def B23(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind23")


SCENARIOS += [
    B23("k_b23_too_low_adam_digits_epoch", "constant", ["per_epoch"],
        "Digits MLP 64, Adam at a constant 1e-5 (meant 1e-3), batch 32, 30 epochs, Keras' "
        "per-epoch logs only: meant to be slow from the very first epoch.",
        t_b23_too_low_adam_digits_epoch),
    B23("k_b23_sgd_exp_gone_digits_batch", "exponential", ["per_step"],
        "Digits MLP 64, SGD 0.05 momentum 0.9 under ExponentialDecay x0.1 every 4 % of the "
        "run (decay_steps meant 40 %), batch 32, 20 epochs, batch losses every 4 batches and "
        "the LR every 4, val per epoch: the LR is 1e-5 of its start by a fifth of the run, "
        "meant to freeze the loss early while it is still high.",
        t_b23_sgd_exp_gone_digits_batch),
    B23("k_b23_relu2_bottleneck_rmsprop_step", "step", ["per_epoch"],
        "Digits, an MLP whose hidden layer has 2 ReLU units (far too small for 10 classes), "
        "RMSprop 2e-3 halved every 10 epochs by a LearningRateScheduler, batch 32, 30 epochs, "
        "per-epoch logs: meant to stall early at a high loss and only creep (a capacity "
        "plateau).", t_b23_relu2_bottleneck_rmsprop_step),
    B23("k_b23_binary_flip30_adam_cosine", "cosine", ["noise_floor", "per_step"],
        "Two-class make_classification with 30 % of all labels replaced at random (val "
        "too), MLP 64, Adam under CosineDecay from 3e-3, batch 32, 15 epochs, batch losses "
        "every 4 batches and the LR every 4, val per epoch: meant to reach the label-noise "
        "floor early and sit there, val flat at its minimum (healthy hard task).",
        t_b23_binary_flip30_adam_cosine),
]


# -- the blind24 split (fourteenth session, built by a helper from the plots only, after blind23
# had been scored once and its misses read)

def _b24_halve8(e, lr):
    return 2e-3 * 0.5 ** (e // 8)


def t_b24_reg_adam_piecewise_cut_batch(d, s):
    return _fit20(d, s, data="regression", hidden=(32,), opt="adam",
                  lr=_piecewise([1e-2, 1e-5, 1e-6], [0.01, 0.3]), batch=32, epochs=25,
                  update_freq=4, lr_every=4)


def t_b24_digits_adam_halving_batch(d, s):
    return _fit20(d, s, hidden=(96,), opt="adam", lr=2e-3, batch=32, epochs=24,
                  update_freq=2, lr_every=2, callbacks=[_sched(_b24_halve8)])


def t_b24_digits_adam_halving_epoch(d, s):
    return _fit20(d, s, hidden=(96,), opt="adam", lr=2e-3, batch=32, epochs=24,
                  callbacks=[_sched(_b24_halve8)])


def _b24_clf5_clusters4(seed):
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=4000, n_features=16, n_informative=10,
                               n_redundant=2, n_classes=5, n_clusters_per_class=4,
                               random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return x[:3000], y[:3000].astype("int64"), x[3000:], y[3000:].astype("int64")


def t_b24_linear_clf5_clusters4_sgd_epoch(d, s):
    return _fit20(d, s, hidden=(), lr=0.02, batch=32, epochs=25,
                  callbacks=[_sched(lambda e, lr: 0.02 * 0.7 ** (e // 5))],
                  xy=_b24_clf5_clusters4(s))


def B24(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind24")


SCENARIOS += [
    B24("k_b24_reg_adam_piecewise_cut_batch", "step", ["per_step"],
        "Regression (make_regression, 12 features, targets scaled to unit std), MLP 32, Adam "
        "under PiecewiseConstantDecay 1e-2 -> 1e-5 at 1 % of the run -> 1e-6 at 30 % (the "
        "boundaries meant 60 % / 90 %, values meant 1e-3 / 1e-4), batch 32, 25 epochs, batch "
        "MSE every 4 batches and the LR every 4, val MSE per epoch, no accuracy: meant to "
        "freeze the loss early while it is still high (first tries cutting at 6 % and 2.5 % "
        "had got most of the way down before the cut and were discarded).",
        t_b24_reg_adam_piecewise_cut_batch),
    B24("k_b24_digits_adam_halving_batch", "step", ["per_step"],
        "Digits MLP 96, Adam 2e-3 halved every 8 epochs by a LearningRateScheduler, batch 32, "
        "24 epochs, batch losses (Keras' running mean within the epoch) and the LR every 2 "
        "batches, val per epoch: a healthy run; the same training as "
        "k_b24_digits_adam_halving_epoch logged per batch.", t_b24_digits_adam_halving_batch),
    B24("k_b24_digits_adam_halving_epoch", "step", ["per_epoch"],
        "The same training as k_b24_digits_adam_halving_batch (digits MLP 96, Adam 2e-3 halved "
        "every 8 epochs, batch 32, 24 epochs, same seed), Keras' per-epoch logs only.",
        t_b24_digits_adam_halving_epoch),
    B24("k_b24_linear_clf5_clusters4_sgd_epoch", "step", ["per_epoch"],
        "5-class make_classification with 4 clusters per class (3000 train), a plain linear "
        "softmax model (no hidden layer: far too simple for the clusters), SGD 0.02 momentum "
        "0.9 multiplied by 0.7 every 5 epochs by a LearningRateScheduler, batch 32, 25 epochs, "
        "per-epoch logs: meant to stall early at a high loss and only creep (a capacity "
        "plateau of a linear model).", t_b24_linear_clf5_clusters4_sgd_epoch),
]


# -- the blind25 split (fourteenth session, built by a helper from the plots only, after blind24
# had been scored once and its misses read)

def t_b25_digits_tanh3_rmsprop_batch(d, s):
    return _fit20(d, s, hidden=(3,), act="tanh", opt="rmsprop", lr=1e-3, batch=32, epochs=20,
                  update_freq=2, lr_every=2)


def t_b25_digits_tanh3_rmsprop_epoch(d, s):
    return _fit20(d, s, hidden=(3,), act="tanh", opt="rmsprop", lr=1e-3, batch=32, epochs=20)


def _b25_moons(seed):
    from sklearn.datasets import make_moons
    x, y = make_moons(n_samples=3000, noise=0.2, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return x[:2000], y[:2000].astype("int64"), x[2000:], y[2000:].astype("int64")


def t_b25_moons_sgd_const_1e4_epoch(d, s):
    return _fit20(d, s, hidden=(32, 32), lr=1e-4, momentum=0.0, batch=32, epochs=30,
                  xy=_b25_moons(s))


def B25(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind25")


SCENARIOS += [
    B25("k_b25_digits_tanh3_rmsprop_batch", "constant", ["per_step"],
        "Digits through a 3-unit tanh bottleneck (far too small for 10 classes), RMSprop at a "
        "constant 1e-3, batch 32, 20 epochs, batch losses (Keras' running mean within the "
        "epoch) and the LR every 2 batches, val per epoch: meant to stall high early and only "
        "creep (capacity plateau); the same training as k_b25_digits_tanh3_rmsprop_epoch "
        "logged per batch.", t_b25_digits_tanh3_rmsprop_batch),
    B25("k_b25_digits_tanh3_rmsprop_epoch", "constant", ["per_epoch"],
        "The same training as k_b25_digits_tanh3_rmsprop_batch (digits, 3-unit tanh "
        "bottleneck, RMSprop 1e-3 constant, batch 32, 20 epochs, same seed), Keras' per-epoch "
        "logs only.", t_b25_digits_tanh3_rmsprop_epoch),
    B25("k_b25_moons_sgd_const_1e4_epoch", "constant", ["per_epoch"],
        "make_moons (2000 train, noise 0.2), MLP 32-32, plain SGD without momentum at a "
        "constant 1e-4 (meant 1e-1), batch 32, 30 epochs, per-epoch logs: meant to fall far "
        "too slowly from the start (LR too low).", t_b25_moons_sgd_const_1e4_epoch),
]


# -- the blind26 split (fifteenth session, built by a helper from the plots only, after blind25
# had been scored once and its misses read)

def t_b26_reg_sgd_const_3e2_epoch(d, s):
    return _fit20(d, s, data="regression", hidden=(64, 64), lr=3e-2, momentum=0.9, batch=32,
                  epochs=60)


def t_b26_digits_sgd_const_3e1_epoch(d, s):
    return _fit20(d, s, hidden=(128,), lr=0.3, momentum=0.9, batch=64, epochs=40)


def t_b26_binary_sgd_const_fast_crawl_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), lr=0.05, momentum=0.9, batch=32,
                  epochs=30, update_freq=2, lr_every=2)


def B26(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind26")


SCENARIOS += [
    B26("k_b26_reg_sgd_const_3e2_epoch", "constant", ["per_epoch"],
        "make_regression (1125 train, targets standardised), MLP 64-64, SGD momentum 0.9 at a "
        "constant 3e-2 (a bit high), batch 32, 60 epochs, per-epoch logs, MSE, no accuracy: "
        "meant to make the held-out MSE bounce after a long fall.",
        t_b26_reg_sgd_const_3e2_epoch),
    B26("k_b26_digits_sgd_const_3e1_epoch", "constant", ["per_epoch"],
        "Digits MLP 128, SGD momentum 0.9 at a constant 0.3 (meant 0.05), batch 64, 40 "
        "epochs, per-epoch logs: constant LR a bit too high, meant to make the validation "
        "jump about in the first half and settle later.", t_b26_digits_sgd_const_3e1_epoch),
    B26("k_b26_binary_sgd_const_fast_crawl_batch", "constant", ["fast_start_crawl",
                                                                "per_step"],
        "Two-class make_classification (1800 train, 2 % flipped), MLP 64, SGD momentum 0.9 "
        "at a constant 5e-2, batch 32, 30 epochs, batch losses (Keras' running mean within "
        "the epoch) and the LR every 2 batches, val per epoch: a fast start then a crawl at a "
        "sensible LR (healthy).", t_b26_binary_sgd_const_fast_crawl_batch),
]


# -- the blind27 split (fifteenth session, built by a helper from the plots only, after blind26
# had been scored once and its misses read)

def t_b27_digits_adam_rlrop_many_cuts_epoch(d, s):
    return _fit20(d, s, hidden=(64,), opt="adam", lr=3e-3, batch=64, epochs=40,
                  callbacks=[_rlrop(factor=0.5, patience=2, min_lr=1e-6)])


def t_b27_binary_flip30_adam_const_floor_epoch(d, s):
    return _fit20(d, s, hidden=(64,), opt="adam", lr=1e-3, batch=32, epochs=30,
                  xy=runkit.binary(s, flip_y=0.3))


def t_b27_digits_rmsprop_tiny_4ep_batch(d, s):
    return _fit20(d, s, hidden=(128,), opt="rmsprop", lr=1e-3, batch=32, epochs=4,
                  update_freq=1, lr_every=1)


def t_b27_binary_sgd_piecewise_early_cut_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), lr=_piecewise([2e-2, 2e-5], [0.04]),
                  momentum=0.0, batch=32, epochs=25, update_freq=2, lr_every=2)


def B27(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind27")


SCENARIOS += [
    B27("k_b27_digits_adam_rlrop_many_cuts_epoch", "plateau", ["per_epoch"],
        "Digits MLP 64, Adam 3e-3 with ReduceLROnPlateau on val_loss (factor 0.5, patience 2, "
        "min_lr 1e-6), batch 64, 40 epochs, per-epoch logs: meant to converge in the first "
        "epochs and then be cut many times after convergence (healthy).",
        t_b27_digits_adam_rlrop_many_cuts_epoch),
    B27("k_b27_binary_flip30_adam_const_floor_epoch", "constant", ["noise_floor", "per_epoch"],
        "Two-class make_classification with 30 % of the labels flipped (1800 train), MLP 64, "
        "Adam at a constant 1e-3, batch 32, 30 epochs, per-epoch logs: meant to stall at the "
        "label-noise floor with the validation loss flat at its minimum (healthy).",
        t_b27_binary_flip30_adam_const_floor_epoch),
    B27("k_b27_digits_rmsprop_tiny_4ep_batch", "constant", ["tiny", "per_step"],
        "Digits MLP 128, RMSprop at a constant 1e-3, batch 32, only 4 epochs, batch losses "
        "(Keras' running mean within the epoch) and the LR every batch, val per epoch: a "
        "tiny healthy run.", t_b27_digits_rmsprop_tiny_4ep_batch),
    B27("k_b27_binary_sgd_piecewise_early_cut_batch", "step", ["per_step"],
        "Two-class make_classification (1800 train, 2 % flipped), MLP 64, plain SGD at 2e-2 "
        "cut 1000x to 2e-5 after 4 % of the run (PiecewiseConstantDecay), batch 32, 25 "
        "epochs, batch losses and the LR every 2 batches, val per epoch: a big early cut, "
        "meant to freeze the validation loss far above where it would go.",
        t_b27_binary_sgd_piecewise_early_cut_batch),
]


# -- the blind28 split (fifteenth session, built by a helper from the plots only, after blind27
# had been scored once and its misses read)

def t_b28_reg_rmsprop_restarts_hot_batch(d, s):
    return _fit20(d, s, data="regression", hidden=(64,), opt="rmsprop",
                  lr=_restarts(5e-2, 4), batch=32, epochs=20, update_freq=1, lr_every=1)


def t_b28_reg_rmsprop_restarts_gentle_batch(d, s):
    return _fit20(d, s, data="regression", hidden=(64,), opt="rmsprop",
                  lr=_restarts(2e-3, 4), batch=32, epochs=20, update_freq=1, lr_every=1)


def t_b28_binary_adam_warm_collapse_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64, 64), opt="adam",
                  lr=_warmup_cosine(0.5, warm_frac=0.3, start=1e-4), batch=32, epochs=20,
                  update_freq=2, lr_every=2)


def t_b28_digits_adam_const_chance_epoch(d, s):
    return _fit20(d, s, hidden=(128, 128), opt="adam", lr=1.0, batch=32, epochs=15)


def t_b28_digits_sigmoid3_capacity_epoch(d, s):
    return _fit20(d, s, hidden=(3,), act="sigmoid", opt="adam", lr=3e-3, batch=32, epochs=40)


def B28(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind28")


SCENARIOS += [
    B28("k_b28_reg_rmsprop_restarts_hot_batch", "sgdr", ["restart_wide_spike", "per_step"],
        "make_regression (1125 train, targets standardised), MLP 64, RMSprop under "
        "CosineDecayRestarts with 4 equal cycles from 5e-2 (meant 2e-3), batch 32, 20 epochs, "
        "batch losses (Keras' running mean within the epoch) and the LR every batch, val MSE "
        "per epoch: each restart meant to throw the loss up for dozens of steps.",
        t_b28_reg_rmsprop_restarts_hot_batch),
    B28("k_b28_reg_rmsprop_restarts_gentle_batch", "sgdr", ["per_step"],
        "The same regression, MLP 64 and RMSprop under 4 CosineDecayRestarts cycles from "
        "2e-3, batch 32, 20 epochs, batch losses and the LR every batch, val per epoch: gentle "
        "restarts (healthy), the twin of k_b28_reg_rmsprop_restarts_hot_batch.",
        t_b28_reg_rmsprop_restarts_gentle_batch),
    B28("k_b28_binary_adam_warm_collapse_batch", "cosine", ["collapse_no_nan", "per_step"],
        "Two-class make_classification (1800 train), MLP 64-64, Adam warmed up from 1e-4 to "
        "0.5 (meant 1e-3) over 30 % of the run, then CosineDecay, batch 32, 20 epochs, batch "
        "losses and the LR every 2 batches, val per epoch: meant to learn while the LR is low "
        "and collapse to chance (ln 2) near the peak without NaN.",
        t_b28_binary_adam_warm_collapse_batch),
    B28("k_b28_digits_adam_const_chance_epoch", "constant", ["chance_from_start", "per_epoch"],
        "Digits MLP 128-128, Adam at a constant 1.0 (meant 1e-3), batch 32, 15 epochs, "
        "per-epoch logs: far too high from the first step, meant never to leave chance level "
        "(ln 10 = 2.30).", t_b28_digits_adam_const_chance_epoch),
    B28("k_b28_digits_sigmoid3_capacity_epoch", "constant", ["per_epoch"],
        "Digits through a 3-unit sigmoid hidden layer (far too small for 10 classes), Adam at "
        "a constant 3e-3, batch 32, 40 epochs, per-epoch logs: meant to stall high early and "
        "only creep (capacity plateau). The plots show a steady slow fall that is still "
        "going at the end (val 2.21 -> 0.98, ~0.01 an epoch).",
        t_b28_digits_sigmoid3_capacity_epoch),
]

# -- the blind29 split (sixteenth session, built by a helper from the plots only, after blind28
# had been scored once and its misses read)

def t_b29_digits_relu2_capacity_epoch(d, s):
    return _fit20(d, s, hidden=(2,), opt="adam", lr=3e-3, batch=32, epochs=40)


def t_b29_digits_adam_finished_early_epoch(d, s):
    return _fit20(d, s, hidden=(128,), opt="adam", lr=1e-3, batch=32, epochs=5)


def t_b29_binary_adam_tiny_hot_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64, 64), opt="adam", lr=0.5, batch=32,
                  epochs=4, update_freq=1, lr_every=1)


def B29(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind29")


SCENARIOS += [
    B29("k_b29_digits_relu2_capacity_epoch", "constant", ["per_epoch"],
        "Digits through a 2-unit ReLU hidden layer (far too small for 10 classes), Adam at a "
        "constant 3e-3, batch 32, 40 epochs, per-epoch logs: meant to stall high after a few "
        "epochs and only creep, validation stalling with it (capacity plateau).",
        t_b29_digits_relu2_capacity_epoch),
    B29("k_b29_digits_adam_finished_early_epoch", "constant", ["tiny", "per_epoch"],
        "Digits MLP 128 (right-sized), Adam at a constant 1e-3, batch 32, only 5 epochs, "
        "per-epoch logs: a healthy run simply stopped early, still falling, the look-alike "
        "of k_b29_digits_relu2_capacity_epoch.", t_b29_digits_adam_finished_early_epoch),
    B29("k_b29_binary_adam_tiny_hot_batch", "constant", ["tiny", "chance_from_start", "per_step"],
        "Two-class make_classification (1800 train), MLP 64-64, Adam at a constant 0.5 "
        "(meant 1e-3), batch 32, only 4 epochs, batch losses (Keras' running mean within the "
        "epoch) and the LR every batch, val per epoch: a tiny run with a far too high LR.",
        t_b29_binary_adam_tiny_hot_batch),
]

def t_b29_digits_sgd_const_too_low_epoch(d, s):
    return _fit20(d, s, hidden=(64,), opt="sgd", lr=1e-3, momentum=0.0, batch=32, epochs=25)


SCENARIOS += [
    B29("k_b29_digits_sgd_const_too_low_epoch", "constant", ["per_epoch"],
        "Digits MLP 64 from scratch, plain SGD without momentum at a constant 1e-3 (meant "
        "5e-2), batch 32, 25 epochs, per-epoch logs: an LR far too low, meant to fall far "
        "too slowly from the start.", t_b29_digits_sgd_const_too_low_epoch),
]

# -- the blind30 split (seventeenth session, built by a helper from the plots only, after
# blind29 had been scored once and its misses read)

def _b30_early_stop(**kw):
    def make():
        import keras
        return keras.callbacks.EarlyStopping(monitor="val_loss", **kw)
    return make


def t_b30_digits_n250_adam_early_stop_p6(d, s):
    return _fit20(d, s, hidden=(256,), opt="adam", lr=3e-3, batch=16, epochs=150,
                  xy=_noisy_small(s, n=250, frac=0.3), callbacks=[_b30_early_stop(patience=6)])


def t_b30_digits_adam_early_stop_min_delta(d, s):
    return _fit20(d, s, hidden=(128,), opt="adam", lr=1e-3, batch=32, epochs=150,
                  callbacks=[_b30_early_stop(patience=2, min_delta=0.01)])


def t_b30_reg_sgd_rlrop_many_cuts_batch(d, s):
    return _fit20(d, s, data="regression", hidden=(64,), opt="sgd", lr=2e-2, momentum=0.9,
                  batch=32, epochs=60, update_freq=1, lr_every=1,
                  callbacks=[_rlrop(factor=0.5, patience=2, min_lr=1e-5)])


def t_b30_binary_adam_tiny_3ep_batch(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), opt="adam", lr=1e-3, batch=32,
                  epochs=3, update_freq=1, lr_every=1)


def B30(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind30")


SCENARIOS += [
    B30("k_b30_digits_n250_adam_early_stop_p6", "constant", ["per_epoch"],
        "Digits with only 250 training images, 30 % of their labels replaced at random "
        "(clean val labels), MLP 256, Adam at a constant 3e-3, batch 16, up to 150 epochs "
        "with EarlyStopping(val_loss, patience 6), per-epoch logs: meant to overfit (memorise "
        "the noisy labels) and be cut short by early stopping, the val loss turning up for "
        "the last few epochs only. (First try, clean labels: the val loss only crept up 4 % "
        "before the stop.)", t_b30_digits_n250_adam_early_stop_p6),
    B30("k_b30_digits_adam_early_stop_min_delta", "constant", ["per_epoch"],
        "Digits (1300 train), MLP 128, Adam at a constant 1e-3, batch 32, up to 150 epochs "
        "with EarlyStopping(val_loss, patience 2, min_delta 0.01), per-epoch logs: meant to "
        "stop once the val loss has flattened, at its best (healthy), the look-alike of "
        "k_b30_digits_n250_adam_early_stop_p6.", t_b30_digits_adam_early_stop_min_delta),
    B30("k_b30_reg_sgd_rlrop_many_cuts_batch", "plateau", ["per_step"],
        "make_regression (12 features, noise 10, targets scaled to unit variance), MLP 64, "
        "SGD momentum 0.9 at 2e-2, ReduceLROnPlateau(val_loss, factor 0.5, patience 2, "
        "min_lr 1e-5), batch 32, 60 epochs, batch loss (Keras' running mean) and the LR "
        "every batch, val per epoch: meant to cut the LR many times as the val loss reaches "
        "its noise floor (healthy).", t_b30_reg_sgd_rlrop_many_cuts_batch),
    B30("k_b30_binary_adam_tiny_3ep_batch", "constant", ["tiny", "per_step"],
        "Two-class make_classification (1800 train), MLP 64, Adam at a constant 1e-3, batch "
        "32, only 3 epochs, batch losses (Keras' running mean) and the LR every batch, val "
        "per epoch: a tiny healthy run.", t_b30_binary_adam_tiny_3ep_batch),
]


# -- the blind31 split (seventeenth session, built by a helper from the plots only, after
# blind30 had been scored once and its misses read)

def _b31_unbalanced(seed, n=2400, weights=(0.9, 0.1)):
    """Two-class make_classification with unbalanced classes (90 % / 10 %), standardised."""
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=n, n_features=20, n_informative=8, n_redundant=4,
                               weights=list(weights), flip_y=0.01, class_sep=1.0,
                               random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    cut = int(n * 0.75)
    return x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")


def _b31_batch_warmup_per_epoch(e, lr):
    # a warmup written for optimiser steps (500 of them, to 0.1) given to
    # LearningRateScheduler, which calls it with the epoch index: it never ends
    return 0.1 * min(1.0, (e + 1) / 500)


def t_b31_unbal_adam_3e1_tiny_majority(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), opt="adam", lr=0.3, batch=32,
                  epochs=3, update_freq=1, lr_every=1, xy=_b31_unbalanced(s))


def t_b31_unbal_adam_1e3_tiny_ok(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), opt="adam", lr=1e-3, batch=32,
                  epochs=3, update_freq=1, lr_every=1, xy=_b31_unbalanced(s))


def t_b31_digits_sgd_step_warmup_per_epoch(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=0.1, momentum=0.9, batch=32,
                  epochs=30, callbacks=[_sched(_b31_batch_warmup_per_epoch)])


def t_b31_reg_adam_cosine_val60(d, s):
    xt, yt, xv, yv = runkit.regression(s, noise=20.0)
    return _fit20(d, s, data="regression", hidden=(64, 64), opt="adam", lr=_cosine(3e-3),
                  batch=32, epochs=40, update_freq=1, lr_every=1, xy=(xt, yt, xv[:60], yv[:60]))


def _b31_cut_at_2(e, lr):
    return 5e-2 if e < 2 else 5e-5


def t_b31_digits_sgd_cut1000x_at_epoch2(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=5e-2, momentum=0.0, batch=32,
                  epochs=30, callbacks=[_sched(_b31_cut_at_2)])


def t_b31_reg_adam_const_3e2_val60(d, s):
    xt, yt, xv, yv = runkit.regression(s, noise=20.0)
    return _fit20(d, s, data="regression", hidden=(64, 64), opt="adam", lr=3e-2,
                  batch=32, epochs=40, update_freq=1, lr_every=1, xy=(xt, yt, xv[:60], yv[:60]))


def B31(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind31")


SCENARIOS += [
    B31("k_b31_unbal_adam_3e1_tiny_majority", "constant", ["tiny", "per_step"],
        "Two-class make_classification with unbalanced classes (90 % / 10 %, 1800 train), "
        "MLP 64, Adam at a constant 0.3 (meant 1e-3), batch 32, only 3 epochs, batch losses "
        "(Keras' running mean) and the LR every batch, val per epoch: a tiny run at a far "
        "too high LR, meant to end up answering the majority class (the loss at the "
        "class-prior entropy, ~0.33). The loss stayed far above that level and the val "
        "accuracy below the majority rate; labelled as that.", t_b31_unbal_adam_3e1_tiny_majority),
    B31("k_b31_unbal_adam_1e3_tiny_ok", "constant", ["tiny", "per_step"],
        "The same unbalanced two-class data and MLP 64, Adam at a constant 1e-3, batch 32, "
        "3 epochs, batch losses and the LR every batch, val per epoch: a tiny healthy run, "
        "the twin of k_b31_unbal_adam_3e1_tiny_majority.", t_b31_unbal_adam_1e3_tiny_ok),
    B31("k_b31_digits_sgd_step_warmup_per_epoch", "constant_warmup", ["per_epoch"],
        "Digits MLP 128, SGD momentum 0.9, a linear warmup to 0.1 written for 500 optimiser "
        "steps but given to LearningRateScheduler, which calls it once per epoch with the "
        "epoch index (the scheduler bug: the warmup never ends, the LR climbs from 2e-4 to "
        "only 6e-3 in 30 epochs), batch 32, 30 epochs, per-epoch logs. With momentum 0.9 "
        "that was enough to converge; labelled as that.",
        t_b31_digits_sgd_step_warmup_per_epoch),
    B31("k_b31_digits_sgd_cut1000x_at_epoch2", "step", ["per_epoch"],
        "Digits MLP 128, plain SGD without momentum at 5e-2 for two epochs, then the LR cut "
        "1000x to 5e-5 by a LearningRateScheduler (a big early cut), batch 32, 30 epochs, "
        "per-epoch logs: a decay far too aggressive, meant to freeze the val loss high.",
        t_b31_digits_sgd_cut1000x_at_epoch2),
    B31("k_b31_reg_adam_const_3e2_val60", "constant", ["per_step"],
        "The same make_regression data, MLP 64-64 and 60-example validation set as "
        "k_b31_reg_adam_cosine_val60, Adam at a constant 3e-2 (10x higher, no decay), batch "
        "32, 40 epochs, batch losses and the LR every batch, val per epoch: a model that "
        "really bounces, the look-alike of the small-validation-set run.",
        t_b31_reg_adam_const_3e2_val60),
    B31("k_b31_reg_adam_cosine_val60", "cosine", ["per_step"],
        "make_regression (12 features, noise 20, targets scaled to unit variance, 1125 "
        "train), MLP 64-64, Adam under CosineDecay from 3e-3 to 0, batch 32, 40 epochs, batch "
        "losses (Keras' running mean) and the LR every batch, validated on only 60 examples "
        "per epoch: a noisy validation curve meant healthy.", t_b31_reg_adam_cosine_val60),
]


# -- the blind32 split (seventeenth session, built by a helper from the plots only, after
# blind31 had been scored once and its misses read)

def _b32_step_decay(e, lr):
    # a step decay written as a Python function for LearningRateScheduler: 0.05, halved
    # every 8 epochs
    return 0.05 * 0.5 ** (e // 8)


def _b32_exp_up(e, lr):
    # an "exponential decay" whose gamma was typed as 1.15 instead of 0.85: the LR grows
    return 5e-4 * 1.15 ** e


def _b32_exp_down(e, lr):
    return 3e-3 * 0.95 ** e


def t_b32_digits_sgd_lrs_step_vsplit_uf10(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=0.05, momentum=0.9, batch=32,
                  epochs=32, update_freq=10, validation_split=0.2,
                  callbacks=[_sched(_b32_step_decay)])


def t_b32_digits_adam_lrs_exp_gamma115(d, s):
    return _fit20(d, s, hidden=(128,), opt="adam", lr=5e-4, batch=32, epochs=40,
                  update_freq=10, validation_split=0.2, callbacks=[_sched(_b32_exp_up)])


def t_b32_digits_adam_lrs_exp_gamma095(d, s):
    return _fit20(d, s, hidden=(128,), opt="adam", lr=3e-3, batch=32, epochs=40,
                  update_freq=10, validation_split=0.2, callbacks=[_sched(_b32_exp_down)])


def t_b32_digits_sgd_const_1e4_vsplit_slow(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=1e-4, momentum=0.0, batch=32,
                  epochs=30, validation_split=0.2)


def B32(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind32")


SCENARIOS += [
    B32("k_b32_digits_sgd_lrs_step_vsplit_uf10", "step", ["per_step"],
        "Digits MLP 128, SGD momentum 0.9, a step decay written as a Python function for "
        "LearningRateScheduler (0.05, halved every 8 epochs), batch 32, 32 epochs, "
        "validation_split=0.2 (the last 20 % of the 1300 training images), TensorBoard "
        "update_freq=10 (batch losses, Keras' running mean, every 10 batches; the LR per "
        "epoch), val per epoch: meant healthy.", t_b32_digits_sgd_lrs_step_vsplit_uf10),
    B32("k_b32_digits_adam_lrs_exp_gamma115", "exponential", ["per_step"],
        "Digits MLP 128, Adam under a LearningRateScheduler exponential 5e-4 * gamma^epoch "
        "with gamma typed as 1.15 (meant 0.85): the LR grows slowly to 0.13 by epoch 40, "
        "batch 32, validation_split=0.2, update_freq=10, val per epoch: meant fine for most "
        "of the run, then degrading or blowing up late.", t_b32_digits_adam_lrs_exp_gamma115),
    B32("k_b32_digits_adam_lrs_exp_gamma095", "exponential", ["per_step"],
        "Digits MLP 128, Adam under a LearningRateScheduler exponential 3e-3 * 0.95^epoch, "
        "batch 32, 40 epochs, validation_split=0.2, update_freq=10, val per epoch: healthy, "
        "the twin of k_b32_digits_adam_lrs_exp_gamma115.", t_b32_digits_adam_lrs_exp_gamma095),
    B32("k_b32_digits_sgd_const_1e4_vsplit_slow", "constant", ["per_epoch"],
        "Digits MLP 128, plain SGD without momentum at a constant 1e-4 (far too low), batch "
        "32, 30 epochs, validation_split=0.2, per-epoch logs only: a slow start that "
        "crawls.", t_b32_digits_sgd_const_1e4_vsplit_slow),
]


# -- the blind33 split (seventeenth session, built by a helper from the plots only, after
# blind32 had been scored once and its misses read)

def t_b33_digits_n150_rmsprop_const_overfit(d, s):
    return _fit20(d, s, hidden=(256, 256), opt="rmsprop", lr=1e-3, batch=16, epochs=150,
                  n_train=150)


def t_b33_digits_sgd_rlrop_uf5_ok(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=0.05, momentum=0.9, batch=32,
                  epochs=40, update_freq=5,
                  callbacks=[_rlrop(factor=0.3, patience=3, min_lr=1e-5)])


def t_b33_binary_rmsprop_5ep_tiny_batch_lr(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), opt="rmsprop", lr=1e-3, batch=32,
                  epochs=5, update_freq=1, lr_every=1)


def B33(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind33")


SCENARIOS += [
    B33("k_b33_digits_n150_rmsprop_const_overfit", "constant", ["per_epoch"],
        "Digits with only 150 training images (the usual validation set), MLP 256-256, "
        "RMSprop at a constant 1e-3, batch 16, 150 epochs, per-epoch logs only: a tiny "
        "training set the model memorises, meant to overfit (val loss turning up while the "
        "train loss keeps falling).", t_b33_digits_n150_rmsprop_const_overfit),
    B33("k_b33_digits_sgd_rlrop_uf5_ok", "plateau", ["per_step"],
        "Digits MLP 128, SGD momentum 0.9 at 5e-2 with ReduceLROnPlateau(val_loss, factor "
        "0.3, patience 3, min_lr 1e-5), batch 32, 40 epochs, TensorBoard update_freq=5 "
        "(batch losses, Keras' running mean, every 5 batches; the LR per epoch), val per "
        "epoch: the val loss flattening at its minimum while the plateau callback cuts the "
        "LR, meant healthy (the look-alike of an overfitting run).",
        t_b33_digits_sgd_rlrop_uf5_ok),
    B33("k_b33_binary_rmsprop_5ep_tiny_batch_lr", "constant", ["tiny", "per_step"],
        "Two-class make_classification (1800 train), MLP 64, RMSprop at a constant 1e-3, "
        "batch 32, only 5 epochs, update_freq=1 (every batch's running mean) and the LR "
        "logged every batch, val per epoch: a tiny run, meant healthy.",
        t_b33_binary_rmsprop_5ep_tiny_batch_lr),
]


# -- the blind34 split (eighteenth session, built by a helper from the plots only, after
# blind33 had been scored once and its misses read)

def t_b34_digits_sgd0_4ep_1e3_low(d, s):
    return _fit20(d, s, hidden=(64,), opt="sgd", lr=1e-3, momentum=0.0, batch=32, epochs=4)


def t_b34_binary_adam_6ep_ok(d, s):
    return _fit20(d, s, data="binary", hidden=(64, 32), opt="adam", lr=1e-3, batch=32,
                  epochs=6)


def t_b34_regression_rmsprop_const_5e2_bounce(d, s):
    return _fit20(d, s, data="regression", hidden=(64, 64), opt="rmsprop", lr=5e-2,
                  batch=32, epochs=40)


def t_b34_digits_n300_adam_drop3_overfit(d, s):
    return _fit20(d, s, hidden=(256,), opt="adam", lr=1e-3, batch=32, epochs=80,
                  n_train=300, dropout=0.3)


def t_b34_digits_rmsprop_5ep_3e2_hot(d, s):
    return _fit20(d, s, hidden=(128, 64), opt="rmsprop", lr=3e-2, batch=32, epochs=5)


def B34(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind34")


SCENARIOS += [
    B34("k_b34_digits_sgd0_4ep_1e3_low", "constant", ["tiny", "per_epoch"],
        "Digits MLP 64, plain SGD (no momentum) at a constant 1e-3 (far too low), batch 32, "
        "only 4 epochs, per-epoch logs only: a tiny run meant to fall far too slowly from "
        "the start (LR too low).", t_b34_digits_sgd0_4ep_1e3_low),
    B34("k_b34_binary_adam_6ep_ok", "constant", ["tiny", "per_epoch"],
        "Two-class make_classification (1800 train), MLP 64-32, Adam at a constant 1e-3, "
        "batch 32, only 6 epochs, per-epoch logs only: a tiny run, meant healthy.",
        t_b34_binary_adam_6ep_ok),
    B34("k_b34_regression_rmsprop_const_5e2_bounce", "constant", ["per_epoch"],
        "make_regression (unit-variance targets, MSE), MLP 64-64, RMSprop at a constant 5e-2 "
        "(far too high), batch 32, 40 epochs, per-epoch logs only: meant to keep bouncing "
        "with no downward trend (oscillation, per epoch).",
        t_b34_regression_rmsprop_const_5e2_bounce),
    B34("k_b34_digits_n300_adam_drop3_overfit", "constant", ["per_epoch"],
        "Digits with only 300 training images (the usual validation set), MLP 256 with "
        "dropout 0.3, Adam at a constant 1e-3, batch 32, 80 epochs, per-epoch logs only: "
        "meant to overfit modestly (dropout slows the memorising; val loss turning up while "
        "the train loss keeps falling). The val loss only flattened at its minimum; labelled "
        "as that.", t_b34_digits_n300_adam_drop3_overfit),
    B34("k_b34_digits_rmsprop_5ep_3e2_hot", "constant", ["tiny", "per_epoch"],
        "Digits MLP 128-64, RMSprop at a constant 3e-2 (meant 1e-3), batch 32, only 5 "
        "epochs, per-epoch logs only: a tiny run with a far too high LR, meant not to "
        "settle (bouncing or stuck).", t_b34_digits_rmsprop_5ep_3e2_hot),
]

# -- the blind35 split (eighteenth session, built by a helper from the plots only, after
# blind34 had been scored once and its misses read)

def t_b35_digits_n200_adam_3e3_overfit(d, s):
    return _fit20(d, s, hidden=(256,), opt="adam", lr=3e-3, batch=32, epochs=60, n_train=200)


def t_b35_regression_sgd0_1e4_low(d, s):
    return _fit20(d, s, data="regression", hidden=(64,), opt="sgd", lr=1e-4, momentum=0.0,
                  batch=32, epochs=30)


def t_b35_binary_adam_rlrop_ok(d, s):
    return _fit20(d, s, data="binary", hidden=(64,), opt="adam", lr=3e-3, batch=32,
                  epochs=40, callbacks=[_rlrop(factor=0.5, patience=3, min_lr=1e-5)])


def t_b35_digits_sgd_const_3e1_settles(d, s):
    return _fit20(d, s, hidden=(128,), opt="sgd", lr=0.3, momentum=0.9, batch=32, epochs=30)


def B35(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind35")


SCENARIOS += [
    B35("k_b35_digits_n200_adam_3e3_overfit", "constant", ["per_epoch"],
        "Digits with only 200 training images (the usual validation set), MLP 256 without "
        "dropout, Adam at a constant 3e-3, batch 32, 60 epochs, per-epoch logs only: meant "
        "to overfit (val loss turning up while the train loss keeps falling).",
        t_b35_digits_n200_adam_3e3_overfit),
    B35("k_b35_regression_sgd0_1e4_low", "constant", ["per_epoch"],
        "make_regression (unit-variance targets, MSE), MLP 64, plain SGD (no momentum) at a "
        "constant 1e-4 (far too low), batch 32, 30 epochs, per-epoch logs only: meant to "
        "fall far too slowly from the start (LR too low).", t_b35_regression_sgd0_1e4_low),
    B35("k_b35_binary_adam_rlrop_ok", "plateau", ["per_epoch"],
        "Two-class make_classification (1800 train), MLP 64, Adam at 3e-3 with "
        "ReduceLROnPlateau(val_loss, factor 0.5, patience 3, min_lr 1e-5), batch 32, 40 "
        "epochs, per-epoch logs only: the LR halved whenever the val loss stalls, meant "
        "healthy.", t_b35_binary_adam_rlrop_ok),
    B35("k_b35_digits_sgd_const_3e1_settles", "constant", ["per_epoch"],
        "Digits MLP 128, SGD momentum 0.9 at a constant 0.3 (a bit too high), batch 32, 30 "
        "epochs, per-epoch logs only: meant to be unstable early (the val loss jumping in "
        "the first half) and then settle. It did not settle: train and val losses kept "
        "bouncing to the end (oscillation); labelled as that.",
        t_b35_digits_sgd_const_3e1_settles),
]

def main(argv=None) -> int:
    return runkit.module_main("python -m benchmarks.corpus.sc_keras", SCENARIOS, argv)


if __name__ == "__main__":
    sys.exit(main())
