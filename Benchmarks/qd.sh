#!/usr/bin/env bash
# Quality diversity side by side: `apery search qd` (one worker, so per core) and pyribs' MAP-Elites on the same
# benchmark specs, seeds 1-3, in one run. Writes Benchmarks/.out/qd.json; report.py turns it into a table.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/.out
VENV=Benchmarks/.venv
mkdir -p "$OUT"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import ribs" 2>/dev/null || "$VENV/bin/pip" install -q ribs numpy
[ -x .build/release/apery ] || swift build -c release --product apery >/dev/null
SEEDS="1 2 3"
{
    echo "["
    first=1
    for name in qd-arm10 qd-arm100 qd-sphere20; do
        for seed in $SEEDS; do
            "$VENV/bin/python" -c "import json,sys; s=json.load(open(sys.argv[1])); s['seed']=int(sys.argv[2]); json.dump(s, open(sys.argv[3],'w'))" \
                "Conjectures/$name.json" "$seed" "$OUT/$name-$seed.json"
            rm -f "$OUT/$name-$seed.sqlite"*
            ours=$(.build/release/apery search qd --spec "$OUT/$name-$seed.json" --db "$OUT/$name-$seed.sqlite" --workers 1 --json)
            peer=$("$VENV/bin/python" Benchmarks/peers/qd_peer.py "$OUT/$name-$seed.json" "$seed")
            [ $first -eq 1 ] || echo ","
            first=0
            printf '{"spec": "%s", "seed": %s, "apery": %s, "pyribs": %s}\n' "$name" "$seed" "$ours" "$peer"
            echo "$name seed $seed done" >&2
        done
    done
    echo "]"
} > "$OUT/qd.json"
