"""Corpus scenarios logged with ``tensorboardX.SummaryWriter``.

The PyTorch-tutorial naming: ``Loss/train``, ``Loss/val``, ``Accuracy/val`` and
``learning_rate``; per-epoch runs use the epoch index as the step. Includes an LR sweep
(``x_sweep_lr_*``: the same training, the LR the only difference, 4 decades).
"""

from __future__ import annotations

import dataclasses

from benchmarks.corpus.common import Cfg, noise_ramp, rl_scenario, scenario

W = "tensorboardx"
T = {"loss": "Loss/train", "val_loss": "Loss/val", "acc": "Accuracy/val",
     "lr": "learning_rate"}


def S(name, family, classes, story, cfg, **kw):
    cfg.tags = dict(T, **cfg.tags)
    return scenario(name, W, family, classes, story, cfg, **kw)


def E(**kw):  # logged once per epoch, at the epoch index
    return Cfg(log="epoch", step_axis="epoch", **kw)


SWEEP_LRS = (1e-4, 1e-3, 1e-2, 1e-1, 1.0, 3.0)
SWEEP_TEST = (1e-3, 1.0)


def _lr_name(lr: float) -> str:
    return ("%g" % lr).replace("-0", "-").replace(".", "p")


SCENARIOS = [
    S("x_step_tiny", "step", ("tiny", "per_epoch"),
      "Digits convnet, SGD 0.1, StepLR (every 2 epochs x0.3), 5 epochs logged per epoch.",
      E(model="conv", lr=0.1, epochs=5, sched=("step", {"step_size": 2, "gamma": 0.3}))),
    S("x_multistep", "multistep", ("per_epoch",),
      "Digits MLP, SGD 0.1, MultiStepLR x0.1 at epochs 10 and 15, 20 epochs, per-epoch means "
      "at the global step.",
      Cfg(lr=0.1, epochs=20, log="epoch", sched=("multistep", {"milestones": [10, 15]}))),
    S("x_exponential", "exponential", ("per_step",),
      "Digits MLP, Adam 3e-3, ExponentialLR 0.9 per epoch, 25 epochs, loss every 5 steps.",
      Cfg(opt="adam", lr=3e-3, epochs=25, log_every=5, sched=("exponential", {"gamma": 0.9}))),
    S("x_sgdr_restarts", "sgdr", ("restart_wide_spike", "per_step"),
      "Digits convnet, Adam, SGDR peak 4e-2 every 6 epochs: each restart throws the near-zero "
      "loss up for dozens of steps, then it recovers. (First try, peak 1e-2, barely bumped.)",
      Cfg(model="conv", opt="adam", lr=4e-2, epochs=30, sched=("sgdr", {"T_0": 132}))),
    S("x_chance_from_start", "constant", ("chance_from_start", "per_step"),
      "Two-class make_classification, MLP 64-64, Adam at 0.5 (far too high), constant: the "
      "loss never leaves chance level (ln 2).",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000}, hidden=(64, 64), opt="adam",
          lr=0.5, epochs=15)),
    S("x_collapse_warmup", "linear", ("collapse_no_nan", "per_step"),
      "Two-class make_classification, MLP 64-64, Adam, linear warmup over 30 % to a 0.2 peak "
      "then linear decay to 0: learns during warmup, collapses to ln 2 near the peak.",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "class_sep": 1.5},
          hidden=(64, 64), opt="adam", lr=0.2, epochs=30, sched=("linear", {"warmup": 285}))),
    S("x_noise_floor_cosine", "cosine", ("noise_floor", "per_step"),
      "Two-class make_classification, 30 % flipped labels, 3000 train, MLP 16, SGD 0.05 cosine, "
      "batch 32: per-step loss bouncing around the noise floor, val flat at its minimum.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 2000, "flip_y": 0.3}, hidden=(16,),
          lr=0.05, batch=32, epochs=10, sched=("cosine", {}))),
    S("x_bad_batches", "constant_warmup", ("single_point_spikes", "per_step"),
      "Digits convnet, Adam 1e-3 after a 100-step warmup, 1100 steps logged every step; two "
      "batches (steps 300 and 700) have shuffled labels: one-step spikes.",
      Cfg(model="conv", opt="adam", lr=1e-3, epochs=50, bad_steps=(300, 700),
          sched=("warmup_constant", {"warmup": 100}))),
    S("x_range_test", "range_test", ("range_test", "per_step"),
      "LR range test: 4-class make_classification, MLP 64, Adam, LR exponential 1e-6 -> 1 over "
      "150 steps, no validation.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_classes": 4, "n_val": 200}, opt="adam",
          lr=1.0, epochs=10, val=False, max_steps=150,
          sched=("range", {"lo": 1e-6, "hi": 1.0, "steps": 150}))),
    S("x_long_step", "step", ("long_noisy", "per_step"),
      "Two-class make_classification, 10 % flipped labels, 8000 train, MLP 16, SGD 0.05, StepLR "
      "x0.3 every 40 epochs, batch 32, 100 epochs = 25,000 steps logged every step.",
      Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 2000, "flip_y": 0.1}, hidden=(16,),
          lr=0.05, batch=32, epochs=100, sched=("step", {"step_size": 40, "gamma": 0.3})),
      seeds=(1,), test_seeds=(1,)),
    S("x_lr_too_low", "constant", ("per_epoch",),
      "4-class make_classification, MLP 64, Adam 1e-5 constant, 30 epochs logged per epoch.",
      E(data="clf", data_kw={"n_classes": 4}, opt="adam", lr=1e-5, epochs=30)),
    S("x_overfit", "step", ("per_epoch",),
      "4-class make_classification, 300 train / 1000 val, 20 % flipped labels, MLP 256-256, "
      "Adam 2e-3, StepLR x0.5 every 20 epochs, 60 epochs per epoch. (First try, 200 digits "
      "images with cosine, only flattened its val loss.)",
      E(data="clf", data_kw={"n_train": 300, "n_val": 1000, "n_classes": 4, "flip_y": 0.2,
                             "n_features": 40, "n_informative": 6},
        hidden=(256, 256), opt="adam", lr=2e-3, epochs=60, train_acc=True,
        sched=("step", {"step_size": 20, "gamma": 0.5}), tags={"train_acc": "Accuracy/train"})),
    S("x_decay_aggressive", "exponential", ("per_step",),
      "Digits MLP, SGD 0.02, ExponentialLR 0.25 per epoch: the LR is 1e-5 of its start by "
      "epoch 8 while the loss is still high.",
      Cfg(lr=0.02, momentum=0.0, epochs=20, sched=("exponential", {"gamma": 0.25}))),
    S("x_no_lr", "cosine", ("per_epoch",),
      "Digits MLP, Adam 1e-3 cosine, 20 epochs per epoch; the LR is not logged.",
      E(opt="adam", lr=1e-3, epochs=20, log_lr=False, sched=("cosine", {}))),
    S("x_oscillation", "constant", ("per_step",),
      "Digits MLP 128, Adam 0.02 constant (too high), batch 16, 8 epochs, loss every step. "
      "(First try, Adam 0.03 batch 64, fit the training set with bursts.)",
      Cfg(hidden=(128,), opt="adam", lr=0.02, batch=16, epochs=8)),
    S("x_leakage", "step", ("per_epoch",),
      "Digits, 30 % of training labels noise; validation = 400 training images with clean "
      "labels (a leak). MLP 32, SGD 0.05, StepLR, weight decay, 15 epochs per epoch.",
      E(data="leaky_digits", hidden=(32,), lr=0.05, wd=1e-3, epochs=15,
        sched=("step", {"step_size": 6, "gamma": 0.3}))),
    S("x_lr_bump", "other", ("per_epoch",),
      "Digits MLP, SGD 0.05 momentum 0.9; a resume at epoch 12 sets the LR 20x higher (1.0): "
      "accuracy falls, 25 epochs per epoch.",
      E(lr=0.05, epochs=25, sched=("bump", {"at_epoch": 12, "mult": 20.0}))),
    S("x_resume_lr_high", "other", ("per_epoch",),
      "Digits MLP, SGD 0.05 momentum 0.9; a resume at epoch 12 sets the LR 6x higher (0.3), "
      "25 epochs per epoch.",
      E(lr=0.05, epochs=25, sched=("bump", {"at_epoch": 12, "mult": 6.0}))),
] + [
    S("x_sweep_lr_" + _lr_name(lr), "constant", ("sweep_member", "per_step"),
      "LR sweep (group x_sweep_sgd): digits MLP 64, plain SGD, constant LR %g, 15 epochs, "
      "loss every step; the LR is the only difference between members." % lr,
      Cfg(lr=lr, momentum=0.0, epochs=15),
      seeds=(1,), test_seeds=(1,) if lr in SWEEP_TEST else ())
    for lr in SWEEP_LRS
]


# -- the holdout split (added after the test split was scored; labelled from the plots only)

def H(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="holdout")


SCENARIOS += [
    H("x_ho_multistep_clf", "multistep", ("per_epoch",),
      "3-class make_classification (3 % flipped labels), MLP 96-48, SGD 0.08 momentum 0.9, "
      "batch 100, MultiStepLR x0.2 at epochs 8 and 14, 18 epochs, epoch means at the global "
      "step.",
      Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 3, "n_features": 20,
                               "n_informative": 8, "flip_y": 0.03},
          hidden=(96, 48), lr=0.08, batch=100, epochs=18, log="epoch",
          sched=("multistep", {"milestones": [8, 14], "gamma": 0.2}))),
    H("x_ho_exponential_reg", "exponential", ("per_step",),
      "make_regression (14 features, targets scaled to ~unit size), MLP 64-64, MSE, Adam 3e-3, "
      "ExponentialLR 0.9 per epoch, batch 32, 30 epochs, loss every 3 steps.",
      Cfg(data="reg", data_kw={"n_train": 1600, "n_val": 500, "n_features": 14, "noise": 8.0,
                               "scale": 0.02, "offset": 0.0},
          hidden=(64, 64), opt="adam", lr=3e-3, batch=32, epochs=30, log_every=3, acc=False,
          sched=("exponential", {"gamma": 0.9}))),
    H("x_ho_long_linear", "linear", ("long_noisy", "noise_floor", "per_step"),
      "3-class make_classification, 15 % flipped labels, 6400 train, MLP 24, SGD 0.03 momentum "
      "0.9, 500-step warmup then linear decay to 0, batch 32, 100 epochs = 20,000 steps logged "
      "every step.",
      Cfg(data="clf", data_kw={"n_train": 6400, "n_val": 1600, "n_classes": 3, "flip_y": 0.15,
                               "n_features": 16, "n_informative": 8},
          hidden=(24,), lr=0.03, batch=32, epochs=100, sched=("linear", {"warmup": 500}))),
    H("x_ho_cosine_groups", "cosine", ("param_groups", "per_step"),
      "Digits MLP 128-64, Adam 2e-3 with three param groups (x0.25, x0.5, x1, logged "
      "learning_rate/group0..2), cosine per step, 15 epochs, loss every 2 steps.",
      Cfg(hidden=(128, 64), opt="adam", lr=2e-3, groups=(0.25, 0.5, 1.0), epochs=15,
          log_every=2, sched=("cosine", {}), tags={"lr": "learning_rate/group{i}"})),
    H("x_ho_zero_lr_half", "other", ("zero_lr", "per_step"),
      "3-class make_classification, MLP 64, plain SGD 0.01 constant; at epoch 10 of 20 a "
      "scheduler bug (a multiplier of 0 after a resume) sets the LR to exactly 0 while the "
      "loss is still falling: the second half learns nothing.",
      Cfg(data="clf", data_kw={"n_train": 1500, "n_val": 800, "n_classes": 3, "n_features": 20,
                               "n_informative": 8},
          hidden=(64,), lr=0.01, momentum=0.0, batch=64, epochs=20,
          sched=("bump", {"at_epoch": 10, "mult": 0.0})), seeds=(1, 2)),
    H("x_ho_collapse_warmup", "linear", ("collapse_no_nan", "per_step"),
      "3-class make_classification, MLP 128-64, Adam, linear warmup over 40 % to a 0.25 peak "
      "then linear decay: learns while the LR is low, meant to collapse to chance (ln 3) "
      "near the peak without NaN.",
      Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 1000, "n_classes": 3, "class_sep": 1.6,
                               "n_features": 20, "n_informative": 8},
          hidden=(128, 64), opt="adam", lr=0.25, epochs=24, sched=("linear", {"warmup": 365}))),
    H("x_ho_plateau_linear", "constant", ("per_step",),
      "Two-class make_classification with 3 clusters per class (not linearly separable), a "
      "linear model, SGD 0.05 momentum 0.9 constant, batch 50, 25 epochs: learns in the first "
      "steps, then train and val sit flat at a high loss.",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "clusters": 3, "n_features": 10,
                               "n_informative": 4, "n_redundant": 0},
          hidden=(), lr=0.05, batch=50, epochs=25, log_every=2)),
    H("x_ho_oscillation", "constant", ("per_step",),
      "4-class make_classification, MLP 128, Adam 0.06 constant (somewhat too high), batch 24, "
      "10 epochs, loss every step. (First try, Adam 0.03, learned a little then sat noisy "
      "and flat, val flat.)",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4, "n_features": 20,
                               "n_informative": 10},
          hidden=(128,), opt="adam", lr=0.06, batch=24, epochs=10)),
    dataclasses.replace(rl_scenario(
        "x_ho_rl_sb3", W,
        {"lr": "train/learning_rate", "value_loss": "train/value_loss",
         "policy_loss": "train/policy_gradient_loss", "entropy": "train/entropy_loss",
         "return": "rollout/ep_rew_mean"},
        "A2C on a 12-cell corridor (Stable-Baselines3 names), Adam 2e-3 constant, 300 updates: "
        "value loss rises as returns appear, policy loss wanders, reward climbs; no validation.",
        anneal=False, seeds=(1,), test_seeds=(), lr=2e-3, updates=300), held_out="holdout"),
]


# -- the fresh split (added after the holdout split was scored; labelled from the plots only)

def FR(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="fresh")


SCENARIOS += [
    FR("x_fr_onecycle_reg", "onecycle", ("per_step",),
       "make_regression (12 features, noise 5, targets scaled to ~unit size), MLP 96-48, MSE, "
       "Adam OneCycleLR max 4e-3, batch 32, 20 epochs, loss every 2 steps.",
       Cfg(data="reg", data_kw={"n_train": 1800, "n_val": 600, "n_features": 12, "noise": 5.0,
                                "scale": 0.02, "offset": 0.0},
           hidden=(96, 48), opt="adam", lr=4e-3, batch=32, epochs=20, log_every=2, acc=False,
           sched=("onecycle", {"pct_start": 0.3}))),
    FR("x_fr_linear_seq", "linear", ("per_step",),
       "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 5, length 10), "
       "AdamW 1e-3, 100-step warmup then linear decay to 0, batch 40, 10 epochs, loss every 2 "
       "steps.",
       Cfg(data="seq", data_kw={"vocab": 5, "length": 10, "n_train": 2400, "n_val": 600},
           model="transformer", opt="adamw", lr=1e-3, batch=40, epochs=10, log_every=2,
           sched=("linear", {"warmup": 100}))),
    FR("x_fr_constant_val", "constant", ("per_epoch",),
       "4-class make_classification, 3000 train / 1000 val, MLP 64, Adam 3e-3 constant, batch "
       "64, 20 epochs logged once per epoch at the epoch index, validation every epoch.",
       E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_features": 20,
                              "n_informative": 10},
         hidden=(64,), opt="adam", lr=3e-3, batch=64, epochs=20)),
    FR("x_fr_nan_growing", "exponential", ("per_step",),
       "make_regression with targets around 60 (MSE), MLP 48, SGD momentum 0.9 from 1e-5 with "
       "ExponentialLR x1.6 per epoch (a sign typo: meant 1/1.6), batch 32, 20 epochs, loss "
       "every 2 steps; NaN is logged on, not stopped: learns, then blows up to NaN mid-run.",
       Cfg(data="reg", data_kw={"n_train": 1200, "n_val": 400, "offset": 60.0, "scale": 0.3},
           hidden=(48,), lr=1e-5, batch=32, epochs=20, log_every=2, acc=False,
           stop_on_nan=False, sched=("exponential", {"gamma": 1.6}))),
    FR("x_fr_chance_adam", "constant", ("chance_from_start", "per_step"),
       "3-class make_classification, MLP 48-48-48, Adam at a constant 0.5 (far too high), "
       "batch 64, 12 epochs, accuracy logged: a burst in the first steps, then the loss sits "
       "at chance (ln 3).",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 3, "n_features": 20,
                                "n_informative": 10},
           hidden=(48, 48, 48), opt="adam", lr=0.5, batch=64, epochs=12)),
    FR("x_fr_bad_batches", "linear", ("single_point_spikes", "per_step"),
       "3-class make_classification (class_sep 2), 2400 train, MLP 48-48, SGD 0.05 momentum "
       "0.9, 50-step warmup then linear decay, batch 32, 16 epochs = 1200 steps logged every "
       "step; the batches at steps 380, 760 and 1010 have scrambled labels: one-step spikes.",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 3, "class_sep": 2.0,
                                "n_features": 20, "n_informative": 10},
           hidden=(48, 48), lr=0.05, batch=32, epochs=16, bad_steps=(380, 760, 1010),
           sched=("linear", {"warmup": 50})), seeds=(1, 2)),
    FR("x_fr_overfit_clf", "cosine", ("per_epoch",),
       "6-class make_classification (class_sep 1.5), 250 train / 1000 val, 10 % flipped "
       "labels, MLP 200-200, AdamW 1e-3 cosine, batch 32, 70 epochs, epoch means at the "
       "global step (train accuracy too): memorises the small training set.",
       Cfg(data="clf", data_kw={"n_train": 250, "n_val": 1000, "n_classes": 6, "flip_y": 0.1,
                                "n_features": 30, "n_informative": 10, "class_sep": 1.5},
           hidden=(200, 200), opt="adamw", lr=1e-3, batch=32, epochs=70, log="epoch",
           train_acc=True, sched=("cosine", {}), tags={"train_acc": "Accuracy/train"})),
    FR("x_fr_range_seq", "range_test", ("range_test", "per_step"),
       "LR range test: tiny transformer on majority-token sequences (vocab 5, length 10), "
       "AdamW, LR exponential 1e-6 -> 3 over 240 steps, batch 32, loss per step, no "
       "validation.",
       Cfg(data="seq", data_kw={"vocab": 5, "length": 10, "n_train": 8000, "n_val": 200},
           model="transformer", opt="adamw", lr=1.0, batch=32, epochs=5, val=False,
           max_steps=240, sched=("range", {"lo": 1e-6, "hi": 3.0, "steps": 240}))),
]


# -- the blind split (fourth session; labelled from the plots only)

