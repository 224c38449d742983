import Constants
import Numbers

extension Expression {
    /// The value at `precision` bits. Each operation is correctly rounded at a working precision
    /// with guard bits for the depth of the expression; the result is rounded once more.
    /// Throws on division by zero and on values that are not finite and real.
    public func evaluate(precision: Int) throws -> BigFloat {
        let work = precision + 16 + 4 * height
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
