"""The shared analysis path behind both front doors (plugin routes and CLI).

`AnalysisService` plans experiments from the provider's listing, reads and
aligns their series, runs the verdict engine, and caches the result per
experiment until any of its series gains data (max step / wall time change).
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from typing import Dict, List, Optional, Tuple

from tb_lrsched import data, decimate, model, report, roles
from tb_lrsched.engine import curves

_SERIES_ROLES = model.ROLES
# The verdicts route reuses a listing read this recently (seconds).
_PLANS_REUSE_S = 2.0
logger = logging.getLogger(__name__)


def overrides_from(lr=None, train_loss=None, val_loss=None, val_acc=None) -> roles.Overrides:
    """Compile role overrides; ValueError on a bad regex."""
    return roles.Overrides.compile(lr=lr, train_loss=train_loss,
                                   val_loss=val_loss, val_acc=val_acc)


def analyze(exp: model.ExperimentSeries) -> dict:
    from tb_lrsched import analysis  # the verdict engine
    return dict(analysis.analyze(exp))


def _sampled(exp: model.ExperimentSeries) -> bool:
    return any(s.sampled for s in exp.all_series())


def verdict(plan: roles.ExperimentPlan, exp: model.ExperimentSeries, result: dict) -> dict:
    """The per-experiment verdict record shared by the CLI JSON and the routes."""
    return {
        "run": plan.name,
        "status": result["status"],
        "step_unit": exp.step_unit,
        "roles": plan.roles_json(),
        "findings": result["findings"],
        "notes": result.get("notes", []),
        "sampled": _sampled(exp),
        # the engine's one-sentence run-level advice, when it gives one
        "recommendation": result.get("recommendation"),
    }


def _nbytes(exp: model.ExperimentSeries) -> int:
    return 4096 + sum(s.steps.nbytes + s.values.nbytes + s.wall_times.nbytes
                      for s in exp.all_series())


def series_json(s: Optional[model.Series], points: int, start=None, end=None, key=None):
    if s is None:
        return None
    steps, values = decimate.window(s.steps, s.values, start, end)
    shown = steps.size
    steps, values = decimate.minmax(steps, values, points)
    out = {
        "run": s.run,
        "tag": s.tag,
        "steps": [report.json_number(x) for x in steps.tolist()],
        "values": values.tolist(),
        "points": len(s),
        "sampled": bool(s.sampled),
        "decimated": bool(steps.size < shown),
    }
    if key is not None:
        out["key"] = key
    return out


class AnalysisService:
    """Caching analysis over a data provider. Thread-safe."""

    def __init__(self, sample_limit: Optional[int] = None, cache_size: int = 512,
                 cache_bytes: int = 512 << 20):
        self._sample_limit = sample_limit
        self._cache: "collections.OrderedDict" = collections.OrderedDict()
        self._cache_size = cache_size
        # Entries hold whole series; every distinct override regex in a URL
        # makes new ones, so the cache is bounded by memory, not only count.
        self._cache_bytes = cache_bytes
        self._bytes = 0
        self._lock = threading.Lock()
        self._plan_memo: "collections.OrderedDict" = collections.OrderedDict()
        # (eid, overrides) -> (monotonic time, plans) of the last listing read
        self._recent_plans: Dict = {}

    def _plans(self, provider, ctx, eid, overrides) -> List[roles.ExperimentPlan]:
        """The provider's listing is read on every request (it is what notices
        new data); planning is redone only when the listing changed (any run,
        tag, max step or max wall time): with hundreds of runs it costs about
        as much as the listing itself."""
        listing = data.listing(provider, ctx, eid)
        sig = (eid, overrides.key(), tuple(
            (ti.run, ti.tag, ti.max_step, ti.max_wall_time)
            for tags in listing.values() for ti in tags.values()))
        with self._lock:
            hit = self._plan_memo.get(sig)
        if hit is not None:
            with self._lock:
                self._recent_plans[(eid, overrides.key())] = (time.monotonic(), hit)
            return hit
        plans = roles.plan_all(listing, overrides)
        with self._lock:
            self._recent_plans[(eid, overrides.key())] = (time.monotonic(), plans)
            self._plan_memo[sig] = plans
            while len(self._plan_memo) > 8:
                self._plan_memo.popitem(last=False)
        return plans

    def _analysed(self, provider, ctx, eid, plan, overrides):
        key = (eid, plan.name, overrides.key(), plan.fingerprint())
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit[0], hit[1]
        try:
            problems: Dict = {}
            exp = data.read_experiment(provider, ctx, eid, plan, self._sample_limit, problems)
            result = with_problems(analyze(exp), problems)
        except Exception as e:  # noqa: BLE001 - one experiment never takes the others down
            logger.exception("lr_health: reading experiment %r failed", plan.name)
            return unreadable(plan, e)  # not cached: the next request retries
        size = _nbytes(exp)
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._bytes -= old[2]
            self._cache[key] = (exp, result, size)
            self._bytes += size
            # Drop stale entries of this experiment and keep the cache bounded.
            for k in [k for k in self._cache if k[:3] == key[:3] and k != key]:
                self._bytes -= self._cache.pop(k)[2]
            while len(self._cache) > 1 and (len(self._cache) > self._cache_size
                                            or self._bytes > self._cache_bytes):
                self._bytes -= self._cache.popitem(last=False)[1][2]
        return exp, result

    def _cached(self, eid, plan, overrides):
        """(exp, result) when this plan's analysis is cached and current, else None."""
        key = (eid, plan.name, overrides.key(), plan.fingerprint())
        with self._lock:
            hit = self._cache.get(key)
        return None if hit is None else (hit[0], hit[1])

    def analysed(self, provider, ctx, eid, plan, overrides=roles.NO_OVERRIDES):
        """(exp, result) of one planned experiment, from the cache when fresh."""
        return self._analysed(provider, ctx, eid, plan, overrides)

    def summaries(self, provider, ctx, eid, overrides=roles.NO_OVERRIDES) -> List[dict]:
        out = []
        for plan in self._plans(provider, ctx, eid, overrides):
            exp, result = self._analysed(provider, ctx, eid, plan, overrides)
            out.append(summary(plan, exp, result))
        return out

    def listing(self, provider, ctx, eid, overrides=roles.NO_OVERRIDES) -> List[dict]:
        """Every experiment at once (no reads): the verdicts already cached and
        current are filled in; the others are pending records (`pending: true`,
        `status: null`) that `verdicts()` fills progressively."""
        out = []
        for plan in self._plans(provider, ctx, eid, overrides):
            hit = self._cached(eid, plan, overrides)
            out.append(pending_summary(plan) if hit is None else summary(plan, *hit))
        return out

    def verdicts(self, provider, ctx, eid, overrides=roles.NO_OVERRIDES,
                 budget_s: float = 0.25, limit: int = 500) -> Tuple[List[dict], int]:
        """Judge pending experiments (listing order) for about `budget_s`
        seconds, at most `limit` of them. Returns (their summaries, how many
        are still pending)."""
        # Batches follow each other closely: reuse the listing read by the
        # previous batch (or the listing route) for a moment instead of
        # re-reading it for every batch.
        memo_key = (eid, overrides.key())
        with self._lock:
            recent = self._recent_plans.get(memo_key)
        if recent is not None and time.monotonic() - recent[0] < _PLANS_REUSE_S:
            plans = recent[1]
        else:
            plans = self._plans(provider, ctx, eid, overrides)
        todo = [p for p in plans if self._cached(eid, p, overrides) is None]
        out: List[dict] = []
        t0 = time.monotonic()
        for plan in todo:
            if len(out) >= limit or (out and time.monotonic() - t0 > budget_s):
                break
            exp, result = self._analysed(provider, ctx, eid, plan, overrides)
            out.append(summary(plan, exp, result))
        return out, len(todo) - len(out)

    def report(self, provider, ctx, eid, name, overrides=roles.NO_OVERRIDES,
               points=2000, start=None, end=None) -> Optional[dict]:
        plan = next((p for p in self._plans(provider, ctx, eid, overrides) if p.name == name), None)
        if plan is None:
            return None
        exp, result = self._analysed(provider, ctx, eid, plan, overrides)
        rec = verdict(plan, exp, result)
        rec["name"] = rec.pop("run")
        rec["runs"] = plan.runs
        rec["series"] = {
            role: series_json(getattr(exp, role), points, start, end) for role in _SERIES_ROLES
        }
        acc = rec["series"].get("val_acc")
        if acc is not None and curves.is_detection_score(acc["tag"]):
            # a detection score (mAP / AP) stands in for the accuracy: the panel names it
            acc["score"] = curves.tag_leaf(acc["tag"])
        rec["series"]["train_loss_fine"] = series_json(exp.train_loss_fine, points, start, end)
        rec["series"]["extra_lrs"] = [
            series_json(s, points, start, end, key=k) for k, s in sorted(exp.extra_lrs.items())
        ]
        # LR range test: the (LR, loss, smoothed loss) curve the panel draws
        from tb_lrsched.rules import lr_range_test
        rec["range_test"] = (lr_range_test.curve(exp) if any(
            f["kind"] == "lr_range_test" for f in result["findings"]) else None)
        return rec


