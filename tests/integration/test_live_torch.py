"""Live checks in real Lightning and Hugging Face trainings, and `LiveCheck`.

The findings the callbacks write must be readable through a real
`tensorboard` process's text plugin, next to the trainers' own curves.
"""

import logging
import os
import urllib.parse
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from tb_lrsched.live import TEXT_TAG, LiveCheck  # noqa: E402
from tests.support import tbserver  # noqa: E402


def _regression(n=256, d=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g)
    y = x @ torch.randn(d, 1, generator=g) + 0.1 * torch.randn(n, 1, generator=g)
    return x, y


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("lightning", "lightning.pytorch", "lightning.fabric", "pytorch_lightning",
                     "transformers"):
            logging.getLogger(name).setLevel(logging.ERROR)
        os.environ["TRANSFORMERS_VERBOSITY"] = "error"
        yield


# -- Lightning ---------------------------------------------------------------------

def _lightning_run(root, lr, epochs=6, stop=True):
    pl = pytest.importorskip("lightning.pytorch")
    from lightning.pytorch.loggers import TensorBoardLogger

    from tb_lrsched.live.lightning import LRHealthCheck

    class Tiny(pl.LightningModule):
        def __init__(self):
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                                           torch.nn.Linear(16, 1))

        def training_step(self, batch, batch_idx):
            x, y = batch
            loss = torch.nn.functional.mse_loss(self.net(x), y)
            self.log("train_loss", loss)
            return loss

        def validation_step(self, batch, batch_idx):
            x, y = batch
            self.log("val_loss", torch.nn.functional.mse_loss(self.net(x), y))

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=lr, momentum=0.9)

    torch.manual_seed(0)
    x, y = _regression()
    dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[:192], y[:192]),
                                     batch_size=8, shuffle=True)
    vdl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[192:], y[192:]),
                                      batch_size=64)
    check = LRHealthCheck(stop_on_critical=stop)
    trainer = pl.Trainer(max_epochs=epochs, accelerator="cpu", enable_progress_bar=False,
                         enable_model_summary=False, enable_checkpointing=False,
                         logger=TensorBoardLogger(str(root), name="lightning"),
                         log_every_n_steps=1, callbacks=[check])
    trainer.fit(Tiny(), dl, vdl)
    return trainer, check


def test_lightning_reports_divergence_live_and_stops(tmp_path):
    trainer, check = _lightning_run(tmp_path, lr=0.5, epochs=6)
    div = check.core.reported.get("divergence")
    assert div is not None, [f["kind"] for f in check.findings]
    assert not div.get("live_final")           # seen while training, not at the end
    assert trainer.current_epoch < 5, "should_stop was not honoured"
    assert trainer.global_step < 6 * 24
    assert "divergence" in check.stop_reason
    assert "lr_at_divergence" in div["evidence"]
    # written into the TensorBoardLogger's folder, beside the curves
    files = os.listdir(trainer.logger.log_dir)
    assert [f for f in files if f.endswith(".lr_health")]


def test_lightning_healthy_run_is_not_stopped(tmp_path):
    trainer, check = _lightning_run(tmp_path, lr=0.01, epochs=4)
    assert trainer.current_epoch == 4 and not trainer.should_stop
    assert check.stop_reason is None
    assert not [f for f in check.findings if f["severity"] == "critical"]


# -- Hugging Face --------------------------------------------------------------------

def _hf_run(out, lr, epochs=4, stop=True):
    transformers = pytest.importorskip("transformers")
    from tb_lrsched.live.hf import LRHealthCheck

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                                           torch.nn.Linear(16, 1))

        def forward(self, x, labels=None):
            pred = self.net(x)
            out = {"logits": pred}
            if labels is not None:
                out["loss"] = torch.nn.functional.mse_loss(pred, labels)
            return out

    torch.manual_seed(0)
    x, y = _regression()
    train = [{"x": x[i], "labels": y[i]} for i in range(192)]
    evals = [{"x": x[i], "labels": y[i]} for i in range(192, 256)]
    args = transformers.TrainingArguments(
        output_dir=str(out), report_to=["tensorboard"], logging_steps=1, eval_strategy="epoch",
        per_device_train_batch_size=8, num_train_epochs=epochs, learning_rate=lr, optim="sgd",
        lr_scheduler_type="constant", use_cpu=True, save_strategy="no", disable_tqdm=True,
        max_grad_norm=0.0)
    check = LRHealthCheck(stop_on_critical=stop)
    trainer = transformers.Trainer(model=Tiny(), args=args, train_dataset=train,
                                   eval_dataset=evals, callbacks=[check])
    trainer.train()
    return trainer, check


