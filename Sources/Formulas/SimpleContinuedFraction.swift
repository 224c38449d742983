import Numbers

/// A simple continued fraction [a0; a1, a2, ...] = a0 + 1/(a1 + 1/(a2 + ...)), finite here.
public struct SimpleContinuedFraction: Hashable, Sendable {
    public let terms: [BigInt]

    public init(_ terms: [BigInt]) { self.terms = terms }
    public init(_ terms: [Int]) { self.terms = terms.map { BigInt($0) } }

    /// The exact convergents p_k/q_k for k = 0..<terms.count (p_k = a_k p_{k-1} + p_{k-2}, same for q).
    public var convergents: [Rational] {
        var p = (BigInt(1), BigInt(0)), q = (BigInt(0), BigInt(1))
        return terms.map { a in
            p = (a * p.0 + p.1, p.0)
            q = (a * q.0 + q.1, q.0)
            return Rational(p.0, q.0)
        }
    }

    /// The value of the finite fraction, exactly.
    public var value: Rational? { convergents.last }

    /// The terms of x that are certain: x is taken to lie in [x - u, x + u] with u one unit in its last
    /// place, and Euclid's algorithm runs on both ends exactly; a term is kept only while both ends agree.
    /// A rational inside the interval stops the expansion before its last term, which is ambiguous
    /// there ([3; 7, 16] = [3; 7, 15, 1]).
    public init(expanding x: BigFloat, maxTerms: Int) {
        guard x.isFinite, !x.isZero else { self.terms = x.isZero ? [0] : []; return }
        // x = m / 2^k exactly, with k = precision - exponent.
        let k = x.precision - x.exponent
        let scale = k >= 0 ? BigInt(2).power(k) : BigInt(1)
        let m = k >= 0 ? x.timesPowerOfTwo(k).roundedToInteger! : x.roundedToInteger!
        var lower = (m - 1, scale), upper = (m + 1, scale)
        var terms: [BigInt] = []
        while terms.count < maxTerms {
            let a = lower.0.floorDivided(by: lower.1)
            // Both ends must share the quotient, and the upper end must not be exactly its boundary.
            guard a == upper.0.floorDivided(by: upper.1) else { break }
            terms.append(a)
            let lowerRemainder = lower.0 - a * lower.1, upperRemainder = upper.0 - a * upper.1
            if lowerRemainder.isZero || upperRemainder.isZero { break }
            // x' = 1/(x - a) reverses the order of the ends.
            (lower, upper) = ((upper.1, upperRemainder), (lower.1, lowerRemainder))
        }
        self.terms = terms
    }
}

extension SimpleContinuedFraction: CustomStringConvertible {
    /// `[2; 1, 2, 1, 1, 4]`.
    public var description: String {
        guard let first = terms.first else { return "[]" }
        return "[\(first)" + (terms.count > 1 ? "; " + terms.dropFirst().map(\.description).joined(separator: ", ") : "") + "]"
    }
}
