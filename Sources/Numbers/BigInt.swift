import CNumbersShims
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// An arbitrary-precision integer on GMP, with value semantics (copy on write).
public struct BigInt: @unchecked Sendable {
    /// The GMP integer behind this value; shared between copies until one of them is written.
    public private(set) var storage: MPZ

    public init() { storage = MPZ() }
    public init(_ value: Int) { storage = MPZ(value) }
    public init(storage: MPZ) { self.storage = storage }
    public init(copying value: UnsafePointer<__mpz_struct>) {
        storage = MPZ()
        __gmpz_set(storage.pointer, value)
    }

    /// Parses a decimal (or other radix) integer with an optional sign; nil if malformed.
    public init?(_ text: String, radix: Int32 = 10) {
        var body = Substring(text)
        if body.first == "+" { body = body.dropFirst() }
        let digits = body.first == "-" ? body.dropFirst() : body
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit }) else { return nil }
        let storage = MPZ()
        guard __gmpz_set_str(storage.pointer, String(body), radix) == 0 else { return nil }
        self.storage = storage
    }

    /// The GMP integer, made unique first so that it may be written.
    public mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = MPZ(copying: storage) }
        return try body(storage.pointer)
    }

    /// The GMP integer, read only.
    public var pointer: UnsafeMutablePointer<__mpz_struct> { storage.pointer }

    public static let zero = BigInt(0)
    public static let one = BigInt(1)

    /// -1, 0 or 1.
    public var signum: Int { Int(apery_mpz_sgn(pointer)) }
    public var isZero: Bool { signum == 0 }
    public var isOdd: Bool { apery_mpz_odd(pointer) != 0 }

    /// The value as an `Int`, or nil if it does not fit.
    public var asInt: Int? { apery_mpz_fits_slong(pointer) != 0 ? __gmpz_get_si(pointer) : nil }

    /// Number of bits of |self| (0 for zero).
    public var bitWidth: Int { isZero ? 0 : Int(__gmpz_sizeinbase(pointer, 2)) }

    /// log2 |self| as a Double, accurate for any size (-infinity for zero).
    public var log2Magnitude: Double {
        if isZero { return -.infinity }
        var exponent = 0
        let mantissa = __gmpz_get_d_2exp(&exponent, pointer)
        return Double(exponent) + log2(abs(mantissa))
    }

    public var asDouble: Double { __gmpz_get_d(pointer) }
}
