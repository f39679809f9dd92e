"""Train the missing runs of the generalisation corpus, and plot them for review.

    python -m benchmarks.corpus.generate --out benchmarks/data/corpus [--writer W] [--only NAME]
                                         [--plots DIR] [--list]

Every ``benchmarks/corpus/sc_<writer>.py`` exposes ``SCENARIOS``; each (scenario, seed) is
trained into ``<out>/<writer>/<scenario>__s<seed>/`` unless its summary marker
(``common.MARKER``) is already there. One training at a time (CPU-light).

``--plots DIR`` renders, from the event files themselves (what ``tb-lrsched check`` reads),
one PNG per run: the LR tags on their own log axis (points where the LR is exactly 0 are
drawn on the bottom edge in red and counted), then the loss tags with the accuracy-like tags
on a second y axis; plus contact sheets of 12 runs (``sheet_<writer>_<n>.png``).
"""

from __future__ import annotations

import argparse
import glob
import importlib
import os
import shutil
import sys
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks.corpus import common  # noqa: E402
from benchmarks.corpus.schema import WRITERS, run_key  # noqa: E402


def modules(writer: Optional[str] = None) -> List[object]:
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, "sc_*.py"))):
        name = os.path.basename(path)[3:-3]
        if writer and name != writer:
            continue
        out.append(importlib.import_module("benchmarks.corpus.sc_" + name))
    return out


def scenarios(writer: Optional[str] = None) -> list:
    out = []
    for m in modules(writer):
        out.extend(m.SCENARIOS)
    names = [s.name for s in out]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit("duplicate scenario names: %s" % ", ".join(sorted(dup)))
    return out


def run_dir(out: str, sc, seed: int) -> str:
    return os.path.join(out, run_key(sc, seed))


def train_missing(out: str, scs: list, log=sys.stdout) -> Dict[str, float]:
    times = {}
    for sc in scs:
        for seed in sc.seeds:
            d = run_dir(out, sc, seed)
            if common.done(d):
                continue
            if os.path.isdir(d):  # a half-written run from an interrupted generation
                shutil.rmtree(d)
            os.makedirs(d)
            t0 = time.time()
            summ = sc.train(d, seed)
            summ = dict(summ, scenario=sc.name, key=run_key(sc, seed), family=sc.family,
                        classes=list(sc.classes), split=sc.split(seed))
            common.write_summary(d, summ)
            times[run_key(sc, seed)] = time.time() - t0
            log.write("  %-52s %6.1fs\n" % (run_key(sc, seed), times[run_key(sc, seed)]))
            log.flush()
    return times


# -- plots ------------------------------------------------------------------------------

def read_scalars(root: str) -> Dict[str, tuple]:
    """'<sub>/<tag>' -> (steps, values) from every event file under root (full data)."""
    import numpy as np
    from tensorboard.backend.event_processing import event_accumulator as ea
    from tensorboard.util import tensor_util
    out = {}
    dirs = sorted({os.path.dirname(p) for p in glob.glob(os.path.join(root, "**", "*tfevents*"),
                                                        recursive=True)})
    for d in dirs:
        acc = ea.EventAccumulator(d, size_guidance={ea.SCALARS: 0, ea.TENSORS: 0})
        acc.Reload()
        sub = os.path.relpath(d, root)
        prefix = "" if sub == "." else sub + "/"
        tags = acc.Tags()
        for t in tags.get("scalars", []):
            ev = acc.Scalars(t)
            out[prefix + t] = (np.array([e.step for e in ev]), np.array([e.value for e in ev]))
        for t in tags.get("tensors", []):
            ev = acc.Tensors(t)
            try:
                vals = [float(tensor_util.make_ndarray(e.tensor_proto)) for e in ev]
            except (TypeError, ValueError):
                continue
            out[prefix + t] = (np.array([e.step for e in ev]), np.array(vals))
    return out


def _role(tag: str) -> str:
    t = tag.lower()
    last = t.rsplit("/", 1)[-1]
    if "learning_rate" in t or "learning rate" in t or last.startswith("lr") or "/lr" in t \
            or t.startswith("lr") or "lr-" in t or "lr_" in last:
        return "lr"
    if any(w in t for w in ("acc", "map", "return", "reward", "f1")):
        return "acc"
    if "loss" in t or "mse" in t:
        return "loss"
    return "other"


