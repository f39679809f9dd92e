"""Shared training helpers of the generalisation corpus (issue 10).

Everything here trains for real, on data made locally (nothing is downloaded):

* data: scikit-learn's digits (8x8 images, 10 classes), ``make_classification`` with
  label noise (``flip_y``), ``make_regression`` with targets in the hundreds, and
  synthetic token sequences (the label is the most frequent token);
* models: MLPs, a small convnet for 8x8 digits, a tiny transformer encoder;
* schedules: torch's own ``lr_scheduler`` classes where one exists (StepLR, MultiStepLR,
  ExponentialLR, CosineAnnealingLR, OneCycleLR, CyclicLR, CosineAnnealingWarmRestarts,
  ReduceLROnPlateau) and ``LambdaLR`` for the rest (warmup, linear, inverse-sqrt, a range
  test, and the "LR is 0 after warmup" scheduler bug);
* loggers: one small class per writer (``torch.utils.tensorboard``, ``tensorboardX``,
  ``tf.summary``), all with ``scalar(tag, value, step, sub="")``; ``sub`` names a
  sub-folder (the tf.summary tutorial's ``train/`` and ``test/`` writers).

``fit(run_dir, seed, cfg, writer)`` trains one run and returns its curve summary (what was
logged), which ``generate.py`` writes beside the event files as ``MARKER``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import time
from typing import Callable, Dict, Optional, Sequence, Tuple

import numpy as np

MARKER = "corpus_summary.json"


def json_safe(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_safe(x) for x in v]
    if isinstance(v, np.floating):
        return json_safe(float(v))
    if isinstance(v, np.integer):
        return int(v)
    return v


def write_summary(run_dir: str, summary: dict) -> None:
    tmp = os.path.join(run_dir, MARKER + ".tmp")
    with open(tmp, "w") as f:
        json.dump(json_safe(summary), f)
    os.replace(tmp, os.path.join(run_dir, MARKER))


def done(run_dir: str) -> bool:
    return os.path.isfile(os.path.join(run_dir, MARKER))


# -- loggers ------------------------------------------------------------------------

class TorchLogger:
    writer = "torch"

    def __init__(self, run_dir: str):
        from torch.utils.tensorboard import SummaryWriter
        self.root, self.w = run_dir, {}
        self._cls = SummaryWriter

    def _get(self, sub: str):
        if sub not in self.w:
            self.w[sub] = self._cls(os.path.join(self.root, sub) if sub else self.root)
        return self.w[sub]

    def scalar(self, tag: str, value: float, step: int, sub: str = "") -> None:
        self._get(sub).add_scalar(tag, float(value), int(step))

    def close(self) -> None:
        for w in self.w.values():
            w.close()


class TBXLogger(TorchLogger):
    writer = "tensorboardx"

    def __init__(self, run_dir: str):
        from tensorboardX import SummaryWriter
        self.root, self.w = run_dir, {}
        self._cls = SummaryWriter


class TFLogger:
    writer = "tfsummary"

    def __init__(self, run_dir: str):
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as tf
        self.tf, self.root, self.w = tf, run_dir, {}

    def scalar(self, tag: str, value: float, step: int, sub: str = "") -> None:
        if sub not in self.w:
            self.w[sub] = self.tf.summary.create_file_writer(
                os.path.join(self.root, sub) if sub else self.root)
        with self.w[sub].as_default():
            self.tf.summary.scalar(tag, float(value), step=int(step))

    def close(self) -> None:
        for w in self.w.values():
            w.flush()
            w.close()


LOGGERS = {"torch": TorchLogger, "tensorboardx": TBXLogger, "tfsummary": TFLogger}


# -- data ---------------------------------------------------------------------------

def _split(X, y, n_val, rng):
    idx = rng.permutation(len(X))
    return X[idx[n_val:]], y[idx[n_val:]], X[idx[:n_val]], y[idx[:n_val]]


def load_data(name: str, seed: int, **kw):
    """-> (Xtr, ytr, Xva, yva, task) as numpy arrays; task is "clf" or "reg"."""
    rng = np.random.RandomState(seed)
    if name == "digits":
        from sklearn.datasets import load_digits
        d = load_digits()
        X = (d.data / 16.0).astype(np.float32)
        X = (X - X.mean(0)) / (X.std(0) + 1e-6)
        y = d.target.astype(np.int64)
        Xtr, ytr, Xva, yva = _split(X, y, kw.get("n_val", 400), rng)
        n_train = kw.get("n_train")
        if n_train:
            Xtr, ytr = Xtr[:n_train], ytr[:n_train]
        noise = kw.get("label_noise", 0.0)
        if noise:
            flip = rng.rand(len(ytr)) < noise
            ytr = ytr.copy()
            ytr[flip] = rng.randint(0, 10, flip.sum())
        return Xtr, ytr, Xva, yva, "clf"
    if name == "clf":
        from sklearn.datasets import make_classification
        n_train, n_val = kw.get("n_train", 1000), kw.get("n_val", 1000)
        X, y = make_classification(
            n_samples=n_train + n_val, n_features=kw.get("n_features", 20),
            n_informative=kw.get("n_informative", 6), n_redundant=kw.get("n_redundant", 2),
            n_classes=kw.get("n_classes", 2), n_clusters_per_class=kw.get("clusters", 2),
            flip_y=kw.get("flip_y", 0.0), class_sep=kw.get("class_sep", 1.0),
            random_state=seed)
        X = X.astype(np.float32)
        X = (X - X.mean(0)) / (X.std(0) + 1e-6)
        return X[:n_train], y[:n_train].astype(np.int64), X[n_train:], \
            y[n_train:].astype(np.int64), "clf"
    if name == "reg":
        from sklearn.datasets import make_regression
        n_train, n_val = kw.get("n_train", 1000), kw.get("n_val", 400)
        X, y = make_regression(n_samples=n_train + n_val, n_features=kw.get("n_features", 10),
                               n_informative=6, noise=kw.get("noise", 10.0), random_state=seed)
        X = X.astype(np.float32)
        y = (y * kw.get("scale", 1.0) + kw.get("offset", 300.0)).astype(np.float32)
        return X[:n_train], y[:n_train], X[n_train:], y[n_train:], "reg"
    if name == "seq":
        vocab, length = kw.get("vocab", 6), kw.get("length", 12)
        n = kw.get("n_train", 2000) + kw.get("n_val", 500)
        X = rng.randint(0, vocab, size=(n, length)).astype(np.int64)
        counts = np.stack([(X == v).sum(1) for v in range(vocab)], 1)
        y = counts.argmax(1).astype(np.int64)
        nt = kw.get("n_train", 2000)
        return X[:nt], y[:nt], X[nt:], y[nt:], "clf"
    raise ValueError(name)


def leaky_digits(seed: int, label_noise: float = 0.3):
    """Train labels 30 % noise; the validation set is 400 of the *training* images with
    their clean labels (a leak: validation far better than training throughout)."""
    from sklearn.datasets import load_digits
    rng = np.random.RandomState(seed)
    d = load_digits()
    X = (d.data / 16.0).astype(np.float32)
    X = (X - X.mean(0)) / (X.std(0) + 1e-6)
    y = d.target.astype(np.int64)
    idx = rng.permutation(len(X))[:1300]
    Xtr, clean = X[idx], y[idx]
    ytr = clean.copy()
    flip = rng.rand(len(ytr)) < label_noise
    ytr[flip] = rng.randint(0, 10, flip.sum())
    return Xtr, ytr, Xtr[:400].copy(), clean[:400].copy(), "clf"


# -- models -------------------------------------------------------------------------

def build_model(kind: str, d_in: int, d_out: int, hidden: Sequence[int] = (64,), **kw):
    import torch
    from torch import nn
    if kind == "mlp":
        layers, d = [], d_in
        for h in hidden:
            layers += [nn.Linear(d, h), nn.ReLU()]
            if kw.get("dropout"):
                layers.append(nn.Dropout(kw["dropout"]))
            d = h
        layers.append(nn.Linear(d, d_out))
        m = nn.Sequential(*layers)
        if kw.get("dead_bias") is not None:  # every hidden ReLU starts dead
            for layer in m:
                if isinstance(layer, nn.Linear) and layer.out_features != d_out:
                    nn.init.constant_(layer.bias, kw["dead_bias"])
        return m
    if kind == "conv":
        class SmallConv(nn.Module):
            def __init__(self):
                super().__init__()
                self.c1 = nn.Conv2d(1, 16, 3, padding=1)
                self.c2 = nn.Conv2d(16, 32, 3, padding=1)
                self.fc = nn.Linear(32 * 2 * 2, d_out)

            def forward(self, x):
                x = x.view(-1, 1, 8, 8)
                x = torch.max_pool2d(torch.relu(self.c1(x)), 2)
                x = torch.max_pool2d(torch.relu(self.c2(x)), 2)
                return self.fc(x.flatten(1))
        return SmallConv()
    if kind == "transformer":
        vocab, dm = kw.get("vocab", 6), kw.get("d_model", 32)

        class TinyTransformer(nn.Module):
            def __init__(self):
                super().__init__()
                self.emb = nn.Embedding(vocab, dm)
                self.pos = nn.Parameter(torch.randn(1, kw.get("length", 12), dm) * 0.1)
                layer = nn.TransformerEncoderLayer(dm, 2, dim_feedforward=64, dropout=0.0,
                                                   batch_first=True)
                self.enc = nn.TransformerEncoder(layer, kw.get("layers", 2),
                                                 enable_nested_tensor=False)
                self.out = nn.Linear(dm, d_out)

            def forward(self, x):
                h = self.enc(self.emb(x) + self.pos)
                return self.out(h.mean(1))
        return TinyTransformer()
    if kind == "yolo":  # a shared trunk, a class head and a "box" (centre of mass) head
        class TwoHead(nn.Module):
            def __init__(self):
                super().__init__()
                self.trunk = nn.Sequential(nn.Linear(d_in, 96), nn.ReLU(), nn.Linear(96, 64),
                                           nn.ReLU())
                self.cls = nn.Linear(64, d_out)
                self.box = nn.Linear(64, 2)

            def forward(self, x):
                h = self.trunk(x)
                return self.cls(h), self.box(h)
        return TwoHead()
    raise ValueError(kind)


def param_groups(model, mults: Optional[Sequence[float]], lr: float):
    """Split parameters into len(mults) groups (first layers -> last), LR lr*mult each."""
    params = [p for p in model.parameters()]
    if not mults:
        return [{"params": params, "lr": lr}]
    chunks = np.array_split(np.arange(len(params)), len(mults))
    return [{"params": [params[i] for i in c], "lr": lr * m} for c, m in zip(chunks, mults)]


# -- schedules ----------------------------------------------------------------------

def build_scheduler(opt, spec: Tuple[str, dict], steps_per_epoch: int, epochs: int):
    """-> (scheduler or None, when): when is "step", "epoch" or "plateau"."""
    import torch.optim.lr_scheduler as S
    name, kw = spec
    total = steps_per_epoch * epochs
    if name == "constant":
        return None, "step"
    if name == "step":
        return S.StepLR(opt, kw.get("step_size", 5), kw.get("gamma", 0.1)), "epoch"
    if name == "multistep":
        return S.MultiStepLR(opt, kw["milestones"], kw.get("gamma", 0.1)), "epoch"
    if name == "exponential":
        return S.ExponentialLR(opt, kw["gamma"]), "epoch"
    if name == "cosine":
        return S.CosineAnnealingLR(opt, total, eta_min=kw.get("eta_min", 0.0)), "step"
    if name == "onecycle":
        return S.OneCycleLR(opt, max_lr=[g["lr"] for g in opt.param_groups], total_steps=total,
                            pct_start=kw.get("pct_start", 0.3),
                            cycle_momentum=kw.get("cycle_momentum", False)), "step"
    if name == "cyclic":
        return S.CyclicLR(opt, base_lr=kw["base_lr"], max_lr=kw["max_lr"],
                          step_size_up=kw["step_size_up"], mode=kw.get("mode", "triangular"),
                          cycle_momentum=False), "step"
    if name == "sgdr":
        return S.CosineAnnealingWarmRestarts(opt, T_0=kw["T_0"], T_mult=kw.get("T_mult", 1),
                                             eta_min=kw.get("eta_min", 0.0)), "step"
    if name == "plateau":
        return S.ReduceLROnPlateau(opt, factor=kw.get("factor", 0.3),
                                   patience=kw.get("patience", 2)), "plateau"
    w = int(kw.get("warmup", 0))
    if name == "warmup_constant":
        f = lambda s: min(1.0, (s + 1) / w)  # noqa: E731
    elif name == "linear":
        f = lambda s: min(1.0, (s + 1) / w) if s < w else max(0.0, (total - s) / max(1, total - w))  # noqa: E731,E501
    elif name == "inverse_sqrt":
        f = lambda s: (s + 1) / w if s < w else math.sqrt(w / (s + 1))  # noqa: E731
    elif name == "zero_bug":  # warmup, then an integer division makes the factor 0
        f = lambda s: (s + 1) / w if s < w else (s // total) * 1.0  # noqa: E731
    elif name == "range":
        lo, hi, n = kw["lo"], kw["hi"], kw["steps"]
        base = opt.param_groups[0]["initial_lr"] if "initial_lr" in opt.param_groups[0] else \
            opt.param_groups[0]["lr"]
        f = lambda s: lo / base * (hi / lo) ** (min(s, n - 1) / (n - 1))  # noqa: E731
    elif name == "bump":  # constant, then a resume that sets the LR mult x higher
        at, mult = kw["at_epoch"] * steps_per_epoch, kw["mult"]
        f = lambda s: 1.0 if s < at else mult  # noqa: E731
    else:
        raise ValueError(name)
    return S.LambdaLR(opt, f), "step"


# -- the training loop --------------------------------------------------------------

@dataclasses.dataclass
class Cfg:
    data: str = "digits"
    data_kw: dict = dataclasses.field(default_factory=dict)
    model: str = "mlp"
    hidden: Tuple[int, ...] = (64,)
    model_kw: dict = dataclasses.field(default_factory=dict)
    opt: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    wd: float = 0.0
    epochs: int = 20
    batch: int = 64
    sched: Tuple[str, dict] = ("constant", {})
    groups: Optional[Tuple[float, ...]] = None  # LR multipliers of param groups
    log: str = "step"                # "step": train loss every log_every steps; "epoch": mean
    log_every: int = 1
    val: bool = True
    acc: bool = True
    log_lr: bool = True
    train_acc: bool = False
    # tags: loss, val_loss, acc, lr (with {i} for groups), train_acc; "sub/tag" may
    # use the "@sub" form: "loss@train" logs tag "loss" into sub-folder "train".
    tags: dict = dataclasses.field(default_factory=dict)
    bad_steps: Tuple[int, ...] = ()  # global steps whose batch has shuffled labels
    bad_epoch_scale: Optional[Tuple[int, float]] = None  # (epoch, x-scale of inputs)
    aug: Optional[Callable[[int, int], float]] = None   # (epoch, epochs) -> input noise std
    max_steps: Optional[int] = None
    stop_on_nan: bool = True
    clip: Optional[float] = None
    step_axis: str = "step"          # per-epoch logs at the "epoch" index or global "step"


DEFAULT_TAGS = {"loss": "train/loss", "val_loss": "val/loss", "acc": "val/acc", "lr": "lr",
                "train_acc": "train/acc"}


def _tag(tags: dict, key: str):
    t = tags.get(key, DEFAULT_TAGS.get(key))
    if t is None:
        return None, ""
    if "@" in t:
        tag, sub = t.split("@", 1)
        return tag, sub
    return t, ""


def fit(run_dir: str, seed: int, cfg: Cfg, writer: str) -> dict:
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    t0 = time.time()
    if cfg.data == "leaky_digits":
        Xtr, ytr, Xva, yva, task = leaky_digits(seed, **cfg.data_kw)
    else:
        Xtr, ytr, Xva, yva, task = load_data(cfg.data, seed, **cfg.data_kw)
    yolo = cfg.model == "yolo"
    if yolo:  # box target: the ink's centre of mass in the 8x8 image (scaled to ~[0, 1])
        def com(X):
            img = (X - X.min()).reshape(-1, 8, 8)
            tot = img.sum((1, 2)) + 1e-6
            r = (img.sum(2) * np.arange(8)).sum(1) / tot / 7
            c = (img.sum(1) * np.arange(8)).sum(1) / tot / 7
            return np.stack([r, c], 1).astype(np.float32)
        btr, bva = com(Xtr), com(Xva)
    d_out = int(max(ytr.max(), yva.max()) + 1) if task == "clf" else 1
    d_in = Xtr.shape[1]
    mkw = dict(cfg.model_kw)
    if cfg.model == "transformer":
        mkw.setdefault("vocab", cfg.data_kw.get("vocab", 6))
        mkw.setdefault("length", cfg.data_kw.get("length", 12))
    model = build_model(cfg.model, d_in, d_out, cfg.hidden, **mkw)
    groups = param_groups(model, cfg.groups, cfg.lr)
    if cfg.opt == "sgd":
        opt = torch.optim.SGD(groups, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.wd)
    elif cfg.opt == "adam":
        opt = torch.optim.Adam(groups, lr=cfg.lr, weight_decay=cfg.wd)
    else:
        opt = torch.optim.AdamW(groups, lr=cfg.lr, weight_decay=cfg.wd or 0.01)
    n = len(Xtr)
    spe = int(math.ceil(n / cfg.batch))
    sched, when = build_scheduler(opt, cfg.sched, spe, cfg.epochs)
    Xtr_t, ytr_t = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xva_t, yva_t = torch.from_numpy(Xva), torch.from_numpy(yva)
    if yolo:
        btr_t, bva_t = torch.from_numpy(btr), torch.from_numpy(bva)
    log = LOGGERS[writer](run_dir)
    tags = dict(DEFAULT_TAGS, **cfg.tags)
    n_groups = len(opt.param_groups)
    curves: Dict[str, list] = {"loss": [], "loss_step": [], "val_loss": [], "val_step": [],
                               "acc": [], "lr": [], "lr_step": [], "lr_groups": []}

    def losses(xb, yb, bb=None):
        out = model(xb)
        if yolo:
            cls = F.cross_entropy(out[0], yb)
            box = F.mse_loss(torch.sigmoid(out[1]), bb) * 20.0
            return cls + box, {"box": box, "cls": cls}, out[0]
        if task == "clf":
            loss = F.cross_entropy(out, yb)
        else:
            loss = F.mse_loss(out.squeeze(1), yb)
        return loss, {}, out

    def log_lr(step):
        if not cfg.log_lr:
            return
        lrs = [g["lr"] for g in opt.param_groups]
        t = tags["lr"]
        for i, v in enumerate(lrs):
            name = t.format(i=i) if "{i}" in t else t
            if "{i}" not in t and i > 0:
                break
            tg, sub = (name.split("@", 1) + [""])[:2] if "@" in name else (name, "")
            log.scalar(tg, v, step, sub)
        curves["lr"].append(lrs[0])
        curves["lr_step"].append(step)
        curves["lr_groups"].append(lrs)

    def scal(key, value, step):
        tg, sub = _tag(tags, key)
        if tg:
            log.scalar(tg, value, step, sub)

    step, nan = 0, False
    for ep in range(cfg.epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(n))
        ep_sum, ep_n, ep_comp = 0.0, 0, {}
        ep_correct = 0
        std = cfg.aug(ep, cfg.epochs) if cfg.aug else 0.0
        for b in range(spe):
            idx = perm[b * cfg.batch:(b + 1) * cfg.batch]
            xb, yb = Xtr_t[idx], ytr_t[idx]
            if std:
                xb = xb + torch.randn_like(xb) * std
            if step in cfg.bad_steps:  # a corrupted batch: labels shuffled among classes
                yb = (yb + torch.randint(1, d_out, yb.shape)) % d_out
            if cfg.bad_epoch_scale and ep == cfg.bad_epoch_scale[0]:
                xb = xb * cfg.bad_epoch_scale[1]
            bb = btr_t[idx] if yolo else None
            loss, comp, out = losses(xb, yb, bb)
            opt.zero_grad()
            loss.backward()
            if cfg.clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip)
            lv = float(loss.detach())
            if cfg.log == "step" and step % cfg.log_every == 0:
                if comp:
                    for k, v in comp.items():
                        scal("loss_" + k, float(v), step)
                else:
                    scal("loss", lv, step)
                curves["loss"].append(lv)
                curves["loss_step"].append(step)
                log_lr(step)
            ep_sum += lv * len(idx)
            ep_n += len(idx)
            for k, v in comp.items():
                ep_comp[k] = ep_comp.get(k, 0.0) + float(v) * len(idx)
            if cfg.train_acc and task == "clf":
                o = out
                ep_correct += int((o.argmax(1) == yb).sum())
            opt.step()
            if sched is not None and when == "step":
                sched.step()
            step += 1
            if not math.isfinite(lv) and cfg.stop_on_nan:
                nan = True
                break
            if cfg.max_steps and step >= cfg.max_steps:
                break
        x = ep if cfg.step_axis == "epoch" else step
        if cfg.log == "epoch":
            mean = ep_sum / max(1, ep_n)
            if ep_comp:
                for k, v in ep_comp.items():
                    scal("loss_" + k, v / ep_n, x)
            else:
                scal("loss", mean, x)
            curves["loss"].append(mean)
            curves["loss_step"].append(x)
            log_lr(x)
        if cfg.train_acc and task == "clf":
            scal("train_acc", ep_correct / max(1, ep_n), x)
        vl = None
        if cfg.val:
            model.eval()
            with torch.no_grad():
                vloss, vcomp, vout = losses(Xva_t, yva_t, bva_t if yolo else None)
            vl = float(vloss)
            if vcomp:
                for k, v in vcomp.items():
                    scal("val_loss_" + k, float(v), x)
            else:
                scal("val_loss", vl, x)
            curves["val_loss"].append(vl)
            curves["val_step"].append(x)
            if cfg.acc and task == "clf":
                a = float((vout.argmax(1) == yva_t).float().mean())
                scal("acc", a, x)
                curves["acc"].append(a)
        if sched is not None and when == "epoch":
            sched.step()
        elif sched is not None and when == "plateau":
            sched.step(vl if vl is not None else ep_sum / max(1, ep_n))
        if nan or (cfg.max_steps and step >= cfg.max_steps):
            break
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": step, "n_groups": n_groups, "curves": curves}


# -- an RL-like run: advantage actor-critic on a small corridor world ---------------------

def fit_rl(run_dir: str, seed: int, writer: str, tags: dict, updates: int = 400,
           lr: float = 3e-3, anneal: bool = True, every: int = 1) -> dict:
    """A2C on a 1-D corridor (8 parallel envs, reward +1 at the right end, -0.01 a step).
    The value loss first *rises* as returns appear, the policy loss wanders around 0 and
    the episodic return climbs: losses that are not meant to fall, and no validation."""
    import torch
    from torch import nn
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    L, n_env, T, gamma = 12, 8, 16, 0.97
    net = nn.Sequential(nn.Linear(L, 64), nn.Tanh(), nn.Linear(64, 3))  # 2 logits + value
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    pos = np.zeros(n_env, np.int64)
    ep_ret, ep_len, finished = np.zeros(n_env), np.zeros(n_env), []
    log = LOGGERS[writer](run_dir)
    curves = {"policy_loss": [], "value_loss": [], "return": [], "lr": [], "step": []}
    t0 = time.time()
    gstep = 0
    for u in range(updates):
        frac = 1.0 - u / updates if anneal else 1.0
        for g in opt.param_groups:
            g["lr"] = lr * frac
        rews, dones, vals, logps, ents = [], [], [], [], []
        for _t in range(T):
            o = torch.zeros(n_env, L)
            o[torch.arange(n_env), torch.from_numpy(pos)] = 1.0
            out = net(o)
            dist = torch.distributions.Categorical(logits=out[:, :2])
            a = dist.sample()
            logps.append(dist.log_prob(a))
            ents.append(dist.entropy())
            vals.append(out[:, 2])
            step_dir = np.where(a.numpy() == 1, 1, -1)
            if rng.rand() < 0.1:
                step_dir = -step_dir
            pos = np.clip(pos + step_dir, 0, L - 1)
            r = np.where(pos == L - 1, 1.0, -0.01)
            d = (pos == L - 1) | (ep_len >= 60)
            ep_ret += r
            ep_len += 1
            for i in np.where(d)[0]:
                finished.append(ep_ret[i])
                ep_ret[i], ep_len[i] = 0.0, 0
            pos = np.where(d, 0, pos)
            rews.append(torch.tensor(r, dtype=torch.float32))
            dones.append(torch.tensor(d, dtype=torch.float32))
        o = torch.zeros(n_env, L)
        o[torch.arange(n_env), torch.from_numpy(pos)] = 1.0
        with torch.no_grad():
            R = net(o)[:, 2]
        rets = []
        for t in reversed(range(T)):
            R = rews[t] + gamma * R * (1 - dones[t])
            rets.append(R)
        rets = torch.stack(rets[::-1])
        V = torch.stack(vals)
        adv = (rets - V).detach()
        pl = -(torch.stack(logps) * adv).mean()
        vl = ((rets - V) ** 2).mean()
        ent = torch.stack(ents).mean()
        loss = pl + 0.5 * vl - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        gstep += T * n_env
        if u % every == 0:
            ret = float(np.mean(finished[-20:])) if finished else -0.6
            for key, v in (("policy_loss", float(pl)), ("value_loss", float(vl)),
                           ("entropy", float(ent)), ("return", ret),
                           ("lr", opt.param_groups[0]["lr"])):
                if key in tags:
                    tg, sub = (tags[key].split("@", 1) + [""])[:2] if "@" in tags[key] \
                        else (tags[key], "")
                    log.scalar(tg, v, gstep, sub)
            curves["policy_loss"].append(float(pl))
            curves["value_loss"].append(float(vl))
            curves["return"].append(ret)
            curves["lr"].append(opt.param_groups[0]["lr"])
            curves["step"].append(gstep)
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": gstep, "rl": True,
            "curves": {"loss": curves["value_loss"], "loss_step": curves["step"],
                       "policy_loss": curves["policy_loss"], "return": curves["return"],
                       "lr": curves["lr"], "lr_step": curves["step"], "val_loss": [],
                       "val_step": [], "acc": []}}


# -- scenario helpers ------------------------------------------------------------------

def scenario(name: str, writer: str, family: str, classes: Tuple[str, ...], story: str,
             cfg: "Cfg", seeds: Tuple[int, ...] = (1, 2, 3), test_seeds: Tuple[int, ...] = (3,)):
    """A Scenario trained by ``fit`` with one writer."""
    from benchmarks.corpus.schema import Scenario

    def train(run_dir: str, seed: int, _cfg=cfg, _w=writer) -> dict:
        return fit(run_dir, seed, _cfg, _w)
    return Scenario(name=name, writer=writer, family=family, classes=tuple(classes),
                    story=story, train=train, seeds=tuple(seeds), test_seeds=tuple(test_seeds))


def rl_scenario(name: str, writer: str, tags: dict, story: str, anneal: bool = True,
                seeds: Tuple[int, ...] = (1, 2, 3), test_seeds: Tuple[int, ...] = (3,),
                **kw):
    from benchmarks.corpus.schema import Scenario

    def train(run_dir: str, seed: int) -> dict:
        return fit_rl(run_dir, seed, writer, tags, anneal=anneal, **kw)
    return Scenario(name=name, writer=writer, family="linear" if anneal else "constant",
                    classes=("rl_like", "per_step"), story=story, train=train,
                    seeds=tuple(seeds), test_seeds=tuple(test_seeds))


def noise_ramp(lo: float, hi: float, until: float = 1.0):
    """Input-noise augmentation whose strength ramps from lo to hi (then holds)."""
    def f(ep: int, epochs: int) -> float:
        x = min(1.0, ep / max(1.0, until * (epochs - 1)))
        return lo + (hi - lo) * x
    return f
