"""Role and grouping rules, on the tag layouts real writers produce.

Each case lists the run/tag names exactly as the tool writes them (checked
against the tools' sources and against ../shared/realdata). The same layouts
are written to real event files in test_data.py.
"""

import pytest

from tb_lrsched import roles


def listing(spec):
    """{run: [tag, ...]} or {run: {tag: max_step}} -> listing of TagInfo."""
    out = {}
    for run, tags in spec.items():
        if isinstance(tags, dict):
            out[run] = {t: roles.TagInfo(run, t, float(ms), 100.0) for t, ms in tags.items()}
        else:
            out[run] = {t: roles.TagInfo(run, t, 100.0, 100.0) for t in tags}
    return out


def one(spec, overrides=roles.NO_OVERRIDES):
    plans = roles.plan_all(listing(spec), overrides)
    assert len(plans) == 1, [p.name for p in plans]
    p = plans[0]
    return p, {k: (v.run, v.tag) if v else None for k, v in p.roles.items()}


def test_keras_train_validation_siblings_grouped():
    p, r = one({
        "resnet_a/train": {"epoch_loss": 19, "epoch_learning_rate": 19, "epoch_accuracy": 19,
                           "batch_loss": 1900, "epoch_steps_per_second": 19},
        "resnet_a/validation": {"epoch_loss": 19, "epoch_accuracy": 19,
                                "evaluation_loss_vs_iterations": 1900},
    })
    assert p.name == "resnet_a"
    assert p.runs == ["resnet_a/train", "resnet_a/validation"]
    assert r["lr"] == ("resnet_a/train", "epoch_learning_rate")
    assert r["train_loss"] == ("resnet_a/train", "epoch_loss")
    assert r["val_loss"] == ("resnet_a/validation", "epoch_loss")
    # the same metric's other Keras series is read too (the denser of the two plays the role)
    assert (p.alternates["val_loss"].run, p.alternates["val_loss"].tag) == (
        "resnet_a/validation", "evaluation_loss_vs_iterations")
    assert r["val_acc"] == ("resnet_a/validation", "epoch_accuracy")
    assert r["train_acc"] == ("resnet_a/train", "epoch_accuracy")
    assert (p.train_loss_fine.run, p.train_loss_fine.tag) == ("resnet_a/train", "batch_loss")


def test_keras_validation_metrics_carry_their_twin_series():
    p, r = one({
        "k/train": {"epoch_loss": 11, "epoch_accuracy": 11, "batch_loss": 492},
        "k/validation": {"epoch_loss": 11, "epoch_accuracy": 11,
                         "evaluation_loss_vs_iterations": 492,
                         "evaluation_accuracy_vs_iterations": 492},
    })
    assert r["val_loss"] == ("k/validation", "epoch_loss")
    assert r["val_acc"] == ("k/validation", "epoch_accuracy")
    assert {k: v.tag for k, v in p.alternates.items()} == {
        "val_loss": "evaluation_loss_vs_iterations",
        "val_acc": "evaluation_accuracy_vs_iterations"}
    # no twin, no alternate (other writers' validation tags)
    p, _ = one({"t": {"train/loss": 100, "val/loss": 100, "val/acc": 100, "lr": 100}})
    assert p.alternates == {}


def test_keras_top_level_train_validation():
    p, r = one({"train": ["epoch_loss", "epoch_learning_rate"], "validation": ["epoch_loss"]})
    assert p.name == "."
    assert r["val_loss"] == ("validation", "epoch_loss")


def test_keras_lr_logger_callback_preferred_over_epoch_lr():
    # Our LRLogger writes batch_learning_rate at the global step: finer.
    p, r = one({"x/train": {"epoch_loss": 9, "epoch_learning_rate": 9, "batch_learning_rate": 900},
                "x/validation": {"epoch_loss": 9}})
    assert r["lr"] == ("x/train", "batch_learning_rate")
    assert [t.tag for t in p.extra_lrs] == ["epoch_learning_rate"]


