"""Train one demo scenario with Keras and write its TensorBoard logs.

Imports TensorFlow/Keras at import time: import this module only when you
are about to train (`python -m demo` does so lazily).
"""

from __future__ import annotations

import functools
import json
import math
import os
import shutil
import time
import warnings
from typing import Dict, List, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from demo.scenarios import MARKER, Scenario, json_safe  # noqa: E402
from tb_lrsched.keras_callback import LRLogger  # noqa: E402

_configured = False


def configure() -> None:
    """Deterministic, single-threaded TensorFlow (small models; shared cores)."""
    global _configured
    if _configured:
        return
    warnings.filterwarnings("ignore", module=r"keras\..*")
    tf.get_logger().setLevel("ERROR")
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass  # TensorFlow already initialised by the caller: keep its threads
    tf.config.experimental.enable_op_determinism()
    _configured = True


# -- data ---------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def load_data(kind: str) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_val, y_val); float32 features, int32 labels."""
    if kind == "digits":
        from sklearn.datasets import load_digits

        d = load_digits()
        x = (d.data / 16.0).astype("float32")
        y = d.target.astype("int32")
        order = np.random.RandomState(0).permutation(len(x))
        x, y = x[order], y[order]
        n_train = 1280  # 20 full batches of 64
        return x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    if kind == "noisy_features":
        from sklearn.datasets import make_classification

        x, y = make_classification(
            n_samples=1300, n_features=64, n_informative=8, n_redundant=0,
            n_classes=4, n_clusters_per_class=2, flip_y=0.0, class_sep=2.0,
            random_state=0)
        x, y = x.astype("float32"), y.astype("int32")
        return x[:300], y[:300], x[800:], y[800:]
    raise ValueError("unknown data set %r" % (kind,))


def n_classes(kind: str) -> int:
    return {"digits": 10, "noisy_features": 4}[kind]


# -- model, LR, callbacks -----------------------------------------------------

def make_lr(spec: Tuple[str, Dict[str, float]], steps_per_epoch: int, epochs: int):
    kind, p = spec
    sched = keras.optimizers.schedules
    if kind == "constant":
        return float(p["value"])
    if kind == "warmup_cosine":
        warm = int(round(p["warmup_epochs"] * steps_per_epoch))
        decay = max(1, epochs * steps_per_epoch - warm)
        return sched.CosineDecay(0.0, decay_steps=decay, warmup_target=float(p["peak"]),
                                 warmup_steps=warm)
    if kind == "cosine":
        return sched.CosineDecay(float(p["peak"]), decay_steps=epochs * steps_per_epoch)
    if kind == "exponential":
        return sched.ExponentialDecay(float(p["initial"]), decay_steps=int(p["decay_steps"]),
                                      decay_rate=float(p["rate"]))
    raise ValueError("unknown LR spec %r" % (kind,))


def make_model(sc: Scenario, n_out: int) -> keras.Model:
    layers = [keras.Input((64,))]
    layers += [keras.layers.Dense(w, activation=sc.activation) for w in sc.hidden]
    layers.append(keras.layers.Dense(n_out))  # logits
    return keras.Sequential(layers, name=sc.name)


def make_optimizer(sc: Scenario, lr):
    if sc.optimizer == "sgd":
        return keras.optimizers.SGD(lr, momentum=sc.momentum)
    if sc.optimizer == "adam":
        return keras.optimizers.Adam(lr)
    raise ValueError("unknown optimizer %r" % (sc.optimizer,))


class _Curves(keras.callbacks.Callback):
    """Collects per-epoch losses and the LR the epoch ended with (for printing)."""

    def on_train_begin(self, logs=None):
        self.rows: List[dict] = []

    def on_epoch_end(self, epoch, logs=None):
        logs = dict(logs or {})
        opt = self.model.optimizer
        logs["lr_end"] = float(opt.learning_rate)
        self.rows.append({k: float(v) for k, v in logs.items()})


# -- one scenario -------------------------------------------------------------

def run_scenario(sc: Scenario, logdir: str) -> dict:
    """Train `sc`, writing `<logdir>/<sc.name>/{train,validation}`; returns a
    summary (also saved as `<logdir>/<sc.name>/scenario.json`)."""
    configure()
    out_dir = os.path.join(logdir, sc.name)
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)  # never append a second run to old event files
    os.makedirs(out_dir)

    x_tr, y_tr, x_va, y_va = load_data(sc.data)
    steps_per_epoch = math.ceil(len(x_tr) / sc.batch_size)
    if sc.update_freq != "epoch" and steps_per_epoch % int(sc.update_freq):
        raise ValueError(
            "%s: update_freq=%s does not divide %d batches per epoch; Keras would "
            "drop its epoch summaries" % (sc.name, sc.update_freq, steps_per_epoch))

    keras.utils.set_random_seed(sc.seed)
    train_ds = (tf.data.Dataset.from_tensor_slices((x_tr, y_tr)).cache()
                .shuffle(len(x_tr), seed=sc.seed).batch(sc.batch_size).prefetch(2))
    val_ds = None
    if sc.validation:
        val_ds = tf.data.Dataset.from_tensor_slices((x_va, y_va)).batch(len(x_va)).cache()

    model = make_model(sc, n_classes(sc.data))
    optimizer = make_optimizer(sc, make_lr(sc.lr, steps_per_epoch, sc.epochs))
    model.compile(optimizer=optimizer,
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"], jit_compile=False)

    curves = _Curves()
    # TensorBoard before ReduceLROnPlateau: epoch_learning_rate[e] is the LR
    # epoch e trained with, not the one chosen for the next epoch.
    callbacks = [curves, keras.callbacks.TensorBoard(
        log_dir=out_dir, update_freq=sc.update_freq, write_graph=False, profile_batch=0)]
    if sc.reduce_on_plateau:
        callbacks.append(keras.callbacks.ReduceLROnPlateau(
            monitor="val_loss" if sc.validation else "loss", verbose=0,
            **sc.reduce_on_plateau))
    if sc.lr_logger_every:
        callbacks.append(LRLogger(out_dir, every_n_batches=sc.lr_logger_every))

    t0 = time.time()
    model.fit(train_ds, validation_data=val_ds, epochs=sc.epochs, verbose=0,
              callbacks=callbacks)
    seconds = time.time() - t0

    rows = curves.rows
    last = rows[-1]
    summary = {
        "name": sc.name,
        "title": sc.title,
        "story": sc.story,
        "expect": sc.expectation(),
        "epochs": sc.epochs,
        "steps_per_epoch": steps_per_epoch,
        "final_train_loss": last.get("loss"),
        "final_val_loss": last.get("val_loss"),
        "final_val_accuracy": last.get("val_accuracy"),
        "final_lr": last.get("lr_end"),
        "seconds": round(seconds, 2),
        "curves": {
            "loss": [r.get("loss") for r in rows],
            "val_loss": [r.get("val_loss") for r in rows] if sc.validation else None,
            "val_accuracy": [r.get("val_accuracy") for r in rows] if sc.validation else None,
            "lr_end": [r.get("lr_end") for r in rows],
        },
    }
    with open(os.path.join(out_dir, MARKER), "w") as f:
        json.dump(json_safe(summary), f, indent=1)
    return summary
