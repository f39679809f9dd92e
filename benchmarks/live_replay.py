"""How early, and how often wrongly, the live checks fire: a replay of the corpus.

    python -m benchmarks.live_replay [--data /work/main/benchmarks/data/accuracy]
                                     [--json OUT]

Reads every run of the labelled corpus through tb_lrsched's own data path
(`loader.open_provider` -> `data.plans` / `data.read_all`, the CLI's path, every
point), then replays each experiment point by point, in step order, through
`tb_lrsched.live.LiveCore` (`update()` per step, `maybe_check()` after each),
the object every live callback wraps. Three policies are replayed:

* `live, length known`: the default policy with `total_steps` = the run's
  last step (the callbacks read it from the trainer);
* `live, length unknown`: the default policy without it;
* `naive`: every finding reported at the first check that shows it (what a
  live check without the persistence rule would say).

Per warning/critical kind it prints: `runs` whose final offline verdict
(`analysis.analyze` on the whole run) has the kind; `live` how many of those
the live check reported before the end of the run; `first %` the median
(min-max) point of the run, in % of its steps, where it was reported; `lag %`
how long after the step where the offline verdict places the problem (its
`step` or `start_step`), in % of the run; `false`
how many runs got the kind live although their final offline verdict does not
have it (a false early alarm), and `false/label` the same against the
corpus labels (`benchmarks/verdict_accuracy.labels()`: a kind that is neither
a positive nor optional for that run). It also checks that the final check of
each replay equals the offline verdict on the same data.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from typing import Dict, List, Optional

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import verdict_accuracy as va  # noqa: E402
from tb_lrsched import data, loader  # noqa: E402
from tb_lrsched.analysis import analyze  # noqa: E402
from tb_lrsched.live.core import RUN_LEVEL, LiveCore  # noqa: E402
from tb_lrsched.model import KINDS, ExperimentSeries  # noqa: E402

DEFAULT_DATA = "/work/main/benchmarks/data/accuracy"
JUDGED = [k for k in KINDS if k not in RUN_LEVEL]
# The wall-clock budget (max_overhead) is off: a replay has no training time,
# and in a real run the budget can only postpone checks, never add one.
POLICIES = {
    "live, length known": dict(known=True, options=dict(max_overhead=None)),
    "live, length unknown": dict(known=False, options=dict(max_overhead=None)),
    "naive (first sight)": dict(known=False, options=dict(max_overhead=None, confirm_checks=1,
                                                          confirm_span=1.0, min_fraction=0.0)),
}
_ROLE_ARGS = (("lr", "lr"), ("train_loss", "loss"), ("train_loss_fine", "batch_loss"),
              ("val_loss", "val_loss"), ("val_acc", "val_acc"), ("train_acc", "train_acc"))


def read_corpus(root: str) -> Dict[str, ExperimentSeries]:
    """run key ("keras/<name>", "torch/<name>") -> its experiment, read like the CLI."""
    out = {}
    with loader.open_provider(root) as (provider, ctx, eid):
        plans = data.plans(provider, ctx, eid)
        for plan, exp in zip(plans, data.read_all(provider, ctx, eid, plans)):
            key = va._key_of(plan.name + "/x")
            if key is not None:
                out[key] = exp
    return out


def points(exp: ExperimentSeries):
    """(step, {update kwarg: value}) in step order, one item per logged step."""
    by_step: Dict[float, dict] = {}
    for role, arg in _ROLE_ARGS:
        s = getattr(exp, role)
        if s is None:
            continue
        for st, v in zip(s.steps.tolist(), s.values.tolist()):
            by_step.setdefault(st, {})[arg] = v
    return sorted(by_step.items())


def replay(exp: ExperimentSeries, known: bool, options: dict) -> dict:
    pts = points(exp)
    if not pts:
        return {"first": {}, "final": set(), "checks": 0, "span": (0, 0)}
    start, end = pts[0][0], pts[-1][0]
    core = LiveCore(total_steps=int(end) if known else None, name=exp.name, **options)
    for step, vals in pts:
        core.update(step, **vals)
        core.maybe_check()
    live = {k: f["live_step"] for k, f in core.reported.items()}
    core.check(final=True)
    return {"first": live, "final": {f["kind"] for f in core.report["findings"]},
            "checks": core.checks, "span": (start, end)}


def _frac(step, span) -> float:
    a, b = span
    return 100.0 * (step - a) / (b - a) if b > a else 100.0


def measure(exps: Dict[str, ExperimentSeries], labs: Dict[str, dict]) -> dict:
    reports = {k: analyze(e) for k, e in exps.items()}
    offline = {k: {f["kind"] for f in r["findings"]} for k, r in reports.items()}
    where = {k: {f["kind"]: f.get("step", f.get("start_step")) for f in reversed(r["findings"])}
             for k, r in reports.items()}
    res = {"runs": len(exps), "policies": {}}
    for pname, pol in POLICIES.items():
        per = {k: {"runs": 0, "live": 0, "first_pct": [], "lag_pct": [], "false": 0,
                   "false_label": 0,
                   "false_runs": []} for k in JUDGED}
        same_final, checks, t0 = 0, [], time.perf_counter()
        for key, exp in sorted(exps.items()):
            r = replay(exp, pol["known"], pol["options"])
            checks.append(r["checks"])
            same_final += r["final"] == offline[key]
            lab = labs.get(key)
            allowed = set(lab["must"]) | set(lab["optional"]) if lab else None
            for k in JUDGED:
                fired = k in r["first"]
                if k in offline[key]:
                    per[k]["runs"] += 1
                    if fired:
                        per[k]["live"] += 1
                        per[k]["first_pct"].append(round(_frac(r["first"][k], r["span"]), 1))
                        ev = where[key].get(k)
                        if isinstance(ev, (int, float)):
                            per[k]["lag_pct"].append(round(
                                _frac(r["first"][k], r["span"]) - _frac(ev, r["span"]), 1))
                elif fired:
                    per[k]["false"] += 1
                    per[k]["false_runs"].append(key)
                if fired and allowed is not None and k not in allowed:
                    per[k]["false_label"] += 1
        res["policies"][pname] = {"kinds": per, "final_equals_offline": same_final,
                                  "median_checks": float(np.median(checks)) if checks else 0,
                                  "max_checks": max(checks) if checks else 0,
                                  "seconds": round(time.perf_counter() - t0, 1)}
    res["points"] = {"median": float(np.median([len(points(e)) for e in exps.values()])),
                     "max": max(len(points(e)) for e in exps.values())}
    return res


def _first(v: List[float]) -> str:
    if not v:
        return "-"
    return "%.0f%% (%.0f-%.0f)" % (float(np.median(v)), min(v), max(v))


def report(res: dict, out=sys.stdout) -> None:
    out.write("%d runs replayed (median %d steps logged, max %d)\n"
              % (res["runs"], res["points"]["median"], res["points"]["max"]))
    for pname, p in res["policies"].items():
        out.write("\n%s: final check == offline verdict on %d/%d runs; checks per run median "
                  "%g, max %d (%.1fs)\n" % (pname, p["final_equals_offline"], res["runs"],
                                            p["median_checks"], p["max_checks"], p["seconds"]))
        out.write("  %-22s %5s %5s  %-18s %-18s %6s %12s\n"
                  % ("kind", "runs", "live", "first % (min-max)", "lag % (min-max)", "false",
                     "false/label"))
        for k, v in p["kinds"].items():
            if not (v["runs"] or v["false"] or v["false_label"]):
                continue
            out.write("  %-22s %5d %5d  %-18s %-18s %6d %12d\n"
                      % (k, v["runs"], v["live"], _first(v["first_pct"]), _first(v["lag_pct"]),
                         v["false"], v["false_label"]))


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--json", default=None, help="write the figures to this file")
    args = ap.parse_args(argv)
    logging.getLogger("tb_lrsched.live").setLevel(logging.ERROR)  # figures, not log lines
    exps = read_corpus(args.data)
    if not exps:
        sys.stderr.write("no labelled runs under %s\n" % args.data)
        return 2
    res = measure(exps, va.labels(args.data))
    report(res)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
