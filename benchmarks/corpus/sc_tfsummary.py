"""Corpus scenarios logged with ``tf.summary.create_file_writer`` / ``tf.summary.scalar``.

Custom training loops (the model is a small torch model; the logging is tf.summary's, the
way a custom loop logs), in three naming styles seen in the wild:

* the TensorFlow tutorial: ``train/`` and ``test/`` writers, tags ``loss``, ``accuracy``
  (and ``learning_rate`` in the train writer, when logged);
* YOLO-style: ``train/box_loss``, ``train/cls_loss``, ``val/box_loss``, ``val/cls_loss``,
  ``metrics/mAP50`` and the LR of three parameter groups as ``x/lr0``, ``x/lr1``, ``x/lr2``
  (a two-head model: class + ink centre-of-mass "box" regression on digits);
* RL (ML-Agents names): ``Policy/Learning Rate``, ``Losses/Value Loss``,
  ``Losses/Policy Loss``, ``Policy/Entropy``, ``Environment/Cumulative Reward``.
"""

from __future__ import annotations

import dataclasses

from benchmarks.corpus.common import Cfg, noise_ramp, rl_scenario, scenario

W = "tfsummary"
TUT = {"loss": "loss@train", "val_loss": "loss@test", "acc": "accuracy@test",
       "lr": "learning_rate@train"}
YOLO = {"loss_box": "train/box_loss", "loss_cls": "train/cls_loss",
        "val_loss_box": "val/box_loss", "val_loss_cls": "val/cls_loss",
        "acc": "metrics/mAP50", "lr": "x/lr{i}"}
PLAIN = {"loss": "train/loss", "val_loss": "val/loss", "acc": "val/accuracy",
         "lr": "train/learning_rate"}


def S(name, family, classes, story, cfg, tags=TUT, **kw):
    cfg.tags = dict(tags, **cfg.tags)
    return scenario(name, W, family, classes, story, cfg, **kw)


def E(**kw):
    return Cfg(log="epoch", step_axis="epoch", **kw)


SCENARIOS = [
    S("f_yolo_closemosaic", "linear", ("train_flat_val_improves", "param_groups", "per_epoch"),
      "YOLO-style two-head model on digits, SGD 0.01, 3-epoch warmup then linear decay, three "
      "param groups (x/lr0..2); the input-noise augmentation grows over the run (0.3 -> 0.9), "
      "so the training losses flatten while the clean validation losses keep falling. (First "
      "try, SGD 0.02 and noise 0.3 -> 1.6, made the training loss rise.)",
      E(model="yolo", lr=0.01, groups=(1.0, 1.0, 1.0), epochs=30, aug=noise_ramp(0.3, 0.9),
        sched=("linear", {"warmup": 66})), tags=YOLO),
    S("f_zero_lr_yolo", "constant_warmup", ("zero_lr", "param_groups", "per_epoch"),
      "YOLO-style two-head model, SGD 0.005, warmup over 40 % then a scheduler bug sets every "
      "group's LR (x/lr0..2) to exactly 0 for the last 60 %: loss stalls, val repeats.",
      E(model="yolo", lr=0.005, groups=(1.0, 1.0, 1.0), epochs=25,
        sched=("zero_bug", {"warmup": 220})), tags=YOLO),
    rl_scenario("f_rl_mlagents", W,
                {"lr": "Policy/Learning Rate", "value_loss": "Losses/Value Loss",
                 "policy_loss": "Losses/Policy Loss", "entropy": "Policy/Entropy",
                 "return": "Environment/Cumulative Reward"},
                "A2C on a 12-cell corridor (ML-Agents names), Adam 3e-3 annealed linearly: "
                "value loss rises as returns appear, policy loss wanders, reward climbs.",
                every=2),
    S("f_chance_from_start", "cosine", ("chance_from_start", "per_step"),
      "Digits MLP 64-64, Adam at 0.3 (far too high) with cosine decay, tutorial writers: the "
      "loss never leaves chance level (ln 10) or sits above it.",
      Cfg(hidden=(64, 64), opt="adam", lr=0.3, epochs=15, sched=("cosine", {}))),
    S("f_transformer_crawl", "constant", ("fast_start_crawl", "per_step"),
      "Tiny transformer on majority-token sequences, Adam 3e-2, no warmup, constant LR, 12 "
      "epochs: a fast first drop, then a crawl.",
      Cfg(data="seq", model="transformer", opt="adam", lr=3e-2, epochs=12), tags=PLAIN),
    S("f_cyclic", "cyclic", ("collapse_no_nan", "per_step"),
      "Digits convnet, SGD, CyclicLR triangular2 0.01..0.3, half-cycle 3 epochs. Meant as "
      "healthy wiggles; the plots show a collapse to chance (ln 10) at the first LR peak.",
      Cfg(model="conv", lr=0.05, epochs=24, sched=("cyclic", {
          "base_lr": 0.01, "max_lr": 0.3, "step_size_up": 66, "mode": "triangular2"})),
      tags=PLAIN),
    S("f_cyclic_gentle", "cyclic", ("cyclic_wiggles", "per_step"),
      "Digits MLP, SGD, CyclicLR triangular2 0.01..0.15, half-cycle 3 epochs: wiggles that "
      "follow the LR while trend and val fall.",
      Cfg(lr=0.05, epochs=24, sched=("cyclic", {
          "base_lr": 0.01, "max_lr": 0.15, "step_size_up": 66, "mode": "triangular2"})),
      tags=PLAIN),
    S("f_warmup_constant", "constant_warmup", ("per_step",),
      "TF-tutorial writers (train/, test/), digits MLP, Adam 1e-3 after a 100-step warmup, 15 "
      "epochs, loss every step.",
      Cfg(opt="adam", lr=1e-3, epochs=15, sched=("warmup_constant", {"warmup": 100}))),
    S("f_onecycle_tiny", "onecycle", ("tiny", "per_step"),
      "Digits convnet, SGD, OneCycleLR max 0.1 over 4 epochs, loss every step. (First try, "
      "max 0.3, bounced through the peak and did not converge.)",
      Cfg(model="conv", lr=0.1, epochs=4, sched=("onecycle", {})), tags=PLAIN),
    S("f_range_test", "range_test", ("range_test", "per_step"),
      "LR range test on a regression (targets around 300, MSE), SGD, LR exponential 1e-7 -> 1 "
      "over 250 steps, no validation.",
      Cfg(data="reg", data_kw={"n_train": 4000}, lr=1.0, momentum=0.0, epochs=10, val=False,
          acc=False, max_steps=250, sched=("range", {"lo": 1e-7, "hi": 1.0, "steps": 250})),
      tags=PLAIN),
    S("f_memorize", "cosine", ("per_epoch",),
      "4-class make_classification, 400 train, 25 % flipped labels, MLP 256-256, Adam 2e-3 "
      "cosine, 80 epochs per epoch: memorises the noisy labels.",
      E(data="clf", data_kw={"n_train": 400, "n_val": 1000, "n_classes": 4, "flip_y": 0.25,
                             "n_features": 30, "n_informative": 6},
        hidden=(256, 256), opt="adam", lr=2e-3, epochs=80, sched=("cosine", {}),
        train_acc=True, tags={"train_acc": "accuracy@train"})),
    S("f_lr_too_low", "linear", ("per_step",),
      "Digits convnet, plain SGD starting at 5e-4 with linear decay, 20 epochs.",
      Cfg(model="conv", lr=5e-4, momentum=0.0, epochs=20, sched=("linear", {"warmup": 1}))),
    S("f_decay_aggressive", "step", ("per_epoch",),
      "Digits MLP, SGD 0.01, StepLR x0.1 every epoch: the LR is 1e-6 of its start by epoch 6.",
      E(lr=0.01, momentum=0.0, epochs=20, sched=("step", {"step_size": 1, "gamma": 0.1}))),
    S("f_leakage", "cosine", ("per_epoch",),
      "Digits, 30 % of training labels noise, validation = 400 training images with clean "
      "labels (a leak); MLP 32, SGD 0.05 cosine, weight decay, 15 epochs per epoch.",
      E(data="leaky_digits", hidden=(32,), lr=0.05, wd=1e-3, epochs=15,
        sched=("cosine", {}))),
    S("f_oscillation", "constant", ("per_step",),
      "Digits MLP 256, Adam 0.02 constant (too high), batch 16, 8 epochs, loss every step.",
      Cfg(hidden=(256,), opt="adam", lr=0.02, batch=16, epochs=8), tags=PLAIN),
    S("f_no_lr", "cosine", ("per_epoch",),
      "TF-tutorial writers without LR logging: digits MLP, Adam 1e-3 cosine, 20 epochs.",
      E(opt="adam", lr=1e-3, epochs=20, log_lr=False, sched=("cosine", {}))),
    S("f_flat_last_jump", "constant", ("flat_then_last_jump", "per_epoch"),
      "Digits MLP (64) whose ReLUs all start dead (bias -20): flat at ln 10 for 30 epochs; the "
      "last epoch's inputs come from a corrupted shard (x23) and its loss jumps.",
      E(hidden=(64,), model_kw={"dead_bias": -20.0}, lr=0.05, epochs=30,
        bad_epoch_scale=(29, 23.0))),
    S("f_warmup_spike", "linear", ("per_step",),
      "Digits MLP 128, Adam, a short 50-step warmup to a 0.03 peak then linear decay: a burst "
      "at the peak, then recovery.",
      Cfg(hidden=(128,), opt="adam", lr=0.03, epochs=20, sched=("linear", {"warmup": 50})),
      tags=PLAIN),
]


# -- the holdout split (added after the test split was scored; labelled from the plots only)

def H(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="holdout")


SCENARIOS += [
    H("f_ho_rlrop_clf", "plateau", ("per_epoch",),
      "Two-class make_classification (5 % flipped labels, 4000 train), MLP 32, Adam 3e-3, "
      "ReduceLROnPlateau x0.5 patience 2 on val loss, batch 48, 30 epochs per epoch, "
      "tutorial writers. (First try, 1800 train and MLP 64-64, overfitted from epoch 4.)",
      E(data="clf", data_kw={"n_train": 4000, "n_val": 900, "flip_y": 0.05, "n_features": 24,
                             "n_informative": 10},
        hidden=(32,), opt="adam", lr=3e-3, batch=48, epochs=30,
        sched=("plateau", {"factor": 0.5, "patience": 2}))),
    H("f_ho_inverse_sqrt_seq", "inverse_sqrt", ("per_step",),
      "Tiny transformer (d=24) on majority-token sequences (vocab 8, length 14), AdamW 2e-3, "
      "150 warmup steps then inverse-sqrt decay, batch 48, 10 epochs, loss every 2 steps.",
      Cfg(data="seq", data_kw={"vocab": 8, "length": 14, "n_train": 2400, "n_val": 600},
          model="transformer", model_kw={"d_model": 24}, opt="adamw", lr=2e-3, batch=48,
          epochs=10, log_every=2, sched=("inverse_sqrt", {"warmup": 150})), tags=PLAIN),
    H("f_ho_aug_ramp", "cosine", ("train_flat_val_improves", "per_epoch"),
      "Digits MLP 128, Adam 1e-3 cosine, 24 epochs per epoch; the input-noise augmentation "
      "ramps from 0 to 0.7 sd, so the training loss flattens while the clean validation loss "
      "keeps falling. (First try, 0 -> 1.2 sd over 20 epochs, made the training loss rise.)",
      E(hidden=(128,), opt="adam", lr=1e-3, epochs=24, aug=noise_ramp(0.0, 0.7),
        sched=("cosine", {}))),
    H("f_ho_nan_bump", "other", ("per_step",),
      "make_regression with targets around 50 (MSE), MLP 32-32, SGD 2e-4 momentum 0.9, batch "
      "32; a resume at epoch 6 multiplies the LR by 30: the loss blows up to NaN.",
      Cfg(data="reg", data_kw={"n_train": 1200, "n_val": 400, "offset": 50.0, "scale": 0.5},
          hidden=(32, 32), lr=2e-4, batch=32, epochs=16, acc=False,
          sched=("bump", {"at_epoch": 6, "mult": 30.0})), tags=PLAIN),
    H("f_ho_bad_batches", "cosine", ("single_point_spikes", "per_step"),
      "4-class make_classification, 3000 train, MLP 64, Adam 2e-3 cosine, batch 50, 30 epochs "
      "= 1800 steps logged every step; the batches at steps 500, 1100 and 1500 have scrambled "
      "labels (corrupted shard): one-step spikes.",
      Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_features": 20,
                               "n_informative": 10},
          hidden=(64,), opt="adam", lr=2e-3, batch=50, epochs=30, sched=("cosine", {}),
          bad_steps=(500, 1100, 1500)), tags=PLAIN, seeds=(1, 2)),
    H("f_ho_lr_too_low", "exponential", ("per_step",),
      "5-class make_classification, MLP 64-64, plain SGD 3e-3 with ExponentialLR 0.99 per "
      "epoch, batch 32, 25 epochs, loss every 2 steps: far too small a step. (First try, 1e-3, "
      "barely moved the training loss.)",
      Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5, "n_features": 30,
                               "n_informative": 12},
          hidden=(64, 64), lr=3e-3, momentum=0.0, batch=32, epochs=25, log_every=2,
          sched=("exponential", {"gamma": 0.99}))),
    H("f_ho_transformer_crawl", "constant", ("fast_start_crawl", "per_step"),
      "Tiny transformer on majority-token sequences (vocab 8, length 16), Adam 2e-2 constant, "
      "no warmup, batch 48, 10 epochs.",
      Cfg(data="seq", data_kw={"vocab": 8, "length": 16}, model="transformer", opt="adam",
          lr=2e-2, batch=48, epochs=10), tags=PLAIN),
]


# -- the fresh split (added after the holdout split was scored; labelled from the plots only)

def FR(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="fresh")


SCENARIOS += [
    FR("f_fr_exponential_conv", "exponential", ("per_step",),
       "Digits convnet, SGD 0.03 momentum 0.9, ExponentialLR 0.85 per epoch, batch 32, 15 "
       "epochs, loss every 4 steps.",
       Cfg(model="conv", lr=0.03, batch=32, epochs=15, log_every=4,
           sched=("exponential", {"gamma": 0.85})), tags=PLAIN),
    FR("f_fr_rlrop_digits", "plateau", ("per_epoch",),
       "Digits with 8 % noisy training labels, MLP 48, SGD 0.1 momentum 0.9, weight decay "
       "5e-4, ReduceLROnPlateau x0.5 patience 1 on val loss, 25 epochs logged per epoch, "
       "tutorial writers.",
       E(data_kw={"label_noise": 0.08}, hidden=(48,), lr=0.1, wd=5e-4, epochs=25,
         sched=("plateau", {"factor": 0.5, "patience": 1}))),
    FR("f_fr_step_digits", "step", ("per_step",),
       "Digits MLP 80, SGD 0.08 momentum 0.8, StepLR x0.4 every 4 epochs, batch 40, 16 epochs, "
       "loss every step, tutorial writers.",
       Cfg(hidden=(80,), lr=0.08, momentum=0.8, batch=40, epochs=16,
           sched=("step", {"step_size": 4, "gamma": 0.4}))),
    FR("f_fr_sgdr_conv", "sgdr", ("restart_wide_spike", "per_step"),
       "Digits convnet, Adam, CosineAnnealingWarmRestarts peak 6e-2 every 4 epochs (140 "
       "steps), batch 40, 24 epochs, loss every step: each restart should throw the converged "
       "loss up for dozens of steps, then it recovers.",
       Cfg(model="conv", opt="adam", lr=6e-2, batch=40, epochs=24,
           sched=("sgdr", {"T_0": 140})), tags=PLAIN),
    FR("f_fr_zero_lr_step", "step", ("zero_lr", "per_epoch"),
       "5-class make_classification, MLP 64, plain SGD 0.01, StepLR(step_size=10, gamma=0.0) "
       "(a config typo, gamma 0 instead of 0.1): the LR is exactly 0 for the second half of "
       "20 epochs while the loss is still falling; per epoch, tutorial writers.",
       E(data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5, "n_features": 24,
                              "n_informative": 12},
         hidden=(64,), lr=0.01, momentum=0.0, epochs=20,
         sched=("step", {"step_size": 10, "gamma": 0.0})), seeds=(1, 2)),
    FR("f_fr_plateau_linear6", "constant", ("per_step",),
       "6-class make_classification with 3 clusters per class (far from linearly separable), a "
       "linear softmax model, Adam 2e-2 constant, batch 64, 25 epochs, loss every 2 steps: "
       "learns in the first steps, then train and val stall at a high loss. (First tries, "
       "digits through a 2-unit ReLU bottleneck, kept falling slowly to the end.)",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 6, "clusters": 3,
                                "n_features": 16, "n_informative": 6, "n_redundant": 0},
           hidden=(), opt="adam", lr=2e-2, epochs=25, log_every=2), tags=PLAIN),
]


# -- the blind split (fourth session; labelled from the plots only)

