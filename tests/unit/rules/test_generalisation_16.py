"""Classes of curve that real runs got wrong (issue 10, sixteenth session): a tiny run of four
epochs is still judged. Four epoch-level points are one per third of the run and one more,
enough to tell a loss that crawls down in a straight line at a far too low LR (digits, plain
SGD at 2e-4: 2.38 -> 2.37 over four epochs) from one that learned."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of


def _tiny(train, val, lr=2e-4):
    st = np.arange(len(train), dtype=float)
    return exp_of(S(np.asarray(train), st), S(np.asarray(val), st), S(np.full(len(train), lr), st))


def test_four_epochs_that_crawl_down_at_a_tiny_lr_are_lr_too_low():
    rep = analysis.analyze(_tiny([2.384, 2.379, 2.374, 2.369], [2.375, 2.370, 2.365, 2.360]),
                           strict=True)
    fs = [f for f in rep["findings"] if f["kind"] == "lr_too_low"]
    assert len(fs) == 1 and fs[0]["severity"] == "warning", rep["findings"]
    assert rep["status"] == "warning"


def test_four_epochs_that_crawl_down_in_a_straight_line_are_lr_too_low():
    # 2.3 -> 2.0: learning, but falling as fast at the end as at the start
    rep = analysis.analyze(_tiny([2.30, 2.20, 2.10, 2.00], [2.28, 2.18, 2.08, 1.99]),
                           strict=True)
    assert "lr_too_low" in {f["kind"] for f in rep["findings"]}, rep["findings"]


def test_four_epochs_that_learned_fast_are_healthy():
    rep = analysis.analyze(_tiny([2.30, 0.60, 0.35, 0.30], [1.10, 0.45, 0.38, 0.36], lr=1e-2),
                           strict=True)
    assert rep["status"] == "healthy", rep["findings"]
