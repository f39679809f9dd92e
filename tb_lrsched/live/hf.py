"""`LRHealthCheck`: a Hugging Face `TrainerCallback` that judges the schedule live.

    from tb_lrsched.live.hf import LRHealthCheck

    Trainer(model=model, args=args, train_dataset=..., eval_dataset=...,
            callbacks=[LRHealthCheck(stop_on_critical=True)]).train()

It reads `state.log_history` each time the Trainer logs (every
`logging_steps`; evaluations too): `learning_rate` and `loss` of the training
logs, `eval_loss` and an `eval_*accuracy*` of the evaluations, at their
`step`. The offline engine judges them on the growing schedule of
`tb_lrsched.live.core` and at the end of training. A reported finding is
logged once, written as a text summary (tag `lr_health/findings`) with
TensorBoard's own event writer into the Trainer's TensorBoard folder
(`log_dir` when given, else `$TENSORBOARD_LOGGING_DIR`, else the newest folder
under `<output_dir>/runs/` written since training started — where the
Trainer's own TensorBoard callback writes with `report_to="tensorboard"` —,
else `<output_dir>/runs/lr_health`), and with `stop_on_critical` /
`stop_on` sets `control.should_training_stop = True`.

Importing this module imports transformers.
"""

from __future__ import annotations

import os
import time
from typing import Iterable, List, Optional

from transformers import TrainerCallback

from tb_lrsched.live.core import LiveCore, logger
from tb_lrsched.live.events import TextWriter

__all__ = ["LRHealthCheck"]


class LRHealthCheck(TrainerCallback):
    """Live LR-schedule checks for `Trainer.train`.

    Args:
        log_dir: where the text summaries go (see the module docstring).
        stop_on_critical: stop training on a critical finding (divergence).
        stop_on: warning kinds that also stop it.
        total_steps: planned steps; default `state.max_steps`.
        **options: schedule and evidence options of `LiveCore`.
    """

    def __init__(self, log_dir: Optional[str] = None, *, stop_on_critical: bool = False,
                 stop_on: Iterable[str] = (), total_steps: Optional[int] = None, **options):
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self._options = dict(options, stop_on_critical=stop_on_critical, stop_on=stop_on)
        self._total = total_steps
        self.core = LiveCore(total_steps=total_steps, **self._options)
        self._seen = 0
        self._writer: Optional[TextWriter] = None
        self._dir = None
        self._t0 = time.time()

    @property
    def findings(self) -> List[dict]:
        return list(self.core.reported.values())

    @property
    def stop_reason(self) -> Optional[str]:
        return self.core.stop_reason

    def on_train_begin(self, args, state, control, **kwargs):
        self._t0 = time.time()
        self._dir = self.log_dir or _trainer_tb_dir(args.output_dir, self._t0 - 1)
        if self.core.last_step is None:
            total = self._total or (state.max_steps if state.max_steps and state.max_steps > 0
                                    else None)
            name = os.path.basename(os.path.normpath(args.output_dir)) or "trainer"
            self.core = LiveCore(total_steps=total, sink=self._write, name=name,
                                 **self._options)
        self._seen = len(state.log_history)

    def on_log(self, args, state, control, logs=None, **kwargs):
        self._read(state)
        self.core.maybe_check()
        if self.core.should_stop and not control.should_training_stop:
            control.should_training_stop = True
            logger.warning("%s", self.core.stop_reason)

    def on_train_end(self, args, state, control, **kwargs):
        self._read(state)
        if self.core.last_step is not None:
            self.core.check(final=True)
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def _read(self, state) -> None:
        hist = state.log_history
        for entry in hist[self._seen:]:
            step = entry.get("step")
            if step is None or "train_runtime" in entry:  # the end-of-training summary
                continue
            acc = next((v for k, v in entry.items()
                        if k.startswith("eval_") and "acc" in k), None)
            self.core.update(step, lr=entry.get("learning_rate"), loss=entry.get("loss"),
                             val_loss=entry.get("eval_loss"), val_acc=acc)
        self._seen = len(hist)

    def _write(self, step: int, tag: str, text: str) -> None:
        if self._writer is None:
            self._writer = TextWriter(self._dir or os.path.join("runs", "lr_health"))
        self._writer.add(step, tag, text)


def _trainer_tb_dir(output_dir: str, since: float) -> str:
    env = os.environ.get("TENSORBOARD_LOGGING_DIR")
    if env:
        return os.path.expanduser(env)
    runs = os.path.join(output_dir, "runs")
    try:
        cands = [os.path.join(runs, d) for d in os.listdir(runs)]
        cands = [d for d in cands if os.path.isdir(d) and os.path.getmtime(d) >= since]
    except OSError:
        cands = []
    if cands:
        return max(cands, key=os.path.getmtime)
    return os.path.join(runs, "lr_health")
