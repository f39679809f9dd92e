"""Data providers for a logdir outside a running TensorBoard (the CLI).

Two of TensorBoard's own ingesters, both at full resolution (no reservoir
sampling), so the CLI sees every point:

* "rust": TensorBoard's Rust data server (`tensorboard-data-server`, what
  `tensorboard --load_fast` starts), loaded once, read over gRPC through
  TensorBoard's `GrpcDataProvider`. Fast; no TensorFlow import.
* "python": TensorBoard's `EventMultiplexer` + `MultiplexerDataProvider`.

"auto" uses the Rust server when its binary is installed and falls back to
the Python loader otherwise (or when the server fails to start).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import types

logger = logging.getLogger(__name__)

_LOAD_TIMEOUT_S = float(os.environ.get("TB_LRSCHED_LOAD_TIMEOUT", "600"))


class LogdirError(Exception):
    """The logdir cannot be read (missing, not a directory, no permission)."""


def is_remote(logdir: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", logdir))


def check_logdir(logdir: str) -> str:
    if is_remote(logdir):  # gs://, s3:// ... TensorBoard's file system layer reads these
        return logdir
    if not os.path.exists(logdir):
        raise LogdirError("logdir does not exist: %s" % logdir)
    if not os.path.isdir(logdir):
        raise LogdirError("logdir is not a directory: %s" % logdir)
    if not os.access(logdir, os.R_OK | os.X_OK):
        raise LogdirError("permission denied reading logdir: %s" % logdir)
    try:
        os.listdir(logdir)
    except OSError as e:
        raise LogdirError("cannot read logdir %s: %s" % (logdir, e.strerror or e)) from e
    return logdir


def _walk_local(logdir: str):
    """(run directories holding event files, unreadable paths) under a local
    logdir, the way TensorBoard's own walk finds runs (symlinks followed), but
    an unreadable directory or event file is skipped and reported instead of
    stopping the whole walk. Only names are listed; no event file is opened."""
    runs, unreadable, seen = [], [], set()

    def onerror(e):
        unreadable.append((e.filename or "?", e.strerror or str(e)))

    for dirpath, dirnames, filenames in os.walk(logdir, onerror=onerror, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # a symlink loop
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames.sort()
        events = [f for f in filenames if "tfevents" in f]
        if events:
            runs.append(dirpath)
        for f in events:
            path = os.path.join(dirpath, f)
            if not os.access(path, os.R_OK):
                unreadable.append((path, "Permission denied"))
    return runs, unreadable


def unreadable_paths(logdir: str):
    """[(path, reason)] for directories and event files under a local logdir
    that cannot be read: their runs are missing from the report."""
    if is_remote(logdir):
        return []
    return _walk_local(logdir)[1]


def _avoid_tensorflow_import():
    """TensorBoard's Python loader imports TensorFlow (seconds) for file I/O
    when it is installed; for local files its own stub is enough. This is
    TensorBoard's documented switch (`tensorboard.compat.notf`)."""
    if "tensorflow" not in sys.modules and "tensorboard.compat.notf" not in sys.modules:
        sys.modules["tensorboard.compat.notf"] = types.ModuleType("tensorboard.compat.notf")


@contextlib.contextmanager
def python_provider(logdir: str):
    """MultiplexerDataProvider over an EventMultiplexer keeping every scalar."""
    if not is_remote(logdir):
        _avoid_tensorflow_import()
    from tensorboard.backend.event_processing import (
        data_provider,
        event_accumulator,
        plugin_event_multiplexer,
    )

    size_guidance = dict(event_accumulator.DEFAULT_SIZE_GUIDANCE)
    size_guidance[event_accumulator.SCALARS] = 0
    size_guidance[event_accumulator.TENSORS] = 0
    mux = plugin_event_multiplexer.EventMultiplexer(
        size_guidance=size_guidance,
        tensor_size_guidance={"scalars": 0},
        purge_orphaned_data=True,
    )
    if is_remote(logdir):
        mux.AddRunsFromDirectory(logdir)
    else:
        # TensorBoard's own walk stops at the first unreadable subdirectory.
        root = os.path.expanduser(logdir)
        for run_dir in _walk_local(root)[0]:
            mux.AddRun(run_dir, name=os.path.relpath(run_dir, root))
    mux.Reload()
    yield data_provider.MultiplexerDataProvider(mux, logdir)


