import CNumbersShims
import Numbers

/// A recurrence with constant coefficients (C-finite): a(n) = c_1 a(n-1) + ... + c_d a(n-d) for n >= L,
/// seeded with the first L terms. L (the linear complexity) may exceed d: the seed then carries a
/// pre-period the recurrence does not produce, as e's continued fraction [2; 1, 2, 1, 1, 4, ...] does.
public struct LinearRecurrence: Hashable, Sendable {
    /// c_1, ..., c_d.
    public let coefficients: [Rational]
    /// a(0), ..., a(L-1).
    public let seed: [Rational]

    public var order: Int { coefficients.count }
    public var linearComplexity: Int { seed.count }

    public init(coefficients: [Rational], seed: [Rational]) {
        self.coefficients = coefficients
        self.seed = seed
    }

    /// The recurrence of a connection polynomial found for `sequence` (which must hold its first L terms).
    public init(_ connection: ConnectionPolynomial<Rational>, sequence: [Rational]) {
        coefficients = connection.coefficients.dropFirst().map { -$0 }
        seed = Array(sequence.prefix(connection.linearComplexity))
    }

    /// The first `count` terms.
    public func terms(_ count: Int) -> [Rational] {
        var terms = Array(seed.prefix(count))
        while terms.count < count {
            let n = terms.count
            var next = Rational.zero
            for (i, c) in coefficients.enumerated() where !c.isZero { next = next + c * terms[n - 1 - i] }
            terms.append(next)
        }
        return terms
    }

    /// The first `count` terms when the coefficients and the seed are integers (exact integer arithmetic,
    /// in place); nil otherwise. With `bitBudget`, stops early once the terms' sizes add up to it (a continued
    /// fraction's terms beyond that budget cannot change its value at that precision).
    public func integerTerms(_ count: Int, bitBudget: Int = .max) -> [BigInt]? {
        guard coefficients.allSatisfy(\.isInteger), seed.allSatisfy(\.isInteger) else { return nil }
        let c = coefficients.map(\.numerator)
        var terms = Array(seed.prefix(count).map(\.numerator))
        terms.reserveCapacity(count)
        var bits = terms.reduce(0) { $0 + $1.bitWidth }
        while terms.count < count && bits < bitBudget {
            let n = terms.count
            var next = BigInt.zero
            for i in c.indices where !c[i].isZero { next.withMutablePointer { __gmpz_addmul($0, c[i].pointer, terms[n - 1 - i].pointer) } }
            bits += next.bitWidth
            terms.append(next)
        }
        return terms
    }

    /// Whether every term of `sequence` from index L on follows the recurrence.
    public func holds(on sequence: [Rational]) -> Bool {
        guard sequence.count >= seed.count, Array(sequence.prefix(seed.count)) == seed else { return false }
        return terms(sequence.count) == sequence
    }
}

extension LinearRecurrence: CustomStringConvertible {
    /// `a(n) = a(n-1) + a(n-2)`.
    public var description: String {
        var text = ""
        for (i, c) in coefficients.enumerated() where !c.isZero {
            let term = "a(n-\(i + 1))"
            let magnitude = c.signum < 0 ? -c : c
            let body = magnitude == .one ? term : "\(magnitude.isInteger ? magnitude.description : "(\(magnitude))")*\(term)"
            text += text.isEmpty ? (c.signum < 0 ? "-" : "") + body : (c.signum < 0 ? " - " : " + ") + body
        }
        return "a(n) = " + (text.isEmpty ? "0" : text)
    }
}

extension LinearRecurrence {
    /// The shortest recurrence of a sequence with the margins of docs/ALGORITHMS.md §4: Berlekamp–Massey modulo
    /// 2^61 - 1 first (cheap rejection), then over Q on all but `heldBack` terms; accepted only when there
    /// are at least 2L + `margin` terms and the recurrence also produces the held-back terms.
    public static func find(in sequence: [BigInt], maximumComplexity: Int = .max, heldBack: Int = 5, margin: Int = 10) -> LinearRecurrence? {
        let modular = sequence.map { MersenneResidue($0) }
        let limit = min(maximumComplexity, (sequence.count - margin) / 2)
        guard limit >= 1, let shadow = berlekampMassey(modular, maximumComplexity: limit) else { return nil }
        let fitted = sequence.count - heldBack
        guard fitted >= 2 * shadow.linearComplexity else { return nil }
        let rationals = sequence.map { Rational($0) }
        guard let exact = berlekampMassey(Array(rationals.prefix(fitted)), maximumComplexity: limit) else { return nil }
        let recurrence = LinearRecurrence(exact, sequence: rationals)
        return recurrence.holds(on: rationals) ? recurrence : nil
    }
}
