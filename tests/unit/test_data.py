"""The data path on real event files: provider -> roles -> clean -> align."""

import os

import numpy as np

from tb_lrsched import data, loader
from tests.support import logwriters


def _load(logdir):
    with loader.open_provider(logdir) as (provider, ctx, eid):
        plans = data.plans(provider, ctx, eid)
        exps = data.read_all(provider, ctx, eid, plans)
    return {p.name: (p, e) for p, e in zip(plans, exps)}


def test_keras_callback_logs_grouped_and_aligned(keras_logdir):
    got = _load(keras_logdir)
    plan, exp = got["sgd_decay"]
    assert plan.runs == ["sgd_decay/train", "sgd_decay/validation"]
    assert plan.roles["lr"].tag == "epoch_learning_rate"
    assert plan.roles["train_loss"].tag == "epoch_loss"
    assert plan.roles["val_loss"].run == "sgd_decay/validation"
    assert plan.train_loss_fine.tag == "batch_loss"
    # 4 epochs x 12 batches: batch_loss is on the global batch axis (Keras 3
    # counts batches from 1: 1..48);
    # the per-epoch series were placed on it by wall time, at the end of each
    # epoch, i.e. increasing and within the batch range.
    fine = exp.train_loss_fine
    assert len(fine) == 48 and fine.steps[-1] == 48
    assert exp.step_unit == "step"
    for s in (exp.train_loss, exp.val_loss, exp.lr):
        assert len(s) == 4
        assert np.all(np.diff(s.steps) > 0)
        assert s.steps[0] >= 6 and s.steps[-1] <= 48
    # epoch e ends after batch 12(e+1) -> mapped close to it
    assert np.allclose(exp.train_loss.steps, [12, 24, 36, 48], atol=3)
    # the decaying schedule is visible in the LR series
    assert np.all(np.diff(exp.lr.values) < 0)


def test_epoch_only_keras_logs_use_epoch_unit(tmp_path):
    logwriters.write_tf(str(tmp_path / "e" / "train"), {
        "epoch_loss": [(i, 1.0 / (i + 1)) for i in range(5)],
        "epoch_learning_rate": [(i, 0.01) for i in range(5)]})
    logwriters.write_tf(str(tmp_path / "e" / "validation"), {
        "epoch_loss": [(i, 1.1 / (i + 1)) for i in range(5)]})
    plan, exp = _load(str(tmp_path))["e"]
    assert exp.step_unit == "epoch"
    assert exp.train_loss.steps.tolist() == [0, 1, 2, 3, 4]


def test_simple_value_and_tensor_paths_read_alike(mixed_logdir):
    got = _load(mixed_logdir)
    assert sorted(got) == ["hf_run", "keras_run", "lightning_logs/version_0", "torch_run"]
    _, torch_exp = got["torch_run"]
    _, light_exp = got["lightning_logs/version_0"]
    np.testing.assert_allclose(torch_exp.train_loss.values, light_exp.train_loss.values, rtol=1e-6)
    assert len(torch_exp.val_loss) == 10
    _, hf = got["hf_run"]
    assert hf.lr.tag == "train/learning_rate" and hf.val_loss.tag == "eval/loss"
    assert hf.step_unit == "step"


def test_restart_with_repeated_steps_keeps_latest_write(tmp_path):
    # First attempt logs steps 0..59, crashes; resumed from a checkpoint at
    # step 40 it writes 40..99 again (new wall times, different values).
    first = [(s, 1.0, 1000.0 + s) for s in range(60)]
    second = [(s, 0.5, 2000.0 + s) for s in range(40, 100)]
    logwriters.write_simple(str(tmp_path / "r"), {"loss": first + second})
    _, exp = _load(str(tmp_path))["r"]
    s = exp.train_loss
    assert s.steps.tolist() == list(range(100))
    assert np.all(s.values[:40] == 1.0) and np.all(s.values[40:] == 0.5)


def test_clean_sorts_and_dedupes_last_wins():
    s, v, w = data.clean([3, 1, 2, 2, 0], [30, 10, 20, 21, 0], [1, 2, 3, 4, 5])
    assert s.tolist() == [0, 1, 2, 3]
    assert v.tolist() == [0, 10, 21, 30]


def test_nan_and_inf_survive_reading(tmp_path):
    vals = [(0, 1.0), (1, 0.9), (2, float("nan")), (3, float("inf"))]
    logwriters.write_simple(str(tmp_path / "n"), {"loss": vals})
    _, exp = _load(str(tmp_path))["n"]
    assert np.isnan(exp.train_loss.values[2]) and np.isinf(exp.train_loss.values[3])


def test_sampled_detection():
    regular = np.arange(0, 10000, 10, dtype=float)
    assert not data.looks_sampled(regular, 1000)
    irregular = np.sort(np.random.default_rng(0).choice(100000, 1000, replace=False)).astype(float)
    assert data.looks_sampled(irregular, 1000)
    assert not data.looks_sampled(irregular, None)


def test_cli_loader_reads_every_point(tmp_path):
    # 5000 points: more than TensorBoard's default reservoir of 1000.
    logwriters.write_simple(str(tmp_path / "big"), {
        "loss": [(i, 1.0 / (1 + i)) for i in range(5000)]})
    _, exp = _load(str(tmp_path))["big"]
    assert len(exp.train_loss) == 5000 and not exp.train_loss.sampled


def test_logdir_errors(tmp_path):
    import pytest

    f = tmp_path / "file"
    f.write_text("x")
    for bad in (str(tmp_path / "missing"), str(f)):
        with pytest.raises(loader.LogdirError):
            loader.check_logdir(bad)


def test_realdata_roles(realdata):
    """The shared real event files resolve to sensible roles."""
    tft = os.path.join(realdata, "tft_demand")
    assert os.path.isdir(tft), "tft_demand is missing from " + realdata
    got = _load(tft)
    plan, exp = next(v for k, v in got.items() if k.endswith("version_0"))
    assert plan.roles["lr"].tag == "lr-Ranger"
    assert plan.roles["val_loss"].tag == "val_loss"
    assert len(exp.lr) > 1 and exp.step_unit == "step"
