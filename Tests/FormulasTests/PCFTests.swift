import Expressions
@testable import Formulas
import Numbers
import Testing
import TestSupport

@Suite struct PCFTests {
    @Test func parsesBothNotations() throws {
        let apery = try PCF(parsing: "PCF(34n^3+51n^2+27n+5, -n^6)")
        #expect(apery == PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]))
        #expect(try PCF(parsing: "PCF([5, 27, 51, 34], [0, 0, 0, 0, 0, 0, -1])") == apery)
        #expect(try PCF(parsing: apery.description) == apery)
    }

    @Test func convergentsFollowTheRecurrence() {
        // 4/pi = 1 + 1/(3 + 4/(5 + 9/(7 + ...))): p = 1, 4, 19, ...; q = 1, 3, 19, ...
        let pcf = PCF(a: [1, 2], b: [0, 0, 1])
        var p = (BigInt(1), BigInt(1)), q = (BigInt(0), BigInt(1))
        for n in 1...60 {
            p = (p.1, pcf.a(n) * p.1 + pcf.b(n) * p.0)
            q = (q.1, pcf.a(n) * q.1 + pcf.b(n) * q.0)
            let c = pcf.convergents(depth: n)
            #expect(c.p == p.1 && c.q == q.1 && c.previousP == p.0 && c.previousQ == q.0)
        }
    }

