"""Verdict accuracy of `tb-lrsched check` on a labelled set of real trainings.

    python -m benchmarks.verdict_accuracy [--data benchmarks/data/accuracy] [--strict]
                                          [--realdata /work/shared/realdata] [--json OUT]

1. Generates the runs that are missing (in parallel): the demo's Keras
   scenarios under several seeds (`benchmarks/scenarios_keras_extra.py`) and the
   PyTorch scenarios (`benchmarks/scenarios_torch.py`), into `--data`.
2. Runs the real command, `tb-lrsched check DATA --format json`, in a
   subprocess.
3. Scores every finding kind: per run, the labelled positives must appear
   (else FN); any other reported kind is a FP unless the label lists it as
   optional (the curve shows a bit of it; neither reporting nor omitting it is
   an error). Info kinds are scored too.

Labels:

* Keras runs: `demo/scenarios.py` (read, not copied): `must` are positives,
  `must_not` negatives; kinds the demo leaves open (neither) are optional.
* PyTorch runs: `benchmarks/scenarios_torch.py` (`must`, `optional`).
* Two facts are read from the logged curves themselves, for both frameworks:
  `constant_lr` is a positive exactly when the logged LR never changes, and
  `missing_validation` exactly when no validation loss was logged.

Prints per-kind TP/FP/FN, precision and recall, status accuracy, every miss,
and the warning/critical findings on healthy-labelled runs (false alarms).
Exit 0 (a report); with `--strict` exit 1 when a target is missed (every kind
with positives >= 0.9 precision and recall, no false alarm on healthy runs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import scenarios_keras_extra as kx  # noqa: E402
from benchmarks import scenarios_torch as tx  # noqa: E402
from demo import scenarios as demo_scenarios  # noqa: E402
from tb_lrsched.engine.registry import KIND_ORDER as KINDS  # noqa: E402

SEVERE = ("warning", "critical")
TARGET = 0.9
DEFAULT_DATA = os.path.join(ROOT, "benchmarks", "data", "accuracy")


# -- generation ------------------------------------------------------------------

def generate(data: str, out=sys.stdout) -> float:
    """Train missing runs (Keras and PyTorch in two parallel processes)."""
    t0 = time.time()
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""),
               TF_CPP_MIN_LOG_LEVEL="3")
    procs = [subprocess.Popen([sys.executable, "-m", mod, "--out", data], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for mod in ("benchmarks.scenarios_keras_extra", "benchmarks.scenarios_torch")]
    for p in procs:
        so, se = p.communicate()
        if p.returncode != 0:  # score what exists; say what is missing and why
            hint = (" (PyTorch part: `.venv/bin/pip install torch==2.13.0`, the CPU build)"
                    if "No module named 'torch'" in se else "")
            sys.stderr.write("generation failed in %s%s:\n%s\n"
                             % (p.args[2], hint, se.strip()[-2000:]))
        last = [ln for ln in so.splitlines() if ln.strip()]
        if last:
            out.write("  %s\n" % last[-1])
    return time.time() - t0


# -- labels ----------------------------------------------------------------------

def _finite(v) -> bool:
    return isinstance(v, (int, float)) and v == v and v not in (float("inf"), float("-inf"))


def _lr_constant(lrs) -> Optional[bool]:
    vals = [v for v in lrs or [] if _finite(v)]
    if not vals:
        return None
    return max(vals) - min(vals) <= 1e-9 * max(abs(v) for v in vals)


def labels(data: str) -> Dict[str, dict]:
    """run key ("keras/<name>" or "torch/<name>") -> label."""
    out = {}
    kroot = os.path.join(data, kx.SUBDIR)
    for name in sorted(os.listdir(kroot)) if os.path.isdir(kroot) else []:
        path = os.path.join(kroot, name, demo_scenarios.MARKER)
        if not os.path.isfile(path):
            continue
        base, seed = kx.split_name(name)
        sc = demo_scenarios.BY_NAME[base]
        with open(path) as f:
            summ = json.load(f)
        must, must_not = set(sc.must), set(sc.must_not)
        optional = set(KINDS) - must - must_not
        out["keras/" + name] = _finish(
            dict(framework="keras", scenario=base, seed=seed, style="keras",
                 status=sc.expect_status, story=sc.story),
            must, optional, lr_const=_lr_constant(summ["curves"].get("lr_end")),
            has_val=sc.validation, curves=summ["curves"])
    troot = os.path.join(data, tx.SUBDIR)
    for name in sorted(os.listdir(troot)) if os.path.isdir(troot) else []:
        path = os.path.join(troot, name, tx.MARKER)
        if not os.path.isfile(path):
            continue
        base, seed = tx.split_name(name)
        sc = tx.BY_NAME[base]
        with open(path) as f:
            summ = json.load(f)
        out["torch/" + name] = _finish(
            dict(framework="pytorch", scenario=base, seed=seed, style=sc.style,
                 status=sc.expect_status, story=sc.story),
            set(sc.must), set(sc.optional),
            lr_const=_lr_constant(summ["curves"]["lr"]) if sc.log_lr else None,
            has_val=sc.validation, curves=summ["curves"])
    return out


def _finish(lab: dict, must: set, optional: set, lr_const, has_val: bool, curves) -> dict:
    """Facts from the logged curves override the scenario's intent."""
    must = set(must)
    for k in ("constant_lr", "missing_validation"):
        must.discard(k)
        optional.discard(k)
    if lr_const:
        must.add("constant_lr")
    if not has_val:
        must.add("missing_validation")
    lab.update(must=sorted(must), optional=sorted(optional - must), curves=curves)
    return lab


