"""The Python layer against mpmath and the binary's own answers (make test runs these with the built binary)."""
from pathlib import Path

import mpmath
import pytest

import apery

ROOT = Path(__file__).resolve().parents[2]


def test_verify_gives_mpmath_values_and_python_forms():
    v = apery.verify("PCF(2n+1, n^2) = 4/pi", digits=50)
    assert v.verified and v.digits_agreed >= 50
    with mpmath.workdps(60):
        assert abs(v.formula_value - 4 / mpmath.pi) < mpmath.mpf(10) ** -49
    assert v.python_formula == "PCF(2*n + 1, n**2)" and v.python_closed_form == "4/pi"


def test_a_wrong_formula_is_a_result_not_an_exception():
    v = apery.verify("PCF(2n+1, n^2) = 3/pi", digits=30)
    assert v.status == "disagrees" and not v.verified


def test_eval_is_certain_to_the_digits_asked():
    with mpmath.workdps(40):
        assert abs(apery.eval("zeta(3)", digits=35) - mpmath.zeta(3)) < mpmath.mpf(10) ** -34
        assert abs(apery.eval("PCF(2n+1, n^2)", digits=30) - 4 / mpmath.pi) < mpmath.mpf(10) ** -29
        # PCF(1, n^2) = 1/log(2) converges like 1/n: its 50 digits come from extrapolation, and are right.
        assert abs(apery.eval("PCF(1, n^2)", digits=50) - 1 / mpmath.log(2)) < mpmath.mpf(10) ** -39
        assert abs(apery.eval("2/PCF(1, n^2) - 1", digits=30) - (2 * mpmath.log(2) - 1)) < mpmath.mpf(10) ** -29
    # This zeta(3) fraction gains a few digits per doubling even extrapolated: 200 are said, not padded.
    with pytest.raises(apery.AperyError) as error:
        apery.eval("PCF(4n^3+6n^2+36n+17, -4n^6)", digits=200)
    assert error.value.status == 3 and "certain" in str(error.value)


def test_identify_finds_zeta_2():
    with mpmath.workdps(50):
        found = apery.identify(mpmath.pi ** 2 / 6, digits=45)
    assert found.closed_form == "pi**2/6"


def test_guess_returns_integers():
    r = apery.guess([1, 1, 2, 5, 14, 42, 132, 429], extend=3)
    assert r.kind == "p-recursive" and r.next_terms == [1430, 4862, 16796] and r.order == 1
    assert apery.guess([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7]) is None


def test_bad_input_raises_with_the_binary_message():
    with pytest.raises(apery.AperyError) as error:
        apery.verify("PCF(2n+, n^2) = 4/pi")
    assert error.value.status == 2 and "column" in str(error.value)


def test_search_then_hits_as_a_dataframe(tmp_path):
    db = str(tmp_path / "e.sqlite")
    summary = apery.search(str(ROOT / "Conjectures" / "e-degree1.json"), db)
    assert summary["candidates"] == 14641
    frame = apery.hits(db, all=True)
    assert len(frame) == summary["hits"]
    row = frame[frame["formula"] == "PCF(n + 2, -n)"].iloc[0]
    assert row["closed_form"] == "e/(e - 1)" and list(row["a"]) == [2, 1] and list(row["b"]) == [0, -1]
    apery.run("dynamics", "--hits", "--db", db)
    measured = apery.dynamics(db)
    assert len(measured) == len(frame)
