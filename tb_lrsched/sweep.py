"""LR sweeps: experiments of a logdir that differ mainly in their learning rate.

A sweep is a group of >= 3 experiments with the same tags (same LR / loss /
validation-loss tag names), in the same parent folder, whose run names agree
once an LR in the name (``lr_1e-3``, ``lr=0.01``, ``learning_rate-3e-4``) is
blanked out, and whose LRs span >= 1 decade. Each experiment's LR is, in this
order: an ``lr`` / ``learning_rate`` hyperparameter (TensorBoard's HParams
plugin data, which PyTorch's ``add_hparams``, Lightning's logger, Keras'
``hp.hparams`` and the Hugging Face Trainer write; the Trainer's
``args/text_summary`` JSON; a Lightning ``hparams.yaml`` beside the run when
the logdir is a local folder), an LR in the run name, or the peak of the
logged LR curve. LR range tests never belong to a sweep.

Per sweep: one point per experiment (peak LR, best and final validation loss
— training loss where there is no validation —, status, diverged flag: a
``divergence`` finding, a loss that ends NaN/Inf, or a training loss whose
last 10 % sits >= 5 % above its first value, or — above the best LR — a run
whose best loss never got below the sweep's median first training loss) and a
verdict: the best LR, whether it lies at an end of the swept range (then the
optimum is probably outside it: extend the sweep that way), how much worse
its neighbours are, and the LR at which runs start to diverge.

Sweep status (what ``tb-lrsched sweep --fail-on`` reads): ``critical`` when
every run diverged or none has a finite loss, ``warning`` when the best LR is
at an end of the swept range (the sweep did not bracket the optimum),
``healthy`` otherwise.

The grouping and the verdict (:func:`find_sweeps`) are plain functions over
point records; :func:`sweeps_impl` reads them through a data provider.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from tb_lrsched import model
from tb_lrsched.sweep_hparams import hparam_lrs
from tb_lrsched.sweep_names import NUM as _NUM

MIN_RUNS = 3          # a sweep has at least 3 experiments ...
MIN_DECADES = 1.0     # ... whose LRs span at least one decade (x10)
SAME_LR_RTOL = 0.02   # LRs within 2 % are the same LR (seeds of one setting)
ENDED_ABOVE = 1.05    # diverged: the training loss ended >= 5 % above its first value
EXTEND_STEPS = 2      # an unbracketed optimum: extend by 2 more steps of the sweep's spacing

LR_NAME_RE = re.compile(r"(?<![a-z0-9])(?:lr|learning[_-]?rate)[_=:\-]?" + _NUM + r"(?![0-9.])",
                        re.IGNORECASE)


def lr_from_name(name: str) -> Tuple[Optional[float], str]:
    """(LR named in the run name or None, the name with that LR blanked)."""
    last = None
    for m in LR_NAME_RE.finditer(name):
        last = m
    if last is None:
        return None, name
    try:
        v = float(last.group(1))
    except ValueError:
        return None, name
    if not (math.isfinite(v) and v > 0):
        return None, name
    return v, name[:last.start(1)] + "*" + name[last.end(1):]


def _fmt_lr(x: float) -> str:
    from tb_lrsched.engine.text import fmt_lr
    return fmt_lr(x)


def _finite(values: Any) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    return v[np.isfinite(v)]


# ---------------------------------------------------------------------------
# Points
# ---------------------------------------------------------------------------

def point_of(name: str, exp: model.ExperimentSeries, result: dict, signature: Tuple,
             hparam_lr: Optional[float] = None) -> Optional[dict]:
    """One sweep point for an analysed experiment, or None (no LR at all, or a
    range test)."""
    if any(f.get("kind") == "lr_range_test" for f in result.get("findings", [])):
        return None
    name_lr, stem = lr_from_name(name)
    curve_lr = None
    lr_s = exp.lr if exp.lr is not None else next(iter(exp.extra_lrs.values()), None) \
        if exp.extra_lrs else None
    if lr_s is not None:
        v = _finite(lr_s.values)
        if v.size and float(np.max(v)) > 0:
            curve_lr = float(np.max(v))
    if hparam_lr is not None:
        lr, source = hparam_lr, "hparam"
    elif name_lr is not None:
        lr, source = name_lr, "run name"
    elif curve_lr is not None:
        lr, source = curve_lr, "LR curve"
    else:
        return None
    loss_s, which = exp.val_loss, "validation"
    if loss_s is None or _finite(loss_s.values).size == 0:
        loss_s, which = exp.train_loss if exp.train_loss is not None else exp.train_loss_fine, \
            "training"
    best = final = None
    nonfinite_end = False
    if loss_s is not None and len(loss_s):
        vals = np.asarray(loss_s.values, dtype=np.float64)
        fin = vals[np.isfinite(vals)]
        if fin.size:
            best = float(np.min(fin))
        last = float(vals[-1])
        final = last if math.isfinite(last) else None
        nonfinite_end = not math.isfinite(last)
    diverged = nonfinite_end or any(f.get("kind") == "divergence"
                                    for f in result.get("findings", [])) or _ended_above(exp)
    parent = name.replace("\\", "/").rsplit("/", 1)[0] if "/" in name else ""
    return {
        "run": name,
        "peak_lr": lr,
        "lr_source": source,
        "best_loss": best,
        "final_loss": final,
        "loss": which,
        "status": result.get("status", model.HEALTHY),
        "diverged": bool(diverged),
        "_key": (parent, stem if name_lr is not None else "", signature),
        "_first": _first_loss(exp),
    }


def _first_loss(exp: model.ExperimentSeries) -> Optional[float]:
    s = exp.train_loss if exp.train_loss is not None else exp.train_loss_fine
    v = _finite(s.values) if s is not None else np.zeros(0)
    return float(v[0]) if v.size else None


def _blown_up(pts: List[dict]) -> None:
    """Above the best LR, a run whose best loss never got below the sweep's
    starting loss (the median first training loss of its runs: every run
    starts from the same model) learned nothing because its LR blew it up:
    mark it diverged."""
    firsts = [p["_first"] for p in pts if p.get("_first") is not None]
    ok = [p for p in pts if not p["diverged"] and p["best_loss"] is not None]
    if not firsts or not ok:
        return
    start = float(np.median(firsts))
    best_lr = min(ok, key=lambda p: p["best_loss"])["peak_lr"]
    for p in pts:
        if p["peak_lr"] > best_lr and not p["diverged"] and p["best_loss"] is not None \
                and p["best_loss"] >= start:
            p["diverged"] = True


def _ended_above(exp: model.ExperimentSeries) -> bool:
    """The training loss ended above where it started: the median of its last
    10 % is >= ENDED_ABOVE x its first value (an LR so high that the run blew
    up at once and bounced around a worse level, without NaN)."""
    s = exp.train_loss if exp.train_loss is not None else exp.train_loss_fine
    if s is None:
        return False
    v = _finite(s.values)
    if v.size < 5 or not v[0] > 0:
        return False
    tail = v[-max(1, v.size // 10):]
    return bool(float(np.median(tail)) >= ENDED_ABOVE * float(v[0]))


# ---------------------------------------------------------------------------
# Grouping and verdict
# ---------------------------------------------------------------------------

def find_sweeps(points: Iterable[Optional[dict]]) -> List[dict]:
    """Group points into sweeps and judge each one."""
    groups: Dict[Tuple, List[dict]] = {}
    for p in points:
        if p is not None:
            groups.setdefault(p["_key"], []).append(p)
    out = []
    for key in sorted(groups, key=repr):
        pts = sorted(groups[key], key=lambda p: (p["peak_lr"], p["run"]))
        lrs = np.array([p["peak_lr"] for p in pts])
        if len(pts) < MIN_RUNS or math.log10(float(lrs.max() / lrs.min())) < MIN_DECADES - 1e-9:
            continue
        _blown_up(pts)
        clean = [{k: v for k, v in p.items() if not k.startswith("_")} for p in pts]
        parent, stem, _ = key
        label = stem or (parent + "/*" if parent else "*")
        out.append({"name": label, "runs": [p["run"] for p in clean], "points": clean,
                    "loss": "validation" if all(p["loss"] == "validation" for p in clean)
                    else "training",
                    **verdict(clean)})
    return out


def _levels(points: Sequence[dict]) -> List[dict]:
    """Points of the same LR (within 2 %) merged: the median of their best
    losses; a level diverged when all of its runs did."""
    levels: List[dict] = []
    for p in points:
        if levels and p["peak_lr"] <= levels[-1]["lr"] * (1 + SAME_LR_RTOL):
            levels[-1]["pts"].append(p)
        else:
            levels.append({"lr": p["peak_lr"], "pts": [p]})
    for lv in levels:
        ok = [q["best_loss"] for q in lv["pts"] if not q["diverged"] and q["best_loss"] is not None]
        lv["best"] = float(np.median(ok)) if ok else None
        lv["diverged"] = all(q["diverged"] for q in lv["pts"])
        lv["any_diverged"] = any(q["diverged"] for q in lv["pts"])
    return levels


def verdict(points: Sequence[dict]) -> dict:
    """The sweep verdict over points sorted by LR (see the module docstring)."""
    levels = _levels(points)
    lrs = [lv["lr"] for lv in levels]
    div = [lv for lv in levels if lv["any_diverged"]]
    div_lr = div[0]["lr"] if div else None
    v: Dict[str, Any] = {"best_lr": None, "best_loss": None, "at_edge": None,
                         "extend_to": None, "neighbours": [], "divergence_lr": div_lr,
                         "lr_min": lrs[0], "lr_max": lrs[-1], "status": model.HEALTHY}
    ranked = [(lv["best"], i) for i, lv in enumerate(levels) if lv["best"] is not None]
    if not ranked:
        v["status"] = model.CRITICAL
        v["text"] = ("Every run of this sweep diverged or has no finite loss (LR %s to %s): "
                     "sweep lower LRs, starting about 10x below %s."
                     % (_fmt_lr(lrs[0]), _fmt_lr(lrs[-1]), _fmt_lr(lrs[0])))
        return v
    best, ib = min(ranked)
    best_lr = levels[ib]["lr"]
    v["best_lr"], v["best_loss"] = best_lr, best
    spacing = float(np.exp(np.median(np.diff(np.log(lrs))))) if len(lrs) > 1 else 10.0
    sentences = ["The best LR of this sweep is %s (best %s loss %s)."
                 % (_fmt_lr(best_lr), "validation" if all(p["loss"] == "validation"
                                                          for p in points) else "training",
                    "%.4g" % best)]
    nb = []
    for j in (ib - 1, ib + 1):
        if 0 <= j < len(levels):
            lv = levels[j]
            if lv["best"] is None:
                nb.append({"lr": lv["lr"], "worse_pct": None, "diverged": True})
            else:
                pct = 100.0 * (lv["best"] / best - 1.0) if best > 0 else None
                nb.append({"lr": lv["lr"], "worse_pct": None if pct is None else round(pct, 1),
                           "diverged": lv["any_diverged"]})
    v["neighbours"] = nb
    parts = []
    for n in nb:
        if n["worse_pct"] is None:
            parts.append("%s diverged" % _fmt_lr(n["lr"]))
        else:
            pct = n["worse_pct"]
            parts.append("%s is %s%% worse" % (_fmt_lr(n["lr"]),
                                               "%.0f" % pct if pct >= 100 else "%.2g" % pct))
    if parts:
        sentences.append("Its neighbours: %s." % " and ".join(parts))
    if ib == len(levels) - 1:
        v["at_edge"] = "high"
        v["extend_to"] = best_lr * spacing ** EXTEND_STEPS
        v["status"] = model.WARNING
        sentences.append("It is the highest LR swept, so the optimum is probably higher: extend "
                         "the sweep upwards to about %s (%d more steps of x%s)."
                         % (_fmt_lr(v["extend_to"]), EXTEND_STEPS, "%.3g" % spacing))
    elif ib == 0:
        v["at_edge"] = "low"
        v["extend_to"] = best_lr / spacing ** EXTEND_STEPS
        v["status"] = model.WARNING
        sentences.append("It is the lowest LR swept, so the optimum is probably lower: extend "
                         "the sweep downwards to about %s (%d more steps of /%s)."
                         % (_fmt_lr(v["extend_to"]), EXTEND_STEPS, "%.3g" % spacing))
    if div_lr is not None:
        above = [lv for lv in levels if lv["lr"] >= div_lr]
        all_above = all(lv["any_diverged"] for lv in above)
        sentences.append("Runs start to diverge at LR %s%s." % (
            _fmt_lr(div_lr), " and every run at or above it diverged" if all_above and
            len(above) > 1 else ""))
        if best_lr * spacing >= div_lr * (1 - SAME_LR_RTOL) and v["at_edge"] is None:
            sentences.append("The best LR is the last stable one below that: a peak between "
                             "%s and %s may do a little better, with less margin."
                             % (_fmt_lr(best_lr), _fmt_lr(div_lr)))
    else:
        sentences.append("No run diverged.")
    v["text"] = " ".join(sentences)
    return v


# ---------------------------------------------------------------------------
# Hyperparameters from the logs
# ---------------------------------------------------------------------------

def _signature(plan) -> Tuple:
    return tuple((role, None if ti is None else ti.tag)
                 for role, ti in sorted(plan.roles.items()) if role in ("lr", "train_loss",
                                                                        "val_loss"))


def _hp_for(plan, hps: Dict[str, float]) -> Optional[float]:
    """The LR hparam of an experiment: of one of its runs, or of a sub-run
    (``add_hparams`` writes to ``<run>/<timestamp>``), or of its folder."""
    for run in plan.runs:
        if run in hps:
            return hps[run]
    for name in [plan.name] + list(plan.runs):
        for run, x in hps.items():
            if run.startswith(name.rstrip("/") + "/"):
                return x
    return hps.get(plan.name)


def sweeps_impl(provider, ctx, eid, overrides=None,
                analysed: Optional[Callable] = None, logdir: Optional[str] = None) -> dict:
    """``{"sweeps": [...]}`` for everything the provider holds.

    ``analysed(plan) -> (exp, result)`` reuses a caller's cached analysis
    (the plugin's); without it every experiment is read and analysed here (the
    CLI: one bulk read)."""
    from tb_lrsched import data, roles, service

    overrides = roles.NO_OVERRIDES if overrides is None else overrides
    plans = data.plans(provider, ctx, eid, overrides)
    if analysed is None:
        problems: Dict = {}
        exps = data.read_all(provider, ctx, eid, plans, None, problems)
        pairs = [(e, service.analyze(e)) for e in exps]
    else:
        pairs = [analysed(p) for p in plans]
    hps = hparam_lrs(provider, ctx, eid, logdir)
    points = [point_of(p.name, e, r, _signature(p), _hp_for(p, hps))
              for p, (e, r) in zip(plans, pairs)]
    return {"sweeps": find_sweeps(points)}


# ---------------------------------------------------------------------------
# The `tb-lrsched sweep` command's work (tb_lrsched/cli.py wires it)
# ---------------------------------------------------------------------------

def sweeps_of_logdir(logdir: str, overrides=None, loader_name: str = "auto") -> dict:
    """``{"logdir", "sweeps"}`` for a local logdir, every point read (no sampling)."""
    from tb_lrsched import loader

    loader.check_logdir(logdir)
    with loader.open_provider(logdir, loader_name) as (provider, ctx, eid):
        return dict(logdir=logdir, **sweeps_impl(provider, ctx, eid, overrides, logdir=logdir))


def failed(doc: dict, fail_on: str) -> bool:
    """Whether a sweep's status reaches ``fail_on`` ("warning" or "critical")."""
    threshold = model.STATUS_RANK[fail_on]
    return any(model.STATUS_RANK.get(s["status"], 0) >= threshold for s in doc["sweeps"])