def BL(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind")


SCENARIOS += [
    BL("f_bl_fast_crawl_mlp", "constant", ("fast_start_crawl", "per_step"),
       "5-class make_classification (4000 train), MLP 128-64, Adam at a constant 1e-2, batch "
       "64, 15 epochs, loss every step, tutorial writers: a fast first drop, then a slow crawl.",
       Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 5,
                                "n_features": 30, "n_informative": 14, "class_sep": 0.9},
           hidden=(128, 64), opt="adam", lr=1e-2, epochs=15)),
    BL("f_bl_lr_too_low_cosine", "cosine", ("per_step",),
       "Digits MLP 64, Adam 1e-5 with cosine decay (about 100x too low), batch 64, 20 epochs, "
       "loss every 2 steps, tutorial writers: the loss barely moves from the first step.",
       Cfg(opt="adam", lr=1e-5, epochs=20, log_every=2, sched=("cosine", {}))),
    BL("f_bl_plateau_linear8", "constant", ("per_step",),
       "8-class make_classification (2 clusters per class, 4 informative of 12 features), a "
       "linear softmax model, SGD 0.1 momentum 0.9 constant, batch 64, 30 epochs, loss every "
       "4 steps: meant to learn in the first steps, then stall with val stalled too.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8, "clusters": 2,
                                "n_features": 12, "n_informative": 4, "n_redundant": 0},
           hidden=(), lr=0.1, epochs=30, log_every=4), tags=PLAIN),
    BL("f_bl_decay_multistep_seq", "multistep", ("per_step",),
       "Tiny transformer on majority-token sequences (vocab 6, length 12), AdamW 1e-3, "
       "MultiStepLR x0.01 at epochs 2 and 4 (meant x0.1 at 20 and 40), batch 32, 14 epochs, "
       "loss every 2 steps: the LR is 1e-4 of its start by epoch 4 while the loss is still "
       "falling fast.",
       Cfg(data="seq", model="transformer", opt="adamw", lr=1e-3, batch=32, epochs=14,
           log_every=2, sched=("multistep", {"milestones": [2, 4], "gamma": 0.01})),
       tags=PLAIN),
    BL("f_bl_acc_drop_bump", "other", ("per_epoch",),
       "Digits convnet, SGD 0.01 momentum 0.9; a resume at epoch 8 of 20 sets the LR 12x "
       "higher (0.12), logged per epoch, tutorial writers: meant to lose validation accuracy "
       "after the resume without a collapse to chance.",
       E(model="conv", lr=0.01, epochs=20, sched=("bump", {"at_epoch": 8, "mult": 12.0}))),
    BL("f_bl_warmup_constant_clf", "constant_warmup", ("per_step",),
       "3-class make_classification (5000 train), MLP 48, SGD momentum 0.9, 150-step warmup "
       "to 0.03 then constant, batch 50, 12 epochs, loss every 3 steps, tutorial writers.",
       Cfg(data="clf", data_kw={"n_train": 5000, "n_val": 1000, "n_classes": 3,
                                "n_features": 20, "n_informative": 10, "class_sep": 1.2},
           hidden=(48,), lr=0.03, batch=50, epochs=12, log_every=3,
           sched=("warmup_constant", {"warmup": 150}))),
    BL("f_bl_cyclic_reg", "cyclic", ("cyclic_wiggles", "per_step"),
       "make_regression (targets scaled to ~unit size, noise 5), MLP 64-64, MSE, Adam with a "
       "triangular CyclicLR 1e-4..1e-2 and 3-epoch half cycles, batch 32, 18 epochs, loss "
       "every step: wiggles that follow the LR while trend and val fall.",
       Cfg(data="reg", data_kw={"n_train": 1600, "n_val": 500, "noise": 5.0, "scale": 0.02,
                                "offset": 0.0},
           hidden=(64, 64), opt="adam", lr=1e-3, batch=32, epochs=18, acc=False,
           sched=("cyclic", {"base_lr": 1e-4, "max_lr": 1e-2, "step_size_up": 150})),
       tags=PLAIN),
    BL("f_bl_oscillation_adam", "constant", ("per_step",),
       "Two-class make_classification (10 % flipped labels), MLP 64-64, Adam at a constant "
       "0.05 (too high), batch 16, 8 epochs, loss every step, tutorial writers: meant to "
       "bounce without a downward trend.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "flip_y": 0.1},
           hidden=(64, 64), opt="adam", lr=0.05, batch=16, epochs=8)),
]


# -- more dev runs (fourth session; labelled from the plots only)
D4 = dict(seeds=(1, 2), test_seeds=())

SCENARIOS += [
    S("f_d4_explode_reg", "constant_warmup", ("per_step",),
      "make_regression (targets scaled to ~unit size), MLP 64, MSE, SGD momentum 0.9 warmed "
      "up over 200 steps to a constant 0.3 (far too high), batch 32, 12 epochs, loss every "
      "step, NaN logged and not stopped: meant to blow up to Inf/NaN after the warmup.",
      Cfg(data="reg", data_kw={"n_train": 1200, "n_val": 400, "scale": 0.02, "offset": 0.0},
          hidden=(64,), lr=0.3, batch=32, epochs=12, acc=False, stop_on_nan=False,
          sched=("warmup_constant", {"warmup": 200})), tags=PLAIN, **D4),
    S("f_d4_heavy_noise", "cosine", ("noise_floor", "per_step"),
      "Digits with 30 % noisy training labels, MLP 64, Adam 5e-4 cosine, batch 8, 6 epochs, "
      "loss every step (tutorial writers): heavy-tailed minibatch noise, no real spike.",
      Cfg(data_kw={"label_noise": 0.3}, hidden=(64,), opt="adam", lr=5e-4, batch=8, epochs=6,
          sched=("cosine", {})), **D4),
    S("f_d4_osc_adam", "constant", ("per_step",),
      "3-class make_classification (2400 train), MLP 32-32, Adam at a constant 5e-2 (too "
      "high), batch 16, 10 epochs, loss every 4 steps: meant to bounce without a downward "
      "trend.",
      Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 3,
                               "n_features": 20, "n_informative": 10},
          hidden=(32, 32), opt="adam", lr=5e-2, batch=16, epochs=10, log_every=4), **D4),
    S("f_d4_label_floor", "exponential", ("noise_floor", "per_epoch"),
      "Two-class make_classification with 40 % flipped labels (4000 train), MLP 16, Adam "
      "1e-3, ExponentialLR 0.9 per epoch, 30 epochs logged per epoch: converges fast to the "
      "high label-noise floor, val flat at its best.",
      E(data="clf", data_kw={"n_train": 4000, "n_val": 2000, "flip_y": 0.4}, hidden=(16,),
        opt="adam", lr=1e-3, epochs=30, sched=("exponential", {"gamma": 0.9})), tags=PLAIN,
      **D4),
]


# -- the blind2 split (fourth session, second blind set; labelled from the plots only)

def B2(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind2")


SCENARIOS += [
    dataclasses.replace(rl_scenario(
        "f_b2_rl_sb3", W,
        {"lr": "train/learning_rate", "value_loss": "train/value_loss",
         "policy_loss": "train/policy_loss", "entropy": "train/entropy_loss",
         "return": "rollout/ep_rew_mean"},
        "A2C on a 12-cell corridor (Stable-Baselines3-like names), Adam 1e-3 annealed "
        "linearly, 600 updates logged every 4: value loss rises as returns appear, policy "
        "loss wanders, return climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), updates=600, lr=1e-3, every=4), held_out="blind2"),
    B2("f_b2_inv_sqrt_seq", "inverse_sqrt", ("per_step",),
       "Tiny transformer encoder on synthetic token sequences (label = most frequent token), "
       "Adam 1e-3, 150-step warmup then inverse-sqrt decay, batch 32, 10 epochs, loss every "
       "5 steps (tutorial writers).",
       Cfg(data="seq", model="transformer", opt="adam", lr=1e-3, batch=32, epochs=10,
           log_every=5, sched=("inverse_sqrt", {"warmup": 150}))),
    B2("f_b2_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
       "Digits MLP 128, Adam at a constant 1e-2 (big), batch 32, 20 epochs, loss every 2 "
       "steps: a fast fall in the first steps, then a slow crawl.",
       Cfg(hidden=(128,), opt="adam", lr=1e-2, batch=32, epochs=20, log_every=2)),
    B2("f_b2_no_lr_step", "step", ("per_epoch",),
       "Digits convnet, SGD 0.05 momentum 0.9, StepLR x0.3 every 6 epochs, 18 epochs logged "
       "per epoch (tutorial writers); the LR is not logged.",
       E(model="conv", lr=0.05, epochs=18, log_lr=False,
         sched=("step", {"step_size": 6, "gamma": 0.3}))),
    B2("f_b2_linear_stall", "constant", ("per_epoch",),
       "Two-class make_classification with 4 clusters per class and class_sep 0.6 (not "
       "linearly separable), a linear model, SGD 0.1 momentum 0.9 constant, 30 epochs per "
       "epoch: meant to stall early at a high loss (capacity), val too.",
       E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "clusters": 4,
                              "class_sep": 0.6, "n_informative": 10},
         hidden=(), lr=0.1, epochs=30), tags=PLAIN),
    B2("f_b2_onecycle", "onecycle", ("per_step",),
       "Digits MLP 128, SGD (no momentum cycling), OneCycleLR to 0.2 at 25 %, 20 epochs, loss "
       "every 3 steps (plain train/ val/ tags).",
       Cfg(hidden=(128,), lr=0.2, epochs=20, log_every=3,
           sched=("onecycle", {"pct_start": 0.25})), tags=PLAIN),
]


# -- the blind3 split (fourth session, third blind set; labelled from the plots only)

def B3(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind3")


SCENARIOS += [
    B3("f_b3_spikes_long", "cosine", ("single_point_spikes", "per_step"),
       "Digits MLP 128, Adam 1e-3 cosine, batch 16, 40 epochs (~3500 steps) logged every "
       "step (tutorial writers); three corrupted batches (labels scrambled) at steps 900, "
       "1750 and 2600: one-step spikes on a loss near 0.",
       Cfg(hidden=(128,), opt="adam", lr=1e-3, batch=16, epochs=40, sched=("cosine", {}),
           bad_steps=(900, 1750, 2600))),
    B3("f_b3_yolo_warmup", "constant_warmup", ("param_groups", "per_step"),
       "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
       "0.9, three LR param groups (x0.5, x1, x1 of 0.02) warmed up linearly over 150 steps "
       "and then constant, 20 epochs, losses and LRs every 5 steps.",
       Cfg(model="yolo", lr=0.02, groups=(0.5, 1.0, 1.0), epochs=20, log_every=5,
           sched=("warmup_constant", {"warmup": 150})), tags=YOLO),
    B3("f_b3_too_low", "linear", ("per_step",),
       "Digits MLP 64, plain SGD (no momentum) at 1e-4 decaying linearly to 0, 25 epochs, "
       "loss every 4 steps (plain train/ val/ tags): far too low from the first step, the "
       "loss creeps down from ln 10.",
       Cfg(hidden=(64,), lr=1e-4, momentum=0.0, epochs=25, log_every=4,
           sched=("linear", {"warmup": 0})), tags=PLAIN),
    B3("f_b3_overfit_isqrt", "inverse_sqrt", ("per_epoch",),
       "250 digits with 25 % of their labels randomised (clean val), MLP 512, AdamW 3e-3 "
       "with a 50-step warmup then inverse-sqrt decay, batch 25, 60 epochs logged per epoch "
       "(tutorial writers): memorises the noisy training labels, val loss meant to rise.",
       E(data_kw={"n_train": 250, "label_noise": 0.25}, hidden=(512,), opt="adamw", lr=3e-3,
         batch=25, epochs=60, sched=("inverse_sqrt", {"warmup": 50}))),
]


# -- the blind4 split (fifth session, labelled from the plots only)

def B4(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind4")


B4_SWEEP = (1e-3, 0.1, 3.0)
C4 = {"n_train": 3000, "n_val": 1000, "n_classes": 4, "n_features": 20, "n_informative": 10}


def _b4_lr_name(lr):
    return ("%g" % lr).replace(".", "p").replace("-", "m")


SCENARIOS += [
    B4("f_b4_chance_step_conv", "step", ("chance_from_start", "per_step"),
       "Digits convnet, SGD momentum 0.9 starting at 0.8 (far too high), StepLR x0.5 every 4 "
       "epochs (still 0.1 at the end), 16 epochs, loss every 2 steps (plain train/ val/ "
       "tags): meant to never leave chance level (ln 10).",
       Cfg(model="conv", lr=0.8, epochs=16, log_every=2,
           sched=("step", {"step_size": 4, "gamma": 0.5})), tags=PLAIN),
] + [
    B4("f_b4_sweep_lr_" + _b4_lr_name(lr), "constant", ("sweep_member", "per_step"),
       "LR sweep (group f_b4_sweep_sgd): 4-class make_classification (3000 train), MLP 64, "
       "plain SGD at a constant LR %g, batch 64, 12 epochs, loss every 3 steps (tutorial "
       "writers); the LR is the only difference between members." % lr,
       Cfg(data="clf", data_kw=dict(C4), hidden=(64,), lr=lr, momentum=0.0, epochs=12,
           log_every=3))
    for lr in B4_SWEEP
] + [
    dataclasses.replace(rl_scenario(
        "f_b4_rl_const", W,
        {"lr": "Policy/Learning Rate", "value_loss": "Losses/Value Loss",
         "policy_loss": "Losses/Policy Loss", "entropy": "Policy/Entropy",
         "return": "Environment/Cumulative Reward"},
        "A2C on a 12-cell corridor (ML-Agents names), Adam at a constant 5e-3, 450 updates "
        "logged every 3: value loss rises as returns appear, policy loss wanders, reward "
        "climbs; no validation.",
        anneal=False, seeds=(1,), test_seeds=(), lr=5e-3, updates=450, every=3),
        held_out="blind4"),
    B4("f_b4_leak_adam", "constant_warmup", ("per_step",),
       "Digits with 40 % noisy training labels; the test writer's set is 400 of the training "
       "images with their clean labels (a leak); MLP 64, Adam 1e-3 after a 100-step warmup, "
       "12 epochs, loss every 2 steps (tutorial writers): test loss meant to sit far below "
       "train throughout.",
       Cfg(data="leaky_digits", data_kw={"label_noise": 0.4}, hidden=(64,), opt="adam",
           lr=1e-3, epochs=12, log_every=2, sched=("warmup_constant", {"warmup": 100}))),
    B4("f_b4_rlrop_conv", "plateau", ("per_step",),
       "Digits convnet, SGD 0.05 momentum 0.9, ReduceLROnPlateau(val loss, x0.5, patience "
       "1), 25 epochs, loss and LR every 3 steps (plain train/ val/ tags).",
       Cfg(model="conv", lr=0.05, epochs=25, log_every=3,
           sched=("plateau", {"factor": 0.5, "patience": 1})), tags=PLAIN),
]


# -- the blind5 split (fifth session, labelled from the plots only)

def B5(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind5")


C6 = {"n_train": 4000, "n_val": 200, "n_classes": 6, "n_features": 24, "n_informative": 12}

SCENARIOS += [
    B5("f_b5_range_clf", "range_test", ("range_test", "per_step"),
       "LR range test: 6-class make_classification (4000 train), MLP 64, SGD momentum 0.9, "
       "LR exponential 1e-4 -> 10 over 250 steps (5 decades), batch 32, loss and LR every "
       "step, no validation (tutorial writers).",
       Cfg(data="clf", data_kw=dict(C6), hidden=(64,), lr=1.0, batch=32, epochs=10,
           val=False, max_steps=250, sched=("range", {"lo": 1e-4, "hi": 10.0, "steps": 250}))),
    B5("f_b5_overfit_step", "constant", ("per_step",),
       "3-class make_classification with only 200 training rows (25 % flipped labels), 1000 "
       "val, MLP 256-256, Adam at a constant 2e-3, batch 20, 80 epochs = 800 steps, loss "
       "every 2 steps (plain train/ val/ tags): memorises the noisy training set; val loss "
       "meant to rise clearly.",
       Cfg(data="clf", data_kw={"n_train": 200, "n_val": 1000, "n_classes": 3,
                                "flip_y": 0.25, "n_features": 20, "n_informative": 8},
           hidden=(256, 256), opt="adam", lr=2e-3, batch=20, epochs=80, log_every=2),
       tags=PLAIN),
    B5("f_b5_sgdr_mild_step", "sgdr", ("per_step",),
       "Digits MLP 64, SGD momentum 0.9, CosineAnnealingWarmRestarts 0.05 -> 1e-3 every 3 "
       "epochs (63 steps), batch 64, 18 epochs, loss every 2 steps (tutorial writers): "
       "restarts meant to cause only mild bumps on a falling trend.",
       Cfg(hidden=(64,), lr=0.05, epochs=18, log_every=2,
           sched=("sgdr", {"T_0": 63, "eta_min": 1e-3}))),
    B5("f_b5_cyclic_yolo", "cyclic", ("cyclic_wiggles", "param_groups", "per_step"),
       "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
       "0.9, three param groups (x/lr0..2) under one triangular CyclicLR 0.002 <-> 0.05 "
       "(2-epoch half cycles), 20 epochs, losses and LRs every 3 steps: wiggles following "
       "the LR on a falling trend.",
       Cfg(model="yolo", lr=0.002, groups=(1.0, 1.0, 1.0), epochs=20, log_every=3,
           sched=("cyclic", {"base_lr": 0.002, "max_lr": 0.05, "step_size_up": 42})),
       tags=YOLO),
    B5("f_b5_osc_sgd", "constant", ("per_step",),
       "4-class make_classification (2400 train), MLP 48-48, SGD momentum 0.5 at a constant "
       "1.2 (too high), batch 24, 12 epochs, loss every 2 steps (tutorial writers): meant to "
       "bounce without a downward trend.",
       Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 4,
                                "n_features": 20, "n_informative": 10},
           hidden=(48, 48), lr=1.2, momentum=0.5, batch=24, epochs=12, log_every=2)),
    B5("f_b5_chance_conv_cosine", "cosine", ("chance_from_start", "per_step"),
       "Digits convnet, SGD momentum 0.9 at 1.0 (far too high) with cosine decay to 0, "
       "batch 64, 12 epochs, loss every step (plain train/ val/ tags): meant to sit at "
       "chance level (ln 10) from the first steps without a big burst (the convnet's loss "
       "only wobbles 1.9-4.9 in a trial run) and stay there even as the LR decays.",
       Cfg(model="conv", lr=1.0, epochs=12, sched=("cosine", {})), tags=PLAIN),
]


# -- the blind6 split (fifth session, labelled from the plots only)

def B6(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind6")


def _aug_from(ep0, std):
    return lambda ep, epochs: 0.0 if ep < ep0 else std


SCENARIOS += [
    B6("f_b6_zero_after_warmup", "constant_warmup", ("zero_lr", "per_step"),
       "Digits MLP 64, SGD 0.05 momentum 0.9, a 150-step linear warmup after which an "
       "integer division makes the LR factor exactly 0 (step // total), batch 64, 25 "
       "epochs (~550 steps), loss and LR every 2 steps: the LR is 0 for ~70 % of the run.",
       Cfg(hidden=(64,), lr=0.05, epochs=25, log_every=2,
           sched=("zero_bug", {"warmup": 150}))),
    B6("f_b6_aug_switch_epoch", "constant", ("train_flat_val_improves", "per_epoch"),
       "Digits MLP 128, SGD 0.01 momentum 0.9 (constant), batch 64, 30 epochs, epoch means "
       "at the epoch index; from epoch 8 Gaussian input noise (std 1.0) is added to every "
       "training batch: the train loss meant to step up and stay flat while the clean val "
       "loss keeps falling.",
       E(hidden=(128,), lr=0.01, epochs=30, aug=_aug_from(8, 1.0))),
    B6("f_b6_spikes_long", "cosine", ("single_point_spikes", "long_noisy", "per_step"),
       "Two-class make_classification (3000 train, class_sep 1.5), MLP 32, SGD 0.05 "
       "momentum 0.9 with a cosine to 0, batch 16, 30 epochs (~5600 steps) logged every "
       "step; the batches at steps 1500, 3300 and 4800 have every label flipped: one-step "
       "spikes.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "class_sep": 1.5},
           hidden=(32,), lr=0.05, batch=16, epochs=30, sched=("cosine", {}),
           bad_steps=(1500, 3300, 4800)), tags=PLAIN),
    B6("f_b6_linear_conv", "linear", ("per_step",),
       "Digits convnet, SGD 0.05 momentum 0.9, 50-step linear warmup then linear decay to "
       "0, batch 64, 15 epochs, loss and LR every 2 steps.",
       Cfg(model="conv", lr=0.05, epochs=15, log_every=2,
           sched=("linear", {"warmup": 50}))),
    B6("f_b6_fast_crawl", "constant", ("collapse_no_nan", "per_step"),
       "Two-class make_classification with 10 % flipped labels (3000 train), MLP 128-64, "
       "SGD momentum 0.9 at a constant 0.3 (big), batch 32, 15 epochs, loss every 3 steps: "
       "a fast fall in the first steps, then a slow noisy crawl. The plots show it losing "
       "what it had and collapsing to chance (ln 2) instead, so it is labelled as that.",
       Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "flip_y": 0.1,
                                "n_informative": 8},
           hidden=(128, 64), lr=0.3, batch=32, epochs=15, log_every=3), tags=PLAIN),
    dataclasses.replace(rl_scenario(
        "f_b6_rl_anneal", W,
        {"lr": "rl/lr", "value_loss": "rl/critic_loss", "policy_loss": "rl/actor_loss",
         "entropy": "rl/entropy", "return": "rl/episode_return"},
        "A2C on a 12-cell corridor (rl/ names), Adam 1e-2 annealed linearly to 0, 360 "
        "updates logged every 3: value loss rises as returns appear, policy loss wanders "
        "around 0, return climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), updates=360, lr=1e-2, every=3),
        held_out="blind6"),
]


# -- the blind7 split (fifth session, labelled from the plots only)

def B7(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind7")


SCENARIOS += [
    B7("f_b7_spikes_digits", "cosine", ("single_point_spikes", "per_step"),
       "Digits MLP 128, SGD 0.03 momentum 0.9 with a cosine to 0, batch 8, 12 epochs "
       "(~2100 steps) logged every step; the batches at steps 700 and 1400 have every label "
       "shuffled: one-step spikes.",
       Cfg(hidden=(128,), lr=0.03, batch=8, epochs=12, sched=("cosine", {}),
           bad_steps=(700, 1400)), tags=PLAIN),
    B7("f_b7_noise_floor_const", "constant", ("noise_floor", "per_step"),
       "Two-class make_classification with 30 % flipped labels (2000 train), MLP 32, SGD "
       "0.02 momentum 0.9 (constant), batch 16, 8 epochs, loss every step: the batch loss "
       "bouncing at the floor set by the label noise, val flat after the first epoch.",
       Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 800, "flip_y": 0.3,
                                "n_informative": 6},
           hidden=(32,), lr=0.02, batch=16, epochs=8)),
    B7("f_b7_chance_adam", "constant", ("chance_from_start", "per_step"),
       "Digits convnet, Adam at a constant 0.3 (far too high), batch 64, 10 epochs, loss "
       "every 2 steps: meant to sit at chance (ln 10) from the start.",
       Cfg(model="conv", opt="adam", lr=0.3, epochs=10, log_every=2)),
    B7("f_b7_aug_switch_cosine", "cosine", ("train_flat_val_improves", "per_step"),
       "Digits MLP 128, SGD 0.02 momentum 0.9 with a cosine to 0, batch 64, 24 epochs, loss "
       "every 4 steps; from epoch 6 Gaussian input noise (std 1.2) is added to every "
       "training batch: the train loss meant to step up and stay flat while the clean val "
       "loss keeps falling.",
       Cfg(hidden=(128,), lr=0.02, epochs=24, log_every=4, sched=("cosine", {}),
           aug=_aug_from(6, 1.2))),
    B7("f_b7_rlrop_clf", "plateau", ("per_epoch",),
       "3-class make_classification (2500 train, 10 % flipped labels), MLP 64-32, SGD 0.1 "
       "momentum 0.9, ReduceLROnPlateau(val loss, x0.3, patience 2), batch 64, 30 epochs, "
       "epoch means at the epoch index.",
       E(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 3,
                              "flip_y": 0.1, "n_informative": 8},
         hidden=(64, 32), lr=0.1, epochs=30, sched=("plateau", {"factor": 0.3, "patience": 2})),
       tags=PLAIN),
]


