"""Lists the elites of an optimizer search's MAP-Elites archive (or the members of its regularized-evolution
population), and its stored finds, that have the form of sign momentum: an update of
constant magnitude with the sign of a g + (1 - a) m for one a, and a new m = b g + (1 - b) m. Lion has a = 0.1 and
b = 0.01 (two averages); signum with momentum has a = b (one). Every elite runs on 4,000 random inputs (lr = 1) in
numpy with Apery's NaN-safe semantics.

    .venv-test/bin/python Scripts/sign_momentum_shapes.py search.sqlite
"""
import base64
import json
import sqlite3
import struct
import sys

import numpy as np

SAMPLES = 4000


def apply(function, x, y, z):
    with np.errstate(all="ignore"):
        if function == "+": return x + y
        if function == "-": return x - y
        if function == "*": return x * y
        if function == "/": return np.where(y == 0, 0, x / np.where(y == 0, 1, y))
        if function == "interp": return (1 - z) * x + z * y
        if function == "sign": return np.sign(x)
        if function == "abs": return np.abs(x)
        if function == "sqrt": return np.sqrt(np.abs(x))
        if function == "square": return x * x
        if function == "exp": return np.exp(np.minimum(x, 80))
        if function == "log": return np.where(x == 0, 0, np.log(np.where(x == 0, 1, np.abs(x))))
        if function == "clip": return np.minimum(np.maximum(x, -np.abs(y)), np.abs(y))
        if function == "max": return np.maximum(x, y)
        if function == "min": return np.minimum(x, y)
        if function == "neg": return -x
    raise ValueError(function)


def run(program, inputs):
    values = dict(inputs)
    for statement in program["statements"]:
        arguments = [np.full(SAMPLES, a["constant"]["_0"]) if "constant" in a else values[a["variable"]["_0"]]
                     for a in statement["arguments"]]
        values[statement["target"]] = apply(statement["function"], *(arguments + [None] * (3 - len(arguments))))
    return values.get("update", np.zeros(SAMPLES)), values["m"]


def shape(program, inputs):
    """(a, b) when the program is sign momentum, else None."""
    update, new_m = run(program, inputs)
    g, m = inputs["g"], inputs["m"]
    basis = np.stack([g, m], 1)
    (b, rest), *_ = np.linalg.lstsq(basis, new_m, rcond=None)
    if not np.allclose(basis @ [b, rest], new_m, atol=1e-9) or abs(b + rest - 1) > 1e-6 or not 1e-3 < b < 1:
        return None
    size = np.abs(update)
    if size.min() == 0 or size.max() - size.min() > 1e-9 * size.max():
        return None
    # a near 1 is sign(g) (signSGD), whatever m does.
    for a in np.linspace(0.001, 0.98, 980):
        sign = np.sign(a * g + (1 - a) * m)
        if np.all(sign == np.sign(update)) or np.all(sign == -np.sign(update)):
            # Lion's step is lr times the sign: a rule whose step ignores lr cannot have its rate tuned.
            scaled, _ = run(program, dict(inputs, lr=inputs["lr"] * 0.37))
            return a, b, np.allclose(np.abs(scaled), 0.37 * size, rtol=1e-9)
    return None


def column(text, columns):
    """A packed column's bytes: base64, or `@bytes:offset:count` into the row's `columns` (long columns)."""
    if text.startswith("@bytes:"):
        offset, count = map(int, text[len("@bytes:"):].split(":"))
        return columns[offset:offset + count]
    return base64.b64decode(text)


def main(path):
    random = np.random.default_rng(0)
    inputs = {name: random.standard_normal(SAMPLES) for name in "wgm"}
    inputs["v"] = np.abs(random.standard_normal(SAMPLES))
    inputs["lr"] = np.ones(SAMPLES)
    for island, state, columns in sqlite3.connect(path).execute("select island, state, columns from search_states"):
        proposer = json.loads(state)["proposer"]
        if "population" in proposer:
            # Regularized evolution: the population, youngest last.
            members = [(m["candidate"], m["serial"], m["evaluation"].get("fitness") or float("nan")) for m in proposer["population"]]
            print(f"island {island}: population of {len(members)}, {proposer['proposed']} programs proposed")
        else:
            count = len(proposer["candidates"])
            serials = struct.unpack(f"<{count}q", column(proposer["serials"], columns))
            fitness = struct.unpack(f"<{count}d", column(proposer["fitness"], columns))
            members = list(zip(proposer["candidates"], serials, fitness))
            print(f"island {island}: {count} elites, {proposer['proposed']} programs proposed")
        report(members, inputs)
    # The finds: each descriptor cell's fittest rule as it was found, kept after it leaves the population.
    finds = [(json.loads(c), serial, f if f is not None else float("nan"))
             for serial, c, f in sqlite3.connect(path).execute("select serial, candidate, fitness from search_finds order by serial")]
    print(f"finds: {len(finds)}")
    report(finds, inputs)


def report(members, inputs):
    for program, serial, f in members:
        found = shape(program, inputs)
        if found:
            a, b, scaled = found
            kind = "two averages (Lion's form)" if abs(a - b) > 0.01 else "one average (signum with momentum)"
            rate = "step proportional to lr" if scaled else "step NOT proportional to lr"
            print(f"  candidate {serial}, fitness {f:.3f}: sign({a:.3f} g + {1 - a:.3f} m), m <- {b:.4f} g + {1 - b:.4f} m: {kind}; {rate}")


if __name__ == "__main__":
    main(sys.argv[1])
