#!/usr/bin/env bash
# The Python environment the tests compare against (numpy references of update rules): a venv in .venv-test
# with numpy, jax, optax (CPU), mpmath, pandas and pytest from PyPI, made once. Prints the interpreter's path.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-test
if ! "$VENV/bin/python" -c "import numpy, jax, optax, mpmath, pandas, pytest" >/dev/null 2>&1; then
    python3 -m venv "$VENV" >&2
    "$VENV/bin/pip" install -q numpy jax optax mpmath pandas pytest >&2
fi
echo "$PWD/$VENV/bin/python"