class DataServerUnavailable(RuntimeError):
    pass


def _server_binary() -> str:
    from tensorboard.data import server_ingester

    try:
        return server_ingester.get_server_binary().path
    except server_ingester.NoDataServerError as e:
        raise DataServerUnavailable(str(e)) from e


# "WARN rustboard_core::run] Read error in <path>: InvalidRecord(ChecksumError {...})"
_READ_ERROR = re.compile(r"Read error in (.*tfevents[^/]*?): (.*)$")


def _read_error_reason(debug: str) -> str:
    if "ChecksumError" in debug:
        return "corrupt record: checksum mismatch"
    return debug[:100]


def read_errors(provider):
    """[(event file, reason)] for records the loader refused as corrupt; it
    stops reading that file there (the Python loader does the same, silently)."""
    return list(getattr(provider, "read_errors", []) or [])


@contextlib.contextmanager
def rust_provider(logdir: str):
    """Start TensorBoard's Rust data server on loopback, wait for its first
    full load cycle, and yield a GrpcDataProvider; stop the server after."""
    import grpc
    from tensorboard.data import grpc_provider

    binary = _server_binary()
    tmp = tempfile.TemporaryDirectory(prefix="tb_lrsched_server_")
    port_file = os.path.join(tmp.name, "port")
    error_file = os.path.join(tmp.name, "error")
    args = [binary, "--logdir=%s" % os.path.expanduser(logdir), "--reload=once",
            "--samples-per-plugin=scalars=all", "--host=127.0.0.1", "--port=0",
            "--port-file=%s" % port_file, "--error-file=%s" % error_file,
            "--die-after-stdin", "--verbose",
            # every record checksummed: a flipped bit must not become a value
            "--checksum"]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    loaded = threading.Event()
    log_tail = []
    read_errors = []

    def watch_stderr():
        # The server logs "Finished load cycle" once every event file was read.
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            log_tail.append(line)
            del log_tail[:-20]
            m = _READ_ERROR.search(line.rstrip("\n"))
            if m and not loaded.is_set():
                read_errors.append((m.group(1), _read_error_reason(m.group(2))))
            if "Finished load cycle" in line:
                loaded.set()
        loaded.set()  # stream closed: the server died; checked below

    watcher = threading.Thread(target=watch_stderr, daemon=True)
    watcher.start()
    channel = None
    try:
        if not loaded.wait(_LOAD_TIMEOUT_S):
            raise DataServerUnavailable("data server did not finish loading in %ss" % _LOAD_TIMEOUT_S)
        if proc.poll() is not None:
            msg = ""
            if os.path.exists(error_file):
                with open(error_file) as f:
                    msg = f.read().strip()
            raise DataServerUnavailable("data server exited (%s): %s"
                                        % (proc.returncode, msg or "".join(log_tail)[-300:]))
        deadline = time.time() + 10
        port = None
        while port is None and time.time() < deadline:
            try:
                with open(port_file) as f:
                    text = f.read()
                if text.endswith("\n"):
                    port = int(text)
            except OSError:
                time.sleep(0.02)
        if port is None:
            raise DataServerUnavailable("data server did not report its port")
        addr = "127.0.0.1:%d" % port
        channel = grpc.insecure_channel(
            addr, options=[("grpc.max_receive_message_length", 1 << 30)])
        stub = grpc_provider.make_stub(channel)
        provider = ArrayGrpcDataProvider(addr, stub)
        provider.read_errors = read_errors  # [(event file, reason)]: see read_errors()
        yield provider
    finally:
        if channel is not None:
            channel.close()
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # --die-after-stdin
        except OSError:
            pass
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        tmp.cleanup()


