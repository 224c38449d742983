import CNumbersShims

/// A polynomial in one variable with integer coefficients, lowest degree first, no trailing zeros.
public struct Polynomial: Hashable, Sendable {
    public let coefficients: [BigInt]
    /// The coefficients as machine integers when they all fit, for fast evaluation.
    public let smallCoefficients: [Int]?

    public init(_ coefficients: [BigInt]) {
        var trimmed = coefficients
        while let last = trimmed.last, last.isZero { trimmed.removeLast() }
        self.coefficients = trimmed
        let small = trimmed.compactMap(\.asInt)
        smallCoefficients = small.count == trimmed.count ? small : nil
    }

    public init(_ coefficients: [Int]) { self.init(coefficients.map { BigInt($0) }) }

    public static let zero = Polynomial([BigInt]())
    public static let one = Polynomial([1])
    /// The polynomial n.
    public static let variable = Polynomial([0, 1])

    public var isZero: Bool { coefficients.isEmpty }
    /// Degree; -1 for the zero polynomial.
    public var degree: Int { coefficients.count - 1 }
    public var leadingCoefficient: BigInt { coefficients.last ?? .zero }
    public var isConstant: Bool { degree <= 0 }

    public func coefficient(_ k: Int) -> BigInt { k < coefficients.count ? coefficients[k] : .zero }

    /// p(n), exactly.
    public func callAsFunction(_ n: Int) -> BigInt {
        var result = BigInt(0)
        result.withMutablePointer { evaluate(at: n, into: $0) }
        return result
    }

    /// p(n) written into an existing GMP integer (Horner's rule, no allocation).
    public func evaluate(at n: Int, into result: UnsafeMutablePointer<__mpz_struct>) {
        __gmpz_set_si(result, 0)
        for c in coefficients.reversed() {
            __gmpz_mul_si(result, result, n)
            __gmpz_add(result, result, c.pointer)
        }
    }

    /// p(n) as a machine integer, or nil on overflow.
    public func evaluateSmall(at n: Int) -> Int? {
        guard let small = smallCoefficients else { return nil }
        var result = 0
        for c in small.reversed() {
            let (product, o1) = result.multipliedReportingOverflow(by: n)
            let (sum, o2) = product.addingReportingOverflow(c)
            if o1 || o2 { return nil }
            result = sum
        }
        return result
    }

    /// p(n) in 128 bits, or nil on overflow: beyond Int's range but far cheaper than GMP (b(n) = -n^6 at n = 10^4).
    public func evaluateWide(at n: Int) -> Int128? {
        guard let small = smallCoefficients else { return nil }
        var result: Int128 = 0
        let x = Int128(n)
        for c in small.reversed() {
            let (product, o1) = result.multipliedReportingOverflow(by: x)
            let (sum, o2) = product.addingReportingOverflow(Int128(c))
            if o1 || o2 { return nil }
            result = sum
        }
        return result
    }

    /// p(n) written into an existing GMP integer, through 128-bit arithmetic when it fits.
    public func evaluateFast(at n: Int, into result: UnsafeMutablePointer<__mpz_struct>) {
        guard let wide = evaluateWide(at: n) else { return evaluate(at: n, into: result) }
        let magnitude = wide.magnitude
        __gmpz_set_ui(result, UInt(truncatingIfNeeded: magnitude >> 64))
        __gmpz_mul_2exp(result, result, 64)
        __gmpz_add_ui(result, result, UInt(truncatingIfNeeded: magnitude))
        if wide < 0 { __gmpz_neg(result, result) }
    }

    /// p(x) in floating point.
    public func evaluate(at x: Double) -> Double {
        coefficients.reversed().reduce(0.0) { $0 * x + $1.asDouble }
    }
}

extension Polynomial {
    public static func + (l: Polynomial, r: Polynomial) -> Polynomial {
        Polynomial((0..<max(l.coefficients.count, r.coefficients.count)).map { l.coefficient($0) + r.coefficient($0) })
    }
    public static func - (l: Polynomial, r: Polynomial) -> Polynomial { l + (-r) }
    public static prefix func - (p: Polynomial) -> Polynomial { Polynomial(p.coefficients.map { -$0 }) }

    public static func * (l: Polynomial, r: Polynomial) -> Polynomial {
        if l.isZero || r.isZero { return .zero }
        var product = [BigInt](repeating: 0, count: l.coefficients.count + r.coefficients.count - 1)
        for (i, x) in l.coefficients.enumerated() {
            for (j, y) in r.coefficients.enumerated() { product[i + j] += x * y }
        }
        return Polynomial(product)
    }

    public static func * (l: Polynomial, r: BigInt) -> Polynomial { Polynomial(l.coefficients.map { $0 * r }) }

    public func power(_ k: Int) -> Polynomial {
        precondition(k >= 0, "negative exponent")
        return (0..<k).reduce(Polynomial.one) { acc, _ in acc * self }
    }

    /// p(q(n)).
    public func composed(with q: Polynomial) -> Polynomial {
        coefficients.reversed().reduce(Polynomial.zero) { acc, c in acc * q + Polynomial([c]) }
    }

    /// p(n + k): the shift of the index by k.
    public func shifted(by k: Int) -> Polynomial { composed(with: Polynomial([k, 1])) }

    /// The gcd of the coefficients (0 for the zero polynomial), always >= 0.
    public var content: BigInt { coefficients.reduce(BigInt.zero) { BigInt.gcd($0, $1) } }
}
