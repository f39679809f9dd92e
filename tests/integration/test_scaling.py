"""Scaling paths: the numpy fast path, a remote data server, the import path.

No timing assertions here: speed is measured by benchmarks/bench.py. These
tests check that the fast paths give exactly what the slow ones give, and that
the plugin works behind a data server started elsewhere
(`tensorboard --grpc_data_provider`).
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest

from benchmarks import generate
from tb_lrsched import data, loader, roles
from tests.support import logwriters, tbserver

STEPS = 3000


@pytest.fixture(scope="module")
def scaling_logdir(tmp_path_factory):
    """Generated runs (healthy, spiky, diverging) plus a real writer's run with
    a restart (steps going back), NaN and Inf."""
    root = str(tmp_path_factory.mktemp("scaling") / "logs")
    generate.generate(root, runs=3, steps=STEPS, quiet=True)
    t0 = 1.7e9
    loss = [(s, 2.0 * np.exp(-s / 100.0) + 0.1, t0 + s) for s in range(300)]
    # resumed from the checkpoint at step 200, later in time
    loss += [(s, 1.0 + 0.001 * s, t0 + 1000 + s) for s in range(200, 400)]
    loss[50] = (50, float("nan"), t0 + 50)
    loss[60] = (60, float("inf"), t0 + 60)
    logwriters.write_simple(os.path.join(root, "restarted"), {
        "train/loss": loss,
        "train/lr": [(s, 0.1 if s < 250 else 0.01, t0 + s) for s in range(0, 400, 5)],
    })
    return root


def _wanted(provider, ctx, eid):
    return [ti for tags in data.listing(provider, ctx, eid).values() for ti in tags.values()]


def _same(a, b):
    assert set(a) == set(b)
    for key in a:
        for field in ("steps", "values", "wall_times"):
            x, y = getattr(a[key], field), getattr(b[key], field)
            assert x.dtype == y.dtype == np.float64, (key, field)
            np.testing.assert_array_equal(x, y, err_msg="%s %s" % (key, field))


class _SlowOnly:
    """A provider without the fast path: TensorBoard's read_scalars only."""

    def __init__(self, inner):
        self._inner = inner

    def list_scalars(self, *a, **k):
        return self._inner.list_scalars(*a, **k)

    def read_scalars(self, *a, **k):
        return self._inner.read_scalars(*a, **k)


def test_fast_path_equals_slow_path_and_python_loader(scaling_logdir, monkeypatch):
    with loader.open_provider(scaling_logdir, "rust") as (p, ctx, eid):
        assert loader.array_reader(p) is not None
        wanted = _wanted(p, ctx, eid)
        assert len(wanted) == 3 * 3 + 2
        fast = data.read_series(p, ctx, eid, wanted)
        slow = data.read_series(_SlowOnly(p), ctx, eid, wanted)
        # Many small provider calls (a run's tags split up) give the same series.
        monkeypatch.setattr(data, "BATCH_POINTS", 1000)
        assert len(data._batches(wanted)) > 3
        batched = data.read_series(p, ctx, eid, wanted)
        batched_slow = data.read_series(_SlowOnly(p), ctx, eid, wanted)
    _same(fast, slow)
    _same(fast, batched)
    _same(fast, batched_slow)
    loss = fast[("restarted", "train/loss")]
    # the restart: orphans after step 200 dropped, the later attempt kept
    assert loss.steps[-1] == 399 and len(loss) == 400
    assert loss.values[250] == pytest.approx(1.25, rel=1e-6)
    with loader.open_provider(scaling_logdir, "python") as (p, ctx, eid):
        assert loader.array_reader(p) is None  # the multiplexer has no fast path
        py = data.read_series(p, ctx, eid, _wanted(p, ctx, eid))
    # The generator writes real event files: TensorBoard's Python loader reads
    # exactly the points the Rust server does.
    _same(fast, py)
    gen = fast[("run_002_diverging", "train/loss")]
    expect = generate.run_series(STEPS, "diverging", 2)["train/loss"]
    np.testing.assert_array_equal(gen.steps, expect[0].astype(np.float64))
    np.testing.assert_array_equal(gen.values, expect[1].astype(np.float32).astype(np.float64))
    np.testing.assert_array_equal(gen.wall_times, expect[2])


