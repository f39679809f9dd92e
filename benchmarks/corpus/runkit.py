"""Helpers shared by sc_keras.py, sc_lightning.py and sc_hf.py: tiny data sets, the
``python -m benchmarks.corpus.sc_<writer>`` command line, and plots of event files.

Data is synthetic or bundled with scikit-learn (no downloads). Plots read the event files
with TensorBoard's own ``EventAccumulator`` (never the engine), one figure per run and contact
sheets of ~12 runs, for labelling by eye:

    python -m benchmarks.corpus.sc_keras --out benchmarks/data/corpus --plots /work/scratch/plots2
    python -m benchmarks.corpus.runkit --plot-tree /work/shared/realdata --plots DIR

A run is complete when ``<run_dir>/_done.json`` exists (written after training, holding the
summary ``train`` returned and the training time) or generate.py's marker does; both are written.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from benchmarks.corpus.schema import run_key

DONE = "_done.json"


# --------------------------------------------------------------------------- data
def digits(seed: int, n_train: Optional[int] = None):
    """sklearn's 8x8 digits (10 classes, chance loss ln 10 = 2.30), standardised, split."""
    from sklearn.datasets import load_digits
    x, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(y))
    x = (x / 16.0 - 0.3) / 0.4
    x, y = x[idx].astype("float32"), y[idx].astype("int64")
    cut = 1300 if n_train is None else n_train
    return x[:cut], y[:cut], x[1300:], y[1300:]


def binary(seed: int, n: int = 2400, flip_y: float = 0.02, n_features: int = 20,
           class_sep: float = 1.0):
    """make_classification, two balanced classes (chance loss ln 2 = 0.693)."""
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=n, n_features=n_features, n_informative=10,
                               n_redundant=4, flip_y=flip_y, class_sep=class_sep,
                               random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    cut = int(n * 0.75)
    return x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")


def regression(seed: int, n: int = 1500, noise: float = 10.0):
    from sklearn.datasets import make_regression
    x, y = make_regression(n_samples=n, n_features=12, n_informative=8, noise=noise,
                           random_state=seed)
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    y = (y / y.std()).astype("float32")
    cut = int(n * 0.75)
    return x[:cut], y[:cut], x[cut:], y[cut:]


