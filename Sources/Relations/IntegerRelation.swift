import Numbers
#if canImport(Glibc)
import Glibc
#endif

/// An integer relation sum c_i x_i ≈ 0 among real numbers, with how well it holds.
public struct IntegerRelation: Equatable, Sendable {
    public let coefficients: [BigInt]
    /// log2 of |sum c_i x_i| relative to max |c_i x_i|: how many bits the relation explains (as a negative number).
    public let residualLog2: Double

    /// Bits the relation costs: one per nonzero coefficient plus the bits of the coefficients.
    public var costBits: Double {
        coefficients.reduce(0) { $0 + ($1.isZero ? 0 : IntegerRelation.costBits(ofCoefficientWithLog2: $1.log2Magnitude)) }
    }

    /// What a nonzero coefficient c costs, given log2 |c|.
    static func costBits(ofCoefficientWithLog2 size: Double) -> Double { 1 + max(size, 0) }

    /// Bits of agreement the relation explains.
    public var explainedBits: Double { -residualLog2 }

    /// The largest |c_i|.
    public var height: BigInt { coefficients.map(\.magnitude).max() ?? .zero }
}

/// Finds small integer relations among real numbers by LLL on [I | round(2^B x)] (docs/ALGORITHMS.md §6).
public enum IntegerRelationFinder {
    /// The relation with the best explained-to-cost ratio among the reduced basis vectors, if it passes the
    /// guard: explained bits / cost bits >= `guardRatio` (2 by default, after docs/ALGORITHMS.md §6). Relations that
    /// pass are only candidates: re-check them at higher precision with `holds(_:for:)`.
    ///
    /// - Parameters:
    ///   - values: the numbers, each at a precision of at least `bits + 32`.
    ///   - bits: the binary digits of the values to trust.
    public static func find(_ values: [BigFloat], bits: Int, guardRatio: Double = 2) -> IntegerRelation? {
        // Small relations show at half the precision, where LLL works on half-size integers; one found
        // there is kept only if it also explains the full precision (re-measured on all the bits).
        // Only for small lattices: with many numbers a relation rarely fits in half the bits. The quick pass
        // trusts FLINT's double-precision LLL without its check: what it misses, the full search still finds.
        if bits >= 128, values.count <= 12, let quick = search(values, bits: bits / 2, guardRatio: guardRatio, certified: false) {
            let measured = relation(quick.coefficients, values, trustedBits: bits)
            if measured.explainedBits >= guardRatio * measured.costBits, measured.explainedBits >= Double(bits - 16) {
                return normalized(measured)
            }
        }
        return search(values, bits: bits, guardRatio: guardRatio)
    }

    static func search(_ values: [BigFloat], bits: Int, guardRatio: Double, certified: Bool = true) -> IntegerRelation? {
        let n = values.count, width = n + 1
        guard n >= 2, bits >= 16 else { return nil }
        // The lattice [I | round(2^B x)], row-major, reduced in place (no integer per entry but GMP's own).
        var lattice: [MPZ] = []
        lattice.reserveCapacity(n * width)
        for (i, x) in values.enumerated() {
            guard let scaled = x.timesPowerOfTwo(bits).roundedToInteger else { return nil }
            for j in 0..<n { lattice.append(MPZ(i == j ? 1 : 0)) }
            lattice.append(scaled.storage)
        }
        guard lllReduce(lattice, rows: n, columns: width, certified: certified) else { return nil }
        // Each reduced row is (c, sum c_i round(2^B x_i)): its last entry gives the residual exactly up to
        // the rounding of the inputs, so the guard needs no floating point; only the winner is re-measured.
        let largestLog2 = values.map { $0.isZero ? -Double.infinity : $0.log10Magnitude / 0.30102999566398120 }.max() ?? 0
        var best: (row: Int, cost: Double)?
        for row in 0..<n {
            var height = -Double.infinity, cost = 0.0
            for j in 0..<n {
                let size = BigInt(storage: lattice[row * width + j]).log2Magnitude
                guard size > -.infinity else { continue }
                height = max(height, size)
                cost += IntegerRelation.costBits(ofCoefficientWithLog2: size)
            }
            guard height > -.infinity else { continue }
            let residual = max(BigInt(storage: lattice[row * width + n]).log2Magnitude, log2(Double(n))) - Double(bits) - height - largestLog2
            let explained = min(-residual, Double(bits))
            // The cheapest relation that passes the guard (the first of equals).
            if explained >= guardRatio * cost, cost < best?.cost ?? .infinity { best = (row, cost) }
        }
        guard let best else { return nil }
        let coefficients = (0..<n).map { BigInt(storage: lattice[best.row * width + $0]) }
        let measured = relation(coefficients, values, trustedBits: bits)
        return measured.explainedBits >= guardRatio * measured.costBits ? normalized(measured) : nil
    }

    /// The relation with its residual measured on these values, capped at the bits they are trusted to.
    public static func relation(_ coefficients: [BigInt], _ values: [BigFloat], trustedBits: Int) -> IntegerRelation {
        let precision = values.map(\.precision).max() ?? 64
        var sum = BigFloat(0, precision: precision)
        var largest = -Double.infinity
        for (c, x) in zip(coefficients, values) where !c.isZero {
            let term = x * c
            sum = sum + term
            largest = max(largest, term.log10Magnitude / 0.30102999566398120)
        }
        let residual = sum.isZero ? -Double.infinity : sum.log10Magnitude / 0.30102999566398120
        return IntegerRelation(coefficients: coefficients, residualLog2: max(residual - largest, -Double(trustedBits)))
    }

    /// Whether the relation holds to within `slackBits` of the full precision of these (more precise) values.
    public static func holds(_ relation: IntegerRelation, for values: [BigFloat], bits: Int, slackBits: Int = 24) -> Bool {
        let check = self.relation(relation.coefficients, values, trustedBits: bits)
        return check.explainedBits >= Double(bits - slackBits) - relation.costBits
    }

    /// Sign fixed so that the first nonzero coefficient is positive.
    static func normalized(_ relation: IntegerRelation) -> IntegerRelation {
        guard let first = relation.coefficients.first(where: { !$0.isZero }), first.signum < 0 else { return relation }
        return IntegerRelation(coefficients: relation.coefficients.map { -$0 }, residualLog2: relation.residualLog2)
    }
}
