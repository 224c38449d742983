import Foundation
import Formulas
import Numbers
#if canImport(Glibc)
import Glibc
#endif

/// Computes the limit of a PCF to a requested number of certain significant digits, choosing the depth
/// itself: it doubles the depth at least, and jumps ahead by the measured digits per term once it can.
public struct AdaptiveLimit: Sendable {
    /// The deepest depth it may use.
    public var maxDepth: Int
    /// Seconds after which it stops deepening.
    public var timeLimit: Double

    public init(maxDepth: Int = 1 << 22, timeLimit: Double = 60) {
        self.maxDepth = maxDepth
        self.timeLimit = timeLimit
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
        public var depth: Int { estimate.depth }
    }

    /// How the cost of a depth grows with it (binary splitting on GMP integers: a little over linear, and
    /// more where the numbers grow fast); used to predict whether the next depth fits in the time left.
    static let costExponent = 1.6

    /// Deepens until `digits` significant digits are certain, the caps are hit, or `stop` says so. The time
    /// limit is kept by not starting a depth whose predicted cost would overrun it.
    public func limit(of pcf: PCF, digits: Int, stop: (Result) -> Bool = { _ in false }) throws -> Result {
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
            let result = Result(estimate: estimate, half: half, value: value, certainDigits: certain, seconds: monotonicSeconds() - start)
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

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