def read_scalar_arrays(stub, experiment_id, plugin_name, runs=None, tags=None,
                       downsample=2**31 - 1):
    """{run: {tag: (steps, values, wall_times)}} as float64 numpy arrays,
    straight from a data server's `ReadScalars` answer (its repeated fields
    convert to numpy without one Python object per point, which is what
    TensorBoard's `GrpcDataProvider.read_scalars` builds). `runs` / `tags`
    filter as in `RunTagFilter` (cross product); None means all."""
    import grpc
    import numpy as np
    from tensorboard import errors
    from tensorboard.data.proto import data_provider_pb2

    req = data_provider_pb2.ReadScalarsRequest()
    req.experiment_id = experiment_id
    req.plugin_filter.plugin_name = plugin_name
    if runs is not None:
        req.run_tag_filter.runs.names[:] = sorted(runs)
    if tags is not None:
        req.run_tag_filter.tags.names[:] = sorted(tags)
    req.downsample.num_points = downsample
    try:
        res = stub.ReadScalars(req)
    except grpc.RpcError as e:  # the same public errors as GrpcDataProvider
        code = e.code()
        if code == grpc.StatusCode.INVALID_ARGUMENT:
            raise errors.InvalidArgumentError(e.details()) from e
        if code == grpc.StatusCode.NOT_FOUND:
            raise errors.NotFoundError(e.details()) from e
        if code == grpc.StatusCode.PERMISSION_DENIED:
            raise errors.PermissionDeniedError(e.details()) from e
        raise
    out = {}
    for run_entry in res.runs:
        by_tag = out.setdefault(run_entry.run_name, {})
        for tag_entry in run_entry.tags:
            d = tag_entry.data
            by_tag[tag_entry.tag_name] = (np.array(d.step, dtype=np.float64),
                                          np.array(d.value, dtype=np.float64),
                                          np.array(d.wall_time, dtype=np.float64))
    return out


def array_reader(provider):
    """A `read_scalar_arrays(ctx, experiment_id=, plugin_name=, runs=, tags=)`
    callable for providers backed by a data server (the CLI's, and
    TensorBoard's own under `--load_fast` / `--grpc_data_provider`), else None
    (the Python multiplexer: read through `read_scalars`)."""
    fast = getattr(provider, "read_scalar_arrays", None)
    if fast is not None:
        return fast
    gp = sys.modules.get("tensorboard.data.grpc_provider")  # never imported just for this
    stub = getattr(provider, "_stub", None)
    if gp is None or stub is None or not isinstance(provider, gp.GrpcDataProvider) \
            or not hasattr(stub, "ReadScalars"):
        return None

    def read(ctx, *, experiment_id, plugin_name, runs=None, tags=None):
        return read_scalar_arrays(stub, experiment_id, plugin_name, runs, tags)

    return read


@functools.lru_cache(maxsize=None)
def _array_provider_class():
    from tensorboard.data import grpc_provider

    class _ArrayGrpcDataProvider(grpc_provider.GrpcDataProvider):
        """TensorBoard's GrpcDataProvider plus `read_scalar_arrays` (numpy)."""

        def read_scalar_arrays(self, ctx, *, experiment_id, plugin_name, runs=None, tags=None):
            out = read_scalar_arrays(self._stub, experiment_id, plugin_name, runs, tags)
            _trim_heap()
            return out

    return _ArrayGrpcDataProvider


@functools.lru_cache(maxsize=None)
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def _trim_heap():
    """Give the memory of the answer just converted back to the system.

    gRPC's receive buffers and the parsed message are freed after each call,
    but glibc keeps most of it mapped, so every batch would add its answer's
    size to the command's peak memory (measured: 2.7x the arrays instead of
    2.1x for 600k points). Only the command's own provider does this (one
    call per batch, well under a millisecond)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def ArrayGrpcDataProvider(addr, stub):  # noqa: N802 - a class, built lazily (no grpc import)
    return _array_provider_class()(addr, stub)


@contextlib.contextmanager
def open_provider(logdir: str, loader: str = "auto"):
    """Yield (provider, ctx, experiment_id) for a logdir."""
    from tensorboard import context as tb_context

    check_logdir(logdir)
    ctx = tb_context.RequestContext()
    if loader in ("auto", "rust"):
        try:
            cm = rust_provider(logdir)
            provider = cm.__enter__()
        except DataServerUnavailable as e:
            if loader == "rust":
                raise LogdirError("cannot use the Rust data server: %s" % e) from e
            logger.info("falling back to the Python loader: %s", e)
        else:
            try:
                yield provider, ctx, ""
            except BaseException:
                if not cm.__exit__(*sys.exc_info()):
                    raise
            else:
                cm.__exit__(None, None, None)
            return
    with python_provider(logdir) as provider:
        yield provider, ctx, ""