def sequences(seed: int, n: int = 1600, length: int = 16, vocab: int = 12):
    """Token sequences; label = which of tokens 1 and 2 occurs more often (ties -> 0)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, vocab, size=(n, length)).astype("int64")
    y = ((x == 1).sum(1) > (x == 2).sum(1)).astype("int64")
    cut = int(n * 0.75)
    return x[:cut], y[:cut], x[cut:], y[cut:]


# --------------------------------------------------------------------------- reading
def read_scalars(run_dir: str) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """Every scalar under run_dir: ``{"<subdir>/<tag>": (steps, values)}`` (full resolution)."""
    from tensorboard.backend.event_processing import event_accumulator as ea
    out: Dict[str, Tuple[np.ndarray, np.ndarray]] = {}
    for root, _dirs, files in sorted(os.walk(run_dir)):
        if not any(f.startswith("events.out.tfevents") for f in files):
            continue
        acc = ea.EventAccumulator(root, size_guidance={ea.SCALARS: 0, ea.TENSORS: 0})
        acc.Reload()
        rel = os.path.relpath(root, run_dir)
        prefix = "" if rel == "." else rel + "/"
        tags = acc.Tags()
        for tag in tags.get("scalars", []):
            ev = acc.Scalars(tag)
            out[prefix + tag] = (np.array([e.step for e in ev], float),
                                 np.array([e.value for e in ev], float))
        for tag in tags.get("tensors", []):
            ev = acc.Tensors(tag)
            vals = []
            for e in ev:
                try:
                    from tensorboard.util import tensor_util
                    arr = tensor_util.make_ndarray(e.tensor_proto)
                    if arr.size != 1:
                        vals = None
                        break
                    vals.append(float(arr.reshape(())))
                except Exception:
                    vals = None
                    break
            if vals:
                out[prefix + tag] = (np.array([e.step for e in ev], float), np.array(vals))
    return out


_LR = re.compile(r"(^|[/_\- ])(lr|learning[_ ]?rate)([/_\-0-9 ]|$)|^lr-|/lr-|learning rate|lr\d",
                 re.I)
_METRIC = re.compile(r"acc|precision|recall|map|f1|reward|mcc|iou|dice|auroc", re.I)


def panel_of(tag: str) -> Optional[str]:
    low = tag.lower()
    if _LR.search(low):
        return "lr"
    if "loss" in low:
        return "loss"
    if _METRIC.search(low):
        return "metric"
    return None


def _is_epoch_axis(tag: str) -> bool:
    base = tag.rsplit("/", 1)[-1]
    return base.startswith("epoch_")


# --------------------------------------------------------------------------- plotting
def _draw(axes, series, title: str):
    lr_ax, loss_ax, met_ax = axes
    groups: Dict[str, List[Tuple[str, np.ndarray, np.ndarray]]] = {"lr": [], "loss": [],
                                                                    "metric": []}
    max_step = max([s.max() for t, (s, v) in series.items()
                    if len(s) and not _is_epoch_axis(t)] or [1.0]) or 1.0
    n_ep = max([s.max() + 1 for t, (s, v) in series.items()
                if len(s) and _is_epoch_axis(t)] or [1.0])
    for tag, (s, v) in sorted(series.items()):
        p = panel_of(tag)
        if p is None or not len(s) or "vs_iterations" in tag:
            continue
        x = (s + 1) / n_ep if _is_epoch_axis(tag) else s / max_step
        groups[p].append((tag, x, v))
    # LR: log axis, zeros drawn as red marks on the floor
    pos = [v[v > 0] for _, _, v in groups["lr"] if np.any(v > 0)]
    floor = (min(p.min() for p in pos) / 10.0) if pos else 1e-8
    for tag, x, v in groups["lr"][:6]:
        vv = np.where(v > 0, v, np.nan)
        lr_ax.plot(x, vv, lw=1, marker="." if len(v) < 60 else None, ms=3, label=tag[-28:])
        z = v <= 0
        if np.any(z):
            lr_ax.plot(x[z], np.full(z.sum(), floor), "r|", ms=6,
                       label="LR=0 (%d pts)" % z.sum())
    if pos:
        lr_ax.set_yscale("log")
    lr_ax.set_title(title, fontsize=8)
    if not groups["lr"]:
        lr_ax.text(0.5, 0.5, "no LR logged", ha="center", va="center", transform=lr_ax.transAxes)
    ymin, ymax = np.inf, -np.inf
    for tag, x, v in groups["loss"][:8]:
        fin = np.isfinite(v)
        loss_ax.plot(x, v, lw=0.8, marker="." if len(v) < 60 else None, ms=3, label=tag[-30:])
        if np.any(~fin):
            loss_ax.plot(x[~fin], np.zeros((~fin).sum()), "rx", ms=5, label="NaN/Inf")
        if np.any(fin):
            ymin, ymax = min(ymin, v[fin].min()), max(ymax, v[fin].max())
    if np.isfinite(ymin) and ymin > 0 and ymax / ymin > 30:
        loss_ax.set_yscale("log")
    for tag, x, v in groups["metric"][:6]:
        met_ax.plot(x, v, lw=0.8, marker="." if len(v) < 60 else None, ms=3, label=tag[-30:])
    for ax in axes:
        ax.tick_params(labelsize=6)
        ax.grid(alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=5, loc="best")
    met_ax.set_xlabel("fraction of run (steps / epochs)", fontsize=6)


def plot_runs(items: Sequence[Tuple[str, str]], out_png: str, cols: int = 4):
    """items: (title, run_dir). One contact sheet, each run a column of LR/loss/metric axes."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    n = len(items)
    cols = min(cols, n)
    rows = int(math.ceil(n / cols))
    fig, axs = plt.subplots(rows * 3, cols, figsize=(5.2 * cols, 6.6 * rows), squeeze=False,
                            gridspec_kw={"height_ratios": [1, 1.4, 0.9] * rows})
    for i, (title, run_dir) in enumerate(items):
        r, c = divmod(i, cols)
        axes = [axs[3 * r + k][c] for k in range(3)]
        try:
            _draw(axes, read_scalars(run_dir), title)
        except Exception as e:  # a broken file must not stop a contact sheet
            axes[0].set_title("%s: %s" % (title, e), fontsize=7)
    for j in range(n, rows * cols):
        r, c = divmod(j, cols)
        for k in range(3):
            axs[3 * r + k][c].axis("off")
    fig.tight_layout()
    os.makedirs(os.path.dirname(out_png) or ".", exist_ok=True)
    fig.savefig(out_png, dpi=72)
    plt.close(fig)


