"""Helpers shared by the tests (and the benchmarks); no tests live here.

* `logwriters`: event files written by real writers (TensorBoard's writer, `tf.summary`).
* `training`: tiny real Keras trainings and the mixed-writer logdir of the shared fixtures.
* `damage`: damaging real event files (cut records, bad checksums, non-scalar data, hostile names).
* `damaged_logdir`: one logdir with every kind of damage, and what each experiment must look like.
* `wsgi`: the plugin behind TensorBoard's own WSGI app, driven by werkzeug's test client.
* `tbserver`: a real `tensorboard` process on loopback.
* `browser_util`: the browser tests' scenario logs and Debian chromium settings.
"""

import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
