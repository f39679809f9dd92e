"""`tb-lrsched check --format junit|markdown|github`, names, help, version, empty logdirs.

The command runs as a real subprocess on event files written by TensorBoard's
own writer; JUnit is read back with a real JUnit reader (junitparser) and
checked against the JUnit XML schema CI reporters use (Jenkins' junit-10.xsd /
the Ant format); markdown is rendered with Python-Markdown; annotations follow
GitHub's workflow-command format.
"""

import html.parser
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from tb_lrsched import api, cli_formats
from tests.support import logwriters


def run_cli(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "tb_lrsched.cli"]
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=300, env=env)


LONG = "sweeps/2026-05-11_propaganda_classifier/lr_cosine_warmup_peak3e-4/runs/May11_seed_"


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    """healthy, diverging (critical), no-validation (info only), plateau-ish
    warning, and two long names that differ only in their last character."""
    root = tmp_path_factory.mktemp("formats")
    steps = np.arange(300)
    good = 2.0 * np.exp(-steps / 60.0) + 0.2 + 0.01 * np.sin(steps)
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * steps / 300))
    val = list(zip(steps[9::10], good[9::10] * 1.05))
    logwriters.write_simple(str(root / "good_run"), {
        "train/loss": list(zip(steps, good)), "train/lr": list(zip(steps, lr)), "val/loss": val})
    bad = good.copy()
    bad[150:] = good[150] * np.exp((steps[150:] - 150) / 10.0)
    bad[200:] = np.nan
    logwriters.write_simple(str(root / "exploding_run"), {
        "train/loss": list(zip(steps, bad)), "train/lr": list(zip(steps, np.full(300, 3.0))),
        "val/loss": list(zip(steps[9::10], bad[9::10]))})
    logwriters.write_simple(str(root / "no_val_run"), {
        "train/loss": list(zip(steps, good)), "train/lr": list(zip(steps, lr))})
    for seed in (1, 2):
        logwriters.write_simple(str(root / (LONG + str(seed))), {
            "train/loss": list(zip(steps, good)), "train/lr": list(zip(steps, lr)),
            "val/loss": val})
    return str(root)


# ------------------------------------------------------------------ JUnit

def assert_junit_schema(text):
    """The structure of Jenkins' junit-10.xsd (what GitLab, Jenkins, Azure,
    CircleCI and the GitHub test-report actions read): <testsuites> of
    <testsuite name tests failures errors [skipped time timestamp]> of
    <properties>? <testcase name classname [time]> with at most one of
    <failure message type>/<error>/<skipped>, then <system-out>?; counts
    consistent at both levels."""
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    suites = list(root)
    assert suites and all(s.tag == "testsuite" for s in suites)
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for attr in ("name", "tests", "failures", "errors"):
            assert attr in suite.attrib, attr
        if "timestamp" in suite.attrib:  # xs:dateTime without a zone
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.get("timestamp"))
        kids = [k.tag for k in suite]
        assert set(kids) <= {"properties", "testcase", "system-out", "system-err"}, kids
        if "properties" in kids:
            assert kids.index("properties") == 0
            for p in suite.find("properties"):
                assert p.tag == "property" and set(p.attrib) == {"name", "value"}
        cases = suite.findall("testcase")
        counted = {"tests": len(cases), "failures": 0, "errors": 0, "skipped": 0}
        for case in cases:
            assert case.get("name") and case.get("classname")
            float(case.get("time", "0"))
            tags = [k.tag for k in case]
            assert set(tags) <= {"failure", "error", "skipped", "system-out", "system-err"}
            outcome = [t for t in tags if t in ("failure", "error", "skipped")]
            assert len(outcome) <= 1
            for t in outcome:
                counted[{"failure": "failures", "error": "errors", "skipped": "skipped"}[t]] += 1
            fail = case.find("failure")
            if fail is not None:
                assert set(fail.attrib) <= {"message", "type"}
                assert fail.get("message") and fail.get("type")
        for k, v in counted.items():
            assert int(suite.get(k, "0")) == v, (k, suite.get(k), v)
            total[k] += v
    for k, v in total.items():
        assert int(root.get(k, "0")) == v
    return root


def test_junit_is_valid_and_fails_the_failing_experiments(logdir):
    import junitparser

    r = run_cli("check", logdir, "--format", "junit")
    assert r.returncode == 1, r.stderr  # the same exit code as the table: a critical finding
    assert_junit_schema(r.stdout)
    xml = junitparser.JUnitXml.fromstring(r.stdout)
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    cases = {c.name: c for c in suite}
    assert set(cases) == {"good_run", "exploding_run", "no_val_run", LONG + "1", LONG + "2"}
    assert suite.tests == 5 and suite.failures == 1 and suite.errors == 0
    failed = cases["exploding_run"]
    assert not failed.is_passed
    (fail,) = failed.result
    assert isinstance(fail, junitparser.Failure)
    assert fail.type == "divergence" and fail.message.startswith("divergence: ")
    assert "fix:" in fail.text
    assert cases["good_run"].is_passed and cases["no_val_run"].is_passed
    # what did not fail is still there for the reader: the info finding, without a step range
    assert "[info] missing_validation: " in cases["no_val_run"].system_out


