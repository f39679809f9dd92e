"""Corpus scenarios logged with ``torch.utils.tensorboard.SummaryWriter``.

A hand-written PyTorch loop: ``train/loss`` (every step or the epoch mean), ``val/loss`` and
``val/acc`` once per epoch, the LR as ``lr`` (or ``lr_0``, ``lr_1`` for parameter groups).
The RL run uses CleanRL's names (``charts/learning_rate``, ``losses/value_loss``, ...).
The ``story`` says how each scenario is trained and what it is meant to show; the labels
(labels/torch.json) say what the plots actually showed.
"""

from __future__ import annotations

import dataclasses

from benchmarks.corpus.common import Cfg, rl_scenario, scenario

W = "torch"
EPOCH_TAGS = {}  # same tags; per-epoch logs use the epoch index as the step
PG = {"lr": "lr_{i}"}


def S(name, family, classes, story, cfg, **kw):
    return scenario(name, W, family, classes, story, cfg, **kw)


SCENARIOS = [
    S("t_cosine_mlp", "cosine", ("per_step",),
      "Digits MLP, SGD 0.1 momentum 0.9, cosine to 0 over 20 epochs, loss every step.",
      Cfg(lr=0.1, epochs=20, sched=("cosine", {}))),
    S("t_onecycle_conv", "onecycle", ("collapse_no_nan", "per_step"),
      "Digits convnet, SGD, OneCycleLR max 0.2 over 15 epochs. Meant healthy; the plots show "
      "it collapsing to chance (ln 10) as the LR nears its peak, so it is a collapse run.",
      Cfg(model="conv", lr=0.2, epochs=15, sched=("onecycle", {"pct_start": 0.3}))),
    S("t_onecycle_mlp", "onecycle", ("per_step",),
      "Digits MLP, SGD, OneCycleLR max 0.1 over 15 epochs (the healthy one-cycle run).",
      Cfg(lr=0.1, epochs=15, sched=("onecycle", {"pct_start": 0.3}))),
    S("t_sgdr_gentle", "sgdr", ("per_step",),
      "Digits MLP, SGD, CosineAnnealingWarmRestarts peak 0.05 every 5 epochs: mild restarts.",
      Cfg(lr=0.05, epochs=25, sched=("sgdr", {"T_0": 110}))),
    S("t_sgdr_restarts", "sgdr", ("per_step",),
      "Digits MLP (128), Adam, SGDR peak 4e-2 every 6 epochs (132 steps): each restart throws "
      "the near-zero loss up for dozens of steps, then it recovers. (Tried first: SGD peak "
      "0.8 blew up, SGD 0.4 and Adam 1e-2 showed no restart spikes.) The plots show no "
      "restart spike at 4e-2 either: it is labelled as the healthy SGDR run it is.",
      Cfg(hidden=(128,), opt="adam", lr=4e-2, epochs=36, sched=("sgdr", {"T_0": 132}))),
    S("t_collapse_peak", "onecycle", ("collapse_no_nan", "per_step"),
      "Two-class make_classification, MLP 64-64, Adam one-cycle to 0.3: learns while the LR "
      "is low, collapses to chance (ln 2) near the peak and stays there while the LR decays.",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "class_sep": 1.5},
          hidden=(64, 64), opt="adam", lr=0.3, epochs=30,
          sched=("onecycle", {"pct_start": 0.45}))),
    S("t_zero_lr_groups", "constant_warmup", ("zero_lr", "param_groups", "per_step"),
      "Digits MLP 128-64, two param groups (backbone 0.1x, head 1x, logged lr_0/lr_1), SGD "
      "peak 0.01 after a 40 % warmup; a LambdaLR bug (integer division) makes every group's "
      "LR exactly 0 for the remaining 60 %: training stops while the loss is still high.",
      Cfg(hidden=(128, 64), lr=0.01, groups=(0.1, 1.0), epochs=25, tags=PG,
          sched=("zero_bug", {"warmup": 220}))),
    S("t_noise_floor", "constant", ("noise_floor", "per_step"),
      "Two-class make_classification with 30 % flipped labels (4000 train), MLP 16, Adam 3e-3 "
      "constant, batch 32: the per-step loss bounces around the label-noise floor, val flat.",
      Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 2000, "flip_y": 0.3}, hidden=(16,),
          opt="adam", lr=3e-3, batch=32, epochs=10)),
    S("t_cyclic_wiggles", "cyclic", ("cyclic_wiggles", "per_step"),
      "Digits MLP, SGD, CyclicLR triangular 0.005..0.2, half-cycle 2 epochs: loss wiggles with "
      "the LR while trend and val fall.",
      Cfg(lr=0.05, epochs=24, sched=("cyclic", {"base_lr": 0.005, "max_lr": 0.2,
                                                 "step_size_up": 44}))),
    S("t_bad_batches", "cosine", ("single_point_spikes", "per_step"),
      "Digits MLP 128, Adam 1e-3 cosine, 50 epochs = 1100 steps logged every step; the batches "
      "at steps 450 and 820 have shuffled labels (corrupted shard): two one-step spikes.",
      Cfg(hidden=(128,), opt="adam", lr=1e-3, epochs=50, sched=("cosine", {}),
          bad_steps=(450, 820))),
    S("t_flat_last_jump", "constant", ("flat_then_last_jump", "per_epoch"),
      "Digits MLP (64) whose ReLUs all start dead (bias -20): only the output bias learns the "
      "class prior in epoch 1, then the loss is flat at ln 10 for 30 epochs; the last epoch's "
      "inputs come from a corrupted shard (x23) and its mean loss jumps.",
      Cfg(hidden=(64,), model_kw={"dead_bias": -20.0}, lr=0.05, epochs=30, log="epoch",
          step_axis="epoch", bad_epoch_scale=(29, 23.0))),
    S("t_transformer_adam3e2", "constant", ("fast_start_crawl", "per_step"),
      "Tiny transformer (2 layers, d=32) on majority-token sequences, Adam 3e-2, no warmup, "
      "constant: a fast start then a crawl.",
      Cfg(data="seq", model="transformer", opt="adam", lr=3e-2, epochs=10)),
    S("t_inverse_sqrt", "inverse_sqrt", ("per_step",),
      "Tiny transformer, AdamW 3e-3 with 200 warmup steps then inverse-sqrt decay, loss every "
      "5 steps.",
      Cfg(data="seq", model="transformer", opt="adamw", lr=3e-3, epochs=12, log_every=5,
          sched=("inverse_sqrt", {"warmup": 200}))),
    rl_scenario("t_rl_cleanrl", W,
                {"lr": "charts/learning_rate", "value_loss": "losses/value_loss",
                 "policy_loss": "losses/policy_loss", "entropy": "losses/entropy",
                 "return": "charts/episodic_return"},
                "A2C on a 12-cell corridor (CleanRL names), Adam 3e-3 annealed linearly to 0: "
                "value loss rises as returns appear, policy loss wanders, return climbs."),
    S("t_range_test", "range_test", ("range_test", "per_step"),
      "LR range test: digits MLP, SGD, LR exponential 1e-7 -> 10 over 200 steps, loss per "
      "step, no validation.",
      Cfg(lr=1.0, epochs=20, val=False, max_steps=200,
          sched=("range", {"lo": 1e-7, "hi": 10.0, "steps": 200}))),
    S("t_long_cosine", "cosine", ("long_noisy", "noise_floor", "per_step"),
      "Two-class make_classification, 20 % flipped labels, 8000 train, MLP 16, SGD 0.05 "
      "cosine, batch 32, 80 epochs = 20,000 steps logged every step.",
      Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 2000, "flip_y": 0.2}, hidden=(16,),
          lr=0.05, batch=32, epochs=80, sched=("cosine", {})),
      seeds=(1,), test_seeds=()),
    S("t_overfit_memorize", "constant", ("per_epoch",),
      "4-class make_classification, 300 train / 1000 val, 20 % flipped labels, MLP 256-256, "
      "Adam 1e-3 constant, 60 epochs logged per epoch: memorises the noise.",
      Cfg(data="clf", data_kw={"n_train": 300, "n_val": 1000, "n_classes": 4, "flip_y": 0.2,
                               "n_features": 40, "n_informative": 6},
          hidden=(256, 256), opt="adam", lr=1e-3, epochs=60, log="epoch", step_axis="epoch",
          train_acc=True)),
    S("t_lr_too_low", "constant", ("per_step",),
      "Digits MLP, plain SGD (no momentum) at 3e-4 constant for 25 epochs.",
      Cfg(lr=3e-4, momentum=0.0, epochs=25)),
    S("t_nan_regression", "linear", ("per_step",),
      "make_regression with targets around 300 (MSE in the 10^4..10^5), MLP 64, SGD momentum "
      "0.9, warmup to 3e-3 then linear decay: blows up to NaN during warmup.",
      Cfg(data="reg", lr=3e-3, epochs=15, acc=False, sched=("linear", {"warmup": 100}))),
    S("t_rlrop", "plateau", ("per_epoch",),
      "Digits MLP with 10 % label noise, Adam 3e-3, ReduceLROnPlateau (x0.3, patience 2) on "
      "val loss, 30 epochs logged per epoch.",
      Cfg(data_kw={"label_noise": 0.1}, opt="adam", lr=3e-3, epochs=30, log="epoch",
          step_axis="epoch", sched=("plateau", {"factor": 0.3, "patience": 2}))),
    S("t_leakage", "cosine", ("per_step",),
      "Digits, 30 % of training labels noise; the validation set is 400 training images with "
      "their clean labels (a leak). MLP 32, SGD 0.05 cosine, 12 epochs, weight decay.",
      Cfg(data="leaky_digits", hidden=(32,), lr=0.05, wd=1e-3, epochs=12,
          sched=("cosine", {}))),
    S("t_tiny_multistep", "multistep", ("tiny", "per_epoch"),
      "Digits convnet, SGD 0.1, MultiStepLR at epochs 3 and 4, 5 epochs logged per epoch.",
      Cfg(model="conv", lr=0.1, epochs=5, log="epoch", step_axis="epoch",
          sched=("multistep", {"milestones": [3, 4], "gamma": 0.2}))),
]


# -- the holdout split (added after the test split was scored; labelled from the plots only)

def H(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="holdout")


SCENARIOS += [
    H("t_ho_step_conv", "step", ("per_step",),
      "Digits convnet, SGD 0.05 momentum 0.9, batch 48, StepLR x0.2 every 6 epochs, 18 epochs, "
      "loss every 2 steps.",
      Cfg(model="conv", lr=0.05, batch=48, epochs=18, log_every=2,
          sched=("step", {"step_size": 6, "gamma": 0.2})), seeds=(1, 2)),
    H("t_ho_onecycle_adamw", "onecycle", ("per_step",),
      "Digits MLP 128, AdamW (wd 0.05), OneCycleLR max 5e-3 with a 25 % ramp, batch 32, "
      "12 epochs, loss every step.",
      Cfg(hidden=(128,), opt="adamw", lr=5e-3, wd=0.05, batch=32, epochs=12,
          sched=("onecycle", {"pct_start": 0.25}))),
    H("t_ho_noise_floor_const", "constant", ("noise_floor", "per_step"),
      "3-class make_classification, 25 % flipped labels, 3000 train, MLP 24, Adam 2e-3 "
      "constant, batch 32, 8 epochs: per-step loss bouncing around the label-noise floor.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1500, "flip_y": 0.25, "n_classes": 3,
                               "n_features": 16, "n_informative": 8},
          hidden=(24,), opt="adam", lr=2e-3, batch=32, epochs=8)),
    H("t_ho_tiny_cosine", "cosine", ("tiny", "per_epoch"),
      "Digits convnet, Adam 3e-3 cosine (per step), 4 epochs logged once per epoch.",
      Cfg(model="conv", opt="adam", lr=3e-3, epochs=4, log="epoch", step_axis="epoch",
          sched=("cosine", {}))),
    H("t_ho_range_conv", "range_test", ("range_test", "per_step"),
      "LR range test: digits convnet, Adam, LR exponential 1e-6 -> 3 over 300 steps, batch 32, "
      "loss per step, no validation.",
      Cfg(model="conv", opt="adam", lr=1.0, batch=32, epochs=20, val=False, max_steps=300,
          sched=("range", {"lo": 1e-6, "hi": 3.0, "steps": 300}))),
    H("t_ho_chance_adam", "constant", ("chance_from_start", "per_step"),
      "5-class make_classification, MLP 96-96, Adam at a constant 0.4 (far too high): a burst "
      "in the first steps, then the loss sits at chance (ln 5).",
      Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 5, "n_features": 24,
                               "n_informative": 10},
          hidden=(96, 96), opt="adam", lr=0.4, epochs=12)),
    H("t_ho_sgdr_conv", "sgdr", ("restart_wide_spike", "per_step"),
      "Digits convnet, Adam, CosineAnnealingWarmRestarts peak 5e-2 every 5 epochs (150 steps), "
      "batch 48, 30 epochs: each restart should throw the loss up for dozens of steps.",
      Cfg(model="conv", opt="adam", lr=5e-2, batch=48, epochs=30, sched=("sgdr", {"T_0": 150}))),
    H("t_ho_overfit_small", "exponential", ("per_epoch",),
      "160 digits with 15 % label noise, MLP 512-256, Adam 2e-3, ExponentialLR 0.99, batch 32, "
      "90 epochs logged per epoch (train accuracy too): memorises the training set.",
      Cfg(data_kw={"n_train": 160, "label_noise": 0.15}, hidden=(512, 256), opt="adam",
          lr=2e-3, batch=32, epochs=90, log="epoch", step_axis="epoch", train_acc=True,
          sched=("exponential", {"gamma": 0.99})), seeds=(1, 2)),
    H("t_ho_decay_fast", "step", ("per_step",),
      "6-class make_classification, MLP 64, plain SGD 0.03, StepLR x0.05 every 2 epochs: the LR "
      "is 1e-4 of its start by epoch 6 while the loss is still falling fast.",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 6, "n_features": 30,
                               "n_informative": 12},
          hidden=(64,), lr=0.03, momentum=0.0, batch=50, epochs=20,
          sched=("step", {"step_size": 2, "gamma": 0.05}))),
]


# -- the fresh split (added after the holdout split was scored; labelled from the plots only)

def FR(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="fresh")


SCENARIOS += [
    FR("t_fr_multistep_clf", "multistep", ("per_step",),
       "5-class make_classification (2 % flipped labels, 6000 train), MLP 64-32, SGD 0.05 "
       "momentum 0.9, weight decay 1e-3, batch 40, MultiStepLR x0.25 at epochs 7 and 12, 16 "
       "epochs, loss every 3 steps. (First try, 2400 train and MLP 128-64, overfitted.)",
       Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 1000, "n_classes": 5, "n_features": 24,
                                "n_informative": 12, "flip_y": 0.02, "class_sep": 1.4},
           hidden=(64, 32), lr=0.05, wd=1e-3, batch=40, epochs=16, log_every=3,
           sched=("multistep", {"milestones": [7, 12], "gamma": 0.25})), seeds=(1, 2)),
    FR("t_fr_inverse_sqrt_clf", "inverse_sqrt", ("per_step",),
       "3-class make_classification, 6000 train, MLP 32-32, Adam 5e-3 with a 150-step linear "
       "warmup then inverse-sqrt decay, batch 64, 12 epochs, loss every step. (First try, "
       "3000 train and MLP 64-64, had its val loss creep up.)",
       Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 1000, "n_classes": 3, "n_features": 18,
                                "n_informative": 9, "class_sep": 1.3},
           hidden=(32, 32), opt="adam", lr=5e-3, batch=64, epochs=12,
           sched=("inverse_sqrt", {"warmup": 150}))),
    FR("t_fr_long_cosine", "cosine", ("long_noisy", "per_step"),
       "3-class make_classification, 5 % flipped labels, 5000 train, MLP 40, SGD 0.03 momentum "
       "0.9, cosine to 0, batch 50, 55 epochs = 5500 steps logged every step.",
       Cfg(data="clf", data_kw={"n_train": 5000, "n_val": 1500, "n_classes": 3, "flip_y": 0.05,
                                "n_features": 16, "n_informative": 8},
           hidden=(40,), lr=0.03, batch=50, epochs=55, sched=("cosine", {}))),
    FR("t_fr_collapse_onecycle", "onecycle", ("collapse_no_nan", "per_step"),
       "4-class make_classification (class_sep 1.5), MLP 96-96, Adam OneCycleLR to a far too "
       "high 0.25 with a 40 % ramp, 24 epochs: learns while the LR is low, meant to collapse "
       "to chance (ln 4) near the peak and stay there, without NaN.",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 4, "class_sep": 1.5,
                                "n_features": 20, "n_informative": 10},
           hidden=(96, 96), opt="adam", lr=0.25, epochs=24,
           sched=("onecycle", {"pct_start": 0.4}))),
    FR("t_fr_lr_too_low", "constant", ("per_step",),
       "3-class make_classification, MLP 32-32, Adam at a constant 2e-5 (far too small), batch "
       "64, 25 epochs, loss every 5 steps.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 3, "n_features": 20,
                                "n_informative": 10},
           hidden=(32, 32), opt="adam", lr=2e-5, batch=64, epochs=25, log_every=5)),
    FR("t_fr_decay_fast", "exponential", ("per_step",),
       "4-class make_classification, MLP 64-32, plain SGD 0.1, ExponentialLR 0.4 per epoch, "
       "batch 32, 20 epochs, loss every 2 steps: the LR is ~1e-2 of its start by epoch 5 "
       "while the loss is still falling fast. (First try, SGD 0.02 x0.3, learned next to "
       "nothing before the LR was gone.)",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4, "n_features": 20,
                                "n_informative": 10},
           hidden=(64, 32), lr=0.1, momentum=0.0, batch=32, epochs=20, log_every=2,
           sched=("exponential", {"gamma": 0.4}))),
    FR("t_fr_oscillation", "constant", ("per_step",),
       "4-class make_classification, MLP 32, SGD momentum 0.9 at a constant 0.3 (too high), "
       "batch 32, 15 epochs, loss every step: meant to bounce without a trend. (First tries, "
       "two classes with momentum 0.95 at 0.8 and 0.25: NaN, then a loss rising for the whole "
       "run.)",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 4, "n_features": 20,
                                "n_informative": 10},
           hidden=(32,), lr=0.3, batch=32, epochs=15)),
    FR("t_fr_no_val", "cosine", ("per_step",),
       "5-class make_classification, MLP 64, SGD 0.05 momentum 0.9, cosine, batch 64, 14 "
       "epochs, loss every step; no validation is run or logged.",
       Cfg(data="clf", data_kw={"n_train": 2500, "n_classes": 5, "n_features": 24,
                                "n_informative": 12},
           hidden=(64,), lr=0.05, batch=64, epochs=14, val=False, sched=("cosine", {}))),
]


# -- the blind split (fourth session; labelled from the plots only)

def BL(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind")


SCENARIOS += [
    BL("t_bl_sgdr_spikes", "sgdr", ("restart_wide_spike", "per_step"),
       "Digits MLP 256-128, Adam, CosineAnnealingWarmRestarts peak 2e-2 every 5 epochs (165 "
       "steps), batch 40, 30 epochs, loss every step: each restart should throw the converged "
       "loss up for a few dozen steps, then it recovers. (First try, peak 5e-2, never "
       "converged within a cycle: noisy at ~0.3 throughout.)",
       Cfg(hidden=(256, 128), opt="adam", lr=2e-2, batch=40, epochs=30,
           sched=("sgdr", {"T_0": 165}))),
    BL("t_bl_collapse_invsqrt", "inverse_sqrt", ("collapse_no_nan", "per_step"),
       "Digits MLP 128-128, Adam, 300-step linear warmup to a far too high 0.15 then "
       "inverse-sqrt decay, batch 64, 20 epochs: learns while the LR is low, meant to collapse "
       "to chance (ln 10) near the peak and stay there, without NaN.",
       Cfg(hidden=(128, 128), opt="adam", lr=0.15, epochs=20,
           sched=("inverse_sqrt", {"warmup": 300}))),
    BL("t_bl_zero_lr_multistep", "multistep", ("zero_lr", "per_step"),
       "Digits convnet, plain SGD 0.01, MultiStepLR(milestones=[7], gamma=0.0) (a config "
       "typo, gamma 0): the LR is exactly 0 from epoch 7 of 20 while the loss is still "
       "falling; loss every 2 steps.",
       Cfg(model="conv", lr=0.01, momentum=0.0, epochs=20, log_every=2,
           sched=("multistep", {"milestones": [7], "gamma": 0.0}))),
    BL("t_bl_noise_floor_step", "step", ("noise_floor", "per_step"),
       "4-class make_classification with 35 % flipped labels, 4000 train, MLP 12, Adam 2e-3, "
       "StepLR x0.5 every 4 epochs, batch 32, 12 epochs, loss every step: the per-step loss "
       "bounces around the label-noise floor, val flat at its minimum.",
       Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "n_classes": 4, "flip_y": 0.35,
                                "n_features": 16, "n_informative": 8},
           hidden=(12,), opt="adam", lr=2e-3, batch=32, epochs=12,
           sched=("step", {"step_size": 4, "gamma": 0.5}))),
    BL("t_bl_flipped_batches", "constant_warmup", ("single_point_spikes", "per_step"),
       "Two-class make_classification (class_sep 2), 2400 train, MLP 32, SGD 0.05 momentum "
       "0.9, 100-step warmup then constant, batch 32, 27 epochs = 2025 steps logged every "
       "step; the batches at steps 600, 1300 and 1750 have every label flipped (a corrupted "
       "shard): one-step spikes.",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "class_sep": 2.0},
           hidden=(32,), lr=0.05, batch=32, epochs=27, bad_steps=(600, 1300, 1750),
           sched=("warmup_constant", {"warmup": 100}))),
    BL("t_bl_collapse_const_conv", "constant", ("collapse_no_nan", "per_step"),
       "Digits convnet, SGD momentum 0.9 at a constant 0.12 (too high), batch 32, 12 epochs, "
       "loss every step. Meant to bounce without a downward trend (an oscillation run); the "
       "plots show it learning, then collapsing to chance (ln 10) after ~120 steps and "
       "staying there, so it is the constant-LR collapse it is.",
       Cfg(model="conv", lr=0.12, batch=32, epochs=12)),
    BL("t_bl_range_reg", "range_test", ("range_test", "per_step"),
       "LR range test on make_regression (targets scaled to ~unit size, MSE), MLP 64, Adam, "
       "LR exponential 1e-5 -> 10 over 300 steps, batch 32, loss per step, no validation.",
       Cfg(data="reg", data_kw={"n_train": 4000, "n_val": 200, "scale": 0.02, "offset": 0.0},
           opt="adam", lr=1.0, batch=32, epochs=10, val=False, acc=False, max_steps=300,
           sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 300}))),
    dataclasses.replace(rl_scenario(
        "t_bl_rl_const", W,
        {"lr": "charts/learning_rate", "value_loss": "losses/value_loss",
         "policy_loss": "losses/policy_loss", "entropy": "losses/entropy",
         "return": "charts/episodic_return"},
        "A2C on a 12-cell corridor (CleanRL names), Adam 1e-3 constant, 500 updates logged "
        "every 2: value loss rises as returns appear, policy loss wanders, return climbs; no "
        "validation.",
        anneal=False, seeds=(1,), test_seeds=(), lr=1e-3, updates=500, every=2), held_out="blind"),
    BL("t_bl_groups_onecycle", "onecycle", ("param_groups", "per_step"),
       "Digits MLP 128-64, SGD momentum 0.9, three param groups (x0.1, x0.3, x1 of 0.08, "
       "logged lr_0..lr_2), OneCycleLR per group, batch 48, 14 epochs, loss every 2 steps.",
       Cfg(hidden=(128, 64), lr=0.08, groups=(0.1, 0.3, 1.0), batch=48, epochs=14,
           log_every=2, tags=PG, sched=("onecycle", {"pct_start": 0.3}))),
    BL("t_bl_oscillation_sgd", "constant", ("per_step",),
       "3-class make_classification (2400 train), MLP 64, plain SGD (no momentum) at a "
       "constant 1.5 (too high), batch 32, 10 epochs, loss every step: meant to bounce "
       "without a downward trend.",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 3,
                                "n_features": 20, "n_informative": 10},
           hidden=(64,), lr=1.5, momentum=0.0, batch=32, epochs=10)),
]


# -- more dev runs (fourth session; labelled from the plots only)
from benchmarks.corpus.common import noise_ramp  # noqa: E402

D4 = dict(seeds=(1, 2), test_seeds=())

SCENARIOS += [
    S("t_d4_bump_explode", "other", ("per_step",),
      "Digits MLP 128, SGD 0.02 momentum 0.9, constant; at epoch 14 of 24 a resume sets the "
      "LR 50x higher (1.0), loss logged every 3 steps: learns, then meant to blow up late.",
      Cfg(hidden=(128,), lr=0.02, epochs=24, log_every=3,
          sched=("bump", {"at_epoch": 14, "mult": 50.0})), **D4),
    S("t_d4_chance_conv", "constant", ("chance_from_start", "per_epoch"),
      "Digits convnet, SGD momentum 0.9 at a constant 1.0 (far too high), 15 epochs, epoch "
      "means logged at the global step: meant to sit at chance (ln 10) from the start.",
      Cfg(model="conv", lr=1.0, epochs=15, log="epoch"), **D4),
    S("t_d4_onecycle_clf", "onecycle", ("per_step",),
      "3-class make_classification (3000 train), MLP 64, SGD OneCycleLR max 0.4, batch 50, "
      "20 epochs, loss every step: meant healthy, the loss may rise a little near the LR peak "
      "and come back as the LR decays.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                               "n_features": 20, "n_informative": 10},
          hidden=(64,), lr=0.4, batch=50, epochs=20, sched=("onecycle", {"pct_start": 0.3})),
      **D4),
    S("t_d4_bad_burst", "cosine", ("per_step",),
      "Two-class make_classification (class_sep 1.5, 3000 train), MLP 64, Adam 1e-3 cosine, "
      "batch 32, 30 epochs = 2820 steps logged every step; the batches at steps 800-805 and "
      "1900-1903 have every label flipped (a corrupted shard): spikes a few steps wide that "
      "recover.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "class_sep": 1.5},
          hidden=(64,), opt="adam", lr=1e-3, batch=32, epochs=30, sched=("cosine", {}),
          bad_steps=tuple(range(800, 806)) + tuple(range(1900, 1904))), **D4),
    S("t_d4_osc_sgd_mom", "constant", ("per_epoch",),
      "Two-class make_classification (5 % flipped labels, 2000 train), MLP 64, SGD 0.3 with "
      "momentum 0.97, constant, 30 epochs logged per epoch at the epoch index: meant to "
      "bounce with no downward trend. The plots show something else: both losses climb "
      "8-60x over the first 5-15 epochs (far above ln 2) and only partly come back while "
      "the accuracy falls; it is labelled as the blow-up it is.",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "flip_y": 0.05}, hidden=(64,),
          lr=0.3, momentum=0.97, epochs=30, log="epoch", step_axis="epoch"), **D4),
    S("t_d4_dead_relu", "exponential", ("per_step",),
      "Digits MLP 64 whose ReLUs all start dead (bias -20), SGD 0.05 momentum 0.9, "
      "ExponentialLR 0.98 per epoch (barely decays), 20 epochs, loss every 5 steps: only the "
      "output bias learns, the loss stalls near ln 10 at once and stays, val too.",
      Cfg(hidden=(64,), model_kw={"dead_bias": -20.0}, lr=0.05, epochs=20, log_every=5,
          sched=("exponential", {"gamma": 0.98})), **D4),
    S("t_d4_aug_switch", "cosine", ("train_flat_val_improves", "per_epoch"),
      "Digits convnet, Adam 1e-3 cosine, 30 epochs logged per epoch; input-noise "
      "augmentation ramps 0 -> 1.0 over the run, so the training loss flattens while the "
      "clean validation loss keeps falling.",
      Cfg(model="conv", opt="adam", lr=1e-3, epochs=30, log="epoch", step_axis="epoch",
          sched=("cosine", {}), aug=noise_ramp(0.0, 1.0)), **D4),
    S("t_d4_leak_dropout", "step", ("per_epoch",),
      "Digits with 30 % noisy training labels; the validation set is 400 of the training "
      "images with clean labels (a leak); MLP 128 with dropout 0.5, SGD 0.05 momentum 0.9, "
      "StepLR x0.3 every 8 epochs, 20 epochs per epoch: val loss far below train throughout.",
      Cfg(data="leaky_digits", data_kw={"label_noise": 0.3}, hidden=(128,),
          model_kw={"dropout": 0.5}, lr=0.05, epochs=20, log="epoch", step_axis="epoch",
          sched=("step", {"step_size": 8, "gamma": 0.3})), **D4),
]


# -- the blind2 split (fourth session, second blind set; labelled from the plots only)

