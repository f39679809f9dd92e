"""Classes of curve that real runs got wrong (issue 10, eighteenth session): a too-low LR under
an adaptive optimiser whose own step shrinks (Adagrad) bends its slow fall a little -- the
first tenth of the run falls 3-4x faster than the rest -- and is still a too-low LR, where a
fast start that then crawls falls an order of magnitude faster first."""

import numpy as np

from tb_lrsched import analysis
from tb_lrsched.engine.chance import named_classes, uniform_chance
from tests.support.curves import S, exp_of

_T = np.arange(1200, dtype=float)


def _kinds(exp):
    return {f["kind"] for f in analysis.analyze(exp)["findings"]}


def _slow(bend: float):
    """A slow fall from 1.1 by 0.25 over the run, shaped u**bend (u the run's fraction): 1 is
    a straight line, 0.45 an Adagrad-like crawl that bends."""
    u = (_T + 1) / _T.size
    loss = (1.1 - 0.25 * u ** bend) * np.exp(np.random.default_rng(3).normal(0, 0.02, _T.size))
    ve = _T[59::60]
    val = 1.08 - 0.25 * ((ve + 1) / _T.size) ** bend
    return exp_of(S(loss), S(val, ve), S(np.full(_T.size, 1e-3)))


def test_a_bent_slow_fall_under_a_shrinking_step_is_still_too_low():
    # u**0.45: the first tenth falls 0.1**0.45 / 0.1 = 3.5 times the run's mean rate, about 5x
    # the rate over the rest -- well below the 13x+ of a fast start that then crawls
    assert "lr_too_low" in _kinds(_slow(1.0))
    assert "lr_too_low" in _kinds(_slow(0.45))


def test_a_fast_start_then_a_crawl_still_is_not():
    u = (_T + 1) / _T.size
    loss = (0.5 * np.exp(-u / 0.02) + 1.0 - 0.1 * u) * \
        np.exp(np.random.default_rng(4).normal(0, 0.02, _T.size))
    ve = _T[59::60]
    val = 0.5 * np.exp(-((ve + 1) / _T.size) / 0.02) + 0.98 - 0.1 * (ve + 1) / _T.size
    assert "lr_too_low" not in _kinds(exp_of(S(loss), S(val, ve), S(np.full(_T.size, 3e-2))))


def test_a_model_pinned_at_ln_k_is_named_with_k_classes():
    # 9.3 % accuracy rounds to 11 classes, but a loss of 2.303 at every evaluation is ln 10
    assert uniform_chance(0.093, 2.303) == 11
    assert named_classes(11, 0.093, np.array([2.3031, 2.3026, 2.3029])) == 10
    # a model thrown around near chance (5 classes) has a loss that jumps, here around ln 6:
    # it is not renamed
    assert named_classes(5, 0.193, np.array([1.65, 1.91, 2.07, 1.77])) == 5
    assert named_classes(0, 0.3, np.array([1.1, 1.1])) == 0
