"""Reading scalars through TensorBoard's data provider, cleaning, aligning.

The plugin and the CLI both come through here (one data path, GUIDE §1):

    provider.list_scalars -> roles.plan_all -> provider.read_scalars
        -> clean (restarts, order) -> align (one step axis) -> ExperimentSeries

Nothing in this module opens an event file itself.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Mapping, Optional, Tuple

import numpy as np

from tb_lrsched import model, roles

SCALARS_PLUGIN = "scalars"
# Ask the provider for everything it holds; decimation happens later, per view.
_READ_ALL = 2**31 - 1


def listing(provider, ctx, experiment_id: str) -> Dict[str, Dict[str, roles.TagInfo]]:
    """run -> tag -> TagInfo for every scalar series the provider knows."""
    raw = provider.list_scalars(ctx, experiment_id=experiment_id,
                                plugin_name=SCALARS_PLUGIN)
    out: Dict[str, Dict[str, roles.TagInfo]] = {}
    for run, tags in raw.items():
        out[run] = {
            tag: roles.TagInfo(run, tag, float(md.max_step or 0), float(md.max_wall_time or 0))
            for tag, md in tags.items()
        }
    return out


def plans(provider, ctx, experiment_id: str,
          overrides: roles.Overrides = roles.NO_OVERRIDES) -> List[roles.ExperimentPlan]:
    return roles.plan_all(listing(provider, ctx, experiment_id), overrides)


def clean(steps, values, wall_times) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort by step; for a repeated step (restart from a checkpoint) the value
    written last wins. Returns float64 arrays."""
    s = np.asarray(steps, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    w = np.asarray(wall_times, dtype=np.float64)
    if s.size == 0:
        return s, v, w
    # Stable sort by step keeps write order among equal steps; then keep the
    # last of each run of equal steps.
    if np.any(s[1:] <= s[:-1]):
        order = np.lexsort((np.arange(s.size), s))
        s, v, w = s[order], v[order], w[order]
        keep = np.ones(s.size, dtype=bool)
        keep[:-1] = s[1:] != s[:-1]
        s, v, w = s[keep], v[keep], w[keep]
    return s, v, w


def drop_orphans(steps, values, wall_times) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop points orphaned by a restart, given in write order.

    When the step goes back (training resumed from an earlier checkpoint),
    every point written before at that step or later belongs to the abandoned
    attempt: a point survives only if every later write has a larger step.
    TensorBoard's Rust data server purges the same points itself; its Python
    loader keeps them (event files of version 2 purge only on a SessionLog
    START), so without this the two loaders would judge different curves.
    """
    s = np.asarray(steps, dtype=np.float64)
    if s.size < 2 or not np.any(s[1:] <= s[:-1]):
        return s, np.asarray(values, dtype=np.float64), np.asarray(wall_times, dtype=np.float64)
    later_min = np.minimum.accumulate(s[::-1])[::-1]  # min over i..end
    keep = np.ones(s.size, dtype=bool)
    keep[:-1] = s[:-1] < later_min[1:]
    return (s[keep], np.asarray(values, dtype=np.float64)[keep],
            np.asarray(wall_times, dtype=np.float64)[keep])


def looks_sampled(steps: np.ndarray, sample_limit: Optional[int]) -> bool:
    """True when TensorBoard's reservoir sampling probably dropped points:
    the series is at the reservoir's size and its step gaps are irregular."""
    if not sample_limit or steps.size < sample_limit:
        return False
    if steps.size < 3:
        return False
    d = np.diff(steps)
    return bool(np.any(d != d[0]))


def _needed(plan: roles.ExperimentPlan) -> List[roles.TagInfo]:
    out = [t for t in plan.roles.values() if t is not None]
    if plan.train_loss_fine is not None:
        out.append(plan.train_loss_fine)
    out.extend(plan.extra_lrs)
    out.extend(plan.alternates.values())
    for tr, va in plan.loss_parts:
        out.extend([tr] if va is None else [tr, va])
    out.extend(plan.other_losses)
    seen, uniq = set(), []
    for t in out:
        if (t.run, t.tag) not in seen:
            seen.add((t.run, t.tag))
            uniq.append(t)
    return uniq


# Points per provider call, estimated from each series' max step. One call's
# answer (a gRPC message, or one Python object per point) is transient: keeping
# it to a slice of the whole bounds the peak memory near the arrays it fills.
BATCH_POINTS = 1 << 18


def _batches(wanted: List[roles.TagInfo], budget: Optional[float] = None) -> List[List[roles.TagInfo]]:
    """Group the wanted series into provider calls: whole runs together up to
    `budget` estimated points, a run above it split by tags (a series is never
    split)."""
    budget = BATCH_POINTS if budget is None else budget
    by_run: Dict[str, List[roles.TagInfo]] = {}
    for t in wanted:
        by_run.setdefault(t.run, []).append(t)
    size = lambda t: max(1.0, float(t.max_step) + 1.0)  # noqa: E731 - at most one point per step
    out: List[List[roles.TagInfo]] = []
    cur: List[roles.TagInfo] = []
    cur_size = 0.0
    for ts in by_run.values():
        run_size = sum(size(t) for t in ts)
        if run_size > budget:
            part: List[roles.TagInfo] = []
            part_size = 0.0
            for t in ts:
                if part and part_size + size(t) > budget:
                    out.append(part)
                    part, part_size = [], 0.0
                part.append(t)
                part_size += size(t)
            out.append(part)
            continue
        if cur and cur_size + run_size > budget:
            out.append(cur)
            cur, cur_size = [], 0.0
        cur.extend(ts)
        cur_size += run_size
    if cur:
        out.append(cur)
    return out


def _reader(provider):
    """read(ctx, experiment_id, batch) -> {run: {tag: points}}, where points are
    (steps, values, wall_times) arrays from a data server's fast path when the
    provider has one, else the provider's list of ScalarDatum."""
    from tb_lrsched import loader  # standard library only; no grpc import

    fast = loader.array_reader(provider)
    if fast is None:
        return lambda ctx, eid, batch: _read_scalars(provider, ctx, eid, batch)
    return lambda ctx, eid, batch: fast(
        ctx, experiment_id=eid, plugin_name=SCALARS_PLUGIN,
        runs={t.run for t in batch}, tags={t.tag for t in batch})


def _read_batch(read, ctx, experiment_id, batch, problems):
    try:
        return read(ctx, experiment_id, batch)
    except Exception as e:  # noqa: BLE001 - one bad series must not hide the rest
        if len(batch) == 1:
            problems[(batch[0].run, batch[0].tag)] = _reason(e)
            return {}
        data: Dict = {}
        for t in batch:
            try:
                one = read(ctx, experiment_id, [t])
            except Exception as e1:  # noqa: BLE001
                problems[(t.run, t.tag)] = _reason(e1)
                continue
            points = one.get(t.run, {}).get(t.tag)
            if points is not None:
                data.setdefault(t.run, {})[t.tag] = points
        return data


def _arrays(points) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(steps, values, wall_times) float64 from either kind of answer."""
    if isinstance(points, tuple):  # the fast path's arrays
        return points
    n = len(points)
    s = np.fromiter((p.step for p in points), dtype=np.float64, count=n)
    v = np.array([p.value for p in points])
    if v.size and v.dtype.kind not in "biuf":  # e.g. a string tensor: not a number
        raise TypeError("values of type %s" % type(points[0].value).__name__)
    v = v.astype(np.float64).reshape(-1)
    if v.size != n:
        raise ValueError("%d values for %d steps" % (v.size, n))
    w = np.fromiter((p.wall_time for p in points), dtype=np.float64, count=n)
    return s, v, w


def read_series(provider, ctx, experiment_id: str, wanted: Iterable[roles.TagInfo],
                sample_limit: Optional[int] = None,
                problems: Optional[Dict[Tuple[str, str], str]] = None,
                ) -> Dict[Tuple[str, str], model.Series]:
    """Read and clean the given series (a few provider calls, see `_batches`).

    A series TensorBoard cannot hand out as numbers (a tag with a scalar-like
    name holding a vector or a string, a file the reader chokes on) must not
    take the others down: when a call fails, each of its series is read on its
    own and the unreadable ones are left out; `problems`, when given, receives
    (run, tag) -> a short reason for each of them.

    Providers backed by a data server are read straight into numpy
    (`loader.array_reader`); the others through `read_scalars`.
    """
    wanted = list(wanted)
    if not wanted:
        return {}
    problems = {} if problems is None else problems
    read = _reader(provider)
    got: Dict[Tuple[str, str], model.Series] = {}
    for batch in _batches(wanted):
        data = _read_batch(read, ctx, experiment_id, batch, problems)
        for t in batch:
            points = data.get(t.run, {}).get(t.tag)
            if points is None:
                continue
            try:
                s, v, w = _arrays(points)
            except (TypeError, ValueError, OverflowError) as e:
                problems[(t.run, t.tag)] = _reason(e)
                continue
            s, v, w = clean(*drop_orphans(s, v, w))
            got[(t.run, t.tag)] = model.Series(
                s, v, w, t.run, t.tag, sampled=looks_sampled(s, sample_limit))
        del data
    return {(t.run, t.tag): got[(t.run, t.tag)] for t in wanted if (t.run, t.tag) in got}


def _read_scalars(provider, ctx, experiment_id, wanted):
    from tensorboard.data import provider as tb_provider  # light import

    return provider.read_scalars(
        ctx, experiment_id=experiment_id, plugin_name=SCALARS_PLUGIN,
        downsample=_READ_ALL,
        run_tag_filter=tb_provider.RunTagFilter(runs=sorted({t.run for t in wanted}),
                                                tags=sorted({t.tag for t in wanted})))


def _reason(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return "%s: %s" % (type(e).__name__, text[0][:120]) if text else type(e).__name__


def problem_notes(problems: Mapping[Tuple[str, str], str]) -> List[str]:
    """Plain sentences for series that could not be read (report `notes`)."""
    return ["The series %s could not be read as scalars and was ignored (%s): it holds "
            "invalid or non-scalar data." % (roles.TagInfo(run, tag).key, why)
            for (run, tag), why in sorted(problems.items())]


def _remap(series: model.Series, ref: model.Series) -> model.Series:
    """Place a coarse (per-epoch) series on the reference's step axis by wall
    time: each point lands on the reference step logged at the same moment."""
    wall = np.maximum.accumulate(ref.wall_times)
    # Steps are integers in every writer: round to the nearest logged step.
    steps = np.round(np.interp(series.wall_times, wall, ref.steps))
    # Interpolation can map two epochs to one step when wall times are coarse;
    # keep the axis strictly increasing.
    steps, values, walls = clean(steps, series.values, series.wall_times)
    return model.Series(steps, values, walls, series.run, series.tag, series.sampled)


def _is_coarser(s: model.Series, ref: model.Series) -> bool:
    """s counts epochs while ref counts steps: s's step range is much shorter
    but it runs as late in wall time (Keras epoch_* vs batch_* tags)."""
    if s is ref or len(s) == 0 or len(ref) < 2:
        return False
    if not (s.steps[-1] * 3 < ref.steps[-1]):
        return False
    span = ref.wall_times[-1] - ref.wall_times[0]
    if span <= 0:
        return False
    return s.wall_times[-1] >= ref.wall_times[0] + 0.5 * span


def align(by_key: Mapping[Tuple[str, str], model.Series]) -> Tuple[Dict[Tuple[str, str], model.Series], str]:
    """Put every series on one step axis. Returns (series, step_unit)."""
    if not by_key:
        return {}, "step"
    nonempty = [s for s in by_key.values() if len(s) > 0]
    if not nonempty:
        return dict(by_key), "step"
    ref = max(nonempty, key=lambda s: (s.steps[-1], len(s)))
    out, remapped = {}, False
    for key, s in by_key.items():
        if _is_coarser(s, ref):
            out[key] = _remap(s, ref)
            remapped = True
        else:
            out[key] = s
    unit = "step"
    if not remapped and all(t.lower().startswith("epoch_") for (_, t) in by_key):
        unit = "epoch"
    return out, unit


def experiment_series(plan: roles.ExperimentPlan,
                      by_key: Mapping[Tuple[str, str], model.Series]) -> model.ExperimentSeries:
    aligned, unit = align(by_key)

    def get(ti):
        return None if ti is None else aligned.get((ti.run, ti.tag))

    # a role logged twice (Keras' epoch_<m> and evaluation_<m>_vs_iterations): the denser
    # series plays it, and the plan says so from now on (its other series is the alternate)
    for role, alt in list(plan.alternates.items()):
        cur = plan.roles.get(role)  # (an alternate only stands beside a role that was picked)
        primary, other = get(cur), get(alt)
        if cur is not None and other is not None and (
                primary is None or len(other.steps) > len(primary.steps)):
            plan.alternates[role], plan.roles[role] = cur, alt
    exp = model.ExperimentSeries(name=plan.name, step_unit=unit)
    for role in model.ROLES:  # role names are ExperimentSeries' attribute names
        setattr(exp, role, get(plan.roles.get(role)))
    # a detection loss logged only as its parts: every training part that was read, with its
    # validation twin where that was read
    for tr, va in plan.loss_parts:
        part = get(tr)
        if part is not None:
            exp.loss_parts.append((part, get(va)))
    exp.other_losses = [s for s in map(get, plan.other_losses) if s is not None]
    exp.train_loss_fine = get(plan.train_loss_fine)
    exp.extra_lrs = {t.key: aligned[(t.run, t.tag)] for t in plan.extra_lrs
                     if (t.run, t.tag) in aligned}
    exp.tag_names = tuple(t.key for t in plan.tags)
    return exp


def read_experiment(provider, ctx, experiment_id: str, plan: roles.ExperimentPlan,
                    sample_limit: Optional[int] = None,
                    problems: Optional[Dict[Tuple[str, str], str]] = None,
                    ) -> model.ExperimentSeries:
    by_key = read_series(provider, ctx, experiment_id, _needed(plan), sample_limit, problems)
    return experiment_series(plan, by_key)


def read_all(provider, ctx, experiment_id: str, all_plans: List[roles.ExperimentPlan],
             sample_limit: Optional[int] = None,
             problems: Optional[Dict[Tuple[str, str], str]] = None,
             ) -> List[model.ExperimentSeries]:
    """Read every experiment in bulk (a few batched provider calls; CLI)."""
    needed = [_needed(p) for p in all_plans]
    wanted = [t for ts in needed for t in ts]
    by_key = read_series(provider, ctx, experiment_id, wanted, sample_limit, problems)
    return [experiment_series(p, {(t.run, t.tag): by_key[(t.run, t.tag)]
                                  for t in ts if (t.run, t.tag) in by_key})
            for p, ts in zip(all_plans, needed)]
