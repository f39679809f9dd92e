"""Tiny real trainings and the mixed-writer logdir behind the shared fixtures (tests/conftest.py)."""

import os
import shutil

import numpy as np

from tests.support import logwriters


def train_keras(logdir, epochs=4, batch_logging=True, lr=0.01, update_freq=None, batch_size=16):
    """A tiny real Keras training with Keras' own TensorBoard callback (``update_freq``
    overrides the callback's: 1 with batch logging, else "epoch")."""
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 8)).astype("float32")
    y = (x[:, :1] * 2 - x[:, 1:2] + 0.1 * rng.standard_normal((256, 1))).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    sched = keras.optimizers.schedules.ExponentialDecay(lr, decay_steps=8, decay_rate=0.8)
    model.compile(optimizer=keras.optimizers.SGD(sched), loss="mse")
    if update_freq is None:
        update_freq = 1 if batch_logging else "epoch"
    cb = keras.callbacks.TensorBoard(log_dir=logdir, update_freq=update_freq)
    model.fit(x[:192], y[:192], validation_data=(x[192:], y[192:]), epochs=epochs,
              batch_size=batch_size, verbose=0, callbacks=[cb])
    return logdir


def write_mixed_logdir(root, keras_run):
    """Several writers' layouts side by side under `root`: a copy of the Keras run `keras_run`,
    a PyTorch SummaryWriter run, a Hugging Face Trainer run and a Lightning run."""
    shutil.copytree(keras_run, os.path.join(root, "keras_run"))
    n = 200
    steps = np.arange(n)
    loss = 2.0 * np.exp(-steps / 50) + 0.3
    lr = 0.1 * 0.5 ** (steps // 50)
    # PyTorch SummaryWriter style (simple_value)
    logwriters.write_simple(os.path.join(root, "torch_run"), {
        "train/loss": list(zip(steps, loss)),
        "val/loss": list(zip(steps[::20], loss[::20] * 1.1)),
        "train/lr": list(zip(steps, lr)),
    })
    # Hugging Face Trainer style
    logwriters.write_simple(os.path.join(root, "hf_run"), {
        "train/learning_rate": list(zip(steps[::10], lr[::10])),
        "train/loss": list(zip(steps[::10], loss[::10])),
        "eval/loss": list(zip(steps[::50], loss[::50] * 1.05)),
    })
    # Lightning LearningRateMonitor style, written with tf.summary (tensor path)
    logwriters.write_tf(os.path.join(root, "lightning_logs", "version_0"), {
        "lr-Adam": list(zip(steps, lr)),
        "train_loss_step": list(zip(steps, loss)),
        "val_loss": list(zip(steps[49::50], loss[49::50])),
    })
    return root
