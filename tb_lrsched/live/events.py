"""Text summaries written with TensorBoard's own event writer (no framework).

`TextWriter(logdir).add(step, tag, text)` writes one text summary (plugin
"text", a string tensor, exactly the tag given) to an event file of its own in
`logdir`, the format `tf.summary.text` writes. Used by the plain, Lightning and
Hugging Face adapters so the tag is the same everywhere (`lr_health/findings`;
torch's `SummaryWriter.add_text` would append `/text_summary`).
"""

from __future__ import annotations

import os
import time


class TextWriter:
    def __init__(self, logdir: str) -> None:
        from tensorboard.summary.writer.event_file_writer import EventFileWriter

        os.makedirs(logdir, exist_ok=True)
        self.logdir = logdir
        self._w = EventFileWriter(logdir, filename_suffix=".lr_health")

    def add(self, step: int, tag: str, text: str) -> None:
        from tensorboard.compat.proto import event_pb2, summary_pb2
        from tensorboard.plugins.text import metadata
        from tensorboard.util import tensor_util

        value = summary_pb2.Summary.Value(
            tag=tag, metadata=metadata.create_summary_metadata(display_name=None,
                                                              description=None),
            tensor=tensor_util.make_tensor_proto(text.encode("utf-8")))
        event = event_pb2.Event(wall_time=time.time(), step=int(step),
                                summary=summary_pb2.Summary(value=[value]))
        self._w.add_event(event)
        self._w.flush()

    def flush(self) -> None:
        self._w.flush()

    def close(self) -> None:
        self._w.close()