def render_json(doc: dict) -> str:
    from tensorboard.backend import json_util

    # NaN/Inf as "NaN"/"Infinity": TensorBoard's own cleanser, as in the routes.
    return json.dumps(json_util.Cleanse(doc), indent=2, allow_nan=False) + "\n"


def render_table(doc: dict) -> str:
    from tb_lrsched.cli_formats import text

    if not doc["sweeps"]:
        return ("No LR sweep found in %s (a sweep is >= 3 experiments with the same tags "
                "whose LRs span >= 1 decade)\n" % text(doc["logdir"]))

    def num(x: Optional[float]) -> str:
        return "-" if x is None else "%.4g" % x

    lines = []
    for s in doc["sweeps"]:
        lines.append("sweep %s (%s; %d runs, %s loss)" % (text(s["name"]), s["status"],
                                                        len(s["points"]), s["loss"]))
        names = [text(p["run"]) for p in s["points"]]
        width = min(48, max(len("RUN"), max(len(n) for n in names)))
        row = "  %-*s  %-9s  %-10s  %-10s  %-8s  %s"
        lines.append(row % (width, "RUN", "PEAK LR", "BEST", "FINAL", "STATUS", "DIVERGED"))
        for name, p in zip(names, s["points"]):
            if len(name) > width:  # keep the end: it is what tells runs apart
                name = "…" + name[len(name) - width + 1:]
            lines.append(row % (width, name, "%.3g" % p["peak_lr"], num(p["best_loss"]),
                                num(p["final_loss"]), p["status"],
                                "yes" if p["diverged"] else "no"))
        lines.append("  verdict: %s" % s["text"])
        lines.append("")
    return "\n".join(lines)
