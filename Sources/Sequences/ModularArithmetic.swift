import Numbers

/// Arithmetic modulo a prime below 2^63: the fast, exact shadow of integer and rational computations.
/// A sequence's recurrence is found modulo p, where every operation costs a few nanoseconds, and only
/// then reconstructed and confirmed over the integers.
public struct ModularArithmetic: Hashable, Sendable {
    public let modulus: UInt64

    /// 2^61 - 1: reduction needs only shifts and adds.
    public static let mersenne61 = ModularArithmetic(modulus: (1 << 61) - 1)
    /// Further primes for the Chinese remainder theorem: the largest below 2^62 and 2^63.
    public static let primes: [ModularArithmetic] = [mersenne61, ModularArithmetic(modulus: (1 << 62) - 57),
                                                     ModularArithmetic(modulus: (1 << 63) - 25)]

    @inlinable public init(modulus: UInt64) { self.modulus = modulus }

    @inlinable @inline(__always) public func add(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let s = x &+ y
        return s >= modulus || s < x ? s &- modulus : s
    }

    @inlinable @inline(__always) public func subtract(_ x: UInt64, _ y: UInt64) -> UInt64 { x >= y ? x - y : x &+ (modulus - y) }

    @inlinable @inline(__always) public func negate(_ x: UInt64) -> UInt64 { x == 0 ? 0 : modulus - x }

    @inlinable @inline(__always) public func multiply(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let (high, low) = x.multipliedFullWidth(by: y)
        if modulus == (1 << 61) - 1 {
            // x·y = high·2^64 + low = (high·8 + low>>61)·2^61 + (low & p), and 2^61 = 1 (mod p).
            let folded = (high << 3 | low >> 61) + (low & modulus)
            return folded >= modulus ? folded - modulus : folded
        }
        return modulus.dividingFullWidth((high, low)).remainder
    }

    @inlinable public func power(_ x: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1, base = x, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }

    /// x^-1 by Fermat; x must not be 0.
    @inlinable public func inverse(_ x: UInt64) -> UInt64 { power(x, modulus - 2) }

    public func residue(_ x: Int) -> UInt64 {
        x >= 0 ? UInt64(x) % modulus : negate(UInt64(x.magnitude) % modulus)
    }

    public func residue(_ x: BigInt) -> UInt64 {
        if let small = x.asInt { return residue(small) }
        let r = x % BigInt(Int(bitPattern: UInt(modulus)))  // moduli are below 2^63
        return residue(r.asInt!)
    }

    /// The residue of a rational number; nil when p divides its denominator.
    public func residue(_ x: Rational) -> UInt64? {
        let d = residue(x.denominator)
        return d == 0 ? nil : multiply(residue(x.numerator), inverse(d))
    }
}

/// The rational a/b with |a|, |b| <= sqrt(m/2) congruent to u modulo m, if there is one (Wang's
/// algorithm: the extended Euclidean algorithm stopped half way).
public func rationalReconstruction(_ u: BigInt, modulus m: BigInt) -> Rational? {
    var (r0, r1) = (m, ((u % m) + m) % m)
    var (t0, t1) = (BigInt.zero, BigInt.one)
    let bound = (m / 2).squareRoot
    while bound < r1 {
        let q = r0.floorDivided(by: r1)
        (r0, r1) = (r1, r0 - q * r1)
        (t0, t1) = (t1, t0 - q * t1)
    }
    guard !t1.isZero, t1.magnitude <= bound else { return nil }
    guard BigInt.gcd(r1, t1) == .one else { return nil }
    return Rational(r1, t1)
}

/// Combines residues modulo distinct primes into one residue modulo their product.
public func chineseRemainder(_ residues: [UInt64], moduli: [ModularArithmetic]) -> (value: BigInt, modulus: BigInt) {
    var value = BigInt.zero, modulus = BigInt.one
    for (r, field) in zip(residues, moduli) {
        // value + modulus·t = r (mod p): t = (r - value)·modulus^-1.
        let difference = field.subtract(r, field.residue(value))
        let t = field.multiply(difference, field.inverse(field.residue(modulus)))
        value += modulus * BigInt(Int(bitPattern: UInt(t)))
        modulus *= BigInt(Int(bitPattern: UInt(field.modulus)))
    }
    return (value, modulus)
}
