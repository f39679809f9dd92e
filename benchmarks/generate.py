"""Generate large synthetic TensorBoard logdirs for the scaling benchmarks.

Event files are written directly as TFRecords (length, masked CRC-32C,
serialized `Event`, masked CRC-32C), serialized and checksummed with numpy a
whole column at a time, so a million-point run takes about a second to write
instead of minutes through a Python writer loop. The bytes are exactly what
`torch.utils.tensorboard.SummaryWriter.add_scalar` writes: one `Event`
(wall_time, step, summary{value{tag, simple_value}}) per point, after a
`file_version: "brain.Event:2"` event. `tests/integration/test_scaling.py` checks that
TensorBoard's own readers (Python and Rust) read them back point for point.

    python -m benchmarks.generate big1 benchmarks/data/big1       # 1 run x 200k steps x 3 tags
    python -m benchmarks.generate many50 benchmarks/data/many50   # 50 runs x 5k steps x 3 tags
    python -m benchmarks.generate many500 benchmarks/data/many500 # 500 runs x 5k steps x 3 tags
    python -m benchmarks.generate huge1 benchmarks/data/huge1     # 1 run x 2M steps x 3 tags
    python -m benchmarks.generate custom DIR --runs 3 --steps 10000

Every run logs `train/lr` (warmup + cosine), `train/loss` and `val/loss` at
every step; the run's shape (healthy, spiky, diverging, overfitting) varies
with its index so the detectors see a mix.
"""

from __future__ import annotations

import argparse
import os
import socket
import struct
import sys
import time
from typing import Dict, List, Optional, Sequence

import numpy as np

PRESETS = {
    "big1": dict(runs=1, steps=200_000),
    "many50": dict(runs=50, steps=5_000),
    "many500": dict(runs=500, steps=5_000),
    "huge1": dict(runs=1, steps=2_000_000),
}
TAGS = ("train/lr", "train/loss", "val/loss")
SHAPES = ("healthy", "spiky", "diverging", "overfitting")

# -- CRC-32C (Castagnoli), table driven, vectorised over many records -------

def _crc_table() -> np.ndarray:
    poly = 0x82F63B78
    t = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        t = np.where(t & 1, (t >> 1) ^ np.uint32(poly), t >> 1).astype(np.uint32)
    return t


_TABLE = _crc_table()


def crc32c_rows(rows: np.ndarray) -> np.ndarray:
    """CRC-32C of every row of a 2-D uint8 array (all rows the same length)."""
    crc = np.full(rows.shape[0], 0xFFFFFFFF, dtype=np.uint32)
    for j in range(rows.shape[1]):
        crc = _TABLE[(crc ^ rows[:, j]) & 0xFF] ^ (crc >> 8)
    return crc ^ np.uint32(0xFFFFFFFF)


def masked(crc: np.ndarray) -> np.ndarray:
    crc = crc.astype(np.uint64)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def crc32c_bytes(b: bytes) -> int:
    return int(crc32c_rows(np.frombuffer(b, dtype=np.uint8)[None, :])[0])


def _record(data: bytes) -> bytes:
    """One TFRecord (used for the single file_version event)."""
    header = struct.pack("<Q", len(data))
    mh = int(masked(np.array([crc32c_bytes(header)]))[0])
    md = int(masked(np.array([crc32c_bytes(data)]))[0])
    return header + struct.pack("<I", mh) + data + struct.pack("<I", md)


def _file_version_event(wall: float) -> bytes:
    v = b"brain.Event:2"
    return b"\x09" + struct.pack("<d", wall) + b"\x1a" + bytes([len(v)]) + v


# -- vectorised Event serialisation ------------------------------------------

def _varint_len(x: np.ndarray) -> np.ndarray:
    n = np.ones(x.shape, dtype=np.int64)
    y = x >> 7
    while np.any(y):
        n += y > 0
        y = y >> 7
    return n


