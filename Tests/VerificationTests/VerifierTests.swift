import Expressions
import Formulas
import Numbers
import Testing
import TestSupport
import Verification

@Suite struct VerifierTests {
    @Test func parsesEitherSideFirst() throws {
        let left = try Equation(parsing: "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)")
        let right = try Equation(parsing: "6/zeta(3) = PCF([5,27,51,34], [0,0,0,0,0,0,-1])")
        #expect(left.formula == right.formula && left.closedForm == right.closedForm)
        #expect(throws: ParseError.self) { try Equation(parsing: "PCF(n, n)") }
        #expect(throws: ParseError("expected ',' but found ')'", column: 7)) { try Equation(parsing: "PCF(2n) = pi") }
    }

    @Test func aperyTo2000Digits() throws {
        let report = try Verifier().verify(try Equation(parsing: "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)"), digits: 2000)
        #expect(report.status == .verified)
        #expect(report.digitsAgreed >= 2000)
        #expect(abs(report.digitsPerTerm - 3.06) < 0.05)
        // Apéry's delta tends to 0.080; at depth ~330 it is still above that.
        #expect(report.delta! > 0.05 && report.delta! < 0.12)
    }

    @Test func nearMissIsNeverVerified() throws {
        let report = try Verifier().verify(try Equation(parsing: "PCF(2n+1, n^2) = 4/pi + 10^-60"), digits: 100)
        #expect(report.status == .disagrees)
        #expect(report.digitsAgreed >= 58 && report.digitsAgreed <= 61)
    }

    @Test func slowFormulaIsInconclusiveNotFalse() throws {
        // 2/(4 - pi) = PCF(2, n^2) converges polynomially: 40 digits are out of reach of the convergents...
        let plain = Verifier(limits: AdaptiveLimit(maxDepth: 1 << 14, timeLimit: 20, extrapolates: false))
        #expect(try plain.verify(try Equation(parsing: "PCF(2, n^2) = 2/(4-pi)"), digits: 40).status == .inconclusive)
        // ...but not of their extrapolation, which the report names.
        let extrapolated = try Verifier(limits: AdaptiveLimit(maxDepth: 1 << 14, timeLimit: 20)).verify(try Equation(parsing: "PCF(2, n^2) = 2/(4-pi)"), digits: 40)
        #expect(extrapolated.status == .verified && extrapolated.extrapolation != nil)
        // This zeta(3) fraction gains only a few digits per doubling even extrapolated: 200 are out of reach.
        let slow = try Verifier(limits: AdaptiveLimit(maxDepth: 1 << 16, timeLimit: 20))
            .verify(try Equation(parsing: "PCF(4n^3+6n^2+36n+17, -4n^6) = 54/(189*zeta(3)-224)"), digits: 200)
        #expect(slow.status == .inconclusive && slow.digitsAgreed >= 60)
    }

    @Test func terminatingFormulaIsAnError() {
        #expect(throws: PCFError.self) { try Verifier().verify(try Equation(parsing: "PCF(1, 3-n) = 2"), digits: 10) }
    }

    @Test func absurdPrecisionIsRefused() {
        #expect(throws: EvaluationError.self) { try Verifier().verify(try Equation(parsing: "PCF(1, 1) = phi"), digits: 1_000_000_000) }
    }

    /// Every corpus formula verifies to the digits the corpus states for it.
    @Test(arguments: try! Corpus.knownPCFs().map(\.name))
    func corpusFormulaVerifies(name: String) throws {
        let known = try Corpus.knownPCFs().first { $0.name == name }!
        let equation = Equation(formula: PCF(a: known.a, b: known.b), closedForm: try Expression(parsing: known.limit))
        let verifier = Verifier(limits: AdaptiveLimit(maxDepth: 1 << 18, timeLimit: 60))
        // The error bound |x_N - x_N/2| is conservative: for the sub-exponential (parabolic) formulas it
        // certifies one digit fewer than the corpus's known-limit agreement at the same depth, 2^18.
        let slack = equation.formula.convergenceClass == .parabolic ? 1 : 0
        let report = try verifier.verify(equation, digits: min(known.verifiedDigits, 100) - slack)
        #expect(report.status == .verified, "\(name): \(report.status) at \(report.digitsAgreed) digits, depth \(report.depth)")
    }
}
