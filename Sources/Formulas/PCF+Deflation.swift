import CNumbersShims
import Dispatch
import Glibc
import Numbers

/// A factor of b(n) = h(n - 1) g(n) with h(n) > 0 for n >= 0. Then y_n = q_n / (h(1) ··· h(n)), and the same for p,
/// satisfy the deflated recurrence h(n) y_n = a(n) y_{n-1} + g(n) y_{n-2}, whose step matrices are
/// K(n) = [[0, g(n)], [h(n), a(n)]]. For Apéry's fraction, b(n) = -n^6, h(n) = (n + 1)^3 and the y_n are the Apéry
/// numbers.
///
/// Why: a product of K over a block of steps has a large common factor made of the block's small primes (for Apéry's
/// fraction near n = 5000, a quarter of the bits of a block of 48 steps, 40% of one of 256). A binary splitting that
/// divides it out of its blocks (Deflation+Blocks.swift) multiplies shorter integers at every merge, and multiplies the
/// factor back once at the end.
public struct Deflation: Sendable, Equatable {
    public let h: Polynomial
    public let g: Polynomial
    /// The roots r of h(n - 1) = (n - r1) ··· (n - rk): h(n) is the product of the integers n + 1 - r.
    let roots: [Int]

    /// Spans shorter than this keep the plain splitting: below it the final multiplication by the factor, and
    /// fractions whose blocks share little, cost more than the merges save (PCF dynamics at depth 2000 ran 5% slower).
    static let minimumSpan = 4096
    /// Steps per leaf. Longer blocks share a larger part of their bits (about a quarter at 48 steps, 40% at 256 for
    /// Apéry's fraction); beyond about 96 the leaves' own recurrence costs what the merges save.
    static let leafSpan = 96

    /// h(n - 1) is the product of up to deg(b)/2 factors (n - r) of b with integer roots 0 >= r >= -64, the largest
    /// roots first; nil when b has none. Half the degree balances h against g (b = -n^6 gives h(n - 1) = n^3).
    public init?(b: Polynomial) {
        var rest = b, roots: [Int] = []
        var root = 0
        while roots.count < b.degree / 2 && root >= -64 {
            if let quotient = rest.dividedExactly(byRoot: root) {
                roots.append(root)
                rest = quotient
            } else {
                root -= 1
            }
        }
        if roots.isEmpty { return nil }
        self.roots = roots
        g = rest
        h = roots.reduce(Polynomial.one) { $0 * Polynomial([1 - $1, 1]) }
    }
}

extension PCF {
    /// The deflation of b(n), for a fraction with one polynomial per side whose deflated steps up to n = hi fit the C
    /// loop's words (a and h below 2^62, g below 2^125).
    public func deflation(through hi: Int) -> Deflation? {
        guard !isInterlaced, let deflation = Deflation(b: bParts[0]) else { return nil }
        func bound(_ p: Polynomial) -> Double {
            p.coefficients.enumerated().reduce(0) { $0 + abs($1.element.asDouble) * pow(Double(hi + 1), Double($1.offset)) }
        }
        guard bound(aParts[0]) < 0x1p62, bound(deflation.h) < 0x1p62, bound(deflation.g) < 0x1p125 else { return nil }
        return deflation
    }

    /// M(lo) ··· M(hi) through the deflated recurrence: K(lo) ··· K(hi) by binary splitting with each block's common
    /// factor divided out and multiplied back at the end. The entries of M(lo) ··· M(hi) are those of K(lo) ··· K(hi)
    /// with row 0 times h(lo - 1) and column 0 divided by h(hi) (exactly: column 0 of K(hi) is h(hi) times 0, 1).
    public func deflatedProduct(from lo: Int, through hi: Int, _ deflation: Deflation) -> Matrix2 {
        precondition(lo >= 1 && lo <= hi, "the steps of a PCF's product start at n = 1")
        let a = aParts[0]
        let block = splitProduct(from: lo, through: hi, leafSpan: Deflation.leafSpan, leaf: { deflation.leaf(a: a, from: $0, through: $1) },
                                 merge: { deflation.merge($0, $1) })
        let reduced = block.product, factor = block.factor
        let entries = [reduced.m00, reduced.m01, reduced.m10, reduced.m11]
        var full = [BigInt](repeating: .zero, count: 4)
        full.withUnsafeMutableBufferPointer { full in
            // The four products by the factor are the largest single multiplications left: two threads.
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                for i in [2 * half, 2 * half + 1] { full[i] = entries[i] * factor }
            }
        }
        let before = deflation.h(lo - 1), last = deflation.h(hi)
        return Matrix2((full[0] * before).exactlyDivided(by: last), full[1] * before, full[2].exactlyDivided(by: last), full[3])
    }
}

extension Polynomial {
    /// p(n) / (n - root) when root is a root of p (synthetic division), nil otherwise.
    func dividedExactly(byRoot root: Int) -> Polynomial? {
        guard degree >= 1 else { return nil }
        var quotient = [BigInt](repeating: .zero, count: degree)
        var carry = BigInt.zero
        for k in stride(from: degree, through: 1, by: -1) {
            carry = coefficients[k] + carry * root
            quotient[k - 1] = carry
        }
        return (coefficients[0] + carry * root).isZero ? Polynomial(quotient) : nil
    }
}
