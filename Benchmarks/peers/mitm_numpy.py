"""The numpy peer of Apery's MITM first pass: the same pi domain (a of degree 1 in [-13, 13], b of degree 2
in [-11, 11]), the recurrence to depth 32 in float64, vectorised over all b for each a, with the same
convergence test and a sorted left-side table (Moebius forms of pi, R = 20) searched with searchsorted.
Single-threaded, as numpy is. Prints one JSON object."""
import itertools
import json
import math
import time

import numpy as np

DEPTH, KEY_DIGITS, R = 32, 9, 20
tol = 10.0 ** -KEY_DIGITS

# Left side: (c0 + c1 pi)/(d0 + d1 pi), gcd 1, d's first nonzero positive, not rational, not constant-free.
start = time.perf_counter()
r = np.arange(-R, R + 1)
c0, c1, d0, d1 = [x.ravel() for x in np.meshgrid(r, r, r, r, indexing="ij")]
lead = np.where(d0 != 0, d0, d1)
g = np.gcd(np.gcd(c0, c1), np.gcd(d0, d1))
keep = (lead > 0) & (g == 1) & (c0 * d1 != c1 * d0) & ((c1 != 0) | (d1 != 0))
den = d0 + d1 * math.pi
keep &= np.abs(den) > 1e-6
lhs = np.sort(((c0 + c1 * math.pi) / np.where(keep, den, 1))[keep])
table_seconds = time.perf_counter() - start

bs = np.array(list(itertools.product(range(-11, 12), repeat=3)), dtype=np.float64)  # b0, b1, b2
start = time.perf_counter()
candidates = matches = 0
for a0, a1 in itertools.product(range(-13, 14), repeat=2):
    if a0 == 0 and a1 == 0:
        continue
    p0 = np.ones(len(bs)); q0 = np.zeros(len(bs)); p1 = np.full(len(bs), float(a0)); q1 = np.ones(len(bs))
    alive = ~np.all(bs == 0, axis=1)
    for n in range(1, DEPTH + 1):
        an = a0 + a1 * n
        bn = bs[:, 0] + bs[:, 1] * n + bs[:, 2] * n * n
        alive &= bn != 0
        p0, p1 = p1, an * p1 + bn * p0
        q0, q1 = q1, an * q1 + bn * q0
        if n % 8 == 0:
            s = 1 / np.maximum(np.maximum(np.abs(p1), np.abs(q1)), np.maximum(np.abs(p0), np.abs(q0)))
            p0 *= s; q0 *= s; p1 *= s; q1 *= s
    with np.errstate(all="ignore"):
        x = p1 / q1
        converged = alive & (np.abs(x - p0 / q0) <= tol * np.maximum(np.abs(x), 1)) & np.isfinite(x)
    xs = x[converged]
    i = np.clip(np.searchsorted(lhs, xs), 1, len(lhs) - 1)
    near = np.minimum(np.abs(lhs[i] - xs), np.abs(lhs[i - 1] - xs)) <= tol * np.abs(xs)
    matches += int(near.sum())
    candidates += len(bs)
seconds = time.perf_counter() - start
print(json.dumps({"numpy_first_pass_seconds": seconds, "numpy_candidates": candidates, "numpy_matches": matches,
                  "numpy_table_seconds": table_seconds, "numpy_table_forms": int(len(lhs))}, indent=1))
