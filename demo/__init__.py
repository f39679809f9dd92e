"""tb-lrsched demo: real Keras trainings under good and bad LR schedules.

Run from the repository root::

    python -m demo                      # writes demo/logs/<scenario>/{train,validation}
    python -m demo --only lr_too_high_oscillates,reduce_lr_on_plateau --force
    python -m demo --serve              # then opens TensorBoard on http://127.0.0.1:6006/

The scenario table (with the verdict each one should get) is in
`demo/scenarios.py`; training is in `demo/runner.py`.
"""
