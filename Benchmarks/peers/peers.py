"""The Python peers of Apery's benchmarks, on the inputs apery-benchmarks wrote to OUT.

ramanujantools PCF.limit for Apery's PCF at depth 10,000; mpmath.pslq and python-flint's LLL on the
planted integer relations. Prints one JSON object (best of several runs, seconds)."""
import json
import sys

import flint
import mpmath
from ramanujantools.pcf import PCF
from sympy.abc import n

from timing import best

OUT = sys.argv[1]


results = {}
# ramanujantools caches walks, so only the first call computes: time one cold call, as a user meets it.
apery = PCF(34 * n**3 + 51 * n**2 + 27 * n + 5, -n**6)
results["ramanujantools_limit_10000"] = best(1, lambda: apery.limit(10000))

for size, digits in [(6, 50), (20, 140)]:
    lines = open(f"{OUT}/relation_{size}.txt").read().split()
    planted = [int(c) for c in open(f"{OUT}/relation_{size}_planted.txt").read().split()] + [-1]

    mpmath.mp.dps = digits
    values = [mpmath.mpf(x) for x in lines]
    found = []
    runs = 5 if size == 6 else 1
    results[f"mpmath_pslq_{size}"] = best(runs, lambda: found.append(mpmath.pslq(values, maxcoeff=10**6, maxsteps=10**6)))
    relation = found[-1]
    results[f"mpmath_pslq_{size}_found"] = relation is not None and (relation == planted or relation == [-c for c in planted])

    # LLL on [I | round(2^B x)], the lattice Apery reduces, with B bits for the digits.
    bits = int(digits * 3.3219280948873622) + 1
    mpmath.mp.prec = bits + 64
    scaled = [int(mpmath.nint(mpmath.mpf(x) * mpmath.mpf(2) ** bits)) for x in lines]
    rows = [[1 if j == i else 0 for j in range(size)] + [scaled[i]] for i in range(size)]
    matrix = flint.fmpz_mat(rows)
    reduced = []
    results[f"flint_lll_{size}"] = best(200 if size == 6 else 20, lambda: reduced.append(matrix.lll()))
    first = [int(reduced[-1][0, j]) for j in range(size)]
    results[f"flint_lll_{size}_found"] = first == planted or first == [-c for c in planted]

print(json.dumps(results, indent=1, sort_keys=True))