# -- the blind8 split (sixth session, labelled from the plots only)

def B8(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind8")


SCENARIOS += [
    B8("f_b8_linear_adamw_epoch", "linear", ("per_epoch",),
       "Digits MLP 256, AdamW 2e-3, 40-step linear warmup then linear decay to 0, batch 32, "
       "15 epochs, epoch means and the LR logged once per epoch at the epoch index "
       "(tutorial writers).",
       E(hidden=(256,), opt="adamw", lr=2e-3, batch=32, epochs=15,
         sched=("linear", {"warmup": 40}))),
    B8("f_b8_isqrt_yolo", "inverse_sqrt", ("param_groups", "per_step"),
       "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
       "0.9, three param groups (x0.3, x1, x1 of 0.03, logged x/lr0..2), 120-step linear "
       "warmup then inverse-sqrt decay, batch 64, 16 epochs, losses and LRs every 4 steps.",
       Cfg(model="yolo", lr=0.03, groups=(0.3, 1.0, 1.0), epochs=16, log_every=4,
           sched=("inverse_sqrt", {"warmup": 120})), tags=YOLO),
    B8("f_b8_sgdr_spike_3c", "sgdr", ("per_step",),
       "3-class make_classification (class_sep 2.4, only 1000 train), MLP 200-200, Adam, "
       "CosineAnnealingWarmRestarts peak 3e-2 with T_0 250 steps (restarts at steps 250, "
       "500 and 750), batch 20, 20 epochs, loss every step (plain train/ val/ tags): each "
       "restart jumps the LR from ~0 to 3e-2, meant to throw the low loss up for dozens of "
       "steps before it recovers. The plots show the loss at ~1e-7 (often exactly 0) long "
       "before the first restart and no restart moving it, so it is labelled as the healthy "
       "SGDR run it is; f_b8_sgdr_spike_4c is the second try on harder data.",
       Cfg(data="clf", data_kw={"n_train": 1000, "n_val": 800, "n_classes": 3,
                                "n_features": 20, "n_informative": 10, "class_sep": 2.4},
           hidden=(200, 200), opt="adam", lr=3e-2, batch=20, epochs=20,
           sched=("sgdr", {"T_0": 250})), tags=PLAIN),
    B8("f_b8_sgdr_spike_4c", "sgdr", ("restart_wide_spike", "per_step"),
       "4-class make_classification (class_sep 1.6, 1200 train), MLP 160-160, Adam, "
       "CosineAnnealingWarmRestarts peak 2.5e-2 with T_0 300 steps (restarts at steps 300, "
       "600 and 900), batch 24, 20 epochs, loss every step (tutorial writers): each "
       "restart meant to throw the loss up for dozens of steps before it recovers.",
       Cfg(data="clf", data_kw={"n_train": 1200, "n_val": 800, "n_classes": 4,
                                "n_features": 20, "n_informative": 10, "class_sep": 1.6},
           hidden=(160, 160), opt="adam", lr=2.5e-2, batch=24, epochs=20,
           sched=("sgdr", {"T_0": 300}))),
    B8("f_b8_bump_conv", "other", ("per_step",),
       "Digits convnet, SGD 0.01 momentum 0.9, then a 'resume' that multiplies the LR by 10 "
       "(to 0.1) from epoch 8 of 16, batch 64, loss every 2 steps (tutorial writers): "
       "meant to lose test accuracy after the raise. The plots show a setback of two "
       "epochs and then a recovery to better values than before the raise, so it is "
       "labelled as that.",
       Cfg(model="conv", lr=0.01, epochs=16, log_every=2,
           sched=("bump", {"at_epoch": 8, "mult": 10.0}))),
    B8("f_b8_leak_cyclic", "cyclic", ("per_step",),
       "Digits with 30 % noisy training labels; the test writer's set is 400 of the "
       "training images with their clean labels (a leak); MLP 96, SGD momentum 0.9 under a "
       "triangular CyclicLR 5e-3 <-> 5e-2 (80-step half cycles), batch 64, 15 epochs, loss "
       "every 3 steps (tutorial writers): test loss meant to sit far below train "
       "throughout.",
       Cfg(data="leaky_digits", data_kw={"label_noise": 0.3}, hidden=(96,), lr=5e-3,
           epochs=15, log_every=3,
           sched=("cyclic", {"base_lr": 5e-3, "max_lr": 5e-2, "step_size_up": 80}))),
]


# -- the blind9 split (sixth session, labelled from the plots only)

def B9(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind9")


SCENARIOS += [
    B9("f_b9_onecycle_rawreg_adam", "onecycle", ("per_step",),
       "make_regression in raw units (targets ~300, MSE ~1e5 at the start, noise floor "
       "~100), MLP 64-64, Adam under OneCycleLR to 2e-2 (30 % warmup), batch 32, 15 epochs, "
       "loss every 3 steps, val per epoch (plain train/ val/ tags).",
       Cfg(data="reg", data_kw={"n_train": 2000, "n_val": 500}, hidden=(64, 64), opt="adam",
           lr=0.02, batch=32, epochs=15, log_every=3, acc=False,
           sched=("onecycle", {"pct_start": 0.3})), tags=PLAIN),
    B9("f_b9_noise_floor_linear", "linear", ("noise_floor", "per_step"),
       "3-class make_classification with 35 % flipped labels (train and test), 2500 train, "
       "MLP 32, SGD momentum 0.9, 50-step linear warmup to 1e-2 then linear decay to 0, "
       "batch 8, 6 epochs, loss every step (tutorial writers): the batch loss bouncing at "
       "the floor set by the label noise. (First try, 6 classes at 5e-2: test accuracy "
       "stuck near 0.4, far below what the noise allows.)",
       Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 3,
                                "flip_y": 0.35, "n_informative": 8, "class_sep": 1.5},
           hidden=(32,), lr=0.01, batch=8, epochs=6, sched=("linear", {"warmup": 50}))),
    B9("f_b9_too_low_yolo", "cosine", ("param_groups", "per_step"),
       "YOLO-style two-head model on digits (class + ink centre-of-mass box), plain SGD (no "
       "momentum) with three param groups (x0.5, x1, x1 of 3e-3, logged x/lr0..2), cosine "
       "to 0, batch 64, 12 epochs, losses and LRs every 4 steps: an LR ~30x too small for "
       "plain SGD, meant to creep. (First try, 2e-4: nothing moved at all.)",
       Cfg(model="yolo", lr=3e-3, momentum=0.0, groups=(0.5, 1.0, 1.0), epochs=12,
           log_every=4, sched=("cosine", {})), tags=YOLO),
    dataclasses.replace(rl_scenario(
        "f_b9_rl_no_lr", W,
        {"value_loss": "train/critic_loss", "policy_loss": "train/actor_loss",
         "entropy": "train/entropy", "return": "eval/mean_reward"},
        "A2C on a 12-cell corridor, Adam 4e-3 annealed linearly to 0, 500 updates logged "
        "every 2; the LR is not logged (no LR tag at all): critic loss rises as returns "
        "appear, actor loss wanders around 0, reward climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), lr=4e-3, updates=500, every=2),
        held_out="blind9"),
    B9("f_b9_chance_step_epoch", "step", ("chance_from_start", "per_epoch"),
       "5-class make_classification (2500 train), MLP 64-64, SGD momentum 0.9 from 4.0 (far "
       "too high), StepLR x0.5 every 5 epochs (down to 0.5), batch 64, 20 epochs, epoch "
       "means at the epoch index (tutorial writers): meant to sit at chance (ln 5) from the "
       "first epoch and stay there as the LR steps down.",
       E(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 5,
                              "n_informative": 10},
         hidden=(64, 64), lr=4.0, epochs=20, sched=("step", {"step_size": 5, "gamma": 0.5}))),
]


# -- the blind10 split (sixth session, labelled from the plots only)

def B10(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind10")


SCENARIOS += [
    B10("f_b10_rlrop_epoch_5c", "plateau", ("per_epoch",),
        "5-class make_classification (3000 train), MLP 64-32, SGD 0.05 momentum 0.9, "
        "ReduceLROnPlateau(val loss, x0.3, patience 2), batch 64, 30 epochs, epoch means and "
        "the LR at the epoch index (tutorial writers).",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                               "n_informative": 10},
          hidden=(64, 32), lr=0.05, epochs=30, sched=("plateau", {"factor": 0.3,
                                                                  "patience": 2}))),
    B10("f_b10_multistep_yolo", "multistep", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
        "0.9, three param groups (x0.5, x1, x2 of 0.02, logged x/lr0..2), MultiStepLR x0.1 "
        "at epochs 8 and 13, batch 64, 16 epochs, losses and LRs every 3 steps.",
        Cfg(model="yolo", lr=0.02, groups=(0.5, 1.0, 2.0), epochs=16, log_every=3,
            sched=("multistep", {"milestones": [8, 13], "gamma": 0.1})), tags=YOLO),
    B10("f_b10_spikes_long_plain", "cosine", ("single_point_spikes", "per_step"),
        "Digits MLP 96, SGD 0.01 momentum 0.9 with a cosine to 0, batch 8, 12 epochs (~2100 "
        "steps) logged every step (plain train/ val/ tags); the batches at steps 650 and "
        "1400 have every label wrong (a corrupted shard): one-step spikes.",
        Cfg(hidden=(96,), lr=0.01, batch=8, epochs=12, sched=("cosine", {}),
            bad_steps=(650, 1400)), tags=PLAIN),
    B10("f_b10_range_sgd_tut", "range_test", ("range_test", "per_step"),
        "LR range test: digits MLP 128, SGD momentum 0.9 with the LR rising exponentially "
        "from 1e-5 to 3 over 400 steps (5.5 decades), batch 16, loss and LR every step, "
        "test per epoch (tutorial writers).",
        Cfg(hidden=(128,), lr=1e-3, batch=16, epochs=5, max_steps=400,
            sched=("range", {"lo": 1e-5, "hi": 3.0, "steps": 400}))),
    dataclasses.replace(rl_scenario(
        "f_b10_rl_mlagents_const", W,
        {"lr": "Policy/Learning Rate", "value_loss": "Losses/Value Loss",
         "policy_loss": "Losses/Policy Loss", "entropy": "Policy/Entropy",
         "return": "Environment/Cumulative Reward"},
        "A2C on a 12-cell corridor (ML-Agents names), Adam at a constant 1e-3, 500 updates "
        "logged every 2: value loss rises as returns appear, policy loss wanders around 0, "
        "reward climbs; no validation.",
        anneal=False, seeds=(1,), test_seeds=(), lr=1e-3, updates=500, every=2),
        held_out="blind10"),
]


# -- the blind11 split (seventh session, labelled from the plots only)

def B11(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind11")


SCENARIOS += [
    B11("f_b11_isqrt_conv_tut", "inverse_sqrt", ("per_step",),
        "Digits convnet, Adam 2e-3 with a 50-step linear warmup then inverse-sqrt decay, "
        "batch 32, 10 epochs, loss and LR every 2 steps, test per epoch (tutorial writers).",
        Cfg(model="conv", opt="adam", lr=2e-3, batch=32, epochs=10, log_every=2,
            sched=("inverse_sqrt", {"warmup": 50}))),
    B11("f_b11_no_lr_cosine_plain", "cosine", ("per_epoch",),
        "3-class make_classification (2500 train), MLP 64-32, SGD 0.05 momentum 0.9 with a "
        "cosine to 0, batch 64, 15 epochs, epoch means at the global step (plain train/ val/ "
        "tags); the LR is never logged.",
        Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 800, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64, 32), lr=0.05, epochs=15, log="epoch", log_lr=False,
            sched=("cosine", {})), tags=PLAIN),
    B11("f_b11_hot_peak_yolo_onecycle", "onecycle", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (class + ink centre-of-mass box), Adam with "
        "three param groups under OneCycleLR to a far too high 0.08 (40 % warmup), batch "
        "64, 14 epochs, losses and LRs every 2 steps: meant to learn while the LR is small "
        "and collapse near the peak. The plots show a long setback around the peak and "
        "only a partial recovery as the LR anneals (no collapse to chance), so it is "
        "labelled as that.",
        Cfg(model="yolo", opt="adam", lr=0.08, groups=(1.0, 1.0, 1.0), epochs=14,
            log_every=2, sched=("onecycle", {"pct_start": 0.4})), tags=YOLO),
    B11("f_b11_leak_step_tut", "step", ("per_epoch",),
        "Digits with 30 % of the training labels randomised; the test set is 400 of the "
        "training images with their clean labels (a leak); MLP 96, SGD 0.03 momentum 0.9, "
        "StepLR x0.3 every 5 epochs, batch 64, 15 epochs, epoch means at the epoch index "
        "(tutorial writers): test loss meant to sit far below train throughout.",
        E(data="leaky_digits", data_kw={"label_noise": 0.3}, hidden=(96,), lr=0.03,
          epochs=15, sched=("step", {"step_size": 5, "gamma": 0.3}))),
    B11("f_b11_range_adam_clf", "range_test", ("range_test", "per_step"),
        "LR range test: two-class make_classification (3000 train), MLP 64, Adam with the LR "
        "rising exponentially from 1e-6 to 3 over 360 steps (6.5 decades), batch 24, loss "
        "and LR every step, val at the end of each epoch and at the last step (plain tags).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 800}, hidden=(64,), opt="adam",
            lr=1e-3, batch=24, epochs=3, max_steps=360,
            sched=("range", {"lo": 1e-6, "hi": 3.0, "steps": 360})), tags=PLAIN),
]


