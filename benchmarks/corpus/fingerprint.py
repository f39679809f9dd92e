"""Fingerprints of the runs the labels were decided on, to catch a regeneration that changed.

Trainings do not reproduce bit for bit across machines, and a few chaotic ones (a far too high
LR, a resumed run, Adam at a large LR) change shape from one regeneration to the next: a label
decided on one machine's plot can be wrong for the next machine's run. Each session so far
found that by re-checking every plot. A fingerprint makes it a lookup: for every loss curve of
a run, the median of log10(loss) over each eighth of its steps (and whether it has NaN/Inf),
recorded when the labels were last checked against the plots. A run whose fingerprint moved by
more than ``TOLERANCE`` decades (2x) in some eighth, or gained or lost a curve or a NaN, is
*changed*: its label must be re-checked against its new plot before it is scored.

No verdict-engine code is involved: the curves are read with the plotting reader
(:func:`benchmarks.corpus.runkit.read_scalars`) that labellers use.

    python -m benchmarks.corpus.fingerprint --write    # record (after a plot re-check)
    python -m benchmarks.corpus.fingerprint --check    # list the changed runs
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Dict, List, Optional

import numpy as np

from benchmarks.corpus import runkit

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "fingerprints.json")
PARTS = 8
TOLERANCE = math.log10(2.0)  # decades


def fingerprint(run_dir: str) -> Dict[str, object]:
    """{loss tag: [median log10 |loss| of each eighth of its steps (None if none finite)],
    "nonfinite": [loss tags with NaN/Inf]}."""
    curves: Dict[str, List[Optional[float]]] = {}
    bad: List[str] = []
    for tag, (steps, values) in sorted(runkit.read_scalars(run_dir).items()):
        if runkit.panel_of(tag) != "loss" or steps.shape[0] == 0:
            continue
        fin = np.isfinite(values)
        if not fin.all():
            bad.append(tag)
        lo, hi = float(steps[0]), float(steps[-1])
        edges = np.linspace(lo, hi, PARTS + 1)
        part = np.clip(np.searchsorted(edges, steps, side="right") - 1, 0, PARTS - 1)
        logs = np.log10(np.maximum(np.abs(values), 1e-30))
        meds: List[Optional[float]] = []
        for k in range(PARTS):
            sel = fin & (part == k)
            meds.append(round(float(np.median(logs[sel])), 3) if sel.any() else None)
        curves[tag] = meds
    return {"curves": curves, "nonfinite": bad}


def differs(old: Dict[str, object], new: Dict[str, object],
            tol: float = TOLERANCE) -> Optional[str]:
    """Why ``new`` is not the run ``old`` was taken from (None when it is)."""
    oc, nc = old.get("curves", {}), new.get("curves", {})
    assert isinstance(oc, dict) and isinstance(nc, dict)
    if set(oc) != set(nc):
        return "loss curves %s -> %s" % (sorted(oc), sorted(nc))
    if sorted(old.get("nonfinite", [])) != sorted(new.get("nonfinite", [])):  # type: ignore
        return "NaN/Inf in %s -> %s" % (old.get("nonfinite"), new.get("nonfinite"))
    for tag in sorted(oc):
        for k, (a, b) in enumerate(zip(oc[tag], nc[tag])):
            if (a is None) != (b is None):
                return "%s: eighth %d has finite points in only one" % (tag, k + 1)
            if a is not None and abs(a - b) > tol:
                return "%s: eighth %d moved %.2f decades (10^%.2f -> 10^%.2f)" % (
                    tag, k + 1, abs(a - b), a, b)
    return None


def load(path: str = PATH) -> Dict[str, Dict[str, object]]:
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        doc = json.load(f)
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def changed(data: str, keys, recorded: Dict[str, Dict[str, object]]) -> Dict[str, str]:
    """run key -> why its run differs from its fingerprint (runs with one, present in data)."""
    out = {}
    for key in sorted(keys):
        old = recorded.get(key)
        d = os.path.join(data, key)
        if old is None or not os.path.isdir(d):
            continue
        why = differs(old, fingerprint(d))
        if why:
            out[key] = why
    return out


def _write(doc: Dict[str, Dict[str, object]], note: str, path: str = PATH) -> None:
    with open(path, "w") as f:
        f.write("{\n")
        f.write(' "_about": %s,\n' % json.dumps(note))
        items = sorted(doc.items())
        for i, (k, v) in enumerate(items):
            f.write(" %s: %s%s\n" % (json.dumps(k), json.dumps(v, separators=(",", ":")),
                                     "," if i < len(items) - 1 else ""))
        f.write("}\n")


def main(argv=None) -> int:
    from benchmarks import corpus_accuracy as ca
    p = argparse.ArgumentParser(prog="python -m benchmarks.corpus.fingerprint")
    p.add_argument("--data", default=ca.DEFAULT_DATA)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", metavar="NOTE",
                   help="record every labelled run present in --data (only right after its "
                        "plot was checked against its label); NOTE says when and where")
    g.add_argument("--check", action="store_true", help="list the runs that changed")
    a = p.parse_args(argv)
    labs = ca.load_labels()
    if a.write:
        doc = load()
        for key in sorted(labs):
            d = os.path.join(a.data, key)
            if os.path.isdir(d):
                doc[key] = fingerprint(d)
        _write(doc, a.write)
        print("%d fingerprints in %s" % (len(doc), PATH))
        return 0
    rec = load()
    ch = changed(a.data, labs, rec)
    print("%d labelled runs, %d with a fingerprint; %d changed since their labels were checked"
          % (len(labs), len([k for k in labs if k in rec]), len(ch)))
    for k, why in ch.items():
        print("  %s: %s" % (k, why))
    return 1 if ch else 0


if __name__ == "__main__":
    sys.exit(main())
