import CNumbersShims

public typealias MPFRUnary = (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32
public typealias MPFRBinary = (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32

extension BigFloat {
    @inlinable static func binary(_ l: BigFloat, _ r: BigFloat, _ op: MPFRBinary) -> BigFloat {
        make(precision: max(l.precision, r.precision)) { _ = op($0, l.pointer, r.pointer, MPFR_RNDN) }
    }

    /// Applies a correctly rounded MPFR function at this value's precision.
    @inlinable public func applying(_ op: MPFRUnary) -> BigFloat {
        BigFloat.make(precision: precision) { _ = op($0, pointer, MPFR_RNDN) }
    }

    public static func + (l: BigFloat, r: BigFloat) -> BigFloat { binary(l, r, mpfr_add) }
    public static func - (l: BigFloat, r: BigFloat) -> BigFloat { binary(l, r, mpfr_sub) }
    public static func * (l: BigFloat, r: BigFloat) -> BigFloat { binary(l, r, mpfr_mul) }
    public static func / (l: BigFloat, r: BigFloat) -> BigFloat { binary(l, r, mpfr_div) }
    public static prefix func - (x: BigFloat) -> BigFloat { x.applying(mpfr_neg) }

    public static func + (l: BigFloat, r: Int) -> BigFloat { make(precision: l.precision) { _ = mpfr_add_si($0, l.pointer, r, MPFR_RNDN) } }
    public static func - (l: BigFloat, r: Int) -> BigFloat { make(precision: l.precision) { _ = mpfr_sub_si($0, l.pointer, r, MPFR_RNDN) } }
    public static func * (l: BigFloat, r: Int) -> BigFloat { make(precision: l.precision) { _ = mpfr_mul_si($0, l.pointer, r, MPFR_RNDN) } }
    public static func / (l: BigFloat, r: Int) -> BigFloat { make(precision: l.precision) { _ = mpfr_div_si($0, l.pointer, r, MPFR_RNDN) } }
    public static func * (l: BigFloat, r: BigInt) -> BigFloat { make(precision: l.precision) { _ = mpfr_mul_z($0, l.pointer, r.pointer, MPFR_RNDN) } }

    public var magnitude: BigFloat { applying(mpfr_abs) }

    /// x^k for an integer k.
    public func power(_ k: Int) -> BigFloat {
        BigFloat.make(precision: precision) { _ = mpfr_pow_si($0, pointer, k, MPFR_RNDN) }
    }

    /// x^y (real; NaN where undefined).
    public func power(_ y: BigFloat) -> BigFloat { BigFloat.binary(self, y, mpfr_pow) }

    /// x * 2^k, exact.
    public func timesPowerOfTwo(_ k: Int) -> BigFloat {
        BigFloat.make(precision: precision) { _ = mpfr_mul_2si($0, pointer, k, MPFR_RNDN) }
    }
}

extension BigFloat: Comparable {
    public static func == (l: BigFloat, r: BigFloat) -> Bool { mpfr_equal_p(l.pointer, r.pointer) != 0 }
    public static func < (l: BigFloat, r: BigFloat) -> Bool { mpfr_less_p(l.pointer, r.pointer) != 0 }
}