# -- the blind12 split (seventh session, second block, labelled from the plots only)

def B12(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind12")


SCENARIOS += [
    B12("f_b12_exp_conv_epoch40", "exponential", ("per_epoch",),
        "Digits convnet, Adam 2e-3 with ExponentialLR x0.92 per epoch (to ~7e-5), batch 64, "
        "40 epochs, epoch means and the test loss/accuracy per epoch at the epoch index "
        "(tutorial writers).",
        E(model="conv", opt="adam", lr=2e-3, batch=64, epochs=40,
          sched=("exponential", {"gamma": 0.92}))),
    B12("f_b12_zero_lr_seq", "constant_warmup", ("zero_lr", "per_step"),
        "Tiny transformer on majority-token sequences, Adam with an 80-step linear warmup to "
        "2e-3, then the integer-division bug makes the LR exactly 0 for the remaining ~87 % "
        "of the run; batch 32, 10 epochs, loss and LR every 2 steps (plain tags).",
        Cfg(data="seq", model="transformer", opt="adam", lr=2e-3, batch=32, epochs=10,
            log_every=2, sched=("zero_bug", {"warmup": 80})), tags=PLAIN),
    B12("f_b12_noise_floor_multistep_long", "multistep", ("noise_floor", "per_step"),
        "Two-class make_classification (one cluster a class, class_sep 1.2) with 25 % flipped "
        "labels (6000 train), MLP 16, SGD 0.05 momentum 0.9, MultiStepLR x0.3 at epochs 3 "
        "and 6, batch 16, 8 epochs (3000 steps) logged every step, test per epoch (tutorial "
        "writers): the per-step loss meant to bounce around the label-noise floor.",
        Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 2000, "flip_y": 0.25,
                                 "clusters": 1, "class_sep": 1.2},
            hidden=(16,), lr=0.05, batch=16, epochs=8,
            sched=("multistep", {"milestones": [3, 6], "gamma": 0.3}))),
    B12("f_b12_no_val_warmup_linear", "linear", ("per_step",),
        "4-class make_classification (3000 train), MLP 64, SGD 0.1 momentum 0.9 with a "
        "100-step linear warmup and a linear decay to 0, batch 32, 12 epochs, loss and LR "
        "every 2 steps (tutorial writers); no test set is evaluated (no validation logged).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 500, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(64,), lr=0.1, batch=32, epochs=12, log_every=2, val=False,
            sched=("linear", {"warmup": 100}))),
    B12("f_b12_bad_epoch_spike", "cosine", ("per_step",),
        "Digits MLP 128, SGD 0.05 momentum 0.9 with a cosine to 0, batch 32, 30 epochs, loss "
        "and LR every 2 steps, test per epoch (tutorial writers); every batch of epoch 12 "
        "(steps 528-571) comes from a corrupted shard with every label wrong: meant as a "
        "loss spike lasting one epoch, then a recovery. (First try, the inputs of epoch 12 "
        "scaled x6, made no spike at all: the net only got more confident.)",
        Cfg(hidden=(128,), lr=0.05, batch=32, epochs=30, log_every=2,
            bad_steps=tuple(range(528, 572)), sched=("cosine", {}))),
]


# -- the blind13 split (seventh session, third block, labelled from the plots only)

def B13(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind13")


SCENARIOS += [
    B13("f_b13_warmup_const_yolo_groups", "constant_warmup", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
        "0.9 with three param groups at 0.01 (x/lr0..2), a 200-step linear warmup then "
        "constant, batch 32, 15 epochs, losses and LRs every 3 steps, val per epoch.",
        Cfg(model="yolo", lr=0.01, groups=(1.0, 1.0, 1.0), batch=32, epochs=15, log_every=3,
            sched=("warmup_constant", {"warmup": 200})), tags=YOLO),
    B13("f_b13_multistep_reg_tut", "multistep", ("per_step",),
        "make_regression scaled to unit-sized targets (2000 train, noise 10), MLP 128-64, "
        "SGD 0.01 momentum 0.9, MultiStepLR x0.2 at epochs 12 and 20, batch 64, 25 epochs, "
        "loss and LR every 2 steps, test MSE per epoch (tutorial writers, no accuracy).",
        Cfg(data="reg", data_kw={"n_train": 2000, "n_val": 500, "scale": 0.01, "offset": 0.0},
            hidden=(128, 64), lr=0.01, batch=64, epochs=25, log_every=2, acc=False,
            sched=("multistep", {"milestones": [12, 20], "gamma": 0.2}))),
    B13("f_b13_bump_conv_acc_drop", "other", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD 0.01 momentum 0.9 for 8 epochs, then a resume sets the LR 40x "
        "higher (0.4) for the last 8, batch 64, 16 epochs, loss and LR every 2 steps, test "
        "per epoch (plain tags): test accuracy meant to drop after the raise. The plots show "
        "a collapse to chance level right after it that never recovers.",
        Cfg(model="conv", lr=0.01, batch=64, epochs=16, log_every=2,
            sched=("bump", {"at_epoch": 8, "mult": 40.0})), tags=PLAIN),
    B13("f_b13_exp_gamma_cut_5c_epoch", "exponential", ("per_epoch",),
        "5-class make_classification (3000 train), MLP 64-64, SGD 0.05 momentum 0.9 under "
        "ExponentialLR with gamma 0.3 per epoch (meant 0.93: the LR is 1e-4 after 5 epochs "
        "and ~1e-15 at the end), batch 64, 30 epochs, epoch means at the epoch index "
        "(tutorial writers): learning meant to stop while the loss is still high.",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                               "n_informative": 10},
          hidden=(64, 64), lr=0.05, batch=64, epochs=30,
          sched=("exponential", {"gamma": 0.3}))),
    B13("f_b13_spikes_adam_bs8_long", "cosine", ("single_point_spikes", "per_step"),
        "Digits MLP 256, Adam 5e-4 with a cosine to 0, batch 8, 20 epochs (~3500 steps) "
        "logged every step, val per epoch (plain tags); the batches at steps 1000, 2200 and "
        "3100 have every label wrong (a corrupted shard): meant as one-step spikes on a "
        "clean run.",
        Cfg(hidden=(256,), opt="adam", lr=5e-4, batch=8, epochs=20, sched=("cosine", {}),
            bad_steps=(1000, 2200, 3100)), tags=PLAIN),
]


# -- the blind14 split (eighth session, first block, labelled from the plots only)

def B14(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind14")


SCENARIOS += [
    B14("f_b14_linear_seq_bs512", "linear", ("per_step",),
        "Tiny transformer on majority-token sequences (2000 train), AdamW 3e-3 with a 12-step "
        "linear warmup and a linear decay to 0, batch 512 (4 steps an epoch), 60 epochs (240 "
        "steps), loss and LR every step, test per epoch (tutorial writers).",
        Cfg(data="seq", model="transformer", opt="adamw", lr=3e-3, batch=512, epochs=60,
            sched=("linear", {"warmup": 12}))),
    B14("f_b14_cyclic_reg_plain", "cyclic", ("cyclic_wiggles", "per_step"),
        "make_regression scaled to unit-sized targets (1500 train, noise 10), MLP 128, SGD "
        "momentum 0.9 under CyclicLR triangular 1e-3..2e-2 (half-cycle 2 epochs, four "
        "cycles), batch 32, 16 epochs, loss and LR every 2 steps, val MSE per epoch (plain "
        "tags, no accuracy): wiggles meant to follow the LR while trend and val fall.",
        Cfg(data="reg", data_kw={"n_train": 1500, "n_val": 400, "scale": 0.01, "offset": 0.0},
            hidden=(128,), lr=5e-3, batch=32, epochs=16, log_every=2, acc=False,
            sched=("cyclic", {"base_lr": 1e-3, "max_lr": 2e-2, "step_size_up": 94})),
        tags=PLAIN),
    B14("f_b14_hot_warmup_8c", "constant_warmup", ("per_step",),
        "8-class make_classification (one cluster a class, class_sep 1.5, 3000 train), MLP "
        "128-128, Adam with a 150-step linear warmup to a constant 0.05 (far too high for "
        "Adam), batch 64, 20 epochs, loss and LR every 2 steps, test per epoch (tutorial "
        "writers): meant to learn while the LR is small and collapse to chance near the top "
        "of the warmup. The plots show no collapse: the test loss is best early and then "
        "bounces for the rest of the run, so it is labelled as that.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8,
                                 "n_informative": 10, "clusters": 1, "class_sep": 1.5},
            hidden=(128, 128), opt="adam", lr=0.05, batch=64, epochs=20, log_every=2,
            sched=("warmup_constant", {"warmup": 150}))),
    B14("f_b14_dead_relu_6c_epoch", "cosine", ("per_epoch",),
        "6-class make_classification (2400 train), MLP 128-64 whose ReLUs all start dead "
        "(bias -20), Adam 1e-3 with a cosine to 0, batch 32, 20 epochs, epoch means at the "
        "global step (plain tags): meant to sit at chance (ln 6) from start to end, val too.",
        Cfg(data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(128, 64), model_kw={"dead_bias": -20.0}, opt="adam", lr=1e-3, batch=32,
            epochs=20, log="epoch", sched=("cosine", {})), tags=PLAIN),
    B14("f_b14_noise_floor_conv_nolr", "cosine", ("noise_floor", "per_step"),
        "Digits with 40 % of the training labels randomised (clean test set), the convnet, "
        "SGD 0.02 momentum 0.9 with a cosine to 0, batch 16, 10 epochs (~880 steps) logged "
        "every step, test per epoch (tutorial writers); the LR is never logged: the per-step "
        "loss meant to bounce around the label-noise floor.",
        Cfg(data="digits", data_kw={"label_noise": 0.4}, model="conv", lr=0.02, batch=16,
            epochs=10, log_lr=False, sched=("cosine", {}))),
]


# -- the blind15 split (eighth session, second block, labelled from the plots only)

def B15(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind15")


SCENARIOS += [
    B15("f_b15_noise_floor_exp_5c_long", "exponential", ("noise_floor", "per_step"),
        "5-class make_classification (one cluster a class, class_sep 1.5) with 35 % flipped "
        "labels (4000 train), MLP 64, Adam 1e-3 under ExponentialLR x0.7 per epoch, batch "
        "8, 6 epochs (3000 steps) logged every step, test per epoch (tutorial writers): the "
        "per-step loss meant to bounce around the label-noise floor.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1500, "n_classes": 5,
                                 "n_informative": 8, "flip_y": 0.35, "clusters": 1,
                                 "class_sep": 1.5},
            hidden=(64,), opt="adam", lr=1e-3, batch=8, epochs=6,
            sched=("exponential", {"gamma": 0.7}))),
    B15("f_b15_wd_stall_epoch", "constant", ("per_epoch",),
        "Digits MLP 128, SGD 0.05 momentum 0.9 with a far too strong weight decay (0.2, "
        "meant 2e-4) at a constant LR, batch 32, 20 epochs, epoch means at the epoch index "
        "(tutorial writers): meant to stall early at a high loss (over-regularised, not an "
        "LR effect).",
        E(hidden=(128,), lr=0.05, wd=0.2, batch=32, epochs=20)),
    B15("f_b15_hot_sgd_digits", "constant", ("chance_from_start", "per_step"),
        "Digits MLP 128-128, SGD momentum 0.9 at a constant 0.8 (far too high), batch 32, "
        "12 epochs, loss and LR every 2 steps, val per epoch (plain tags): meant to be "
        "thrown to chance level (or to blow up) in the first steps.",
        Cfg(hidden=(128, 128), lr=0.8, batch=32, epochs=12, log_every=2), tags=PLAIN),
    B15("f_b15_sgdr_yolo_groups_mild", "sgdr", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (class + ink centre-of-mass box), SGD momentum "
        "0.9 with three param groups (x/lr0..2) under CosineAnnealingWarmRestarts from 0.01 "
        "(T_0 = 4 epochs, four cycles), batch 64, 16 epochs, losses and LRs every 2 steps, "
        "val per epoch: restarts meant to leave only small bumps.",
        Cfg(model="yolo", lr=0.01, groups=(1.0, 1.0, 1.0), batch=64, epochs=16, log_every=2,
            sched=("sgdr", {"T_0": 88})), tags=YOLO),
    B15("f_b15_noval_onecycle_seq", "onecycle", ("per_step",),
        "Tiny transformer on majority-token sequences (2000 train), AdamW under OneCycleLR "
        "to 3e-3 (30 % warmup), batch 32, 8 epochs, loss and LR every 2 steps (plain tags); "
        "no validation set is evaluated (no val loss logged).",
        Cfg(data="seq", model="transformer", opt="adamw", lr=3e-3, batch=32, epochs=8,
            log_every=2, val=False, sched=("onecycle", {})), tags=PLAIN),
    B15("f_b15_osc_adam_4c_narrow", "constant", ("per_step",),
        "4-class make_classification (one cluster a class, class_sep 1.5, 3000 train), MLP "
        "16, Adam at a constant 5e-2 (too high), batch 16, 10 epochs (1880 steps) logged "
        "every step, val per epoch (plain tags): meant to bounce instead of settling.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8, "clusters": 1, "class_sep": 1.5},
            hidden=(16,), opt="adam", lr=5e-2, batch=16, epochs=10), tags=PLAIN),
]


# -- the blind16 split (ninth session, built at its start, labelled from the plots only)

def B16(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind16")


SCENARIOS += [
    B16("f_b16_const_adam_4c_epoch", "constant", ("per_epoch",),
        "4-class make_classification (two clusters a class, 4000 train), MLP 64-64, Adam at "
        "a constant 1e-3, batch 64, 25 epochs, epoch means at the epoch index (tutorial "
        "writers): a well-tuned constant LR.",
        E(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 4,
                               "n_informative": 8},
          hidden=(64, 64), opt="adam", lr=1e-3, batch=64, epochs=25)),
    B16("f_b16_step_conv_digits", "step", ("per_step",),
        "Digits convnet, SGD 0.05 momentum 0.9 under StepLR x0.3 every 6 epochs, batch 32, "
        "20 epochs, loss and LR every 2 steps, val per epoch (plain tags): a standard step "
        "schedule.",
        Cfg(model="conv", lr=0.05, batch=32, epochs=20, log_every=2,
            sched=("step", {"step_size": 6, "gamma": 0.3})), tags=PLAIN),
    B16("f_b16_hot_adam_chance_digits", "constant", ("collapse_no_nan", "per_step"),
        "Digits MLP 128-128, Adam at a constant 0.3 (far too high), batch 64, 15 epochs, "
        "loss and LR every step, val per epoch (tutorial writers): meant to be kept at "
        "chance level from the start. The plots show it learning a little for two epochs "
        "before it is thrown to chance level for good, so it is labelled as that.",
        Cfg(hidden=(128, 128), opt="adam", lr=0.3, batch=64, epochs=15)),
    B16("f_b16_overfit_acc_drop_noisy", "constant", ("per_epoch",),
        "300 training digits with 40 % random labels (clean val), MLP 256-256, Adam at a "
        "constant 3e-3, batch 16, 40 epochs, epoch means at the epoch index (plain tags): "
        "meant to memorise the noisy labels while the val loss climbs and the val accuracy "
        "falls from its best.",
        E(data_kw={"n_train": 300, "label_noise": 0.4}, hidden=(256, 256), opt="adam",
          lr=3e-3, batch=16, epochs=40), tags=PLAIN),
    B16("f_b16_bottleneck_plateau", "cosine", ("per_step",),
        "Digits MLP with a 2-unit hidden layer (a bottleneck far too narrow for 10 classes), "
        "Adam 3e-3 with a cosine to 0, batch 64, 25 epochs, loss and LR every step, val per "
        "epoch (tutorial writers): meant to stall early at a high loss (capacity, not the "
        "LR).",
        Cfg(hidden=(2,), opt="adam", lr=3e-3, batch=64, epochs=25, sched=("cosine", {}))),
    B16("f_b16_osc_adam_digits_bs32", "constant", ("per_step",),
        "Digits MLP 32, Adam at a constant 2e-2 (too high), batch 32, 20 epochs, loss and "
        "LR every 2 steps, val per epoch (plain tags): meant to bounce instead of settling. "
        "The plots show it settling after one bad epoch; labelled as that.",
        Cfg(hidden=(32,), opt="adam", lr=2e-2, batch=32, epochs=20, log_every=2), tags=PLAIN),
]


# -- the blind17 split (ninth session, built by a helper from the plots only)

