import CNumbersShims
import Numbers

/// Expands a number known to lie in an interval [lower, upper] (exact rationals) as a signed continued
/// fraction x = a0 + s0/(a1 + s1/(a2 + ...)), signs s_i = pattern[i mod l], by the floor/ceiling rule of
/// docs/ALGORITHMS.md §3: a_i = floor(x_i) when s_i = +1, ceil(x_i) when s_i = -1, x_{i+1} = s_i/(x_i - a_i).
/// All +1 is the regular continued fraction, all -1 the backward one.
///
/// Both ends are expanded together with exact integers, and a term is produced only when both ends
/// give it: every term is certain. The ends stay ordered because s/(x - a) is decreasing in x for
/// s = +1 and increasing for s = -1. GMP works in place on six integers: this is ESMA's inner loop.
public struct ContinuedFractionExpansion {
    /// Why the expansion stopped.
    public enum Stop: Equatable, Sendable {
        /// maxTerms were produced.
        case complete
        /// The ends disagree on the next term: more precision is needed.
        case precisionExhausted
        /// The number is this rational: the last term ended it exactly.
        case exact
        /// An end is rational and ends here: the next term is not determined (only for intervals).
        case endpointRational
        /// The consumer declined further terms.
        case declined
    }

    var lowerNumerator = MPZ(), lowerDenominator = MPZ(), upperNumerator = MPZ(), upperDenominator = MPZ()
    var lowerRemainder = MPZ(), upperRemainder = MPZ(), lowerQuotient = MPZ()
    let isExact: Bool

    /// The interval [m - ulps, m + ulps] · 2^e around x = m · 2^e.
    public init(_ x: BigFloat, ulps: Int = 1) {
        let mantissa = MPZ()
        let exponent = Int(mpfr_get_z_2exp(mantissa.pointer, x.pointer))
        isExact = false
        if exponent >= 0 {
            __gmpz_mul_2exp(mantissa.pointer, mantissa.pointer, UInt(exponent))
            __gmpz_set_ui(lowerDenominator.pointer, 1)
            __gmpz_set_ui(upperDenominator.pointer, 1)
            // ulps · 2^e.
            __gmpz_set_ui(lowerRemainder.pointer, UInt(ulps))
            __gmpz_mul_2exp(lowerRemainder.pointer, lowerRemainder.pointer, UInt(exponent))
            __gmpz_sub(lowerNumerator.pointer, mantissa.pointer, lowerRemainder.pointer)
            __gmpz_add(upperNumerator.pointer, mantissa.pointer, lowerRemainder.pointer)
        } else {
            __gmpz_set_ui(lowerDenominator.pointer, 1)
            __gmpz_mul_2exp(lowerDenominator.pointer, lowerDenominator.pointer, UInt(-exponent))
            __gmpz_set(upperDenominator.pointer, lowerDenominator.pointer)
            __gmpz_sub_ui(lowerNumerator.pointer, mantissa.pointer, UInt(ulps))
            __gmpz_add_ui(upperNumerator.pointer, mantissa.pointer, UInt(ulps))
        }
    }

    /// An exact rational: the expansion is finite and ends with `.exact`.
    public init(_ x: Rational) {
        isExact = true
        __gmpz_set(lowerNumerator.pointer, x.numerator.pointer)
        __gmpz_set(lowerDenominator.pointer, x.denominator.pointer)
        __gmpz_set(upperNumerator.pointer, x.numerator.pointer)
        __gmpz_set(upperDenominator.pointer, x.denominator.pointer)
    }

    /// Produces up to maxTerms terms with the sign pattern (entries +1 or -1), handing each to `term`
    /// (which returns false to stop). The expansion is consumed.
    public mutating func run(signs: [Int], maxTerms: Int, term: (UnsafePointer<__mpz_struct>) -> Bool) -> Stop {
        precondition(!signs.isEmpty && signs.allSatisfy { $0 == 1 || $0 == -1 }, "signs are +1 or -1")
        var index = 0
        while index < maxTerms {
            let positive = signs[index % signs.count] > 0
            ContinuedFractionExpansion.divide(lowerQuotient, lowerRemainder, lowerNumerator, lowerDenominator, ceiling: !positive)
            // The upper end must have the same quotient: one multiply-subtract and a range check.
            guard ContinuedFractionExpansion.remainder(upperRemainder, upperNumerator, upperDenominator, quotient: lowerQuotient, ceiling: !positive) else {
                return .precisionExhausted
            }
            index += 1
            guard term(lowerQuotient.pointer) else { return .declined }
            let lowerEnds = apery_mpz_sgn(lowerRemainder.pointer) == 0, upperEnds = apery_mpz_sgn(upperRemainder.pointer) == 0
            if lowerEnds || upperEnds { return isExact ? .exact : .endpointRational }
            // x' = s/(x - a) = d/|r| at each end; the old numerators become the new remainders' storage.
            if positive {
                // Decreasing: the new lower end comes from the old upper end.
                swap(&lowerNumerator, &upperDenominator)       // lower numerator = old upper denominator
                swap(&upperNumerator, &lowerDenominator)       // upper numerator = old lower denominator
                swap(&lowerDenominator, &upperRemainder)       // lower denominator = upper remainder
                swap(&upperDenominator, &lowerRemainder)       // upper denominator = lower remainder
            } else {
                __gmpz_neg(lowerRemainder.pointer, lowerRemainder.pointer)
                __gmpz_neg(upperRemainder.pointer, upperRemainder.pointer)
                swap(&lowerNumerator, &lowerDenominator)
                swap(&upperNumerator, &upperDenominator)
                swap(&lowerDenominator, &lowerRemainder)
                swap(&upperDenominator, &upperRemainder)
            }
        }
        return .complete
    }