def B2(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind2")


SCENARIOS += [
    B2("t_b2_sgdr_mild", "sgdr", ("per_step",),
       "Digits convnet, Adam 2e-3, CosineAnnealingWarmRestarts (T_0 88 steps = 4 epochs, "
       "T_mult 2: restarts at steps 88 and 264), batch 64, 28 epochs, loss every 2 steps: "
       "meant to show only mild bumps at the restarts on a falling trend.",
       Cfg(model="conv", opt="adam", lr=2e-3, epochs=28, log_every=2,
           sched=("sgdr", {"T_0": 88, "T_mult": 2}))),
    B2("t_b2_collapse_onecycle", "onecycle", ("per_step",),
       "Digits MLP 128, Adam, OneCycleLR to a peak of 0.2 (far too high for Adam) at 40 % "
       "of 20 epochs, loss every 2 steps: meant to learn while the LR is low, then collapse "
       "to chance (ln 10) near the peak and stay there even as the LR comes down. The "
       "plots show another blow-up: val loss climbs from ~0.15 to ~30 and stays there, the "
       "train loss bounces between ~0 and ~30, while val accuracy stays ~0.9-0.96; "
       "labelled as the divergence it is.",
       Cfg(hidden=(128,), opt="adam", lr=0.2, epochs=20, log_every=2,
           sched=("onecycle", {"pct_start": 0.4}))),
    B2("t_b2_pg_multistep", "multistep", ("param_groups", "per_step"),
       "Digits MLP 64-64 with two LR parameter groups (first layers x0.1, last layers x1 of "
       "0.1), SGD momentum 0.9, MultiStepLR x0.2 at epochs 8 and 14, 20 epochs, loss and both "
       "LRs every 5 steps.",
       Cfg(hidden=(64, 64), lr=0.1, groups=(0.1, 1.0), epochs=20, log_every=5,
           sched=("multistep", {"milestones": [8, 14], "gamma": 0.2}), tags=dict(PG))),
    B2("t_b2_rlrop_clf", "plateau", ("per_epoch",),
       "3-class make_classification (3000 train, 5 % flipped), MLP 64, SGD 0.1 momentum 0.9, "
       "ReduceLROnPlateau(val loss, x0.3, patience 2), 30 epochs logged per epoch at the "
       "epoch index.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                "n_features": 20, "n_informative": 10, "flip_y": 0.05},
           hidden=(64,), lr=0.1, epochs=30, log="epoch", step_axis="epoch",
           sched=("plateau", {"factor": 0.3, "patience": 2}))),
    B2("t_b2_osc_linear", "constant", ("per_step",),
       "Two-class make_classification (10 % flipped labels, not separable), a linear model "
       "(logistic regression), SGD momentum 0.9 at a constant 3.0 (far too high), batch 32, "
       "15 epochs, loss every 5 steps: meant to bounce without a downward trend (cross "
       "entropy keeps it finite).",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "flip_y": 0.1}, hidden=(),
           lr=3.0, batch=32, epochs=15, log_every=5)),
    B2("t_b2_linear_tiny", "linear", ("tiny", "per_step"),
       "Digits convnet, AdamW 3e-3, linear warmup over 20 steps then linear decay to 0, batch "
       "32, only 3 epochs, loss every step.",
       Cfg(model="conv", opt="adamw", lr=3e-3, batch=32, epochs=3,
           sched=("linear", {"warmup": 20}))),
    B2("t_b2_long_noisy", "cosine", ("long_noisy", "noise_floor", "per_step"),
       "Two-class make_classification with 20 % flipped labels (4000 train), MLP 16, Adam "
       "1e-3 cosine, batch 8, 42 epochs = 21000 steps, loss every step, val per epoch: the "
       "per-step loss bounces around the label-noise floor, val flat at its best.",
       Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "flip_y": 0.2},
           hidden=(16,), opt="adam", lr=1e-3, batch=8, epochs=42, sched=("cosine", {}))),
    B2("t_b2_leak_conv", "cosine", ("per_step",),
       "Digits with 35 % noisy training labels; the validation set is 400 of the training "
       "images with their clean labels (a leak); convnet, Adam 1e-3 cosine, weight decay "
       "1e-4, 12 epochs, loss every 10 steps: val loss far below train throughout.",
       Cfg(data="leaky_digits", data_kw={"label_noise": 0.35}, model="conv", opt="adam",
           lr=1e-3, wd=1e-4, epochs=12, log_every=10, sched=("cosine", {}))),
]


# -- the blind3 split (fourth session, third blind set; labelled from the plots only)

def B3(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind3")


SCENARIOS += [
    B3("t_b3_sgdr_spike", "sgdr", ("restart_wide_spike", "per_step"),
       "Digits MLP 256-256, Adam, CosineAnnealingWarmRestarts with a high peak 0.05 (T_0 "
       "132 steps = 6 epochs: restarts at steps 132, 264 and 396), batch 64, 24 epochs, loss "
       "every step: each restart jumps the LR from ~0 to 0.05, meant to throw the near-zero "
       "loss up for dozens of steps before it recovers.",
       Cfg(hidden=(256, 256), opt="adam", lr=0.05, epochs=24, sched=("sgdr", {"T_0": 132}))),
    B3("t_b3_nan_warmup_pg", "constant_warmup", ("param_groups", "per_step"),
       "make_regression (targets scaled to ~unit), MLP 64-64 with two LR param groups (first "
       "layers x0.3, last x1), SGD momentum 0.9, linear warmup over 240 steps to a constant "
       "1.0 (far too high), batch 32, 15 epochs, loss and both LRs every 2 steps, NaN logged "
       "and not stopped: meant to learn while the LR is small, then blow up to Inf/NaN.",
       Cfg(data="reg", data_kw={"n_train": 1000, "n_val": 400, "scale": 0.01, "offset": 0.0},
           hidden=(64, 64), lr=1.0, groups=(0.3, 1.0), batch=32, epochs=15, log_every=2,
           acc=False, stop_on_nan=False, tags=dict(PG),
           sched=("warmup_constant", {"warmup": 240}))),
    B3("t_b3_zero_lr_step", "step", ("zero_lr", "per_step"),
       "Digits convnet, SGD 0.01 momentum 0.9, StepLR with step_size 6 and a gamma typed as "
       "0.0 (meant 0.1): the LR is exactly 0 from epoch 6 of 20, loss every 3 steps; "
       "training freezes wherever it was at epoch 6.",
       Cfg(model="conv", lr=0.01, epochs=20, log_every=3,
           sched=("step", {"step_size": 6, "gamma": 0.0}))),
    B3("t_b3_decay_exp", "exponential", ("per_epoch",),
       "3-class make_classification (3000 train), MLP 64, SGD 0.02 momentum 0.5, "
       "ExponentialLR x0.35 per epoch (LR /1e4 by epoch 9), 20 epochs logged per epoch at "
       "the epoch index: the LR vanishes while the loss is still well above where it could go.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                "n_features": 20, "n_informative": 10},
           hidden=(64,), lr=0.02, momentum=0.5, epochs=20, log="epoch", step_axis="epoch",
           sched=("exponential", {"gamma": 0.35}))),
    B3("t_b3_noise_floor_step", "step", ("noise_floor", "per_step"),
       "Two-class make_classification with 35 % flipped labels (4000 train), MLP 32, SGD 0.05 "
       "momentum 0.9, StepLR x0.5 every 5 epochs, batch 32, 15 epochs, loss every step: the "
       "per-step loss bounces around the label-noise floor, val flat near its best.",
       Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "flip_y": 0.35},
           hidden=(32,), lr=0.05, batch=32, epochs=15,
           sched=("step", {"step_size": 5, "gamma": 0.5}))),
]


# -- the blind4 split (fifth session, labelled from the plots only)

def B4(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind4")


def _fit_smoothed(run_dir, seed, *, smoothing, lr, epochs, sched, hidden=(128, 128),
                  batch=64, log_every=1):
    """Digits MLP, Adam, trained on a label-smoothed cross entropy (the logged ``train/loss``
    is that objective); ``val/loss`` is the plain cross entropy of the clean labels."""
    import math

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    Xtr, ytr, Xva, yva, _ = common.load_data("digits", seed)
    model = common.build_model("mlp", Xtr.shape[1], 10, hidden)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    spe = int(math.ceil(len(Xtr) / batch))
    sch, _when = common.build_scheduler(opt, sched, spe, epochs)
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    log = common.TorchLogger(run_dir)
    step, tr, va = 0, [], []
    for _ep in range(epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        for b in range(spe):
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx], label_smoothing=smoothing)
            opt.zero_grad()
            loss.backward()
            if step % log_every == 0:
                lv = float(loss.detach())
                log.scalar("train/loss", lv, step)
                log.scalar("lr", opt.param_groups[0]["lr"], step)
                tr.append(lv)
            opt.step()
            sch.step()
            step += 1
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, step)
        log.scalar("val/acc", acc, step)
        va.append(vl)
    log.close()
    return {"writer": W, "seed": seed, "steps": step, "train_loss": tr[::25],
            "val_loss": va}


def _smoothed(**kw):
    def train(run_dir, seed):
        return _fit_smoothed(run_dir, seed, **kw)
    return train


def B4X(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), held_out="blind4")


SCENARIOS += [
    B4("t_b4_sgdr_spike_clf", "sgdr", ("restart_wide_spike", "per_step"),
       "4-class make_classification (class_sep 2.5, only 1200 train), MLP 256-256, Adam, "
       "CosineAnnealingWarmRestarts peak 3e-2 every 5 epochs (190 steps), batch 32, 25 "
       "epochs, loss every step: each restart jumps the LR from ~0 to 3e-2, meant to throw "
       "the near-zero loss up for dozens of steps before it recovers. (First try, 3000 "
       "train, MLP 128-128, peak 4e-2 every 141 steps: the per-step loss never got near 0 "
       "within a cycle and the restarts did not show.)",
       Cfg(data="clf", data_kw={"n_train": 1200, "n_val": 1000, "n_classes": 4,
                                "n_features": 20, "n_informative": 10, "class_sep": 2.5},
           hidden=(256, 256), opt="adam", lr=3e-2, batch=32, epochs=25,
           sched=("sgdr", {"T_0": 190}))),
    B4X("t_b4_collapse_smoothed", "onecycle", ("collapse_no_nan", "per_step"),
        "Digits MLP 128-128 trained on a label-smoothed cross entropy (smoothing 0.6, so the "
        "logged train loss can only fall from ln 10 to ~1.6), Adam OneCycleLR to a far too "
        "high 0.1 at 35 % of 16 epochs, loss every step, val = plain cross entropy: meant to "
        "learn while the LR is low and collapse to chance at the peak; the jump shows mostly "
        "in the validation loss.",
        _smoothed(smoothing=0.6, lr=0.1, epochs=16, sched=("onecycle", {"pct_start": 0.35}))),
    B4("t_b4_long_isqrt", "inverse_sqrt", ("long_noisy", "noise_floor", "per_step"),
       "3-class make_classification with 20 % flipped labels (5000 train), MLP 8, Adam 2e-3, "
       "300-step warmup then inverse-sqrt decay, batch 16, 64 epochs = 20,032 steps logged "
       "every step, val per epoch.",
       Cfg(data="clf", data_kw={"n_train": 5000, "n_val": 1500, "n_classes": 3,
                                "n_features": 16, "n_informative": 8, "flip_y": 0.2},
           hidden=(8,), opt="adam", lr=2e-3, batch=16, epochs=64,
           sched=("inverse_sqrt", {"warmup": 300}))),
    B4("t_b4_overfit_seq", "cosine", ("per_step",),
       "Tiny transformer (d=32, 2 layers) on only 240 majority-token sequences (vocab 6, "
       "length 12), 600 val, AdamW 3e-3 cosine, batch 24, 60 epochs, loss every 2 steps: "
       "memorises the small training set; val loss meant to rise.",
       Cfg(data="seq", data_kw={"n_train": 240, "n_val": 600}, model="transformer",
           opt="adamw", lr=3e-3, batch=24, epochs=60, log_every=2, sched=("cosine", {}))),
    B4("t_b4_osc_epoch_sgd", "constant", ("per_epoch",),
       "5-class make_classification (2500 train), MLP 32, plain SGD at a constant 2.5 (too "
       "high), batch 32, 30 epochs, epoch means logged at the epoch index: meant to bounce "
       "epoch to epoch without a downward trend.",
       Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 5,
                                "n_features": 20, "n_informative": 10},
           hidden=(32,), lr=2.5, momentum=0.0, batch=32, epochs=30, log="epoch",
           step_axis="epoch")),
]


# -- the blind5 split (fifth session, labelled from the plots only)

def B5(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind5")


def _fit_b5(run_dir, seed, *, data, data_kw, hidden, lr, epochs, lam, momentum=0.9,
            opt="sgd", batch=64, log_every=1, mask=None):
    """A hand-written loop: SGD or Adam under a LambdaLR ``lam(step, total)``; ``mask`` =
    (from_epoch, p): from that epoch on each training input feature is zeroed with
    probability p (a cutout-like augmentation); train/loss, lr, val/loss, val/acc."""
    import math

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    Xtr, ytr, Xva, yva, _ = common.load_data(data, seed, **data_kw)
    n_out = int(max(ytr.max(), yva.max()) + 1)
    model = common.build_model("mlp", Xtr.shape[1], n_out, hidden)
    if opt == "adam":
        o = torch.optim.Adam(model.parameters(), lr=lr)
    else:
        o = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    spe = int(math.ceil(len(Xtr) / batch))
    total = spe * epochs
    sch = torch.optim.lr_scheduler.LambdaLR(o, lambda s: lam(s, total))
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    log = common.TorchLogger(run_dir)
    step, tr, va = 0, [], []
    for ep in range(epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        for b in range(spe):
            idx = perm[b * batch:(b + 1) * batch]
            xb = Xt[idx]
            if mask and ep >= mask[0]:
                xb = xb * (torch.rand_like(xb) >= mask[1]).float()
            loss = F.cross_entropy(model(xb), yt[idx])
            o.zero_grad()
            loss.backward()
            if step % log_every == 0:
                lv = float(loss.detach())
                log.scalar("train/loss", lv, step)
                log.scalar("lr", o.param_groups[0]["lr"], step)
                tr.append(lv)
            o.step()
            sch.step()
            step += 1
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, step)
        log.scalar("val/acc", acc, step)
        va.append(vl)
    log.close()
    return {"writer": W, "seed": seed, "steps": step, "train_loss": tr[::25],
            "val_loss": va}


def _b5(**kw):
    def train(run_dir, seed):
        return _fit_b5(run_dir, seed, **kw)
    return train


def B5X(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), held_out="blind5")


def _cosine_over(frac):
    # a cosine schedule sized for the first run (``frac`` of this one's length), clamped at 0
    # after its end: the run was extended without updating the scheduler's length
    import math
    return lambda s, total: max(0.0, 0.5 * (1 + math.cos(math.pi * min(1.0, s / (frac * total)))))


def _const(s, total):
    return 1.0


SCENARIOS += [
    B5("t_b5_sgdr_tmult_spike", "sgdr", ("restart_wide_spike", "per_step"),
       "4-class make_classification (class_sep 2.2, only 1000 train), MLP 192-192-96, Adam, "
       "CosineAnnealingWarmRestarts peak 3e-2 with T_0 200 steps and T_mult 2 (restarts at "
       "steps 200 and 600), batch 25, 30 epochs, loss every step: each restart jumps the LR "
       "from ~0 to 3e-2, meant to throw the low loss up for dozens of steps before it "
       "recovers. (First try, 3 classes at class_sep 3, 900 train, MLP 256-256, peak "
       "2.5e-2 with a 160-step T_0: the loss went to ~1e-6 and the restarts did not move it.)",
       Cfg(data="clf", data_kw={"n_train": 1000, "n_val": 900, "n_classes": 4,
                                "n_features": 20, "n_informative": 10, "class_sep": 2.2},
           hidden=(192, 192, 96), opt="adam", lr=3e-2, batch=25, epochs=30,
           sched=("sgdr", {"T_0": 200, "T_mult": 2}))),
    B5("t_b5_chance_burst_seq", "constant", ("chance_from_start", "per_step"),
       "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 7, length 14), "
       "Adam at a constant 0.3 (far too high), batch 50, 8 epochs, loss every step: meant "
       "to burst in the first steps and then never leave chance level (~ln 7).",
       Cfg(data="seq", data_kw={"vocab": 7, "length": 14, "n_train": 2000, "n_val": 500},
           model="transformer", opt="adam", lr=0.3, batch=50, epochs=8)),
    B5X("t_b5_zero_lr_extended", "cosine", ("zero_lr", "per_step"),
        "Digits MLP 64, SGD 0.02 momentum 0.5 with a cosine LambdaLR sized for a 10-epoch "
        "run; the run was extended to 30 epochs without updating it, so the factor is "
        "clamped at 0: the LR is exactly 0 for the last two thirds while the loss is meant "
        "to be still well above where digits can go. Loss and LR every 2 steps. (First "
        "try, 5-class make_classification at 0.01 momentum 0.5, hardly learned at all before "
        "the LR was gone.)",
        _b5(data="digits", data_kw={}, hidden=(64,), lr=0.02, momentum=0.5, epochs=30,
            lam=_cosine_over(1 / 3), log_every=2)),
    B5("t_b5_long_reg", "multistep", ("long_noisy", "noise_floor", "per_step"),
       "make_regression with heavy target noise (noise 60, targets scaled to ~unit size), "
       "4000 train, MLP 8, MSE, SGD 0.01 momentum 0.9, MultiStepLR x0.3 at epochs 15 and "
       "30, batch 8, 40 epochs = 20,000 steps logged every step, val per epoch: the "
       "per-step MSE bounces around the noise floor, val flat near its best.",
       Cfg(data="reg", data_kw={"n_train": 4000, "n_val": 1000, "noise": 60.0,
                                "scale": 0.02, "offset": 0.0},
           hidden=(8,), lr=0.01, batch=8, epochs=40, acc=False,
           sched=("multistep", {"milestones": [15, 30], "gamma": 0.3}))),
    B5("t_b5_rlrop_groups", "plateau", ("param_groups", "per_step"),
       "Digits MLP 96-48, SGD momentum 0.9 with two param groups (first layers x0.25, last "
       "x1 of 0.06, logged lr_0 and lr_1), ReduceLROnPlateau(val loss, x0.4, patience 1) "
       "acting on both, 25 epochs, loss and LRs every 3 steps.",
       Cfg(hidden=(96, 48), lr=0.06, groups=(0.25, 1.0), epochs=25, log_every=3,
           tags=dict(PG), sched=("plateau", {"factor": 0.4, "patience": 1}))),
    B5X("t_b5_mask_on", "constant", ("train_flat_val_improves", "per_step"),
        "Digits MLP 64, plain SGD momentum 0.9 at a constant 5e-3 (slow enough to keep "
        "improving all run), 30 epochs, loss every 2 steps; from epoch 10 a cutout-like "
        "augmentation zeroes half of every training input's pixels: the training loss "
        "steps up and stays flat while the clean validation loss keeps falling.",
        _b5(data="digits", data_kw={}, hidden=(64,), lr=5e-3, epochs=30, lam=_const,
            log_every=2, mask=(10, 0.5))),
]


# -- the blind6 split (fifth session, labelled from the plots only)

def B6(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind6")


SCENARIOS += [
    B6("t_b6_sgdr_step_spike", "sgdr", ("restart_wide_spike", "per_step"),
       "5-class make_classification (class_sep 2.0, 1200 train), MLP 160-160, Adam, "
       "CosineAnnealingWarmRestarts peak 2.5e-2 with T_0 240 steps (restarts at steps 240, "
       "480 and 720), batch 30, 24 epochs, loss every step: each restart meant to throw the "
       "low loss up for dozens of steps before it recovers.",
       Cfg(data="clf", data_kw={"n_train": 1200, "n_val": 800, "n_classes": 5,
                                "n_features": 24, "n_informative": 12, "class_sep": 2.0},
           hidden=(160, 160), opt="adam", lr=2.5e-2, batch=30, epochs=24,
           sched=("sgdr", {"T_0": 240}))),
    B6("t_b6_collapse_onecycle_conv", "onecycle", ("collapse_no_nan", "per_step"),
       "Digits convnet, SGD momentum 0.9, OneCycleLR to 1.5 (far too high a peak) with "
       "pct_start 0.4, batch 64, 20 epochs, loss every 5 steps: meant to learn while the "
       "LR is low and collapse to chance near the peak, most visibly in the val curves.",
       Cfg(model="conv", lr=1.5, epochs=20, log_every=5,
           sched=("onecycle", {"pct_start": 0.4}))),
    B6("t_b6_rlrop_conv", "plateau", ("per_epoch",),
       "Digits convnet, SGD 0.05 momentum 0.9, ReduceLROnPlateau(val loss, x0.5, patience "
       "1), batch 64, 25 epochs, epoch means and the LR logged once per epoch.",
       Cfg(model="conv", lr=0.05, epochs=25, log="epoch",
           sched=("plateau", {"factor": 0.5, "patience": 1}))),
    B6("t_b6_isqrt_groups", "inverse_sqrt", ("param_groups", "per_step"),
       "Digits MLP 128-64, Adam 3e-3 with three param groups (x0.1, x0.5, x1, logged lr_0 "
       "... lr_2), inverse-sqrt after a 100-step linear warmup, batch 64, 12 epochs, loss "
       "and LRs every 2 steps.",
       Cfg(hidden=(128, 64), opt="adam", lr=3e-3, groups=(0.1, 0.5, 1.0), epochs=12,
           log_every=2, tags=dict(PG), sched=("inverse_sqrt", {"warmup": 100}))),
    B6("t_b6_too_low_sgd", "constant", ("per_step",),
       "3-class make_classification (2000 train), MLP 64, plain SGD (no momentum) at a "
       "constant 2e-4 (far too low), batch 64, 20 epochs, loss every 4 steps: meant to "
       "creep down from the start and end far from converged.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 3,
                                "n_informative": 8},
           hidden=(64,), lr=2e-4, momentum=0.0, epochs=20, log_every=4)),
]


# -- the blind7 split (fifth session, labelled from the plots only)

def B7(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind7")


SCENARIOS += [
    B7("t_b7_sgdr_clf_sgd", "sgdr", ("collapse_no_nan", "per_step"),
       "4-class make_classification (class_sep 2.0, 1500 train), MLP 128-128, SGD momentum "
       "0.9, CosineAnnealingWarmRestarts peak 0.4 with T_0 200 steps, batch 30, 20 epochs, "
       "loss every step: each restart meant to throw the loss up for a while before it "
       "recovers. The plots show the first restart collapsing it to chance (ln 4) for good, "
       "so it is labelled as that.",
       Cfg(data="clf", data_kw={"n_train": 1500, "n_val": 800, "n_classes": 4,
                                "n_features": 20, "n_informative": 10, "class_sep": 2.0},
           hidden=(128, 128), lr=0.4, batch=30, epochs=20, sched=("sgdr", {"T_0": 200}))),
    B7("t_b7_zero_lr_conv", "constant_warmup", ("zero_lr", "per_step"),
       "Digits convnet, SGD 0.03 momentum 0.9, a 60-step linear warmup after which the "
       "integer-division bug makes the LR factor exactly 0, batch 64, 12 epochs, loss every "
       "2 steps: the LR is 0 for ~80 % of the run.",
       Cfg(model="conv", lr=0.03, epochs=12, log_every=2, sched=("zero_bug", {"warmup": 60}))),
    B7("t_b7_linear_groups", "linear", ("param_groups", "per_step"),
       "Digits MLP 128-64, SGD 0.08 momentum 0.9 with two param groups (x0.25, x1, logged "
       "lr_0, lr_1), 40-step linear warmup then linear decay to 0, batch 64, 12 epochs, "
       "loss every 3 steps.",
       Cfg(hidden=(128, 64), lr=0.08, groups=(0.25, 1.0), epochs=12, log_every=3,
           tags=dict(PG), sched=("linear", {"warmup": 40}))),
    B7("t_b7_overfit_adam", "constant", ("per_epoch",),
       "Only 120 digits for training, MLP 512-512, Adam at a constant 2e-3, batch 20, 70 "
       "epochs, epoch means and LR once per epoch: meant to memorise the training set while "
       "the val loss turns up.",
       Cfg(data_kw={"n_train": 120}, hidden=(512, 512), opt="adam", lr=2e-3, batch=20,
           epochs=70, log="epoch")),
    B7("t_b7_bump_acc_drop", "other", ("per_step",),
       "Digits MLP 128, SGD 0.02 momentum 0.9, then a 'resume' that multiplies the LR by 40 "
       "(to 0.8) from epoch 10 of 20, batch 64, loss every 4 steps: meant to lose val "
       "accuracy after the raise.",
       Cfg(hidden=(128,), lr=0.02, epochs=20, log_every=4,
           sched=("bump", {"at_epoch": 10, "mult": 40.0}))),
]
SCENARIOS += [
    B7("t_b7_tiny_step", "step", ("tiny", "per_step"),
       "Digits MLP 64, SGD 0.05 momentum 0.9, StepLR x0.3 every epoch, batch 64, only 3 "
       "epochs, loss every 2 steps.",
       Cfg(hidden=(64,), lr=0.05, epochs=3, log_every=2,
           sched=("step", {"step_size": 1, "gamma": 0.3}))),
    dataclasses.replace(rl_scenario(
        "t_b7_rl_anneal", W,
        {"lr": "charts/learning_rate", "value_loss": "losses/value_loss",
         "policy_loss": "losses/policy_loss", "entropy": "losses/entropy",
         "return": "charts/episodic_return"},
        "A2C on a 12-cell corridor (CleanRL names), Adam 5e-3 annealed linearly to 0, 400 "
        "updates logged every 4: value loss rises as returns appear, policy loss wanders, "
        "return climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), lr=5e-3, updates=400, every=4),
        held_out="blind7"),
]


# -- the blind8 split (sixth session, labelled from the plots only)

def B8(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind8")


SCENARIOS += [
    B8("t_b8_multistep_conv_groups", "multistep", ("param_groups", "per_step"),
       "Digits convnet, SGD momentum 0.9 with two param groups (conv layers x0.2, the rest "
       "x1 of 0.05, logged lr_0 and lr_1), MultiStepLR x0.25 at epochs 6 and 10, batch 48, "
       "14 epochs, loss and LRs every 3 steps.",
       Cfg(model="conv", lr=0.05, groups=(0.2, 1.0), batch=48, epochs=14, log_every=3,
           tags=dict(PG), sched=("multistep", {"milestones": [6, 10], "gamma": 0.25}))),
    B8("t_b8_nan_onecycle_rawreg", "onecycle", ("per_step",),
       "make_regression in raw units (targets ~300, MSE in the tens of thousands), MLP 32, "
       "SGD momentum 0.9 under OneCycleLR to 3e-3 (too high for unscaled targets), batch "
       "64, 20 epochs, loss every step: meant to learn while the LR is small and blow up "
       "to Inf/NaN as it nears the peak (the loop stops at the first NaN). (First try, a "
       "peak of 3e-4, trained cleanly.)",
       Cfg(data="reg", data_kw={"n_train": 2000, "n_val": 500}, hidden=(32,), lr=3e-3,
           batch=64, epochs=20, acc=False, sched=("onecycle", {"pct_start": 0.3}))),
    B8("t_b8_long_exp_digits", "exponential", ("long_noisy", "per_step"),
       "Digits with 25 % of the training labels randomised (clean val), MLP 32, SGD 0.01 "
       "momentum 0.9, weight decay 1e-3, ExponentialLR 0.96 per epoch, batch 4, 60 epochs "
       "= 21,000 steps logged every step, val per epoch: a long, very noisy per-step loss "
       "meant to sit at the label-noise floor. The plots show the net memorising the noisy "
       "labels instead (val worse after epoch ~10), so it is labelled as that.",
       Cfg(data_kw={"label_noise": 0.25}, hidden=(32,), lr=0.01, wd=1e-3, batch=4,
           epochs=60, sched=("exponential", {"gamma": 0.96}))),
    B8("t_b8_overfit_conv_small", "constant", ("per_step",),
       "Only 100 digits for training, the convnet, Adam at a constant 3e-3, batch 10, 80 "
       "epochs = 800 steps, loss every 2 steps, val per epoch: memorises the small "
       "training set; val loss meant to turn up.",
       Cfg(model="conv", data_kw={"n_train": 100}, opt="adam", lr=3e-3, batch=10,
           epochs=80, log_every=2)),
    B8("t_b8_plateau_linear_10c", "constant", ("per_step",),
       "10-class make_classification with 3 clusters per class (not linearly separable), a "
       "linear softmax model, Adam at a constant 1e-2, batch 64, 20 epochs, loss every 3 "
       "steps: meant to learn in the first steps and then stall at a high loss, val too "
       "(capacity, not the LR).",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 10,
                                "clusters": 3, "n_features": 16, "n_informative": 8,
                                "n_redundant": 0},
           hidden=(), opt="adam", lr=1e-2, epochs=20, log_every=3)),
]


# -- the blind9 split (sixth session, labelled from the plots only)

def B9(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind9")


B9_SWEEP = (3e-5, 3e-3, 0.3)


def _b9_lr_name(lr):
    return ("%g" % lr).replace(".", "p").replace("-", "m")


SCENARIOS += [
    B9("t_b9_warmup_const_seq", "constant_warmup", ("per_step",),
       "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 7, length 18, "
       "2000 train), AdamW 1e-3 after a 150-step linear warmup and constant after, batch 48, "
       "12 epochs, loss and LR every 2 steps, val per epoch.",
       Cfg(data="seq", data_kw={"vocab": 7, "length": 18, "n_train": 2000, "n_val": 500},
           model="transformer", opt="adamw", lr=1e-3, batch=48, epochs=12, log_every=2,
           sched=("warmup_constant", {"warmup": 150}))),
    B9("t_b9_range_adamw_conv", "range_test", ("range_test", "per_step"),
       "LR range test: digits convnet, AdamW with the LR rising exponentially from 1e-6 to "
       "1 over 360 steps (6 decades), batch 24, loss and LR every step, val per epoch.",
       Cfg(model="conv", opt="adamw", lr=1e-3, batch=24, epochs=10, max_steps=360,
           sched=("range", {"lo": 1e-6, "hi": 1.0, "steps": 360}))),
    B9("t_b9_aug_ramp_multistep", "multistep", ("train_flat_val_improves", "per_step"),
       "Digits MLP 256, SGD 5e-3 momentum 0.9 (slow enough to keep improving), MultiStepLR "
       "x0.2 at epochs 10 and 16, batch 64, 20 epochs, loss every 4 steps; Gaussian input "
       "noise on every training batch whose std ramps 0 -> 1.0 over the first 40 % of the "
       "epochs: the train loss meant to stay flat while the clean val loss keeps improving. "
       "(First try, 0.03 and a ramp to 1.5: val had converged by epoch 5 and got worse.)",
       Cfg(hidden=(256,), lr=0.005, epochs=20, log_every=4, aug=noise_ramp(0.0, 1.0, 0.4),
           sched=("multistep", {"milestones": [10, 16], "gamma": 0.2}))),
    B9("t_b9_plateau_wd", "step", ("per_step",),
       "Digits MLP 128, SGD 0.05 momentum 0.9 with a far too strong weight decay (0.25, "
       "meant 2.5e-4), StepLR x0.5 every 8 epochs, batch 64, 20 epochs, loss every 4 steps: "
       "meant to stall early at a high loss, val too (over-regularised, not an LR effect). "
       "(First try, hidden biases starting at -2.5 so that most ReLUs are dead: flat at "
       "chance all run; at -1.5 with a constant LR the units revived and it learned.)",
       Cfg(hidden=(128,), lr=0.05, wd=0.25, epochs=20, log_every=4,
           sched=("step", {"step_size": 8, "gamma": 0.5}))),
] + [
    B9("t_b9_sweep_conv_" + _b9_lr_name(lr), "constant", ("sweep_member", "per_step"),
       "LR sweep (group t_b9_sweep_conv_adam): digits convnet, Adam at a constant LR %g, "
       "batch 64, 8 epochs, loss every 2 steps, val per epoch; the LR is the only "
       "difference between members." % lr,
       Cfg(model="conv", opt="adam", lr=lr, epochs=8, log_every=2))
    for lr in B9_SWEEP
]


# -- the blind10 split (sixth session, labelled from the plots only)

def B10(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind10")


SCENARIOS += [
    B10("t_b10_onecycle_three_groups_conv", "onecycle", ("param_groups", "per_step"),
        "Digits convnet, SGD momentum 0.9 with three param groups (conv1 x0.1, conv2 x0.5, "
        "head x1 of 0.06, logged lr_0..lr_2), OneCycleLR (20 % warmup), batch 32, 10 epochs, "
        "loss and LRs every 3 steps.",
        Cfg(model="conv", lr=0.06, groups=(0.1, 0.5, 1.0), batch=32, epochs=10, log_every=3,
            tags=dict(PG), sched=("onecycle", {"pct_start": 0.2}))),
    B10("t_b10_long_step_noisy", "step", ("long_noisy", "per_step"),
        "4-class make_classification with 15 % flipped labels (train and val), 4000 train, "
        "MLP 16, SGD 0.01 momentum 0.9, StepLR x0.3 every 7 epochs, batch 4, 20 epochs = "
        "20,000 steps logged every step, val per epoch.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "n_classes": 4,
                                 "flip_y": 0.15, "n_informative": 8},
            hidden=(16,), lr=0.01, batch=4, epochs=20,
            sched=("step", {"step_size": 7, "gamma": 0.3}))),
    B10("t_b10_nan_warmup_rawreg", "linear", ("per_step",),
        "make_regression in raw units (targets ~300, MSE ~1e5), MLP 64, SGD momentum 0.9, a "
        "400-step linear warmup to 3e-3 (far too high for unscaled targets) then linear "
        "decay, batch 32, 15 epochs, loss every step: meant to learn while the LR is small "
        "and blow up to Inf/NaN during the warmup (the loop stops at the first NaN).",
        Cfg(data="reg", data_kw={"n_train": 2000, "n_val": 500}, hidden=(64,), lr=3e-3,
            batch=32, epochs=15, acc=False, sched=("linear", {"warmup": 400}))),
    B10("t_b10_sgdr_tmult_spike", "sgdr", ("per_step",),
        "Digits MLP 256-256, Adam, CosineAnnealingWarmRestarts peak 5e-2 with T_0 100 steps "
        "and T_mult 2 (restarts at steps 100, 300 and 700), batch 32, 20 epochs, loss every "
        "step: each restart meant to throw the low loss up for dozens of steps before it "
        "recovers. The plots show the whole run unstable after the first ~10 % (the peak "
        "is too high for this net), so it is labelled as that.",
        Cfg(hidden=(256, 256), opt="adam", lr=0.05, batch=32, epochs=20,
            sched=("sgdr", {"T_0": 100, "T_mult": 2}))),
    B10("t_b10_leak_onecycle", "onecycle", ("per_step",),
        "Digits with 35 % of the training labels randomised; the val set is 400 of the "
        "training images with their clean labels (a leak); MLP 128, SGD momentum 0.9 under "
        "OneCycleLR to 0.05 (25 % warmup), batch 64, 14 epochs, loss every 2 steps: val loss "
        "meant to sit far below train throughout.",
        Cfg(data="leaky_digits", data_kw={"label_noise": 0.35}, hidden=(128,), lr=0.05,
            epochs=14, log_every=2, sched=("onecycle", {"pct_start": 0.25}))),
    B10("t_b10_fast_crawl_hard3c", "constant", ("fast_start_crawl", "per_step"),
        "3-class make_classification (class_sep 0.6, 3000 train), MLP 32, Adam at a "
        "constant 3e-2 (big), batch 32, 12 epochs, loss every 3 steps: a fast fall in the "
        "first steps, then a slow crawl.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 10, "class_sep": 0.6},
            hidden=(32,), opt="adam", lr=0.03, batch=32, epochs=12, log_every=3)),
]


