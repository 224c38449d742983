import Glibc
import Numbers

/// How a PCF converges, without knowing its limit (docs/ALGORITHMS.md §5, "Blind-delta", NeurIPS 2024): the
/// metrics that place formulas of one family together.
public struct Dynamics: Sendable, Equatable, Codable {
    /// Depth N of the limit L = p_N/q_N and sample depth S.
    public let depth: Int
    public let sample: Int
    /// L, to 30 significant digits (nil when q_N = 0).
    public let limit: String?
    public let divergent: Bool
    /// delta at S with q_S / gcd(p_S, q_S) (factorial reduction) and with q_S.
    public let frDelta: Double?
    public let naiveDelta: Double?
    /// ln|q_n/g_n| ~ c n + d n ln n (d = 0 when |d| < 0.05).
    public let c: Double
    public let d: Double
    /// ln|rho|, rho = (A + s)/(A - s), A = a(n), B = b(n), s = sqrt|A^2 + 4B| at n = 10^9; complex when A^2 + 4B < 0.
    public let lnRho: Double?
    public let complexEigenvalues: Bool
    /// n ln|rho| / (c n + d n ln n) - 1 at n = 10^9.
    public let predictedDelta: Double?
    /// ln|L - p_n/q_n| ~ beta ln n + gamma n + eta n ln n.
    public let beta: Double?
    public let gamma: Double?
    public let eta: Double?
    public let convergenceClass: String
    /// Digits of L gained per term between S and N.
    public let digitsPerTerm: Double?
}

extension PCF {
    /// The sample points of the fits: n in {6, S/8, S/4, S/2, S} (integer parts), the reference's convention.
    public static func dynamicsSamples(_ s: Int) -> [Int] { [6, s / 8, s / 4, s / 2, s] }

