import Numbers
#if canImport(Glibc)
import Glibc
#endif

/// Computes the limit of a PCF to a requested number of certain significant digits, choosing the depth
/// itself: it doubles the depth at least, and jumps ahead by the measured digits per term once it can.
/// When the convergents are too slow to get there within the caps, Richardson extrapolation of exact
/// convergents takes over (`PCF.extrapolatedLimit(digits:)`), and the result says so.
public struct AdaptiveLimit: Sendable {
    /// The deepest depth it may use.
    public var maxDepth: Int
    /// Seconds after which it stops deepening.
    public var timeLimit: Double
    /// Whether slow fractions may be extrapolated.
    public var extrapolates: Bool

    public init(maxDepth: Int = 1 << 22, timeLimit: Double = 60, extrapolates: Bool = true) {
        self.maxDepth = maxDepth
        self.timeLimit = timeLimit
        self.extrapolates = extrapolates
    }

    /// How an extrapolated value was certified: two extrapolations from convergents up to `depth` agree.
    public struct Extrapolation: Sendable {
        public let depth: Int
        public let agreeingDigits: Int
    }

    public struct Result: Sendable {
        /// The estimate at the deepest depth reached, with the convergents at half that depth.
        public let estimate: LimitEstimate
        public let half: Convergents
        /// p_N/q_N at `digits` plus guard digits.
        public let value: BigFloat
        /// Significant digits of `value` that the error estimate supports.
        public let certainDigits: Int
        public let seconds: Double
        /// Set when `value` is extrapolated rather than a convergent.
        public let extrapolation: Extrapolation?
        public var depth: Int { max(estimate.depth, extrapolation?.depth ?? 0) }
    }

    /// How the cost of a depth grows with it (binary splitting on GMP integers: a little over linear, and
    /// more where the numbers grow fast); used to predict whether the next depth fits in the time left.
    static let costExponent = 1.6

    /// Deepens until `digits` significant digits are certain, the caps are hit, or `stop` says so. The time
    /// limit is kept by not starting a depth whose predicted cost would overrun it. For parabolic and polynomial
    /// convergence, extrapolation takes over from depth 1024 when the digits are not there yet; it is kept
    /// when it certifies more digits than the convergents.
    public func limit(of pcf: PCF, digits: Int, stop: (Result) -> Bool = { _ in false }) throws -> Result {
        let start = monotonicSeconds()
        var stoppedByCaller = false
        // Richardson in 1/n suits the power-law convergence of these classes; its order grows with the digits.
        let extrapolates = extrapolates && [.parabolic, .polynomial].contains(pcf.convergenceClass) && digits <= 3000
        func extrapolated(_ plain: Result) -> Result {
            guard extrapolates, !stoppedByCaller, plain.certainDigits < digits, plain.depth >= 1024 else { return plain }
            let left = max(timeLimit - (monotonicSeconds() - start), 0)
            guard let found = pcf.extrapolatedLimit(digits: digits + 2, maxDepth: maxDepth, timeLimit: left),
                  found.agreeingDigits > plain.certainDigits else { return plain }
            return Result(estimate: plain.estimate, half: plain.half, value: found.value.rounded(toPrecision: plain.value.precision),
                          certainDigits: min(found.agreeingDigits, digits + 18), seconds: monotonicSeconds() - start,
                          extrapolation: Extrapolation(depth: found.depth, agreeingDigits: found.agreeingDigits))
        }
        let plain = try convergentLimit(of: pcf, digits: digits) { partial in
            if stop(partial) { stoppedByCaller = true; return true }
            // Power-law convergence gains a few digits per doubling of the depth: hand over from depth 1024 on.
            return extrapolates && partial.depth >= 1024 && partial.certainDigits < digits
        }
        return extrapolated(plain)
    }

    /// The convergents alone, deepened until `digits` are certain, the caps are hit, or `stop` says so.
    func convergentLimit(of pcf: PCF, digits: Int, stop: (Result) -> Bool) throws -> Result {
        let start = monotonicSeconds()
        var stepStart = start
        let precision = bits(forDigits: digits + 20)
        try pcf.checkTermination(upTo: maxDepth)
        var depth = 32
        var half = pcf.convergents(depth: depth / 2)
        var full = pcf.extend(half, to: depth)
        while true {
            let estimate = try pcf.estimate(half: half, full: full)
            let value = try estimate.convergents.value(precision: precision) ?? { throw PCFError.vanishingDenominator(depth: estimate.depth) }()
            let magnitude = value.isZero ? 0 : value.log10Magnitude
            let certain = estimate.errorLog10 == -.infinity ? digits + 20 : max(Int((magnitude - estimate.errorLog10).rounded(.down)), 0)
            let result = Result(estimate: estimate, half: half, value: value, certainDigits: certain,
                                seconds: monotonicSeconds() - start, extrapolation: nil)
            if certain >= digits || depth >= maxDepth || result.seconds > timeLimit || stop(result) { return result }
            let stepSeconds = monotonicSeconds() - stepStart
            // Jump by the measured rate when it predicts more than a doubling; never less than double.
            var next = 2 * depth
            if estimate.digitsPerTerm > 1e-3 {
                let predicted = Double(depth) + Double(digits - certain + 4) / estimate.digitsPerTerm * 1.15
                next = Int(min(max(predicted, Double(next)), Double(16 * depth)))
            }
            next = min(next, maxDepth)
            let predicted = stepSeconds * pow(Double(next) / Double(depth), AdaptiveLimit.costExponent)
            if result.seconds + predicted > timeLimit { return result }
            stepStart = monotonicSeconds()
            half = pcf.extend(full, to: max(next / 2, full.depth))
            full = pcf.extend(half, to: next)
            depth = next
        }
    }
}

/// Seconds on a clock that never goes back, for time limits.
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
