#!/usr/bin/env bash
# The kept update rules (Conjectures/optimizers/*.txt) on training tasks the search never saw, in JAX and optax,
# beside optax's Adam, Lion and SGD with momentum; every rule's peak rate tuned on a log grid (see
# Benchmarks/peers/heldout_tasks.py). About 10 minutes on 2 cores. Writes Benchmarks/.out/heldout.json and prints a
# Markdown table (log10 of the final loss over Adam's, per task).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/.out/heldout
VENV=Benchmarks/.venv
mkdir -p "$OUT"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import jax, optax" 2>/dev/null || "$VENV/bin/pip" install -q jax optax numpy
[ -x .build/release/apery ] || swift build -c release --product apery >/dev/null
rules=()
for program in Conjectures/optimizers/*.txt; do
    name=$(basename "$program" .txt)
    .build/release/apery optimizers export --program "$program" --format optax --out "$OUT/$name.py" >/dev/null
    rules+=("$name=$OUT/$name.py")
done
"$VENV/bin/python" Benchmarks/peers/heldout_tasks.py Benchmarks/.out/heldout.json "${rules[@]}"
