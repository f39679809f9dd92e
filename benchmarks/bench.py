"""Scaling benchmark: tb-lrsched against TensorBoard's own tools, side by side.

    python -m benchmarks.bench                      # big1 + many50, 3 repeats
    python -m benchmarks.bench --logdirs big1,many50,many500 --repeat 3 --json out.json
    python -m benchmarks.bench --only c             # one section

Sections (each reports medians of --repeat runs, interleaved with the
baseline it is compared to, so both see the same machine load):

  (a) `tb-lrsched check --format json LOGDIR` end to end (process start, data
      server load, reads, analysis, JSON) vs tbparse loading the same logdir
      (`SummaryReader(logdir).scalars`, in its own process).     target <= 0.2x
  (b) the plugin's `/data/plugin/lr_health/report` for one experiment vs
      TensorBoard's `/data/plugin/scalars/scalars` for the same series (one
      request per tag), through the same running TensorBoard. The report is
      measured cold (verdicts computed: a never-seen role override makes a new
      cache key) and warm (served from the verdict cache). Also `/experiments`
      cold and warm.                                              target <= 1.5x
  (c) verdict-engine throughput on 1M-point series (lr, train loss, val loss).
                                                                  target >= 10 M points/s
  (d) peak memory of the command's Python process above its import baseline,
      vs the raw size of the series it loaded (points x 3 float64).
                                                                  target < 2x
Logdirs are generated under --data (benchmarks/data, gitignored) when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # run as a script: `benchmarks` and `tests.support` import from the root
    sys.path.insert(0, ROOT)

from benchmarks import generate  # noqa: E402
from tests.support import tbserver  # noqa: E402

PY = sys.executable
BIN = os.path.dirname(PY)


def _exe(name):
    cand = os.path.join(BIN, name)
    return cand if os.path.exists(cand) else name


def log(msg=""):
    sys.stdout.write(msg + "\n")
    sys.stdout.flush()


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def machine() -> dict:
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    return {"nproc": sh("nproc"), "cpu": sh("lscpu | sed -n 's/^Model name: *//p' | head -1")
            or platform.processor(), "mem": sh("free -h | sed -n 2p"),
            "python": platform.python_version(), "uptime": sh("uptime")}


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def ensure_logdir(data_dir: str, name: str) -> str:
    path = os.path.join(data_dir, name)
    marker = os.path.join(path, ".complete")
    if not os.path.exists(marker):
        cfg = generate.PRESETS[name]
        if os.path.exists(path):  # a partial earlier attempt: start clean
            shutil.rmtree(path)
        log("generating %s (%d runs x %d steps x 3 tags) ..." % (name, cfg["runs"], cfg["steps"]))
        generate.generate(path, cfg["runs"], cfg["steps"], quiet=True)
        open(marker, "w").close()
    return path


def logdir_size(path: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path)
               for f in fs if "tfevents" in f)


def timed_run(args: List[str], env=None, ok=(0, 1)) -> float:
    """Wall time of a process; `ok` are the exit codes of a completed run (the command exits 1
    when it reports findings; anything else, e.g. tbparse missing, is a failed run, not a time)."""
    t0 = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t0
    if p.returncode not in ok:
        raise RuntimeError("%s failed (%d): %s" % (args[:3], p.returncode,
                                                   p.stderr.decode()[-500:]))
    return dt


TBPARSE = ("import sys\nfrom tbparse import SummaryReader\n"
           "df = SummaryReader(sys.argv[1]).scalars\nassert len(df) > 0\n")


# -- (a) ---------------------------------------------------------------------

def bench_cli(logdir: str, repeat: int) -> dict:
    cli, tbp = [], []
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    for i in range(repeat):
        cli.append(timed_run([_exe("tb-lrsched"), "check", "--format", "json", logdir], env))
        tbp.append(timed_run([PY, "-c", TBPARSE, logdir], env, ok=(0,)))
        log("    repeat %d: tb-lrsched %.2fs  tbparse %.2fs  (load %s)" % (i + 1, cli[-1], tbp[-1],
                                                                     loadavg()))
    out = {"cli_s": cli, "tbparse_s": tbp, "cli_median_s": median(cli),
           "tbparse_median_s": median(tbp)}
    out["ratio"] = out["cli_median_s"] / out["tbparse_median_s"]
    return out


def phases(logdir: str) -> dict:
    """Where the command's time goes (one in-process run, for the README)."""
    code = r"""
import json, sys, time
t0 = time.perf_counter()
from tb_lrsched import data, loader, service, analysis
t1 = time.perf_counter()
with loader.open_provider(sys.argv[1]) as (p, ctx, eid):
    t2 = time.perf_counter()
    plans = data.plans(p, ctx, eid)
    t3 = time.perf_counter()
    exps = data.read_all(p, ctx, eid, plans)
    t4 = time.perf_counter()
    for e in exps:
        analysis.analyze(e)
    t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "server_load": t2 - t1, "list_and_plan": t3 - t2,
                  "read": t4 - t3, "analyze": t5 - t4,
                  "points": sum(len(s) for e in exps for s in (e.lr, e.train_loss, e.val_loss)
                                if s is not None),
                  "tensorflow_imported": "tensorflow" in sys.modules}))
"""
    p = subprocess.run([PY, "-c", code, logdir], capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-800:])
    return json.loads(p.stdout.strip().splitlines()[-1])