def plot_run(root: str, key: str, png: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    data = read_scalars(root)
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7, 5.4), sharex=True,
                                 gridspec_kw={"height_ratios": [1, 1.6]})
    a3 = a2.twinx()
    lr_tags = [t for t in data if _role(t) == "lr"]
    nz_min = None
    for t in lr_tags:
        s, v = data[t]
        pos = v[v > 0]
        if len(pos):
            nz_min = pos.min() if nz_min is None else min(nz_min, pos.min())
    floor = (nz_min or 1e-8) / 10
    zeros_total = 0
    for t in lr_tags:
        s, v = data[t]
        pos = v > 0
        a1.plot(s[pos], v[pos], lw=1, label=t)
        z = ~pos
        if z.any():
            zeros_total += int(z.sum())
            a1.plot(s[z], np.full(z.sum(), floor), "rx", ms=3)
    if lr_tags:
        a1.set_yscale("log")
        if zeros_total:
            a1.text(0.01, 0.05, "LR = 0 at %d points (red, bottom)" % zeros_total,
                    transform=a1.transAxes, color="red", fontsize=8)
        a1.legend(fontsize=6, loc="upper right")
    else:
        a1.text(0.4, 0.5, "no LR logged", transform=a1.transAxes)
    a1.set_ylabel("LR")
    lo, hi = None, None
    for t in data:
        r = _role(t)
        s, v = data[t]
        if r in ("loss", "other"):
            fin = v[np.isfinite(v)]
            kw = {"lw": 0.7 if len(v) > 60 else 1.2}
            if len(v) <= 60:
                kw["marker"] = "."
            a2.plot(s, v, label=t, **kw)
            nan = ~np.isfinite(v)
            if nan.any():
                a2.plot(s[nan], np.full(nan.sum(), np.nanmax(fin) if len(fin) else 1), "k^",
                        ms=5, label="NaN/Inf")
            fin = fin[fin > 0]
            if len(fin):
                lo = fin.min() if lo is None else min(lo, fin.min())
                hi = fin.max() if hi is None else max(hi, fin.max())
        elif r == "acc":
            a3.plot(s, v, "--", lw=1, label=t, marker="." if len(v) <= 60 else None)
    if lo is not None and hi / lo > 30:
        a2.set_yscale("log")
    a2.set_ylabel("loss")
    a3.set_ylabel("acc / return")
    h1, l1 = a2.get_legend_handles_labels()
    h2, l2 = a3.get_legend_handles_labels()
    a2.legend(h1 + h2, l1 + l2, fontsize=6, loc="upper right")
    a2.set_xlabel("step")
    fig.suptitle(key, fontsize=9)
    fig.tight_layout()
    fig.savefig(png, dpi=80)
    plt.close(fig)


def contact_sheets(pngs: List[tuple], out_dir: str, per: int = 12) -> List[str]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sheets = []
    by_writer: Dict[str, list] = {}
    for key, p in pngs:
        by_writer.setdefault(key.split("/")[0], []).append((key, p))
    for w, items in sorted(by_writer.items()):
        for i in range(0, len(items), per):
            chunk = items[i:i + per]
            fig, axes = plt.subplots(4, 3, figsize=(21, 22))
            for ax in axes.flat:
                ax.axis("off")
            for ax, (_key, p) in zip(axes.flat, chunk):
                ax.imshow(plt.imread(p))
            fig.tight_layout()
            path = os.path.join(out_dir, "sheet_%s_%02d.png" % (w, i // per + 1))
            fig.savefig(path, dpi=55)
            plt.close(fig)
            sheets.append(path)
    return sheets


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.corpus.generate")
    p.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "data", "corpus"))
    p.add_argument("--writer", choices=WRITERS)
    p.add_argument("--only", help="comma-separated scenario names (or name prefixes*)")
    p.add_argument("--plots", metavar="DIR", help="render PNGs and contact sheets into DIR")
    p.add_argument("--no-train", action="store_true", help="only plot what exists")
    p.add_argument("--list", action="store_true")
    a = p.parse_args(argv)
    scs = scenarios(a.writer)
    if a.only:
        pats = a.only.split(",")
        scs = [s for s in scs if any(s.name == q or (q.endswith("*") and s.name.startswith(q[:-1]))
                                     for q in pats)]
    if a.list:
        for s in scs:
            print("%-14s %-34s %-16s seeds=%s test=%s  %s" % (
                s.writer, s.name, s.family, s.seeds, s.test_seeds, ",".join(s.classes)))
        return 0
    out = os.path.abspath(a.out)
    if not a.no_train:
        t0 = time.time()
        print("training missing runs into %s ..." % out, flush=True)
        times = train_missing(out, scs)
        print("generation: %d runs in %.1fs" % (len(times), time.time() - t0), flush=True)
    if a.plots:
        os.makedirs(a.plots, exist_ok=True)
        pngs = []
        for sc in scs:
            for seed in sc.seeds:
                d = run_dir(out, sc, seed)
                if not common.done(d):
                    continue
                key = run_key(sc, seed)
                png = os.path.join(a.plots, key.replace("/", "__") + ".png")
                plot_run(d, key, png)
                pngs.append((key, png))
        sheets = contact_sheets(pngs, a.plots)
        print("plots: %d runs, %d contact sheets in %s" % (len(pngs), len(sheets), a.plots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