def encode_records(wall: np.ndarray, step: np.ndarray, tag_idx: np.ndarray,
                   value: np.ndarray, tags: Sequence[str]) -> bytes:
    """TFRecords of simple_value scalar events, in the order given."""
    n = step.size
    step = step.astype(np.int64)
    if np.any(step < 0):
        raise ValueError("negative steps are not supported by this generator")
    klen = _varint_len(step)
    tagb = [t.encode("utf-8") for t in tags]
    if any(len(t) > 100 for t in tagb):
        raise ValueError("tag too long")
    tlen = np.array([len(t) for t in tagb], dtype=np.int64)[tag_idx]
    # Value = 0a len(tag) tag 15 f32; Summary = 0a len(Value) Value;
    # Event = 09 f64 10 varint 2a len(Summary) Summary
    vlen = 2 + tlen + 5
    slen = 2 + vlen
    elen = 9 + 1 + klen + 2 + slen
    rlen = 12 + elen + 4
    offsets = np.zeros(n, dtype=np.int64)
    np.cumsum(rlen[:-1], out=offsets[1:])
    out = np.zeros(int(rlen.sum()), dtype=np.uint8)
    value32 = value.astype(np.float32)
    # Records of one (tag, varint length) group share a layout: fill them as a 2-D block.
    groups = tag_idx.astype(np.int64) * 16 + klen
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        ti, k = int(g // 16), int(g % 16)
        tb = tagb[ti]
        L = 9 + 1 + k + 2 + 2 + 2 + len(tb) + 5
        ev = np.zeros((idx.size, L), dtype=np.uint8)
        ev[:, 0] = 0x09
        ev[:, 1:9] = wall[idx].astype("<f8").view(np.uint8).reshape(-1, 8)
        ev[:, 9] = 0x10
        s = step[idx]
        for j in range(k):
            byte = (s >> (7 * j)) & 0x7F
            if j < k - 1:
                byte = byte | 0x80
            ev[:, 10 + j] = byte
        p = 10 + k
        ev[:, p:p + 6] = [0x2A, 2 + 2 + len(tb) + 5, 0x0A, 2 + len(tb) + 5, 0x0A, len(tb)]
        p += 6
        ev[:, p:p + len(tb)] = np.frombuffer(tb, dtype=np.uint8)
        p += len(tb)
        ev[:, p] = 0x15
        ev[:, p + 1:p + 5] = value32[idx].astype("<f4").view(np.uint8).reshape(-1, 4)
        header = np.zeros((idx.size, 8), dtype=np.uint8)
        header[:, :] = np.array([L], dtype="<u8").view(np.uint8)
        hcrc = masked(crc32c_rows(header)).astype("<u4").view(np.uint8).reshape(-1, 4)
        dcrc = masked(crc32c_rows(ev)).astype("<u4").view(np.uint8).reshape(-1, 4)
        rec = np.concatenate([header, hcrc, ev, dcrc], axis=1)
        assert rec.shape[1] == int(rlen[idx[0]])
        out[offsets[idx][:, None] + np.arange(rec.shape[1])] = rec
    return out.tobytes()


def write_run(run_dir: str, series: Dict[str, tuple], wall_start: float,
              chunk: int = 500_000) -> str:
    """Write {tag: (steps, values, wall_times)} as one event file, events in
    wall-time order across tags (as a training loop writes them)."""
    os.makedirs(run_dir, exist_ok=True)
    tags = list(series)
    steps = np.concatenate([np.asarray(series[t][0], dtype=np.int64) for t in tags])
    values = np.concatenate([np.asarray(series[t][1], dtype=np.float64) for t in tags])
    walls = np.concatenate([np.asarray(series[t][2], dtype=np.float64) for t in tags])
    tag_idx = np.concatenate([np.full(len(series[t][0]), i, dtype=np.int64)
                              for i, t in enumerate(tags)])
    order = np.lexsort((tag_idx, walls))
    name = "events.out.tfevents.%d.%s.%d.0" % (int(wall_start), socket.gethostname(), os.getpid())
    path = os.path.join(run_dir, name)
    with open(path, "wb") as f:
        f.write(_record(_file_version_event(wall_start)))
        for i in range(0, order.size, chunk):
            o = order[i:i + chunk]
            f.write(encode_records(walls[o], steps[o], tag_idx[o], values[o], tags))
    return path


def run_series(steps: int, shape: str, seed: int, seconds_per_step: float = 0.05,
               wall_start: float = 1.7e9) -> Dict[str, tuple]:
    """Three realistic curves for one run."""
    rng = np.random.default_rng(seed)
    s = np.arange(steps, dtype=np.int64)
    x = s / max(1, steps - 1)
    warm = max(1, steps // 50)
    peak = 3e-4 * (1 + (seed % 7))
    lr = np.where(s < warm, peak * (s + 1) / warm,
                  peak * 0.5 * (1 + np.cos(np.pi * np.clip((s - warm) / max(1, steps - warm), 0, 1))))
    base = 0.3 + 2.0 * np.exp(-6 * x)
    loss = base * np.exp(rng.normal(0, 0.05, steps))
    val = 0.35 + 2.0 * np.exp(-6 * x) + rng.normal(0, 0.01, steps)
    if shape == "spiky":
        at = rng.choice(steps, size=max(1, steps // 20000), replace=False)
        loss[at] *= 6.0
    elif shape == "diverging":
        k = int(steps * 0.7)
        loss[k:] = base[k] * np.exp(np.linspace(0, 12, steps - k))
        loss[-max(1, steps // 100):] = np.nan
        val[k:] = val[k] * np.exp(np.linspace(0, 8, steps - k))
    elif shape == "overfitting":
        val = val + np.clip(x - 0.4, 0, None) * 1.5
    wall = wall_start + s * seconds_per_step
    return {TAGS[0]: (s, lr, wall), TAGS[1]: (s, loss, wall), TAGS[2]: (s, val, wall)}


def generate(out: str, runs: int, steps: int, seed: int = 0, quiet: bool = False) -> dict:
    t0 = time.time()
    if os.path.isdir(out) and os.listdir(out):
        raise SystemExit("%s exists and is not empty: remove it first (new event files would "
                         "add to the old ones)" % out)
    os.makedirs(out, exist_ok=True)
    total = 0
    width = max(3, len(str(runs - 1)))
    for r in range(runs):
        shape = SHAPES[r % len(SHAPES)]
        name = "run_%0*d_%s" % (width, r, shape) if runs > 1 else "run_%s" % shape
        series = run_series(steps, shape, seed + r)
        path = write_run(os.path.join(out, name), series, wall_start=1.7e9 + r)
        total += os.path.getsize(path)
        if not quiet and (runs < 20 or r % 50 == 0):
            sys.stderr.write("  %s (%d/%d)\n" % (name, r + 1, runs))
    info = {"logdir": out, "runs": runs, "steps": steps, "tags": len(TAGS),
            "points": runs * steps * len(TAGS), "bytes": total,
            "seconds": round(time.time() - t0, 2)}
    if not quiet:
        sys.stderr.write("wrote %(points)d points, %(bytes)d bytes in %(seconds)ss to %(logdir)s\n"
                         % info)
    return info


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("preset", choices=sorted(PRESETS) + ["custom"])
    p.add_argument("out", help="logdir to create")
    p.add_argument("--runs", type=int)
    p.add_argument("--steps", type=int)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    cfg = dict(PRESETS.get(a.preset, {}))
    if a.runs:
        cfg["runs"] = a.runs
    if a.steps:
        cfg["steps"] = a.steps
    if "runs" not in cfg or "steps" not in cfg:
        p.error("custom needs --runs and --steps")
    generate(a.out, cfg["runs"], cfg["steps"], a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
