#!/bin/sh
# Generate the demo logs if they are missing, then serve them with TensorBoard
# on http://127.0.0.1:6006/ (localhost only). Extra arguments go to
# `python -m demo`, e.g. `demo/serve.sh --port 6007` or `--logdir /tmp/demo`.
set -e
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
exec "$PY" -m demo --serve "$@"
