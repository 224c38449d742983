import Numbers

/// Special functions that MPFR does not provide, at any precision (in bits).
/// Each works at the requested precision plus guard bits and rounds once at the end.
public enum SpecialFunctions {
    static let guardBits = 32

    /// The modified Bessel function I_n(x) = sum_k (x/2)^(2k+n) / (k! (k+n)!), integer n >= 0.
    /// All terms are positive, so the series loses nothing to cancellation.
    public static func besselI(order n: Int, _ x: BigFloat, precision: Int) -> BigFloat {
        let order = abs(n)  // I_{-n} = I_n for integer n
        let work = precision + guardBits + Int(Double.maximum(x.magnitude.asDouble, 1).rounded(.up)) * 2
        let half = x.rounded(toPrecision: work) / 2
        let quarterSquare = half * half
        var term = half.power(order) / BigFloat(BigInt.factorial(order), precision: work)
        var sum = term
        for k in 1... {
            term = term * quarterSquare / (k * (k + order))
            sum = sum + term
            if term.isZero || sum.isZero || term.exponent < sum.exponent - work { break }
        }
        return sum.rounded(toPrecision: precision)
    }

    /// The modified Bessel function of the second kind K_n(x), integer n, x > 0, from the series with the
    /// logarithm (DLMF 10.31.1): K_n = ½ (x/2)^-n Σ_{k<n} (n-k-1)!/k! (-x²/4)^k + (-1)^(n+1) log(x/2) I_n(x)
    /// + (-1)^n ½ (x/2)^n Σ_k (ψ(k+1) + ψ(n+k+1)) (x²/4)^k / (k! (n+k)!). The terms grow like e^x while K_n
    /// falls like e^-x, so the work carries 2x/log 2 extra bits.
    public static func besselK(order n: Int, _ x: BigFloat, precision: Int) -> BigFloat {
        precondition(x.signum > 0, "besselK needs x > 0")
        let order = abs(n)  // K_{-n} = K_n
        let work = precision + guardBits + Int((x.asDouble * 2.8853900817779268).rounded(.up)) + 2 * digits(forBits: 16 * order)
        let half = x.rounded(toPrecision: work) / 2
        let quarterSquare = half * half
        var finite = BigFloat(0, precision: work)
        if order > 0 {
            // t_k = (n-k-1)!/k! (-x²/4)^k, t_k / t_{k-1} = -x²/4 / (k (n-k)).
            var term = BigFloat(BigInt.factorial(order - 1), precision: work)
            finite = term
            for k in 1..<order {
                term = -(term * quarterSquare) / (k * (order - k))
                finite = finite + term
            }
            finite = finite / half.power(order) / 2
        }
        let logarithmic = half.log * besselI(order: order, half * 2, precision: work)
        // ψ(k+1) + ψ(n+k+1) = H_k + H_{n+k} - 2γ.
        let twiceGamma = BigFloat.euler(precision: work) * 2
        var harmonicK = BigFloat(0, precision: work)
        var harmonicNK = BigFloat(0, precision: work)
        for j in stride(from: 1, through: order, by: 1) { harmonicNK = harmonicNK + BigFloat(1, precision: work) / j }
        var term = half.power(order) / BigFloat(BigInt.factorial(order), precision: work)
        var series = term * (harmonicNK - twiceGamma)
        for k in 1... {
            term = term * quarterSquare / (k * (k + order))
            harmonicK = harmonicK + BigFloat(1, precision: work) / k
            harmonicNK = harmonicNK + BigFloat(1, precision: work) / (k + order)
            let contribution = term * (harmonicK + harmonicNK - twiceGamma)
            series = series + contribution
            if contribution.isZero || contribution.exponent < series.exponent - work { break }
        }
        let tail = series / 2 - logarithmic
        return (finite + (order % 2 == 0 ? tail : -tail)).rounded(toPrecision: precision)
    }

    /// The Hurwitz zeta function ζ(s, a) = sum_{j>=0} (a + j)^-s for an integer s >= 2 and a > 0,
    /// by Euler–Maclaurin summation after N direct terms.
    public static func hurwitzZeta(_ s: Int, _ a: BigFloat, precision: Int) -> BigFloat {
        precondition(s >= 2, "hurwitzZeta needs s >= 2")
        let work = precision + guardBits
        let a = a.rounded(toPrecision: work)
        let n = max(2 * digits(forBits: precision), 20)
        var sum = BigFloat(0, precision: work)
        for j in 0..<n { sum = sum + (a + j).power(-s) }
        let tailBase = a + n
        sum = sum + tailBase.power(1 - s) / (s - 1) + tailBase.power(-s) / 2
        // f(x) = (x + a)^-s, f^(m)(N) = (-1)^m (s)_m (N + a)^(-s-m); m is odd here.
        sum = sum + eulerMaclaurinCorrection(precision: work, scale: sum) { m in
            var rising = BigInt(1)
            for i in 0..<m { rising *= BigInt(s + i) }
            return -(tailBase.power(-s - m) * rising)
        }
        return sum.rounded(toPrecision: precision)
    }

