import CNumbersShims
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// An arbitrary-precision binary float on MPFR, with value semantics.
///
/// Each value carries its precision in bits. Binary operations round to the larger precision of
/// their operands; every MPFR operation is correctly rounded, so the error of an expression is
/// bounded by one half-ulp per operation, which callers cover with guard bits.
public struct BigFloat: @unchecked Sendable {
    @usableFromInline var storage: MPFR

    public init(storage: MPFR) { self.storage = storage }

    @inlinable public var pointer: UnsafeMutablePointer<__mpfr_struct> { storage.pointer }

    public var precision: Int { Int(apery_mpfr_get_prec(pointer)) }

    /// A fresh value of the given precision computed by `body`.
    @inlinable public static func make(precision: Int, _ body: (UnsafeMutablePointer<__mpfr_struct>) -> Void) -> BigFloat {
        let result = MPFR(precision: precision)
        body(result.pointer)
        return BigFloat(storage: result)
    }

    public init(_ value: Int, precision: Int) {
        self = .make(precision: precision) { _ = mpfr_set_si($0, value, MPFR_RNDN) }
    }

    public init(_ value: Double, precision: Int) {
        self = .make(precision: precision) { _ = mpfr_set_d($0, value, MPFR_RNDN) }
    }

    public init(_ value: BigInt, precision: Int) {
        self = .make(precision: precision) { _ = mpfr_set_z($0, value.pointer, MPFR_RNDN) }
    }

    public init(_ value: Rational, precision: Int) {
        // One rounding: the quotient of the exact integers.
        let numerator = BigFloat(value.numerator, precision: precision + 64)
        let denominator = BigFloat(value.denominator, precision: precision + 64)
        self = .make(precision: precision) { _ = mpfr_div($0, numerator.pointer, denominator.pointer, MPFR_RNDN) }
    }

    /// The value rounded to another precision.
    public func rounded(toPrecision bits: Int) -> BigFloat {
        BigFloat.make(precision: bits) { _ = mpfr_set($0, pointer, MPFR_RNDN) }
    }

    /// Parses a decimal number such as `-1.25e-3`; nil if malformed.
    public init?(_ text: String, precision: Int) {
        let trimmed = text.trimmingSpaces
        guard BigFloat.isDecimalLiteral(trimmed) else { return nil }
        let result = MPFR(precision: precision)
        guard mpfr_set_str(result.pointer, trimmed, 10, MPFR_RNDN) == 0 else { return nil }
        storage = result
    }

    static func isDecimalLiteral(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, mantissa.contains(where: \.isNumber),
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return false }
        if mantissaEnd == chars.endIndex { return true }
        var exponent = chars[chars.index(after: mantissaEnd)...]
        if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isNumber)
    }

    public var signum: Int { Int(apery_mpfr_sgn(pointer)) }
    public var isZero: Bool { apery_mpfr_zero_p(pointer) != 0 }
    public var isNaN: Bool { apery_mpfr_nan_p(pointer) != 0 }
    public var isInfinite: Bool { apery_mpfr_inf_p(pointer) != 0 }
    public var isFinite: Bool { !isNaN && !isInfinite }

    /// The binary exponent e with 0.5 <= |x| / 2^e < 1 (undefined for zero).
    public var exponent: Int { Int(apery_mpfr_get_exp(pointer)) }

    public var asDouble: Double { mpfr_get_d(pointer, MPFR_RNDN) }

    /// log10 |x|, accurate for any exponent (-infinity for zero).
    public var log10Magnitude: Double {
        if isZero { return -.infinity }
        var exp = 0
        let mantissa = mpfr_get_d_2exp(&exp, pointer, MPFR_RNDN)
        return (Double(exp) + log2(abs(mantissa))) * 0.301029995663981195
    }

    /// The nearest integer (ties away from zero); nil for NaN or infinity.
    public var roundedToInteger: BigInt? {
        guard isFinite else { return nil }
        return BigInt.make { _ = mpfr_get_z($0, pointer, MPFR_RNDN) }
    }

    /// The value exactly, as m * 2^e in lowest terms; nil for NaN or infinity.
    public var exactRational: Rational? {
        guard isFinite else { return nil }
        var exponent = 0
        let mantissa = BigInt.make { exponent = Int(mpfr_get_z_2exp($0, pointer)) }
        let power = BigInt(2).power(abs(exponent))
        return exponent >= 0 ? Rational(mantissa * power) : Rational(mantissa, power)
    }

}

/// Bits of binary precision that hold `digits` decimal digits.
public func bits(forDigits digits: Int) -> Int { Int((Double(digits) * 3.321928094887362).rounded(.up)) }

/// Decimal digits held by `bits` bits.
public func digits(forBits bits: Int) -> Int { Int(Double(bits) * 0.30102999566398120) }

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
