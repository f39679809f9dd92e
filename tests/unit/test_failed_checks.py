"""A rule that raises is noted and skipped (the engine never crashes on a run), and the corpus
scorer counts those notes, so that a broken rule cannot pass for one that found nothing."""

import dataclasses
import io

import numpy as np

from benchmarks import corpus_accuracy as ca
from tb_lrsched import analysis
from tb_lrsched.engine import registry
from tests.support.curves import S, exp_of


def test_a_rule_that_raises_is_noted_and_the_scorer_counts_it(monkeypatch):
    def broken(ctx):
        raise KeyError("whole_run")

    rules = tuple(dataclasses.replace(r, detect=broken) if r.id == "divergence" else r
                  for r in registry.RULES)
    monkeypatch.setattr(analysis, "RULES", rules)
    n = 300
    st = np.arange(n, dtype=float)
    rep = analysis.analyze(exp_of(S(2.0 * np.exp(-st / 50) + 0.1, st), None,
                                  S(np.full(n, 1e-2), st)))
    failed = [x for x in rep["notes"] if ca.FAILED_CHECK in x]
    assert failed and "divergence" in failed[0]

    doc = {"runs": [{"run": "torch/t_a__s1/.", "notes": failed},
                    {"run": "torch/t_b__s1/.", "notes": failed},
                    {"run": "torch/t_c__s1/.", "notes": []}]}
    labs = {"torch/t_a__s1": {"split": "dev"}, "torch/t_b__s1": {"split": "test"},
            "torch/t_c__s1": {"split": "dev"}}
    out = io.StringIO()
    assert ca._report_failed_checks(doc, labs, out) == 2
    line = out.getvalue()
    assert "2 records" in line and "torch/t_a__s1" in line and "t_b__s1" not in line
