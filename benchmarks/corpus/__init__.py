"""The generalisation corpus: real trainings from several writers, labelled from their plots.

See benchmarks/corpus/schema.py for the contract every scenario module follows and
benchmarks/ACCURACY.md for how the labels were decided and how the split was made.
"""
