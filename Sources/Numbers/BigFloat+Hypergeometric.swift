import CNumbersShims

/// Special functions closed forms use, beyond MPFR's own: the error functions (MPFR), the beta function, the
/// polylogarithm of integer order, and the hypergeometric series 1F1 and 2F1, summed at a working precision that
/// covers the cancellation of their terms.
extension BigFloat {
    public var erf: BigFloat { applying(mpfr_erf) }
    public var erfc: BigFloat { applying(mpfr_erfc) }

    /// B(a, b) = Γ(a) Γ(b) / Γ(a + b).
    public static func beta(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        let work = a.precision + 32
        let (x, y) = (a.rounded(toPrecision: work), b.rounded(toPrecision: work))
        return (x.gamma * y.gamma / (x + y).gamma).rounded(toPrecision: a.precision)
    }

    /// Li_s(x) = Σ_{k>=1} x^k / k^s for an integer s >= 1 and |x| <= 1 (at x = 1, ζ(s) for s >= 2).
    public static func polylog(_ s: Int, _ x: BigFloat) -> BigFloat? {
        let precision = x.precision
        if s == 1 { return x.signum == 0 ? x : -(BigFloat(1, precision: precision) - x).log }
        let magnitude = x.magnitude.asDouble
        guard magnitude <= 1 else { return nil }
        if magnitude == 1 {
            let zeta = BigFloat.zeta(s, precision: precision + 16)
            // Li_s(-1) = -(1 - 2^(1-s)) ζ(s).
            let value = x.signum > 0 ? zeta : -(zeta - zeta / BigFloat(BigInt(2).power(s - 1), precision: precision + 16))
            return value.rounded(toPrecision: precision)
        }
        if s == 2, x.signum < 0 || magnitude <= 1 { return x.dilogarithm }
        let work = precision + 32
        let z = x.rounded(toPrecision: work)
        var power = z, sum = z
        var k = 1
        while true {
            k += 1
            power = power * z
            let term = power / BigFloat(BigInt(k).power(s), precision: work)
            sum = sum + term
            if term.isZero || sum.log10Magnitude - term.log10Magnitude > Double(work) * 0.30103 + 2 { break }
        }
        return sum.rounded(toPrecision: precision)
    }

    /// The hypergeometric series Σ_k Π(a_i)_k / Π(b_j)_k · x^k / k!: 1F1 for all x, 2F1 for |x| < 1. Extra bits
    /// cover the largest term (for 1F1 at large negative x, about |x| log2 e). nil where the series diverges.
    public static func hypergeometric(_ a: [BigFloat], _ b: [BigFloat], _ x: BigFloat) -> BigFloat? {
        let precision = x.precision
        if a.count > b.count, x.magnitude.asDouble >= 1 { return nil }
        let extra = a.count <= b.count ? Int(x.magnitude.asDouble * 1.4427) + 32 : 32
        let work = precision + extra
        let z = x.rounded(toPrecision: work)
        let aw = a.map { $0.rounded(toPrecision: work) }, bw = b.map { $0.rounded(toPrecision: work) }
        var term = BigFloat(1, precision: work), sum = term
        for k in 0..<2_000_000 {
            var factor = z / (k + 1)
            for ai in aw { factor = factor * (ai + k) }
            for bj in bw {
                let denominator = bj + k
                if denominator.isZero { return nil }
                factor = factor / denominator
            }
            term = term * factor
            sum = sum + term
            // Stop once terms are negligible and shrinking (the ratio of 1F1 may grow before it shrinks).
            if term.isZero || (factor.magnitude.asDouble < 1 && sum.log10Magnitude - term.log10Magnitude > Double(work) * 0.30103 + 2) { break }
        }
        return sum.rounded(toPrecision: precision)
    }
}