    @Test func binarySplittingEqualsTheSequentialRecurrence() {
        let apery = PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1])
        #expect(apery.product(from: 1, through: 3000) == apery.sequentialProduct(from: 1, through: 3000))
        let extended = apery.extend(apery.convergents(depth: 1234), to: 3000)
        #expect(extended.matrix == apery.convergents(depth: 3000).matrix)
    }

    /// The two threads' halves of a long product have entries of equal sizes: past the middle when the steps grow
    /// with n (Apéry's ln(35 n^3) balances at 5,356 of 10,000), in the middle when they do not.
    @Test func longProductsSplitWhereTheirHalvesBalance() {
        let apery = PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1])
        #expect((5300...5420).contains(apery.balancedMidpoint(from: 1, through: 10_000)))
        #expect(abs(PCF(a: [2], b: [1]).balancedMidpoint(from: 1, through: 10_000) - 5000) <= 2)
        let middle = apery.balancedMidpoint(from: 1, through: 5200)
        #expect(middle > 2600 && apery.product(from: 1, through: 5200) == apery.sequentialProduct(from: 1, through: 5200))
    }

    /// b(n) with roots at 0 and below (Apéry's -n^6, zeta(2)'s -n^4, 4/pi's n^2, -n(n+2)(2n-1), (n+1)^2 (n+3)): the
    /// deflated recurrence gives the same exact matrices as the step-by-step one, from any starting step, and long
    /// products take it.
    @Test func deflatedProductEqualsTheSequentialRecurrence() throws {
        let pcfs = [PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]), PCF(a: [3, 11, 11], b: [0, 0, 0, 0, -1]),
                    PCF(a: [1, 2], b: [0, 0, 1]), PCF(a: [1, 3], b: [0, 2, -3, -2]),
                    PCF(a: Polynomial([-4, 0, 7]), b: Polynomial([1, 2, 1]) * Polynomial([3, 1]))]
        let expectedFactors = [[0, 0, 0, 1], [0, 0, 1], [0, 1], [0, 1], [1, 1]]  // h(n - 1) for each
        for (pcf, h) in zip(pcfs, expectedFactors) {
            let deflation = try #require(pcf.deflation(through: 4000))
            #expect(deflation.h.shifted(by: -1) == Polynomial(h), "\(pcf)")
            for (lo, hi) in [(1, 1500), (7, 700), (1000, 3999)] {
                #expect(pcf.deflatedProduct(from: lo, through: hi, deflation) == pcf.sequentialProduct(from: lo, through: hi),
                        "\(pcf) over \(lo)...\(hi)")
            }
        }
        let apery = pcfs[0]
        #expect(apery.product(from: 3, through: 5200) == apery.sequentialProduct(from: 3, through: 5200))
        #expect(PCF(a: [1, 2], b: [1, 0, 1]).deflation(through: 4000) == nil)  // n^2 + 1 has no integer root
    }

    /// Apéry's fractions for zeta(3) and zeta(2) share the lcm part of h(lo) ··· h(hi) in every block, and their
    /// merges up to 400 steps divide out what the merged block shares beyond its halves; fractions that do not share
    /// it (4/pi's, and -n^4 with zeta(2)'s a) take the gcds. Either way the product is exact.
    @Test func apéryLikeBlocksShareTheirLCMPart() throws {
        let cases: [(PCF, Bool)] = [(PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]), true), (PCF(a: [3, 11, 11], b: [0, 0, 0, 0, 1]), true),
                                    (PCF(a: [1, 2], b: [0, 0, 1]), false), (PCF(a: [3, 11, 11], b: [0, 0, 0, 0, -1]), false)]
        for (pcf, shares) in cases {
            let deflation = try #require(pcf.deflation(through: 5000))
            let left = deflation.leaf(a: pcf.aParts[0], from: 4001, through: 4096), right = deflation.leaf(a: pcf.aParts[0], from: 4097, through: 4192)
            #expect(left.sharesLCMPart == shares && right.sharesLCMPart == shares, "\(pcf)")
            let merged = deflation.merge(left, right)
            #expect(merged.sharesLCMPart == shares, "\(pcf)")
            let exact = pcf.sequentialProduct(from: 4001, through: 4192)
            let entries = [merged.product.m00, merged.product.m01, merged.product.m10, merged.product.m11]
            // K's product is M's with row 0 divided by h(lo - 1) and column 0 times h(hi).
            let before = deflation.h(4000), last = deflation.h(4192)
            #expect([entries[0] * merged.factor * before, entries[1] * merged.factor * before, entries[2] * merged.factor, entries[3] * merged.factor]
                    == [exact.m00 * last, exact.m01, exact.m10 * last, exact.m11], "\(pcf)")
            // Where the lcm part is shared, it is the merged block's whole common factor but for a few bits.
            let gcd = entries.reduce(BigInt.zero) { BigInt.gcd($0, $1) }
            if shares { #expect(gcd.bitWidth <= 80, "\(pcf): \(gcd.bitWidth) bits left in common") }
        }
    }

    /// The recurrence kernel's word and two-word paths (b(n) beyond 64 bits, of either sign, next to small ones;
    /// a negative) against plain BigInt matrix products.
    @Test func recurrenceStepsMatchMatrixProducts() {
        let pcfs = [PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]), PCF(a: [-7, 0, -3], b: [1, 0, 0, 0, 0, 0, 0, 5]),
                    PCF(a: [2, 1], b: [-9, 0, 0, 0, 0, 0, 0, 0, 0, 3])]
        for pcf in pcfs {
            for (lo, hi) in [(1, 40), (1420, 1480), (5000, 5030)] {
                let expected = (lo...hi).reduce(Matrix2.identity) { $0 * pcf.stepMatrix($1) }
                #expect(pcf.sequentialProduct(from: lo, through: hi) == expected, "\(pcf) over \(lo)...\(hi)")
            }
        }
    }

    @Test func determinantIsTheProductOfTheBs() {
        let pcf = PCF(a: [3, 3], b: [0, 1, -2])
        let c = pcf.convergents(depth: 50)
        let product = (1...50).reduce(BigInt(1)) { $0 * -pcf.b($1) }
        #expect(c.previousP * c.q - c.p * c.previousQ == product)
    }

    @Test func convergenceClassesFollowDegrees() throws {
        for known in try Corpus.knownPCFs() {
            let pcf = PCF(a: known.a, b: known.b)
            let expected: PCF.ConvergenceClass = known.convergenceClass.hasPrefix("factorial") ? .factorial
                : known.convergenceClass.hasPrefix("exponential") ? .exponential
                : known.convergenceClass.hasPrefix("parabolic") ? .parabolic : .polynomial
            #expect(pcf.convergenceClass == expected, "\(known.name)")
        }
        #expect(PCF(a: [1], b: [-1]).convergenceClass == .complexEigenvalues)
    }

    @Test func interlacedFractionsUseOnePartPerResidue() throws {
        // [2; 1, 2, 1, 2, ...] = 1 + sqrt(3): a(n) is 2 at even n and 1 at odd n.
        let pcf = try PCF(parsing: "PCF(2 | 1, 1)")
        #expect(pcf.isInterlaced && (0..<6).map { pcf.a($0) } == [2, 1, 2, 1, 2, 1])
        let exact = BigFloat(3, precision: 400).squareRoot + 1
        #expect((pcf.convergents(depth: 300).value(precision: 400)! - exact).log10Magnitude < -70)
        // Equal parts collapse to the ordinary fraction; the text form reads back.
        #expect(try PCF(parsing: "PCF(2n+1 | 2n+1, n^2)") == PCF(a: [1, 2], b: [0, 0, 1]))
        let twoOverLog2 = try PCF(parsing: "PCF(2n+2, n^2 | (n+1)^2)")
        #expect(twoOverLog2.description == "PCF(2n + 2, n^2 | n^2 + 2n + 1)")
        #expect(try PCF(parsing: twoOverLog2.description) == twoOverLog2)
        #expect(twoOverLog2.product(from: 1, through: 999) == twoOverLog2.sequentialProduct(from: 1, through: 999))
        // The class comes from the leading step matrices over a period: [[0,-1],[1,2]] · [[0,-4],[1,2]] has
        // trace -1 and determinant 4, so complex eigenvalues; with b = n^2 | (n+1)^2 they are real.
        #expect(try PCF(parsing: "PCF(2n + 2, -n^2 | -4n^2)").convergenceClass == .complexEigenvalues)
        #expect(twoOverLog2.convergenceClass == .exponential)
        // b(n) = 0 at n = 3 comes from the odd part only.
        #expect(try PCF(parsing: "PCF(n+1, n^2 | n - 3)").terminationIndex == 3)
    }

    @Test func terminatingFractionIsRational() {
        // b(1) = 2, b(2) = 1, b(3) = 0: 1 + 2/(1 + 1/1) = 2.
        let pcf = PCF(a: [1], b: [3, -1])
        #expect(pcf.terminationIndex == 3)
        #expect(throws: PCFError.terminates(at: 3, value: Rational(2))) { try pcf.limitEstimate(depth: 100) }
    }

    @Test func periodicVanishingDenominatorIsDivergence() {
        // a = 0, b = 1: q_n = 0 for every odd n.
        #expect(throws: PCFError.self) { try PCF(a: [0], b: [1]).limitEstimate(depth: 64) }
    }

    @Test func brounckerRateIsLogOfEigenvalueRatio() throws {
        // 4/pi = PCF(2n+1, n^2): log10((1 + sqrt 2)^2) = 0.7656 digits per term.
        let estimate = try PCF(a: [1, 2], b: [0, 0, 1]).limitEstimate(depth: 2000)
        #expect(abs(estimate.digitsPerTerm - 0.7656) < 0.01)
        #expect(estimate.certainDigits >= 700)
    }

    @Test func aperyConvergesThreeDigitsPerTerm() throws {
        // 30,624 correct digits at depth 10^4 (ramanujantools' reference): log10((1 + sqrt 2)^4) = 3.06 per term.
        let estimate = try PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]).limitEstimate(depth: 10_000)
        #expect(abs(estimate.digitsPerTerm - 3.0625) < 0.01)
        #expect(estimate.certainDigits >= 15_000)
    }

    @Test func deltaAtDepth1000MatchesTheCorpus() throws {
        // Blind delta: the limit taken as p_2000/q_2000 (ramanujantools' PCF.delta(1000) convention).
        for known in try Corpus.knownPCFs() where known.verifiedDigits >= 100 && known.delta1000 != nil && known.a.count < 5 {
            let pcf = PCF(a: known.a, b: known.b)
            let sample = pcf.convergents(depth: 1000)
            let deep = pcf.extend(sample, to: 2000)
            let delta = try #require(pcf.blindDelta(at: sample, limit: deep))
            #expect(abs(delta.reduced - known.delta1000!) < 0.005, "\(known.name): \(delta.reduced) vs \(known.delta1000!)")
        }
    }
}

