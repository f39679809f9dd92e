"""Write event files the way real tools do, with real writers.

* `write_simple`: TensorBoard's own `EventFileWriter` with `simple_value`
  summaries — exactly what `torch.utils.tensorboard.SummaryWriter`,
  tensorboardX, Lightning and the Hugging Face Trainer produce.
* `write_tf`: `tf.summary.scalar` (scalar tensors with the scalars plugin's
  metadata) — what Keras and TF code produce.
"""

from __future__ import annotations

import os
import time
from typing import Dict, Iterable, Sequence, Tuple

import numpy as np

Point = Tuple[float, float]  # (step, value)


def write_simple(run_dir: str, series: Dict[str, Sequence], wall_start: float = None,
                 seconds_per_step: float = 0.01) -> str:
    """Write {tag: [(step, value) | (step, value, wall_time)]} with simple_value.

    Events are written in step order across tags, like a training loop would.
    """
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    os.makedirs(run_dir, exist_ok=True)
    wall_start = time.time() if wall_start is None else wall_start
    events = []
    for order, (tag, points) in enumerate(series.items()):
        for i, p in enumerate(points):
            step, value = p[0], p[1]
            wall = p[2] if len(p) > 2 else wall_start + step * seconds_per_step
            events.append((wall, order, i, tag, int(step), float(value)))
    events.sort()
    w = EventFileWriter(run_dir)
    for wall, _, _, tag, step, value in events:
        summ = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)])
        w.add_event(event_pb2.Event(wall_time=wall, step=step, summary=summ))
    w.close()
    return run_dir


def write_tf(run_dir: str, series: Dict[str, Iterable[Point]]) -> str:
    """Write {tag: [(step, value)]} with tf.summary.scalar (tensor path)."""
    import tensorflow as tf

    writer = tf.summary.create_file_writer(run_dir)
    with writer.as_default():
        for tag, points in series.items():
            for step, value in points:
                tf.summary.scalar(tag, float(value), step=int(step))
    writer.flush()
    writer.close()
    return run_dir


def decaying(n: int, start: float = 2.0, end: float = 0.2, every: int = 1, noise: float = 0.0,
             seed: int = 0):
    """A smoothly decreasing loss curve as [(step, value)]."""
    import numpy as np

    rng = np.random.default_rng(seed)
    steps = np.arange(0, n, every)
    vals = end + (start - end) * np.exp(-steps / max(1.0, n / 4.0))
    vals = vals * (1 + noise * rng.standard_normal(vals.size))
    return list(zip(steps.tolist(), vals.tolist()))


def good_and_exploding(root: str) -> str:
    """A healthy run and a diverging one, PyTorch-style (simple_value), under ``root``."""
    steps = np.arange(300)
    good = 2.0 * np.exp(-steps / 60.0) + 0.2 + 0.01 * np.sin(steps)
    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * steps / 300))
    write_simple(os.path.join(root, "good_run"), {
        "train/loss": list(zip(steps, good)), "train/lr": list(zip(steps, lr)),
        "val/loss": list(zip(steps[9::10], good[9::10] * 1.05))})
    bad = good.copy()
    bad[150:] = good[150] * np.exp((steps[150:] - 150) / 10.0)
    bad[200:] = np.nan
    write_simple(os.path.join(root, "exploding_run"), {
        "train/loss": list(zip(steps, bad)), "train/lr": list(zip(steps, np.full(300, 3.0))),
        "val/loss": list(zip(steps[9::10], bad[9::10]))})
    return root