def summary(plan: roles.ExperimentPlan, exp: model.ExperimentSeries, result: dict) -> dict:
    """One experiment's line in the listing (the `experiments` route)."""
    counts = {model.CRITICAL: 0, model.WARNING: 0, model.INFO: 0}
    for f in result["findings"]:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    top = result["findings"][0] if result["findings"] else None
    return {
        "name": plan.name,
        "runs": plan.runs,
        "status": result["status"],
        "step_unit": exp.step_unit,
        "roles": plan.roles_json(),
        "counts": counts,
        "top_finding": None if top is None else {
            "kind": top["kind"], "severity": top["severity"],
            "message": top["message"]},
        "sampled": _sampled(exp),
        # what could not be judged or read (the report's notes)
        "notes": list(result.get("notes", [])),
    }


def pending_summary(plan: roles.ExperimentPlan) -> dict:
    """A listing line whose verdict is not computed yet."""
    return {"name": plan.name, "runs": plan.runs, "status": None, "pending": True,
            "roles": plan.roles_json(), "counts": {}, "top_finding": None,
            "sampled": False, "notes": []}


def with_problems(result: dict, problems) -> dict:
    """The engine's result plus notes about series that could not be read."""
    if not problems:
        return result
    out = dict(result)
    out["notes"] = data.problem_notes(problems) + list(result.get("notes", []))
    return out