@pytest.mark.parametrize("tags,lr,train,val", [
    (["train/loss", "val/loss", "lr"], "lr", "train/loss", "val/loss"),
    (["train/loss", "val/loss", "train/lr"], "train/lr", "train/loss", "val/loss"),
    (["Loss/train", "Loss/val", "learning_rate"], "learning_rate", "Loss/train", "Loss/val"),
    (["Loss/train", "Loss/test", "LR"], "LR", "Loss/train", "Loss/test"),
    (["loss", "lr"], "lr", "loss", None),
])
def test_pytorch_summarywriter_styles(tags, lr, train, val):
    _, r = one({"runs/exp1": tags})
    assert r["lr"] == ("runs/exp1", lr)
    assert r["train_loss"] == ("runs/exp1", train)
    assert r["val_loss"] == (("runs/exp1", val) if val else None)


def test_lightning_learning_rate_monitor_and_step_epoch_suffixes():
    p, r = one({"lightning_logs/version_0": {
        "lr-Adam": 900, "train_loss_step": 900, "train_loss_epoch": 900,
        "val_loss": 900, "val_acc": 900, "epoch": 900, "hp_metric": 0}})
    assert r["lr"] == ("lightning_logs/version_0", "lr-Adam")
    assert r["train_loss"] == ("lightning_logs/version_0", "train_loss_epoch")
    assert p.train_loss_fine.tag == "train_loss_step"
    assert r["val_loss"] == ("lightning_logs/version_0", "val_loss")
    assert r["val_acc"] == ("lightning_logs/version_0", "val_acc")


def test_lightning_param_groups_pick_first_and_keep_others():
    p, r = one({"v1": ["lr-SGD/pg1", "lr-SGD/pg2", "train_loss", "val_loss"]})
    assert r["lr"] == ("v1", "lr-SGD/pg1")
    assert [t.tag for t in p.extra_lrs] == ["lr-SGD/pg2"]


def test_huggingface_trainer():
    p, r = one({"runs/May11_x": ["train/learning_rate", "train/loss", "train/train_loss",
                                 "train/grad_norm", "train/epoch", "eval/loss",
                                 "eval/accuracy", "eval/runtime", "train/train_runtime"]})
    assert r["lr"] == ("runs/May11_x", "train/learning_rate")
    assert r["train_loss"] == ("runs/May11_x", "train/loss")
    assert r["val_loss"] == ("runs/May11_x", "eval/loss")
    assert r["val_acc"] == ("runs/May11_x", "eval/accuracy")


def test_fastai_and_tutorial_names():
    _, r = one({"fa": ["lr_0", "lr_1", "train_loss", "valid_loss", "accuracy"]})
    assert r["lr"] == ("fa", "lr_0")
    assert r["train_loss"] == ("fa", "train_loss")
    assert r["val_loss"] == ("fa", "valid_loss")
    _, r = one({"tut": ["learning rate", "loss"]})
    assert r["lr"] == ("tut", "learning rate")


def test_yolo_components_pair_train_and_val():
    p, r = one({"runs/train/exp": ["x/lr0", "x/lr1", "x/lr2", "train/box_loss", "train/cls_loss",
                                   "train/obj_loss", "val/box_loss", "val/cls_loss",
                                   "val/obj_loss", "metrics/mAP_0.5"]})
    assert r["lr"] == ("runs/train/exp", "x/lr0")
    assert r["train_loss"][1] == "train/box_loss"
    assert r["val_loss"][1] == "val/box_loss"
    assert len(p.extra_lrs) == 2


def test_yolo_parts_beside_the_first_are_judged_too_each_with_its_val_twin():
    p, _ = one({"runs/train/exp": ["x/lr0", "train/box_loss", "train/cls_loss",
                                   "train/obj_loss", "val/box_loss", "val/cls_loss",
                                   "metrics/mAP_0.5"]})
    got = [(tr.tag, va.tag if va else None) for tr, va in p.loss_parts]
    assert got == [("train/cls_loss", "val/cls_loss"), ("train/obj_loss", None)]
    js = p.roles_json()
    assert js["train_loss"]["parts"] == ["train/cls_loss", "train/obj_loss"]
    assert js["val_loss"]["parts"] == ["val/cls_loss"]


def test_losses_that_are_no_detection_parts_are_not_parts():
    # ML-Agents' policy and value losses, a GAN's two losses
    for tags in (["Policy/Learning Rate", "Losses/Policy Loss", "Losses/Value Loss"],
                 ["lr", "loss_D", "loss_G"]):
        p, _ = one({"run": tags})
        assert p.loss_parts == [] and "parts" not in (p.roles_json()["train_loss"] or {}), tags


