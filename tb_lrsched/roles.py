"""Which run/tag plays which role, and which runs form one experiment.

Pure name logic: input is the run -> tag listing TensorBoard's data provider
gives (`list_scalars`), output is a list of `ExperimentPlan`s. No I/O here.

Writers covered (each has a test that writes logs the way that tool does):

* Keras `TensorBoard` callback: sibling runs `X/train` + `X/validation`
  grouped into experiment `X`; `epoch_learning_rate`, `epoch_loss`,
  `epoch_accuracy` in both runs, `batch_loss` in the train run.
* PyTorch `SummaryWriter`: `train/loss`, `val/loss`, `Loss/train`,
  `Loss/val`, `lr`, `train/lr`, ...
* PyTorch Lightning: `lr-Adam`, `lr-SGD/pg1`, `train_loss(_step|_epoch)`,
  `val_loss`.
* Hugging Face `Trainer`: `train/learning_rate`, `train/loss`, `eval/loss`.
* fastai: `lr_0`, `train_loss`, `valid_loss`; TensorBoard tutorials:
  `learning rate`.

User overrides (regular expressions searched in ``"run/tag"``) replace the
rules for their role.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Set, Tuple

from tb_lrsched import model
from tb_lrsched.engine.curves import is_detection_score

TRAIN_SPLITS = frozenset({"train", "training"})
VAL_SPLITS = frozenset(
    {"validation", "val", "valid", "eval", "evaluation", "test", "dev"}
)

# Tokens are the pieces of a tag (or run suffix) split on separators.
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_LR_WORDS = frozenset({"lr", "learning_rate", "learningrate"})
_LR_TOKEN = re.compile(r"^lr\d*$")  # lr, lr0, lr1 (YOLOv5 x/lr0)
_LOSS_TOKEN = re.compile(r"loss$")  # loss, box_loss -> tokens end with loss
_ACC_TOKENS = frozenset(
    {"acc", "accuracy", "top1", "top_1", "categorical_accuracy",
     "sparse_categorical_accuracy", "binary_accuracy"}
)
# Tags that look like a role but are not (timings, counters, schedules' state).
_NOT_METRIC = frozenset({"steps_per_second", "time", "seconds", "count", "momentum"})
# The parts a detector's loss is the sum of (YOLOv5/v8: box, obj, cls, dfl, seg, pose, kobj;
# mmdetection: loss_bbox, loss_iou, loss_mask, loss_centerness). A writer that logs only the
# parts has optimised their sum: that is the training loss.
DETECTION_LOSS_PARTS = frozenset({"box", "bbox", "obj", "cls", "dfl", "iou", "giou", "l1",
                                  "seg", "mask", "pose", "kpt", "kobj", "centerness"})


@dataclasses.dataclass(frozen=True)
class TagInfo:
    run: str
    tag: str
    max_step: float = 0.0
    max_wall_time: float = 0.0

    @property
    def key(self) -> str:
        return "%s/%s" % (self.run, self.tag) if self.run not in ("", ".") else self.tag


@dataclasses.dataclass
class ExperimentPlan:
    """One experiment: its runs and which (run, tag) plays each role."""

    name: str
    runs: List[str]
    roles: Dict[str, Optional[TagInfo]]
    extra_lrs: List[TagInfo] = dataclasses.field(default_factory=list)
    train_loss_fine: Optional[TagInfo] = None
    # role -> the same quantity logged at another cadence in the same run (Keras writes each
    # validation metric twice: 'epoch_<m>', only every update_freq-th epoch when update_freq
    # is a number, and 'evaluation_<m>_vs_iterations', at a cadence of its own): the reader
    # keeps the denser of the two (``data.experiment_series``)
    alternates: Dict[str, TagInfo] = dataclasses.field(default_factory=dict)
    # Every scalar tag of the experiment, for cache keys and listings.
    tags: List[TagInfo] = dataclasses.field(default_factory=list)
    # The other parts of a detection loss logged only as its parts (train/box_loss,
    # train/cls_loss, ...; the training loss role holds the first): (training part, its
    # validation twin or None). Each part is judged as a loss of its own
    # (``ExperimentSeries.loss_parts``).
    loss_parts: List[Tuple[TagInfo, Optional[TagInfo]]] = dataclasses.field(
        default_factory=list)
    # Every other loss the experiment logged (an RL run's value loss beside the policy loss
    # the training-loss role holds): read for NaN/Inf only, which is a divergence whichever
    # loss it is in.
    other_losses: List[TagInfo] = dataclasses.field(default_factory=list)

    def roles_json(self) -> dict:
        out: Dict[str, Any] = {}
        for role in model.ROLES:
            ti = self.roles.get(role)
            out[role] = None if ti is None else {"run": ti.run, "tag": ti.tag}
        others = {model.ROLE_TRAIN_LOSS: [tr.tag for tr, _ in self.loss_parts],
                  model.ROLE_VAL_LOSS: [va.tag for _, va in self.loss_parts if va is not None]}
        for role, tags in others.items():
            if out.get(role) is not None and tags:
                out[role]["parts"] = tags
        return out

    def fingerprint(self) -> Tuple:
        """Changes whenever any series of the experiment gains data."""
        return tuple(
            (t.run, t.tag, float(t.max_step), float(t.max_wall_time))
            for t in self.tags
        )


@dataclasses.dataclass(frozen=True)
class Overrides:
    """Regex overrides per role (compiled); None = use the built-in rules."""

    lr: Optional[re.Pattern] = None
    train_loss: Optional[re.Pattern] = None
    val_loss: Optional[re.Pattern] = None
    val_acc: Optional[re.Pattern] = None

    @staticmethod
    def compile(lr=None, train_loss=None, val_loss=None, val_acc=None) -> "Overrides":
        """Compile user regexes; raises ValueError with a readable message."""
        out: Dict[str, Optional[re.Pattern]] = {}
        for name, pattern in (("lr", lr), ("train_loss", train_loss),
                              ("val_loss", val_loss), ("val_acc", val_acc)):
            if pattern is None or pattern == "":
                out[name] = None
                continue
            if len(pattern) > 500:
                raise ValueError("%s pattern is longer than 500 characters" % name)
            try:
                out[name] = re.compile(pattern)
            except (re.error, OverflowError, RecursionError) as e:
                raise ValueError("invalid %s regex %r: %s" % (name, pattern, e)) from e
            why = regex_too_costly(pattern)
            if why:
                raise ValueError("%s regex %r is too costly to match: %s" % (name, pattern, why))
        return Overrides(**out)

    def key(self) -> Tuple:
        return tuple(p.pattern if p else None for p in
                     (self.lr, self.train_loss, self.val_loss, self.val_acc))

    def for_role(self, role: str) -> Optional[re.Pattern]:
        return getattr(self, role, None)


NO_OVERRIDES = Overrides()

# Python's backtracking `re` holds the GIL while it matches: one pattern such
# as "(.*)*x$" takes seconds on a 24-character run/tag name and hangs the
# whole TensorBoard server. Override patterns come from URLs, so the shapes
# that backtrack exponentially (nested or alternating repetition,
# backreferences) are refused, and polynomial blow-up is kept small by a cap
# on the product of all repetition ranges (each range capped at _SPAN, a
# long name): two unbounded repetitions (".*a.*") plus a few small bounded
# ones fit, three unbounded ones do not.
_BIG = 100  # a repetition with a larger maximum counts as unbounded
_SPAN = 256
_MAX_COST = (_SPAN + 1) ** 2 * 16


def regex_too_costly(pattern: str) -> Optional[str]:
    """Why matching `pattern` could take super-linear time, or None."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore
    try:
        tree = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - re.compile already accepted it
        return "it cannot be analysed"
    repeat_ops = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
    state = {"cost": 1}

    def walk(items, outer_max):
        for op, av in items:
            name = str(op)
            if name in ("GROUPREF", "GROUPREF_EXISTS"):
                return "backreferences are not allowed"
            if name in repeat_ops:
                lo, hi, sub = av
                hi_big = hi > _BIG
                if hi > 1:
                    state["cost"] *= min(hi, _SPAN) + 1
                if outer_max > 1 and hi > 1 and (outer_max > _BIG or hi_big
                                                 or outer_max * hi > _BIG):
                    return "nested repetition (such as (a+)+) is not allowed"
                why = walk(sub, max(outer_max, hi))
            elif name == "SUBPATTERN":
                why = walk(av[-1], outer_max)
            elif name == "BRANCH":
                if outer_max > _BIG:
                    return "repeated alternation (such as (a|ab)*) is not allowed"
                why = None
                for alt in av[1]:
                    why = why or walk(alt, outer_max)
            elif name in ("ASSERT", "ASSERT_NOT"):
                why = walk(av[1], outer_max)
            elif name == "ATOMIC_GROUP":
                why = walk(av, outer_max)
            else:
                why = None
            if why:
                return why
        return None

    why = walk(tree, 1)
    if why:
        return why
    if state["cost"] > _MAX_COST:
        return "too many repetitions (at most two unbounded *, + or {n,} and a few small {m,n})"
    return None


