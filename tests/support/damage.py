"""Damage real event files the way crashes, disks and odd writers do.

Every helper starts from a file a real writer produced (see `logwriters`) and
changes its bytes, so the tests exercise TensorBoard's own readers on the
exact failure: a record cut short while the writer is still running, a record
whose checksum no longer matches, an empty file, a tag whose name looks like a
scalar but whose data is not.

Event files are TFRecord files; each record is

    uint64 length | uint32 masked_crc32c(length) | data[length] | uint32 masked_crc32c(data)

(little endian). The first record of every file is the `file_version` event.
"""

from __future__ import annotations

import glob
import os
import struct
from typing import List, Tuple

HEADER = 12  # length + its CRC
FOOTER = 4  # data CRC


def event_files(run_dir: str) -> List[str]:
    """The event files directly inside `run_dir`, oldest name first."""
    return sorted(glob.glob(os.path.join(run_dir, "events.out.tfevents.*")))


def only_event_file(run_dir: str) -> str:
    files = event_files(run_dir)
    assert len(files) == 1, files
    return files[0]


def records(path: str) -> List[Tuple[int, int]]:
    """(offset, data length) of every complete record in a TFRecord file."""
    with open(path, "rb") as f:
        blob = f.read()
    out, off = [], 0
    while off + HEADER <= len(blob):
        (length,) = struct.unpack_from("<Q", blob, off)
        end = off + HEADER + length + FOOTER
        if end > len(blob):
            break
        out.append((off, length))
        off = end
    return out


def truncate_last_record(path: str, keep_fraction: float = 0.5) -> int:
    """Cut the file inside its last record, as a crash or an unflushed write
    leaves it; returns the new size. The last record loses its tail (data and
    CRC), every record before it is intact."""
    recs = records(path)
    assert len(recs) >= 2, "need a record besides the file_version header"
    off, length = recs[-1]
    total = HEADER + length + FOOTER
    cut = off + max(1, min(total - 1, int(total * keep_fraction)))
    with open(path, "r+b") as f:
        f.truncate(cut)
    return cut


def corrupt_data_crc(path: str, index: int) -> None:
    """Flip bits in the data CRC of record `index` (negative counts from the
    end): the record's bytes are intact but its checksum no longer matches."""
    off, length = records(path)[index]
    pos = off + HEADER + length
    _xor_byte(path, pos, 0xFF)


def corrupt_payload(path: str, index: int) -> None:
    """Flip one bit in the middle of record `index`'s data (bit rot): the
    stored CRC no longer matches the payload."""
    off, length = records(path)[index]
    _xor_byte(path, off + HEADER + length // 2, 0x10)


def flip_value_bit(path: str, tag: str, occurrence: int) -> float:
    """Flip the top exponent bit of the `occurrence`-th `simple_value` of
    `tag` (bit rot inside a number): 1.0 becomes +Inf, most values become
    Inf or NaN. The record's CRC no longer matches. Returns the old value."""
    from tensorboard.compat.proto import event_pb2

    seen = 0
    with open(path, "rb") as f:
        blob = f.read()
    for off, length in records(path):
        data = blob[off + HEADER: off + HEADER + length]
        ev = event_pb2.Event.FromString(data)
        vals = [v for v in ev.summary.value if v.tag == tag and v.HasField("simple_value")]
        if not vals:
            continue
        if seen == occurrence:
            raw = struct.pack("<f", vals[0].simple_value)
            i = data.rfind(raw)
            assert i >= 0
            _xor_byte(path, off + HEADER + i + 3, 0x40)
            return vals[0].simple_value
        seen += 1
    raise AssertionError("tag %r has fewer than %d values" % (tag, occurrence + 1))


def _xor_byte(path: str, pos: int, mask: int) -> None:
    with open(path, "r+b") as f:
        f.seek(pos)
        b = f.read(1)
        assert len(b) == 1
        f.seek(pos)
        f.write(bytes([b[0] ^ mask]))


def empty_event_file(run_dir: str, stamp: int = 1700000000, suffix: str = "empty") -> str:
    """A zero-byte event file, as a writer leaves it between open and the
    first flush. `stamp` is the timestamp in its name: TensorBoard reads a
    run's files in name order, so a large one makes it the newest file."""
    os.makedirs(run_dir, exist_ok=True)
    path = os.path.join(run_dir, "events.out.tfevents.%d.%s" % (stamp, suffix))
    with open(path, "wb"):
        pass
    return path


def write_non_scalar(run_dir: str, tag: str, shape_values, steps=(0, 1, 2),
                     as_scalar_plugin: bool = True) -> str:
    """Write a tag that holds a non-scalar tensor under a scalar-like name.

    With `as_scalar_plugin` the summary carries the scalars plugin's metadata
    (what a buggy writer calling `tf.summary.scalar`-like code with a vector
    produces); otherwise it is a plain tensor summary. `shape_values` is a
    nested list (e.g. ``[1.0, 2.0, 3.0]``) or a ``bytes`` value (a string
    tensor).
    """
    import numpy as np
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter
    from tensorboard.util import tensor_util

    os.makedirs(run_dir, exist_ok=True)
    if isinstance(shape_values, bytes):
        arr = np.array(shape_values, dtype=object)
    else:
        arr = np.asarray(shape_values, dtype=np.float32)
    proto = tensor_util.make_tensor_proto(arr)
    md = summary_pb2.SummaryMetadata()
    if as_scalar_plugin:
        md.plugin_data.plugin_name = "scalars"
        md.data_class = summary_pb2.DATA_CLASS_SCALAR
    w = EventFileWriter(run_dir)
    for step in steps:
        value = summary_pb2.Summary.Value(tag=tag, tensor=proto, metadata=md)
        w.add_event(event_pb2.Event(wall_time=1.7e9 + step, step=int(step),
                                    summary=summary_pb2.Summary(value=[value])))
    w.close()
    return run_dir


def snapshot(root: str) -> dict:
    """path -> (size, mtime_ns) of every file under root, to prove a reader
    wrote nothing into the logdir."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            p = os.path.join(dirpath, name)
            st = os.stat(p)
            out[os.path.relpath(p, root)] = (st.st_size, st.st_mtime_ns)
    return out


# --- hostile names (shared with the browser tests) ---------------------------
# Run names are directory paths under the logdir ("/" nests directories);
# tag names are free text inside the event file.

LONG_RUN = "/".join("seg%d_%s" % (i, "Ł" * 60) for i in range(6))  # 6 dirs, 390 chars

HOSTILE_RUNS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\"quoted\" 'single' `back` & amp; &lt;b&gt;",
    "λ 学习率 ✓ 🚀 résumé",
    "deep/nested/run name",
    "{{constructor.constructor('alert(1)')()}} ${alert(1)} javascript:alert(1)",
    "%2e%2e%2f..%5c encoded",
    "...",
    "ctrl\x1b[31mred\x07 line\nbreak \u202eRLO",
    LONG_RUN,
]
HOSTILE_LOSS_TAG = 'loss<script>alert("t")</script>'
HOSTILE_LR_TAG = "lr \"'<svg onload=alert(1)>"
HOSTILE_VAL_TAG = "val/loss λ \u202e <b>" + "y" * 300  # 300+ characters
