"""The `tb-lrsched` command, run as a real subprocess on real event files."""

import json
import os
import subprocess
import sys

import pytest

from tests.support import logwriters


def run_cli(*args, env=None):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "tb_lrsched.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.fixture(scope="module")
def verdict_logdir(tmp_path_factory):
    """A healthy run and a diverging one, PyTorch-style (simple_value)."""
    return logwriters.good_and_exploding(str(tmp_path_factory.mktemp("cli")))


def test_json_output_is_one_document_with_the_contract(verdict_logdir):
    r = run_cli("check", verdict_logdir, "--format", "json")
    doc = json.loads(r.stdout)  # exactly one JSON document
    assert doc["logdir"] == verdict_logdir
    runs = {x["run"]: x for x in doc["runs"]}
    assert set(runs) == {"good_run", "exploding_run"}
    for x in runs.values():
        assert set(x) >= {"run", "status", "roles", "findings"}
        for f in x["findings"]:
            assert set(f) >= {"kind", "severity", "start_step", "end_step", "evidence",
                              "message", "suggestion"}
    assert runs["exploding_run"]["status"] == "critical"
    assert "divergence" in [f["kind"] for f in runs["exploding_run"]["findings"]]
    assert runs["good_run"]["status"] == "healthy"
    assert runs["good_run"]["roles"]["lr"] == {"run": "good_run", "tag": "train/lr"}
    assert r.returncode == 1  # a critical finding, default --fail-on critical


def test_exit_codes_follow_fail_on(tmp_path, verdict_logdir):
    good_only = tmp_path / "logs"
    import shutil
    shutil.copytree(os.path.join(verdict_logdir, "good_run"), str(good_only / "good_run"))
    r = run_cli("check", str(good_only))
    assert r.returncode == 0, r.stderr
    r = run_cli("check", str(good_only), "--fail-on", "warning")
    assert r.returncode == 0


def test_table_output_without_tty_has_no_colour(verdict_logdir):
    r = run_cli("check", verdict_logdir)
    assert "\033[" not in r.stdout
    assert "exploding_run" in r.stdout and "critical" in r.stdout
    assert "divergence" in r.stdout


@pytest.mark.parametrize("args,needle", [
    (["check", "/definitely/missing"], "does not exist"),
    (["check"], "logdir"),
    ([], "usage"),
    (["check", ".", "--lr-tag", "("], "invalid lr regex"),
    (["check", ".", "--format", "xml"], "invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(args, needle):
    r = run_cli(*args)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert needle in lines[0]
    assert "Traceback" not in r.stderr


def test_file_instead_of_directory(tmp_path):
    f = tmp_path / "events.out.tfevents.1"
    f.write_bytes(b"")
    r = run_cli("check", str(f))
    assert r.returncode == 2 and "not a directory" in r.stderr


def test_override_flags_reach_the_roles(verdict_logdir):
    r = run_cli("check", verdict_logdir, "--format", "json", "--lr-tag", "nothing_matches")
    doc = json.loads(r.stdout)
    for x in doc["runs"]:
        assert x["roles"]["lr"] is None
        assert "missing_lr" in [f["kind"] for f in x["findings"]]


def test_internal_error_has_its_own_exit_code(verdict_logdir, monkeypatch, capsys):
    """A bug must not look like 'findings' (1) or 'usage' (2) to a CI job."""
    from tb_lrsched import cli, service

    def broken(*a, **k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(service, "check_all_series", broken)
    monkeypatch.delenv("TB_LRSCHED_DEBUG", raising=False)
    assert cli.main(["check", verdict_logdir, "--loader", "python"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (RuntimeError): boom" in err


def test_keras_validation_read_on_its_denser_series(tmp_path):
    """Keras 3 with TensorBoard(update_freq=N) records epoch_* only at epochs whose last global
    batch is a multiple of N (22 batches an epoch, N = 4: every other epoch); its
    evaluation_*_vs_iterations series holds every evaluation: that one is read."""
    from tests.support.training import train_keras

    logdir = train_keras(str(tmp_path / "k"), epochs=10, update_freq=4, batch_size=9)
    r = run_cli("check", logdir, "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    (rec,) = json.loads(r.stdout)["runs"]
    assert rec["roles"]["val_loss"] == {"run": "validation",
                                        "tag": "evaluation_loss_vs_iterations"}
    assert not any("validation-loss points" in n for n in rec["notes"]), rec["notes"]