def BL(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind")


def aug_on_at(epoch: int, std: float):
    """Input-noise augmentation switched on at ``epoch`` (off before)."""
    def f(ep: int, epochs: int) -> float:
        return std if ep >= epoch else 0.0
    return f


def aug_off_at(epoch: int, std: float):
    """Input-noise augmentation switched off at ``epoch`` (on before)."""
    def f(ep: int, epochs: int) -> float:
        return std if ep < epoch else 0.0
    return f


SCENARIOS += [
    BL("x_bl_chance_sgd", "constant", ("chance_from_start", "per_step"),
       "Digits MLP 64-64, SGD momentum 0.9 at a constant 1.5 (far too high), batch 64, 12 "
       "epochs, loss every step: meant to never leave chance level (ln 10).",
       Cfg(hidden=(64, 64), lr=1.5, epochs=12)),
    BL("x_bl_aug_on", "cosine", ("train_flat_val_improves", "per_epoch"),
       "Digits MLP 128, Adam 1e-3 cosine, 24 epochs per epoch; input-noise augmentation "
       "(0.6 sd) is switched on at epoch 8: the training loss steps up and then stays flat "
       "while the clean validation loss keeps falling.",
       E(hidden=(128,), opt="adam", lr=1e-3, epochs=24, aug=aug_on_at(8, 0.6),
         sched=("cosine", {}))),
    BL("x_bl_multistep_conv", "multistep", ("per_step",),
       "Digits convnet, SGD 0.05 momentum 0.9, MultiStepLR x0.3 at epochs 5, 9 and 12, batch "
       "48, 14 epochs, loss every 4 steps.",
       Cfg(model="conv", lr=0.05, batch=48, epochs=14, log_every=4,
           sched=("multistep", {"milestones": [5, 9, 12], "gamma": 0.3}))),
    BL("x_bl_overfit_conv", "cosine", ("per_epoch",),
       "150 digits with 20 % of their labels randomised (clean val), convnet, Adam 3e-3 "
       "cosine, batch 16, 80 epochs logged per epoch: memorises the noisy training labels. "
       "(First try, a regression MLP on 120 rows, fit the training set while the val loss "
       "stayed flat from epoch 1: no rise.)",
       E(data_kw={"n_train": 150, "label_noise": 0.2}, model="conv", opt="adam", lr=3e-3,
         batch=16, epochs=80, sched=("cosine", {}))),
    BL("x_bl_nan_cyclic", "cyclic", ("per_step",),
       "make_regression with targets around 100 (MSE), MLP 64, SGD momentum 0.9, CyclicLR "
       "1e-5..3e-3 with 3-epoch half cycles, batch 32, 18 epochs, loss every step; NaN is "
       "logged, not stopped: meant to blow up as the LR climbs to its first peak.",
       Cfg(data="reg", data_kw={"n_train": 1200, "n_val": 400, "offset": 100.0, "scale": 0.5},
           hidden=(64,), lr=1e-3, batch=32, epochs=18, acc=False, stop_on_nan=False,
           sched=("cyclic", {"base_lr": 1e-5, "max_lr": 3e-3, "step_size_up": 114}))),
    BL("x_bl_long_exp", "exponential", ("long_noisy", "noise_floor", "per_step"),
       "Two-class make_classification, 15 % flipped labels, 6400 train, MLP 8, Adam 1e-3, "
       "ExponentialLR 0.97 per epoch, batch 16, 55 epochs = 22,000 steps logged every step.",
       Cfg(data="clf", data_kw={"n_train": 6400, "n_val": 1600, "flip_y": 0.15}, hidden=(8,),
           opt="adam", lr=1e-3, batch=16, epochs=55, sched=("exponential", {"gamma": 0.97}))),
    BL("x_bl_no_lr_onecycle", "onecycle", ("per_step",),
       "3-class make_classification, 3000 train, MLP 64, Adam OneCycleLR max 3e-3, batch 50, "
       "15 epochs, loss every 2 steps; the LR is not logged.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                "n_features": 20, "n_informative": 10},
           hidden=(64,), opt="adam", lr=3e-3, batch=50, epochs=15, log_every=2, log_lr=False,
           sched=("onecycle", {"pct_start": 0.3}))),
]


# -- more dev runs (fourth session; labelled from the plots only)
D4 = dict(seeds=(1, 2), test_seeds=())

SCENARIOS += [
    S("x_d4_collapse_warmup", "constant_warmup", ("collapse_no_nan", "per_step"),
      "3-class make_classification (3000 train), MLP 64-64, Adam warmed up over 300 steps to "
      "a constant 0.25 (far too high), batch 50, 15 epochs, loss every 2 steps: meant to "
      "learn while the LR is low, then collapse to chance (ln 3) and stay.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                               "n_features": 20, "n_informative": 10},
          hidden=(64, 64), opt="adam", lr=0.25, batch=50, epochs=15, log_every=2,
          sched=("warmup_constant", {"warmup": 300})), **D4),
    S("x_d4_spike_epoch", "cosine", ("per_epoch",),
      "Digits MLP 128, SGD 0.05 momentum 0.9 cosine, 30 epochs logged per epoch; in epoch "
      "12 the inputs come from a broken shard (sign-flipped and x3): a one-epoch spike, then "
      "recovery. (First try, inputs x6 in epoch 12, made that epoch's loss dip instead: more "
      "confident, still correct logits.)",
      E(hidden=(128,), lr=0.05, epochs=30, sched=("cosine", {}), bad_epoch_scale=(12, -3.0)),
      **D4),
    S("x_d4_tiny_fast_fall", "step", ("tiny", "per_step"),
      "Digits convnet, Adam 3e-3, StepLR x0.5 every 2 epochs, batch 16, only 4 epochs, loss "
      "every step: a noisy fast fall, healthy.",
      Cfg(model="conv", opt="adam", lr=3e-3, batch=16, epochs=4,
          sched=("step", {"step_size": 2, "gamma": 0.5})), **D4),
    S("x_d4_osc_adam_epoch", "constant", ("per_epoch",),
      "Digits MLP 32, Adam at a constant 5e-2 (too high for it), 30 epochs logged per epoch: "
      "meant to bounce with no downward trend after the first epochs.",
      E(hidden=(32,), opt="adam", lr=5e-2, epochs=30), **D4),
    S("x_d4_wd_plateau", "constant", ("per_epoch",),
      "Digits MLP 64, SGD 0.05 momentum 0.9 with weight decay 0.3 (far too strong), "
      "constant, 25 epochs logged per epoch: the weights are held near 0, so the loss stalls "
      "high early and stays, val too.",
      E(hidden=(64,), lr=0.05, wd=0.3, epochs=25), **D4),
    S("x_d4_late_lr_raise", "other", ("per_epoch",),
      "Digits convnet, Adam 1e-3 constant for 18 epochs, then a resume sets the LR 30x "
      "higher (3e-2) for the last 12 of 30 epochs, logged per epoch: meant to lose validation "
      "accuracy clearly after the raise.",
      E(model="conv", opt="adam", lr=1e-3, epochs=30,
        sched=("bump", {"at_epoch": 18, "mult": 30.0})), **D4),
]


# -- the blind2 split (fourth session, second blind set; labelled from the plots only)

def B2(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind2")


def aug_ramp_from(epoch: int, std: float, over: int):
    """Input-noise augmentation off before ``epoch``, then ramping to ``std`` over ``over``."""
    def f(ep: int, epochs: int) -> float:
        return 0.0 if ep < epoch else std * min(1.0, (ep - epoch + 1) / over)
    return f


SCENARIOS += [
    B2("x_b2_nan_exp", "exponential", ("per_step",),
       "make_regression (targets scaled ~unit), MLP 64, MSE, SGD momentum 0.9 from 1e-3 with "
       "ExponentialLR x1.8 per epoch (the gamma should have been 0.8), batch 32, 15 epochs, "
       "loss every 2 steps, NaN logged and not stopped: learns, then blows up to Inf/NaN.",
       Cfg(data="reg", data_kw={"n_train": 1200, "n_val": 400, "scale": 0.02, "offset": 0.0},
           hidden=(64,), lr=1e-3, batch=32, epochs=15, log_every=2, acc=False,
           stop_on_nan=False, sched=("exponential", {"gamma": 1.8}))),
    B2("x_b2_chance_adam", "constant", ("chance_from_start", "per_step"),
       "4-class make_classification (3000 train), MLP 64-64, Adam at a constant 1.0 (far too "
       "high), batch 64, 12 epochs, loss every 2 steps: meant to never leave chance (ln 4).",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                "n_features": 20, "n_informative": 10},
           hidden=(64, 64), opt="adam", lr=1.0, epochs=12, log_every=2)),
    B2("x_b2_cyclic", "cyclic", ("cyclic_wiggles", "per_step"),
       "Digits MLP 128, SGD momentum 0.9, CyclicLR triangular 0.005 <-> 0.1 (60 steps up, "
       "60 down), batch 64, 25 epochs, loss every step: wiggles following the LR cycles on a "
       "falling trend, val falling.",
       Cfg(hidden=(128,), lr=0.005, epochs=25,
           sched=("cyclic", {"base_lr": 0.005, "max_lr": 0.1, "step_size_up": 60}))),
    B2("x_b2_aug_ramp_conv", "multistep", ("train_flat_val_improves", "per_step"),
       "600 digits, convnet, SGD 0.05 momentum 0.9, MultiStepLR x0.3 at epochs 20 and 32, 40 "
       "epochs, loss every 5 steps; input-noise augmentation switched on at epoch 12 and "
       "ramped to 0.8 sd over 8 epochs: the training loss rises then stays flat while the "
       "clean validation loss keeps falling.",
       Cfg(model="conv", data_kw={"n_train": 600}, lr=0.05, epochs=40, log_every=5,
           sched=("multistep", {"milestones": [20, 32], "gamma": 0.3}),
           aug=aug_ramp_from(12, 0.8, 8))),
    B2("x_b2_overfit_small", "constant", ("per_epoch",),
       "Two-class make_classification with only 300 training rows (40 features, 10 % "
       "flipped), MLP 256-256, Adam at a constant 3e-3, 60 epochs per epoch: memorises the "
       "training set; val loss meant to rise clearly.",
       E(data="clf", data_kw={"n_train": 300, "n_val": 1000, "n_features": 40,
                              "n_informative": 8, "flip_y": 0.1},
         hidden=(256, 256), opt="adam", lr=3e-3, epochs=60)),
    B2("x_b2_acc_drop_bump", "other", ("per_epoch",),
       "3-class make_classification (3000 train), MLP 64, SGD 0.02 momentum 0.9, then a "
       "resume at epoch 15 sets the LR 60x higher (1.2) for the last 13 of 28 epochs, logged "
       "per epoch: meant to lose validation accuracy clearly after the raise.",
       E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                              "n_features": 20, "n_informative": 10},
         hidden=(64,), lr=0.02, epochs=28, sched=("bump", {"at_epoch": 15, "mult": 60.0}))),
]


# -- the blind3 split (fourth session, third blind set; labelled from the plots only)

def B3(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind3")


C3 = {"n_train": 3000, "n_val": 1000, "n_classes": 3, "n_features": 20, "n_informative": 10}

SCENARIOS += [
    B3("x_b3_cyclic_tri2", "cyclic", ("cyclic_wiggles", "per_step"),
       "3-class make_classification (3000 train), MLP 64, SGD momentum 0.9, CyclicLR "
       "triangular2 0.002 <-> 0.08 (94 steps up, 94 down, amplitude halving each cycle), "
       "batch 32, 12 epochs, loss every step: wiggles following the LR on a falling trend.",
       Cfg(data="clf", data_kw=dict(C3), hidden=(64,), lr=0.002, batch=32, epochs=12,
           sched=("cyclic", {"base_lr": 0.002, "max_lr": 0.08, "step_size_up": 94,
                             "mode": "triangular2"}))),
    B3("x_b3_aug_on_conv", "cosine", ("train_flat_val_improves", "per_step"),
       "Digits convnet, SGD 0.03 momentum 0.9 cosine, 30 epochs, loss every 4 steps; "
       "input-noise augmentation (0.7 sd) switched on at epoch 10: the training loss steps "
       "up and stays flat while the clean validation loss keeps improving.",
       Cfg(model="conv", lr=0.03, epochs=30, log_every=4, sched=("cosine", {}),
           aug=aug_on_at(10, 0.7))),
    B3("x_b3_rlrop_step", "plateau", ("per_step",),
       "Digits MLP 96, SGD 0.08 momentum 0.9, ReduceLROnPlateau(val loss, x0.5, patience 1), "
       "30 epochs, loss and LR every 5 steps.",
       Cfg(hidden=(96,), lr=0.08, epochs=30, log_every=5,
           sched=("plateau", {"factor": 0.5, "patience": 1}))),
    dataclasses.replace(rl_scenario(
        "x_b3_rl_anneal", W,
        {"lr": "train/lr", "value_loss": "Loss/value", "policy_loss": "Loss/policy",
         "entropy": "Loss/entropy", "return": "Reward/episode"},
        "A2C on a 12-cell corridor (tensorboardX tutorial-like names), Adam 2e-3 annealed "
        "linearly to 0, 500 updates logged every update: value loss rises as returns appear, "
        "policy loss wanders around 0, return climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), updates=500, lr=2e-3, every=1), held_out="blind3"),
    B3("x_b3_chance_conv", "constant", ("chance_from_start", "per_step"),
       "Digits convnet, Adam at a constant 0.5 (far too high), batch 64, 10 epochs, loss "
       "every 3 steps: meant to never leave chance level (ln 10).",
       Cfg(model="conv", opt="adam", lr=0.5, epochs=10, log_every=3)),
    B3("x_b3_no_lr_multistep", "multistep", ("per_epoch",),
       "Two-class make_classification (2000 train, 3 % flipped), MLP 128, SGD 0.05 momentum "
       "0.9, MultiStepLR x0.2 at epochs 8 and 14, 20 epochs logged per epoch; the LR is not "
       "logged.",
       E(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "flip_y": 0.03},
         hidden=(128,), lr=0.05, epochs=20, log_lr=False,
         sched=("multistep", {"milestones": [8, 14], "gamma": 0.2}))),
    B3("x_b3_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
       "4-class make_classification (3000 train), MLP 128, Adam at a constant 2e-2 (big), "
       "batch 32, 15 epochs, loss every 2 steps: a fast fall in the first steps, then a slow "
       "crawl.",
       Cfg(data="clf", data_kw=dict(C3, n_classes=4), hidden=(128,), opt="adam", lr=2e-2,
           batch=32, epochs=15, log_every=2)),
]


# -- the blind4 split (fifth session, labelled from the plots only)

def B4(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind4")


SCENARIOS += [
    B4("x_b4_onecycle_conv_bump", "onecycle", ("per_step",),
       "Digits convnet, Adam, OneCycleLR to a high 3e-2 at 35 % of 16 epochs, batch 48, loss "
       "every 2 steps. Meant as the collapse run (learn while the LR is low, then fall to "
       "chance at the peak); the plots show only a bump near the peak and a full recovery, "
       "so it is kept and labelled as what it shows, and x_b4_collapse_onecycle_conv is the "
       "second try at a higher peak.",
       Cfg(model="conv", opt="adam", lr=3e-2, batch=48, epochs=16, log_every=2,
           sched=("onecycle", {"pct_start": 0.35}))),
    B4("x_b4_collapse_onecycle_conv", "onecycle", ("collapse_no_nan", "per_step"),
       "Digits convnet, Adam, OneCycleLR to a far too high 0.12 at 35 % of 16 epochs, batch "
       "48, loss every 2 steps: meant to learn while the LR is low, then collapse to chance "
       "(ln 10) near the peak and stay there as the LR comes down, without NaN.",
       Cfg(model="conv", opt="adam", lr=0.12, batch=48, epochs=16, log_every=2,
           sched=("onecycle", {"pct_start": 0.35}))),
    B4("x_b4_range_conv_sgd", "range_test", ("range_test", "per_step"),
       "LR range test: digits convnet, SGD momentum 0.9, LR exponential 1e-5 -> 5 over 400 "
       "steps, batch 32, loss per step, no validation.",
       Cfg(model="conv", lr=1.0, batch=32, epochs=20, val=False, max_steps=400,
           sched=("range", {"lo": 1e-5, "hi": 5.0, "steps": 400}))),
    B4("x_b4_flat_last_jump", "constant", ("flat_then_last_jump", "per_epoch"),
       "4-class make_classification, MLP 48 whose ReLUs all start dead (bias -20): only the "
       "output bias learns the class prior, then the loss is flat at ln 4 for 25 epochs; "
       "the last epoch's inputs come from a corrupted shard (x30), epoch means logged at "
       "the global step: its loss jumps. (First try, inputs x25, only lifted the last point "
       "1.39 -> 1.65; x80 and x40 blew both losses up 500x and more.)",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4,
                                "n_features": 20, "n_informative": 10},
           hidden=(48,), model_kw={"dead_bias": -20.0}, lr=0.05, epochs=25, log="epoch",
           bad_epoch_scale=(24, 30.0))),
    B4("x_b4_groups_exp", "exponential", ("param_groups", "per_step"),
       "Digits MLP 128-64, SGD momentum 0.9, two param groups (x0.3 and x1 of 0.05, logged "
       "learning_rate/group_0 and _1), ExponentialLR 0.92 per epoch, 25 epochs, loss every "
       "4 steps.",
       Cfg(hidden=(128, 64), lr=0.05, groups=(0.3, 1.0), epochs=25, log_every=4,
           sched=("exponential", {"gamma": 0.92}), tags={"lr": "learning_rate/group_{i}"})),
    B4("x_b4_fast_crawl_seq", "constant", ("fast_start_crawl", "per_step"),
       "Tiny transformer on majority-token sequences (vocab 8, length 16), AdamW at a "
       "constant 1e-2 (big), no warmup, batch 32, 10 epochs, loss every 2 steps: a fast "
       "fall in the first steps, then a slow crawl.",
       Cfg(data="seq", data_kw={"vocab": 8, "length": 16, "n_train": 2400, "n_val": 600},
           model="transformer", opt="adamw", lr=1e-2, batch=32, epochs=10, log_every=2)),
    B4("x_b4_plateau_linear_cos", "cosine", ("per_step",),
       "6-class make_classification with 3 clusters per class (far from linearly "
       "separable), a linear softmax model, SGD 0.05 momentum 0.9 with cosine decay, batch "
       "50, 20 epochs, loss every 2 steps: meant to learn in the first steps, then stall at "
       "a high loss with val stalled too (capacity, not the LR).",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6, "clusters": 3,
                                "n_features": 14, "n_informative": 6, "n_redundant": 0},
           hidden=(), lr=0.05, batch=50, epochs=20, log_every=2, sched=("cosine", {}))),
]


# -- the blind5 split (fifth session, labelled from the plots only)

