"""Hostile names and hostile requests against every route.

* Run and tag names with HTML/JS, quotes, unicode, control characters,
  slashes and 300+ characters round-trip exactly through the routes and the
  CLI (the browser side is tested by tests/browser/test_browser.py with the
  same names from tests/support/damage.py).
* Every route validates its parameters: missing, unknown, repeated, overlong
  or malformed ones answer 4xx with a JSON error; other methods than GET 405.
* The static route refuses path traversal (encoded, doubled, backslashes,
  symlinks); no route opens a path taken from the request (audit hook).
* Override regexes that would backtrack for seconds answer 400 at once.
* Hypothesis throws random query strings and paths at every route: no 5xx.
"""

import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tb_lrsched import plugin as lr_plugin
from tests.support import logwriters
from tests.support.damage import HOSTILE_LOSS_TAG, HOSTILE_LR_TAG, HOSTILE_RUNS, HOSTILE_VAL_TAG
from tests.support.wsgi import PREFIX, make_client

JSON_ROUTES = ("/experiments", "/report", "/rules")


def hostile_series(n=60):
    loss = [(s, 2.0 / (1 + 0.1 * s) + 0.1) for s in range(n)]
    return {HOSTILE_LOSS_TAG: loss,
            HOSTILE_LR_TAG: [(s, 0.01 * 0.98 ** s) for s in range(n)],
            HOSTILE_VAL_TAG: [(s, v * 1.05) for s, v in loss[4::5]]}


@pytest.fixture(scope="module")
def hostile_logdir(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("hostile"))
    for name in HOSTILE_RUNS:
        logwriters.write_simple(os.path.join(root, *name.split("/")), hostile_series(),
                                wall_start=1.7e9)
    logwriters.write_simple(os.path.join(root, "plain"), {
        "train/loss": [(s, 1.0 / (s + 1)) for s in range(50)],
        "train/lr": [(s, 0.1) for s in range(50)]}, wall_start=1.7e9)
    return root


@pytest.fixture(scope="module")
def client(hostile_logdir):
    return make_client(hostile_logdir)[0]


def strict_json(text):
    def bare(name):
        raise AssertionError("bare %s in JSON" % name)
    return json.loads(text, parse_constant=bare)


def call(client, path, query=None, method="GET", raw_query=None):
    kw = {}
    if raw_query is not None:
        kw["environ_overrides"] = {"QUERY_STRING": raw_query}
    elif query is not None:
        kw["query_string"] = query
    resp = client.open(PREFIX + path, method=method, **kw)
    return resp


def json_of(resp):
    assert resp.headers["Content-Type"].split(";")[0] == "application/json", resp.headers
    assert resp.headers.get("X-Content-Type-Options") == "nosniff"
    return strict_json(resp.get_data(as_text=True))


# --- hostile names -------------------------------------------------------------

def test_hostile_names_round_trip_through_the_routes(client):
    resp = call(client, "/experiments")
    assert resp.status_code == 200
    exps = {e["name"]: e for e in json_of(resp)["experiments"]}
    assert set(exps) == set(HOSTILE_RUNS) | {"plain"}
    for name in HOSTILE_RUNS:
        e = exps[name]
        assert e["runs"] == [name]
        assert e["roles"]["train_loss"] == {"run": name, "tag": HOSTILE_LOSS_TAG}
        assert e["roles"]["lr"] == {"run": name, "tag": HOSTILE_LR_TAG}
        assert e["roles"]["val_loss"] == {"run": name, "tag": HOSTILE_VAL_TAG}

        resp = call(client, "/report", {"experiment": name})
        assert resp.status_code == 200, name
        rep = json_of(resp)
        assert rep["name"] == name and rep["runs"] == [name]
        assert rep["status"] == e["status"] == "healthy"
        assert rep["series"]["train_loss"]["tag"] == HOSTILE_LOSS_TAG
        assert rep["series"]["val_loss"]["tag"] == HOSTILE_VAL_TAG
        assert len(rep["series"]["train_loss"]["steps"]) == 60
        for text in [f["message"] for f in rep["findings"]] + rep["notes"]:
            assert isinstance(text, str)


def test_override_with_a_hostile_tag_selects_it(client):
    pattern = re.escape(HOSTILE_LOSS_TAG) + "$"
    for name in HOSTILE_RUNS[:3]:
        resp = call(client, "/report", {"experiment": name, "lr_tag": pattern})
        assert resp.status_code == 200
        assert json_of(resp)["roles"]["lr"] == {"run": name, "tag": HOSTILE_LOSS_TAG}


def test_unknown_hostile_name_is_a_json_404(client):
    for name in HOSTILE_RUNS + ["<script>alert(1)</script>", "plain/../plain", "\x00"]:
        if name in HOSTILE_RUNS:
            name = name + "<missing>"
        resp = call(client, "/report", {"experiment": name})
        assert resp.status_code == 404
        assert "no experiment named" in json_of(resp)["error"]


