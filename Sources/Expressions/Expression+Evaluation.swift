import Constants
import Formulas
import Numbers

extension Expression {
    /// The value at `precision` bits. Each operation is correctly rounded at a working precision
    /// with guard bits for the depth of the expression; the result is rounded once more. Continued
    /// fractions are first replaced by their limits, certain to the working precision (`resolvingFormulas`).
    /// Throws on division by zero and on values that are not finite and real.
    public func evaluate(precision: Int) throws -> BigFloat {
        let work = precision + 16 + 4 * height
        if !formulas.isEmpty {
            return try resolvingFormulas(digits: digits(forBits: work) + 2).expression.evaluate(precision: precision)
        }
        let value = try evaluateAtWorkingPrecision(work)
        return value.rounded(toPrecision: precision)
    }

    func evaluateAtWorkingPrecision(_ work: Int) throws -> BigFloat {
        let value: BigFloat
        switch self {
        case .number(let rational): value = BigFloat(rational, precision: work)
        case .constant(let name):
            guard let constant = ConstantLibrary.named(name) else { throw EvaluationError("unknown constant '\(name)'") }
            value = constant.value(precision: work)
        case .negate(let x): value = -(try x.evaluateAtWorkingPrecision(work))
        case .add(let l, let r): value = try l.evaluateAtWorkingPrecision(work) + r.evaluateAtWorkingPrecision(work)
        case .subtract(let l, let r): value = try l.evaluateAtWorkingPrecision(work) - r.evaluateAtWorkingPrecision(work)
        case .multiply(let l, let r): value = try l.evaluateAtWorkingPrecision(work) * r.evaluateAtWorkingPrecision(work)
        case .divide(let l, let r):
            let denominator = try r.evaluateAtWorkingPrecision(work)
            if denominator.isZero || (r.exactValue?.isZero ?? false) { throw EvaluationError("division by zero in \(self)") }
            value = try l.evaluateAtWorkingPrecision(work) / denominator
        case .power(let base, let exponent):
            let x = try base.evaluateAtWorkingPrecision(work)
            if let k = exponent.exactValue, k.isInteger, let small = k.numerator.asInt {
                if x.isZero && small < 0 { throw EvaluationError("division by zero in \(self)") }
                value = x.power(small)
            } else {
                value = x.power(try exponent.evaluateAtWorkingPrecision(work))
            }
        case .pcf(let pcf): throw EvaluationError("\(pcf) must be resolved to its limit first")
        case .call(let name, let arguments):
            guard let function = FunctionLibrary.named(name) else { throw EvaluationError("unknown function '\(name)'") }
            value = try function.evaluate(arguments, work)
        }
        guard value.isFinite else {
            throw EvaluationError(value.isNaN ? "\(self) has no real value" : "\(self) is infinite")
        }
        return value
    }
}

/// A continued fraction whose limit could not be made certain to the digits an evaluation needs.
public struct FormulaLimitError: Error, CustomStringConvertible {
    public let formula: PCF
    public let certainDigits: Int
    public let digitsNeeded: Int
    public var description: String {
        "\(formula) converges too slowly: \(certainDigits) of the \(digitsNeeded) digits needed are certain within the caps"
    }
}

extension Expression {
    /// The expression with each continued fraction replaced by its limit, certain to `digits` significant digits, as
    /// an exact binary fraction (a fraction that terminates by its exact rational value); with the limit of each.
    /// Throws `FormulaLimitError` when a limit cannot be made certain to the digits within `limits`' caps.
    public func resolvingFormulas(digits: Int, limits: AdaptiveLimit = AdaptiveLimit(),
                                  progress: (PCF, AdaptiveLimit.Result) -> Void = { _, _ in })
        throws -> (expression: Expression, limits: [PCF: AdaptiveLimit.Result]) {
        var found: [PCF: AdaptiveLimit.Result] = [:]
        var values: [PCF: Expression] = [:]
        for pcf in formulas {
            do {
                let result = try limits.limit(of: pcf, digits: digits) { progress(pcf, $0); return false }
                guard result.certainDigits >= digits, let exact = result.value.exactRational else {
                    throw FormulaLimitError(formula: pcf, certainDigits: result.certainDigits, digitsNeeded: digits)
                }
                found[pcf] = result
                values[pcf] = .number(exact)
            } catch PCFError.terminates(_, let value) {
                values[pcf] = .number(value)
            }
        }
        return (replacingFormulas { values[$0]! }, found)
    }
}