def tokens(text: str) -> List[str]:
    return [t for t in _TOKEN_SPLIT.split(text.lower()) if t]


def split_of_run(run: str) -> Tuple[str, Optional[str]]:
    """(experiment name, split) for a run name: 'x/train' -> ('x', 'train')."""
    parts = run.replace("\\", "/").rstrip("/").split("/")
    last = parts[-1].lower()
    if last in TRAIN_SPLITS:
        return "/".join(parts[:-1]) or ".", "train"
    if last in VAL_SPLITS:
        return "/".join(parts[:-1]) or ".", "val"
    return run, None


def group_runs(runs: Iterable[str]) -> Dict[str, List[str]]:
    """Group runs into experiments: Keras-style siblings share their parent.

    A run whose last path component is a split name (train/validation/...)
    belongs to the experiment named by its parent, as long as that experiment
    has a training-side run or several split runs; a lone `validation` run is
    still grouped with its parent so that `x/validation` never becomes an
    experiment of its own next to `x/train`.
    """
    groups: Dict[str, List[str]] = {}
    for run in sorted(runs):
        name, _ = split_of_run(run)
        groups.setdefault(name, []).append(run)
    return groups


# --- per-tag classification -------------------------------------------------

def _tag_split(tag_tokens: List[str]) -> Optional[str]:
    # 'eval/loss', 'val_loss', 'Loss/val', 'Test loss (avg on test)'
    for t in tag_tokens:
        if t in VAL_SPLITS:
            return "val"
    for t in tag_tokens:
        if t in TRAIN_SPLITS:
            return "train"
    return None


