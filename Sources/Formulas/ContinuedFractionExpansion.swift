import CNumbersShims
import Numbers

/// Expands a number known to lie in an interval [lower, upper] (exact rationals) as a signed continued
/// fraction x = a0 + s0/(a1 + s1/(a2 + ...)), signs s_i = pattern[i mod l], by the floor/ceiling rule of
/// algorithms.md §3: a_i = floor(x_i) when s_i = +1, ceil(x_i) when s_i = -1, x_{i+1} = s_i/(x_i - a_i).
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
    var lowerRemainder = MPZ(), upperRemainder = MPZ(), lowerQuotient = MPZ(), upperQuotient = MPZ()
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
            if positive {
                __gmpz_fdiv_qr(lowerQuotient.pointer, lowerRemainder.pointer, lowerNumerator.pointer, lowerDenominator.pointer)
                __gmpz_fdiv_qr(upperQuotient.pointer, upperRemainder.pointer, upperNumerator.pointer, upperDenominator.pointer)
            } else {
                __gmpz_cdiv_qr(lowerQuotient.pointer, lowerRemainder.pointer, lowerNumerator.pointer, lowerDenominator.pointer)
                __gmpz_cdiv_qr(upperQuotient.pointer, upperRemainder.pointer, upperNumerator.pointer, upperDenominator.pointer)
            }
            guard __gmpz_cmp(lowerQuotient.pointer, upperQuotient.pointer) == 0 else { return .precisionExhausted }
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
}