# -- (b) ---------------------------------------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=600):
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as r:
        body = r.read()
        status = r.status
    return status, body, time.perf_counter() - t0


def tensorboard(logdir: str, *extra: str):
    """A real tensorboard on loopback (the tests' helper: tests/support/tbserver.py)."""
    return tbserver.tensorboard_process("--logdir", logdir, *extra, timeout=120)


def _scalars_url(base, run, tag):
    return base + "/data/plugin/scalars/scalars?" + urllib.parse.urlencode({"run": run, "tag": tag})


def _wait_loaded(base, run, tags, last_step, timeout=600):
    """Until TensorBoard holds every series up to its last step."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            ok = True
            for tag in tags:
                status, body, _ = _get(_scalars_url(base, run, tag))
                pts = json.loads(body) if status == 200 else []
                if not pts or pts[-1][1] < last_step:
                    ok = False
                    break
            if ok:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("tensorboard did not load %s in %ss" % (run, timeout))


def bench_routes(logdir: str, repeat: int, samples: str) -> dict:
    runs = sorted(d for d in os.listdir(logdir) if os.path.isdir(os.path.join(logdir, d)))
    run = runs[0]
    steps = generate.PRESETS[os.path.basename(logdir.rstrip("/"))]["steps"]
    extra = ["--load_fast=true", "--reload_interval=0"]
    if samples == "full":
        # Not scalars=0: under --load_fast TensorBoard's scalars route then asks
        # the data server for 0 points. A reservoir larger than any series keeps all.
        extra.append("--samples_per_plugin=scalars=%d" % (2 * steps))
    out = {"tensorboard_args": extra, "experiment": run}
    with tensorboard(logdir, *extra) as base:
        t0 = time.perf_counter()
        last_run = runs[-1]
        _wait_loaded(base, last_run, generate.TAGS, steps - 1)
        _wait_loaded(base, run, generate.TAGS, steps - 1)
        out["tensorboard_load_s"] = time.perf_counter() - t0
        lr = base + "/data/plugin/lr_health/"
        sc, cold, warm, exp_cold, exp_warm = [], [], [], [], []
        sizes = {}
        for i in range(repeat):
            t = 0.0
            nbytes = npoints = 0
            for tag in generate.TAGS:
                _, body, dt = _get(_scalars_url(base, run, tag))
                t += dt
                nbytes += len(body)
                npoints += len(json.loads(body))
            sc.append(t)
            sizes["scalars_bytes"], sizes["scalars_points"] = nbytes, npoints
            # A role override that matches nothing (no accuracy is logged) leaves
            # the verdicts as they are but is a new cache key: computed afresh.
            fresh = "^no_such_tag_%d_%d$" % (os.getpid(), i)
            q = urllib.parse.urlencode({"experiment": run, "val_acc_tag": fresh})
            _, body, dt = _get(lr + "report?" + q)
            cold.append(dt)
            rep = json.loads(body)
            sizes["report_bytes"] = len(body)
            sizes["report_points"] = sum(len(s["steps"]) for k, s in rep["series"].items()
                                         if isinstance(s, dict))
            _, _, dt = _get(lr + "report?" + q)
            warm.append(dt)
            q2 = urllib.parse.urlencode({"val_acc_tag": fresh + "x"})
            _, body, dt = _get(lr + "experiments?" + q2)
            exp_cold.append(dt)
            sizes["experiments"] = len(json.loads(body)["experiments"])
            _, _, dt = _get(lr + "experiments?" + q2)
            exp_warm.append(dt)
            log("    repeat %d: scalars x3 %.3fs  report cold %.3fs warm %.4fs  "
                "experiments cold %.3fs warm %.4fs  (load %s)"
                % (i + 1, sc[-1], cold[-1], warm[-1], exp_cold[-1], exp_warm[-1], loadavg()))
        # zoom: a window at full resolution
        q = urllib.parse.urlencode({"experiment": run, "start": steps // 2,
                                    "end": steps // 2 + 1000})
        _, body, dt = _get(lr + "report?" + q)
        zoom = json.loads(body)["series"]["train_loss"]
        out["zoom"] = {"seconds": dt, "train_loss_points": len(zoom["steps"]),
                       "decimated": zoom["decimated"]}
    out.update(sizes)
    out.update({"scalars_s": sc, "report_cold_s": cold, "report_warm_s": warm,
                "experiments_cold_s": exp_cold, "experiments_warm_s": exp_warm})
    m = {k: median(v) for k, v in (("scalars", sc), ("report_cold", cold), ("report_warm", warm),
                                   ("experiments_cold", exp_cold),
                                   ("experiments_warm", exp_warm))}
    out["median_s"] = m
    out["ratio_cold"] = m["report_cold"] / m["scalars"]
    out["ratio_warm"] = m["report_warm"] / m["scalars"]
    return out


def bench_listing(logdir: str, repeat: int) -> dict:
    """Cost of the fingerprint: list_scalars + planning, which /experiments and
    /report do on every request, vs a warm /report computed in-process."""
    code = r"""
