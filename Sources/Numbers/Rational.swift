/// An exact rational number in lowest terms with a positive denominator.
public struct Rational: Hashable, Sendable {
    public let numerator: BigInt
    public let denominator: BigInt

    public init(_ numerator: BigInt, _ denominator: BigInt = .one) {
        precondition(!denominator.isZero, "zero denominator")
        let divisor = BigInt.gcd(numerator, denominator)
        var n = numerator.exactlyDivided(by: divisor)
        var d = denominator.exactlyDivided(by: divisor)
        if d.signum < 0 { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    public init(_ value: Int) { self.init(BigInt(value)) }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public var isInteger: Bool { denominator == .one }
    public var isZero: Bool { numerator.isZero }
    public var signum: Int { numerator.signum }

    public static func + (l: Rational, r: Rational) -> Rational {
        Rational(l.numerator * r.denominator + r.numerator * l.denominator, l.denominator * r.denominator)
    }
    public static func - (l: Rational, r: Rational) -> Rational {
        Rational(l.numerator * r.denominator - r.numerator * l.denominator, l.denominator * r.denominator)
    }
    public static func * (l: Rational, r: Rational) -> Rational {
        Rational(l.numerator * r.numerator, l.denominator * r.denominator)
    }
    public static func / (l: Rational, r: Rational) -> Rational {
        precondition(!r.isZero, "division by zero")
        return Rational(l.numerator * r.denominator, l.denominator * r.numerator)
    }
    public static prefix func - (x: Rational) -> Rational { Rational(-x.numerator, x.denominator) }

    /// x^k for any integer k (x must be nonzero when k < 0).
    public func power(_ k: Int) -> Rational {
        if k >= 0 { return Rational(numerator.power(k), denominator.power(k)) }
        precondition(!isZero, "division by zero")
        return Rational(denominator.power(-k), numerator.power(-k))
    }
}

extension Rational: Comparable {
    public static func < (l: Rational, r: Rational) -> Bool {
        l.numerator * r.denominator < r.numerator * l.denominator
    }
}

extension Rational: CustomStringConvertible {
    public var description: String { isInteger ? numerator.description : "\(numerator)/\(denominator)" }
}
