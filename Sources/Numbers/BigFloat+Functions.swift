import CNumbersShims

/// Elementary and special functions of MPFR, each correctly rounded at the argument's precision.
extension BigFloat {
    public static func pi(precision: Int) -> BigFloat { make(precision: precision) { _ = mpfr_const_pi($0, MPFR_RNDN) } }
    public static func euler(precision: Int) -> BigFloat { make(precision: precision) { _ = mpfr_const_euler($0, MPFR_RNDN) } }
    public static func catalan(precision: Int) -> BigFloat { make(precision: precision) { _ = mpfr_const_catalan($0, MPFR_RNDN) } }
    public static func log2Constant(precision: Int) -> BigFloat { make(precision: precision) { _ = mpfr_const_log2($0, MPFR_RNDN) } }

    /// Riemann zeta at a positive integer s >= 2.
    public static func zeta(_ s: Int, precision: Int) -> BigFloat {
        make(precision: precision) { _ = mpfr_zeta_ui($0, UInt(s), MPFR_RNDN) }
    }

    public var squareRoot: BigFloat { applying(mpfr_sqrt) }
    public var cubeRoot: BigFloat { applying(mpfr_cbrt) }
    public var exp: BigFloat { applying(mpfr_exp) }
    public var log: BigFloat { applying(mpfr_log) }
    public var sin: BigFloat { applying(mpfr_sin) }
    public var cos: BigFloat { applying(mpfr_cos) }
    public var tan: BigFloat { applying(mpfr_tan) }
    public var cot: BigFloat { applying(mpfr_cot) }
    public var sec: BigFloat { applying(mpfr_sec) }
    public var csc: BigFloat { applying(mpfr_csc) }
    public var sinh: BigFloat { applying(mpfr_sinh) }
    public var cosh: BigFloat { applying(mpfr_cosh) }
    public var tanh: BigFloat { applying(mpfr_tanh) }
    public var coth: BigFloat { applying(mpfr_coth) }
    public var atan: BigFloat { applying(mpfr_atan) }
    public var asin: BigFloat { applying(mpfr_asin) }
    public var acos: BigFloat { applying(mpfr_acos) }
    public var asinh: BigFloat { applying(mpfr_asinh) }
    public var acosh: BigFloat { applying(mpfr_acosh) }
    public var atanh: BigFloat { applying(mpfr_atanh) }
    public var gamma: BigFloat { applying(mpfr_gamma) }
    public var logGamma: BigFloat { applying(mpfr_lngamma) }
    public var digamma: BigFloat { applying(mpfr_digamma) }
    /// Riemann zeta at a real argument.
    public var zeta: BigFloat { applying(mpfr_zeta) }
    /// Dilogarithm Li2(x) for real x <= 1.
    public var dilogarithm: BigFloat { applying(mpfr_li2) }
    /// The exponential integral Ei(x) for x > 0; for x < 0 MPFR returns -E1(-x).
    public var exponentialIntegral: BigFloat { applying(mpfr_eint) }

    /// The arithmetic-geometric mean of two non-negative numbers.
    public static func agm(_ x: BigFloat, _ y: BigFloat) -> BigFloat { binary(x, y, mpfr_agm) }

    /// Bessel function of the first kind J_n(x), integer order.
    public func besselJ(order n: Int) -> BigFloat {
        BigFloat.make(precision: precision) { _ = mpfr_jn($0, n, pointer, MPFR_RNDN) }
    }

    /// The n-th root (n >= 1).
    public func root(_ n: Int) -> BigFloat {
        BigFloat.make(precision: precision) { _ = mpfr_rootn_ui($0, pointer, UInt(n), MPFR_RNDN) }
    }
}
