import ESMA
import Expressions
import Formulas
import Numbers
import SearchEngine
import Sequences
import Testing
import TestSupport
import Verification

/// ESMA (docs/ALGORITHMS.md §3) must find the known patterns and approve nothing for pi.
@Suite struct ESMATests {
    static func run(_ spec: ESMASpec) throws -> [ESMAConjecture] {
        let processor = try ESMAProcessor(spec: spec)
        let space = processor.makeSpace()
        return try processor.process(space, range: 0..<space.count)
    }

    static func conjecture(_ found: [ESMAConjecture], _ leftSide: String, signs: String) -> ESMAConjecture? {
        found.first { $0.leftSide == leftSide && $0.signs == signs }
    }

    @Test func patternsOfE() throws {
        let found = try Self.run(ESMASpec(constant: "e", degree: 2, coefficients: 1, maxPattern: 2))
        // e = [2; 1, 2, 1, 1, 4, ...] with L = 7, its pre-period kept (docs/ALGORITHMS.md §3).
        let e = try #require(Self.conjecture(found, "e", signs: "+"))
        #expect(e.pattern == "CF[2; 1, 2k + 2, 1]" && e.linearComplexity == 7 && e.seed == "2,1,2,1,1,4,1")
        // coth(1) = [1; 3, 5, 7, ...] and e^2's blocks (3k + 2, 1, 1, 3k + 3, 12k + 18).
        #expect(Self.conjecture(found, "(e^2 + 1)/(e^2 - 1)", signs: "+")?.pattern == "CF[2k + 1]")
        #expect(Self.conjecture(found, "e^2", signs: "+")?.pattern == "CF[7; 3k + 2, 1, 1, 3k + 3, 12k + 18]")
        // Signed: e/(e - 1) = 1 + 1/(2 - 1/(3 + 1/(2 - 1/(5 + ...)))).
        let signed = try #require(Self.conjecture(found, "e/(e - 1)", signs: "+-"))
        #expect(signed.pattern == "CF[2k + 1, 2 | +-]")
        #expect(signed.terms.hasPrefix("1,2,3,2,5,2,7,2"))
        for c in found { #expect(c.digitsAgreed >= 100) }
        // Every approved pattern verifies as an identity, here to 300 digits.
        for c in found.prefix(12) {
            let equation = try Equation(parsing: "\(try #require(c.pattern)) = \(c.leftSide)")
            #expect(try Verifier().verify(equation, digits: 300).status == .verified, "\(c.pattern!) = \(c.leftSide)")
        }
    }

    @Test(arguments: [("tan(1)", "CF[1, 2k + 1]"), ("besseli(1,2)/besseli(0,2)", "CF[k]")])
    func simplePatterns(constant: String, pattern: String) throws {
        let found = try Self.run(ESMASpec(constant: constant, degree: 1, coefficients: 1, maxPattern: 1))
        let name = "(\(constant))"
        #expect(Self.conjecture(found, name, signs: "+")?.pattern == pattern, "\(found.map { "\($0.leftSide) \($0.pattern ?? "-")" })")
        if constant == "tan(1)" {
            // The backward fraction: cot(1) = 1 - 1/(3 - 1/(5 - ...)) (docs/ALGORITHMS.md §3).
            #expect(Self.conjecture(found, "1/\(name)", signs: "-")?.pattern == "CF[2k + 1 | -]")
        }
    }

    /// docs/ALGORITHMS.md §3: for pi the screen lets false Berlekamp–Massey hits through; approval must reject them all.
    @Test func piHasNoApprovedConjecture() throws {
        let spec = ESMASpec(constant: "pi", degree: 1, coefficients: 2, maxPattern: 4)
        let processor = try ESMAProcessor(spec: spec)
        let space = processor.makeSpace()
        var screened = 0
        for index in 0..<space.count {
            let (side, pattern) = space.candidate(at: index)
            if processor.screen(processor.leftSideValue(space.leftSides[side]), side: space.leftSides[side], signs: space.patterns[pattern]) != nil { screened += 1 }
        }
        #expect(screened > 0)
        #expect(try processor.process(space, range: 0..<space.count).isEmpty)
    }

    @Test func signedExpansionFollowsTheFloorCeilingRule() throws {
        // The backward (all -1) fraction of sqrt(2) = 2 - 1/(2 - 1/(4 - ...))? Check the rule directly:
        // x_{i+1} = s/(x_i - a_i) with ceil for -1 reproduces x from its terms.
        let x = try Expression(parsing: "e/(e-1)").evaluate(precision: 2000)
        var expansion = ContinuedFractionExpansion(x)
        var terms: [BigInt] = []
        _ = expansion.run(signs: [1, -1], maxTerms: 200) { terms.append(BigInt(copying: $0)); return true }
        #expect(terms.count == 200)
        #expect(terms.prefix(8).map(\.description) == ["1", "2", "3", "2", "5", "2", "7", "2"])
        let (p, q) = continuedFractionConvergent(terms: terms, signs: [1, -1])
        #expect((quotient(p, q, precision: 2000)! - x).log10Magnitude < -150)
    }
}
