"""LRLogger writes the LR the optimizer really uses, at the right global steps.

Each test trains a tiny Keras model for a few epochs, reads the event files
back with TensorBoard's EventAccumulator and compares against the schedule.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

from tensorboard.backend.event_processing import event_accumulator  # noqa: E402

from tb_lrsched.keras_callback import LRLogger, current_learning_rate  # noqa: E402
from tests.support import REPO_ROOT  # noqa: E402

N_SAMPLES = 40
BATCH = 8  # -> 5 batches per epoch
BATCHES_PER_EPOCH = N_SAMPLES // BATCH


def _data():
    rng = np.random.RandomState(0)
    x = rng.randn(N_SAMPLES, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    return x, y


def _model(optimizer):
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(2)])
    m.compile(optimizer=optimizer,
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


def _read(run_dir, tag):
    acc = event_accumulator.EventAccumulator(
        run_dir, size_guidance={event_accumulator.TENSORS: 0, event_accumulator.SCALARS: 0})
    acc.Reload()
    assert tag in acc.Tags()["tensors"], acc.Tags()
    events = acc.Tensors(tag)
    steps = [e.step for e in events]
    values = [float(tf.make_ndarray(e.tensor_proto)) for e in events]
    return steps, values


def _fit(model, log_dir, epochs, callbacks):
    x, y = _data()
    model.fit(x, y, batch_size=BATCH, epochs=epochs, shuffle=False, verbose=0,
              callbacks=callbacks)


def test_schedule_values_and_steps(tmp_path):
    sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
    model = _model(keras.optimizers.SGD(sched))
    _fit(model, tmp_path, 3, [LRLogger(str(tmp_path), every_n_batches=3)])

    steps, values = _read(str(tmp_path / "train"), "batch_learning_rate")
    total = 3 * BATCHES_PER_EPOCH  # 15 updates: steps 0..14
    assert steps == list(range(0, total, 3))
    expected = [float(sched(s)) for s in steps]
    np.testing.assert_allclose(values, expected, rtol=1e-6)
    # Sanity: it really decays (0.1 at step 0, 0.1 * 0.5**6 at step 12).
    assert values[0] == pytest.approx(0.1)
    assert values[-1] == pytest.approx(0.1 * 0.5 ** 6, rel=1e-5)


def test_warmup_cosine_every_batch(tmp_path):
    sched = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=6, warmup_target=0.2, warmup_steps=4)
    model = _model(keras.optimizers.Adam(sched))
    _fit(model, tmp_path, 2, [LRLogger(str(tmp_path), every_n_batches=1, tag="lr")])

    steps, values = _read(str(tmp_path / "train"), "lr")
    assert steps == list(range(2 * BATCHES_PER_EPOCH))
    np.testing.assert_allclose(values, [float(sched(s)) for s in steps], rtol=1e-5, atol=1e-9)
    assert values[0] == 0.0 and max(values) == pytest.approx(0.2)


def test_reduce_lr_on_plateau(tmp_path):
    # min_delta is huge, so no epoch after the first counts as an improvement
    # and with patience=0 the LR halves at the end of every epoch from the 2nd on.
    rop = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0,
                                            min_delta=100.0, verbose=0)
    model = _model(keras.optimizers.SGD(0.08))
    _fit(model, tmp_path, 4, [rop, LRLogger(str(tmp_path), every_n_batches=1)])

    steps, values = _read(str(tmp_path / "train"), "batch_learning_rate")
    assert steps == list(range(4 * BATCHES_PER_EPOCH))
    expected = [0.08 * 0.5 ** max(0, s // BATCHES_PER_EPOCH - 1) for s in steps]
    np.testing.assert_allclose(values, expected, rtol=1e-6)
    assert current_learning_rate(model.optimizer) == pytest.approx(0.08 * 0.5 ** 3)


def test_learning_rate_scheduler(tmp_path):
    sched = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.3 / (epoch + 1))
    model = _model(keras.optimizers.SGD(0.3))
    _fit(model, tmp_path, 3, [sched, LRLogger(str(tmp_path), every_n_batches=2)])

    steps, values = _read(str(tmp_path / "train"), "batch_learning_rate")
    assert steps == list(range(0, 3 * BATCHES_PER_EPOCH, 2))
    expected = [0.3 / (s // BATCHES_PER_EPOCH + 1) for s in steps]
    np.testing.assert_allclose(values, expected, rtol=1e-6)


def test_same_run_as_keras_tensorboard_and_not_filtered_by_update_freq(tmp_path):
    # Keras' TensorBoard(update_freq=5) installs a "record every 5th batch"
    # condition; LRLogger must still log at its own cadence, into train/.
    # (update_freq must divide the batches per epoch: otherwise Keras 3 drops
    # its own epoch_* summaries, tensorflow/tensorboard#4975.)
    sched = keras.optimizers.schedules.PiecewiseConstantDecay([6], [0.05, 0.01])
    model = _model(keras.optimizers.SGD(sched))
    x, y = _data()
    model.fit(x, y, batch_size=BATCH, epochs=2, shuffle=False, verbose=0,
              validation_data=(x, y),
              callbacks=[keras.callbacks.TensorBoard(str(tmp_path), update_freq=5,
                                                     write_graph=False),
                         LRLogger(str(tmp_path), every_n_batches=1)])
    run = str(tmp_path / "train")
    steps, values = _read(run, "batch_learning_rate")
    assert steps == list(range(2 * BATCHES_PER_EPOCH))
    assert values == pytest.approx([0.05 if s <= 6 else 0.01 for s in steps])
    # Keras' own tags are in the same run, so TensorBoard groups them.
    loss_steps, _ = _read(run, "batch_loss")
    assert loss_steps == [5, 10]
    _, epoch_lr = _read(run, "epoch_learning_rate")
    assert len(epoch_lr) == 2
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]


def test_second_fit_continues_global_step(tmp_path):
    model = _model(keras.optimizers.SGD(0.01))
    cb = LRLogger(str(tmp_path), every_n_batches=4)
    _fit(model, tmp_path, 1, [cb])
    _fit(model, tmp_path, 1, [cb])
    steps, values = _read(str(tmp_path / "train"), "batch_learning_rate")
    # First fit: steps 0, 4; second fit starts at step 5 and logs 5 then 8.
    assert steps == [0, 4, 5, 8]
    assert values == pytest.approx([0.01] * 4)


def test_steps_per_execution_logs_first_step_past_each_multiple(tmp_path):
    # With steps_per_execution=3 callbacks see steps 0, 3, 6, 9, ... only; the
    # logger must not skip a multiple of every_n_batches it jumped over.
    sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.9)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    model.compile(optimizer=keras.optimizers.SGD(sched), steps_per_execution=3,
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    x, y = _data()
    model.fit(x, y, batch_size=BATCH, epochs=3, shuffle=False, verbose=0,
              callbacks=[LRLogger(str(tmp_path), every_n_batches=4)])
    steps, values = _read(str(tmp_path / "train"), "batch_learning_rate")
    # 5 batches per epoch; executions start at 0, 3, 5, 8, 10, 13 -> the first
    # at or past 0, 4, 8, 12 are 0, 5, 8, 13.
    assert steps == [0, 5, 8, 13]
    np.testing.assert_allclose(values, [float(sched(s)) for s in steps], rtol=1e-5)


def test_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError):
        LRLogger(str(tmp_path), every_n_batches=0)
    with pytest.raises(ValueError):
        LRLogger(str(tmp_path), tag="")


def test_package_import_does_not_pull_tensorflow():
    code = ("import sys, tb_lrsched, tb_lrsched.model; "
            "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)
