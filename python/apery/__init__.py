"""Apery from Python: the `apery` binary driven through `--json`.

Values come back as mpmath numbers at the precision the call asked for (the digits are what Apery certified),
tables as pandas DataFrames. Errors of the binary (bad input, exit 2) raise `AperyError` with its one-line message.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import mpmath

__all__ = ["AperyError", "Verification", "Identification", "Recurrence", "binary", "verify", "identify", "eval",
           "guess", "search", "hits", "conjectures", "dynamics", "run"]


class AperyError(RuntimeError):
    """The binary refused the input (exit 2) or failed; the message is its own."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def binary() -> str:
    """The apery binary: $APERY_BINARY, then `apery` on PATH, then the repository's release and debug builds."""
    explicit = os.environ.get("APERY_BINARY")
    if explicit:
        return explicit
    found = shutil.which("apery")
    if found:
        return found
    root = Path(__file__).resolve().parents[2]
    for build in ("release", "debug"):
        candidate = root / ".build" / build / "apery"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise AperyError("no apery binary: build it (swift build -c release --product apery), put it on PATH or set APERY_BINARY", 127)


def run(*arguments: str, ok: Iterable[int] = (0,)) -> Any:
    """Runs `apery ARGUMENTS --json` and returns the decoded JSON. Exit codes in `ok` are results (1: disagrees
    or not found, 3: inconclusive); others raise AperyError."""
    process = subprocess.run([binary(), *arguments, "--json"], capture_output=True, text=True)
    if process.returncode not in tuple(ok):
        message = process.stderr.strip().splitlines()[-1] if process.stderr.strip() else f"apery exited with {process.returncode}"
        raise AperyError(message.removeprefix("apery: error: ").removeprefix("apery: "), process.returncode)
    return json.loads(process.stdout) if process.stdout.strip() else None


def _number(text: Optional[str], digits: int) -> Optional[mpmath.mpf]:
    """A decimal string as an mpf at (at least) `digits` significant digits, without rounding it through a double."""
    if text is None:
        return None
    with mpmath.workdps(max(digits, 15) + 5):
        return +mpmath.mpf(text)


@dataclass
class Verification:
    status: str
    digits_agreed: int
    formula_value: mpmath.mpf
    closed_form_value: mpmath.mpf
    depth: int
    delta: Optional[float]
    python_formula: Optional[str]
    python_closed_form: str
    checked_as: Optional[dict]
    raw: dict = field(repr=False)

    @property
    def verified(self) -> bool:
        return self.status == "verified"


def verify(equation: str, digits: int = 100, max_depth: Optional[int] = None, db: Optional[str] = None) -> Verification:
    """Checks "PCF(a, b) = closed form" (or a CF pattern) to `digits` digits. Disagreeing and inconclusive results
    are returned, not raised: look at `status`."""
    arguments = ["verify", equation, "--digits", str(digits)]
    if max_depth is not None:
        arguments += ["--max-depth", str(max_depth)]
    if db is not None:
        arguments += ["--db", db]
    r = run(*arguments, ok=(0, 1, 3))
    return Verification(status=r["status"], digits_agreed=r["digitsAgreed"], formula_value=_number(r["formulaValue"], digits),
                        closed_form_value=_number(r["closedFormValue"], digits), depth=r["depth"], delta=r.get("delta"),
                        python_formula=r["python"].get("formula"), python_closed_form=r["python"]["closedForm"],
                        checked_as=r.get("checkedAs"), raw=r)


def eval(expression: str, digits: int = 50) -> mpmath.mpf:  # noqa: A001 (mirrors `apery eval`)
    """The value of an expression or of a PCF's limit, every digit certain. A PCF too slow for the digits asked
    raises AperyError (status 3) saying how many were certain, rather than returning uncertain digits."""
    r = run("eval", expression, "--digits", str(digits), ok=(0, 3))
    if r["status"] != "certain":
        raise AperyError(f"inconclusive: only {r['certainDigits']} of {digits} digits of {expression} are certain", 3)
    return _number(r["value"], digits)


@dataclass
class Identification:
    closed_form: Optional[str]
    candidates: list
    raw: Any = field(repr=False)


def identify(value: Any, digits: Optional[int] = None, constants: Optional[Iterable[str]] = None) -> Identification:
    """A closed form for a number (an mpf, a decimal string, an expression or a PCF). Not finding one is a
    result (closed_form None)."""
    if isinstance(value, mpmath.mpf):
        value = mpmath.nstr(value, digits or mpmath.mp.dps, strip_zeros=False)
    arguments = ["identify", str(value)]
    if digits is not None:
        arguments += ["--digits", str(digits)]
    if constants:
        arguments += ["--constants", ",".join(constants)]
    r = run(*arguments, ok=(0, 1))
    found = r.get("found", []) if isinstance(r, dict) else []
    return Identification(closed_form=found[0]["closedForm"] if found else None, candidates=found, raw=r)


@dataclass
class Recurrence:
    kind: str
    text: str
    order: int
    degree: int
    coefficients: list
    seed: list
    next_terms: list
    surplus: int
    held_back: int


def guess(terms: Iterable[int], extend: int = 0, max_order: Optional[int] = None, max_degree: Optional[int] = None) -> Optional[Recurrence]:
    """The recurrence the terms obey (C-finite or P-recursive), or None when there is none within bounds."""
    arguments = ["guess", ",".join(str(int(t)) for t in terms), "--extend", str(extend)]
    if max_order is not None:
        arguments += ["--max-order", str(max_order)]
    if max_degree is not None:
        arguments += ["--max-degree", str(max_degree)]
    r = run(*arguments, ok=(0, 1))
    if r.get("kind") == "none":
        return None
    return Recurrence(kind=r["kind"], text=r["recurrence"], order=r["order"], degree=r["degree"],
                      coefficients=[[int(c) for c in p] for p in r["coefficients"]], seed=[int(s) for s in r["seed"]],
                      next_terms=[int(t) for t in r["nextTerms"]], surplus=r["surplus"], held_back=r["heldBack"])


def search(spec: str, db: str, kind: str = "pcf", shard: Optional[str] = None) -> dict:
    """Runs (or resumes) a search spec into a database: `kind` is pcf, qd or optimizer; `esma` runs an ESMA spec."""
    arguments = ["esma", "--spec", spec, "--db", db] if kind == "esma" else ["search", kind, "--spec", spec, "--db", db]
    if shard is not None:
        arguments += ["--shard", shard]
    return run(*arguments)


def hits(db: str, all: bool = False):  # noqa: A002 (mirrors `apery hits --all`)
    """The hits of a database as a DataFrame (one per family, or all): coefficient lists as lists of integers."""
    import pandas as pd
    rows = run("hits", "--db", db, *(["--all"] if all else []))
    frame = pd.DataFrame(rows)
    return frame.rename(columns={"closedForm": "closed_form", "digitsVerified": "digits", "digitsPerTerm": "digits_per_term",
                                 "convergenceClass": "convergence_class", "familyId": "family", "runId": "run", "createdAt": "created"})


def conjectures(db: str):
    """The continued-fraction conjectures an ESMA search approved, as a DataFrame."""
    import pandas as pd
    return pd.DataFrame(run("conjectures", "--db", db))


def dynamics(db: str):
    """The convergence-dynamics measurements a database holds (its `dynamics` table, SCHEMA.md), as a DataFrame."""
    import sqlite3
    import pandas as pd
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return pd.read_sql("SELECT * FROM dynamics", connection)
