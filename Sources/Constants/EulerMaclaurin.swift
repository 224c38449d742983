import Numbers

/// The Euler–Maclaurin correction -sum_{k>=1} B_{2k}/(2k)! f^(2k-1)(N), summed until a term falls
/// below 2^-precision relative to `scale` (the terms first fall, then grow: callers pick N large
/// enough, about twice the digits wanted, that the smallest term is far below the target).
///
/// `oddDerivative(m)` returns f^(m)(N) for odd m.
func eulerMaclaurinCorrection(precision: Int, scale: BigFloat, oddDerivative: (Int) -> BigFloat) -> BigFloat {
    var total = BigFloat(0, precision: precision)
    let twoPi = BigFloat.pi(precision: precision) * 2
    let inverseTwoPiSquared = BigFloat(1, precision: precision) / (twoPi * twoPi)
    var powerOfTwoPi = BigFloat(1, precision: precision)  // (2 pi)^(-2k)
    let threshold = scale.isZero ? -precision : scale.exponent - precision - 8
    var previousMagnitude = Int.max
    for k in 1... {
        powerOfTwoPi = powerOfTwoPi * inverseTwoPiSquared
        // B_{2k}/(2k)! = (-1)^(k+1) · 2 ζ(2k) / (2π)^(2k).
        var c = BigFloat.zeta(2 * k, precision: precision) * powerOfTwoPi * 2
        if k % 2 == 0 { c = -c }
        let term = c * oddDerivative(2 * k - 1)
        if term.isZero { break }
        if term.exponent > previousMagnitude { break }  // the asymptotic series started to diverge
        total = total - term
        if term.exponent < threshold { break }
        previousMagnitude = term.exponent
    }
    return total
}
