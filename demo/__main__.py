"""`python -m demo [--logdir demo/logs] [--only NAME,...] [--force] [--curves] [--serve]`."""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from typing import List, Optional

from demo import scenarios

DEFAULT_LOGDIR = os.path.join("demo", "logs")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m demo",
        description="Train small Keras models under good and bad learning-rate schedules "
                    "and write their TensorBoard logs (one folder per scenario).")
    p.add_argument("--logdir", default=DEFAULT_LOGDIR,
                   help="where to write the logs (default: %(default)s)")
    p.add_argument("--only", default="",
                   help="comma-separated scenario names (default: all); see --list")
    p.add_argument("--force", action="store_true",
                   help="retrain scenarios whose logs already exist")
    p.add_argument("--curves", action="store_true",
                   help="also print each scenario's per-epoch losses and LR")
    p.add_argument("--list", action="store_true",
                   help="print the scenario table with expected verdicts and exit")
    p.add_argument("--serve", action="store_true",
                   help="after generating missing logs, run TensorBoard on 127.0.0.1")
    p.add_argument("--port", type=int, default=6006, help="TensorBoard port (default: 6006)")
    return p


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if not math.isfinite(v):
        return "nan" if v != v else ("inf" if v > 0 else "-inf")
    return "%.4g" % v


def _expect(sc: scenarios.Scenario) -> str:
    s = sc.expect_status
    if sc.must:
        s += " [" + ",".join(sc.must) + "]"
    return s


def print_table(out=sys.stdout) -> None:
    for sc in scenarios.SCENARIOS:
        out.write("%-32s expect %-40s %s\n" % (sc.name, _expect(sc), sc.title))
        if sc.must_not:
            out.write("%-32s   must not: %s\n" % ("", ", ".join(sc.must_not)))


def print_curves(summary: dict, out=sys.stdout) -> None:
    c = summary["curves"]
    for key in ("loss", "val_loss", "val_accuracy", "lr_end"):
        vals = c.get(key)
        if vals:
            out.write("    %-12s %s\n" % (key, " ".join(_fmt(v) for v in vals)))


def generate(logdir: str, names: Optional[List[str]] = None, force: bool = False,
             curves: bool = False, out=sys.stdout) -> List[dict]:
    """Train the selected scenarios (skipping complete ones unless `force`)."""
    selected = scenarios.select(names)
    os.makedirs(logdir, exist_ok=True)
    results = []
    t_all = time.time()
    todo = []
    for sc in selected:
        if not force and scenarios.is_complete(logdir, sc.name):
            out.write("%-32s skipped (logs exist; --force to retrain)\n" % sc.name)
        else:
            todo.append(sc)
    out.flush()
    if todo:
        from demo import runner  # imports TensorFlow: only when there is work
    for sc in todo:
        s = runner.run_scenario(sc, logdir)
        results.append(s)
        out.write("%-32s train_loss=%-9s val_loss=%-9s final_lr=%-9s %5.1fs  expect %s\n" % (
            sc.name, _fmt(s["final_train_loss"]), _fmt(s["final_val_loss"]),
            _fmt(s["final_lr"]), s["seconds"], _expect(sc)))
        if curves:
            print_curves(s, out)
        out.flush()
    out.write("%d scenario(s) trained in %.1fs; logs in %s\n"
              % (len(results), time.time() - t_all, logdir))
    return results


def serve(logdir: str, port: int) -> int:
    """Replace this process with TensorBoard on 127.0.0.1 (Ctrl-C stops it)."""
    cmd = [sys.executable, "-m", "tensorboard.main", "--logdir", logdir,
           "--samples_per_plugin=scalars=0", "--host", "127.0.0.1", "--port", str(port)]
    print("TensorBoard: http://127.0.0.1:%d/#lr_health  (Ctrl-C to stop)" % port, flush=True)
    if os.name == "posix":
        os.execv(sys.executable, cmd)  # one process: signals reach TensorBoard directly
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 0


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list:
        print_table()
        return 0
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    try:
        scenarios.select(names)
    except KeyError as e:
        print("error: %s" % e.args[0], file=sys.stderr)
        return 2
    t0 = time.time()
    generate(args.logdir, names, force=args.force, curves=args.curves)
    print("total %.1fs (including TensorFlow start-up)" % (time.time() - t0))
    if args.serve:
        return serve(args.logdir, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