def B5(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind5")


B5_SWEEP = (3e-5, 3e-3, 0.3)


def _b5_lr_name(lr):
    return ("%g" % lr).replace(".", "p").replace("-", "m")


SCENARIOS += [
    B5("x_b5_sweep_adam_" + _b5_lr_name(lr), "constant", ("sweep_member", "per_step"),
       "LR sweep (group x_b5_sweep_adam): 3-class make_classification (3000 train), MLP "
       "64-64, Adam at a constant LR %g, batch 64, 10 epochs, loss every 4 steps; the LR is "
       "the only difference between members." % lr,
       Cfg(data="clf", data_kw=dict(C3), hidden=(64, 64), opt="adam", lr=lr, epochs=10,
           log_every=4))
    for lr in B5_SWEEP
] + [
    B5("x_b5_plateau_bottleneck", "step", ("per_step",),
       "6-class make_classification (3000 train), an MLP 64-2 (a 2-unit bottleneck before "
       "the softmax), SGD 0.05 momentum 0.9, StepLR x0.5 every 8 epochs, batch 50, 24 "
       "epochs, loss every 3 steps: meant to learn in the first steps and then stall at a "
       "high loss, val too (capacity, not the LR).",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                "n_features": 20, "n_informative": 10},
           hidden=(64, 2), lr=0.05, batch=50, epochs=24, log_every=3,
           sched=("step", {"step_size": 8, "gamma": 0.5}))),
    B5("x_b5_sgdr_epoch_spike", "sgdr", ("per_epoch",),
       "Digits MLP 256-256, Adam, CosineAnnealingWarmRestarts peak 3e-2 every 5 epochs "
       "(105 steps: restarts at epochs 5, 10, ... 25), batch 64, 30 epochs, epoch means "
       "and the LR logged once per epoch at the epoch index: each restart meant to throw "
       "the epoch loss up for an epoch or two before it recovers. The plots show the epoch "
       "loss falling monotonically to ~4e-5 through every restart, so it is labelled as the "
       "healthy SGDR run it is; x_b5_sgdr_epoch_spike_deep is the second try.",
       E(hidden=(256, 256), opt="adam", lr=3e-2, epochs=30, sched=("sgdr", {"T_0": 105}))),
    B5("x_b5_sgdr_epoch_spike_deep", "sgdr", ("restart_wide_spike", "per_epoch"),
       "4-class make_classification (class_sep 2.2, only 1000 train), MLP 192-192-96, Adam, "
       "CosineAnnealingWarmRestarts peak 3e-2 every 5 epochs (200 steps: restarts at epochs "
       "5, 10, ... 25), batch 25, 30 epochs, epoch means and the LR logged once per epoch "
       "at the epoch index: each restart meant to throw the epoch loss up for an epoch or "
       "two before it recovers.",
       E(data="clf", data_kw={"n_train": 1000, "n_val": 900, "n_classes": 4,
                              "n_features": 20, "n_informative": 10, "class_sep": 2.2},
         hidden=(192, 192, 96), opt="adam", lr=3e-2, batch=25, epochs=30,
         sched=("sgdr", {"T_0": 200}))),
    B5("x_b5_chance_conv_epoch", "multistep", ("chance_from_start", "per_epoch"),
       "Digits convnet, SGD momentum 0.9 at 1.2 (far too high), MultiStepLR x0.5 at epochs "
       "6 and 12, batch 64, 16 epochs, epoch means logged once per epoch at the epoch "
       "index: meant to sit at chance (ln 10) from the first epoch with no visible burst "
       "(the convnet's early bursts are small and averaged into the first epoch's mean).",
       E(model="conv", lr=1.2, epochs=16,
         sched=("multistep", {"milestones": [6, 12], "gamma": 0.5}))),
    dataclasses.replace(rl_scenario(
        "x_b5_rl_anneal", W,
        {"lr": "rl/learning_rate", "value_loss": "rl/value_loss",
         "policy_loss": "rl/policy_loss", "entropy": "rl/entropy",
         "return": "rl/mean_return"},
        "A2C on a 12-cell corridor (rl/ names), Adam 6e-3 annealed linearly to 0, 400 "
        "updates logged every 2: value loss rises as returns appear, policy loss wanders "
        "around 0, return climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), updates=400, lr=6e-3, every=2),
        held_out="blind5"),
]


# -- the blind6 split (fifth session, labelled from the plots only)

def B6(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind6")


B6_SWEEP = (1e-3, 0.1, 5.0)

SCENARIOS += [
    B6("x_b6_sweep_sgd_" + _b5_lr_name(lr), "constant", ("sweep_member", "per_step"),
       "LR sweep (group x_b6_sweep_sgd): digits MLP 96, SGD momentum 0.9 at a constant LR "
       "%g, batch 48, 10 epochs, loss every 3 steps; the LR is the only difference between "
       "members." % lr,
       Cfg(hidden=(96,), lr=lr, batch=48, epochs=10, log_every=3))
    for lr in B6_SWEEP
] + [
    B6("x_b6_cyclic_tri2", "cyclic", ("cyclic_wiggles", "per_step"),
       "4-class make_classification (2000 train), MLP 64-32, SGD momentum 0.9 under a "
       "triangular2 CyclicLR 5e-3 <-> 8e-2 (60-step half cycles, the amplitude halving each "
       "cycle), batch 64, 15 epochs, loss every step: wiggles meant to follow the LR while "
       "the trend and val fall.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4,
                                "n_informative": 10},
           hidden=(64, 32), lr=5e-3, epochs=15,
           sched=("cyclic", {"base_lr": 5e-3, "max_lr": 8e-2, "step_size_up": 60,
                             "mode": "triangular2"}))),
    B6("x_b6_overfit_small", "step", ("per_epoch",),
       "Only 150 digits for training, MLP 512-512, Adam 3e-3, StepLR x0.5 every 20 epochs, "
       "batch 32, 60 epochs, epoch means logged once per epoch at the epoch index: meant to "
       "memorise the training set while the val loss turns up.",
       E(data_kw={"n_train": 150}, hidden=(512, 512), opt="adam", lr=3e-3, batch=32,
         epochs=60, sched=("step", {"step_size": 20, "gamma": 0.5}))),
    B6("x_b6_plateau_narrow", "cosine", ("per_step",),
       "8-class make_classification (3000 train), an MLP with one 3-unit hidden layer, Adam "
       "1e-2 with a cosine to 0, batch 64, 20 epochs, loss every 4 steps: meant to stall at "
       "a high loss early (capacity), val too.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8,
                                "n_informative": 12, "clusters": 1},
           hidden=(3,), opt="adam", lr=1e-2, epochs=20, log_every=4, sched=("cosine", {}))),
]


# -- the blind7 split (fifth session, labelled from the plots only)

def B7(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind7")


B7_SWEEP = (1e-5, 2e-3, 0.5)

SCENARIOS += [
    B7("x_b7_sweep_adam_" + _lr_name(lr), "constant", ("sweep_member", "per_step"),
       "LR sweep (group x_b7_sweep_adam): 5-class make_classification (2000 train), MLP "
       "64-64, Adam at a constant LR %g, batch 64, 10 epochs, loss every 3 steps; the LR is "
       "the only difference between members." % lr,
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5,
                                "n_informative": 10},
           hidden=(64, 64), opt="adam", lr=lr, epochs=10, log_every=3))
    for lr in B7_SWEEP
] + [
    B7("x_b7_range_sgd", "range_test", ("range_test", "per_step"),
       "LR range test: digits MLP 128, SGD momentum 0.9 with the LR rising exponentially "
       "from 1e-5 to 10 over 300 steps (6 decades), batch 32, loss and LR every step.",
       Cfg(hidden=(128,), lr=0.01, batch=32, epochs=6, max_steps=300,
           sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 300}))),
    B7("x_b7_isqrt_conv", "inverse_sqrt", ("per_step",),
       "Digits convnet, Adam 2e-3, inverse-sqrt after an 80-step linear warmup, batch 64, "
       "12 epochs, loss and LR every 2 steps.",
       Cfg(model="conv", opt="adam", lr=2e-3, epochs=12, log_every=2,
           sched=("inverse_sqrt", {"warmup": 80}))),
]


# -- the blind8 split (sixth session, labelled from the plots only)

def B8(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind8")


SCENARIOS += [
    B8("x_b8_tiny_onecycle_seq", "onecycle", ("tiny", "per_step"),
       "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 10, length 20), "
       "AdamW under OneCycleLR to 3e-3 (25 % warmup), batch 32, only 4 epochs, loss every "
       "step, val per epoch.",
       Cfg(data="seq", data_kw={"vocab": 10, "length": 20, "n_train": 2400, "n_val": 600},
           model="transformer", opt="adamw", lr=3e-3, batch=32, epochs=4,
           sched=("onecycle", {"pct_start": 0.25}))),
    B8("x_b8_cyclic_conv_noval", "cyclic", ("cyclic_wiggles", "per_step"),
       "Digits convnet, SGD momentum 0.9 under a triangular CyclicLR 2e-3 <-> 6e-2 "
       "(130-step half cycles), batch 32, 12 epochs, loss every step; fit without a "
       "validation set (no val loss or accuracy logged).",
       Cfg(model="conv", lr=2e-3, batch=32, epochs=12, val=False,
           sched=("cyclic", {"base_lr": 2e-3, "max_lr": 6e-2, "step_size_up": 130}))),
    B8("x_b8_rlrop_noisy5", "plateau", ("noise_floor", "per_step"),
       "5-class make_classification with 30 % flipped labels (train and val), 3000 train, "
       "MLP 48, Adam 3e-3, ReduceLROnPlateau(val loss, x0.5, patience 2), batch 32, 20 "
       "epochs, loss and LR every 2 steps: the per-step loss at the label-noise floor.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                "flip_y": 0.3, "n_informative": 10},
           hidden=(48,), opt="adam", lr=3e-3, batch=32, epochs=20, log_every=2,
           sched=("plateau", {"factor": 0.5, "patience": 2}))),
    B8("x_b8_spikes_long_4c", "cosine", ("single_point_spikes", "per_step"),
       "4-class make_classification (class_sep 1.8, 4000 train), MLP 64, SGD 0.02 momentum "
       "0.9 with a cosine to 0, batch 16, 12 epochs = 3000 steps logged every step; the "
       "batches at steps 900 and 2100 have every label wrong (a corrupted shard): one-step "
       "spikes.",
       Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 4,
                                "n_informative": 10, "class_sep": 1.8},
           hidden=(64,), lr=0.02, batch=16, epochs=12, sched=("cosine", {}),
           bad_steps=(900, 2100))),
    B8("x_b8_osc_adam_epoch", "constant", ("per_epoch",),
       "6-class make_classification (3000 train), MLP 32-32, Adam at a constant 0.05 (too "
       "high), batch 128, 25 epochs, epoch means logged at the epoch index: meant to bounce "
       "epoch to epoch instead of settling.",
       E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                              "n_informative": 10},
         hidden=(32, 32), opt="adam", lr=0.05, batch=128, epochs=25)),
    dataclasses.replace(rl_scenario(
        "x_b8_rl_const", W,
        {"lr": "train/learning_rate", "value_loss": "loss/value", "policy_loss": "loss/policy",
         "entropy": "loss/entropy", "return": "episode/return"},
        "A2C on a 12-cell corridor, Adam at a constant 2e-3, 600 updates logged every 3: "
        "value loss rises as returns appear, policy loss wanders around 0, return climbs; "
        "no validation.",
        anneal=False, seeds=(1,), test_seeds=(), updates=600, lr=2e-3, every=3),
        held_out="blind8"),
]


# -- the blind9 split (sixth session, labelled from the plots only)

def B9(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind9")


SCENARIOS += [
    B9("x_b9_long_cosine_noisy", "cosine", ("long_noisy", "noise_floor", "per_step"),
       "3-class make_classification with 20 % flipped labels (train and val), 5000 train, "
       "MLP 24, SGD 5e-3 momentum 0.9, weight decay 1e-4, a cosine to 0, batch 5, 20 epochs "
       "= 20,000 steps logged every step, val per epoch: a long, very noisy per-step loss "
       "at the floor set by the label noise.",
       Cfg(data="clf", data_kw={"n_train": 5000, "n_val": 1500, "n_classes": 3,
                                "flip_y": 0.2, "n_informative": 8},
           hidden=(24,), lr=5e-3, wd=1e-4, batch=5, epochs=20, sched=("cosine", {}))),
    B9("x_b9_collapse_onecycle_adam", "onecycle", ("collapse_no_nan", "per_step"),
       "6-class make_classification (class_sep 1.5, 3000 train), MLP 128-128, Adam under "
       "OneCycleLR to 0.1 (far too high a peak for Adam; 30 % warmup from 4e-3), batch 64, "
       "16 epochs, loss every 3 steps: meant to learn while the LR is small and collapse to "
       "chance near the peak, staying there as the LR anneals.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                "n_informative": 10, "class_sep": 1.5},
           hidden=(128, 128), opt="adam", lr=0.1, epochs=16, log_every=3,
           sched=("onecycle", {"pct_start": 0.3}))),
    B9("x_b9_osc_reg_sgd", "constant", ("per_step",),
       "make_regression (targets scaled to a std of ~2), MLP 64, MSE, SGD momentum 0.9 at a "
       "constant 0.08 (near the stability edge: 0.12 blew up to Inf within 2 epochs), batch "
       "32, 20 epochs, loss every 3 steps, val per epoch: meant to bounce instead of "
       "settling.",
       Cfg(data="reg", data_kw={"n_train": 1500, "n_val": 500, "offset": 0.0, "scale": 0.02},
           hidden=(64,), lr=0.08, batch=32, epochs=20, log_every=3, acc=False)),
    B9("x_b9_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
       "3-class make_classification (class_sep 0.7, 8000 train), MLP 64, plain SGD (no "
       "momentum) at a constant 0.3 (big), batch 64, 15 epochs, loss every 5 steps: a fast "
       "fall in the first few hundred steps, then a slow crawl.",
       Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 2000, "n_classes": 3,
                                "n_informative": 12, "class_sep": 0.7},
           hidden=(64,), lr=0.3, momentum=0.0, epochs=15, log_every=5)),
    B9("x_b9_resume_adam_raise", "other", ("per_step",),
       "4-class make_classification (2000 train), MLP 128-64, Adam 1e-3, then a 'resume' "
       "that multiplies the LR by 50 (to 5e-2) from epoch 8 of 16, batch 64, loss every 3 "
       "steps: meant to lose val accuracy after the raise.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4,
                                "n_informative": 10},
           hidden=(128, 64), opt="adam", lr=1e-3, epochs=16, log_every=3,
           sched=("bump", {"at_epoch": 8, "mult": 50.0}))),
    B9("x_b9_leak_sgdr", "sgdr", ("per_step",),
       "Digits with 40 % of the training labels randomised; the val set is 400 of the "
       "training images with their clean labels (a leak); MLP 64, SGD 0.03 momentum 0.9 "
       "under CosineAnnealingWarmRestarts (T_0 126 steps: restarts at steps 126 and 252), "
       "batch 64, 18 epochs, loss every 3 steps: val loss meant to sit far below train "
       "throughout.",
       Cfg(data="leaky_digits", data_kw={"label_noise": 0.4}, hidden=(64,), lr=0.03,
           epochs=18, log_every=3, sched=("sgdr", {"T_0": 126}))),
]


# -- the blind10 split (sixth session, labelled from the plots only)

def B10(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind10")


SCENARIOS += [
    B10("x_b10_cyclic_tri2_seq", "cyclic", ("cyclic_wiggles", "per_step"),
        "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 8, length 14, "
        "2000 train), AdamW under a triangular2 CyclicLR 1e-4 <-> 3e-3 (100-step half cycles, "
        "the amplitude halving each cycle), batch 40, 10 epochs, loss and LR every 2 steps, "
        "val per epoch.",
        Cfg(data="seq", data_kw={"vocab": 8, "length": 14, "n_train": 2000, "n_val": 500},
            model="transformer", opt="adamw", lr=1e-4, batch=40, epochs=10, log_every=2,
            sched=("cyclic", {"base_lr": 1e-4, "max_lr": 3e-3, "step_size_up": 100,
                              "mode": "triangular2"}))),
    B10("x_b10_tiny_isqrt", "inverse_sqrt", ("tiny", "per_step"),
        "Digits MLP 192, Adam 2e-3, 30-step linear warmup then inverse-sqrt decay, batch 32, "
        "only 4 epochs, loss and LR every 2 steps, val per epoch.",
        Cfg(hidden=(192,), opt="adam", lr=2e-3, batch=32, epochs=4, log_every=2,
            sched=("inverse_sqrt", {"warmup": 30}))),
    B10("x_b10_decay_exp_epoch", "exponential", ("per_epoch",),
        "Digits MLP 64, plain SGD (no momentum) 0.01 with ExponentialLR gamma 0.3 per epoch "
        "(the LR is ~2e-5 by epoch 5), batch 64, 20 epochs, epoch means at the epoch index: "
        "the LR collapses while the loss is still high.",
        E(hidden=(64,), lr=0.01, momentum=0.0, epochs=20,
          sched=("exponential", {"gamma": 0.3}))),
    B10("x_b10_zero_lr_adam_epoch", "constant_warmup", ("zero_lr", "per_epoch"),
        "4-class make_classification (2000 train), MLP 64-64, Adam 2e-3 after a 150-step "
        "linear warmup, then the integer-division bug makes the LR factor exactly 0 (~75 % "
        "of the run), batch 64, 20 epochs, epoch means and the LR at the epoch index.",
        E(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4,
                               "n_informative": 10},
          hidden=(64, 64), opt="adam", lr=2e-3, epochs=20,
          sched=("zero_bug", {"warmup": 150}))),
    B10("x_b10_aug_ramp_step", "step", ("train_flat_val_improves", "per_step"),
        "Digits MLP 128, SGD 4e-3 momentum 0.9, StepLR x0.5 every 8 epochs, batch 64, 24 "
        "epochs, loss every 4 steps; Gaussian input noise on every training batch whose std "
        "ramps 0 -> 1.2 over the first 35 % of the epochs: the train loss meant to stay flat "
        "while the clean val loss keeps improving.",
        Cfg(hidden=(128,), lr=4e-3, epochs=24, log_every=4, aug=noise_ramp(0.0, 1.2, 0.35),
            sched=("step", {"step_size": 8, "gamma": 0.5}))),
    B10("x_b10_chance_conv_sgd", "constant", ("chance_from_start", "per_step"),
        "Digits convnet, SGD momentum 0.9 at a constant 1.5 (far too high), batch 64, 12 "
        "epochs, loss every 3 steps: meant to sit at chance (ln 10) from the start.",
        Cfg(model="conv", lr=1.5, epochs=12, log_every=3)),
]


# -- the blind11 split (seventh session, labelled from the plots only)

def B11(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind11")


SCENARIOS += [
    B11("x_b11_warmup_linear_seq", "linear", ("per_step",),
        "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 5, length 10, "
        "2400 train), AdamW 2e-3 with a 60-step linear warmup then a linear decay to 0, "
        "batch 48, 12 epochs, loss and LR every 2 steps, val per epoch.",
        Cfg(data="seq", data_kw={"vocab": 5, "length": 10, "n_train": 2400, "n_val": 600},
            model="transformer", opt="adamw", lr=2e-3, batch=48, epochs=12, log_every=2,
            sched=("linear", {"warmup": 60}))),
    B11("x_b11_too_low_adam_conv_epoch", "constant", ("per_epoch",),
        "Digits convnet, Adam at a constant 3e-6 (about 1000x too low), batch 32, 20 epochs, "
        "epoch means and the LR at the epoch index: meant to creep down from the start.",
        E(model="conv", opt="adam", lr=3e-6, batch=32, epochs=20)),
    B11("x_b11_osc_3c_sgd", "constant", ("per_step",),
        "3-class make_classification (class_sep 1.5, 2000 train), MLP 64, SGD momentum 0.9 "
        "at a constant 0.3 (too high), batch 32, 15 epochs, loss every 3 steps: meant to "
        "bounce instead of settling. (First try, 1.2, grew steadily to ~1e35 and NaN.)",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 3,
                                 "n_informative": 8, "class_sep": 1.5},
            hidden=(64,), lr=0.3, batch=32, epochs=15, log_every=3)),
    B11("x_b11_zero_lr_groups_conv", "constant_warmup", ("zero_lr", "param_groups", "per_step"),
        "Digits convnet, SGD momentum 0.9 with two param groups (convs x0.2, rest x1 of "
        "0.03, logged learning_rate/group0..1), a 120-step linear warmup, then the "
        "integer-division bug makes every group's LR exactly 0 for the last ~55 %; batch 64, "
        "12 epochs, loss every 2 steps.",
        Cfg(model="conv", lr=0.03, groups=(0.2, 1.0), epochs=12, log_every=2,
            tags={"lr": "learning_rate/group{i}"}, sched=("zero_bug", {"warmup": 120}))),
    B11("x_b11_onecycle_noise_floor", "onecycle", ("noise_floor", "per_step"),
        "4-class make_classification (one cluster a class, class_sep 1.5) with 25 % flipped "
        "labels (3000 train), MLP 32, SGD momentum 0.9 under OneCycleLR to 0.05, batch 16, "
        "8 epochs (~1500 steps) logged every step: the per-step loss meant to bounce around "
        "the label-noise floor. (First try, two clusters a class and class_sep 1.0, was "
        "still learning slowly at the end.)",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1500, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.25, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(32,), lr=0.05, batch=16, epochs=8, sched=("onecycle", {"pct_start": 0.3}))),
]


