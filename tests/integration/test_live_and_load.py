"""A real `tensorboard` (default loader: the Rust data server) serving a logdir
that training keeps writing to, the way people leave it open for days.

One server for the whole module (starting one costs seconds). Its logdir
holds every damaged experiment of tests/support/damaged_logdir.py, two hostile names, a run
written live in phases (healthy, then diverging), and a run a background
thread appends to while a few hundred concurrent requests hit every route.
Loopback only; every wait is bounded.
"""

import concurrent.futures
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pytest

from tests.support import damage
from tests.support.damaged_logdir import EXPECTED, build_damaged_logdir, check_all_records
from tests.support.tbserver import tensorboard, wait_for

PLUGIN = "/data/plugin/lr_health"
HOSTILE = [damage.HOSTILE_RUNS[0], damage.LONG_RUN]


class LiveRun:
    """A training loop's writer: one open event file, flushed per phase."""

    def __init__(self, run_dir):
        from tensorboard.summary.writer.event_file_writer import EventFileWriter

        os.makedirs(run_dir, exist_ok=True)
        self._w = EventFileWriter(run_dir, flush_secs=3600)
        self.steps = 0

    def write(self, points, flush=True):
        """points: [(step, {tag: value})]"""
        from tensorboard.compat.proto import event_pb2, summary_pb2

        for step, values in points:
            summ = summary_pb2.Summary(value=[
                summary_pb2.Summary.Value(tag=t, simple_value=float(v)) for t, v in values.items()])
            self._w.add_event(event_pb2.Event(wall_time=time.time(), step=int(step), summary=summ))
            self.steps = max(self.steps, int(step) + 1)
        if flush:
            self._w.flush()

    def close(self):
        self._w.close()


def loss_at(step):
    return 2.0 * np.exp(-step / 60.0) + 0.2 + 0.004 * np.sin(step * 0.7)


def lr_at(step):
    return 0.05 * 0.5 * (1 + np.cos(np.pi * min(step, 400) / 400))


def healthy_points(lo, hi):
    return [(s, {"train/loss": loss_at(s), "train/lr": lr_at(s)}) for s in range(lo, hi)]


def get(base, path, timeout=30):
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


def get_json(base, path, timeout=30):
    status, ctype, body = get(base, path, timeout)
    assert ctype.startswith("application/json"), ctype

    def bare(name):
        raise AssertionError("bare %s in JSON" % name)
    return status, json.loads(body.decode("utf-8"), parse_constant=bare)


def report_path(name, **params):
    return PLUGIN + "/report?" + urllib.parse.urlencode(dict(experiment=name, **params))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("live") / "logs")
    os.makedirs(root)
    build_damaged_logdir(root)
    for name in HOSTILE:
        damage_dir = os.path.join(root, *name.split("/"))
        w = LiveRun(damage_dir)
        w.write(healthy_points(0, 50))
        w.close()
    live = LiveRun(os.path.join(root, "live_run"))
    live.write(healthy_points(0, 80))
    growing = LiveRun(os.path.join(root, "growing_run"))
    growing.write(healthy_points(0, 50))
    before = damage.snapshot(root)
    try:
        with tensorboard(root) as base:
            def ready():
                _, body = get_json(base, PLUGIN + "/experiments")
                names = {e["name"] for e in body["experiments"]}
                return names >= set(EXPECTED) | set(HOSTILE) | {"live_run", "growing_run"}
            wait_for(ready, timeout=90)
            yield {"base": base, "root": root, "live": live, "growing": growing,
                   "before": before}
    finally:
        live.close()
        growing.close()


def test_damaged_experiments_through_a_real_tensorboard(served):
    base = served["base"]
    _, body = get_json(base, PLUGIN + "/experiments")
    records = {}
    for e in body["experiments"]:
        if e["name"] not in EXPECTED:
            continue
        status, rep = get_json(base, report_path(e["name"]))
        assert status == 200
        assert rep["status"] == e["status"]
        records[e["name"]] = rep
    check_all_records(records, "tensorboard")  # its own data server, unchecksummed
    _, plugins = get_json(base, "/data/plugins_listing")
    assert plugins["lr_health"]["enabled"] is True  # the tab is still there
    for name in HOSTILE:  # hostile names round-trip through the real server too
        status, rep = get_json(base, report_path(name))
        assert status == 200 and rep["name"] == name and rep["runs"] == [name]
    assert_logdir_untouched(served)


def assert_logdir_untouched(served):
    """Only the two runs being written change; nothing else appears."""
    def frozen(snap):
        return {k: v for k, v in snap.items()
                if not k.startswith(("live_run" + os.sep, "growing_run" + os.sep))}
    now = damage.snapshot(served["root"])
    assert frozen(now) == frozen(served["before"])
    assert len(now) == len(served["before"])


def _live_state(base):
    _, rep = get_json(base, report_path("live_run"))
    _, body = get_json(base, PLUGIN + "/experiments")
    listed = next(e for e in body["experiments"] if e["name"] == "live_run")
    return rep, listed


