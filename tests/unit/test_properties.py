"""Property tests for the verdict engine (hypothesis).

1. ``analyze`` never raises and always returns a well-formed report, whatever
   the values (NaN, +/-Inf, empty, constant, one point, huge, negative).
2. Verdicts (kinds and steps) do not change when every loss series is
   multiplied by a positive constant (x1000, x1e-3): the rules are scale-free.
"""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tb_lrsched import analysis
from tb_lrsched.model import KINDS, ExperimentSeries, Series

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_float = st.floats(allow_nan=True, allow_infinity=True, width=64)
wild_values = st.one_of(
    st.lists(any_float, min_size=0, max_size=60),
    st.lists(st.sampled_from([0.0, 1.0, -1.0, 1e308, -1e308, 5e-324, float("nan"),
                              float("inf"), float("-inf"), 1e-300]), max_size=30),
    st.integers(0, 40).map(lambda n: [2.5] * n),  # constant
)


def _series(values, rng_steps=None, sampled=False):
    v = np.asarray(values, dtype=np.float64)
    steps = np.arange(v.shape[0], dtype=np.float64) * (rng_steps or 1.0)
    return Series.of(steps, v, sampled=sampled)


@st.composite
def wild_experiments(draw):
    def opt(strategy):
        return draw(st.one_of(st.none(), strategy.map(_series)))
    return ExperimentSeries(
        name="x", step_unit=draw(st.sampled_from(["step", "epoch", "weird"])),
        lr=opt(wild_values), train_loss=opt(wild_values), val_loss=opt(wild_values),
        val_acc=opt(wild_values), train_acc=opt(wild_values),
        train_loss_fine=opt(wild_values),
        extra_lrs=draw(st.dictionaries(st.sampled_from(["a/lr_1", "b/lr_2"]),
                                       wild_values.map(_series), max_size=2)))


def _check_report(rep):
    assert rep["status"] in ("healthy", "warning", "critical")
    assert isinstance(rep["notes"], list) and all(isinstance(n, str) for n in rep["notes"])
    for f in rep["findings"]:
        assert f["kind"] in KINDS and f["severity"] in ("info", "warning", "critical")
        assert isinstance(f["message"], str) and f["message"]
        assert isinstance(f["suggestion"], str) and f["suggestion"]
    # JSON-serialisable (the routes use http_util.Respond, which allows NaN)
    json.dumps(rep, allow_nan=True)
    # no detector failed internally on this input
    assert not any("failed" in n for n in rep["notes"]), rep["notes"]


@settings(max_examples=300, **SETTINGS)
@given(wild_experiments())
def test_analyze_never_raises(exp):
    _check_report(analysis.analyze(exp))


@settings(max_examples=60, **SETTINGS)
@given(st.lists(st.floats(-1e300, 1e300), min_size=0, max_size=3000),
       st.booleans(), st.integers(1, 50))
def test_analyze_never_raises_on_long_or_huge_series(vals, sampled, stride):
    s = _series(vals, rng_steps=float(stride), sampled=sampled)
    exp = ExperimentSeries(name="x", train_loss=s, val_loss=s, lr=s, train_loss_fine=s)
    _check_report(analysis.analyze(exp))


def test_analyze_edge_cases_explicitly():
    empty = Series.of([], [])
    one = Series.of([3.0], [0.5])
    nan = Series.of(np.arange(10.0), np.full(10, np.nan))
    neg = Series.of(np.arange(50.0), -np.geomspace(1, 100, 50))
    cases = [ExperimentSeries(name="e"),
             ExperimentSeries(name="e", train_loss=empty, val_loss=empty, lr=empty),
             ExperimentSeries(name="e", train_loss=one, val_loss=one, lr=one, val_acc=one),
             ExperimentSeries(name="e", train_loss=nan, val_loss=nan, lr=nan),
             ExperimentSeries(name="e", train_loss=neg, val_loss=neg, lr=neg)]
    for exp in cases:
        _check_report(analysis.analyze(exp, strict=True))
    rep = analysis.analyze(cases[3], strict=True)
    assert rep["status"] == "critical"  # a loss that is NaN throughout never trained


# ---------------------------------------------------------------------------
# Scale invariance
# ---------------------------------------------------------------------------

def _verdicts(rep):
    return sorted((f["kind"], f["severity"], f["start_step"], f["end_step"], f.get("step"))
                  for f in rep["findings"])


def _scaled(exp, c):
    def sc(s):
        if s is None:
            return None
        return Series(s.steps, s.values * c, s.wall_times, s.run, s.tag, s.sampled)
    return ExperimentSeries(name=exp.name, step_unit=exp.step_unit, lr=exp.lr,
                            train_loss=sc(exp.train_loss), val_loss=sc(exp.val_loss),
                            val_acc=exp.val_acc, train_acc=exp.train_acc,
                            train_loss_fine=sc(exp.train_loss_fine), extra_lrs=exp.extra_lrs)


