"""`tb-lrsched check LOGDIR`: the plugin's verdicts in a terminal or CI job.

Exit codes: 0 no finding reaches --fail-on, 1 one does, 2 usage error (also: a
logdir without scalar runs, unless --allow-empty), 3 internal error (a bug:
distinct from "findings" so CI can tell them apart).

A subcommand is a ``(configure, run)`` pair in ``COMMANDS``: ``configure``
adds its options to its parser (``add_logdir_options`` / ``add_output_options``
share the common ones) and ``run(args, out)`` returns the exit code
(``exit_for`` maps a severity gate to it).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Dict, List, Optional, TextIO, Tuple

from tb_lrsched import __version__
from tb_lrsched.cli_formats import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

CHECK_EPILOG = """\
output formats (--format):
  table     readable table, coloured on a terminal (NO_COLOR=1 turns colour off)
  json      one JSON document {"logdir", "runs": [...]} (with --baseline also "baseline")
  junit     JUnit XML, one test case per experiment; findings at or above --fail-on
            are failures (for CI test reporters)
  markdown  compact summary for a pull-request comment or $GITHUB_STEP_SUMMARY
  github    GitHub Actions annotations (::error for what fails, ::warning, ::notice)

exit codes:
  0  no finding (with --baseline: no regression) at or above --fail-on
  1  at least one
  2  usage error: missing or unreadable logdir, bad regex, bad option, or a
     logdir without scalar runs (pass --allow-empty to accept that)
  3  internal error (a bug; TB_LRSCHED_DEBUG=1 shows the traceback)

examples:
  tb-lrsched check runs/
  tb-lrsched check runs/ --fail-on warning --format github
  tb-lrsched check runs/ --format junit > lr-health.xml
  tb-lrsched check runs/ --format markdown >> "$GITHUB_STEP_SUMMARY"
  tb-lrsched check runs/ --format json > baseline.json
  tb-lrsched check runs/ --baseline baseline.json --fail-on warning
  tb-lrsched check runs/ --lr-tag 'optim/lr$' --val-loss-tag 'eval/loss'
"""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2 (not argparse's usage dump)
        raise _UsageError(message)


def add_logdir_options(p: argparse.ArgumentParser) -> None:
    """LOGDIR and the options that decide how it is read (shared by subcommands)."""
    p.add_argument("logdir", help="directory of event files (as for tensorboard --logdir)")
    p.add_argument("--lr-tag", metavar="RE",
                   help="regex searched in 'run/tag' selecting the learning rate")
    p.add_argument("--loss-tag", metavar="RE",
                   help="regex searched in 'run/tag' selecting the training loss")
    p.add_argument("--val-loss-tag", metavar="RE",
                   help="regex searched in 'run/tag' selecting the validation loss")
    p.add_argument("--val-acc-tag", metavar="RE",
                   help="regex searched in 'run/tag' selecting the validation accuracy")
    p.add_argument("--loader", choices=("auto", "rust", "python"), default="auto",
                   help="event-file reader: TensorBoard's Rust data server, its Python loader, "
                        "or auto (Rust when installed; default)")


def add_output_options(p: argparse.ArgumentParser, formats=FORMATS) -> None:
    p.add_argument("--format", choices=formats, default="table",
                   help="output format: %s (default: table; see below)" % ", ".join(formats))
    p.add_argument("--fail-on", choices=("warning", "critical"), default="critical",
                   help="exit 1 when a finding (with --baseline: a regression) of this "
                        "severity or worse exists (default: critical)")


def exit_for(failed: bool) -> int:
    return EXIT_FINDINGS if failed else EXIT_OK


def _configure_check(c: argparse.ArgumentParser) -> None:
    add_logdir_options(c)
    add_output_options(c)
    c.add_argument("--baseline", metavar="OLD",
                   help="compare with a baseline: a logdir or a JSON report saved with "
                        "--format json. Experiments are matched by name; a new finding, a "
                        "higher best validation loss beyond noise or a later best step is a "
                        "regression, and only regressions count for --fail-on")
    c.add_argument("--allow-empty", action="store_true",
                   help="a logdir without scalar runs is not an error (exit 0, empty report)")


def _warn(report, what: str = "") -> None:
    from tb_lrsched.cli_formats import text

    for w in report.warnings[:5]:
        sys.stderr.write("tb-lrsched: warning: %s%s\n" % (what, text(w)))
    if len(report.warnings) > 5:
        sys.stderr.write("tb-lrsched: warning: %s%d more unreadable or corrupt files\n"
                         % (what, len(report.warnings) - 5))


def _read(path: str, args, what: str):
    from tb_lrsched import api

    if what and os.path.isfile(path):
        return api.load_json(path)
    report = api.check(path, lr_tag=args.lr_tag, loss_tag=args.loss_tag,
                       val_loss_tag=args.val_loss_tag, val_acc_tag=args.val_acc_tag,
                       loader=args.loader)
    _warn(report, what)
    return report


def run_check(args, out: TextIO) -> int:
    from tb_lrsched import baseline, cli_formats

    report = _read(args.logdir, args, "")
    if not report.runs and not args.allow_empty:
        raise _UsageError("no scalar runs found in %s (no event files with scalars); check the "
                          "path, or pass --allow-empty to accept an empty logdir"
                          % cli_formats.text(args.logdir))
    comparison = None
    if args.baseline is not None:
        old = _read(args.baseline, args, "baseline: ")
        if not old.runs:
            raise _UsageError("no scalar runs found in the baseline %s"
                              % cli_formats.text(args.baseline))
        comparison = baseline.compare(old, report)
        comparison.baseline = args.baseline
    color = args.format == "table" and hasattr(out, "isatty") and out.isatty() and \
        not os.environ.get("NO_COLOR")
    out.write(cli_formats.render(args.format, report, args.fail_on, comparison, color=color))
    if comparison is not None:
        return exit_for(comparison.failed(args.fail_on))
    return exit_for(report.failed(args.fail_on))


# -- `tb-lrsched sweep` (issue 12): the LR sweeps of a logdir; the work is in tb_lrsched/sweep.py --
SWEEP_EPILOG = """\
A sweep is >= 3 experiments with the same tags, in one folder, whose names agree once an LR
in the name (lr_1e-3, lr=0.01) is blanked out, and whose LRs span >= 1 decade. Each run's LR:
an lr / learning_rate hyperparameter (HParams, the Hugging Face Trainer's args, Lightning's
hparams.yaml), else the LR in its name, else the peak of its LR curve.

