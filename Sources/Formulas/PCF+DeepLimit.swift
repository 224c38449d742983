import Glibc
import Numbers

/// What the metrics need of depth N: L = p_N/q_N (nil when q_N = 0), whether the convergents still oscillate there,
/// and ln|L - p_n/q_n| at each sample point (NaN where q_n = 0; nil when L is undefined).
struct DeepLimit {
    let value: BigFloat?
    let oscillates: Bool
    let lnErrors: [Double]?
}

extension PCF {
    /// The exact convergents at increasing depths, each extending the one before.
    func sampleConvergents(_ points: [Int]) -> [Convergents] {
        var convergents: [Convergents] = []
        var current = self.convergents(depth: points[0])
        for n in points {
            current = extend(current, to: n)
            convergents.append(current)
        }
        return convergents
    }

    /// From the exact convergents at depth N.
    func exactLimit(_ samples: [Convergents], depth: Int) -> DeepLimit {
        let deep = extend(samples.last!, to: depth)
        // p_N/q_N to 30 digits needs only their leading bits (an exact quotient of 50,000-bit integers would cost more).
        let value: BigFloat? = deep.q.isZero ? nil : BigFloat(deep.p, precision: 192) / BigFloat(deep.q, precision: 192)
        // Divergent: no finite limit, |L| >= 1000, or convergents that still oscillate at depth N (the one before
        // is undefined or more than 10% away: PCF(0, 1) alternates between 0 and 1/0).
        let previous: BigFloat? = deep.previousQ.isZero ? nil : BigFloat(deep.previousP, precision: 192) / BigFloat(deep.previousQ, precision: 192)
        let oscillates = value.map { v in
            guard let previous else { return true }
            return PCF.oscillates(gap: (v - previous).magnitude.log10Magnitude, value: v)
        } ?? true
        let lnErrors: [Double]? = value == nil ? nil : samples.map { sample in
            guard let e = log10Distance(deep.p, deep.q, sample.p, sample.q) else { return .nan }
            return e / log10Of2 * lnOf2
        }
        return DeepLimit(value: value, oscillates: oscillates, lnErrors: lnErrors)
    }

    /// From the exact convergents at the last sample point S and the tail from S to N in floating point
    /// (ConvergentTail), the same figures where the tail's error bound leaves L's 30 digits and every error's first
    /// nine untouched; nil otherwise.
    func tailLimit(_ samples: [Convergents], depth: Int) -> DeepLimit? {
        let last = samples.last!
        guard let tail = ConvergentTail(self, from: last, through: depth) else { return nil }
        let value = BigFloat(last.p, precision: 192) / BigFloat(last.q, precision: 192) + tail.sum.bigFloat(precision: 192)
        guard !value.isZero, tail.sumError.log2Magnitude * log10Of2 < value.log10Magnitude - 40 else { return nil }
        let oscillates = PCF.oscillates(gap: tail.lastStep.log2Magnitude * log10Of2, value: value)
        var lnErrors: [Double] = []
        for sample in samples {
            if sample.q.isZero {
                lnErrors.append(.nan)
                continue
            }
            // L - p_n/q_n = (p_S/q_S - p_n/q_n) + (L - p_S/q_S), the first exactly up to its conversion to doubles.
            var error = tail.sum, bound = tail.sumError
            if sample.depth != last.depth {
                let gap = ScaledDouble(last.p * sample.q - sample.p * last.q) / (ScaledDouble(last.q) * ScaledDouble(sample.q))
                error += gap
                bound += gap.magnitude * ScaledDouble(0x1p-50)
            }
            guard !error.isZero, bound.log2Magnitude < error.log2Magnitude + log2(ConvergentTail.stepTolerance) else { return nil }
            lnErrors.append(error.log2Magnitude * lnOf2)
        }
        return DeepLimit(value: value, oscillates: oscillates, lnErrors: lnErrors)
    }

    /// Convergents whose last step moved them by more than a tenth of max(|L|, 1) have not settled.
    static func oscillates(gap log10Gap: Double, value: BigFloat) -> Bool {
        log10Gap.isFinite && log10Gap > -1 + max(value.isZero ? 0 : value.magnitude.log10Magnitude, 0)
    }
}
