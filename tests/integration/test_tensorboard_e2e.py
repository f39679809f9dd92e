"""A real `tensorboard` process serves the plugin, with both data loaders."""

import pytest

from tests.support.tbserver import get, get_json, tensorboard, wait_for

PLUGIN = "/data/plugin/lr_health"


@pytest.mark.parametrize("load_fast", ["false", "true"])
def test_real_tensorboard_serves_lr_health(keras_logdir, load_fast):
    with tensorboard(keras_logdir, "--load_fast", load_fast) as base:
        def listed():
            _, listing = get_json(base + "/data/plugins_listing")
            return listing.get("lr_health", {}).get("enabled") and listing
        listing = wait_for(listed, timeout=60)
        assert listing["lr_health"]["tab_name"] == "LR Health"

        def experiments():
            _, body = get_json(base + PLUGIN + "/experiments")
            exps = body["experiments"]
            return exps and exps[0]["roles"]["val_loss"] and body
        body = wait_for(experiments, timeout=60)
        exp = body["experiments"][0]
        assert exp["name"] == "sgd_decay"
        assert exp["runs"] == ["sgd_decay/train", "sgd_decay/validation"]
        assert exp["roles"]["lr"] == {"run": "sgd_decay/train", "tag": "epoch_learning_rate"}
        assert exp["roles"]["train_loss"] == {"run": "sgd_decay/train", "tag": "epoch_loss"}
        assert exp["roles"]["val_loss"] == {"run": "sgd_decay/validation", "tag": "epoch_loss"}

        status, rep = get_json(base + PLUGIN + "/report?experiment=sgd_decay")
        assert status == 200
        assert len(rep["series"]["train_loss_fine"]["steps"]) == 48
        assert len(rep["series"]["lr"]["values"]) == 4

        # The frontend module is served from package data.
        status, js = get(base + PLUGIN + "/index.js")
        assert status == 200 and b"render" in js
