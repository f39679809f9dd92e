"""benchmarks/logging_invariance.py reads a real event file as `tb-lrsched check` does and judges
it at full and at a coarser logging interval."""

import numpy as np

from benchmarks import logging_invariance as li
from tests.support.logwriters import write_simple


def _run(tmp_path, name, train, val_every=50):
    n = len(train)
    series = {"train/loss": [(i, float(v)) for i, v in enumerate(train)],
              "lr": [(i, 1e-3) for i in range(n)],
              "val/loss": [(i, float(train[i]) * 1.05) for i in range(val_every - 1, n, val_every)]}
    return write_simple(str(tmp_path / name), series)


def test_a_healthy_per_step_run_keeps_its_verdict_when_logged_four_times_less_often(tmp_path):
    rng = np.random.default_rng(7)
    st = np.arange(800)
    train = (0.05 + 2.2 * np.exp(-st / 120.0)) * np.exp(0.1 * rng.standard_normal(800))
    full, thin, kf, kt = li.compare(_run(tmp_path, "ok", train), every=4, min_points=400)
    assert full == thin == "healthy" and kf == kt == ()


def test_a_one_batch_spike_between_two_logged_points_is_gone_at_the_coarser_interval(tmp_path):
    rng = np.random.default_rng(8)
    st = np.arange(800)
    train = (0.05 + 2.2 * np.exp(-st / 120.0)) * np.exp(0.1 * rng.standard_normal(800))
    train[601] = 60.0  # a corrupted batch at a step that every-4th logging does not write
    full, thin, kf, kt = li.compare(_run(tmp_path, "spike", train), every=4, min_points=400)
    assert "loss_spike" in kf and "loss_spike" not in kt
    assert full == "warning" and thin == "healthy"


def test_runs_that_are_not_logged_per_step_are_not_read(tmp_path):
    st = np.arange(100)
    train = 0.05 + 2.2 * np.exp(-st / 20.0)
    assert li.compare(_run(tmp_path, "short", train, val_every=10), every=4,
                      min_points=400) is None
