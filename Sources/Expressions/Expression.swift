import Numbers

/// A closed form in mpmath-compatible syntax: `4/(3*pi-8)`, `6/zeta(3)`, `besseli(1,2)/besseli(0,2)`.
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

    /// The exact value when the expression involves only rational arithmetic and integer powers.
    public var exactValue: Rational? {
        switch self {
        case .number(let value): return value
        case .constant, .call: return nil
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

    private static func combine(_ l: Expression, _ r: Expression, _ op: (Rational, Rational) -> Rational) -> Rational? {
        guard let x = l.exactValue, let y = r.exactValue else { return nil }
        return op(x, y)
    }

    /// Nesting depth, which sets the guard bits of an evaluation.
    var height: Int {
        switch self {
        case .number, .constant: return 1
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
