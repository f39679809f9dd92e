"""Per-step cost of the live checks next to a small model's training step.

    python -m benchmarks.live_overhead [--steps 20000] [--long 1000000]

1. A tiny PyTorch MLP (32 -> 64 -> 10, batch 32, SGD + cosine schedule, one
   CPU thread) trains `--steps` steps; every step also calls
   `LiveCheck.step(step, lr=..., loss=...)` (the float loss a training loop
   logs anyway; validation every 200 steps). The time spent inside the
   LiveCheck calls (updates and the checks they trigger) is measured with
   perf_counter around each call and set against the time of the training
   steps themselves: overhead % = live time / training time.
2. The cost per step on long runs: `LiveCheck.step` alone on synthetic
   curves of 1e4 .. `--long` steps (amortised: updates + all checks), to
   show it does not grow with the run (geometric check schedule).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import time
from typing import List, Optional

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tb_lrsched.live import LiveCheck  # noqa: E402


def model_run(steps: int) -> dict:
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    x = torch.randn(4096, 32)
    y = (x[:, :10].argmax(1) + (x[:, 10] > 1).long()) % 10
    live = LiveCheck(total_steps=steps)
    train_t = live_t = 0.0
    for s in range(steps):
        i = (s * 32) % 4064
        t0 = time.perf_counter()
        lr = sched.get_last_lr()[0]
        loss = torch.nn.functional.cross_entropy(net(x[i:i + 32]), y[i:i + 32])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        lv = loss.item()
        t1 = time.perf_counter()
        live.step(s, lr=lr, loss=lv, val_loss=lv * 1.05 if s % 200 == 199 else None)
        t2 = time.perf_counter()
        train_t += t1 - t0
        live_t += t2 - t1
    live.close()
    return {"steps": steps, "train_us_per_step": 1e6 * train_t / steps,
            "live_us_per_step": 1e6 * live_t / steps, "overhead_pct": 100 * live_t / train_t,
            "checks": live.checks}


def long_run(steps: int) -> dict:
    rng = np.random.default_rng(0)
    noise = 0.02 * rng.standard_normal(steps)
    live = LiveCheck(total_steps=steps)
    t0 = time.perf_counter()
    for s in range(steps):
        lr = 1e-3 * min(1.0, s / 1000) * 0.5 * (1 + math.cos(math.pi * s / steps))
        loss = 2 * math.exp(-5 * s / steps) + 0.1 + noise[s]
        live.step(s, lr=lr, loss=loss, val_loss=loss + 0.05 if s % 1000 == 999 else None)
    dt = time.perf_counter() - t0
    return {"steps": steps, "us_per_step": 1e6 * dt / steps, "checks": live.checks}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--long", type=int, default=1000000)
    args = ap.parse_args(argv)
    logging.getLogger("tb_lrsched.live").setLevel(logging.ERROR)
    m = model_run(args.steps)
    print("tiny MLP, %d steps: training %.1f us/step, live checks %.2f us/step "
          "(%d checks) -> overhead %.3f %%"
          % (m["steps"], m["train_us_per_step"], m["live_us_per_step"], m["checks"],
             m["overhead_pct"]))
    n = 10000
    while n <= args.long:
        r = long_run(n)
        print("LiveCheck.step alone, %8d steps: %.2f us/step amortised (%d checks)"
              % (r["steps"], r["us_per_step"], r["checks"]))
        n *= 10
    return 0


if __name__ == "__main__":
    sys.exit(main())