def test_live_run_verdict_moves_as_training_develops(served):
    """Healthy while it trains well; new points appear after TensorBoard's
    reload; critical once it diverges."""
    base, live = served["base"], served["live"]

    def at(n):
        rep, listed = _live_state(base)
        return rep["series"]["train_loss"]["points"] == n and (rep, listed)

    rep, listed = wait_for(lambda: at(80), timeout=60)
    assert rep["status"] == listed["status"] == "healthy", rep["findings"]

    live.write(healthy_points(80, 160))
    rep, listed = wait_for(lambda: at(160), timeout=60)
    assert rep["series"]["train_loss"]["steps"][-1] == 159
    assert rep["status"] == listed["status"] == "healthy", rep["findings"]

    # The LR is raised tenfold at step 160 and the loss explodes, then NaN.
    base_loss = loss_at(160)
    diverging = [(s, {"train/loss": base_loss * np.exp((s - 160) / 4.0) if s < 190 else np.nan,
                      "train/lr": 0.5}) for s in range(160, 200)]
    live.write(diverging)
    rep, listed = wait_for(lambda: at(200), timeout=60)
    assert rep["status"] == listed["status"] == "critical", rep["findings"]
    div = [f for f in rep["findings"] if f["kind"] == "divergence"]
    assert div and 160 <= div[0].get("step", div[0]["start_step"]) <= 192, div
    assert listed["top_finding"]["kind"] == "divergence"
    assert rep["series"]["train_loss"]["values"][-1] == "NaN"


def _consistent_series(s):
    assert len(s["steps"]) == len(s["values"]) <= s["points"]
    assert all(b > a for a, b in zip(s["steps"], s["steps"][1:])), "steps not increasing"


def test_concurrent_requests_while_logs_are_appended(served):
    base, growing = served["base"], served["growing"]
    stop = threading.Event()
    written = {"n": 50}

    def appender():
        step = 50
        while not stop.is_set() and step < 950:  # under the 1000-point reservoir
            growing.write(healthy_points(step, step + 10))
            step += 10
            written["n"] = step
            time.sleep(0.02)

    fixed = ["control", "nan_loss", "restart_from_checkpoint", "vector_loss", HOSTILE[0],
             HOSTILE[1]]
    paths = []
    for i in range(320):
        k = i % 8
        if k == 0:
            paths.append(PLUGIN + "/experiments")
        elif k in (1, 2):
            paths.append(report_path(fixed[i % len(fixed)]))
        elif k == 3:
            paths.append(report_path(fixed[i % len(fixed)], points=10, start=20, end=200))
        elif k in (4, 5, 6):
            paths.append(report_path("growing_run", **({"points": 50} if k == 5 else {})))
        else:
            paths.append(PLUGIN + ("/index.js" if i % 16 == 7 else "/static/index.css"))

    results = {}  # path -> list of parsed bodies
    per_thread = {}  # thread -> [growing points in request order]
    errors = []
    lock = threading.Lock()

    def fire(path):
        try:
            status, ctype, body = get(base, path, timeout=30)
        except (urllib.error.URLError, OSError) as e:  # HTTPError included
            with lock:
                errors.append((path, repr(e)))
            return
        if status != 200:
            with lock:
                errors.append((path, status))
            return
        if ctype.startswith("application/json"):
            doc = json.loads(body.decode("utf-8"))
            if "growing_run" in path:
                s = doc["series"]["train_loss"]
                _consistent_series(s)
                with lock:
                    per_thread.setdefault(threading.get_ident(), []).append(s["points"])
            else:
                with lock:
                    results.setdefault(path, []).append(doc)
        else:
            assert len(body) > 100

    t0 = time.monotonic()
    writer = threading.Thread(target=appender, daemon=True)
    writer.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(fire, paths))
    finally:
        stop.set()
        writer.join(10)
    elapsed = time.monotonic() - t0
    assert not errors, errors[:5]
    assert elapsed < 120, elapsed

    # Fixed experiments: every answer to the same URL is the same document.
    for path, docs in results.items():
        if path.endswith("/experiments"):
            names = [[e["name"] for e in d["experiments"]] for d in docs]
            assert all(n == names[0] for n in names)
            for d in docs:
                for e in d["experiments"]:
                    if e["name"] != "growing_run":
                        assert e == next(x for x in docs[0]["experiments"]
                                         if x["name"] == e["name"])
        else:
            assert all(d == docs[0] for d in docs), path
            for role in ("train_loss", "lr"):
                if docs[0]["series"][role] is not None:
                    _consistent_series(docs[0]["series"][role])
    # The growing run only ever grows, as each client sees it.
    assert sum(len(v) for v in per_thread.values()) == 120
    for seq in per_thread.values():
        assert seq == sorted(seq), seq
    # Everything written shows up after the next reload.
    total = written["n"]
    wait_for(lambda: get_json(base, report_path("growing_run"))[1]["series"]["train_loss"]
             ["points"] == total, timeout=60)
    assert_logdir_untouched(served)
