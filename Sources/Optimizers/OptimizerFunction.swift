import Foundation

/// The functions an update rule applies, elementwise over tensors the shape of w. Every one is defined on all
/// inputs (NaN-safe), so a program can only produce NaN or infinity from values that already are:
/// - `x / 0` is 0;
/// - `sqrt(x)` is the square root of |x|;
/// - `log(x)` is log |x|, and `log(0)` is 0;
/// - `exp(x)` saturates at e^80 (beyond it a step could only diverge);
/// - `sign(0)` is 0, `clip(x, c)` clamps x to [-|c|, |c|], `interp(x, y, a) = (1 - a) x + a y`.
public enum OptimizerFunction: String, CaseIterable, Sendable, Codable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case interp, sign, abs, sqrt, square, exp, log, clip, max, min, negate = "neg"

    public var arity: Int {
        switch self {
        case .add, .subtract, .multiply, .divide, .clip, .max, .min: return 2
        case .interp: return 3
        case .sign, .abs, .sqrt, .square, .exp, .log, .negate: return 1
        }
    }

    /// The infix operators, printed between their arguments.
    public var isOperator: Bool { [.add, .subtract, .multiply, .divide].contains(self) }

    /// The function of a name as programs spell it (`interp`, `sqrt`, ...; operators are parsed as such).
    public init?(named name: String) {
        guard let function = OptimizerFunction(rawValue: name), !function.isOperator else { return nil }
        self = function
    }

    @inline(__always)
    public func apply(_ x: Double, _ y: Double, _ z: Double) -> Double {
        switch self {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return y == 0 ? 0 : x / y
        case .interp: return (1 - z) * x + z * y
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .abs: return Swift.abs(x)
        case .sqrt: return Swift.abs(x).squareRoot()
        case .square: return x * x
        case .exp: return Foundation.exp(Swift.min(x, 80))
        case .log: return x == 0 ? 0 : Foundation.log(Swift.abs(x))
        case .clip:
            let c = Swift.abs(y)
            return Swift.min(Swift.max(x, -c), c)
        case .max: return Swift.max(x, y)
        case .min: return Swift.min(x, y)
        case .negate: return -x
        }
    }
}
