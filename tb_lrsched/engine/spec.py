"""Declaring thresholds and evidence labels: the two vocabularies of a rule.

A rule's thresholds are one frozen dataclass whose fields are declared with
:func:`param` (default value + the sentence that documents it), so the numbers
the code uses and the numbers ``docs/verdicts.md`` prints are the same
objects. Evidence labels (:class:`Evidence`) turn an evidence key such as
``generalization_loss`` into the practitioner's words shown by the panel.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Tuple


def param(default: Any, doc: str) -> Any:
    """A threshold field: its default and the text that explains it."""
    return dataclasses.field(default=default, metadata={"doc": doc})


def describe(thresholds: object, prefix: str = "") -> List[Tuple[str, Any, str]]:
    """(dotted name, value, doc) of every field, nested threshold groups flattened."""
    out: List[Tuple[str, Any, str]] = []
    if not dataclasses.is_dataclass(thresholds):
        return out
    for f in dataclasses.fields(thresholds):
        value = getattr(thresholds, f.name)
        name = prefix + f.name
        if dataclasses.is_dataclass(value):
            out.extend(describe(value, name + "."))
        else:
            out.append((name, value, str(f.metadata.get("doc", ""))))
    return out


@dataclasses.dataclass(frozen=True)
class Evidence:
    """How one evidence value is shown: a label in plain words, its unit
    ("%", "x", "step", "LR", "" ...), a hover hint, and whether it is an
    internal flag that is not shown at all."""

    label: str
    unit: str = ""
    hint: str = ""
    hidden: bool = False

    def as_json(self) -> Dict[str, Any]:
        return {"label": self.label, "unit": self.unit, "hint": self.hint,
                "hidden": self.hidden}
