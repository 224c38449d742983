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
    /// place (see ContinuedFractionExpansion). A rational inside the interval stops the expansion after
    /// the last term both ends share ([3; 7, 16] = [3; 7, 15, 1] is ambiguous beyond 7).
    public init(expanding x: BigFloat, maxTerms: Int) {
        guard x.isFinite, !x.isZero else { self.terms = x.isZero ? [0] : []; return }
        var terms: [BigInt] = []
        var expansion = ContinuedFractionExpansion(x)
        _ = expansion.run(signs: [1], maxTerms: maxTerms) { terms.append(BigInt(copying: $0)); return true }
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
