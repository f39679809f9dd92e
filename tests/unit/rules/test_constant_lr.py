"""Rule `constant_lr`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, lr_warmup_cosine, one


def test_constant_lr_plain_and_not_for_schedules():
    rep = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), lr=S(np.full(20, 3e-4))),
                           strict=True)
    c = one(rep, "constant_lr")
    assert c["severity"] == "info" and "3e-4" in c["message"] and "escalated" not in c["evidence"]
    rep2 = analysis.analyze(exp_of(S(np.geomspace(2, 0.1, 20)), lr=S(lr_warmup_cosine(20))),
                            strict=True)
    assert "constant_lr" not in kinds(rep2)
