import Expressions
import Numbers
import Testing
import TestSupport

@Suite struct ExpressionTests {
    /// Closed forms in mpmath syntax evaluate to mpmath's digits (Corpora/constants.json).
    @Test(arguments: try! Corpus.referenceValues().map(\.expression))
    func evaluatesToReferenceDigits(expression: String) throws {
        let reference = try #require(try Corpus.referenceValues().first { $0.expression == expression })
        let value = try Expression(parsing: expression).evaluate(precision: bits(forDigits: 205))
        #expect(agreeingDigits(value.formatted(significantDigits: 200), reference.value) >= 198)
    }

    @Test func caretAndDoubleStarAreBothPowers() throws {
        let caret = try Expression(parsing: "(e^2+1)/(e^2-1)").evaluate(precision: 300)
        let stars = try Expression(parsing: "(e**2+1)/(e**2-1)").evaluate(precision: 300)
        #expect(caret == stars)
    }

    @Test func rationalArithmeticIsExact() throws {
        #expect(try Expression(parsing: "1/3 + 1/6 - 2^-1").exactValue == Rational(0))
        #expect(try Expression(parsing: "1.25e-1").exactValue == Rational(BigInt(1), BigInt(8)))
        #expect(try Expression(parsing: "mpf(1)/2").exactValue == Rational(BigInt(1), BigInt(2)))
    }

    @Test func printsWithMinimalParenthesesAndReparses() throws {
        for text in ["4/(3*pi - 8)", "8*catalan - pi*log(2 + sqrt(3))", "-2/psi(2, 4)", "(e**2 + 1)/(e**2 - 1)", "2**(1/3)"] {
            let expression = try Expression(parsing: text)
            #expect(expression.description == text)
            #expect(try Expression(parsing: expression.description) == expression)
        }
    }

    @Test func malformedInputNamesTheColumn() {
        #expect(throws: ParseError("unknown constant 'pie'", column: 3)) { try Expression(parsing: "4/pie") }
        #expect(throws: ParseError("unknown function 'foo'", column: 1)) { try Expression(parsing: "foo(1)") }
        #expect(throws: ParseError("expected ')' but found end of input", column: 8)) { try Expression(parsing: "(1+pi*2") }
        #expect(throws: ParseError("zeta takes 1 or 2 arguments, not 3", column: 1)) { try Expression(parsing: "zeta(1,2,3)") }
        #expect(throws: ParseError("unexpected character '$'", column: 3)) { try Expression(parsing: "1+$") }
    }

    @Test func divisionByZeroAndDomainErrorsAreReported() throws {
        #expect(throws: EvaluationError.self) { try Expression(parsing: "1/(pi-pi)").evaluate(precision: 200) }
        #expect(throws: EvaluationError.self) { try Expression(parsing: "1/0").evaluate(precision: 200) }
        #expect(throws: EvaluationError.self) { try Expression(parsing: "log(-1)").evaluate(precision: 200) }
        #expect(throws: EvaluationError.self) { try Expression(parsing: "besseli(1/2, 2)").evaluate(precision: 200) }
    }
}
