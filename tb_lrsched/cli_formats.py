"""Output formats of `tb-lrsched check`: table, json, junit, markdown, github.

Every renderer takes the :class:`tb_lrsched.api.Report`, the ``--fail-on``
severity and, with ``--baseline``, the :class:`tb_lrsched.baseline.Comparison`,
and returns the whole text. What "fails" is the same everywhere: without a
baseline the findings at or above ``fail_on``, with one the regressions at or
above it.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import xml.etree.ElementTree as ET
from typing import Callable, Dict, List, Sequence

from tb_lrsched import model

_COLORS = {"critical": "\033[31;1m", "warning": "\033[33;1m", "healthy": "\033[32m",
           "info": "\033[36m"}
_RESET = "\033[0m"
NAME_WIDTH = 48


def text(s) -> str:
    """Names come from directory and tag names: show control characters
    (terminal escape sequences, newlines, bidi overrides) as escapes instead
    of letting them act on the user's terminal."""
    s = str(s)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() else
                   ("\\x%02x" % ord(c) if ord(c) < 0x100 else "\\u%04x" % ord(c))
                   for c in s)


def _at_or_above(severity: str, fail_on: str) -> bool:
    return model.SEVERITY_RANK.get(severity, 0) >= model.SEVERITY_RANK[fail_on]


def failing(report, fail_on: str, comparison=None) -> Dict[str, list]:
    """run name -> the findings (or, with a baseline, regressions) that fail it."""
    out: Dict[str, list] = {}
    for r in report.runs:
        items = comparison.for_run(r.name) if comparison is not None else r.findings
        bad = [x for x in items if _at_or_above(x.severity, fail_on)]
        if bad:
            out[r.name] = bad
    return out


def _where(f) -> str:
    s = f.steps_text
    return " at %s" % s if s else ""


# ---------------------------------------------------------------- names