exit codes:
  0  no sweep's status reaches --fail-on
  1  one does (critical: every run of a sweep diverged; warning: its best LR is at an end
     of the swept range, so the optimum is probably outside it)
  2  usage error (missing or unreadable logdir, bad regex, bad option)
  3  internal error (a bug; TB_LRSCHED_DEBUG=1 shows the traceback)

examples:
  tb-lrsched sweep runs/
  tb-lrsched sweep runs/ --format json
  tb-lrsched sweep runs/ --fail-on warning
"""


def _configure_sweep(c: argparse.ArgumentParser) -> None:
    add_logdir_options(c)
    c.add_argument("--format", choices=("table", "json"), default="table",
                   help="output format: table or json (default: table)")
    c.add_argument("--fail-on", choices=("warning", "critical"), default="critical",
                   help="exit 1 when a sweep's status is this or worse (default: critical)")


def run_sweep(args, out: TextIO) -> int:
    from tb_lrsched import service, sweep

    overrides = service.overrides_from(lr=args.lr_tag, train_loss=args.loss_tag,
                                       val_loss=args.val_loss_tag, val_acc=args.val_acc_tag)
    doc = sweep.sweeps_of_logdir(args.logdir, overrides, args.loader)
    out.write(sweep.render_json(doc) if args.format == "json" else sweep.render_table(doc))
    return exit_for(sweep.failed(doc, args.fail_on))


COMMANDS: Dict[str, Tuple[str, Callable, Callable, Optional[str]]] = {
    # name: (help, configure(parser), run(args, out) -> exit code, epilog)
    "check": ("print schedule-health verdicts for a logdir", _configure_check, run_check,
              CHECK_EPILOG),
    "sweep": ("find LR sweeps in a logdir and say which LR was best", _configure_sweep,
              run_sweep, SWEEP_EPILOG),
}


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tb-lrsched",
                description="Judge learning-rate schedules from TensorBoard event files.",
                epilog="Run 'tb-lrsched COMMAND --help' for a command's options, exit codes "
                       "and examples.")
    p.add_argument("--version", action="version", version="tb-lrsched %s" % __version__)
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name, (help_, configure, _, epilog) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] +
                                 ".", epilog=epilog,
                                 formatter_class=argparse.RawDescriptionHelpFormatter))
    return p


def main(argv: Optional[List[str]] = None) -> int:
    from tb_lrsched import loader

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command not in COMMANDS:
            raise _UsageError("missing command; usage: tb-lrsched check LOGDIR [options] "
                              "(tb-lrsched --help for more)")
        return COMMANDS[args.command][2](args, sys.stdout)
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