# -- the blind11 split (seventh session, labelled from the plots only)

def B11(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind11")


SCENARIOS += [
    B11("t_b11_multistep_conv_adamw", "multistep", ("per_step",),
        "Digits convnet, AdamW 3e-3 (weight decay 0.01), MultiStepLR x0.2 at epochs 6 and "
        "10, batch 48, 14 epochs, loss and LR every 2 steps, val per epoch.",
        Cfg(model="conv", opt="adamw", lr=3e-3, batch=48, epochs=14, log_every=2,
            sched=("multistep", {"milestones": [6, 10], "gamma": 0.2}))),
    B11("t_b11_spikes_conv_batch8", "cosine", ("single_point_spikes", "per_step"),
        "Digits convnet, SGD 0.005 momentum 0.9 with a cosine to 0, batch 8, 20 epochs "
        "(~3500 steps) logged every step; the batches at steps 1200 and 2600 have every "
        "label wrong (a corrupted shard): meant as one-step spikes on a clean run. (First "
        "try, SGD 0.02, was unstable for its first 40 % with spikes of its own.)",
        Cfg(model="conv", lr=0.005, batch=8, epochs=20, sched=("cosine", {}),
            bad_steps=(1200, 2600))),
    B11("t_b11_overfit_cosine_small", "cosine", ("per_epoch",),
        "Only 150 training digits with 25 % of their labels randomised (clean val), MLP "
        "512-256, Adam 1e-3 with a cosine to 0, batch 16, 120 epochs, epoch means at the "
        "global step: meant to memorise the noisy labels while the val loss turns up, even "
        "under a decaying LR.",
        Cfg(data_kw={"n_train": 150, "label_noise": 0.25}, hidden=(512, 256), opt="adam",
            lr=1e-3, batch=16, epochs=120, log="epoch", sched=("cosine", {}))),
    B11("t_b11_plateau_rlrop_dead", "plateau", ("per_step",),
        "5-class make_classification, MLP 64-64 whose ReLUs all start dead (bias -20), SGD "
        "0.05 momentum 0.9 under ReduceLROnPlateau(val loss, x0.5, patience 2), batch 64, 30 "
        "epochs, loss every 4 steps: only the output bias can learn, so the loss is meant to "
        "sit at chance while the scheduler keeps cutting the LR.",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5,
                                 "n_informative": 8},
            hidden=(64, 64), model_kw={"dead_bias": -20.0}, lr=0.05, epochs=30, log_every=4,
            sched=("plateau", {"factor": 0.5, "patience": 2}))),
    B11("t_b11_nan_bump_reg", "other", ("per_step",),
        "make_regression scaled to unit-sized targets, MLP 64-64, SGD 0.01 momentum 0.9, "
        "batch 32, 20 epochs, loss every step; at epoch 10 a resume sets the LR 60x higher "
        "(0.6): meant to blow up to Inf/NaN after the raise (the loop stops at the first "
        "NaN).",
        Cfg(data="reg", data_kw={"n_train": 1500, "n_val": 400, "scale": 0.01,
                                 "offset": 0.0},
            hidden=(64, 64), lr=0.01, batch=32, epochs=20, acc=False,
            sched=("bump", {"at_epoch": 10, "mult": 60.0}))),
]


# -- the blind12 split (seventh session, second block, labelled from the plots only)

def B12(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind12")


def _percent(sc, tags):
    """The same scenario with the values of ``tags`` logged x100 (accuracy in percent)."""
    def train(run_dir, seed, _inner=sc.train):
        from benchmarks.corpus import common
        base = common.LOGGERS[W]

        class Percent(base):
            def scalar(self, tag, value, step, sub=""):
                super().scalar(tag, value * 100.0 if tag in tags else value, step, sub)
        common.LOGGERS[W] = Percent
        try:
            return _inner(run_dir, seed)
        finally:
            common.LOGGERS[W] = base
    return dataclasses.replace(sc, train=train)


PCT = {"loss": "Loss/train_epoch", "val_loss": "Loss/val_epoch",
       "acc": "metrics/accuracy_top1", "lr": "lr"}

SCENARIOS += [
    _percent(B12(
        "t_b12_rlrop_epoch_pct", "plateau", ("per_epoch",),
        "Digits MLP 128-64, SGD 0.05 momentum 0.9 under ReduceLROnPlateau(val loss, x0.5, "
        "patience 2), batch 32, 40 epochs; epoch means at the global step under custom tags "
        "(Loss/train_epoch, Loss/val_epoch) and the val accuracy in percent as "
        "metrics/accuracy_top1 (0-100): the scheduler meant to fire several times once the "
        "val loss stops improving.",
        Cfg(hidden=(128, 64), lr=0.05, batch=32, epochs=40, log="epoch", tags=dict(PCT),
            sched=("plateau", {"factor": 0.5, "patience": 2}))),
        {"metrics/accuracy_top1"}),
    B12("t_b12_multistep_cut_early_conv", "multistep", ("per_step",),
        "Digits convnet, SGD 0.02 momentum 0.9, MultiStepLR x0.02 at epochs 1 and 2 (the "
        "milestones meant for epochs 10 and 20 of 30 typed in as 1 and 2): the LR is 4e-4 "
        "after the first epoch and 8e-6 after the second; batch 64, 30 epochs, loss and LR "
        "every 2 steps: learning meant to stop while the loss is still high.",
        Cfg(model="conv", lr=0.02, batch=64, epochs=30, log_every=2,
            sched=("multistep", {"milestones": [1, 2], "gamma": 0.02}))),
    B12("t_b12_groups_overfit_epoch", "exponential", ("param_groups", "per_epoch"),
        "200 training digits with 20 % of their labels randomised (clean val), MLP 256-256, "
        "Adam 1e-3 with two param groups (first layers x0.3, last x1; logged lr_0, lr_1) "
        "under ExponentialLR x0.98 per epoch, batch 16, 60 epochs, epoch means at the epoch "
        "index: meant to memorise the noisy labels while the val loss turns up.",
        Cfg(data_kw={"n_train": 200, "label_noise": 0.2}, hidden=(256, 256), opt="adam",
            lr=1e-3, groups=(0.3, 1.0), batch=16, epochs=60, log="epoch", step_axis="epoch",
            tags=dict(PG), sched=("exponential", {"gamma": 0.98}))),
    B12("t_b12_warmup_nan_reg", "linear", ("per_step",),
        "make_regression scaled to unit-sized targets, MLP 64-64, SGD momentum 0.9 with a "
        "300-step linear warmup to a far too high 1.0 and a linear decay after it, batch 32, "
        "10 epochs, loss every step: meant to blow up to Inf/NaN during the warmup (the loop "
        "stops at the first NaN).",
        Cfg(data="reg", data_kw={"n_train": 1500, "n_val": 400, "scale": 0.01,
                                 "offset": 0.0},
            hidden=(64, 64), lr=1.0, batch=32, epochs=10, acc=False,
            sched=("linear", {"warmup": 300}))),
    _percent(B12(
        "t_b12_noise_floor_step_pct", "step", ("noise_floor", "per_step"),
        "3-class make_classification (one cluster a class, class_sep 1.5) with 30 % flipped "
        "labels (4000 train), MLP 32, SGD 0.02 momentum 0.9, StepLR x0.5 every 4 epochs, "
        "batch 8, 8 epochs (4000 steps) logged every step; val accuracy in percent as "
        "metrics/accuracy_top1: the per-step loss meant to bounce around the label-noise "
        "floor while val accuracy settles at what the noise allows.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.3, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(32,), lr=0.02, batch=8, epochs=8,
            tags={"acc": "metrics/accuracy_top1"},
            sched=("step", {"step_size": 4, "gamma": 0.5}))),
        {"metrics/accuracy_top1"}),
]


# -- the blind13 split (seventh session, third block, labelled from the plots only)

def B13(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind13")


CAP = {"loss": "Train/Loss", "val_loss": "Val/Loss", "acc": "Val/Accuracy",
       "lr": "LearningRate"}

SCENARIOS += [
    B13("t_b13_exp_wide_bs512", "exponential", ("per_step",),
        "Digits MLP 512-256, Adam 3e-3 under ExponentialLR x0.95 per epoch, batch 512 (3 "
        "steps an epoch), 60 epochs (180 steps), loss and LR every step, val per epoch.",
        Cfg(hidden=(512, 256), opt="adam", lr=3e-3, batch=512, epochs=60,
            sched=("exponential", {"gamma": 0.95}))),
    _percent(B13(
        "t_b13_cyclic_seq_pct", "cyclic", ("per_step",),
        "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 6, length 12, "
        "2000 train), Adam under CyclicLR triangular 1e-4..3e-3 (half-cycle 126 steps, three "
        "cycles), batch 48, 18 epochs, loss and LR every 3 steps under custom tags "
        "(Train/Loss, Val/Loss, LearningRate) and the val accuracy in percent as "
        "Val/Accuracy (0-100): wiggles meant to follow the LR while trend and val fall. The "
        "plots show the loss thrown up at the second and third LR peaks (val 0.01 -> 0.37 at "
        "the third) before it recovers, so it is labelled as that.",
        Cfg(data="seq", model="transformer", opt="adam", lr=1e-3, batch=48, epochs=18,
            log_every=3, tags=dict(CAP),
            sched=("cyclic", {"base_lr": 1e-4, "max_lr": 3e-3, "step_size_up": 126}))),
        {"Val/Accuracy"}),
    B13("t_b13_osc_5c_sgd_bs16", "constant", ("per_step",),
        "5-class make_classification (one cluster a class, class_sep 1.5, 2000 train), MLP "
        "128, SGD momentum 0.9 at a constant 0.1 (too high), batch 16, 12 epochs, loss every "
        "5 steps, val per epoch: meant to bounce instead of settling. (First try, 0.4, grew "
        "steadily to ~1e37 and NaN.)",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5,
                                 "n_informative": 8, "clusters": 1, "class_sep": 1.5},
            hidden=(128,), lr=0.1, batch=16, epochs=12, log_every=5)),
    B13("t_b13_leak_conv_cosine", "cosine", ("per_epoch",),
        "Digits with 30 % of the training labels randomised; the val set is 400 of the "
        "training images with their clean labels (a leak); the convnet, SGD 0.03 momentum "
        "0.9 with a cosine to 0, batch 32, 20 epochs, epoch means at the global step: val "
        "loss meant to sit far below train throughout.",
        Cfg(data="leaky_digits", data_kw={"label_noise": 0.3}, model="conv", lr=0.03,
            batch=32, epochs=20, log="epoch", sched=("cosine", {}))),
    B13("t_b13_overfit_reg_small_wide", "constant", ("per_epoch",),
        "make_regression scaled to unit-sized targets with heavy noise (noise 60, 150 "
        "training rows), MLP 512-512, Adam at a constant 1e-3, batch 16, 60 epochs, epoch "
        "means at the epoch index: meant to memorise the noise while the val MSE turns up.",
        Cfg(data="reg", data_kw={"n_train": 150, "n_val": 400, "noise": 60.0, "scale": 0.01,
                                 "offset": 0.0},
            hidden=(512, 512), opt="adam", lr=1e-3, batch=16, epochs=60, acc=False,
            log="epoch", step_axis="epoch")),
    B13("t_b13_isqrt_noise_floor_long", "inverse_sqrt", ("noise_floor", "per_step"),
        "5-class make_classification (one cluster a class, class_sep 1.5) with 20 % flipped "
        "labels (6000 train), MLP 64, Adam 2e-3 with a 300-step warmup then inverse-sqrt "
        "decay, batch 8, 8 epochs (6000 steps) logged every step, val per epoch: the "
        "per-step loss meant to bounce around the label-noise floor.",
        Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 1500, "n_classes": 5,
                                 "n_informative": 8, "flip_y": 0.2, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(64,), opt="adam", lr=2e-3, batch=8, epochs=8,
            sched=("inverse_sqrt", {"warmup": 300}))),
]


# -- the blind14 split (eighth session, first block, labelled from the plots only)

def B14(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind14")


SCENARIOS += [
    B14("t_b14_onecycle_seq_bs16", "onecycle", ("per_step",),
        "Tiny transformer (d=32, 2 layers) on majority-token sequences (vocab 8, length 16, "
        "1600 train), AdamW under OneCycleLR to 2e-3 (30 % warmup), batch 16, 6 epochs (600 "
        "steps), loss and LR every 5 steps, val per epoch.",
        Cfg(data="seq", data_kw={"vocab": 8, "length": 16, "n_train": 1600, "n_val": 500},
            model="transformer", opt="adamw", lr=2e-3, batch=16, epochs=6, log_every=5,
            sched=("onecycle", {}))),
    B14("t_b14_exp_conv_groups", "exponential", ("param_groups", "per_step"),
        "Digits convnet, SGD momentum 0.9 with two param groups (convs x0.3, head x1 of "
        "0.03, logged lr_0/lr_1) under ExponentialLR x0.88 per epoch, batch 48, 20 epochs, "
        "loss and LRs every 3 steps, val per epoch.",
        Cfg(model="conv", lr=0.03, groups=(0.3, 1.0), batch=48, epochs=20, log_every=3,
            tags=dict(PG), sched=("exponential", {"gamma": 0.88}))),
    B14("t_b14_nan_rawreg_exp_growth", "exponential", ("per_step",),
        "make_regression with raw targets around 300 (MSE in the 1e5s), MLP 64, SGD momentum "
        "0.9 from 3e-6 under ExponentialLR with gamma 1.3 per epoch (a typo for 0.93: the LR "
        "grows to ~6e-3 by the end), batch 128, 30 epochs, loss and LR every step, val per "
        "epoch: meant to learn while the LR is small and blow up to NaN as it keeps growing "
        "(the loop stops at the first NaN).",
        Cfg(data="reg", data_kw={"n_train": 1500, "n_val": 400}, hidden=(64,), lr=3e-6,
            batch=128, epochs=30, acc=False, sched=("exponential", {"gamma": 1.3}))),
    B14("t_b14_zero_lr_conv_epoch", "constant_warmup", ("zero_lr", "per_epoch"),
        "Digits convnet, Adam with a 60-step linear warmup to 1e-3, then the integer-division "
        "bug makes the LR exactly 0 for the rest, batch 64, 25 epochs, epoch means and the "
        "LR at the epoch index: meant to stop learning after the warmup.",
        Cfg(model="conv", opt="adam", lr=1e-3, batch=64, epochs=25, log="epoch",
            step_axis="epoch", sched=("zero_bug", {"warmup": 60}))),
    B14("t_b14_spikes_seq_long", "cosine", ("single_point_spikes", "per_step"),
        "Tiny transformer on majority-token sequences (vocab 6, length 12, 2000 train), Adam "
        "1e-3 with a cosine to 0, batch 16, 16 epochs (2000 steps) logged every step, val per "
        "epoch; the batches at steps 700, 1300 and 1750 have every label wrong (a corrupted "
        "shard): meant as one-step spikes on a clean run.",
        Cfg(data="seq", model="transformer", opt="adam", lr=1e-3, batch=16, epochs=16,
            sched=("cosine", {}), bad_steps=(700, 1300, 1750))),
]


# -- the blind15 split (eighth session, second block, labelled from the plots only)

def B15(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind15")


SCENARIOS += [
    B15("t_b15_noise_floor_cyclic_bs8", "cyclic", ("noise_floor", "cyclic_wiggles", "per_step"),
        "4-class make_classification (one cluster a class, class_sep 1.5) with 30 % flipped "
        "labels (3200 train), MLP 32, SGD momentum 0.9 under CyclicLR triangular "
        "2e-3..2e-2 (half-cycle 400 steps, four cycles), batch 8, 8 epochs (3200 steps) "
        "logged every step, val per epoch: the per-step loss meant to bounce around the "
        "label-noise floor.",
        Cfg(data="clf", data_kw={"n_train": 3200, "n_val": 1200, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.3, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(32,), lr=0.01, batch=8, epochs=8,
            sched=("cyclic", {"base_lr": 2e-3, "max_lr": 2e-2, "step_size_up": 400}))),
    B15("t_b15_hot_adam_narrow_bs16", "constant", ("per_step",),
        "Digits MLP 24, Adam at a constant 3e-2 (too high), batch 16, 10 epochs (~880 "
        "steps), loss every 2 steps, val per epoch: meant to bounce instead of settling. "
        "The plots show the val loss best at epoch 3, one bad epoch, and then flat about "
        "60 % above its best while the train loss sinks towards 0 (spiking all run), so it "
        "is labelled as that.",
        Cfg(hidden=(24,), opt="adam", lr=3e-2, batch=16, epochs=10, log_every=2)),
    B15("t_b15_linear_clusters_plateau", "constant", ("per_step",),
        "4-class make_classification with three clusters a class (3000 train), a linear "
        "softmax (no hidden layer), SGD momentum 0.9 at a constant 0.05, batch 64, 25 "
        "epochs, loss every 3 steps, val per epoch: meant to stall early far from "
        "converged (a linear model on a problem it cannot separate).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 6, "clusters": 3},
            hidden=(), lr=0.05, batch=64, epochs=25, log_every=3)),
    B15("t_b15_sgdr_spike_conv_epoch", "sgdr", ("restart_wide_spike", "per_epoch"),
        "Digits convnet, Adam under CosineAnnealingWarmRestarts from 2e-2 (T_0 = 5 epochs, "
        "six cycles), batch 64, 30 epochs, epoch means and the LR at the global step: each "
        "restart meant to throw the low loss up for an epoch or two before it recovers.",
        Cfg(model="conv", opt="adam", lr=2e-2, batch=64, epochs=30, log="epoch",
            sched=("sgdr", {"T_0": 110}))),
    B15("t_b15_raise_acc_drop_mlp", "other", ("per_step",),
        "Digits MLP 128-64, SGD 0.01 momentum 0.9 for 12 epochs, then a resume sets the LR "
        "10x higher (0.1) for the last 12, batch 32, 24 epochs, loss and LR every 4 steps, "
        "val per epoch: val accuracy meant to drop after the raise. (First try, 25x to "
        "0.25, collapsed to chance level right after the raise.)",
        Cfg(hidden=(128, 64), lr=0.01, batch=32, epochs=24, log_every=4,
            sched=("bump", {"at_epoch": 12, "mult": 10.0}))),
    B15("t_b15_multistep_converge_early", "multistep", ("per_step",),
        "3-class make_classification (one cluster a class, class_sep 2.0, 3000 train), MLP "
        "64, SGD 0.05 momentum 0.9, MultiStepLR x0.2 at epochs 5 and 15, batch 128, 30 "
        "epochs, loss and LR every step, val per epoch: an easy problem meant to converge "
        "within the first epochs and stay flat.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8, "clusters": 1, "class_sep": 2.0},
            hidden=(64,), lr=0.05, batch=128, epochs=30,
            sched=("multistep", {"milestones": [5, 15], "gamma": 0.2}))),
]


# -- the blind16 split (ninth session, built at its start, labelled from the plots only)

def B16(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind16")


SCENARIOS += [
    B16("t_b16_osc_sgd_hot_mlp_bs16", "constant", ("per_step",),
        "Digits MLP 64, SGD momentum 0.9 at a constant 0.12 (too high for batch 16), batch "
        "16, 15 epochs (~1220 steps), loss and LR every 2 steps, val per epoch: meant to "
        "bounce instead of settling. The plots show the loss growing without bound instead "
        "(no NaN), so it is labelled as that.",
        Cfg(hidden=(64,), lr=0.12, batch=16, epochs=15, log_every=2)),
    B16("t_b16_noise_floor_adam_const_bs16", "constant", ("noise_floor", "per_step"),
        "3-class make_classification (one cluster a class, class_sep 1.5) with 30 % flipped "
        "labels (3000 train), MLP 32, Adam at a constant 1e-3, batch 16, 8 epochs (1500 "
        "steps) logged every step, val per epoch: the per-step loss meant to bounce around "
        "the label-noise floor while the val loss sits flat at its minimum.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.3, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(32,), opt="adam", lr=1e-3, batch=16, epochs=8)),
    B16("t_b16_warmup_nan_regression", "constant_warmup", ("per_step",),
        "make_regression with raw targets around 300 (not standardised), MLP 64-64, SGD "
        "momentum 0.9 with a 200-step linear warmup to a constant 1e-2, batch 32, 15 epochs, "
        "loss and LR every step, val per epoch: meant to blow up to NaN as the warmup "
        "reaches its peak (the run stops at the first NaN). (First try, 1e-3 over 300 "
        "steps, only crawled with one burst.) The plots show no NaN: a burst in the first "
        "steps, then the loss of a constant prediction; labelled as that.",
        Cfg(data="reg", hidden=(64, 64), lr=1e-2, batch=32, epochs=15,
            sched=("warmup_constant", {"warmup": 200}))),
    B16("t_b16_step_cut_early_stall", "step", ("per_step",),
        "Digits MLP 64, SGD 0.01 momentum 0.9 under StepLR x0.05 every 2 epochs (1e-2, "
        "5e-4, 2.5e-5, ...), batch 64, 20 epochs, loss and LR every 2 steps, val per epoch: "
        "the LR cut so hard and so early that learning is meant to stop well above where it "
        "would go.",
        Cfg(hidden=(64,), lr=0.01, batch=64, epochs=20, log_every=2,
            sched=("step", {"step_size": 2, "gamma": 0.05}))),
    B16("t_b16_spikes_corrupt_long", "cosine", ("single_point_spikes", "per_step"),
        "Two-class make_classification (4000 train, class_sep 1.5), MLP 32, SGD 0.03 "
        "momentum 0.9 with a cosine to 0, batch 16, 25 epochs (6250 steps) logged every "
        "step, val per epoch; the batches at steps 1400, 2900, 4100 and 5500 have every "
        "label wrong (a corrupted shard): meant as one-step spikes in a long per-step series.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "class_sep": 1.5},
            hidden=(32,), lr=0.03, batch=16, epochs=25, sched=("cosine", {}),
            bad_steps=(1400, 2900, 4100, 5500))),
    B16("t_b16_onecycle_conv_peak", "onecycle", ("per_step",),
        "Digits convnet, SGD under OneCycleLR to 0.1 (30 % warmup, no momentum cycling, "
        "momentum 0.9), batch 32, 15 epochs, loss and LR every 4 steps, val per epoch: meant "
        "as a standard one-cycle training; the plots show the peak thrown it out (see the "
        "label), so t_b16_onecycle_conv_tuned is the same training at a lower peak.",
        Cfg(model="conv", lr=0.1, batch=32, epochs=15, log_every=4, sched=("onecycle", {}))),
    B16("t_b16_onecycle_conv_tuned", "onecycle", ("per_step",),
        "Digits convnet, SGD under OneCycleLR to 0.02 (30 % warmup, momentum 0.9), batch "
        "32, 15 epochs, loss and LR every 4 steps, val per epoch: a standard one-cycle "
        "training at a sane peak.",
        Cfg(model="conv", lr=0.02, batch=32, epochs=15, log_every=4, sched=("onecycle", {}))),
    B16("t_b16_osc_sgd_mid_mlp_bs16", "constant", ("per_step",),
        "Digits MLP 64, SGD momentum 0.9 at a constant 0.05 (high for batch 16), batch 16, "
        "15 epochs (~1220 steps), loss and LR every 2 steps, val per epoch: meant to bounce "
        "instead of settling (t_b16_osc_sgd_hot_mlp_bs16 at 0.12 blew up instead). The plots "
        "show it settling after a noisy first quarter; labelled as that.",
        Cfg(hidden=(64,), lr=0.05, batch=16, epochs=15, log_every=2)),
    B16("t_b16_osc_adam_narrow_3c", "constant", ("per_step",),
        "3-class make_classification (two clusters a class, 3000 train), MLP 16, Adam at a "
        "constant 8e-2 (too high), batch 32, 12 epochs (~1130 steps) logged every step, val "
        "per epoch: meant to bounce instead of settling.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(16,), opt="adam", lr=0.08, batch=32, epochs=12)),
    B16("t_b16_dead_relu_plateau", "cosine", ("per_step",),
        "Digits MLP 64 whose hidden biases start at -5 (every ReLU dead from the first "
        "step, an initialisation bug), Adam 1e-3 with a cosine to 0, batch 32, 15 epochs, "
        "loss and LR every 2 steps, val per epoch: only the output bias can learn, so the "
        "loss is meant to sit at the class-frequency level for the whole run (not an LR "
        "effect).",
        Cfg(hidden=(64,), model_kw={"dead_bias": -5.0}, opt="adam", lr=1e-3, batch=32,
            epochs=15, log_every=2, sched=("cosine", {}))),
]


# -- the blind17 split (ninth session, built by a helper from the plots only)

def B17(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind17")


SCENARIOS += [
    B17("t_b17_long_noisy_linear_multistep", "multistep",
        ("long_noisy", "noise_floor", "per_step"),
        "3-class make_classification (one cluster a class, class_sep 1.5) with 25 % flipped "
        "labels (4000 train), a linear softmax model, SGD 5e-2 momentum 0.9 under "
        "MultiStepLR x0.3 at epochs 20 and 32, batch 8, 42 epochs (21000 steps) logged "
        "every step, val per epoch: a long, cheap, noisy per-step run at its noise floor.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 6, "flip_y": 0.25, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(), lr=0.05, batch=8, epochs=42,
            sched=("multistep", {"milestones": [20, 32], "gamma": 0.3}))),
    B17("t_b17_rlrop_regression_epoch", "plateau", ("per_epoch",),
        "make_regression (10 features, targets scaled to ~unit size), MLP 64-64, Adam 3e-3 "
        "with ReduceLROnPlateau(val loss, x0.3, patience 2), batch 32, 40 epochs, epoch "
        "means and the LR at the epoch index: a standard plateau schedule on a regression.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(64, 64), opt="adam",
            lr=3e-3, batch=32, epochs=40, log="epoch", step_axis="epoch",
            sched=("plateau", {"factor": 0.3, "patience": 2}))),
    B17("t_b17_onecycle_collapse_5c", "onecycle", ("collapse_no_nan", "per_step"),
        "5-class make_classification (2500 train), MLP 128-64, SGD momentum 0.9 under "
        "OneCycleLR to 1.5 (far too high a peak, 40 % warmup), batch 32, 20 epochs, loss and "
        "LR every 2 steps, val per epoch: meant to learn while the LR is low and be thrown "
        "to chance level near the peak without a NaN, never to recover.",
        Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 8},
            hidden=(128, 64), lr=1.5, batch=32, epochs=20, log_every=2,
            sched=("onecycle", {"pct_start": 0.4}))),
    B17("t_b17_osc_sgd_conv_hot", "constant", ("per_step",),
        "Digits convnet, SGD momentum 0.9 at a constant 0.15 (too high), batch 64, 20 "
        "epochs, loss and LR every 2 steps, val per epoch: meant to bounce instead of "
        "settling. The plots show it learning for three epochs and then getting steadily "
        "worse to near chance (no NaN); labelled as that, and t_b17_osc_sgd_conv_mid is the "
        "same training at 0.1.",
        Cfg(model="conv", lr=0.15, batch=64, epochs=20, log_every=2)),
    B17("t_b17_osc_sgd_conv_mid", "constant", ("per_step",),
        "Digits convnet, SGD momentum 0.9 at a constant 0.1 (high), batch 64, 20 epochs, "
        "loss and LR every 2 steps, val per epoch: meant to bounce instead of settling.",
        Cfg(model="conv", lr=0.1, batch=64, epochs=20, log_every=2)),
    B17("t_b17_raise_groups_acc_drop_4c", "other", ("param_groups", "per_step"),
        "4-class make_classification (3000 train), MLP 64-64, Adam with two param groups "
        "(first layers x0.3, last x1 of 2e-3, logged lr_0/lr_1); from epoch 10 of 20 a bad "
        "resume sets both 50x higher, batch 32, loss and LRs every 2 steps, val per epoch: "
        "val accuracy meant to drop after the raise and not come back. (First try, 25x, "
        "only bumped and then ended better than before the raise; 100x threw it to chance.)",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=2e-3, groups=(0.3, 1.0), batch=32, epochs=20,
            log_every=2, tags=PG, sched=("bump", {"at_epoch": 10, "mult": 50.0}))),
]


