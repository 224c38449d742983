import CNumbersShims
import CSearchKernels
import Expressions
import Formulas
import Numbers
import SearchEngine
import Sequences
import Verification

/// An approved conjecture: the signed continued fraction of a left side whose terms obey a short recurrence.
public struct ESMAConjecture: Codable, Sendable, Equatable {
    public let constant: String
    public let leftSide: String
    /// The value to 30 significant digits (conjectures are de-duplicated by value).
    public let valueKey: String
    /// The sign pattern, "+-" for +1, -1, +1, -1, ...
    public let signs: String
    public let recurrence: String
    /// The first L terms, which seed the recurrence (comma-separated).
    public let seed: String
    public let linearComplexity: Int
    /// The quasi-polynomial pattern, "CF[2; 1, 2k + 2, 1]", when there is one.
    public let pattern: String?
    /// The first 30 terms (comma-separated).
    public let terms: String
    public let digitsAgreed: Int
    public let digitsPerTerm: Double
}

/// The ESMA client of the search engine (docs/ALGORITHMS.md §3). Per (left side, sign pattern): the signed
/// expansion to `depth` certain terms, Berlekamp–Massey modulo 2^61 - 1 (kept if L < depth/4), and for the
/// survivors the mandatory approval: the recurrence over Q, 1000 terms regenerated over Z from L seed terms,
/// and the value of that finite fraction, which must agree with the left side to `approvalDigits` digits.
public struct ESMAProcessor: ChunkProcessor {
    public let spec: ESMASpec
    /// K at the approval precision; rounded down for the screen.
    let constant: BigFloat
    let screenBits: Int
    let approvalBits: Int

    public init(spec: ESMASpec) throws {
        try spec.validate()
        self.spec = spec
        screenBits = 64 + spec.depth * 6
        approvalBits = bits(forDigits: 10 * spec.approvalDigits) + 64
        constant = try Expression(parsing: spec.constant).evaluate(precision: max(approvalBits, 8 * screenBits) + 64)
    }

    public func makeSpace() -> ESMASpace {
        ESMASpace(constantValue: constant.asDouble, degree: spec.degree, coefficients: spec.coefficients, maxPattern: spec.maxPattern)
    }

    public func process(_ space: ESMASpace, range: Range<Int>) throws -> [ESMAConjecture] {
        var found: [ESMAConjecture] = []
        var cached: (index: Int, x: BigFloat)?
        for index in range {
            let (side, pattern) = space.candidate(at: index)
            if cached?.index != side { cached = (side, leftSideValue(space.leftSides[side])) }
            let signs = space.patterns[pattern]
            guard let terms = screen(cached!.x, side: space.leftSides[side], signs: signs) else { continue }
            if let conjecture = approve(terms, side: space.leftSides[side], signs: signs) { found.append(conjecture) }
        }
        return found
    }

    /// The left side's value at the screen's precision.
    public func leftSideValue(_ side: LeftSide) -> BigFloat { value(of: side, bits: screenBits) }

    /// P(K)/Q(K) to `bits` bits (32 guard bits absorb the rounding of Horner's rule).
    func value(of side: LeftSide, bits: Int) -> BigFloat {
        let k = constant.rounded(toPrecision: bits + 32)
        func horner(_ c: [Int]) -> BigFloat { c.reversed().dropFirst().reduce(BigFloat(c.last!, precision: bits + 32)) { $0 * k + $1 } }
        return (horner(side.p) / horner(side.q)).rounded(toPrecision: bits)
    }

