import Numbers

/// p_N/q_N - p_S/q_S in floating point with a rigorous bound on its error: the sum over k = S+1...N of the steps
/// p_k/q_k - p_{k-1}/q_{k-1} = -Δ_k / (q_k q_{k-1}), where Δ_k = p_{k-1} q_k - p_k q_{k-1} = ∏_{j<=k} (-b(j)) is the
/// determinant of the product of step matrices, and q_k follows the recurrence in doubles beside a bound on its
/// error. Used by the dynamics: exact convergents at depth N cost most of their time (the last product is the
/// largest), while the metrics need L = p_N/q_N to 30 digits and |L - p_n/q_n| to a few.
///
/// nil where the bound cannot keep some step's relative error below 1e-9: q_k near a cancellation (as when q is the
/// recurrence's minimal solution), a(k) or b(k) beyond 2^52, or b(k) = 0.
struct ConvergentTail {
    /// p_N/q_N - p_S/q_S, and a bound on its absolute error.
    let sum: ScaledDouble, sumError: ScaledDouble
    /// p_N/q_N - p_{N-1}/q_{N-1}.
    let lastStep: ScaledDouble

    /// The largest relative error of a step that the tail accepts.
    static let stepTolerance = 1e-9

    init?(_ pcf: PCF, from start: Convergents, through depth: Int) {
        guard depth > start.depth, !start.q.isZero, let a = ExactDoubles(pcf.aParts, through: depth),
              let b = ExactDoubles(pcf.bParts, through: depth) else { return nil }
        let u = 0x1p-53
        // Δ_S: each factor exact in a double, one rounding per product.
        var delta = ScaledDouble(1)
        for j in 1...start.depth {
            let bj = b(j)
            if bj == 0 { return nil }
            delta = ScaledDouble(delta.significand * -bj, exponent: delta.exponent)
        }
        var deltaError = Double(start.depth) * u
        // (q_{k-1}, q_k) = (x, y) · 2^scale, with absolute error bounds (ex, ey) at the same scale.
        let older = ScaledDouble(start.previousQ), newer = ScaledDouble(start.q)
        var scale = newer.exponent
        // q_{S-1} far above q_S: q_S is already near a cancellation.
        guard older.isZero || older.exponent - scale < 512 else { return nil }
        var x = ScaledDouble.scale(older.significand, by: older.exponent - scale), y = newer.significand
        var ex = abs(x) * 2 * u + 0x1p-1000, ey = abs(y) * 2 * u
        var sum = ScaledDouble.zero, sumError = ScaledDouble.zero, step = ScaledDouble.zero
        for k in (start.depth + 1)...depth {
            let ak = a(k), bk = b(k)
            if bk == 0 { return nil }
            let bx = bk * x
            let z = bx.addingProduct(ak, y)
            // Inherited errors, then the two roundings (of b x and of the fused a y + b x), the bound rounded up.
            let ez = (abs(ak) * ey + abs(bk) * ex + u * (abs(bx) + abs(z))) * (1 + 8 * u)
            (x, ex, y, ey) = (y, ey, z, ez)
            delta = ScaledDouble(delta.significand * -bk, exponent: delta.exponent)
            deltaError += u
            guard x != 0, y != 0 else { return nil }
            let relative = ex / abs(x) + ey / abs(y) + deltaError + 4 * u
            guard relative < Self.stepTolerance else { return nil }
            step = ScaledDouble(-delta.significand / (x * y), exponent: delta.exponent - 2 * scale)
            sum += step
            sumError += step.magnitude * ScaledDouble(relative) + sum.magnitude * ScaledDouble(2 * u)
            // Keep x y well inside Double's range.
            if abs(y) > 0x1p256 || abs(y) < 0x1p-256 {
                let shift = ScaledDouble(y).exponent
                (x, ex, y, ey) = (ScaledDouble.scale(x, by: -shift), ScaledDouble.scale(ex, by: -shift), ScaledDouble.scale(y, by: -shift),
                                  ScaledDouble.scale(ey, by: -shift))
                scale += shift
            }
        }
        self.sum = sum
        self.sumError = sumError
        self.lastStep = step
    }
}

/// The values at n = 1...N of an interlaced polynomial sequence with integer coefficients, as doubles, when
/// Horner's rule computes every one of them exactly (every partial result an integer below 2^52).
private struct ExactDoubles {
    let parts: [[Double]]

    init?(_ polynomials: [Polynomial], through n: Int) {
        var parts: [[Double]] = []
        for p in polynomials {
            guard let small = p.smallCoefficients else { return nil }
            // Σ |c_i| n^i bounds every partial result of Horner's rule at 1...n.
            guard small.reversed().reduce(0.0, { $0 * Double(n) + Double($1.magnitude) }) < 0x1p52 else { return nil }
            parts.append(small.map(Double.init))
        }
        self.parts = parts
    }

    @inline(__always)
    func callAsFunction(_ k: Int) -> Double {
        let coefficients = parts.count == 1 ? parts[0] : parts[k % parts.count]
        var value = 0.0
        for c in coefficients.reversed() { value = value * Double(k) + c }
        return value
    }
}
