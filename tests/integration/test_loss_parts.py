"""A detector's loss logged only as its parts (YOLO: train/box_loss, train/cls_loss, with
their val/ twins): every part is judged, as a practitioner reads every part's chart. A class
head that collapses to chance at the warmup peak while the box head keeps learning is a
collapse (issue 10, blind26 f_b26_yolo_sgd_warm_peak_hot). Event files from PyTorch's
writer, read through TensorBoard's data provider."""

import math

import numpy as np
import pytest

from tb_lrsched import loader, service

torch_tb = pytest.importorskip("torch.utils.tensorboard")

STEPS = 600
EVERY = 30   # an evaluation every 30 steps


def _write(logdir, collapse: bool):
    rng = np.random.default_rng(3)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(0, STEPS, 2):
        lr = 0.25 * min(1.0, s / 130) * (1 - s / STEPS) + 1e-4
        box = 0.01 + 2.0 * math.exp(-s / 40)
        cls = 0.05 + 2.25 * math.exp(-s / 30)
        if collapse and s >= 110:
            cls = math.log(10)  # chance for ten classes, from the warmup peak on
        w.add_scalar("x/lr0", lr, s)
        w.add_scalar("train/box_loss", box * math.exp(0.1 * rng.standard_normal()), s)
        w.add_scalar("train/cls_loss", cls * math.exp(0.1 * rng.standard_normal()), s)
        if s % EVERY == 0 and s:
            w.add_scalar("val/box_loss", 1.2 * box, s)
            w.add_scalar("val/cls_loss", 1.3 * cls, s)
    w.close()


def _report(tmp_path):
    from tensorboard import context as tb_context

    with loader.open_provider(str(tmp_path), "python") as (provider, ctx, eid):
        return service.AnalysisService().report(provider, tb_context.RequestContext(), eid,
                                                "exp")


def test_a_class_head_that_collapses_while_the_box_head_learns_is_a_collapse(tmp_path):
    _write(tmp_path / "exp", collapse=True)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["tag"] == "train/box_loss"
    assert rep["roles"]["train_loss"]["parts"] == ["train/cls_loss"]
    assert rep["roles"]["val_loss"]["parts"] == ["val/cls_loss"]
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert rep["status"] == "critical" and len(div) == 1, rep["findings"]
    assert div[0]["loss_part"] == "train/cls_loss"
    assert div[0]["message"].startswith("On train/cls_loss: ")
    assert 100 <= div[0]["step"] <= 160


def test_two_heads_that_both_learn_are_healthy(tmp_path):
    _write(tmp_path / "exp", collapse=False)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["parts"] == ["train/cls_loss"]
    assert rep["status"] == "healthy", rep["findings"]
    assert not [f for f in rep["findings"] if "loss_part" in f]


def _write_rl(logdir, blow_up: bool):
    """An actor-critic on a drifting bandit, as a custom loop logs it: a policy and a value
    loss, the LR; the value loss goes to Inf at the last update when ``blow_up``."""
    rng = np.random.default_rng(5)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(300):
        w.add_scalar("lr", 1e-3 + 1e-3 * s, s)
        w.add_scalar("loss/policy", 0.05 * rng.standard_normal(), s)
        value = 1.0 + 0.3 * rng.standard_normal() ** 2
        if blow_up and s >= 200:
            value *= math.exp((s - 200) / 3.0)
        if blow_up and s == 299:
            value = math.inf
        w.add_scalar("loss/value", value, s)
    w.close()


@pytest.mark.parametrize("blow_up", [True, False])
def test_a_loss_no_role_reads_that_ends_in_inf_is_a_divergence(tmp_path, blow_up):
    _write_rl(tmp_path / "exp", blow_up)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["tag"] == "loss/policy"
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    if not blow_up:
        assert not div and rep["status"] == "healthy", rep["findings"]
        return
    assert rep["status"] == "critical" and len(div) == 1, rep["findings"]
    assert div[0]["loss_part"] == "loss/value"
    assert div[0]["evidence"]["first_nonfinite_step"] == 299
    assert div[0]["message"].startswith("On loss/value: ")
