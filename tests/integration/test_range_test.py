"""LR range tests trained for real in PyTorch and Keras, logged through their writers and
read back through TensorBoard's data provider: never critical, and the suggested LR lies where
the logged loss falls fastest."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tb_lrsched import data, loader, model, service
from tests.support import lr_trainings
from tests.support.range_reference import fast_fall_region, logged_pairs


@pytest.fixture(scope="session")
def rt_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("range_tests")
    lr_trainings.torch_range_test(str(root / "torch_lr_find"))
    lr_trainings.torch_range_test(str(root / "torch_lr_find_every5"), every=5)
    lr_trainings.keras_range_test(str(root / "keras_lr_find"))
    return str(root)


@pytest.fixture(scope="session")
def rt_read(rt_logdir):
    with loader.open_provider(rt_logdir, "python") as (provider, ctx, eid):
        plans = data.plans(provider, ctx, eid)
        exps = data.read_all(provider, ctx, eid, plans, None, {})
        records = service.check_all(provider, ctx, eid)
    return {p.name: e for p, e in zip(plans, exps)}, {r["run"]: r for r in records}


@pytest.mark.parametrize("name", ["torch_lr_find", "torch_lr_find_every5", "keras_lr_find"])
def test_real_range_test_is_healthy_and_suggests_an_lr_where_the_loss_falls_fastest(
        rt_read, name):
    exps, records = rt_read
    rec = records[name]
    assert rec["status"] == model.HEALTHY
    kinds = [f["kind"] for f in rec["findings"]]
    assert kinds == ["lr_range_test"], kinds
    f = rec["findings"][0]
    assert f["severity"] == "info"
    ev = f["evidence"]
    logged_lr = exps[name].lr.values
    assert ev["decades_swept"] == pytest.approx(np.log10(logged_lr.max() / logged_lr.min()),
                                                abs=0.01)
    lo, hi = fast_fall_region(*logged_pairs(exps[name]))
    assert lo <= ev["suggested_lr"] <= hi, (ev, lo, hi)
    assert "%s" % "max / peak LR" in f["suggestion"]
    assert ev["steepest_lr"] > 0 and ev["min_loss_lr"] > 0 and ev["valley_lr"] > 0
    if "divergence_lr" in ev:
        assert ev["suggested_lr"] <= ev["divergence_lr"] / 10 * (1 + 1e-6)


def test_the_torch_range_test_diverged_and_that_is_in_the_evidence(rt_read):
    _, records = rt_read
    ev = records["torch_lr_find"]["findings"][0]["evidence"]
    lr, loss = logged_pairs(rt_read[0]["torch_lr_find"])
    # the logged loss does explode: 4x above its best well before the end of the sweep
    assert np.nanmax(loss[lr > 1]) > 4 * np.nanmin(loss)
    assert 0.5 < ev["divergence_lr"] < 10


def test_the_report_carries_the_curve_the_panel_draws(rt_logdir):
    from tensorboard import context as tb_context

    with loader.open_provider(rt_logdir, "python") as (provider, ctx, eid):
        svc = service.AnalysisService()
        rep = svc.report(provider, tb_context.RequestContext(), eid, "torch_lr_find")
    curve = rep["range_test"]
    assert len(curve["lr"]) == len(curve["smoothed"]) == len(curve["loss"]) > 50
    assert np.all(np.diff(curve["lr"]) >= 0)
    assert curve["suggested_lr"] == rep["findings"][0]["evidence"]["suggested_lr"]


def test_an_ordinary_training_is_not_a_range_test(keras_logdir):
    with loader.open_provider(keras_logdir, "python") as (provider, ctx, eid):
        records = service.check_all(provider, ctx, eid)
    assert records and all(f["kind"] != "lr_range_test" for r in records for f in r["findings"])


def test_cli_never_fails_on_a_range_test(rt_logdir):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    r = subprocess.run([exe, "check", rt_logdir, "--format", "json", "--fail-on", "warning"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {x["run"] for x in doc["runs"]} == {"torch_lr_find", "torch_lr_find_every5",
                                               "keras_lr_find"}
    assert all(x["status"] == "healthy" for x in doc["runs"])