# -- the command -----------------------------------------------------------------

def _command() -> List[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "tb-lrsched")
    if os.path.isfile(exe) and os.access(exe, os.X_OK):
        return [exe]
    return [sys.executable, "-m", "tb_lrsched.cli"]


def run_check(logdir: str) -> dict:
    cmd = _command() + ["check", logdir, "--format", "json"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError("%s exited %d:\n%s" % (" ".join(cmd), p.returncode, p.stderr[-3000:]))
    return json.loads(p.stdout)


def _key_of(run: str) -> Optional[str]:
    parts = run.replace("\\", "/").split("/")
    for i, part in enumerate(parts[:-1]):
        if part in (kx.SUBDIR, tx.SUBDIR):
            return "%s/%s" % (part, parts[i + 1])
    return None


_RANK = {"healthy": 0, "info": 0, "warning": 1, "critical": 2}


def predictions(doc: dict, key_of=None) -> Dict[str, dict]:
    """run key -> {"status", "findings", "records"} (records of one run merged).

    `key_of(run name) -> key or None` maps a record to its label key (default: this
    set's "keras/<name>" / "torch/<name>")."""
    key_of = key_of or _key_of
    out: Dict[str, dict] = {}
    for r in doc["runs"]:
        key = key_of(r["run"])
        if key is None:
            continue
        p = out.setdefault(key, {"status": "healthy", "findings": [], "records": []})
        p["records"].append(r["run"])
        p["findings"].extend(r["findings"])
        if _RANK[r["status"]] > _RANK[p["status"]]:
            p["status"] = r["status"]
    return out


# -- scoring -----------------------------------------------------------------------

def score(labs: Dict[str, dict], preds: Dict[str, dict], kinds=KINDS) -> dict:
    """Per-kind TP/FP/FN over `kinds` (labels: "status", "must", "optional")."""
    per = {k: {"tp": 0, "fp": 0, "fn": 0, "runs": 0} for k in kinds}
    misses, alarms, optional_hits, status_rows = [], [], [], []
    status_ok = 0
    for key, lab in sorted(labs.items()):
        pred = preds.get(key, {"status": "missing", "findings": [], "records": []})
        got = {f["kind"] for f in pred["findings"]}
        must, optional = set(lab["must"]), set(lab["optional"])
        for k in kinds:
            if k in must:
                per[k]["runs"] += 1
                if k in got:
                    per[k]["tp"] += 1
                else:
                    per[k]["fn"] += 1
                    misses.append((key, "FN", k))
            elif k in got:
                if k in optional:
                    optional_hits.append((key, k))
                else:
                    per[k]["fp"] += 1
                    misses.append((key, "FP", k))
        for k in sorted(got - set(kinds)):
            misses.append((key, "FP", k))
        ok = pred["status"] == lab["status"]
        status_ok += ok
        status_rows.append((key, lab["status"], pred["status"], ok))
        if lab["status"] == "healthy":
            for f in pred["findings"]:
                if f["severity"] in SEVERE:
                    alarms.append((key, f))
    for c in per.values():
        c["precision"] = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        c["recall"] = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
    return {"per_kind": per, "misses": misses, "alarms": alarms,
            "optional_hits": optional_hits, "status_rows": status_rows,
            "status_accuracy": status_ok / len(labs) if labs else None,
            "n_runs": len(labs),
            "n_healthy": sum(1 for lab in labs.values() if lab["status"] == "healthy")}


def targets_missed(res: dict, target: float = TARGET) -> List[str]:
    bad = []
    for k, c in res["per_kind"].items():
        if c["precision"] is not None and c["precision"] < target:
            bad.append("%s precision %.2f" % (k, c["precision"]))
        if c["recall"] is not None and c["recall"] < target:
            bad.append("%s recall %.2f" % (k, c["recall"]))
    if res["alarms"]:
        bad.append("%d false alarm(s) on healthy runs" % len(res["alarms"]))
    return bad


def _pct(v) -> str:
    return "  -  " if v is None else "%.2f" % v


def _curve_line(lab: dict) -> str:
    c = lab["curves"]
    parts = []
    for key in ("loss", "val_loss", "lr", "lr_end"):
        vals = c.get(key)
        if vals and any(v is not None for v in vals):
            n = len(vals)
            pick = sorted(set([0, n // 4, n // 2, 3 * n // 4, n - 1]))
            parts.append("%s %s" % (key, "/".join(tx._fmt(vals[i]) for i in pick)))
    return "; ".join(parts)


def kind_table(res: dict, kinds=KINDS, out=sys.stdout) -> None:
    """The per-kind TP/FP/FN precision/recall table and the status accuracy line."""
    w = out.write
    w("%-22s %5s %4s %4s %4s  %9s  %6s\n" % ("kind", "runs+", "TP", "FP", "FN",
                                            "precision", "recall"))
    for k in kinds:
        c = res["per_kind"][k]
        w("%-22s %5d %4d %4d %4d  %9s  %6s\n" % (k, c["runs"], c["tp"], c["fp"], c["fn"],
                                                _pct(c["precision"]), _pct(c["recall"])))
    w("\nstatus accuracy: %d/%d = %.2f\n" % (
        sum(1 for r in res["status_rows"] if r[3]), res["n_runs"], res["status_accuracy"] or 0))


def report(res: dict, labs: Dict[str, dict], preds: Dict[str, dict], out=sys.stdout) -> None:
    w = out.write
    fw = {}
    for lab in labs.values():
        fw[lab["framework"]] = fw.get(lab["framework"], 0) + 1
    w("\n%d labelled runs (%s), %d labelled healthy\n\n" % (
        res["n_runs"], ", ".join("%s %d" % kv for kv in sorted(fw.items())), res["n_healthy"]))
    kind_table(res, KINDS, out)
    for key, exp, got, ok in res["status_rows"]:
        if not ok:
            w("  status %-48s expected %-8s got %s\n" % (key, exp, got))
    w("\nfalse alarms (warning/critical findings on healthy-labelled runs): %d\n"
      % len(res["alarms"]))
    for key, f in res["alarms"]:
        w("  %-48s [%s] %s: %s\n" % (key, f["severity"], f["kind"], f["message"]))
    w("\nmisses (%d):\n" % len(res["misses"]))
    for key, what, k in res["misses"]:
        lab = labs[key]
        pred = preds.get(key)
        w("  %s %-20s %s\n" % (what, k, key))
        w("      curves: %s\n" % _curve_line(lab))
        if pred:
            for f in pred["findings"]:
                if f["kind"] == k:
                    w("      engine: %s\n" % f["message"])
            if what == "FN":
                w("      engine said: %s\n" % (", ".join(f["kind"] for f in pred["findings"])
                                               or pred["status"]))
        else:
            w("      engine: no record for this run\n")
    if res["optional_hits"]:
        w("\noptional kinds reported (not scored): %s\n" % ", ".join(
            "%s@%s" % (k, key) for key, k in res["optional_hits"]))
    missed = targets_missed(res)
    w("\ntargets (>= %.1f precision and recall per kind, 0 false alarms): %s\n"
      % (TARGET, "MET" if not missed else "missed: " + "; ".join(missed)))


def report_unlabelled(doc: dict, out=sys.stdout) -> None:
    w = out.write
    w("\nunlabelled: %s (%d runs)\n" % (doc["logdir"], len(doc["runs"])))
    for r in doc["runs"]:
        kinds = ", ".join("%s(%s)" % (f["kind"], f["severity"][0]) for f in r["findings"]) or "-"
        w("  %-56s %-8s %s\n" % (r["run"][-56:], r["status"], kinds))
        for f in r["findings"]:
            if f["severity"] in SEVERE:
                w("      %s: %s\n" % (f["kind"], f["message"]))


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.verdict_accuracy",
                                description=__doc__.split("\n")[0])
    p.add_argument("--data", default=DEFAULT_DATA, help="labelled set (default: %(default)s)")
    p.add_argument("--no-generate", action="store_true", help="score what exists")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a target is missed (default: always exit 0)")
    p.add_argument("--realdata", metavar="DIR",
                   help="also print the verdicts on an unlabelled logdir")
    p.add_argument("--json", metavar="OUT", help="write the scores as JSON")
    a = p.parse_args(argv)
    data = os.path.abspath(a.data)
    if not a.no_generate:
        print("generating missing runs into %s ..." % data, flush=True)
        print("generation: %.1fs" % generate(data), flush=True)
    labs = labels(data)
    if not labs:
        print("no labelled runs in %s" % data)
        return 1 if a.strict else 0
    t0 = time.time()
    doc = run_check(data)
    print("tb-lrsched check on %d runs: %.1fs" % (len(labs), time.time() - t0))
    preds = predictions(doc)
    res = score(labs, preds)
    report(res, labs, preds)
    if a.realdata:
        report_unlabelled(run_check(a.realdata))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({k: v for k, v in res.items() if k != "alarms"}
                      | {"alarms": [(k, f["kind"], f["severity"], f["message"])
                                    for k, f in res["alarms"]]}, f, indent=1)
    return 1 if a.strict and targets_missed(res) else 0


if __name__ == "__main__":
    sys.exit(main())