def test_hf_trainer_reports_divergence_live_and_stops(tmp_path):
    trainer, check = _hf_run(tmp_path / "hf", lr=0.6)
    div = check.core.reported.get("divergence")
    assert div is not None, [f["kind"] for f in check.findings]
    assert not div.get("live_final")
    assert trainer.state.global_step < trainer.state.max_steps
    assert "divergence" in check.stop_reason
    # the text went into the Trainer's own TensorBoard folder
    runs = os.listdir(tmp_path / "hf" / "runs")
    assert len(runs) == 1


def test_findings_are_visible_in_tensorboards_text_plugin(tmp_path):
    _lightning_run(tmp_path / "logs", lr=0.5, epochs=6)
    _hf_run(tmp_path / "logs" / "hf", lr=0.6)
    with tbserver.tensorboard(str(tmp_path / "logs")) as base:
        def tags():
            _, doc = tbserver.get_json(base + "/data/plugin/text/tags")
            return {run: t for run, t in doc.items() if TEXT_TAG in t} or None

        found = tbserver.wait_for(lambda: (lambda d: d if d and len(d) == 2 else None)(tags()),
                                  timeout=60)
        runs = sorted(found)
        assert runs[0].startswith("hf/runs/") and runs[1].startswith("lightning/version_")
        for run in runs:
            q = urllib.parse.urlencode({"run": run, "tag": TEXT_TAG})
            _, items = tbserver.get_json(base + "/data/plugin/text/text?" + q)
            assert items, run
            html = " ".join(i["text"] for i in items)
            assert "divergence" in html and "Fix:" in html and "LR" in html


# -- LiveCheck (plain loops) -----------------------------------------------------------

def _cosine_run(n, rng, diverge_at=None):
    for s in range(n):
        lr = 1e-3 * min(1.0, s / 50) * 0.5 * (1 + np.cos(np.pi * s / n))
        loss = 2 * np.exp(-s / (n / 5)) + 0.1 + 0.02 * rng.standard_normal()
        if diverge_at is not None and s > diverge_at:
            loss *= np.exp((s - diverge_at) / 20)
        yield s, lr, loss


def test_livecheck_divergence_is_reported_once_and_stops(caplog):
    rng = np.random.default_rng(0)
    live = LiveCheck(total_steps=3000, stop_on_critical=True, name="exp")
    with caplog.at_level(logging.WARNING, logger="tb_lrsched.live"):
        for s, lr, loss in _cosine_run(3000, rng, diverge_at=1200):
            live.step(s, lr=lr, loss=loss, val_loss=loss + 0.05 if s % 100 == 99 else None)
            if live.should_stop:
                break
    assert live.should_stop and 1200 < s < 1500
    assert live.stop_reason.startswith("tb-lrsched stopped the training at step %d" % s)
    lines = [r.getMessage() for r in caplog.records]
    assert sum("divergence at step" in m for m in lines) == 1
    assert "exp: divergence" in lines[0] and "Fix:" in lines[0]
    live.check()
    live.check()
    assert sum("divergence at step" in r.getMessage() for r in caplog.records) == 1


def test_livecheck_healthy_run_reports_no_problem_and_checks_rarely():
    rng = np.random.default_rng(1)
    live = LiveCheck(total_steps=5000, stop_on_critical=True, stop_on=("plateau", "oscillation"))
    for s, lr, loss in _cosine_run(5000, rng):
        live.step(s, lr=lr, loss=loss, val_loss=loss + 0.05 if s % 100 == 99 else None)
    assert not live.should_stop
    assert not [f for f in live.findings if f["severity"] != "info"]
    # geometric schedule: a few dozen checks for 5000 steps, not one per step
    assert 10 <= live.checks <= 40
    assert live.close() == [] or all(f["live_final"] for f in live.findings)


