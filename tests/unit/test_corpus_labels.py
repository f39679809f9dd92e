"""The generalisation corpus' labels are well-formed and its split is honest (no training)."""

from __future__ import annotations

import glob
import json
import os

import pytest

from benchmarks.corpus import generate
from benchmarks.corpus.schema import CLASSES, FAMILIES, SPLITS, WRITERS, run_key
from tb_lrsched import model

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABELS = os.path.join(ROOT, "benchmarks", "corpus", "labels")
SEVERITY = dict(model.KINDS, lr_range_test=model.INFO)
RANK = {"healthy": 0, model.INFO: 0, model.WARNING: 1, model.CRITICAL: 2}


def _labels():
    out = {}
    for path in sorted(glob.glob(os.path.join(LABELS, "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        for key, rec in doc.items():
            if not key.startswith("_"):
                assert key not in out, "%s labelled twice" % key
                out[key] = (os.path.basename(path), rec)
    return out


LABS = _labels()


def test_there_are_labels():
    assert len(LABS) >= 80


@pytest.mark.parametrize("key", sorted(LABS))
def test_record_well_formed(key):
    src, rec = LABS[key]
    writer = key.split("/")[0]
    assert writer in WRITERS
    assert src == writer + ".json", "%s is in %s" % (key, src)
    assert rec["split"] in SPLITS
    assert rec["status"] in ("healthy", "warning", "critical")
    must, opt = rec.get("must", []), rec.get("optional", [])
    for k in must + opt:
        assert k in SEVERITY, "unknown kind %r" % k
    assert not set(must) & set(opt)
    worst = max([RANK[SEVERITY[k]] for k in must] + [0])
    assert RANK[rec["status"]] == worst, "status %s but must %s" % (rec["status"], must)
    assert len(rec.get("reason", "").strip()) >= 20
    assert rec.get("writer", writer) == writer
    if "family" in rec:
        assert rec["family"] in FAMILIES
    for c in rec.get("classes", []):
        assert c in CLASSES
    if "lr_range_test" in must:
        assert must == ["lr_range_test"] and rec["status"] == "healthy"
    if "sweep_member" in rec.get("classes", []):
        assert rec.get("sweep") and isinstance(rec.get("lr"), (int, float))


def test_every_scenario_seed_has_its_label_and_split():
    labelled_writers = {k.split("/")[0] for k in LABS}
    seen = set()
    for sc in generate.scenarios():
        if sc.writer not in labelled_writers:
            continue
        for seed in sc.seeds:
            key = run_key(sc, seed)
            assert key in LABS, "no label for %s" % key
            assert LABS[key][1]["split"] == sc.split(seed), key
            seen.add(key)
    stray = sorted(set(LABS) - seen)
    assert not stray, "labels without a scenario: %s" % stray[:5]


def test_split_is_big_enough_and_every_kind_is_in_both():
    recs = [r for _, r in LABS.values()]
    test = [r for r in recs if r["split"] == "test"]
    # the test split against the split it is the check of (the later held-out splits --
    # holdout, fresh, blind, ... -- come on top)
    tuned = [r for r in recs if r["split"] in ("dev", "test")]
    assert len(test) >= 0.25 * len(tuned)
    for kind in SEVERITY:
        pos = [r["split"] for r in recs if kind in r.get("must", [])]
        if pos:
            assert "dev" in pos and "test" in pos, "%s positives only in %s" % (kind, set(pos))
