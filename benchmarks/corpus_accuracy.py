"""Verdict accuracy of `tb-lrsched check` on the generalisation corpus (issue 10).

    python -m benchmarks.corpus_accuracy [--data benchmarks/data/corpus]
                                         [--split dev|test|<held-out split>|all]
                                         [--aggregate-only] [--labels-only-summary]
                                         [--realdata /work/shared/realdata
                                          --realdata-labels benchmarks/realdata_labels.json]
                                         [--json OUT]

Labels: every ``benchmarks/corpus/labels/*.json`` present (one record per run key
``"<writer>/<scenario>__s<seed>"``, format in ``benchmarks/corpus/schema.py``), decided from
the plots before scoring. The real command, ``tb-lrsched check DATA --format json``, runs in a
subprocess; each reported run is matched to its label key by the ``<writer>/<run>`` folders
of its path (records of one run, e.g. Keras' train/validation, are merged; the status is the
worst). Scored kinds: the engine's vocabulary (the registry, ``lr_range_test`` included).

Per split: per-kind TP/FP/FN, precision and recall, status accuracy, the warning/critical
findings on healthy-labelled runs (false alarms) and every miss. ``--aggregate-only`` (meant
for ``--split test``, which must not be used for tuning) prints the tables only: no run names.
Exit 0 (a report) unless the labels are unreadable.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import verdict_accuracy as va  # noqa: E402
from benchmarks.corpus import fingerprint  # noqa: E402
from benchmarks.corpus.schema import SPLITS, WRITERS  # noqa: E402

KINDS = va.KINDS if "lr_range_test" in va.KINDS else va.KINDS + ("lr_range_test",)
TARGET = 0.95  # issue 10: every kind >= 0.95 precision and recall
LABELS_DIR = os.path.join(HERE, "corpus", "labels")
DEFAULT_DATA = os.path.join(HERE, "data", "corpus")


def load_labels(labels_dir: str = LABELS_DIR) -> Dict[str, dict]:
    out: Dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(labels_dir, "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        for key, rec in doc.items():
            if key.startswith("_"):
                continue
            if key in out:
                raise SystemExit("label %s appears twice (%s)" % (key, path))
            out[key] = dict(rec, source=os.path.basename(path))
    return out


def load_realdata_labels(path: str) -> Dict[str, dict]:
    with open(path) as f:
        doc = json.load(f)
    for wrap in ("labels", "runs"):
        if isinstance(doc.get(wrap), dict):
            doc = doc[wrap]
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def corpus_key(run: str) -> Optional[str]:
    """'<...>/<writer>/<scenario>__s<seed>/<writer's layout>' -> '<writer>/<scenario>__s<seed>'."""
    parts = run.replace("\\", "/").split("/")
    for i, part in enumerate(parts[:-1]):
        if part in WRITERS and "__s" in parts[i + 1]:
            return "%s/%s" % (part, parts[i + 1])
    return None


def realdata_key(labels: Dict[str, dict]):
    """Map a record's run name to the longest label key that is it or a parent folder of it."""
    keys = sorted(labels, key=len, reverse=True)

    def key_of(run: str) -> Optional[str]:
        r = run.replace("\\", "/")
        for k in keys:
            if r == k or r.startswith(k.rstrip("/") + "/"):
                return k
        return None
    return key_of


def _prep(labs: Dict[str, dict]) -> Dict[str, dict]:
    """Records as verdict_accuracy.score reads them (must / optional / status)."""
    return {k: dict(v, must=list(v.get("must", [])), optional=list(v.get("optional", [])))
            for k, v in labs.items()}


def _table(title: str, res: dict, out) -> None:
    w = out.write
    w("\n== %s: %d runs, %d labelled healthy ==\n" % (title, res["n_runs"], res["n_healthy"]))
    va.kind_table(res, KINDS, out)
    w("false alarms (warning/critical findings on healthy-labelled runs): %d\n"
      % len(res["alarms"]))
    missed = va.targets_missed(res, TARGET)
    w("targets (>= %.2f precision and recall per kind, 0 false alarms): %s\n"
      % (TARGET, "MET" if not missed else "missed: " + "; ".join(missed)))


