"""Shared fixtures: real event files written by real writers."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import logwriters  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def realdata_root():
    """``../shared/realdata`` beside the checkout (or ``$TB_LRSCHED_REALDATA``), or None."""
    root = os.environ.get("TB_LRSCHED_REALDATA") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "realdata")
    return os.path.abspath(root) if os.path.isdir(root) else None


@pytest.fixture(scope="session")
def realdata():
    """The public real event files. A user's clone has no ../shared: skip there with the reason.
    CI (CI=true) always has them, so there a missing folder is a failure, never a silent skip."""
    root = realdata_root()
    if root is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI must have ../shared/realdata beside the checkout (or TB_LRSCHED_REALDATA)")
        pytest.skip("../shared/realdata is not beside this checkout (set TB_LRSCHED_REALDATA to "
                    "a folder of real event files to run this test)")
    return root


def _train_keras(logdir, epochs=4, batch_logging=True, lr=0.01):
    """A tiny real Keras training with Keras' own TensorBoard callback."""
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 8)).astype("float32")
    y = (x[:, :1] * 2 - x[:, 1:2] + 0.1 * rng.standard_normal((256, 1))).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    sched = keras.optimizers.schedules.ExponentialDecay(lr, decay_steps=8, decay_rate=0.8)
    model.compile(optimizer=keras.optimizers.SGD(sched), loss="mse")
    cb = keras.callbacks.TensorBoard(log_dir=logdir, update_freq=1 if batch_logging else "epoch")
    model.fit(x[:192], y[:192], validation_data=(x[192:], y[192:]), epochs=epochs,
              batch_size=16, verbose=0, callbacks=[cb])
    return logdir


@pytest.fixture(scope="session")
def keras_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("keras_logs")
    _train_keras(str(root / "sgd_decay"), epochs=4)
    return str(root)


@pytest.fixture(scope="session")
def mixed_logdir(tmp_path_factory, keras_logdir):
    """A logdir with several writers' layouts side by side."""
    import shutil

    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(os.path.join(keras_logdir, "sgd_decay"), str(root / "keras_run"))
    n = 200
    steps = np.arange(n)
    loss = 2.0 * np.exp(-steps / 50) + 0.3
    lr = 0.1 * 0.5 ** (steps // 50)
    # PyTorch SummaryWriter style (simple_value)
    logwriters.write_simple(str(root / "torch_run"), {
        "train/loss": list(zip(steps, loss)),
        "val/loss": list(zip(steps[::20], loss[::20] * 1.1)),
        "train/lr": list(zip(steps, lr)),
    })
    # Hugging Face Trainer style
    logwriters.write_simple(str(root / "hf_run"), {
        "train/learning_rate": list(zip(steps[::10], lr[::10])),
        "train/loss": list(zip(steps[::10], loss[::10])),
        "eval/loss": list(zip(steps[::50], loss[::50] * 1.05)),
    })
    # Lightning LearningRateMonitor style, written with tf.summary (tensor path)
    logwriters.write_tf(str(root / "lightning_logs" / "version_0"), {
        "lr-Adam": list(zip(steps, lr)),
        "train_loss_step": list(zip(steps, loss)),
        "val_loss": list(zip(steps[49::50], loss[49::50])),
    })
    return str(root)