def test_junit_fail_on_warning_matches_exit_code(logdir):
    import junitparser

    crit = run_cli("check", logdir, "--format", "junit", "--fail-on", "critical")
    warn = run_cli("check", logdir, "--format", "junit", "--fail-on", "warning")
    table = run_cli("check", logdir, "--fail-on", "warning")
    assert warn.returncode == table.returncode == 1
    suite_w = list(junitparser.JUnitXml.fromstring(warn.stdout))[0]
    suite_c = list(junitparser.JUnitXml.fromstring(crit.stdout))[0]
    assert suite_w.failures >= suite_c.failures
    assert_junit_schema(warn.stdout)


def test_junit_escapes_hostile_names():
    rep = api.Report.from_dict({"logdir": "x", "runs": [{
        "run": "a<b>&\"c\x1b[31m\x00", "status": "critical", "findings": [{
            "kind": "divergence", "severity": "critical", "start_step": 1, "end_step": 2,
            "message": "loss ]]> <!-- & \x07", "suggestion": "lower it"}]}]})
    text = cli_formats.render("junit", rep, "critical")
    root = assert_junit_schema(text)  # parses: no raw control characters, markup escaped
    case = root.find("testsuite/testcase")
    assert case.get("name").startswith("a<b>&\"c")
    assert "\\x1b" in case.get("name") and "\\x00" in case.get("name")


# ------------------------------------------------------------------ markdown

class _Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.tags, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def render_md(text):
    import markdown

    p = _Tables()
    p.feed(markdown.markdown(text, extensions=["tables"]))
    return p


def test_markdown_renders_one_row_per_experiment(logdir):
    r = run_cli("check", logdir, "--format", "markdown")
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("### tb-lrsched: ❌ 1 of 5 experiments")
    page = render_md(r.stdout)
    (table,) = page.tables
    header, rows = table[0], table[1:]
    assert header == ["Experiment", "Status", "Top finding", "Recommendation"]
    by = {row[0]: row for row in rows}
    assert set(by) == {"good_run", "exploding_run", "no_val_run", LONG + "1", LONG + "2"}
    assert all(len(row) == 4 for row in rows)
    assert by["exploding_run"][1].endswith("critical")
    assert by["exploding_run"][2].startswith("divergence at ")
    assert by["good_run"][1].endswith("healthy") and by["good_run"][2] == "—"
    # an absent series has no step range
    assert by["no_val_run"][2].startswith("missing_validation: ")


def test_markdown_escapes_markup_in_names():
    rep = api.Report.from_dict({"logdir": "logs", "runs": [{
        "run": "a|b <script>x</script> *bold* _it_", "status": "warning", "findings": [{
            "kind": "plateau", "severity": "warning", "start_step": 5, "end_step": 9,
            "message": "stalled | here", "suggestion": "raise <it>"}]}]})
    page = render_md(cli_formats.render("markdown", rep, "warning"))
    assert "script" not in page.tags and "em" not in page.tags and "strong" in page.tags
    (table,) = page.tables
    assert table[1][0] == "a|b <script>x</script> *bold* _it_"  # one cell, shown verbatim
    assert table[1][2] == "plateau at 5-9: stalled | here"
    assert table[1][3] == "raise <it>"


# ------------------------------------------------------------------ GitHub annotations

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:\r\n]*),title=([^,:\r\n]*)::"
                        r"([^\r\n]*)$")


