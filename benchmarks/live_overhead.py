"""Per-step cost of the live checks next to a small model's training step.

    python -m benchmarks.live_overhead [--steps 20000] [--long 1000000]

1. Two small PyTorch MLPs (SGD + cosine schedule, one CPU thread) train
   `--steps` steps in rounds of five 100-step blocks: no call, an empty call
   (the floor of the harness), `LiveCheck.step(step, lr=..., loss=...)` after
   every step, and after every 10th step, plus a function doing just four
   `array.append` (the floor of any per-step recording in Python) (a logging cadence; Lightning's
   default is 50, the HF Trainer's 500); a validation loss every 200 steps.
   Reported: the median over rounds of the extra time per block. All times are the thread's CPU time
   (`time.thread_time`), not wall time: on a shared machine wall-clock
   windows are inflated by the time spent descheduled, whichever code the
   window holds. (LiveCore's own `max_overhead` budget uses wall time.)
2. The cost per step on long runs: `LiveCheck.step` alone on synthetic
   curves of 1e4 .. `--long` steps (amortised: updates + all checks), to
   show it does not grow with the run (geometric check schedule).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from array import array
from typing import List, Optional

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tb_lrsched.live import LiveCheck  # noqa: E402

MODELS = {"tiny MLP 32-64-10, batch 32": (32, 64, 10, 32),
          "MNIST-size MLP 784-128-10, batch 64": (784, 128, 10, 64)}
MODES = ("none", "empty call", "4 array appends", "LiveCheck every step",
         "LiveCheck every 10 steps")
_FLOOR = [array("d") for _ in range(4)]


def _noop(step, lr=None, loss=None, val_loss=None):
    return None


def _appends(step, lr=None, loss=None, val_loss=None):
    """The least any per-step recording in Python does: store 2 (step, value)."""
    _FLOOR[0].append(step)
    _FLOOR[1].append(lr)
    _FLOOR[2].append(step)
    _FLOOR[3].append(loss)


def model_run(steps: int, dims, block: int = 100) -> dict:
    """CPU time per training step of the same model going on, in rounds of
    four blocks of `block` steps: no call, an empty function call with the
    same arguments (the harness' own floor), `LiveCheck.step` after every
    step, and after every 10th step. Overheads are the median over rounds of
    (block time - the round's no-call block time) / no-call block time."""
    import torch

    d_in, hidden, d_out, batch = dims
    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(d_in, hidden), torch.nn.ReLU(),
                              torch.nn.Linear(hidden, d_out))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    x = torch.randn(8192, d_in)
    y = (x[:, :d_out].argmax(1) + (x[:, d_out] > 1).long()) % d_out
    live = LiveCheck(total_steps=steps)
    n = 8192 - batch
    times = {m: [] for m in MODES}
    s = 0
    while s < steps:
        for mode in MODES:
            every = 1 if mode == "LiveCheck every step" else 10
            call = mode.startswith("LiveCheck")
            t0 = time.thread_time()
            for _ in range(block):
                i = (s * batch) % n
                lr = sched.get_last_lr()[0]
                loss = torch.nn.functional.cross_entropy(net(x[i:i + batch]), y[i:i + batch])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                lv = loss.item()
                if call:
                    if s % every == 0:
                        live.step(s, lr=lr, loss=lv,
                                  val_loss=lv * 1.05 if s % 200 == 0 else None)
                elif mode == "empty call":
                    _noop(s, lr=lr, loss=lv, val_loss=None)
                elif mode == "4 array appends":
                    _appends(float(s), lr=lr, loss=lv, val_loss=None)
                s += 1
            times[mode].append(time.thread_time() - t0)
    live.close()
    base = np.array(times["none"])
    out = {"steps": s, "step_us": 1e6 * float(np.median(base)) / block,
           "checks": live.checks, "check_s": live._check_time}
    for m in MODES[1:]:
        out[m] = 100 * float(np.median((np.array(times[m]) - base) / base))
    return out


def long_run(steps: int) -> dict:
    rng = np.random.default_rng(0)
    x = np.arange(steps)
    lrs = (1e-3 * np.minimum(1.0, x / 1000) * 0.5 * (1 + np.cos(np.pi * x / steps))).tolist()
    losses = (2 * np.exp(-5 * x / steps) + 0.1 + 0.02 * rng.standard_normal(steps)).tolist()
    vals = [v + 0.05 if s % 1000 == 999 else None for s, v in enumerate(losses)]
    live = LiveCheck(total_steps=steps, max_overhead=None)  # the step schedule alone
    t0 = time.thread_time()
    for s in range(steps):
        live.step(s, lr=lrs[s], loss=losses[s], val_loss=vals[s])
    dt = time.thread_time() - t0
    return {"steps": steps, "us_per_step": 1e6 * dt / steps, "checks": live.checks}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--long", type=int, default=1000000)
    args = ap.parse_args(argv)
    logging.getLogger("tb_lrsched.live").setLevel(logging.ERROR)
    for name, dims in MODELS.items():
        m = model_run(args.steps, dims)
        print("%s, %d steps: %.0f us/step (CPU); overhead vs no call: %s; %d checks, "
              "%.3f s in the engine"
              % (name, m["steps"], m["step_us"],
                 ", ".join("%s %+.2f %%" % (k, m[k]) for k in MODES[1:]),
                 m["checks"], m["check_s"]))
    n = 10000
    while n <= args.long:
        r = long_run(n)
        print("LiveCheck.step alone, %8d steps: %.2f us/step amortised (%d checks, step "
              "schedule only)"
              % (r["steps"], r["us_per_step"], r["checks"]))
        n *= 10
    return 0


if __name__ == "__main__":
    sys.exit(main())
