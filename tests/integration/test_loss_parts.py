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


def _write_d2(logdir, collapse: bool):
    """detectron2's layout: total_loss, loss_cls, loss_box_reg and lr every 5 iterations, no
    validation. The class head falls from ln 2 to ~3e-4 within its first tenth, with the
    heavy-tailed batch noise of a loss that small; with ``collapse`` it jumps back to chance
    at iteration 300 and stays there, while the box head, most of the total, keeps learning."""
    rng = np.random.default_rng(11)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(0, 1080, 5):
        lr = 0.02 * min(1.0, (s + 5) / 100)
        cls = 3e-4 + 0.69 * math.exp(-max(0, s - 35) / 8)
        if collapse and s >= 300:
            cls = math.log(2)
        cls *= math.exp(1.0 * rng.standard_normal()) if cls < 0.1 else 1.0
        box = 3.0 + 17.0 * math.exp(-s / 200)
        box *= math.exp(0.05 * rng.standard_normal())
        w.add_scalar("lr", lr, s)
        w.add_scalar("loss_cls", cls, s)
        w.add_scalar("loss_box_reg", box, s)
        w.add_scalar("total_loss", cls + box, s)
    w.close()


def test_a_class_head_at_chance_beside_a_total_that_looks_fine_is_a_collapse(tmp_path):
    _write_d2(tmp_path / "exp", collapse=True)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["tag"] == "total_loss"
    assert rep["roles"]["train_loss"]["parts"] == ["loss_box_reg", "loss_cls"]
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert rep["status"] == "critical" and len(div) == 1, rep["findings"]
    assert div[0]["loss_part"] == "loss_cls"
    assert 250 <= div[0]["step"] <= 350


def test_a_class_head_that_falls_decades_at_once_is_no_spike(tmp_path):
    # its first bucket holds the whole fall: the points before the loss came down are no
    # jump above a level
    _write_d2(tmp_path / "exp", collapse=False)
    rep = _report(tmp_path)
    assert rep["status"] == "healthy", rep["findings"]
    assert not [f for f in rep["findings"] if "loss_part" in f]


def _blown(x: float, s: int, blow_up: bool) -> float:
    """``x`` at update ``s`` of 300: when ``blow_up``, growing e-fold every 3 updates from
    update 200 and Inf at the last one."""
    if blow_up and s >= 200:
        x *= math.exp((s - 200) / 3.0)
    if blow_up and s == 299:
        x = math.inf
    return x


def _write_rl(logdir, blow_up: bool):
    """An actor-critic on a drifting bandit, as a custom loop logs it: a policy, a value and
    an entropy loss, the LR; the value loss goes to Inf at the last update when ``blow_up``."""
    rng = np.random.default_rng(5)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(300):
        w.add_scalar("lr", 1e-3 + 1e-3 * s, s)
        w.add_scalar("loss/policy", 0.05 * rng.standard_normal(), s)
        w.add_scalar("loss/entropy", 0.3 + 1.3 * math.exp(-s / 60), s)
        w.add_scalar("loss/value", _blown(1.0 + 0.3 * rng.standard_normal() ** 2, s, blow_up), s)
    w.close()


@pytest.mark.parametrize("blow_up", [True, False])
def test_an_actor_critic_is_judged_on_its_value_loss(tmp_path, blow_up):
    _write_rl(tmp_path / "exp", blow_up)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["tag"] == "loss/value"  # not the falling entropy
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    if not blow_up:
        assert not div and rep["status"] == "healthy", rep["findings"]
        return
    assert rep["status"] == "critical" and len(div) == 1, rep["findings"]
    assert div[0]["evidence"]["first_nonfinite_step"] == 299


def _write_gan(logdir, blow_up: bool):
    """A GAN's two losses and the LR; the generator's loss goes to Inf at the last step when
    ``blow_up``."""
    rng = np.random.default_rng(7)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(300):
        w.add_scalar("lr", 2e-4, s)
        w.add_scalar("loss_D", 0.7 + 0.1 * rng.standard_normal() ** 2, s)
        w.add_scalar("loss_G", _blown(1.5 + 0.3 * rng.standard_normal() ** 2, s, blow_up), s)
    w.close()


@pytest.mark.parametrize("blow_up", [True, False])
def test_a_loss_no_role_reads_that_ends_in_inf_is_a_divergence(tmp_path, blow_up):
    _write_gan(tmp_path / "exp", blow_up)
    rep = _report(tmp_path)
    assert rep["roles"]["train_loss"]["tag"] == "loss_D"
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    if not blow_up:
        assert not div and rep["status"] != "critical", rep["findings"]
        return
    assert rep["status"] == "critical" and len(div) == 1, rep["findings"]
    assert div[0]["loss_part"] == "loss_G"
    assert div[0]["evidence"]["first_nonfinite_step"] == 299
    assert div[0]["message"].startswith("On loss_G: ")


def _write_too_low(logdir, spike: bool):
    """A YOLO-style run under plain SGD at a tiny LR (1.5e-3, a cosine to 0): the box head
    eases down, the class head never leaves chance (ln 10); with ``spike`` one corrupted batch
    throws the box loss up 30x."""
    rng = np.random.default_rng(5)
    w = torch_tb.SummaryWriter(str(logdir))
    for s in range(0, STEPS, 2):
        lr = 1.5e-3 * 0.5 * (1 + math.cos(math.pi * s / STEPS))
        box = 0.014 + 0.006 * math.exp(-s / 150)
        if spike and s == 300:
            box *= 30
        cls = math.log(10) * (1 - 0.01 * s / STEPS)
        w.add_scalar("x/lr0", lr, s)
        w.add_scalar("train/box_loss", box * math.exp(0.05 * rng.standard_normal()), s)
        w.add_scalar("train/cls_loss", cls * math.exp(0.003 * rng.standard_normal()), s)
        if s % EVERY == 0 and s:
            w.add_scalar("val/box_loss", 1.1 * box if s != 300 else 1.1 * box / 30, s)
            w.add_scalar("val/cls_loss", cls, s)
    w.close()


@pytest.mark.parametrize("spike", [False, True])
def test_a_class_head_stuck_at_chance_at_a_tiny_lr_is_lr_too_low_whatever_the_box_head_does(
        tmp_path, spike):
    # a spike of the box loss says the LR is at the edge of stability for that head, not that
    # it is large enough for the class head: one loss's finding explains nothing of another's
    _write_too_low(tmp_path / "exp", spike=spike)
    rep = _report(tmp_path)
    low = [f for f in rep["findings"] if f["kind"] == "lr_too_low"]
    assert len(low) == 1 and low[0]["loss_part"] == "train/cls_loss", rep["findings"]
    spikes = [f for f in rep["findings"] if f["kind"] == "loss_spike"]
    assert bool(spikes) == spike, rep["findings"]
    assert not spike or "loss_part" not in spikes[0]