def _unescape(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def test_github_annotations_follow_the_workflow_command_format(logdir):
    r = run_cli("check", logdir, "--format", "github", "--fail-on", "warning")
    table = run_cli("check", logdir, "--fail-on", "warning")
    assert r.returncode == table.returncode == 1
    lines = r.stdout.splitlines()
    notes = [m for m in map(ANNOTATION.match, lines[:-1])]
    assert all(notes), [x for x, m in zip(lines, notes) if not m]
    assert lines[-1].startswith("tb-lrsched: 5 experiments, ")
    by_title = {_unescape(m.group(3)): m for m in notes}
    div = by_title["tb-lrsched divergence (exploding_run)"]
    assert div.group(1) == "error"
    assert _unescape(div.group(2)) == os.path.join(logdir, "exploding_run")
    assert "Fix: " in _unescape(div.group(4))
    assert by_title["tb-lrsched missing_validation (no_val_run)"].group(1) == "notice"


def test_github_escaping():
    assert cli_formats.gh_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert cli_formats.gh_property("runs/a:b,c%\n") == "runs/a%3Ab%2Cc%25%0A"
    rep = api.Report.from_dict({"logdir": "lo,gs:", "runs": [{
        "run": "r,1:x\nnext", "status": "critical", "runs": ["r,1:x\nnext"], "findings": [{
            "kind": "divergence", "severity": "critical", "start_step": 3, "end_step": 3,
            "message": "rose 100%\nthen: NaN, gone", "suggestion": "x"}]}]})
    out = cli_formats.render("github", rep, "critical").splitlines()
    m = ANNOTATION.match(out[0])
    assert m and m.group(1) == "error"
    assert _unescape(m.group(2)) == os.path.join("lo,gs:", "r,1:x\\x0anext")
    assert _unescape(m.group(4)) == "divergence at 3: rose 100%\nthen: NaN, gone Fix: x"


# ------------------------------------------------------------------ recommendation

def test_recommendation_is_shown_in_every_format():
    """The engine's run-level recommendation, when a report carries one."""
    rep = api.Report.from_dict({"logdir": "logs", "runs": [{
        "run": "r1", "status": "warning",
        "recommendation": {"kind": "oscillation", "text": "Halve the peak LR to 5e-3."},
        "findings": [{"kind": "oscillation", "severity": "warning", "start_step": 10,
                      "end_step": 90, "message": "bounces", "suggestion": "lower the LR"}]}]})
    assert "  recommendation: Halve the peak LR to 5e-3." in cli_formats.render(
        "table", rep, "critical")
    (table,) = render_md(cli_formats.render("markdown", rep, "critical")).tables
    assert table[1][3] == "Halve the peak LR to 5e-3."
    root = assert_junit_schema(cli_formats.render("junit", rep, "warning"))
    assert "recommendation: Halve the peak LR to 5e-3." in root.find(
        "testsuite/testcase/system-out").text
    assert api.Report.from_dict(rep.to_dict()).runs[0].recommendation.text == \
        "Halve the peak LR to 5e-3."


# ------------------------------------------------------------------ table: names, ranges

def test_table_keeps_the_part_that_tells_long_names_apart(logdir):
    r = run_cli("check", logdir)
    rows = [x.split("  ")[0] for x in r.stdout.splitlines()[1:6]]
    long_rows = [x for x in rows if "…" in x]
    assert len(long_rows) == 2 and len(set(long_rows)) == 2
    assert all(len(x) <= cli_formats.NAME_WIDTH for x in long_rows)
    assert sorted(x[-1] for x in long_rows) == ["1", "2"]
    assert all(x.startswith("sweeps/") for x in long_rows)  # the start is kept too


@pytest.mark.parametrize("names", [
    [LONG + "1", LONG + "2"],                                               # differ at the end
    ["1_" + LONG, "2_" + LONG],                                             # at the start
    [LONG[:40] + "lr=0.1" + LONG[40:], LONG[:40] + "lr=0.3" + LONG[40:]],   # in the middle
    ["a" * 30 + "/b" * 30 + "/%d" % i for i in range(12)],
    ["x" * 100, "x" * 99 + "y", "short", "x" * 50 + "z" + "x" * 49],
])
def test_shortened_names_stay_distinct(names):
    out = cli_formats.shorten_names(names, 48)
    assert len(set(out)) == len(set(names))
    for n, s in zip(names, out):
        assert len(s) <= 48
        assert s == n if len(n) <= 48 else "…" in s


def test_absent_series_have_no_step_range(logdir):
    r = run_cli("check", logdir)
    row = next(x for x in r.stdout.splitlines() if x.startswith("no_val_run "))
    assert "missing_validation" in row and "missing_validation@" not in row
    assert "[info] missing_validation: " in r.stdout


# ------------------------------------------------------------------ fixes

def test_empty_logdir_fails_with_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no events here")
    r = run_cli("check", str(tmp_path / "empty"))
    assert r.returncode == 2 and r.stdout == ""
    (line,) = r.stderr.splitlines()
    assert "no scalar runs found" in line and "--allow-empty" in line
    for fmt in ("table", "json", "junit", "markdown", "github"):
        r = run_cli("check", str(tmp_path / "empty"), "--allow-empty", "--format", fmt)
        assert r.returncode == 0, (fmt, r.stderr)
    assert_junit_schema(run_cli("check", str(tmp_path / "empty"), "--allow-empty",
                                "--format", "junit").stdout)


def test_version():
    from tb_lrsched import __version__

    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == "tb-lrsched %s" % __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_check_help_documents_every_option_exit_codes_and_examples():
    r = run_cli("check", "--help")
    assert r.returncode == 0
    out = r.stdout
    for opt in ("--format", "--fail-on", "--baseline", "--allow-empty", "--lr-tag",
                "--loss-tag", "--val-loss-tag", "--val-acc-tag", "--loader"):
        line = next(x for x in out.splitlines() if x.strip().startswith(opt))
        # every option has help text (on its line or the next)
        idx = out.splitlines().index(line)
        assert len(line.split(None, 2)) > 2 or out.splitlines()[idx + 1].startswith(" " * 20), opt
    for fmt in ("table", "json", "junit", "markdown", "github"):
        assert re.search(r"^  %s\s+\S" % fmt, out, re.M), fmt
    assert "exit codes:" in out and re.search(r"^  3  internal error", out, re.M)
    assert "examples:" in out and "tb-lrsched check runs/ --format junit" in out
