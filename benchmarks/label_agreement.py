"""How often two labellers agree on the same corpus runs, and where the engine sits between them.

    python -m benchmarks.label_agreement [--data benchmarks/data/corpus] [--no-engine]
                                         [--second benchmarks/corpus/second_opinion.json]

Issue 10 scores the engine against one labeller's claims. A second practitioner labelled a
random sample of the corpus's non-test runs independently, from the same plots and the same
description of the training, without seeing the first labels or the engine
(``benchmarks/corpus/second_opinion.json``; how the sample was drawn is in its ``_about``).
This prints, on that sample:

- how often the two labellers give the same status (and Cohen's kappa, the agreement beyond
  what two labellers with these status shares would reach by chance), with the confusion table;
- per kind, how often one labeller requires a kind the other neither requires nor allows
  (``optional``): the kinds on which practitioners disagree;
- the engine's status accuracy and false alarms against each labeller, and against the runs on
  which both agree. An engine can only be held to the agreement of the people who label it.

Exit 0 (a report) unless a label file is unreadable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from typing import Dict, Iterable, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import corpus_accuracy as ca  # noqa: E402
from benchmarks import verdict_accuracy as va  # noqa: E402

SECOND = os.path.join(HERE, "corpus", "second_opinion.json")
STATUSES = ("healthy", "warning", "critical")


def load_second(path: str = SECOND) -> Dict[str, dict]:
    """run key -> second label (status / must / optional / reason); ``_``-keys skipped."""
    with open(path) as f:
        doc = json.load(f)
    return {k: dict(v, must=list(v.get("must", [])), optional=list(v.get("optional", [])))
            for k, v in doc.items() if not k.startswith("_")}


def compared_kinds(path: str = SECOND) -> Tuple[str, ...]:
    """The kinds both labellers were offered (the file's ``_kinds_not_offered`` left out)."""
    with open(path) as f:
        left_out = set(json.load(f).get("_kinds_not_offered", []))
    return tuple(k for k in ca.KINDS if k not in left_out)


def kappa(pairs: List[Tuple[str, str]]) -> Optional[float]:
    """Cohen's kappa of two raters' categories: (observed - chance agreement) / (1 - chance),
    chance from each rater's own category shares. None for no pairs or one category only."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    cats = {c for p in pairs for c in p}
    chance = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n)
                 for c in cats)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def kind_disagreements(first: Dict[str, dict], second: Dict[str, dict],
                       kinds: Iterable[str]) -> Dict[str, dict]:
    """Per kind over the shared runs: runs where both require it, runs where one requires it
    while the other neither requires nor allows it (optional is neutral, as in scoring), and
    runs where one requires it and the other only allows it (a matter of degree)."""
    out = {}
    shared = sorted(set(first) & set(second))
    for k in kinds:
        both = only_first = only_second = softer = 0
        for key in shared:
            a, b = first[key], second[key]
            in_a, in_b = k in a["must"], k in b["must"]
            if in_a and in_b:
                both += 1
            elif in_a and k not in b["optional"]:
                only_first += 1
            elif in_b and k not in a["optional"]:
                only_second += 1
            elif in_a or in_b:
                softer += 1  # required by one, allowed (optional) by the other
        out[k] = {"both": both, "only_first": only_first, "only_second": only_second,
                  "one_optional": softer}
    return out


def status_table(first: Dict[str, dict], second: Dict[str, dict]) -> Dict[Tuple[str, str], int]:
    """(first status, second status) -> runs."""
    tab: Dict[Tuple[str, str], int] = {}
    for key in set(first) & set(second):
        pair = (first[key]["status"], second[key]["status"])
        tab[pair] = tab.get(pair, 0) + 1
    return tab


def _engine_predictions(data: str, keys: Iterable[str]) -> Dict[str, dict]:
    """The real ``tb-lrsched check`` over a folder of links to the sampled runs only (``keys``:
    runs present under ``data``)."""
    with tempfile.TemporaryDirectory(prefix="agreement-") as tmp:
        for key in keys:
            dst = os.path.join(tmp, key)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.symlink(os.path.join(os.path.abspath(data), key), dst)
        doc = va.run_check(tmp)
    return va.predictions(doc, key_of=ca.corpus_key)


def _engine_line(name: str, labs: Dict[str, dict], preds: Dict[str, dict], out,
                 kinds: Tuple[str, ...]) -> None:
    if not labs:
        return
    res = va.score(labs, preds, kinds)
    n = res["n_runs"]
    ok = round(res["status_accuracy"] * n)
    print("  against %-22s %3d/%3d statuses right (%.2f), %d false alarm(s) on %d healthy"
          % (name, ok, n, ok / n, len(res["alarms"]), res["n_healthy"]), file=out)


def report(first: Dict[str, dict], second: Dict[str, dict],
           preds: Optional[Dict[str, dict]], out=None,
           kinds: Tuple[str, ...] = ca.KINDS) -> dict:
    out = out or sys.stdout
    keys = sorted(set(first) & set(second))
    a = {k: first[k] for k in keys}
    b = {k: second[k] for k in keys}
    pairs = [(a[k]["status"], b[k]["status"]) for k in keys]
    same = sum(x == y for x, y in pairs)
    kap = kappa(pairs)
    print("Two labellers on %d runs: the same status on %d (%.2f), Cohen's kappa %s"
          % (len(keys), same, same / len(keys) if keys else 0.0,
             "n/a" if kap is None else "%.2f" % kap), file=out)
    tab = status_table(a, b)
    print("\n  first \\ second  " + "".join("%10s" % s for s in STATUSES), file=out)
    for s in STATUSES:
        print("  %-15s " % s + "".join("%10d" % tab.get((s, t), 0) for t in STATUSES), file=out)
    dis = kind_disagreements(a, b, kinds)
    print("\nPer kind (runs): both require it / only the first / only the second (the other "
          "neither requires nor allows it) / one requires it, the other only allows it", file=out)
    for k, c in dis.items():
        if any(c.values()):
            print("  %-22s %3d %3d %3d %3d" % (k, c["both"], c["only_first"], c["only_second"],
                                               c["one_optional"]), file=out)
    if preds is not None:
        scored = [k for k in keys if k in preds]
        print("\nThe engine on the same runs:", file=out)
        _engine_line("the first labeller", {k: a[k] for k in scored}, preds, out, kinds)
        _engine_line("the second labeller", {k: b[k] for k in scored}, preds, out, kinds)
        agreed = {k: a[k] for k in scored if a[k]["status"] == b[k]["status"]}
        _engine_line("runs both agree on", agreed, preds, out, kinds)
    return {"runs": len(keys), "same_status": same, "kappa": kap, "kinds": dis}


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=ca.DEFAULT_DATA, help="the corpus folder")
    p.add_argument("--second", default=SECOND, help="the second labeller's file")
    p.add_argument("--no-engine", action="store_true", help="labellers only (no engine run)")
    a = p.parse_args(argv)
    first = ca._prep(ca.load_labels())
    second = load_second(a.second)
    unknown = sorted(set(second) - set(first))
    if unknown:
        print("second labels for runs the corpus does not label: %s" % ", ".join(unknown))
        return 2
    if any(first[k]["split"] == "test" for k in second):
        print("the second opinion must not include test-split runs")
        return 2
    preds = None
    if not a.no_engine:
        present = [k for k in second if os.path.isdir(os.path.join(a.data, k))]
        if len(present) < len(second):
            print("(%d of %d sampled runs are not in %s: the engine line covers %d)"
                  % (len(second) - len(present), len(second), a.data, len(present)))
        preds = _engine_predictions(a.data, present) if present else None
    report(first, second, preds, kinds=compared_kinds(a.second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
