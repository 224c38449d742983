import CNumbersShims

extension BigInt: Equatable, Hashable, Comparable {
    public static func == (lhs: BigInt, rhs: BigInt) -> Bool { __gmpz_cmp(lhs.pointer, rhs.pointer) == 0 }
    public static func < (lhs: BigInt, rhs: BigInt) -> Bool { __gmpz_cmp(lhs.pointer, rhs.pointer) < 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt {
    /// A fresh result computed by `body` into an empty GMP integer.
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let result = MPZ()
        body(result.pointer)
        return BigInt(storage: result)
    }

    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt { make { __gmpz_add($0, lhs.pointer, rhs.pointer) } }
    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt { make { __gmpz_sub($0, lhs.pointer, rhs.pointer) } }
    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt { make { __gmpz_mul($0, lhs.pointer, rhs.pointer) } }
    public static func * (lhs: BigInt, rhs: Int) -> BigInt { make { __gmpz_mul_si($0, lhs.pointer, rhs) } }
    public static prefix func - (value: BigInt) -> BigInt { make { __gmpz_neg($0, value.pointer) } }

    /// Quotient rounded toward zero, as Swift's `/` on integers.
    public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "division by zero")
        return make { __gmpz_tdiv_q($0, lhs.pointer, rhs.pointer) }
    }

    /// Remainder with the sign of the dividend, as Swift's `%` on integers.
    public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "division by zero")
        return make { __gmpz_tdiv_r($0, lhs.pointer, rhs.pointer) }
    }

    /// Floor division: the largest q with q * rhs <= lhs (for rhs > 0).
    public func floorDivided(by divisor: BigInt) -> BigInt {
        precondition(!divisor.isZero, "division by zero")
        return BigInt.make { __gmpz_fdiv_q($0, pointer, divisor.pointer) }
    }

    public static func += (lhs: inout BigInt, rhs: BigInt) { lhs.withMutablePointer { __gmpz_add($0, $0, rhs.pointer) } }
    public static func -= (lhs: inout BigInt, rhs: BigInt) { lhs.withMutablePointer { __gmpz_sub($0, $0, rhs.pointer) } }
    public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs.withMutablePointer { __gmpz_mul($0, $0, rhs.pointer) } }
    public static func *= (lhs: inout BigInt, rhs: Int) { lhs.withMutablePointer { __gmpz_mul_si($0, $0, rhs) } }

    public var magnitude: BigInt { BigInt.make { __gmpz_abs($0, pointer) } }

    public func power(_ exponent: Int) -> BigInt {
        precondition(exponent >= 0, "negative exponent")
        return BigInt.make { __gmpz_pow_ui($0, pointer, UInt(exponent)) }
    }

    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt { make { __gmpz_gcd($0, a.pointer, b.pointer) } }

    /// Exact division; the divisor must divide self.
    public func exactlyDivided(by divisor: BigInt) -> BigInt { BigInt.make { __gmpz_divexact($0, pointer, divisor.pointer) } }

    public static func factorial(_ n: Int) -> BigInt { make { __gmpz_fac_ui($0, UInt(n)) } }
    /// C(n, k) for 0 <= k <= n.
    public static func binomial(_ n: Int, _ k: Int) -> BigInt { make { __gmpz_bin_uiui($0, UInt(n), UInt(k)) } }

    /// floor(sqrt(x)) for x >= 0.
    public var squareRoot: BigInt { BigInt.make { __gmpz_sqrt($0, pointer) } }

    public var isPerfectSquare: Bool { __gmpz_perfect_square_p(pointer) != 0 }
}

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
    public var description: String { toString(radix: 10) }

    public func toString(radix: Int32) -> String {
        let size = __gmpz_sizeinbase(pointer, radix) + 2
        var buffer = [CChar](repeating: 0, count: size)
        __gmpz_get_str(&buffer, radix, pointer)
        return String(cString: buffer)
    }

    public init?(_ description: String) { self.init(description, radix: 10) }
}

extension Int {
    /// The greatest common divisor of |a| and |b| (0 for 0, 0).
    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return Int(x)
    }
}
