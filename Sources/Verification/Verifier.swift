import Expressions
import Formulas
import Numbers

/// The outcome of checking "PCF = closed form" to a number of digits.
public struct VerificationReport: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        /// At least the requested digits agree, and both sides are certain to them.
        case verified
        /// The two sides differ by more than both uncertainties: the formula is false.
        case disagrees
        /// The PCF converges too slowly to settle the requested digits within the caps.
        case inconclusive
    }

    public let status: Status
    public let equation: String
    public let digitsRequested: Int
    /// Significant digits on which the two sides agree (at most what both sides are certain of).
    public let digitsAgreed: Int
    public let formulaCertainDigits: Int
    public let closedFormCertainDigits: Int
    public let depth: Int
    public let digitsPerTerm: Double
    /// Irrationality measure estimates at half the depth: with the closed form as the limit, and blind.
    public let delta: Double?
    public let blindDelta: Double?
    public let convergenceClass: String
    public let seconds: Double
    /// The values of the formula and of the closed form as written, to the digits the check established.
    public let formulaValue: String
    public let closedFormValue: String
    /// For a CF pattern: the interlaced PCF and closed form of its tail that were checked, with their values.
    public let checkedAs: CheckedTail?
    /// The formula (ramanujantools' PCF; nil for a pattern or an interlaced fraction) and the closed form (mpmath,
    /// after `from mpmath import *`) in Python.
    public let python: PythonForms

    public struct PythonForms: Sendable, Codable {
        public let formula: String?
        public let closedForm: String
    }

    /// Set when the formula's value rests on Richardson extrapolation of its convergents, not on a convergent.
    public let extrapolation: Extrapolation?

    public struct Extrapolation: Sendable, Codable {
        /// The deepest convergent used, and the digits on which two extrapolations of different orders agree.
        public let depth: Int
        public let agreeingDigits: Int
    }

    public struct CheckedTail: Sendable, Codable {
        /// What was checked instead of the formula as written: "the pattern's tail" or "the PCF alone".
        public let reason: String
        public let equation: String
        public let formulaValue: String
        public let closedFormValue: String
    }
}

/// Checks a conjectured PCF identity with exact convergents and a closed form evaluated twice.
public struct Verifier: Sendable {
    public var limits: AdaptiveLimit
    public static let maximumDigits = 1_000_000

    public init(limits: AdaptiveLimit = AdaptiveLimit()) { self.limits = limits }

    /// Checks the equation to `digits` significant digits; `progress` sees each depth tried.
    public func verify(_ equation: Equation, digits: Int,
                       progress: (AdaptiveLimit.Result) -> Void = { _ in }) throws -> VerificationReport {
        guard (1...Verifier.maximumDigits).contains(digits) else {
            throw EvaluationError("the digits to verify must be between 1 and \(Verifier.maximumDigits), not \(digits)")
        }
        let start = monotonicSeconds()
        let precision = bits(forDigits: digits + 20)
        // The closed form at two precisions: the digits they share are certain.
        let closedForm = try equation.closedForm.evaluate(precision: precision)
        let closedFormCertain: Int
        if equation.closedForm.exactValue != nil { closedFormCertain = digits + 20 }
        else {
            let finer = try equation.closedForm.evaluate(precision: precision + 64)
            closedFormCertain = significantAgreement(closedForm, finer, cap: digits + 20)
        }

        let pcf = equation.formula
        // The time limit covers the whole check: the limit gets what the closed form left, less a reserve
        // for the deltas after it.
        var limits = self.limits
        limits.timeLimit = max(self.limits.timeLimit - (monotonicSeconds() - start), 0) * 0.9
        let result = try limits.limit(of: pcf, digits: digits + 2) { partial in
            progress(partial)
            // Stop early once the formula is certain beyond the point where the sides already differ.
            return partial.certainDigits > significantAgreement(partial.value, closedForm, cap: digits + 20) + 3
        }
        let rawAgreement = significantAgreement(result.value, closedForm, cap: digits + 20)
        let agreed = min(rawAgreement, result.certainDigits, closedFormCertain)
        let status: VerificationReport.Status
        if agreed >= digits { status = .verified }
        else if rawAgreement + 1 < min(result.certainDigits, closedFormCertain) { status = .disagrees }
        else { status = .inconclusive }

        // The deltas need gcds and logarithms of the convergents, as costly as a depth step: they are left out
        // (n/a) when the time limit would not hold them.
        let fitsDeltas = { self.limits.timeLimit - (monotonicSeconds() - start) > result.seconds * 0.6 }
        let blind = fitsDeltas() ? pcf.blindDelta(at: result.half, limit: result.estimate.convergents) : nil
        // The known-limit delta needs |L - p_S/q_S| above the closed form's resolution: sample where
        // about half the requested digits are reached.
        let rate = max(result.estimate.digitsPerTerm, 1e-9)
        let sampleDepth = max(1, min(result.half.depth, Int(Double(digits) / 2 / rate)))
        let known = !fitsDeltas() ? nil : sampleDepth == result.half.depth ? pcf.delta(at: result.half, limit: closedForm)
            : pcf.delta(at: pcf.convergents(depth: sampleDepth), limit: closedForm)
        // Values to the digits established (at most 10 beyond those requested).
        let formulaDigits = max(min(result.certainDigits, digits + 10), 1), closedFormDigits = max(min(closedFormCertain, digits + 10), 1)
        var checkedAs: VerificationReport.CheckedTail? = nil
        var formulaValue = result.value, closedFormValue = closedForm
        if let checked = equation.checkedEquation {
            checkedAs = .init(reason: equation.checkedReason ?? "", equation: checked, formulaValue: result.value.formatted(significantDigits: formulaDigits),
                              closedFormValue: closedForm.formatted(significantDigits: closedFormDigits))
            formulaValue = try equation.statedValue(fromChecked: result.value)
            closedFormValue = try equation.statedClosedForm.evaluate(precision: precision)
        }
        return VerificationReport(
            status: status, equation: equation.description, digitsRequested: digits, digitsAgreed: min(agreed, digits + 10),
            formulaCertainDigits: result.certainDigits, closedFormCertainDigits: closedFormCertain, depth: result.depth,
            digitsPerTerm: result.estimate.digitsPerTerm, delta: known?.reduced, blindDelta: blind?.reduced,
            convergenceClass: pcf.convergenceClass.rawValue, seconds: monotonicSeconds() - start,
            formulaValue: formulaValue.formatted(significantDigits: formulaDigits),
            closedFormValue: closedFormValue.formatted(significantDigits: closedFormDigits), checkedAs: checkedAs,
            python: equation.pattern != nil ? .init(formula: nil, closedForm: equation.statedClosedForm.python)
                : .init(formula: pcf.python, closedForm: equation.closedForm.python),
            extrapolation: result.extrapolation.map { .init(depth: $0.depth, agreeingDigits: $0.agreeingDigits) })
    }
}

/// Significant decimal digits on which x and y agree: -log10(|x - y| / |y|), capped.
public func significantAgreement(_ x: BigFloat, _ y: BigFloat, cap: Int) -> Int {
    let difference = x - y
    if difference.isZero { return cap }
    let scale = y.isZero ? 0 : y.log10Magnitude
    let digits = scale - difference.log10Magnitude
    return digits.isFinite ? min(max(Int(digits.rounded(.down)), 0), cap) : cap
}
