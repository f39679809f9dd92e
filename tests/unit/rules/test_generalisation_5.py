"""Classes of curve that real runs got wrong (issue 10, fifth session): one positive and one
negative case each, built the way the corpus runs that showed them were trained."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def _rep(exp):
    return analysis.analyze(exp, strict=True)


# -- a validation loss that explodes while the training loss is thrown around ----------------

def _val_blowup(train_blows_up: bool):
    """One-cycle to a far too high peak: the validation loss climbs 100x from its best as the
    LR rises and never comes back. With ``train_blows_up`` the training loss is thrown up to
    ~30x its level at the same time, then comes down to ~0 as the LR anneals; without it
    the training loss keeps falling (a model memorising its training set)."""
    rng = np.random.default_rng(5)
    n = 440
    t = np.arange(float(n))
    lr = 0.2 * np.where(t < 220, t / 220, (n - t) / 220) + 1e-4
    if train_blows_up:
        train = np.where(t < 60, 1.5 * np.exp(-t / 15) + 0.12,
                         np.where(t < 300, 0.12 * np.exp(rng.normal(3.5, 0.8, n)), 1e-3))
    else:
        train = 1.5 * np.exp(-t / 15) + 0.12 * np.exp(-t / 120) + 1e-3
    train = train * np.exp(rng.normal(0, 0.1, n))
    ve = t[21::22]
    val = np.where(ve < 50, 0.15 + 0.3 * np.exp(-ve / 15),
                   np.minimum(0.15 * np.exp((ve - 50) / 30), 20.0))
    return exp_of(S(train), S(val, ve), S(lr))


def test_a_validation_loss_exploding_while_the_training_loss_blows_up_is_divergence():
    f = one(_rep(_val_blowup(True)), "divergence")
    assert f["severity"] == "critical"
    assert f["evidence"]["rise_ratio"] > 50
    assert "validation loss exploded" in f["message"]
    # the same validation loss next to a training loss that keeps falling is overfitting
    rep = _rep(_val_blowup(False))
    assert "divergence" not in kinds(rep)
    assert "overfitting" in kinds(rep)
