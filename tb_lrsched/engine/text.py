"""Number and list formatting for messages: plain, short, practitioner-readable."""

from __future__ import annotations

import math
from typing import List

_STEP_INT_MAX = 1e15


def fmt(x: float) -> str:
    """Three significant digits, plain."""
    x = float(x)
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return "%.3g" % x


def fmt_lr(x: float) -> str:
    """Compact LR: 0.3 -> 3e-1, 0.00025 -> 2.5e-4, 0 -> 0."""
    x = float(x)
    if not math.isfinite(x):
        return fmt(x)
    if x == 0:
        return "0"
    if 1 <= abs(x) < 1000:
        return "%.3g" % x
    s = "%.2e" % abs(x)
    mant, expo = s.split("e")
    mant = mant.rstrip("0").rstrip(".")
    out = "%se%d" % (mant, int(expo))
    return ("-" if x < 0 else "") + out


def fmt_step(step: float) -> str:
    """A step as an integer when it is one, else four significant digits."""
    step = float(step)
    if step == int(step) and abs(step) < _STEP_INT_MAX:
        return str(int(step))
    return "%.4g" % step


def fmt_percent(fraction: float) -> str:
    """0.853 -> '85.3%'."""
    return "%.1f%%" % (100 * fraction)


def plural(n: int, word: str) -> str:
    """'1 loss spike', '3 loss spikes' (the number is not included)."""
    return word if n == 1 else word + "s"


def join(words: List[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
