import CNumbersShims
import Glibc
import Numbers

/// significand · 2^exponent with a Double significand of magnitude in [1, 2) (or 0) and an Int exponent: 53 bits of
/// a number far beyond Double's range, such as a convergent's denominator at depth 2000 (tens of thousands of bits).
struct ScaledDouble {
    private(set) var significand: Double
    private(set) var exponent: Int

    static let zero = ScaledDouble(0)

    @inline(__always)
    init(_ x: Double, exponent: Int = 0) {
        let (significand, shift) = ScaledDouble.split(x)
        self.init(exactly: significand, exponent: exponent + shift)
    }

    @inline(__always)
    private init(exactly significand: Double, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// x = s · 2^e with |s| in [1, 2), from the bits (Double's `significand` and `exponent` are calls into the runtime).
    @inline(__always)
    private static func split(_ x: Double) -> (Double, Int) {
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7ff)
        if biased != 0 && biased != 0x7ff {
            return (Double(bitPattern: bits & 0x800F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000), biased - 1023)
        }
        if x == 0 || !x.isFinite { return (x, 0) }
        return splitSubnormal(x)
    }

    @inline(never)
    private static func splitSubnormal(_ x: Double) -> (Double, Int) {
        let (s, e) = split(x * 0x1p64)
        return (s, e - 64)
    }

    /// The integer truncated to 53 bits (relative error below 2^-52).
    init(_ x: BigInt) {
        var e = 0
        let m = __gmpz_get_d_2exp(&e, x.pointer)
        self.init(m, exponent: e)
    }

    var isZero: Bool { significand == 0 }
    var magnitude: ScaledDouble { ScaledDouble(exactly: abs(significand), exponent: exponent) }
    /// log2 |x| (-infinity for zero).
    var log2Magnitude: Double { isZero ? -.infinity : Double(exponent) + log2(abs(significand)) }

    /// The value as an MPFR number: exact, since the significand has 53 bits.
    func bigFloat(precision: Int) -> BigFloat {
        BigFloat(significand, precision: max(precision, 53)).timesPowerOfTwo(exponent)
    }

    /// x · 2^k, rounded (to zero far below Double's range).
    @inline(__always)
    static func scale(_ x: Double, by k: Int) -> Double {
        if k >= -1022 { return x * Double(bitPattern: UInt64(min(k, 1023) + 1023) << 52) }
        return k < -1100 ? 0 : x * 0x1p-100 * Double(bitPattern: UInt64(k + 100 + 1023) << 52)
    }

    @inline(__always)
    static func * (l: ScaledDouble, r: ScaledDouble) -> ScaledDouble {
        ScaledDouble(l.significand * r.significand, exponent: l.exponent + r.exponent)
    }

    @inline(__always)
    static func / (l: ScaledDouble, r: ScaledDouble) -> ScaledDouble {
        ScaledDouble(l.significand / r.significand, exponent: l.exponent - r.exponent)
    }

    @inline(__always)
    static func + (l: ScaledDouble, r: ScaledDouble) -> ScaledDouble {
        if l.isZero { return r }
        if r.isZero { return l }
        // The smaller operand shifted to the larger's exponent.
        let (big, small) = l.exponent >= r.exponent ? (l, r) : (r, l)
        return ScaledDouble(big.significand + scale(small.significand, by: small.exponent - big.exponent), exponent: big.exponent)
    }

    @inline(__always)
    static func += (l: inout ScaledDouble, r: ScaledDouble) { l = l + r }
}
