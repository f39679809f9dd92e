"""tb-lrsched: a TensorBoard plugin that judges learning-rate schedules from the curves."""

__version__ = "0.1.0"