# -- the blind12 split (seventh session, second block, labelled from the plots only)

def B12(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind12")


SCENARIOS += [
    B12("x_b12_multistep_conv_epoch50_nolr", "multistep", ("per_epoch",),
        "Digits convnet, SGD 0.05 momentum 0.9 (weight decay 5e-4), MultiStepLR x0.2 at "
        "epochs 20, 35 and 45, batch 64, 50 epochs, epoch means and val per epoch at the "
        "epoch index; the LR is never logged.",
        E(model="conv", lr=0.05, wd=5e-4, batch=64, epochs=50, log_lr=False,
          sched=("multistep", {"milestones": [20, 35, 45], "gamma": 0.2}))),
    B12("x_b12_onecycle_seq_tf", "onecycle", ("per_step",),
        "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 6, length 12, "
        "2000 train), AdamW under OneCycleLR to 3e-3 (30 % warmup), batch 64, 15 epochs, "
        "loss and LR every 3 steps, val per epoch.",
        Cfg(data="seq", model="transformer", opt="adamw", lr=3e-3, batch=64, epochs=15,
            log_every=3, sched=("onecycle", {"pct_start": 0.3}))),
    B12("x_b12_too_low_seq_adam", "constant", ("per_step",),
        "Tiny transformer on majority-token sequences, Adam at a constant 1e-5 (about 300x "
        "too low), batch 32, 10 epochs, loss every 2 steps, val per epoch: meant to creep "
        "down from the first step.",
        Cfg(data="seq", model="transformer", opt="adam", lr=1e-5, batch=32, epochs=10,
            log_every=2)),
    B12("x_b12_rlrop_stuck_bottleneck", "plateau", ("per_epoch",),
        "6-class make_classification (2400 train) through a 2-unit hidden layer, SGD 0.05 "
        "momentum 0.9 under ReduceLROnPlateau(val loss, x0.5, patience 1), batch 32, 40 "
        "epochs, epoch means at the epoch index: meant to stall early at a high loss (a "
        "capacity limit) while the scheduler keeps cutting the LR.",
        E(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 6,
                               "n_informative": 8},
          hidden=(2,), lr=0.05, batch=32, epochs=40,
          sched=("plateau", {"factor": 0.5, "patience": 1}))),
    B12("x_b12_acc_drop_raise_epoch", "other", ("per_epoch",),
        "Digits MLP 128, Adam 1e-3 for 15 epochs, then a resume sets the LR 15x higher "
        "(1.5e-2) for the last 15, batch 32, epoch means at the epoch index: val accuracy "
        "meant to drop after the raise and not come back.",
        E(hidden=(128,), opt="adam", lr=1e-3, batch=32, epochs=30,
          sched=("bump", {"at_epoch": 15, "mult": 15.0}))),
]


# -- the blind13 split (seventh session, third block, labelled from the plots only)

def B13(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind13")


SCENARIOS += [
    B13("x_b13_step_8c_epoch_bs128", "step", ("per_epoch",),
        "8-class make_classification (one cluster a class, class_sep 1.5, 4000 train), MLP "
        "128-64, SGD 0.05 momentum 0.9, StepLR x0.3 every 10 epochs, batch 128, 30 epochs, "
        "epoch means and the LR at the epoch index.",
        E(data="clf", data_kw={"n_train": 4000, "n_val": 1200, "n_classes": 8,
                               "n_informative": 10, "clusters": 1, "class_sep": 1.5},
          hidden=(128, 64), lr=0.05, batch=128, epochs=30,
          sched=("step", {"step_size": 10, "gamma": 0.3}))),
    B13("x_b13_exp_gamma_typo_conv", "exponential", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD 0.01 momentum 0.9 under ExponentialLR with gamma 1.6 per epoch "
        "(a typo for 0.6: the LR grows 1.6x every epoch, to ~30 by the end), batch 64, 18 "
        "epochs, loss and LR every 2 steps: meant to learn at first and blow up as the LR "
        "keeps growing (the loop stops at the first NaN). The plots show no NaN: a collapse "
        "to chance level once the LR passes ~0.5, then a loss growing to ~50 at the end.",
        Cfg(model="conv", lr=0.01, batch=64, epochs=18, log_every=2,
            sched=("exponential", {"gamma": 1.6}))),
    B13("x_b13_too_low_sgd_conv_groups", "constant", ("param_groups", "per_step"),
        "Digits convnet, plain SGD (no momentum) with two param groups (convs x0.5, rest x1 "
        "of 3e-4, logged learning_rate/group0..1; about 300x too low), batch 32, 12 epochs, "
        "loss every 4 steps: meant to creep down from the first step.",
        Cfg(model="conv", lr=3e-4, momentum=0.0, groups=(0.5, 1.0), batch=32, epochs=12,
            log_every=4, tags={"lr": "learning_rate/group{i}"})),
    B13("x_b13_no_signal_clf_adam", "constant", ("per_epoch",),
        "4-class make_classification with 90 % of the labels (train and val) flipped at "
        "random (almost no signal left), MLP 64, Adam at a constant 1e-3, batch 64, 25 "
        "epochs, epoch means at the epoch index: meant to stay stuck at chance, val too.",
        E(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 4,
                               "n_informative": 8, "flip_y": 0.9},
          hidden=(64,), opt="adam", lr=1e-3, batch=64, epochs=25)),
    B13("x_b13_range_sgd_seq", "range_test", ("range_test", "per_step"),
        "LR range test: tiny transformer on majority-token sequences, SGD momentum 0.9 with "
        "the LR rising exponentially from 1e-5 to 10 over 420 steps (6 decades), batch 32, "
        "loss and LR every step, val per epoch.",
        Cfg(data="seq", model="transformer", lr=1e-3, batch=32, epochs=7, max_steps=420,
            sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 420}))),
]


# -- the blind14 split (eighth session, first block, labelled from the plots only)

def B14(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind14")


SCENARIOS += [
    B14("x_b14_plateau_reg_bs8_epoch", "plateau", ("per_epoch",),
        "make_regression scaled to unit-sized targets (1000 train, noise 10), MLP 64-64, SGD "
        "0.01 momentum 0.9 with ReduceLROnPlateau(val MSE, x0.3, patience 2), batch 8, 20 "
        "epochs, epoch means and the LR at the epoch index (no accuracy).",
        E(data="reg", data_kw={"n_train": 1000, "n_val": 400, "scale": 0.01, "offset": 0.0},
          hidden=(64, 64), lr=0.01, batch=8, epochs=20, acc=False,
          sched=("plateau", {"factor": 0.3, "patience": 2}))),
    B14("x_b14_sgdr_8c_mlp", "sgdr", ("per_step",),
        "8-class make_classification (one cluster a class, class_sep 1.5, 3000 train), MLP "
        "256-128, SGD momentum 0.9 under CosineAnnealingWarmRestarts from 0.03 (T_0 = 4 "
        "epochs, four cycles), batch 64, 16 epochs, loss and LR every 2 steps, val per "
        "epoch.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8,
                                 "n_informative": 10, "clusters": 1, "class_sep": 1.5},
            hidden=(256, 128), lr=0.03, batch=64, epochs=16, log_every=2,
            sched=("sgdr", {"T_0": 188}))),
    B14("x_b14_too_low_onecycle_6c", "onecycle", ("per_step",),
        "6-class make_classification (2400 train), MLP 32, plain SGD (no momentum) under "
        "OneCycleLR to only 1e-3 (about 100x too low for plain SGD), batch 32, 15 epochs, "
        "loss and LR every 2 steps: meant to creep down from the first step.",
        Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(32,), lr=1e-3, momentum=0.0, batch=32, epochs=15, log_every=2,
            sched=("onecycle", {}))),
    B14("x_b14_overfit_5c_small_wide", "constant", ("per_step",),
        "5-class make_classification with only 200 training rows and 20 % flipped labels "
        "(1000 val), MLP 512-512, Adam at a constant 1e-3, batch 16, 50 epochs (650 steps), "
        "loss every step, val per epoch: meant to memorise the training rows while the val "
        "loss turns up.",
        Cfg(data="clf", data_kw={"n_train": 200, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 8, "flip_y": 0.2},
            hidden=(512, 512), opt="adam", lr=1e-3, batch=16, epochs=50)),
    B14("x_b14_osc_conv_sgd_bs8_epoch", "constant", ("per_epoch",),
        "Digits convnet, SGD momentum 0.9 at a constant 0.02 (too high at batch 8), batch 8, "
        "15 epochs, epoch means at the epoch index: meant to bounce instead of settling. "
        "(First try, 0.05, never got below ~1.8 and sat at chance from epoch 5.)",
        E(model="conv", lr=0.02, batch=8, epochs=15)),
]


# -- the blind15 split (eighth session, second block, labelled from the plots only)

def B15(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind15")


SCENARIOS += [
    B15("x_b15_hot_sgd_wide_epoch", "constant", ("collapse_no_nan", "per_epoch"),
        "Digits MLP 512-512, SGD momentum 0.9 at a constant 0.15 (too high), batch 32, 20 "
        "epochs, epoch means and the LR at the epoch index: meant to bounce instead of "
        "settling. The plots show it learning for three epochs and then thrown to chance "
        "level (no NaN) for the rest, so it is labelled as that (0.05 and 0.08 only "
        "memorise and settle).",
        E(hidden=(512, 512), lr=0.15, batch=32, epochs=20)),
    B15("x_b15_hot_sgd_5c", "constant", ("chance_from_start", "per_step"),
        "5-class make_classification (2500 train), MLP 128-128, SGD momentum 0.9 at a "
        "constant 1.0 (far too high), batch 64, 10 epochs, loss every step, val per epoch: "
        "meant never to leave chance level (or to blow up at once).",
        Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 800, "n_classes": 5,
                                 "n_informative": 8},
            hidden=(128, 128), lr=1.0, batch=64, epochs=10)),
    B15("x_b15_rlrop_seq_converge_early", "plateau", ("per_step",),
        "Tiny transformer on majority-token sequences (2000 train), AdamW 2e-3 with "
        "ReduceLROnPlateau(val loss, x0.5, patience 1), batch 64, 20 epochs, loss and LR "
        "every 4 steps, val per epoch: meant to converge in the first epochs while the "
        "scheduler cuts the LR on the flat val loss. The plots show it still improving to "
        "the end (one cut, after a small bump at ~70 %), a healthy run all the same.",
        Cfg(data="seq", model="transformer", opt="adamw", lr=2e-3, batch=64, epochs=20,
            log_every=4, sched=("plateau", {"factor": 0.5, "patience": 1}))),
    B15("x_b15_bad_epoch_conv_epoch", "cosine", ("per_epoch",),
        "Digits convnet, SGD 0.03 momentum 0.9 with a cosine to 0, batch 32, 25 epochs, "
        "epoch means and the LR at the epoch index; every batch of epoch 10 (steps "
        "440-483) comes from a corrupted shard with every label wrong: meant as a loss "
        "spike lasting one epoch, then a recovery. The plots show only a partial recovery "
        "as the cosine runs out (val accuracy 0.98 before, 0.895 at the end), so it is "
        "labelled as that.",
        E(model="conv", lr=0.03, batch=32, epochs=25, sched=("cosine", {}),
          bad_steps=tuple(range(440, 484)))),
    B15("x_b15_sgdr_sgd_epoch_mild", "sgdr", ("per_epoch",),
        "5-class make_classification (one cluster a class, class_sep 1.5, 6000 train), MLP "
        "64, SGD 0.05 momentum 0.9 under CosineAnnealingWarmRestarts (T_0 = 5 epochs, five "
        "cycles), batch 32, 25 epochs, epoch means and the LR at the epoch index: restarts "
        "meant to leave only small bumps. (First try, 3000 train and MLP 128-64, bumped "
        "1.5-2x at each restart while the val loss crept up 45 %.)",
        E(data="clf", data_kw={"n_train": 6000, "n_val": 1000, "n_classes": 5,
                               "n_informative": 8, "clusters": 1, "class_sep": 1.5},
          hidden=(64,), lr=0.05, batch=32, epochs=25, sched=("sgdr", {"T_0": 940}))),
    B15("x_b15_overfit_groups_noisy", "constant", ("param_groups", "per_step"),
        "150 training digits with 30 % of their labels randomised (clean val), MLP 256-128, "
        "SGD momentum 0.9 with two constant param groups (first layers x0.5, last x1 of "
        "0.03, logged learning_rate/group0..1), batch 16, 60 epochs (600 steps), loss every "
        "2 steps, val per epoch: meant to memorise the noisy labels while the val loss "
        "turns up and the val accuracy falls.",
        Cfg(data_kw={"n_train": 150, "label_noise": 0.3}, hidden=(256, 128), lr=0.03,
            groups=(0.5, 1.0), batch=16, epochs=60, log_every=2,
            tags={"lr": "learning_rate/group{i}"})),
]


# -- the blind16 split (ninth session, built at its start, labelled from the plots only)

def B16(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind16")


SCENARIOS += [
    B16("x_b16_cyclic_wiggles_mlp", "cyclic", ("cyclic_wiggles", "per_step"),
        "Digits MLP 128, SGD momentum 0.9 under a triangular CyclicLR 5e-3 <-> 8e-2 "
        "(half-cycle 2 epochs, five cycles), batch 32, 20 epochs, loss and LR every 2 steps, "
        "val per epoch: wiggles meant to follow the cyclic LR while the trend and the val "
        "loss keep falling.",
        Cfg(hidden=(128,), lr=0.01, batch=32, epochs=20, log_every=2,
            sched=("cyclic", {"base_lr": 5e-3, "max_lr": 8e-2, "step_size_up": 82}))),
    B16("x_b16_onecycle_peak_collapse", "onecycle", ("collapse_no_nan", "per_epoch"),
        "Digits MLP 128-128, SGD momentum 0.9 under OneCycleLR to 1.0 (far too high a "
        "peak, 30 % warmup), batch 32, 20 epochs, epoch means and the LR at the epoch index: "
        "meant to learn during the warmup and be thrown to chance level at the LR peak "
        "without a NaN, never to recover (the plots show it thrown out at epoch 2, before the "
        "peak).",
        E(hidden=(128, 128), lr=1.0, batch=32, epochs=20, sched=("onecycle", {}))),
    B16("x_b16_aug_ramp_train_flat", "cosine", ("train_flat_val_improves", "per_step"),
        "Digits MLP 256, SGD 0.05 momentum 0.9 with a cosine to 0, batch 32, 30 epochs, "
        "loss and LR every 4 steps, val per epoch; the input-noise augmentation ramps from "
        "std 0.4 to 0.9 over the first 60 % of the run (clean val): the train loss meant to "
        "stay flat while the val loss keeps falling. (First try, 0.3 to 1.5 over 70 %: the "
        "train loss climbed 10x and the val loss turned up from 35 %.)",
        Cfg(hidden=(256,), lr=0.05, batch=32, epochs=30, log_every=4, sched=("cosine", {}),
            aug=noise_ramp(0.4, 0.9, 0.6))),
    B16("x_b16_overfit_noisy_adam_epoch", "constant", ("per_epoch",),
        "300 training digits with 15 % random labels (clean val), MLP 256-256, Adam at a "
        "constant 2e-3, batch 32, 50 epochs, epoch means and the LR at the epoch index: "
        "meant to memorise the training set while the val loss climbs from its best.",
        E(data_kw={"n_train": 300, "label_noise": 0.15}, hidden=(256, 256), opt="adam",
          lr=2e-3, batch=32, epochs=50)),
    B16("x_b16_lr_too_low_sgd_epoch", "constant", ("per_epoch",),
        "Digits MLP 64, plain SGD (no momentum) at a constant 2e-4 (meant 2e-2), batch 64, "
        "25 epochs, epoch means and the LR at the epoch index: meant to be slow from its "
        "very first step.",
        E(hidden=(64,), lr=2e-4, momentum=0.0, batch=64, epochs=25)),
    B16("x_b16_hot_sgd_chance_3c", "constant", ("chance_from_start", "per_step"),
        "3-class make_classification (3000 train), MLP 64-64, SGD momentum 0.9 at a "
        "constant 3.0 (far too high), batch 32, 10 epochs, loss and LR every 2 steps, val "
        "per epoch: meant to be kept at chance level from the first steps.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), lr=3.0, batch=32, epochs=10, log_every=2)),
]


# -- the blind17 split (ninth session, built by a helper from the plots only)

def B17(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind17")


SCENARIOS += [
    B17("x_b17_isqrt_seq_adamw", "inverse_sqrt", ("per_step",),
        "Tiny transformer on majority-token sequences (2000 train), AdamW 2e-3 with a "
        "100-step linear warmup and an inverse-sqrt decay, batch 32, 15 epochs, loss and "
        "LR every 3 steps, val per epoch: a standard transformer schedule.",
        Cfg(data="seq", model="transformer", opt="adamw", lr=2e-3, batch=32, epochs=15,
            log_every=3, sched=("inverse_sqrt", {"warmup": 100}))),
    B17("x_b17_noise_floor_6c_adam", "constant", ("noise_floor", "per_step"),
        "6-class make_classification (one cluster a class, class_sep 2.0) with 30 % flipped "
        "labels (5000 train), MLP 64, Adam at a constant 2e-3, batch 32, 10 epochs (1570 "
        "steps) logged every step, val per epoch: the per-step loss meant to bounce around "
        "the label-noise floor while the val loss sits flat at its minimum.",
        Cfg(data="clf", data_kw={"n_train": 5000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 8, "flip_y": 0.3, "clusters": 1,
                                 "class_sep": 2.0},
            hidden=(64,), opt="adam", lr=2e-3, batch=32, epochs=10)),
    B17("x_b17_range_sgd_4c", "range_test", ("range_test", "per_step"),
        "LR range test: 4-class make_classification (3000 train), MLP 64, SGD momentum 0.9 "
        "with the LR raised exponentially every step from 1e-5 to 10 (6 decades) over 3 "
        "epochs (282 steps), batch 32, loss and LR every step, val per epoch.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(64,), lr=1e-3, batch=32, epochs=3,
            sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 282}))),
    B17("x_b17_sgdr_adam_restart_spike", "sgdr", ("restart_wide_spike", "per_step"),
        "Digits MLP 256-128, Adam under CosineAnnealingWarmRestarts from 2e-2 (T_0 = 8 "
        "epochs, three cycles), batch 32, 24 epochs, loss and LR every step, val per epoch: "
        "each restart meant to throw the low loss up for a while before it recovers.",
        Cfg(hidden=(256, 128), opt="adam", lr=2e-2, batch=32, epochs=24,
            sched=("sgdr", {"T_0": 352}))),
    B17("x_b17_exp_decay_fast_epoch", "exponential", ("per_epoch",),
        "Digits MLP 128, plain SGD (no momentum) 5e-2 under ExponentialLR x0.3 per epoch "
        "(1.5e-2, 4.5e-3, ... 1e-14 at the end), batch 64, 25 epochs, epoch means and the LR "
        "at the epoch index: the LR decayed away so early that the loss is meant to stall "
        "far above where it would go.",
        E(hidden=(128,), lr=0.05, momentum=0.0, batch=64, epochs=25,
          sched=("exponential", {"gamma": 0.3}))),
]


