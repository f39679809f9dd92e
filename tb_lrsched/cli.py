"""`tb-lrsched check LOGDIR`: the plugin's verdicts in a terminal or CI job.

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage error,
3 internal error (a bug: distinct from "findings" so CI can tell them apart).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional, TextIO

from tb_lrsched import model

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_COLORS = {"critical": "\033[31;1m", "warning": "\033[33;1m", "healthy": "\033[32m",
           "info": "\033[36m"}
_RESET = "\033[0m"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2 (not argparse's usage dump)
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tb-lrsched",
                description="Judge learning-rate schedules from TensorBoard event files.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    c = sub.add_parser("check", help="print schedule-health verdicts for a logdir")
    c.add_argument("logdir", help="directory of event files (as for tensorboard --logdir)")
    c.add_argument("--format", choices=("table", "json"), default="table")
    c.add_argument("--fail-on", choices=("warning", "critical"), default="critical",
                   help="exit 1 when a finding of this severity or worse exists (default: critical)")
    c.add_argument("--lr-tag", metavar="RE", help="regex on 'run/tag' selecting the learning rate")
    c.add_argument("--loss-tag", metavar="RE", help="regex on 'run/tag' selecting the training loss")
    c.add_argument("--val-loss-tag", metavar="RE", help="regex selecting the validation loss")
    c.add_argument("--val-acc-tag", metavar="RE", help="regex selecting the validation accuracy")
    c.add_argument("--loader", choices=("auto", "rust", "python"), default="auto",
                   help="event-file reader: TensorBoard's Rust data server or Python loader")
    return p


def run_check(args, out: TextIO) -> int:
    from tb_lrsched import loader, service

    overrides = service.overrides_from(lr=args.lr_tag, train_loss=args.loss_tag,
                                       val_loss=args.val_loss_tag, val_acc=args.val_acc_tag)
    loader.check_logdir(args.logdir)
    skipped = loader.unreadable_paths(args.logdir)
    for path, why in skipped[:5]:
        sys.stderr.write("tb-lrsched: warning: cannot read %s (%s); skipped\n"
                         % (_text(path), why))
    if len(skipped) > 5:
        sys.stderr.write("tb-lrsched: warning: %d more unreadable paths\n" % (len(skipped) - 5))
    with loader.open_provider(args.logdir, args.loader) as (provider, ctx, eid):
        records = service.check_all(provider, ctx, eid, overrides)
        corrupt = loader.read_errors(provider)
    for path, why in corrupt[:5]:
        sys.stderr.write("tb-lrsched: warning: %s in %s; the rest of that file was not read\n"
                         % (why, _text(path)))
    if len(corrupt) > 5:
        sys.stderr.write("tb-lrsched: warning: %d more corrupt event files\n" % (len(corrupt) - 5))
    doc = {"logdir": args.logdir, "runs": records}
    if args.format == "json":
        # NaN/Inf as "NaN"/"Infinity": TensorBoard's own cleanser, as in the routes.
        from tensorboard.backend import json_util

        json.dump(json_util.Cleanse(doc), out, indent=2, allow_nan=False)
        out.write("\n")
    else:
        color = hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")
        out.write(render_table(doc, color=color))
    threshold = model.SEVERITY_RANK[args.fail_on]
    failed = any(model.SEVERITY_RANK.get(f["severity"], 0) >= threshold
                 for r in records for f in r["findings"])
    return EXIT_FINDINGS if failed else EXIT_OK


def _steps(f: dict) -> str:
    a, b = f.get("start_step"), f.get("end_step")
    if a is None and b is None:
        return "-" if f.get("step") is None else str(f["step"])
    if a == b or b is None:
        return str(a)
    if a is None:
        return str(b)
    return "%s-%s" % (a, b)


def _paint(text: str, key: str, color: bool) -> str:
    return "%s%s%s" % (_COLORS[key], text, _RESET) if color and key in _COLORS else text


def render_table(doc: dict, color: bool = False) -> str:
    runs = doc["runs"]
    if not runs:
        return "No scalar runs found in %s\n" % doc["logdir"]
    runs = [dict(r, run=_text(r["run"])) for r in runs]
    width = min(48, max(len("EXPERIMENT"), max(len(r["run"]) for r in runs)))
    lines = ["%-*s  %-8s  %s" % (width, "EXPERIMENT", "STATUS", "FINDINGS")]
    for r in runs:
        kinds = ", ".join("%s@%s" % (_text(f["kind"]), _steps(f)) for f in r["findings"]) or "-"
        status = "%-8s" % r["status"]
        lines.append("%-*s  %s  %s" % (width, _clip(r["run"], width),
                                       _paint(status, r["status"], color), kinds))
    lines.append("")
    for r in runs:
        if not r["findings"] and not r.get("notes"):
            continue
        lines.append("%s (%s; x axis: %s)" % (r["run"], _paint(r["status"], r["status"], color),
                                              r.get("step_unit", "step")))
        for f in r["findings"]:
            lines.append("  [%s] %s at %s: %s" % (_paint(f["severity"], f["severity"], color),
                                                  _text(f["kind"]), _steps(f), _text(f["message"])))
            lines.append("      fix: %s" % _text(f["suggestion"]))
        for note in r.get("notes", []):
            lines.append("  note: %s" % _text(note))
    return "\n".join(lines) + "\n"


def _text(s) -> str:
    """Names come from directory and tag names: show control characters
    (terminal escape sequences, newlines, bidi overrides) as escapes instead
    of letting them act on the user's terminal."""
    s = str(s)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() else
                   ("\\x%02x" % ord(c) if ord(c) < 0x100 else "\\u%04x" % ord(c))
                   for c in s)


def _clip(s: str, n: int) -> str:
    """Shorten from the left: the end of a run path is what tells runs apart."""
    return s if len(s) <= n else "…" + s[len(s) - n + 1:]


def main(argv: Optional[List[str]] = None) -> int:
    from tb_lrsched import loader

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command != "check":
            raise _UsageError("missing command; usage: tb-lrsched check LOGDIR [options]")
        return run_check(args, sys.stdout)
    except _UsageError as e:
        sys.stderr.write("tb-lrsched: error: %s\n" % e)
        return EXIT_USAGE
    except (loader.LogdirError, ValueError, OSError) as e:
        text = str(e).strip().splitlines()
        sys.stderr.write("tb-lrsched: error: %s\n" % (text[0] if text else type(e).__name__))
        return EXIT_USAGE
    except Exception as e:  # a bug: say so in one line, with its own exit code
        if os.environ.get("TB_LRSCHED_DEBUG"):
            raise
        text = str(e).strip().splitlines()
        sys.stderr.write("tb-lrsched: internal error (%s): %s; set TB_LRSCHED_DEBUG=1 for "
                         "the traceback\n" % (type(e).__name__, text[0] if text else ""))
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
