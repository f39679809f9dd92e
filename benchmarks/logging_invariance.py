"""Do the verdicts survive a coarser logging interval? (issue 10: runs "like" the labelled ones)

    python -m benchmarks.logging_invariance [--data benchmarks/data/corpus] [--every 4]
                                            [--split seen|dev|test|<held-out split>]
                                            [--min-points 400] [--aggregate-only]

The same training logged less often is the same training: a practitioner who sets
``logging_steps=20`` instead of 5 expects the same verdict, except where the coarser log no
longer holds what the finding was about (a one-batch spike between two logged points). For
every labelled corpus run of the chosen split whose training loss is logged per step (>=
``--min-points`` points, >= 20 per validation evaluation), this reads the run exactly as
``tb-lrsched check`` does (TensorBoard's data provider, ``tb_lrsched.service``), keeps every
``--every``-th point of the training loss and of every LR series -- what a writer with that
logging interval would have written -- leaves the validation curves alone, and judges both
versions with the engine. It prints how many statuses and warning/critical kinds changed, and
how many statuses went from right to wrong (and back) against the run's label.

``seen`` (the default) is every split except ``test``. ``--split test`` prints the counts
only (``--aggregate-only`` is forced): the test split is not for tuning. Needs the generated
corpus (``python -m benchmarks.corpus.generate``).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import sys
from typing import Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import corpus_accuracy as ca  # noqa: E402

PER_EVAL = 20  # a per-step loss: >= 20 logged points per validation evaluation


def _thin(series, every: int):
    from tb_lrsched.model import Series

    if series is None:
        return None
    return Series(series.steps[::every], series.values[::every], series.wall_times[::every],
                  series.run, series.tag, series.sampled)


def _experiments(run_dir: str) -> list:
    """The run's experiments as ``tb-lrsched check`` reads them (``api.check`` keeps each
    report's aligned series)."""
    from tb_lrsched import api

    return [r.series for r in api.check(run_dir) if r.series is not None]


def _severe(rep) -> Tuple[str, ...]:
    return tuple(sorted({f["kind"] for f in rep["findings"] if f["severity"] != "info"}))


def compare(run_dir: str, every: int, min_points: int) -> Optional[Tuple[str, str, tuple, tuple]]:
    """(status full, status thinned, kinds full, kinds thinned) of the run's one experiment,
    or None when it is not a per-step run this benchmark reads."""
    from tb_lrsched import analysis

    exps = _experiments(run_dir)
    if len(exps) != 1:
        return None
    exp = exps[0]
    tl = exp.train_loss
    if tl is None or exp.step_unit != "step" or tl.steps.shape[0] < min_points:
        return None
    if exp.val_loss is not None and exp.val_loss.steps.shape[0] * PER_EVAL > tl.steps.shape[0]:
        return None
    coarse = dataclasses.replace(
        exp, train_loss=_thin(tl, every), lr=_thin(exp.lr, every),
        extra_lrs={k: _thin(v, every) for k, v in exp.extra_lrs.items()})
    a, b = analysis.analyze(exp), analysis.analyze(coarse)
    return a["status"], b["status"], _severe(a), _severe(b)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.logging_invariance",
                                description=__doc__.split("\n")[0])
    p.add_argument("--data", default=ca.DEFAULT_DATA)
    p.add_argument("--every", type=int, default=4, help="keep every N-th training point")
    p.add_argument("--split", default="seen")
    p.add_argument("--min-points", type=int, default=400)
    p.add_argument("--aggregate-only", action="store_true")
    a = p.parse_args(argv)
    labs = ca.load_labels()
    if a.split == "seen":
        keys = [k for k, v in labs.items() if v["split"] != "test"]
    else:
        keys = [k for k, v in labs.items() if v["split"] == a.split]
    quiet = a.aggregate_only or a.split == "test"
    counts: Dict[str, int] = collections.Counter()
    kinds: Dict[str, int] = collections.Counter()
    for key in sorted(keys):
        d = os.path.join(a.data, key)
        if not os.path.isdir(d):
            counts["absent"] += 1
            continue
        got = compare(d, a.every, a.min_points)
        if got is None:
            continue
        full, thin, kf, kt = got
        counts["runs"] += 1
        want = labs[key]["status"]
        counts["right, full"] += full == want
        counts["right, thinned"] += thin == want
        if full != thin:
            counts["status changed"] += 1
            counts["right -> wrong"] += full == want and thin != want
            counts["wrong -> right"] += full != want and thin == want
        if kf != kt:
            counts["kinds changed"] += 1
            for k in set(kf) ^ set(kt):
                kinds[("lost " if k in kf else "new ") + k] += 1
        if (full != thin or kf != kt) and not quiet:
            print("  %-58s label %-8s full %-8s (%s) -> every %d: %-8s (%s)"
                  % (key, want, full, ",".join(kf) or "-", a.every, thin, ",".join(kt) or "-"))
    print("split %s, training loss and LR kept every %d points: %d per-step runs"
          % (a.split, a.every, counts["runs"]))
    for k in ("right, full", "right, thinned", "status changed", "right -> wrong",
              "wrong -> right", "kinds changed"):
        print("  %-16s %d" % (k, counts[k]))
    if kinds:
        print("  kinds: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    if counts["absent"]:
        print("  (%d labelled runs not generated in %s)" % (counts["absent"], a.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