# -- the blind18 split (tenth session, built by a helper from the plots only)

def B18(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind18")


SCENARIOS += [
    B18("x_b18_long_linear_cosine_bs4", "cosine", ("long_noisy", "per_step"),
        "3-class make_classification with 10 % flipped labels (2000 train), a linear "
        "softmax model, plain SGD 2e-2 with a cosine to 0, batch 4, 42 epochs (21000 steps) "
        "logged every step, val per epoch: a long, cheap, noisy per-step run. The plots "
        "show the val loss flat at 0.78 from the first epoch to the end (a linear model too "
        "small for two clusters a class); labelled as that.",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 6, "flip_y": 0.1},
            hidden=(), lr=0.02, momentum=0.0, batch=4, epochs=42, sched=("cosine", {}))),
    B18("x_b18_reg_bump_thrown_up", "other", ("per_step",),
        "make_regression (targets scaled to ~unit size), MLP 64-64, Adam 1e-3; from epoch "
        "12 of 24 a bad resume sets the LR 30x higher (3e-2), batch 32, loss and LR every 2 "
        "steps, val per epoch, no accuracy: the MSE meant to be thrown far up by the raise. "
        "The plots show one epoch thrown ~10x up and then a recovery to a bouncing floor; "
        "labelled as that.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(64, 64), opt="adam",
            lr=1e-3, batch=32, epochs=24, log_every=2,
            sched=("bump", {"at_epoch": 12, "mult": 30.0}))),
    B18("x_b18_osc_adam_waves_epoch", "constant", ("per_epoch",),
        "Digits MLP 128, Adam at a constant 1.5e-2 (too high), batch 128, 30 epochs, epoch "
        "means at the epoch index: the val loss and accuracy meant to move in waves instead "
        "of settling, without diverging. The plots show it settling at its best val loss "
        "with no waves; labelled as that.",
        E(hidden=(128,), opt="adam", lr=1.5e-2, batch=128, epochs=30)),
    B18("x_b18_too_low_sgd_5c", "constant", ("per_step",),
        "5-class make_classification (3000 train), MLP 64-64, plain SGD at a constant 1e-4 "
        "(meant 1e-1), batch 32, 15 epochs, loss and LR every 3 steps, val per epoch: meant "
        "to be slow from its very first step.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 8},
            hidden=(64, 64), lr=1e-4, momentum=0.0, batch=32, epochs=15, log_every=3)),
    B18("x_b18_steady_noise_conv_bs16", "constant", ("per_step",),
        "Digits convnet, Adam at a constant 1e-3, batch 16, 12 epochs (~1050 steps) logged "
        "every step, val per epoch: noisy small-batch per-step loss while the val loss "
        "settles and stays steady.",
        Cfg(model="conv", opt="adam", lr=1e-3, batch=16, epochs=12)),
    B18("x_b18_fast_crawl_4c_adam", "constant", ("fast_start_crawl", "per_step"),
        "4-class make_classification (class_sep 0.7, 3000 train), MLP 64, Adam at a "
        "constant 2e-2 (big), batch 64, 15 epochs, loss every 2 steps: a fast fall in the "
        "first steps, then a slow crawl.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 10, "class_sep": 0.7},
            hidden=(64,), opt="adam", lr=2e-2, batch=64, epochs=15, log_every=2)),
]


# -- the blind19 split (tenth session, built by a helper from the plots only, after blind18)

def B19(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind19")


SCENARIOS += [
    B19("x_b19_osc_plain_sgd_3c_epoch", "constant", ("per_epoch",),
        "3-class make_classification with two clusters a class (2400 train), MLP 64-64, "
        "plain SGD (no momentum) at a constant 1.0 (too high), batch 32, 25 epochs, epoch "
        "means at the epoch index: the val loss and accuracy meant to jump up and down "
        "instead of settling, without diverging.",
        E(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 3,
                               "n_informative": 8},
          hidden=(64, 64), lr=1.0, momentum=0.0, batch=32, epochs=25)),
    B19("x_b19_steady_noise_sgd_bs8_4c", "constant", ("per_step",),
        "4-class make_classification (3000 train), MLP 32, SGD 2e-2 momentum 0.9 at a "
        "constant LR, batch 8, 10 epochs (3750 steps), loss and LR every 2 steps, val per "
        "epoch: noisy small-batch per-step loss while the val loss settles and stays steady.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(32,), lr=0.02, batch=8, epochs=10, log_every=2)),
    B19("x_b19_isqrt_hot_degraded_5c", "inverse_sqrt", ("per_step",),
        "5-class make_classification (3000 train), MLP 64-64, Adam under an inverse-sqrt "
        "schedule with a 200-step warmup to 8e-2 (far too high a peak; it is still 4e-2 at "
        "the end), batch 32, 20 epochs, loss and LR every 3 steps, val per epoch: meant to "
        "learn during the warmup and then be held well above its best loss but far below "
        "chance. The plots show a wide spike at the warmup peak and a slow recovery to below "
        "its first value with a noisy val loss after, not a lasting degradation; labelled "
        "as that.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64, 64), opt="adam", lr=0.08, batch=32, epochs=20, log_every=3,
            sched=("inverse_sqrt", {"warmup": 200}))),
    B19("x_b19_cyclic_collapse_3c", "cyclic", ("collapse_no_nan", "per_step"),
        "3-class make_classification (2400 train), MLP 128, SGD momentum 0.9 with gradient "
        "clipping at norm 1 under a triangular CyclicLR 1e-2 <-> 2.5 (far too high a peak; "
        "half-cycle 3 epochs), batch 32, 18 epochs, loss and LR every 3 steps, val per "
        "epoch: meant to learn in the first low-LR steps, be thrown to chance level at the "
        "first peak and stay there. (First try, without clipping, blew the loss up to 1e36 "
        "and the val loss to inf.) The plots show the loss thrown far above chance level at "
        "every LR peak and never learning (val accuracy ~0.45 for the last half); labelled "
        "as that.",
        Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(128,), lr=0.01, batch=32, epochs=18, log_every=3, clip=1.0,
            sched=("cyclic", {"base_lr": 0.01, "max_lr": 2.5, "step_size_up": 225}))),
    B19("x_b19_range_adam_conv_bs16", "range_test", ("range_test", "per_step"),
        "LR range test: digits convnet, Adam with the LR raised exponentially every step "
        "from 1e-5 to 1.0 over 240 steps, batch 16, loss and LR every step, val per epoch "
        "(two epochs and the last partial one).",
        Cfg(model="conv", opt="adam", lr=1.0, batch=16, epochs=3, max_steps=240,
            sched=("range", {"lo": 1e-5, "hi": 1.0, "steps": 240}))),
    B19("x_b19_too_low_adam_conv", "constant", ("per_step",),
        "Digits convnet, Adam at a constant 1e-5 (meant 1e-3), batch 32, 12 epochs, loss and "
        "LR every 4 steps, val per epoch: meant to be slow from its very first step (a "
        "steady, shallow fall that is nowhere near done at the end).",
        Cfg(model="conv", opt="adam", lr=1e-5, batch=32, epochs=12, log_every=4)),
]


# -- the blind20 split (eleventh session, built by a helper from the plots only, at its start)

def B20(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind20")


SCENARIOS += [
    B20("x_b20_conv_step_late_adam", "step", ("per_step",),
        "Digits convnet, Adam 2e-3 under StepLR x0.3 every 8 epochs of 24, batch 32, loss and "
        "LR every 5 steps, val per epoch: a standard step schedule whose cuts come late "
        "enough and each help a little.",
        Cfg(model="conv", opt="adam", lr=2e-3, batch=32, epochs=24, log_every=5,
            sched=("step", {"step_size": 8, "gamma": 0.3}))),
    B20("x_b20_osc_adam_4c_hot", "constant", ("per_step",),
        "4-class make_classification (3000 train), MLP 128, Adam at a constant 5e-2 (too "
        "high), batch 64, 25 epochs, loss and LR every 4 steps, val per epoch: the val loss "
        "and accuracy meant to swing up and down in waves instead of settling, without "
        "diverging. The plots show jumps rather than waves, the val loss creeping up as it "
        "jumps while the accuracy rises; labelled as that.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(128,), opt="adam", lr=5e-2, batch=64, epochs=25, log_every=4)),
    B20("x_b20_sgdr_sgd_tmult2_hot", "sgdr", ("collapse_no_nan", "per_step"),
        "Digits MLP 128-128, SGD momentum 0.9 under CosineAnnealingWarmRestarts from 0.3 "
        "(T_0 3 epochs, T_mult 2: restarts at epochs 3 and 9 of 21), batch 32, loss and LR "
        "every 2 steps, val per epoch: each restart to the high peak meant to throw the low "
        "loss up for dozens of steps, then recover. The plots show the first restart "
        "throwing it to chance level for good; labelled as that.",
        Cfg(hidden=(128, 128), lr=0.3, batch=32, epochs=21, log_every=2,
            sched=("sgdr", {"T_0": 132, "T_mult": 2}))),
    B20("x_b20_sgdr_sgd_tmult2_mild", "sgdr", ("per_step",),
        "Digits MLP 128-128, SGD momentum 0.9 under CosineAnnealingWarmRestarts from 5e-2 "
        "(T_0 3 epochs, T_mult 2: restarts at epochs 3 and 9 of 21), batch 32, loss and LR "
        "every 2 steps, val per epoch: a restart schedule at a sane peak (the look-alike of "
        "x_b20_sgdr_sgd_tmult2_hot).",
        Cfg(hidden=(128, 128), lr=0.05, batch=32, epochs=21, log_every=2,
            sched=("sgdr", {"T_0": 132, "T_mult": 2}))),
    dataclasses.replace(rl_scenario(
        "x_b20_rl_const_every1", W,
        {"lr": "charts/lr", "value_loss": "losses/critic", "policy_loss": "losses/actor",
         "entropy": "losses/entropy", "return": "charts/episodic_return"},
        "A2C on a 12-cell corridor, Adam at a constant 5e-4, 500 updates logged every "
        "update: value loss rises as returns appear, policy loss wanders around 0, return "
        "climbs (slowly at this LR); no validation.",
        anneal=False, seeds=(1,), test_seeds=(), lr=5e-4, updates=500, every=1),
        held_out="blind20"),
    B20("x_b20_reg_exp_epoch_adam", "exponential", ("per_epoch",),
        "make_regression (noise 20, targets scaled to ~unit size), MLP 128, Adam 3e-3 under "
        "ExponentialLR x0.9 per epoch, batch 64, 30 epochs, epoch means at the epoch index, "
        "val MSE per epoch, no accuracy: a healthy regression that converges.",
        E(data="reg", data_kw={"noise": 20.0, "scale": 0.01, "offset": 0.0}, hidden=(128,),
          opt="adam", lr=3e-3, batch=64, epochs=30, acc=False,
          sched=("exponential", {"gamma": 0.9}))),
]


# -- the blind21 split (thirteenth session, built by a helper from the plots only, at its start)

def B21(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind21")


SCENARIOS += [
    B21("x_b21_capacity_digits_mlp2_sgd_cosine", "cosine", ("per_step",),
        "Digits (10 classes), MLP with 2 hidden units (far too small), SGD 0.1 momentum 0.9 "
        "with a cosine to 0, batch 128, 25 epochs, loss and LR every 2 steps, val per epoch: "
        "meant to stall early at a high loss and then only creep.",
        Cfg(hidden=(2,), lr=0.1, batch=128, epochs=25, log_every=2, sched=("cosine", {}))),
    B21("x_b21_too_low_digits_adam_1e5_epoch", "constant", ("per_epoch",),
        "Digits MLP 64, Adam at a constant 1e-5 (meant 1e-3), batch 64, 15 epochs, epoch "
        "means of the train loss, val per epoch: meant to be slow from the very first step.",
        Cfg(opt="adam", lr=1e-5, batch=64, epochs=15, log="epoch")),
    B21("x_b21_sgdr_adam_5c_restarts", "sgdr", ("per_step",),
        "5-class make_classification (3000 train), MLP 64, Adam under "
        "CosineAnnealingWarmRestarts from 5e-3 (T_0 4 epochs: restarts at epochs 4, 8 and 12 "
        "of 16), batch 64, loss and LR every 2 steps, val per epoch: restarts meant to lift "
        "the loss briefly and recover each time.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64,), opt="adam", lr=5e-3, batch=64, epochs=16, log_every=2,
            sched=("sgdr", {"T_0": 188}))),
    B21("x_b21_reg_adam_const_hot_b16", "constant", ("per_step",),
        "make_regression (targets scaled to ~unit size), MLP 64, Adam at a constant 5e-2 "
        "(far too high), batch 16, 15 epochs, loss and LR every 4 steps, val MSE per epoch, "
        "no accuracy: the MSE meant to be thrown far up repeatedly. The plots show waves of "
        "the val MSE (2-4x its best) rather than a blow-up; labelled as that.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(64,), opt="adam",
            lr=5e-2, batch=16, epochs=15, log_every=4, acc=False)),
]


# -- the blind22 split (fourteenth session, built by a helper from the plots only, at its start)

def B22(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind22")


SCENARIOS += [
    B22("x_b22_long_digits_bs4_exp_spikes", "exponential", ("long_noisy", "single_point_spikes",
                                                           "per_step"),
        "Digits MLP 64, SGD 0.01 momentum 0.9 under ExponentialLR x0.95 an epoch, batch 4 (350 "
        "steps an epoch), 65 epochs = 22750 steps, loss and LR every step, val per epoch; the "
        "batches at steps 5200, 11900 and 17300 have shuffled labels (a corrupted shard): a "
        "long run with three isolated one-step spikes.",
        Cfg(lr=0.01, batch=4, epochs=65, log_every=1, bad_steps=(5200, 11900, 17300),
            sched=("exponential", {"gamma": 0.95}))),
    B22("x_b22_sgdr_digits_adam_hot_restarts", "sgdr", ("restart_wide_spike", "per_step"),
        "Digits MLP 128-128, Adam under CosineAnnealingWarmRestarts from 2e-2 (T_0 5 epochs "
        "of 44 steps: restarts at steps 220, 440 and 660 of 880), batch 32, loss and LR every "
        "step, val per epoch: each restart jumps the LR from ~0 to 2e-2 on a nearly "
        "converged model, meant to throw the loss up for dozens of steps before it recovers.",
        Cfg(hidden=(128, 128), opt="adam", lr=2e-2, batch=32, epochs=20, log_every=1,
            sched=("sgdr", {"T_0": 220}))),
    B22("x_b22_sgdr_clf4_sgd_gentle_tmult2", "sgdr", ("per_step",),
        "4-class make_classification (3000 train), MLP 64, SGD 0.03 momentum 0.9 under "
        "CosineAnnealingWarmRestarts (T_0 3 epochs, T_mult 2: restarts at epochs 3 and 9 of "
        "21), eta_min 1e-4, batch 32, loss and LR every 2 steps, val per epoch: gentle restarts "
        "on a falling trend.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(64,), lr=0.03, batch=32, epochs=21, log_every=2,
            sched=("sgdr", {"T_0": 282, "T_mult": 2, "eta_min": 1e-4}))),
    B22("x_b22_chance_clf4_adam_05_epoch", "constant", ("chance_from_start", "per_epoch"),
        "4-class make_classification (3000 train), MLP 64-64, Adam at a constant 0.5 (meant "
        "5e-4), batch 64, 15 epochs, epoch means of the train loss, val per epoch: meant never "
        "to leave chance (ln 4 = 1.386) from the first epoch.",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                               "n_informative": 8},
          hidden=(64, 64), opt="adam", lr=0.5, batch=64, epochs=15)),
    B22("x_b22_noise_floor_clf3_flip40_cosine", "cosine", ("noise_floor", "per_step"),
        "3-class make_classification (4000 train) with 40 % of all labels replaced at random "
        "(flip_y, val labels too), MLP 32, Adam 2e-3 under a cosine to 0, batch 32, 12 "
        "epochs, loss and LR every 2 steps, val per epoch: meant to reach the label-noise floor "
        "early and sit there, val flat at its minimum.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.4},
            hidden=(32,), opt="adam", lr=2e-3, batch=32, epochs=12, log_every=2,
            sched=("cosine", {}))),
]


# -- the blind23 split (fourteenth session, built by a helper from the plots only, after blind22
# had been scored once and its misses read)

def B23(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind23")


_B23_CLF3 = {"n_train": 3000, "n_val": 1000, "n_classes": 3, "n_informative": 8}

SCENARIOS += [
    B23("x_b23_long_clf5_bs4_cosine_two_spikes", "cosine", ("long_noisy", "single_point_spikes",
                                                           "per_step"),
        "5-class make_classification (2000 train, class_sep 1.5), MLP 64, SGD 0.01 momentum "
        "0.9 under a cosine to 0, batch 4 (500 steps an epoch), 42 epochs = 21000 steps, loss "
        "and LR every step, val per epoch; the batches at steps 6100 and 14300 have shuffled "
        "labels: a long run with two isolated one-step spikes.",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10, "class_sep": 1.5},
            hidden=(64,), lr=0.01, batch=4, epochs=42, log_every=1, bad_steps=(6100, 14300),
            sched=("cosine", {}))),
    B23("x_b23_cyclic_clf3_sgd_peak_too_high", "cyclic", ("per_step",),
        "3-class make_classification (3000 train), MLP 64, SGD momentum 0.9 under CyclicLR "
        "triangular 5e-3 .. 1.5 (max meant 0.1), half-cycle 1 epoch (94 steps), batch 32, 16 "
        "epochs, loss and LR every 2 steps, val per epoch: meant to be thrown up at every LR "
        "peak of the cycle.",
        Cfg(data="clf", data_kw=dict(_B23_CLF3), hidden=(64,), lr=5e-3, batch=32, epochs=16,
            log_every=2, sched=("cyclic", {"base_lr": 5e-3, "max_lr": 1.5,
                                            "step_size_up": 94}))),
    B23("x_b23_cyclic_clf3_sgd_healthy", "cyclic", ("cyclic_wiggles", "per_step"),
        "The same 3-class data and MLP 64, SGD momentum 0.9 under CyclicLR triangular 5e-3 .. "
        "8e-2, half-cycle 1 epoch, batch 32, 16 epochs, loss and LR every 2 steps, val per "
        "epoch: the healthy cyclic twin of x_b23_cyclic_clf3_sgd_peak_too_high.",
        Cfg(data="clf", data_kw=dict(_B23_CLF3), hidden=(64,), lr=5e-3, batch=32, epochs=16,
            log_every=2, sched=("cyclic", {"base_lr": 5e-3, "max_lr": 8e-2,
                                            "step_size_up": 94}))),
    B23("x_b23_cyclic_clf3_sgd_peak_04", "cyclic", ("per_step",),
        "The same 3-class data and MLP 64, SGD momentum 0.9 under CyclicLR triangular 5e-3 .. "
        "0.4 (max about 5x too high), half-cycle 1 epoch, batch 32, 16 epochs, loss and LR "
        "every 2 steps, val per epoch: built after x_b23_cyclic_clf3_sgd_peak_too_high "
        "diverged outright at 1.5; meant to be thrown up at every LR peak of the cycle.",
        Cfg(data="clf", data_kw=dict(_B23_CLF3), hidden=(64,), lr=5e-3, batch=32, epochs=16,
            log_every=2, sched=("cyclic", {"base_lr": 5e-3, "max_lr": 0.4,
                                            "step_size_up": 94}))),
    B23("x_b23_digits_adam_wd005_const_epoch", "constant", ("per_epoch",),
        "Digits MLP 128, Adam at a constant 1e-3 with an L2 weight decay of 0.05 (meant "
        "5e-4), batch 32, 20 epochs, epoch means of the train loss at the epoch index, val per "
        "epoch: built after x_b23_digits_adam_wd05_cosine_epoch (0.5) was pulled back to "
        "chance; meant to stall early at a high loss (a capacity plateau made by "
        "regularisation).",
        E(hidden=(128,), opt="adam", lr=1e-3, wd=0.05, batch=32, epochs=20)),
    B23("x_b23_digits_adam_wd05_cosine_epoch", "cosine", ("per_epoch",),
        "Digits MLP 128, Adam 1e-3 with an L2 weight decay of 0.5 (meant 5e-4) under a cosine "
        "to 0, batch 32, 20 epochs, epoch means of the train loss at the epoch index, val per "
        "epoch: the decay holds the weights near 0, meant to stall early at a high loss (a "
        "capacity plateau made by regularisation).",
        E(hidden=(128,), opt="adam", lr=1e-3, wd=0.5, batch=32, epochs=20,
          sched=("cosine", {}))),
]

