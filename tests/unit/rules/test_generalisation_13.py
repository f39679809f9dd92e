"""Classes of curve that real runs got wrong (issue 10, thirteenth session): a step schedule
that takes the LR away within the first tenth of the run while the model is nearly done --
its loss looks settled, but it is only frozen for the rest of the budget."""

import numpy as np

from tb_lrsched import analysis
from tests.support.curves import S, exp_of, kinds, one


def _digits(lr_of_epoch, seed: int = 131):
    """torch-style per-step run: a digits MLP over 30 epochs of 22 steps, loss every step;
    the training loss falls 2.15 -> ~0.12 within the first two epochs (per-step noise 25 %)
    and then moves only as fast as its LR lets it; 30 evaluations falling 0.43 -> 0.16."""
    rng = np.random.default_rng(seed)
    st = np.arange(0.0, 660.0)
    lr = np.asarray([lr_of_epoch(int(s // 22)) for s in st])
    # the loss falls at a pace proportional to the LR it gets
    pace = np.cumsum(lr / 0.05)
    train = (0.1 + 2.05 * np.exp(-pace / 12.0)) * np.exp(0.25 * rng.standard_normal(st.shape[0]))
    ev = np.arange(22.0, 661.0, 22.0)
    val = 0.155 + 0.27 * np.exp(-np.interp(ev, st, pace) / 12.0)
    return exp_of(S(train, st), S(val, ev), S(lr, st))


def test_an_lr_cut_1000x_within_the_first_tenth_of_the_run_is_decay_too_aggressive():
    # StepLR(step_size=2 epochs, gamma=0.01): 5e-4 from epoch 2, 5e-6 from epoch 4
    rep = analysis.analyze(_digits(lambda e: 0.05 * 0.01 ** (e // 2)), strict=True)
    f = one(rep, "decay_too_aggressive")
    assert f["severity"] == "warning" and rep["status"] == "warning"
    assert f["evidence"]["gone_step"] == 88
    assert "too small to move the weights" in f["message"]


def test_late_step_cuts_and_a_cosine_to_zero_leave_the_lr_alive_for_most_of_the_run():
    late = _digits(lambda e: 0.05 * 0.1 ** ((e >= 18) + (e >= 25)))
    cosine = _digits(lambda e: 0.05 * 0.5 * (1 + np.cos(np.pi * e / 30.0)))
    for exp in (late, cosine):
        rep = analysis.analyze(exp, strict=True)
        assert "decay_too_aggressive" not in kinds(rep), rep["findings"]
