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

    /// An extrapolated limit with the significant digits on which two extrapolations of different orders
    /// agree (K and 5K/4 + 2 points over the upper half of the depths up to `depth`); nil if they do not exist.
    /// The depths share one residue modulo twice the period, so that convergents which alternate around the
    /// limit (or follow the parts of an interlaced fraction) are not mixed.
    public func extrapolatedLimit(depth: Int, points: Int, precision: Int) -> (value: BigFloat, agreeingDigits: Int)? {
        let stride = 2 * lcm(aParts.count, bParts.count)
        func step(_ k: Int) -> Int { max(stride, depth / (2 * k) / stride * stride) }
        let more = points + points / 4 + 2
        guard let a = richardsonLimit(depth: depth, points: points, step: step(points), precision: precision),
              let b = richardsonLimit(depth: depth, points: more, step: step(more), precision: precision) else { return nil }
        let difference = (a - b).magnitude
        let scale = b.isZero ? 0 : b.log10Magnitude
        let digits = difference.isZero ? digitsOf(precision) : Int((scale - difference.log10Magnitude).rounded(.down))
        return (b, max(0, min(digits, digitsOf(precision))))
    }

    /// The extrapolated limit to `digits` significant digits where two extrapolations can certify them: the
    /// order grows with the digits asked (about two digits per point from depth 2000 on, measured on the
    /// zeta(2) and log 2 fractions) and, while the agreement still improves fast enough to get there, the order by
    /// half and the depth by two, until `timeLimit` seconds. The best agreement found, or nil.
    public func extrapolatedLimit(digits: Int, maxDepth: Int = 1 << 20, timeLimit: Double = 60)
        -> (value: BigFloat, agreeingDigits: Int, depth: Int)? {
        let start = monotonicSeconds()
        // Neville's scheme cancels about as many digits as it gains.
        let precision = bits(forDigits: 2 * digits + 40)
        var points = max(20, digits * 5 / 9 + 10)
        var depth = max(2000, 8 * points)
        var best: (value: BigFloat, agreeingDigits: Int, depth: Int)?
        while depth <= maxDepth {
            let stepStart = monotonicSeconds()
            guard let found = extrapolatedLimit(depth: depth, points: points, precision: precision) else { return best }
            let gain = found.agreeingDigits - (best?.agreeingDigits ?? 0)
            if gain <= 0 { return best }
            let first = best == nil
            best = (found.value, found.agreeingDigits, depth)
            if found.agreeingDigits >= digits { return best }
            // Convergence like exp(-c sqrt n) gains a few digits per step: not worth five times the cost.
            if !first && digits - found.agreeingDigits > 4 * gain { return best }
            // The next order and depth cost about five times this one.
            let elapsed = monotonicSeconds() - start
            if elapsed + 5 * (monotonicSeconds() - stepStart) > timeLimit { return best }
            points = points * 3 / 2
            depth = max(2 * depth, 8 * points)
        }
        return best
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
