"""Plugin routes through TensorBoardWSGI, as TensorBoard's own plugin tests do."""

import json

import numpy as np
import pytest

from tb_lrsched import plugin as lr_plugin
from tests.support import logwriters
from tests.support.wsgi import PREFIX, make_client


def get_json(client, path, **params):
    resp = client.get(PREFIX + path, query_string=params)
    body = json.loads(resp.get_data(as_text=True))
    return resp.status_code, body


@pytest.fixture(scope="module")
def client(mixed_logdir):
    return make_client(mixed_logdir)[0]


def test_plugin_listed_active_with_scalars(client):
    resp = client.get("/data/plugins_listing")
    listing = json.loads(resp.get_data(as_text=True))
    assert listing["lr_health"]["enabled"] is True
    assert listing["lr_health"]["tab_name"] == "LR Health"
    assert listing["lr_health"]["loading_mechanism"]["type"] == "IFRAME"


def test_plugin_inactive_without_scalars(tmp_path):
    client, _ = make_client(str(tmp_path))
    listing = json.loads(client.get("/data/plugins_listing").get_data(as_text=True))
    assert listing["lr_health"]["enabled"] is False


def test_experiments_route_groups_and_roles(client):
    code, body = get_json(client, "/experiments")
    assert code == 200
    names = [e["name"] for e in body["experiments"]]
    assert names == ["hf_run", "keras_run", "lightning_logs/version_0", "torch_run"]
    keras = body["experiments"][1]
    assert keras["runs"] == ["keras_run/train", "keras_run/validation"]
    assert keras["roles"]["lr"] == {"run": "keras_run/train", "tag": "epoch_learning_rate"}
    assert keras["roles"]["val_loss"] == {"run": "keras_run/validation", "tag": "epoch_loss"}
    for e in body["experiments"]:
        assert e["status"] in ("healthy", "warning", "critical")
        assert set(e["counts"]) == {"critical", "warning", "info"}


def test_report_route_series_and_findings(client):
    code, body = get_json(client, "/report", experiment="torch_run")
    assert code == 200
    assert body["name"] == "torch_run"
    s = body["series"]
    assert s["train_loss"]["tag"] == "train/loss" and s["lr"]["tag"] == "train/lr"
    assert len(s["train_loss"]["steps"]) == 200 == s["train_loss"]["points"]
    assert s["val_loss"]["points"] == 10
    assert isinstance(body["findings"], list)
    for f in body["findings"]:
        assert {"kind", "severity", "start_step", "end_step", "evidence", "message",
                "suggestion"} <= set(f)


def test_report_decimates_and_windows(tmp_path):
    n = 50000
    steps = np.arange(n)
    loss = 1.0 + 0.01 * np.sin(steps / 100.0)
    loss[31337] = 50.0  # one spike must survive decimation
    logwriters.write_simple(str(tmp_path / "big"), {"loss": list(zip(steps, loss))})
    client, _ = make_client(str(tmp_path), sampling_hints={"scalars": 0})
    code, body = get_json(client, "/report", experiment="big", points=500)
    assert code == 200
    tl = body["series"]["train_loss"]
    assert tl["points"] == n and tl["decimated"] is True
    assert len(tl["steps"]) <= 502
    assert 50.0 in tl["values"] and 31337 in tl["steps"]
    code, body = get_json(client, "/report", experiment="big", points=1000, start=31000, end=31500)
    tl = body["series"]["train_loss"]
    assert tl["steps"][0] >= 31000 and tl["steps"][-1] <= 31500
    assert len(tl["steps"]) == 501 and not tl["decimated"]  # full resolution on zoom


def test_nan_values_serialised_as_strings(tmp_path):
    logwriters.write_simple(str(tmp_path / "n"), {
        "loss": [(0, 1.0), (1, 0.8), (2, float("nan")), (3, float("inf"))], "lr": [(0, 0.1)]})
    client, _ = make_client(str(tmp_path))
    resp = client.get(PREFIX + "/report", query_string={"experiment": "n"})
    assert resp.status_code == 200
    text = resp.get_data(as_text=True)
    def no_bare_constants(name):
        raise AssertionError("bare %s in JSON" % name)

    body = json.loads(text, parse_constant=no_bare_constants)  # strict JSON
    assert body["series"]["train_loss"]["values"][2] == "NaN"
    assert body["series"]["train_loss"]["values"][3] == "Infinity"


