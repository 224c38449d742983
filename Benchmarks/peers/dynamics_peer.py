"""ramanujantools' blind delta (PCF.delta(1000): the limit taken at depth 2000) on the first 40 PCFs of
Benchmarks/dynamics_sample.json, the same PCFs Apery measures. Writes the deltas next to the timing so that
report.py can compare the values. Prints one JSON object."""
import json
import sys
import time

from ramanujantools.pcf import PCF
from sympy.abc import n

sample = json.load(open("Benchmarks/dynamics_sample.json"))["pcfs"][:40]
deltas = []
start = time.perf_counter()
for p in sample:
    a = sum(c * n**k for k, c in enumerate(p["a"]))
    b = sum(c * n**k for k, c in enumerate(p["b"]))
    try:
        deltas.append(float(PCF(a, b).delta(1000)))
    except Exception:
        deltas.append(None)
seconds = time.perf_counter() - start
print(json.dumps({"ramanujantools_delta_pcfs": len(sample), "ramanujantools_delta_seconds": seconds,
                  "ramanujantools_deltas": deltas}))