def _clip_one(s: str, n: int, d: int) -> str:
    """Shorten ``s`` to ``n`` characters keeping its start, its end and the
    character at index ``d`` (where it differs from its most similar name)."""
    if len(s) <= n:
        return s
    tail = (n - 1) * 3 // 5
    head = n - 1 - tail
    if d < head or d >= len(s) - tail:
        return s[:head] + "…" + s[len(s) - tail:]
    # the difference is in the middle: head … around d … tail
    room = n - 2
    head, tail = max(1, room // 5), max(1, room * 2 // 5)
    mid = room - head - tail
    start = min(max(head, d - mid // 3), len(s) - tail - mid)
    return s[:head] + "…" + s[start:start + mid] + "…" + s[len(s) - tail:]


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def shorten_names(names: Sequence[str], width: int = NAME_WIDTH) -> List[str]:
    """Names that fit in ``width`` stay whole; longer ones get a middle
    ellipsis that keeps the start, the end and the part that tells them apart
    from the most similar other name. Falls back to the last ``width``
    characters when two shortened names would still collide."""
    out = []
    ordered = sorted(set(names))
    for s in names:
        if len(s) <= width:
            out.append(s)
            continue
        i = ordered.index(s)
        d = max([_common_prefix(s, ordered[j]) for j in (i - 1, i + 1)
                 if 0 <= j < len(ordered)] or [0])
        out.append(_clip_one(s, width, d))
    if len(set(out)) < len(set(names)):
        seen: Dict[str, int] = {}
        for x in out:
            seen[x] = seen.get(x, 0) + 1
        out = [x if seen[x] == 1 else "…" + s[len(s) - width + 1:] for x, s in zip(out, names)]
    return out


# ---------------------------------------------------------------- table

def _paint(s: str, key: str, color: bool) -> str:
    return "%s%s%s" % (_COLORS[key], s, _RESET) if color and key in _COLORS else s


def render_table(report, fail_on: str, comparison=None, color: bool = False) -> str:
    runs = report.runs
    if not runs:
        return "No scalar runs found in %s\n" % text(report.logdir)
    names = shorten_names([text(r.name) for r in runs])
    width = max(len("EXPERIMENT"), max(len(n) for n in names))
    lines = ["%-*s  %-8s  %s" % (width, "EXPERIMENT", "STATUS", "FINDINGS")]
    for r, shown in zip(runs, names):
        kinds = ", ".join(text(f.kind) + ("@" + f.steps_text if f.steps_text else "")
                          for f in r.findings) or "-"
        lines.append("%-*s  %s  %s" % (width, shown, _paint("%-8s" % r.status, r.status, color),
                                       kinds))
    lines.append("")
    for r in runs:
        if not r.findings and not r.notes and r.recommendation is None:
            continue
        lines.append("%s (%s; x axis: %s)" % (text(r.name), _paint(r.status, r.status, color),
                                              r.step_unit))
        for f in r.findings:
            lines.append("  [%s] %s%s: %s" % (_paint(f.severity, f.severity, color),
                                              text(f.kind), _where(f), text(f.message)))
            lines.append("      fix: %s" % text(f.suggestion))
        if r.recommendation is not None:
            lines.append("  recommendation: %s" % text(r.recommendation.text))
        for note in r.notes:
            lines.append("  note: %s" % text(note))
    if comparison is not None:
        lines.append("Compared with baseline %s: %d regression%s"
                     % (text(comparison.baseline), len(comparison.regressions),
                        "" if len(comparison.regressions) == 1 else "s"))
        for g in comparison.regressions:
            lines.append("  [%s] %s: %s: %s" % (_paint(g.severity, g.severity, color),
                                                text(g.run), g.kind, text(g.message)))
        for note in comparison.notes:
            lines.append("  note: %s" % text(note))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- json

def render_json(report, fail_on: str, comparison=None) -> str:
    # NaN/Inf as "NaN"/"Infinity": TensorBoard's own cleanser, as in the routes.
    from tensorboard.backend import json_util

    doc = report.to_dict()
    if comparison is not None:
        doc["baseline"] = comparison.to_dict()
    return json.dumps(json_util.Cleanse(doc), indent=2, allow_nan=False) + "\n"


# ---------------------------------------------------------------- junit

_XML_BAD = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s) -> str:
    """Text XML 1.0 can hold: characters it forbids become visible escapes."""
    return _XML_BAD.sub(lambda m: "\\x%02x" % ord(m.group()), str(s))


def _finding_lines(items) -> List[str]:
    out = []
    for x in items:
        if hasattr(x, "suggestion"):
            out.append("[%s] %s%s: %s" % (x.severity, x.kind, _where(x), x.message))
            out.append("    fix: %s" % x.suggestion)
        else:  # a regression
            out.append("[%s] %s: %s" % (x.severity, x.kind, x.message))
    return out


def render_junit(report, fail_on: str, comparison=None) -> str:
    """JUnit XML: one <testcase> per experiment, one <failure> (message = the
    worst failing item, type = its kind, text = all of them with their fixes)."""
    bad = failing(report, fail_on, comparison)
    n, nf = len(report.runs), len(bad)
    counts = {"tests": str(n), "failures": str(nf), "errors": "0", "skipped": "0", "time": "0"}
    root = ET.Element("testsuites", dict(name="tb-lrsched", **counts))
    suite = ET.SubElement(root, "testsuite", dict(
        name=_x("tb-lrsched check %s" % report.logdir), timestamp=datetime.datetime.now(
            datetime.timezone.utc).replace(tzinfo=None, microsecond=0).isoformat(), **counts))
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="fail_on", value=fail_on)
    if comparison is not None:
        ET.SubElement(props, "property", name="baseline", value=_x(comparison.baseline))
    for r in report.runs:
        case = ET.SubElement(suite, "testcase", name=_x(r.name), classname="tb-lrsched.check",
                             time="0")
        if r.name in bad:
            first = bad[r.name][0]
            fail = ET.SubElement(case, "failure", message=_x("%s: %s" % (first.kind,
                                                                          first.message)),
                                 type=_x(first.kind))
            fail.text = _x("\n".join(_finding_lines(bad[r.name])))
        out = ["status: %s (x axis: %s)" % (r.status, r.step_unit)]
        out += _finding_lines(r.findings)
        if r.recommendation is not None:
            out.append("recommendation: %s" % r.recommendation.text)
        out += ["note: %s" % note for note in r.notes]
        if comparison is not None:
            out += ["baseline: " + line for line in _finding_lines(comparison.for_run(r.name))]
        ET.SubElement(case, "system-out").text = _x("\n".join(out))
    if comparison is not None and comparison.notes:
        ET.SubElement(suite, "system-out").text = _x("\n".join(comparison.notes))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# ---------------------------------------------------------------- markdown

_MD_ESCAPE = re.compile(r"([\\`*_\[\]|#])")


def md(s) -> str:
    """Plain text inside a markdown table cell: no HTML, no markup, no cell break."""
    s = text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_ESCAPE.sub(r"\\\1", s)


_BADGE = {"critical": "🔴 critical", "warning": "🟠 warning", "healthy": "🟢 healthy",
          "info": "🔵 info"}


def render_markdown(report, fail_on: str, comparison=None) -> str:
    bad = failing(report, fail_on, comparison)
    counts = {s: sum(r.status == s for r in report.runs) for s in ("critical", "warning",
                                                                   "healthy")}
    what = "regression" if comparison is not None else "finding"
    verdict = ("❌ %d of %d experiments with a %s at or above %s"
               % (len(bad), len(report.runs), what, fail_on) if bad else
               "✅ no %s at or above %s" % (what, fail_on))
    lines = ["### tb-lrsched: %s" % verdict, "",
             "%d experiments in `%s`: %d critical, %d warning, %d healthy."
             % (len(report.runs), md(report.logdir).replace("`", "'"), counts["critical"],
                counts["warning"], counts["healthy"]), ""]
    if report.runs:
        lines += ["| Experiment | Status | Top finding | Recommendation |",
                  "|---|---|---|---|"]
        worst_first = sorted(report.runs, key=lambda r: -model.STATUS_RANK.get(r.status, 0))
        for r in worst_first:
            top = r.top_finding
            finding = "—" if top is None else "**%s**%s: %s" % (md(top.kind), md(_where(top)),
                                                               md(top.message))
            if r.recommendation is not None:
                advice = md(r.recommendation.text)
            elif top is not None:
                advice = md(top.suggestion)
            else:
                advice = "—"
            lines.append("| %s | %s | %s | %s |" % (md(r.name), _BADGE.get(r.status, r.status),
                                                   finding, advice))
        lines.append("")
    if comparison is not None:
        lines.append("#### Compared with baseline `%s`"
                     % md(comparison.baseline).replace("`", "'"))
        lines.append("")
        if comparison.regressions:
            lines += ["| Experiment | What got worse | Severity | Details |", "|---|---|---|---|"]
            for g in comparison.regressions:
                lines.append("| %s | %s | %s | %s |" % (md(g.run), md(g.kind),
                                                       _BADGE.get(g.severity, g.severity),
                                                       md(g.message)))
        else:
            lines.append("No regression against the baseline.")
        lines.append("")
        lines += ["- %s" % md(n) for n in comparison.notes]
    if report.warnings:
        lines += ["- ⚠️ %s" % md(w) for w in report.warnings[:10]]
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- github

def gh_data(s) -> str:
    """Escape a workflow command's message (as GitHub's toolkit does)."""
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(s) -> str:
    """Escape a workflow command's property value (file=, title=)."""
    return gh_data(s).replace(":", "%3A").replace(",", "%2C")


_LEVELS = ("error", "warning", "notice")


def _level(severity: str, fail_on: str) -> str:
    if _at_or_above(severity, fail_on):
        return "error"
    return "warning" if severity in ("warning", "critical") else "notice"


def render_github(report, fail_on: str, comparison=None) -> str:
    """GitHub Actions workflow annotations: ``::error`` for what fails the job,
    ``::warning`` / ``::notice`` for the rest, then one summary line."""
    ranked = []  # (rank, line): GitHub shows only the first 10 of each level per step
    for r in report.runs:
        where = os.path.join(report.logdir, r.runs[0]) if report.logdir and r.runs and \
            r.runs[0] not in (".", "") else (report.logdir or r.name)
        if comparison is not None:
            items = [(g.severity, "regression " + g.kind, g.message)
                     for g in comparison.for_run(r.name)]
        else:
            items = [(f.severity, f.kind, "%s%s: %s Fix: %s" % (f.kind, _where(f), f.message,
                                                                 f.suggestion))
                     for f in r.findings]
        for sev, kind, message in items:
            level = _level(sev, fail_on)
            ranked.append((_LEVELS.index(level), "::%s file=%s,title=%s::%s" % (
                level, gh_property(text(where)),
                gh_property("tb-lrsched %s (%s)" % (kind, text(r.name))), gh_data(message))))
    lines = [line for _, line in sorted(ranked, key=lambda x: x[0])]
    bad = failing(report, fail_on, comparison)
    lines.append("tb-lrsched: %d experiments, %d with a %s at or above %s"
                 % (len(report.runs), len(bad),
                    "regression" if comparison is not None else "finding", fail_on))
    return "\n".join(lines) + "\n"


RENDERERS: Dict[str, Callable[..., str]] = {
    "table": render_table, "json": render_json, "junit": render_junit,
    "markdown": render_markdown, "github": render_github}
FORMATS = tuple(RENDERERS)


def render(fmt: str, report, fail_on: str, comparison=None, color: bool = False) -> str:
    if fmt == "table":
        return render_table(report, fail_on, comparison, color=color)
    return RENDERERS[fmt](report, fail_on, comparison)


__all__ = ["FORMATS", "render", "shorten_names", "text", "gh_data", "gh_property", "md",
           "failing"]