def _is_lr(tag_tokens: List[str], tag: str) -> bool:
    low = tag.lower()
    if "learning_rate" in low or "learning rate" in low or "learning-rate" in low or "learningrate" in low:
        return True
    return any(_LR_TOKEN.match(t) for t in tag_tokens)


def _is_loss(tag_tokens: List[str]) -> bool:
    return any(_LOSS_TOKEN.search(t) for t in tag_tokens)


def _is_acc(tag_tokens: List[str], tag: str) -> bool:
    low = tag.lower()
    if "accuracy" in low:
        return True
    return any(t in _ACC_TOKENS for t in tag_tokens)


def _excluded(tag_tokens: List[str], tag: str) -> bool:
    low = tag.lower()
    return any(w in low for w in _NOT_METRIC)


def _param_group_index(tag_tokens: List[str]) -> int:
    """0 for 'lr', 'lr-Adam', 'lr_0', 'lr0', 'pg0'; n for the n-th group."""
    for t in tag_tokens:
        m = re.match(r"^(?:lr|pg|group)(\d+)$", t)
        if m:
            return int(m.group(1))
    for i, t in enumerate(tag_tokens):
        if t in ("lr", "pg", "group") and i + 1 < len(tag_tokens) and tag_tokens[i + 1].isdigit():
            return int(tag_tokens[i + 1])
    return 0


def _granularity_rank(tag: str) -> int:
    """Lower is preferred for the main training loss: epoch-level means are
    cleaner than Keras' running-mean batch_loss sawtooth."""
    low = tag.lower()
    if low.startswith("epoch_") or low.endswith("_epoch"):
        return 0
    if low.startswith("batch_") or low.endswith("_step"):
        return 2
    return 1


