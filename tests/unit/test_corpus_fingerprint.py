"""A label is checked against the run it was decided on: a regeneration that changed shape is
caught by its fingerprint (no verdict engine involved)."""

import numpy as np

from benchmarks.corpus import fingerprint as fp
from tests.support.logwriters import write_simple


def _run(tmp_path, name, train, val=None):
    series = {"train/loss": [(i, v) for i, v in enumerate(train)],
              "lr": [(i, 0.1) for i in range(len(train))]}
    if val is not None:
        series["val/loss"] = [(i * 10, v) for i, v in enumerate(val)]
    return write_simple(str(tmp_path / name), series)


def test_the_same_run_regenerated_with_small_differences_is_unchanged(tmp_path):
    rng = np.random.default_rng(0)
    base = 2.0 * np.exp(-np.arange(200) / 40) + 0.05
    a = fp.fingerprint(_run(tmp_path, "a", base * np.exp(rng.normal(0, 0.05, 200)), base[::10]))
    b = fp.fingerprint(_run(tmp_path, "b", base * np.exp(rng.normal(0, 0.05, 200)), base[::10]))
    assert sorted(a["curves"]) == ["train/loss", "val/loss"]  # the LR is no loss curve
    assert len(a["curves"]["train/loss"]) == fp.PARTS
    assert fp.differs(a, b) is None


def test_a_run_that_blew_up_on_regeneration_is_changed(tmp_path):
    base = 2.0 * np.exp(-np.arange(200) / 40) + 0.05
    blown = base.copy()
    blown[150:] = 30.0  # the chaotic run collapsed this time
    a = fp.fingerprint(_run(tmp_path, "a", base))
    b = fp.fingerprint(_run(tmp_path, "b", blown))
    why = fp.differs(a, b)
    assert why is not None and "train/loss" in why and "decades" in why
    nan = base.copy()
    nan[190:] = np.nan
    assert "NaN" in fp.differs(a, fp.fingerprint(_run(tmp_path, "c", nan)))
