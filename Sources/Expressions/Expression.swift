import Formulas
import Numbers

/// A closed form in mpmath-compatible syntax: `4/(3*pi-8)`, `6/zeta(3)`, `besseli(1,2)/besseli(0,2)`, which may
/// hold the limits of continued fractions: `1/PCF(2n+1, -1)`.
public indirect enum Expression: Hashable, Sendable {
    case number(Rational)
    case constant(String)
    case negate(Expression)
    case add(Expression, Expression)
    case subtract(Expression, Expression)
    case multiply(Expression, Expression)
    case divide(Expression, Expression)
    case power(Expression, Expression)
    case call(String, [Expression])
    /// The limit of a polynomial continued fraction.
    case pcf(PCF)

    /// The exact value when the expression involves only rational arithmetic and integer powers.
    public var exactValue: Rational? {
        switch self {
        case .number(let value): return value
        case .constant, .call, .pcf: return nil
        case .negate(let x): return x.exactValue.map { -$0 }
        case .add(let l, let r): return Expression.combine(l, r, +)
        case .subtract(let l, let r): return Expression.combine(l, r, -)
        case .multiply(let l, let r): return Expression.combine(l, r, *)
        case .divide(let l, let r):
            guard let x = l.exactValue, let y = r.exactValue, !y.isZero else { return nil }
            return x / y
        case .power(let base, let exponent):
            guard let x = base.exactValue, let k = exponent.exactValue, k.isInteger,
                  let small = k.numerator.asInt, abs(small) <= 4096, !(x.isZero && small < 0) else { return nil }
            return x.power(small)
        }
    }

    /// The continued fractions in the expression, each once, in the order written.
    public var formulas: [PCF] {
        var found: [PCF] = []
        func walk(_ e: Expression) {
            switch e {
            case .number, .constant: return
            case .pcf(let pcf): if !found.contains(pcf) { found.append(pcf) }
            case .negate(let x): walk(x)
            case .add(let l, let r), .subtract(let l, let r), .multiply(let l, let r), .divide(let l, let r), .power(let l, let r):
                walk(l); walk(r)
            case .call(_, let arguments): arguments.forEach(walk)
            }
        }
        walk(self)
        return found
    }

    /// The expression with each continued fraction replaced by `replacement`'s expression for it.
    public func replacingFormulas(_ replacement: (PCF) throws -> Expression) rethrows -> Expression {
        switch self {
        case .number, .constant: return self
        case .pcf(let pcf): return try replacement(pcf)
        case .negate(let x): return .negate(try x.replacingFormulas(replacement))
        case .add(let l, let r): return .add(try l.replacingFormulas(replacement), try r.replacingFormulas(replacement))
        case .subtract(let l, let r): return .subtract(try l.replacingFormulas(replacement), try r.replacingFormulas(replacement))
        case .multiply(let l, let r): return .multiply(try l.replacingFormulas(replacement), try r.replacingFormulas(replacement))
        case .divide(let l, let r): return .divide(try l.replacingFormulas(replacement), try r.replacingFormulas(replacement))
        case .power(let l, let r): return .power(try l.replacingFormulas(replacement), try r.replacingFormulas(replacement))
        case .call(let name, let arguments): return .call(name, try arguments.map { try $0.replacingFormulas(replacement) })
        }
    }

    private static func combine(_ l: Expression, _ r: Expression, _ op: (Rational, Rational) -> Rational) -> Rational? {
        guard let x = l.exactValue, let y = r.exactValue else { return nil }
        return op(x, y)
    }

    /// Nesting depth, which sets the guard bits of an evaluation.
    var height: Int {
        switch self {
        case .number, .constant, .pcf: return 1
        case .negate(let x): return 1 + x.height
        case .add(let l, let r), .subtract(let l, let r), .multiply(let l, let r), .divide(let l, let r), .power(let l, let r):
            return 1 + max(l.height, r.height)
        case .call(_, let arguments): return 1 + (arguments.map(\.height).max() ?? 0)
        }
    }
}

extension Expression: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Rational(value)) }
}

extension Expression {
    public static func + (l: Expression, r: Expression) -> Expression { .add(l, r) }
    public static func - (l: Expression, r: Expression) -> Expression { .subtract(l, r) }
    public static func * (l: Expression, r: Expression) -> Expression { .multiply(l, r) }
    public static func / (l: Expression, r: Expression) -> Expression { .divide(l, r) }
    public static prefix func - (x: Expression) -> Expression { .negate(x) }
}