_KERAS_EPOCH = re.compile(r"^epoch_(.+)$")
_KERAS_EVALUATION = re.compile(r"^evaluation_(.+)_vs_iterations$")


def _keras_twin(pick: Optional["_Candidate"], cands: List["_Candidate"]) -> Optional[TagInfo]:
    """The other Keras series of the same validation metric in the same run: 'epoch_<m>'
    for 'evaluation_<m>_vs_iterations' and the other way round; None when there is none."""
    if pick is None:
        return None
    m = _KERAS_EPOCH.match(pick.info.tag)
    e = _KERAS_EVALUATION.match(pick.info.tag)
    if m:
        twin = "evaluation_%s_vs_iterations" % m.group(1)
    elif e:
        twin = "epoch_%s" % e.group(1)
    else:
        return None
    for c in cands:
        if c.info.run == pick.info.run and c.info.tag == twin:
            return c.info
    return None


def _loss_name_rank(tag_tokens: List[str]) -> int:
    """Prefer the total loss ('loss', 'train_loss', 'epoch_loss') over components."""
    words = [t for t in tag_tokens if t not in TRAIN_SPLITS and t not in VAL_SPLITS
             and t not in ("epoch", "batch", "step", "avg", "on", "mean", "total", "ptl")]
    if words == ["loss"]:
        # Hugging Face logs one end-of-training summary 'train/train_loss'
        # next to the real curve 'train/loss'.
        return 1 if tag_tokens[:2] == ["train", "train"] else 0
    if "loss" in words:
        return 1
    return 2


_POLICY_SIDE = frozenset({"policy", "actor", "entropy"})


def _policy_side(tag_tokens: List[str]) -> int:
    """1 for an actor-critic's policy-side loss (loss/policy, Losses/Policy Loss, loss/entropy:
    not meant to fall, or falling by design), 0 else: with no total logged, the critic's value
    loss is the one that can show a schedule blowing up. A cross-entropy is no policy loss."""
    return int("cross" not in tag_tokens and any(t in _POLICY_SIDE for t in tag_tokens))


def _loss_parts(pick: Optional["_Candidate"], cands: List["_Candidate"]
                ) -> List["_Candidate"]:
    """The other parts of a detection loss beside ``pick`` (same run, same split and cadence,
    each a different part named in ``DETECTION_LOSS_PARTS``): when the writer logged no total,
    the parts beside the one picked as the training loss; when ``pick`` is the total
    (detectron2's total_loss beside loss_cls and loss_box_reg), its parts -- a part that
    collapses or blows up while the sum still looks fine is the failure to report. [] when
    ``pick`` is neither. A loss of two unrelated parts (a policy and a value loss, a generator
    and a discriminator) is no sum to judge."""
    if pick is None:
        return []
    rank = _loss_name_rank(pick.tag_tokens)
    if rank == 0:
        seen: Set[str] = set()
    elif rank == 1 and _is_part(_component(pick.tag_tokens)):
        if any(_loss_name_rank(c.tag_tokens) == 0 for c in cands):
            return []  # a total is logged: it is the training loss
        seen = {_component(pick.tag_tokens)}
    else:
        return []
    out = []
    for c in sorted(cands, key=lambda c: c.info.key):
        comp = _component(c.tag_tokens)
        if (c is pick or c.info.run != pick.info.run or c.split != pick.split
                or comp in seen or not _is_part(comp)
                or _loss_name_rank(c.tag_tokens) != 1
                or _granularity_rank(c.info.tag) != _granularity_rank(pick.info.tag)):
            continue
        seen.add(comp)
        out.append(c)
    return out


def _is_part(comp: str) -> bool:
    """A detection loss's part: its component (``_component``) is one of
    ``DETECTION_LOSS_PARTS`` (YOLO's box_loss, mmdetection's loss_bbox), or begins with one
    (detectron2's loss_box_reg, loss_cls)."""
    return comp in DETECTION_LOSS_PARTS or comp.split("_", 1)[0] in DETECTION_LOSS_PARTS


