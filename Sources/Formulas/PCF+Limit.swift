import Numbers

/// Why a PCF has no limit to report.
public enum PCFError: Error, Equatable, CustomStringConvertible {
    /// b(n) = 0: the fraction stops at depth n - 1 and its value is this rational number.
    case terminates(at: Int, value: Rational)
    /// b(n) = 0 and q_{n-1} = 0: the finite fraction divides by zero.
    case terminatesUndefined(at: Int)
    /// q_n = 0 at the depths needed (the convergents are undefined there).
    case vanishingDenominator(depth: Int)

    public var description: String {
        switch self {
        case .terminates(let n, let value):
            return "the PCF terminates: b(\(n)) = 0, so its value is the rational number \(value)"
        case .terminatesUndefined(let n):
            return "the PCF terminates at b(\(n)) = 0 with q_\(n - 1) = 0: its value is undefined"
        case .vanishingDenominator(let depth):
            return "q_n vanishes repeatedly (at n = \(depth) and beyond): the convergents are undefined, so the PCF does not converge"
        }
    }
}

/// An estimate of the limit of a PCF from the convergents at depths N/2, N - 1 and N.
public struct LimitEstimate: Sendable {
    public let convergents: Convergents
    /// log10 of the estimated error |L - p_N/q_N|: the larger of |x_N - x_{N/2}| and |x_N - x_{N-1}|.
    /// It bounds the true error whenever the error at least halves from N/2 to N (any convergence
    /// at least as fast as 1/N), and it exposes period-2 oscillation, which the first alone would miss.
    public let errorLog10: Double
    /// Decimal digits gained per term between depths N/2 and N.
    public let digitsPerTerm: Double

    public var depth: Int { convergents.depth }
    /// Decimal places of p_N/q_N that the error estimate supports.
    public var certainDigits: Int { errorLog10.isFinite ? max(Int((-errorLog10).rounded(.down)), 0) : (errorLog10 < 0 ? Int.max : 0) }
}

/// log10 |p1/q1 - p2/q2|, exactly from integers (-infinity when equal); nil if a denominator is 0.
public func log10Distance(_ p1: BigInt, _ q1: BigInt, _ p2: BigInt, _ q2: BigInt) -> Double? {
    if q1.isZero || q2.isZero { return nil }
    let numerator = p1 * q2 - p2 * q1
    return (numerator.log2Magnitude - q1.log2Magnitude - q2.log2Magnitude) * log10Of2
}

let log10Of2 = 0.30102999566398120
let lnOf2 = 0.69314718055994531

extension PCF {
    /// Throws if the fraction terminates at or before `depth` (its value is then rational).
    public func checkTermination(upTo depth: Int) throws {
        guard let n = terminationIndex, n <= depth else { return }
        let stop = convergents(depth: n - 1)
        if stop.q.isZero { throw PCFError.terminatesUndefined(at: n) }
        throw PCFError.terminates(at: n, value: Rational(stop.p, stop.q))
    }

    /// The limit estimate at depth N from the convergents at N/2 (`half`) and N (`full`).
    public func estimate(half: Convergents, full: Convergents) throws -> LimitEstimate {
        var full = full
        if full.q.isZero {
            // Skip an isolated zero of q_N by stepping once.
            full = extend(full, to: full.depth + 1)
            if full.q.isZero { throw PCFError.vanishingDenominator(depth: full.depth - 1) }
        }
        guard let halfway = log10Distance(full.p, full.q, half.p, half.q) ?? log10Distance(full.p, full.q, half.previousP, half.previousQ) else {
            throw PCFError.vanishingDenominator(depth: half.depth)
        }
        var error = halfway
        if let last = log10Distance(full.p, full.q, full.previousP, full.previousQ) {
            error = max(error, last)
        } else {
            // q_{N-1} = 0: check that q_{N+1} is not zero too (period-2 vanishing means divergence).
            let after = extend(full, to: full.depth + 1)
            guard let next = log10Distance(after.p, after.q, full.p, full.q) else {
                throw PCFError.vanishingDenominator(depth: full.depth - 1)
            }
            error = max(error, next)
        }
        // Digits per term from the step sizes |x_n - x_{n-1}| at both ends, which track the error.
        var rate = 0.0
        if let stepHalf = log10Distance(half.p, half.q, half.previousP, half.previousQ),
           let stepFull = log10Distance(full.p, full.q, full.previousP, full.previousQ),
           stepHalf.isFinite, stepFull.isFinite {
            rate = max((stepHalf - stepFull) / Double(max(full.depth - half.depth, 1)), 0)
        }
        return LimitEstimate(convergents: full, errorLog10: error, digitsPerTerm: rate)
    }

    /// The limit estimate at depth N (computing the convergents at N/2 and N).
    public func limitEstimate(depth: Int) throws -> LimitEstimate {
        try checkTermination(upTo: depth)
        let half = convergents(depth: depth / 2)
        return try estimate(half: half, full: extend(half, to: depth))
    }
}
