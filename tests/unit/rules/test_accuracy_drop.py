"""Rule `accuracy_drop`: positive and negative cases."""

from __future__ import annotations

import numpy as np
import pytest

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def test_accuracy_drop_percent_scale():
    acc = np.array([40, 60, 72, 80, 84, 85, 83, 79, 75, 70, 68, 66], float)
    exp = exp_of(train=S(np.geomspace(2, 0.2, 12)), val_acc=S(acc), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "accuracy_drop")
    assert f["step"] == 5 and f["evidence"]["drop_points"] == pytest.approx(19, abs=1)


def test_accuracy_stall_far_below_train_accuracy():
    va = np.concatenate([np.linspace(0.3, 0.62, 6), np.full(14, 0.62)])
    ta = np.linspace(0.3, 0.99, 20)
    exp = exp_of(train=S(np.geomspace(2, 0.05, 20)), val_acc=S(va), train_acc=S(ta), unit="epoch")
    assert "accuracy_drop" in kinds(analysis.analyze(exp, strict=True))


def test_no_accuracy_drop_on_rising_accuracy():
    va = 0.95 - 0.6 * np.exp(-np.arange(20) / 4) + 0.003 * np.sin(np.arange(20))
    ta = va + 0.03
    exp = exp_of(train=S(np.geomspace(2, 0.2, 20)), val_acc=S(va), train_acc=S(ta), unit="epoch")
    assert "accuracy_drop" not in kinds(analysis.analyze(exp, strict=True))