# -- the blind24 split (fourteenth session, built by a helper from the plots only, after blind23
# had been scored once and its misses read)

def B24(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind24")


_B24_CLF4 = {"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_informative": 10,
             "class_sep": 1.2}

SCENARIOS += [
    B24("x_b24_sgdr_clf4_sgd_hot_restarts", "sgdr", ("restart_wide_spike", "per_step"),
        "4-class make_classification (3000 train), MLP 128, SGD momentum 0.9 under "
        "CosineAnnealingWarmRestarts from 0.3 (T_0 = 3 epochs = 282 steps, no T_mult, meant "
        "0.05), batch 32, 15 epochs, loss and LR every 2 steps, val per epoch: each restart "
        "jumps the LR back to 0.3 on a settled model, meant to throw the loss up for dozens "
        "of steps (a first try from 0.9 blew up to 1e21 and was discarded).",
        Cfg(data="clf", data_kw=dict(_B24_CLF4), hidden=(128,), lr=0.3, batch=32, epochs=15,
            log_every=2, sched=("sgdr", {"T_0": 282}))),
    B24("x_b24_sgdr_clf4_sgd_gentle_restarts", "sgdr", ("per_step",),
        "The same 4-class data and MLP 128, SGD momentum 0.9 under CosineAnnealingWarmRestarts "
        "from 0.04 (T_0 = 3 epochs), batch 32, 15 epochs, loss and LR every 2 steps, val per "
        "epoch: the gentle-restart twin of x_b24_sgdr_clf4_sgd_hot_restarts (healthy).",
        Cfg(data="clf", data_kw=dict(_B24_CLF4), hidden=(128,), lr=0.04, batch=32, epochs=15,
            log_every=2, sched=("sgdr", {"T_0": 282}))),
    B24("x_b24_cyclic_digits_adam_peak_hot", "cyclic", ("per_step",),
        "Digits MLP 128, Adam under CyclicLR triangular 1e-4 .. 4e-2 (max meant 3e-3), "
        "half-cycle 2 epochs (46 steps), batch 64, 24 epochs, loss and LR every step, val per "
        "epoch: meant to be thrown up at every LR peak of the cycle.",
        Cfg(hidden=(128,), opt="adam", lr=1e-4, batch=64, epochs=24, log_every=1,
            sched=("cyclic", {"base_lr": 1e-4, "max_lr": 4e-2, "step_size_up": 46}))),
    B24("x_b24_cyclic_digits_adam_healthy", "cyclic", ("cyclic_wiggles", "per_step"),
        "The same digits MLP 128, Adam under CyclicLR triangular 1e-4 .. 3e-3, half-cycle 2 "
        "epochs, batch 64, 24 epochs, loss and LR every step, val per epoch: the healthy "
        "cyclic twin of x_b24_cyclic_digits_adam_peak_hot.",
        Cfg(hidden=(128,), opt="adam", lr=1e-4, batch=64, epochs=24, log_every=1,
            sched=("cyclic", {"base_lr": 1e-4, "max_lr": 3e-3, "step_size_up": 46}))),
    B24("x_b24_clf8_sep05_adam_cosine_hard", "cosine", ("per_step",),
        "A hard task: 8-class make_classification (4000 train, class_sep 0.5, 5 % flipped "
        "labels), MLP 64, Adam 1e-3 with an L2 weight decay of 1e-3 under a cosine to 0, "
        "batch 64, 12 epochs, loss and LR every 2 steps, val per epoch: the loss meant to stay "
        "high (well above 0) because the classes overlap, val flattening at its minimum "
        "(healthy hard task).",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 8,
                                 "n_informative": 10, "class_sep": 0.5, "flip_y": 0.05},
            hidden=(64,), opt="adam", lr=1e-3, wd=1e-3, batch=64, epochs=12, log_every=2,
            sched=("cosine", {}))),
    B24("x_b24_clf3_adam_warm_linear_peak5e2", "linear", ("per_step",),
        "3-class make_classification (3000 train), MLP 64-64, Adam warmed up linearly over "
        "280 steps (3 epochs) to 5e-2 (about 20x too high), then linear to 0, batch 32, 15 "
        "epochs, loss and LR every 2 steps, val per epoch: meant to set the val loss back "
        "for a few epochs around the peak and recover as the LR decays (one of the prototypes "
        "tried in /tmp: SGD 0.8 and 0.4 on digits, Adam 2e-2, 5e-2, 0.1 and 0.2 and SGD 1 "
        "and 2 on this data; 0.1 and 0.2 were kept as two more runs).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=5e-2, batch=32, epochs=15, log_every=2,
            sched=("linear", {"warmup": 280}))),
    B24("x_b24_clf3_adam_warm_linear_peak1e1", "linear", ("per_step",),
        "The same 3-class data and MLP 64-64, Adam warmed up linearly over 280 steps to 0.1 "
        "(about 40x too high), then linear to 0, batch 32, 15 epochs, loss and LR every 2 "
        "steps, val per epoch: meant to set the val loss back around the peak and recover "
        "as the LR decays (one of the four prototypes named in "
        "x_b24_clf3_adam_warm_linear_peak5e2's story).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=1e-1, batch=32, epochs=15, log_every=2,
            sched=("linear", {"warmup": 280}))),
    B24("x_b24_clf3_adam_warm_linear_peak2e1_collapse", "linear", ("collapse_no_nan",
                                                                   "per_step"),
        "The same 3-class data and MLP 64-64, Adam warmed up linearly over 280 steps to 0.2 "
        "(about 80x too high), then linear to 0, batch 32, 15 epochs, loss and LR every 2 "
        "steps, val per epoch: learns while the LR is low, meant to collapse to chance "
        "(ln 3) near the peak and stay there while the LR comes down.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=2e-1, batch=32, epochs=15, log_every=2,
            sched=("linear", {"warmup": 280}))),
]


# -- the blind25 split (fourteenth session, built by a helper from the plots only, after blind24
# had been scored once and its misses read)

def B25(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind25")


_B25_CLF5 = {"n_train": 3000, "n_val": 1000, "n_classes": 5, "n_informative": 10,
             "class_sep": 1.3}

SCENARIOS += [
    B25("x_b25_clf5_sgd_cyclic_peak_hot", "cyclic", ("per_step",),
        "5-class make_classification (3000 train), MLP 96, SGD momentum 0.9 under CyclicLR "
        "triangular 1e-3 .. 1.0 (max meant 5e-2), half-cycle 1.5 epochs (141 steps), batch "
        "32, 12 epochs, loss and LR every 2 steps, val per epoch: meant to throw the loss up "
        "at every LR peak of the cycle.",
        Cfg(data="clf", data_kw=dict(_B25_CLF5), hidden=(96,), lr=1e-3, batch=32, epochs=12,
            log_every=2, sched=("cyclic", {"base_lr": 1e-3, "max_lr": 1.0,
                                           "step_size_up": 141}))),
    B25("x_b25_clf5_sgd_cyclic_peak_2e1", "cyclic", ("per_step",),
        "The same 5-class data and MLP 96, SGD momentum 0.9 under CyclicLR triangular 1e-3 .. "
        "0.2 (max meant 5e-2), half-cycle 1.5 epochs, batch 32, 12 epochs, loss and LR every 2 "
        "steps, val per epoch: a second try after x_b25_clf5_sgd_cyclic_peak_hot (max 1.0) "
        "ran away; meant to throw the loss up at every LR peak and recover in each trough.",
        Cfg(data="clf", data_kw=dict(_B25_CLF5), hidden=(96,), lr=1e-3, batch=32, epochs=12,
            log_every=2, sched=("cyclic", {"base_lr": 1e-3, "max_lr": 0.2,
                                           "step_size_up": 141}))),
    B25("x_b25_clf5_sgd_cyclic_healthy", "cyclic", ("cyclic_wiggles", "per_step"),
        "The same 5-class data and MLP 96, SGD momentum 0.9 under CyclicLR triangular 1e-3 .. "
        "5e-2, half-cycle 1.5 epochs, batch 32, 12 epochs, loss and LR every 2 steps, val per "
        "epoch: the healthy cyclic twin of x_b25_clf5_sgd_cyclic_peak_hot.",
        Cfg(data="clf", data_kw=dict(_B25_CLF5), hidden=(96,), lr=1e-3, batch=32, epochs=12,
            log_every=2, sched=("cyclic", {"base_lr": 1e-3, "max_lr": 5e-2,
                                           "step_size_up": 141}))),
    B25("x_b25_clf4_adamw_hot_then_step", "step", ("per_step",),
        "4-class make_classification (3000 train), MLP 128, AdamW at 2e-2 (a bit too high) "
        "cut x0.1 at epoch 10 of 20 (StepLR), batch 32, loss and LR every 3 steps, val per "
        "epoch: meant to make the validation jump about in the first half and settle after "
        "the cut (early instability that later settles).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(128,), opt="adamw", lr=2e-2, batch=32, epochs=20, log_every=3,
            sched=("step", {"step_size": 10, "gamma": 0.1}))),
    B25("x_b25_clf2_adamw_groups_onecycle", "onecycle", ("param_groups", "per_step"),
        "Two-class make_classification (2500 train, 4 clusters per class), MLP 64-64 in two "
        "LR parameter groups (first layers x0.1, last layers x1), AdamW under OneCycleLR to "
        "1e-2 (1e-3 for the first group), batch 32, 10 epochs, loss and both LRs every 2 "
        "steps, val per epoch: a healthy one-cycle run with several LR groups.",
        Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "clusters": 4},
            hidden=(64, 64), opt="adamw", lr=1e-2, groups=(0.1, 1.0), batch=32, epochs=10,
            log_every=2, sched=("onecycle", {}), tags={"lr": "learning_rate/pg{i}"})),
    B25("x_b25_reg_adam_wd1_capacity", "exponential", ("per_step",),
        "make_regression (1000 train, targets offset by 300, noise 10), MLP 64, Adam 3e-2 with "
        "an L2 weight decay of 1.0 (meant 1e-4), ExponentialLR 0.95 per epoch, batch 32, 30 "
        "epochs, MSE and LR every 2 steps, val MSE per epoch, no accuracy: the heavy decay "
        "meant to cap what the model can fit, the MSE stalling high early and only creeping.",
        Cfg(data="reg", hidden=(64,), opt="adam", lr=3e-2, wd=1.0, batch=32, epochs=30,
            log_every=2, acc=False, sched=("exponential", {"gamma": 0.95}))),
]


# -- the blind26 split (fifteenth session, built by a helper from the plots only, after blind25
# had been scored once and its misses read)