# -- the blind18 split (tenth session, built by a helper from the plots only)

def B18(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind18")


SCENARIOS += [
    B18("t_b18_capacity_linear_8c", "cosine", ("per_step",),
        "8-class make_classification with three clusters a class (4000 train), a linear "
        "softmax model (too little capacity), Adam 5e-3 with a cosine to 0, batch 64, 25 "
        "epochs, loss and LR every 2 steps, val per epoch: meant to stall early at a high "
        "loss and only creep for the rest of the run.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 8,
                                 "n_informative": 8, "clusters": 3},
            hidden=(), opt="adam", lr=5e-3, batch=64, epochs=25, log_every=2,
            sched=("cosine", {}))),
    B18("t_b18_slow_clear_fall_10c", "cosine", ("per_step",),
        "10-class make_classification with two clusters a class (10000 train), MLP 64, "
        "SGD 1e-2 momentum 0.9 with a cosine to 0, batch 64, 30 epochs, loss and LR every "
        "8 steps, val per epoch: a hard problem whose loss is meant to keep falling slowly "
        "but clearly to the end. (First try, 5000 rows and an MLP 128-128 at 2e-2, had its "
        "val loss flat for the second half while the train loss kept falling.)",
        Cfg(data="clf", data_kw={"n_train": 10000, "n_val": 1000, "n_classes": 10,
                                 "n_informative": 10, "clusters": 2},
            hidden=(64,), lr=0.01, batch=64, epochs=30, log_every=8,
            sched=("cosine", {}))),
    B18("t_b18_dead_relu_step_epoch", "step", ("per_epoch",),
        "4-class make_classification (3000 train), MLP 128-64 whose hidden biases start at "
        "-4 (every ReLU dead from the first step, an initialisation bug), SGD 5e-2 momentum "
        "0.9 under StepLR x0.5 every 10 epochs, batch 32, 30 epochs, epoch means at the "
        "global step: only the output bias can learn, so the loss is meant to sit at the "
        "class-frequency level whatever the LR.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(128, 64), model_kw={"dead_bias": -4.0}, lr=0.05, batch=32, epochs=30,
            log="epoch", sched=("step", {"step_size": 10, "gamma": 0.5}))),
    B18("t_b18_multistep_cut_early_conv", "multistep", ("per_step",),
        "Digits convnet, SGD 5e-2 momentum 0.9 under MultiStepLR x0.05 at epochs 1 and 2 "
        "(2.5e-3, then 1.25e-4 from 8 % of the run), batch 64, 25 epochs, loss and LR every "
        "2 steps, val per epoch: the milestones were meant as epochs 10 and 20; learning is "
        "meant to nearly stop after the second cut, far above where it would go.",
        Cfg(model="conv", lr=0.05, batch=64, epochs=25, log_every=2,
            sched=("multistep", {"milestones": [1, 2], "gamma": 0.05}))),
    B18("t_b18_multistep_late_helps_conv", "multistep", ("per_epoch",),
        "Digits convnet, SGD 2e-2 momentum 0.9 under MultiStepLR x0.1 at epochs 12 and 19, "
        "batch 64, 25 epochs, epoch means at the global step: a standard multistep schedule "
        "whose cuts come late and each help a little.",
        Cfg(model="conv", lr=0.02, batch=64, epochs=25, log="epoch",
            sched=("multistep", {"milestones": [12, 19], "gamma": 0.1}))),
    B18("t_b18_warmup_hot_degraded", "constant_warmup", ("per_step",),
        "Digits MLP 64-64, Adam with a 150-step linear warmup to a constant 2e-2 (too "
        "high), batch 32, 20 epochs, loss and LR every 2 steps, val per epoch: meant to learn "
        "during the warmup and then be held well above its best loss (but far below chance) "
        "for the rest of the run.",
        Cfg(hidden=(64, 64), opt="adam", lr=2e-2, batch=32, epochs=20, log_every=2,
            sched=("warmup_constant", {"warmup": 150}))),
]


# -- the blind19 split (tenth session, built by a helper from the plots only, after blind18)

def B19(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind19")


SCENARIOS += [
    B19("t_b19_wd_heavy_digits_sgd", "constant", ("per_step",),
        "Digits MLP 32, SGD 5e-2 momentum 0.9 at a constant LR with weight decay 0.1 (far "
        "too much: meant 1e-4), batch 48, 25 epochs, loss and LR every 3 steps, val per "
        "epoch: the regularisation is meant to hold the loss at a high level after a quick "
        "first fall, both train and val nearly flat for the rest of the run.",
        Cfg(hidden=(32,), lr=0.05, wd=0.1, batch=48, epochs=25, log_every=3)),
    B19("t_b19_step_cut_early_5c_adam", "step", ("per_step",),
        "5-class make_classification (3000 train), MLP 128, Adam 3e-3 under StepLR x0.03 "
        "every 2 epochs of 30 (the step size was meant as 20): the first cut comes at 7 % of "
        "the run and the LR is ~1e-7 by 20 %, batch 64, loss and LR every 3 steps, val per "
        "epoch: learning meant to nearly stop after the first cut, far above where it would "
        "go.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(128,), opt="adam", lr=3e-3, batch=64, epochs=30, log_every=3,
            sched=("step", {"step_size": 2, "gamma": 0.03}))),
    B19("t_b19_step_late_reg_epoch", "step", ("per_epoch",),
        "make_regression (targets scaled to ~unit size), MLP 64-64, SGD 1e-2 momentum 0.9 "
        "under StepLR x0.2 every 12 epochs of 36, batch 32, epoch means and the LR at the "
        "epoch index, val per epoch, no accuracy: a standard step schedule whose cuts come "
        "late and each help a little.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(64, 64), lr=0.01,
            batch=32, epochs=36, log="epoch", step_axis="epoch",
            sched=("step", {"step_size": 12, "gamma": 0.2}))),
    B19("t_b19_reg_raise_100x_adamw", "other", ("per_step",),
        "make_regression (targets scaled to ~unit size), MLP 128, AdamW 1e-3; from epoch 8 "
        "of 20 a bad resume sets the LR 100x higher (0.1), batch 16, loss and LR every 4 "
        "steps, val per epoch, no accuracy: the MSE meant to be thrown far up by the raise "
        "and to stay well above its best. The plots show it thrown three decades up and "
        "coming back to near its old level within six epochs; labelled as that.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(128,), opt="adamw",
            lr=1e-3, batch=16, epochs=20, log_every=4,
            sched=("bump", {"at_epoch": 8, "mult": 100.0}))),
    B19("t_b19_long_mlp16_exp_bs4", "exponential", ("long_noisy", "per_step"),
        "4-class make_classification (1600 train, 5 % flipped labels), MLP 16, Adam 1e-3 "
        "under ExponentialLR x0.95 per epoch, batch 4, 55 epochs (22000 steps) logged every "
        "step, val per epoch: a long, cheap, noisy per-step run that converges.",
        Cfg(data="clf", data_kw={"n_train": 1600, "n_val": 800, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.05},
            hidden=(16,), opt="adam", lr=1e-3, batch=4, epochs=55,
            sched=("exponential", {"gamma": 0.95}))),
    B19("t_b19_dead_relu_onecycle_3c", "onecycle", ("per_step",),
        "3-class make_classification (2000 train), MLP 64-64 whose hidden biases start at "
        "-6 (every ReLU dead from the first step, an initialisation bug), Adam under "
        "OneCycleLR to 1e-2, batch 32, 20 epochs, loss and LR every 3 steps, val per epoch: "
        "only the output bias can learn, so the loss is meant to sit at the class-frequency "
        "level whatever the LR does.",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), model_kw={"dead_bias": -6.0}, opt="adam", lr=1e-2, batch=32,
            epochs=20, log_every=3, sched=("onecycle", {}))),
]


# -- the blind20 split (eleventh session, built by a helper from the plots only, at its start)

def B20(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind20")


SCENARIOS += [
    B20("t_b20_capacity_mlp3_6c_adamw", "exponential", ("per_step",),
        "6-class make_classification with two clusters a class (4000 train), MLP with 3 "
        "hidden units (far too small) and AdamW weight decay 0.05, 1e-2 under ExponentialLR "
        "x0.97 per epoch, batch 128, 30 epochs, loss and LR every 4 steps, val per epoch: "
        "meant to stall early at a high loss and only creep for the rest of the run.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10, "clusters": 2},
            hidden=(3,), opt="adamw", lr=1e-2, wd=0.05, batch=128, epochs=30, log_every=4,
            sched=("exponential", {"gamma": 0.97}))),
    B20("t_b20_seq_multistep_cut_early", "multistep", ("per_step",),
        "Tiny transformer encoder on synthetic token sequences (2000 train), Adam 2e-3 under "
        "MultiStepLR x0.03 at epochs 2 and 3 of 30 (the milestones were meant as 20 and 27: "
        "cuts at 7 % and 10 %), batch 64, loss and LR every 2 steps, val per epoch: learning "
        "meant to nearly stop after the cuts, far above where it would go.",
        Cfg(data="seq", data_kw={"n_train": 2000, "n_val": 500}, model="transformer",
            opt="adam", lr=2e-3, batch=64, epochs=30, log_every=2,
            sched=("multistep", {"milestones": [2, 3], "gamma": 0.03}))),
    B20("t_b20_conv_onecycle_groups3", "onecycle", ("param_groups", "per_step"),
        "Digits convnet, SGD momentum 0.9 with three param groups (x0.2, x0.5, x1 of 5e-2, "
        "logged lr_0..lr_2) under OneCycleLR (25 % up), batch 32, 12 epochs, loss and LRs "
        "every 3 steps, val per epoch: a standard one-cycle run with layer-wise LRs.",
        Cfg(model="conv", lr=0.05, groups=(0.2, 0.5, 1.0), batch=32, epochs=12, log_every=3,
            tags=PG, sched=("onecycle", {"pct_start": 0.25}))),
    B20("t_b20_reg_cyclic_hot_clip", "cyclic", ("per_step",),
        "make_regression (targets scaled to ~unit size), MLP 64-64, SGD momentum 0.9 with "
        "gradient clipping at norm 5 under a triangular CyclicLR 1e-3 <-> 0.3 (far too high "
        "a peak; half-cycle 3 epochs), batch 32, 24 epochs, loss and LR every 3 steps, val "
        "MSE per epoch, no accuracy: the MSE meant to be thrown far up near every LR peak.",
        Cfg(data="reg", data_kw={"scale": 0.01, "offset": 0.0}, hidden=(64, 64), lr=1e-3,
            batch=32, epochs=24, log_every=3, clip=5.0,
            sched=("cyclic", {"base_lr": 1e-3, "max_lr": 0.3, "step_size_up": 96}))),
    B20("t_b20_too_low_7c_plain_sgd_cosine", "cosine", ("per_step",),
        "7-class make_classification (3000 train), MLP 128-128, plain SGD (no momentum) at "
        "2e-3 with a cosine to 0 (meant 2e-1), batch 16, 12 epochs, loss and LR every 5 "
        "steps, val per epoch: meant to be slow from its very first step. (First try, at "
        "3e-4, moved the val loss by 0.009 in 12 epochs, indistinguishable from chance.)",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 7,
                                 "n_informative": 10},
            hidden=(128, 128), lr=2e-3, momentum=0.0, batch=16, epochs=12, log_every=5,
            sched=("cosine", {}))),
    B20("t_b20_slow_fall_8c_sgd_linear", "linear", ("per_step",),
        "8-class make_classification with two clusters a class (8000 train), MLP 48, SGD "
        "5e-3 momentum 0.9 with a 100-step warmup and a linear decay to 0, batch 32, 20 "
        "epochs, loss and LR every 10 steps, val per epoch: a hard problem whose loss is "
        "meant to keep falling slowly but clearly to the end.",
        Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 1000, "n_classes": 8,
                                 "n_informative": 10, "clusters": 2},
            hidden=(48,), lr=5e-3, batch=32, epochs=20, log_every=10,
            sched=("linear", {"warmup": 100}))),
    B20("t_b20_long_3c_adam_cosine_spikes", "cosine", ("long_noisy", "single_point_spikes",
                                                        "per_step"),
        "3-class make_classification (4000 train, well separated), MLP 16, Adam 1e-3 with a "
        "cosine to 0, batch 16, 80 epochs (20000 steps) logged every step, val per epoch; "
        "three batches (steps 6000, 13000 and 17500) have their labels scrambled: one-step "
        "spikes in a long per-step series.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8, "class_sep": 2.0},
            hidden=(16,), opt="adam", lr=1e-3, batch=16, epochs=80,
            bad_steps=(6000, 13000, 17500), sched=("cosine", {}))),
]


# -- the blind21 split (thirteenth session, built by a helper from the plots only, at its start)

def B21(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind21")


SCENARIOS += [
    B21("t_b21_digits_steplr_cut_at_2of30", "step", ("per_step",),
        "Digits MLP 128, SGD 0.05 momentum 0.9 under StepLR x0.01 every 2 epochs (step_size "
        "meant 20), batch 64, 30 epochs, loss and LR every 4 steps, val per epoch: the LR is "
        "cut to 5e-4 at 7 % of the run and again soon after, so learning is meant to stop early.",
        Cfg(hidden=(128,), lr=0.05, batch=64, epochs=30, log_every=4,
            sched=("step", {"step_size": 2, "gamma": 0.01}))),
    B21("t_b21_clf5_adam_multistep_late_cuts", "multistep", ("per_step",),
        "5-class make_classification (4000 train), MLP 64-32, Adam 3e-3 under MultiStepLR x0.2 "
        "at epochs 15 and 22 of 30, batch 128, loss and LR every 4 steps, val per epoch: a "
        "healthy step schedule whose late cuts each help a little.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64, 32), opt="adam", lr=3e-3, batch=128, epochs=30, log_every=4,
            sched=("multistep", {"milestones": [15, 22], "gamma": 0.2}))),
    B21("t_b21_digits_adam_const_hot_b32", "constant", ("per_step",),
        "Digits MLP 256, Adam at a constant 2e-2 (about 20x too high), batch 32, 20 epochs, "
        "loss and LR every 5 steps, val per epoch: meant to oscillate (val loss jumping up and "
        "down) without diverging.",
        Cfg(hidden=(256,), opt="adam", lr=2e-2, batch=32, epochs=20, log_every=5)),
    B21("t_b21_clf4_sgd_const_healthy_tiny", "constant", ("per_step", "tiny"),
        "4-class make_classification (3000 train), MLP 32, SGD 0.05 momentum 0.9 at a constant "
        "LR, batch 32, 4 epochs, loss and LR every step, val per epoch: a tiny healthy run with "
        "per-step noise and a steadily falling val loss.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(32,), lr=0.05, batch=32, epochs=4, log_every=1)),
]


# -- the blind22 split (fourteenth session, built by a helper from the plots only, at its start)

def _b22_bandit(run_dir, seed, *, updates=3000, lr=1e-3, batch=64, arms=4, dim=8,
                every=2):
    """A contextual bandit trained with a policy gradient and a learned baseline: contexts x
    in R^dim, arm a pays w_a . x + N(0, 0.5^2); a softmax policy and a value head V(x)
    (regression on the rewards the policy collects, a moving target). CleanRL-style tags,
    Adam at a constant LR, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    Wa = torch.from_numpy(rng.randn(arms, dim).astype("float32")) / np.sqrt(dim)
    pol = nn.Sequential(nn.Linear(dim, 32), nn.Tanh(), nn.Linear(32, arms))
    val = nn.Sequential(nn.Linear(dim, 32), nn.Tanh(), nn.Linear(32, 1))
    opt = torch.optim.Adam(list(pol.parameters()) + list(val.parameters()), lr=lr)
    log = common.TorchLogger(run_dir)
    t0, vls, rets = time.time(), [], []
    for u in range(updates):
        x = torch.from_numpy(rng.randn(batch, dim).astype("float32"))
        dist = torch.distributions.Categorical(logits=pol(x))
        a = dist.sample()
        r = (x * Wa[a]).sum(1) + 0.5 * torch.from_numpy(rng.randn(batch).astype("float32"))
        v = val(x).squeeze(1)
        adv = (r - v).detach()
        pl = -(dist.log_prob(a) * adv).mean()
        vl = ((r - v) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pl + 0.5 * vl - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        if u % every == 0:
            s = u * batch
            log.scalar("losses/policy_loss", float(pl.detach()), s)
            log.scalar("losses/value_loss", float(vl.detach()), s)
            log.scalar("losses/entropy", float(ent.detach()), s)
            log.scalar("charts/episodic_return", float(r.mean()), s)
            log.scalar("charts/learning_rate", opt.param_groups[0]["lr"], s)
            vls.append(float(vl.detach()))
            rets.append(float(r.mean()))
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True, "value_loss": vls[::50], "return": rets[::50]}


def _b22_resumed(run_dir, seed, *, lr=0.05, epochs=20, crash_after=12, resume_from=8,
                 batch=64, every=2):
    """Digits MLP 64, SGD momentum 0.9 under a cosine over the whole run; the job dies at
    the end of epoch ``crash_after`` and is resumed from the checkpoint of epoch
    ``resume_from`` (model, optimizer, scheduler), with a new SummaryWriter in the same
    folder: the steps of the lost epochs are written a second time."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    Xtr, ytr, Xva, yva, _ = common.load_data("digits", seed)
    model = common.build_model("mlp", Xtr.shape[1], 10, (64,))
    o = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    spe = int(math.ceil(len(Xtr) / batch))
    sch = torch.optim.lr_scheduler.CosineAnnealingLR(o, spe * epochs)
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            o.zero_grad()
            loss.backward()
            if step % every == 0:
                log.scalar("train/loss", float(loss.detach()), step)
                log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
            sch.step()
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, (ep + 1) * spe)
        log.scalar("val/acc", acc, (ep + 1) * spe)
        va.append(vl)
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict(), sch.state_dict()))
        if ep == crash_after and not resumed:  # the job dies; restart from the checkpoint
            log.close()
            time.sleep(1.1)  # a new event file name (its timestamp)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            sch.load_state_dict(ckpt[2])
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def B22(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind22")


def B22X(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), held_out="blind22")


def _b22_kw(fn, **kw):
    def train(run_dir, seed):
        return fn(run_dir, seed, **kw)
    return train


SCENARIOS += [
    B22X("t_b22_bandit_pg_value_const", "constant", ("rl_like", "per_step"),
         "A contextual bandit (4 arms, 8-dim contexts, rewards linear in the context plus "
         "N(0, 0.25) noise) trained by a policy gradient with a learned value baseline, Adam at "
         "a constant 1e-3, 3000 updates of 64 contexts, CleanRL tags every 2 updates, no "
         "validation: the value loss regresses on a moving target and the policy loss sits "
         "around 0 -- losses not meant to fall, while the mean reward climbs.",
         _b22_kw(_b22_bandit)),
    B22X("t_b22_digits_cosine_resumed", "cosine", ("per_step",),
         "Digits MLP 64, SGD 0.05 momentum 0.9, cosine over 20 epochs, batch 64, loss and LR "
         "every 2 steps, val per epoch; the job dies after epoch 12 and is resumed from the "
         "epoch-8 checkpoint, so epochs 9-12 are logged twice (steps go backwards once): a "
         "healthy run with a restart in its logs.",
         _b22_kw(_b22_resumed)),
    B22("t_b22_long_clf4_sgd_multistep", "multistep", ("long_noisy", "per_step"),
        "4-class make_classification (4000 train, 5 % flipped labels), MLP 32, SGD 0.02 "
        "momentum 0.9 under MultiStepLR x0.3 at epochs 20 and 32 of 42, batch 8 (500 steps an "
        "epoch, 21000 steps), loss and LR every step, val per epoch: a long healthy per-step "
        "run, noisy batches around a falling trend.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.05},
            hidden=(32,), lr=0.02, batch=8, epochs=42, log_every=1,
            sched=("multistep", {"milestones": [20, 32], "gamma": 0.3}))),
    B22("t_b22_range_digits_sgd_5dec", "range_test", ("range_test", "per_step"),
        "LR range test: digits MLP 128, SGD momentum 0.9, the LR swept exponentially from 1e-5 "
        "to 3 over 264 steps (5.5 decades, 3 epochs of batch 16), loss and LR every step, no "
        "validation: the loss should fall in the middle of the sweep and blow up at the top.",
        Cfg(hidden=(128,), lr=1.0, batch=16, epochs=3, log_every=1, val=False,
            sched=("range", {"lo": 1e-5, "hi": 3.0, "steps": 264}))),
    B22("t_b22_clf3_adam_warm_decay_collapse", "linear", ("collapse_no_nan", "per_step"),
        "3-class make_classification (3000 train), MLP 64-64, Adam warmed up linearly over 30 "
        "% of the run to 0.2 and decayed linearly to 0, batch 32, 15 epochs, loss and LR every "
        "3 steps, val per epoch: learns while the LR is low, meant to collapse to chance (ln 3) "
        "near the peak and stay there while the LR decays.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=0.2, batch=32, epochs=15, log_every=3,
            sched=("linear", {"warmup": 422}))),
    B22("t_b22_clf6_bottleneck1_adam_epoch", "cosine", ("per_epoch",),
        "6-class make_classification (3000 train, 10 informative features), an MLP whose "
        "hidden layer has a single unit (far too small), Adam 3e-3 under a cosine to 0, batch "
        "64, 20 epochs, epoch means of the train loss at the epoch index, val per epoch: meant "
        "to stall early at a high loss and only creep after that.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(1,), opt="adam", lr=3e-3, batch=64, epochs=20, log="epoch",
            step_axis="epoch", sched=("cosine", {}))),
]


# -- the blind23 split (fourteenth session, built by a helper from the plots only, after blind22
# had been scored once and its misses read)

def _b23_qchain(run_dir, seed, *, updates=4000, lr=1e-3, batch=64, states=12, gamma=0.95,
                target_every=250, every=2):
    """Fitted Q-learning on a synthetic chain MDP (``states`` states in a row, actions left /
    right, reward 1 for reaching the right end, 5 % of moves slip the other way): uniformly
    sampled transitions from a synthetic replay, a Q-net regressed on r + gamma max Q_target(s')
    with a target net copied every ``target_every`` updates (the regression target moves);
    the LR annealed linearly to 0 (CleanRL's anneal_lr); CleanRL tags, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    eye = torch.eye(states)

    def feats(s):
        return eye[s] + 0.05 * torch.from_numpy(rng.randn(len(s), states).astype("float32"))

    q = nn.Sequential(nn.Linear(states, 64), nn.ReLU(), nn.Linear(64, 2))
    tq = nn.Sequential(nn.Linear(states, 64), nn.ReLU(), nn.Linear(64, 2))
    tq.load_state_dict(q.state_dict())
    opt = torch.optim.Adam(q.parameters(), lr=lr)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda u: 1.0 - u / updates)
    log = common.TorchLogger(run_dir)
    t0, tds, rets = time.time(), [], []
    for u in range(updates):
        s = rng.randint(0, states - 1, batch)
        a = rng.randint(0, 2, batch)
        move = np.where(a == 1, 1, -1) * np.where(rng.rand(batch) < 0.05, -1, 1)
        s2 = np.clip(s + move, 0, states - 1)
        r = (s2 == states - 1).astype("float32")
        done = torch.from_numpy(r)
        with torch.no_grad():
            tgt = torch.from_numpy(r) + gamma * (1 - done) * tq(feats(s2)).max(1).values
        qsa = q(feats(s)).gather(1, torch.from_numpy(a).long()[:, None]).squeeze(1)
        loss = ((qsa - tgt) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sch.step()
        if (u + 1) % target_every == 0:
            tq.load_state_dict(q.state_dict())
        if u % every == 0:
            with torch.no_grad():
                greedy = q(eye).argmax(1).numpy()
            pos, ret = 0, 0.0
            for t in range(3 * states):
                pos = min(states - 1, pos + 1) if greedy[pos] == 1 else max(0, pos - 1)
                if pos == states - 1:
                    ret = gamma ** t
                    break
            st = u * batch
            log.scalar("losses/td_loss", float(loss.detach()), st)
            log.scalar("losses/q_values", float(qsa.detach().mean()), st)
            log.scalar("charts/episodic_return", ret, st)
            log.scalar("charts/learning_rate", opt.param_groups[0]["lr"], st)
            tds.append(float(loss.detach()))
            rets.append(ret)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True, "td_loss": tds[::100], "return": rets[::100]}


def B23(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind23")


def B23X(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), held_out="blind23")


SCENARIOS += [
    B23X("t_b23_qchain_target_net_anneal", "linear", ("rl_like", "per_step"),
         "Fitted Q-learning on a synthetic 12-state chain MDP (reward 1 at the right end, 5 % "
         "slips), a Q-net 64 regressed on r + 0.95 max Q_target(s') with a target net copied "
         "every 250 updates, Adam 1e-3 annealed linearly to 0, 4000 updates of 64 sampled "
         "transitions, CleanRL tags every 2 updates, no validation: the TD loss chases a "
         "target that moves at every copy (not meant to fall to a floor) while the greedy "
         "return climbs.",
         _b22_kw(_b23_qchain)),
    B23("t_b23_long_reg_bs4_adam_linear", "linear", ("long_noisy", "per_step"),
        "make_regression (1000 train, targets offset by 300, noise 10), MLP 64, Adam 1e-3 "
        "decayed linearly to 0, batch 4 (250 steps an epoch), 84 epochs = 21000 steps, MSE "
        "and LR every step, val MSE per epoch, no accuracy: a long healthy per-step run on a "
        "loss in the thousands.",
        Cfg(data="reg", hidden=(64,), opt="adam", lr=1e-3, batch=4, epochs=84, log_every=1,
            acc=False, sched=("linear", {}))),
    B23("t_b23_linear_model_clf4_clusters3", "cosine", ("per_step",),
        "4-class make_classification (3000 train, 3 clusters per class, 10 informative "
        "features), a plain linear model (no hidden layer: far too simple for the clusters), "
        "Adam 1e-2 under a cosine to 0, batch 32, 20 epochs, loss and LR every 4 steps, val "
        "per epoch: meant to stall early at a high loss and only creep (a capacity plateau).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 10, "clusters": 3},
            hidden=(), opt="adam", lr=1e-2, batch=32, epochs=20, log_every=4,
            sched=("cosine", {}))),
    B23("t_b23_noise_floor_binary_flip30_step", "step", ("noise_floor", "per_step"),
        "Two-class make_classification (3000 train) with 30 % of all labels replaced at "
        "random (flip_y, val too), MLP 64, SGD 0.05 momentum 0.9 under StepLR x0.3 every 6 "
        "epochs of 18, batch 32, loss and LR every 3 steps, val per epoch: meant to reach the "
        "label-noise floor early and sit there, val flat at its minimum (healthy).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 2,
                                 "n_informative": 8, "flip_y": 0.3},
            hidden=(64,), lr=0.05, batch=32, epochs=18, log_every=3,
            sched=("step", {"step_size": 6, "gamma": 0.3}))),
    B23("t_b23_range_clf3_adam_6dec", "range_test", ("range_test", "per_step"),
        "LR range test with Adam: 3-class make_classification (3000 train), MLP 64-64, the LR "
        "swept exponentially from 1e-6 to 3 over 282 steps (6.5 decades, 3 epochs of batch "
        "32), loss and LR every step, no validation: the loss should fall in the middle of "
        "the sweep and blow up at the top.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 64), opt="adam", lr=1.0, batch=32, epochs=3, log_every=1, val=False,
            sched=("range", {"lo": 1e-6, "hi": 3.0, "steps": 282}))),
    B23("t_b23_onecycle_groups_digits_healthy", "onecycle", ("param_groups", "per_step"),
        "Digits MLP 128-64, SGD momentum 0.9 in two param groups (first layers x0.2, head x1) "
        "under OneCycleLR to 0.1 (30 % up, cosine down), batch 32, 12 epochs, loss and both "
        "LRs (lr_0, lr_1) every 3 steps, val per epoch: a healthy one-cycle run.",
        Cfg(hidden=(128, 64), lr=0.1, groups=(0.2, 1.0), batch=32, epochs=12, log_every=3,
            sched=("onecycle", {}), tags=dict(PG))),
]


# -- the blind24 split (fourteenth session, built by a helper from the plots only, after blind23
# had been scored once and its misses read)

def _b24_drift_bandit(run_dir, seed, *, updates=3000, lr=3e-3, batch=64, arms=5, dim=6,
                      drift=0.01, every=2):
    """A non-stationary contextual bandit: arm rewards linear in a context whose weights
    random-walk (``drift`` per update), a softmax policy trained by REINFORCE with a learned
    baseline (a value head regressed on the rewards it sees: a moving target), Adam under a
    cosine to 10 %; CleanRL-like tags every ``every`` updates, no validation."""
    import math
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    Wt = rng.randn(arms, dim).astype("float32")
    body = nn.Sequential(nn.Linear(dim, 32), nn.Tanh())
    pi, vh = nn.Linear(32, arms), nn.Linear(32, 1)
    params = list(body.parameters()) + list(pi.parameters()) + list(vh.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    sch = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda u: 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * u / updates)))
    log = common.TorchLogger(run_dir)
    t0, rews = time.time(), []
    for u in range(updates):
        Wt += drift * rng.randn(arms, dim).astype("float32")
        x = rng.randn(batch, dim).astype("float32")
        h = body(torch.from_numpy(x))
        logits = pi(h)
        dist = torch.distributions.Categorical(logits=logits)
        a = dist.sample()
        mean_r = (x @ Wt.T)[np.arange(batch), a.numpy()]
        r = torch.from_numpy((mean_r + rng.randn(batch)).astype("float32"))
        v = vh(h).squeeze(1)
        adv = (r - v).detach()
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        sch.step()
        if u % every == 0:
            st = u * batch
            log.scalar("losses/policy_loss", float(pg.detach()), st)
            log.scalar("losses/value_loss", float(vloss.detach()), st)
            log.scalar("losses/entropy", float(ent.detach()), st)
            log.scalar("charts/mean_reward", float(r.mean()), st)
            log.scalar("charts/learning_rate", opt.param_groups[0]["lr"], st)
            rews.append(float(r.mean()))
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True, "reward": rews[::100]}


def _b24_resumed_fresh_sched(run_dir, seed, *, lr=3e-3, epochs=24, crash_after=14,
                             resume_from=10, batch=32, every=3):
    """4-class make_classification, MLP 64, Adam under StepLR x0.3 every 6 epochs; the job
    dies after epoch ``crash_after`` and is resumed from the epoch-``resume_from`` checkpoint
    of the model and optimizer only -- the scheduler is rebuilt fresh, so the LR jumps back to
    its starting value at the resume and the steps go backwards (a second event file)."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    Xtr, ytr, Xva, yva, _ = common.load_data("clf", seed, n_train=3000, n_val=1000,
                                             n_classes=4, n_informative=8)
    model = common.build_model("mlp", Xtr.shape[1], 4, (64,))
    o = torch.optim.Adam(model.parameters(), lr=lr)
    spe = int(math.ceil(len(Xtr) / batch))

    def new_sched(start_epoch):
        # a fresh StepLR counting epochs from the resume (the bug), LR back at ``lr``
        for g in o.param_groups:
            g["lr"] = lr
        return torch.optim.lr_scheduler.StepLR(o, 6, 0.3)
    sch = new_sched(0)
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            o.zero_grad()
            loss.backward()
            if step % every == 0:
                log.scalar("train/loss", float(loss.detach()), step)
                log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
        sch.step()
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, (ep + 1) * spe)
        log.scalar("val/acc", acc, (ep + 1) * spe)
        va.append(vl)
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict()))
        if ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            sch = new_sched(resume_from)
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def B24(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind24")


def B24X(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), held_out="blind24")


