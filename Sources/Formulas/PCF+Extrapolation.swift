import Numbers
#if canImport(Glibc)
import Glibc
#endif

/// Limits of slowly converging PCFs (the parabolic zeta(3) and zeta(5) families converge like a power of
/// 1/n, or like exp(-c sqrt n)): Richardson extrapolation of exact convergents to 1/n -> 0.
extension PCF {
    /// The value extrapolated from the convergents at depths N - (K-1)s, ..., N - s, N, assuming an
    /// error expansion in powers of 1/n (Neville's scheme at x = 1/n -> 0).
    public func richardsonLimit(depth: Int, points: Int, step: Int, precision: Int) -> BigFloat? {
        let depths = (0..<points).map { depth - step * (points - 1 - $0) }
        guard let first = depths.first, first >= 1 else { return nil }
        var convergents = self.convergents(depth: first)
        var values: [BigFloat] = []
        for n in depths {
            convergents = extend(convergents, to: n)
            guard let x = convergents.value(precision: precision) else { return nil }
            values.append(x)
        }
        let t = depths.map { BigFloat(1, precision: precision) / $0 }
        for j in 1..<points {
            for i in stride(from: points - 1, through: j, by: -1) {
                values[i] = (values[i] * t[i - j] - values[i - 1] * t[i]) / (t[i - j] - t[i])
            }
        }
        return values[points - 1]
    }

    /// An extrapolated limit with the significant digits on which two different extrapolations agree
    /// (20 points 50 apart, and 24 points 40 apart, both ending at `depth`); nil if they do not exist.
    public func extrapolatedLimit(depth: Int = 2000, precision: Int) -> (value: BigFloat, agreeingDigits: Int)? {
        guard let a = richardsonLimit(depth: depth, points: 20, step: depth / 40, precision: precision),
              let b = richardsonLimit(depth: depth, points: 24, step: depth / 50, precision: precision) else { return nil }
        let difference = (a - b).magnitude
        let scale = b.isZero ? 0 : b.log10Magnitude
        let digits = difference.isZero ? digitsOf(precision) : Int((scale - difference.log10Magnitude).rounded(.down))
        return (b, max(0, min(digits, digitsOf(precision))))
    }

    /// Whether the fraction shows factorial reduction: log(gcd(p_n, q_n))/n + deg(a)(1 - log n) settles
    /// (two successive values within 0.1, sampled every 200 terms up to `maxDepth`; docs/ALGORITHMS.md §2).
    public func hasFactorialReduction(maxDepth: Int = 1402) -> Bool {
        let degree = Double(max(aParts.map(\.degree).max()!, 0))
        var convergents = self.convergents(depth: 200)
        var previous: Double?
        var n = 200
        while n <= maxDepth {
            let g = BigInt.gcd(convergents.p, convergents.q)
            guard !convergents.q.isZero else { return false }
            let metric = g.log2Magnitude * 0.6931471805599453 / Double(n) + degree * (1 - Glibc.log(Double(n)))
            if let previous, abs(metric - previous) < 0.1 { return true }
            previous = metric
            n += 200
            convergents = extend(convergents, to: n)
        }
        return false
    }
}

private func digitsOf(_ precision: Int) -> Int { digits(forBits: precision) }