def B17(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind17")


SCENARIOS += [
    B17("f_b17_multistep_8c_epoch", "multistep", ("per_epoch",),
        "8-class make_classification (one cluster a class, class_sep 1.5, 4000 train), MLP "
        "128, SGD 5e-2 momentum 0.9 under MultiStepLR x0.1 at epochs 10 and 16, batch 64, "
        "20 epochs, epoch means at the epoch index (plain tags): a standard multistep "
        "schedule.",
        E(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 8,
                               "n_informative": 10, "clusters": 1, "class_sep": 1.5},
          hidden=(128,), lr=0.05, batch=64, epochs=20,
          sched=("multistep", {"milestones": [10, 16], "gamma": 0.1})), tags=PLAIN),
    B17("f_b17_cyclic_tri2_conv", "cyclic", ("cyclic_wiggles", "per_step"),
        "Digits convnet, SGD momentum 0.9 under CyclicLR triangular2 1e-3 <-> 5e-2 "
        "(half-cycle 2 epochs, the amplitude halving every cycle), batch 32, 16 epochs, loss "
        "and LR every 2 steps, test per epoch (tutorial writers): a standard cyclic "
        "schedule.",
        Cfg(model="conv", lr=0.01, batch=32, epochs=16, log_every=2,
            sched=("cyclic", {"base_lr": 1e-3, "max_lr": 5e-2, "step_size_up": 88,
                              "mode": "triangular2"}))),
    B17("f_b17_tiny_linear_exp", "exponential", ("tiny", "per_step"),
        "Digits, a linear softmax model, SGD 0.1 momentum 0.9 under ExponentialLR x0.5 per "
        "epoch, batch 32, 4 epochs (176 steps), loss and LR every step, test per epoch "
        "(tutorial writers): a short, healthy run.",
        Cfg(hidden=(), lr=0.1, batch=32, epochs=4, sched=("exponential", {"gamma": 0.5}))),
    B17("f_b17_spikes_corrupt_conv", "linear", ("single_point_spikes", "per_step"),
        "Digits convnet, Adam 1e-3 with a 50-step warmup and a linear decay to 0, batch 32, "
        "25 epochs (1100 steps) logged every step, val per epoch (plain tags); the batches "
        "at steps 300, 650 and 900 have every label wrong (a corrupted shard): meant as "
        "one-step spikes.",
        Cfg(model="conv", opt="adam", lr=1e-3, batch=32, epochs=25,
            sched=("linear", {"warmup": 50}), bad_steps=(300, 650, 900)), tags=PLAIN),
    B17("f_b17_overfit_8c_small_epoch", "constant", ("per_epoch",),
        "8-class make_classification with only 240 training rows and 20 % flipped labels "
        "(1000 for test, flipped the same way), MLP 256-256, Adam at a constant 3e-3, batch "
        "16, 60 epochs, epoch means at the epoch index (tutorial writers): meant to memorise the "
        "training rows while the test loss climbs from its best. (First try, a 256-256 MLP "
        "on 80 regression rows, fitted them without the test loss climbing.)",
        E(data="clf", data_kw={"n_train": 240, "n_val": 1000, "n_classes": 8,
                               "n_informative": 10, "flip_y": 0.2},
          hidden=(256, 256), opt="adam", lr=3e-3, batch=16, epochs=60)),
]


# -- the blind18 split (tenth session, built by a helper from the plots only)

def B18(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind18")


SCENARIOS += [
    B18("f_b18_zero_lr_after_warmup", "constant_warmup", ("zero_lr", "per_step"),
        "Digits MLP 64, Adam 2e-3 with a 60-step warmup after which an integer division "
        "makes the LR factor exactly 0 for the rest of the run, batch 32, 15 epochs, loss "
        "and LR every 2 steps, test per epoch (tutorial writers): meant to learn a little "
        "during the warmup and then freeze.",
        Cfg(hidden=(64,), opt="adam", lr=2e-3, batch=32, epochs=15, log_every=2,
            sched=("zero_bug", {"warmup": 60}))),
    B18("f_b18_warmup_peak_spike", "linear", ("per_step",),
        "Digits MLP 128-64, Adam with a 150-step warmup to 2e-2 (too high a peak) and a "
        "linear decay to 0, batch 32, 20 epochs, loss and LR every 2 steps, val per epoch "
        "(plain tags): meant to spike near the warmup peak and recover as the LR decays.",
        Cfg(hidden=(128, 64), opt="adam", lr=2e-2, batch=32, epochs=20, log_every=2,
            sched=("linear", {"warmup": 150})), tags=PLAIN),
    B18("f_b18_overfit_digits_120", "constant", ("per_epoch",),
        "Digits with only 120 training images and 10 % of their labels random (clean test), "
        "MLP 256-256, Adam at a constant 2e-3, batch 16, 80 epochs, epoch means at the "
        "epoch index (tutorial writers): meant to memorise the training images while the "
        "test loss climbs from its best.",
        E(data_kw={"n_train": 120, "label_noise": 0.1}, hidden=(256, 256), opt="adam",
          lr=2e-3, batch=16, epochs=80)),
    B18("f_b18_tiny_cosine_conv", "cosine", ("tiny", "per_step"),
        "Digits convnet, Adam 2e-3 with a cosine to 0, batch 32, 3 epochs (132 steps), loss "
        "and LR every step, test per epoch (tutorial writers): a short, healthy run.",
        Cfg(model="conv", opt="adam", lr=2e-3, batch=32, epochs=3, sched=("cosine", {}))),
    dataclasses.replace(rl_scenario(
        "f_b18_rl_mlagents_anneal", W,
        {"lr": "Policy/Learning Rate", "value_loss": "Losses/Value Loss",
         "policy_loss": "Losses/Policy Loss", "entropy": "Policy/Entropy",
         "return": "Environment/Cumulative Reward"},
        "A2C on a 12-cell corridor (ML-Agents names), Adam 1e-3 annealed linearly, 500 "
        "updates logged every one: value loss rises as returns appear, policy loss wanders, "
        "reward climbs; no validation.",
        anneal=True, seeds=(1,), test_seeds=(), updates=500, lr=1e-3, every=1),
        held_out="blind18"),
    B18("f_b18_noise_floor_5c_exp_epoch", "exponential", ("noise_floor", "per_epoch"),
        "5-class make_classification (one cluster a class, class_sep 1.5) with 30 % flipped "
        "labels in train and test (4000 train), MLP 32, SGD 5e-2 momentum 0.9 under "
        "ExponentialLR x0.9 per epoch, batch 32, 30 epochs, epoch means at the epoch index "
        "(tutorial writers): meant to fall fast to the label-noise floor and sit there.",
        E(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 5,
                               "n_informative": 8, "flip_y": 0.3, "clusters": 1,
                               "class_sep": 1.5},
          hidden=(32,), lr=0.05, batch=32, epochs=30, sched=("exponential", {"gamma": 0.9}))),
]


# -- the blind19 split (tenth session, built by a helper from the plots only, after blind18)

def B19(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind19")


SCENARIOS += [
    B19("f_b19_sgdr_adam_wide_mlp256", "sgdr", ("restart_wide_spike", "per_step"),
        "Digits MLP 256, Adam under CosineAnnealingWarmRestarts from 2e-2 every 4 epochs "
        "(176 steps), batch 32, 16 epochs, loss and LR every step, test per epoch (tutorial "
        "writers): each restart meant to throw the low loss up for dozens of steps, then "
        "recover.",
        Cfg(hidden=(256,), opt="adam", lr=2e-2, batch=32, epochs=16,
            sched=("sgdr", {"T_0": 176}))),
    B19("f_b19_capacity_mlp4_8c_epoch", "cosine", ("per_epoch",),
        "8-class make_classification with three clusters a class (4000 train), MLP with 4 "
        "hidden units (too small), SGD 0.1 momentum 0.9 with a cosine to 0 per step, batch "
        "64, 30 epochs, epoch means at the epoch index (tutorial writers): meant to stall "
        "early at a high loss and only creep for the rest of the run.",
        E(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 8,
                               "n_informative": 8, "clusters": 3},
          hidden=(4,), lr=0.1, batch=64, epochs=30, sched=("cosine", {}))),
    B19("f_b19_slow_fall_6c_plain_sgd", "constant", ("per_step",),
        "6-class make_classification with two clusters a class (6000 train), MLP 32, plain "
        "SGD (no momentum) at a constant 3e-2, batch 32, 25 epochs, loss and LR every 5 "
        "steps, test per epoch (plain tags): a hard problem whose loss is meant to keep "
        "falling slowly but clearly to the end.",
        Cfg(data="clf", data_kw={"n_train": 6000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10, "clusters": 2},
            hidden=(32,), lr=0.03, momentum=0.0, batch=32, epochs=25, log_every=5),
        tags=PLAIN),
    B19("f_b19_reg_noise_floor_linear", "linear", ("noise_floor", "per_step"),
        "make_regression with heavy target noise (noise 80, targets scaled by 0.01), MLP "
        "32, Adam 3e-3 with a 100-step warmup and a linear decay to 0, batch 32, 20 epochs, "
        "loss and LR every 2 steps, test MSE per epoch, no accuracy (tutorial writers): "
        "meant to fall fast to the noise floor and sit there.",
        Cfg(data="reg", data_kw={"noise": 80.0, "scale": 0.01, "offset": 0.0},
            hidden=(32,), opt="adam", lr=3e-3, batch=32, epochs=20, log_every=2,
            sched=("linear", {"warmup": 100}))),
    B19("f_b19_yolo_groups_cut_early", "multistep", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits, SGD momentum 0.9 with three param groups "
        "(x0.5, x1, x2 of 2e-2, logged x/lr0..2) under MultiStepLR x0.1 at epochs 2 and 4 "
        "of 30 (the milestones were meant as 20 and 26: cuts at 7 % and 13 %), batch 64, "
        "loss and LRs every 3 steps, val per epoch: learning meant to nearly stop after the "
        "second cut, far above where it would go.",
        Cfg(model="yolo", lr=0.02, groups=(0.5, 1.0, 2.0), batch=64, epochs=30, log_every=3,
            sched=("multistep", {"milestones": [2, 4], "gamma": 0.1})), tags=YOLO),
    B19("f_b19_tiny_step_5c", "step", ("tiny", "per_step"),
        "5-class make_classification (2000 train), MLP 64, SGD 0.1 momentum 0.9 under StepLR "
        "x0.3 every 2 epochs, batch 32, 4 epochs (252 steps), loss and LR every step, test "
        "per epoch (tutorial writers): a short, healthy run.",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 8},
            hidden=(64,), lr=0.1, batch=32, epochs=4,
            sched=("step", {"step_size": 2, "gamma": 0.3}))),
]


# -- the blind20 split (eleventh session, built by a helper from the plots only, at its start)

def B20(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind20")


SCENARIOS += [
    B20("f_b20_noise_floor_3c_onecycle", "onecycle", ("noise_floor", "per_step"),
        "3-class make_classification with 35 % flipped labels (4000 train), MLP 32, SGD "
        "momentum 0.9 under OneCycleLR to 5e-2, batch 64, 20 epochs, loss and LR every 3 "
        "steps, val per epoch (plain tags): meant to reach the label-noise floor quickly and "
        "sit there.",
        Cfg(data="clf", data_kw={"n_train": 4000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.35},
            hidden=(32,), lr=0.05, batch=64, epochs=20, log_every=3,
            sched=("onecycle", {})), tags=PLAIN),
    B20("f_b20_collapse_5c_warm_sgd", "constant_warmup", ("collapse_no_nan", "per_step"),
        "5-class make_classification (3000 train), MLP 64-64, SGD momentum 0.9 with gradient "
        "clipping at norm 2 and a 200-step linear warmup to a constant 2.0 (far too high), "
        "batch 32, 15 epochs, loss and LR every 3 steps, test per epoch (tutorial writers): "
        "meant to learn while the LR is small and be thrown to chance level as it grows, "
        "never to recover.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64, 64), lr=2.0, batch=32, epochs=15, log_every=3, clip=2.0,
            sched=("warmup_constant", {"warmup": 200}))),
    B20("f_b20_dead_relu_digits_cosine_epoch", "cosine", ("per_epoch",),
        "Digits MLP 128 whose hidden biases start at -5 (every ReLU dead from the first step, "
        "an initialisation bug), SGD 5e-2 momentum 0.9 with a cosine to 0, batch 64, 20 "
        "epochs, epoch means at the epoch index (tutorial writers): only the output bias can "
        "learn, so the loss is meant to sit at the class-frequency level whatever the LR.",
        E(hidden=(128,), model_kw={"dead_bias": -5.0}, lr=0.05, batch=64, epochs=20,
          sched=("cosine", {}))),
    B20("f_b20_warmup_hot_6c_adam_bs16", "linear", ("per_step",),
        "6-class make_classification (3000 train), MLP 128, Adam with a 300-step warmup to "
        "4e-2 (too high a peak) and a linear decay to 0, batch 16, 10 epochs (1880 steps), "
        "loss and LR every step, test per epoch (plain tags): the loss meant to be set back "
        "near the peak for a while and to recover as the LR decays. The plots show only a "
        "stall of the train loss and one small val bump near the peak, then a steady fall; "
        "labelled as that.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(128,), opt="adam", lr=4e-2, batch=16, epochs=10,
            sched=("linear", {"warmup": 300})), tags=PLAIN),
    B20("f_b20_fast_crawl_conv_bs16", "constant", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD momentum 0.9 at a constant 5e-2 (big), batch 16, 10 epochs, "
        "loss and LR every 2 steps, test per epoch (tutorial writers): a fast fall in the "
        "first steps, then a slow crawl. The plots show it collapsing to chance level from "
        "a third of the way in; labelled as that.",
        Cfg(model="conv", lr=0.05, batch=16, epochs=10, log_every=2)),
    B20("f_b20_fast_crawl_mlp256_adam_bs16", "constant", ("fast_start_crawl", "per_step"),
        "Digits MLP 256, Adam at a constant 5e-3 (big), batch 16, 10 epochs, loss and LR "
        "every 2 steps, test per epoch (tutorial writers): a fast fall in the first steps, "
        "then a slow crawl.",
        Cfg(hidden=(256,), opt="adam", lr=5e-3, batch=16, epochs=10, log_every=2)),
    B20("f_b20_raise_acc_drop_conv", "other", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD 1e-2 momentum 0.9; from epoch 10 of 20 a bad resume sets the LR "
        "30x higher (0.3), batch 64, loss and LR every 2 steps, test per epoch (plain tags): "
        "the accuracy meant to drop after the raise. The plots show the raise throwing it "
        "to chance level for good; labelled as that.",
        Cfg(model="conv", lr=0.01, batch=64, epochs=20, log_every=2,
            sched=("bump", {"at_epoch": 10, "mult": 30.0})), tags=PLAIN),
]


# -- the blind21 split (thirteenth session, built by a helper from the plots only, at its start)

def B21(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind21")


SCENARIOS += [
    B21("f_b21_warmup_linear_healthy_3c_b16", "linear", ("per_step",),
        "3-class make_classification (3000 train), MLP 64, SGD 0.02 momentum 0.9 with a "
        "200-step warmup and a linear decay to 0, batch 16, 8 epochs, loss and LR every step, "
        "test per epoch (tutorial writers): a healthy warmup whose loss falls through the peak.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8},
            hidden=(64,), lr=0.02, batch=16, epochs=8, log_every=1,
            sched=("linear", {"warmup": 200}))),
    B21("f_b21_dead_relu_clf6_adam_step", "step", ("per_step",),
        "6-class make_classification (3000 train), MLP 64 whose hidden biases start at -10 "
        "(every ReLU dead, an initialisation bug), Adam 1e-3 under StepLR x0.5 every 5 epochs "
        "of 15, batch 64, loss and LR every 4 steps, test per epoch (tutorial writers): meant "
        "never to learn whatever the LR.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                                 "n_informative": 10},
            hidden=(64,), model_kw={"dead_bias": -10.0}, opt="adam", lr=1e-3, batch=64,
            epochs=15, log_every=4, sched=("step", {"step_size": 5, "gamma": 0.5}))),
]


# -- the blind22 split (fourteenth session, built by a helper from the plots only, at its start)

def B22(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind22")


SCENARIOS += [
    B22("f_b22_warmup_linear_hot_peak_digits", "linear", ("per_step",),
        "Digits MLP 128, SGD momentum 0.9 with a 150-step linear warmup to 0.6 (about 10x too "
        "high) and a linear decay to 0, batch 32, 16 epochs (704 steps), loss and LR every "
        "step, test per epoch (tutorial writers): learns in the warmup, meant to be thrown up "
        "near the peak and to recover as the LR decays.",
        Cfg(hidden=(128,), lr=0.6, batch=32, epochs=16, log_every=1,
            sched=("linear", {"warmup": 150}))),
    B22("f_b22_invsqrt_warmup_healthy_digits", "inverse_sqrt", ("per_step",),
        "Digits MLP 96, Adam with a 100-step warmup to 3e-3 and an inverse-square-root decay, "
        "batch 32, 14 epochs, loss and LR every 2 steps, test per epoch (tutorial writers): a "
        "healthy warmup whose loss falls through the peak.",
        Cfg(hidden=(96,), opt="adam", lr=3e-3, batch=32, epochs=14, log_every=2,
            sched=("inverse_sqrt", {"warmup": 100}))),
    B22("f_b22_overfit_digits_n200_noisy_step", "step", ("per_step",),
        "Digits MLP 256-256 trained on only 200 images, 20 % of their labels replaced at "
        "random, Adam 2e-3 under StepLR x0.7 every 30 epochs of 60, batch 16, loss and LR "
        "every 2 steps, val per epoch on clean labels (train/ and val/ tags): meant to overfit "
        "(val loss turning up while the train loss keeps falling).",
        Cfg(data_kw={"n_train": 200, "label_noise": 0.2}, hidden=(256, 256), opt="adam",
            lr=2e-3, batch=16, epochs=60, log_every=2,
            sched=("step", {"step_size": 30, "gamma": 0.7})),
        tags=PLAIN),
    B22("f_b22_clf5_adam_exp_val_flattens", "exponential", ("per_step",),
        "5-class make_classification (3000 train), MLP 64, Adam 2e-3 with weight decay 1e-4 "
        "under ExponentialLR x0.88 an epoch, batch 64, 25 epochs, loss and LR every 4 steps, "
        "test per epoch (tutorial writers): the val loss meant to flatten at its minimum "
        "without turning up.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 5,
                                 "n_informative": 10},
            hidden=(64,), opt="adam", lr=2e-3, wd=1e-4, batch=64, epochs=25, log_every=4,
            sched=("exponential", {"gamma": 0.88}))),
    B22("f_b22_yolo_groups3_exp_gone", "exponential", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (class + ink centre-of-mass box), three param "
        "groups at x0.5, x1 and x1 of SGD 0.02 momentum 0.9, ExponentialLR x0.08 an epoch "
        "(meant x0.8), batch 64, 15 epochs, losses and the three LRs every 3 steps, val per "
        "epoch: the LR is cut 12x after each epoch (1e-4 of its peak by epoch 4), so learning "
        "is meant to stop while the losses are still high.",
        Cfg(model="yolo", lr=0.02, groups=(0.5, 1.0, 1.0), batch=64, epochs=15, log_every=3,
            sched=("exponential", {"gamma": 0.08})), tags=YOLO),
]


