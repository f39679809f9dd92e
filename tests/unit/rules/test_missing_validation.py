"""Rule `missing_validation`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds


def test_missing_validation_and_missing_lr():
    rep = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20))), strict=True)
    assert kinds(rep) == ["missing_lr", "missing_validation"]
    assert rep["status"] == "healthy"
    rep2 = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), S(np.geomspace(2, 0.15, 20)),
                                   S(np.full(20, 1e-3))), strict=True)
    assert "missing_lr" not in kinds(rep2) and "missing_validation" not in kinds(rep2)
