import CNumbersShims
import Dispatch
import Glibc
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
    /// Where b(n) has roots at n <= 0 the splitting runs on the deflated recurrence (PCF+Deflation.swift), whose
    /// leaves shed a common factor.
    public func product(from lo: Int, through hi: Int) -> Matrix2 {
        if hi - lo >= Deflation.minimumSpan, let deflation = deflation(through: hi) {
            return deflatedProduct(from: lo, through: hi, deflation)
        }
        return splitProduct(from: lo, through: hi, leaf: sequentialProduct, merge: *)
    }

    /// The binary splitting of a product over lo...hi, given its leaves and how two halves merge.
    func splitProduct<Part>(from lo: Int, through hi: Int, leafSpan: Int = 48, leaf: (Int, Int) -> Part,
                            merge: (Part, Part) -> Part) -> Part {
        if hi - lo < leafSpan { return leaf(lo, hi) }
        let mid = lo + (hi - lo) / 2
        // Large halves run on two threads, split where their products have equal sizes, so that neither thread
        // waits for the other. (Splitting at a fixed 9/16 or 5/8 of the way was slower.)
        if hi - lo >= 4096 {
            let mid = balancedMidpoint(from: lo, through: hi)
            var halves: [Part?] = [nil, nil]
            halves.withUnsafeMutableBufferPointer { halves in
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    halves[i] = i == 0 ? splitProduct(from: lo, through: mid, leafSpan: leafSpan, leaf: leaf, merge: merge)
                                       : splitProduct(from: mid + 1, through: hi, leafSpan: leafSpan, leaf: leaf, merge: merge)
                }
            }
            return merge(halves[0]!, halves[1]!)
        }
        return merge(splitProduct(from: lo, through: mid, leafSpan: leafSpan, leaf: leaf, merge: merge),
                     splitProduct(from: mid + 1, through: hi, leafSpan: leafSpan, leaf: leaf, merge: merge))
    }

    /// Where lo...hi splits into two halves whose products have about equal sizes. A step multiplies them by about
    /// |a(n)| + sqrt|b(n)|, which grows with n for polynomial a and b, so the balance lies past the middle (54% of
    /// the way for Apéry's fraction at depth 10,000, where the middle left one thread idle for a tenth of the time).
    /// The growth is integrated over 64 sample points.
    func balancedMidpoint(from lo: Int, through hi: Int) -> Int {
        let samples = 64, step = Double(hi - lo) / Double(samples)
        func growth(_ x: Double) -> Double {
            let n = Int(x)
            return log(1 + abs(aPolynomial(at: n).evaluate(at: x)) + abs(bPolynomial(at: n).evaluate(at: x)).squareRoot())
        }
        var cumulative = [0.0], previous = growth(Double(lo))
        for i in 1...samples {
            let next = growth(Double(lo) + step * Double(i))
            cumulative.append(cumulative[i - 1] + (previous + next) / 2 * step)
            previous = next
        }
        let half = cumulative[samples] / 2
        guard half > 0, let i = cumulative.firstIndex(where: { $0 >= half }), i > 0 else { return lo + (hi - lo) / 2 }
        let fraction = (half - cumulative[i - 1]) / (cumulative[i] - cumulative[i - 1])
        return min(max(lo + Int((Double(i - 1) + fraction) * step), lo), hi - 1)
    }

    /// M(lo) ··· M(hi) by the recurrence, in place: column 0 takes column 1, and
    /// column 1 becomes b(n)·column 0 + a(n)·column 1.
    public func sequentialProduct(from lo: Int, through hi: Int) -> Matrix2 {
        // Rows (older, newer) of the running product, owned here so that GMP writes them in place.
        var rows = [(MPZ(0), MPZ()), (MPZ(1), MPZ())]
        bPolynomial(at: lo).evaluate(at: lo, into: rows[0].1.pointer)
        aPolynomial(at: lo).evaluate(at: lo, into: rows[1].1.pointer)
        if hi > lo, let steps = StepWords(from: lo + 1, through: hi, a: aPolynomial(at:), b: bPolynomial(at:)) {
            let scratch = MPZ()
            steps.advance(rows[0].0, rows[0].1, rows[1].0, rows[1].1, scratch: scratch)
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

/// Steps n in lo...hi of a recurrence as machine words for the C loop: a(n) as words, b(n) as 128-bit halves (b = -n^6,
/// for one, leaves a word beyond n = 1448), and h(n) as unsigned words when the step matrices are [[0, b], [h, a]].
struct StepWords {
    var a: [Int], bLow: [UInt], bHigh: [Int], h: [UInt]?

    /// nil when some value does not fit (or some h(n) is not positive).
    init?(from lo: Int, through hi: Int, a aPolynomial: (Int) -> Polynomial, b bPolynomial: (Int) -> Polynomial,
          h hPolynomial: Polynomial? = nil) {
        let count = hi - lo + 1
        a = [Int](repeating: 0, count: count); bHigh = a; bLow = [UInt](repeating: 0, count: count)
        h = hPolynomial == nil ? nil : [UInt](repeating: 0, count: count)
        for n in lo...hi {
            guard let an = aPolynomial(n).evaluateSmall(at: n), let bn = bPolynomial(n).evaluateWide(at: n) else { return nil }
            a[n - lo] = an; bLow[n - lo] = UInt(truncatingIfNeeded: bn); bHigh[n - lo] = Int(truncatingIfNeeded: bn >> 64)
            if let hPolynomial {
                guard let hn = hPolynomial.evaluateSmall(at: n), hn > 0 else { return nil }
                h![n - lo] = UInt(hn)
            }
        }
    }

    /// Advances the rows (older0, newer0) and (older1, newer1) through the steps, in place.
    func advance(_ older0: MPZ, _ newer0: MPZ, _ older1: MPZ, _ newer1: MPZ, scratch: MPZ) {
        let rows = (older0.pointer, newer0.pointer, older1.pointer, newer1.pointer)
        if let h {
            apery_mpz_recurrence_steps(rows.0, rows.1, rows.2, rows.3, scratch.pointer, a, bLow, bHigh, h, a.count)
        } else {
            apery_mpz_recurrence_steps(rows.0, rows.1, rows.2, rows.3, scratch.pointer, a, bLow, bHigh, nil, a.count)
        }
    }
}
