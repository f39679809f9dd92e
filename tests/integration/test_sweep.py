"""LR sweeps trained for real (PyTorch and Keras, >= 5 LRs over >= 2 decades, one too low,
one that diverges): the verdict names the LR that is best on the logged curves; the
`tb-lrsched sweep` command and the `sweeps` route."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from tb_lrsched import loader, sweep
from tests.support import lr_trainings
from tests.support.wsgi import PREFIX, make_client

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


def get_json(client, path, **params):
    resp = client.get(PREFIX + path, query_string=params)
    return resp.status_code, json.loads(resp.get_data(as_text=True))


def test_sweeps_route(sweep_logdir):
    client, _ = make_client(sweep_logdir)
    code, body = get_json(client, "/sweeps")
    assert code == 200 and {s["name"] for s in body["sweeps"]} == {"torch_sweep/lr_*",
                                                                   "keras_sweep/lr_*"}
    code, body = get_json(client, "/sweeps", bogus="1")
    assert code == 400 and "error" in body
    code, body = get_json(client, "/sweeps", lr_tag="(")
    assert code == 400 and "error" in body