    /// q = floor(n/d) (or ceil), r = n - q d, for d > 0. Partial quotients are small: the quotient is
    /// estimated from the leading bits of n and d, and r = n - q d costs one linear pass (mpz_submul_ui)
    /// plus at most a few corrections, several times cheaper than a general division.
    @inline(__always)
    static func divide(_ q: MPZ, _ r: MPZ, _ n: MPZ, _ d: MPZ, ceiling: Bool) {
        let (mn, en) = leadingBits(n), (md, ed) = leadingBits(d)
        let shift = en - ed
        guard shift < 50, md != 0 else {
            if ceiling { __gmpz_cdiv_qr(q.pointer, r.pointer, n.pointer, d.pointer) } else { __gmpz_fdiv_qr(q.pointer, r.pointer, n.pointer, d.pointer) }
            return
        }
        var estimate = Int((mn / md * Double(sign: .plus, exponent: shift, significand: 1)).rounded(.down))
        if shift < -60 { estimate = mn < 0 ? -1 : 0 }
        __gmpz_set(r.pointer, n.pointer)
        if estimate >= 0 { __gmpz_submul_ui(r.pointer, d.pointer, UInt(estimate)) } else { __gmpz_addmul_ui(r.pointer, d.pointer, UInt(-estimate)) }
        // Floor: 0 <= r < d. Ceiling: -d < r <= 0.
        if ceiling {
            while apery_mpz_sgn(r.pointer) > 0 { __gmpz_sub(r.pointer, r.pointer, d.pointer); estimate += 1 }
            while __gmpz_cmpabs(r.pointer, d.pointer) >= 0 { __gmpz_add(r.pointer, r.pointer, d.pointer); estimate -= 1 }
        } else {
            while apery_mpz_sgn(r.pointer) < 0 { __gmpz_add(r.pointer, r.pointer, d.pointer); estimate -= 1 }
            while __gmpz_cmp(r.pointer, d.pointer) >= 0 { __gmpz_sub(r.pointer, r.pointer, d.pointer); estimate += 1 }
        }
        __gmpz_set_si(q.pointer, estimate)
    }

    /// r = n - q d; whether it is in [0, d) (floor) or (-d, 0] (ceiling), that is, whether q is n/d's quotient.
    @inline(__always)
    static func remainder(_ r: MPZ, _ n: MPZ, _ d: MPZ, quotient q: MPZ, ceiling: Bool) -> Bool {
        __gmpz_set(r.pointer, n.pointer)
        __gmpz_submul(r.pointer, d.pointer, q.pointer)
        let sign = apery_mpz_sgn(r.pointer)
        return ceiling ? sign <= 0 && __gmpz_cmpabs(r.pointer, d.pointer) < 0 : sign >= 0 && __gmpz_cmp(r.pointer, d.pointer) < 0
    }

    /// x ≈ m · 2^e from the top two limbs (m keeps x's sign): enough to estimate a small quotient.
    @inline(__always)
    static func leadingBits(_ x: MPZ) -> (Double, Int) {
        let size = Int(x.pointer.pointee._mp_size), limbs = abs(size)
        guard limbs > 0, let digits = x.pointer.pointee._mp_d else { return (0, 0) }
        let high = Double(digits[limbs - 1]), low = limbs > 1 ? Double(digits[limbs - 2]) : 0
        let m = high * 18446744073709551616.0 + low
        return (size < 0 ? -m : m, 64 * (limbs - 2))
    }
}

/// The last convergent p/q of the finite signed continued fraction a0 + s0/(a1 + s1/(... + s_{N-2}/a_{N-1})),
/// s_i = signs[i mod l], as the product [[1, a0], [0, 1]] · M_1 ··· M_{N-1} with M_i = [[0, s_{i-1}], [1, a_i]],
/// multiplied as a balanced tree so that GMP multiplies operands of equal size.
public func continuedFractionConvergent(terms: [BigInt], signs: [Int]) -> (p: BigInt, q: BigInt) {
    precondition(!terms.isEmpty, "no terms")
    func product(_ range: Range<Int>) -> Matrix2 {
        if range.count == 1 { let i = range.lowerBound; return Matrix2(0, BigInt(signs[(i - 1) % signs.count]), 1, terms[i]) }
        let mid = range.lowerBound + range.count / 2
        return product(range.lowerBound..<mid) * product(mid..<range.upperBound)
    }
    if terms.count == 1 { return (terms[0], 1) }
    let m = Matrix2(1, terms[0], 0, 1) * product(1..<terms.count)
    return (m.m01, m.m11)
}
