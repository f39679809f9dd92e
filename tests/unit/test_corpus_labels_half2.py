"""The Keras / Lightning / HF corpus labels match their scenario modules exactly (no training)."""

import json
import os

import pytest

from benchmarks.corpus import sc_hf, sc_keras, sc_lightning
from benchmarks.corpus.schema import CLASSES, FAMILIES, SPLITS, run_key

from .test_realdata_labels import KINDS, SEVERITY, STATUSES

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("mod", [sc_keras, sc_lightning, sc_hf], ids=lambda m: m.WRITER)
def test_labels_cover_the_scenarios_and_agree_with_them(mod):
    with open(os.path.join(HERE, "..", "..", "benchmarks", "corpus", "labels",
                           mod.WRITER + ".json")) as f:
        labels = json.load(f)
    expected = {run_key(sc, s): (sc, s) for sc in mod.SCENARIOS for s in sc.seeds}
    assert set(labels) == set(expected)
    names = [sc.name for sc in mod.SCENARIOS]
    assert len(names) == len(set(names))
    for key, rec in labels.items():
        sc, seed = expected[key]
        assert rec["split"] == sc.split(seed) and rec["split"] in SPLITS, key
        assert rec["writer"] == sc.writer == mod.WRITER, key
        assert rec["family"] == sc.family and sc.family in FAMILIES, key
        assert rec["classes"] == list(sc.classes) and set(sc.classes) <= set(CLASSES), key
        assert rec["status"] in STATUSES, key
        assert set(rec["must"]) <= KINDS and set(rec["optional"]) <= KINDS, key
        assert not set(rec["must"]) & set(rec["optional"]), key
        worst = "healthy"
        for k in rec["must"]:
            sev = SEVERITY.get(k)
            if sev == "critical" or (sev == "warning" and worst == "healthy"):
                worst = sev
        assert rec["status"] == worst, key
        assert len(rec["reason"]) >= 40, key
