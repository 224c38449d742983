#!/usr/bin/env bash
# P3 side by side, one core each, on the same candidates: Apery's solver (enumeration in Swift, checks in a
# persistent sandboxed worker), a plain Python enumerator evaluating the same expressions in-process, and a
# fresh process per candidate (the reference judge's design). Then the train templates at 10^4 tries on all
# cores, for the time target. Writes Benchmarks/.out/p3.json.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/.out
mkdir -p "$OUT"
[ -x .build/release/apery ] || swift build -c release --product apery >/dev/null
APERY=.build/release/apery
TRAIN=Corpora/p3/puzzles_train.json
BUDGET=${P3_BUDGET:-2000}

# The same candidates for everyone: the first $BUDGET values of the enumeration of each first instance.
[ -s "$OUT/p3-candidates.jsonl" ] || "$APERY" puzzles candidates --puzzles "$TRAIN" --first-instances --count "$BUDGET" > "$OUT/p3-candidates.jsonl" 2>/dev/null
rm -f "$OUT/p3-one.sqlite"*
start=$(date +%s.%N)
"$APERY" puzzles solve --puzzles "$TRAIN" --first-instances --budget "$BUDGET" --rounds 1 --no-z3 --workers 1 --db "$OUT/p3-one.sqlite" --json > "$OUT/p3-one.json"
end=$(date +%s.%N)
peers=$(python3 Benchmarks/peers/p3_peers.py "$TRAIN" "$OUT/p3-candidates.jsonl" 200 "$OUT/p3-one.json")

# The time target: the 155 train templates at 10^4 tries, 2 rounds, all cores (P3_FULL=0 skips it).
full_start=0 full_end=0
echo '{"rounds": []}' > "$OUT/p3-full.json"
if [ "${P3_FULL:-1}" != 0 ]; then
    rm -f "$OUT/p3-full.sqlite"*
    full_start=$(date +%s.%N)
    "$APERY" puzzles solve --puzzles "$TRAIN" --first-instances --budget 10000 --rounds 2 --db "$OUT/p3-full.sqlite" --json > "$OUT/p3-full.json"
    full_end=$(date +%s.%N)
fi

python3 - "$OUT" "$start" "$end" "$full_start" "$full_end" "$peers" <<'PY'
import json, sys
out, start, end, fstart, fend, peers = sys.argv[1], *map(float, sys.argv[2:6]), json.loads(sys.argv[6])
one = json.load(open(out + "/p3-one.json"))
tries = sum(p["tries"] for p in one["puzzles"])
rate = tries / (end - start)
full = json.load(open(out + "/p3-full.json"))
result = {"apery_tries": tries, "apery_seconds": end - start, "apery_rate": rate, **peers,
          "vs_plain": rate / peers["plain_rate"], "vs_spawn": rate / peers["spawn_rate"],
          "full_seconds": fend - fstart, "rounds": full["rounds"]}
json.dump(result, open(out + "/p3.json", "w"), indent=1)
print(json.dumps({k: v for k, v in result.items() if k != "rounds"}, indent=1))
for r in full["rounds"]:
    print("round", r["round"], "templates pass@k", [round(100 * s / r["templates"]["puzzles"], 1) for s in r["templates"]["solved"]])
PY