def test_hostile_names_round_trip_through_the_cli(hostile_logdir):
    """The CLI (Rust data server) keeps the names byte for byte in JSON and
    never lets a control character reach the terminal in the table."""
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    r = subprocess.run([exe, "check", hostile_logdir, "--format", "json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    runs = {x["run"]: x for x in strict_json(r.stdout)["runs"]}
    assert set(runs) == set(HOSTILE_RUNS) | {"plain"}
    for name in HOSTILE_RUNS:
        assert runs[name]["roles"]["lr"] == {"run": name, "tag": HOSTILE_LR_TAG}
        assert runs[name]["roles"]["val_loss"]["tag"] == HOSTILE_VAL_TAG
    r = subprocess.run([exe, "check", hostile_logdir], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    assert "ctrl\\x1b[31mred\\x07 line\\x0abreak \\u202eRLO" in r.stdout
    assert "<img src=x onerror=alert(1)>" in r.stdout


# --- parameter validation ---------------------------------------------------------

BAD_REPORT_QUERIES = [
    ("", 400),  # missing experiment
    ("experiment=", 400),
    ("experiment=plain&experiment=plain", 400),
    ("Experiment=plain", 400),
    ("experiment=plain&bogus=1", 400),
    ("experiment=plain&=", 400),
    ("experiment[]=plain", 400),
    ("experiment=" + "x" * 5000, 400),
    ("experiment=nope", 404),
    ("experiment=%2Fetc%2Fpasswd", 404),
    ("experiment=..%2F..%2F..%2Fetc%2Fpasswd", 404),
    ("experiment=plain&points=abc", 400),
    ("experiment=plain&points=9", 400),
    ("experiment=plain&points=20001", 400),
    ("experiment=plain&points=-100", 400),
    ("experiment=plain&points=1e3", 400),
    ("experiment=plain&points=1_000", 400),
    ("experiment=plain&points=%201000", 400),
    ("experiment=plain&points=%EF%BC%91%EF%BC%90%EF%BC%90", 400),  # full-width digits
    ("experiment=plain&points=" + "9" * 3000, 400),
    ("experiment=plain&start=nan", 400),
    ("experiment=plain&start=-inf", 400),
    ("experiment=plain&start=1e999", 400),
    ("experiment=plain&start=0x10", 400),
    ("experiment=plain&start=1_0", 400),
    ("experiment=plain&start=10&end=1", 400),
    ("experiment=plain&end=" + "1" * 100, 400),
    ("experiment=plain&lr_tag=(", 400),
    ("experiment=plain&lr_tag=" + "a" * 600, 400),
    ("experiment=plain&loss_tag=%5Cp%7BL%7D", 400),
    ("experiment=plain&val_loss_tag=(%3FL)a", 400),
    ("experiment=plain&val_acc_tag=%5B", 400),
    ("experiment=\xff\xfe", 400),  # raw bytes that are not UTF-8 (WSGI: latin-1 str)
    ("experiment=plain&lr_tag=\xc0\xae", 400),
]


@pytest.mark.parametrize("query,code", BAD_REPORT_QUERIES)
def test_report_rejects_bad_parameters_with_json(client, query, code):
    resp = call(client, "/report", raw_query=query)
    assert resp.status_code == code, resp.get_data(as_text=True)[:300]
    err = json_of(resp)["error"]
    assert isinstance(err, str) and 0 < len(err) < 2000 and "Traceback" not in err


@pytest.mark.parametrize("query", [
    "experiment=plain", "points=100", "bogus", "lr_tag=(", "lr_tag=a&lr_tag=b",
    "loss_tag=" + "x" * 5000, "=", "&&&=&=",
])
def test_experiments_rejects_bad_parameters_with_json(client, query):
    resp = call(client, "/experiments", raw_query=query)
    assert resp.status_code == 400
    assert "error" in json_of(resp)


@pytest.mark.parametrize("query", [
    "experiment=plain&points=10", "experiment=plain&start=-5.5&end=1e3",
    "experiment=plain&start=.5", "experiment=plain&end=%2B3E1", "experiment=plain&lr_tag=",
    "experiment=plain&lr_tag=train/lr%24&loss_tag=%5Eplain/.*loss",
])
def test_report_accepts_well_formed_parameters(client, query):
    resp = call(client, "/report", raw_query=query)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert json_of(resp)["name"] == "plain"


@pytest.mark.parametrize("pattern", [
    r"(.*)*x$", r"(\w+)+!", r"(a|aa)*$", r"(.*a){20}", r"\w*\w*\w*!", r"(a)\1",
    r".{0,100}.{0,100}.{0,100}.{0,100}!", r"(?:(?:.*)*)*z",
])
def test_catastrophic_regex_is_refused_quickly(client, pattern):
    """Python's re holds the GIL: one such pattern matched against a long
    run name would freeze the whole TensorBoard server for minutes."""
    for route, query in (("/report", {"experiment": "plain", "loss_tag": pattern}),
                         ("/experiments", {"val_loss_tag": pattern})):
        t = time.monotonic()
        resp = call(client, route, query)
        assert resp.status_code == 400
        assert "too costly" in json_of(resp)["error"]
        assert time.monotonic() - t < 2.0


@pytest.mark.parametrize("route", ["/experiments", "/report?experiment=plain", "/index.js",
                                   "/static/index.css"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_refused(client, route, method):
    path, _, query = route.partition("?")
    resp = client.open(PREFIX + path, method=method, query_string=query, data=b"x=1")
    assert resp.status_code == 405
    assert "GET" in resp.headers["Allow"]
    assert "error" in json_of(resp)


def test_head_is_allowed(client):
    resp = client.open(PREFIX + "/report", method="HEAD", query_string={"experiment": "plain"})
    assert resp.status_code == 200


# --- static route ----------------------------------------------------------------

TRAVERSALS = [
    "/static/../plugin.py", "/static/..%2Fplugin.py", "/static/%2e%2e/plugin.py",
    "/static/%2e%2e%2fplugin.py", "/static/%2E%2E%2F%2E%2E%2Fsetup.py", "/static/..%5cplugin.py",
    "/static/..\\plugin.py", "/static/%252e%252e%252fplugin.py", "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd", "/static/.hidden", "/static/index.css%00.js",
    "/static/./index.css", "/static/index.css/", "/static/....//plugin.py",
    "/static/%c0%ae%c0%ae/plugin.py", "/static/~root", "/static/C:%5CWindows%5Cwin.ini",
    "/static/" + "a/" * 200 + "index.css", "/static/" + "x" * 300,
    "/static/index.js/../../plugin.py", "/index.js/../plugin.py", "/static/%00",
    "/static/file:%2F%2F%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_route_refuses_traversal(client, path):
    resp = client.get(PREFIX + path)
    assert resp.status_code in (400, 404), path
    body = resp.get_data()
    assert b"LRHealthPlugin" not in body and b"root:" not in body and b"setup(" not in body


def test_static_route_serves_its_own_files(client):
    for path in ("/index.js", "/static/index.js", "/static/index.css"):
        resp = client.get(PREFIX + path)
        assert resp.status_code == 200, path
        assert resp.headers.get("X-Content-Type-Options") == "nosniff"


def test_static_route_refuses_symlinks_out_of_its_folder(tmp_path, monkeypatch):
    static = tmp_path / "static"
    (static / "sub").mkdir(parents=True)
    (static / "ok.js").write_text("export const ok = 1;")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    os.symlink(str(outside / "secret.txt"), str(static / "leak.js"))
    os.symlink(str(outside), str(static / "sub" / "out"))
    os.symlink("/etc/passwd", str(static / "passwd.css"))
    monkeypatch.setattr(lr_plugin, "STATIC_DIR", str(static))
    assert lr_plugin._safe_static_path("ok.js") == os.path.realpath(str(static / "ok.js"))
    for name in ("leak.js", "sub/out/secret.txt", "passwd.css", "sub", "sub/", "../outside/secret.txt"):
        assert lr_plugin._safe_static_path(name) is None, name


# --- no route opens a path from the request ------------------------------------

_OPENED = None  # list while a test records, else None


def _audit(event, args):
    if _OPENED is not None and event in ("open", "os.listdir", "os.scandir", "os.chdir",
                                         "shutil.copyfile", "os.remove", "os.rename"):
        _OPENED.append((event, args[0] if args else None))


@pytest.fixture(scope="module")
def audit():
    sys.addaudithook(_audit)  # permanent, but inert while _OPENED is None
    return _audit


def test_no_route_opens_a_path_taken_from_the_request(client, audit, tmp_path):
    global _OPENED
    canary = tmp_path / "canary_dir"
    canary.mkdir()
    (canary / "canary_secret.txt").write_text("secret")
    target = str(canary / "canary_secret.txt")
    rel = os.path.relpath(target, lr_plugin.STATIC_DIR)
    values = [target, str(canary), rel, "file://" + target, "../" * 12 + target.lstrip("/")]
    _OPENED = []
    try:
        for v in values:
            for key in ("experiment", "lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag"):
                q = {"experiment": "plain", key: v} if key != "experiment" else {key: v}
                call(client, "/report", q)
                if key != "experiment":
                    call(client, "/experiments", {key: v})
            client.get(PREFIX + "/static/" + rel)
            client.get(PREFIX + "/static/" + v)
        assert client.get(PREFIX + "/index.js").status_code == 200  # the hook sees opens
        opened = list(_OPENED)
    finally:
        _OPENED = None
    assert any(str(p).endswith("index.js") for e, p in opened if e == "open"), opened
    assert not [o for o in opened if "canary" in str(o[1])], opened
    # Everything opened at all: the plugin's package (static files, lazy
    # imports), the Python installation, the system's MIME table.
    pkg = os.path.dirname(os.path.realpath(lr_plugin.__file__))
    files = {os.path.realpath(str(p)) for e, p in opened
             if e == "open" and isinstance(p, str)}
    assert all(f.startswith((pkg + os.sep, sys.prefix, sys.base_prefix, "/usr/", "/etc/mime"))
               for f in files), files


# --- random queries ---------------------------------------------------------------

KNOWN_KEYS = ["experiment", "points", "start", "end", "lr_tag", "loss_tag", "val_loss_tag",
              "val_acc_tag"]
NAMES = HOSTILE_RUNS + ["plain"]
ROUTES = ["/experiments", "/report", "/rules", "/index.js", "/static/index.css", "/static/index.js"]

values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(NAMES),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.from_regex(r"[\w.*+?()\[\]{}|^$\\-]{0,30}", fullmatch=True),
    st.text(alphabet="0123456789.eE+-_ x", max_size=12),
)
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12)),
                           values), max_size=6)
raw_queries = st.one_of(
    # unencoded UTF-8 bytes, as a sloppy client sends them
    pairs.map(lambda ps: "&".join("%s=%s" % (k, v) for k, v in ps)),
    pairs.map(lambda ps: urlencode(ps)),
    st.binary(max_size=120),  # any bytes at all
).map(lambda q: q if isinstance(q, bytes) else q.encode("utf-8", "surrogatepass"))
# A WSGI server hands the raw query bytes over decoded as latin-1.
raw_queries = raw_queries.map(lambda b: b.decode("latin-1"))


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES + ["/static/" + "x"]), query=raw_queries,
       method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"]))
