"""The demo's scenario table: one real Keras training per learning-rate story.

Pure data (no TensorFlow import), so tests and tools can read the expected
verdicts cheaply. `demo.runner` turns each entry into a model, an optimizer
and callbacks.

Every scenario states the verdict the LR Health tab should give it:
`expect_status` (healthy / warning / critical), `must` (finding kinds that
must appear) and `must_not` (kinds that must not).

Data sets (nothing is downloaded):

* ``digits``: scikit-learn's bundled 8x8 handwritten digits, pixels scaled to
  [0, 1]; 1280 training images (20 batches of 64), 517 validation images.
* ``noisy_features``: a synthetic 4-class problem (``make_classification``:
  64 features of which only 8 carry signal, 2 clusters per class); 300
  training samples, 500 validation samples. Digits is too benign to overfit in
  validation *loss* within a demo's budget; with 56 pure-noise features and
  300 samples a wide net memorises noise quickly, which is exactly what the
  overfitting pair needs.

LR specs (`lr`): ``("constant", {"value": v})``,
``("warmup_cosine", {"peak": p, "warmup_epochs": w})`` (linear warmup from 0,
then cosine decay to 0 at the last epoch), ``("cosine", {"peak": p})`` (cosine
decay to 0 over the run), ``("exponential", {"initial": a, "decay_steps": k,
"rate": r})`` (lr = a * r ** (step / k)).
"""

from __future__ import annotations

import dataclasses
import math
import os
from typing import Dict, List, Optional, Tuple, Union

from tb_lrsched.engine.registry import RULES
from tb_lrsched.model import INFO

HEALTHY, WARNING, CRITICAL = "healthy", "warning", "critical"

# Written last into <logdir>/<scenario>/ (expectations, final losses, curves):
# a scenario folder that has it is complete. TensorBoard ignores it.
MARKER = "scenario.json"


def json_safe(v):
    """Non-finite floats as the strings "nan"/"inf" so MARKER files stay valid JSON."""
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_safe(x) for x in v]
    return v

# Kinds a healthy, well-scheduled run with validation must never get: every
# warning or critical rule of the registry.
_PROBLEMS = tuple(r.id for r in RULES if r.severity != INFO)


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str  # folder name under the logdir; self-explaining
    title: str  # one line: what was done
    story: str  # what the curves show, in a practitioner's words
    expect_status: str
    must: Tuple[str, ...]
    must_not: Tuple[str, ...]
    epochs: int
    lr: Tuple[str, Dict[str, float]]
    data: str = "digits"
    hidden: Tuple[int, ...] = (64,)
    activation: str = "relu"
    optimizer: str = "sgd"  # "sgd" (with `momentum`) or "adam"
    momentum: float = 0.9
    batch_size: int = 64
    validation: bool = True
    # keras.callbacks.ReduceLROnPlateau keyword arguments, or None.
    reduce_on_plateau: Optional[Dict[str, float]] = None
    # tb_lrsched.keras_callback.LRLogger(every_n_batches=...), or None = only
    # Keras' own per-epoch `epoch_learning_rate`.
    lr_logger_every: Optional[int] = None
    # keras.callbacks.TensorBoard(update_freq=...): "epoch" or an integer
    # (then `batch_loss` exists too). Must divide the batches per epoch, or
    # Keras drops its epoch summaries (tensorflow/tensorboard#4975).
    update_freq: Union[str, int] = "epoch"
    seed: int = 1

    def expectation(self) -> dict:
        return {"status": self.expect_status, "must": list(self.must),
                "must_not": list(self.must_not)}


