import Numbers

/// A quasi-polynomial sequence: after a pre-period of `head.count` terms, term head.count + N k + j is
/// block[j](k), a polynomial with integer coefficients (docs/ALGORITHMS.md §3: these are the sequences whose
/// characteristic polynomial divides (x^N - 1)^(K+1)). e's continued fraction is head [2], block [1, 2k+2, 1].
public struct QuasiPolynomial: Hashable, Sendable {
    public let head: [BigInt]
    public let block: [Polynomial]

    public init(head: [BigInt], block: [Polynomial]) {
        precondition(!block.isEmpty, "a quasi-polynomial needs a block")
        self.head = head
        self.block = block
    }

    public var period: Int { block.count }
    public var degree: Int { max(block.map(\.degree).max() ?? 0, 0) }

    /// The simplest pattern (shortest period, then shortest head, then lowest degree) that every term of
    /// `terms` follows, each residue class with at least `spare` more terms than its polynomial needs.
    public static func find(in terms: [BigInt], maximumPeriod: Int = 12, maximumHead: Int = 6, maximumDegree: Int = 4, spare: Int = 3) -> QuasiPolynomial? {
        for period in 1...maximumPeriod {
            for headLength in 0...maximumHead {
                let rest = terms.count - headLength
                // The shortest residue class has rest / period terms.
                guard rest / period >= spare + 1 else { break }
                var block: [Polynomial] = []
                for j in 0..<period {
                    let values = Swift.stride(from: headLength + j, to: terms.count, by: period).map { terms[$0] }
                    guard let p = fitPolynomial(values, maximumDegree: maximumDegree, spare: spare) else { break }
                    block.append(p)
                }
                if block.count == period { return QuasiPolynomial(head: Array(terms.prefix(headLength)), block: block) }
            }
        }
        return nil
    }

    public func term(_ i: Int) -> BigInt {
        i < head.count ? head[i] : block[(i - head.count) % period]((i - head.count) / period)
    }
}

extension QuasiPolynomial: CustomStringConvertible {
    /// `2; 1, 2k + 2, 1`: the head, then one period of the block in k (no head: no `;`).
    public var body: String {
        let blockText = block.map { $0.formatted(variable: "k") }.joined(separator: ", ")
        return head.isEmpty ? blockText : head.map(\.description).joined(separator: ", ") + "; " + blockText
    }

    /// `[2; 1, 2k + 2, 1]`.
    public var description: String { "[" + body + "]" }
}

/// The polynomial with integer coefficients through (k, values[k]), k = 0, 1, ..., if one of degree at
/// most maximumDegree fits with `spare` values to spare. Newton's forward differences give it in the
/// binomial basis, sum_t D^t v_0 C(k, t), which is then expanded.
func fitPolynomial(_ values: [BigInt], maximumDegree: Int, spare: Int) -> Polynomial? {
    guard let leading = forwardDifferences(values, maximumDegree: maximumDegree) else { return nil }
    // Degree leading.count - 1 needs leading.count values; the rest must be zero differences.
    guard values.count >= leading.count + spare else { return nil }
    // sum_t leading[t] · k(k-1)...(k-t+1)/t!, in rationals, then checked integral.
    var coefficients = [Rational](repeating: .zero, count: max(leading.count, 1))
    var falling: [Rational] = [.one]  // k(k-1)...(k-t+1), lowest degree first
    for (t, d) in leading.enumerated() {
        let factorial = Rational(BigInt.factorial(t))
        for (i, c) in falling.enumerated() { coefficients[i] = coefficients[i] + c * Rational(d) / factorial }
        // falling *= (k - t)
        var next = [Rational](repeating: .zero, count: falling.count + 1)
        for (i, c) in falling.enumerated() {
            next[i + 1] = next[i + 1] + c
            next[i] = next[i] - c * Rational(t)
        }
        falling = next
    }
    guard coefficients.allSatisfy(\.isInteger) else { return nil }
    return Polynomial(coefficients.map(\.numerator))
}

/// D^0 v_0, D^1 v_0, ... up to the last nonzero difference, if the differences vanish within
/// maximumDegree + 1 steps; nil otherwise. In machine integers while they fit (the usual case for
/// continued-fraction terms), in BigInt otherwise.
func forwardDifferences(_ values: [BigInt], maximumDegree: Int) -> [BigInt]? {
    let small = values.compactMap(\.asInt)
    if small.count == values.count {
        switch forwardDifferences(small, maximumDegree: maximumDegree) {
        case .differences(let leading): return leading.map { BigInt($0) }
        case .notPolynomial: return nil
        case .overflow: break
        }
    }
    var differences = values
    var leading: [BigInt] = []
    while differences.contains(where: { !$0.isZero }) {
        leading.append(differences[0])
        guard leading.count <= maximumDegree + 1 else { return nil }
        differences = zip(differences.dropFirst(), differences).map { $0 - $1 }
    }
    return leading
}

private enum SmallDifferences { case differences([Int]), notPolynomial, overflow }

/// The same in Int; `.overflow` sends the caller to BigInt.
private func forwardDifferences(_ values: [Int], maximumDegree: Int) -> SmallDifferences {
    var differences = values
    var leading: [Int] = []
    var count = differences.count
    while differences[0..<count].contains(where: { $0 != 0 }) {
        leading.append(differences[0])
        guard leading.count <= maximumDegree + 1 else { return .notPolynomial }
        for i in 0..<(count - 1) {
            let (d, overflow) = differences[i + 1].subtractingReportingOverflow(differences[i])
            if overflow { return .overflow }
            differences[i] = d
        }
        count -= 1
    }
    return .differences(leading)
}
