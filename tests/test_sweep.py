"""LR sweeps: grouping, the verdict, hyperparameters from the logs, the CLI and the
route, on real sweeps trained in PyTorch and Keras."""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import logwriters
import lr_trainings
from tb_lrsched import loader, sweep

TORCH_LRS = [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0]
KERAS_LRS = [1e-3, 1e-2, 1e-1, 1.0, 10.0]


def run_cli(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    return subprocess.run([exe] + list(args), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def sweep_logdir(tmp_path_factory):
    """One logdir with a real PyTorch sweep and a real Keras sweep (cached per session)."""
    root = tmp_path_factory.mktemp("sweeps")
    lr_trainings.torch_sweep(str(root / "torch_sweep"), TORCH_LRS)
    lr_trainings.keras_sweep(str(root / "keras_sweep"), KERAS_LRS)
    return str(root)


def _sweeps(logdir):
    with loader.open_provider(logdir, "python") as (provider, ctx, eid):
        return sweep.sweeps_impl(provider, ctx, eid, logdir=logdir)["sweeps"]


@pytest.fixture(scope="session")
def sweeps(sweep_logdir):
    return {s["name"]: s for s in _sweeps(sweep_logdir)}


def _val_losses(run_dir):
    """Validation losses as logged, read with TensorBoard's event accumulator."""
    import tensorflow as tf
    from tensorboard.backend.event_processing import event_accumulator as ea

    for sub, tag in (("", "val/loss"), ("validation", "epoch_loss")):
        path = os.path.join(run_dir, sub)
        if not os.path.isdir(path):
            continue
        acc = ea.EventAccumulator(path, size_guidance={"scalars": 0, "tensors": 0})
        acc.Reload()
        if tag in acc.Tags().get("scalars", []):
            return np.array([e.value for e in acc.Scalars(tag)])
        if tag in acc.Tags().get("tensors", []):
            return np.array([float(tf.make_ndarray(e.tensor_proto)) for e in acc.Tensors(tag)])
    raise AssertionError("no validation loss in %s" % run_dir)


@pytest.mark.parametrize("name,lrs", [("torch_sweep", TORCH_LRS), ("keras_sweep", KERAS_LRS)])
def test_real_sweep_names_the_lr_that_is_best_on_the_curves(sweep_logdir, sweeps, name, lrs):
    s = sweeps["%s/lr_*" % name]
    assert [p["run"] for p in s["points"]] == ["%s/%s" % (name, lr_trainings.lr_name(lr))
                                               for lr in lrs]
    assert [p["peak_lr"] for p in s["points"]] == pytest.approx(lrs)
    assert s["loss"] == "validation"
    # best from the logged validation losses: the finite minimum per run, argmin over runs
    logged = {lr: _val_losses(os.path.join(sweep_logdir, name, lr_trainings.lr_name(lr)))
              for lr in lrs}
    best = {lr: np.min(v[np.isfinite(v)]) for lr, v in logged.items()}
    stable = [lr for lr in lrs if not next(p for p in s["points"]
                                           if p["peak_lr"] == pytest.approx(lr))["diverged"]]
    want = min(stable, key=lambda lr: best[lr])
    assert s["best_lr"] == pytest.approx(want)
    assert "best LR of this sweep is %s" % sweep._fmt_lr(want) in s["text"]
    for p in s["points"]:
        assert p["best_loss"] == pytest.approx(best[p["peak_lr"]], rel=1e-6)
    # neighbours: how much worse, in %, computed from the logged losses
    i = lrs.index(want)
    for nb in s["neighbours"]:
        if nb["worse_pct"] is not None:
            assert nb["worse_pct"] == pytest.approx(100 * (best[nb["lr"]] / best[want] - 1),
                                                    abs=0.1)
        assert nb["lr"] in (lrs[i - 1], lrs[i + 1])


@pytest.mark.parametrize("name", ["torch_sweep", "keras_sweep"])
def test_real_sweep_marks_the_diverged_run_and_not_the_too_low_one(sweeps, name):
    s = sweeps["%s/lr_*" % name]
    by_lr = {p["peak_lr"]: p for p in s["points"]}
    assert by_lr[10.0]["diverged"] is True
    lowest = min(by_lr)
    assert by_lr[lowest]["diverged"] is False
    assert by_lr[lowest]["best_loss"] > 3 * s["best_loss"]  # visibly too low
    assert s["divergence_lr"] == pytest.approx(10.0)
    assert "start to diverge at LR 10" in s["text"]
    assert s["at_edge"] is None and s["status"] == "healthy"


def test_a_sweep_whose_best_is_its_highest_lr_says_extend_upwards(sweep_logdir, tmp_path):
    for lr in (1e-4, 1e-3, 1e-2):
        name = lr_trainings.lr_name(lr)
        shutil.copytree(os.path.join(sweep_logdir, "torch_sweep", name),
                        str(tmp_path / "part" / name))
    (s,) = _sweeps(str(tmp_path))
    assert s["best_lr"] == pytest.approx(1e-2) and s["at_edge"] == "high"
    assert s["extend_to"] == pytest.approx(1.0)  # two more steps of x10
    assert s["status"] == "warning" and "extend the sweep upwards to about 1" in s["text"]
    r = run_cli("sweep", str(tmp_path), "--fail-on", "warning")
    assert r.returncode == 1, r.stderr
    assert run_cli("sweep", str(tmp_path)).returncode == 0


def test_cli_sweep_json_and_table(sweep_logdir):
    r = run_cli("sweep", sweep_logdir, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["logdir"] == sweep_logdir and len(doc["sweeps"]) == 2
    for s in doc["sweeps"]:
        assert set(s) >= {"name", "runs", "points", "best_lr", "at_edge", "extend_to",
                          "neighbours", "divergence_lr", "status", "text"}
        for p in s["points"]:
            assert set(p) == {"run", "peak_lr", "lr_source", "best_loss", "final_loss", "loss",
                              "status", "diverged"}
    t = run_cli("sweep", sweep_logdir)
    assert t.returncode == 0 and "verdict: The best LR" in t.stdout


def test_cli_sweep_usage_errors(tmp_path):
    r = run_cli("sweep", str(tmp_path / "missing"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run_cli("sweep")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run_cli("sweep", str(tmp_path), "--format", "xml")
    assert r.returncode == 2
    empty = run_cli("sweep", str(tmp_path))
    assert empty.returncode == 0 and "No LR sweep found" in empty.stdout


# -- grouping rules (real event files written with the PyTorch writer format) --------

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


def test_sweeps_route(sweep_logdir):
    from test_plugin import get_json, make_client

    client, _ = make_client(sweep_logdir)
    code, body = get_json(client, "/sweeps")
    assert code == 200 and {s["name"] for s in body["sweeps"]} == {"torch_sweep/lr_*",
                                                                   "keras_sweep/lr_*"}
    code, body = get_json(client, "/sweeps", bogus="1")
    assert code == 400 and "error" in body
    code, body = get_json(client, "/sweeps", lr_tag="(")
    assert code == 400 and "error" in body
