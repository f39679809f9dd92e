"""Peak memory of `tb-lrsched check` (Python process), above its import baseline.

    python -m benchmarks.memprobe LOGDIR [cli args...]

Imports everything the command imports, records the resident set size, resets
the kernel's peak counter (/proc/self/clear_refs), runs the command in this
process (stdout discarded), and prints one JSON line: baseline and peak RSS,
the peak above baseline, and the raw size of the series the command loaded
(points x 3 float64: step, value, wall time). The Rust data server is a
separate process; its own peak is reported too (read from /proc before it exits).
"""

from __future__ import annotations

import io
import json
import sys
import threading
import time


def _status(pid="self"):
    out = {}
    try:
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0]) * 1024
    except OSError:
        pass
    return out


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    import grpc  # noqa: F401
    import numpy  # noqa: F401
    from tensorboard.backend.event_processing import data_provider  # noqa: F401
    from tensorboard.data import grpc_provider  # noqa: F401

    from tb_lrsched import analysis, cli, data, loader, service  # noqa: F401

    # Count the points the command loads and catch the server's peak RSS.
    points = [0]
    server_peak = [0]
    orig_read_series = data.read_series

    def counting_read_series(*a, **k):
        out = orig_read_series(*a, **k)
        points[0] += sum(len(s) for s in out.values())
        return out

    data.read_series = counting_read_series
    orig_popen = loader.subprocess.Popen

    class WatchedPopen(orig_popen):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            threading.Thread(target=self._watch, daemon=True).start()

        def _watch(self):
            while self.poll() is None:
                server_peak[0] = max(server_peak[0], _status(self.pid).get("VmHWM", 0))
                time.sleep(0.02)

    loader.subprocess.Popen = WatchedPopen
    base = _status()["VmRSS"]
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM to the current RSS
        reset = True
    except OSError:
        reset = False
    sink = io.StringIO()
    args = argv[1:] if argv[:1] == ["check"] else argv
    parsed = cli.build_parser().parse_args(["check", "--format", "json"] + args)
    rc = cli.run_check(parsed, sink)
    peak = _status()["VmHWM"]
    raw = points[0] * 3 * 8
    print(json.dumps({"rc": rc, "baseline_rss": base, "peak_rss": peak,
                      "peak_above_baseline": peak - base if reset else None,
                      "points": points[0], "raw_bytes": raw,
                      "ratio": round((peak - base) / raw, 3) if reset and raw else None,
                      "server_peak_rss": server_peak[0] or None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