@Suite struct ExtrapolationTests {
    /// The parabolic formulas of the corpus converge too slowly for plain convergents; extrapolated from
    /// depth 2000 on they give far more digits than the corpus could check at depth 262,144, and two
    /// extrapolations never claim more digits than are right.
    @Test(arguments: ["1/zeta(3)", "8/(8 zeta(3)-9)", "54/(189 zeta(3)-224)", "1/zeta(5)", "2/(6zeta(3)+2zeta(5)-9)"])
    func richardsonRecoversTheSlowZetaFormulas(name: String) throws {
        let known = try #require(try Corpus.knownPCFs().first { $0.name == name })
        let pcf = PCF(a: known.a, b: known.b)
        let (value, agreeing, _) = try #require(pcf.extrapolatedLimit(digits: 60))
        let truth = try Expression(parsing: known.limit).evaluate(precision: bits(forDigits: 120))
        let correct = Int((truth.log10Magnitude - (value - truth).magnitude.log10Magnitude).rounded(.down))
        #expect(agreeing <= correct + 1, "\(name): claims \(agreeing) digits, has \(correct)")
        #expect(agreeing >= 60, "\(name): \(agreeing) of 60 digits")
    }

    /// The adaptive limit hands power-law convergence over to extrapolation and certifies only right digits:
    /// 1/zeta(2) (parabolic) and 1/log 2 (polynomial, with convergents alternating around the limit).
    @Test(arguments: [("PCF(n^2+(n+1)^2, -n^4)", "6/pi^2"), ("PCF(1, n^2)", "1/log(2)")])
    func slowLimitsAreExtrapolated(formula: String, limit: String) throws {
        let pcf = try PCF(parsing: formula)
        for digits in [30, 300] {
            let result = try AdaptiveLimit(timeLimit: 30).limit(of: pcf, digits: digits)
            let truth = try Expression(parsing: limit).evaluate(precision: bits(forDigits: digits + 40))
            let correct = Int((truth.log10Magnitude - (result.value - truth).magnitude.log10Magnitude).rounded(.down))
            #expect(result.extrapolation != nil)
            #expect(result.certainDigits >= digits, "\(formula): \(result.certainDigits) of \(digits)")
            #expect(result.certainDigits <= correct + 1, "\(formula): claims \(result.certainDigits), has \(correct)")
            #expect(result.depth <= 20_000)
        }
    }

    @Test func factorialReductionSeparatesTheFamilies() {
        #expect(PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1]).hasFactorialReduction())   // Apéry
        #expect(PCF(a: [1, 3, 3, 2], b: [0, 0, 0, 0, 0, 0, -1]).hasFactorialReduction())      // 1/zeta(3)
        // 4/pi reduces too: its FR delta is -0.203 against a naive -0.741 (docs/ALGORITHMS.md §5).
        #expect(PCF(a: [1, 2], b: [0, 0, 1]).hasFactorialReduction())
        #expect(!PCF(a: [3, 5, 2, 7], b: [0, 0, 0, 0, 0, 0, -1]).hasFactorialReduction())     // a neighbour without it
    }
}
