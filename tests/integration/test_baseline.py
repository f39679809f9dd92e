"""`tb-lrsched check NEW --baseline OLD` on real trainings.

Tiny real PyTorch trainings (an MLP on scikit-learn's bundled digits, about
half a second each once torch is imported) log through
`torch.utils.tensorboard.SummaryWriter`. The baseline is a good cosine
schedule; a far too high LR and a decay that kills the LR within a few dozen
steps must be found as regressions (non-zero exit), the same schedule with
another seed must not.
"""

import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest

from tb_lrsched import api, baseline


def run_cli(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "tb_lrsched.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_COLOR="1"))


def train_digits(logdir, seed=0, lr=0.05, decay=None, epochs=25):
    """SGD(momentum 0.9) on a 64-32-10 MLP; cosine annealing over the run, or
    ExponentialLR(decay) per step; fixed train/validation split, ``seed`` sets
    the initialisation and the batch order."""
    import torch
    from sklearn.datasets import load_digits
    from torch.utils.tensorboard import SummaryWriter

    # one thread: the same numbers everywhere, and no thread contention on a busy CI box
    # (two threads on a loaded two-core machine made one training 80x slower)
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    idx = np.random.default_rng(123).permutation(len(x))
    tr, va = idx[:1400], idx[1400:]
    xt, yt = torch.tensor(x[tr]), torch.tensor(y[tr])
    xv, yv = torch.tensor(x[va]), torch.tensor(y[va])
    net = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    bs = 50
    nb = len(tr) // bs
    sched = (torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs * nb) if decay is None
             else torch.optim.lr_scheduler.ExponentialLR(opt, decay))
    gen = torch.Generator().manual_seed(seed)
    lossf = torch.nn.CrossEntropyLoss()
    writer = SummaryWriter(logdir)
    step = 0
    for _ in range(epochs):
        perm = torch.randperm(len(tr), generator=gen)
        net.train()
        for b in range(nb):
            i = perm[b * bs:(b + 1) * bs]
            opt.zero_grad()
            loss = lossf(net(xt[i]), yt[i])
            loss.backward()
            opt.step()
            writer.add_scalar("train/loss", loss.item(), step)
            writer.add_scalar("train/lr", opt.param_groups[0]["lr"], step)
            sched.step()
            step += 1
        net.eval()
        with torch.no_grad():
            writer.add_scalar("val/loss", lossf(net(xv), yv).item(), step)
    writer.close()
    return logdir


@pytest.fixture(scope="session")
def trainings(tmp_path_factory):
    """name -> logdir holding one experiment called "digits"."""
    pytest.importorskip("torch")
    root = tmp_path_factory.mktemp("baseline_trainings")
    specs = {"good": {}, "other_seed": {"seed": 1}, "lr_far_too_high": {"lr": 3.0},
             "decay_too_aggressive": {"decay": 0.9}}
    out = {}
    for name, kw in specs.items():
        train_digits(str(root / name / "digits"), **kw)
        out[name] = str(root / name)
    return out


def _regressions(stdout):
    doc = json.loads(stdout)
    return doc["baseline"]["regressions"]


@pytest.mark.parametrize("old,new", [("good", "other_seed"), ("other_seed", "good")])
def test_same_schedule_other_seed_is_no_regression(trainings, old, new):
    r = run_cli("check", trainings[new], "--baseline", trainings[old], "--fail-on", "warning",
                "--format", "json")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    assert _regressions(r.stdout) == []
    doc = json.loads(r.stdout)
    assert doc["baseline"]["pairs"] == [["digits", "digits"]]


def test_far_too_high_lr_is_a_regression(trainings):
    r = run_cli("check", trainings["lr_far_too_high"], "--baseline", trainings["good"],
                "--format", "json")
    assert r.returncode == 1, r.stderr  # critical: fails even at the default --fail-on
    regs = {g["kind"]: g for g in _regressions(r.stdout)}
    worse = regs["higher_best_loss"]
    assert worse["severity"] == "critical" and worse["run"] == "digits"
    ev = worse["evidence"]
    assert ev["best"] > 5 * ev["baseline_best"]  # measured: 0.16 -> 2.31
    assert ev["rise"] > 10 * ev["noise_band"]
    # the engine alone calls it critical too: thrown up to ~13 at the start, its validation
    # loss never gets below the ln 10 where training started (divergence's "nothing was
    # learned"); the baseline adds that this is new
    run = json.loads(r.stdout)["runs"][0]
    assert run["status"] == "critical"
    (div,) = [f for f in run["findings"] if f["kind"] == "divergence"]
    assert "Nothing was learned" in div["message"]
    assert "new_finding" in regs and regs["new_finding"]["severity"] == "critical"


def test_too_aggressive_decay_is_a_regression(trainings):
    r = run_cli("check", trainings["decay_too_aggressive"], "--baseline", trainings["good"],
                "--fail-on", "warning")
    assert r.returncode == 1, r.stderr
    assert "Compared with baseline" in r.stdout
    assert "digits: new_finding: New decay_too_aggressive" in r.stdout
    assert "digits: higher_best_loss: The best validation loss rose from" in r.stdout