@pytest.mark.parametrize("params,code", [
    ({}, 400),
    ({"experiment": "nope"}, 404),
    ({"experiment": "torch_run", "points": "x"}, 400),
    ({"experiment": "torch_run", "points": "5"}, 400),
    ({"experiment": "torch_run", "start": "nan"}, 400),
    ({"experiment": "torch_run", "start": "10", "end": "1"}, 400),
    ({"experiment": "torch_run", "bogus": "1"}, 400),
    ({"experiment": "torch_run", "lr_tag": "("}, 400),
    ({"experiment": "x" * 5000}, 400),
])
def test_bad_parameters_answer_json_errors(client, params, code):
    got, body = get_json(client, "/report", **params)
    assert got == code
    assert isinstance(body["error"], str) and "Traceback" not in body["error"]


def test_override_parameter_changes_roles(client):
    code, body = get_json(client, "/experiments", lr_tag=r"torch_run/train/loss$")
    torch = next(e for e in body["experiments"] if e["name"] == "torch_run")
    assert torch["roles"]["lr"] == {"run": "torch_run", "tag": "train/loss"}
    hf = next(e for e in body["experiments"] if e["name"] == "hf_run")
    assert hf["roles"]["lr"] is None  # an override replaces the rules


def test_static_route_refuses_traversal(client):
    for path in ("/static/../plugin.py", "/static/..%2Fplugin.py", "/static/%2e%2e/plugin.py",
                 "/static//etc/passwd", "/static/.hidden"):
        resp = client.get(PREFIX + path)
        assert resp.status_code == 404, path


def test_cache_serves_repeated_requests_and_invalidates(tmp_path):
    run = str(tmp_path / "live")
    logwriters.write_simple(run, {"loss": [(i, 1.0 / (i + 1)) for i in range(50)]})
    from tensorboard import context
    from tensorboard.backend.event_processing import data_provider as dp
    from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
    from tensorboard.plugins import base_plugin

    mux = pem.EventMultiplexer()
    mux.AddRunsFromDirectory(str(tmp_path))
    mux.Reload()
    provider = dp.MultiplexerDataProvider(mux, str(tmp_path))
    p = lr_plugin.LRHealthPlugin(base_plugin.TBContext(data_provider=provider))
    ctx = context.RequestContext()
    a = p.report_impl(ctx, "", {"experiment": "live"})
    b = p.report_impl(ctx, "", {"experiment": "live"})
    assert a["series"]["train_loss"]["points"] == b["series"]["train_loss"]["points"] == 50
    logwriters.write_simple(run, {"loss": [(i, 1.0 / (i + 1)) for i in range(50, 80)]})
    mux.Reload()
    c = p.report_impl(ctx, "", {"experiment": "live"})
    assert c["series"]["train_loss"]["points"] == 80


def test_rules_route_serves_the_registry(client):
    from tb_lrsched import model
    from tb_lrsched.engine import registry

    code, body = get_json(client, "/rules")
    assert code == 200
    rules = body["rules"]
    assert [r["kind"] for r in rules] == list(registry.KIND_ORDER)
    assert {r["kind"]: r["severity"] for r in rules} == model.KINDS
    by = {r["kind"]: r for r in rules}
    # the chart's marker table (frontend/src/chart.js today)
    assert {k for k, r in by.items() if r["marker"] == "point"} == {"divergence", "loss_spike",
                                                                   "lr_range_test"}
    assert {k for k, r in by.items() if r["marker"] == "line"} == {"overfitting",
                                                                   "accuracy_drop"}
    assert by["loss_spike"]["title"] == "Loss spikes" and by["plateau"]["phrase"] == "a plateau"
    assert by["oscillation"]["min_points"] == 10
    gl = by["overfitting"]["evidence"]["generalization_loss"]
    assert gl == {"label": "val loss above its best", "unit": "%",
                  "hint": gl["hint"], "hidden": False} and gl["hint"]
    assert by["constant_lr"]["evidence"]["escalated"]["hidden"] is True
    for r in rules:
        assert set(r) == {"kind", "severity", "title", "phrase", "marker", "min_points",
                          "evidence"}
        for spec in r["evidence"].values():
            assert set(spec) == {"label", "unit", "hint", "hidden"} and spec["label"]
    # no parameters, GET/HEAD only
    assert get_json(client, "/rules", bogus="1")[0] == 400
    assert client.post(PREFIX + "/rules").status_code == 405
