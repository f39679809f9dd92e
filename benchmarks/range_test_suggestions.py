"""Where the range-test rule's suggested LR falls on real range tests (issue 12).

    python -m benchmarks.range_test_suggestions [--data benchmarks/data/corpus]
                                                [--trainings] [--json OUT]

For every run of the labelled corpus whose label is ``lr_range_test`` (and, with
``--trainings``, the three range tests the integration tests train: PyTorch per step, PyTorch
with the LR logged every 5 steps, Keras per batch), the run is read through TensorBoard's data
provider and checked by the engine. Its suggested LR is compared with the stretch of LR over
which the *logged* loss falls through the middle half of its fall
(``tests.support.range_reference.fast_fall_region``: a centred running median, none of the
engine's smoothing). Prints one row per run and the count inside that stretch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks.corpus_accuracy import DEFAULT_DATA, load_labels  # noqa: E402
from tests.support.range_reference import fast_fall_region, logged_pairs  # noqa: E402


def read_dir(logdir: str) -> List[dict]:
    from tb_lrsched import data, loader, service

    rows = []
    with loader.open_provider(logdir, "python") as (provider, ctx, eid):
        plans = data.plans(provider, ctx, eid)
        exps = data.read_all(provider, ctx, eid, plans, None, {})
        records = {r["run"]: r for r in service.check_all(provider, ctx, eid)}
    for plan, exp in zip(plans, exps):
        rec = records.get(plan.name)
        if rec is None or exp.lr is None:
            continue
        f = [x for x in rec["findings"] if x["kind"] == "lr_range_test"]
        row: Dict[str, object] = {"run": plan.name, "status": rec["status"],
                                  "kinds": [x["kind"] for x in rec["findings"]]}
        try:
            lo, hi = fast_fall_region(*logged_pairs(exp))
            row.update(fall_lo=lo, fall_hi=hi)
        except ValueError as e:
            row.update(fall_error=str(e))
        if f:
            ev = f[0]["evidence"]
            row.update({k: ev.get(k) for k in ("suggested_lr", "steepest_lr", "valley_lr",
                                                "min_loss_lr", "divergence_lr")})
        rows.append(row)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--trainings", action="store_true",
                    help="also train and read the integration tests' three range tests")
    ap.add_argument("--json", help="write the rows here")
    a = ap.parse_args(argv)
    tmp = None
    if a.trainings:  # trained first: TensorFlow must load before the data provider's reads
        from tests.support import lr_trainings

        tmp = tempfile.mkdtemp(prefix="rt_trainings_")
        lr_trainings.torch_range_test(os.path.join(tmp, "torch_lr_find"))
        lr_trainings.torch_range_test(os.path.join(tmp, "torch_lr_find_every5"), every=5)
        lr_trainings.keras_range_test(os.path.join(tmp, "keras_lr_find"))
    rows: List[dict] = []
    labels = load_labels()
    for key, rec in sorted(labels.items()):
        if rec.get("must") != ["lr_range_test"]:
            continue
        d = os.path.join(a.data, key)
        if not os.path.isdir(d):
            print("missing %s (generate the corpus first)" % key, file=sys.stderr)
            continue
        for row in read_dir(d):
            row["run"] = key + ("" if row["run"] == "." else "/" + row["run"])
            rows.append(row)
    if tmp is not None:
        for row in read_dir(tmp):
            row["run"] = "tests/" + row["run"]
            rows.append(row)
    inside = 0
    print("%-44s %-8s %10s %10s %10s %10s %10s  in" % ("run", "status", "fall from", "fall to",
                                                       "suggested", "valley", "diverged"))
    for r in rows:
        s = r.get("suggested_lr")
        ok = (s is not None and "fall_lo" in r and r["fall_lo"] <= s <= r["fall_hi"])
        inside += ok
        r["inside"] = bool(ok)

        def g(k, r=r):
            v = r.get(k)
            return "%10.3g" % v if isinstance(v, (int, float)) else "%10s" % "-"
        print("%-44s %-8s %s %s %s %s %s  %s" % (r["run"][:44], r["status"], g("fall_lo"),
                                                  g("fall_hi"), g("suggested_lr"),
                                                  g("valley_lr"), g("divergence_lr"),
                                                  "yes" if ok else "NO"))
    healthy = sum(r["status"] == "healthy" for r in rows)
    print("\n%d range tests: %d healthy, suggestion inside the fast-falling stretch on %d"
          % (len(rows), healthy, inside))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
