"""Where a sweep's LRs are written down, besides the run names and the LR curves: TensorBoard's
HParams data (through the data provider), the Hugging Face Trainer's ``args`` text summary, and
Lightning's ``hparams.yaml`` beside a run (read by the CLI, which has the folder)."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any, Dict, Optional

from tb_lrsched.sweep_names import HP_KEYS as _HP_KEYS
from tb_lrsched.sweep_names import NUM as _NUM


def _lr_in(mapping: Dict[str, Any]) -> Optional[float]:
    low = {str(k).lower().rsplit("/", 1)[-1].rsplit(".", 1)[-1]: val for k, val in mapping.items()}
    for k in _HP_KEYS:
        if k in low:
            try:
                x = float(low[k])
            except (TypeError, ValueError):
                continue
            if math.isfinite(x) and x > 0:
                return x
    return None


def hparam_lrs(provider, ctx, eid, logdir: Optional[str] = None) -> Dict[str, float]:
    """run -> LR hyperparameter, from what the provider holds (HParams plugin
    session data; the HF Trainer's ``args`` text) and, for a local logdir,
    Lightning's ``hparams.yaml`` beside a run. Anything unreadable is ignored."""
    out: Dict[str, float] = {}
    try:
        from tensorboard.plugins.hparams import plugin_data_pb2

        listing = provider.list_tensors(ctx, experiment_id=eid, plugin_name="hparams")
        for run, tags in listing.items():
            md = tags.get("_hparams_/session_start_info")
            if md is None or not getattr(md, "plugin_content", None):
                continue
            try:
                data = plugin_data_pb2.HParamsPluginData.FromString(md.plugin_content)
            except Exception:  # noqa: BLE001 - a damaged record is no hparam
                continue
            hp = {}
            for k, val in data.session_start_info.hparams.items():
                kind = val.WhichOneof("kind")
                hp[k] = getattr(val, kind) if kind else None
            x = _lr_in(hp)
            if x is not None:
                out[run] = x
    except Exception:  # noqa: BLE001 - a provider without tensors: no hparams
        pass
    try:
        listing = provider.list_tensors(ctx, experiment_id=eid, plugin_name="text")
        want = {run: [t for t in tags if t.split("/")[0] == "args"]
                for run, tags in listing.items()}
        want = {r: t for r, t in want.items() if t and r not in out}
        if want:
            from tensorboard.data import provider as dp

            got = provider.read_tensors(ctx, experiment_id=eid, plugin_name="text",
                                        downsample=1, run_tag_filter=dp.RunTagFilter(
                                            runs=list(want), tags=sorted({t for ts in want.values()
                                                                          for t in ts})))
            for run, tags in got.items():
                for data_ in tags.values():
                    if not data_:
                        continue
                    arr = data_[-1].numpy
                    raw = arr.reshape(-1)[0] if getattr(arr, "size", 0) else b""
                    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
                    try:
                        x = _lr_in(json.loads(text))
                    except (ValueError, TypeError, AttributeError):
                        x = None
                    if x is not None:
                        out[run] = x
    except Exception:  # noqa: BLE001
        pass
    if logdir and os.path.isdir(logdir):
        out.update({r: x for r, x in _hparams_yaml(logdir).items() if r not in out})
    return out


_YAML_LR = re.compile(r"^(?:lr|learning_rate|max_lr)\s*:\s*" + _NUM + r"\s*$", re.MULTILINE)


def _hparams_yaml(logdir: str, limit: int = 2000) -> Dict[str, float]:
    """Lightning's ``hparams.yaml`` (top-level ``lr:`` / ``learning_rate:``) per run folder."""
    out: Dict[str, float] = {}
    seen = 0
    for root, dirs, files in os.walk(logdir):
        seen += 1
        if seen > limit:
            break
        dirs.sort()
        if "hparams.yaml" not in files:
            continue
        try:
            with open(os.path.join(root, "hparams.yaml"), encoding="utf-8") as fh:
                text = fh.read(1 << 16)
        except (OSError, UnicodeDecodeError):
            continue
        m = _YAML_LR.search(text)
        if m:
            x = float(m.group(1))
            if math.isfinite(x) and x > 0:
                rel = os.path.relpath(root, logdir).replace(os.sep, "/")
                out["." if rel == "." else rel] = x
    return out
