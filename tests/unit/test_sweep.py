"""LR sweeps: grouping rules and where each experiment's LR comes from (hyperparameters,
run name, LR curve), on event files written with the real writers."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from tb_lrsched import loader, sweep
from tests.support import logwriters


def _sweeps(logdir):
    with loader.open_provider(logdir, "python") as (provider, ctx, eid):
        return sweep.sweeps_impl(provider, ctx, eid, logdir=logdir)["sweeps"]


def _write(root, name, lr, n=60, tags=("train/loss", "train/lr")):
    steps = np.arange(n)
    loss = 2.0 * np.exp(-steps * min(lr, 0.5) / 3) + 0.2
    logwriters.write_simple(os.path.join(root, name), {
        tags[0]: list(zip(steps, loss)), tags[1]: list(zip(steps, np.full(n, lr)))})


def test_fewer_than_three_runs_or_less_than_a_decade_is_no_sweep(tmp_path):
    _write(str(tmp_path / "a"), "lr_0.01", 0.01)
    _write(str(tmp_path / "a"), "lr_0.1", 0.1)
    _write(str(tmp_path / "b"), "lr=0.01", 0.01)
    _write(str(tmp_path / "b"), "lr=0.02", 0.02)
    _write(str(tmp_path / "b"), "lr=0.05", 0.05)
    assert _sweeps(str(tmp_path)) == []


def test_runs_with_other_tags_are_not_grouped(tmp_path):
    for lr in (1e-3, 1e-2, 1e-1):
        _write(str(tmp_path), "lr_%g" % lr, lr)
    _write(str(tmp_path), "lr_1", 1.0, tags=("loss", "learning_rate"))
    (s,) = _sweeps(str(tmp_path))
    assert len(s["points"]) == 3 and all(p["lr_source"] == "run name" for p in s["points"])


def test_lr_from_the_curve_without_a_name(tmp_path):
    for i, lr in enumerate((1e-3, 1e-2, 1e-1)):
        _write(str(tmp_path / "exp"), "run%d" % i, lr)
    (s,) = _sweeps(str(tmp_path))
    assert [p["lr_source"] for p in s["points"]] == ["LR curve"] * 3
    assert [p["peak_lr"] for p in s["points"]] == pytest.approx([1e-3, 1e-2, 1e-1])


def test_lr_from_hparams_plugin_data_text_args_and_hparams_yaml(tmp_path):
    from torch.utils.tensorboard import SummaryWriter

    root = tmp_path / "hp"
    # three runs whose LR curves all say 0.05 (not logged as the real LR) ...
    for name in ("a", "b", "c", "d"):
        _write(str(root), name, 0.05)
    # ... and whose real LR is in the hyperparameters: PyTorch add_hparams (HParams plugin)
    w = SummaryWriter(str(root / "a"))
    w.add_hparams({"lr": 0.001, "batch_size": 32}, {})
    w.close()
    # the Hugging Face Trainer's arguments as text
    w = SummaryWriter(str(root / "b"))
    w.add_text("args", json.dumps({"learning_rate": 0.01, "num_train_epochs": 3}))
    w.close()
    # Lightning's hparams.yaml beside the run
    (root / "c" / "hparams.yaml").write_text("batch_size: 32\nlr: 0.1\n")
    with loader.open_provider(str(tmp_path), "python") as (provider, ctx, eid):
        got = sweep.sweeps_impl(provider, ctx, eid, logdir=str(tmp_path))["sweeps"]
    (s,) = got
    by = {p["run"]: p for p in s["points"]}
    assert by["hp/a"]["peak_lr"] == pytest.approx(1e-3) and by["hp/a"]["lr_source"] == "hparam"
    assert by["hp/b"]["peak_lr"] == pytest.approx(1e-2) and by["hp/b"]["lr_source"] == "hparam"
    assert by["hp/c"]["peak_lr"] == pytest.approx(0.1) and by["hp/c"]["lr_source"] == "hparam"
    assert by["hp/d"]["lr_source"] == "LR curve"


def test_range_tests_are_never_part_of_a_sweep(tmp_path):
    for lr in (1e-3, 1e-2, 1e-1):
        _write(str(tmp_path), "lr_%g" % lr, lr)
    steps = np.arange(150)
    lr = 1e-6 * 10 ** (7 * steps / 149)
    loss = 2.3 - 2 / (1 + np.exp(-(np.log10(lr) + 2) * 3)) + np.where(lr > 0.3, lr * 10, 0)
    logwriters.write_simple(str(tmp_path / "lr_10"), {
        "train/loss": list(zip(steps, loss)), "train/lr": list(zip(steps, lr))})
    (s,) = _sweeps(str(tmp_path))
    assert "lr_10" not in s["runs"] and len(s["points"]) == 3


@pytest.mark.parametrize("name,lr,stem", [
    ("lr_1e-3", 1e-3, "lr_*"), ("sgd_lr=0.01_seed1", 0.01, "sgd_lr=*_seed1"),
    ("x/learning_rate-3e-4", 3e-4, "x/learning_rate-*"), ("LR0.5", 0.5, "LR*"),
    ("clr_0.1", None, "clr_0.1"), ("lr_abc", None, "lr_abc"), ("lr_0", None, "lr_0"),
])
def test_lr_from_name(name, lr, stem):
    got, st = sweep.lr_from_name(name)
    assert (got is None and lr is None) or got == pytest.approx(lr)
    assert st == stem