def B26(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind26")


_B26_CLF8 = {"n_train": 3000, "n_val": 1000, "n_classes": 8, "n_informative": 12,
             "class_sep": 1.2}
_B26_MS = ("multistep", {"milestones": [8, 14], "gamma": 0.2})

SCENARIOS += [
    B26("x_b26_clf8_sgd_sgdr_hot", "sgdr", ("restart_wide_spike", "per_step"),
        "8-class make_classification (3000 train), MLP 96, SGD momentum 0.9 under "
        "CosineAnnealingWarmRestarts with T_0 = 188 steps (2 epochs) from 0.4 (meant 5e-2), "
        "batch 32, 12 epochs (6 cycles), loss and LR every 2 steps, val per epoch: each "
        "restart meant to throw the loss up by a moderate factor for dozens of steps.",
        Cfg(data="clf", data_kw=dict(_B26_CLF8), hidden=(96,), lr=0.4, batch=32, epochs=12,
            log_every=2, sched=("sgdr", {"T_0": 188}))),
    B26("x_b26_clf8_sgd_sgdr_gentle", "sgdr", ("per_step",),
        "The same 8-class data and MLP 96, SGD momentum 0.9 under CosineAnnealingWarmRestarts "
        "(T_0 = 2 epochs) from 5e-2, batch 32, 12 epochs, loss and LR every 2 steps, val per "
        "epoch: the gentle-restart twin of x_b26_clf8_sgd_sgdr_hot (healthy).",
        Cfg(data="clf", data_kw=dict(_B26_CLF8), hidden=(96,), lr=5e-2, batch=32, epochs=12,
            log_every=2, sched=("sgdr", {"T_0": 188}))),
    B26("x_b26_reg_n80_adam_const_overfit", "constant", ("per_step",),
        "make_regression with only 80 training rows (noise 20, no offset), MLP 128-128, Adam "
        "at a constant 3e-3, batch 16, 150 epochs, MSE and LR every step, val MSE (400 rows) "
        "per epoch, no accuracy: an overfitting regression (val MSE meant to turn up while "
        "the train MSE keeps falling).",
        Cfg(data="reg", data_kw={"n_train": 80, "noise": 20.0, "offset": 0.0},
            hidden=(128, 128), opt="adam", lr=3e-3, batch=16, epochs=150, log_every=1,
            acc=False)),
    B26("x_b26_reg_noise80_adam_cosine_floor", "cosine", ("noise_floor", "per_step"),
        "make_regression (3000 train, heavy noise 80, no offset), MLP 64, Adam 3e-3 under a "
        "per-step cosine to 0, batch 32, 16 epochs, MSE and LR every 2 steps, val MSE per "
        "epoch, no accuracy: meant to reach the noise floor early and sit there (healthy).",
        Cfg(data="reg", data_kw={"n_train": 3000, "n_val": 1000, "noise": 80.0,
                                 "offset": 0.0},
            hidden=(64,), opt="adam", lr=3e-3, batch=32, epochs=16, log_every=2, acc=False,
            sched=("cosine", {}))),
    B26("x_b26_digits_adam_multistep_every1", "multistep", ("per_step",),
        "Digits MLP 128, Adam 2e-3 cut x0.2 at epochs 8 and 14 (MultiStepLR), batch 32, 20 "
        "epochs, loss and LR every step, val per epoch: a healthy run, the every-step twin of "
        "x_b26_digits_adam_multistep_every10 (same training, same seed).",
        Cfg(hidden=(128,), opt="adam", lr=2e-3, batch=32, epochs=20, log_every=1,
            sched=_B26_MS)),
    B26("x_b26_digits_adam_multistep_every10", "multistep", ("per_step",),
        "The same training as x_b26_digits_adam_multistep_every1 (digits MLP 128, Adam 2e-3, "
        "MultiStepLR x0.2 at epochs 8 and 14, batch 32, 20 epochs, same seed), loss and LR "
        "logged every 10 steps.",
        Cfg(hidden=(128,), opt="adam", lr=2e-3, batch=32, epochs=20, log_every=10,
            sched=_B26_MS)),
]


# -- the blind27 split (fifteenth session, built by a helper from the plots only, after blind26
# had been scored once and its misses read)

def B27(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind27")


def B27O(name, family, classes, story, cfg, opt_name, seeds=(1,), **okw):
    """Like B27, but common.fit's AdamW (cfg.opt must be "adamw") is swapped for
    torch.optim.<opt_name> (RMSprop, Adagrad) for the duration of the run."""
    cfg.tags = dict(T, **cfg.tags)

    def train(run_dir, seed, _cfg=cfg):
        import torch

        from benchmarks.corpus import common
        orig = torch.optim.AdamW
        cls = getattr(torch.optim, opt_name)
        torch.optim.AdamW = lambda groups, lr, weight_decay=0.0: cls(groups, lr=lr, **okw)
        try:
            return common.fit(run_dir, seed, _cfg, W)
        finally:
            torch.optim.AdamW = orig
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind27")


_B27_CLF10 = {"n_train": 3000, "n_val": 1000, "n_classes": 10, "n_informative": 12,
              "class_sep": 1.5}
_B27_CLF3 = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.0}
# fastai-style names: train_loss, valid_loss, accuracy and lr/pg0
_B27_FASTAI = {"loss": "train_loss", "val_loss": "valid_loss", "acc": "accuracy",
               "lr": "lr/pg{i}"}

SCENARIOS += [
    B27("x_b27_clf10_sgd_exp_fast_every1", "exponential", ("per_step",),
        "10-class make_classification (3000 train, class_sep 1.5), MLP 128, plain SGD "
        "without momentum at 5e-2 under a per-epoch ExponentialLR with gamma 0.3 (the LR "
        "down 1000x by epoch 6), batch 32, 20 epochs, loss and LR every step, val per epoch: "
        "a decay far too fast, meant to freeze the val loss far above where a slower decay "
        "would take it; the every-step twin of x_b27_clf10_sgd_exp_fast_every5.",
        Cfg(data="clf", data_kw=dict(_B27_CLF10), hidden=(128,), lr=5e-2, momentum=0.0,
            batch=32, epochs=20, log_every=1, sched=("exponential", {"gamma": 0.3}))),
    B27("x_b27_clf10_sgd_exp_fast_every5", "exponential", ("per_step",),
        "The same training as x_b27_clf10_sgd_exp_fast_every1 (10-class data, MLP 128, SGD "
        "5e-2, ExponentialLR gamma 0.3 per epoch, batch 32, 20 epochs, same seed), loss and "
        "LR logged every 5 steps.",
        Cfg(data="clf", data_kw=dict(_B27_CLF10), hidden=(128,), lr=5e-2, momentum=0.0,
            batch=32, epochs=20, log_every=5, sched=("exponential", {"gamma": 0.3}))),
    B27("x_b27_clf10_sgd_multistep_after_flat", "multistep", ("per_step",),
        "The same 10-class data and MLP 128, SGD momentum 0.9 at 5e-2 cut x0.1 at epochs 14 "
        "and 20 (MultiStepLR), batch 32, 24 epochs, loss and LR every 3 steps, val per epoch: "
        "a step decay that cuts once the loss has flattened (healthy), the contrast to "
        "x_b27_clf10_sgd_exp_fast_every1.",
        Cfg(data="clf", data_kw=dict(_B27_CLF10), hidden=(128,), lr=5e-2, batch=32,
            epochs=24, log_every=3, sched=("multistep", {"milestones": [14, 20],
                                                         "gamma": 0.1}))),
    B27O("x_b27_clf3_rmsprop_const_hot_fastai", "constant", ("per_step",),
         "3-class make_classification (2000 train, class_sep 1.0), MLP 64-64, RMSprop at a "
         "constant 2e-2 (meant 1e-3), batch 32, 25 epochs, fastai-style tags (train_loss, "
         "lr/pg0 every 2 steps; valid_loss, accuracy per epoch): a constant LR a bit too high, "
         "meant to make the validation loss bounce epoch to epoch. The plots show the bouncing "
         "and also a val loss drifting up to 2x its best while the train loss keeps falling.",
         Cfg(data="clf", data_kw=dict(_B27_CLF3), hidden=(64, 64), opt="adamw", lr=2e-2,
             batch=32, epochs=25, log_every=2, tags=dict(_B27_FASTAI)), "RMSprop"),
    B27O("x_b27_clf3_rmsprop_const_ok_fastai", "constant", ("per_step",),
         "The same 3-class data, MLP 64-64 and fastai-style tags, RMSprop at a constant 5e-4, "
         "batch 32, 25 epochs: a healthy constant-LR run with ordinary minibatch noise, the "
         "twin of x_b27_clf3_rmsprop_const_hot_fastai.",
         Cfg(data="clf", data_kw=dict(_B27_CLF3), hidden=(64, 64), opt="adamw", lr=5e-4,
             batch=32, epochs=25, log_every=2, tags=dict(_B27_FASTAI)), "RMSprop"),
    B27("x_b27_clf6_adam_const_hot_chance", "constant", ("chance_from_start", "per_step"),
        "6-class make_classification (3000 train), MLP 128-128-128, Adam at a constant 0.3 "
        "(meant 1e-3), batch 32, 12 epochs, loss and LR every 2 steps, val per epoch: far too "
        "high from the first step, meant never to leave chance level (ln 6 = 1.79).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(128, 128, 128), opt="adam", lr=0.3, batch=32, epochs=12, log_every=2)),
]


# -- the blind28 split (fifteenth session, built by a helper from the plots only, after blind27
# had been scored once and its misses read)

def B28(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind28")


def B28O(name, family, classes, story, cfg, opt_name, seeds=(1,), **okw):
    """Like B28, but common.fit's AdamW (cfg.opt must be "adamw") is swapped for
    torch.optim.<opt_name> (RMSprop, Adagrad) for the duration of the run."""
    sc = B27O(name, family, classes, story, cfg, opt_name, seeds=seeds, **okw)
    return dataclasses.replace(sc, held_out="blind28")


_B28_CLF4 = {"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_informative": 10,
             "class_sep": 1.2}
_B28_CLF2_SMALL = {"n_train": 300, "n_val": 1000, "n_classes": 2, "n_informative": 8,
                   "flip_y": 0.1}
_B28_CLF2_BIG = {"n_train": 4000, "n_val": 1000, "n_classes": 2, "n_informative": 8,
                 "flip_y": 0.1}

SCENARIOS += [
    B28O("x_b28_clf4_adagrad_const_hot_settles", "constant", ("per_step",),
         "4-class make_classification (3000 train, class_sep 1.2), MLP 64-64, Adagrad at a "
         "constant 0.5 (meant 0.05), batch 32, 30 epochs, loss and LR every 2 steps, val per "
         "epoch: a constant LR a bit too high, meant to make the validation loss jump in the "
         "first half and settle later (Adagrad's accumulators shrink its steps while the "
         "logged LR stays constant). The plots show a one-step spike to ~600 at step 2, a val "
         "loss bouncing a little in the first half and then creeping up ~20 % while the "
         "train loss falls; labelled as that.",
         Cfg(data="clf", data_kw=dict(_B28_CLF4), hidden=(64, 64), opt="adamw", lr=0.5,
             batch=32, epochs=30, log_every=2), "Adagrad"),
    B28O("x_b28_clf4_adagrad_const_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
         "The same 4-class data and MLP 64-64, Adagrad at a constant 0.05, batch 32, 30 "
         "epochs, loss and LR every 2 steps, val per epoch: a fast first epoch and then a "
         "crawl as Adagrad's steps shrink (healthy), the twin of "
         "x_b28_clf4_adagrad_const_hot_settles. Its val loss also creeps up ~20 % after "
         "epoch 10.",
         Cfg(data="clf", data_kw=dict(_B28_CLF4), hidden=(64, 64), opt="adamw", lr=0.05,
             batch=32, epochs=30, log_every=2), "Adagrad"),
    B28("x_b28_clf2_n300_adam_const_overfit", "constant", ("per_step",),
        "Two-class make_classification with only 300 training rows (10 % flipped labels), "
        "MLP 256-256, Adam at a constant 3e-3, batch 16, 60 epochs, loss and LR every step, "
        "val per epoch (1000 rows): meant to overfit (val loss turning up while the train "
        "loss keeps falling).",
        Cfg(data="clf", data_kw=dict(_B28_CLF2_SMALL), hidden=(256, 256), opt="adam",
            lr=3e-3, batch=16, epochs=60, log_every=1)),
    B28("x_b28_clf2_n4000_adam_cosine_val_flat", "cosine", ("per_step",),
        "The same two-class task with 4000 training rows (10 % flipped), MLP 256-256, Adam "
        "3e-3 under a per-step cosine to 0, batch 64, 20 epochs, loss and LR every step, val "
        "per epoch: enough data that the val loss should flatten at its floor instead of "
        "turning up (healthy), the contrast to x_b28_clf2_n300_adam_const_overfit. The plots show the val "
        "loss turning up by a third after epoch 5 while the train loss keeps falling "
        "(overfitting after all); labelled as that.",
        Cfg(data="clf", data_kw=dict(_B28_CLF2_BIG), hidden=(256, 256), opt="adam",
            lr=3e-3, batch=64, epochs=20, log_every=1, sched=("cosine", {}))),
    B28("x_b28_digits_sgd_tiny_3ep_epoch", "step", ("tiny", "per_epoch"),
        "Digits MLP 128, SGD momentum 0.9 at 5e-2, StepLR x0.5 after every epoch, batch 32, "
        "only 3 epochs, logged once per epoch at the epoch index: a tiny healthy run.",
        E(hidden=(128,), lr=5e-2, batch=32, epochs=3,
          sched=("step", {"step_size": 1, "gamma": 0.5}))),
    B28("x_b28_digits_sgd_tiny_4ep_too_low", "constant", ("tiny", "per_epoch"),
        "Digits MLP 128, plain SGD without momentum at a constant 2e-4 (meant 5e-2), batch "
        "32, only 4 epochs, logged once per epoch at the epoch index: a tiny run whose LR is "
        "far too low, meant to barely move off ln 10.",
        E(hidden=(128,), lr=2e-4, momentum=0.0, batch=32, epochs=4)),
]

# -- the blind29 split (sixteenth session, built by a helper from the plots only, after blind28
# had been scored once and its misses read)

def B29(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind29")


_B29_CLF3 = {"n_train": 3000, "n_val": 1000, "n_classes": 3, "n_informative": 6,
             "clusters": 4, "class_sep": 1.5}
_B29_CLF5 = {"n_train": 3000, "n_val": 1000, "n_classes": 5, "n_informative": 10,
             "class_sep": 1.3}

def B29O(name, family, classes, story, cfg, opt_name, seeds=(1,), **okw):
    """Like B29, but common.fit's AdamW (cfg.opt must be "adamw") is swapped for
    torch.optim.<opt_name> (RMSprop, Adagrad) for the duration of the run."""
    sc = B27O(name, family, classes, story, cfg, opt_name, seeds=seeds, **okw)
    return dataclasses.replace(sc, held_out="blind29")


SCENARIOS += [
    B29("x_b29_clf3_linear_capacity", "constant", ("per_step",),
        "3-class make_classification with 4 clusters per class (3000 train, class_sep 1.5; "
        "not linearly separable) through a plain linear model (no hidden layer), Adam at a "
        "constant 1e-2, batch 32, 25 epochs, loss and LR every 2 steps, val per epoch: a "
        "model far too small for the task, meant to stall high after a few epochs and only "
        "creep (capacity plateau).",
        Cfg(data="clf", data_kw=dict(_B29_CLF3), hidden=(), opt="adam", lr=1e-2, batch=32,
            epochs=25, log_every=2)),
    B29("x_b29_clf3_flip30_mlp_floor", "cosine", ("noise_floor", "per_step"),
        "The same 3-class, 4-cluster data with 30 % of the labels (train and val) flipped "
        "(flip_y 0.3), MLP 64, Adam 1e-3 under a per-step cosine to 0, batch 32, 20 epochs, "
        "loss and LR every 2 steps, val per epoch: meant to stall at the label-noise floor "
        "with the val loss flat at its minimum (healthy), the look-alike of "
        "x_b29_clf3_linear_capacity.",
        Cfg(data="clf", data_kw=dict(_B29_CLF3, flip_y=0.3), hidden=(64,), opt="adam",
            lr=1e-3, batch=32, epochs=20, log_every=2, sched=("cosine", {}))),
    B29("x_b29_clf5_sgd_cyclic_hot", "cyclic", ("collapse_no_nan", "per_step"),
        "5-class make_classification (3000 train), MLP 64-64, SGD momentum 0.9 under a "
        "triangular CyclicLR from 1e-3 to 1.5 (meant 5e-2), half-cycle 188 steps (2 epochs), "
        "batch 32, 24 epochs, loss and LR every 2 steps, val per epoch: a cyclic peak far too "
        "high, meant to throw the loss up at each peak. The loss collapsed to chance "
        "(ln 5) at the first peak and stayed there through every cycle; labelled as that.",
        Cfg(data="clf", data_kw=dict(_B29_CLF5), hidden=(64, 64), lr=1.5, batch=32,
            epochs=24, log_every=2,
            sched=("cyclic", {"base_lr": 1e-3, "max_lr": 1.5, "step_size_up": 188}))),
    B29("x_b29_clf5_sgd_cyclic_ok", "cyclic", ("cyclic_wiggles", "per_step"),
        "The same 5-class data and MLP 64-64, SGD momentum 0.9 under a triangular CyclicLR "
        "from 1e-3 to 5e-2, half-cycle 188 steps, batch 32, 24 epochs, loss and LR every 2 "
        "steps, val per epoch: a healthy cyclic run whose loss only wiggles with the cycle, "
        "the twin of x_b29_clf5_sgd_cyclic_hot.",
        Cfg(data="clf", data_kw=dict(_B29_CLF5), hidden=(64, 64), lr=5e-2, batch=32,
            epochs=24, log_every=2,
            sched=("cyclic", {"base_lr": 1e-3, "max_lr": 5e-2, "step_size_up": 188}))),
    B29("x_b29_digits_n300_adam_const_overfit", "constant", ("per_step",),
        "Digits with only 300 training images, MLP 256, Adam at a constant 1e-3, batch 16, "
        "40 epochs, loss and LR every step, val per epoch (400 images): meant to overfit "
        "near the boundary (val loss turning up from its minimum while the train loss keeps "
        "falling). The val loss did not turn up: it flattened at its minimum; labelled as "
        "that.",
        Cfg(data_kw={"n_train": 300}, hidden=(256,), opt="adam", lr=1e-3, batch=16,
            epochs=40, log_every=1)),
    B29O("x_b29_clf2_rmsprop_onecycle_collapse", "onecycle", ("per_step",),
         "Two-class make_classification (3000 train, class_sep 1.2), MLP 128-128, RMSprop "
         "under OneCycleLR to a peak of 0.1 (meant 1e-3) at 30 % of the run, batch 32, 15 "
         "epochs, loss and LR every 3 steps, val per epoch: meant to learn while the LR is "
         "low and collapse to chance (ln 2 = 0.69) at the peak, without NaN, and stay there. "
         "It did not collapse: the train loss spiked near the peak and the val loss was "
         "thrown up ~8x, recovering only partly; labelled as that.",
         Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 2,
                                  "n_informative": 8, "class_sep": 1.2},
             hidden=(128, 128), opt="adamw", lr=0.1, batch=32, epochs=15, log_every=3,
             sched=("onecycle", {})), "RMSprop"),
    B29("x_b29_clf8_sgd_exp_epoch_decay_fast", "exponential", ("per_epoch",),
        "8-class make_classification (3000 train, class_sep 1.0), MLP 128, SGD momentum 0.9 "
        "at 2e-2 under ExponentialLR gamma 0.4 per epoch (the LR down ~100x by epoch 5), "
        "batch 32, 20 epochs, logged once per epoch at the epoch index: a decay far too "
        "aggressive, meant to freeze the loss high.",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8,
                               "n_informative": 12}, hidden=(128,), lr=2e-2, batch=32,
          epochs=20, sched=("exponential", {"gamma": 0.4}))),
]

SCENARIOS += [
    B29O("x_b29_clf4_rmsprop_const_hot_chance", "constant", ("chance_from_start", "per_step"),
         "4-class make_classification (3000 train), MLP 64-64, RMSprop at a constant 0.3 "
         "(meant 1e-3), batch 32, 12 epochs, loss and LR every 2 steps, val per epoch: far "
         "too high from the first step, meant never to leave chance level (ln 4 = 1.39).",
         Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                  "n_informative": 10},
             hidden=(64, 64), opt="adamw", lr=0.3, batch=32, epochs=12, log_every=2),
         "RMSprop"),
]

# -- the blind30 split (seventeenth session, built by a helper from the plots only, after
# blind29 had been scored once and its misses read)

def B30(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind30")


_B30_CLF6 = {"n_train": 4000, "n_val": 1000, "n_classes": 6, "n_informative": 10,
             "class_sep": 1.0, "flip_y": 0.05}
_B30_CLF3 = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.2}


def _b30_sweep(lr):
    return B30("x_b30_sweep_clf3_sgd_lr_%s" % ("%.0e" % lr).replace("e-0", "e-"), "constant",
               ("sweep_member", "per_step"),
               "One run of an LR sweep (the same 3-class make_classification, 2000 train, MLP "
               "64-64, plain SGD without momentum, batch 32, 15 epochs, seed 1; the sweep's "
               "runs are x_b30_sweep_clf3_sgd_lr_1e-4, _1e-3, _1e-2 and _1e-1, the LR the "
               "only difference), here at a constant %g; loss and LR every step (945 points), "
               "val per epoch." % lr,
               Cfg(data="clf", data_kw=dict(_B30_CLF3), hidden=(64, 64), lr=lr, momentum=0.0,
                   batch=32, epochs=15, log_every=1))


SCENARIOS += [
    B30("x_b30_clf6_sgd_invsqrt_long_22k", "inverse_sqrt", ("long_noisy", "per_step"),
        "6-class make_classification (4000 train, 5 % flipped labels), MLP 64-64, SGD "
        "momentum 0.9 at 5e-2 under an inverse-sqrt schedule after a 500-step linear warmup, "
        "batch 16, 88 epochs = 22,000 steps, loss and LR every step, val per epoch: a long "
        "per-step run meant to be healthy (a noisy band whose centre falls, then flattens at "
        "the noise floor). It overfits instead: the val loss turns up after epoch 8 and "
        "climbs for the rest of the run; labelled as that.",
        Cfg(data="clf", data_kw=dict(_B30_CLF6), hidden=(64, 64), lr=5e-2, batch=16,
            epochs=88, log_every=1, sched=("inverse_sqrt", {"warmup": 500}))),
    B30("x_b30_clf3_sgd_range_test_1e5_10", "range_test", ("range_test", "per_step"),
        "LR range test: 3-class make_classification (3000 train), MLP 64, SGD momentum 0.9, "
        "the LR swept exponentially from 1e-5 to 10 (6 decades) over 400 steps, batch 16, "
        "loss and LR every step, no validation: meant to fall in the middle of the sweep and "
        "blow up at the top.",
        Cfg(data="clf", data_kw=dict(_B30_CLF3, n_train=3000, n_val=200), hidden=(64,),
            lr=10.0, batch=16, epochs=3, val=False, max_steps=400, log_every=1,
            sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 400}))),
] + [_b30_sweep(lr) for lr in (1e-4, 1e-3, 1e-2, 1e-1)]


# -- the blind31 split (seventeenth session, built by a helper from the plots only, after
# blind30 had been scored once and its misses read)

def B31(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind31")


def B31T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind31 loop, written with tensorboardX under this file's tags."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b31_loop
        return _b31_loop(run_dir, seed, writer=W, tags=dict(T), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind31")


SCENARIOS += [
    B31("x_b31_clf5_sgd_cosine_floor_long_21k", "cosine", ("long_noisy", "per_step"),
        "5-class make_classification (8000 train, 10 % flipped labels), MLP 32, SGD "
        "momentum 0.9 at 3e-2 under a per-step cosine with a floor (eta_min 3e-3), weight "
        "decay 1e-4, batch 32, 84 epochs = 21,000 steps, loss and LR every step, val per "
        "epoch; the batches at steps 6000, 12500 and 17000 have scrambled labels: a long "
        "per-step run meant healthy apart from three isolated one-step spikes.",
        Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10, "flip_y": 0.1}, hidden=(32,),
            lr=3e-2, wd=1e-4, batch=32, epochs=84, log_every=1,
            bad_steps=(6000, 12500, 17000), sched=("cosine", {"eta_min": 3e-3}))),
    B31("x_b31_digits_sgd_range_test_1e5_3", "range_test", ("range_test", "per_step"),
        "LR range test: digits MLP 128, SGD momentum 0.9, the LR swept exponentially from "
        "1e-5 to 3 (5.5 decades) over 500 steps, batch 32, loss and LR every step, no "
        "validation: meant to fall in the middle of the sweep and blow up at the top.",
        Cfg(hidden=(128,), lr=3.0, batch=32, epochs=15, val=False, max_steps=500,
            log_every=1, sched=("range", {"lo": 1e-5, "hi": 3.0, "steps": 500}))),
    B31T("x_b31_digits_rmsprop_const_1e2_bounce", "constant", ("per_step",),
         "Digits MLP 128-128, RMSprop at a constant 1e-2 (meant 1e-3), batch 32, 25 epochs, "
         "loss and LR every step, val per epoch: an LR too high for RMSprop, meant to keep "
         "the val loss bouncing. It bounced (and spiked) only over the first ~40 %, then "
         "settled; labelled as that.",
         data="digits", hidden=(128, 128), opt_name="RMSprop", lr=1e-2, epochs=25),
    B31T("x_b31_moons_adagrad_2e3_slow", "constant", ("per_step",),
         "make_moons (2000 train, noise 0.25), MLP 64-64, Adagrad at a constant 2e-3 (its "
         "own step shrinks as its accumulators grow), batch 32, 25 epochs, loss and LR every "
         "step, val per epoch: a slow optimiser at a small LR, meant to fall steadily and "
         "still be falling at the end.",
         data="moons", data_kw={"noise": 0.25}, hidden=(64, 64), opt_name="Adagrad", lr=2e-3,
         epochs=25),
    B31T("x_b31_moons_adagrad_5e2_ok", "constant", ("per_step",),
         "The same make_moons data and MLP 64-64, Adagrad at a constant 5e-2, batch 32, 25 "
         "epochs, loss and LR every step, val per epoch: a good LR that converges (healthy), "
         "the twin of x_b31_moons_adagrad_2e3_slow.",
         data="moons", data_kw={"noise": 0.25}, hidden=(64, 64), opt_name="Adagrad", lr=5e-2,
         epochs=25),
]


