"""The verdict engine: shared primitives beside the rules in ``tb_lrsched/rules``.

Layout (read top to bottom; numpy only, no TensorBoard import):

* ``stats``    -- robust statistics: lower medians, MAD noise (named constants).
* ``curves``   -- canonical scaling and quantisation, bucket smoothing,
  :class:`~tb_lrsched.engine.curves.Curve`, accuracy curves, finite-series
  extraction, the zigzag.
* ``context``  -- the :class:`~tb_lrsched.engine.context.LR` curve, the
  :class:`~tb_lrsched.engine.context.Context` every rule reads, ``prepare(exp)``.
* ``lr``       -- LR helpers for rules: ``where()`` a step is, the LR there,
  when it collapsed.
* ``lr_events`` -- the LR curve's events, computed once: warmup end, restarts, cuts,
  zero spans, cycles, range-test sweeps (so a finding can say "right after the restart").
* ``noise``    -- the noise model: the run's own tail, the trailing spike level, the coarse
  trend (what the run's own noise explains).
* ``evaluations`` -- the noise model of held-out evaluations: the validation set's size read
  off the accuracies, and how many standard errors of it the accuracy jumps between
  evaluations.
* ``advice``   -- which framework wrote the logs, its words for a fix, one LR target and
  one recommendation per run.
* ``progress`` -- stall / progress analysis (EarlyStopping's view, "stuck").
* ``text``     -- number formatting and list joining for messages.
* ``spec``     -- ``param()`` for documented thresholds, ``Evidence`` labels.
* ``registry`` -- THE list of rules (id, severity, wording, chart marker,
  overlap data), in analysis order.
* ``resolve``  -- overlap resolution between findings, constant-LR escalation.
* ``notes``    -- sentences about what could not be judged.
* ``docgen``   -- writes ``docs/verdicts.md`` from the rules and the registry.

The entry point is :func:`tb_lrsched.analysis.analyze`; report shapes are in
:mod:`tb_lrsched.report`.
"""
