"""The Python API (tb_lrsched.api): typed reports, DataFrames, plots, one path with the CLI."""

import builtins
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tb_lrsched import api, cli
from tests.support import logwriters


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    """A healthy run and a diverging one, PyTorch-style (simple_value)."""
    return logwriters.good_and_exploding(str(tmp_path_factory.mktemp("api")))


def test_check_a_logdir_returns_typed_reports(logdir):
    rep = api.check(logdir, loader="python")
    assert isinstance(rep, api.Report) and len(rep) == 2
    assert rep.status == "critical" and rep.failed("critical") and rep.failed("warning")
    bad = rep.run("exploding_run")
    assert isinstance(bad, api.RunReport) and bad.status == "critical"
    assert all(isinstance(f, api.Finding) for f in bad.findings)
    assert bad.top_finding.kind == "divergence"
    assert bad.runs == ["exploding_run"]
    assert bad.series is not None and len(bad.series.train_loss) == 300
    good = rep.run("good_run")
    assert good.status == "healthy" and good.metrics.curve == "val_loss"
    assert good.metrics.best == pytest.approx(min(
        (2.0 * np.exp(-s / 60.0) + 0.2 + 0.01 * np.sin(s)) * 1.05 for s in range(9, 300, 10)),
        rel=1e-6)
    # dict access keeps working, like the routes' report dicts
    assert bad["status"] == "critical" and bad.findings[0]["kind"] == "divergence"
    assert rep["runs"][0]["run"] in ("good_run", "exploding_run")
    with pytest.raises(KeyError):
        rep.run("nope")


def test_cli_json_is_the_api_report(logdir):
    """One path: the command prints Report.to_dict() of api.check()."""
    from tensorboard.backend import json_util

    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    out = subprocess.run([exe, "check", logdir, "--format", "json", "--loader", "python"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    want = json.loads(json.dumps(json_util.Cleanse(api.check(logdir, loader="python").to_dict())))
    assert json.loads(out.stdout) == want


def test_cli_goes_through_api_check(logdir, monkeypatch, capsys):
    seen = []
    real = api.check

    def spy(source, **kw):
        seen.append((source, kw))
        return real(source, **kw)

    monkeypatch.setattr(api, "check", spy)
    assert cli.main(["check", logdir, "--loader", "python", "--lr-tag", "train/lr"]) == 1
    assert seen == [(logdir, {"lr_tag": "train/lr", "loss_tag": None, "val_loss_tag": None,
                              "val_acc_tag": None, "loader": "python"})]
    assert "exploding_run" in capsys.readouterr().out


def test_check_in_memory_arrays():
    steps = np.arange(200)
    loss = 2.0 * np.exp(-steps / 40.0) + 0.3
    loss[120:] = loss[120] * np.exp((steps[120:] - 120) / 8.0)
    rep = api.check({"lr": np.full(200, 2.0), "train_loss": loss,
                     "val_loss": (steps[::10], loss[::10])})
    (run,) = rep.runs
    assert run.name == "experiment" and run.status == "critical"
    assert "divergence" in [f.kind for f in run.findings]
    # several experiments, {"steps", "values"} form
    good = {"train_loss": {"steps": steps, "values": 2.0 * np.exp(-steps / 40.0) + 0.3},
            "lr": 0.1 * 0.5 ** (steps // 50)}
    two = api.check({"a": good, "b": {"train_loss": loss}})
    assert [r.name for r in two] == ["a", "b"]
    assert two.run("a").status != "critical" and two.run("b").status == "critical"
    assert "missing_validation" in [f.kind for f in two.run("a").findings]
    with pytest.raises(ValueError, match="unknown series 'loss'"):
        api.check({"x": {"loss": loss}})
    with pytest.raises(ValueError, match="3 steps for 4 values"):
        api.check({"train_loss": ([0, 1, 2], [1.0, 0.9, 0.8, 0.7])})
    with pytest.raises(TypeError):
        api.check(42)


def test_check_errors(tmp_path):
    with pytest.raises(api.LogdirError, match="does not exist"):
        api.check(str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="invalid lr regex"):
        api.check(str(tmp_path), lr_tag="(")
    assert len(api.check(str(tmp_path), loader="python")) == 0  # empty: no runs, no error


def test_to_dataframe(logdir):
    pd = pytest.importorskip("pandas")
    rep = api.check(logdir, loader="python")
    runs = rep.to_dataframe()
    assert isinstance(runs, pd.DataFrame) and len(runs) == 2
    assert set(runs.columns) >= {"run", "status", "top_kind", "best_loss", "recommendation"}
    assert runs.set_index("run").loc["exploding_run", "top_kind"] == "divergence"
    per = rep.to_dataframe(per="finding")
    assert len(per) == sum(len(r.findings) for r in rep)
    assert set(per["run"]) <= {"good_run", "exploding_run"}
    with pytest.raises(ValueError):
        rep.to_dataframe(per="nothing")


def test_to_dataframe_without_pandas_says_so(monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *a, **k):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    rep = api.check({"train_loss": np.linspace(2, 1, 50)})
    with pytest.raises(ImportError, match=r"needs pandas: pip install pandas"):
        rep.to_dataframe()


def test_plot_puts_the_lr_on_its_own_log_axis_and_marks_findings(logdir):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    rep = api.check(logdir, loader="python")
    ax = api.plot(rep.run("exploding_run"))
    fig = ax.figure
    assert len(fig.axes) == 2
    lr_ax = next(a for a in fig.axes if a is not ax)
    assert lr_ax.get_yscale() == "log" and ax.get_yscale() == "linear"
    labels = [ln.get_label() for ln in ax.get_lines()] + [ln.get_label() for ln in lr_ax.get_lines()]
    assert {"training loss", "validation loss", "learning rate"} <= set(labels)
    marks = [t.get_text() for t in ax.texts]
    assert "divergence" in marks
    div = rep.run("exploding_run").findings[0]
    at = div.step if div.step is not None else div.start_step
    assert any(len(ln.get_xdata()) == 2 and np.allclose(ln.get_xdata(), [at, at])
               for ln in ax.get_lines())
    fig.savefig(os.devnull, format="png")
    # a report read back from JSON has no series to draw
    with pytest.raises(ValueError, match="no series"):
        api.plot(api.Report.from_dict(rep.to_dict()).runs[0])
    with pytest.raises(ValueError, match="2 experiments"):
        rep.plot()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_report_round_trips_through_json(logdir, tmp_path):
    rep = api.check(logdir, loader="python")
    path = tmp_path / "r.json"
    path.write_text(json.dumps(rep.to_dict()))
    back = api.load_json(str(path))
    assert [r.name for r in back] == [r.name for r in rep]
    assert back.runs[0].findings == rep.runs[0].findings
    assert back.runs[0].metrics == rep.runs[0].metrics
