import CNumbersShims
import Dispatch
import Numbers

/// The convergents of a PCF at depth N, as the matrix [[p_{N-1}, p_N], [q_{N-1}, q_N]].
public struct Convergents: Sendable {
    public let depth: Int
    public let matrix: Matrix2

    public var p: BigInt { matrix.m01 }
    public var q: BigInt { matrix.m11 }
    public var previousP: BigInt { matrix.m00 }
    public var previousQ: BigInt { matrix.m10 }

    /// p_N / q_N rounded to `precision` bits (one rounding), nil if q_N = 0.
    public func value(precision: Int) -> BigFloat? { quotient(p, q, precision: precision) }
}

/// p / q correctly rounded, nil if q = 0.
public func quotient(_ p: BigInt, _ q: BigInt, precision: Int) -> BigFloat? {
    if q.isZero { return nil }
    let exactP = BigFloat(p, precision: max(p.bitWidth, 2))
    return BigFloat.make(precision: precision) { _ = mpfr_div_z($0, exactP.pointer, q.pointer, MPFR_RNDN) }
}

extension PCF {
    /// The step matrix M(n) = [[0, b(n)], [1, a(n)]].
    public func stepMatrix(_ n: Int) -> Matrix2 { Matrix2(0, b(n), 1, a(n)) }

    /// Exact convergents at depth N >= 0: [[1, a(0)], [0, 1]] · M(1) ··· M(N).
    public func convergents(depth: Int) -> Convergents {
        precondition(depth >= 0, "negative depth")
        let a0 = a(0)
        if depth == 0 { return Convergents(depth: 0, matrix: Matrix2(1, a0, 0, 1)) }
        // [[1, a0], [0, 1]] · P, without multiplying full-size entries by 0 and 1.
        let p = product(from: 1, through: depth)
        return Convergents(depth: depth, matrix: Matrix2(p.m00 + p.m10 * a0, p.m01 + p.m11 * a0, p.m10, p.m11))
    }

    /// The convergents at a greater depth, reusing those already computed.
    public func extend(_ convergents: Convergents, to depth: Int) -> Convergents {
        precondition(depth >= convergents.depth, "cannot extend to a smaller depth")
        if depth == convergents.depth { return convergents }
        return Convergents(depth: depth, matrix: convergents.matrix * product(from: convergents.depth + 1, through: depth))
    }

    /// M(lo) ··· M(hi) by binary splitting: balanced products let GMP's fast multiplication
    /// work on operands of equal size, which beats the term-by-term recurrence at large depth.
    public func product(from lo: Int, through hi: Int) -> Matrix2 {
        if hi - lo < 48 { return sequentialProduct(from: lo, through: hi) }
        let mid = lo + (hi - lo) / 2
        // Large halves run on two threads. (Splitting them unevenly, 9/16 or 5/8 of the way, was slower.)
        if hi - lo >= 4096 {
            var halves = [Matrix2.identity, Matrix2.identity]
            halves.withUnsafeMutableBufferPointer { halves in
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    halves[i] = i == 0 ? product(from: lo, through: mid) : product(from: mid + 1, through: hi)
                }
            }
            return halves[0] * halves[1]
        }
        return product(from: lo, through: mid) * product(from: mid + 1, through: hi)
    }

    /// a(n) for n in lo...hi as words and b(n) as 128-bit halves, when all fit (nil otherwise): b = -n^6, for
    /// one, leaves a word beyond n = 1448.
    func smallSteps(from lo: Int, through hi: Int) -> (a: [Int], bLow: [UInt], bHigh: [Int])? {
        var a = [Int](repeating: 0, count: hi - lo + 1), bHigh = a, bLow = [UInt](repeating: 0, count: hi - lo + 1)
        for n in lo...hi {
            guard let an = aPolynomial(at: n).evaluateSmall(at: n), let bn = bPolynomial(at: n).evaluateWide(at: n) else { return nil }
            a[n - lo] = an; bLow[n - lo] = UInt(truncatingIfNeeded: bn); bHigh[n - lo] = Int(truncatingIfNeeded: bn >> 64)
        }
        return (a, bLow, bHigh)
    }

    /// M(lo) ··· M(hi) by the recurrence, in place: column 0 takes column 1, and
    /// column 1 becomes b(n)·column 0 + a(n)·column 1.
    public func sequentialProduct(from lo: Int, through hi: Int) -> Matrix2 {
        // Rows (older, newer) of the running product, owned here so that GMP writes them in place.
        var rows = [(MPZ(0), MPZ()), (MPZ(1), MPZ())]
        bPolynomial(at: lo).evaluate(at: lo, into: rows[0].1.pointer)
        aPolynomial(at: lo).evaluate(at: lo, into: rows[1].1.pointer)
        if hi > lo, let steps = smallSteps(from: lo + 1, through: hi) {
            let scratch = MPZ()
            apery_mpz_recurrence_steps(rows[0].0.pointer, rows[0].1.pointer, rows[1].0.pointer, rows[1].1.pointer,
                                       scratch.pointer, steps.a, steps.bLow, steps.bHigh, steps.a.count)
        } else if hi > lo {
            let an = MPZ(), bn = MPZ()
            var scratch = MPZ()
            for n in (lo + 1)...hi {
                let a = aPolynomial(at: n), b = bPolynomial(at: n)
                let smallA = a.evaluateSmall(at: n), smallB = b.evaluateSmall(at: n)
                if smallA == nil { a.evaluateFast(at: n, into: an.pointer) }
                if smallB == nil { b.evaluateFast(at: n, into: bn.pointer) }
                for r in 0..<2 {
                    let (older, newer) = rows[r]
                    if let sb = smallB { __gmpz_mul_si(scratch.pointer, older.pointer, sb) }
                    else { __gmpz_mul(scratch.pointer, older.pointer, bn.pointer) }
                    if let sa = smallA {
                        if sa >= 0 { __gmpz_addmul_ui(scratch.pointer, newer.pointer, UInt(sa)) }
                        else { __gmpz_submul_ui(scratch.pointer, newer.pointer, UInt(sa.magnitude)) }
                    } else {
                        __gmpz_addmul(scratch.pointer, newer.pointer, an.pointer)
                    }
                    // (older, newer) becomes (newer, scratch); the old `older` is reused as scratch.
                    rows[r] = (newer, scratch)
                    scratch = older
                }
            }
        }
        return Matrix2(BigInt(storage: rows[0].0), BigInt(storage: rows[0].1),
                       BigInt(storage: rows[1].0), BigInt(storage: rows[1].1))
    }
}