@st.composite
def realistic_experiments(draw):
    """Curves from a family of shapes with random parameters, noise and NaNs."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n = draw(st.sampled_from([3, 5, 12, 40, 150, 600, 3000]))
    t = np.arange(n, dtype=float)
    shape = draw(st.sampled_from(["decay", "diverge", "spike", "bounce", "flat", "linear",
                                  "stall", "negative"]))
    floor = draw(st.floats(0.01, 2.0))
    amp = draw(st.floats(0.1, 10.0))
    tau = draw(st.floats(0.02, 1.0)) * n
    y = floor + amp * np.exp(-t / tau)
    if shape == "diverge":
        k = int(draw(st.floats(0.2, 0.9)) * n)
        y[k:] *= np.exp((t[k:] - k) / max(1.0, 0.05 * n))
    elif shape == "spike":
        k = int(draw(st.floats(0.1, 0.9)) * n)
        y[k:k + max(1, n // 200)] *= draw(st.floats(1.5, 20))
    elif shape == "bounce":
        y += draw(st.floats(0.0, 1.0)) * floor * np.sin(t * draw(st.floats(0.05, 2.0)))
    elif shape == "flat":
        y = np.full(n, floor)
    elif shape == "linear":
        y = floor + amp * (1 - 0.3 * t / n)
    elif shape == "stall":
        y = np.maximum(y, floor + 0.5 * amp)
    elif shape == "negative":
        y = y - floor - amp / 2
    noise = draw(st.sampled_from([0.0, 0.01, 0.1, 0.4]))
    y = y * np.exp(noise * rng.standard_normal(n))
    if draw(st.booleans()):
        y[rng.integers(0, n, max(1, n // 50))] = rng.choice([np.nan, np.inf, -np.inf])
    val = None
    if n >= 3 and draw(st.booleans()):
        every = max(1, n // draw(st.sampled_from([4, 10, 30])))
        vs = t[every - 1::every]
        vv = np.interp(vs, t, np.nan_to_num(y, nan=floor, posinf=floor, neginf=floor))
        vv = vv * draw(st.floats(0.3, 1.5)) + draw(st.floats(0.0, 1.0)) * floor * (vs / n) ** 2
        val = Series.of(vs, vv)
    lr_kind = draw(st.sampled_from(["none", "const", "cosine", "exp", "step"]))
    lr = None
    if lr_kind != "none":
        peak = 10 ** draw(st.floats(-5, 0))
        x = {"const": np.ones(n), "cosine": 0.5 * (1 + np.cos(np.pi * t / n)),
             "exp": 0.5 ** (t / max(1.0, 0.05 * n)),
             "step": np.where(t < n / 2, 1.0, 0.1)}[lr_kind]
        lr = Series.of(t, peak * x)
    acc = None
    if draw(st.booleans()) and val is not None:
        acc = Series.of(val.steps, np.clip(1 - 0.3 * val.values / np.nanmax(np.abs(val.values)),
                                           0, 1))
    fine = None
    if draw(st.booleans()):
        fine = Series.of(t, y * np.exp(0.2 * rng.standard_normal(n)))
    return ExperimentSeries(name="r", step_unit=draw(st.sampled_from(["step", "epoch"])),
                            lr=lr, train_loss=Series.of(t, y), val_loss=val, val_acc=acc,
                            train_loss_fine=fine)


@settings(max_examples=150, **SETTINGS)
@given(realistic_experiments(), st.sampled_from([1000.0, 1e-3, 7.3, 0.37]))
def test_verdicts_invariant_to_loss_scale(exp, c):
    # Without an accuracy every reading is scale-free. With one, the loss is read as a
    # cross-entropy in nats where it is compared with the loss of a constant prediction
    # (divergence's "thrown out at the start" and "collapsed to one class": ln 10 is chance
    # for ten classes), an absolute scale that rescaling the loss by 1000 does not keep.
    exp = dataclasses.replace(exp, val_acc=None, train_acc=None)
    base = analysis.analyze(exp, strict=True)
    scaled = analysis.analyze(_scaled(exp, c), strict=True)
    assert _verdicts(base) == _verdicts(scaled)
    assert base["status"] == scaled["status"]
    # evidence that is a ratio (dimensionless) is identical too
    for fb, fs in zip(sorted(base["findings"], key=lambda f: f["kind"]),
                      sorted(scaled["findings"], key=lambda f: f["kind"])):
        for key in ("rise_ratio", "generalization_loss", "swings", "spikes", "progress"):
            if key in fb["evidence"] and isinstance(fb["evidence"][key], float) \
                    and math.isfinite(fb["evidence"][key]):
                assert math.isclose(fb["evidence"][key], fs["evidence"][key], rel_tol=1e-4)


@settings(max_examples=100, **SETTINGS)
@given(st.lists(st.integers(-10**6, 10**6).map(lambda i: i / 1000.0), min_size=0, max_size=200),
       st.lists(st.integers(-10**6, 10**6).map(lambda i: i / 1000.0), min_size=0, max_size=40),
       st.sampled_from([1000.0, 1e-3]))
def test_verdicts_invariant_on_arbitrary_decimal_curves(train, val, c):
    exp = ExperimentSeries(name="d", train_loss=Series.of(np.arange(len(train)), train),
                           val_loss=Series.of(np.arange(len(val)) * 5.0, val))
    assert _verdicts(analysis.analyze(exp, strict=True)) == \
        _verdicts(analysis.analyze(_scaled(exp, c), strict=True))