def test_random_queries_never_answer_5xx(client, route, query, method):
    resp = client.open(PREFIX + route, method=method, environ_overrides={"QUERY_STRING": query})
    assert resp.status_code < 500, (route, query, resp.get_data(as_text=True)[:300])
    if route in JSON_ROUTES and method != "HEAD":
        body = json_of(resp)
        if resp.status_code >= 400:
            assert isinstance(body["error"], str)
        else:
            assert resp.status_code == 200


def _static_contents():
    out = set()
    for dirpath, _, files in os.walk(lr_plugin.STATIC_DIR):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fh:
                out.add(fh.read())
    return out


@settings(max_examples=150, deadline=None, database=None)
@given(tail=st.text(max_size=80))
def test_random_static_paths_never_escape(client, tail):
    from urllib.parse import quote

    allowed = _static_contents()
    for path in ("/static/" + quote(tail, safe="/%"), "/static/" + quote(tail, safe="")):
        resp = client.get(PREFIX + path)
        assert resp.status_code in (200, 400, 404), path
        if resp.status_code == 200:  # only ever one of the plugin's own files
            assert resp.get_data() in allowed, path


def test_distinct_overrides_cannot_grow_the_cache_without_bound(hostile_logdir):
    """Each distinct override regex in a URL is a new cache entry holding
    whole series; the cache stays under its memory budget."""
    client, plugin = make_client(hostile_logdir)
    svc = plugin._service
    svc._cache_bytes = 64 * 1024
    for i in range(150):
        resp = call(client, "/report", {"experiment": "plain", "lr_tag": "train/lr|nothing%d" % i})
        assert resp.status_code == 200
        assert json_of(resp)["roles"]["lr"] == {"run": "plain", "tag": "train/lr"}
    assert svc._bytes <= svc._cache_bytes
    assert sum(e[2] for e in svc._cache.values()) == svc._bytes
    assert 1 <= len(svc._cache) < 150


@pytest.mark.parametrize("eid", ["%2Fstatic%2F..%2F..%2Fplugin.py", "static", "..",
                                 "%2Fstatic%2F..%2F..%2F..%2Fsetup.py%2Fstatic%2F"])
def test_experiment_scoped_urls_cannot_smuggle_a_static_path(client, eid):
    """TensorBoard also serves plugins under /experiment/<eid>/...; the eid
    must not become part of the static file name."""
    for tail in ("/static/..%2Fplugin.py", "/static/x", "/static/index.css"):
        resp = client.get("/experiment/%s%s%s" % (eid, PREFIX, tail))
        assert resp.status_code in (200, 400, 404)
        body = resp.get_data()
        assert b"LRHealthPlugin" not in body and b"setup(" not in body
        if resp.status_code == 200:
            assert body in _static_contents()
    resp = client.get("/experiment/%s%s/experiments" % (eid, PREFIX))
    assert resp.status_code < 500
