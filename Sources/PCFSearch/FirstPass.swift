import Foundation

/// The first, floating-point pass over PCFs: the recurrence to a shallow depth in Double. A PCF passes
/// when its last two convergents agree to the key's relative tolerance; the value goes to the left-side
/// lookup. Coefficient boxes use the C kernel (`apery_first_pass_run`) on runs that share a(n) and all of
/// b(n) but its top coefficient; structured families use `evaluate(aTable:bLanes:)`, eight PCFs at a time
/// in SIMD lanes.
public struct FirstPass: Sendable {
    public let depth: Int
    public let tolerance: Double
    public typealias Lanes = SIMD8<Double>

    /// powers[k][n] = n^k for k up to the largest degree filled so far (grown on demand).
    let powers: [[Double]]

    public init(depth: Int, keyDigits: Int, maximumDegree: Int = 24) {
        self.depth = depth
        tolerance = Double.pow10(-keyDigits)
        powers = (0...maximumDegree).map { k in (0...depth).map { Double($0).power(k) } }
    }

    /// Values of up to eight PCFs sharing a(n) = aTable[n], each with its own b (the coefficient lists of
    /// its parts: b(n) is part n mod k), in Swift SIMD: the general path for structured families. NaN as in
    /// the kernel (not converged, terminated, not finite); lanes beyond bLanes.count are NaN.
    public func evaluate(aTable: [Double], bLanes: [[[Int]]]) -> Lanes {
        let degree = bLanes.joined().map(\.count).max() ?? 1
        // One period for all lanes: a lane with fewer parts repeats them.
        let period = bLanes.map(\.count).reduce(1) { $0 * $1 / Int.gcd($0, $1) }
        var coefficients = [[Lanes]](repeating: [Lanes](repeating: .zero, count: degree), count: period)
        for (lane, parts) in bLanes.enumerated() {
            for j in 0..<period { for (k, c) in parts[j % parts.count].enumerated() { coefficients[j][k][lane] = Double(c) } }
        }
        var p0 = Lanes(repeating: 1), q0 = Lanes(repeating: 0), p1 = Lanes(repeating: aTable[0]), q1 = Lanes(repeating: 1)
        var ended = SIMDMask<SIMD8<Int64>>(repeating: false)
        for n in 1...depth {
            let part = coefficients[n % period]
            var bn = part[degree - 1]
            for k in stride(from: degree - 2, through: 0, by: -1) { bn = bn * Double(n) + part[k] }
            ended .|= bn .== 0
            let an = Lanes(repeating: aTable[n])
            let p2 = an * p1 + bn * p0, q2 = an * q1 + bn * q0
            p0 = p1; q0 = q1; p1 = p2; q1 = q2
            // Rescale every step: family coefficients can be large, and this path is not the hot one.
            let scale = 1 / p1.magnitudes.maximum(q1.magnitudes).maximum(p0.magnitudes.maximum(q0.magnitudes))
            p0 *= scale; q0 *= scale; p1 *= scale; q1 *= scale
        }
        let value = p1 / q1, previous = p0 / q0
        let converged = (value - previous).magnitudes .<= tolerance * value.magnitudes.maximum(Lanes(repeating: 1))
        var result = Lanes(repeating: .nan)
        result.replace(with: value, where: converged .& .!ended)
        for lane in bLanes.count..<8 { result[lane] = .nan }
        return result
    }

    /// Values of a(n) for n = 0...depth, a(n) being part n mod k of an interlaced a (one part otherwise).
    public func table(parts: [[Int]]) -> [Double] {
        var values = [Double](repeating: 0, count: depth + 1)
        fill(&values, parts[0])
        if parts.count > 1 {
            let tables = parts.map { part in var t = values; fill(&t, part); return t }
            for n in 0...depth { values[n] = tables[n % parts.count][n] }
        }
        return values
    }

    /// Writes p(n) for n = 0...depth into `values` (reused between runs: no allocation), as sums of
    /// c_k · n^k over the precomputed powers: straight multiply-adds over arrays.
    public func fill(_ values: inout [Double], _ coefficients: [Int]) {
        values.withUnsafeMutableBufferPointer { out in
            for n in 0...depth { out[n] = 0 }
            for (k, c) in coefficients.enumerated() where c != 0 {
                let ck = Double(c)
                powers[k].withUnsafeBufferPointer { power in for n in 0...depth { out[n] += ck * power[n] } }
            }
        }
    }

    /// Steps between rescalings: per step the convergents grow by at most max|a(n)| + max|b(n)|, so
    /// rescaling every k steps with k · log10(growth) < 280 keeps them far from overflow.
    public static func rescaleInterval(aMax: Double, bMax: Double) -> Int {
        let growth = max(log10(aMax + bMax + 1), 1)
        return max(1, min(32, Int(280 / growth)))
    }
}

extension SIMD8 where Scalar == Double {
    /// |x| lane by lane, written with a mask so that it stays in vector registers.
    @inline(__always) var magnitudes: SIMD8<Double> { replacing(with: -self, where: self .< 0) }
    /// max(x, y) lane by lane.
    @inline(__always) func maximum(_ other: SIMD8<Double>) -> SIMD8<Double> { replacing(with: other, where: self .< other) }
}