_B24_LONG = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "flip_y": 0.03}

SCENARIOS += [
    B24X("t_b24_drift_bandit_reinforce_cosine", "cosine", ("rl_like", "per_step"),
         "A non-stationary contextual bandit (5 arms, 6-dim contexts, arm weights random-"
         "walking every update), a softmax policy trained by REINFORCE with a learned value "
         "baseline (Tanh 32 body), Adam 3e-3 under a cosine to 3e-4, 3000 updates of 64, "
         "policy/value/entropy losses and the LR every 2 updates, no validation: the value "
         "loss chases a moving reward, the policy loss sits around 0 (not meant to fall).",
         _b22_kw(_b24_drift_bandit)),
    B24X("t_b24_resumed_clf4_adam_sched_reset", "step", ("per_step",),
         "4-class make_classification (3000 train), MLP 64, Adam 3e-3 under StepLR x0.3 every "
         "6 epochs, batch 32, 24 epochs, loss and LR every 3 steps, val per epoch; the job "
         "dies after epoch 14 and is resumed from the epoch-10 checkpoint with a fresh "
         "scheduler: a second event file, the steps go back 4 epochs and the LR jumps back "
         "to 3e-3 at the resume.",
         _b22_kw(_b24_resumed_fresh_sched)),
    B24("t_b24_clf5_sgd_wd005_cosine_capacity", "cosine", ("per_step",),
        "5-class make_classification (3000 train), MLP 64, SGD 0.05 momentum 0.9 with "
        "weight_decay 0.05 (meant 5e-4) under a cosine to 0, batch 32, 16 epochs, loss and LR "
        "every 3 steps, val per epoch: the decay pins the weights, meant to stall early at a "
        "high loss and only creep (a capacity plateau made by regularisation; a first try "
        "with 0.3 never left chance and was discarded).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64,), lr=0.05, wd=0.05, batch=32, epochs=16, log_every=3,
            sched=("cosine", {}))),
    B24("t_b24_range_reg_sgd_6dec", "range_test", ("range_test", "per_step"),
        "LR range test on a regression: make_regression (1000 train, targets offset by 300, "
        "noise 10), MLP 64, SGD momentum 0.9, the LR swept exponentially from 1e-8 to 3e-2 "
        "over 160 steps (6.5 decades, 10 epochs of batch 64), MSE and LR every step, no "
        "validation and no accuracy: the MSE should fall in the middle and blow up at the top "
        "(a first try to 1e-3 only began to fall at its very end).",
        Cfg(data="reg", hidden=(64,), lr=1e-3, batch=64, epochs=10, log_every=1, val=False,
            acc=False, sched=("range", {"lo": 1e-8, "hi": 3e-2, "steps": 160}))),
    B24("t_b24_long_clf3_bs4_sgd_const_every1", "constant", ("long_noisy", "per_step"),
        "3-class make_classification (2000 train, 3 % flipped labels), MLP 32, SGD at a "
        "constant 5e-3 momentum 0.9, batch 4 (500 steps an epoch), 42 epochs = 21000 steps, "
        "loss and LR every step, val per epoch: a long healthy constant-LR run; the twin of "
        "t_b24_long_clf3_bs4_sgd_const_every10 logged at every step.",
        Cfg(data="clf", data_kw=dict(_B24_LONG), hidden=(32,), lr=5e-3, batch=4, epochs=42,
            log_every=1)),
    B24("t_b24_long_clf3_bs4_sgd_const_every10", "constant", ("per_step",),
        "The same training as t_b24_long_clf3_bs4_sgd_const_every1 (same data, seed, model "
        "and constant 5e-3), loss and LR logged every 10 steps instead of every step (2100 "
        "points), val per epoch.",
        Cfg(data="clf", data_kw=dict(_B24_LONG), hidden=(32,), lr=5e-3, batch=4, epochs=42,
            log_every=10)),    B24("t_b24_onecycle_reg_adam_healthy", "onecycle", ("per_step",),
        "make_regression (1000 train, targets offset by 300, noise 10), MLP 64, Adam under "
        "OneCycleLR to 3e-2 (30 % up, cosine down), batch 32, 20 epochs, MSE and LR every 2 "
        "steps, val MSE per epoch, no accuracy: a healthy one-cycle run on a loss in the "
        "thousands, the contrast to the LR range test t_b24_range_reg_sgd_6dec.",
        Cfg(data="reg", hidden=(64,), opt="adam", lr=3e-2, batch=32, epochs=20, log_every=2,
            acc=False, sched=("onecycle", {}))),
]


# -- the blind25 split (fourteenth session, built by a helper from the plots only, after blind24
# had been scored once and its misses read)

def _b25_switch_bandit(run_dir, seed, *, updates=4000, lr=1e-3, batch=32, arms=4, dim=5,
                       switch_every=500, every=2):
    """A contextual bandit whose arm reward tables are redrawn every ``switch_every``
    updates (abrupt non-stationarity), an actor-critic: a softmax policy trained by the
    advantage against a critic head regressed on the rewards it sees (the critic's target
    jumps at every switch), RMSprop at a constant LR; CleanRL-like tags every ``every``
    updates, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    Wt = (2.0 * rng.randn(arms, dim)).astype("float32")
    body = nn.Sequential(nn.Linear(dim, 32), nn.ReLU())
    pi, vh = nn.Linear(32, arms), nn.Linear(32, 1)
    params = list(body.parameters()) + list(pi.parameters()) + list(vh.parameters())
    opt = torch.optim.RMSprop(params, lr=lr)
    log = common.TorchLogger(run_dir)
    t0, rews = time.time(), []
    for u in range(updates):
        if u and u % switch_every == 0:
            Wt = (2.0 * rng.randn(arms, dim)).astype("float32")
        x = rng.randn(batch, dim).astype("float32")
        h = body(torch.from_numpy(x))
        dist = torch.distributions.Categorical(logits=pi(h))
        a = dist.sample()
        mean_r = (x @ Wt.T)[np.arange(batch), a.numpy()]
        r = torch.from_numpy((mean_r + 0.5 * rng.randn(batch)).astype("float32"))
        v = vh(h).squeeze(1)
        adv = (r - v).detach()
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        if u % every == 0:
            st = u * batch
            log.scalar("losses/policy_loss", float(pg.detach()), st)
            log.scalar("losses/value_loss", float(vloss.detach()), st)
            log.scalar("losses/entropy", float(ent.detach()), st)
            log.scalar("charts/mean_reward", float(r.mean()), st)
            log.scalar("charts/learning_rate", opt.param_groups[0]["lr"], st)
            rews.append(float(r.mean()))
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True, "reward": rews[::100]}


def _b25_resumed_reg_cosine(run_dir, seed, *, lr=1e-2, epochs=22, crash_after=14,
                            resume_from=9, batch=32, every=2):
    """make_regression (targets offset by 300), MLP 64, AdamW under a per-step cosine to 0;
    the job dies after epoch ``crash_after`` and is resumed from the epoch-``resume_from``
    checkpoint of model, optimizer *and* scheduler (a correct resume): the steps go back to
    the checkpoint's and the LR jumps back up to its value there (a second event file)."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    Xtr, ytr, Xva, yva, _ = common.load_data("reg", seed)
    model = common.build_model("mlp", Xtr.shape[1], 1, (64,))
    o = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    spe = int(math.ceil(len(Xtr) / batch))
    total = epochs * spe
    sch = torch.optim.lr_scheduler.LambdaLR(
        o, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, total) / total)))
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.mse_loss(model(Xt[idx]).squeeze(1), yt[idx])
            o.zero_grad()
            loss.backward()
            if step % every == 0:
                log.scalar("train/loss", float(loss.detach()), step)
                log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
            sch.step()
        model.eval()
        with torch.no_grad():
            vl = float(F.mse_loss(model(Xv).squeeze(1), yv))
        log.scalar("val/loss", vl, (ep + 1) * spe)
        va.append(vl)
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict(), sch.state_dict()))
        if ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            sch.load_state_dict(ckpt[2])
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def B25(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind25")


def B25T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind25")


SCENARIOS += [
    B25T("t_b25_switch_bandit_actor_critic_rmsprop", "constant", ("rl_like", "per_step"),
         "An actor-critic on a 4-arm contextual bandit whose reward tables are redrawn every "
         "500 updates, RMSprop at a constant 1e-3, batch 32, 4000 updates, CleanRL tags "
         "(losses/value_loss, losses/policy_loss, charts/learning_rate) every 2 updates, no "
         "validation: the value loss chases a target that jumps at every switch and the "
         "policy loss hovers around 0 -- losses not meant to fall.",
         _b25_switch_bandit),
    B25T("t_b25_resumed_reg_adamw_cosine", "cosine", ("per_step",),
         "make_regression (targets offset by 300), MLP 64, AdamW 1e-2 under a per-step cosine "
         "to 0 over 22 epochs, batch 32, MSE and LR every 2 steps, val MSE per epoch, no "
         "accuracy; the job dies after epoch 14 and is resumed correctly (model, optimizer "
         "and scheduler) from the epoch-9 checkpoint into a second event file: the steps go "
         "back by five epochs and the LR jumps back up to its epoch-9 value. Meant healthy.",
         _b25_resumed_reg_cosine),
    B25("t_b25_clf3_long_sgd_cosine_badbatches", "cosine", ("long_noisy",
                                                             "single_point_spikes",
                                                             "per_step"),
        "3-class make_classification (6000 train, 10 % flipped labels), MLP 32, SGD momentum "
        "0.9 at 2e-2 under a cosine to 0, batch 32, 108 epochs = 20,304 steps, loss and LR "
        "every step, val per epoch; three batches (steps 4000, 11000 and 16500) have shuffled "
        "labels: a long per-step run meant to be healthy apart from isolated one-step spikes.",
        Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 1500, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.1},
            hidden=(32,), lr=2e-2, batch=32, epochs=108, log_every=1,
            bad_steps=(4000, 11000, 16500), sched=("cosine", {}))),
    B25("t_b25_digits_sgd_const_hot_bs16", "constant", ("per_step",),
        "Digits MLP 128, plain SGD momentum 0.9 at a constant 0.25 (meant 0.02), batch 16, 14 "
        "epochs, loss and LR every 4 steps, val per epoch: constant LR a bit too high, meant "
        "to make the val loss bounce epoch to epoch.",
        Cfg(hidden=(128,), lr=0.25, batch=16, epochs=14, log_every=4)),
    B25("t_b25_digits_sgd_const_8e2_bs16", "constant", ("per_step",),
        "The same digits MLP 128, SGD momentum 0.9 at a constant 8e-2 (meant 0.02), batch 16, "
        "14 epochs, loss and LR every 4 steps, val per epoch: a second try after "
        "t_b25_digits_sgd_const_hot_bs16 (0.25) ran away; constant LR a bit too high, meant "
        "to make the val loss bounce epoch to epoch.",
        Cfg(hidden=(128,), lr=0.08, batch=16, epochs=14, log_every=4)),
    B25("t_b25_digits_sgd_const_healthy_bs16", "constant", ("per_step",),
        "The same digits MLP 128, SGD momentum 0.9 at a constant 0.02, batch 16, 14 epochs, "
        "loss and LR every 4 steps, val per epoch: the healthy constant-LR twin of "
        "t_b25_digits_sgd_const_hot_bs16.",
        Cfg(hidden=(128,), lr=0.02, batch=16, epochs=14, log_every=4)),
]


# -- the blind26 split (fifteenth session, built by a helper from the plots only, after blind25
# had been scored once and its misses read)

def _b26_with_opt(cfg, name, **okw):
    """common.fit with the optimizer swapped: cfg.opt must be "adamw"; torch.optim.AdamW is
    replaced by torch.optim.<name> (RMSprop, Adagrad) for the duration of the run."""
    def train(run_dir, seed):
        import torch

        from benchmarks.corpus import common
        orig = torch.optim.AdamW
        cls = getattr(torch.optim, name)
        torch.optim.AdamW = lambda groups, lr, weight_decay=0.0: cls(groups, lr=lr, **okw)
        try:
            return common.fit(run_dir, seed, cfg, W)
        finally:
            torch.optim.AdamW = orig
    return train


def _b26_drift_value_regression(run_dir, seed, *, updates=3000, lr=3e-3, batch=64, dim=6,
                                every=1):
    """A critic regressing the discounted return of a 3-arm bandit whose arm means drift as a
    random walk, and a softmax policy trained by the critic's advantage; Adam with the LR
    annealed linearly to 0 (CleanRL's anneal_lr), SB3-style tags, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    arms = 3
    Wt = rng.randn(arms, dim).astype("float32")
    body = nn.Sequential(nn.Linear(dim, 48), nn.Tanh())
    pi, vh = nn.Linear(48, arms), nn.Linear(48, 1)
    params = list(body.parameters()) + list(pi.parameters()) + list(vh.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda u: 1.0 - u / updates)
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    for u in range(updates):
        Wt = Wt + 0.03 * rng.randn(arms, dim).astype("float32")
        x = rng.randn(batch, dim).astype("float32")
        h = body(torch.from_numpy(x))
        dist = torch.distributions.Categorical(logits=pi(h))
        a = dist.sample()
        mean_r = (x @ Wt.T)[np.arange(batch), a.numpy()]
        ret = mean_r + 0.9 * np.abs(rng.randn(batch)) * mean_r.std() + rng.randn(batch)
        r = torch.from_numpy(ret.astype("float32"))
        v = vh(h).squeeze(1)
        adv = (r - v).detach()
        adv = (adv - adv.mean()) / (adv.std() + 1e-8)
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.005 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        if u % every == 0:
            st = u * batch
            log.scalar("train/value_loss", float(vloss.detach()), st)
            log.scalar("train/policy_gradient_loss", float(pg.detach()), st)
            log.scalar("train/entropy_loss", -float(ent.detach()), st)
            log.scalar("train/learning_rate", opt.param_groups[0]["lr"], st)
            log.scalar("rollout/ep_rew_mean", float(r.mean()), st)
        sch.step()
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True}


def B26(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind26")


def B26T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind26")


_B26_SEQ = {"vocab": 6, "length": 12, "n_train": 2000, "n_val": 500}

SCENARIOS += [
    B26T("t_b26_drift_bandit_value_adam_anneal", "linear", ("rl_like", "per_step"),
         "A critic regressing noisy returns of a 3-arm contextual bandit whose arm means drift "
         "as a random walk (a moving target), and a softmax policy on the normalised "
         "advantage; Adam 3e-3 annealed linearly to 0 over 3000 updates, batch 64, SB3-style "
         "tags (train/value_loss, train/policy_gradient_loss, train/learning_rate) every "
         "update, no validation: losses not meant to fall.",
         _b26_drift_value_regression),
    B26T("t_b26_clf6_long_adagrad_const", "constant", ("long_noisy", "per_step"),
         "6-class make_classification (4000 train, 5 % flipped labels), MLP 32, Adagrad at a "
         "constant 5e-2, batch 16, 84 epochs = 21,000 steps, loss and LR every step, val per "
         "epoch: a long per-step run meant to be healthy (Adagrad's own step shrinks).",
         _b26_with_opt(Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000,
                                                "n_classes": 6, "n_informative": 10,
                                                "flip_y": 0.05},
                           hidden=(32,), opt="adamw", lr=5e-2, batch=16, epochs=84,
                           log_every=1), "Adagrad")),
    B26("t_b26_reg_sgd_resume_raise_x8", "other", ("per_step",),
        "make_regression (targets offset by 300, noise 10), MLP 64, SGD momentum 0.9 at a "
        "constant 1e-4 for 12 epochs, then resumed with an LR 8x higher (8e-4) for 12 more "
        "(a mid-run LR raise), batch 32, MSE and LR every 2 steps, val MSE per epoch, no "
        "accuracy.",
        Cfg(data="reg", hidden=(64,), lr=1e-4, batch=32, epochs=24, log_every=2, acc=False,
            sched=("bump", {"at_epoch": 12, "mult": 8.0}))),
    B26("t_b26_seq_transformer_warm_peak_hot", "constant_warmup", ("per_step",),
        "A small synthetic sequence task (length-12 sequences over 6 tokens, label = the most "
        "frequent token; 2000 train), a 2-layer transformer d32, AdamW warmed up linearly over "
        "4 epochs (128 steps) to 2e-2 (meant 1e-3) and then held, batch 64, 16 epochs, loss "
        "and LR every step, val per epoch: meant to set the val loss back near the peak.",
        Cfg(data="seq", data_kw=dict(_B26_SEQ), model="transformer", hidden=(), opt="adamw",
            lr=2e-2, batch=64, epochs=16, log_every=1,
            sched=("warmup_constant", {"warmup": 128}))),
    B26("t_b26_seq_transformer_warm_ok", "constant_warmup", ("per_step",),
        "The same sequence task and 2-layer transformer, AdamW warmed up linearly over 4 "
        "epochs to 1e-3 and then held, batch 64, 16 epochs, loss and LR every step, val per "
        "epoch: the healthy warmup twin of t_b26_seq_transformer_warm_peak_hot.",
        Cfg(data="seq", data_kw=dict(_B26_SEQ), model="transformer", hidden=(), opt="adamw",
            lr=1e-3, batch=64, epochs=16, log_every=1,
            sched=("warmup_constant", {"warmup": 128}))),
]


def _b26_resumed_circles_rmsprop(run_dir, seed, *, lr=2e-3, epochs=20, crash_after=15,
                                 resume_from=11, batch=16):
    """make_circles (3000 train, noise 0.08, factor 0.6), MLP 32-32, RMSprop under a per-epoch
    StepLR (x0.3 every 7 epochs); the job dies after epoch ``crash_after`` and is resumed from
    the epoch-``resume_from`` checkpoint of model, optimizer and scheduler into a second event
    file (the steps go back); loss and LR every step, val per epoch."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import make_circles

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    x, y = make_circles(n_samples=4000, noise=0.08, factor=0.6, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    Xt, yt = torch.from_numpy(x[:3000]), torch.from_numpy(y[:3000].astype("int64"))
    Xv, yv = torch.from_numpy(x[3000:]), torch.from_numpy(y[3000:].astype("int64"))
    model = common.build_model("mlp", 2, 2, (32, 32))
    o = torch.optim.RMSprop(model.parameters(), lr=lr)
    sch = torch.optim.lr_scheduler.StepLR(o, 7, 0.3)
    spe = int(math.ceil(len(Xt) / batch))
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            o.zero_grad()
            loss.backward()
            log.scalar("train/loss", float(loss.detach()), step)
            log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, (ep + 1) * spe)
        log.scalar("val/acc", acc, (ep + 1) * spe)
        va.append(vl)
        sch.step()
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict(), sch.state_dict()))
        if ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            sch.load_state_dict(ckpt[2])
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


SCENARIOS += [
    B26T("t_b26_resumed_circles_rmsprop_step", "step", ("per_step",),
         "make_circles (3000 train, noise 0.08, factor 0.6), MLP 32-32, RMSprop 2e-3 cut x0.3 "
         "every 7 epochs (StepLR), batch 16, 20 epochs, loss and LR every step, val per epoch; "
         "the job dies after epoch 15 and is resumed correctly (model, optimizer, scheduler) "
         "from the epoch-11 checkpoint into a second event file: the steps go back by four "
         "epochs. Meant healthy.",
         _b26_resumed_circles_rmsprop),
]


# -- the blind27 split (fifteenth session, built by a helper from the plots only, after blind26
# had been scored once and its misses read)

def _b27_target_net_critic(run_dir, seed, *, updates=3000, lr=1e-3, batch=64, arms=4, dim=6,
                           sync_every=100, every=1):
    """A critic on a contextual bandit whose target is bootstrapped from a target network
    (synced every ``sync_every`` updates: a moving target, the loss jumps at each sync), and
    a softmax policy trained on the normalised advantage; RMSprop at a constant LR,
    CleanRL-style tags (losses/value_loss, losses/policy_loss, charts/learning_rate,
    charts/episodic_return), no validation."""
    import copy
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    Wt = rng.randn(arms, dim).astype("float32")
    net = nn.Sequential(nn.Linear(dim, 64), nn.Tanh(), nn.Linear(64, arms + 1))
    tgt = copy.deepcopy(net)
    opt = torch.optim.RMSprop(net.parameters(), lr=lr)
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    x = rng.randn(batch, dim).astype("float32")
    for u in range(updates):
        out = net(torch.from_numpy(x))
        dist = torch.distributions.Categorical(logits=out[:, :arms])
        a = dist.sample()
        r = (x @ Wt.T)[np.arange(batch), a.numpy()] + rng.randn(batch)
        x2 = (0.8 * x + 0.6 * rng.randn(batch, dim)).astype("float32")
        with torch.no_grad():
            boot = tgt(torch.from_numpy(x2))[:, arms]
        y = torch.from_numpy(r.astype("float32")) + 0.9 * boot
        v = out[:, arms]
        adv = (y - v).detach()
        adv = (adv - adv.mean()) / (adv.std() + 1e-8)
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((v - y) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        if (u + 1) % sync_every == 0:
            tgt.load_state_dict(net.state_dict())
        if u % every == 0:
            st = u * batch
            log.scalar("losses/value_loss", float(vloss.detach()), st)
            log.scalar("losses/policy_loss", float(pg.detach()), st)
            log.scalar("losses/entropy", float(ent.detach()), st)
            log.scalar("charts/learning_rate", opt.param_groups[0]["lr"], st)
            log.scalar("charts/episodic_return", float(r.mean()), st)
        x = x2
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True}


