"""tb-lrsched: a TensorBoard plugin that judges learning-rate schedules from the curves."""

from tb_lrsched.version import __version__ as __version__  # the one version source
