"""The classes of curve the first release got wrong (issue 10), one positive and one negative
case each, on the shared primitives (LR events, noise model, advice). The labelled corpus of
real trainings (benchmarks/corpus_accuracy.py) is the regression test at scale; these pin the
mechanism."""

import numpy as np

from tb_lrsched import analysis
from tb_lrsched.model import ExperimentSeries, Series
from tests.support.curves import S, exp_of, kinds, one, problems

RNG = np.random.default_rng(0)
N = np.arange(2000.0)
T = np.arange(1000.0)


def _rep(exp):
    return analysis.analyze(exp, strict=True)


def _sgdr(restart_spikes: bool):
    lr = 0.05 * (1 + np.cos(np.pi * (N % 400) / 400))
    loss = 2.0 * np.exp(-N / 300) + 0.1
    if restart_spikes:
        for r0 in (400, 800, 1200, 1600):
            w = (N >= r0) & (N < r0 + 40)
            loss = np.where(w, loss * (1 + 14 * np.exp(-(N - r0) / 15)), loss)
    loss = loss * np.exp(np.random.default_rng(1).normal(0, 0.05, N.size))
    ve = N[99::100]
    return exp_of(S(loss), S(2.0 * np.exp(-ve / 300) + 0.15, ve), S(lr))


def test_wide_spikes_after_warm_restarts_are_spikes_at_the_restart():
    f = one(_rep(_sgdr(True)), "loss_spike")
    assert f["evidence"]["spikes"] == 4
    assert f["evidence"]["spikes_at_restarts"] == 4
    assert "right after the LR restart" in f["message"]
    assert "restart" in f["suggestion"]
    assert problems(_rep(_sgdr(False))) == []  # the same schedule without the jumps


def _long(spikes):
    loss = (1.5 * np.exp(-np.arange(1100.0) / 200) + 0.2) * \
        np.exp(np.random.default_rng(2).normal(0, 0.1, 1100))
    for at in spikes:
        loss[at] *= 100
    lr = np.full(1100, 1e-3)
    ve = np.arange(99, 1100, 100.0)
    return exp_of(S(loss), S(1.5 * np.exp(-ve / 200) + 0.25, ve), S(lr))


def test_one_step_spikes_in_a_long_full_resolution_series():
    f = one(_rep(_long((400, 800))), "loss_spike")
    assert f["evidence"]["spikes"] == 2 and f["step"] in (400, 800)
    assert "loss_spike" not in kinds(_rep(_long(())))


def _collapse(collapses: bool):
    lr = np.interp(T, [0, 500, 999], [1e-4, 5e-2, 0])
    good = 0.5 * np.exp(-T / 150) + 0.19
    loss = np.where((T >= 500) & collapses, 0.6931, good)
    loss = loss * np.exp(np.random.default_rng(3).normal(0, 0.03, T.size))
    ve = T[49::50]
    vgood = 0.5 * np.exp(-ve / 150) + 0.21
    return exp_of(S(loss), S(np.where((ve >= 500) & collapses, 0.6932, vgood), ve), S(lr))


def test_collapse_to_the_starting_level_without_nan_is_divergence():
    rep = _rep(_collapse(True))
    f = one(rep, "divergence")
    assert rep["status"] == "critical" and 480 <= f["step"] <= 560
    assert "collapsed" in f["message"] and "about where it started" in f["message"]
    assert rep["status"] != "critical" or _rep(_collapse(False))["status"] == "healthy"


def _never_learned(blow_up: bool):
    loss = 0.6931 + 0.01 * np.random.default_rng(4).normal(size=T.size)
    if blow_up:
        loss[20:60] = 3.0  # thrown out of the basin, then stuck at chance
    ve = T[49::50]
    return exp_of(S(loss), S(np.full(ve.size, 0.6932), ve), S(np.full(T.size, 2.0)))


def test_never_learned_at_a_far_too_high_lr_is_divergence_not_lr_too_low():
    rep = _rep(_never_learned(True))
    f = one(rep, "divergence")
    assert "far too high" in f["message"] and "lr_too_low" not in kinds(rep)
    assert "divergence" not in kinds(_rep(_never_learned(False)))