import json, sys, time, statistics
from tb_lrsched import data, loader, service
with loader.open_provider(sys.argv[1]) as (p, ctx, eid):
    svc = service.AnalysisService()
    name = data.plans(p, ctx, eid)[0].name
    svc.report(p, ctx, eid, name)
    lst, warm, summ = [], [], []
    svc.summaries(p, ctx, eid)
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter(); data.plans(p, ctx, eid); lst.append(time.perf_counter() - t)
        t = time.perf_counter(); svc.report(p, ctx, eid, name); warm.append(time.perf_counter() - t)
        t = time.perf_counter(); svc.summaries(p, ctx, eid); summ.append(time.perf_counter() - t)
print(json.dumps({"list_and_plan_s": statistics.median(lst),
                  "report_warm_s": statistics.median(warm),
                  "summaries_warm_s": statistics.median(summ)}))
"""
    p = subprocess.run([PY, "-c", code, logdir, str(max(3, repeat))], capture_output=True,
                       text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-800:])
    return json.loads(p.stdout.strip().splitlines()[-1])


# -- (c) ---------------------------------------------------------------------

def bench_detectors(n: int, repeat: int) -> dict:
    from tb_lrsched import analysis, model

    out = {}
    warm = generate.run_series(1000, "healthy", 0)
    analysis.analyze(_experiment(model, warm, "warmup"))  # imports, first-call costs
    for shape in ("healthy", "spiky", "diverging", "overfitting"):
        exp = _experiment(model, generate.run_series(n, shape, 1), shape)
        ts = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = analysis.analyze(exp)
            ts.append(time.perf_counter() - t0)
        t = median(ts)
        out[shape] = {"seconds": ts, "median_s": t, "series_points_per_s": n / t,
                      "total_points_per_s": 3 * n / t,
                      "kinds": sorted({f["kind"] for f in res["findings"]})}
        log("    %-11s %.3fs  -> %.1f M points/s per series (%.1f M/s over the 3 series)  %s"
            % (shape, t, n / t / 1e6, 3 * n / t / 1e6, out[shape]["kinds"]))
    return out


def _experiment(model, series: Dict[str, tuple], name: str):
    def mk(tag):
        s, v, w = series[tag]
        return model.Series.of(s, v, w, run=name, tag=tag)
    return model.ExperimentSeries(name=name, lr=mk("train/lr"), train_loss=mk("train/loss"),
                                  val_loss=mk("val/loss"))


def profile_detectors(n: int, shape: str = "healthy", top: int = 15) -> str:
    import cProfile
    import io
    import pstats

    from tb_lrsched import analysis, model
    exp = _experiment(model, generate.run_series(n, shape, 1), shape)
    analysis.analyze(exp)
    pr = cProfile.Profile()
    pr.enable()
    analysis.analyze(exp)
    pr.disable()
    buf = io.StringIO()
    pstats.Stats(pr, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


# -- (d) ---------------------------------------------------------------------

def _memprobe(logdir: str) -> dict:
    p = subprocess.run([PY, "-m", "benchmarks.memprobe", logdir], capture_output=True,
                       text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-800:])
    return json.loads(p.stdout.strip().splitlines()[-1])


def bench_memory(logdir: str, repeat: int, tiny: str) -> dict:
    """Peak above the import baseline, and the same minus the fixed cost of a
    run on a tiny logdir (lazy imports, gRPC channel, threads): the part that
    grows with the data."""
    runs, fixed = [], []
    for _ in range(repeat):
        runs.append(_memprobe(logdir))
        fixed.append(_memprobe(tiny)["peak_above_baseline"])
    best = runs[0]
    raw = best["raw_bytes"]
    peak = median([r["peak_above_baseline"] for r in runs])
    return {"runs": runs, "raw_bytes": raw, "points": best["points"],
            "peak_above_baseline_median": peak, "ratio_median": peak / raw,
            "fixed_cost_median": median(fixed),
            "marginal_ratio": (peak - median(fixed)) / raw,
            "baseline_rss": median([r["baseline_rss"] for r in runs]),
            "server_peak_rss_median": median([r["server_peak_rss"] or 0 for r in runs])}


def tf_import_check(logdir: str) -> dict:
    code = ("import sys, io\nfrom tb_lrsched import cli, plugin\n"
            "cli.run_check(cli.build_parser().parse_args(['check', sys.argv[1]]), io.StringIO())\n"
            "print('tensorflow' in sys.modules)\n")
    p = subprocess.run([PY, "-c", code, logdir], capture_output=True, text=True, cwd=ROOT)
    return {"tensorflow_imported": p.stdout.strip().endswith("True"), "rc": p.returncode}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="tb-lrsched scaling benchmark")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--logdirs", default="big1,many50")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="abcd", help="sections to run, e.g. 'ac'")
    ap.add_argument("--points", type=int, default=1_000_000, help="(c) series length")
    ap.add_argument("--samples", default="full,default",
                    help="(b) TensorBoard sampling: full (--samples_per_plugin=scalars=2*steps), "
                         "default (reservoir of 1000)")
    ap.add_argument("--profile", action="store_true", help="(c) print the engine's hot spots")
    ap.add_argument("--json", help="write all results here")
    a = ap.parse_args(argv)

    res = {"machine": machine(), "load_before": loadavg()}
    log("machine: %(nproc)s cores, %(cpu)s; %(mem)s" % res["machine"])
    log("load average before: %s" % res["load_before"])
    names = [n for n in a.logdirs.split(",") if n]
    dirs = {n: ensure_logdir(a.data, n) for n in names}
    for n, d in dirs.items():
        cfg = generate.PRESETS[n]
        res.setdefault("logdirs", {})[n] = {"runs": cfg["runs"], "steps": cfg["steps"],
                                            "points": cfg["runs"] * cfg["steps"] * 3,
                                            "bytes": logdir_size(d)}
        log("  %s: %d runs x %d steps x 3 tags, %.1f MB" % (n, cfg["runs"], cfg["steps"],
                                                           logdir_size(d) / 1e6))

    if "a" in a.only:
        log("\n(a) tb-lrsched check --format json vs tbparse (target <= 0.2x)")
        for n, d in dirs.items():
            log("  %s" % n)
            r = bench_cli(d, a.repeat)
            r["phases"] = phases(d)
            res.setdefault("a", {})[n] = r
            log("  %s: tb-lrsched %.2fs vs tbparse %.2fs -> %.3fx   phases: %s"
                % (n, r["cli_median_s"], r["tbparse_median_s"], r["ratio"],
                   ", ".join("%s %.2f" % (k, v) for k, v in r["phases"].items()
                             if isinstance(v, float))))
        r = tf_import_check(dirs[names[0]])
        res["tensorflow_imported"] = r["tensorflow_imported"]
        log("  TensorFlow imported by the command and the plugin module: %s"
            % r["tensorflow_imported"])

    if "b" in a.only:
        log("\n(b) /report vs TensorBoard's /scalars for the same 3 series (target <= 1.5x)")
        for n, d in dirs.items():
            for samples in a.samples.split(","):
                log("  %s, %s sampling" % (n, samples))
                r = bench_routes(d, a.repeat, samples)
                res.setdefault("b", {})["%s/%s" % (n, samples)] = r
                m = r["median_s"]
                log("  %s/%s: scalars %.3fs (%d points, %.1f MB) | report cold %.3fs (%.2fx) "
                    "warm %.4fs (%.3fx), %d points, %.0f kB | experiments(%d) cold %.3fs warm "
                    "%.4fs | zoom %d pts %.3fs"
                    % (n, samples, m["scalars"], r["scalars_points"], r["scalars_bytes"] / 1e6,
                       m["report_cold"], r["ratio_cold"], m["report_warm"], r["ratio_warm"],
                       r["report_points"], r["report_bytes"] / 1e3, r["experiments"],
                       m["experiments_cold"], m["experiments_warm"],
                       r["zoom"]["train_loss_points"], r["zoom"]["seconds"]))
            lst = bench_listing(d, a.repeat)
            res.setdefault("listing", {})[n] = lst
            log("  %s in-process (Rust provider): list+plan %.4fs, warm report %.4fs, warm "
                "summaries %.4fs" % (n, lst["list_and_plan_s"], lst["report_warm_s"],
                                     lst["summaries_warm_s"]))

    if "c" in a.only:
        log("\n(c) verdict engine on %d-point series (target >= 10 M points/s)" % a.points)
        res["c"] = bench_detectors(a.points, a.repeat)
        if a.profile:
            log(profile_detectors(a.points))

    if "d" in a.only:
        log("\n(d) peak memory of the command (target < 2x the raw series)")
        tiny = os.path.join(a.data, "tiny")
        if not os.path.exists(os.path.join(tiny, ".complete")):
            if os.path.exists(tiny):
                shutil.rmtree(tiny)
            generate.generate(tiny, 1, 100, quiet=True)
            open(os.path.join(tiny, ".complete"), "w").close()
        for n, d in dirs.items():
            r = bench_memory(d, a.repeat, tiny)
            res.setdefault("d", {})[n] = r
            log("  %s: peak %.1f MB above a %.1f MB baseline for %.1f MB of series (%d points)"
                " -> %.2fx; minus the fixed %.1f MB of a tiny logdir -> %.2fx; "
                "data server peak %.1f MB"
                % (n, r["peak_above_baseline_median"] / 1e6, r["baseline_rss"] / 1e6,
                   r["raw_bytes"] / 1e6, r["points"], r["ratio_median"],
                   r["fixed_cost_median"] / 1e6, r["marginal_ratio"],
                   r["server_peak_rss_median"] / 1e6))

    res["load_after"] = loadavg()
    log("\nload average after: %s" % res["load_after"])
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
