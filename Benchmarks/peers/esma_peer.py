"""The Python/mpmath peer of Apery's ESMA and sequence-guessing benchmarks (written for the benchmark).

ESMA screen, per (left side, sign pattern): the signed continued fraction of P(K)/Q(K) to 100 terms with
mpmath at the precision Apery uses (64 + 8 * 100 bits), floor for +1 and ceiling for -1, then
Berlekamp-Massey modulo 2^61 - 1, abandoned once the linear complexity reaches depth/4 (the same steps
and the same early exit as Apery). Left sides: degree 1, coefficients in [-2, 2], de-duplicated by value,
positive; sign patterns: the primitive ones of length 1 to 4.

Guessing: the Apery numbers' recurrence from 40 terms with a sympy rational nullspace over the same ansatz
order (order r <= 4, degree d <= 6, by increasing (r + 1)(d + 1), 5 terms held back, 10 spare equations).
Prints one JSON object."""
import itertools
import json
import math
import time

import mpmath
import sympy

from timing import best

P61 = (1 << 61) - 1
DEPTH = 100


def berlekamp_massey(seq, limit):
    c, b = [1], [1]
    length, m, bb = 0, 1, 1
    for n, s in enumerate(seq):
        d = s
        for i in range(1, min(len(c), length + 1)):
            d = (d + c[i] * seq[n - i]) % P61
        if d == 0:
            m += 1
            continue
        coef = d * pow(bb, P61 - 2, P61) % P61
        t = c[:]
        c = c + [0] * max(0, len(b) + m - len(c))
        for i, x in enumerate(b):
            c[i + m] = (c[i + m] - coef * x) % P61
        if 2 * length <= n:
            length = n + 1 - length
            if length > limit:
                return None
            b, bb, m = t, d, 1
        else:
            m += 1
    return length


def extract(x, signs):
    terms = []
    for i in range(DEPTH):
        s = signs[i % len(signs)]
        a = mpmath.floor(x) if s > 0 else mpmath.ceil(x)
        terms.append(int(a))
        if i > 0 and terms[-1] == 0:
            return None
        r = x - a
        if r == 0:
            return None
        x = s / r
    return terms


def left_sides(k):
    seen, sides = set(), []
    for q in itertools.product(range(-2, 3), repeat=2):
        if q[1] < 0 or (q[1] == 0 and q[0] <= 0):
            continue
        for p in itertools.product(range(-2, 3), repeat=2):
            if p == (0, 0) or math.gcd(*p, *q) != 1 or p[0] * q[1] == p[1] * q[0]:
                continue
            x = (p[0] + p[1] * k) / (q[0] + q[1] * k)
            if x <= 0:
                continue
            key = round(math.log(x) * 1e11)
            if key in seen:
                continue
            seen.add(key)
            sides.append((p, q))
    return sides


def patterns():
    out = []
    for length in range(1, 5):
        for bits in range(1 << length):
            pat = [1 if (bits >> i) & 1 == 0 else -1 for i in range(length)]
            if not any(length % p == 0 and all(pat[i] == pat[i % p] for i in range(length)) for p in range(1, length)):
                out.append(pat)
    return out


def esma_screen(name, constant):
    mpmath.mp.prec = 64 + 8 * DEPTH
    k = constant()
    sides = left_sides(float(k))
    pats = patterns()
    survivors = 0
    start = time.perf_counter()
    for p, q in sides:
        x = (p[0] + p[1] * k) / (q[0] + q[1] * k)
        for pat in pats:
            terms = extract(x, pat)
            if terms is not None and berlekamp_massey([t % P61 for t in terms], DEPTH // 4 - 1) is not None:
                survivors += 1
    seconds = time.perf_counter() - start
    count = len(sides) * len(pats)
    return {f"peer_esma_{name}_candidates": count, f"peer_esma_{name}_screen_survivors": survivors,
            f"peer_esma_{name}_screen_seconds_per_candidate": seconds / count}


def apery_numbers(count):
    return [sum((math.comb(n, k) * math.comb(n + k, k)) ** 2 for k in range(n + 1)) for n in range(count)]


def guess(terms, max_order=4, max_degree=6, held=5, margin=10):
    n = sympy.Symbol("n")
    fitted = len(terms) - held
    sizes = sorted(((r, d) for r in range(1, max_order + 1) for d in range(max_degree + 1)),
                   key=lambda rd: ((rd[0] + 1) * (rd[1] + 1), rd[0]))
    for r, d in sizes:
        unknowns = (r + 1) * (d + 1)
        if fitted - r < unknowns + margin:
            continue
        rows = [[terms[m - i] * m ** j for i in range(r + 1) for j in range(d + 1)] for m in range(r, fitted)]
        space = sympy.Matrix(rows).nullspace()
        if not space:
            continue
        if len(space) > 1:
            return None
        v = space[0]
        lcm = sympy.ilcm(*[sympy.fraction(x)[1] for x in v])
        v = [int(x * lcm) for x in v]
        polys = [sum(v[i * (d + 1) + j] * n ** j for j in range(d + 1)) for i in range(r + 1)]
        ok = all(sum(polys[i].subs(n, m) * terms[m - i] for i in range(r + 1)) == 0 for m in range(r, len(terms)))
        return [sympy.expand(p) for p in polys] if ok else None
    return None


results = {"peer_sympy_version": sympy.__version__, "peer_mpmath_version": mpmath.__version__}
results.update(esma_screen("e", lambda: mpmath.e))
results.update(esma_screen("pi", lambda: mpmath.pi))
terms = apery_numbers(40)
found = []
results["peer_guess_apery_40_terms"] = best(3, lambda: found.append(guess(terms)))
results["peer_guess_apery_recurrence"] = str(found[-1])
print(json.dumps(results, indent=2, sort_keys=True))
