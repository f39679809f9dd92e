"""The two-labeller agreement benchmark: its statistics, and the second labeller's file."""

import pytest

from benchmarks import corpus_accuracy as ca
from benchmarks import label_agreement as la


def _lab(status, must=(), optional=()):
    return {"status": status, "must": list(must), "optional": list(optional)}


def test_kappa_perfect_and_chance():
    assert la.kappa([("healthy", "healthy"), ("warning", "warning")]) == pytest.approx(1.0)
    # two raters who each say "healthy" half the time, agreeing on half the runs: chance level
    pairs = [("healthy", "healthy"), ("healthy", "warning"), ("warning", "healthy"),
             ("warning", "warning")]
    assert la.kappa(pairs) == pytest.approx(0.0)
    assert la.kappa([]) is None
    assert la.kappa([("healthy", "healthy")]) is None  # one category: chance is certain


def test_kappa_textbook_value():
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o 0.7, p_e 0.5, kappa 0.4
    pairs = ([("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15)
    assert la.kappa(pairs) == pytest.approx(0.4)


def test_optional_is_neutral_in_kind_disagreements():
    first = {"r1": _lab("warning", ["plateau"]), "r2": _lab("warning", ["plateau"]),
             "r3": _lab("healthy", [], ["loss_spike"]), "r4": _lab("healthy")}
    second = {"r1": _lab("warning", ["plateau"]), "r2": _lab("healthy", [], ["plateau"]),
              "r3": _lab("warning", ["loss_spike"]), "r4": _lab("warning", ["loss_spike"]),
              "r5": _lab("critical", ["divergence"])}  # not in the first set: not compared
    got = la.kind_disagreements(first, second, ["plateau", "loss_spike", "divergence"])
    assert got["plateau"] == {"both": 1, "only_first": 0, "only_second": 0, "one_optional": 1}
    assert got["loss_spike"] == {"both": 0, "only_first": 0, "only_second": 1, "one_optional": 1}
    assert got["divergence"] == {"both": 0, "only_first": 0, "only_second": 0, "one_optional": 0}
    assert la.status_table(first, second) == {("warning", "warning"): 1,
                                              ("warning", "healthy"): 1,
                                              ("healthy", "warning"): 2}


def test_report_counts_agreement(capsys):
    first = {"r1": _lab("warning", ["plateau"]), "r2": _lab("healthy")}
    second = {"r1": _lab("warning", ["plateau"]), "r2": _lab("warning", ["oscillation"])}
    preds = {"r1": {"status": "warning", "findings": [{"kind": "plateau", "severity": "warning"}]},
             "r2": {"status": "healthy", "findings": []}}
    res = la.report(first, second, preds)
    out = capsys.readouterr().out
    assert res["same_status"] == 1 and res["runs"] == 2
    flat = " ".join(out.split())
    assert "against the first labeller 2/ 2 statuses right" in flat
    assert "against the second labeller 1/ 2 statuses right" in flat
    assert "against runs both agree on 1/ 1 statuses right" in flat


def test_second_opinion_file_is_well_formed():
    second = la.load_second()
    first = ca.load_labels()
    assert len(second) >= 50
    for key, rec in second.items():
        assert key in first, key
        assert first[key]["split"] != "test", key  # the test split stays unseen
        assert rec["status"] in la.STATUSES, key
        assert set(rec["must"]) <= set(ca.KINDS) and set(rec["optional"]) <= set(ca.KINDS), key
        assert not set(rec["must"]) & set(rec["optional"]), key
        assert rec.get("reason"), key
    assert set(la.compared_kinds()) == set(ca.KINDS) - {"lr_range_test"}