def _b27_resumed_moons_adagrad(run_dir, seed, *, lr=5e-2, epochs=18, crash_after=13,
                               resume_from=9, batch=32):
    """make_moons (2500 train, noise 0.2), MLP 64-64, Adagrad under a per-epoch cosine
    (CosineAnnealingLR over the epochs); the job dies after epoch ``crash_after`` and is resumed
    from the epoch-``resume_from`` checkpoint (model, optimizer, scheduler) into a second event
    file (the steps go back); loss and LR every step, val per epoch."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import make_moons

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    x, y = make_moons(n_samples=3500, noise=0.2, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    Xt, yt = torch.from_numpy(x[:2500]), torch.from_numpy(y[:2500].astype("int64"))
    Xv, yv = torch.from_numpy(x[2500:]), torch.from_numpy(y[2500:].astype("int64"))
    model = common.build_model("mlp", 2, 2, (64, 64))
    o = torch.optim.Adagrad(model.parameters(), lr=lr)
    sch = torch.optim.lr_scheduler.CosineAnnealingLR(o, epochs)
    spe = int(math.ceil(len(Xt) / batch))
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            o.zero_grad()
            loss.backward()
            log.scalar("train/loss", float(loss.detach()), step)
            log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, (ep + 1) * spe)
        log.scalar("val/acc", acc, (ep + 1) * spe)
        va.append(vl)
        sch.step()
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict(), sch.state_dict()))
        if ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            sch.load_state_dict(ckpt[2])
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def B27(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind27")


def B27T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind27")


# fastai-style names: train_loss, valid_loss, accuracy and one lr/pg<i> per parameter group
_B27_FASTAI = {"loss": "train_loss", "val_loss": "valid_loss", "acc": "accuracy",
               "lr": "lr/pg{i}"}

SCENARIOS += [
    B27T("t_b27_target_net_critic_rmsprop_const", "constant", ("rl_like", "per_step"),
         "A critic on a 4-arm contextual bandit whose target bootstraps from a target network "
         "synced every 100 updates (a moving target), and a softmax policy on the normalised "
         "advantage; RMSprop at a constant 1e-3, batch 64, 3000 updates, CleanRL-style tags "
         "(losses/value_loss, losses/policy_loss, charts/learning_rate) every update, no "
         "validation: losses not meant to fall.", _b27_target_net_critic),
    B27("t_b27_digits_sgd_cosine_bad_batches", "cosine", ("single_point_spikes", "per_step"),
        "Digits MLP 64, SGD momentum 0.9 at 5e-2 under a per-step cosine to 0, batch 16, 40 "
        "epochs (~3500 steps), loss and LR every step, val per epoch; four batches (steps 900, "
        "1700, 2500, 3100) have their labels scrambled: meant to show isolated one-step spikes "
        "in a long full-resolution series. The spikes are ~5000x the local level (not 50-100x), "
        "and the first two lift the loss band for ~100 steps before it comes back.",
        Cfg(hidden=(64,), lr=5e-2, batch=16, epochs=40, log_every=1,
            bad_steps=(900, 1700, 2500, 3100), sched=("cosine", {}))),
    B27("t_b27_clf4_adam_step_long_heavy_tail", "step", ("long_noisy", "per_step"),
        "4-class make_classification (4000 train, 8 % flipped labels), MLP 32, Adam 1e-3 cut "
        "x0.3 every 15 epochs (StepLR), batch 8, 40 epochs = 20,000 steps, loss and LR every "
        "step, val per epoch: a long per-step run with heavy-tailed batch noise (batch 8 and "
        "flipped labels), meant healthy.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.08},
            hidden=(32,), opt="adam", lr=1e-3, batch=8, epochs=40, log_every=1,
            sched=("step", {"step_size": 15, "gamma": 0.3}))),
    B27("t_b27_clf5_sgd_groups_plateau_fastai", "plateau", ("param_groups", "per_step"),
        "5-class make_classification (2000 train), MLP 64-64 in two LR parameter groups "
        "(body x0.1, head x1), SGD momentum 0.9 at 5e-2 under ReduceLROnPlateau on the val "
        "loss (factor 0.3, patience 2), batch 32, 30 epochs, fastai-style tags (train_loss, "
        "lr/pg0, lr/pg1 every 2 steps; valid_loss, accuracy per epoch): meant to converge and "
        "then be cut many times after convergence (healthy).",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64, 64), groups=(0.1, 1.0), lr=5e-2, batch=32, epochs=30, log_every=2,
            sched=("plateau", {"factor": 0.3, "patience": 2}), tags=dict(_B27_FASTAI))),
    B27T("t_b27_resumed_moons_adagrad_cosine", "cosine", ("per_step",),
         "make_moons (2500 train, noise 0.2), MLP 64-64, Adagrad 5e-2 under a per-epoch "
         "cosine over 18 epochs, batch 32, loss and LR every step, val per epoch; the job dies "
         "after epoch 13 and is resumed correctly (model, optimizer, scheduler) from the "
         "epoch-9 checkpoint into a second event file: the steps go back by four epochs. Meant "
         "healthy.", _b27_resumed_moons_adagrad),
]


# -- the blind28 split (fifteenth session, built by a helper from the plots only, after blind27
# had been scored once and its misses read)

def _b28_drifting_bandit(run_dir, seed, *, updates=2500, opt_name="Adagrad", lr=0.1, batch=32,
                         arms=5, dim=8, lr_end=None, momentum=0.0):
    """A contextual bandit whose reward weights drift (a random walk): a critic regresses the
    reward of the chosen arm (a moving target), a softmax policy is trained on the
    normalised advantage; one optimizer, LR constant or ramped linearly to ``lr_end``;
    tags loss/value, loss/policy, loss/entropy, lr, reward/mean every update, no
    validation. A non-finite loss is logged once and the run stops there."""
    import math
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    Wr = rng.randn(arms, dim).astype("float32")
    net = nn.Sequential(nn.Linear(dim, 64), nn.ReLU(), nn.Linear(64, 2 * arms))
    kw = {"momentum": momentum} if opt_name == "SGD" else {}
    opt = getattr(torch.optim, opt_name)(net.parameters(), lr=lr, **kw)
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    for u in range(updates):
        if lr_end is not None:
            for g in opt.param_groups:
                g["lr"] = lr + (lr_end - lr) * u / max(1, updates - 1)
        Wr += 0.03 * rng.randn(arms, dim).astype("float32")
        x = rng.randn(batch, dim).astype("float32")
        out = net(torch.from_numpy(x))
        dist = torch.distributions.Categorical(logits=out[:, :arms])
        a = dist.sample()
        r = (x @ Wr.T)[np.arange(batch), a.numpy()] + 0.5 * rng.randn(batch)
        q = out[:, arms:].gather(1, a[:, None]).squeeze(1)
        y = torch.from_numpy(r.astype("float32"))
        adv = (y - q).detach()
        adv = (adv - adv.mean()) / (adv.std() + 1e-8)
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((q - y) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        st = u * batch
        log.scalar("loss/value", float(vloss.detach()), st)
        log.scalar("loss/policy", float(pg.detach()), st)
        log.scalar("loss/entropy", float(ent.detach()), st)
        log.scalar("lr", opt.param_groups[0]["lr"], st)
        log.scalar("reward/mean", float(r.mean()), st)
        if not math.isfinite(float(loss.detach())):
            break
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": (u + 1) * batch, "rl": True}


def _b28_resumed_circles_rmsprop(run_dir, seed, *, lr=3e-3, epochs=20, crash_after=14,
                                 resume_from=11, batch=32):
    """make_circles (2000 train, noise 0.1, factor 0.5), MLP 32-32, RMSprop under StepLR
    (x0.3 every 6 epochs); the job dies after epoch ``crash_after`` and is resumed from the
    epoch-``resume_from`` checkpoint of the model and optimizer but a NEW scheduler (its
    state was not saved): the LR goes back to the initial value; a second event file, the
    steps go back. Loss and LR every step, val per epoch."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import make_circles

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    x, y = make_circles(n_samples=2800, noise=0.1, factor=0.5, random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    Xt, yt = torch.from_numpy(x[:2000]), torch.from_numpy(y[:2000].astype("int64"))
    Xv, yv = torch.from_numpy(x[2000:]), torch.from_numpy(y[2000:].astype("int64"))
    model = common.build_model("mlp", 2, 2, (32, 32))
    o = torch.optim.RMSprop(model.parameters(), lr=lr)
    sch = torch.optim.lr_scheduler.StepLR(o, 6, 0.3)
    spe = int(math.ceil(len(Xt) / batch))
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)
    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            o.zero_grad()
            loss.backward()
            log.scalar("train/loss", float(loss.detach()), step)
            log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        log.scalar("val/loss", vl, (ep + 1) * spe)
        log.scalar("val/acc", acc, (ep + 1) * spe)
        va.append(vl)
        sch.step()
        ep += 1
        if ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict()))
        if ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            for g in o.param_groups:
                g["lr"] = lr
            sch = torch.optim.lr_scheduler.StepLR(o, 6, 0.3)
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def B28(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind28")


def B28T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind28")


def _b28_bandit(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b28_drifting_bandit(run_dir, seed, **_kw)
    return train


_B28_CLF3 = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "flip_y": 0.03}

SCENARIOS += [
    B28("t_b28_clf3_sgd_cosine_long_spikes", "cosine",
        ("long_noisy", "single_point_spikes", "per_step"),
        "3-class make_classification (2000 train, 3 % flipped labels), MLP 32, SGD momentum "
        "0.9 at 2e-2 under a per-step cosine to 0, batch 8, 80 epochs = 20,000 steps, loss and "
        "LR every step, val per epoch; three batches (steps 5200, 11900, 16700) have their "
        "labels scrambled: a long per-step run meant to show a few isolated one-step spikes. "
        "The plots also show the val loss turning up (0.40 at epoch 6 -> 0.70 at the end) "
        "while the train loss keeps falling; labelled as that too.",
        Cfg(data="clf", data_kw=dict(_B28_CLF3), hidden=(32,), lr=2e-2, batch=8, epochs=80,
            log_every=1, bad_steps=(5200, 11900, 16700), sched=("cosine", {}))),
    B28T("t_b28_drifting_bandit_adagrad_const", "constant", ("rl_like", "per_step"),
         "A critic and a softmax policy on a 5-arm contextual bandit whose reward weights "
         "drift every update (a moving target), Adagrad at a constant 0.1, batch 32, 2500 "
         "updates, tags loss/value, loss/policy, lr, reward/mean every update, no validation: "
         "losses not meant to fall (healthy).",
         _b28_bandit(opt_name="Adagrad", lr=0.1, updates=2500)),
    B28T("t_b28_drifting_bandit_sgd_ramp_nan", "linear", ("rl_like", "per_step"),
         "The same drifting bandit, critic and policy, SGD momentum 0.9 with the LR ramped "
         "linearly from 1e-3 to 2.0 over 2500 updates (a warmup with no end), no validation: "
         "meant to go NaN once the LR is far too high. The value loss went to Inf at update "
         "290 (LR ~0.23) and the run stopped there.",
         _b28_bandit(opt_name="SGD", lr=1e-3, lr_end=2.0, momentum=0.9, updates=2500)),
    B28T("t_b28_resumed_circles_rmsprop_step_lost_sched", "step", ("per_step",),
         "make_circles (2000 train, noise 0.1), MLP 32-32, RMSprop 3e-3 under StepLR (x0.3 "
         "every 6 epochs), batch 32, 20 epochs, loss and LR every step, val per epoch; the job "
         "dies after epoch 14 and is resumed from the epoch-11 checkpoint of model and "
         "optimizer, but with a fresh scheduler: the LR goes back to 3e-3 and the steps go "
         "back (two event files).", _b28_resumed_circles_rmsprop),
    B28("t_b28_digits_adam_groups_head100x", "constant", ("param_groups", "per_step"),
        "Digits MLP 64 in two LR parameter groups, Adam at a constant 1e-3 on the body and "
        "100x that (0.1) on the head (a misplaced multiplier), batch 32, 20 epochs, loss and "
        "lr_0/lr_1 every 2 steps, val per epoch: only the head's LR is wrong. The plots show "
        "no harm (val loss flat at ~0.17, accuracy 0.97); labelled as that.",
        Cfg(hidden=(64,), opt="adam", lr=1e-3, groups=(1.0, 100.0), batch=32, epochs=20,
            log_every=2, tags=dict(PG))),
    B28("t_b28_digits_adam_groups_head3x", "constant", ("param_groups", "per_step"),
        "The same digits MLP 64 and two parameter groups, Adam at a constant 1e-3 on the body "
        "and 3e-3 on the head, batch 32, 20 epochs, loss and lr_0/lr_1 every 2 steps, val per "
        "epoch: the healthy twin of t_b28_digits_adam_groups_head100x.",
        Cfg(hidden=(64,), opt="adam", lr=1e-3, groups=(1.0, 3.0), batch=32, epochs=20,
            log_every=2, tags=dict(PG))),
]

# -- the blind29 split (sixteenth session, built by a helper from the plots only, after blind28
# had been scored once and its misses read)

def _b29_actor_critic(run_dir, seed, *, updates=2500, opt_name="Adam", lr=1e-3, batch=32,
                      arms=4, dim=6, reward_scale=1.0, normalise=True, momentum=0.0):
    """An actor-critic loop on a contextual bandit whose reward weights are re-drawn every
    500 updates (the value target moves): a two-headed MLP (policy logits, value of the
    context), the policy trained on the advantage (normalised when ``normalise``), the value
    head regressing the reward times ``reward_scale``; tags loss/policy, loss/value,
    loss/entropy and lr every update, the step counted in samples seen (update x batch), no
    validation. A non-finite loss is logged once and the run stops there."""
    import math
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 29)
    net = nn.Sequential(nn.Linear(dim, 64), nn.Tanh(), nn.Linear(64, arms + 1))
    kw = {"momentum": momentum} if opt_name == "SGD" else {}
    opt = getattr(torch.optim, opt_name)(net.parameters(), lr=lr, **kw)
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    Wr = rng.randn(arms, dim).astype("float32")
    for u in range(updates):
        if u and u % 500 == 0:
            Wr = rng.randn(arms, dim).astype("float32")
        x = rng.randn(batch, dim).astype("float32")
        out = net(torch.from_numpy(x))
        dist = torch.distributions.Categorical(logits=out[:, :arms])
        a = dist.sample()
        r = reward_scale * ((x @ Wr.T)[np.arange(batch), a.numpy()] + 0.3 * rng.randn(batch))
        y = torch.from_numpy(r.astype("float32"))
        v = out[:, arms]
        adv = (y - v).detach()
        if normalise:
            adv = (adv - adv.mean()) / (adv.std() + 1e-8)
        pg = -(dist.log_prob(a) * adv).mean()
        vloss = ((v - y) ** 2).mean()
        ent = dist.entropy().mean()
        loss = pg + 0.5 * vloss - 0.01 * ent
        opt.zero_grad()
        loss.backward()
        opt.step()
        st = u * batch
        log.scalar("loss/policy", float(pg.detach()), st)
        log.scalar("loss/value", float(vloss.detach()), st)
        log.scalar("loss/entropy", float(ent.detach()), st)
        log.scalar("lr", opt.param_groups[0]["lr"], st)
        if not math.isfinite(float(loss.detach())):
            break
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": (u + 1) * batch, "rl": True}



def _b29_loop(run_dir, seed, *, data="digits", opt_name="SGD", lr=1e-3, momentum=0.9,
              epochs=20, batch=32, hidden=(64,), pretrain_epochs=0, label_smoothing=0.0,
              val_every=0, crash_after=0, resume_from=0, cosine=False):
    """A hand-written torch loop. ``data``: digits, moons (make_moons noise 0.3) or circles
    (make_circles noise 0.15, factor 0.5). ``pretrain_epochs``: the model is first trained
    (not logged) for that many epochs on half the training set at 1e-2, then trained on all
    of it from there (a fine-tune). ``label_smoothing``: cross-entropy's. ``val_every``:
    validation every that many steps instead of at epoch ends. ``crash_after`` /
    ``resume_from``: the job dies after that epoch and is resumed from the
    ``resume_from``-epoch checkpoint of model, optimizer and scheduler (a second event file,
    the steps go back). Loss and LR every step."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(2900 + seed)
    if data == "digits":
        Xtr, ytr, Xva, yva, _ = common.load_data("digits", seed)
    else:
        from sklearn import datasets
        if data == "moons":
            x, y = datasets.make_moons(n_samples=2800, noise=0.3, random_state=seed)
        else:
            x, y = datasets.make_circles(n_samples=2800, noise=0.15, factor=0.5,
                                         random_state=seed)
        x = ((x - x.mean(0)) / x.std(0)).astype("float32")
        Xtr, ytr, Xva, yva = x[:2000], y[:2000], x[2000:], y[2000:]
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr.astype("int64"))
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva.astype("int64"))
    model = common.build_model("mlp", Xt.shape[1], int(yt.max()) + 1, hidden)
    if pretrain_epochs:
        po = torch.optim.Adam(model.parameters(), lr=1e-2)
        half = len(Xt) // 2
        for _ in range(pretrain_epochs):
            perm = torch.from_numpy(rng.permutation(half))
            for b in range(0, half, batch):
                idx = perm[b:b + batch]
                po.zero_grad()
                F.cross_entropy(model(Xt[idx]), yt[idx]).backward()
                po.step()
    kw = {"momentum": momentum} if opt_name in ("SGD", "RMSprop") else {}
    o = getattr(torch.optim, opt_name)(model.parameters(), lr=lr, **kw)
    spe = int(math.ceil(len(Xt) / batch))
    sch = torch.optim.lr_scheduler.CosineAnnealingLR(o, spe * epochs) if cosine else None
    t0, va, ckpt = time.time(), [], None
    log = common.TorchLogger(run_dir)

    def validate(step):
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv, label_smoothing=label_smoothing))
            acc = float((out.argmax(1) == yv).float().mean())
        model.train()
        log.scalar("val/loss", vl, step)
        log.scalar("val/acc", acc, step)
        va.append(vl)

    ep, resumed = 0, False
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for b in range(spe):
            step = ep * spe + b
            idx = perm[b * batch:(b + 1) * batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx], label_smoothing=label_smoothing)
            o.zero_grad()
            loss.backward()
            log.scalar("train/loss", float(loss.detach()), step)
            log.scalar("lr", o.param_groups[0]["lr"], step)
            o.step()
            if sch is not None:
                sch.step()
            if val_every and (step + 1) % val_every == 0:
                validate(step + 1)
        if not val_every:
            validate((ep + 1) * spe)
        ep += 1
        if resume_from and ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict(),
                                  sch.state_dict() if sch is not None else None))
        if crash_after and ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            if sch is not None:
                sch.load_state_dict(ckpt[2])
            ep, resumed = resume_from, True
            log = common.TorchLogger(run_dir)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": epochs * spe, "val_loss": va}


def _b29_l(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b29_loop(run_dir, seed, **_kw)
    return train

def B29(name, family, classes, story, cfg, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, seeds=seeds, test_seeds=()),
                               held_out="blind29")


def B29T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind29")


def _b29_ac(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b29_actor_critic(run_dir, seed, **_kw)
    return train


SCENARIOS += [
    B29("t_b29_digits_adam_cosine_long_spikes", "cosine",
        ("long_noisy", "single_point_spikes", "per_step"),
        "Digits MLP 64, Adam 3e-4 under a per-step cosine to 0, batch 8, 115 epochs = ~20,100 "
        "steps, loss and LR every step, val per epoch; three batches (steps 4100, 9800, "
        "15300) have their labels scrambled: a long per-step run meant to be healthy apart "
        "from a few isolated one-step spikes.",
        Cfg(hidden=(64,), opt="adam", lr=3e-4, batch=8, epochs=115, log_every=1,
            bad_steps=(4100, 9800, 15300), sched=("cosine", {}))),
    B29T("t_b29_actor_critic_adam_ok", "constant", ("rl_like", "per_step"),
         "An actor-critic loop (policy and value heads on one MLP) on a 4-arm contextual "
         "bandit whose reward weights are re-drawn every 500 updates (the value target "
         "moves), Adam at a constant 1e-3, batch 32, 2500 updates, tags loss/policy, "
         "loss/value, loss/entropy and lr every update with the step counted in samples "
         "seen, no validation: losses not meant to fall (healthy).",
         _b29_ac(opt_name="Adam", lr=1e-3)),
    B29("t_b29_seq_transformer_groups_warm", "linear", ("param_groups", "per_step"),
        "A synthetic sequence task (12 tokens from 6, the label the most frequent token; 2000 "
        "train), a 2-layer tiny transformer in two LR parameter groups (body x0.3, head x1), "
        "AdamW with a 10 % linear warmup to 1e-3 then linear decay, batch 32, 12 epochs, loss "
        "and lr_0/lr_1 every 2 steps, val per epoch: meant healthy.",
        Cfg(data="seq", model="transformer", opt="adamw", lr=1e-3, groups=(0.3, 1.0),
            batch=32, epochs=12, log_every=2, sched=("linear", {"warmup": 75}),
            tags=dict(PG))),
    B29("t_b29_digits_sgd_const_too_low", "constant", ("per_step",),
        "Digits MLP 128 from scratch, plain SGD without momentum at a constant 3e-4 (meant "
        "5e-2), batch 32, 20 epochs, loss and LR every 2 steps, val per epoch: an LR far too "
        "low, meant to fall far too slowly from the start.",
        Cfg(hidden=(128,), lr=3e-4, momentum=0.0, batch=32, epochs=20, log_every=2)),
    B29T("t_b29_digits_finetune_sgd_small_lr", "constant", ("per_step",),
         "Digits MLP 128, first trained (not logged) for 3 epochs on half the training set, "
         "then fine-tuned on all of it with SGD momentum 0.9 at a constant 1e-3 (a small LR "
         "that is right for a fine-tune), batch 32, 15 epochs, loss and LR every step, "
         "validation every 40 steps (not at epoch ends): a fast early gain from a "
         "pretrained-like start, then a slow finish (healthy), the look-alike of "
         "t_b29_digits_sgd_const_too_low. The pre-training took the model so far (val "
         "0.175, accuracy 0.955 at the first log) that the early gain is not visible in "
         "the log; the val loss only falls slowly.",
         _b29_l(data="digits", opt_name="SGD", lr=1e-3, epochs=15, hidden=(128,),
                pretrain_epochs=3, val_every=40)),
    B29T("t_b29_moons_rmsprop_label_smooth_val_every", "cosine", ("per_step",),
         "make_moons (2000 train, noise 0.3), MLP 32-32, RMSprop 2e-3 under a per-step "
         "cosine to 0, cross-entropy with label smoothing 0.2, batch 32, 20 epochs, loss and "
         "LR every step, validation every 50 steps: a loss floor well above 0 set by the "
         "smoothing and the overlapping moons (healthy).",
         _b29_l(data="moons", opt_name="RMSprop", lr=2e-3, momentum=0.0, epochs=20,
                hidden=(32, 32), label_smoothing=0.2, val_every=50, cosine=True)),
    B29T("t_b29_circles_adagrad_resumed_ok", "cosine", ("per_step",),
         "make_circles (2000 train, noise 0.15), MLP 32-32, Adagrad 5e-2 under a per-step "
         "cosine to 0, batch 32, 18 epochs, loss and LR every step, val per epoch; the job "
         "dies after epoch 12 and is resumed from the epoch-9 checkpoint of model, optimizer "
         "and scheduler (a correct resume: the LR carries on; a second event file, the steps "
         "go back): meant healthy.",
         _b29_l(data="circles", opt_name="Adagrad", lr=5e-2, epochs=18, hidden=(32, 32),
                cosine=True, crash_after=12, resume_from=9)),
]

SCENARIOS += [
    B29("t_b29_digits_n150_adam_const_overfit", "constant", ("per_step",),
        "Digits with only 150 training images, MLP 512, Adam at a constant 3e-3, batch 16, "
        "60 epochs, loss and LR every step, val per epoch (400 images): meant to overfit "
        "(val loss turning up 20-40 % from its minimum while the train loss keeps falling). "
        "The val loss only crept up ~8 % from its minimum; labelled as that.",
        Cfg(data_kw={"n_train": 150}, hidden=(512,), opt="adam", lr=3e-3, batch=16,
            epochs=60, log_every=1)),
]

# -- the blind30 split (seventeenth session, built by a helper from the plots only, after
# blind29 had been scored once and its misses read)

import math  # noqa: E402


def _b30_data(data, seed, **kw):
    """-> (Xtr, ytr, Xva, yva) float32 / int64. digits, clf (make_classification, kw passed
    on), moons, circles, xor (two Gaussian blobs per class on the diagonals of the square:
    the label is sign(x0 * x1), 8 more noise features)."""
    import numpy as np

    from benchmarks.corpus import common
    if data in ("digits", "clf"):
        return common.load_data(data, seed, **kw)[:4]
    from sklearn import datasets
    n = kw.get("n", 2800)
    if data == "moons":
        x, y = datasets.make_moons(n_samples=n, noise=kw.get("noise", 0.3), random_state=seed)
    elif data == "circles":
        x, y = datasets.make_circles(n_samples=n, noise=kw.get("noise", 0.1), factor=0.5,
                                     random_state=seed)
    elif data == "xor":
        r = np.random.RandomState(seed + 300)
        x = r.randn(n, 10) * 0.5
        s = r.choice([-1.0, 1.0], size=(n, 2))
        x[:, :2] += 1.5 * s
        y = (s[:, 0] * s[:, 1] > 0).astype("int64")
    else:
        raise ValueError(data)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    cut = int(n * 5 / 7)
    return x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")


def _b30_loop(run_dir, seed, *, writer=W, tags=None, data="digits", data_kw=None,
              hidden=(64,), act="relu", init_scale=1.0, opt_name="SGD", lr=1e-2,
              momentum=0.0, wd=0.0, epochs=20, batch=32, sched=None, warmup=0,
              log_every=1, skip_steps=(), nan_from=None, pretrain_epochs=0,
              pretrain_frac=0.3, accum=1, val_every=0, crash_after=0, resume_from=0,
              val_at_start=False):
    """A hand-written torch loop, logged through common.LOGGERS[writer] (torch,
    tensorboardx or tfsummary) with ``tags`` (keys loss, val_loss, acc, lr; "tag@sub" puts a
    tag in a sub-folder).

    ``sched(step, total) -> factor`` (a LambdaLR over optimiser steps; None = constant).
    ``skip_steps``: optimiser steps at which a mixed-precision loss scaler overflows: the
    logged loss is Inf (even steps) or NaN (odd steps) and the update is skipped, then training
    carries on. ``nan_from``: from that optimiser step on a bad update has put NaN into
    the weights (the run goes on, every loss NaN). ``pretrain_epochs``: the model is first
    trained (not logged) for that many epochs with Adam 3e-3 on the first ``pretrain_frac``
    of the training set, then trained on all of it (a fine-tune). ``accum``: gradient
    accumulation over that many batches; the loss (the mean of the accumulated batches) and
    the LR are logged once per optimiser step, the step axis is the optimiser step.
    ``val_every``: validation every that many optimiser steps instead of at epoch ends;
    ``val_at_start``: one more validation at step 0, before any update. ``crash_after`` /
    ``resume_from``: the job dies after that epoch and is resumed from the
    ``resume_from``-epoch checkpoint of model and optimizer, but the scheduler is built anew
    (its step counter back at 0: the schedule restarts by mistake); a second event file, the
    steps go back."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn

    from benchmarks.corpus import common
    tags = dict({"loss": "train/loss", "val_loss": "val/loss", "acc": "val/acc",
                 "lr": "lr"}, **(tags or {}))
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(3000 + seed)
    Xtr, ytr, Xva, yva = _b30_data(data, seed, **(data_kw or {}))
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    n_out = int(max(ytr.max(), yva.max())) + 1
    layers, d = [], Xt.shape[1]
    for h in hidden:
        layers += [nn.Linear(d, h), nn.Tanh() if act == "tanh" else nn.ReLU()]
        d = h
    layers.append(nn.Linear(d, n_out))
    model = nn.Sequential(*layers)
    if init_scale != 1.0:
        with torch.no_grad():
            for p in model.parameters():
                p.mul_(init_scale)
    if pretrain_epochs:
        po = torch.optim.Adam(model.parameters(), lr=3e-3)
        part = int(len(Xt) * pretrain_frac)
        for _ in range(pretrain_epochs):
            perm = torch.from_numpy(rng.permutation(part))
            for b in range(0, part, batch):
                idx = perm[b:b + batch]
                po.zero_grad()
                F.cross_entropy(model(Xt[idx]), yt[idx]).backward()
                po.step()
    kw = {"momentum": momentum} if opt_name in ("SGD", "RMSprop") else {}
    o = getattr(torch.optim, opt_name)(model.parameters(), lr=lr, weight_decay=wd, **kw)
    spe = int(math.ceil(len(Xt) / batch))      # batches per epoch
    ospe = int(math.ceil(spe / accum))          # optimiser steps per epoch
    total = ospe * epochs

    def make_sched():
        if sched is None:
            return None
        return torch.optim.lr_scheduler.LambdaLR(o, lambda s: sched(s, total))
    sch = make_sched()
    log = common.LOGGERS[writer](run_dir)

    def put(key, value, step):
        t = tags.get(key)
        if not t:
            return
        tg, sub = (t.split("@", 1) + [""])[:2] if "@" in t else (t, "")
        log.scalar(tg, value, step, sub)

    def validate(step):
        model.eval()
        with torch.no_grad():
            out = model(Xv)
            vl = float(F.cross_entropy(out, yv))
            acc = float((out.argmax(1) == yv).float().mean())
        model.train()
        put("val_loss", vl, step)
        put("acc", acc, step)
        return vl

    t0, va, ckpt, resumed = time.time(), [], None, False
    if val_at_start:
        va.append(validate(0))
    ep = 0
    while ep < epochs:
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for ob in range(ospe):
            ostep = ep * ospe + ob
            o.zero_grad()
            parts, nb = [], 0
            for b in range(ob * accum, min(spe, (ob + 1) * accum)):
                idx = perm[b * batch:(b + 1) * batch]
                parts.append((model(Xt[idx]), yt[idx]))
                nb += 1
            loss = sum(F.cross_entropy(out, y) for out, y in parts) / nb
            loss.backward()
            lv = float(loss.detach())
            skip = ostep in skip_steps
            if skip:
                lv = math.inf if ostep % 2 == 0 else math.nan
            if ostep % log_every == 0:
                put("loss", lv, ostep)
                put("lr", o.param_groups[0]["lr"], ostep)
            if not skip:
                o.step()
            if nan_from is not None and ostep + 1 == nan_from:
                with torch.no_grad():
                    model[0].weight[0, 0] = math.nan
            if sch is not None:
                sch.step()
            if val_every and (ostep + 1) % val_every == 0:
                va.append(validate(ostep + 1))
        if not val_every:
            va.append(validate((ep + 1) * ospe))
        ep += 1
        if resume_from and ep == resume_from:
            ckpt = copy.deepcopy((model.state_dict(), o.state_dict()))
        if crash_after and ep == crash_after and not resumed:
            log.close()
            time.sleep(1.1)
            model.load_state_dict(ckpt[0])
            o.load_state_dict(ckpt[1])
            for g in o.param_groups:
                g["lr"] = lr
                g.pop("initial_lr", None)
            sch = make_sched()      # the bug: a fresh scheduler, its counter back at 0
            ep, resumed = resume_from, True
            log = common.LOGGERS[writer](run_dir)
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": total, "val_loss": [round(v, 4) for v in va[:: max(1, len(va) // 12)]]}


def _b30_l(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b30_loop(run_dir, seed, **_kw)
    return train


def _b30_reinforce(run_dir, seed, *, updates=3000, lr=3e-3, batch=64, dim=5):
    """REINFORCE with a learned baseline on a continuous contextual bandit: a Gaussian
    policy (mean from a small MLP, a learned log-std) picks an action a for a context x,
    the reward is -(a - w.x)^2 + noise, the weights w drift slowly (a random walk) so the
    baseline's target keeps moving. Adam under a cosine LR with a 5 % warmup; tags
    losses/policy_loss, losses/baseline_loss, charts/mean_reward, charts/action_std and
    charts/learning_rate every 2 updates, no validation."""
    import math
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 30)
    pol = nn.Sequential(nn.Linear(dim, 32), nn.Tanh(), nn.Linear(32, 1))
    base = nn.Sequential(nn.Linear(dim, 32), nn.Tanh(), nn.Linear(32, 1))
    log_std = nn.Parameter(torch.zeros(1))
    o = torch.optim.Adam(list(pol.parameters()) + list(base.parameters()) + [log_std], lr=lr)
    w_up = int(0.05 * updates)
    sch = torch.optim.lr_scheduler.LambdaLR(
        o, lambda s: (s + 1) / w_up if s < w_up else
        0.5 * (1 + math.cos(math.pi * (s - w_up) / (updates - w_up))))
    w = rng.randn(dim).astype("float32")
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    for u in range(updates):
        w = w + 0.03 * rng.randn(dim).astype("float32")
        x = torch.from_numpy(rng.randn(batch, dim).astype("float32"))
        mu = pol(x).squeeze(1)
        std = log_std.exp()
        dist = torch.distributions.Normal(mu, std)
        a = dist.sample()
        r = -(a - x @ torch.from_numpy(w)) ** 2 + 0.1 * torch.randn(batch)
        b = base(x).squeeze(1)
        adv = (r - b).detach()
        pl = -(dist.log_prob(a) * adv).mean()
        bl = ((b - r) ** 2).mean()
        o.zero_grad()
        (pl + 0.5 * bl).backward()
        o.step()
        sch.step()
        if u % 2 == 0:
            st = u * batch
            log.scalar("losses/policy_loss", float(pl.detach()), st)
            log.scalar("losses/baseline_loss", float(bl.detach()), st)
            log.scalar("charts/mean_reward", float(r.mean()), st)
            log.scalar("charts/action_std", float(std.detach()), st)
            log.scalar("charts/learning_rate", o.param_groups[0]["lr"], st)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates * batch, "rl": True}


def _b30_cosine(warm_frac=0.0, floor=0.0):
    def f(s, total):
        w = int(warm_frac * total)
        if s < w:
            return (s + 1) / w
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * (s - w) / max(1, total - w)))
    return f


def _b30_warm_cosine_abs(warm_steps, span):
    """A warmup over warm_steps, then cosine to 0 at ``span`` optimiser steps (absolute)."""
    def f(s, total):
        if s < warm_steps:
            return (s + 1) / warm_steps
        return 0.5 * (1 + math.cos(math.pi * min(1.0, (s - warm_steps) / (span - warm_steps))))
    return f