# -- the blind23 split (fourteenth session, built by a helper from the plots only, after blind22
# had been scored once and its misses read)

def B23(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind23")


_B23_CLF3 = {"n_train": 3000, "n_val": 1000, "n_classes": 3, "n_informative": 6,
             "clusters": 3}

SCENARIOS += [
    B23("f_b23_clf4_sgd_bump_x40_acc_drop", "other", ("per_step",),
        "4-class make_classification (3000 train), MLP 64, SGD 0.01 momentum 0.9, then from "
        "epoch 10 of 20 the LR multiplied by 40 (a resume that read a wrong LR), batch 32, "
        "loss and LR every 2 steps, test per epoch (tutorial writers): meant to knock the val "
        "accuracy down after the raise.",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8},
            hidden=(64,), lr=0.01, batch=32, epochs=20, log_every=2,
            sched=("bump", {"at_epoch": 10, "mult": 40.0}))),
    B23("f_b23_clf3_sgd_const_fast_crawl", "constant", ("fast_start_crawl", "per_step"),
        "3-class make_classification (3000 train, 3 clusters a class), MLP 64, SGD 0.05 "
        "momentum 0.9 at a constant LR, batch 32, 15 epochs, loss and LR every 3 steps, test "
        "per epoch (tutorial writers): a fast first epoch, then a slow crawl (healthy).",
        Cfg(data="clf", data_kw=dict(_B23_CLF3), hidden=(64,), lr=0.05, batch=32, epochs=15,
            log_every=3)),
    B23("f_b23_clf3_sgd_const_hot_bounce", "constant", ("per_step",),
        "The same 3-class data and MLP 64, SGD momentum 0.9 at a constant 0.6 (about 10x too "
        "high), batch 32, 15 epochs, loss and LR every 3 steps, test per epoch (tutorial "
        "writers): meant to make the val loss bounce epoch to epoch.",
        Cfg(data="clf", data_kw=dict(_B23_CLF3), hidden=(64,), lr=0.6, batch=32, epochs=15,
            log_every=3)),
]


# -- the blind24 split (fourteenth session, built by a helper from the plots only, after blind23
# had been scored once and its misses read)

def B24(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind24")


SCENARIOS += [
    B24("f_b24_clf4_flip35_adam_const_floor", "constant", ("noise_floor", "per_step"),
        "4-class make_classification (3000 train) with 35 % of all labels replaced at random "
        "(flip_y, val too), MLP 64, Adam at a constant 1e-3, batch 32, 16 epochs, loss and LR "
        "every 3 steps, test per epoch (tutorial writers): meant to reach the label-noise "
        "floor early and sit there, val flat at its minimum (healthy).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.35},
            hidden=(64,), opt="adam", lr=1e-3, batch=32, epochs=16, log_every=3)),
    B24("f_b24_clf_n300_f40_adam_overfit", "constant", ("per_step",),
        "Two-class make_classification with only 300 training points (40 features, 6 "
        "informative, 1000 val), MLP 256-256, Adam at a constant 2e-3, batch 32, 60 epochs, "
        "loss and LR every 2 steps, test per epoch (tutorial writers): meant to overfit (val "
        "loss turning up while the train loss keeps falling).",
        Cfg(data="clf", data_kw={"n_train": 300, "n_val": 1000, "n_classes": 2,
                                 "n_features": 40, "n_informative": 6},
            hidden=(256, 256), opt="adam", lr=2e-3, batch=32, epochs=60, log_every=2)),
    B24("f_b24_reg_adam_const_hot_bounce", "constant", ("per_step",),
        "make_regression (1000 train, targets offset by 300, noise 10), MLP 64, Adam at a "
        "constant 0.3 (meant 1e-2), batch 32, 30 epochs, MSE and LR every 2 steps, val MSE "
        "per epoch, no accuracy: meant to make the val MSE bounce epoch to epoch.",
        Cfg(data="reg", hidden=(64,), opt="adam", lr=0.3, batch=32, epochs=30, log_every=2,
            acc=False)),
    B24("f_b24_reg_adam_const_healthy", "constant", ("per_step",),
        "The same regression and MLP 64, Adam at a constant 1e-2, batch 32, 30 epochs, MSE and "
        "LR every 2 steps, val MSE per epoch, no accuracy: the healthy constant-LR twin of "
        "f_b24_reg_adam_const_hot_bounce.",
        Cfg(data="reg", hidden=(64,), opt="adam", lr=1e-2, batch=32, epochs=30, log_every=2,
            acc=False)),
    B24("f_b24_clf6_relu2_adam_step_epoch", "step", ("per_epoch",),
        "6-class make_classification (3000 train, 10 informative features), an MLP whose "
        "hidden layer has 2 ReLU units (far too small for 6 classes), Adam 5e-3 under StepLR "
        "x0.5 every 8 epochs, batch 32, 24 epochs, epoch means of the train loss at the epoch "
        "index, test per epoch (tutorial writers): meant to stall early at a high loss and "
        "only creep (a capacity plateau).",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 6,
                               "n_informative": 10},
          hidden=(2,), opt="adam", lr=5e-3, batch=32, epochs=24,
          sched=("step", {"step_size": 8, "gamma": 0.5}))),
    B24("f_b24_long_clf4_bs8_adam_isqrt_spikes", "inverse_sqrt",
        ("long_noisy", "single_point_spikes", "per_step"),
        "4-class make_classification (8000 train, 5 % flipped labels), MLP 32, Adam 1e-3 with "
        "a 1000-step linear warmup and an inverse-square-root decay, batch 8 (1000 steps an "
        "epoch), 21 epochs = 21000 steps, loss and LR every step, test per epoch (tutorial "
        "writers); the batches at steps 7300 and 15800 have shuffled labels: a long run with "
        "two isolated one-step spikes.",
        Cfg(data="clf", data_kw={"n_train": 8000, "n_val": 1000, "n_classes": 4,
                                 "n_informative": 8, "flip_y": 0.05},
            hidden=(32,), opt="adam", lr=1e-3, batch=8, epochs=21, log_every=1,
            bad_steps=(7300, 15800), sched=("inverse_sqrt", {"warmup": 1000}))),
]


# -- the blind25 split (fourteenth session, built by a helper from the plots only, after blind24
# had been scored once and its misses read)

def B25(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind25")


SCENARIOS += [
    B25("f_b25_reg_adam_range_test", "range_test", ("range_test", "per_step"),
        "LR range test on make_regression (1000 train, targets offset by 300), MLP 64-64, Adam "
        "with the LR swept exponentially 1e-5 -> 10 over 300 steps, batch 32, MSE and LR every "
        "step, no validation, no accuracy: meant to fall, then blow up at the top of the "
        "sweep.",
        Cfg(data="reg", hidden=(64, 64), opt="adam", lr=10.0, batch=32, epochs=10, val=False,
            acc=False, max_steps=300, sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 300}),
            stop_on_nan=True)),
    B25("f_b25_clf4_adam_exp03_epoch", "exponential", ("per_epoch",),
        "4-class make_classification (3000 train), MLP 64, Adam 3e-3 under ExponentialLR 0.3 "
        "per epoch (gamma meant 0.9: the LR is down 1e-3 by epoch 6), batch 32, 20 epochs, "
        "logged per epoch at the epoch index (tutorial writers): meant to freeze the loss "
        "early while it is still high (decay too aggressive).",
        E(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 4,
                               "n_informative": 8, "class_sep": 0.8},
          hidden=(64,), opt="adam", lr=3e-3, batch=32, epochs=20,
          sched=("exponential", {"gamma": 0.3}))),
    B25("f_b25_reg_adam_onecycle_healthy", "onecycle", ("per_step",),
        "The same regression and MLP 64-64, Adam under OneCycleLR to 3e-2 (30 % warm), batch "
        "32, 25 epochs, MSE and LR every 2 steps, val MSE per epoch, no accuracy: a healthy "
        "one-cycle run, the contrast to f_b25_reg_adam_range_test.",
        Cfg(data="reg", hidden=(64, 64), opt="adam", lr=3e-2, batch=32, epochs=25,
            log_every=2, acc=False, sched=("onecycle", {}))),
    B25("f_b25_clf2_adam_onecycle_peak3e1_collapse", "onecycle", ("collapse_no_nan",
                                                                  "per_step"),
        "Two-class make_classification (2500 train, class_sep 1.5), MLP 64-64, Adam under "
        "OneCycleLR to 0.3 (meant 3e-3; 30 % warm), batch 32, 16 epochs, loss and LR every 2 "
        "steps, test per epoch (tutorial writers): learns while the LR is low, meant to "
        "collapse to chance (ln 2) near the peak and stay there.",
        Cfg(data="clf", data_kw={"n_train": 2500, "n_val": 1000, "class_sep": 1.5},
            hidden=(64, 64), opt="adam", lr=0.3, batch=32, epochs=16, log_every=2,
            sched=("onecycle", {}))),
    B25("f_b25_clf3_flip25_sgd_exp_floor", "exponential", ("noise_floor", "per_step"),
        "3-class make_classification (3000 train) with 25 % of all labels replaced at random "
        "(flip_y, val too), MLP 48, SGD momentum 0.9 at 5e-2 under ExponentialLR 0.9 per "
        "epoch, batch 32, 14 epochs, loss and LR every step, test per epoch: meant to reach "
        "the label-noise floor early and sit there, val flat at its minimum (healthy).",
        Cfg(data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                                 "n_informative": 8, "flip_y": 0.25},
            hidden=(48,), lr=5e-2, batch=32, epochs=14, log_every=1,
            sched=("exponential", {"gamma": 0.9}))),
]


# -- the blind26 split (fifteenth session, built by a helper from the plots only, after blind25
# had been scored once and its misses read)

def B26(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind26")


# detectron2-style names: one "total_loss", an "lr", a "validation_loss"
_B26_D2 = {"loss": "total_loss", "lr": "lr", "val_loss": "validation_loss",
           "acc": "validation_accuracy"}
_B26_CLF3 = {"n_train": 3000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.0}

SCENARIOS += [
    B26("f_b26_yolo_sgd_warm_peak_hot", "linear", ("param_groups", "per_step"),
        "YOLO-style two-head model on digits (train/box_loss, train/cls_loss, val/box_loss, "
        "val/cls_loss, metrics/mAP50, three parameter groups x/lr0..2), SGD momentum 0.9 "
        "warmed up linearly over 3 epochs (132 steps) to 0.25 (meant 0.02), then a linear "
        "decay to 0, batch 32, 20 epochs, losses and LRs every 2 steps, val per epoch: meant "
        "to set the val losses back near the peak and recover as the LR decays.",
        Cfg(model="yolo", lr=0.25, groups=(1.0, 1.0, 1.0), batch=32, epochs=20, log_every=2,
            sched=("linear", {"warmup": 132})), tags=YOLO),
    B26("f_b26_yolo_sgd_warm_ok", "linear", ("param_groups", "per_step"),
        "The same YOLO-style model and tags, SGD momentum 0.9 warmed up over 3 epochs to "
        "0.02, then a linear decay to 0, batch 32, 20 epochs, losses and LRs every 2 steps, "
        "val per epoch: the healthy warmup twin of f_b26_yolo_sgd_warm_peak_hot.",
        Cfg(model="yolo", lr=0.02, groups=(1.0, 1.0, 1.0), batch=32, epochs=20, log_every=2,
            sched=("linear", {"warmup": 132})), tags=YOLO),
    B26("f_b26_clf3_sgd_range_test_d2", "range_test", ("range_test", "per_step"),
        "LR range test on 3-class make_classification (3000 train), MLP 64-64, SGD momentum "
        "0.9 with the LR swept exponentially 1e-5 -> 10 over 400 steps, batch 32, "
        "detectron2-style tags (total_loss, lr) every step, no validation: meant to fall, "
        "then blow up at the top of the sweep.",
        Cfg(data="clf", data_kw=dict(_B26_CLF3), hidden=(64, 64), lr=10.0, batch=32,
            epochs=10, val=False, max_steps=400,
            sched=("range", {"lo": 1e-5, "hi": 10.0, "steps": 400})), tags=_B26_D2),
    B26("f_b26_clf3_sgd_onecycle_d2", "onecycle", ("per_step",),
        "The same 3-class data and MLP 64-64, SGD momentum 0.9 under OneCycleLR to 0.1 (30 % "
        "warm), batch 32, 12 epochs, detectron2-style tags (total_loss, lr every 2 steps, "
        "validation_loss and validation_accuracy per epoch): a healthy one-cycle run, the "
        "contrast to f_b26_clf3_sgd_range_test_d2.",
        Cfg(data="clf", data_kw=dict(_B26_CLF3), hidden=(64, 64), lr=0.1, batch=32,
            epochs=12, log_every=2, sched=("onecycle", {})), tags=_B26_D2),
    B26("f_b26_clf2_adam_deep_const_5e1", "constant", ("chance_from_start", "per_step"),
        "Two-class make_classification (2000 train), MLP 64-64-64, Adam at a constant 0.5 "
        "(meant 1e-3), batch 32, 10 epochs, loss and LR every 2 steps, test per epoch "
        "(tutorial writers): far too high from the first step, meant never to leave chance "
        "level (ln 2).",
        Cfg(data="clf", data_kw={"n_train": 2000, "n_val": 1000}, hidden=(64, 64, 64),
            opt="adam", lr=0.5, batch=32, epochs=10, log_every=2)),
]


# -- the blind27 split (fifteenth session, built by a helper from the plots only, after blind26
# had been scored once and its misses read)

def B27(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind27")


# detectron2-style names: "total_loss" and "lr" (a range test logs no validation)
_B27_D2 = {"loss": "total_loss", "lr": "lr", "val_loss": "validation_loss",
           "acc": "validation_accuracy"}
_B27_REG = {"n_train": 1000, "n_val": 400, "noise": 10.0, "offset": 0.0}

SCENARIOS += [
    B27("f_b27_conv_sgd_warm_hot_every1", "linear", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD momentum 0.9 warmed up linearly over 3 epochs (132 steps) to 0.3 "
        "(meant 0.03), then a linear decay to 0, batch 32, 15 epochs, loss and LR every step, "
        "test per epoch (tutorial writers): a warmup to a too-high peak, meant to throw the "
        "loss up near the peak; the every-step twin of f_b27_conv_sgd_warm_hot_every5. The "
        "plots show no recovery: the loss jumped to chance (ln 10) just before the peak and "
        "stayed there; labelled as that.",
        Cfg(model="conv", lr=0.3, batch=32, epochs=15, log_every=1,
            sched=("linear", {"warmup": 132}))),
    B27("f_b27_conv_sgd_warm_hot_every5", "linear", ("collapse_no_nan", "per_step"),
        "The same training as f_b27_conv_sgd_warm_hot_every1 (digits convnet, SGD momentum "
        "0.9, 3-epoch warmup to 0.3 then linear decay, batch 32, 15 epochs, same seed), loss "
        "and LR logged every 5 steps (it collapses to chance the same way).",
        Cfg(model="conv", lr=0.3, batch=32, epochs=15, log_every=5,
            sched=("linear", {"warmup": 132}))),
    B27("f_b27_reg_adam_sgdr_hot", "sgdr", ("restart_wide_spike", "per_step"),
        "make_regression (1000 train, noise 10, no offset), MLP 64-64, Adam under "
        "CosineAnnealingWarmRestarts with T_0 = 96 steps (3 epochs) from 0.2 (meant 1e-2), "
        "batch 32, 18 epochs (6 cycles), MSE and LR every step, val MSE per epoch, no "
        "accuracy: each restart meant to throw the loss up for dozens of steps.",
        Cfg(data="reg", data_kw=dict(_B27_REG), hidden=(64, 64), opt="adam", lr=0.2,
            batch=32, epochs=18, log_every=1, acc=False, sched=("sgdr", {"T_0": 96})),
        tags=PLAIN),
    B27("f_b27_reg_adam_sgdr_gentle", "sgdr", ("per_step",),
        "The same regression and MLP 64-64, Adam under warm restarts (T_0 = 3 epochs) from "
        "1e-2, batch 32, 18 epochs, MSE and LR every step, val MSE per epoch: the gentle "
        "twin of f_b27_reg_adam_sgdr_hot (healthy).",
        Cfg(data="reg", data_kw=dict(_B27_REG), hidden=(64, 64), opt="adam", lr=1e-2,
            batch=32, epochs=18, log_every=1, acc=False, sched=("sgdr", {"T_0": 96})),
        tags=PLAIN),
    B27("f_b27_conv_sgd_range_test_d2", "range_test", ("range_test", "per_step"),
        "LR range test on digits, the small convnet, plain SGD without momentum with the LR "
        "swept exponentially 1e-4 -> 30 over 500 steps, batch 32, detectron2-style tags "
        "(total_loss, lr) every step, no validation: meant to fall, then blow up at the top.",
        Cfg(model="conv", lr=30.0, momentum=0.0, batch=32, epochs=20, val=False,
            max_steps=500, stop_on_nan=True,
            sched=("range", {"lo": 1e-4, "hi": 30.0, "steps": 500})), tags=_B27_D2),
]


# -- the blind28 split (fifteenth session, built by a helper from the plots only, after blind27
# had been scored once and its misses read)

def _b28_detector(run_dir, seed, *, style="yolo", keep=None, lr=0.01, mults=(1.0, 1.0, 1.0),
                  epochs=20, batch=32, warmup=66, milestones=None, log_every=1,
                  max_iters=None):
    """A detection-style model on digits: a shared trunk, a class head, a "box" head (the
    ink's centre of mass) and a "dfl" head (a distribution over 8 bins of the centre's row,
    cross-entropy against the true bin, as in YOLOv8's distribution focal loss). SGD
    momentum 0.9 with three parameter groups (trunk, class head, box+dfl heads; LR
    ``lr * mults[i]``), a linear warmup over ``warmup`` steps, then either a linear decay to 0
    (``style="yolo"``) or x0.1 cuts at ``milestones`` fractions (detectron2's
    WarmupMultiStepLR). ``style="yolo"``: per-step train/box_loss, train/cls_loss,
    train/dfl_loss and lr/pg0..2, per epoch val/ twins and metrics/mAP50(B) (a proxy: class
    right and box within 0.1); ``style="d2"``: total_loss, loss_cls, loss_box_reg (box + dfl)
    and lr every ``log_every`` iterations, no validation. ``keep``: the digit classes kept."""
    import math
    import time

    import numpy as np
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import load_digits
    from torch import nn

    from benchmarks.corpus import common
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(1000 + seed)
    d = load_digits()
    X = (d.data / 16.0).astype("float32")
    y = d.target.astype("int64")
    if keep:
        m = np.isin(y, keep)
        X, y = X[m], np.searchsorted(np.array(sorted(keep)), y[m])
    img = X.reshape(-1, 8, 8)
    tot = img.sum((1, 2)) + 1e-6
    r = (img.sum(2) * np.arange(8)).sum(1) / tot / 7
    c = (img.sum(1) * np.arange(8)).sum(1) / tot / 7
    box = np.stack([r, c], 1).astype("float32")
    dbin = np.clip((r * 8).astype("int64"), 0, 7)
    X = (X - X.mean(0)) / (X.std(0) + 1e-6)
    idx = rng.permutation(len(X))
    n_val = len(X) // 5
    va, tr = idx[:n_val], idx[n_val:]
    T = lambda a: torch.from_numpy(a)  # noqa: E731
    Xt, yt, bt, dt = T(X[tr]), T(y[tr]), T(box[tr]), T(dbin[tr])
    Xv, yv, bv, dv = T(X[va]), T(y[va]), T(box[va]), T(dbin[va])
    k = int(y.max()) + 1

    class Det(nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk = nn.Sequential(nn.Linear(64, 96), nn.ReLU(), nn.Linear(96, 64),
                                       nn.ReLU())
            self.cls = nn.Linear(64, k)
            self.reg = nn.Linear(64, 2 + 8)

        def forward(self, x):
            h = self.trunk(x)
            o = self.reg(h)
            return self.cls(h), torch.sigmoid(o[:, :2]), o[:, 2:]

    model = Det()
    groups = [{"params": list(model.trunk.parameters()), "lr": lr * mults[0]},
              {"params": list(model.cls.parameters()), "lr": lr * mults[1]},
              {"params": list(model.reg.parameters()), "lr": lr * mults[2]}]
    opt = torch.optim.SGD(groups, lr=lr, momentum=0.9)
    spe = int(math.ceil(len(Xt) / batch))
    total = max_iters or spe * epochs

    def factor(s):
        w = min(1.0, (s + 1) / warmup)
        if milestones:
            return w * 0.1 ** sum(s >= int(f * total) for f in milestones)
        return w if s < warmup else max(0.0, (total - s) / max(1, total - warmup))
    sch = torch.optim.lr_scheduler.LambdaLR(opt, factor)

    def parts(xb, yb, bb, db):
        lc, pb, ld = model(xb)
        cls = F.cross_entropy(lc, yb)
        boxl = F.mse_loss(pb, bb) * 20.0
        dfl = F.cross_entropy(ld, db) * 0.5
        return cls, boxl, dfl, lc, pb

    log = common.TFLogger(run_dir)
    t0, step = time.time(), 0
    for _ep in range(epochs):
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xt)))
        for b in range(spe):
            j = perm[b * batch:(b + 1) * batch]
            cls, boxl, dfl, _, _ = parts(Xt[j], yt[j], bt[j], dt[j])
            loss = cls + boxl + dfl
            opt.zero_grad()
            loss.backward()
            if step % log_every == 0:
                lrs = [g["lr"] for g in opt.param_groups]
                if style == "yolo":
                    log.scalar("train/box_loss", float(boxl), step)
                    log.scalar("train/cls_loss", float(cls), step)
                    log.scalar("train/dfl_loss", float(dfl), step)
                    for i, v in enumerate(lrs):
                        log.scalar("lr/pg%d" % i, v, step)
                else:
                    log.scalar("total_loss", float(loss), step)
                    log.scalar("loss_cls", float(cls), step)
                    log.scalar("loss_box_reg", float(boxl + dfl), step)
                    log.scalar("lr", lrs[0], step)
            opt.step()
            sch.step()
            step += 1
            if step >= total:
                break
        if style == "yolo":
            model.eval()
            with torch.no_grad():
                cls, boxl, dfl, lc, pb = parts(Xv, yv, bv, dv)
                hit = ((lc.argmax(1) == yv) & ((pb - bv).abs().max(1).values < 0.1)).float()
            log.scalar("val/box_loss", float(boxl), step)
            log.scalar("val/cls_loss", float(cls), step)
            log.scalar("val/dfl_loss", float(dfl), step)
            log.scalar("metrics/mAP50(B)", float(hit.mean()), step)
        if step >= total:
            break
    log.close()
    return {"writer": W, "seed": seed, "seconds": round(time.time() - t0, 2), "steps": step}


