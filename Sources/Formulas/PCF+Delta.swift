import Numbers

/// The irrationality measure estimate of a PCF at a depth: |L - p_n/q_n| = q_n^-(1 + delta).
public struct Delta: Sendable, Equatable {
    /// With the reduced denominator q_n / gcd(p_n, q_n) (factorial reduction), as ramanujantools' `PCF.delta`.
    public let reduced: Double
    /// With q_n itself.
    public let naive: Double
}

extension Delta {
    /// delta from log|L - p/q| (natural log) and the convergent p/q.
    public init(lnError: Double, p: BigInt, q: BigInt) {
        let lnQ = q.log2Magnitude * lnOf2
        let lnReducedQ = lnQ - BigInt.gcd(p, q).log2Magnitude * lnOf2
        self.init(reduced: -lnError / lnReducedQ - 1, naive: -lnError / lnQ - 1)
    }
}

extension PCF {
    /// delta at depth S against a known limit L; nil if L's precision cannot resolve |L - p_S/q_S|.
    public func delta(at sample: Convergents, limit: BigFloat) -> Delta? {
        guard let x = sample.value(precision: limit.precision + 64) else { return nil }
        let difference = (limit - x).magnitude
        guard !difference.isZero, difference.log10Magnitude > limitResolution(limit) else { return nil }
        return Delta(lnError: difference.log10Magnitude / log10Of2 * lnOf2, p: sample.p, q: sample.q)
    }

    /// "Blind" delta: the limit taken as p_N/q_N at a deeper depth N, exactly in integers.
    public func blindDelta(at sample: Convergents, limit deep: Convergents) -> Delta? {
        guard let log10Error = log10Distance(deep.p, deep.q, sample.p, sample.q), log10Error.isFinite else { return nil }
        return Delta(lnError: log10Error / log10Of2 * lnOf2, p: sample.p, q: sample.q)
    }

    /// log10 of the smallest difference that a value of this precision resolves, with 8 guard digits.
    private func limitResolution(_ limit: BigFloat) -> Double {
        Double(limit.isZero ? 0 : limit.exponent) * log10Of2 - Double(limit.precision) * log10Of2 + 8
    }
}
