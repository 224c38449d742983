/// The first, floating-point pass over PCFs: the recurrence to a shallow depth in Double, eight PCFs
/// at a time in SIMD lanes (independent lanes also hide the latency of the recurrence's dependency chain).
/// A PCF passes when its last two convergents agree to the key's relative tolerance; the value goes to
/// the left-side lookup.
public struct FirstPass: Sendable {
    public let depth: Int
    public let tolerance: Double
    public typealias Lanes = SIMD8<Double>

    public init(depth: Int, keyDigits: Int) {
        self.depth = depth
        tolerance = Double.pow10(-keyDigits)
    }

    /// Values of eight PCFs given by their coefficient lanes (lowest degree first); NaN where a PCF did
    /// not converge to the tolerance, terminated (b(n) = 0), or overflowed.
    public func evaluate(a: [Lanes], b: [Lanes]) -> Lanes {
        var p0 = Lanes(repeating: 1), q0 = Lanes(repeating: 0)
        var p1 = a[0], q1 = Lanes(repeating: 1)
        var terminated = SIMDMask<SIMD8<Int64>>(repeating: false)
        let dA = a.count - 1, dB = b.count - 1
        for n in 1...depth {
            let x = Double(n)
            var an = a[dA]
            for k in stride(from: dA - 1, through: 0, by: -1) { an = an * x + a[k] }
            var bn = b[dB]
            for k in stride(from: dB - 1, through: 0, by: -1) { bn = bn * x + b[k] }
            terminated .|= bn .== 0
            let p2 = an * p1 + bn * p0, q2 = an * q1 + bn * q0
            p0 = p1; q0 = q1; p1 = p2; q1 = q2
            if n & 7 == 0 {
                // Rescale both convergents of each lane by the same factor: their ratios do not change.
                let scale = 1 / pointwiseMax(pointwiseMax(p1.magnitudes, q1.magnitudes), pointwiseMax(p0.magnitudes, q0.magnitudes))
                p0 *= scale; q0 *= scale; p1 *= scale; q1 *= scale
            }
        }
        let value = p1 / q1, previous = p0 / q0
        let converged = (value - previous).magnitudes .<= tolerance * pointwiseMax(value.magnitudes, Lanes(repeating: 1))
        var result = Lanes(repeating: .nan)
        result.replace(with: value, where: converged .& .!terminated)
        return result
    }
}

extension SIMD8 where Scalar == Double {
    /// |x| lane by lane, as max(x, -x), which vectorises.
    var magnitudes: SIMD8<Double> { pointwiseMax(self, -self) }
}