def _b28_det(**kw):
    def train(run_dir, seed, _kw=kw):
        return _b28_detector(run_dir, seed, **_kw)
    return train


def B28T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind28")


SCENARIOS += [
    B28T("f_b28_yolo3_sgd_cls_head_100x", "linear", ("param_groups", "per_step"),
         "A detection-style model on digits (shared trunk; class, box and DFL heads), SGD "
         "momentum 0.9 in three parameter groups (trunk, class head, box+DFL heads; lr/pg0..2) "
         "warmed up over 66 steps to 1e-2 with a linear decay to 0, but the class head's "
         "group at 100x (1.0; a misplaced multiplier), batch 32, 20 epochs, YOLO tags "
         "(train/box_loss, train/cls_loss, train/dfl_loss every step; val/ twins and "
         "metrics/mAP50(B) per epoch): meant to make only the class loss misbehave while the "
         "box and DFL losses learn. The class part did not spike much: its train loss fell "
         "to ~4e-4 while its val loss turned up 2.4x from step 270 (it overfits); labelled "
         "as that.",
         _b28_det(style="yolo", lr=1e-2, mults=(1.0, 100.0, 1.0), epochs=20)),
    B28T("f_b28_yolo3_sgd_all_parts_learn", "linear", ("param_groups", "per_step"),
         "The same detection-style model, tags and schedule, all three parameter groups at "
         "1e-2 (warmup 66 steps, linear decay), batch 32, 20 epochs: every part learns "
         "(healthy), the twin of f_b28_yolo3_sgd_cls_head_100x.",
         _b28_det(style="yolo", lr=1e-2, mults=(1.0, 1.0, 1.0), epochs=20)),
    B28T("f_b28_d2_two_class_sgd_multistep_ok", "multistep", ("per_step",),
         "The same detection-style model on two digit classes (3 and 8), detectron2-style: "
         "SGD momentum 0.9 at 2e-2, a 100-iteration linear warmup, x0.1 at 70 % and 90 % of "
         "a 1500-iteration budget (WarmupMultiStepLR), batch 16, total_loss, loss_cls, "
         "loss_box_reg and lr every 5 iterations, no validation: meant healthy. The 60-epoch "
         "loop stops at iteration 1080, so only the first cut (1050) happens.",
         _b28_det(style="d2", keep=(3, 8), lr=2e-2, epochs=60, batch=16, warmup=100,
                  milestones=(0.7, 0.9), log_every=5, max_iters=1500)),
    B28T("f_b28_d2_two_class_sgd_multistep_hot", "multistep", ("per_step",),
         "The same two-class detectron2-style training with the base LR at 0.6 (meant 2e-2): "
         "warmup 100 iterations, the same budget and cut (only the one at 1050 happens), "
         "batch 16, logs every 5 iterations, no validation: meant to throw the losses up "
         "once the warmup reaches the too-high base LR. The class loss collapsed to chance "
         "(ln 2) at the warmup peak and stayed there; labelled as that.",
         _b28_det(style="d2", keep=(3, 8), lr=0.6, epochs=60, batch=16, warmup=100,
                  milestones=(0.7, 0.9), log_every=5, max_iters=1500)),
]

# -- the blind29 split (sixteenth session, built by a helper from the plots only, after blind28
# had been scored once and its misses read)

def B29T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind29")


SCENARIOS += [
    B29T("f_b29_d2_three_class_ok", "multistep", ("per_step",),
         "The same three-class detectron2-style training with all three groups at 1e-2, "
         "warmup 100 iterations, x0.1 at 70 % and 90 % of 1500 iterations, batch 16, 25 "
         "epochs: every part learns (healthy), the healthy twin of f_b29_d2_three_class_box_head_500x.",
         _b28_det(style="d2", keep=(0, 1, 7), lr=1e-2, mults=(1.0, 1.0, 1.0), epochs=25,
                  batch=16, warmup=100, milestones=(0.7, 0.9), log_every=5, max_iters=1500)),
]

