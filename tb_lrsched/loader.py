"""Data providers for a logdir outside a running TensorBoard (the CLI).

Uses TensorBoard's own ingestion with full resolution (no reservoir
sampling), so the CLI sees every point.
"""

from __future__ import annotations

import contextlib
import os


class LogdirError(Exception):
    """The logdir cannot be read (missing, not a directory, no permission)."""


def check_logdir(logdir: str) -> str:
    if "://" in logdir:  # gs://, s3:// ... TensorBoard's file system layer reads these
        return logdir
    if not os.path.exists(logdir):
        raise LogdirError("logdir does not exist: %s" % logdir)
    if not os.path.isdir(logdir):
        raise LogdirError("logdir is not a directory: %s" % logdir)
    if not os.access(logdir, os.R_OK | os.X_OK):
        raise LogdirError("permission denied reading logdir: %s" % logdir)
    return logdir


@contextlib.contextmanager
def python_provider(logdir: str):
    """MultiplexerDataProvider over an EventMultiplexer keeping every scalar."""
    from tensorboard.backend.event_processing import data_provider
    from tensorboard.backend.event_processing import plugin_event_multiplexer
    from tensorboard.backend.event_processing import event_accumulator

    size_guidance = dict(event_accumulator.DEFAULT_SIZE_GUIDANCE)
    size_guidance[event_accumulator.SCALARS] = 0
    size_guidance[event_accumulator.TENSORS] = 0
    mux = plugin_event_multiplexer.EventMultiplexer(
        size_guidance=size_guidance,
        tensor_size_guidance={"scalars": 0},
        purge_orphaned_data=True,
    )
    mux.AddRunsFromDirectory(logdir)
    mux.Reload()
    yield data_provider.MultiplexerDataProvider(mux, logdir)


@contextlib.contextmanager
def open_provider(logdir: str, loader: str = "python"):
    """Yield (provider, ctx, experiment_id) for a logdir."""
    from tensorboard import context as tb_context

    check_logdir(logdir)
    with python_provider(logdir) as provider:
        yield provider, tb_context.RequestContext(), ""