    /// The cheap filter: `depth` certain terms whose linear complexity modulo 2^61 - 1 is below depth/4.
    /// Returns the terms. Terms are collected as machine integers (a partial quotient beyond 2^63 is no
    /// pattern ESMA can use); when the precision runs out first, the next attempt gets the bits the terms
    /// seen so far predict (about 2 log2 a_i per term, docs/ALGORITHMS.md §3), up to three attempts.
    public func screen(_ x: BigFloat, side: LeftSide, signs: [Int]) -> [Int]? {
        var point = x
        var terms: [Int] = []
        terms.reserveCapacity(spec.depth)
        for _ in 0..<3 {
            terms.removeAll(keepingCapacity: true)
            var expansion = ContinuedFractionExpansion(point)
            var bitsUsed = 0.0
            let stop = expansion.run(signs: signs, maxTerms: spec.depth) { term in
                guard apery_mpz_fits_slong(term) != 0 else { return false }
                let value = __gmpz_get_si(term)
                // a_i = 0 (i >= 1) ends the fraction early: discarded, as in the reference.
                if value == 0 && !terms.isEmpty { return false }
                terms.append(value)
                bitsUsed += 2 * Double(64 - UInt64(value.magnitude).leadingZeroBitCount) + 1
                return true
            }
            if stop == .declined || stop == .exact { return nil }
            if stop == .complete {
                let residues = terms.map { MersenneResidue($0).value }
                guard apery_berlekamp_massey_61(residues, Int32(residues.count), Int32(spec.depth / 4 - 1)) >= 0 else { return nil }
                return terms
            }
            let needed = Int(bitsUsed / Double(max(terms.count, 1)) * Double(spec.depth) * 1.25) + 128
            point = value(of: side, bits: max(needed, 2 * point.precision))
        }
        return nil
    }

    /// The approval: recurrence over Q, regeneration over Z, and agreement of the regenerated fraction with
    /// the left side.
    func approve(_ terms: [Int], side: LeftSide, signs: [Int]) -> ESMAConjecture? {
        let rationals = terms.map { Rational($0) }
        guard let connection = berlekampMassey(rationals, maximumComplexity: spec.depth / 4 - 1) else { return nil }
        let recurrence = LinearRecurrence(connection, sequence: rationals)
        // Each term costs about 2 log2 a_i bits of the value: terms beyond twice the approval precision
        // cannot move it, and regenerating them would only grow integers.
        guard recurrence.holds(on: rationals),
              let regenerated = recurrence.integerTerms(spec.approvalTerms, bitBudget: approvalBits + 256), regenerated.count >= spec.depth,
              !regenerated.dropFirst().contains(where: \.isZero) else { return nil }
        let x = value(of: side, bits: approvalBits)
        let (p, q) = continuedFractionConvergent(terms: regenerated, signs: signs)
        guard let v = quotient(p, q, precision: approvalBits) else { return nil }
        let cap = digits(forBits: approvalBits)
        let agreed = significantAgreement(v, x, cap: cap)
        guard agreed >= spec.approvalDigits else { return nil }
        // Digits per term from the convergents at depth/2 and depth.
        let half = continuedFractionConvergent(terms: Array(regenerated.prefix(spec.depth / 2)), signs: signs)
        let full = continuedFractionConvergent(terms: Array(regenerated.prefix(spec.depth)), signs: signs)
        let rate = quotient(half.p, half.q, precision: approvalBits).flatMap { h in
            quotient(full.p, full.q, precision: approvalBits).map { f in Double(significantAgreement(f, x, cap: cap) - significantAgreement(h, x, cap: cap)) / Double(spec.depth / 2) }
        } ?? 0
        let pattern = QuasiPolynomial.find(in: Array(regenerated.prefix(200))).map { CFPattern($0, signs: signs).description }
        return ESMAConjecture(
            constant: spec.constant, leftSide: side.expression(spec.constant), valueKey: x.formatted(significantDigits: 30),
            signs: signs.map { $0 > 0 ? "+" : "-" }.joined(), recurrence: recurrence.description,
            seed: recurrence.seed.map(\.description).joined(separator: ","), linearComplexity: recurrence.linearComplexity,
            pattern: pattern, terms: regenerated.prefix(30).map(\.description).joined(separator: ","),
            digitsAgreed: agreed, digitsPerTerm: rate)
    }
}