def _zero_lr(bug: bool):
    lr = np.interp(T, [0, 100, 400], [1e-4, 1e-2, 5e-3])
    if bug:
        lr = np.where(T < 400, lr, 0.0)
    else:
        lr = np.interp(T, [0, 100, 999], [1e-4, 1e-2, 0.0])  # decays to 0 at the last step
    loss = (2.3 * np.exp(-np.minimum(T, 400 if bug else 1e9) / 150) + 0.3) * \
        np.exp(np.random.default_rng(5).normal(0, 0.05, T.size))
    ve = T[49::50]
    val = 2.3 * np.exp(-np.minimum(ve, 400 if bug else 1e9) / 150) + 0.35
    return exp_of(S(loss), S(val, ve), S(lr))


def test_a_zero_lr_for_most_of_the_run_is_reported_from_the_lr_curve():
    f = one(_rep(_zero_lr(True)), "decay_too_aggressive")
    assert f["start_step"] == 400 and f["evidence"]["zero_fraction"] >= 55
    assert "exactly 0" in f["message"] and "repeats the same value" in f["message"]
    assert "decay_too_aggressive" not in kinds(_rep(_zero_lr(False)))


def _floor(val_bounces: bool):
    loss = (1.0 * np.exp(-T / 60) + 0.5) * (1 + np.random.default_rng(6).uniform(-0.15, 0.15, T.size))
    # the per-step loss wanders around its floor in slow waves the bucket noise cannot see
    loss = loss * (1 + 0.12 * np.sin(T / 25.0))
    ve = T[99::100]
    val = 0.55 + 0.002 * np.random.default_rng(7).normal(size=ve.size)
    if val_bounces:
        val = val * (1 + 0.3 * (np.arange(ve.size) % 2))
    return exp_of(S(loss), S(val, ve), S(np.full(T.size, 0.1)))


def test_noise_around_a_floor_with_a_flat_validation_loss_is_not_oscillation():
    assert "oscillation" not in kinds(_rep(_floor(False)))
    assert "oscillation" in kinds(_rep(_floor(True)))


def _cyclic(steady_lr: bool):
    lr = 1e-3 + 5e-3 * np.abs(((N / 200) % 2) - 1)
    trend = 2.0 * np.exp(-N / 700) + 0.2
    loss = trend * (1 + 1.0 * np.abs(((N / 200) % 2) - 1) ** 2)
    ve = N[24::50]
    # the validation loss bounces with the cycles too, but keeps falling to its best at the end
    val = (2.0 * np.exp(-ve / 700) + 0.25) * (1 + 0.3 * np.abs(((ve / 200) % 2) - 1) ** 2)
    return exp_of(S(loss), S(val, ve), S(np.full(N.size, 3e-3) if steady_lr else lr))


def test_wiggles_that_follow_a_cyclic_lr_on_a_falling_trend_are_not_oscillation():
    from tb_lrsched.engine.context import prepare
    from tb_lrsched.rules import oscillation

    assert "oscillation" not in kinds(_rep(_cyclic(False)))
    for steady, exempt in ((False, True), (True, False)):
        ctx = prepare(_cyclic(steady))
        res = oscillation.swings(ctx, ctx.train)
        assert res is not None and res.count >= 3  # the training loss does bounce
        # ... in step with a cyclic LR on a falling trend: the schedule's wiggles; under a
        # steady LR the same bouncing is the LR's doing
        assert oscillation.follows_cyclic_lr(ctx, ctx.train, res, oscillation.THRESHOLDS) is exempt


def _mosaic(val_improves: bool):
    e = np.arange(60.0)
    train = np.where(e < 10, 3.0 - 0.15 * e, 1.5) + 0.01 * np.random.default_rng(8).normal(size=60)
    val = 2.0 * np.exp(-e / 20) + 0.5 if val_improves else np.where(e < 10, 2.5 - 0.1 * e, 1.5)
    return exp_of(S(train, e), S(val, e), S(np.full(60, 0.01), e), unit="epoch")


