#!/usr/bin/env bash
# Optimizer proxies side by side: training runs per second (one program, one task, one learning rate, one core)
# in Apery and in a numpy implementation of the same tasks, with AdamW and Lion as Apery exports them and the
# learning rates Apery tuned, three rounds. Writes Benchmarks/.out/optimizers.json; report.py turns it into a table.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/.out
VENV=Benchmarks/.venv
mkdir -p "$OUT"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import numpy" 2>/dev/null || "$VENV/bin/pip" install -q numpy
[ -x .build/release/apery ] || swift build -c release --product apery >/dev/null
[ -x .build/release/apery-benchmarks ] || swift build -c release --product apery-benchmarks >/dev/null
for rule in adamw lion; do
    printf '%s\n' "$(sed -n "/static let $rule = \"\"\"/,/\"\"\"$/p" Sources/Optimizers/StandardOptimizers.swift | sed '1d;$d')" > "$OUT/$rule.txt"
    .build/release/apery optimizers export --program "$OUT/$rule.txt" --format numpy --out "$OUT/$rule.py" >/dev/null
done
# Three rounds, each Apery then numpy, so that report.py gives the min, median and max of each ratio.
{
    echo "["
    for round in 1 2 3; do
        ours=$(.build/release/apery-benchmarks "$OUT" optimizers)
        rates=$(printf '%s' "$ours" | "$VENV/bin/python" -c "import json,sys; d=json.load(sys.stdin); r={}; [r.setdefault(k.split('/')[0], {}).__setitem__(k.split('/')[1], v['lr']) for k, v in d.items()]; print(json.dumps(r))")
        peer=$(printf '%s' "$rates" | (cd Benchmarks/peers && "../../$VENV/bin/python" optimizer_peer.py "../../$OUT/adamw.py" "../../$OUT/lion.py"))
        [ "$round" -eq 1 ] || echo ","
        printf '{"apery": %s, "numpy": %s}\n' "$ours" "$peer"
    done
    echo "]"
} > "$OUT/optimizers.json"
echo "wrote $OUT/optimizers.json" >&2