def _details(res: dict, labs: Dict[str, dict], preds: Dict[str, dict], out) -> None:
    w = out.write
    for key, exp, got, ok in res["status_rows"]:
        if not ok:
            w("  status %-52s expected %-8s got %s\n" % (key, exp, got))
    for key, f in res["alarms"]:
        w("  alarm  %-52s [%s] %s: %s\n" % (key, f["severity"], f["kind"], f["message"]))
    w("misses (%d):\n" % len(res["misses"]))
    for key, what, k in res["misses"]:
        lab = labs[key]
        pred = preds.get(key)
        w("  %s %-20s %s\n" % (what, k, key))
        w("      label: %s %s; %s\n" % (lab["status"], "+".join(lab["must"]) or "-",
                                        lab.get("reason", "")[:220]))
        if pred is None:
            w("      engine: no record for this run\n")
            continue
        said = ", ".join("%s(%s)" % (f["kind"], f["severity"][0]) for f in pred["findings"])
        w("      engine said: %s -> %s\n" % (said or "nothing", pred["status"]))
        for f in pred["findings"]:
            if f["kind"] == k:
                w("      engine: %s\n" % f["message"])
    if res["optional_hits"]:
        w("optional kinds reported (not scored): %s\n" % ", ".join(
            "%s@%s" % (k, key) for key, k in res["optional_hits"]))


def labels_summary(labs: Dict[str, dict], out=sys.stdout) -> None:
    w = out.write
    n = len(labs)
    by_split = {s: [k for k, v in labs.items() if v["split"] == s] for s in SPLITS}
    w("%d labelled runs: %s\n" % (n, ", ".join("%s %d (%.0f %%)" % (s, len(v), 100.0 * len(v) / n)
                                              for s, v in by_split.items())))
    writers: Dict[str, int] = {}
    for v in labs.values():
        writers[v.get("writer", "?")] = writers.get(v.get("writer", "?"), 0) + 1
    w("writers: %s\n" % ", ".join("%s %d" % kv for kv in sorted(writers.items())))
    st: Dict[str, int] = {}
    for v in labs.values():
        st[v["status"]] = st.get(v["status"], 0) + 1
    w("status: %s\n" % ", ".join("%s %d" % kv for kv in sorted(st.items())))
    heads = [(sp[:4] + "+") for sp in SPLITS]
    w("%-22s %s  %s\n" % ("kind", " ".join("%5s" % h for h in heads), "writers"))
    for k in KINDS:
        counts = [sum(1 for v in labs.values() if k in v["must"] and v["split"] == sp)
                  for sp in SPLITS]
        ws = sorted({v.get("writer", "?") for v in labs.values() if k in v["must"]})
        w("%-22s %s  %s\n" % (k, " ".join("%5d" % c for c in counts), ",".join(ws)))


FAILED_CHECK = "check failed on this data"  # the note analysis adds when a rule raised