def test_plateau_needs_the_validation_loss_to_stall_too():
    assert "plateau" not in kinds(_rep(_mosaic(True)))
    assert "plateau" in kinds(_rep(_mosaic(False)))


def test_flat_from_the_start_without_an_lr_is_a_plateau():
    e = np.arange(30.0)
    train = 6.9 + 0.05 * np.random.default_rng(9).normal(size=30)
    val = np.array([6.99, 7.34, 7.18])
    rep = _rep(exp_of(S(train, e), S(val, np.array([9.0, 19.0, 29.0])), unit="epoch"))
    assert "Nothing was learned" in one(rep, "plateau")["message"]
    # with a small LR logged and a validation loss that creeps down, however little, it is
    # lr_too_low's (it says which way) ...
    vs = np.arange(4.0, 30.0, 5.0)
    creep = 6.99 - 0.002 * vs
    rep = _rep(exp_of(S(train, e), S(creep, vs), S(np.full(30, 1e-6), e), unit="epoch"))
    assert "plateau" not in kinds(rep) and "lr_too_low" in kinds(rep)
    # ... but when neither loss moves at all, nothing says more LR would help (dead units, a
    # frozen network, labels without signal): a plateau whose advice says what to check
    rep = _rep(exp_of(S(train, e), S(np.full(6, 6.99), vs), S(np.full(30, 1e-6), e),
                      unit="epoch"))
    f = one(rep, "plateau")
    assert "lr_too_low" not in kinds(rep) and "dead units" in f["suggestion"]


def _fast_start(fast: bool):
    loss = (0.6 * np.exp(-T / 10) if fast else 0.6 * (1 - T / 1000)) + 2.4 - 0.0004 * T
    loss = loss * np.exp(np.random.default_rng(10).normal(0, 0.02, T.size))
    ve = T[49::50]
    return exp_of(S(loss), S(np.interp(ve, T, loss) + 0.05, ve), S(np.full(T.size, 3e-2)))


def test_a_fast_start_then_a_crawl_is_not_lr_too_low():
    assert "lr_too_low" not in kinds(_rep(_fast_start(True)))
    assert "lr_too_low" in kinds(_rep(_fast_start(False)))


def _named(names, train, val=None, lr=None):
    exp = exp_of(train, val, lr)
    exp.tag_names = tuple(names)
    return exp


def test_advice_names_the_framework_only_when_the_logs_show_it():
    tr = S(np.linspace(2.3, 0.3, 100))
    keras = _rep(_named(["x/train/epoch_loss"], tr))
    assert "model.fit" in one(keras, "missing_validation")["suggestion"]
    hf = _rep(_named(["r/train/learning_rate", "r/eval/loss", "r/train/loss"], tr))
    assert "eval_dataset" in one(hf, "missing_validation")["suggestion"]
    plain = one(_rep(_named(["r/train/loss"], tr)), "missing_validation")["suggestion"]
    assert "fit" not in plain and "Lightning" not in plain


def test_rl_runs_get_no_supervised_verdicts():
    # a value loss that rises with the returns and a flat policy loss: normal in RL
    value = np.linspace(0.01, 10.0, 200) * (1 + 0.3 * np.sin(np.arange(200) / 3.0))
    names = ["ppo/Losses/Value Loss", "ppo/Policy/Learning Rate"]
    rep = _rep(_named(names, S(value), lr=S(np.linspace(3e-4, 1e-4, 200))))
    assert problems(rep) == []
    assert "Pass validation_data" not in one(rep, "missing_validation")["suggestion"]
    nan = value.copy()
    nan[150:] = np.nan
    assert "divergence" in kinds(_rep(_named(names, S(nan), lr=S(np.full(200, 3e-4)))))


def test_one_recommendation_per_run_consistent_with_its_findings():
    rep = _rep(_collapse(True))
    assert rep["recommendation"]["kind"] == "divergence"
    assert rep["recommendation"]["text"] == one(rep, "divergence")["suggestion"]
    assert _rep(_sgdr(False))["recommendation"] is None


