"""The package version: the one place it is written (setup.py reads this file without importing
the package; `tb_lrsched.__version__` re-exports it)."""

__version__ = "0.1.0"