    /// The polygamma function psi^(k)(x): the digamma function for k = 0, and
    /// (-1)^(k+1) k! ζ(k+1, x) for k >= 1 and x > 0.
    public static func polygamma(_ k: Int, _ x: BigFloat, precision: Int) -> BigFloat {
        precondition(k >= 0, "polygamma needs k >= 0")
        if k == 0 { return x.rounded(toPrecision: precision + guardBits).digamma.rounded(toPrecision: precision) }
        let value = hurwitzZeta(k + 1, x, precision: precision + guardBits) * BigInt.factorial(k)
        return (k % 2 == 1 ? value : -value).rounded(toPrecision: precision)
    }

    /// The exponential integral E1(x) = ∫_x^∞ e^-t/t dt for x > 0 (MPFR's eint(-x) is -E1(x)).
    public static func e1(_ x: BigFloat, precision: Int) -> BigFloat {
        (-(-x.rounded(toPrecision: precision + guardBits)).exponentialIntegral).rounded(toPrecision: precision)
    }

    /// ζ'(2) = -sum_{n>=1} ln(n)/n^2, by Euler–Maclaurin: f(x) = ln(x)/x^2 has derivatives
    /// f^(m)(x) = x^(-2-m) (α_m ln x + β_m) with integers α_{m+1} = -(2+m) α_m, β_{m+1} = α_m - (2+m) β_m.
    public static func zetaDerivativeAtTwo(precision: Int) -> BigFloat {
        let work = precision + guardBits
        let n = max(2 * digits(forBits: precision), 20)
        var sum = BigFloat(0, precision: work)
        for j in 2..<n { sum = sum + BigFloat(j, precision: work).log / (j * j) }
        let big = BigFloat(n, precision: work)
        let logN = big.log
        sum = sum + (logN + 1) / n + logN / (n * n) / 2
        var alphas = [BigInt(1)], betas = [BigInt(0)]
        sum = sum + eulerMaclaurinCorrection(precision: work, scale: sum) { m in
            while alphas.count <= m {
                let i = alphas.count - 1
                alphas.append(alphas[i] * BigInt(-(2 + i)))
                betas.append(alphas[i] - betas[i] * BigInt(2 + i))
            }
            return big.power(-2 - m) * (logN * alphas[m] + BigFloat(betas[m], precision: work))
        }
        return (-sum).rounded(toPrecision: precision)
    }

    /// Glaisher–Kinkelin constant: ln A = (γ + ln 2π)/12 - ζ'(2)/(2π²).
    public static func glaisher(precision: Int) -> BigFloat {
        let work = precision + guardBits
        let pi = BigFloat.pi(precision: work)
        let logA = (BigFloat.euler(precision: work) + (pi * 2).log) / 12
            - zetaDerivativeAtTwo(precision: work) / (pi * pi * 2)
        return logA.exp.rounded(toPrecision: precision)
    }

    /// Khinchin's constant: ln K ln 2 = sum_{n>=1} (ζ(2n) - 1)/n · (1 - 1/2 + 1/3 - ... + 1/(2n-1)).
    /// ζ(2n) - 1 is about 4^-n, so term n needs only precision - 2n bits of relative accuracy.
    public static func khinchin(precision: Int) -> BigFloat {
        let work = precision + guardBits
        var sum = BigFloat(0, precision: work)
        var alternatingHarmonic = BigFloat(0, precision: work)
        for n in 1... {
            if n > 1 { alternatingHarmonic = alternatingHarmonic - BigFloat(1, precision: work) / (2 * n - 2) }
            alternatingHarmonic = alternatingHarmonic + BigFloat(1, precision: work) / (2 * n - 1)
            let local = max(work - 2 * n + 16, 32)
            let zetaMinusOne = (BigFloat.zeta(2 * n, precision: local + 2 * n) - 1).rounded(toPrecision: local)
            let term = zetaMinusOne * alternatingHarmonic.rounded(toPrecision: local) / n
            sum = sum + term.rounded(toPrecision: work)
            if term.exponent < sum.exponent - work { break }
        }
        return (sum / BigFloat.log2Constant(precision: work)).exp.rounded(toPrecision: precision)
    }
}