SCENARIOS: List[Scenario] = [
    Scenario(
        name="good_warmup_cosine",
        title="SGD+momentum, 2-epoch linear warmup to 0.05, cosine decay to 0 over 30 epochs",
        story="loss falls smoothly and flattens as the LR anneals; validation loss follows it down",
        expect_status=HEALTHY, must=(),
        must_not=_PROBLEMS + ("constant_lr", "missing_validation", "missing_lr"),
        epochs=30, lr=("warmup_cosine", {"peak": 0.05, "warmup_epochs": 2}),
        lr_logger_every=5, update_freq=5,
    ),
    Scenario(
        name="lr_too_high_oscillates",
        title="SGD+momentum 0.9 at a constant LR of 0.8 (about 10x too high)",
        story="the loss drops at first, then bounces up and down epoch after epoch; "
              "validation loss jumps around",
        expect_status=WARNING, must=("oscillation",),
        must_not=("divergence", "lr_too_low", "decay_too_aggressive", "missing_lr"),
        epochs=40, lr=("constant", {"value": 0.8}),
        update_freq=5,
    ),
    Scenario(
        name="lr_far_too_high_diverges",
        title="SGD+momentum, 16-epoch linear warmup towards a peak LR of 4.0 "
              "(leaky-ReLU MLP, 12 epochs)",
        story="loss falls for two epochs while the LR is still small, then becomes NaN "
              "in the third epoch once the warmup pushes the LR past ~0.7",
        expect_status=CRITICAL, must=("divergence",),
        must_not=("lr_too_low", "decay_too_aggressive", "missing_lr"),
        epochs=12, lr=("warmup_cosine", {"peak": 4.0, "warmup_epochs": 16}),
        hidden=(64, 64), activation="leaky_relu",
        lr_logger_every=2, update_freq=2,
    ),
    Scenario(
        name="lr_too_low_barely_learns",
        title="plain SGD at a constant LR of 3e-4 (about 1000x too low)",
        story="loss creeps from 2.37 to 2.33 in 20 epochs; accuracy stays at chance",
        expect_status=WARNING, must=("lr_too_low",),
        must_not=("divergence", "oscillation", "overfitting", "decay_too_aggressive",
                  "missing_lr"),
        epochs=20, lr=("constant", {"value": 3e-4}), momentum=0.0,
    ),
    Scenario(
        name="decay_too_aggressive_stalls",
        title="SGD+momentum from 0.05, exponential decay x0.7 every 5 steps "
              "(LR /1000 within 2 epochs)",
        story="the LR collapses by orders of magnitude in the first epochs and the loss "
              "freezes right after, still high (~1.06, 80% accuracy)",
        expect_status=WARNING, must=("decay_too_aggressive",),
        must_not=("divergence", "oscillation", "constant_lr", "lr_too_low", "missing_lr"),
        epochs=20, lr=("exponential", {"initial": 0.05, "decay_steps": 5, "rate": 0.7}),
        lr_logger_every=1, update_freq=5,
    ),
    Scenario(
        name="constant_lr_overfits",
        title="Adam at a constant 1e-3, wide MLP (256x2), 300 noisy-feature samples, "
              "no regularisation",
        story="training loss keeps falling towards 0 while validation loss bottoms out "
              "around epoch 6 and then climbs steadily",
        expect_status=WARNING, must=("overfitting", "constant_lr"),
        must_not=("divergence", "oscillation", "lr_too_low", "missing_lr"),
        epochs=40, lr=("constant", {"value": 1e-3}), data="noisy_features",
        hidden=(256, 256), optimizer="adam", batch_size=32,
    ),
    Scenario(
        name="cosine_decay_fixes_overfitting",
        title="the same model and data as constant_lr_overfits, Adam with cosine decay "
              "from 3e-4 to 0 over the same 40 epochs",
        story="training loss falls smoothly and flattens as the LR anneals; validation "
              "loss falls to its best and stays there instead of climbing",
        expect_status=HEALTHY, must=(),
        must_not=_PROBLEMS + ("constant_lr", "missing_validation", "missing_lr"),
        epochs=40, lr=("cosine", {"peak": 3e-4}), data="noisy_features",
        hidden=(256, 256), optimizer="adam", batch_size=32,
        lr_logger_every=5,
    ),
    Scenario(
        name="no_validation_logged",
        title="the good warmup+cosine run, trained without validation data",
        story="a healthy training curve, but overfitting cannot be judged without "
              "validation loss",
        expect_status=HEALTHY, must=("missing_validation",),
        must_not=_PROBLEMS + ("constant_lr", "missing_lr"),
        epochs=30, lr=("warmup_cosine", {"peak": 0.05, "warmup_epochs": 2}),
        validation=False,
    ),
    Scenario(
        name="reduce_lr_on_plateau",
        title="SGD+momentum from 0.1 with ReduceLROnPlateau(val_loss, factor=0.5, "
              "patience=2)",
        story="the LR halves whenever validation loss stops improving; each cut "
              "brings the loss down a notch and the run settles",
        expect_status=HEALTHY, must=(),
        must_not=_PROBLEMS + ("constant_lr", "missing_validation", "missing_lr"),
        epochs=30, lr=("constant", {"value": 0.1}),
        reduce_on_plateau={"factor": 0.5, "patience": 2, "min_delta": 1e-3},
        lr_logger_every=5,
    ),
]

BY_NAME: Dict[str, Scenario] = {s.name: s for s in SCENARIOS}


def select(names: Optional[List[str]] = None) -> List[Scenario]:
    """The scenarios to run, in table order; unknown names raise KeyError."""
    if not names:
        return list(SCENARIOS)
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise KeyError("unknown scenario(s): %s (known: %s)"
                       % (", ".join(unknown), ", ".join(BY_NAME)))
    wanted = set(names)
    return [s for s in SCENARIOS if s.name in wanted]


def is_complete(logdir: str, name: str) -> bool:
    """True when `<logdir>/<name>` holds a finished run of that scenario."""
    return os.path.isfile(os.path.join(logdir, name, MARKER))
