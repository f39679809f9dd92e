"""`LiveCheck`: live checks for a plain PyTorch (or any Python) training loop.

    from tb_lrsched.live import LiveCheck

    live = LiveCheck(logdir="runs/exp1", total_steps=epochs * len(loader),
                     stop_on_critical=True)
    for step, (x, y) in enumerate(batches):
        ...
        live.update(step, lr=scheduler.get_last_lr()[0], loss=loss.item())
        if live.check_due():
            live.check()
        if live.should_stop:
            print(live.stop_reason)
            break
    live.close()          # the final check: reports what the offline verdict says

`update()` is cheap (a few appends); `check()` runs the offline engine on the
data so far. `step()` = `update()` + `check()` when due. Findings are logged on
the `tb_lrsched.live` logger and, with `logdir` (use your `SummaryWriter`'s
`log_dir`), written as a TensorBoard text summary (tag `lr_health/findings`)
with TensorBoard's own event writer, in an event file of their own. No torch
import: the object takes plain numbers (tensors are converted with float()).
"""

from __future__ import annotations

import os
from typing import List, Optional

from tb_lrsched.live.core import LiveCore
from tb_lrsched.live.events import TextWriter

__all__ = ["LiveCheck"]


class LiveCheck(LiveCore):
    """See the module docstring; keyword arguments are `LiveCore`'s, plus
    `logdir` for the text summaries."""

    def __init__(self, *, logdir: Optional[str] = None, **kwargs) -> None:
        sink = kwargs.pop("sink", None)
        if logdir is not None:
            sink = self._write
        super().__init__(sink=sink, **kwargs)
        self.logdir = None if logdir is None else os.fspath(logdir)
        self.writer: Optional[TextWriter] = None

    def check_due(self) -> bool:
        return self.due()

    def step(self, step, **values) -> List[dict]:
        """`update(step, **values)`, then `check()` when one is due."""
        self.update(step, **values)
        return self.maybe_check()

    def close(self) -> List[dict]:
        """The final check (everything the offline engine says), then flush."""
        new = self.check(final=True) if self.last_step is not None else []
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        return new

    def _write(self, step: int, tag: str, text: str) -> None:
        if self.writer is None:
            self.writer = TextWriter(self.logdir or ".")
        self.writer.add(step, tag, text)