def test_json_report_works_as_baseline(trainings, tmp_path):
    saved = tmp_path / "baseline.json"
    r = run_cli("check", trainings["good"], "--format", "json")
    assert r.returncode == 0
    saved.write_text(r.stdout)
    for new, code in (("other_seed", 0), ("lr_far_too_high", 1)):
        from_json = run_cli("check", trainings[new], "--baseline", str(saved), "--fail-on",
                            "warning", "--format", "json")
        from_dir = run_cli("check", trainings[new], "--baseline", trainings["good"],
                           "--fail-on", "warning", "--format", "json")
        assert from_json.returncode == from_dir.returncode == code
        assert _regressions(from_json.stdout) == _regressions(from_dir.stdout)


def test_baseline_in_junit_markdown_github(trainings):
    import junitparser

    args = ("check", trainings["lr_far_too_high"], "--baseline", trainings["good"])
    j = run_cli(*args, "--format", "junit")
    assert j.returncode == 1
    (case,) = list(list(junitparser.JUnitXml.fromstring(j.stdout))[0])
    (fail,) = case.result
    # the failure's type is the worst failing item: the new divergence; its text lists all
    assert fail.type == "new_finding"
    assert "higher_best_loss" in fail.text
    m = run_cli(*args, "--format", "markdown")
    assert m.returncode == 1 and "#### Compared with baseline" in m.stdout
    assert "| digits | higher\\_best\\_loss | 🔴 critical |" in m.stdout
    g = run_cli(*args, "--format", "github")
    assert g.returncode == 1
    where = os.path.join(trainings["lr_far_too_high"], "digits")
    lines = g.stdout.splitlines()
    # one annotation per regression, the worst first: the new divergence, then the best loss
    assert lines[0].startswith("::error file=%s,title=tb-lrsched regression new_finding "
                               "(digits)::New divergence: Nothing was learned" % where)
    assert lines[1].startswith("::error file=%s,title=tb-lrsched regression higher_best_loss "
                               "(digits)::The best validation loss rose" % where)


def test_bad_baseline_is_a_usage_error(trainings, tmp_path):
    (tmp_path / "empty").mkdir()
    r = run_cli("check", trainings["good"], "--baseline", str(tmp_path / "empty"))
    assert r.returncode == 2 and "no scalar runs found in the baseline" in r.stderr
    (tmp_path / "junk.json").write_text("{not json")
    r = run_cli("check", trainings["good"], "--baseline", str(tmp_path / "junk.json"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1
    assert "is not a JSON report" in r.stderr


# ------------------------------------------------------------------ the comparison itself

def _arrays(val, lr=None):
    n = 300
    steps = np.arange(n)
    return {"train_loss": (steps, 2.0 * np.exp(-steps / 60.0) + 0.2),
            "lr": (steps, np.full(n, 0.01) if lr is None else lr),
            "val_loss": (steps[9::10], val)}


def test_later_best_step_is_found_and_noise_is_robust():
    rng = np.random.default_rng(0)
    t = np.arange(9, 300, 10)
    fast = 0.3 + 2.0 * np.exp(-t / 20.0) + 0.005 * rng.standard_normal(t.size)
    slow = 0.3 + 2.0 * np.exp(-t / 90.0) + 0.005 * rng.standard_normal(t.size)
    old = api.check(_arrays(fast))
    new = api.check(_arrays(slow))
    kinds = {g.kind: g for g in baseline.compare(old, new).regressions}
    assert "later_best_step" in kinds and kinds["later_best_step"].severity == "warning"
    assert baseline.compare(old, api.check(_arrays(fast))).regressions == []
    # the noise estimate ignores the trend: it is the 0.005 that was added
    assert 0.003 < old.runs[0].metrics.noise < 0.008


def test_runs_are_matched_by_name():
    good = _arrays(0.3 + 2.0 * np.exp(-np.arange(9, 300, 10) / 20.0))
    old = api.check({"a": good, "b": good, "gone": good})
    new = api.check({"a": good, "b": good, "added": good})
    cmp_ = baseline.compare(old, new)
    assert cmp_.pairs == [("a", "a"), ("b", "b")]
    assert any("added" in n for n in cmp_.notes) and any("gone" in n for n in cmp_.notes)
    # one experiment on each side: compared whatever their names
    one = baseline.compare(api.check({"x": good}), api.check({"y": good}))
    assert one.pairs == [("x", "y")] and one.notes


def test_never_finite_new_loss_is_critical():
    t = np.arange(9, 300, 10)
    old = api.check(_arrays(0.3 + 2.0 * np.exp(-t / 20.0)))
    new = api.check(_arrays(np.full(t.size, np.nan)))
    regs = [g for g in baseline.compare(old, new).regressions if g.kind == "higher_best_loss"]
    assert regs and regs[0].severity == "critical"
    assert not math.isfinite(new.runs[0].metrics.best)


def test_baseline_without_metrics_compares_findings_only():
    t = np.arange(9, 300, 10)
    new = api.check(_arrays(0.3 + 2.0 * np.exp(-t / 20.0)))
    doc = new.to_dict()
    del doc["runs"][0]["metrics"]  # a report saved before metrics existed
    doc["runs"][0]["findings"] = []
    cmp_ = baseline.compare(api.Report.from_dict(doc), new)
    assert {g.kind for g in cmp_.regressions} == {"new_finding"}
    assert any("no loss metrics" in n for n in cmp_.notes)