def test_the_same_lr_at_another_granularity_is_no_note():
    steps = np.arange(600.0)
    lr = 0.05 * (1 + np.cos(np.pi * steps / 600))
    epoch = steps[19::20]
    exp = ExperimentSeries("k", lr=S(lr), train_loss=S(np.linspace(2.3, 0.3, 600)),
                           extra_lrs={"train/epoch_learning_rate": Series.of(epoch, lr[19::20])})
    assert not [n for n in _rep(exp)["notes"] if "learning-rate series" in n]
    exp.extra_lrs = {"pg1": Series.of(steps, lr / 10)}
    assert [n for n in _rep(exp)["notes"] if "learning-rate series" in n]


def _erratic(val_rises: bool):
    rng = np.random.default_rng(11)
    loss = 1e-3 * np.exp(rng.normal(0, 0.5, 2000))
    burst = rng.random(2000) < (0.25 if val_rises else 0.0)
    loss = np.where(burst, rng.uniform(0.05, 1.0, 2000), loss)  # every few batches explode
    loss[:100] = np.linspace(2.3, 0.01, 100)
    ve = N[199::200]
    val = np.linspace(0.3, 0.9, ve.size) if val_rises else np.linspace(0.3, 0.1, ve.size)
    return exp_of(S(loss), S(val, ve), S(np.full(2000, 2e-2)))


def test_an_erratic_per_step_loss_is_oscillation():
    f = one(_rep(_erratic(True)), "oscillation")
    assert f["evidence"]["erratic_share"] >= 20 and "10x or more" in f["message"]
    assert "oscillation" not in kinds(_rep(_erratic(False)))


def test_an_explosion_is_divergence_not_an_erratic_loss():
    # plain SGD at a far too high LR: the per-step loss climbs from 2.3 to 1e34 and is NaN
    # at the end; within every bucket most points are 10x their bucket's median (it climbs
    # through the bucket), but the typical level itself climbs: one explosion
    n = 210
    loss = 2.3 * 10.0 ** (np.linspace(0, 34, n) + np.random.default_rng(12).normal(0, 0.3, n))
    loss[-1] = np.nan
    ve = np.arange(21, n, 22, dtype=float)
    val = 2.3 * 10.0 ** np.linspace(0.5, 34, ve.size)
    rep = _rep(exp_of(S(loss), S(val, ve), S(np.full(n, 3.0))))
    assert "divergence" in kinds(rep)
    assert "oscillation" not in kinds(rep), rep["findings"]


def test_a_finding_without_a_step_is_dropped_from_its_start():
    from tb_lrsched.engine.resolve import resolve

    div = {"kind": "divergence", "severity": "critical", "start_step": 20.0, "step": 60.0,
           "end_step": 200.0, "evidence": {}, "message": "", "suggestion": ""}
    osc = {"kind": "oscillation", "severity": "warning", "start_step": 80.0, "step": None,
           "end_step": 200.0, "evidence": {}, "message": "", "suggestion": ""}
    early = dict(osc, start_step=10.0)
    assert [f["kind"] for f in resolve([div, osc])] == ["divergence"]
    assert [f["kind"] for f in resolve([div, early])] == ["divergence", "oscillation"]


def test_an_oscillation_explains_an_accuracy_drop_unless_the_run_diverged():
    from tb_lrsched.engine.resolve import resolve

    def f(kind, severity, step):
        return {"kind": kind, "severity": severity, "start_step": step, "step": step,
                "end_step": 100.0, "evidence": {}, "message": "", "suggestion": ""}

    osc, acc = f("oscillation", "warning", 30.0), f("accuracy_drop", "warning", 60.0)
    div = f("divergence", "critical", 80.0)
    assert [x["kind"] for x in resolve([osc, acc])] == ["oscillation"]
    assert [x["kind"] for x in resolve([div, osc, acc])] == ["divergence", "oscillation",
                                                             "accuracy_drop"]