def test_livecheck_revocable_verdict_needs_to_persist():
    """A validation loss that rises for a while and recovers is not reported as
    overfitting live, though the engine says so on the data of that moment."""
    from tb_lrsched.analysis import analyze

    live = LiveCheck(total_steps=4000, confirm_span=1.5)
    rng = np.random.default_rng(2)
    bump_seen = False
    for s in range(0, 2400):
        loss = 2 * np.exp(-s / 600) + 0.1 + 0.01 * rng.standard_normal()
        live.update(s, lr=1e-3, loss=loss)
        if s % 50 == 49:
            rise = 0.6 * np.exp(-((s - 1500) / 250) ** 2) if s > 1000 else 0.0
            live.update(s, val_loss=2 * np.exp(-s / 600) + 0.15 + rise)
        if live.due():
            rep = analyze(live.experiment())
            bump_seen |= any(f["kind"] == "overfitting" for f in rep["findings"])
            live.check()
    assert bump_seen, "the synthetic bump should look like overfitting on some prefix"
    assert "overfitting" not in live.reported


def test_livecheck_final_check_is_the_offline_verdict_on_the_same_data():
    from tb_lrsched.analysis import analyze

    rng = np.random.default_rng(3)
    live = LiveCheck()
    for s in range(400):
        live.update(s, lr=0.1, loss=1.0 + 0.01 * rng.standard_normal())
    live.close()
    offline = {f["kind"] for f in analyze(live.experiment())["findings"]}
    assert set(live.reported) == offline and "constant_lr" in offline


def test_livecheck_restarts_and_bad_values_do_not_break_it():
    live = LiveCheck()
    for s in list(range(100)) + list(range(50, 120)):    # resumed from a checkpoint
        live.update(s, lr=1e-3, loss=1.0 / (s + 1))
    live.update(float("nan"), loss=1.0)                   # ignored
    live.update(120, loss="not a number", lr=None)       # ignored value
    exp = live.experiment()
    assert (np.diff(exp.train_loss.steps) > 0).all() and exp.train_loss.steps[-1] == 119
    assert len(exp.train_loss) == 120
    live.close()


def test_livecheck_writes_text_summaries(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    live = LiveCheck(logdir=str(tmp_path), stop_on_critical=True)
    for s in range(300):
        live.step(s, lr=0.5, loss=float("nan") if s > 100 else 1.0 / (s + 1))
        if live.should_stop:
            break
    live.close()
    acc = EventAccumulator(str(tmp_path), size_guidance={"tensors": 0})
    acc.Reload()
    events = acc.Tensors(TEXT_TAG)
    texts = [e.tensor_proto.string_val[0].decode() for e in events]
    assert any("divergence" in t for t in texts)
    assert s < 150


def test_livecheck_rejects_bad_options():
    with pytest.raises(ValueError):
        LiveCheck(growth=1.0)
    with pytest.raises(ValueError):
        LiveCheck(stop_on=("nope",))


def test_importing_the_live_package_imports_no_framework():
    import subprocess
    import sys

    code = ("import sys, tb_lrsched, tb_lrsched.live, tb_lrsched.live.core; "
            "bad = [m for m in ('torch', 'tensorflow', 'keras', 'lightning', 'transformers', "
            "'pytorch_lightning') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_livecheck_stops_on_a_chosen_warning_kind_only_once_it_persists():
    live = LiveCheck(total_steps=3000, stop_on=("overfitting",))
    rng = np.random.default_rng(4)
    stopped_at = None
    for s in range(3000):
        loss = 2 * np.exp(-s / 500) + 0.05 + 0.01 * rng.standard_normal()
        val = None
        if s % 50 == 49:
            val = 0.6 + 1.5 * np.exp(-s / 400) + (0.0008 * (s - 900) if s > 900 else 0.0)
        live.step(s, lr=1e-3, loss=loss, val_loss=val)
        if live.should_stop:
            stopped_at = s
            break
    assert stopped_at is not None, live.report
    f = live.reported["overfitting"]
    assert stopped_at >= 0.3 * 3000 and stopped_at >= 1.5 * f["start_step"]
    assert live.stop_reason.startswith("tb-lrsched stopped the training at step %d: overfitting"
                                       % stopped_at)
    assert "critical" not in {g["severity"] for g in live.findings}
