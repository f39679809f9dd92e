"""The rule catalogue: every rule module has the documented shape, the registry is
the one list of kinds, and docs/verdicts.md is generated from them (not stale)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import os
import pkgutil
import subprocess
import sys

import pytest

import tb_lrsched.rules
from tb_lrsched import model
from tb_lrsched.engine import docgen, registry

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
RULE_MODULES = sorted(m.name for m in pkgutil.iter_modules(tb_lrsched.rules.__path__))


def test_every_rule_module_is_registered_once_and_kinds_come_from_the_registry():
    assert sorted(r.id for r in registry.RULES) == RULE_MODULES
    assert len(set(registry.KIND_ORDER)) == len(registry.RULES)
    assert model.KINDS == {r.id: r.severity for r in registry.RULES}
    for r in registry.RULES:
        assert r.marker in registry.MARKERS
        for k in r.drops + r.drops_from_step:
            assert k in registry.BY_KIND and k != r.id


@pytest.mark.parametrize("name", RULE_MODULES)
def test_rule_module_shape(name):
    mod = importlib.import_module("tb_lrsched.rules." + name)
    rule = registry.BY_KIND[name]
    assert set(docgen.sections(rule)) == set(docgen.SECTIONS), name
    assert all(docgen.sections(rule).values())
    t = mod.THRESHOLDS
    assert dataclasses.is_dataclass(t) and type(t).__dataclass_params__.frozen
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.min_points = 1
    for fname, _, doc in docgen.describe(t):
        assert doc, "%s.%s has no doc text" % (name, fname)
    assert list(inspect.signature(mod.detect).parameters)[0] == "ctx"
    for key, e in mod.EVIDENCE.items():
        assert e.label and e.label != key and e.unit in ("", "%", "x", "step", "LR", "points")


def test_a_threshold_change_changes_the_verdict():
    """The Thresholds object is what the rule reads (no hidden literal)."""
    import numpy as np

    from tb_lrsched.engine.context import prepare
    from tb_lrsched.model import ExperimentSeries, Series
    from tb_lrsched.rules import possible_leakage

    tr = np.geomspace(2, 0.5, 20)
    st = np.arange(20, dtype=float)
    exp = ExperimentSeries("t", train_loss=Series.of(st, tr), val_loss=Series.of(st, tr * 0.72))
    ctx = prepare(exp)
    assert possible_leakage.detect(ctx) == []
    looser = dataclasses.replace(possible_leakage.THRESHOLDS, ratio=0.75)
    assert [f["kind"] for f in possible_leakage.detect(ctx, looser)] == ["possible_leakage"]


def test_docs_verdicts_md_is_generated_and_fresh():
    with open(os.path.join(ROOT, "docs", "verdicts.md"), encoding="utf-8") as fh:
        committed = fh.read()
    assert committed == docgen.render(), (
        "docs/verdicts.md is stale: run python -m tb_lrsched.engine.docgen --write")
    for r in registry.RULES:
        assert "## `%s` (%s)" % (r.id, r.severity) in committed


def test_docgen_check_command():
    env = dict(os.environ, PYTHONPATH=ROOT)
    res = subprocess.run([sys.executable, "-m", "tb_lrsched.engine.docgen", "--check"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
