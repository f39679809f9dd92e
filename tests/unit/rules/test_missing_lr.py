"""Rule `missing_lr`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def test_lr_logged_but_never_finite_is_named_as_such():
    n = 200
    st = np.arange(n, dtype=float)
    exp = exp_of(S(2 * np.exp(-st / 50) + 0.2), lr=S(np.full(n, np.nan)))
    f = one(analysis.analyze(exp, strict=True), "missing_lr")
    assert "no finite positive value" in f["message"]
    assert "No learning-rate series was logged" not in f["message"]


def test_no_missing_lr_when_a_finite_lr_is_logged():
    n = 50
    st = np.arange(n, dtype=float)
    exp = exp_of(S(2 * np.exp(-st / 20) + 0.2), lr=S(np.full(n, 1e-3)))
    assert "missing_lr" not in kinds(analysis.analyze(exp, strict=True))
    # an extra (parameter-group) LR is enough too
    exp2 = exp_of(S(2 * np.exp(-st / 20) + 0.2))
    exp2.extra_lrs = {"run/lr_group1": S(np.full(n, 1e-3))}
    rep = analysis.analyze(exp2, strict=True)
    assert "missing_lr" not in kinds(rep)
    assert any("taken from run/lr_group1" in note for note in rep["notes"])