def test_the_parts_beside_a_detectron2_total_loss_are_judged_too():
    # detectron2's total_loss is the training loss; loss_cls and loss_box_reg are its parts
    # (a class head can collapse to chance while the sum still looks fine); loss_rpn_loc is
    # no part this list knows, so it stays among the other losses
    p, r = one({"run": ["lr", "total_loss", "loss_cls", "loss_box_reg", "loss_rpn_loc"]})
    assert r["train_loss"] == ("run", "total_loss")
    assert [(tr.tag, va) for tr, va in p.loss_parts] == [("loss_box_reg", None),
                                                          ("loss_cls", None)]
    assert p.roles_json()["train_loss"]["parts"] == ["loss_box_reg", "loss_cls"]
    assert [t.tag for t in p.other_losses] == ["loss_rpn_loc"]
    # a total beside losses that are no detection parts has no parts
    p, _ = one({"run": ["lr", "loss", "loss_D", "loss_G"]})
    assert p.loss_parts == []


def test_every_other_loss_is_kept_for_a_nan_check_but_no_role_or_part_twice():
    p, r = one({"run": ["lr", "loss/policy", "loss/value", "loss/entropy"]})
    assert r["train_loss"][1] == "loss/value"
    assert [t.tag for t in p.other_losses] == ["loss/entropy", "loss/policy"]
    p, _ = one({"runs/train/exp": ["x/lr0", "train/box_loss", "train/cls_loss",
                                   "val/box_loss", "val/cls_loss"]})
    assert p.other_losses == []  # the parts and their twins are read already


def test_an_actor_critic_is_read_on_its_value_loss():
    # with no total logged, the critic's value loss is the training loss: the policy loss
    # hovers around 0 and the entropy falls by design
    for tags, want in ((["lr", "loss/policy", "loss/value", "loss/entropy"], "loss/value"),
                       (["Policy/Learning Rate", "Losses/Policy Loss", "Losses/Value Loss"],
                        "Losses/Value Loss"),
                       (["lr", "train/entropy_loss", "train/value_loss"], "train/value_loss")):
        _, r = one({"run": tags})
        assert r["train_loss"][1] == want, tags
    # a cross-entropy is no policy-side loss
    _, r = one({"run": ["lr", "loss/cross_entropy", "loss/value"]})
    assert r["train_loss"][1] == "loss/cross_entropy"


def test_separate_runs_stay_separate_experiments():
    plans = roles.plan_all(listing({"a": ["loss", "lr"], "b": ["loss", "lr"],
                                    "c/train": ["epoch_loss"], "c/validation": ["epoch_loss"]}))
    assert [p.name for p in plans] == ["a", "b", "c"]


def test_no_lr_no_val():
    _, r = one({"r": ["Training loss"]})
    assert r["lr"] is None and r["val_loss"] is None
    assert r["train_loss"] == ("r", "Training loss")


def test_timing_and_momentum_tags_are_not_roles():
    _, r = one({"r": ["momentum", "lr_scheduler_time", "loss"]})
    assert r["lr"] is None


def test_overrides_replace_rules():
    ov = roles.Overrides.compile(lr=r"/my_step_size$", train_loss=r"objective",
                                 val_loss=r"heldout")
    _, r = one({"r": ["my_step_size", "objective", "heldout_objective", "lr", "loss"]}, ov)
    assert r["lr"] == ("r", "my_step_size")
    assert r["train_loss"] == ("r", "objective")
    assert r["val_loss"] == ("r", "heldout_objective")


def test_override_bad_regex_is_a_readable_error():
    with pytest.raises(ValueError, match="invalid lr regex"):
        roles.Overrides.compile(lr="(")


def test_fingerprint_changes_with_new_data():
    a = roles.plan_all(listing({"r": {"loss": 10}}))[0].fingerprint()
    b = roles.plan_all(listing({"r": {"loss": 11}}))[0].fingerprint()
    assert a != b


def test_hostile_names_pass_through_untouched():
    name = "<img src=x onerror=alert(1)>/ünï \"q'"
    p, r = one({name: ["loss", "lr"]})
    assert p.name == name
    assert r["lr"] == (name, "lr")