def unreadable(plan: roles.ExperimentPlan, error: Exception):
    """(exp, result) for an experiment whose data could not be read at all."""
    exp = model.ExperimentSeries(name=plan.name)
    return exp, {"status": model.HEALTHY, "findings": [],
                 "notes": ["The data of this experiment could not be read (%s); no verdict "
                           "was given." % type(error).__name__]}


def check_all_series(provider, ctx, eid, overrides=roles.NO_OVERRIDES,
                     sample_limit: Optional[int] = None) -> List[tuple]:
    """(plan, series, verdict record) for every experiment (CLI and Python API
    path: one bulk read; the series are kept for plots and baselines)."""
    plans = data.plans(provider, ctx, eid, overrides)
    problems: Dict = {}
    exps = data.read_all(provider, ctx, eid, plans, sample_limit, problems)
    out = []
    for p, e in zip(plans, exps):
        mine = {k: v for k, v in problems.items() if k[0] in p.runs}
        out.append((p, e, verdict(p, e, with_problems(analyze(e), mine))))
    return out


def check_all(provider, ctx, eid, overrides=roles.NO_OVERRIDES,
              sample_limit: Optional[int] = None) -> List[dict]:
    """Verdict records for every experiment (one bulk read)."""
    return [rec for _, _, rec in check_all_series(provider, ctx, eid, overrides, sample_limit)]