def B29(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind29")


SCENARIOS += [
    B29T("f_b29_d2_three_class_box_head_500x", "multistep", ("per_step",),
         "The detection-style model of f_b28 on three digit classes (0, 1 and 7), "
         "detectron2-style tags (total_loss, loss_cls, loss_box_reg and one lr every 5 "
         "iterations, no validation), SGD momentum 0.9 at 1e-2 in three parameter groups, "
         "x0.1 cuts at 70 % and 90 % of 1500 iterations, with the box heads' group at 500x "
         "(5.0; a misplaced multiplier), warmup 100 iterations, batch 16, 25 epochs, logs "
         "every 5 iterations, no validation: meant to make only the box loss misbehave while "
         "total_loss looks fine. The loop stops at iteration 670 (no cut happens); the box "
         "part blew up and took total_loss with it; labelled as that.",
         _b28_det(style="d2", keep=(0, 1, 7), lr=1e-2, mults=(1.0, 1.0, 500.0), epochs=25,
                  batch=16, warmup=100, milestones=(0.7, 0.9), log_every=5, max_iters=1500)),
    B29("f_b29_conv_sgd_const_hot_bounce", "constant", ("collapse_no_nan", "per_step"),
        "Digits convnet, SGD momentum 0.9 at a constant 0.15 (meant 0.02), batch 32, 20 "
        "epochs, loss and LR every 3 steps, test per epoch (tutorial writers): a constant LR "
        "a bit too high, meant to make the test loss bounce epoch to epoch. It collapsed to "
        "chance (ln 10) after ~100 steps and stayed there; labelled as that.",
        Cfg(model="conv", lr=0.15, batch=32, epochs=20, log_every=3)),
]

# -- the blind30 split (seventeenth session, built by a helper from the plots only, after
# blind29 had been scored once and its misses read)

def B30(name, family, classes, story, cfg, tags=TUT, seeds=(1,)):
    return dataclasses.replace(S(name, family, classes, story, cfg, tags=tags, seeds=seeds,
                                 test_seeds=()), held_out="blind30")


def B30T(name, family, classes, story, train, seeds=(1,)):
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind30")


def _b30_tf(**kw):
    """sc_torch's blind30 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b30_loop
        return _b30_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    return train


_B30_CLF8 = {"n_train": 3000, "n_val": 1000, "n_classes": 8, "n_informative": 12,
             "class_sep": 1.5}
_B30_CLF3 = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.5}

SCENARIOS += [
    B30T("f_b30_digits_finetune_sgd_hot_wreck", "constant", ("per_step",),
         "Digits MLP 128, first trained (not logged) for 10 epochs with Adam on 30 % of the "
         "training set, then fine-tuned on all of it with SGD momentum 0.9 at a constant 0.3 "
         "(meant 1e-3), batch 32, 15 epochs, loss and LR every step, test at step 0 and per "
         "epoch (tutorial writers): a far too high LR meant to wreck what was learned "
         "(accuracy falling from a high start, the loss jumping up). (First try, SGD 0.1: "
         "the fine-tune simply improved; a prototype at Adam 0.1 kept the accuracy high.)",
         _b30_tf(data="digits", hidden=(128,), opt_name="SGD", lr=0.3, momentum=0.9,
                 epochs=15, pretrain_epochs=10, val_at_start=True)),
    B30T("f_b30_digits_finetune_adam_1e4_ok", "constant", ("per_step",),
         "The same pretrained-like start (10 epochs of Adam on 30 % of the digits, not "
         "logged), then fine-tuned on all of it with Adam at a constant 1e-4, batch 32, 15 "
         "epochs, loss and LR every step, test at step 0 and per epoch: a right small LR for "
         "a fine-tune (healthy), the twin of f_b30_digits_finetune_sgd_hot_wreck.",
         _b30_tf(data="digits", hidden=(128,), opt_name="Adam", lr=1e-4, epochs=15,
                 pretrain_epochs=10, val_at_start=True)),
    B30T("f_b30_xor_tanh_init05_plateau_never", "constant", ("per_step",),
         "The XOR task of t_b30_xor_tanh_small_init_phase_change (2000 train), the deep tanh "
         "MLP 32-32-32 with its initial weights scaled by 0.5, plain SGD at a constant 0.05, "
         "batch 32, 30 epochs, loss and LR every step, test per epoch: meant to sit on the "
         "chance plateau (ln 2) for the whole run (a plateau that never resolves).",
         _b30_tf(data="xor", hidden=(32, 32, 32), act="tanh", init_scale=0.5,
                 opt_name="SGD", lr=0.05, epochs=30)),
    B30("f_b30_clf3_sgd_warmup_peak3_collapse", "linear", ("collapse_no_nan", "per_step"),
        "3-class make_classification (2000 train, class_sep 1.5), MLP 64-64, SGD momentum "
        "0.9 with a linear warmup over 40 % of the run to 3.0 (meant 3e-2), then linear "
        "decay to 0, batch 32, 20 epochs, loss and LR every 2 steps, test per epoch: meant "
        "to learn while the LR is low and collapse to chance (ln 3 = 1.10) near the peak, "
        "without NaN, and stay there.",
        Cfg(data="clf", data_kw=dict(_B30_CLF3), hidden=(64, 64), lr=3.0, batch=32,
            epochs=20, log_every=2, sched=("linear", {"warmup": 504}))),
    B30("f_b30_clf8_adam_hidden3_capacity", "cosine", ("per_step",),
        "8-class make_classification (3000 train, class_sep 1.5), an MLP with a 3-unit "
        "hidden layer (far too small for 8 classes), Adam 3e-3 under a per-step cosine, "
        "batch 32, 25 epochs, loss and LR every 3 steps, test per epoch: meant to stall high "
        "after a few epochs and only creep (a capacity plateau).",
        Cfg(data="clf", data_kw=dict(_B30_CLF8), hidden=(3,), opt="adam", lr=3e-3,
            batch=32, epochs=25, log_every=3, sched=("cosine", {}))),
    B30("f_b30_clf8_flip35_mlp_floor", "cosine", ("noise_floor", "per_step"),
        "The same 8-class data with 35 % of the labels (train and test) replaced at random "
        "(flip_y 0.35), MLP 128, Adam 1e-3 under a per-step cosine, batch 32, 25 epochs, "
        "loss and LR every 3 steps, test per epoch: meant to stall at the label-noise floor "
        "with the test loss flat at its minimum (healthy), the look-alike of "
        "f_b30_clf8_adam_hidden3_capacity.",
        Cfg(data="clf", data_kw=dict(_B30_CLF8, flip_y=0.35), hidden=(128,), opt="adam",
            lr=1e-3, batch=32, epochs=25, log_every=3, sched=("cosine", {}))),
]


# -- the blind31 split (seventeenth session, built by a helper from the plots only, after
# blind30 had been scored once and its misses read)

def B31T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind31 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b31_loop
        return _b31_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind31")


def _b31_cos(s, total):
    import math
    return 0.5 * (1 + math.cos(math.pi * s / total))


_B31_CLF3 = {"n_train": 2000, "n_val": 1000, "n_classes": 3, "n_informative": 8,
             "class_sep": 1.2}
_B31_CLF10 = {"n_train": 3000, "n_val": 1000, "n_classes": 10, "n_informative": 12,
              "class_sep": 1.5}

SCENARIOS += [
    B31T("f_b31_clf3_sgd_epoch_exp_stepped_per_batch", "exponential", ("per_step",),
         "3-class make_classification (2000 train), MLP 64-64, SGD momentum 0.9 at 5e-2 "
         "with an exponential decay x0.7 meant per epoch but stepped every batch (the "
         "scheduler bug: the LR is ~1e-10 by the end of the first epoch), batch 32, 20 "
         "epochs, loss and LR every step, test per epoch (tutorial writers).",
         data="clf", data_kw=dict(_B31_CLF3), hidden=(64, 64), opt_name="SGD", lr=5e-2,
         opt_kw={"momentum": 0.9}, epochs=20, sched=lambda s, t: 0.7 ** s),
    B31T("f_b31_seq_adamw_label_smooth_l2", "cosine", ("per_step",),
         "The synthetic token-sequence task (is token 1 more frequent than token 2; 1800 "
         "train, one-hot encoded), MLP 64, AdamW 1e-3 under a per-step cosine, cross-entropy "
         "with label smoothing 0.2 and an L2 penalty (1e-3 x the squared weights) added to the "
         "logged train loss, batch 32, 20 epochs, loss and LR every step, test (the smoothed "
         "loss, no penalty) per epoch: a loss floor far above 0 by design, meant healthy.",
         data="seq", hidden=(64,), opt_name="AdamW", lr=1e-3, epochs=20,
         label_smoothing=0.2, l2=1e-3, sched=_b31_cos),
    B31T("f_b31_digits_sgd_batch16_to_128", "constant", ("per_step",),
         "Digits (1397 train), MLP 128, SGD momentum 0.9 at a constant 1e-2, batch 16 for "
         "the first 10 epochs then batch 128 for the last 10, loss and LR every step, test "
         "per epoch: a batch-size change mid-run (the loss noise shrinks, fewer steps per "
         "epoch), meant healthy.",
         data="digits", hidden=(128,), opt_name="SGD", lr=1e-2, opt_kw={"momentum": 0.9},
         epochs=20, batch=16, batch_from=(10, 128)),
    B31T("f_b31_clf10_adam_const_3e1_chance", "constant", ("chance_from_start", "per_step"),
         "10-class make_classification (3000 train), MLP 128-128, Adam at a constant 0.3 "
         "(meant 1e-3), batch 32, 12 epochs, loss and LR every 2 steps, test per epoch: far "
         "too high from the first step, meant to keep the loss around chance (ln 10 = 2.30) "
         "with large bounces.",
         data="clf", data_kw=dict(_B31_CLF10), hidden=(128, 128), opt_name="Adam", lr=0.3,
         epochs=12, log_every=2),
    B31T("f_b31_xor_tanh6_sgd5e3_saddle_resolves", "constant", ("per_step",),
         "The XOR task (label = sign(x0 * x1), 2000 train, 8 noise features), a 6-layer tanh "
         "MLP of width 32 at torch's default init, SGD momentum 0.9 at a constant 5e-3, "
         "batch 32, 30 epochs, loss and LR every step, test per epoch: meant to sit at "
         "chance (ln 2) on a saddle for most of the run at a moderate LR and then resolve "
         "(a prototype left the plateau after ~20 epochs).",
         data="xor", hidden=(32,) * 6, act="tanh", opt_name="SGD", lr=5e-3,
         opt_kw={"momentum": 0.9}, epochs=30),
    B31T("f_b31_circles_adam_const_2e2_settle", "constant", ("per_step",),
         "make_circles (2000 train, noise 0.15), MLP 64-64, Adam at a constant 2e-2 (a bit "
         "high), batch 16, 20 epochs, loss and LR every step, test per epoch: meant to make "
         "the test loss jump in the first half, then settle. It showed a flat floor with "
         "moderate wiggles instead; labelled as that.",
         data="circles", data_kw={"noise": 0.15}, hidden=(64, 64), opt_name="Adam",
         lr=2e-2, epochs=20, batch=16),
]


# -- the blind32 split (seventeenth session, built by a helper from the plots only, after
# blind31 had been scored once and its misses read)

def B32T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind32")


def _b32_cos(k, total, spe):
    import math
    return 0.5 * (1 + math.cos(math.pi * k / total))


def _b32_warm_lin(frac):
    """Linear warmup over ``frac`` of the run, then a linear decay to 0."""
    def f(k, total, spe):
        w = max(1, int(frac * total))
        return (k + 1) / w if k < w else max(0.0, (total - k) / max(1, total - w))
    return f


def _b32_step(every_epochs, gamma):
    def f(k, total, spe):
        return gamma ** (k // (every_epochs * spe))
    return f


_B32_REG = {"n": 2000, "noise": 20.0, "y_scale": 20.0}

SCENARIOS += [
    B32T("f_b32_reg_huber_adam_cosine_3e3", "cosine", ("per_step",),
         "make_regression (12 features, noise 20, 1500 train) with its targets in their own "
         "units (standard deviation 20), trained on a Huber loss (delta 1, so ~L1 in these "
         "units, not MSE), MLP 64-64, Adam 3e-3 under a per-step cosine to 0, batch 32, 30 "
         "epochs, loss and LR every step, val (Huber) per epoch: meant healthy.",
         data="reg", data_kw=dict(_B32_REG), hidden=(64, 64), opt_name="Adam", lr=3e-3,
         loss_kind="huber", epochs=30, sched=_b32_cos),
    B32T("f_b32_reg_l1_sgd_const_hot", "constant", ("per_step",),
         "The same make_regression data (targets of standard deviation 20), an L1 loss, MLP "
         "64-64, SGD momentum 0.9 at a constant 0.1 (far too high), batch 32, 30 epochs, "
         "loss and LR every step, val (L1) per epoch: an LR too high for the L1 regression, "
         "the look-alike of f_b32_reg_huber_adam_cosine_3e3.",
         data="reg", data_kw=dict(_B32_REG), hidden=(64, 64), lr=0.1,
         opt_kw={"momentum": 0.9}, loss_kind="l1", epochs=30),
    B32T("f_b32_clf8_tanh3_adam_capacity", "constant", ("per_step",),
         "8-class make_classification (3000 train, 14 informative features), an MLP with a "
         "3-unit tanh hidden layer (far too small for 8 classes), Adam at a constant 3e-3, "
         "batch 32, 30 epochs, loss and LR every step, val per epoch: meant to stall high "
         "early and only creep (a capacity plateau).",
         data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 8,
                              "n_informative": 14, "class_sep": 1.5},
         hidden=(3,), act="tanh", opt_name="Adam", lr=3e-3, epochs=30),
    B32T("f_b32_clf3_flip30_sgd_step_floor", "step", ("noise_floor", "per_step"),
         "3-class make_classification (3000 train) with 30 % of the labels flipped, MLP 32, "
         "SGD momentum 0.9 at 5e-2, StepLR x0.3 every 8 epochs, batch 32, 24 epochs, loss "
         "and LR every step, val per epoch: meant to stall at the label-noise floor with "
         "the val loss flat at its minimum (healthy), the look-alike of "
         "f_b32_clf8_tanh3_adam_capacity.",
         data="clf", data_kw={"n_train": 3000, "n_val": 1000, "n_classes": 3,
                              "n_informative": 8, "class_sep": 1.5, "flip_y": 0.3},
         hidden=(32,), lr=5e-2, opt_kw={"momentum": 0.9}, epochs=24, sched=_b32_step(8, 0.3)),
    B32T("f_b32_clf5_adam_warmup_peak_2e1_collapse", "linear", ("collapse_no_nan", "per_step"),
         "5-class make_classification (2500 train), MLP 128-64, Adam with a linear warmup "
         "over 25 % of the run to a peak of 0.2 (meant 2e-3), then a linear decay to 0, "
         "batch 32, 20 epochs, loss and LR every step, val per epoch: meant to learn during "
         "the early warmup and collapse to chance (ln 5) near the peak, without NaN, and "
         "stay there.",
         data="clf", data_kw={"n_train": 2500, "n_val": 1000, "n_classes": 5,
                              "n_informative": 10, "class_sep": 1.5},
         hidden=(128, 64), opt_name="Adam", lr=0.2, epochs=20, sched=_b32_warm_lin(0.25)),
]


# -- the blind33 split (seventeenth session, built by a helper from the plots only, after
# blind32 had been scored once and its misses read)

def B33T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind33")


def _b33_cos(k, total, spe):
    import math
    return 0.5 * (1 + math.cos(math.pi * k / total))


def _b33_warm_cos(warm_epochs):
    def f(k, total, spe):
        from benchmarks.corpus.sc_torch import _b32_warm_cos
        return _b32_warm_cos(warm_epochs)(k, total, spe)
    return f


def _b33_step(every_epochs, gamma):
    def f(k, total, spe):
        return gamma ** (k // (every_epochs * spe))
    return f


SCENARIOS += [
    B33T("f_b33_clf12_tanh2_adam_capacity", "cosine", ("per_step",),
         "12-class make_classification (2400 train, 14 informative features, well "
         "separated), an MLP with a 2-unit tanh hidden layer (far too small for 12 classes), "
         "Adam at 3e-3 under a per-step cosine to 0, batch 32, 25 epochs, loss and LR every "
         "step, val per epoch: meant to stall high early and only creep (a capacity "
         "plateau).",
         data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 12,
                              "n_informative": 14, "class_sep": 2.0},
         hidden=(2,), act="tanh", opt_name="Adam", lr=3e-3, epochs=25, sched=_b33_cos),
    B33T("f_b33_clf4_flip35_sgd_step_floor", "step", ("noise_floor", "per_step"),
         "4-class make_classification (2400 train) with 35 % of the labels flipped, MLP 64, "
         "plain SGD (no momentum) at 0.1, StepLR x0.5 every 6 epochs, batch 32, 24 epochs, "
         "loss and LR every step, val per epoch: meant to stall at the label-noise floor "
         "with the val loss flat at its minimum (healthy), the look-alike of "
         "f_b33_clf12_tanh2_adam_capacity.",
         data="clf", data_kw={"n_train": 2400, "n_val": 800, "n_classes": 4,
                              "n_informative": 8, "class_sep": 1.5, "flip_y": 0.35},
         hidden=(64,), lr=0.1, epochs=24, sched=_b33_step(6, 0.5)),
    B33T("f_b33_moons_adam_const_1_chance", "constant", ("chance_from_start", "per_step"),
         "make_moons (2000 train, noise 0.2), MLP 64-64, Adam at a constant 1.0 (meant "
         "1e-3), batch 32, 20 epochs, loss and LR every step, val per epoch: meant never to "
         "leave chance level (ln 2) from the start.",
         data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), opt_name="Adam", lr=1.0,
         epochs=20),
    B33T("f_b33_reg_sgd_const_2e4_too_low", "constant", ("per_step",),
         "make_regression (12 features, 1500 train, targets scaled to unit variance, MSE), "
         "MLP 64-64, plain SGD at a constant 2e-4 (far too low), batch 32, 20 epochs, loss "
         "and LR every step, val per epoch: meant to fall far too slowly from the start.",
         data="reg", loss_kind="mse", hidden=(64, 64), lr=2e-4, epochs=20),
    B33T("f_b33_clf5_adamw_wd01_resume_restored", "cosine", ("per_step",),
         "5-class make_classification (2000 train), MLP 128, AdamW with weight decay 0.1 at "
         "2e-3, a 1-epoch linear warmup then a per-step cosine to 0 over 20 epochs, batch "
         "32, loss and LR every step, val per epoch. The job dies at the end of epoch 14 "
         "and is resumed (a second event file in each writer's folder) from the checkpoint "
         "of epoch 12, its steps written again, with the scheduler state restored: a "
         "restarted run, meant healthy.",
         data="clf", data_kw={"n_train": 2000, "n_val": 800, "n_classes": 5,
                              "n_informative": 10, "class_sep": 1.2},
         hidden=(128,), opt_name="AdamW", lr=2e-3, wd=0.1, epochs=20,
         sched=_b33_warm_cos(1), resume=(14, 12, True)),
]


# -- the blind34 split (eighteenth session, built by a helper from the plots only, after
# blind33 had been scored once and its misses read)

def B34T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind34")


def _b34_sched(kind, *a):
    def f(k, total, spe):
        from benchmarks.corpus import sc_torch
        return getattr(sc_torch, kind)(*a)(k, total, spe)
    return f


_B34_CLF10 = {"n_train": 2400, "n_val": 800, "n_classes": 10, "n_informative": 12,
              "class_sep": 1.5}

SCENARIOS += [
    B34T("f_b34_clf10_adam_l2_3e1_overreg", "constant", ("per_step",),
         "10-class make_classification (2400 train), MLP 64, Adam at a constant 3e-3 with "
         "weight_decay 0.3 (an L2 penalty far too strong), batch 32, 25 epochs, loss and LR "
         "every step, val per epoch: an over-regularised model, meant to stall high early "
         "and only creep (a plateau far above what the model could reach). The penalty pinned it "
         "at exactly chance (ln 10) from step ~100; labelled as that (a plateau).",
         data="clf", data_kw=dict(_B34_CLF10), hidden=(64,), opt_name="Adam", lr=3e-3,
         wd=0.3, epochs=25),
    B34T("f_b34_reg_noise150_sgdm_step_floor", "step", ("noise_floor", "per_step"),
         "make_regression (12 features, noise 150, unit-variance targets, MSE), MLP 32, SGD "
         "momentum 0.9 at 1e-2, StepLR x0.5 every 8 epochs, batch 32, 30 epochs, loss and "
         "LR every step, val per epoch: meant to stall at the noise floor with the val loss "
         "flat at its minimum (healthy; the look-alike of f_b34_clf10_adam_l2_3e1_overreg).",
         data="reg", data_kw={"noise": 150.0}, loss_kind="mse", hidden=(32,), lr=1e-2,
         opt_kw={"momentum": 0.9}, epochs=30, sched=_b33_step(8, 0.5)),
    B34T("f_b34_moons_sgdm_const_4e1_settles", "constant", ("per_step",),
         "make_moons (2000 train, noise 0.2), MLP 64-64, SGD momentum 0.9 at a constant 0.4 "
         "(a bit too high), batch 32, 30 epochs, loss and LR every step, val per epoch: "
         "meant to be unstable early (the val loss jumping in the first half) and then "
         "settle. It wobbled for three quarters of the run and then diverged to chance "
         "(ln 2) without NaN; labelled as that.",
         data="moons", data_kw={"noise": 0.2}, hidden=(64, 64), lr=0.4,
         opt_kw={"momentum": 0.9}, epochs=30),
    B34T("f_b34_digits_sgd_multistep_e2_1e3_frozen", "multistep", ("per_step",),
         "Digits MLP 64, plain SGD (no momentum) at 1e-2, MultiStepLR x1e-3 at epoch 2 (a "
         "milestone meant for epoch 20 and a gamma meant for 0.1), batch 32, 20 epochs, "
         "loss and LR every step, val per epoch: the LR cut 1000x while the loss is still "
         "high, meant to freeze it there (decay too aggressive).",
         data="digits", hidden=(64,), lr=1e-2, epochs=20,
         sched=_b34_sched("_b33_multistep", (2,), 1e-3)),
    B34T("f_b34_clf3_adam_warm3_hold_5e1_collapse", "constant_warmup",
         ("collapse_no_nan", "per_step"),
         "3-class make_classification (1800 train), MLP 64-64, Adam with a 3-epoch linear "
         "warmup to 0.5 (meant 5e-4), then held, batch 32, 20 epochs, loss and LR every "
         "step, val per epoch: meant to learn early in the warmup and collapse to chance "
         "(ln 3) near the peak, without NaN, and stay there.",
         data="clf", data_kw={"n_train": 1800, "n_val": 600, "n_classes": 3,
                              "n_informative": 8, "class_sep": 1.5},
         hidden=(64, 64), opt_name="Adam", lr=0.5, epochs=20,
         sched=_b34_sched("_b34_warm_hold", 3)),
]

# -- the blind35 split (eighteenth session, built by a helper from the plots only, after
# blind34 had been scored once and its misses read)

def B35T(name, family, classes, story, seeds=(1,), **kw):
    """sc_torch's blind32 loop, written with tf.summary (the tutorial's train/ and test/
    writers)."""
    def train(run_dir, seed, _kw=kw):
        from benchmarks.corpus.sc_torch import _b32_loop
        return _b32_loop(run_dir, seed, writer=W, tags=dict(TUT), **_kw)
    from benchmarks.corpus.schema import Scenario
    return Scenario(name=name, writer=W, family=family, classes=tuple(classes), story=story,
                    train=train, seeds=tuple(seeds), test_seeds=(), held_out="blind35")


SCENARIOS += [
    B35T("f_b35_digits_amsgrad_warm2_cos_5e2_hot", "constant_warmup", ("per_step",),
         "Digits MLP 128-64, Adam with amsgrad, a 2-epoch linear warmup to 5e-2 (meant "
         "5e-4) then a cosine to 0, batch 32, 20 epochs, loss and LR every step, val per "
         "epoch: a warmup to a far too high peak, meant to throw the loss up near the peak.",
         data="digits", hidden=(128, 64), opt_name="Adam", lr=5e-2,
         opt_kw={"amsgrad": True}, epochs=20, sched=_b34_sched("_b32_warm_cos", 2)),
    B35T("f_b35_clf5_flip25_adagrad_const_floor", "constant", ("noise_floor", "per_step"),
         "5-class make_classification (2000 train) with 25 % of the labels flipped, MLP 32, "
         "Adagrad at a constant 5e-2, batch 32, 25 epochs, loss and LR every step, val per "
         "epoch: meant to stall at the label-noise floor with the val loss flat at its "
         "minimum (healthy).",
         data="clf", data_kw={"n_train": 2000, "n_val": 700, "n_classes": 5,
                              "n_informative": 10, "class_sep": 1.5, "flip_y": 0.25},
         hidden=(32,), opt_name="Adagrad", lr=5e-2, epochs=25),
    B35T("f_b35_digits_tanh2_rmsprop_mom_capacity", "cosine", ("per_step",),
         "Digits, an MLP with a 2-unit tanh bottleneck (far too small for 10 classes), "
         "RMSprop with momentum 0.9 at 3e-3 under a per-step cosine to 0, batch 32, 25 "
         "epochs, loss and LR every step, val per epoch: meant to stall high early and only "
         "creep (a capacity plateau; the look-alike of f_b35_clf5_flip25_adagrad_const_floor).",
         data="digits", hidden=(2,), act="tanh", opt_name="RMSprop", lr=3e-3,
         opt_kw={"momentum": 0.9}, epochs=25, sched=_b34_sched("_b32_cos_tmax", None)),
    B35T("f_b35_reg_sgdm_exp_gamma5e1_frozen", "exponential", ("per_step",),
         "make_regression (12 features, unit-variance targets, MSE), MLP 32, SGD momentum 0.9 "
         "at 2e-3 under ExponentialLR gamma 0.5 per epoch (meant 0.95: the LR is 1000x down "
         "by epoch 10), batch 32, 25 epochs, loss and LR every step, val per epoch: meant to "
         "freeze the loss while it is still high (decay too aggressive).",
         data="reg", loss_kind="mse", hidden=(32,), lr=2e-3, opt_kw={"momentum": 0.9},
         epochs=25, sched=_b34_sched("_b33_exp_epoch", 0.5)),
]

def main(argv=None) -> int:
    from benchmarks.corpus import runkit
    return runkit.module_main("python -m benchmarks.corpus.sc_tfsummary", SCENARIOS, argv)


if __name__ == "__main__":
    import sys
    sys.exit(main())
