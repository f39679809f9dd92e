"""Start a real `tensorboard` process on loopback for end-to-end tests."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tensorboard_bin():
    cand = os.path.join(os.path.dirname(sys.executable), "tensorboard")
    return cand if os.path.exists(cand) else "tensorboard"


def get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def get_json(url, timeout=30):
    status, body = get(url, timeout)
    return status, json.loads(body)


def tensorboard(logdir, *extra, timeout=90):
    """Yield the base URL of a tensorboard serving `logdir`; stop it after."""
    return tensorboard_process("--logdir", logdir, "--reload_interval", "1", *extra,
                               timeout=timeout)


@contextlib.contextmanager
def tensorboard_process(*flags, timeout=90):
    """Yield the base URL of a tensorboard started with `flags` on loopback."""
    port = free_port()
    args = [tensorboard_bin(), "--host", "127.0.0.1", "--port", str(port)] + list(flags)
    # TensorBoard's own log goes to the temp dir, never next to the logdir.
    logs = os.path.join(tempfile.gettempdir(), "tb-lrsched-test-logs")
    os.makedirs(logs, exist_ok=True)
    log = open(os.path.join(logs, "tensorboard-%d.log" % port), "w")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % port
    try:
        deadline = time.time() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError("tensorboard exited with %s" % proc.returncode)
            try:
                status, _ = get(base + "/data/plugins_listing", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("tensorboard did not start in %ss" % timeout)
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_for(fn, timeout=30, interval=0.5):
    """Poll fn() until it returns a truthy value; return it (or raise)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = fn()
            if last:
                return last
        except Exception as e:  # keep polling through transient errors
            last = e
        time.sleep(interval)
    raise AssertionError("condition not met in %ss; last=%r" % (timeout, last))
