"""Hugging Face scenarios of the generalisation corpus: ``transformers.Trainer`` with
``report_to=["tensorboard"]``, ``logging_steps``, ``eval_strategy`` per epoch, ``use_cpu=True``,
and its ``lr_scheduler_type`` families (linear, cosine, constant_with_warmup, inverse_sqrt,
cosine_with_restarts, polynomial). Models are tiny torch modules whose ``forward`` returns
``{"loss", "logits"}`` (an MLP, or a 2-layer transformer encoder built in code): no downloads.
Each run is written to ``<out>/hf/<scenario>__s<seed>/runs/hf/`` (Trainer's ``runs/`` layout).

    python -m benchmarks.corpus.sc_hf --out benchmarks/data/corpus [--only NAME] [--plots DIR]
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
import warnings
from typing import Callable, Dict, Optional

import numpy as np

from benchmarks.corpus import runkit
from benchmarks.corpus.schema import Scenario

WRITER = "hf"


def _model(kind: str, n_in: int, n_out: int, corrupt_steps=()):
    import torch
    from torch import nn

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(n_in, 128), nn.ReLU(), nn.Linear(128, 64),
                                     nn.ReLU(), nn.Linear(64, n_out))
            self.calls = 0

        def forward(self, x, labels=None):
            logits = self.net(x)
            out = {"logits": logits}
            if labels is not None:
                if self.training:
                    if self.calls in corrupt_steps:  # a corrupted batch: labels scrambled
                        labels = (labels + 1 + torch.randint(0, n_out - 1, labels.shape)) % n_out
                    self.calls += 1
                out["loss"] = nn.functional.cross_entropy(logits, labels)
            return out

    class TinyTransformer(nn.Module):
        def __init__(self, vocab=12, length=16, d=32):
            super().__init__()
            self.emb = nn.Embedding(vocab, d)
            self.pos = nn.Parameter(torch.zeros(1, length, d))
            layer = nn.TransformerEncoderLayer(d, nhead=2, dim_feedforward=64, dropout=0.0,
                                               batch_first=True)
            self.enc = nn.TransformerEncoder(layer, num_layers=2)
            self.head = nn.Linear(d, n_out)

        def forward(self, x, labels=None):
            h = self.enc(self.emb(x) + self.pos).mean(1)
            logits = self.head(h)
            out = {"logits": logits}
            if labels is not None:
                out["loss"] = nn.functional.cross_entropy(logits, labels)
            return out

    return TinyTransformer() if kind == "transformer" else MLP()


def _fit(run_dir: str, seed: int, *, data="digits", model="mlp", lr=1e-3,
         sched="linear", warmup=0.0, epochs=10, batch=32, logging_steps=5, evaluate=True,
         log_train=True, sched_kwargs=None, custom_lambda: Optional[Callable] = None,
         n_train=None, corrupt_steps=(), weight_decay=0.0, label_noise=0.0,
         xy=None) -> Dict[str, object]:
    warnings.filterwarnings("ignore")
    import torch
    import transformers
    from transformers import Trainer, TrainingArguments

    transformers.logging.set_verbosity_error()
    torch.set_num_threads(1)
    transformers.set_seed(seed)
    if xy is not None:  # (xt, yt, xv, yv) made by the caller
        xt, yt, xv, yv = xy
    elif data == "digits":
        xt, yt, xv, yv = runkit.digits(seed, n_train)
        if label_noise:
            rng = np.random.default_rng(seed + 7)
            yt = yt.copy()
            bad = rng.random(len(yt)) < label_noise
            yt[bad] = rng.integers(0, 10, bad.sum())
    elif data == "binary":
        xt, yt, xv, yv = runkit.binary(seed, flip_y=0.02, class_sep=1.2)
    elif data == "sequences":
        xt, yt, xv, yv = runkit.sequences(seed)
    else:
        raise ValueError(data)
    n_out = int(max(yt.max(), yv.max())) + 1

    class DS(torch.utils.data.Dataset):
        def __init__(self, x, y):
            self.x, self.y = torch.tensor(x), torch.tensor(y)

        def __len__(self):
            return len(self.y)

        def __getitem__(self, i):
            return {"x": self.x[i], "labels": self.y[i]}

    net = _model(model, xt.shape[1], n_out, corrupt_steps)
    os.environ["TENSORBOARD_LOGGING_DIR"] = os.path.join(run_dir, "runs", "hf")
    args = TrainingArguments(
        output_dir=run_dir, report_to=["tensorboard"], use_cpu=True, seed=seed,
        learning_rate=lr, lr_scheduler_type=sched, warmup_steps=warmup,
        lr_scheduler_kwargs=sched_kwargs or {}, num_train_epochs=epochs,
        per_device_train_batch_size=batch, per_device_eval_batch_size=512,
        logging_strategy="steps" if log_train else "no", logging_steps=logging_steps,
        eval_strategy="epoch" if evaluate else "no", save_strategy="no",
        disable_tqdm=True, remove_unused_columns=False, dataloader_num_workers=0,
        weight_decay=weight_decay)

    def acc(p):
        return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}

    optimizers = (None, None)
    if custom_lambda is not None:
        steps = int(math.ceil(len(yt) / batch)) * epochs
        opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
        optimizers = (opt, torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: custom_lambda(s, steps)))
    trainer = Trainer(model=net, args=args, train_dataset=DS(xt, yt),
                      eval_dataset=DS(xv, yv) if evaluate else None,
                      compute_metrics=acc if evaluate else None, optimizers=optimizers)
    trainer.train()
    hist = trainer.state.log_history
    tr = [h["loss"] for h in hist if "loss" in h]
    ev = [h["eval_loss"] for h in hist if "eval_loss" in h]
    out: Dict[str, object] = {"steps": trainer.state.global_step,
                              "loss": [round(v, 4) for v in tr[:: max(1, len(tr) // 8)]]}
    if ev:
        out["eval_loss"] = [round(v, 4) for v in ev[:: max(1, len(ev) // 8)]]
    return out


def _buggy_cosine(s, total):
    # warmup 10 %, cosine computed over 40 % of the steps and clamped: LR 0 for the last 60 %
    w, end = 0.1 * total, 0.4 * total
    if s < w:
        return (s + 1) / w
    if s >= end:
        return 0.0
    return 0.5 * (1 + math.cos(math.pi * (s - w) / (end - w)))


def t_linear(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", warmup=0.1, epochs=8)


def t_cosine(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine", warmup=0.05, epochs=8)


def t_constant_warmup(d, s):
    return _fit(d, s, lr=1e-3, sched="constant_with_warmup", warmup=0.1, epochs=8)


def t_inverse_sqrt(d, s):
    return _fit(d, s, lr=3e-3, sched="inverse_sqrt", warmup=0.1, epochs=8)


def t_cosine_restarts(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine_with_restarts", warmup=0.05, epochs=9,
                sched_kwargs={"num_cycles": 3})


def t_polynomial(d, s):
    return _fit(d, s, lr=3e-3, sched="polynomial", warmup=0.05, epochs=8,
                sched_kwargs={"power": 2.0, "lr_end": 1e-5})


def t_collapse(d, s):
    return _fit(d, s, data="binary", lr=0.3, sched="linear", warmup=0.4, epochs=8)


def t_zero_lr(d, s):
    return _fit(d, s, lr=3e-4, epochs=10, custom_lambda=_buggy_cosine, batch=64)


def t_fast_crawl(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-2, sched="constant",
                epochs=8, batch=32)


def t_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", epochs=40, n_train=200, batch=16,
                logging_steps=5, label_noise=0.3)


def t_no_eval(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine", warmup=0.05, epochs=8, evaluate=False)


def t_lr_too_low(d, s):
    return _fit(d, s, lr=3e-6, sched="linear", warmup=0.05, epochs=8)


def t_eval_only(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", epochs=8, log_train=False)


def t_tiny(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", warmup=0.1, epochs=3, logging_steps=2)


def t_spikes(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", epochs=15, logging_steps=1,
                corrupt_steps=(250, 480))


def _sc(name, family, classes, story, train, seeds=(1, 2), test=(2,)):
    return Scenario(name=name, writer=WRITER, family=family, classes=tuple(classes),
                    story=story, train=train, seeds=tuple(seeds), test_seeds=tuple(test))


SCENARIOS = [
    _sc("h_linear", "linear", ["per_step"],
        "digits MLP, AdamW 3e-3, linear schedule with 10 % warmup, 8 epochs, logging_steps=5, "
        "eval per epoch", t_linear),
    _sc("h_cosine", "cosine", ["per_step"],
        "digits MLP, AdamW 3e-3, cosine with 5 % warmup, 8 epochs", t_cosine),
    _sc("h_constant_warmup", "constant_warmup", ["per_step"],
        "digits MLP, AdamW 1e-3, constant_with_warmup (10 %)", t_constant_warmup),
    _sc("h_inverse_sqrt", "inverse_sqrt", ["per_step"],
        "digits MLP, AdamW 3e-3, inverse_sqrt after a 10 % warmup", t_inverse_sqrt),
    _sc("h_cosine_restarts", "sgdr", ["per_step"],
        "digits MLP, AdamW 3e-3, cosine_with_restarts (3 cycles), 9 epochs",
        t_cosine_restarts, seeds=(1,), test=()),
    _sc("h_polynomial", "other", ["per_step"],
        "digits MLP, AdamW 3e-3, polynomial decay (power 2) to 1e-5", t_polynomial,
        seeds=(1,), test=(1,)),
    _sc("h_collapse", "linear", ["collapse_no_nan", "per_step"],
        "two-class MLP, AdamW, warmup over 40 % to a far too high 0.3, then linear decay: "
        "learns, then collapses to chance (ln 2) at the peak", t_collapse,
        seeds=(1, 2, 3), test=(3,)),
    _sc("h_zero_lr", "other", ["zero_lr", "per_step"],
        "digits MLP, AdamW 3e-4 via optimizers=(opt, LambdaLR): warmup, then a cosine computed "
        "over 40 % of the steps and clamped: LR exactly 0 for the last 60 %", t_zero_lr),
    _sc("h_fast_crawl", "constant", ["fast_start_crawl", "per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 3e-2, no warmup, "
        "constant schedule", t_fast_crawl),
    _sc("h_overfit", "linear", ["per_step"],
        "200 digits with 30 % of their labels randomised, MLP 128x64, AdamW 3e-3 linear "
        "decay, 40 epochs", t_overfit),
    _sc("h_no_eval", "cosine", ["per_step"],
        "digits MLP, cosine, trained without an eval set", t_no_eval),
    _sc("h_lr_too_low", "linear", ["per_step"],
        "digits MLP, AdamW at 3e-6 (about 1000x too low), linear", t_lr_too_low),
    _sc("h_eval_only", "linear", ["per_epoch"],
        "digits MLP, linear; logging_strategy='no': only the per-epoch eval loss/accuracy "
        "is logged (no training loss, no LR)", t_eval_only, seeds=(1,), test=()),
    _sc("h_tiny", "linear", ["tiny", "per_step"],
        "digits MLP, AdamW 3e-3 linear with warmup, 3 epochs, logging_steps=2", t_tiny,
        seeds=(1,), test=(1,)),
    _sc("h_spikes", "cosine", ["single_point_spikes", "per_step"],
        "digits MLP, AdamW cosine, 15 epochs x 41 steps logged every step; two corrupted "
        "batches (labels scrambled at steps 250 and 480)", t_spikes),
]


# ---- the blind split (fourth session; labelled from the plots only)
def t_bl_restarts_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="cosine_with_restarts", warmup=0.05,
                epochs=10, logging_steps=4, sched_kwargs={"num_cycles": 2})


def t_bl_no_eval_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3, sched="inverse_sqrt",
                warmup=0.1, epochs=8, batch=32, logging_steps=3, evaluate=False)


def BL(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind")


SCENARIOS += [
    BL("h_bl_restarts_binary", "sgdr", ["per_step"],
       "two-class make_classification, MLP 128x64, AdamW 2e-3, cosine_with_restarts (2 "
       "cycles) after a 5 % warmup, 10 epochs, logging_steps=4, eval per epoch: the restart "
       "meant to cause only a mild bump", t_bl_restarts_binary),
    BL("h_bl_no_eval_seq", "inverse_sqrt", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3, inverse_sqrt "
       "after a 10 % warmup, 8 epochs, logging_steps=3; trained without an eval set (no "
       "validation loss logged)", t_bl_no_eval_seq),
]


# -- the blind2 split (fourth session, second blind set; labelled from the plots only)
def t_b2_restart_spike(d, s):
    return _fit(d, s, lr=3e-2, sched="cosine_with_restarts", epochs=12, logging_steps=2,
                sched_kwargs={"num_cycles": 4})


def t_b2_spikes_binary(d, s):
    return _fit(d, s, data="binary", lr=1e-3, sched="cosine", epochs=8, batch=16,
                logging_steps=1, corrupt_steps=(200, 520, 700))


def t_b2_warmup_const_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3,
                sched="constant_with_warmup", warmup=0.15, epochs=8, batch=32,
                logging_steps=5)


def _fast_cut(s, total):
    return 0.3 ** (s / (0.06 * total))


def t_b2_decay_cut(d, s):
    return _fit(d, s, lr=5e-3, epochs=10, batch=64, logging_steps=2, custom_lambda=_fast_cut)


def t_b2_poly_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="polynomial", epochs=6, logging_steps=8,
                sched_kwargs={"power": 0.5, "lr_end": 1e-6})


def B2(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind2")


SCENARIOS += [
    B2("h_b2_restart_spike", "sgdr", ["per_step"],
       "Digits MLP 128x64, AdamW at a high 3e-2, cosine_with_restarts (4 cycles, no "
       "warmup), 12 epochs, logging_steps=2, eval per epoch: each restart jumps the LR from "
       "~0 to 3e-2, meant to throw the loss up for dozens of steps. The plots show only "
       "small bumps of the eval loss and a brief accuracy dip after the first restart, so "
       "it is labelled as what it shows", t_b2_restart_spike),
    B2("h_b2_spikes_binary", "cosine", ["single_point_spikes", "per_step"],
       "Two-class make_classification, MLP 128x64, AdamW 1e-3 cosine, batch 16, 8 epochs "
       "(~900 steps) logged every step; three corrupted batches (labels flipped at steps "
       "200, 520 and 700)", t_b2_spikes_binary),
    B2("h_b2_warmup_const_seq", "constant_warmup", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3, "
       "constant_with_warmup (15 % warmup), batch 32, 8 epochs, logging_steps=5, eval per "
       "epoch", t_b2_warmup_const_seq),
    B2("h_b2_decay_cut", "exponential", ["per_step"],
       "Digits MLP 128x64, AdamW 5e-3 with a LambdaLR that multiplies the LR by 0.3 every 6 "
       "% of the run (LR /1e3 after ~35 %), batch 64, 10 epochs, logging_steps=2: the LR is "
       "gone while the loss is still falling fast. (First try, 1e-3 cut x0.3 every 3 %, "
       "never left ln 10: the LR was gone within the first few steps.)", t_b2_decay_cut),
    B2("h_b2_poly_binary", "other", ["per_step"],
       "Two-class make_classification, MLP 128x64, AdamW 2e-3, polynomial decay (power 0.5) "
       "to 1e-6, 6 epochs, logging_steps=8, eval per epoch", t_b2_poly_binary),
]


# -- the blind3 split (fourth session, third blind set; labelled from the plots only)
def _short_linear(s, total):
    # warmup 5 %, then a linear decay computed over 30 % of the steps and clamped at 0
    w, end = 0.05 * total, 0.3 * total
    if s < w:
        return (s + 1) / w
    return max(0.0, (end - s) / (end - w))


def t_b3_linear_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="linear", warmup=0.1, epochs=10,
                logging_steps=3)


def t_b3_zero_lr_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3, epochs=10, batch=32,
                logging_steps=5, custom_lambda=_short_linear)


def B3(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind3")


SCENARIOS += [
    B3("h_b3_linear_binary", "linear", ["per_step"],
       "Two-class make_classification, MLP 128x64, AdamW 2e-3, linear schedule with 10 % "
       "warmup, 10 epochs, logging_steps=3, eval per epoch", t_b3_linear_binary),
    B3("h_b3_zero_lr_seq", "other", ["zero_lr", "per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3, a LambdaLR "
       "bug: 5 % warmup then a linear decay computed over 30 % of the steps and clamped, so "
       "the LR is exactly 0 for the last 70 %; 10 epochs, logging_steps=5, eval per epoch",
       t_b3_zero_lr_seq),
]


# -- the blind4 split (fifth session, labelled from the plots only)
def _exp_sweep(lo, hi):
    # with learning_rate=1.0: the LR moves every step exponentially from lo to hi
    return lambda s, total: lo * (hi / lo) ** (min(s, total - 1) / max(1, total - 1))


def _raise_at(frac, mult):
    return lambda s, total: 1.0 if s < frac * total else mult


def t_b4_restarts_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3,
                sched="cosine_with_restarts", warmup=0.05, epochs=12, batch=32,
                logging_steps=4, sched_kwargs={"num_cycles": 3})


def t_b4_spikes_linear(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", epochs=18, batch=16, logging_steps=1,
                corrupt_steps=(400, 950, 1300))


def t_b4_noise_floor(d, s):
    return _fit(d, s, lr=2e-3, sched="constant_with_warmup", warmup=0.05, epochs=6,
                batch=16, logging_steps=1, label_noise=0.4)


def t_b4_range_adamw(d, s):
    return _fit(d, s, lr=1.0, epochs=2, batch=16, logging_steps=1, evaluate=False,
                custom_lambda=_exp_sweep(1e-6, 1.0))


def t_b4_acc_drop_raise(d, s):
    return _fit(d, s, lr=5e-4, epochs=14, batch=32, logging_steps=3,
                custom_lambda=_raise_at(0.5, 40.0))


def B4(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind4")


SCENARIOS += [
    B4("h_b4_restarts_seq", "sgdr", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3, "
       "cosine_with_restarts (3 cycles) after a 5 % warmup, batch 32, 12 epochs, "
       "logging_steps=4, eval per epoch: restarts meant to cause only mild bumps",
       t_b4_restarts_seq),
    B4("h_b4_spikes_linear", "linear", ["single_point_spikes", "per_step"],
       "Digits MLP 128x64, AdamW 1e-3, linear decay to 0 (no warmup), batch 16, 18 epochs "
       "(~1480 steps) logged every step; three corrupted batches (labels scrambled at steps "
       "400, 950 and 1300): one-step spikes", t_b4_spikes_linear),
    B4("h_b4_noise_floor", "constant_warmup", ["noise_floor", "per_step"],
       "Digits with 40 % of the training labels randomised (clean eval set), MLP 128x64, "
       "AdamW 2e-3, constant_with_warmup (5 %), batch 16, 6 epochs, logging_steps=1: the "
       "per-step loss bounces around the floor set by the label noise, eval loss flat at its "
       "best. (First try, half the labels randomised, AdamW 5e-4 for 4 epochs: both losses "
       "were still falling steeply at the end.)", t_b4_noise_floor),
    B4("h_b4_range_adamw", "range_test", ["range_test", "per_step"],
       "LR range test: digits MLP 128x64, AdamW, a LambdaLR moving the LR every step "
       "exponentially from 1e-6 to 1 over 2 epochs (batch 16, ~164 steps), logging_steps=1, "
       "no eval set", t_b4_range_adamw),
    B4("h_b4_acc_drop_raise", "other", ["per_step"],
       "Digits MLP 128x64, AdamW 5e-4 constant via a LambdaLR that multiplies the LR by 40 "
       "(to 2e-2) at half of 14 epochs (a resume with the wrong LR), logging_steps=3, eval "
       "per epoch: meant to lose eval accuracy after the raise", t_b4_acc_drop_raise),
]



# -- the blind5 split (fifth session, labelled from the plots only)
def _leaky_digits(seed, noise=0.35, n_val=400):
    # training labels partly randomised; the eval set is n_val of the *training* images with
    # their clean labels (a leak: eval far better than train throughout)
    xt, yt, _xv, _yv = runkit.digits(seed)
    rng = np.random.default_rng(seed + 31)
    pick = rng.choice(len(yt), n_val, replace=False)
    xv, yv = xt[pick].copy(), yt[pick].copy()
    yt = yt.copy()
    bad = rng.random(len(yt)) < noise
    yt[bad] = rng.integers(0, 10, bad.sum())
    return xt, yt, xv, yv


def t_b5_leakage(d, s):
    return _fit(d, s, xy=_leaky_digits(s), lr=1e-3, sched="linear", warmup=0.05, epochs=10,
                batch=32, logging_steps=4)


def t_b5_isqrt_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="inverse_sqrt", warmup=0.08, epochs=10,
                batch=24, logging_steps=3)


def t_b5_fast_crawl(d, s):
    return _fit(d, s, data="binary", lr=2e-2, sched="constant", epochs=12, batch=32,
                logging_steps=4)


def t_b5_too_low_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-5, sched="cosine",
                warmup=0.02, epochs=8, batch=32, logging_steps=5)


def t_b5_poly_decay(d, s):
    return _fit(d, s, lr=3e-4, sched="polynomial", epochs=6, batch=32, logging_steps=2,
                sched_kwargs={"power": 15.0, "lr_end": 1e-9})


def B5(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind5")


SCENARIOS += [
    B5("h_b5_leakage", "linear", ["per_step"],
       "Digits with 35 % of the training labels randomised; the eval set is 400 of the "
       "training images with their clean labels (a leak); MLP 128x64, AdamW 1e-3, linear "
       "schedule with 5 % warmup, batch 32, 10 epochs, logging_steps=4, eval per epoch: eval "
       "loss meant to sit far below train throughout", t_b5_leakage),
    B5("h_b5_isqrt_binary", "inverse_sqrt", ["per_step"],
       "Two-class make_classification, MLP 128x64, AdamW 2e-3, inverse_sqrt after an 8 % "
       "warmup, batch 24, 10 epochs, logging_steps=3, eval per epoch", t_b5_isqrt_binary),
    B5("h_b5_fast_crawl", "constant", ["fast_start_crawl", "per_step"],
       "Two-class make_classification, MLP 128x64, AdamW at a constant 2e-2 (big), no "
       "warmup, batch 32, 12 epochs, logging_steps=4: a fast fall in the first steps, then a "
       "slow noisy crawl", t_b5_fast_crawl),
    B5("h_b5_too_low_seq", "cosine", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-5 (about 100x too "
       "low) with a 2 % warmup and cosine decay, batch 32, 8 epochs, logging_steps=5, eval "
       "per epoch: the loss meant to creep down from the first step", t_b5_too_low_seq),
    B5("h_b5_poly_decay", "other", ["per_step"],
       "Digits MLP 128x64, AdamW 3e-4, polynomial decay with power 15 to 1e-9 (the LR is "
       "~0.5 % of its start by 30 % of the run), batch 32, 6 epochs, logging_steps=2: the LR "
       "collapses while the loss is still high", t_b5_poly_decay),
]



# -- the blind6 split (fifth session, labelled from the plots only)
def _shuffled_digits(seed):
    # labels permuted independently of the images (a join bug): nothing to learn
    xt, yt, xv, yv = runkit.digits(seed)
    rng = np.random.default_rng(seed + 61)
    return xt, rng.permutation(yt), xv, rng.permutation(yv)


def _jump_at_end(s, total):
    return 1.0 if s < total - 12 else 3000.0


def t_b6_chance_mlp(d, s):
    return _fit(d, s, lr=1.0, sched="constant", epochs=8, batch=32, logging_steps=5)


def t_b6_restarts_mild(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="cosine_with_restarts", warmup=0.03,
                epochs=12, batch=32, logging_steps=3, sched_kwargs={"num_cycles": 4})


def t_b6_osc_adamw(d, s):
    return _fit(d, s, lr=3e-2, sched="constant", epochs=10, batch=32, logging_steps=5)


def t_b6_flat_last_jump(d, s):
    return _fit(d, s, xy=_shuffled_digits(s), lr=1e-4, custom_lambda=_jump_at_end, epochs=10,
                batch=32, logging_steps=6)


def B6(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind6")


SCENARIOS += [
    B6("h_b6_chance_mlp", "constant", ["chance_from_start", "per_step"],
       "Digits MLP 128x64, AdamW at a constant 1.0 (far too high), batch 32, 8 epochs, "
       "logging_steps=5, eval per epoch: meant to sit at chance (ln 10) from the start",
       t_b6_chance_mlp),
    B6("h_b6_restarts_mild", "sgdr", ["per_step"],
       "Two-class make_classification, MLP 128x64, AdamW 2e-3, cosine_with_restarts (4 "
       "cycles) after a 3 % warmup, batch 32, 12 epochs, logging_steps=3: restarts meant to "
       "cause only mild bumps", t_b6_restarts_mild),
    B6("h_b6_osc_adamw", "constant", ["per_step"],
       "Digits MLP 128x64, AdamW at a constant 3e-2 (too high), batch 32, 10 epochs, "
       "logging_steps=5, eval per epoch: meant to bounce instead of settling",
       t_b6_osc_adamw),
    B6("h_b6_flat_last_jump", "other", ["flat_then_last_jump", "per_step"],
       "Digits with the labels permuted independently of the images (nothing to learn), MLP "
       "128x64, AdamW 1e-4 under a LambdaLR that multiplies it by 3000 (to 0.3) for the last "
       "12 steps (a bad resume), batch 32, 10 epochs, logging_steps=6: flat at chance, the "
       "last point meant to jump", t_b6_flat_last_jump),
]


# -- the blind7 split (fifth session, labelled from the plots only)
def t_b7_leak_cosine(d, s):
    return _fit(d, s, xy=_leaky_digits(s, noise=0.25), lr=2e-3, sched="cosine", warmup=0.05,
                epochs=8, batch=32, logging_steps=4)


def B7(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind7")


SCENARIOS += [
    B7("h_b7_leak_cosine", "cosine", ["per_step"],
       "Digits with 25 % of the training labels randomised, MLP 128x64, AdamW 2e-3 with a 5 "
       "% warmup then cosine, batch 32, 8 epochs, logging_steps=4; the eval set is 400 of "
       "the training images with their clean labels (a leak): eval meant to sit far below "
       "train throughout", t_b7_leak_cosine),
]


# -- the blind8 split (sixth session, labelled from the plots only)
B8_SWEEP = (1e-5, 1e-3, 1e-1)


def _b8_lr_name(lr):
    return ("%g" % lr).replace(".", "p").replace("-", "m")


def t_b8_wsd_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3,
                sched="warmup_stable_decay", warmup=0.05, epochs=10, batch=32,
                logging_steps=4, sched_kwargs={"num_decay_steps": 100})


def t_b8_rlrop_digits(d, s):
    return _fit(d, s, lr=2e-3, sched="reduce_lr_on_plateau", epochs=14, batch=32,
                logging_steps=5, sched_kwargs={"factor": 0.3, "patience": 1})


def t_b8_collapse_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=0.05, sched="linear",
                warmup=0.3, epochs=10, batch=32, logging_steps=3)


def t_b8_sweep(lr):
    def train(d, s):
        return _fit(d, s, lr=lr, sched="linear", warmup=0.05, epochs=6, batch=32,
                    logging_steps=4)
    return train


def B8(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind8")


SCENARIOS += [
    B8("h_b8_wsd_seq", "other", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3 under "
       "warmup_stable_decay (5 % linear warmup, a constant stage, then a 100-step cosine "
       "decay to 0 at the end), batch 32, 10 epochs, logging_steps=4, eval per epoch",
       t_b8_wsd_seq),
    B8("h_b8_rlrop_digits", "plateau", ["per_step"],
       "Digits MLP 128x64, AdamW 2e-3 with lr_scheduler_type reduce_lr_on_plateau (on the "
       "eval loss, x0.3, patience 1), batch 32, 14 epochs, logging_steps=5, eval per epoch",
       t_b8_rlrop_digits),
    B8("h_b8_collapse_seq", "linear", ["collapse_no_nan", "per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW, linear warmup over "
       "30 % to a far too high 5e-2, then linear decay to 0, batch 32, 10 epochs, "
       "logging_steps=3, eval per epoch: meant to learn during the warmup and collapse to "
       "chance near the peak", t_b8_collapse_seq),
] + [
    B8("h_b8_sweep_lr_" + _b8_lr_name(lr), "linear", ["sweep_member", "per_step"],
       "LR sweep (group h_b8_sweep_adamw): digits MLP 128x64, AdamW with a linear schedule "
       "(5 %% warmup) peaking at %g, batch 32, 6 epochs, logging_steps=4, eval per epoch; "
       "the peak LR is the only difference between members" % lr, t_b8_sweep(lr))
    for lr in B8_SWEEP
]


# -- the blind9 split (sixth session, labelled from the plots only)
def _b9_triangle(period_frac, lo):
    """A triangular cyclic factor lo -> 1 -> lo, period_frac of the run per cycle."""
    def f(s, total):
        p = max(1.0, period_frac * total)
        x = (s % p) / p
        return lo + (1.0 - lo) * (1.0 - abs(2.0 * x - 1.0))
    return f


def _b9_halve_every(n):
    return lambda s, total: 0.5 ** (s / n)


def t_b9_cyclic_lambda(d, s):
    return _fit(d, s, lr=3e-3, custom_lambda=_b9_triangle(0.25, 0.1), epochs=10, batch=32,
                logging_steps=3)


def t_b9_isqrt_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=2e-3, sched="inverse_sqrt",
                warmup=0.08, epochs=12, batch=64, logging_steps=4)


def t_b9_spikes_full(d, s):
    return _fit(d, s, lr=2e-3, sched="linear", epochs=14, batch=16, logging_steps=1,
                corrupt_steps=(350, 800))


def t_b9_overfit_noisy(d, s):
    return _fit(d, s, n_train=400, label_noise=0.4, lr=3e-3, sched="constant", epochs=60,
                batch=16, logging_steps=10)


def t_b9_decay_fast_lambda(d, s):
    return _fit(d, s, lr=1e-3, custom_lambda=_b9_halve_every(8), epochs=10, batch=32,
                logging_steps=4)


def B9(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind9")


SCENARIOS += [
    B9("h_b9_cyclic_lambda", "cyclic", ["cyclic_wiggles", "per_step"],
       "Digits MLP 128x64, AdamW with a LambdaLR triangle between 3e-4 and 3e-3 (four "
       "cycles over the run), batch 32, 10 epochs, logging_steps=3, eval per epoch: "
       "wiggles meant to follow the LR while the trend and eval fall", t_b9_cyclic_lambda),
    B9("h_b9_isqrt_seq", "inverse_sqrt", ["per_step"],
       "2-layer transformer encoder on synthetic token sequences, AdamW 2e-3 with "
       "lr_scheduler_type inverse_sqrt after an 8 % warmup, batch 64, 12 epochs, "
       "logging_steps=4, eval per epoch", t_b9_isqrt_seq),
    B9("h_b9_spikes_full", "linear", ["single_point_spikes", "per_step"],
       "Digits MLP 128x64, AdamW 2e-3 with linear decay to 0, batch 16, 14 epochs (~1150 "
       "steps) and logging_steps=1 (every step at full resolution); the batches at steps "
       "350 and 800 have every label wrong (a corrupted shard): one-step spikes",
       t_b9_spikes_full),
    B9("h_b9_overfit_noisy", "constant", ["per_step"],
       "Only 400 digits for training with 40 % of their labels randomised (clean eval "
       "set), MLP 128x64, AdamW at a constant 3e-3, batch 16, 60 epochs, logging_steps=10, "
       "eval per epoch: meant to memorise the noisy labels while the eval loss turns up",
       t_b9_overfit_noisy),
    B9("h_b9_decay_fast_lambda", "exponential", ["per_step"],
       "Digits MLP 128x64, AdamW 1e-3 with a LambdaLR halving the LR every 8 steps (~1e-6 "
       "of the start after 160 of 410 steps), batch 32, 10 epochs, logging_steps=4, eval "
       "per epoch: the LR collapses while the loss is still high", t_b9_decay_fast_lambda),
]


# -- the blind10 split (sixth session, labelled from the plots only)
def t_b10_cosine_minlr_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1.5e-3,
                sched="cosine_with_min_lr", warmup=0.06, epochs=10, batch=48, logging_steps=3,
                sched_kwargs={"min_lr_rate": 0.1})


def t_b10_noise_floor_warmup(d, s):
    return _fit(d, s, lr=1e-3, sched="constant_with_warmup", warmup=0.05, epochs=5, batch=16,
                logging_steps=1, label_noise=0.35)


def t_b10_plateau_wd(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", epochs=10, batch=32, logging_steps=4,
                weight_decay=20.0)


def t_b10_raise_late(d, s):
    return _fit(d, s, lr=5e-4, custom_lambda=_raise_at(0.6, 80.0), epochs=10, batch=32,
                logging_steps=4)


def t_b10_restarts_binary_hot(d, s):
    return _fit(d, s, data="binary", lr=1.5e-2, sched="cosine_with_restarts", epochs=12,
                batch=16, logging_steps=2, sched_kwargs={"num_cycles": 3})


def B10(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind10")


SCENARIOS += [
    B10("h_b10_cosine_minlr_seq", "cosine", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 1.5e-3 with "
        "lr_scheduler_type cosine_with_min_lr (6 % warmup, floor at 10 % of the peak), batch "
        "48, 10 epochs, logging_steps=3, eval per epoch", t_b10_cosine_minlr_seq),
    B10("h_b10_noise_floor_warmup", "constant_warmup", ["noise_floor", "tiny", "per_step"],
        "Digits with 35 % of the training labels randomised (clean eval set), MLP 128x64, "
        "AdamW 1e-3 constant_with_warmup (5 %), batch 16, 5 epochs, logging_steps=1: the "
        "per-step loss at the floor set by the label noise", t_b10_noise_floor_warmup),
    B10("h_b10_plateau_wd", "linear", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-3 with a linear decay and a far too strong weight decay "
        "(20, meant 0.02), batch 32, 10 epochs, logging_steps=4, eval per epoch: meant to "
        "stall early at a high loss (over-regularised, not an LR effect)", t_b10_plateau_wd),
    B10("h_b10_raise_late", "other", ["per_step"],
        "Digits MLP 128x64, AdamW 5e-4 under a LambdaLR that multiplies it by 80 (to 4e-2) "
        "from 60 % of the run (a bad resume), batch 32, 10 epochs, logging_steps=4, eval per "
        "epoch: meant to lose eval accuracy after the raise", t_b10_raise_late),
    B10("h_b10_restarts_binary_hot", "sgdr", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW 1.5e-2, cosine_with_restarts (3 "
        "cycles, no warmup), batch 16, 12 epochs, logging_steps=2, eval per epoch: each "
        "restart meant to throw the low loss up for a while before it recovers. The plots "
        "show only a mild bump after the first restart, so it is labelled as that",
        t_b10_restarts_binary_hot),
]


# -- the blind11 split (seventh session, labelled from the plots only)
def t_b11_poly_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=2e-3, sched="polynomial",
                warmup=0.05, epochs=10, batch=40, logging_steps=3,
                sched_kwargs={"power": 1.5, "lr_end": 1e-6})


def t_b11_too_low_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-6, sched="constant", epochs=10, batch=32,
                logging_steps=4)


def t_b11_chance_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=0.2, sched="constant",
                epochs=8, batch=32, logging_steps=4)


def t_b11_spikes_binary_long(d, s):
    return _fit(d, s, data="binary", lr=1e-3, sched="cosine", warmup=0.02, epochs=12,
                batch=8, logging_steps=1, corrupt_steps=(900, 2000))


def t_b11_cyclic_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-3,
                custom_lambda=_b9_triangle(0.2, 0.1), epochs=10, batch=32, logging_steps=3)


def B11(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind11")


SCENARIOS += [
    B11("h_b11_poly_seq", "other", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 2e-3 with "
        "lr_scheduler_type polynomial (power 1.5, to 1e-6) after a 5 % warmup, batch 40, 10 "
        "epochs, logging_steps=3, eval per epoch", t_b11_poly_seq),
    B11("h_b11_too_low_binary", "constant", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW at a constant 2e-6 (about 1000x "
        "too low), batch 32, 10 epochs, logging_steps=4, eval per epoch: the loss meant to "
        "creep down from the first step", t_b11_too_low_binary),
    B11("h_b11_chance_seq", "constant", ["chance_from_start", "per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW at a constant 0.2 "
        "(far too high), no warmup, batch 32, 8 epochs, logging_steps=4, eval per epoch: "
        "meant never to leave the starting/chance level", t_b11_chance_seq),
    B11("h_b11_spikes_binary_long", "cosine", ["single_point_spikes", "per_step"],
        "Two-class make_classification, MLP 128x64, AdamW 1e-3 with a 2 % warmup and "
        "cosine decay, batch 8, 12 epochs (~2700 steps) logged every step; the batches at "
        "steps 900 and 2000 have every label wrong (a corrupted shard): one-step spikes",
        t_b11_spikes_binary_long),
    B11("h_b11_cyclic_seq", "cyclic", ["cyclic_wiggles", "per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW with a LambdaLR "
        "triangle between 3e-4 and 3e-3 (five cycles over the run), batch 32, 10 epochs, "
        "logging_steps=3, eval per epoch: wiggles meant to follow the LR while the trend "
        "and eval fall", t_b11_cyclic_seq),
]


# -- the blind12 split (seventh session, second block, labelled from the plots only)
def _b12_geometric(rate):
    """LambdaLR factor rate ** step: the LR melts away within the first few dozen steps."""
    return lambda s, total: rate ** s


def t_b12_warmup_cosine_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=2e-3, sched="cosine",
                warmup=0.1, epochs=12, batch=32, logging_steps=3)


def t_b12_noise_floor_binary(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.3), lr=1e-3, sched="linear",
                warmup=0.05, epochs=8, batch=16, logging_steps=1)


def t_b12_decay_cut_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-3,
                custom_lambda=_b12_geometric(0.9), epochs=10, batch=32, logging_steps=2)


def t_b12_osc_const_warmup_digits(d, s):
    return _fit(d, s, lr=2e-2, sched="constant_with_warmup", warmup=0.05, epochs=12,
                batch=32, logging_steps=2)


def t_b12_restarts_hot_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=5e-3,
                sched="cosine_with_restarts", sched_kwargs={"num_cycles": 3}, epochs=12,
                batch=32, logging_steps=2)


def B12(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind12")


SCENARIOS += [
    B12("h_b12_warmup_cosine_seq", "cosine", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 2e-3 with "
        "lr_scheduler_type cosine after a 10 % warmup, batch 32, 12 epochs, logging_steps=3, "
        "eval per epoch", t_b12_warmup_cosine_seq),
    B12("h_b12_noise_floor_binary", "linear", ["noise_floor", "per_step"],
        "Two-class make_classification with 30 % flipped labels (3000 train), MLP 128x64, "
        "AdamW 1e-3 with a 5 % warmup and a linear decay, batch 16, 8 epochs (1500 steps) "
        "logged every step, eval per epoch: the per-step loss meant to bounce around the "
        "label-noise floor while eval accuracy settles at what the noise allows",
        t_b12_noise_floor_binary),
    B12("h_b12_decay_cut_seq", "exponential", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 3e-3 via "
        "optimizers=(opt, LambdaLR) with the factor 0.9 ** step (a per-epoch decay applied "
        "per step: the LR is 1.7e-5 by step 50 of 380), batch 32, 10 epochs, "
        "logging_steps=2, eval per epoch: learning meant to stop while the loss is still high",
        t_b12_decay_cut_seq),
    B12("h_b12_osc_const_warmup_digits", "constant_warmup", ["per_step"],
        "Digits MLP 128x64, AdamW at 2e-2 (too high) with constant_with_warmup (5 %), batch "
        "32, 12 epochs, logging_steps=2, eval per epoch: meant to bounce instead of settling",
        t_b12_osc_const_warmup_digits),
    B12("h_b12_restarts_hot_seq", "sgdr", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 5e-3 with "
        "cosine_with_restarts (3 cycles, no warmup), batch 32, 12 epochs, logging_steps=2, "
        "eval per epoch: each restart meant to throw the low loss up for a while before it "
        "recovers. The plots show no bump at either restart, so it is labelled as the "
        "healthy SGDR run it is", t_b12_restarts_hot_seq),
]


# -- the blind13 split (seventh session, third block, labelled from the plots only)
def t_b13_linear_digits_bs8(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", warmup=0.05, epochs=6, batch=8,
                logging_steps=10)


def t_b13_constant_seq_tuned(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3, sched="constant",
                epochs=10, batch=64, logging_steps=3)


def t_b13_chance_binary_const(d, s):
    return _fit(d, s, data="binary", lr=0.5, sched="constant", epochs=8, batch=32,
                logging_steps=4)


def t_b13_overfit_small_cosine(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine", epochs=60, n_train=100, batch=16,
                logging_steps=3, label_noise=0.2)


def t_b13_too_low_isqrt_digits(d, s):
    return _fit(d, s, lr=1e-5, sched="inverse_sqrt", warmup=0.1, epochs=8, batch=32,
                logging_steps=4)


def B13(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind13")


SCENARIOS += [
    B13("h_b13_linear_digits_bs8", "linear", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-3 with a 5 % warmup and lr_scheduler_type linear, batch "
        "8, 6 epochs (~980 steps), logging_steps=10, eval per epoch", t_b13_linear_digits_bs8),
    B13("h_b13_constant_seq_tuned", "constant", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW at a constant 1e-3 "
        "(lr_scheduler_type constant, no warmup), batch 64, 10 epochs, logging_steps=3, eval "
        "per epoch: a well-tuned constant LR", t_b13_constant_seq_tuned),
    B13("h_b13_chance_binary_const", "constant", ["chance_from_start", "per_step"],
        "Two-class make_classification, MLP 128x64, AdamW at a constant 0.5 (far too high), "
        "batch 32, 8 epochs, logging_steps=4, eval per epoch: meant never to leave the "
        "starting/chance level", t_b13_chance_binary_const),
    B13("h_b13_overfit_small_cosine", "cosine", ["per_step"],
        "Only 100 training digits with 20 % of their labels randomised (clean eval), MLP "
        "128x64, AdamW 3e-3 with lr_scheduler_type cosine, batch 16, 60 epochs (420 steps), "
        "logging_steps=3, eval per epoch: meant to memorise the noisy labels while the eval "
        "loss turns up", t_b13_overfit_small_cosine),
    B13("h_b13_too_low_isqrt_digits", "inverse_sqrt", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-5 (about 100x too low) with a 10 % warmup and "
        "lr_scheduler_type inverse_sqrt, batch 32, 8 epochs, logging_steps=4, eval per "
        "epoch: meant to creep down from the first step", t_b13_too_low_isqrt_digits),
]


# -- the blind14 split (eighth session, first block, labelled from the plots only)
def _b14_clf5(seed):
    from benchmarks.corpus.common import load_data
    xt, yt, xv, yv, _ = load_data("clf", seed, n_train=3000, n_val=1000, n_classes=5,
                                  n_informative=10)
    return xt, yt, xv, yv


def _b14_seq_noisy(seed, n=400, frac=0.25):
    """A few hundred token sequences, a fraction of the training labels flipped (clean eval)."""
    xt, yt, xv, yv = runkit.sequences(seed, n=n)
    rng = np.random.default_rng(seed + 5)
    yt = yt.copy()
    bad = rng.random(len(yt)) < frac
    yt[bad] = 1 - yt[bad]
    return xt, yt, xv, yv


def _b14_range(lo, hi):
    """LambdaLR factor (the base LR is 1): exponential from lo to hi over the run."""
    return lambda s, total: lo * (hi / lo) ** (min(s, total - 1) / max(1, total - 1))


def t_b14_cosine_5c_bs128(d, s):
    return _fit(d, s, xy=_b14_clf5(s), lr=3e-3, sched="cosine", warmup=0.05, epochs=30,
                batch=128, logging_steps=2)


def t_b14_constant_warmup_bs256(d, s):
    return _fit(d, s, lr=2e-3, sched="constant_with_warmup", warmup=0.1, epochs=40,
                batch=256, logging_steps=1)


def t_b14_range_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1.0,
                custom_lambda=_b14_range(1e-6, 1.0), epochs=3, batch=16, logging_steps=1)


def t_b14_no_eval_noise_floor_bs8(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", warmup=0.05, epochs=5, batch=8,
                logging_steps=1, label_noise=0.4, evaluate=False)


def t_b14_overfit_seq_noisy(d, s):
    return _fit(d, s, xy=_b14_seq_noisy(s), model="transformer", lr=3e-3, sched="constant",
                epochs=60, batch=16, logging_steps=5)


def B14(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind14")


SCENARIOS += [
    B14("h_b14_cosine_5c_bs128", "cosine", ["per_step"],
        "5-class make_classification (3000 train), MLP 128x64, AdamW 3e-3 with a 5 % warmup "
        "and lr_scheduler_type cosine, batch 128, 30 epochs (720 steps), logging_steps=2, "
        "eval per epoch", t_b14_cosine_5c_bs128),
    B14("h_b14_constant_warmup_bs256", "constant_warmup", ["per_step"],
        "Digits MLP 128x64, AdamW 2e-3 with constant_with_warmup (10 %), batch 256 (6 steps "
        "an epoch), 40 epochs, logging_steps=1, eval per epoch",
        t_b14_constant_warmup_bs256),
    B14("h_b14_range_seq", "range_test", ["range_test", "per_step"],
        "LR range test: 2-layer transformer encoder on synthetic token sequences, AdamW via "
        "optimizers=(opt, LambdaLR) with the LR rising exponentially from 1e-6 to 1 over the "
        "run (6 decades, 225 steps), batch 16, 3 epochs, logging_steps=1, eval per epoch",
        t_b14_range_seq),
    B14("h_b14_no_eval_noise_floor_bs8", "linear", ["noise_floor", "tiny", "per_step"],
        "Digits with 40 % of the training labels randomised, MLP 128x64, AdamW 1e-3 with a "
        "5 % warmup and lr_scheduler_type linear, batch 8, 5 epochs (~815 steps), "
        "logging_steps=1; no eval set (no eval loss logged): the per-step loss meant to "
        "bounce around the label-noise floor", t_b14_no_eval_noise_floor_bs8),
    B14("h_b14_overfit_seq_noisy", "constant", ["per_step"],
        "Only 300 token sequences for training with 25 % of their labels flipped (clean "
        "eval of 100), 2-layer transformer encoder, AdamW at a constant 3e-3, batch 16, 60 "
        "epochs (~1140 steps), logging_steps=5, eval per epoch: meant to memorise the noisy "
        "labels while the eval loss turns up", t_b14_overfit_seq_noisy),
]


# -- the blind15 split (eighth session, second block, labelled from the plots only)
def _b15_shuffled_digits(seed):
    """Digits with the labels permuted independently of the images (train and eval)."""
    xt, yt, xv, yv = runkit.digits(seed)
    rng = np.random.default_rng(seed + 3)
    return xt, rng.permutation(yt), xv, rng.permutation(yv)


def t_b15_osc_seq_const(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-2, sched="constant",
                epochs=10, batch=16, logging_steps=3)


def t_b15_noise_floor_isqrt_bs8(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=4000, flip_y=0.35), lr=2e-3,
                sched="inverse_sqrt", warmup=0.05, epochs=6, batch=8, logging_steps=1)


def t_b15_restarts_spike_digits(d, s):
    return _fit(d, s, lr=1e-2, sched="cosine_with_restarts", sched_kwargs={"num_cycles": 4},
                epochs=16, batch=32, logging_steps=1)


def t_b15_shuffled_plateau(d, s):
    return _fit(d, s, xy=_b15_shuffled_digits(s), lr=1e-3, sched="linear", epochs=10,
                batch=32, logging_steps=4)


def t_b15_constant_binary_tuned(d, s):
    return _fit(d, s, data="binary", lr=1e-3, sched="constant", epochs=15, batch=64,
                logging_steps=2)


def B15(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind15")


SCENARIOS += [
    B15("h_b15_osc_seq_const", "constant", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW at a constant 1e-2 "
        "(too high, no warmup), batch 16, 10 epochs, logging_steps=3, eval per epoch: meant "
        "to bounce instead of settling", t_b15_osc_seq_const),
    B15("h_b15_noise_floor_isqrt_bs8", "inverse_sqrt", ["noise_floor", "per_step"],
        "Two-class make_classification with 35 % flipped labels (3000 train), MLP 128x64, "
        "AdamW 2e-3 with a 5 % warmup and lr_scheduler_type inverse_sqrt, batch 8, 6 epochs "
        "(2250 steps) logged every step, eval per epoch: the per-step loss meant to bounce "
        "around the label-noise floor", t_b15_noise_floor_isqrt_bs8),
    B15("h_b15_restarts_spike_digits", "sgdr", ["restart_wide_spike", "per_step"],
        "Digits MLP 128x64, AdamW 1e-2 with cosine_with_restarts (4 cycles, no warmup), "
        "batch 32, 16 epochs (656 steps) logged every step, eval per epoch: each restart "
        "meant to throw the low loss up for a while before it recovers",
        t_b15_restarts_spike_digits),
    B15("h_b15_shuffled_plateau", "linear", ["per_step"],
        "Digits with the labels permuted independently of the images, train and eval (a "
        "pipeline bug: nothing to learn), MLP 128x64, AdamW 1e-3 with a linear decay, batch "
        "32, 10 epochs, logging_steps=4, eval per epoch: meant to stay at chance, eval too",
        t_b15_shuffled_plateau),
    B15("h_b15_constant_binary_tuned", "constant", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW at a constant 1e-3 "
        "(lr_scheduler_type constant), batch 64, 15 epochs, logging_steps=2, eval per "
        "epoch: a well-tuned constant LR", t_b15_constant_binary_tuned),
]


# -- the blind16 split (ninth session, built at its start, labelled from the plots only)
def t_b16_warmup_linear_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-3, sched="linear",
                warmup=0.1, epochs=12, batch=32, logging_steps=4)


def t_b16_osc_hot_binary_const(d, s):
    return _fit(d, s, data="binary", lr=2e-2, sched="constant", epochs=12, batch=32,
                logging_steps=2)


def t_b16_spikes_corrupt_digits(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", epochs=20, batch=16, logging_steps=1,
                corrupt_steps=(500, 1000, 1400))


def t_b16_too_low_seq_linear(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=2e-5, sched="linear",
                epochs=10, batch=32, logging_steps=4)


def t_b16_cosine_digits_bs8(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine", warmup=0.05, epochs=5, batch=8,
                logging_steps=1)


def B16(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind16")


SCENARIOS += [
    B16("h_b16_warmup_linear_seq", "linear", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 1e-3 with a 10 % "
        "warmup and a linear decay to 0, batch 32, 12 epochs, logging_steps=4, eval per "
        "epoch: a standard warmup + linear schedule", t_b16_warmup_linear_seq),
    B16("h_b16_osc_hot_binary_const", "constant", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW at a constant 2e-2 (too high, no "
        "warmup), batch 32, 12 epochs, logging_steps=2, eval per epoch: meant to bounce "
        "instead of settling (the plots show the eval loss climbing from its best rather "
        "than bouncing; labelled as that)", t_b16_osc_hot_binary_const),
    B16("h_b16_spikes_corrupt_digits", "cosine", ["single_point_spikes", "per_step"],
        "Digits MLP 128x64, AdamW 2e-3 with a cosine decay, batch 16, 20 epochs (1640 "
        "steps) logged every step, eval per epoch; the batches at steps 500, 1000 and 1400 "
        "have every label wrong (a corrupted shard): meant as one-step spikes",
        t_b16_spikes_corrupt_digits),
    B16("h_b16_too_low_seq_linear", "linear", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW at 2e-5 (meant "
        "2e-3) with a linear decay, batch 32, 10 epochs, logging_steps=4, eval per epoch: "
        "meant to be slow from its very first step", t_b16_too_low_seq_linear),
    B16("h_b16_cosine_digits_bs8", "cosine", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-3 with a 5 % warmup and a cosine decay, batch 8, 5 "
        "epochs (~815 steps) logged every step, eval per epoch: small-batch noisy but "
        "improving", t_b16_cosine_digits_bs8),
]


# -- the blind17 split (ninth session, built by a helper from the plots only)
def _b17_small_noisy_sequences(seed, n_train=300, flip=0.25):
    """n_train token sequences, a fraction of their labels flipped (clean eval)."""
    xt, yt, xv, yv = runkit.sequences(seed)
    xt, yt = xt[:n_train], yt[:n_train].copy()
    bad = np.random.default_rng(seed + 11).random(len(yt)) < flip
    yt[bad] = 1 - yt[bad]
    return xt, yt, xv, yv


def t_b17_cosine_warmup_digits_bs64(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", warmup=0.08, epochs=12, batch=64,
                logging_steps=3)


def t_b17_linear_binary_bs128(d, s):
    return _fit(d, s, data="binary", lr=3e-3, sched="linear", epochs=20, batch=128,
                logging_steps=2)


def t_b17_far_too_high_digits(d, s):
    return _fit(d, s, lr=1.0, sched="constant", epochs=8, batch=32, logging_steps=2)


def t_b17_decay_too_fast_digits(d, s):
    return _fit(d, s, lr=1e-3, epochs=15, batch=32, logging_steps=2,
                custom_lambda=lambda st, total: 0.5 ** (st / (0.02 * total)))


def t_b17_collapse_peak_seq(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=5e-2, sched="linear",
                warmup=0.4, epochs=12, batch=32, logging_steps=3)


def t_b17_overfit_small_seq(d, s):
    return _fit(d, s, xy=_b17_small_noisy_sequences(s), model="transformer", lr=3e-3,
                sched="constant", epochs=40, batch=16, logging_steps=2)


def B17(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind17")


SCENARIOS += [
    B17("h_b17_cosine_warmup_digits_bs64", "cosine", ["per_step"],
        "Digits MLP 128x64, AdamW 2e-3 with an 8 % warmup and a cosine decay, batch 64, 12 "
        "epochs, logging_steps=3, eval per epoch: a standard warmup + cosine schedule",
        t_b17_cosine_warmup_digits_bs64),
    B17("h_b17_linear_binary_bs128", "linear", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW 3e-3 with a linear decay to 0 and "
        "no warmup, batch 128, 20 epochs, logging_steps=2, eval per epoch: a standard "
        "linear schedule", t_b17_linear_binary_bs128),
    B17("h_b17_far_too_high_digits", "constant", ["chance_from_start", "per_step"],
        "Digits MLP 128x64, AdamW at a constant 1.0 (far too high), batch 32, 8 epochs, "
        "logging_steps=2, eval per epoch: meant never to learn anything",
        t_b17_far_too_high_digits),
    B17("h_b17_decay_too_fast_digits", "exponential", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-3 via optimizers=(opt, LambdaLR) halving the LR every "
        "2 % of the run (3e-5 by 30 %), batch 32, 15 epochs, logging_steps=2, eval per "
        "epoch: the LR decayed away so early that the loss is meant to stall far above "
        "where it would go", t_b17_decay_too_fast_digits),
    B17("h_b17_collapse_peak_seq", "linear", ["collapse_no_nan", "per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW with a 40 % warmup "
        "to 5e-2 (far too high) and a linear decay, batch 32, 12 epochs, logging_steps=3, "
        "eval per epoch: meant to learn while the LR is low and be thrown back to chance "
        "near the peak, never to recover", t_b17_collapse_peak_seq),
    B17("h_b17_overfit_small_seq", "constant", ["per_step"],
        "2-layer transformer encoder trained on only 300 synthetic token sequences with 25 % "
        "of their labels flipped (clean eval, 400), AdamW at a constant 3e-3, batch 16, 40 "
        "epochs (760 steps), logging_steps=2, eval per epoch: meant to memorise the noisy "
        "labels while the eval loss climbs from its best. (First try, 150 clean sequences, "
        "generalised and stayed flat at its floor.)", t_b17_overfit_small_seq),
]


# -- the blind18 split (tenth session, built by a helper from the plots only)
def t_b18_spikes_corrupt_bs16(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", epochs=10, batch=16, logging_steps=1,
                corrupt_steps=(200, 450, 700))


def t_b18_const_warmup_binary(d, s):
    return _fit(d, s, data="binary", lr=1e-3, sched="constant_with_warmup", warmup=0.1,
                epochs=12, batch=64, logging_steps=3)


def t_b18_hot_plateau_digits(d, s):
    return _fit(d, s, lr=3e-2, sched="constant_with_warmup", warmup=0.15, epochs=15,
                batch=32, logging_steps=3)


def t_b18_too_low_digits_cosine(d, s):
    return _fit(d, s, lr=3e-6, sched="cosine", epochs=10, batch=32, logging_steps=3)


def t_b18_no_eval_cosine_binary(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="cosine", warmup=0.05, epochs=10,
                batch=32, logging_steps=2, evaluate=False)


def B18(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind18")


SCENARIOS += [
    B18("h_b18_spikes_corrupt_bs16", "linear", ["single_point_spikes", "per_step"],
        "Digits MLP 128x64, AdamW 1e-3 with a linear decay, batch 16, 10 epochs (~820 "
        "steps) logged every step, eval per epoch; the batches at steps 200, 450 and 700 "
        "have every label wrong (a corrupted shard): meant as one-step spikes",
        t_b18_spikes_corrupt_bs16),
    B18("h_b18_const_warmup_binary", "constant_warmup", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW 1e-3 with a 10 % warmup and then "
        "constant, batch 64, 12 epochs, logging_steps=3, eval per epoch: a standard "
        "constant-with-warmup schedule", t_b18_const_warmup_binary),
    B18("h_b18_hot_plateau_digits", "constant_warmup", ["per_step"],
        "Digits MLP 128x64, AdamW with a 15 % warmup to a constant 3e-2 (too high), batch "
        "32, 15 epochs, logging_steps=3, eval per epoch: meant to learn during the warmup "
        "and then be held well above its best loss (but far below chance)",
        t_b18_hot_plateau_digits),
    B18("h_b18_too_low_digits_cosine", "cosine", ["per_step"],
        "Digits MLP 128x64, AdamW at 3e-6 (meant 3e-3) with a cosine decay, batch 32, 10 "
        "epochs, logging_steps=3, eval per epoch: meant to be slow from its very first step",
        t_b18_too_low_digits_cosine),
    B18("h_b18_no_eval_cosine_binary", "cosine", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW 2e-3 with a 5 % warmup and a "
        "cosine decay, batch 32, 10 epochs, logging_steps=2, no evaluation: a healthy run "
        "that logs no validation", t_b18_no_eval_cosine_binary),
]


# -- the blind19 split (tenth session, built by a helper from the plots only, after blind18)
def _b19_cut_at_5pct(s, total):
    # a step schedule whose only milestone was given in steps instead of epochs: x0.003 at 5 %
    return 1.0 if s < 0.05 * total else 0.003


def t_b19_cut_early_lambda_digits(d, s):
    return _fit(d, s, lr=2e-3, epochs=15, batch=64, logging_steps=2,
                custom_lambda=_b19_cut_at_5pct)


def t_b19_restarts_seq_healthy(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-3,
                sched="cosine_with_restarts", warmup=0.05, epochs=12, batch=32,
                logging_steps=3, sched_kwargs={"num_cycles": 2})


def t_b19_collapse_binary_const_warm(d, s):
    return _fit(d, s, data="binary", lr=0.5, sched="constant_with_warmup", warmup=0.2,
                epochs=10, batch=32, logging_steps=3)


def t_b19_fast_crawl_digits_bs128(d, s):
    return _fit(d, s, lr=1e-2, sched="constant", epochs=15, batch=128, logging_steps=1)


def t_b19_noise_floor_digits_half(d, s):
    return _fit(d, s, lr=1e-3, sched="linear", epochs=6, batch=32, logging_steps=5,
                label_noise=0.5)


def B19(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind19")


SCENARIOS += [
    B19("h_b19_cut_early_lambda_digits", "step", ["per_step"],
        "Digits MLP 128x64, AdamW 2e-3 under a LambdaLR step schedule whose one milestone "
        "was given in steps instead of epochs: x0.003 (6e-6) from 5 % of the run, batch 64, "
        "15 epochs, logging_steps=2, eval per epoch: learning meant to nearly stop after "
        "the cut, far above where it would go", t_b19_cut_early_lambda_digits),
    B19("h_b19_restarts_seq_healthy", "sgdr", ["per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW 3e-3 under "
        "cosine_with_restarts (two cycles, 5 % warmup), batch 32, 12 epochs, "
        "logging_steps=3, eval per epoch: a standard restart schedule at a sane peak",
        t_b19_restarts_seq_healthy),
    B19("h_b19_collapse_binary_const_warm", "constant_warmup", ["collapse_no_nan", "per_step"],
        "Two-class make_classification, MLP 128x64, AdamW with a 20 % warmup to a constant "
        "0.5 (far too high), batch 32, 10 epochs, logging_steps=3, eval per epoch: meant to "
        "learn while the LR is small and be thrown to chance level as it grows, never to "
        "recover", t_b19_collapse_binary_const_warm),
    B19("h_b19_fast_crawl_digits_bs128", "constant", ["fast_start_crawl", "per_step"],
        "Digits MLP 128x64, AdamW at a constant 1e-2 (big), batch 128, 15 epochs (165 "
        "steps) logged every step, eval per epoch: a fast fall in the first steps, then a "
        "slow crawl. The plots show a fall that keeps going to the end (no crawl) with one "
        "eval bump; labelled as that", t_b19_fast_crawl_digits_bs128),
    B19("h_b19_noise_floor_digits_half", "linear", ["noise_floor", "per_step"],
        "Digits with half of the training labels replaced at random (clean eval), MLP "
        "128x64, AdamW 1e-3 with a linear decay, batch 32, 6 epochs, logging_steps=5, eval "
        "per epoch: the train loss meant to fall fast to its label-noise floor and sit there "
        "while the eval loss stays low", t_b19_noise_floor_digits_half),
]


# -- the blind20 split (eleventh session, built by a helper from the plots only, at its start)
def t_b20_wd_plateau_digits(d, s):
    return _fit(d, s, lr=3e-3, sched="constant", epochs=20, batch=64, logging_steps=4,
                weight_decay=3.0)


def t_b20_seq_cosine_hot(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-2, sched="cosine",
                warmup=0.1, epochs=10, batch=32, logging_steps=3)


def t_b20_isqrt_binary_bs16_warm(d, s):
    return _fit(d, s, data="binary", lr=2e-3, sched="inverse_sqrt", warmup=0.1, epochs=8,
                batch=16, logging_steps=1)


def t_b20_overfit_binary_small(d, s):
    return _fit(d, s, xy=runkit.binary(s, n=400, flip_y=0.15), lr=3e-3, sched="constant",
                epochs=80, batch=16, logging_steps=5)


def t_b20_cosine_digits_bs24_wd(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine", warmup=0.02, epochs=14, batch=24,
                logging_steps=7, weight_decay=0.05)


def B20(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind20")


SCENARIOS += [
    B20("h_b20_wd_plateau_digits", "constant", ["per_step"],
        "Digits MLP 128x64, AdamW at a constant 3e-3 with weight_decay 3.0 (meant 3e-2: far "
        "too much regularisation), batch 64, 20 epochs, logging_steps=4, eval per epoch: "
        "meant to stall early at a high loss, train and eval nearly flat for the rest of the "
        "run", t_b20_wd_plateau_digits),
    B20("h_b20_seq_cosine_hot", "cosine", ["collapse_no_nan", "per_step"],
        "2-layer transformer encoder on synthetic token sequences, AdamW with a 10 % warmup "
        "to 3e-2 (too high for this model) and a cosine decay, batch 32, 10 epochs, "
        "logging_steps=3, eval per epoch: meant to learn during the warmup and be held well "
        "above its best loss (but below chance) while the LR is high. The plots show it "
        "collapsing to the class prior (chance) for good; labelled as that",
        t_b20_seq_cosine_hot),
    B20("h_b20_isqrt_binary_bs16_warm", "inverse_sqrt", ["per_step"],
        "Two-class make_classification, MLP 128x64, AdamW under inverse_sqrt after a 10 % "
        "warmup to 2e-3, batch 16, 8 epochs, logged every step, eval per epoch: a healthy "
        "warmup whose noisy per-step loss keeps falling through the peak",
        t_b20_isqrt_binary_bs16_warm),
    B20("h_b20_overfit_binary_small", "constant", ["per_step"],
        "Two-class make_classification with only 300 training rows (15 % flipped labels), "
        "MLP 128x64, AdamW at a constant 3e-3, batch 16, 80 epochs, logging_steps=5, eval "
        "per epoch: meant to memorise the training rows while the eval loss turns up from "
        "its best", t_b20_overfit_binary_small),
    B20("h_b20_cosine_digits_bs24_wd", "cosine", ["per_step"],
        "Digits MLP 128x64, AdamW 1e-3 (weight_decay 0.05) with a 2 % warmup and a cosine "
        "decay, batch 24, 14 epochs, logging_steps=7, eval per epoch: a healthy cosine run",
        t_b20_cosine_digits_bs24_wd),
]


# -- the blind21 split (thirteenth session, built by a helper from the plots only, at its start)

def t_b21_noise_floor_digits_linear(d, s):
    return _fit(d, s, lr=2e-3, sched="linear", epochs=15, batch=32, logging_steps=6,
                label_noise=0.4)


def t_b21_overfit_digits_n200_const(d, s):
    return _fit(d, s, lr=3e-3, sched="constant", epochs=40, batch=16, logging_steps=2,
                n_train=200)


def B21(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind21")


SCENARIOS += [
    B21("h_b21_noise_floor_digits_linear", "linear", ["noise_floor", "per_step"],
        "Digits MLP with 40 % of the training labels replaced at random, AdamW 2e-3 with a "
        "linear decay to 0, batch 32, 15 epochs, logging_steps=6, eval per epoch: meant to "
        "reach the label-noise floor and sit there", t_b21_noise_floor_digits_linear),
    B21("h_b21_overfit_digits_n200_const", "constant", ["per_step"],
        "Digits MLP trained on only 200 images, AdamW at a constant 3e-3, batch 16, 40 "
        "epochs, logging_steps=2, eval per epoch: meant to overfit (eval loss turning up "
        "while the train loss keeps falling)", t_b21_overfit_digits_n200_const),
]


# -- the blind22 split (fourteenth session, built by a helper from the plots only, at its start)

def t_b22_digits_warmup_cosine_healthy(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", warmup=60, epochs=12, batch=32,
                logging_steps=4)


def t_b22_binary_warmup_hot_peak(d, s):
    return _fit(d, s, data="binary", lr=8e-2, sched="linear", warmup=170, epochs=10,
                batch=32, logging_steps=3)


def t_b22_digits_restarts_gentle(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine_with_restarts", warmup=20, epochs=12, batch=32,
                logging_steps=4, sched_kwargs={"num_cycles": 3})


def t_b22_digits_const_fast_crawl(d, s):
    return _fit(d, s, lr=5e-3, sched="constant", epochs=8, batch=32, logging_steps=3,
                weight_decay=0.01)


def t_b22_digits_poly_too_low(d, s):
    return _fit(d, s, lr=5e-6, sched="polynomial", warmup=20, epochs=10, batch=32,
                logging_steps=4)


def B22(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind22")


SCENARIOS += [
    B22("h_b22_digits_warmup_cosine_healthy", "cosine", ["per_step"],
        "Digits MLP 128-64, AdamW 2e-3 with a 60-step warmup and a cosine decay to 0, batch "
        "32, 12 epochs, logging_steps=4, eval per epoch: a healthy warmup-cosine run.",
        t_b22_digits_warmup_cosine_healthy),
    B22("h_b22_binary_warmup_hot_peak", "linear", ["per_step"],
        "Two-class make_classification, MLP 128-64, AdamW warmed up over 170 steps (30 % of "
        "the run) to 8e-2 (far too high) and decayed linearly to 0, batch 32, 10 epochs, "
        "logging_steps=3, eval per epoch: learns in the warmup, meant to be thrown up near the "
        "peak (and perhaps to stay at chance, ln 2).", t_b22_binary_warmup_hot_peak),
    B22("h_b22_digits_restarts_gentle", "sgdr", ["per_step"],
        "Digits MLP 128-64, AdamW 1e-3 under cosine_with_restarts (3 cycles, 20-step warmup), "
        "batch 32, 12 epochs, logging_steps=4, eval per epoch: gentle restarts at a modest "
        "peak (healthy).", t_b22_digits_restarts_gentle),
    B22("h_b22_digits_const_fast_crawl", "constant", ["fast_start_crawl", "per_step"],
        "Digits MLP 128-64, AdamW at a constant 5e-3 with weight decay 0.01, batch 32, 8 "
        "epochs, logging_steps=3, eval per epoch: a fast first two epochs and then a slow "
        "crawl near the floor (healthy). (First tried on the binary data at 1e-2, where the "
        "eval loss only bounced from the first epoch on.)", t_b22_digits_const_fast_crawl),
    B22("h_b22_digits_poly_too_low", "linear", ["per_step"],
        "Digits MLP 128-64, AdamW 5e-6 (meant 5e-3) with a 20-step warmup and a polynomial "
        "(power 1) decay, batch 32, 10 epochs, logging_steps=4, eval per epoch: meant to be "
        "slow from the very first step.", t_b22_digits_poly_too_low),
]


# -- the blind23 split (fourteenth session, built by a helper from the plots only, after blind22
# had been scored once and its misses read)

def t_b23_binary_const_lr05_chance(d, s):
    return _fit(d, s, data="binary", lr=0.5, sched="constant", epochs=8, batch=32,
                logging_steps=3)


def t_b23_binary_restarts_hot(d, s):
    return _fit(d, s, data="binary", lr=5e-2, sched="cosine_with_restarts", warmup=10,
                epochs=12, batch=32, logging_steps=3, sched_kwargs={"num_cycles": 4})


def t_b23_digits150_const_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="constant_with_warmup", warmup=10, epochs=80, batch=32,
                logging_steps=5, n_train=150)


def t_b23_digits_cosine_wd_val_flattens(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine", warmup=20, epochs=20, batch=32,
                logging_steps=5, weight_decay=0.01)


def t_b23_digits_tiny_3ep_linear(d, s):
    return _fit(d, s, lr=2e-3, sched="linear", warmup=10, epochs=3, batch=32,
                logging_steps=2)


def B23(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind23")


SCENARIOS += [
    B23("h_b23_binary_const_lr05_chance", "constant", ["chance_from_start", "per_step"],
        "Two-class make_classification, MLP 128-64, AdamW at a constant 0.5 (meant 5e-4), "
        "batch 32, 8 epochs, logging_steps=3, eval per epoch: meant never to leave chance "
        "(ln 2) from the start.", t_b23_binary_const_lr05_chance),
    B23("h_b23_binary_restarts_hot", "sgdr", ["restart_wide_spike", "per_step"],
        "Two-class make_classification, MLP 128-64, AdamW under cosine_with_restarts from "
        "5e-2 (4 cycles, 10-step warmup), batch 32, 12 epochs, logging_steps=3, eval per "
        "epoch: each restart jumps the LR back to 5e-2 on a nearly converged model, meant to "
        "throw the loss up for dozens of steps.", t_b23_binary_restarts_hot),
    B23("h_b23_digits150_const_overfit", "constant_warmup", ["per_step"],
        "Digits MLP 128-64 trained on only 150 images, AdamW 3e-3 constant after a 10-step "
        "warmup, batch 32, 80 epochs (400 steps), logging_steps=5, eval per epoch on ~400 "
        "held-out images: meant to overfit (val loss turning up while the train loss keeps "
        "falling).", t_b23_digits150_const_overfit),
    B23("h_b23_digits_cosine_wd_val_flattens", "cosine", ["per_step"],
        "Digits MLP 128-64, AdamW 1e-3 with weight decay 0.01, a 20-step warmup and a cosine "
        "to 0, batch 32, 20 epochs, logging_steps=5, eval per epoch: the val loss meant to "
        "flatten at its minimum without turning up (healthy).",
        t_b23_digits_cosine_wd_val_flattens),
    B23("h_b23_digits_tiny_3ep_linear", "linear", ["tiny", "per_step"],
        "Digits MLP 128-64, AdamW 2e-3 with a 10-step warmup and a linear decay to 0, batch "
        "32, 3 epochs, logging_steps=2, eval per epoch (3 evaluations): a tiny healthy run.",
        t_b23_digits_tiny_3ep_linear),
]


# -- the blind24 split (fourteenth session, built by a helper from the plots only, after blind23
# had been scored once and its misses read)

def t_b24_digits_linear_lr03_chance(d, s):
    return _fit(d, s, lr=0.3, sched="linear", warmup=5, epochs=8, batch=32, logging_steps=3)


def t_b24_digits_const_warm_too_low(d, s):
    return _fit(d, s, lr=2e-6, sched="constant_with_warmup", warmup=20, epochs=12, batch=32,
                logging_steps=4)


def t_b24_digits_cosine_log1(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", warmup=15, epochs=10, batch=32,
                logging_steps=1)


def t_b24_digits_cosine_log10(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine", warmup=15, epochs=10, batch=32,
                logging_steps=10)


def B24(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind24")


SCENARIOS += [
    B24("h_b24_digits_linear_lr03_chance", "linear", ["chance_from_start", "per_step"],
        "Digits MLP 128-64, AdamW 0.3 (meant 3e-4) with a 5-step warmup and a linear decay to "
        "0, batch 32, 8 epochs, logging_steps=3, eval per epoch: meant never to leave chance "
        "(ln 10) from the start.", t_b24_digits_linear_lr03_chance),
    B24("h_b24_digits_const_warm_too_low", "constant_warmup", ["per_step"],
        "Digits MLP 128-64, AdamW 2e-6 (meant 2e-4) constant after a 20-step warmup, batch 32, "
        "12 epochs, logging_steps=4, eval per epoch: meant to be slow from the very start.",
        t_b24_digits_const_warm_too_low),
    B24("h_b24_digits_cosine_log1", "cosine", ["per_step"],
        "Digits MLP 128-64, AdamW 2e-3 with a 15-step warmup and a cosine to 0, batch 32, 10 "
        "epochs, logging_steps=1, eval per epoch: a healthy run; the same training as "
        "h_b24_digits_cosine_log10 logged at every step.", t_b24_digits_cosine_log1),
    B24("h_b24_digits_cosine_log10", "cosine", ["per_step"],
        "The same training as h_b24_digits_cosine_log1 (digits MLP 128-64, AdamW 2e-3, 15-step "
        "warmup, cosine to 0, batch 32, 10 epochs, same seed), logging_steps=10.",
        t_b24_digits_cosine_log10),
]


# -- the blind25 split (fourteenth session, built by a helper from the plots only, after blind24
# had been scored once and its misses read)

def t_b25_digits_restarts4_hot(d, s):
    return _fit(d, s, lr=3e-2, sched="cosine_with_restarts", warmup=0, epochs=12, batch=32,
                logging_steps=2, sched_kwargs={"num_cycles": 4})


def t_b25_digits_restarts4_gentle(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine_with_restarts", warmup=0, epochs=12, batch=32,
                logging_steps=2, sched_kwargs={"num_cycles": 4})


def t_b25_digits_n150_const_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="constant", warmup=0, epochs=60, batch=16,
                logging_steps=2, n_train=150)


def B25(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind25")


SCENARIOS += [
    B25("h_b25_digits_restarts4_hot", "sgdr", ["restart_wide_spike", "per_step"],
        "Digits MLP 128-64, AdamW 3e-2 (meant 1e-3) under cosine_with_restarts with 4 cycles "
        "(no warmup), batch 32, 12 epochs, logging_steps=2, eval per epoch: each restart "
        "jumps the LR back to 3e-2 on a settled model, meant to throw the loss up for dozens "
        "of steps.", t_b25_digits_restarts4_hot),
    B25("h_b25_digits_restarts4_gentle", "sgdr", ["per_step"],
        "The same digits MLP 128-64, AdamW 1e-3 under cosine_with_restarts with 4 cycles, "
        "batch 32, 12 epochs, logging_steps=2, eval per epoch: the gentle-restart twin of "
        "h_b25_digits_restarts4_hot (healthy).", t_b25_digits_restarts4_gentle),
    B25("h_b25_digits_n150_const_overfit", "constant", ["per_step"],
        "Digits MLP 128-64 on only 150 training images, AdamW at a constant 3e-3, batch 16, "
        "60 epochs, logging_steps=2, eval per epoch: meant to overfit (val loss turning up "
        "while the train loss keeps falling).", t_b25_digits_n150_const_overfit),
]


# -- the blind26 split (fifteenth session, built by a helper from the plots only, after blind25
# had been scored once and its misses read)

def _b26_moons(seed):
    from sklearn.datasets import make_moons
    x, y = make_moons(n_samples=3000, noise=0.25, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return x[:2000], y[:2000].astype("int64"), x[2000:], y[2000:].astype("int64")


def _b26_clf6(seed):
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=3000, n_features=16, n_informative=10, n_redundant=2,
                               n_classes=6, class_sep=1.5, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return x[:2200], y[:2200].astype("int64"), x[2200:], y[2200:].astype("int64")


def t_b26_moons_warm_peak_hot(d, s):
    return _fit(d, s, lr=0.1, sched="linear", warmup=0.25, epochs=12, batch=32,
                logging_steps=2, xy=_b26_moons(s))


def t_b26_moons_warm_ok(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", warmup=0.25, epochs=12, batch=32,
                logging_steps=2, xy=_b26_moons(s))


def t_b26_clf6_tiny_cosine(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine", warmup=0.1, epochs=3, batch=32,
                logging_steps=1, xy=_b26_clf6(s))


def B26(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind26")


SCENARIOS += [
    B26("h_b26_moons_warm_peak_hot", "linear", ["per_step"],
        "make_moons (2000 train, noise 0.25), MLP 128-64, AdamW warmed up over 25 % of the run "
        "to 0.1 (meant 3e-3), then linear decay to 0, batch 32, 12 epochs, logging_steps=2, "
        "eval per epoch: meant to set the eval loss back by a moderate amount near the peak "
        "and recover as the LR decays.", t_b26_moons_warm_peak_hot),
    B26("h_b26_moons_warm_ok", "linear", ["per_step"],
        "The same moons and MLP 128-64, AdamW warmed up over 25 % to 3e-3, then linear decay "
        "to 0, batch 32, 12 epochs, logging_steps=2, eval per epoch: the healthy warmup twin "
        "of h_b26_moons_warm_peak_hot.", t_b26_moons_warm_ok),
    B26("h_b26_clf6_tiny_cosine", "cosine", ["tiny", "per_step"],
        "6-class make_classification (2200 train, class_sep 1.5), MLP 128-64, AdamW 3e-3 with "
        "a 10 % warmup then a cosine to 0, batch 32, only 3 epochs, logging_steps=1, eval per "
        "epoch: a tiny healthy run.", t_b26_clf6_tiny_cosine),
]


# -- the blind27 split (fifteenth session, built by a helper from the plots only, after blind26
# had been scored once and its misses read)

def t_b27_seq_transformer_const_1e6(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=1e-6, sched="constant",
                epochs=12, batch=32, logging_steps=2)


def t_b27_seq_transformer_linear_3e4(d, s):
    return _fit(d, s, data="sequences", model="transformer", lr=3e-4, sched="linear",
                warmup=0.05, epochs=12, batch=32, logging_steps=2)


def t_b27_digits_const_1e1_chance(d, s):
    return _fit(d, s, lr=0.1, sched="constant", epochs=10, batch=32, logging_steps=2)


def t_b27_binary_n300_flip10_cosine_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="cosine", epochs=60, batch=16, logging_steps=2,
                xy=runkit.binary(s, n=400, flip_y=0.1))


def t_b27_digits_linear_val_creep(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", epochs=30, batch=32, logging_steps=5)


def B27(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind27")


SCENARIOS += [
    B27("h_b27_seq_transformer_const_1e6", "constant", ["per_step"],
        "The file's sequence task (length-16 sequences over 12 tokens, label = whether token 1 "
        "outnumbers token 2; 1200 train), a 2-layer transformer d32, AdamW at a constant 1e-6 "
        "(meant 3e-4), batch 32, 12 epochs, logging_steps=2, eval per epoch: meant to fall "
        "far too slowly from the first step (LR too low).", t_b27_seq_transformer_const_1e6),
    B27("h_b27_seq_transformer_linear_3e4", "linear", ["per_step"],
        "The same sequence task and transformer, AdamW 3e-4 with a 5 % warmup then linear "
        "decay to 0, batch 32, 12 epochs, logging_steps=2, eval per epoch: meant as a slow "
        "but steady fall under a sensible LR (healthy), the twin of "
        "h_b27_seq_transformer_const_1e6. The plots show a steady fall that is not slow (eval "
        "accuracy 1.0 by epoch 6).", t_b27_seq_transformer_linear_3e4),
    B27("h_b27_digits_const_1e1_chance", "constant", ["per_step"],
        "Digits MLP 128-64, AdamW at a constant 0.1 (meant 1e-3), batch 32, 10 epochs, "
        "logging_steps=2, eval per epoch: far too high from the first step, meant never to "
        "leave chance level (ln 10). The plots show it did learn (eval accuracy ~0.8), the "
        "eval loss bouncing between 0.5 and 2.5 instead; labelled as that.",
        t_b27_digits_const_1e1_chance),
    B27("h_b27_binary_n300_flip10_cosine_overfit", "cosine", ["per_step"],
        "Two-class make_classification with only 300 training rows (400 made, 10 % of the "
        "labels flipped), MLP 128-64, AdamW 3e-3 under a cosine to 0, batch 16, 60 epochs, "
        "logging_steps=2, eval per epoch (100 rows): meant to overfit (eval loss turning up "
        "while the train loss keeps falling as the flipped labels are memorised).",
        t_b27_binary_n300_flip10_cosine_overfit),
    B27("h_b27_digits_linear_val_creep", "linear", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW 3e-3 with linear decay to 0, batch 32, 30 "
        "epochs, logging_steps=5, eval per epoch: meant as a healthy run whose eval loss only "
        "creeps up a little late in the run while the accuracy holds.",
        t_b27_digits_linear_val_creep),
]


# -- the blind28 split (fifteenth session, built by a helper from the plots only, after blind27
# had been scored once and its misses read)

def t_b28_digits_warmup_linear_5e2(d, s):
    return _fit(d, s, lr=5e-2, sched="linear", warmup=0.25, epochs=12, batch=32,
                logging_steps=2)


def t_b28_digits_warmup_linear_2e3(d, s):
    return _fit(d, s, lr=2e-3, sched="linear", warmup=0.25, epochs=12, batch=32,
                logging_steps=2)


def t_b28_digits_noise40_cosine_floor(d, s):
    return _fit(d, s, lr=5e-4, sched="cosine", epochs=10, batch=32, logging_steps=2,
                label_noise=0.4)


def t_b28_digits_restarts4_gentle(d, s):
    return _fit(d, s, lr=2e-3, sched="cosine_with_restarts", warmup=0.02, epochs=16,
                batch=32, logging_steps=2, sched_kwargs={"num_cycles": 4})


def B28(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind28")


SCENARIOS += [
    B28("h_b28_digits_warmup_linear_5e2", "linear", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW warmed up linearly over the first 25 % of the "
        "run to 5e-2 (meant 2e-3), then linear decay to 0, batch 32, 12 epochs, "
        "logging_steps=2, eval per epoch: a warmup to a too-high peak, meant to throw the "
        "loss up near the peak.", t_b28_digits_warmup_linear_5e2),
    B28("h_b28_digits_warmup_linear_2e3", "linear", ["per_step"],
        "The same digits MLP 128-64, AdamW with a 25 % linear warmup to 2e-3, then linear "
        "decay, batch 32, 12 epochs, logging_steps=2, eval per epoch: a healthy warmup, the "
        "twin of h_b28_digits_warmup_linear_5e2.", t_b28_digits_warmup_linear_2e3),
    B28("h_b28_digits_noise40_cosine_floor", "cosine", ["noise_floor", "per_step"],
        "Digits (1300 train) with 40 % of the training labels replaced by random ones (clean "
        "eval labels), MLP 128-64, AdamW 5e-4 under a cosine to 0, batch 32, 10 epochs, "
        "logging_steps=2, eval per epoch: meant to stall at the label-noise floor with the "
        "eval loss flat at its minimum (healthy).", t_b28_digits_noise40_cosine_floor),
    B28("h_b28_digits_restarts4_gentle", "sgdr", ["per_step"],
        "Digits MLP 128-64, AdamW 2e-3 under cosine_with_restarts (4 cycles, 2 % warmup), "
        "batch 32, 16 epochs, logging_steps=2, eval per epoch: gentle warm restarts that "
        "should barely lift the loss (healthy). One restart lifted the eval loss ~1.9x for "
        "one epoch.", t_b28_digits_restarts4_gentle),
]

# -- the blind29 split (sixteenth session, built by a helper from the plots only, after blind28
# had been scored once and its misses read)

def t_b29_digits_warmup_cosine_15e3(d, s):
    return _fit(d, s, lr=1.5e-2, sched="cosine", warmup=0.2, epochs=12, batch=32,
                logging_steps=2)


def t_b29_digits_warmup_cosine_1e3(d, s):
    return _fit(d, s, lr=1e-3, sched="cosine", warmup=0.2, epochs=12, batch=32,
                logging_steps=2)


def t_b29_digits_n400_linear_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="linear", epochs=40, batch=16, logging_steps=2,
                n_train=400)


def B29(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind29")


SCENARIOS += [
    B29("h_b29_digits_warmup_cosine_15e3", "cosine", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW warmed up linearly over the first 20 % of the "
        "run to 1.5e-2 (meant 1e-3; a bit too high), then cosine to 0, batch 32, 12 epochs, "
        "logging_steps=2, eval per epoch: meant to throw the loss up 1.5-2.5x near the peak, "
        "then recover.", t_b29_digits_warmup_cosine_15e3),
    B29("h_b29_digits_warmup_cosine_1e3", "cosine", ["per_step"],
        "The same digits MLP 128-64, AdamW with a 20 % linear warmup to 1e-3, then cosine, "
        "batch 32, 12 epochs, logging_steps=2, eval per epoch: a healthy warmup, the twin of "
        "h_b29_digits_warmup_cosine_15e3.", t_b29_digits_warmup_cosine_1e3),
    B29("h_b29_digits_n400_linear_overfit", "linear", ["per_step"],
        "Digits with only 400 training images, MLP 128-64, AdamW 3e-3 with a linear decay to "
        "0, batch 16, 40 epochs, logging_steps=2, eval per epoch: meant to overfit (eval "
        "loss turning up while the train loss keeps falling). The eval loss only crept up "
        "~14 % from its minimum; labelled as that.",
        t_b29_digits_n400_linear_overfit),
]

def t_b29_digits_warmup_cosine_1e1(d, s):
    return _fit(d, s, lr=1e-1, sched="cosine", warmup=0.2, epochs=12, batch=32,
                logging_steps=2)


SCENARIOS += [
    B29("h_b29_digits_warmup_cosine_1e1", "cosine", ["per_step"],
        "The same digits MLP 128-64, AdamW with a 20 % linear warmup to 0.1 (meant 1e-3, "
        "far too high), then cosine, batch 32, 12 epochs, logging_steps=2, eval per epoch: "
        "meant to collapse near the warmup peak.", t_b29_digits_warmup_cosine_1e1),
]


def t_b29_digits_n400_noise20_const_overfit(d, s):
    return _fit(d, s, lr=3e-3, sched="constant", epochs=50, batch=16, logging_steps=2,
                n_train=400, label_noise=0.2)


SCENARIOS += [
    B29("h_b29_digits_n400_noise20_const_overfit", "constant", ["per_step"],
        "Digits with only 400 training images, 20 % of their labels replaced by random ones "
        "(clean eval labels), MLP 128-64, AdamW at a constant 3e-3, batch 16, 50 epochs, "
        "logging_steps=2, eval per epoch: meant to overfit (the model memorises the noisy "
        "labels; eval loss turning up while the train loss keeps falling).",
        t_b29_digits_n400_noise20_const_overfit),
]

# -- the blind30 split (seventeenth session, built by a helper from the plots only, after
# blind29 had been scored once and its misses read)

def _b30_fit(run_dir, seed, *, data="digits", model="mlp", lr=1e-3, sched="linear",
             warmup=0, epochs=10, batch=32, logging_steps=1, grad_accum=1, eval_steps=0,
             sched_kwargs=None, weight_decay=0.0):
    """Like _fit, with gradient accumulation (``gradient_accumulation_steps``: Trainer logs
    per optimiser step) and evaluation every ``eval_steps`` optimiser steps (0: per
    epoch)."""
    warnings.filterwarnings("ignore")
    import torch
    import transformers
    from transformers import Trainer, TrainingArguments

    transformers.logging.set_verbosity_error()
    torch.set_num_threads(1)
    transformers.set_seed(seed)
    if data == "digits":
        xt, yt, xv, yv = runkit.digits(seed)
    elif data == "binary":
        xt, yt, xv, yv = runkit.binary(seed, flip_y=0.02, class_sep=1.2)
    elif data == "sequences":
        xt, yt, xv, yv = runkit.sequences(seed)
    else:
        raise ValueError(data)
    n_out = int(max(yt.max(), yv.max())) + 1

    class DS(torch.utils.data.Dataset):
        def __init__(self, x, y):
            self.x, self.y = torch.tensor(x), torch.tensor(y)

        def __len__(self):
            return len(self.y)

        def __getitem__(self, i):
            return {"x": self.x[i], "labels": self.y[i]}

    net = _model(model, xt.shape[1], n_out)
    os.environ["TENSORBOARD_LOGGING_DIR"] = os.path.join(run_dir, "runs", "hf")
    args = TrainingArguments(
        output_dir=run_dir, report_to=["tensorboard"], use_cpu=True, seed=seed,
        learning_rate=lr, lr_scheduler_type=sched, warmup_steps=warmup,
        lr_scheduler_kwargs=sched_kwargs or {}, num_train_epochs=epochs,
        per_device_train_batch_size=batch, per_device_eval_batch_size=512,
        gradient_accumulation_steps=grad_accum,
        logging_strategy="steps", logging_steps=logging_steps,
        eval_strategy="steps" if eval_steps else "epoch", eval_steps=eval_steps or None,
        save_strategy="no", disable_tqdm=True, remove_unused_columns=False,
        dataloader_num_workers=0, weight_decay=weight_decay)

    def acc(p):
        return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}

    trainer = Trainer(model=net, args=args, train_dataset=DS(xt, yt), eval_dataset=DS(xv, yv),
                      compute_metrics=acc)
    trainer.train()
    hist = trainer.state.log_history
    tr = [h["loss"] for h in hist if "loss" in h]
    ev = [h["eval_loss"] for h in hist if "eval_loss" in h]
    return {"steps": trainer.state.global_step,
            "loss": [round(v, 4) for v in tr[:: max(1, len(tr) // 8)]],
            "eval_loss": [round(v, 4) for v in ev[:: max(1, len(ev) // 8)]]}


def t_b30_digits_accum4_poly_eval20(d, s):
    return _b30_fit(d, s, lr=3e-3, sched="polynomial", warmup=20, epochs=30, batch=16,
                    grad_accum=4, logging_steps=1, eval_steps=20,
                    sched_kwargs={"power": 2.0, "lr_end": 1e-6})


def t_b30_seq_transformer_tiny_3ep_5e2(d, s):
    return _b30_fit(d, s, data="sequences", model="transformer", lr=5e-2, sched="constant",
                    epochs=3, batch=32, logging_steps=1)


def t_b30_binary_const_2e2_bs16(d, s):
    return _b30_fit(d, s, data="binary", lr=2e-2, sched="constant", epochs=25, batch=16,
                    logging_steps=3)


def B30(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind30")


SCENARIOS += [
    B30("h_b30_digits_accum4_poly_eval20", "other", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW 3e-3 with a 20-step warmup then polynomial "
        "decay (power 2) to 1e-6, per-device batch 16 with gradient_accumulation_steps=4 "
        "(one optimiser step every 4 batches, 21 a epoch), 30 epochs, logging_steps=1 (the "
        "loss and LR once per optimiser step, the step axis the optimiser step), eval every "
        "20 optimiser steps: meant healthy.", t_b30_digits_accum4_poly_eval20),
    B30("h_b30_seq_transformer_tiny_3ep_5e2", "constant", ["tiny", "per_step"],
        "The synthetic token-sequence task (is token 1 more frequent than token 2; 1200 "
        "train), a 2-layer tiny transformer, AdamW at a constant 5e-2 (meant 1e-3), batch "
        "32, only 3 epochs, logging_steps=1, eval per epoch: a tiny run with a far too high "
        "LR, meant not to learn.", t_b30_seq_transformer_tiny_3ep_5e2),
    B30("h_b30_binary_const_2e2_bs16", "constant", ["per_step"],
        "Two-class make_classification (1800 train, class_sep 1.2), MLP 128-64, AdamW at a "
        "constant 2e-2 (a bit too high), batch 16, 25 epochs, logging_steps=3, eval per "
        "epoch: meant to make the eval loss jump in the first half, then settle. It did not "
        "settle: the eval loss bounces and climbs over the second half while the train loss "
        "keeps falling; labelled as that.",
        t_b30_binary_const_2e2_bs16),
]


# -- the blind31 split (seventeenth session, built by a helper from the plots only, after
# blind30 had been scored once and its misses read)

def t_b31_digits_warmup150_linear_5e2(d, s):
    return _b30_fit(d, s, lr=5e-2, sched="linear", warmup=150, epochs=12, batch=32,
                    logging_steps=1)


def t_b31_digits_warmup150_cosine_2e3(d, s):
    return _b30_fit(d, s, lr=2e-3, sched="cosine", warmup=150, epochs=12, batch=32,
                    logging_steps=1)


def t_b31_digits_restarts4_3e2(d, s):
    return _b30_fit(d, s, lr=3e-2, sched="cosine_with_restarts", epochs=16, batch=32,
                    logging_steps=1, sched_kwargs={"num_cycles": 4})


def t_b31_digits_restarts4_1e3(d, s):
    return _b30_fit(d, s, lr=1e-3, sched="cosine_with_restarts", epochs=16, batch=32,
                    logging_steps=1, sched_kwargs={"num_cycles": 4})


def B31(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind31")


SCENARIOS += [
    B31("h_b31_digits_warmup150_linear_5e2", "linear", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW with a 150-step linear warmup to 5e-2 "
        "(meant 2e-3) then linear decay to 0, batch 32, 12 epochs (492 steps), "
        "logging_steps=1, eval per epoch: a warmup to a far too high peak, meant to throw "
        "the loss up near the peak.", t_b31_digits_warmup150_linear_5e2),
    B31("h_b31_digits_warmup150_cosine_2e3", "cosine", ["per_step"],
        "The same digits MLP 128-64, AdamW with a 150-step linear warmup to 2e-3 then cosine "
        "to 0, batch 32, 12 epochs, logging_steps=1, eval per epoch: a healthy warmup, the "
        "look-alike of h_b31_digits_warmup150_linear_5e2.", t_b31_digits_warmup150_cosine_2e3),
    B31("h_b31_digits_restarts4_3e2", "sgdr", ["restart_wide_spike", "per_step"],
        "Digits MLP 128-64, AdamW under cosine_with_restarts (4 hard restarts over the run) "
        "from 3e-2, batch 32, 16 epochs, logging_steps=1, eval per epoch: restarts to a high "
        "LR, meant to throw the loss up for dozens of steps at each restart.",
        t_b31_digits_restarts4_3e2),
    B31("h_b31_digits_restarts4_1e3", "sgdr", ["per_step"],
        "The same digits MLP 128-64 and cosine_with_restarts (4 cycles), AdamW from 1e-3, "
        "batch 32, 16 epochs, logging_steps=1, eval per epoch: gentle restarts (healthy), "
        "the twin of h_b31_digits_restarts4_3e2.", t_b31_digits_restarts4_1e3),
]


# -- the blind32 split (seventeenth session, built by a helper from the plots only, after
# blind31 had been scored once and its misses read)

def t_b32_digits_accum4_eval25_cosine_2e3(d, s):
    return _b30_fit(d, s, lr=2e-3, sched="cosine", warmup=10, epochs=20, batch=8,
                    grad_accum=4, logging_steps=1, eval_steps=25)


def t_b32_binary_accum4_eval20_const_3e1(d, s):
    return _b30_fit(d, s, data="binary", lr=0.3, sched="constant", epochs=15, batch=8,
                    grad_accum=4, logging_steps=1, eval_steps=20)


def t_b32_seq_transformer_warmup60_linear_1e2(d, s):
    return _b30_fit(d, s, data="sequences", model="transformer", lr=1e-2, sched="linear",
                    warmup=60, epochs=8, batch=32, logging_steps=1)


def t_b32_digits_linear_5e3_fast_crawl(d, s):
    return _b30_fit(d, s, lr=5e-3, sched="linear", epochs=30, batch=64, logging_steps=2)


def B32(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind32")


SCENARIOS += [
    B32("h_b32_digits_accum4_eval25_cosine_2e3", "cosine", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW with a 10-step warmup to 2e-3 then cosine to "
        "0, per-device batch 8 with gradient_accumulation_steps=4 (41 optimiser steps an "
        "epoch), 20 epochs, logging_steps=1, eval every 25 optimiser steps "
        "(eval_strategy='steps'): meant healthy.", t_b32_digits_accum4_eval25_cosine_2e3),
    B32("h_b32_binary_accum4_eval20_const_3e1", "constant", ["chance_from_start", "per_step"],
        "Two-class make_classification (1800 train), MLP 128-64, AdamW at a constant 0.3 "
        "(far too high), batch 8 with gradient_accumulation_steps=4, 15 epochs, "
        "logging_steps=1, eval every 20 optimiser steps: meant never to leave chance level "
        "(ln 2) from the start. After a first burst, a few evaluations reached 0.6-0.85 "
        "accuracy at high eval losses before it settled at chance; labelled as that.",
        t_b32_binary_accum4_eval20_const_3e1),
    B32("h_b32_seq_transformer_warmup60_linear_1e2", "linear", ["per_step"],
        "The synthetic token-sequence task (1200 train), a 2-layer transformer encoder "
        "(d 32), AdamW with a 60-step linear warmup to 1e-2 (high for a transformer) then "
        "linear decay to 0, batch 32, 8 epochs (304 steps), logging_steps=1, eval per epoch: "
        "a warmup to a high peak, meant to throw the loss up near the peak.",
        t_b32_seq_transformer_warmup60_linear_1e2),
    B32("h_b32_digits_linear_5e3_fast_crawl", "linear", ["fast_start_crawl", "per_step"],
        "Digits MLP 128-64, AdamW at 5e-3 with a linear decay to 0 and no warmup, batch 64, "
        "30 epochs, logging_steps=2, eval per epoch: a fast start at a good LR that then "
        "crawls (healthy).", t_b32_digits_linear_5e3_fast_crawl),
]


# -- the blind33 split (seventeenth session, built by a helper from the plots only, after
# blind32 had been scored once and its misses read)

def t_b33_digits_adamw_wd01_warmup60_cosine_3e3(d, s):
    return _b30_fit(d, s, lr=3e-3, sched="cosine", warmup=60, epochs=15, batch=32,
                    logging_steps=1, weight_decay=0.1)


def t_b33_binary_warmup40_cosine_6e2(d, s):
    return _b30_fit(d, s, data="binary", lr=6e-2, sched="cosine", warmup=40, epochs=12,
                    batch=32, logging_steps=1)


def t_b33_seq_transformer_cosine_restarts3_3e3(d, s):
    return _b30_fit(d, s, data="sequences", model="transformer", lr=3e-3,
                    sched="cosine_with_restarts", sched_kwargs={"num_cycles": 3}, warmup=20,
                    epochs=10, batch=32, logging_steps=1)


def B33(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind33")


SCENARIOS += [
    B33("h_b33_digits_adamw_wd01_warmup60_cosine_3e3", "cosine", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW with weight_decay 0.1 (normal for AdamW), a "
        "60-step linear warmup to 3e-3 then cosine to 0, batch 32, 15 epochs, "
        "logging_steps=1, eval per epoch: a healthy warmup.",
        t_b33_digits_adamw_wd01_warmup60_cosine_3e3),
    B33("h_b33_binary_warmup40_cosine_6e2", "cosine", ["per_step"],
        "Two-class make_classification (1800 train), MLP 128-64, AdamW with a 40-step "
        "warmup to 6e-2 (meant 6e-4) then cosine to 0, batch 32, 12 epochs, "
        "logging_steps=1, eval per epoch: a warmup to a too-high peak, meant to throw the "
        "loss up near the peak. It gave a rough first third (single high points, a worse "
        "second eval), then an eval loss drifting up over the second half; labelled as "
        "that.", t_b33_binary_warmup40_cosine_6e2),
    B33("h_b33_seq_transformer_cosine_restarts3_3e3", "sgdr", ["per_step"],
        "The synthetic token-sequence task (1200 train), a 2-layer transformer encoder "
        "(d 32), AdamW with a 20-step warmup to 3e-3 then cosine_with_restarts "
        "(num_cycles 3: hard restarts back to the peak), batch 32, 10 epochs, "
        "logging_steps=1, eval per epoch: gentle restarts, meant healthy.",
        t_b33_seq_transformer_cosine_restarts3_3e3),
]


# -- the blind34 split (eighteenth session, built by a helper from the plots only, after
# blind33 had been scored once and its misses read)

def t_b34_digits_const_warm_1e3_flatten(d, s):
    return _b30_fit(d, s, lr=1e-3, sched="constant_with_warmup", warmup=50, epochs=30,
                    batch=32, logging_steps=5)


def t_b34_digits_linear_5ep_log_per_epoch(d, s):
    return _b30_fit(d, s, lr=1e-3, sched="linear", epochs=5, batch=32, logging_steps=41)


def t_b34_binary_inverse_sqrt_warm50_1e1(d, s):
    return _b30_fit(d, s, data="binary", lr=0.1, sched="inverse_sqrt", warmup=50, epochs=12,
                    batch=32, logging_steps=1)


def B34(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind34")


SCENARIOS += [
    B34("h_b34_digits_const_warm_1e3_flatten", "constant_warmup", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW with a 50-step warmup to a constant 1e-3, "
        "batch 32, 30 epochs, logging_steps=5, eval per epoch: the val loss meant to "
        "flatten at its minimum without turning up (healthy; the look-alike of the "
        "overfitting runs).", t_b34_digits_const_warm_1e3_flatten),
    B34("h_b34_digits_linear_5ep_log_per_epoch", "linear", ["tiny", "per_epoch"],
        "Digits (1300 train), MLP 128-64, AdamW at 1e-3 decayed linearly to 0, batch 32, "
        "only 5 epochs, logging_steps=41 (one loss and LR point per epoch), eval per epoch: "
        "a tiny per-epoch run, meant healthy.", t_b34_digits_linear_5ep_log_per_epoch),
    B34("h_b34_binary_inverse_sqrt_warm50_1e1", "inverse_sqrt", ["per_step"],
        "Two-class make_classification (1800 train), MLP 128-64, AdamW with a 50-step "
        "warmup to 0.1 (meant 1e-3) then inverse-sqrt decay, batch 32, 12 epochs, "
        "logging_steps=1, eval per epoch: a warmup to a far too high peak, meant to throw "
        "the loss up near the peak.", t_b34_binary_inverse_sqrt_warm50_1e1),
]

# -- the blind35 split (eighteenth session, built by a helper from the plots only, after
# blind34 had been scored once and its misses read)

def t_b35_digits_cosine_warm100_wd1e1_ok(d, s):
    return _b30_fit(d, s, lr=1e-3, sched="cosine", warmup=100, epochs=20, batch=32,
                    logging_steps=2, weight_decay=0.1)


def t_b35_binary_cos_restarts3_ok(d, s):
    return _b30_fit(d, s, data="binary", lr=2e-3, sched="cosine_with_restarts", epochs=18,
                    batch=32, logging_steps=2, sched_kwargs={"num_cycles": 3})


def t_b35_binary_const_1e5_low(d, s):
    return _b30_fit(d, s, data="binary", lr=1e-5, sched="constant", epochs=15, batch=32,
                    logging_steps=2)


def B35(name, family, classes, story, train, seeds=(1,)):
    return dataclasses.replace(_sc(name, family, classes, story, train, seeds=seeds, test=()),
                               held_out="blind35")


SCENARIOS += [
    B35("h_b35_digits_cosine_warm100_wd1e1_ok", "cosine", ["per_step"],
        "Digits (1300 train), MLP 128-64, AdamW (weight decay 0.1) with a 100-step linear "
        "warmup to 1e-3 then a cosine to 0, batch 32, 20 epochs, logging_steps=2, eval per "
        "epoch: a healthy warmup (the look-alike of the too-high warmups).",
        t_b35_digits_cosine_warm100_wd1e1_ok),
    B35("h_b35_binary_cos_restarts3_ok", "sgdr", ["per_step"],
        "Two-class make_classification (1800 train), MLP 128-64, AdamW at 2e-3 under "
        "cosine_with_restarts (3 cycles, hard restarts to the peak), batch 32, 18 epochs, "
        "logging_steps=2, eval per epoch: gentle restarts at a modest peak, meant healthy.",
        t_b35_binary_cos_restarts3_ok),
    B35("h_b35_binary_const_1e5_low", "constant", ["per_step"],
        "Two-class make_classification (1800 train), MLP 128-64, AdamW at a constant 1e-5 "
        "(meant 1e-3), batch 32, 15 epochs, logging_steps=2, eval per epoch: meant to fall "
        "far too slowly from the start (LR too low).", t_b35_binary_const_1e5_low),
]

def main(argv=None) -> int:
    return runkit.module_main("python -m benchmarks.corpus.sc_hf", SCENARIOS, argv)


if __name__ == "__main__":
    sys.exit(main())