# -- the blind32 split (seventeenth session, built by a helper from the plots only, after
# blind31 had been scored once and its misses read)

def B32T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tensorboardX under this file's tags."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(T), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind32")


def _b32_sched(kind, *a):
    def f(k, total, spe):
        from benchmarks.corpus import sc_torch
        return getattr(sc_torch, kind)(*a)(k, total, spe)
    return f


def _b32_step_half(every_epochs):
    def f(k, total, spe):
        return 0.5 ** (k // (every_epochs * spe))
    return f


_B32_CLF6 = {"n_train": 3072, "n_val": 1000, "n_classes": 6, "n_informative": 12,
             "class_sep": 1.5}

SCENARIOS += [
    B32T("x_b32_digits_sgd_cosine_tmax_run", "cosine", ("per_step",),
         "Digits MLP 128, SGD momentum 0.9 at 0.1 under a per-step cosine to 0 whose T_max "
         "is the whole run (as intended), batch 32, 25 epochs, loss and LR every step, val "
         "per epoch: meant healthy, the twin of t_b32_digits_sgd_cosine_tmax_1epoch (T_max "
         "one epoch by mistake). Its first ~250 steps at the full 0.1 were unstable "
         "(one-step spikes, the val loss jumping) before it settled; labelled as that.",
         data="digits", hidden=(128,), lr=0.1, opt_kw={"momentum": 0.9}, epochs=25,
         sched=_b32_sched("_b32_cos_tmax")),
    B32T("x_b32_clf6_sgd_bs256_scaled_warmup5", "cosine", ("per_step",),
         "6-class make_classification (3072 train), MLP 128-128, a big batch of 256 with the "
         "LR scaled linearly 8x (0.05 at batch 32 -> 0.4), SGD momentum 0.9, a 5-epoch "
         "linear warmup then a per-step cosine to 0, 60 epochs (720 steps), loss and LR "
         "every step, val per epoch: the linear-scaling rule with its warmup (healthy).",
         data="clf", data_kw=dict(_B32_CLF6), hidden=(128, 128), lr=0.4,
         opt_kw={"momentum": 0.9}, batch=256, epochs=60, sched=_b32_sched("_b32_warm_cos", 5)),
    B32T("x_b32_clf6_sgd_bs256_scaled16_warmup5", "cosine", ("collapse_no_nan", "per_step"),
         "The same 6-class data and MLP 128-128, batch 256 with a larger base LR scaled 8x "
         "(0.2 at batch 32 -> 1.6), SGD momentum 0.9, a 5-epoch linear warmup then a "
         "per-step cosine to 0, 60 epochs, loss and LR every step, val per epoch: the "
         "linear-scaling rule with its warmup, at a peak that may be too high. It learned in "
         "the warmup and collapsed to chance near the peak; labelled as that.",
         data="clf", data_kw=dict(_B32_CLF6), hidden=(128, 128), lr=1.6,
         opt_kw={"momentum": 0.9}, batch=256, epochs=60, sched=_b32_sched("_b32_warm_cos", 5)),
    B32T("x_b32_clf6_sgd_bs256_scaled16_nowarm", "cosine", ("collapse_no_nan", "per_step"),
         "The same 6-class data, MLP 128-128 and batch 256 at the 8x-scaled 1.6, SGD momentum "
         "0.9, per-step cosine to 0 without a warmup, 60 epochs, loss and LR every step, val "
         "per epoch: the full scaled LR from the first step, meant to spike or collapse "
         "early; the twin of x_b32_clf6_sgd_bs256_scaled16_warmup5.",
         data="clf", data_kw=dict(_B32_CLF6), hidden=(128, 128), lr=1.6,
         opt_kw={"momentum": 0.9}, batch=256, epochs=60, sched=_b32_sched("_b32_cos_tmax")),
    B32T("x_b32_circles_rmsprop_step_long_21k", "step", ("long_noisy", "per_step"),
         "make_circles (2000 train, noise 0.1), MLP 32-32, RMSprop at 1e-3 halved every 56 "
         "epochs (StepLR), batch 16, 168 epochs = 21,000 steps, loss and LR every step, val "
         "per epoch: a long per-step run meant healthy.",
         data="circles", data_kw={"n": 2800, "noise": 0.1}, hidden=(32, 32),
         opt_name="RMSprop", lr=1e-3, batch=16, epochs=168, sched=_b32_step_half(56)),
    B32T("x_b32_moons_adamw_range_test_1e6_3", "range_test", ("range_test", "per_step"),
         "LR range test: make_moons (2000 train, noise 0.2), MLP 64-64, AdamW, the LR swept "
         "exponentially from 1e-6 to 3 (6.5 decades) over 360 steps, batch 32, loss and LR "
         "every step, no validation: meant to fall in the middle of the sweep and blow up at "
         "the top.",
         data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), opt_name="AdamW", lr=3.0,
         epochs=6, val=False, max_steps=360, sched=_b32_sched("_b32_range", 1e-6, 3.0)),
]


# -- the blind33 split (seventeenth session, built by a helper from the plots only, after
# blind32 had been scored once and its misses read)

def B33T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tensorboardX under this file's tags."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(T), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind33")


def _b33_sched(kind, *a):
    def f(k, total, spe):
        from benchmarks.corpus import sc_torch
        return getattr(sc_torch, kind)(*a)(k, total, spe)
    return f


_B33_CLF12 = {"n_train": 2400, "n_val": 800, "n_classes": 12, "n_informative": 14,
              "class_sep": 2.0}
_B33_CLF7 = {"n_train": 2000, "n_val": 800, "n_classes": 7, "n_informative": 12,
             "class_sep": 1.5}
_B33_CLF5 = {"n_train": 2000, "n_val": 800, "n_classes": 5, "n_informative": 10,
             "class_sep": 1.2}

SCENARIOS += [
    B33T("x_b33_clf12_nesterov_onecycle_peak3_collapse", "onecycle",
         ("collapse_no_nan", "per_step"),
         "12-class make_classification (2400 train), MLP 128-64, SGD with Nesterov momentum "
         "0.9 under a one-cycle (cosine up from peak/25 over 30 % of the run, then down) to "
         "a peak of 3.0 (meant 0.3), batch 32, 20 epochs, loss and LR every step, val per "
         "epoch: meant to learn on the way up and collapse to chance (ln 12) near the peak, "
         "without NaN, and stay there.",
         data="clf", data_kw=dict(_B33_CLF12), hidden=(128, 64), lr=3.0,
         opt_kw={"momentum": 0.9, "nesterov": True}, epochs=20,
         sched=_b33_sched("_b33_onecycle")),
    B33T("x_b33_clf7_sgd_range_test_1e5_10", "range_test", ("range_test", "per_step"),
         "LR range test: 7-class make_classification (2000 train), MLP 64-64, SGD momentum "
         "0.9, the LR swept exponentially from 1e-5 to 10 (6 decades) over 450 steps, batch "
         "32, loss and LR every step, no validation: meant to fall in the middle of the "
         "sweep and blow up at the top.",
         data="clf", data_kw=dict(_B33_CLF7), hidden=(64, 64), lr=10.0,
         opt_kw={"momentum": 0.9}, epochs=8, val=False, max_steps=450,
         sched=_b33_sched("_b32_range", 1e-5, 10.0)),
    B33T("x_b33_digits_sgd_const_25e2_settles", "constant", ("per_step",),
         "Digits MLP 128-64, SGD momentum 0.9 at a constant 0.25 (a bit too high), batch 32, "
         "30 epochs, loss and LR every step, val per epoch: meant to be unstable early (the "
         "val loss jumping in the first half) and then settle. It did not settle: it learned "
         "for ~20 steps, blew up and sat at chance (ln 10) for the rest; labelled as that.",
         data="digits", hidden=(128, 64), lr=0.25, opt_kw={"momentum": 0.9}, epochs=30),
    B33T("x_b33_digits_sgd_const_8e2_settles", "constant", ("per_step",),
         "Digits MLP 128-64, SGD momentum 0.9 at a constant 8e-2 (a bit high), batch 32, 30 "
         "epochs, loss and LR every step, val per epoch: meant to be unstable early (the val "
         "loss jumping in the first half) and then settle. (Built after its twin at 0.25, "
         "x_b33_digits_sgd_const_25e2_settles, collapsed to chance instead of settling.)",
         data="digits", hidden=(128, 64), lr=0.08, opt_kw={"momentum": 0.9}, epochs=30),
    B33T("x_b33_clf5_adam_exp_g05_frozen", "exponential", ("per_step",),
         "5-class make_classification (2000 train), MLP 64, Adam at 1e-3 under ExponentialLR "
         "gamma 0.5 per epoch (meant 0.95): the LR falls 1000x in 10 epochs, batch 32, 25 "
         "epochs, loss and LR every step, val per epoch: meant to freeze the loss early, "
         "still high (decay too aggressive).",
         data="clf", data_kw=dict(_B33_CLF5), hidden=(64,), opt_name="Adam", lr=1e-3,
         epochs=25, sched=_b33_sched("_b33_exp_epoch", 0.5)),
    B33T("x_b33_moons_adagrad_const_5k", "constant", ("per_step",),
         "make_moons (2000 train, noise 0.25), MLP 64-64, Adagrad at a constant 5e-2, batch "
         "16, 40 epochs = 5000 steps, loss and LR every step, val per epoch: a fast start "
         "then a slow crawl as Adagrad's own step sizes shrink, meant healthy.",
         data="moons", data_kw={"noise": 0.25}, hidden=(64, 64), opt_name="Adagrad",
         lr=5e-2, batch=16, epochs=40),
]


# -- the blind34 split (eighteenth session, built by a helper from the plots only, after
# blind33 had been scored once and its misses read)

def B34T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tensorboardX under this file's tags."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(T), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind34")


def _b34_sched(kind, *a):
    def f(k, total, spe):
        from benchmarks.corpus import sc_torch
        return getattr(sc_torch, kind)(*a)(k, total, spe)
    return f


SCENARIOS += [
    B34T("x_b34_seq_rmsprop_const_2e2_bounce", "constant", ("per_step",),
         "The synthetic token-sequence task (one-hot, 1800 train), MLP 64, RMSprop at a "
         "constant 2e-2 (far too high for RMSprop), batch 32, 20 epochs, loss and LR every "
         "step, val per epoch: meant to keep bouncing with no downward trend (oscillation). "
         "It did not bounce: it converged smoothly to ~1e-5; labelled as that.",
         data="seq", hidden=(64,), opt_name="RMSprop", lr=2e-2, epochs=20),
    B34T("x_b34_clf6_flip30_sgdm_cos_floor", "cosine", ("noise_floor", "per_step"),
         "6-class make_classification (2400 train) with 30 % of the labels flipped, a small "
         "MLP 16, SGD momentum 0.9 at 5e-2 under a per-step cosine to 0, batch 32, 25 "
         "epochs, loss and LR every step, val per epoch: meant to stall at the label-noise "
         "floor with the val loss flat at its minimum (healthy).",
         data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 6,
                              "n_informative": 10, "class_sep": 1.5, "flip_y": 0.3},
         hidden=(16,), lr=5e-2, opt_kw={"momentum": 0.9}, epochs=25,
         sched=_b34_sched("_b32_cos_tmax", None)),
    B34T("x_b34_digits_adam_range_test_1e6_1", "range_test", ("range_test", "per_step"),
         "LR range test: digits MLP 128, Adam, the LR swept exponentially from 1e-6 to 1 (6 "
         "decades) over 500 steps, batch 32, loss and LR every step, no validation: meant to "
         "fall in the middle of the sweep and blow up at the top.",
         data="digits", hidden=(128,), opt_name="Adam", lr=1.0, epochs=20, val=False,
         max_steps=500, sched=_b34_sched("_b32_range", 1e-6, 1.0)),
    B34T("x_b34_circles_adamw_warm2_cos_3e1_hot", "constant_warmup", ("per_step",),
         "make_circles (2000 train, noise 0.1), MLP 64-64, AdamW with a 2-epoch linear "
         "warmup to 0.3 (meant 3e-3) then a cosine to 0, batch 32, 20 epochs, loss and LR "
         "every step, val per epoch: a warmup to a far too high peak, meant to throw the "
         "loss up near the peak.",
         data="circles", data_kw={"noise": 0.1}, hidden=(64, 64), opt_name="AdamW", lr=0.3,
         epochs=20, sched=_b34_sched("_b32_warm_cos", 2)),
    B34T("x_b34_clf8_sgdm_sgdr3_6e1_hot", "sgdr", ("chance_from_start", "per_step"),
         "8-class make_classification (2400 train), MLP 64-64, SGD momentum 0.9 under SGDR "
         "(3 equal per-step cosine cycles, peak 0.6, to 0), batch 32, 24 epochs, loss and LR "
         "every step, val per epoch: restarts to a too-high peak, meant to throw the loss up "
         "for dozens of steps after each restart. It never learned: after a noisy first "
         "~150 steps it sat at chance (ln 8) for the whole run; labelled as that.",
         data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 8,
                              "n_informative": 12, "class_sep": 1.5},
         hidden=(64, 64), lr=0.6, opt_kw={"momentum": 0.9}, epochs=24,
         sched=_b34_sched("_b33_sgdr", 3)),
    B34T("x_b34_clf5_adam_const_3e2_bounce", "constant", ("per_step",),
         "5-class make_classification (2000 train), MLP 64-64, Adam at a constant 3e-2 (far "
         "too high for Adam), batch 32, 20 epochs, loss and LR every step, val per epoch: "
         "meant to keep bouncing with no downward trend (oscillation). Built after "
         "x_b34_seq_rmsprop_const_2e2_bounce converged instead of bouncing. The val loss "
         "bounced upward from an early best while the train loss kept falling (overfitting); "
         "labelled as that.",
         data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5,
                              "n_informative": 10, "class_sep": 1.2},
         hidden=(64, 64), opt_name="Adam", lr=3e-2, epochs=20),
    B34T("x_b34_digits_rmsprop_sgdr3_1e2_hot", "sgdr", ("restart_wide_spike", "per_step"),
         "Digits MLP 128, RMSprop under SGDR (3 equal per-step cosine cycles, peak 1e-2, to "
         "0), batch 32, 24 epochs, loss and LR every step, val per epoch: restarts to a peak "
         "too high for RMSprop, meant to throw the loss up for dozens of steps after each "
         "restart, then recover. Built after x_b34_clf8_sgdm_sgdr3_6e1_hot never left chance.",
         data="digits", hidden=(128,), opt_name="RMSprop", lr=1e-2, epochs=24,
         sched=_b34_sched("_b33_sgdr", 3)),
]

# -- the blind35 split (eighteenth session, built by a helper from the plots only, after
# blind34 had been scored once and its misses read)

def B35T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tensorboardX under this file's tags."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(T), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind35")


_B35_CLF7 = {"n_train": 2100, "n_val": 700, "n_classes": 7, "n_informative": 10,
             "class_sep": 1.5}
_B35_CLF12 = {"n_train": 2400, "n_val": 800, "n_classes": 12, "n_informative": 14,
              "class_sep": 1.5}
_B35_CLF5 = {"n_train": 2000, "n_val": 700, "n_classes": 5, "n_informative": 10,
             "class_sep": 1.5}

SCENARIOS += [
    B35T("x_b35_clf7_sgdnest_onecycle_1e1_ok", "onecycle", ("per_step",),
         "7-class make_classification (2100 train), MLP 64-64, SGD with Nesterov momentum "
         "0.9 under a one-cycle to a peak of 0.1 at 30 % of the run, batch 32, 20 epochs, "
         "loss and LR every step, val per epoch: a sane one-cycle, meant healthy (the "
         "contrast to the range tests and to t_b35_clf7_adamw_wd1e1_onecycle_3e1_collapse).",
         data="clf", data_kw=dict(_B35_CLF7), hidden=(64, 64), lr=0.1,
         opt_kw={"momentum": 0.9, "nesterov": True}, epochs=20,
         sched=_b34_sched("_b33_onecycle")),
    B35T("x_b35_clf12_sgdm_const_1p5_chance", "constant", ("chance_from_start", "per_step"),
         "12-class make_classification (2400 train), MLP 64-64, SGD momentum 0.9 at a "
         "constant 1.5 (meant 1.5e-2), batch 32, 15 epochs, loss and LR every step, val per "
         "epoch: a far too high LR, meant never to leave chance level (ln 12) from the start.",
         data="clf", data_kw=dict(_B35_CLF12), hidden=(64, 64), lr=1.5,
         opt_kw={"momentum": 0.9}, epochs=15),
    B35T("x_b35_clf5_amsgrad_sgdr4_2e2_hot", "sgdr", ("restart_wide_spike", "per_step"),
         "5-class make_classification (2000 train), MLP 64-64, Adam with amsgrad under SGDR "
         "(4 equal per-step cosine cycles, peak 2e-2, to 0), batch 32, 24 epochs, loss and "
         "LR every step, val per epoch: restarts to a peak too high for Adam, meant to throw "
         "the loss up for dozens of steps after each restart, then recover. The "
         "cycle-end val loss also rose from cycle to cycle while the train loss kept "
         "falling (overfitting); labelled as that too.",
         data="clf", data_kw=dict(_B35_CLF5), hidden=(64, 64), opt_name="Adam", lr=2e-2,
         opt_kw={"amsgrad": True}, epochs=24, sched=_b34_sched("_b33_sgdr", 4)),
    B35T("x_b35_digits_sgdnest_sgdr3_5e2_gentle", "sgdr", ("per_step",),
         "Digits MLP 128, SGD with Nesterov momentum 0.9 under SGDR (3 equal per-step cosine "
         "cycles, peak 5e-2, floor 1 % of it), batch 32, 24 epochs, loss and LR every step, "
         "val per epoch: gentle restarts at a sane peak, meant healthy (the look-alike of "
         "x_b35_clf5_amsgrad_sgdr4_2e2_hot).",
         data="digits", hidden=(128,), lr=5e-2, opt_kw={"momentum": 0.9, "nesterov": True},
         epochs=24, sched=_b34_sched("_b33_sgdr", 3, 0.01)),
    B35T("x_b35_moons_adam_const_1e2_settles", "constant", ("per_step",),
         "make_moons (2000 train, noise 0.2), MLP 64-64, Adam at a constant 1e-2 (a bit too "
         "high), batch 32, 25 epochs, loss and LR every step, val per epoch: meant to be "
         "unstable early (the val loss jumping in the first half) and then settle. Built "
         "after k_b35_digits_sgd_const_3e1_settles kept bouncing to the end. It showed "
         "neither phase: a noise floor reached in the first epoch, the val loss flat with "
         "one bump; labelled as that (healthy).",
         data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), opt_name="Adam", lr=1e-2,
         epochs=25),
]

def main(argv=None) -> int:
    from benchmarks.corpus import runkit
    return runkit.module_main("python -m benchmarks.corpus.sc_tensorboardx", SCENARIOS, argv)


if __name__ == "__main__":
    import sys
    sys.exit(main())