    /// The metrics of docs/ALGORITHMS.md §5 at depth N (2000) and sample depth S (N/2 - 1 = 999), from exact
    /// convergents up to S: |L - p_n/q_n| = |p_N q_n - p_n q_N| / |q_N q_n| needs no floating-point limit, so
    /// factorial cases need no tens of thousands of digits. From S to N a certified floating-point tail
    /// (ConvergentTail) stands in for the exact convergents wherever its error bound leaves the figures unchanged.
    /// A fraction that terminates (b(n) = 0 at some n <= N) is classified, not measured: its value is rational.
    public func dynamics(depth: Int = 2000, sample: Int? = nil, eigenvalueIndex: Int = 1_000_000_000) -> Dynamics {
        let s = sample ?? depth / 2 - 1
        precondition(s >= 48 && s < depth, "the sample depth must lie in [48, depth)")
        if let stop = terminationIndex, stop <= depth {
            let finite = convergents(depth: stop - 1)
            let value = finite.q.isZero ? nil : Rational(finite.p, finite.q).description
            return Dynamics(depth: depth, sample: s, limit: value, divergent: value == nil, frDelta: nil, naiveDelta: nil, c: 0, d: 0,
                            lnRho: nil, complexEigenvalues: false, predictedDelta: nil, beta: nil, gamma: nil, eta: nil,
                            convergenceClass: PCF.ConvergenceClass.terminating.rawValue, digitsPerTerm: nil)
        }
        let points = PCF.dynamicsSamples(s)
        let convergents = sampleConvergents(points)
        let deep = tailLimit(convergents, depth: depth) ?? exactLimit(convergents, depth: depth)
        let value = deep.value
        let divergent = value.map { !$0.isFinite || $0.magnitude.log10Magnitude >= 3 } ?? true || deep.oscillates

        // Growth of the reduced denominators: ln|q_n| and ln g_n, g_n = gcd(p_n, q_n).
        let lnQ = convergents.map { $0.q.log2Magnitude * lnOf2 }
        let lnG = convergents.map { BigInt.gcd($0.p, $0.q).log2Magnitude * lnOf2 }
        let growth = zip(lnQ, lnG).map { $0 - $1 }
        // A sample point where q_n = 0 (possible at n = 6) has no growth value: fit on the others.
        let usable = points.indices.filter { growth[$0].isFinite }
        var (c, d) = (0.0, 0.0)
        if usable.count >= 3 {
            let x = usable.map { Double(points[$0]) }, y = usable.map { growth[$0] }
            (c, d) = leastSquares(x.map { [$0, $0 * log($0)] }, y).map { ($0[0], $0[1]) } ?? (0, 0)
            if abs(d) < 0.05 {
                c = leastSquares(x.map { [$0] }, y)?[0] ?? 0
                d = 0
            }
        }

        let lnErrors = deep.lnErrors
        var frDelta: Double?, naiveDelta: Double?
        if let lnError = lnErrors?.last, lnError.isFinite, !divergent, growth.last!.isFinite, lnQ.last!.isFinite {
            frDelta = finite(-lnError / growth.last! - 1)
            naiveDelta = finite(-lnError / lnQ.last! - 1)
        }
        var beta: Double?, gamma: Double?, eta: Double?
        if let lnErrors, !divergent {
            let usable = points.indices.filter { lnErrors[$0].isFinite }
            if usable.count >= 4, let fit = leastSquares(usable.map { i in
                let x = Double(points[i])
                return [log(x), x, x * log(x)]
            }, usable.map { lnErrors[$0] }) {
                (beta, gamma, eta) = (finite(fit[0]), finite(fit[1]), finite(fit[2]))
            }
        }

        // Eigenvalue ratio of the step matrix at a large n, from exact A^2 + 4B.
        let n = eigenvalueIndex
        let a = self.a(n), b = self.b(n)
        let discriminant = a * a + b * 4
        let root = discriminant.magnitude.asDouble.squareRoot()
        let aValue = a.asDouble
        var lnRho: Double?
        if discriminant.signum >= 0 && !b.isZero {
            // The smaller of A ± s is -4B/(A ∓ s): no cancellation.
            let big = aValue >= 0 ? aValue + root : aValue - root
            let small = -4 * b.asDouble / big
            lnRho = log(abs(aValue >= 0 ? big / small : small / big))
        } else if discriminant.signum < 0 {
            lnRho = log(abs((aValue + root) / (aValue - root)))
        }
        let denominator = c * Double(n) + d * Double(n) * log(Double(n))
        lnRho = lnRho.flatMap(finite)
        let predicted = lnRho.flatMap { denominator != 0 ? finite(Double(n) * $0 / denominator - 1) : nil }

        var digitsPerTerm: Double?
        if let lnErrors, let last = lnErrors.last, last.isFinite, let middle = lnErrors.dropLast().last, middle.isFinite {
            digitsPerTerm = finite((middle - last) / log(10) / Double(points[4] - points[3]))
        }
        return Dynamics(depth: depth, sample: s, limit: value.map { $0.formatted(significantDigits: 30) }, divergent: divergent,
                        frDelta: frDelta, naiveDelta: naiveDelta, c: c, d: d, lnRho: lnRho, complexEigenvalues: discriminant.signum < 0,
                        predictedDelta: predicted, beta: beta, gamma: gamma, eta: eta,
                        convergenceClass: convergenceClass.rawValue, digitsPerTerm: digitsPerTerm)
    }
}

/// nil for NaN and infinities: a metric is either a number or absent.
func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

/// Least squares without intercept: the x minimising |M x - y|, by the normal equations (the systems are
/// 1 to 3 unknowns on 5 points); nil when they are singular.
func leastSquares(_ rows: [[Double]], _ y: [Double]) -> [Double]? {
    let k = rows[0].count
    var m = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
    for (row, value) in zip(rows, y) {
        for i in 0..<k {
            for j in 0..<k { m[i][j] += row[i] * row[j] }
            m[i][k] += row[i] * value
        }
    }
    // Gaussian elimination with partial pivoting.
    for col in 0..<k {
        guard let pivot = (col..<k).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-300 else { return nil }
        m.swapAt(col, pivot)
        for r in 0..<k where r != col {
            let f = m[r][col] / m[col][col]
            for j in col...k { m[r][j] -= f * m[col][j] }
        }
    }
    return (0..<k).map { m[$0][k] / m[$0][$0] }
}
