"""The demo's real Keras trainings get the verdicts the scenario table promises.

One session-scoped fixture trains every scenario of `demo/scenarios.py` once
(about a minute on two cores) into a temporary logdir; the tests then read the
logs through TensorBoard's own data provider, exactly like the CLI, and check
each scenario's status and required / forbidden finding kinds. The
expectations come from the table itself, never from a copy here.
"""

import io
import os

import pytest

pytest.importorskip("keras")
pytest.importorskip("tensorflow")
pytest.importorskip("sklearn")

pytestmark = pytest.mark.slow  # trains every demo scenario: about a minute on two cores

from demo import scenarios  # noqa: E402

NAMES = [s.name for s in scenarios.SCENARIOS]


@pytest.fixture(scope="session")
def demo_logdir(tmp_path_factory):
    from demo.__main__ import generate

    logdir = str(tmp_path_factory.mktemp("demo_logs"))
    out = io.StringIO()
    results = generate(logdir, force=True, out=out)
    assert [r["name"] for r in results] == NAMES, out.getvalue()
    return logdir


@pytest.fixture(scope="session")
def verdicts(demo_logdir):
    from tb_lrsched import loader, service

    with loader.open_provider(demo_logdir, "python") as (provider, ctx, eid):
        records = service.check_all(provider, ctx, eid)
    return {r["run"]: r for r in records}


@pytest.fixture(scope="session")
def tags(demo_logdir):
    """run -> set of scalar tags, straight from TensorBoard's event reader."""
    from tensorboard.backend.event_processing import event_accumulator

    out = {}
    for name in NAMES:
        for split in ("train", "validation"):
            path = os.path.join(demo_logdir, name, split)
            if not os.path.isdir(path):
                continue
            acc = event_accumulator.EventAccumulator(path)
            acc.Reload()
            out["%s/%s" % (name, split)] = set(acc.Tags()["tensors"]) | set(acc.Tags()["scalars"])
    return out


def test_every_scenario_is_one_experiment(verdicts):
    assert sorted(verdicts) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_expected_verdict(verdicts, name):
    sc = scenarios.BY_NAME[name]
    rec = verdicts[name]
    kinds = [f["kind"] for f in rec["findings"]]
    summary = "%s: status=%s kinds=%s notes=%s" % (name, rec["status"], kinds, rec["notes"])
    assert rec["status"] == sc.expect_status, summary
    missing = [k for k in sc.must if k not in kinds]
    assert not missing, "missing %s; %s" % (missing, summary)
    forbidden = [k for k in sc.must_not if k in kinds]
    assert not forbidden, "forbidden %s; %s" % (forbidden, summary)


@pytest.mark.parametrize("name", NAMES)
def test_logged_tags_match_the_table(tags, name):
    """Both LR paths are shown: Keras' per-epoch LR everywhere, LRLogger's
    per-batch LR only where the table says so; batch_loss only with update_freq."""
    sc = scenarios.BY_NAME[name]
    train = tags["%s/train" % name]
    assert {"epoch_loss", "epoch_learning_rate", "epoch_accuracy"} <= train
    assert ("batch_learning_rate" in train) == bool(sc.lr_logger_every)
    assert ("batch_loss" in train) == (sc.update_freq != "epoch")
    val = tags.get("%s/validation" % name)
    if sc.validation:
        assert val is not None and {"epoch_loss", "epoch_accuracy"} <= val
    else:
        assert val is None


def test_both_lr_paths_are_demonstrated():
    with_logger = [s for s in scenarios.SCENARIOS if s.lr_logger_every]
    without = [s for s in scenarios.SCENARIOS if not s.lr_logger_every]
    assert with_logger and without
    assert any(s.update_freq != "epoch" for s in scenarios.SCENARIOS)


def test_skips_complete_scenarios_without_force(demo_logdir):
    from demo.__main__ import generate

    out = io.StringIO()
    results = generate(demo_logdir, names=[NAMES[0]], force=False, out=out)
    assert results == []
    assert "skipped" in out.getvalue()