def _report_failed_checks(doc: dict, labs: Dict[str, dict], out) -> int:
    """Print how many records carry a note that a rule raised and was skipped (the engine
    never crashes on a run: it notes the failure and goes on, which would otherwise pass for
    a rule that found nothing). Names only for runs outside the test split."""
    bad = [r["run"] for r in doc["runs"] if any(FAILED_CHECK in n for n in r.get("notes", []))]
    if bad:
        keys = [corpus_key(b) for b in bad]
        shown = [k for k in keys if k and labs.get(k, {}).get("split") != "test"]
        out.write("rule failures: %d records had a check that raised and was skipped%s\n"
                  % (len(bad), (": " + ", ".join(shown[:10])) if shown else ""))
    return len(bad)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.corpus_accuracy",
                                description=__doc__.split("\n")[0])
    p.add_argument("--data", default=DEFAULT_DATA, help="the corpus (default: %(default)s)")
    p.add_argument("--split", choices=SPLITS + ("all",), default="dev",
                   help="all = dev+test (the holdout, fresh and blind splits are only scored "
                        "when named)")
    p.add_argument("--aggregate-only", action="store_true",
                   help="tables only, no per-run misses (use it for --split test)")
    p.add_argument("--labels-only-summary", action="store_true",
                   help="print what the labels contain (counts per split, kind, writer); "
                        "runs nothing")
    p.add_argument("--labels-dir", default=LABELS_DIR, help=argparse.SUPPRESS)
    p.add_argument("--realdata", metavar="DIR", help="also score a labelled logdir of real runs")
    p.add_argument("--realdata-labels", metavar="JSON",
                   default=os.path.join(HERE, "realdata_labels.json"))
    p.add_argument("--json", metavar="OUT", help="write the scores as JSON")
    a = p.parse_args(argv)
    labs = _prep(load_labels(a.labels_dir))
    if a.labels_only_summary:
        labels_summary(labs)
        return 0
    results = {}
    data = os.path.abspath(a.data)
    if labs and os.path.isdir(data):
        t0 = time.time()
        doc = va.run_check(data)
        print("tb-lrsched check on %s: %d records in %.1fs" % (data, len(doc["runs"]),
                                                              time.time() - t0))
        preds = va.predictions(doc, key_of=corpus_key)
        present = {k: v for k, v in labs.items() if k in preds}
        _report_failed_checks(doc, labs, sys.stdout)
        absent = sorted(set(labs) - set(preds))
        if absent:
            print("%d labelled runs have no record in %s (not generated?): %s%s" % (
                len(absent), data, ", ".join(absent[:5]), " ..." if len(absent) > 5 else ""))
        unl = sorted(set(preds) - set(labs))
        if unl:
            print("%d runs in the data have no label: %s%s" % (
                len(unl), ", ".join(unl[:5]), " ..." if len(unl) > 5 else ""))
        splits = ("dev", "test") if a.split == "all" else (a.split,)
        recorded = fingerprint.load()
        if recorded:
            ch = fingerprint.changed(data, [k for k, v in present.items() if v["split"] in splits],
                                     recorded)
            print("label check: %d of the scored runs changed since their labels were checked "
                  "against their plots%s" % (len(ch), ": re-check these plots before trusting "
                                             "their labels" if ch else ""))
            for k, why in ch.items():
                print("  changed %s: %s" % (k, why))
        for sp in splits:
            sub = {k: v for k, v in present.items() if v["split"] == sp}
            if not sub:
                continue
            res = va.score(sub, preds, KINDS)
            _table("corpus %s split" % sp, res, sys.stdout)
            if not a.aggregate_only:
                _details(res, sub, preds, sys.stdout)
            results[sp] = res
        if a.split == "all":
            res = va.score(present, preds, KINDS)
            _table("corpus dev+test", res, sys.stdout)
            results["all"] = res
    elif not a.realdata:
        print("no labels in %s or no data in %s" % (a.labels_dir, data))
        return 1
    if a.realdata:
        rl = _prep(load_realdata_labels(a.realdata_labels))
        doc = va.run_check(os.path.abspath(a.realdata))
        preds = va.predictions(doc, key_of=realdata_key(rl))
        nomatch = sorted(set(rl) - set(preds))
        if nomatch:
            print("%d realdata labels match no run of `tb-lrsched check %s`: %s" % (
                len(nomatch), a.realdata, ", ".join(nomatch[:5])))
        res = va.score(rl, preds, KINDS)
        _table("realdata (%s)" % a.realdata, res, sys.stdout)
        if not a.aggregate_only:
            _details(res, rl, preds, sys.stdout)
        results["realdata"] = res
    if a.json:
        with open(a.json, "w") as f:
            json.dump({sp: {k: v for k, v in r.items() if k != "alarms"}
                       | {"alarms": [(k, f_["kind"], f_["severity"], f_["message"])
                                     for k, f_ in r["alarms"]]}
                       for sp, r in results.items()}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
