#!/usr/bin/env bash
# Side-by-side benchmarks: Apery and its peers on the same inputs, in one run, on this machine.
# Makes a Python venv for the peers (ramanujantools, mpmath, python-flint, gmpy2, sympy, numpy), installs PARI/GP
# if missing, and writes the figures to Benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/.out
VENV=Benchmarks/.venv
mkdir -p "$OUT"

if ! command -v gp >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pari-gp >/dev/null
fi
# The venv is shared with qd.sh, optimizers.sh and p3.sh, which install only their own peers: check every import.
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import ramanujantools, mpmath, gmpy2, sympy, flint, numpy, sklearn" 2>/dev/null ||
    "$VENV/bin/pip" install -q ramanujantools mpmath gmpy2 sympy python-flint numpy scikit-learn

echo "building (release)..." >&2
# SwiftPM builds only the last of several --product flags: one build per product.
swift build -c release --product apery >/dev/null
swift build -c release --product apery-benchmarks >/dev/null
gcc -O2 -o "$OUT/pcf_loop" Benchmarks/c/pcf_loop.c -lgmp

echo "apery search (pi domain, both cores)..." >&2
rm -f "$OUT"/pi-search.sqlite*
/usr/bin/time -v .build/release/apery search pcf --spec Conjectures/pi-a1-b2.json --db "$OUT/pi-search.sqlite" --json \
    > "$OUT/search.json" 2> "$OUT/search.time"
rss=$(grep "Maximum resident set size" "$OUT/search.time" | awk '{print $6}')
wall=$(grep "Elapsed (wall clock)" "$OUT/search.time" | awk '{print $8}')
printf '{"search_peak_rss_kb": %s, "search_wall": "%s"}\n' "$rss" "$wall" > "$OUT/search-rss.json"
echo "dynamics of the pi neighbourhood, clustering and report (apery), scikit-learn HDBSCAN on the same plane..." >&2
rm -f "$OUT"/neighbourhood.sqlite* && rm -rf "$OUT/report"
timed() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); printf "%.4f" "$(echo "$end - $start" | bc -l)"; }
dyn=$(timed .build/release/apery dynamics --spec Conjectures/dynamics-pi-neighbourhood.json --db "$OUT/neighbourhood.sqlite")
plane=$(timed .build/release/apery cluster --db "$OUT/neighbourhood.sqlite" --no-relations --planes d)
clu=$(timed .build/release/apery cluster --db "$OUT/neighbourhood.sqlite" --anchors "$OUT/pi-search.sqlite")
new=$(.build/release/apery hits --db "$OUT/neighbourhood.sqlite" --all --json | "$VENV/bin/python" -c "import json,sys; print(len(json.load(sys.stdin)))")
rep=$(timed .build/release/apery report --db "$OUT/pi-search.sqlite" --db "$OUT/neighbourhood.sqlite" --out "$OUT/report" --format html,md,latex,csv,json)
printf '{"neighbourhood_dynamics_seconds": %s, "cluster_d_plane_seconds": %s, "cluster_seconds": %s, "cluster_new_hits": %s, "report_seconds": %s}\n' \
    "$dyn" "$plane" "$clu" "$new" "$rep" > "$OUT/cluster.json"

# Every ratio is measured ROUNDS times (default 5), Apery and its peer in the same round, so that RESULTS.md gives
# the minimum, median and maximum of each ratio and calls a target met only when the minimum meets it.
ROUNDS=${BENCH_ROUNDS:-5}
rm -rf "$OUT"/round-*
for round in $(seq 1 "$ROUNDS"); do
    R="$OUT/round-$round"
    mkdir -p "$R"
    echo "round $round of $ROUNDS: scikit-learn HDBSCAN on the d plane, then apery..." >&2
    "$VENV/bin/python" Benchmarks/peers/cluster_peer.py "$OUT/neighbourhood.sqlite" "$OUT/plane-samples.json" > "$R/cluster-peer.json"
    .build/release/apery-benchmarks "$OUT" > "$R/apery.json"
    start=$(date +%s.%N)
    .build/release/apery verify "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)" --digits 10000 > /dev/null
    end=$(date +%s.%N)
    printf "{\"cli_verify_10000_seconds\": %.4f}\n" "$(echo "$end - $start" | bc -l)" > "$R/cli.json"
    echo "round $round: numpy first pass, C loop, PARI/GP lindep..." >&2
    "$VENV/bin/python" Benchmarks/peers/mitm_numpy.py 2>/dev/null > "$R/numpy.json"
    "$OUT/pcf_loop" 10000 5 > "$R/c.json"
    APERY_BENCH_OUT="$OUT" gp -q Benchmarks/peers/lindep.gp > "$R/pari.json"
    echo "round $round: Python peers (mpmath.pslq with 20 numbers takes about 10 s), ESMA and guessing, blind delta..." >&2
    "$VENV/bin/python" Benchmarks/peers/peers.py "$OUT" > "$R/peers.json"
    "$VENV/bin/python" Benchmarks/peers/esma_peer.py > "$R/esma-peer.json"
    "$VENV/bin/python" Benchmarks/peers/dynamics_peer.py > "$R/dynamics-peer.json"
done

# Instruction counts beside the times: they do not move with the machine's load. Valgrind cannot read the Swift
# binary's debug information, so it runs a copy without it.
rm -f "$OUT/instructions.json"
if command -v valgrind >/dev/null 2>&1; then
    echo "callgrind instruction counts..." >&2
    objcopy --strip-debug .build/release/apery-benchmarks "$OUT/apery-benchmarks-stripped"
    {
        printf '{'
        for count in none kernel pcf dynamics hdbscan; do
            n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$OUT/apery-benchmarks-stripped" "$OUT" "count-$count" 2>&1 >/dev/null |
                sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
            [ "$count" = none ] || printf ', '
            printf '"%s": %s' "$count" "$n"
        done
        printf '}\n'
    } > "$OUT/instructions.json"
fi

echo "quality diversity against pyribs..." >&2
Benchmarks/qd.sh

echo "optimizer proxies against numpy..." >&2
Benchmarks/optimizers.sh

"$VENV/bin/python" Benchmarks/report.py "$OUT" > Benchmarks/RESULTS.md
cat Benchmarks/RESULTS.md
