"""PyTorch part of the verdict-accuracy set: real trainings of small MLPs
under good and bad LR schedules, logged with `torch.utils.tensorboard`.

Each scenario is trained under several seeds into
`<out>/torch/<scenario>__s<seed>/` and logged in one of four naming styles
that real PyTorch code uses:

* ``plain``: a hand-written loop, `train/loss` and `train/lr` every step,
  `val/loss` and `val/acc` once per epoch at the global step;
* ``epoch``: per-epoch averages, `Loss/train`, `Loss/val`, `Accuracy/val` and
  `lr`, with the epoch index as the step (the PyTorch tutorial style);
* ``hf``: Hugging Face Trainer-like, `train/loss` (mean of the last 10 steps)
  and `train/learning_rate` every 10 steps, `eval/loss` and `eval/accuracy` per
  epoch, written under `runs/`;
* ``lightning``: Lightning-like, `train_loss_step` every step,
  `train_loss_epoch` and `epoch` per epoch, `lr-<Optimizer>` every step (the
  LearningRateMonitor name), `val_loss` and `val_acc` per epoch, written under
  `lightning_logs/version_0/`.

Labels (`expect_status`, `must`, `optional`) describe what the curves show;
they were checked against the printed curves (`--curves`), not only against
what the schedule was meant to do. `must` are the finding kinds that must
appear; every other kind counts as a false positive, except the few listed in
`optional` (the curve genuinely shows a bit of it, so neither reporting nor
omitting it is an error).

Data (nothing is downloaded): scikit-learn's digits (1280 train / 517 val),
a noisy 4-class `make_classification` set (300 train / 500 val, 56 of 64
features pure noise: overfits fast), and a synthetic regression with targets
in the hundreds (MSE in the thousands: scale-freedom).

    python -m benchmarks.scenarios_torch --out benchmarks/data/accuracy [--only NAME] [--curves]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import shutil
import sys
import time
from typing import Dict, List, Optional, Tuple

from demo.scenarios import MARKER, json_safe

HEALTHY, WARNING, CRITICAL = "healthy", "warning", "critical"
SUBDIR = "torch"
SEEDS = (1, 2, 3)


@dataclasses.dataclass(frozen=True)
class TorchScenario:
    name: str
    title: str
    story: str  # what the curves show (checked on the printed curves)
    expect_status: str
    must: Tuple[str, ...]
    style: str  # plain | epoch | hf | lightning
    epochs: int
    optimizer: str  # sgd | adam | adamw
    lr: float  # base (or peak) LR
    schedule: Tuple[str, Dict[str, float]] = ("constant", {})
    momentum: float = 0.9
    data: str = "digits"  # digits | noisy | regression
    hidden: Tuple[int, ...] = (64,)
    batch_size: int = 64
    validation: bool = True
    log_lr: bool = True
    optional: Tuple[str, ...] = ()
    seeds: Tuple[int, ...] = SEEDS
    # Global steps whose batch is corrupted (inputs x `bad_batch_scale`): a bad
    # data shard, the everyday cause of an isolated loss spike.
    bad_batches: Tuple[int, ...] = ()
    bad_batch_scale: float = 30.0
    # Validation set = 500 of the training images with their clean labels,
    # while 25% of the training labels are noise: a leak (val far better than
    # train throughout).
    leak: bool = False
    # From this epoch on only the output layer's bias trains (the everyday bug
    # of an optimizer rebuilt over the wrong parameters after a warm-up
    # stage): progress stops abruptly while the LR is unchanged.
    freeze_after_epoch: Optional[int] = None

    def expectation(self) -> dict:
        return {"status": self.expect_status, "must": list(self.must),
                "optional": list(self.optional)}


SCENARIOS: List[TorchScenario] = [
    TorchScenario(
        name="t_onecycle_healthy",
        title="SGD+momentum, OneCycleLR to 0.1 over 25 epochs (per step)",
        story="loss falls fast through the LR ramp and settles as the LR anneals; "
              "validation loss follows it down",
        expect_status=HEALTHY, must=(), style="plain", epochs=25, optimizer="sgd",
        lr=0.1, schedule=("onecycle", {})),
    TorchScenario(
        name="t_warmup_cosine_healthy",
        title="AdamW, linear warmup (10% of steps) to 3e-3, cosine to 0, 25 epochs",
        story="smooth descent, flattening as the LR anneals; validation loss follows",
        expect_status=HEALTHY, must=(), style="hf", epochs=25, optimizer="adamw",
        lr=3e-3, schedule=("warmup_cosine", {"warmup": 0.1})),
    TorchScenario(
        name="t_steplr_healthy",
        title="SGD+momentum 0.05, StepLR(step_size=10 epochs, gamma=0.1), 30 epochs",
        story="loss falls, then drops a notch at each LR cut and settles",
        expect_status=HEALTHY, must=(), style="epoch", epochs=30, optimizer="sgd",
        lr=0.05, schedule=("step", {"step_size": 10, "gamma": 0.1})),
    TorchScenario(
        name="t_reduce_on_plateau_healthy",
        title="SGD+momentum 0.1, ReduceLROnPlateau(val loss, factor 0.5, patience 2)",
        story="the LR halves whenever validation loss stalls; the run settles",
        expect_status=HEALTHY, must=(), style="epoch", epochs=30, optimizer="sgd",
        lr=0.1, schedule=("plateau", {"factor": 0.5, "patience": 2})),
    TorchScenario(
        name="t_lr_too_high_oscillates",
        title="SGD+momentum 0.9 at a constant LR of 1.0",
        story="the loss drops in the first epochs, then stalls and bounces up and down "
              "epoch after epoch; validation loss jumps around",
        expect_status=WARNING, must=("oscillation", "constant_lr"), style="lightning",
        epochs=30, optimizer="sgd", lr=1.0, optional=("loss_spike", "accuracy_drop")),
    TorchScenario(
        name="t_lr_far_too_high_diverges",
        title="SGD+momentum, linear warmup towards LR 20 over 10 epochs",
        story="loss falls while the LR is small, then explodes to NaN",
        expect_status=CRITICAL, must=("divergence",), style="plain", epochs=10,
        optimizer="sgd", lr=20.0, schedule=("warmup_cosine", {"warmup": 1.0}),
        optional=("loss_spike",)),
    TorchScenario(
        name="t_lr_too_low",
        title="plain SGD at a constant 1e-4",
        story="loss barely moves from ~2.3 in 20 epochs",
        expect_status=WARNING, must=("lr_too_low", "constant_lr"), style="epoch",
        epochs=20, optimizer="sgd", lr=1e-4, momentum=0.0),
    TorchScenario(
        name="t_lr_too_low_creeps",
        title="plain SGD at a constant 1e-2 (no momentum; ~50x below what this MLP takes)",
        story="the loss creeps down slowly and almost linearly, far from where a good "
              "schedule gets in the same 20 epochs",
        expect_status=WARNING, must=("lr_too_low", "constant_lr"), style="hf",
        epochs=20, optimizer="sgd", lr=1e-2, momentum=0.0, seeds=(1, 2)),
    TorchScenario(
        name="t_decay_too_aggressive",
        title="SGD+momentum from 0.5, ExponentialLR(gamma=0.5) stepped every batch",
        story="the LR is /1000 after 10 steps; the loss moves a little (2.30 -> 2.2) "
              "and freezes right after, still near chance. The first logged point (step "
              "10) is already after the collapse, so the loss looks flat from the start "
              "at LR 1e-3 and below: lr_too_low is an acceptable second reading",
        expect_status=WARNING, must=("decay_too_aggressive",), style="hf", epochs=15,
        optional=("lr_too_low",),
        optimizer="sgd", lr=0.5, schedule=("exponential", {"gamma": 0.5})),
    TorchScenario(
        name="t_decay_too_aggressive_adam",
        title="Adam from 1e-2, ExponentialLR(gamma=0.85) stepped every batch",
        story="the LR is /1000 after ~2 epochs; the loss falls quickly, then freezes "
              "while still far from where a good schedule gets",
        expect_status=WARNING, must=("decay_too_aggressive",), style="plain", epochs=15,
        optimizer="adam", lr=1e-2, schedule=("exponential", {"gamma": 0.85}), seeds=(1, 2)),
    TorchScenario(
        name="t_constant_lr_overfits",
        title="Adam at a constant 1e-3, MLP 256x256, 300 noisy-feature samples",
        story="training loss keeps falling while validation loss bottoms out early "
              "and climbs",
        expect_status=WARNING, must=("overfitting", "constant_lr"), style="lightning",
        epochs=40, optimizer="adam", lr=1e-3, data="noisy", hidden=(256, 256),
        batch_size=32, optional=("accuracy_drop",)),
    TorchScenario(
        name="t_no_validation",
        title="SGD+momentum, cosine from 0.05, no validation logged",
        story="a healthy training curve; overfitting cannot be judged",
        expect_status=HEALTHY, must=("missing_validation",), style="plain", epochs=20,
        optimizer="sgd", lr=0.05, schedule=("warmup_cosine", {"warmup": 0.05}),
        validation=False),
    TorchScenario(
        name="t_no_lr_logged",
        title="AdamW cosine from 2e-3, Lightning-like logs without a LearningRateMonitor",
        story="a healthy run; the schedule cannot be judged without the LR",
        expect_status=HEALTHY, must=("missing_lr",), style="lightning", epochs=20,
        optimizer="adamw", lr=2e-3, schedule=("warmup_cosine", {"warmup": 0.0}),
        log_lr=False),
    TorchScenario(
        name="t_regression_cosine_healthy",
        title="Adam, warmup+cosine from 1e-2, regression with MSE in the thousands",
        story="MSE falls from thousands to tens and flattens; validation follows",
        expect_status=HEALTHY, must=(), style="hf", epochs=25, optimizer="adam",
        lr=1e-2, data="regression", hidden=(64, 64),
        schedule=("warmup_cosine", {"warmup": 0.05})),
]

SCENARIOS += [
    TorchScenario(
        name="t_bad_batches_spike",
        title="AdamW warmup+cosine from 3e-3 (healthy), three corrupted batches "
              "(inputs x30) at steps 200-202",
        story="a smooth descent with one sharp spike at step 200 (loss several times "
              "its level), back on the curve within a few steps",
        expect_status=WARNING, must=("loss_spike",), style="plain", epochs=20,
        optimizer="adamw", lr=3e-3, schedule=("warmup_cosine", {"warmup": 0.1}),
        bad_batches=(200, 201, 202), seeds=(1, 2)),
    TorchScenario(
        name="t_val_leak",
        title="SGD+momentum cosine from 0.05; 25% of training labels are noise and "
              "the 'validation' set is 500 training images with clean labels",
        story="validation loss far below training loss from the first epoch to the "
              "last (the model is scored on images it trains on)",
        expect_status=HEALTHY, must=("possible_leakage",), style="epoch", epochs=30,
        optimizer="sgd", lr=0.05, schedule=("warmup_cosine", {"warmup": 0.05}),
        leak=True, seeds=(1, 2)),
]

SCENARIOS += [
    TorchScenario(
        name="t_stalls_frozen_layers",
        title="SGD+momentum at a constant 0.05; from epoch 2 on only the output bias "
              "is trained (optimizer rebuilt over the wrong parameters)",
        story="the loss falls normally for 2 epochs, then stops dead at ~0.8 (87% acc, "
              "36% of its initial value; the same run without the bug reaches 0.1), "
              "with the LR unchanged",
        expect_status=WARNING, must=("plateau", "constant_lr"), style="plain", epochs=20,
        optimizer="sgd", lr=0.05, freeze_after_epoch=2, seeds=(1, 2)),
]

BY_NAME = {s.name: s for s in SCENARIOS}


def run_name(base: str, seed: int) -> str:
    return "%s__s%d" % (base, seed)


def split_name(name: str):
    base, _, seed = name.rpartition("__s")
    return base, int(seed)


# -- data ---------------------------------------------------------------------

def load_data(kind: str):
    """(x_train, y_train, x_val, y_val) as numpy arrays; fixed split."""
    import numpy as np
    if kind == "digits":
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        x = (x / 16.0).astype("float32")
        idx = np.random.RandomState(0).permutation(len(x))
        x, y = x[idx], y[idx].astype("int64")
        return x[:1280], y[:1280], x[1280:], y[1280:]
    if kind == "noisy":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=800, n_features=64, n_informative=8,
                                   n_redundant=0, n_classes=4, n_clusters_per_class=2,
                                   shuffle=False, random_state=0)
        idx = np.random.RandomState(0).permutation(len(x))
        x, y = x[idx].astype("float32"), y[idx].astype("int64")
        return x[:300], y[:300], x[300:], y[300:]
    if kind == "regression":
        rs = np.random.RandomState(0)
        x = rs.randn(2000, 16).astype("float32")
        w = rs.randn(16)
        y = 100.0 * np.tanh(x @ w / 4.0) + 30.0 * np.sin(x[:, 0] * 2) + 5.0 * rs.randn(2000)
        y = y.astype("float32")[:, None]
        return x[:1500], y[:1500], x[1500:], y[1500:]
    raise ValueError(kind)


# -- logging styles ------------------------------------------------------------

class _Logger:
    """Writes the tags of one naming style; the loop calls `step` and `epoch`."""

    def __init__(self, sc: TorchScenario, out_dir: str, opt_name: str):
        from torch.utils.tensorboard import SummaryWriter
        self.sc = sc
        sub = {"hf": os.path.join("runs", "Nov29_06-00-00_bench"),
               "lightning": os.path.join("lightning_logs", "version_0")}.get(sc.style, "")
        self.w = SummaryWriter(log_dir=os.path.join(out_dir, sub) if sub else out_dir)
        self.opt_name = opt_name
        self.window: List[float] = []
        self.epoch_losses: List[float] = []

    def step(self, gstep: int, loss: float, lr: float) -> None:
        s, w = self.sc, self.w
        self.epoch_losses.append(loss)
        if s.style == "plain":
            w.add_scalar("train/loss", loss, gstep)
            if s.log_lr:
                w.add_scalar("train/lr", lr, gstep)
        elif s.style == "lightning":
            w.add_scalar("train_loss_step", loss, gstep)
            if s.log_lr:
                w.add_scalar("lr-%s" % self.opt_name, lr, gstep)
        elif s.style == "hf":
            self.window.append(loss)
            if (gstep + 1) % 10 == 0:
                w.add_scalar("train/loss", sum(self.window) / len(self.window), gstep + 1)
                if s.log_lr:
                    w.add_scalar("train/learning_rate", lr, gstep + 1)
                w.add_scalar("train/epoch", gstep / 1.0, gstep + 1)
                self.window = []

    def epoch(self, ep: int, gstep: int, lr_epoch: float, val_loss, val_acc) -> None:
        s, w = self.sc, self.w
        mean = sum(self.epoch_losses) / len(self.epoch_losses)
        self.epoch_losses = []
        if s.style == "epoch":
            w.add_scalar("Loss/train", mean, ep)
            if s.log_lr:
                w.add_scalar("lr", lr_epoch, ep)
            if val_loss is not None:
                w.add_scalar("Loss/val", val_loss, ep)
                w.add_scalar("Accuracy/val", val_acc, ep)
        elif s.style == "plain":
            if val_loss is not None:
                w.add_scalar("val/loss", val_loss, gstep)
                if val_acc is not None:
                    w.add_scalar("val/acc", val_acc, gstep)
        elif s.style == "hf":
            if val_loss is not None:
                w.add_scalar("eval/loss", val_loss, gstep)
                if val_acc is not None:
                    w.add_scalar("eval/accuracy", val_acc, gstep)
        elif s.style == "lightning":
            w.add_scalar("train_loss_epoch", mean, gstep)
            w.add_scalar("epoch", ep, gstep)
            if val_loss is not None:
                w.add_scalar("val_loss", val_loss, gstep)
                if val_acc is not None:
                    w.add_scalar("val_acc", val_acc, gstep)

    def close(self):
        self.w.flush()
        self.w.close()


# -- training ------------------------------------------------------------------

def _scheduler(sc: TorchScenario, opt, steps_per_epoch: int):
    """(scheduler, when) where when is "step", "epoch", "plateau" or None."""
    import torch
    kind, p = sc.schedule
    total = sc.epochs * steps_per_epoch
    if kind == "constant":
        return None, None
    if kind == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=sc.lr, total_steps=total), "step"
    if kind == "warmup_cosine":
        warm = int(round(p["warmup"] * total))

        def f(i):
            if i < warm:
                return (i + 1) / warm
            if warm >= total:
                return 1.0
            return 0.5 * (1 + math.cos(math.pi * (i - warm) / (total - warm)))
        return torch.optim.lr_scheduler.LambdaLR(opt, f), "step"
    if kind == "step":
        return torch.optim.lr_scheduler.StepLR(
            opt, step_size=int(p["step_size"]), gamma=p["gamma"]), "epoch"
    if kind == "exponential":
        return torch.optim.lr_scheduler.ExponentialLR(opt, gamma=p["gamma"]), "step"
    if kind == "plateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(
            opt, factor=p["factor"], patience=int(p["patience"])), "plateau"
    raise ValueError(kind)


def run_scenario(sc: TorchScenario, seed: int, root: str) -> dict:
    import numpy as np
    import torch
    from torch import nn

    torch.set_num_threads(1)
    name = run_name(sc.name, seed)
    out_dir = os.path.join(root, name)
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    x_tr, y_tr, x_va, y_va = load_data(sc.data)
    if sc.leak:
        rs = np.random.RandomState(0)
        x_va, y_va = x_tr[:500], y_tr[:500].copy()
        y_tr = y_tr.copy()
        noisy = rs.rand(len(y_tr)) < 0.25
        y_tr[noisy] = rs.randint(0, int(y_tr.max()) + 1, noisy.sum())
    regression = sc.data == "regression"
    torch.manual_seed(seed)
    gen = np.random.RandomState(seed)
    n_in = x_tr.shape[1]
    n_out = 1 if regression else int(y_tr.max()) + 1
    layers, d = [], n_in
    for h in sc.hidden:
        layers += [nn.Linear(d, h), nn.ReLU()]
        d = h
    layers.append(nn.Linear(d, n_out))
    net = nn.Sequential(*layers)
    if sc.optimizer == "sgd":
        opt = torch.optim.SGD(net.parameters(), lr=sc.lr, momentum=sc.momentum)
    elif sc.optimizer == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=sc.lr)
    else:
        opt = torch.optim.AdamW(net.parameters(), lr=sc.lr, weight_decay=0.01)
    loss_fn = nn.MSELoss() if regression else nn.CrossEntropyLoss()
    spe = math.ceil(len(x_tr) / sc.batch_size)
    sched, when = _scheduler(sc, opt, spe)
    log = _Logger(sc, out_dir, type(opt).__name__)
    xt, yt = torch.from_numpy(x_tr), torch.from_numpy(y_tr)
    xv, yv = torch.from_numpy(x_va), torch.from_numpy(y_va)
    curves = {"loss": [], "val_loss": [], "val_acc": [], "lr": []}
    gstep = 0
    t0 = time.time()
    for ep in range(sc.epochs):
        if sc.freeze_after_epoch is not None and ep == sc.freeze_after_epoch:
            last_bias = layers[-1].bias
            for prm in net.parameters():
                if prm is not last_bias:
                    prm.requires_grad_(False)
        net.train()
        perm = torch.from_numpy(gen.permutation(len(x_tr)))
        lr_epoch = opt.param_groups[0]["lr"]
        losses = []
        for b in range(spe):
            idx = perm[b * sc.batch_size:(b + 1) * sc.batch_size]
            lr = opt.param_groups[0]["lr"]
            opt.zero_grad()
            xb = xt[idx] * sc.bad_batch_scale if gstep in sc.bad_batches else xt[idx]
            loss = loss_fn(net(xb), yt[idx])
            loss.backward()
            opt.step()
            lv = float(loss.item())
            losses.append(lv)
            log.step(gstep, lv, lr)
            gstep += 1
            if when == "step":
                sched.step()
        net.eval()
        vl = va = None
        if sc.validation:
            with torch.no_grad():
                out = net(xv)
                vl = float(loss_fn(out, yv).item())
                if not regression:
                    va = float((out.argmax(1) == yv).float().mean().item())
        log.epoch(ep, gstep, lr_epoch, vl, va)
        if when == "epoch":
            sched.step()
        elif when == "plateau":
            sched.step(vl if vl is not None else float(np.mean(losses)))
        curves["loss"].append(float(np.mean(losses)))
        curves["val_loss"].append(vl)
        curves["val_acc"].append(va)
        curves["lr"].append(lr_epoch)
    log.close()
    summary = {"name": name, "scenario": sc.name, "seed": seed, "title": sc.title,
               "story": sc.story, "expect": sc.expectation(), "style": sc.style,
               "steps_per_epoch": spe, "seconds": round(time.time() - t0, 2),
               "curves": curves}
    with open(os.path.join(out_dir, MARKER), "w") as f:
        json.dump(json_safe(summary), f, indent=1)
    return summary


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    return "%.3g" % v


def planned(names: Optional[List[str]] = None):
    return [(sc, seed) for sc in SCENARIOS if not names or sc.name in names
            for seed in sc.seeds]


def generate(out: str, names: Optional[List[str]] = None, force: bool = False,
             curves: bool = False, stream=sys.stdout) -> int:
    root = os.path.join(out, SUBDIR)
    os.makedirs(root, exist_ok=True)
    n = 0
    for sc, seed in planned(names):
        name = run_name(sc.name, seed)
        if not force and os.path.isfile(os.path.join(root, name, MARKER)):
            continue
        s = run_scenario(sc, seed, root)
        n += 1
        stream.write("torch %-40s %5.1fs\n" % (name, s["seconds"]))
        if curves:
            for key in ("loss", "val_loss", "val_acc", "lr"):
                vals = s["curves"][key]
                if any(v is not None for v in vals):
                    stream.write("    %-9s %s\n" % (key, " ".join(_fmt(v) for v in vals)))
        stream.flush()
    return n


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.scenarios_torch")
    p.add_argument("--out", default=os.path.join("benchmarks", "data", "accuracy"))
    p.add_argument("--only", default="")
    p.add_argument("--force", action="store_true")
    p.add_argument("--curves", action="store_true")
    a = p.parse_args(argv)
    names = [n for n in a.only.split(",") if n.strip()] or None
    t0 = time.time()
    n = generate(a.out, names, force=a.force, curves=a.curves)
    print("torch: %d run(s) trained in %.1fs" % (n, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