def test_array_reader_recognises_tensorboards_own_grpc_provider(scaling_logdir):
    """Inside TensorBoard (--load_fast, --grpc_data_provider) the provider is a
    plain GrpcDataProvider: the plugin reads it through the fast path too."""
    from tensorboard.data import grpc_provider

    with loader.open_provider(scaling_logdir, "rust") as (p, ctx, eid):
        plain = grpc_provider.GrpcDataProvider("test", p._stub)
        assert not hasattr(plain, "read_scalar_arrays")
        read = loader.array_reader(plain)
        assert read is not None
        got = read(ctx, experiment_id=eid, plugin_name="scalars", runs={"restarted"},
                   tags={"train/lr"})
        steps, values, walls = got["restarted"]["train/lr"]
        assert steps.dtype == values.dtype == walls.dtype == np.float64
        np.testing.assert_array_equal(steps, np.arange(0, 400, 5))
        ref = plain.read_scalars(ctx, experiment_id=eid, plugin_name="scalars",
                                 downsample=10**6)["restarted"]["train/lr"]
        assert [p.value for p in ref] == values.tolist()
        assert [p.wall_time for p in ref] == walls.tolist()


def test_batches_never_split_a_series_and_keep_runs_together():
    def ti(run, tag, max_step):
        return roles.TagInfo(run, tag, max_step, 0.0)

    wanted = [ti("a", "x", 99), ti("a", "y", 99), ti("b", "x", 9), ti("b", "y", 9),
              ti("c", "x", 999)]
    got = data._batches(wanted, budget=150)
    assert sorted([(t.run, t.tag) for t in b] for b in got) == [
        [("a", "x")], [("a", "y")], [("b", "x"), ("b", "y")], [("c", "x")]]
    assert data._batches(wanted, budget=10**6) == [wanted]


