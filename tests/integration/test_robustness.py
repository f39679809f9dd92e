"""Bad event data: every damaged or odd file, written by a real writer and
then damaged (tests/support/damage.py; the catalogue is
tests/support/damaged_logdir.py), read through every front door.

Front doors: the routes through TensorBoard's WSGI app (Python loader, as
`tensorboard --load_fast=false`), the `tb-lrsched check` command with both
loaders, and a real `tensorboard` process (default loader: the Rust data
server). Expected everywhere: no crash and no 5xx, a damaged experiment gets a
correct verdict or a clear insufficient/invalid-data note, the healthy control
experiment next to it is judged exactly as when it is alone, and nothing is
written into the logdir. (The same logdir served by a real `tensorboard` is
checked in test_live_and_load.py, which shares one server process.)
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.support import damage, logwriters
from tests.support.damaged_logdir import (
    EXPECTED,
    N,
    build_damaged_logdir,
    check_all_records,
    diverging_loss,
    healthy_series,
    insufficient,
    worst,
    write_run,
)
from tests.support.wsgi import PREFIX, make_client

# --- fixtures ---------------------------------------------------------------

@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("damaged") / "logs")
    os.makedirs(root)
    build_damaged_logdir(root)
    return root, damage.snapshot(root)


@pytest.fixture(scope="module")
def control_alone(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("control_alone"))
    write_run(root, "control", healthy_series())
    return root


def strict_json(text):
    def bare(name):
        raise AssertionError("bare %s in JSON" % name)
    return json.loads(text, parse_constant=bare)


def wsgi_get(client, path, **params):
    resp = client.get(PREFIX + path, query_string=params)
    assert resp.headers["Content-Type"].startswith("application/json")
    return resp.status_code, strict_json(resp.get_data(as_text=True))


# --- the routes (TensorBoard's WSGI app, Python loader) ----------------------

def test_routes_judge_every_damaged_experiment(damaged, control_alone):
    root, before = damaged
    client, _ = make_client(root, sampling_hints={"scalars": 0})
    code, body = wsgi_get(client, "/experiments")
    assert code == 200
    listed = {e["name"]: e for e in body["experiments"]}
    records = {}
    for name in listed:
        code, rep = wsgi_get(client, "/report", experiment=name)
        assert code == 200, (name, rep)
        assert rep["status"] == listed[name]["status"]
        assert rep["notes"] == listed[name]["notes"]  # the list shows what could not be judged
        records[name] = rep
    check_all_records(records, "python")

    # The control is judged exactly as when it is alone in its logdir.
    alone, _ = make_client(control_alone, sampling_hints={"scalars": 0})
    code, solo = wsgi_get(alone, "/report", experiment="control")
    assert code == 200
    assert records["control"] == solo
    # An empty event file next to the data changes nothing but the name.
    twin = dict(records["empty_next_to_data"], name="control",
                runs=["control"], roles=records["control"]["roles"])
    twin["series"] = {k: (v if not isinstance(v, dict) else dict(v, run="control"))
                      for k, v in twin["series"].items()}
    assert twin == records["control"]

    assert damage.snapshot(root) == before  # nothing written into the logdir


def test_every_route_answers_for_every_damaged_experiment(damaged):
    """Zoom windows, decimation and overrides on damaged data: never a 5xx."""
    root, before = damaged
    client, _ = make_client(root)  # default reservoir, like a plain tensorboard
    names = [e["name"] for e in wsgi_get(client, "/experiments")[1]["experiments"]]
    for name in names:
        for params in ({"points": "10"}, {"start": "100", "end": "160"},
                       {"start": "-1e300", "end": "1e300", "points": "20000"},
                       {"loss_tag": "lr", "lr_tag": "loss"}):
            code, body = wsgi_get(client, "/report", experiment=name, **params)
            assert code == 200, (name, params, body)
    code, body = wsgi_get(client, "/experiments", loss_tag="train/lr", val_loss_tag="nothing")
    assert code == 200 and len(body["experiments"]) == len(names)
    assert damage.snapshot(root) == before


def test_record_cut_while_writing_is_read_once_complete(tmp_path):
    """The writer has flushed half of its last record: the points before it
    are judged now, the record itself as soon as the rest arrives."""
    from tensorboard import context
    from tensorboard.backend.event_processing import data_provider as dp
    from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
    from tensorboard.plugins import base_plugin

    from tb_lrsched import plugin as lr_plugin

    run = write_run(str(tmp_path), "live", healthy_series())
    path = damage.only_event_file(run)
    with open(path, "rb") as f:
        full = f.read()
    cut = damage.truncate_last_record(path, keep_fraction=0.4)
    mux = pem.EventMultiplexer()
    mux.AddRunsFromDirectory(str(tmp_path))
    mux.Reload()
    p = lr_plugin.LRHealthPlugin(base_plugin.TBContext(
        data_provider=dp.MultiplexerDataProvider(mux, str(tmp_path))))
    ctx = context.RequestContext()
    rep = p.report_impl(ctx, "", {"experiment": "live"})
    assert rep["series"]["val_loss"]["points"] == N // 10 - 1
    assert rep["status"] == "healthy"
    with open(path, "ab") as f:  # the writer finishes the record
        f.write(full[cut:])
    mux.Reload()
    rep = p.report_impl(ctx, "", {"experiment": "live"})
    assert rep["series"]["val_loss"]["points"] == N // 10
    assert rep["series"]["val_loss"]["steps"][-1] == N - 1


# --- the command -------------------------------------------------------------

def run_cli(*args, cwd=None):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "tb_lrsched.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize("loader", ["rust", "python"])
def test_cli_reports_every_damaged_experiment(damaged, loader):
    root, before = damaged
    r = run_cli("check", root, "--format", "json", "--loader", loader)
    assert "Traceback" not in r.stderr, r.stderr
    # Damaged data is data, not a usage error: exit 1 for the critical runs.
    assert r.returncode == 1, r.stderr
    doc = strict_json(r.stdout)
    records = {x["run"]: x for x in doc["runs"]}
    check_all_records(records, loader)
    if loader == "rust":  # the checksummed data server names each corrupt file
        for run in ("bad_crc_mid", "bitrot_mid", "value_bitflip"):
            path = damage.only_event_file(os.path.join(root, run))
            assert any(path in line and "checksum mismatch" in line and "warning" in line
                       for line in r.stderr.splitlines()), (run, r.stderr)
        assert "truncated_last" not in r.stderr  # a cut last record is normal
    table = run_cli("check", root, "--loader", loader)
    assert table.returncode == 1 and "Traceback" not in table.stderr
    for name in EXPECTED:
        assert name in table.stdout
    assert damage.snapshot(root) == before


# --- the command on logdirs it cannot read -----------------------------------

SETPRIV = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def cli_as_unprivileged(*args):
    """Run the CLI as a user the permission bits apply to: `nobody` when we
    are root (root passes every permission check), else ourselves."""
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "tb_lrsched.cli"]
    if os.geteuid() == 0:
        cmd = SETPRIV + cmd
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120,
                          cwd="/tmp", env=dict(os.environ, HOME="/tmp"))


@pytest.fixture(scope="module")
def perm_root():
    """/tmp/<dir> (0755, traversable by nobody) holding two healthy runs."""
    import tempfile

    base = tempfile.mkdtemp(prefix="tb_lrsched_perm_", dir="/tmp")
    os.chmod(base, 0o755)
    logs = os.path.join(base, "logs")
    for name in ("alpha", "beta", "gamma"):
        write_run(logs, name, healthy_series())
    for dirpath, _, files in os.walk(base):
        os.chmod(dirpath, 0o755)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    yield logs
    for dirpath, _, _ in os.walk(base):
        os.chmod(dirpath, 0o755)
    shutil.rmtree(base)


def _one_error_line(r, needle):
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("tb-lrsched: error:") and needle in lines[0], lines[0]
    assert "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize("mode", [0o700, 0o311, 0o000])
def test_cli_permission_denied_on_logdir_is_one_line_exit_2(perm_root, mode):
    os.chmod(perm_root, mode if os.geteuid() == 0 else 0o000)
    try:
        r = cli_as_unprivileged("check", perm_root)
    finally:
        os.chmod(perm_root, 0o755)
    _one_error_line(r, "permission denied")
    assert perm_root in r.stderr


@pytest.mark.parametrize("loader", ["rust", "python"])
def test_cli_unreadable_run_inside_readable_logdir_is_data_not_usage(perm_root, loader):
    """An unreadable run directory or event file: the other runs are still
    reported (exit 0, healthy), with one warning per skipped path."""
    beta = os.path.join(perm_root, "beta")
    gamma_file = damage.only_event_file(os.path.join(perm_root, "gamma"))
    os.chmod(beta, 0o700 if os.geteuid() == 0 else 0o000)
    os.chmod(gamma_file, 0o600 if os.geteuid() == 0 else 0o000)
    try:
        r = cli_as_unprivileged("check", perm_root, "--format", "json", "--loader", loader)
    finally:
        os.chmod(beta, 0o755)
        os.chmod(gamma_file, 0o644)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    doc = strict_json(r.stdout)
    assert [x["run"] for x in doc["runs"]] == ["alpha"]
    assert doc["runs"][0]["status"] == "healthy"
    warnings = [line for line in r.stderr.splitlines() if line.startswith("tb-lrsched: warning:")]
    assert any(beta in w for w in warnings) and any(gamma_file in w for w in warnings), r.stderr


@pytest.mark.parametrize("kind", ["file", "fifo", "dangling_symlink", "symlink_loop"])
def test_cli_logdir_that_is_not_a_directory(tmp_path, kind):
    p = str(tmp_path / "logdir")
    if kind == "file":
        logwriters.write_simple(str(tmp_path / "run"), {"loss": [(0, 1.0)]})
        shutil.copy(damage.only_event_file(str(tmp_path / "run")), p)
        needle = "not a directory"
    elif kind == "fifo":
        os.mkfifo(p)
        needle = "not a directory"
    elif kind == "dangling_symlink":
        os.symlink(str(tmp_path / "gone"), p)
        needle = "does not exist"
    else:
        os.symlink(p, p)
        needle = "does not exist"
    r = run_cli("check", p)
    _one_error_line(r, needle)


def test_cli_survives_symlink_loop_inside_logdir(tmp_path):
    write_run(str(tmp_path), "run", healthy_series())
    os.symlink(str(tmp_path), str(tmp_path / "run" / "loop"))
    for loader in ("python", "rust"):
        r = run_cli("check", str(tmp_path), "--format", "json", "--loader", loader)
        assert r.returncode == 0, (loader, r.stderr)
        assert [x["run"] for x in strict_json(r.stdout)["runs"]] == ["run"], loader


# --- a provider that fails for one experiment -----------------------------------

class _FlakyProvider:
    """Wraps a data provider: for run `bad`, read_scalars raises or returns
    points that are not ScalarDatum at all (what a broken data server or a
    future TensorBoard could do)."""

    def __init__(self, inner, mode):
        self._inner, self._mode = inner, mode

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def read_scalars(self, ctx=None, **kw):
        out = self._inner.read_scalars(ctx, **kw)
        if "bad" in out:
            if self._mode == "raise":
                raise RuntimeError("data server went away")
            out["bad"] = {tag: [object()] * len(pts) for tag, pts in out["bad"].items()}
        return out


@pytest.mark.parametrize("mode", ["raise", "garbage"])
def test_one_unreadable_experiment_does_not_hide_the_others(tmp_path, mode):
    from tensorboard.backend import application
    from tensorboard.backend.event_processing import data_provider as dp
    from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
    from tensorboard.plugins import base_plugin
    from werkzeug import test as werkzeug_test
    from werkzeug import wrappers

    from tb_lrsched import plugin as lr_plugin

    root = str(tmp_path)
    write_run(root, "good", healthy_series())
    write_run(root, "bad", healthy_series(loss=diverging_loss(120)))
    mux = pem.EventMultiplexer()
    mux.AddRunsFromDirectory(root)
    mux.Reload()
    provider = _FlakyProvider(dp.MultiplexerDataProvider(mux, root), mode)
    plugin = lr_plugin.LRHealthPlugin(base_plugin.TBContext(data_provider=provider))
    client = werkzeug_test.Client(application.TensorBoardWSGI([plugin], data_provider=provider),
                                  wrappers.Response)
    code, body = wsgi_get(client, "/experiments")
    assert code == 200
    exps = {e["name"]: e for e in body["experiments"]}
    assert exps["good"]["status"] == "healthy"
    # No verdict rather than a wrong one, and it says why.
    bad = exps["bad"]
    assert bad["status"] == "healthy" and bad["counts"]["warning"] == bad["counts"]["critical"] == 0
    assert insufficient(bad), bad["notes"]
    code, rep = wsgi_get(client, "/report", experiment="bad")
    assert code == 200 and insufficient(rep) and worst(rep) in (None, "info")
    assert any("could not be read" in n for n in rep["notes"]), rep["notes"]
    code, rep = wsgi_get(client, "/report", experiment="good")
    assert code == 200 and rep["series"]["train_loss"]["points"] == N
