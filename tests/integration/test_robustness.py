"""Bad event data: every damaged or odd file, written by a real writer and
then damaged (tests/damage.py), read through every front door.

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
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

import damage
import logwriters
from test_plugin import PREFIX, make_client

N = 240
STEPS = np.arange(N)
HEALTHY_LOSS = 2.0 * np.exp(-STEPS / 60.0) + 0.2 + 0.004 * np.sin(STEPS * 0.7)
COSINE_LR = 0.05 * 0.5 * (1 + np.cos(np.pi * STEPS / N))

# An experiment's data is "insufficient/invalid" when a note says what could
# not be judged or read.
INSUFFICIENT = re.compile(r"too few|not judged|could not be read|no verdict|insufficient", re.I)


def pairs(steps, values):
    return list(zip(np.asarray(steps).tolist(), np.asarray(values, dtype=float).tolist()))


def healthy_series(loss=HEALTHY_LOSS, lr=COSINE_LR):
    return {"train/loss": pairs(STEPS, loss), "train/lr": pairs(STEPS, lr),
            "val/loss": pairs(STEPS[9::10], np.asarray(loss)[9::10] * 1.05)}


def diverging_loss(at=120):
    loss = HEALTHY_LOSS.copy()
    loss[at:at + 20] = loss[at] * np.exp(np.arange(20) / 3.0)
    loss[at + 20:] = np.nan
    return loss


def write_run(root, name, series, **kw):
    return logwriters.write_simple(os.path.join(root, name), series, wall_start=1.7e9, **kw)


def build_damaged_logdir(root):
    """One logdir, one experiment per kind of damage, plus a healthy control."""
    write_run(root, "control", healthy_series())

    d = write_run(root, "truncated_last", healthy_series())
    damage.truncate_last_record(damage.only_event_file(d))

    d = write_run(root, "bad_crc_mid", healthy_series())
    f = damage.only_event_file(d)
    damage.corrupt_data_crc(f, len(damage.records(f)) // 2)

    d = write_run(root, "bitrot_mid", healthy_series())
    f = damage.only_event_file(d)
    damage.corrupt_payload(f, len(damage.records(f)) // 2)

    # Bit rot inside a loss value: read unchecked, 0.5 would become NaN and
    # a false divergence. Checksummed (Python loader; the CLI's Rust server
    # runs with --checksum) the reader stops at the record instead.
    d = write_run(root, "value_bitflip", healthy_series())
    damage.flip_value_bit(damage.only_event_file(d), "train/loss", N // 2)

    # A NaN divergence, then a bad checksum after it: still critical.
    d = write_run(root, "crc_after_divergence", healthy_series(loss=diverging_loss(120)))
    f = damage.only_event_file(d)
    damage.corrupt_data_crc(f, int(len(damage.records(f)) * 0.8))

    damage.empty_event_file(os.path.join(root, "empty_only"))
    write_run(root, "empty_next_to_data", healthy_series())
    damage.empty_event_file(os.path.join(root, "empty_next_to_data"), stamp=1999999999)

    write_run(root, "only_lr", {"train/lr": pairs(STEPS, COSINE_LR)})
    write_run(root, "only_loss", {"train/loss": pairs(STEPS, HEALTHY_LOSS)})
    write_run(root, "one_point", {"train/loss": [(0, 2.3)], "train/lr": [(0, 0.01)],
                                  "val/loss": [(0, 2.4)]})

    nan = HEALTHY_LOSS.copy()
    nan[150:] = np.nan
    write_run(root, "nan_loss", healthy_series(loss=nan))
    inf = HEALTHY_LOSS.copy()
    inf[150:] = np.inf
    write_run(root, "inf_loss", healthy_series(loss=inf))
    boom = HEALTHY_LOSS.copy()
    boom[150:] = 1e30
    write_run(root, "explodes_to_1e30", healthy_series(loss=boom))
    write_run(root, "scaled_1e30", healthy_series(loss=HEALTHY_LOSS * 1e30))
    # A negative objective (e.g. a negative log-likelihood bound) that keeps
    # falling smoothly: valid data, nothing critical about it.
    write_run(root, "negative_loss", healthy_series(loss=-3.0 + HEALTHY_LOSS))

    # Diverged at 150, resumed from the checkpoint of step 100 with a lower
    # LR: the abandoned attempt's points (100..239, NaN from 170) must not be
    # judged; the resumed attempt runs healthy to step 299.
    first = diverging_loss(150)
    steps2 = np.arange(100, 300)
    second = 2.0 * np.exp(-steps2 / 60.0) + 0.2
    w1 = 1.7e9 + STEPS * 0.01
    w2 = 1.7e9 + 100 + steps2 * 0.01
    write_run(root, "restart_from_checkpoint", {
        "train/loss": [(s, v, w) for s, v, w in zip(STEPS.tolist(), first.tolist(), w1.tolist())]
        + [(s, v, w) for s, v, w in zip(steps2.tolist(), second.tolist(), w2.tolist())],
        "train/lr": [(s, 0.05, w) for s, w in zip(STEPS.tolist(), w1.tolist())]
        + [(s, 0.01, w) for s, w in zip(steps2.tolist(), w2.tolist())]})

    # A counter that runs backwards (steps 239..0 in write order).
    back = [(int(N - 1 - i), float(HEALTHY_LOSS[i]), 1.7e9 + i) for i in range(N)]
    write_run(root, "steps_backwards", {"train/loss": back,
                                        "train/lr": [(s, 0.01, w) for s, _, w in back]})

    # Scalar-like names holding non-scalar data.
    d = write_run(root, "vector_loss", {"train/lr": pairs(STEPS, COSINE_LR)})
    damage.write_non_scalar(d, "train/loss", [1.0, 2.0, 3.0])
    d = write_run(root, "string_loss", {"train/lr": pairs(STEPS, COSINE_LR)})
    damage.write_non_scalar(d, "train/loss", b"0.25")
    d = write_run(root, "tensor_lr", {"train/loss": pairs(STEPS, HEALTHY_LOSS),
                                      "val/loss": pairs(STEPS[9::10], HEALTHY_LOSS[9::10])})
    damage.write_non_scalar(d, "learning_rate", [[0.1, 0.2]], as_scalar_plugin=False)
    return root


# --- what each experiment must look like ------------------------------------
# Each check gets the experiment's record (a /report body, or a CLI JSON run
# with no "series") and the loader's name ("python" or "rust").

def kinds(rec):
    return [f["kind"] for f in rec["findings"]]


def worst(rec):
    return max((f["severity"] for f in rec["findings"]),
               key=lambda s: {"info": 0, "warning": 1, "critical": 2}[s], default=None)


def insufficient(rec):
    return any(INSUFFICIENT.search(n) for n in rec["notes"])


def points(rec, role):
    s = rec.get("series", {}).get(role)
    return None if s is None else s["points"]


def _healthy(rec, loader):
    assert rec["status"] == "healthy" and worst(rec) in (None, "info"), rec["findings"]


def _diverges_at(lo, hi):
    def check(rec, loader):
        assert rec["status"] == "critical"
        div = [f for f in rec["findings"] if f["kind"] == "divergence"]
        assert div, rec["findings"]
        at = div[0].get("step", div[0]["start_step"])
        assert lo <= at <= hi, div[0]
    return check


def _truncated(rec, loader):
    _healthy(rec, loader)
    if "series" in rec:  # every point before the cut record is there
        assert points(rec, "train_loss") == N and points(rec, "lr") == N
        assert points(rec, "val_loss") == N // 10 - 1  # the cut record was val/loss@239


def _mid_damage(rec, loader):
    # The Python loader stops reading a file at a bad record (as TensorBoard's
    # own scalar charts do); the Rust data server reads past it. Either way
    # the points read are judged correctly.
    _healthy(rec, loader)
    if "series" in rec:
        assert N // 3 <= points(rec, "train_loss") <= N


def _no_train_loss(rec, loader):
    assert rec["status"] == "healthy" and worst(rec) in (None, "info")
    assert rec["roles"]["train_loss"] is None or points(rec, "train_loss") is None
    assert insufficient(rec), rec["notes"]


def _invalid_loss(name):
    def check(rec, loader):
        _no_train_loss(rec, loader)
        if loader == "python":  # the Rust server drops such a tag without a word
            assert any("%s/train/loss" % name in n and "could not be read" in n
                       for n in rec["notes"]), rec["notes"]
    return check


def _only_loss(rec, loader):
    _healthy(rec, loader)
    assert "missing_lr" in kinds(rec)
    if "series" in rec:
        assert points(rec, "train_loss") == N


def _one_point(rec, loader):
    _healthy(rec, loader)
    assert insufficient(rec), rec["notes"]
    if "series" in rec:
        assert points(rec, "train_loss") == 1


def _same_as_control(rec, loader, control):
    assert rec["status"] == control["status"]
    assert kinds(rec) == kinds(control)


def _negative(rec, loader):
    assert rec["status"] != "critical" and "divergence" not in kinds(rec), rec["findings"]
    assert worst(rec) in (None, "info"), rec["findings"]


def _restart(rec, loader):
    # Judged on the resumed attempt only: no divergence from the abandoned one.
    assert "divergence" not in kinds(rec) and rec["status"] != "critical", rec["findings"]
    if "series" in rec:
        s = rec["series"]["train_loss"]
        assert s["points"] == 300
        assert s["steps"] == list(range(300))
        assert all(isinstance(v, float) for v in s["values"])  # no NaN from the abandoned attempt
        assert s["values"][200] == pytest.approx(2.0 * np.exp(-200 / 60.0) + 0.2, rel=1e-5)
        assert rec["series"]["lr"]["values"][120] == pytest.approx(0.01)


def _backwards(rec, loader):
    # Both loaders treat every step regression as a restart (TensorBoard's
    # own purge rule): one point is left, and the report says it is too few.
    _one_point(rec, loader)


def _value_bitflip(rec, loader):
    if loader == "tensorboard":
        # TensorBoard starts its Rust data server without --checksum: the
        # flipped value is read as it is. Pinned so that a TensorBoard that
        # starts checking is noticed (see the report / docs).
        flagged = [f for f in rec["findings"] if f["severity"] != "info"
                   and f["start_step"] <= N // 2 <= (f["end_step"] or f["start_step"])]
        assert flagged, rec["findings"]
        return
    _mid_damage(rec, loader)
    if "series" in rec:
        assert points(rec, "train_loss") == N // 2


def _tensor_lr(rec, loader):
    _healthy(rec, loader)
    assert "missing_lr" in kinds(rec)
    assert rec["roles"]["lr"] is None


EXPECTED = {
    "control": _healthy,
    "truncated_last": _truncated,
    "bad_crc_mid": _mid_damage,
    "bitrot_mid": _mid_damage,
    "value_bitflip": _value_bitflip,
    "crc_after_divergence": _diverges_at(110, 145),
    "empty_next_to_data": None,  # compared with the control below
    "only_lr": _no_train_loss,
    "only_loss": _only_loss,
    "one_point": _one_point,
    "nan_loss": _diverges_at(145, 152),
    "inf_loss": _diverges_at(145, 152),
    "explodes_to_1e30": _diverges_at(140, 152),
    "scaled_1e30": None,  # scale-free: judged like the control
    "negative_loss": _negative,
    "restart_from_checkpoint": _restart,
    "steps_backwards": _backwards,
    "vector_loss": _invalid_loss("vector_loss"),
    "string_loss": _invalid_loss("string_loss"),
    "tensor_lr": _tensor_lr,
}
LIKE_CONTROL = ("empty_next_to_data", "scaled_1e30")


def check_all_records(records, loader):
    """records: experiment name -> record. Every expectation, every name."""
    assert "empty_only" not in records  # an empty file is no experiment
    assert set(records) == set(EXPECTED), sorted(set(records) ^ set(EXPECTED))
    failures = []
    for name, check in EXPECTED.items():
        try:
            if check is None:
                _same_as_control(records[name], loader, records["control"])
            else:
                check(records[name], loader)
        except AssertionError as e:
            failures.append("%s (%s loader): %s" % (name, loader, e))
    assert not failures, "\n".join(failures)


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
    from tensorboard.backend.event_processing import data_provider as dp
    from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
    from tensorboard.plugins import base_plugin
    from tensorboard import context
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
            assert any(path in l and "checksum mismatch" in l and "warning" in l
                       for l in r.stderr.splitlines()), (run, r.stderr)
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
    for dirpath, dirs, files in os.walk(base):
        os.chmod(dirpath, 0o755)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    yield logs
    for dirpath, dirs, files in os.walk(base):
        os.chmod(dirpath, 0o755)
    shutil.rmtree(base)


def _one_error_line(r, needle):
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
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
    warnings = [l for l in r.stderr.splitlines() if l.startswith("tb-lrsched: warning:")]
    assert any(beta in l for l in warnings) and any(gamma_file in l for l in warnings), r.stderr


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
