"""Rule `overfitting`: positive and negative cases."""

from __future__ import annotations

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, keras_run, kinds, one


def test_overfitting_constant_lr_reports_best_step_and_lr():
    exp = keras_run(np.full(30, 1e-3), overfit_from=8, speed=10.0)
    rep = analysis.analyze(exp, strict=True)
    f = one(rep, "overfitting")
    assert 6 <= f["step"] <= 10
    assert "stayed at 1e-3" in f["suggestion"] and "epoch" in f["suggestion"]
    assert f["evidence"]["generalization_loss"] >= 10
    assert "overfitting" in one(rep, "constant_lr")["message"]


def test_overfitting_five_epochs():
    exp = exp_of(train=S([1.0, 0.6, 0.4, 0.3, 0.22]), val=S([0.8, 0.55, 0.6, 0.68, 0.8]),
                 lr=S([1e-3] * 5), unit="epoch")
    f = one(analysis.analyze(exp, strict=True), "overfitting")
    assert f["step"] == 1


def test_no_overfitting_when_val_noise_only():
    rng = np.random.default_rng(10)
    v = 0.4 + 0.01 * rng.standard_normal(30)
    v[:5] = [1.0, 0.7, 0.5, 0.45, 0.42]
    tr = np.geomspace(1.2, 0.3, 30)
    exp = exp_of(train=S(tr), val=S(v), lr=S(np.full(30, 1e-3)), unit="epoch")
    assert "overfitting" not in kinds(analysis.analyze(exp, strict=True))


def test_no_overfitting_when_train_also_rises():
    tr = np.concatenate([np.linspace(1.0, 0.3, 10), np.linspace(0.3, 0.6, 10)])
    v = tr * 1.1
    exp = exp_of(train=S(tr), val=S(v), unit="epoch")
    assert "overfitting" not in kinds(analysis.analyze(exp, strict=True))