def contact_sheets(items: Sequence[Tuple[str, str]], plots: str, stem: str, per: int = 12):
    paths = []
    for k in range(0, len(items), per):
        p = os.path.join(plots, "%s_%02d.png" % (stem, k // per + 1))
        plot_runs(items[k:k + per], p)
        paths.append(p)
    return paths


# --------------------------------------------------------------------------- command line
def is_done(d: str) -> bool:
    """Trained by this module (``_done.json``) or by ``generate.py`` (its marker)."""
    from benchmarks.corpus import common
    return os.path.exists(os.path.join(d, DONE)) or common.done(d)


def run_dir_of(out: str, sc, seed: int) -> str:
    return os.path.join(out, sc.writer, "%s__s%d" % (sc.name, seed))


def module_main(prog: str, scenarios, argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog=prog)
    p.add_argument("--out", default=os.path.join("benchmarks", "data", "corpus"))
    p.add_argument("--only", action="append", default=[],
                   help="scenario name (repeatable); default all")
    p.add_argument("--seed", type=int, action="append", default=[])
    p.add_argument("--plots", default=None, help="directory for the PNGs (outside the repo)")
    p.add_argument("--force", action="store_true")
    p.add_argument("--plot-only", action="store_true", help="train nothing, plot what exists")
    a = p.parse_args(argv)
    chosen = [s for s in scenarios if not a.only or s.name in a.only]
    if a.only and len(chosen) != len(set(a.only)):
        known = {s.name for s in scenarios}
        p.error("unknown scenario(s): %s" % ", ".join(sorted(set(a.only) - known)))
    total, items = 0.0, []
    for sc in chosen:
        for seed in sc.seeds:
            if a.seed and seed not in a.seed:
                continue
            d = run_dir_of(a.out, sc, seed)
            items.append(("%s/%s__s%d [%s]" % (sc.writer, sc.name, seed, sc.split(seed)), d))
            if a.plot_only or (is_done(d) and not a.force):
                continue
            if os.path.isdir(d):
                import shutil
                shutil.rmtree(d)
            os.makedirs(d)
            t0 = time.time()
            try:
                summary = sc.train(d, seed)
            except Exception:  # one broken scenario must not stop the others
                import traceback
                traceback.print_exc()
                print("FAILED %s__s%d" % (sc.name, seed), flush=True)
                continue
            dt = time.time() - t0
            total += dt
            with open(os.path.join(d, DONE), "w") as f:
                json.dump({"seconds": round(dt, 2), "summary": summary}, f, default=str)
            # generate.py's own completion marker, so that it does not train this run again
            from benchmarks.corpus import common
            common.write_summary(d, dict(summary, scenario=sc.name, key=run_key(sc, seed),
                                         family=sc.family, classes=list(sc.classes),
                                         split=sc.split(seed), seconds=round(dt, 2)))
            print("%-10s %-44s %6.1fs  %s" % (sc.writer, "%s__s%d" % (sc.name, seed), dt,
                                              json.dumps(summary, default=str)[:150]),
                  flush=True)
    print("%s: trained in %.1fs" % (prog, total), flush=True)
    if a.plots:
        items = [(t, d) for t, d in items if is_done(d)]
        for title, d in items:
            plot_runs([(title, d)], os.path.join(a.plots, "runs",
                                                  os.path.relpath(d, a.out).replace("/", "__")
                                                  + ".png"), cols=1)
        stem = chosen[0].writer if chosen else "none"
        for pth in contact_sheets(items, a.plots, stem):
            print(pth)
    return 0


def _main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.corpus.runkit")
    p.add_argument("--plot-tree", required=True, help="root; plots every run listed in --runs")
    p.add_argument("--runs", required=True, help="file with one run path (relative) a line")
    p.add_argument("--plots", required=True)
    p.add_argument("--stem", default="realdata")
    a = p.parse_args(argv)
    with open(a.runs) as f:
        names = [ln.strip() for ln in f if ln.strip()]
    items = [(n, os.path.join(a.plot_tree, n)) for n in names]
    for n, d in items:
        plot_runs([(n, d)], os.path.join(a.plots, "runs", n.replace("/", "__") + ".png"), cols=1)
    for pth in contact_sheets(items, a.plots, a.stem):
        print(pth)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