@contextlib.contextmanager
def _remote_data_server(logdir):
    """TensorBoard's Rust data server on loopback, as someone would run it on
    another machine: `server --logdir ... --host ... --port ...`."""
    from tensorboard.data import server_ingester

    binary = server_ingester.get_server_binary().path
    tmp = tempfile.mkdtemp(prefix="remote_server_")
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen([binary, "--logdir", logdir, "--host", "127.0.0.1", "--port", "0",
                             "--port-file", port_file, "--samples-per-plugin", "scalars=all",
                             "--reload", "1", "--die-after-stdin"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        port = tbserver.wait_for(
            lambda: os.path.exists(port_file) and open(port_file).read().endswith("\n")
            and int(open(port_file).read()), timeout=60, interval=0.1)
        yield "127.0.0.1:%d" % port
    finally:
        proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tensorboard_on(addr, workdir):
    return tbserver.tensorboard_process("--grpc_data_provider", addr, timeout=120)


def test_plugin_behind_a_data_server_started_elsewhere(scaling_logdir, tmp_path):
    """`tensorboard --grpc_data_provider HOST:PORT` (no --logdir): the tab
    lists the experiments and serves full-resolution reports, with the same
    verdicts as the command on the same files."""
    cli = subprocess.run([sys.executable, "-m", "tb_lrsched.cli", "check", "--format", "json",
                          "--loader", "rust", scaling_logdir], capture_output=True, text=True)
    assert cli.returncode in (0, 1), cli.stderr
    expected = {r["run"]: r for r in json.loads(cli.stdout)["runs"]}
    assert expected["run_002_diverging"]["status"] == "critical"

    with _remote_data_server(scaling_logdir) as addr, _tensorboard_on(addr, str(tmp_path)) as base:
        _, listing = tbserver.get_json(base + "/data/plugins_listing")
        assert listing["lr_health"]["enabled"] is True
        prefix = base + "/data/plugin/lr_health/"

        def all_listed():
            status, body = tbserver.get_json(prefix + "experiments")
            names = {e["name"] for e in body["experiments"]}
            return body if status == 200 and names == set(expected) else None

        body = tbserver.wait_for(all_listed, timeout=90)
        for e in body["experiments"]:
            want = expected[e["name"]]
            assert e["status"] == want["status"], e["name"]
            assert e["roles"] == want["roles"]
        status, rep = tbserver.get_json(prefix + "report?experiment=run_002_diverging&points=500")
        assert status == 200
        assert rep["status"] == "critical"
        assert [f["kind"] for f in rep["findings"]] == \
            [f["kind"] for f in expected["run_002_diverging"]["findings"]]
        loss = rep["series"]["train_loss"]
        assert loss["points"] == STEPS and loss["sampled"] is False
        assert loss["decimated"] is True and len(loss["steps"]) <= 500
        # zoom: full resolution inside the window
        status, zoom = tbserver.get_json(
            prefix + "report?experiment=run_000_healthy&start=1000&end=1199")
        assert status == 200
        assert zoom["series"]["train_loss"]["steps"] == list(range(1000, 1200))
        assert zoom["series"]["train_loss"]["decimated"] is False
        status, _ = tbserver.get_json(prefix + "report?experiment=restarted")
        assert status == 200


def test_tensorflow_stays_out_of_the_command_and_plugin(scaling_logdir):
    """TensorFlow is installed here; neither loader, the command, nor the
    plugin module import it (seconds of start-up)."""
    code = ("import io, sys\nfrom tb_lrsched import cli, plugin\n"
            "for ld in ('rust', 'python'):\n"
            "    args = cli.build_parser().parse_args(['check', '--format', 'json', '--loader', ld,"
            " sys.argv[1]])\n"
            "    out = io.StringIO()\n"
            "    assert cli.run_check(args, out) in (0, 1)\n"
            "    assert len(__import__('json').loads(out.getvalue())['runs']) == 4\n"
            "print(sorted(m for m in sys.modules if m == 'tensorflow' or m.startswith('tensorflow.')"
            " or m == 'keras'))\n")
    p = subprocess.run([sys.executable, "-c", code, scaling_logdir], capture_output=True,
                       text=True)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip().splitlines()[-1] == "[]"


def test_generated_records_have_valid_checksums(tmp_path):
    """The Rust server checks CRCs only when a record fails to parse; check
    them here with TensorBoard's own implementation."""
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

    path = generate.write_run(str(tmp_path / "r"), generate.run_series(50, "spiky", 3), 1.7e9)
    buf = open(path, "rb").read()
    i = n = 0
    while i < len(buf):
        header = buf[i:i + 8]
        length = int.from_bytes(header, "little")
        assert int.from_bytes(buf[i + 8:i + 12], "little") == masked_crc32c(header)
        body = buf[i + 12:i + 12 + length]
        assert int.from_bytes(buf[i + 12 + length:i + 16 + length], "little") == masked_crc32c(body)
        i += 16 + length
        n += 1
    assert i == len(buf) and n == 1 + 3 * 50


def test_plans_are_reused_until_the_listing_changes():
    """Planning hundreds of runs costs as much as listing them: the service
    replans only when a run, tag, max step or wall time changed."""
    import types

    from tb_lrsched import service

    class Listing:
        def __init__(self):
            self.max_step = 10

        def list_scalars(self, ctx, *, experiment_id, plugin_name):
            md = types.SimpleNamespace(max_step=self.max_step, max_wall_time=100.0 + self.max_step)
            return {"a": {"loss": md, "lr": md}, "b": {"loss": md}}

    prov = Listing()
    svc = service.AnalysisService()
    first = svc._plans(prov, None, "", roles.NO_OVERRIDES)
    assert svc._plans(prov, None, "", roles.NO_OVERRIDES) is first
    other = svc._plans(prov, None, "", service.overrides_from(lr="^b/"))
    assert other is not first
    prov.max_step = 11  # new data
    again = svc._plans(prov, None, "", roles.NO_OVERRIDES)
    assert again is not first
    assert {p.name for p in again} == {"a", "b"}
    fp = {p.name: p.fingerprint() for p in again}
    assert fp != {p.name: p.fingerprint() for p in first}
