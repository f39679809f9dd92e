"""Live checks in a real Keras fit: stopped on divergence, never on a healthy run."""

import logging
import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

keras = pytest.importorskip("keras")

from tb_lrsched.keras_callback import LRHealthCheck  # noqa: E402


def _data(n=512, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 10)).astype("float32")
    w = rng.standard_normal((10, 3))
    y = np.argmax(x @ w + 0.3 * rng.standard_normal((n, 3)), axis=1).astype("int32")
    return x, y


def _model():
    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                             keras.layers.Dense(3)])


def _fit(optimizer, epochs, callbacks):
    x, y = _data()
    model = _model()
    model.compile(optimizer=optimizer, metrics=["accuracy"],
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    hist = model.fit(x[:384], y[:384], validation_data=(x[384:], y[384:]), epochs=epochs,
                     batch_size=16, verbose=0, callbacks=callbacks)
    return model, hist


def test_far_too_high_lr_is_stopped_early_with_the_divergence_and_its_lr(tmp_path, caplog):
    log_dir = str(tmp_path / "far_too_high")
    # it learns for two epochs at 0.01, then the LR jumps to a far too high 5.0 and the loss
    # explodes (an LR that only ever rises exponentially would be an LR range test, which the
    # engine recognises and never calls divergence)
    sched = keras.optimizers.schedules.PiecewiseConstantDecay([48], [0.01, 5.0])
    check = LRHealthCheck(log_dir, stop_on_critical=True)
    epochs = 10
    with caplog.at_level(logging.WARNING, logger="tb_lrsched.live"):
        _, hist = _fit(keras.optimizers.SGD(sched, momentum=0.9), epochs,
                       [keras.callbacks.TensorBoard(log_dir), check])
    assert len(hist.epoch) < epochs, "the callback did not stop the fit"
    kinds = [f["kind"] for f in check.findings]
    assert "divergence" in kinds
    div = check.core.reported["divergence"]
    lr = div["evidence"]["lr_at_divergence"]
    assert lr > 0.01
    assert check.stop_reason.startswith("tb-lrsched stopped the training at step")
    assert "divergence" in check.stop_reason and "LR" in check.stop_reason
    # the LR the engine names is the one this schedule gave at that step
    step = div.get("step", div["start_step"])
    assert lr == pytest.approx(0.01 if step <= 48 else 5.0, rel=0.15)
    lines = [r.getMessage() for r in caplog.records if "divergence at" in r.getMessage()]
    assert len(lines) == 1 and "Fix:" in lines[0]
    # the text summary is in the train run next to Keras' curves
    assert any("events" in f for f in os.listdir(os.path.join(log_dir, "train")))


def test_healthy_fit_is_never_stopped(tmp_path, caplog):
    log_dir = str(tmp_path / "healthy")
    epochs = 8
    sched = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=8 * 24, warmup_target=0.05,
                                                   warmup_steps=24)
    check = LRHealthCheck(log_dir, stop_on_critical=True, stop_on=("oscillation",))
    _, hist = _fit(keras.optimizers.SGD(sched, momentum=0.9), epochs,
                   [keras.callbacks.TensorBoard(log_dir), check])
    assert len(hist.epoch) == epochs
    assert not check.core.should_stop and check.stop_reason is None
    assert check.core.checks >= 3
    assert not [f for f in check.findings if f["severity"] == "critical"]
    assert check.core.report["status"] in ("healthy", "warning")


def test_bad_stop_on_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown finding kind"):
        LRHealthCheck(None, stop_on=("divergance",))
