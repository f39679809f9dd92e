"""Rule `possible_leakage`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds


def test_possible_leakage_and_not_for_normal_gap():
    tr = np.geomspace(2, 0.5, 20)
    rep = analysis.analyze(exp_of(S(tr), S(tr * 0.3)), strict=True)
    assert "possible_leakage" in kinds(rep)
    rep2 = analysis.analyze(exp_of(S(tr), S(tr * 0.85)), strict=True)
    assert "possible_leakage" not in kinds(rep2)