def _b30_sgdr(cycles):
    """Cosine warm restarts: ``cycles`` equal cycles over the run, each from the peak to 0."""
    def f(s, total):
        n = max(1, total // cycles)
        return 0.5 * (1 + math.cos(math.pi * (s % n) / n))
    return f


def B30T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind30")


_B30_CLF4 = {"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_informative": 10,
             "class_sep": 1.2}

SCENARIOS += [
    B30T("t_b30_clf4_adamw_amp_skipped_steps", "cosine", ("per_step",),
         "4-class make_classification (3000 train), MLP 128-64, AdamW 2e-3 under a per-step "
         "cosine to 0, batch 32, 16 epochs, loss and LR every step (1504 points), val per "
         "epoch; a mixed-precision-style loss scaler overflows at optimiser steps 210, 611 "
         "and 1033: the logged loss is Inf / NaN there and the update is skipped, then "
         "training carries on normally (meant healthy apart from those three points).",
         _b30_l(data="clf", data_kw=dict(_B30_CLF4), hidden=(128, 64), opt_name="AdamW",
                lr=2e-3, wd=0.01, epochs=16, sched=_b30_cosine(),
                skip_steps=(210, 611, 1033))),
    B30T("t_b30_clf4_adamw_amp_nan_for_good", "cosine", ("per_step",),
         "The same 4-class data, MLP 128-64 and AdamW 2e-3 cosine, 16 epochs, loss and LR "
         "every step, val per epoch, one skipped step (Inf) at 210 like its twin; then at "
         "optimiser step 820 a bad update puts NaN into the weights and every later loss "
         "(train and val) is NaN: a run whose loss goes NaN for good, the look-alike of "
         "t_b30_clf4_adamw_amp_skipped_steps.",
         _b30_l(data="clf", data_kw=dict(_B30_CLF4), hidden=(128, 64), opt_name="AdamW",
                lr=2e-3, wd=0.01, epochs=16, sched=_b30_cosine(), skip_steps=(210,),
                nan_from=820)),
    B30T("t_b30_xor_tanh_small_init_phase_change", "constant", ("per_step",),
         "An XOR task (label = sign(x0 * x1), 2000 train, 8 noise features), a deep tanh MLP "
         "32-32-32 at torch's default init (small weights: a saddle at the start), plain "
         "SGD at a constant 0.05, batch 32, 30 epochs, loss and LR every step, val per "
         "epoch: meant to sit on a plateau at chance (ln 2) for a long stretch and then "
         "drop suddenly to a much lower level (a phase change).",
         _b30_l(data="xor", hidden=(32, 32, 32), act="tanh", init_scale=1.0,
                opt_name="SGD", lr=0.05, epochs=30)),
    B30T("t_b30_reinforce_drifting_gauss_bandit", "cosine", ("rl_like", "per_step"),
         "REINFORCE with a learned baseline on a continuous contextual bandit (Gaussian "
         "policy, reward -(a - w.x)^2, w drifting as a random walk so the baseline's target "
         "keeps moving), Adam 3e-3 with a 5 % warmup then cosine, 3000 updates, CleanRL-style "
         "tags (losses/policy_loss, losses/baseline_loss, charts/mean_reward, "
         "charts/action_std, charts/learning_rate) every 2 updates, the step counted in "
         "samples, no validation: losses not meant to fall (healthy).",
         _b30_reinforce),
    B30T("t_b30_circles_adam_resume_sched_restart", "cosine", ("per_step",),
         "make_circles (2000 train, noise 0.1), MLP 64-64, Adam 1e-2 with a 50-step warmup "
         "then cosine to 0 over the 20 epochs, batch 32, loss and LR every step, val per "
         "epoch; the job dies after epoch 14 and is resumed from the epoch-10 checkpoint of "
         "model and optimizer, but the scheduler is built anew, so the LR warms up to 1e-2 "
         "again and restarts the cosine at the resume (a second event file, the steps go "
         "back).",
         _b30_l(data="circles", hidden=(64, 64), opt_name="Adam", lr=1e-2, epochs=20,
                sched=_b30_warm_cosine_abs(50, 1260), crash_after=14, resume_from=10)),
]

_B30_CLF5 = {"n_train": 3000, "n_val": 1000, "n_classes": 5, "n_informative": 10,
             "class_sep": 1.5}

SCENARIOS += [
    B30T("t_b30_clf5_rmsprop_sgdr_peak3e2", "sgdr", ("restart_wide_spike", "per_step"),
         "5-class make_classification (3000 train), MLP 128-64, RMSprop under cosine warm "
         "restarts (4 equal cycles of 376 steps) from 3e-2 (meant 1e-3), batch 32, 16 epochs, "
         "loss and LR every step, val per epoch: each restart meant to throw the loss up "
         "for dozens of steps, then recover.",
         _b30_l(data="clf", data_kw=dict(_B30_CLF5), hidden=(128, 64), opt_name="RMSprop",
                lr=3e-2, epochs=16, sched=_b30_sgdr(4))),
    B30T("t_b30_clf5_rmsprop_sgdr_peak1e3", "sgdr", ("per_step",),
         "The same 5-class data, MLP 128-64 and 4 warm-restart cycles, RMSprop from 1e-3, "
         "batch 32, 16 epochs, loss and LR every step, val per epoch: gentle restarts "
         "(healthy), the twin of t_b30_clf5_rmsprop_sgdr_peak3e2.",
         _b30_l(data="clf", data_kw=dict(_B30_CLF5), hidden=(128, 64), opt_name="RMSprop",
                lr=1e-3, epochs=16, sched=_b30_sgdr(4))),
    B30T("t_b30_clf5_adagrad_const_1e3", "constant", ("per_step",),
         "The same 5-class data, MLP 128-64, Adagrad at a constant 1e-3 (meant 1e-1; "
         "Adagrad's own step also shrinks as its accumulators grow), batch 32, 16 epochs, "
         "loss and LR every step, val per epoch: an LR far too low, meant to fall far too "
         "slowly from the start.",
         _b30_l(data="clf", data_kw=dict(_B30_CLF5), hidden=(128, 64), opt_name="Adagrad",
                lr=1e-3, epochs=16)),
]


# -- the blind31 split (seventeenth session, built by a helper from the plots only, after
# blind30 had been scored once and its misses read)

def _b31_data(data, seed, **kw):
    """-> (Xtr, ytr, Xva, yva, task). blind30's data sets (digits, clf, moons, circles, xor)
    plus reg (make_regression, unit-variance targets, MSE), seq (runkit.sequences one-hot
    encoded: which of tokens 1 and 2 occurs more often) and unbal (two-class
    make_classification, ``weights`` of the classes); ``n_val`` keeps only that many
    validation examples."""
    import numpy as np

    from benchmarks.corpus import runkit
    n_val = kw.pop("n_val_keep", None)
    task = "clf"
    if data == "reg":
        from sklearn.datasets import make_regression
        n = kw.get("n", 2000)
        x, y = make_regression(n_samples=n, n_features=12, n_informative=8,
                               noise=kw.get("noise", 20.0), random_state=seed)
        x = ((x - x.mean(0)) / x.std(0)).astype("float32")
        y = (y / y.std()).astype("float32")
        cut = int(n * 0.75)
        out = [x[:cut], y[:cut], x[cut:], y[cut:]]
        task = "reg"
    elif data == "seq":
        xt, yt, xv, yv = runkit.sequences(seed, n=kw.get("n", 2400))
        eye = np.eye(12, dtype="float32")
        out = [eye[xt].reshape(len(xt), -1), yt, eye[xv].reshape(len(xv), -1), yv]
    elif data == "unbal":
        from sklearn.datasets import make_classification
        n = kw.get("n", 3000)
        x, y = make_classification(n_samples=n, n_features=20, n_informative=8,
                                   weights=kw.get("weights", [0.9, 0.1]), flip_y=0.01,
                                   class_sep=kw.get("class_sep", 1.0), random_state=seed)
        x = ((x - x.mean(0)) / x.std(0)).astype("float32")
        cut = int(n * 0.75)
        out = [x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")]
    else:
        out = list(_b30_data(data, seed, **kw))
    if n_val:
        out[2], out[3] = out[2][:n_val], out[3][:n_val]
    return out[0], out[1], out[2], out[3], task


def _b31_loop(run_dir, seed, *, writer=W, tags=None, data="digits", data_kw=None,
              hidden=(64,), act="relu", init_scale=1.0, opt_name="SGD", lr=1e-2,
              opt_kw=None, wd=0.0, epochs=20, batch=32, sched=None, sched_every="step",
              log_every=1, clip=None, label_smoothing=0.0, l2=0.0, batch_from=None,
              bad_steps=(), val=True):
    """A hand-written torch loop, logged through common.LOGGERS[writer] with ``tags`` (keys
    loss, val_loss, acc, lr; "tag@sub" puts a tag in a sub-folder).

    ``sched(k, total) -> factor``: a LambdaLR whose step() is called every optimiser step
    (``sched_every="step"``) or once per epoch (``"epoch"``) -- the two scheduler bugs are a
    per-step schedule stepped per epoch and a per-epoch one stepped per batch. ``clip``:
    clip_grad_norm_ at that norm. ``label_smoothing``: of the cross-entropy (the logged and
    validation losses are the smoothed ones). ``l2``: l2 * sum of squared weights added to
    the logged train loss (not to the validation loss). ``batch_from=(epoch, size)``: the
    batch size changes at that epoch. ``bad_steps``: optimiser steps whose batch has its
    labels scrambled (one-step spikes)."""
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn

    from benchmarks.corpus import common
    tags = dict({"loss": "train/loss", "val_loss": "val/loss", "acc": "val/acc",
                 "lr": "lr"}, **(tags or {}))
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(3100 + seed)
    Xtr, ytr, Xva, yva, task = _b31_data(data, seed, **dict(data_kw or {}))
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    n_out = 1 if task == "reg" else int(max(ytr.max(), yva.max())) + 1
    acts = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
    layers, d = [], Xt.shape[1]
    for h in hidden:
        layers += [nn.Linear(d, h), acts[act]()]
        d = h
    layers.append(nn.Linear(d, n_out))
    model = nn.Sequential(*layers)
    if init_scale != 1.0:
        with torch.no_grad():
            for p in model.parameters():
                p.mul_(init_scale)
    o = getattr(torch.optim, opt_name)(model.parameters(), lr=lr, weight_decay=wd,
                                       **(opt_kw or {}))

    def n_batches(ep):
        b = batch_from[1] if batch_from and ep >= batch_from[0] else batch
        return b, int(math.ceil(len(Xt) / b))
    total = sum(n_batches(e)[1] for e in range(epochs))
    sch = None if sched is None else torch.optim.lr_scheduler.LambdaLR(
        o, lambda k: sched(k, total))
    log = common.LOGGERS[writer](run_dir)

    def put(key, value, step):
        t = tags.get(key)
        if not t:
            return
        tg, sub = (t.split("@", 1) + [""])[:2] if "@" in t else (t, "")
        log.scalar(tg, value, step, sub)

    def crit(out, y):
        if task == "reg":
            return F.mse_loss(out.squeeze(1), y)
        return F.cross_entropy(out, y, label_smoothing=label_smoothing)

    t0, va, step = time.time(), [], 0
    for ep in range(epochs):
        model.train()
        b, spe = n_batches(ep)
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for i in range(spe):
            idx = perm[i * b:(i + 1) * b]
            y = yt[idx]
            if step in bad_steps and task != "reg":
                y = (y + 1 + torch.randint(0, n_out - 1, y.shape)) % n_out
            loss = crit(model(Xt[idx]), y)
            if l2:
                loss = loss + l2 * sum((p ** 2).sum() for p in model.parameters()
                                       if p.dim() > 1)
            o.zero_grad()
            loss.backward()
            if clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            if step % log_every == 0:
                put("loss", float(loss.detach()), step)
                put("lr", o.param_groups[0]["lr"], step)
            o.step()
            if sch is not None and sched_every == "step":
                sch.step()
            step += 1
        if sch is not None and sched_every == "epoch":
            sch.step()
        if val:
            model.eval()
            with torch.no_grad():
                out = model(Xv)
                vl = float(crit(out, yv))
                put("val_loss", vl, step)
                if task != "reg":
                    put("acc", float((out.argmax(1) == yv).float().mean()), step)
            va.append(vl)
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": step, "val_loss": [round(v, 4) for v in va[:: max(1, len(va) // 12)]]}


def _b31_l(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b31_loop(run_dir, seed, **_kw)
    return train


def _b31_wsd(warm=0.05, decay=0.15, floor=0.0):
    """Warmup-stable-decay: linear warmup over ``warm`` of the run, constant, then a linear
    decay to ``floor`` over the last ``decay``."""
    def f(s, total):
        w, d0 = max(1, int(warm * total)), int((1 - decay) * total)
        if s < w:
            return (s + 1) / w
        if s < d0:
            return 1.0
        return max(floor, 1.0 - (1 - floor) * (s - d0) / max(1, total - d0))
    return f


def _b31_onecycle(pct=0.3, div=25.0, final=1e4):
    """A one-cycle (cosine up from peak/div over ``pct`` of the run, cosine down to
    peak/final)."""
    def f(s, total):
        up = max(1, int(pct * total))
        if s < up:
            return 1 / div + (1 - 1 / div) * 0.5 * (1 - math.cos(math.pi * s / up))
        t = (s - up) / max(1, total - up)
        return 1 / final + (1 - 1 / final) * 0.5 * (1 + math.cos(math.pi * t))
    return f


def _b31_bandit(run_dir, seed, *, updates=2500, lr=2e-3, batch=64, arms=6):
    """An actor-critic on a 6-armed contextual bandit whose arm means drift (a random walk):
    a softmax policy and a value head on a context vector; the value head regresses the
    reward of the chosen arm (a moving target), the policy loss uses the normalised
    advantage (mean ~0). Adam at a constant LR; tags policy/loss, value/loss, env/reward,
    policy/entropy and optim/lr every 2 updates, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 310)
    dim = 8
    body = nn.Sequential(nn.Linear(dim, 64), nn.Tanh())
    pi, vf = nn.Linear(64, arms), nn.Linear(64, 1)
    o = torch.optim.Adam(list(body.parameters()) + list(pi.parameters()) +
                         list(vf.parameters()), lr=lr)
    W_ = rng.randn(dim, arms).astype("float32") * 0.5
    log = common.TorchLogger(run_dir)
    t0 = time.time()
    for u in range(updates):
        W_ = W_ + 0.02 * rng.randn(dim, arms).astype("float32")
        x = torch.from_numpy(rng.randn(batch, dim).astype("float32"))
        h = body(x)
        dist = torch.distributions.Categorical(logits=pi(h))
        a = dist.sample()
        means = x @ torch.from_numpy(W_)
        r = means[torch.arange(batch), a] + 0.5 * torch.randn(batch)
        v = vf(h).squeeze(1)
        adv = (r - v).detach()
        adv = (adv - adv.mean()) / (adv.std() + 1e-6)
        pl = -(dist.log_prob(a) * adv).mean()
        vl = ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        o.zero_grad()
        (pl + 0.5 * vl - 0.01 * ent).backward()
        o.step()
        if u % 2 == 0:
            log.scalar("policy/loss", float(pl.detach()), u)
            log.scalar("value/loss", float(vl.detach()), u)
            log.scalar("env/reward", float(r.mean()), u)
            log.scalar("policy/entropy", float(ent.detach()), u)
            log.scalar("optim/lr", o.param_groups[0]["lr"], u)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates, "rl": True}


def B31T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind31")


_B31_CLF4 = {"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_informative": 10,
             "class_sep": 1.3}
_B31_CLF6 = {"n_train": 3000, "n_val": 1000, "n_classes": 6, "n_informative": 12,
             "class_sep": 1.5}

SCENARIOS += [
    B31T("t_b31_clf4_adamw_wsd_2e3", "other", ("per_step",),
         "4-class make_classification (3000 train), MLP 128-64, AdamW under a "
         "warmup-stable-decay schedule (linear warmup over 5 % to 2e-3, constant, then a "
         "linear decay to 0 over the last 15 %), batch 32, 20 epochs, loss and LR every "
         "step, val per epoch: meant healthy (the loss flattens in the stable phase and drops "
         "again in the decay).",
         _b31_l(data="clf", data_kw=dict(_B31_CLF4), hidden=(128, 64), opt_name="AdamW",
                lr=2e-3, wd=0.01, epochs=20, sched=_b31_wsd())),
    B31T("t_b31_clf4_adamw_wsd_6e2", "other", ("per_step",),
         "The same 4-class data, MLP 128-64 and warmup-stable-decay schedule, AdamW with the "
         "stable phase at 6e-2 (meant 2e-3), batch 32, 20 epochs, loss and LR every step, "
         "val per epoch: a constant phase far too high, meant to keep the loss bouncing "
         "until the final decay; the twin of t_b31_clf4_adamw_wsd_2e3.",
         _b31_l(data="clf", data_kw=dict(_B31_CLF4), hidden=(128, 64), opt_name="AdamW",
                lr=6e-2, wd=0.01, epochs=20, sched=_b31_wsd())),
    B31T("t_b31_bandit_drifting_arms_ac", "constant", ("rl_like", "per_step"),
         "An actor-critic on a 6-armed contextual bandit whose arm means drift (random walk), "
         "the value head regressing the chosen arm's reward (a moving target), the policy "
         "loss on normalised advantages, Adam at a constant 2e-3, 2500 updates, tags "
         "policy/loss, value/loss, env/reward, policy/entropy, optim/lr every 2 updates, no "
         "validation: losses not meant to fall (healthy).", _b31_bandit),
    B31T("t_b31_xor_tanh6_init03_saddle", "constant", ("per_step",),
         "The XOR task (label = sign(x0 * x1), 2000 train, 8 noise features), a 6-layer tanh "
         "MLP of width 32 with its initial weights scaled by 0.3 (a saddle at the start), "
         "SGD momentum 0.9 at a constant 2e-2, batch 32, 25 epochs, loss and LR every step, "
         "val per epoch: meant to sit exactly at chance (ln 2) with tiny noise for a long "
         "stretch at a moderate LR.",
         _b31_l(data="xor", hidden=(32,) * 6, act="tanh", init_scale=0.3, opt_name="SGD",
                lr=2e-2, opt_kw={"momentum": 0.9}, epochs=25)),
    B31T("t_b31_clf6_sgd_clip1_lr4e1", "cosine", ("per_step",),
         "6-class make_classification (3000 train), MLP 128-128, SGD momentum 0.9 at 0.4 "
         "under a per-step cosine to 0, gradients clipped at norm 1, batch 32, 15 epochs, "
         "loss and LR every step, val per epoch: a high LR tamed by clipping, meant to give "
         "a noisy but steadily falling loss (healthy). It did not: the first half bounced "
         "(val loss up 1.75x) and settled only as the cosine decayed; labelled as that.",
         _b31_l(data="clf", data_kw=dict(_B31_CLF6), hidden=(128, 128), opt_name="SGD",
                lr=0.4, opt_kw={"momentum": 0.9}, epochs=15, clip=1.0,
                sched=lambda s, t: 0.5 * (1 + math.cos(math.pi * s / t)))),
    B31T("t_b31_clf6_sgd_noclip_lr4e1", "cosine", ("per_step",),
         "The same 6-class data, MLP 128-128, SGD momentum 0.9 at 0.4 cosine, batch 32, 15 "
         "epochs, loss and LR every step, val per epoch, without gradient clipping: meant to "
         "spike; the twin of t_b31_clf6_sgd_clip1_lr4e1. It collapsed to chance (ln 6) "
         "after ~150 steps and stayed there; labelled as that.",
         _b31_l(data="clf", data_kw=dict(_B31_CLF6), hidden=(128, 128), opt_name="SGD",
                lr=0.4, opt_kw={"momentum": 0.9}, epochs=15,
                sched=lambda s, t: 0.5 * (1 + math.cos(math.pi * s / t)))),
    B31T("t_b31_clf6_sgd_clip1_lr1e1", "cosine", ("per_step",),
         "The same 6-class data, MLP 128-128, SGD momentum 0.9 at 0.1 under a per-step "
         "cosine to 0, gradients clipped at norm 1, batch 32, 15 epochs, loss and LR every "
         "step, val per epoch: a high-ish LR with clipping, meant to give a noisy but "
         "steadily falling loss (healthy; a second try after t_b31_clf6_sgd_clip1_lr4e1, "
         "whose first half was unstable).",
         _b31_l(data="clf", data_kw=dict(_B31_CLF6), hidden=(128, 128), opt_name="SGD",
                lr=0.1, opt_kw={"momentum": 0.9}, epochs=15, clip=1.0,
                sched=lambda s, t: 0.5 * (1 + math.cos(math.pi * s / t)))),
    B31T("t_b31_moons_sgd_onecycle_peak1e1", "onecycle", ("per_step",),
         "The same make_moons data and MLP 64-64, SGD momentum 0.9 under the same one-cycle "
         "to a peak of 0.1, batch 32, 20 epochs, loss and LR every step, val per epoch: a "
         "healthy one-cycle, the twin of t_b31_moons_sgd_onecycle_peak3.",
         _b31_l(data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), opt_name="SGD",
                lr=0.1, opt_kw={"momentum": 0.9}, epochs=20, sched=_b31_onecycle())),
    B31T("t_b31_seq_n600_adam_const_overfit", "constant", ("per_step",),
         "The synthetic token-sequence task (one-hot encoded) with only 450 training "
         "sequences, MLP 256-256, Adam at a constant 3e-3, batch 16, 50 epochs, loss and LR "
         "every step, val per epoch (150 sequences): meant to overfit (the val loss turning "
         "up while the train loss keeps falling).",
         _b31_l(data="seq", data_kw={"n": 600}, hidden=(256, 256), opt_name="Adam", lr=3e-3,
                epochs=50, batch=16)),
    B31T("t_b31_moons_sgd_onecycle_peak3", "onecycle", ("collapse_no_nan", "per_step"),
         "make_moons (2000 train, noise 0.2), MLP 64-64, SGD momentum 0.9 under a one-cycle "
         "to a peak of 3.0 (meant 3e-2) at 30 % of the run, batch 32, 20 epochs, loss and LR "
         "every step, val per epoch: meant to learn while the LR is low and collapse to "
         "chance (ln 2) at the peak, without NaN, and stay there. It went to NaN on the way "
         "up instead (step 199); labelled as that.",
         _b31_l(data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), opt_name="SGD",
                lr=3.0, opt_kw={"momentum": 0.9}, epochs=20, sched=_b31_onecycle())),
]


# -- the blind32 split (seventeenth session, built by a helper from the plots only, after
# blind31 had been scored once and its misses read)

def _b32_data(data, seed, **kw):
    """-> (Xtr, ytr, Xva, yva, task). blind31's data sets plus "clfreg" (make_classification
    with a second, regression target: a linear function of the features plus noise, unit
    variance; task "multi", y an (n, 2) float array: class, target). ``y_scale`` multiplies a
    regression target (units other than those of a unit-variance MSE); ``n_train_keep`` keeps
    only that many training examples."""
    import numpy as np
    if data == "clfreg":
        from benchmarks.corpus import common
        ckw = {k: v for k, v in kw.items() if k != "y_scale"}
        xt, yt, xv, yv, _ = common.load_data("clf", seed, **ckw)
        w = np.random.RandomState(seed + 320).randn(xt.shape[1]).astype("float32")
        rt = xt @ w + 0.5 * np.random.RandomState(seed + 321).randn(len(xt))
        rv = xv @ w + 0.5 * np.random.RandomState(seed + 322).randn(len(xv))
        sd = rt.std()
        yt2 = np.stack([yt.astype("float32"), (rt / sd).astype("float32")], 1)
        yv2 = np.stack([yv.astype("float32"), (rv / sd).astype("float32")], 1)
        return xt, yt2, xv, yv2, "multi"
    y_scale = kw.pop("y_scale", 1.0)
    n_keep = kw.pop("n_train_keep", None)
    xt, yt, xv, yv, task = _b31_data(data, seed, **kw)
    if n_keep:
        xt, yt = xt[:n_keep], yt[:n_keep]
    if task == "reg":
        yt, yv = yt * y_scale, yv * y_scale
    return xt, yt, xv, yv, task


def _b32_loop(run_dir, seed, *, writer=W, tags=None, data="digits", data_kw=None,
              hidden=(64,), act="relu", opt_name="SGD", lr=1e-2, opt_kw=None, wd=0.0,
              epochs=20, batch=32, sched=None, plateau=None, log_every=1, loss_kind="ce",
              head_mults=None, resume=None, dropout=0.0, bad_steps=(), val=True,
              max_steps=None):
    """A hand-written torch loop, logged through common.LOGGERS[writer] with ``tags`` (keys
    loss, val_loss, acc, lr, lr1; "tag@sub" puts a tag in a sub-folder).

    ``sched(k, total, steps_per_epoch) -> factor``: a LambdaLR stepped every optimiser step.
    ``plateau``: ReduceLROnPlateau kwargs (on the val loss, stepped per epoch). ``loss_kind``:
    ce, mse, huber or l1 (regression), or the sum of a cross-entropy head and a Huber head
    (data "clfreg"). ``head_mults=(m0, m1)``: two LR parameter groups (body + classification
    head at lr*m0, regression head at lr*m1; both logged, "lr" and "lr1"). ``resume=(crash,
    ckpt, restore)``: the job dies at the end of epoch ``crash``; it is resumed (a new
    writer, so a second event file in the same folder) from the checkpoint taken at the end
    of epoch ``ckpt`` -- its steps written again -- with the scheduler's state restored
    (restore=True) or rebuilt from scratch (False: the schedule starts over)."""
    import copy
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn

    from benchmarks.corpus import common
    tags = dict({"loss": "train/loss", "val_loss": "val/loss", "acc": "val/acc",
                 "lr": "lr"}, **(tags or {}))
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(3200 + seed)
    Xtr, ytr, Xva, yva, task = _b32_data(data, seed, **dict(data_kw or {}))
    Xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    Xv, yv = torch.from_numpy(Xva), torch.from_numpy(yva)
    if task == "multi":
        n_out = int(max(ytr[:, 0].max(), yva[:, 0].max())) + 1
    else:
        n_out = 1 if task == "reg" else int(max(ytr.max(), yva.max())) + 1
    acts = {"relu": nn.ReLU, "tanh": nn.Tanh}
    layers, d = [], Xt.shape[1]
    for h in hidden:
        layers += [nn.Linear(d, h), acts[act]()]
        if dropout:
            layers.append(nn.Dropout(dropout))
        d = h
    body = nn.Sequential(*layers)
    head = nn.Linear(d, n_out)
    head2 = nn.Linear(d, 1) if task == "multi" else None
    mods = nn.ModuleList([m for m in (body, head, head2) if m is not None])

    def forward(x):
        h = body(x)
        return head(h), (head2(h) if head2 is not None else None)

    def crit(x, y):
        out, out2 = forward(x)
        if task == "multi":
            return (F.cross_entropy(out, y[:, 0].long()) +
                    F.huber_loss(out2.squeeze(1), y[:, 1])), out
        if task == "reg":
            f = {"mse": F.mse_loss, "huber": F.huber_loss, "l1": F.l1_loss}[loss_kind]
            return f(out.squeeze(1), y), out
        return F.cross_entropy(out, y), out

    def make_opt():
        if head_mults:
            groups = [{"params": list(body.parameters()) + list(head.parameters()),
                       "lr": lr * head_mults[0]},
                      {"params": list(head2.parameters()), "lr": lr * head_mults[1]}]
        else:
            groups = mods.parameters()
        return getattr(torch.optim, opt_name)(groups, lr=lr, weight_decay=wd,
                                              **(opt_kw or {}))
    spe = int(math.ceil(len(Xt) / batch))
    total = spe * epochs if max_steps is None else max_steps

    def make_sched(o):
        if plateau is not None:
            return torch.optim.lr_scheduler.ReduceLROnPlateau(o, **plateau)
        if sched is None:
            return None
        return torch.optim.lr_scheduler.LambdaLR(o, lambda k: sched(k, total, spe))
    o = make_opt()
    sch = make_sched(o)
    log = common.LOGGERS[writer](run_dir)

    def put(key, value, step):
        t = tags.get(key)
        if not t:
            return
        tg, sub = (t.split("@", 1) + [""])[:2] if "@" in t else (t, "")
        log.scalar(tg, value, step, sub)

    t0, va, step, ep, ckpt = time.time(), [], 0, 0, None
    resumed = False
    while ep < epochs and (max_steps is None or step < max_steps):
        mods.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for i in range(spe):
            if max_steps is not None and step >= max_steps:
                break
            idx = perm[i * batch:(i + 1) * batch]
            y = yt[idx]
            if step in bad_steps and task == "clf":
                y = (y + 1 + torch.randint(0, n_out - 1, y.shape)) % n_out
            loss, _ = crit(Xt[idx], y)
            o.zero_grad()
            loss.backward()
            if step % log_every == 0:
                put("loss", float(loss.detach()), step)
                put("lr", o.param_groups[0]["lr"], step)
                if head_mults:
                    put("lr1", o.param_groups[1]["lr"], step)
            o.step()
            if sch is not None and plateau is None:
                sch.step()
            step += 1
        vl = None
        if val:
            mods.eval()
            with torch.no_grad():
                vl_t, out = crit(Xv, yv)
                vl = float(vl_t)
                put("val_loss", vl, step)
                if task != "reg":
                    yc = yv[:, 0].long() if task == "multi" else yv
                    put("acc", float((out.argmax(1) == yc).float().mean()), step)
            va.append(vl)
        if sch is not None and plateau is not None:
            sch.step(vl)
        if resume and not resumed and ep == resume[1]:
            ckpt = (copy.deepcopy(mods.state_dict()), copy.deepcopy(o.state_dict()),
                    None if sch is None else copy.deepcopy(sch.state_dict()), step,
                    rng.get_state())
        if resume and not resumed and ep == resume[0]:
            log.close()  # the job dies; resumed from the last checkpoint
            resumed = True
            mods.load_state_dict(ckpt[0])
            o = make_opt()
            o.load_state_dict(ckpt[1])
            if resume[2]:
                sch = make_sched(o)
                if sch is not None:
                    sch.load_state_dict(ckpt[2])
                    for g, v in zip(o.param_groups, sch.get_last_lr()):
                        g["lr"] = v
            else:  # rebuilt from scratch: the schedule starts again at step 0
                for g, g0 in zip(o.param_groups, make_opt().param_groups):
                    g["lr"] = g0["lr"]
                    g.pop("initial_lr", None)
                sch = make_sched(o)
            step = ckpt[3]
            rng.set_state(ckpt[4])
            ep = resume[1] + 1
            time.sleep(1.1)  # a new event file name (its timestamp)
            log = common.LOGGERS[writer](run_dir)
            continue
        ep += 1
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": step, "val_loss": [round(v, 4) for v in va[:: max(1, len(va) // 12)]]}


def _b32_l(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b32_loop(run_dir, seed, **_kw)
    return train


def _b32_warm_cos(warm_epochs, floor=0.0):
    """Linear warmup over ``warm_epochs`` epochs, then a cosine to ``floor``."""
    def f(k, total, spe):
        w = max(1, int(warm_epochs * spe))
        if k < w:
            return (k + 1) / w
        t = min(1.0, (k - w) / max(1, total - w))
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * t))
    return f


def _b32_cos_tmax(epochs_per_cycle=None):
    """A per-step cosine to 0 whose T_max is ``epochs_per_cycle`` epochs (the LR jumps back to
    its peak at every cycle: CosineAnnealingLR's T_max set to one epoch by mistake); None =
    the whole run."""
    def f(k, total, spe):
        if epochs_per_cycle is None:
            return 0.5 * (1 + math.cos(math.pi * k / total))
        n = epochs_per_cycle * spe
        return 0.5 * (1 + math.cos(math.pi * (k % n) / n))
    return f


def _b32_range(lo, hi):
    """An LR range test: the LR swept exponentially from lo to hi over the run (lr = hi)."""
    def f(k, total, spe):
        return (lo / hi) * (hi / lo) ** (k / max(1, total - 1))
    return f


def _b32_qlearn(run_dir, seed, *, updates=3000, lr=1e-3, batch=64, sync=250, writer=W,
                tags=None):
    """Q-learning with a target network on a random 12-state, 3-action MDP (state features
    8-d, transitions and rewards drawn at random, discount 0.95, epsilon-greedy from 1.0 to
    0.1 over the first half, a replay buffer of 5000). The TD loss (Huber) regresses a target
    that moves at every sync of the target network (every ``sync`` updates). Adam at a
    constant LR; td_loss, q_mean, epsilon, episode reward and the LR every 2 updates, no
    validation."""
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn

    from benchmarks.corpus import common
    tags = dict({"td_loss": "loss/td", "q": "q/mean", "eps": "explore/epsilon",
                 "ret": "env/reward", "lr": "optim/lr"}, **(tags or {}))
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 3210)
    S_, A_ = 12, 3
    feats = rng.randn(S_, 8).astype("float32")
    P = rng.randint(0, S_, size=(S_, A_))
    R = rng.randn(S_, A_).astype("float32")
    q = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, A_))
    qt = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, A_))
    qt.load_state_dict(q.state_dict())
    o = torch.optim.Adam(q.parameters(), lr=lr)
    buf_s, buf_a, buf_r, buf_n = [], [], [], []
    log = common.LOGGERS[writer](run_dir)
    s, t0, ret = 0, time.time(), 0.0
    for u in range(updates):
        eps = max(0.1, 1.0 - 0.9 * u / (updates / 2))
        for _ in range(4):  # four environment steps per update
            with torch.no_grad():
                a = int(rng.randint(A_)) if rng.rand() < eps else \
                    int(q(torch.from_numpy(feats[s:s + 1])).argmax())
            r = float(R[s, a] + 0.3 * rng.randn())
            n = int(P[s, a]) if rng.rand() < 0.9 else int(rng.randint(S_))
            buf_s.append(s)
            buf_a.append(a)
            buf_r.append(r)
            buf_n.append(n)
            ret = 0.99 * ret + 0.01 * r
            s = n
        if len(buf_s) > 5000:
            del buf_s[:-5000], buf_a[:-5000], buf_r[:-5000], buf_n[:-5000]
        j = rng.randint(0, len(buf_s), size=batch)
        xs = torch.from_numpy(feats[np.array(buf_s)[j]])
        xn = torch.from_numpy(feats[np.array(buf_n)[j]])
        a_ = torch.from_numpy(np.array(buf_a)[j])
        r_ = torch.from_numpy(np.array(buf_r, dtype="float32")[j])
        with torch.no_grad():
            target = r_ + 0.95 * qt(xn).max(1).values
        qs = q(xs)
        loss = F.huber_loss(qs.gather(1, a_[:, None]).squeeze(1), target)
        o.zero_grad()
        loss.backward()
        o.step()
        if (u + 1) % sync == 0:
            qt.load_state_dict(q.state_dict())
        if u % 2 == 0:
            for key, v in (("td_loss", float(loss.detach())), ("q", float(qs.mean())),
                           ("eps", eps), ("ret", ret), ("lr", o.param_groups[0]["lr"])):
                log.scalar(tags[key], v, u)
    log.close()
    return {"writer": writer, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates, "rl": True}


def B32T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind32")


_B32_CLF4 = {"n_train": 2400, "n_val": 800, "n_classes": 4, "n_informative": 10,
             "class_sep": 1.2}
_B32_MT = {"n_train": 2400, "n_val": 800, "n_classes": 3, "n_informative": 8,
           "class_sep": 1.2}
_B32_MT_TAGS = {"lr": "lr/pg0_body_cls", "lr1": "lr/pg1_reg_head"}

SCENARIOS += [
    B32T("t_b32_mdp_dqn_target_sync", "constant", ("rl_like", "per_step"),
         "Q-learning with a target network on a random 12-state, 3-action MDP (replay buffer, "
         "epsilon-greedy 1.0 -> 0.1 over the first half), the TD loss (Huber) regressing a "
         "target that moves at every target-network sync (every 250 updates), Adam at a "
         "constant 1e-3, 3000 updates; loss/td, q/mean, explore/epsilon, env/reward and "
         "optim/lr every 2 updates, no validation: a loss not meant to fall (healthy).",
         _b32_qlearn),
    B32T("t_b32_clf4_sgd_resume_sched_rebuilt", "cosine", ("per_step",),
         "4-class make_classification (2400 train), MLP 128-64, SGD momentum 0.9, a 2-epoch "
         "linear warmup to 5e-2 then a per-step cosine to 0 over 24 epochs, batch 32, loss "
         "and LR every step, val per epoch. The job dies at the end of epoch 19 and is "
         "resumed (a second event file in the same folder) from the checkpoint of epoch 17, "
         "its steps written again, but the scheduler is rebuilt from scratch by mistake: the "
         "warmup runs again and the LR goes back to its 5e-2 peak late in the run. (A first "
         "try of the pair at a 0.2 peak bounced through its first half; the peak was "
         "lowered for both before labelling.)",
         _b32_l(data="clf", data_kw=dict(_B32_CLF4), hidden=(128, 64), lr=0.05,
                opt_kw={"momentum": 0.9}, epochs=24, sched=_b32_warm_cos(2),
                resume=(19, 17, False))),
    B32T("t_b32_clf4_sgd_resume_sched_restored", "cosine", ("per_step",),
         "The same 4-class data, MLP 128-64, SGD momentum 0.9, 2-epoch warmup to 5e-2 then "
         "cosine over 24 epochs, the same crash at epoch 19 and resume from the epoch-17 "
         "checkpoint (two event files, steps written again), with the scheduler state "
         "restored: the LR carries on down its cosine (healthy), the twin of "
         "t_b32_clf4_sgd_resume_sched_rebuilt.",
         _b32_l(data="clf", data_kw=dict(_B32_CLF4), hidden=(128, 64), lr=0.05,
                opt_kw={"momentum": 0.9}, epochs=24, sched=_b32_warm_cos(2),
                resume=(19, 17, True))),
    B32T("t_b32_multitask_adam_reg_head_hot", "cosine", ("param_groups", "per_step"),
         "A multi-task model on 3-class make_classification (2400 train) with a second, "
         "regression target: a shared MLP 64-64 body, a classification head and a regression "
         "head, the logged loss the sum of the cross-entropy and the Huber loss; Adam in two "
         "LR parameter groups (body + classification head at 1e-3, the regression head at "
         "3.0 by mistake, both logged), a per-step cosine to 0, batch 32, 20 epochs, loss "
         "and both LRs every step, val (the same sum) per epoch: one head's LR far too high. "
         "(A first try with the regression head at 0.3 gave curves as healthy as the twin's.)",
         _b32_l(data="clfreg", data_kw=dict(_B32_MT), hidden=(64, 64), opt_name="Adam",
                lr=1e-3, head_mults=(1.0, 3000.0), epochs=20, sched=_b32_cos_tmax(),
                tags=dict(_B32_MT_TAGS))),
    B32T("t_b32_multitask_adam_groups_ok", "cosine", ("param_groups", "per_step"),
         "The same multi-task model and data (shared MLP 64-64, classification + regression "
         "heads, the logged loss the sum of cross-entropy and Huber), Adam in two LR "
         "parameter groups (1e-3 and 3e-3 for the regression head), per-step cosine to 0, "
         "batch 32, 20 epochs, loss and both LRs every step, val per epoch: healthy, the "
         "twin of t_b32_multitask_adam_reg_head_hot.",
         _b32_l(data="clfreg", data_kw=dict(_B32_MT), hidden=(64, 64), opt_name="Adam",
                lr=1e-3, head_mults=(1.0, 3.0), epochs=20, sched=_b32_cos_tmax(),
                tags=dict(_B32_MT_TAGS))),
    B32T("t_b32_moons_n80_adam_memorise_overfit", "constant", ("per_step",),
         "make_moons (noise 0.3) with only 80 training points (800 for validation), MLP "
         "256-256, Adam at a constant 3e-3, batch 16, 200 epochs (1000 steps), loss and LR "
         "every step, val per epoch: a tiny training set the model memorises to a loss of "
         "~0, meant to overfit (the val loss turning up while the train loss keeps falling).",
         _b32_l(data="moons", data_kw={"n": 2800, "noise": 0.3, "n_train_keep": 80,
                                       "n_val_keep": 800},
                hidden=(256, 256), opt_name="Adam", lr=3e-3, batch=16, epochs=200)),
    B32T("t_b32_digits_sgd_cosine_tmax_1epoch", "sgdr", ("per_step",),
         "Digits MLP 128, SGD momentum 0.9 at 0.1 under a per-step cosine whose T_max is one "
         "epoch by mistake (meant the whole run): the LR falls to 0 and jumps back to 0.1 at "
         "every epoch, batch 32, 25 epochs, loss and LR every step, val per epoch: meant to "
         "throw the loss up at every restart. It did not: the loss falls smoothly through "
         "the restarts and the val loss is flat at its minimum; labelled as that.",
         _b32_l(data="digits", hidden=(128,), lr=0.1, opt_kw={"momentum": 0.9}, epochs=25,
                sched=_b32_cos_tmax(1))),
]


# -- the blind33 split (seventeenth session, built by a helper from the plots only, after
# blind32 had been scored once and its misses read)

def _b33_a2c_gauss(run_dir, seed, *, updates=3000, lr=7e-4, batch=32, dim=6):
    """A2C-style actor-critic on a continuous contextual bandit: a Gaussian policy (learned
    mean, learned log-std) picks a 1-d action for a context vector, the reward is
    -(a - mu(x))^2 with a target map mu whose weights drift (a random walk), so the value
    head regresses a moving target and the policy loss (normalised advantage) sits around
    0. RMSprop (alpha 0.99, eps 1e-5, the A2C defaults) with the LR annealed linearly to 0
    over the run; CleanRL-style tags losses/value_loss, losses/policy_loss, losses/entropy,
    charts/episodic_return and charts/learning_rate every 2 updates, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 330)
    body = nn.Sequential(nn.Linear(dim, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh())
    mu_head, vf = nn.Linear(64, 1), nn.Linear(64, 1)
    log_std = nn.Parameter(torch.zeros(1))
    params = (list(body.parameters()) + list(mu_head.parameters()) +
              list(vf.parameters()) + [log_std])
    o = torch.optim.RMSprop(params, lr=lr, alpha=0.99, eps=1e-5)
    sch = torch.optim.lr_scheduler.LambdaLR(o, lambda k: 1.0 - k / updates)
    w = rng.randn(dim).astype("float32")
    log = common.LOGGERS[W](run_dir)
    t0, ret = time.time(), None
    for u in range(updates):
        w = w + 0.03 * rng.randn(dim).astype("float32")
        x = torch.from_numpy(rng.randn(batch, dim).astype("float32"))
        h = body(x)
        dist = torch.distributions.Normal(mu_head(h).squeeze(1), log_std.exp())
        a = dist.sample()
        target = torch.tanh(x @ torch.from_numpy(w))
        r = -(a - target) ** 2
        v = vf(h).squeeze(1)
        adv = (r - v).detach()
        adv = (adv - adv.mean()) / (adv.std() + 1e-6)
        pl = -(dist.log_prob(a) * adv).mean()
        vl = 0.5 * ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        o.zero_grad()
        (pl + 0.5 * vl - 0.01 * ent).backward()
        nn.utils.clip_grad_norm_(params, 0.5)
        o.step()
        sch.step()
        rm = float(r.mean())
        ret = rm if ret is None else 0.95 * ret + 0.05 * rm
        if u % 2 == 0:
            for tag, val in (("losses/value_loss", float(vl.detach())),
                             ("losses/policy_loss", float(pl.detach())),
                             ("losses/entropy", float(ent.detach())),
                             ("charts/episodic_return", ret),
                             ("charts/learning_rate", o.param_groups[0]["lr"])):
                log.scalar(tag, val, u)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates, "rl": True}


def _b33_exp_epoch(gamma):
    """ExponentialLR stepped per epoch: gamma ** epoch."""
    def f(k, total, spe):
        return gamma ** (k // spe)
    return f


def _b33_multistep(milestones, gamma=0.1):
    """MultiStepLR at the given epochs."""
    def f(k, total, spe):
        return gamma ** sum(1 for m in milestones if k >= m * spe)
    return f


def _b33_sgdr(cycles, floor=0.0):
    """CosineAnnealingWarmRestarts with ``cycles`` equal per-step cycles over the run."""
    def f(k, total, spe):
        n = max(1, total // cycles)
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * (k % n) / n))
    return f


def _b33_tri(lo_frac, half_epochs):
    """CyclicLR triangular: between lr*lo_frac and lr, ``half_epochs`` epochs each way."""
    def f(k, total, spe):
        n = max(1, int(half_epochs * spe))
        ph = (k % (2 * n)) / n
        t = ph if ph <= 1 else 2 - ph
        return lo_frac + (1 - lo_frac) * t
    return f


def _b33_onecycle(pct=0.3, div=25.0, final=1e4):
    def f(k, total, spe):
        return _b31_onecycle(pct, div, final)(k, total)
    return f


def B33T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind33")


_B33_CLF7 = {"n_train": 2000, "n_val": 800, "n_classes": 7, "n_informative": 12,
             "class_sep": 1.5}

SCENARIOS += [
    B33T("t_b33_a2c_gauss_bandit_rmsprop_anneal", "linear", ("rl_like", "per_step"),
         "A2C-style actor-critic on a continuous contextual bandit (a Gaussian policy, reward "
         "-(a - mu(x))^2 with a drifting target map mu), the value head regressing a moving "
         "target and the policy loss on normalised advantages around 0, RMSprop (alpha 0.99, "
         "eps 1e-5) at 7e-4 annealed linearly to 0 over 3000 updates, grad-norm clip 0.5; "
         "losses/value_loss, losses/policy_loss, losses/entropy, charts/episodic_return and "
         "charts/learning_rate every 2 updates, no validation: losses not meant to fall.",
         _b33_a2c_gauss),
    B33T("t_b33_clf7_nesterov_exp_long_21k", "exponential",
         ("long_noisy", "single_point_spikes", "per_step"),
         "7-class make_classification (2000 train), MLP 32, SGD with Nesterov momentum 0.9 at "
         "2e-2, ExponentialLR gamma 0.99 per epoch, batch 16, 168 epochs = 21,000 steps, loss "
         "and LR every step, val per epoch; three single batches (steps 6000, 13000, 17500) "
         "have their labels scrambled (corrupted batches): a long per-step run with a few "
         "isolated one-step spikes. The val loss also turned up from its best early on "
         "while the train loss kept falling (overfitting); labelled as that.",
         _b32_l(data="clf", data_kw=dict(_B33_CLF7), hidden=(32,), lr=2e-2,
                opt_kw={"momentum": 0.9, "nesterov": True}, batch=16, epochs=168,
                sched=_b33_exp_epoch(0.99), bad_steps=(6000, 13000, 17500))),
    B33T("t_b33_reg_rmsprop_mom_warmup_hot", "constant_warmup", ("per_step",),
         "make_regression (12 features, 1500 train, targets scaled to unit variance, MSE), "
         "MLP 64-64, RMSprop with momentum 0.9, a 3-epoch linear warmup to 3e-2 (meant 3e-4) "
         "then a cosine to 0, batch 32, 20 epochs, loss and LR every step, val per epoch: "
         "a warmup to a far too high peak, meant to throw the loss up near the peak.",
         _b32_l(data="reg", loss_kind="mse", hidden=(64, 64), opt_name="RMSprop", lr=3e-2,
                opt_kw={"momentum": 0.9}, epochs=20, sched=_b32_warm_cos(3))),
    B33T("t_b33_seq_adam_sgdr4_gentle", "sgdr", ("per_step",),
         "The synthetic token-sequence task (one-hot, 1800 train: which of tokens 1 and 2 "
         "occurs more often), MLP 128-64, Adam under SGDR (4 equal per-step cosine cycles, "
         "peak 1e-3, to 0), batch 32, 24 epochs, loss and LR every step, val per epoch: "
         "gentle restarts at a modest peak, meant healthy.",
         _b32_l(data="seq", hidden=(128, 64), opt_name="Adam", lr=1e-3, epochs=24,
                sched=_b33_sgdr(4))),
    B33T("t_b33_circles_sgd_const_5e1_bounce", "constant", ("per_step",),
         "make_circles (2000 train, noise 0.1), MLP 32-32, SGD momentum 0.9 at a constant "
         "0.5 (too high for this model), batch 32, 25 epochs, loss and LR every step, val "
         "per epoch: meant to keep bouncing instead of settling (oscillation).",
         _b32_l(data="circles", data_kw={"noise": 0.1}, hidden=(32, 32), lr=0.5,
                opt_kw={"momentum": 0.9}, epochs=25)),
    B33T("t_b33_digits_sgd_cyclic_tri_ok", "cyclic", ("cyclic_wiggles", "per_step"),
         "Digits MLP 128, SGD momentum 0.9 under a CyclicLR triangular between 5e-3 and 5e-2 "
         "(2 epochs up, 2 down), batch 32, 24 epochs, loss and LR every step, val per epoch: "
         "cyclic LR at a sane range, meant healthy.",
         _b32_l(data="digits", hidden=(128,), lr=5e-2, opt_kw={"momentum": 0.9}, epochs=24,
                sched=_b33_tri(0.1, 2))),
]


# -- the blind34 split (eighteenth session, built by a helper from the plots only, after
# blind33 had been scored once and its misses read)

def _b34_pg_baseline(run_dir, seed, *, updates=2400, lr=1e-3, batch=48, arms=5, dim=8):
    """REINFORCE with a learned baseline on a discrete contextual bandit whose arm rewards
    drift (each arm's weight vector takes a random-walk step every update), so the baseline
    head regresses a moving target and the policy loss (centred advantages) sits around 0.
    Adam at a constant LR; losses/value_loss, losses/policy_loss, losses/entropy,
    charts/mean_reward and charts/learning_rate every update, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 340)
    body = nn.Sequential(nn.Linear(dim, 48), nn.ReLU())
    pi, vf = nn.Linear(48, arms), nn.Linear(48, 1)
    params = list(body.parameters()) + list(pi.parameters()) + list(vf.parameters())
    o = torch.optim.Adam(params, lr=lr)
    wts = rng.randn(arms, dim).astype("float32")
    log = common.LOGGERS[W](run_dir)
    t0, ret = time.time(), None
    for u in range(updates):
        wts = wts + 0.02 * rng.randn(arms, dim).astype("float32")
        x = torch.from_numpy(rng.randn(batch, dim).astype("float32"))
        h = body(x)
        dist = torch.distributions.Categorical(logits=pi(h))
        a = dist.sample()
        mean_r = x @ torch.from_numpy(wts).T
        r = mean_r.gather(1, a[:, None]).squeeze(1) + 0.5 * torch.randn(batch)
        v = vf(h).squeeze(1)
        adv = (r - v).detach()
        adv = adv - adv.mean()
        pl = -(dist.log_prob(a) * adv).mean()
        vl = ((v - r) ** 2).mean()
        ent = dist.entropy().mean()
        o.zero_grad()
        (pl + 0.5 * vl - 0.01 * ent).backward()
        o.step()
        rm = float(r.mean())
        ret = rm if ret is None else 0.95 * ret + 0.05 * rm
        for tag, val in (("losses/value_loss", float(vl.detach())),
                         ("losses/policy_loss", float(pl.detach())),
                         ("losses/entropy", float(ent.detach())),
                         ("charts/mean_reward", ret),
                         ("charts/learning_rate", o.param_groups[0]["lr"])):
            log.scalar(tag, val, u)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates, "rl": True}


def _b34_warm_hold(warm_epochs):
    """Linear warmup over ``warm_epochs`` epochs, then the peak held to the end."""
    def f(k, total, spe):
        w = max(1, int(warm_epochs * spe))
        return min(1.0, (k + 1) / w)
    return f


def B34T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind34")


_B34_CLF3 = {"n_train": 1800, "n_val": 600, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.5}
_B34_CLF4 = {"n_train": 1600, "n_val": 600, "n_classes": 4, "n_informative": 10,
             "class_sep": 3.0}

SCENARIOS += [
    B34T("t_b34_clf3_adagrad_const_1e3_too_low", "constant", ("per_step",),
         "3-class make_classification (1800 train), MLP 64, Adagrad at a constant 1e-3 (far "
         "too low for Adagrad, whose steps also shrink), batch 32, 20 epochs, loss and LR "
         "every step, val per epoch: meant to fall far too slowly from the first steps.",
         _b32_l(data="clf", data_kw=dict(_B34_CLF3), hidden=(64,), opt_name="Adagrad",
                lr=1e-3, epochs=20)),
    B34T("t_b34_clf3_sgdm_const_1e1_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
         "The same 3-class data and MLP 64, SGD momentum 0.9 at a constant 0.1, batch 32, 20 "
         "epochs, loss and LR every step, val per epoch: a fast first epoch then a slow "
         "crawl, meant healthy (the look-alike of t_b34_clf3_adagrad_const_1e3_too_low). The "
         "val loss crept up ~20-30 % from its best in the second half while the train loss "
         "kept falling (a modest overfit); labelled as that.",
         _b32_l(data="clf", data_kw=dict(_B34_CLF3), hidden=(64,), lr=0.1,
                opt_kw={"momentum": 0.9}, epochs=20)),
    B34T("t_b34_clf4_adam_warmcos_long_24k_spikes", "cosine",
         ("long_noisy", "single_point_spikes", "per_step"),
         "4-class make_classification, well separated (class_sep 3, 1600 train), MLP 64, "
         "Adam at 1e-3 with a 1-epoch warmup then a per-step cosine to 0, batch 16, 240 "
         "epochs = 24,000 steps, loss and LR every step, val per epoch; three single batches "
         "(steps 7000, 15000, 21000) have their labels scrambled when the loss is already "
         "near 0: a long run with a few isolated one-step spikes.",
         _b32_l(data="clf", data_kw=dict(_B34_CLF4), hidden=(64,), opt_name="Adam", lr=1e-3,
                batch=16, epochs=240, sched=_b32_warm_cos(1),
                bad_steps=(7000, 15000, 21000))),
    B34T("t_b34_seq_sgdm_cos_near0_ok", "cosine", ("per_step",),
         "The synthetic token-sequence task (one-hot, 1800 train), MLP 128, SGD momentum 0.9 "
         "at 5e-2 under a per-step cosine to 0, batch 16, 26 epochs (~2900 steps), loss and "
         "LR every step, val per epoch: the loss goes near 0 with plain minibatch noise and "
         "no corrupted batch, meant healthy (the look-alike of the spiky long run).",
         _b32_l(data="seq", hidden=(128,), lr=5e-2, opt_kw={"momentum": 0.9}, batch=16,
                epochs=26, sched=_b32_cos_tmax(None))),
    B34T("t_b34_reg_n150_adamw_const_overfit", "constant", ("per_step",),
         "make_regression (12 features, unit-variance targets, MSE) with only 150 training "
         "examples kept, MLP 128-128, AdamW (weight decay 1e-2) at a constant 3e-3, batch 16, "
         "150 epochs (1500 steps), loss and LR every step, val per epoch: meant to overfit "
         "modestly (val loss turning up while the train loss keeps falling). It did not: the "
         "val loss stayed flat at its floor (the train loss drifting near 0); labelled as "
         "that.",
         _b32_l(data="reg", data_kw={"n_train_keep": 150}, loss_kind="mse",
                hidden=(128, 128), opt_name="AdamW", lr=3e-3, wd=1e-2, batch=16,
                epochs=150)),
    B34T("t_b34_pg_baseline_drift_bandit_adam", "constant", ("rl_like", "per_step"),
         "REINFORCE with a learned baseline on a 5-armed contextual bandit whose arm rewards "
         "drift every update (the baseline head regresses a moving target, the policy loss "
         "on centred advantages sits around 0), Adam at a constant 1e-3, batch 48, 2400 "
         "updates, losses/value_loss, losses/policy_loss, losses/entropy, "
         "charts/mean_reward and charts/learning_rate every update, no validation: losses "
         "not meant to fall.", _b34_pg_baseline),
]

# -- the blind35 split (eighteenth session, built by a helper from the plots only, after
# blind34 had been scored once and its misses read)

def _b35_td_drift(run_dir, seed, *, updates=3000, lr=5e-3, batch=32, states=10, dim=6,
                  step_every=1000, gamma_lr=0.5):
    """TD(0) value learning plus a softmax policy on a random 10-state Markov reward process
    whose per-state rewards drift (a random-walk step every update): the value head
    regresses a bootstrapped, moving target (discount 0.9) and the policy loss (advantages
    centred in the batch) sits around 0. SGD momentum 0.9 under a StepLR (x``gamma_lr``
    every ``step_every`` updates); losses/td_loss, losses/policy_loss, losses/entropy,
    charts/mean_reward and charts/learning_rate every update, no validation."""
    import time

    import numpy as np
    import torch
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed + 350)
    feats = torch.from_numpy(rng.randn(states, dim).astype("float32"))
    trans = rng.dirichlet(np.ones(states) * 0.5, size=(states, 3)).astype("float64")
    rew = rng.randn(states, 3).astype("float32")
    body = nn.Sequential(nn.Linear(dim, 32), nn.Tanh())
    pi, vf = nn.Linear(32, 3), nn.Linear(32, 1)
    params = list(body.parameters()) + list(pi.parameters()) + list(vf.parameters())
    o = torch.optim.SGD(params, lr=lr, momentum=0.9)
    sch = torch.optim.lr_scheduler.StepLR(o, step_size=step_every, gamma=gamma_lr)
    log = common.LOGGERS[W](run_dir)
    t0, ret = time.time(), None
    s = rng.randint(0, states, size=batch)
    for u in range(updates):
        rew = rew + 0.03 * rng.randn(states, 3).astype("float32")
        x = feats[s]
        h = body(x)
        dist = torch.distributions.Categorical(logits=pi(h))
        a = dist.sample()
        an = a.numpy()
        r = torch.from_numpy(rew[s, an] + 0.3 * rng.randn(batch).astype("float32"))
        s2 = np.array([rng.choice(states, p=trans[si, ai]) for si, ai in zip(s, an)])
        v = vf(h).squeeze(1)
        with torch.no_grad():
            target = r + 0.9 * vf(body(feats[s2])).squeeze(1)
        adv = (target - v).detach()
        adv = adv - adv.mean()
        pl = -(dist.log_prob(a) * adv).mean()
        vl = ((v - target) ** 2).mean()
        ent = dist.entropy().mean()
        o.zero_grad()
        (pl + 0.5 * vl - 0.01 * ent).backward()
        o.step()
        sch.step()
        s = s2
        rm = float(r.mean())
        ret = rm if ret is None else 0.95 * ret + 0.05 * rm
        for tag, val in (("losses/td_loss", float(vl.detach())),
                         ("losses/policy_loss", float(pl.detach())),
                         ("losses/entropy", float(ent.detach())),
                         ("charts/mean_reward", ret),
                         ("charts/learning_rate", o.param_groups[0]["lr"])):
            log.scalar(tag, val, u)
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2),
            "steps": updates, "rl": True}


def B35T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind35")


_B35_CLF12 = {"n_train": 3200, "n_val": 1000, "n_classes": 12, "n_informative": 14,
              "class_sep": 2.0}
_B35_CLF7 = {"n_train": 2100, "n_val": 700, "n_classes": 7, "n_informative": 10,
             "class_sep": 1.5}

SCENARIOS += [
    B35T("t_b35_clf12_sgdnest_multistep_long_20k", "multistep", ("long_noisy", "per_step"),
         "12-class make_classification (3200 train, class_sep 2), MLP 32, SGD with Nesterov "
         "momentum 0.9 at 2e-2 and weight decay 5e-4, MultiStepLR x0.1 at epochs 100 and 150, "
         "batch 32, 200 epochs = 20,000 steps, loss and LR every step, val per epoch: a long "
         "per-step run with no corrupted batch, meant healthy.",
         _b32_l(data="clf", data_kw=dict(_B35_CLF12), hidden=(32,), lr=2e-2, wd=5e-4,
                opt_kw={"momentum": 0.9, "nesterov": True}, epochs=200,
                sched=_b33_multistep((100, 150), 0.1))),
    B35T("t_b35_td_drift_mrp_sgdm_step", "step", ("rl_like", "per_step"),
         "TD(0) value learning plus a softmax policy on a random 10-state Markov reward "
         "process whose rewards drift every update (the value head regresses a bootstrapped "
         "moving target, the policy loss on centred advantages sits around 0), SGD momentum "
         "0.9 at 5e-3 under StepLR x0.5 every 1000 updates, batch 32, 3000 updates; "
         "losses/td_loss, losses/policy_loss, losses/entropy, charts/mean_reward and "
         "charts/learning_rate every update, no validation: losses not meant to fall.",
         _b35_td_drift),
    B35T("t_b35_moons_sgdm_range_test_1e5_10", "range_test", ("range_test", "per_step"),
         "LR range test: make_moons (noise 0.2), MLP 64-64, SGD momentum 0.9, the LR swept "
         "exponentially from 1e-5 to 10 (6 decades) over 400 steps, batch 32, loss and LR "
         "every step, no validation: meant to fall in the middle of the sweep and blow up "
         "at the top.",
         _b32_l(data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), lr=10.0,
                opt_kw={"momentum": 0.9}, epochs=20, val=False, max_steps=400,
                sched=_b32_range(1e-5, 10.0))),
    B35T("t_b35_clfreg_adam_groups_head01_cos", "cosine", ("param_groups", "per_step"),
         "make_classification with a second, regression target (a cross-entropy head plus a "
         "Huber head), MLP 64-64, Adam in two LR parameter groups (body and class head at "
         "2e-3, regression head at 2e-4), a per-step cosine to 0, batch 32, 20 epochs, "
         "loss and both LRs (lr/pg0_body_cls, lr/pg1_reg_head) every step, val per epoch: "
         "several groups, meant healthy.",
         _b32_l(data="clfreg", data_kw={"n_train": 1600, "n_val": 600, "n_classes": 3,
                                        "n_informative": 8, "class_sep": 1.5},
                hidden=(64, 64), opt_name="Adam", lr=2e-3, head_mults=(1.0, 0.1),
                tags=dict(_B32_MT_TAGS), epochs=20, sched=_b32_cos_tmax(None))),
    B35T("t_b35_digits_sgdm_resume_restore_cos", "cosine", ("per_step",),
         "Digits MLP 128, SGD momentum 0.9 at 5e-2 under a per-step cosine to 0, batch 32, "
         "24 epochs, loss and LR every step, val per epoch; the job dies at the end of "
         "epoch 14 and is resumed from the checkpoint of epoch 10 with the scheduler state "
         "restored (epochs 11-14 written again, a second event file): a restarted run, "
         "meant healthy.",
         _b32_l(data="digits", hidden=(128,), lr=5e-2, opt_kw={"momentum": 0.9}, epochs=24,
                sched=_b32_cos_tmax(None), resume=(14, 10, True))),
    B35T("t_b35_clf7_adamw_wd1e1_onecycle_3e1_collapse", "onecycle",
         ("collapse_no_nan", "per_step"),
         "7-class make_classification (2100 train), MLP 64-64, AdamW (weight decay 0.1) "
         "under a one-cycle to a peak of 0.3 (meant 3e-3) at 30 % of the run, batch 32, 20 "
         "epochs, loss and LR every step, val per epoch: meant to learn while the LR is low "
         "and collapse to chance (ln 7) near the peak, without NaN, and stay there.",
         _b32_l(data="clf", data_kw=dict(_B35_CLF7), hidden=(64, 64), opt_name="AdamW",
                lr=0.3, wd=0.1, epochs=20, sched=_b33_onecycle())),
]

def main(argv=None) -> int:
    from benchmarks.corpus import runkit
    return runkit.module_main("python -m benchmarks.corpus.sc_torch", SCENARIOS, argv)


if __name__ == "__main__":
    import sys
    sys.exit(main())
