/// tanh of eight numbers, each within a few units in the last place, in plain vector arithmetic: the proxies' hidden
/// layers spent half their time in libm's tanh and expm1 calls, which work one number at a time.
///
/// tanh|x| = e / (e + 2) with e = expm1(2|x|). With 2|x| = k ln 2 + r, |r| <= ln 2 / 2 (Cody and Waite's two-part
/// ln 2, so k ln 2 is exact), expm1(2|x|) = 2^k expm1(r) + (2^k - 1), and expm1(r) = r (1 + r/2! + ... + r^12/13!):
/// the remainder is below 1e-17 of r there. Beyond |x| = 25, tanh rounds to ±1.
@inlinable @inline(__always)
public func inlineTanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let magnitude = SIMD8<Double>(bitPattern: x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
    // NaN takes 50 here (the comparison fails), and is returned as NaN below.
    let y = (2 * magnitude).replacing(with: 50, where: .!(2 * magnitude .< 50))
    // Round to nearest by adding 1.5 * 2^52: k is then the low bits of the sum.
    let shifted = y * 1.4426950408889634 + 6755399441055744.0
    let k = shifted - 6755399441055744.0
    let r = (y - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    var p = SIMD8<Double>(repeating: 1 / 6227020800.0)
    p = p * r + 1 / 479001600.0
    p = p * r + 1 / 39916800.0
    p = p * r + 1 / 3628800.0
    p = p * r + 1 / 362880.0
    p = p * r + 1 / 40320.0
    p = p * r + 1 / 5040.0
    p = p * r + 1 / 720.0
    p = p * r + 1 / 120.0
    p = p * r + 1 / 24.0
    p = p * r + 1 / 6.0
    p = p * r + 0.5
    p = p * r + 1
    let kBits = shifted.bitPattern &- (6755399441055744.0 as Double).bitPattern
    let scale = SIMD8<Double>(bitPattern: (kBits &+ 1023) &<< 52)
    let e = scale * (p * r) + (scale - 1)
    let t = SIMD8<Double>(bitPattern: (e / (e + 2)).bitPattern | (x.bitPattern & 0x8000_0000_0000_0000))
    return t.replacing(with: x, where: x .!= x)
}

extension SIMD8 where Scalar == Double {
    @inlinable var bitPattern: SIMD8<UInt64> { unsafeBitCast(self, to: SIMD8<UInt64>.self) }
    @inlinable init(bitPattern: SIMD8<UInt64>) { self = unsafeBitCast(bitPattern, to: SIMD8<Double>.self) }
}
