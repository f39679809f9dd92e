"""The verdict rules, one module per verdict kind.

Each module has a docstring with fixed sections (What it measures / Why it
matters / Thresholds / Example / Fix), one frozen ``Thresholds`` dataclass
(``THRESHOLDS`` is the default instance), an ``EVIDENCE`` mapping (evidence key
-> plain-words label) and ``detect(ctx) -> list[Finding]``. The registry
(:mod:`tb_lrsched.engine.registry`) names them; ``docs/verdicts.md`` is
generated from them.
"""