def _component(tag_tokens: List[str]) -> str:
    """Loss component name, to pair train/box_loss with val/box_loss."""
    comp = [t for t in tag_tokens if t not in TRAIN_SPLITS and t not in VAL_SPLITS
            and t not in ("epoch", "batch", "step", "loss")]
    return "_".join(comp)


@dataclasses.dataclass
class _Candidate:
    info: TagInfo
    tag_tokens: List[str]
    split: Optional[str]  # "train", "val" or None (unknown)


def _candidates(group_runs_: List[str], listing: Mapping[str, Mapping[str, TagInfo]]):
    out = []
    for run in group_runs_:
        _, run_split = split_of_run(run)
        for tag, info in sorted(listing.get(run, {}).items()):
            tt = tokens(tag)
            split = _tag_split(tt) or run_split
            out.append(_Candidate(info, tt, split))
    return out


def _pick(cands: List[_Candidate], key) -> Optional[_Candidate]:
    if not cands:
        return None
    return sorted(cands, key=key)[0]


def plan_experiment(name: str, runs: List[str],
                    listing: Mapping[str, Mapping[str, TagInfo]],
                    overrides: Overrides = NO_OVERRIDES) -> ExperimentPlan:
    cands = _candidates(runs, listing)
    roles: Dict[str, Optional[TagInfo]] = {r: None for r in model.ROLES}

    def overridden(role):
        pat = overrides.for_role(role)
        if pat is None:
            return None
        hits = [c for c in cands if pat.search(c.info.key)]
        # A tag another role's override also claims goes to that role when
        # this one has other matches ('objective' vs 'heldout_objective').
        others = [overrides.for_role(r) for r in ("lr", "train_loss", "val_loss", "val_acc")
                  if r != role and overrides.for_role(r) is not None]
        own = [c for c in hits if not any(o.search(c.info.key) for o in others)]
        return own or hits

    # Learning rate: every LR-like tag; the main one is the first param group,
    # at the finest granularity (largest max step), training side.
    lr_hits = overridden("lr")
    lr_all = lr_hits if lr_hits is not None else [
        c for c in cands if _is_lr(c.tag_tokens, c.info.tag)
        and not _excluded(c.tag_tokens, c.info.tag) and c.split != "val"]
    lr_main = _pick(lr_all, lambda c: (_param_group_index(c.tag_tokens),
                                       -c.info.max_step, c.info.key))
    roles[model.ROLE_LR] = lr_main.info if lr_main else None
    lr_keys = {c.info.key for c in lr_all}

    def metric_cands(split_ok, kind):
        out = []
        for c in cands:
            if c.info.key in lr_keys or _excluded(c.tag_tokens, c.info.tag):
                continue
            if kind == "loss" and not _is_loss(c.tag_tokens):
                continue
            if kind == "acc" and (not _is_acc(c.tag_tokens, c.info.tag) or _is_loss(c.tag_tokens)):
                continue
            if split_ok(c.split):
                out.append(c)
        return out

    # Training loss: training side or unlabelled; prefer the total loss and
    # epoch-level over running-mean batch values.
    tl_hits = overridden(model.ROLE_TRAIN_LOSS)
    tl_all = tl_hits if tl_hits is not None else metric_cands(lambda s: s != "val", "loss")
    # Prefer explicitly-train tags over unlabelled ones.
    tl = _pick(tl_all, lambda c: (_loss_name_rank(c.tag_tokens),
                                  _policy_side(c.tag_tokens),
                                  0 if c.split == "train" else 1,
                                  _granularity_rank(c.info.tag), c.info.key))
    roles[model.ROLE_TRAIN_LOSS] = tl.info if tl else None
    fine = None
    if tl is not None and tl_hits is None and _granularity_rank(tl.info.tag) == 0:
        # e.g. Keras epoch_loss + batch_loss, Lightning train_loss_epoch + _step
        comp: Optional[str] = _component(tl.tag_tokens)
        finer = [c for c in tl_all if c is not tl and _granularity_rank(c.info.tag) > 0
                 and _component(c.tag_tokens) == comp and c.info.run == tl.info.run]
        f = _pick(finer, lambda c: (-c.info.max_step, c.info.key))
        fine = f.info if f else None

    # Validation loss: validation side; same component as the training loss.
    vl_hits = overridden(model.ROLE_VAL_LOSS)
    vl_all = vl_hits if vl_hits is not None else metric_cands(lambda s: s == "val", "loss")
    comp = _component(tl.tag_tokens) if tl is not None else None
    vl = _pick(vl_all, lambda c: (0 if comp is None or _component(c.tag_tokens) == comp else 1,
                                  _loss_name_rank(c.tag_tokens),
                                  _granularity_rank(c.info.tag), c.info.key))
    roles[model.ROLE_VAL_LOSS] = vl.info if vl else None
    # a detection loss logged only as its parts: the other training parts, each with its
    # validation twin (the same part; None when that part has no validation loss)
    loss_parts: List[Tuple[TagInfo, Optional[TagInfo]]] = []
    if tl_hits is None and vl_hits is None:
        val_parts: Dict[str, TagInfo] = {}
        if vl is not None and tl is not None \
                and _component(vl.tag_tokens) == _component(tl.tag_tokens):
            val_parts = {_component(c.tag_tokens): c.info for c in _loss_parts(vl, vl_all)}
        loss_parts = [(c.info, val_parts.get(_component(c.tag_tokens)))
                      for c in _loss_parts(tl, tl_all)]
    alternates: Dict[str, TagInfo] = {}
    twin = _keras_twin(vl, vl_all) if vl_hits is None else None
    if twin is not None:
        alternates[model.ROLE_VAL_LOSS] = twin

    va_hits = overridden(model.ROLE_VAL_ACC)
    va_all = va_hits if va_hits is not None else metric_cands(lambda s: s == "val", "acc")
    if va_hits is None and not va_all:
        # no accuracy: a detection score (computed on held-out data whatever its prefix),
        # the one at IoU 0.5 before the one averaged over 0.5:0.95
        va_all = [c for c in cands if c.info.key not in lr_keys and c.split != "train"
                  and is_detection_score(c.info.tag) and not _is_loss(c.tag_tokens)]
        va_all.sort(key=lambda c: ("95" in c.tag_tokens, c.info.key))
        va_all = va_all[:1]
    va = _pick(va_all, lambda c: (_granularity_rank(c.info.tag), c.info.key))
    roles[model.ROLE_VAL_ACC] = va.info if va else None
    twin = _keras_twin(va, va_all) if va_hits is None else None
    if twin is not None:
        alternates[model.ROLE_VAL_ACC] = twin

    ta_all = metric_cands(lambda s: s == "train", "acc") or metric_cands(lambda s: s is None, "acc")
    ta = _pick(ta_all, lambda c: (_granularity_rank(c.info.tag), c.info.key))
    roles[model.ROLE_TRAIN_ACC] = ta.info if ta else None

    extra = sorted((c.info for c in lr_all if lr_main is None or c is not lr_main),
                   key=lambda t: t.key)
    used = {t.key for t in roles.values() if t is not None} | {
        t.key for pair in loss_parts for t in pair if t is not None} | {
        t.key for t in alternates.values()}
    if fine is not None:
        used.add(fine.key)
    others = sorted((c.info for c in metric_cands(lambda s: True, "loss")
                     if c.info.key not in used), key=lambda t: t.key)
    all_tags = [c.info for c in cands]
    return ExperimentPlan(name=name, runs=list(runs), roles=roles, extra_lrs=extra,
                          train_loss_fine=fine, alternates=alternates, tags=all_tags,
                          loss_parts=loss_parts, other_losses=others)


def plan_all(listing: Mapping[str, Mapping[str, TagInfo]],
             overrides: Overrides = NO_OVERRIDES) -> List[ExperimentPlan]:
    """Experiments found in a run -> tag -> TagInfo listing, sorted by name."""
    plans = []
    for name, runs in sorted(group_runs(listing.keys()).items()):
        plans.append(plan_experiment(name, runs, listing, overrides))
    return plans
