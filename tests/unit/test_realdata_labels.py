"""benchmarks/realdata_labels.json covers ../shared/realdata exactly, and every label is well formed.

Cheap: no training and no engine. Runs are found from the folder layout (a folder whose event
files hold scalars; Keras-style ``train``/``validation`` siblings are one run, their parent) and
read with TensorBoard's own EventAccumulator.
"""

import json
import os

import pytest

LABELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks",
                      "realdata_labels.json")
# the engine's vocabulary (tb_lrsched/model.py KINDS) plus the corpus' lr_range_test
KINDS = {"divergence", "oscillation", "loss_spike", "lr_too_low", "plateau",
         "decay_too_aggressive", "overfitting", "accuracy_drop", "constant_lr",
         "missing_validation", "missing_lr", "possible_leakage", "lr_range_test"}
STATUSES = {"healthy", "warning", "critical"}
SEVERITY = {"divergence": "critical", "oscillation": "warning", "loss_spike": "warning",
            "lr_too_low": "warning", "plateau": "warning", "decay_too_aggressive": "warning",
            "overfitting": "warning", "accuracy_drop": "warning"}


def _labels():
    with open(LABELS) as f:
        return json.load(f)


def _has_scalars(folder):
    from tensorboard.backend.event_processing import event_accumulator as ea
    acc = ea.EventAccumulator(folder, size_guidance={ea.SCALARS: 0, ea.TENSORS: 0})
    acc.Reload()
    tags = acc.Tags()
    if tags.get("scalars"):
        return True
    # tf.summary writes scalars as tensors of the scalars plugin; text/hparams tensors don't count
    return any(acc.SummaryMetadata(t).plugin_data.plugin_name == "scalars"
               for t in tags.get("tensors", []))


def _runs(root):
    runs = set()
    for d, _sub, files in os.walk(root):
        if not any(f.startswith("events.out.tfevents") for f in files):
            continue
        if not _has_scalars(d):
            continue
        rel = os.path.relpath(d, root).replace(os.sep, "/")
        base = rel.rsplit("/", 1)
        if len(base) == 2 and base[1] in ("train", "validation"):
            rel = base[0]
        runs.add(rel)
    return runs


@pytest.fixture(scope="module")
def realdata_runs(realdata):
    return _runs(realdata)


def test_every_realdata_run_has_a_label_and_every_label_a_run(realdata_runs):
    labels = _labels()
    assert len(realdata_runs) >= 40  # the README lists 50+ runs; an empty walk must not pass
    assert sorted(realdata_runs - set(labels)) == [], "runs without a label"
    assert sorted(set(labels) - realdata_runs) == [], "labels naming no run"


def test_labels_are_well_formed():
    labels = _labels()
    assert labels, "no labels"
    for run, rec in labels.items():
        assert rec["status"] in STATUSES, run
        must, optional = rec["must"], rec["optional"]
        assert isinstance(must, list) and isinstance(optional, list), run
        assert set(must) <= KINDS and set(optional) <= KINDS, (run, must, optional)
        assert not set(must) & set(optional), run
        assert len(must) == len(set(must)) and len(optional) == len(set(optional)), run
        assert isinstance(rec["reason"], str) and len(rec["reason"]) >= 40, run
        # the status follows from the must kinds: the worst severity among them
        worst = "healthy"
        for k in must:
            sev = SEVERITY.get(k)
            if sev == "critical" or (sev == "warning" and worst == "healthy"):
                worst = sev
        assert rec["status"] == worst, (run, rec["status"], must)
