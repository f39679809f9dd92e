"""Keras part of the verdict-accuracy set: the demo's nine scenarios, each
trained with several seeds.

The scenario definitions and their expected verdicts stay in
`demo/scenarios.py` (the single source of truth); this module only trains
each one again under other seeds, into
`<out>/keras/<scenario>__s<seed>/` (Keras' own `train/` and `validation/`
sibling runs, as `python -m demo` writes them). Seed 1 is the demo's own.

    python -m benchmarks.scenarios_keras_extra --out benchmarks/data/accuracy [--seeds 1,2]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from typing import List, Optional

from demo import scenarios as demo_scenarios

SEEDS = (1, 2)
SUBDIR = "keras"


def run_name(base: str, seed: int) -> str:
    return "%s__s%d" % (base, seed)


def split_name(name: str):
    """`good_warmup_cosine__s2` -> ("good_warmup_cosine", 2)."""
    base, _, seed = name.rpartition("__s")
    return base, int(seed)


def planned(seeds=SEEDS) -> List[demo_scenarios.Scenario]:
    return [dataclasses.replace(sc, name=run_name(sc.name, seed), seed=seed)
            for sc in demo_scenarios.SCENARIOS for seed in seeds]


def generate(out: str, seeds=SEEDS, force: bool = False, curves: bool = False,
             stream=sys.stdout) -> int:
    root = os.path.join(out, SUBDIR)
    os.makedirs(root, exist_ok=True)
    todo = [sc for sc in planned(seeds)
            if force or not demo_scenarios.is_complete(root, sc.name)]
    if not todo:
        return 0
    from demo import runner  # TensorFlow: only when there is work
    for sc in todo:
        t0 = time.time()
        s = runner.run_scenario(sc, root)
        stream.write("keras %-40s %5.1fs\n" % (sc.name, time.time() - t0))
        if curves:
            for key in ("loss", "val_loss", "val_accuracy", "lr_end"):
                vals = s["curves"].get(key)
                if vals:
                    stream.write("    %-12s %s\n" % (key, " ".join("%.4g" % v for v in vals)))
        stream.flush()
    return len(todo)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.scenarios_keras_extra")
    p.add_argument("--out", default=os.path.join("benchmarks", "data", "accuracy"))
    p.add_argument("--seeds", default=",".join(str(s) for s in SEEDS))
    p.add_argument("--force", action="store_true")
    p.add_argument("--curves", action="store_true")
    a = p.parse_args(argv)
    seeds = tuple(int(s) for s in a.seeds.split(",") if s.strip())
    n = generate(a.out, seeds, force=a.force, curves=a.curves)
    print("keras: %d run(s) trained" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
