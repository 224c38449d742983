import Numbers

/// A P-recursive (holonomic) recurrence: p_0(n) a(n) + p_1(n) a(n-1) + ... + p_r(n) a(n-r) = 0 for every
/// n >= r, with integer polynomials p_i, content 1 and p_0's leading coefficient positive.
/// Apéry's numbers: n^3 a(n) - (34n^3 - 51n^2 + 27n - 5) a(n-1) + (n-1)^3 a(n-2) = 0.
public struct HolonomicRecurrence: Hashable, Sendable {
    public let polynomials: [Polynomial]

    public var order: Int { polynomials.count - 1 }
    public var degree: Int { polynomials.map(\.degree).max() ?? 0 }

    public init(_ polynomials: [Polynomial]) { self.polynomials = polynomials }

    /// Whether the terms satisfy the recurrence at every n from `order` on.
    public func holds(on terms: [BigInt]) -> Bool {
        guard terms.count > order else { return false }
        return (order..<terms.count).allSatisfy { n in
            var sum = BigInt.zero
            for (i, p) in polynomials.enumerated() { sum += p(n) * terms[n - i] }
            return sum.isZero
        }
    }

    /// The terms followed by the next `count` ones; nil when p_0(n) vanishes or does not divide exactly
    /// (the recurrence then does not determine an integer term).
    public func extend(_ terms: [BigInt], by count: Int) -> [BigInt]? {
        var terms = terms
        for _ in 0..<count {
            let n = terms.count
            let lead = polynomials[0](n)
            guard !lead.isZero else { return nil }
            var sum = BigInt.zero
            for i in 1...max(order, 1) where i < polynomials.count { sum += polynomials[i](n) * terms[n - i] }
            guard (sum % lead).isZero else { return nil }
            terms.append(-(sum / lead))
        }
        return terms
    }

    /// The recurrence of smallest size (r + 1)(d + 1) with r <= maximumOrder, d <= maximumDegree that the
    /// terms satisfy, with the margins of docs/ALGORITHMS.md §4: found on all but `heldBack` terms with at least
    /// `margin` more equations than unknowns and a one-dimensional nullspace (modulo 2^61 - 1), lifted to
    /// the integers (rational reconstruction, with more primes and the Chinese remainder theorem when
    /// needed), and accepted only if it holds exactly on every term, the held-back ones included.
    public static func guess(_ terms: [BigInt], maximumOrder: Int, maximumDegree: Int, heldBack: Int = 5, margin: Int = 10) -> HolonomicRecurrence? {
        guessWithSurplus(terms, maximumOrder: maximumOrder, maximumDegree: maximumDegree, heldBack: heldBack, margin: margin)?.recurrence
    }

    /// The same, with the surplus of equations over unknowns the accepted recurrence was fitted with.
    public static func guessWithSurplus(_ terms: [BigInt], maximumOrder: Int, maximumDegree: Int, heldBack: Int, margin: Int)
        -> (recurrence: HolonomicRecurrence, surplus: Int)? {
        var sizes: [(r: Int, d: Int, unknowns: Int)] = []
        for r in 1...max(maximumOrder, 1) { for d in 0...max(maximumDegree, 0) { sizes.append((r, d, (r + 1) * (d + 1))) } }
        sizes.sort { ($0.unknowns, $0.r) < ($1.unknowns, $1.r) }
        let fitted = terms.count - heldBack
        for (r, d, unknowns) in sizes {
            guard fitted - r >= unknowns + margin else { continue }
            let basis = ModularNullspace.basis(equations(terms, order: r, degree: d, upTo: fitted, field: .mersenne61),
                                               columns: unknowns, field: .mersenne61)
            if basis.isEmpty { continue }
            // A larger nullspace means the data do not pin one recurrence of this size: no answer.
            guard basis.count == 1 else { return nil }
            guard let recurrence = lift(terms, order: r, degree: d, fitted: fitted) else { continue }
            return recurrence.holds(on: terms) ? (recurrence, fitted - r - unknowns) : nil
        }
        return nil
    }

    /// Rows: for each n in order..<upTo, the coefficients of the unknowns c_{i,j} (p_i(n) = sum_j c_{i,j} n^j)
    /// in sum_i p_i(n) a(n-i) = 0, modulo the field's prime.
    static func equations(_ terms: [BigInt], order r: Int, degree d: Int, upTo: Int, field: ModularArithmetic) -> [[UInt64]] {
        let residues = terms.prefix(upTo).map { field.residue($0) }
        return (r..<upTo).map { n in
            var row: [UInt64] = []
            row.reserveCapacity((r + 1) * (d + 1))
            let nResidue = field.residue(n)
            for i in 0...r {
                var value = residues[n - i]
                for _ in 0...d {
                    row.append(value)
                    value = field.multiply(value, nResidue)
                }
            }
            return row
        }
    }

    /// The integer recurrence from the nullspace modulo several primes, normalised so that its first nonzero
    /// unknown is 1 before rational reconstruction (which then needs numerators and denominators below
    /// sqrt(M/2) for the product M of the primes).
    static func lift(_ terms: [BigInt], order r: Int, degree d: Int, fitted: Int) -> HolonomicRecurrence? {
        var residues: [[UInt64]] = []
        var fields: [ModularArithmetic] = []
        var pivot: Int?
        for field in ModularArithmetic.primes {
            let basis = ModularNullspace.basis(equations(terms, order: r, degree: d, upTo: fitted, field: field), columns: (r + 1) * (d + 1), field: field)
            guard basis.count == 1 else { return nil }
            var v = basis[0]
            let p = pivot ?? v.firstIndex(where: { $0 != 0 })!
            pivot = p
            guard v[p] != 0 else { return nil }
            let inverse = field.inverse(v[p])
            v = v.map { field.multiply($0, inverse) }
            residues.append(v)
            fields.append(field)
            let combined = (0..<v.count).map { k in chineseRemainder(residues.map { $0[k] }, moduli: fields) }
            let rationals = combined.map { rationalReconstruction($0.value, modulus: $0.modulus) }
            guard rationals.allSatisfy({ $0 != nil }) else { continue }
            let values = rationals.map { $0! }
            let denominator = values.reduce(BigInt.one) { l, x in l / BigInt.gcd(l, x.denominator) * x.denominator }
            var integers = values.map { ($0.numerator * denominator).exactlyDivided(by: $0.denominator) }
            let content = integers.reduce(BigInt.zero) { BigInt.gcd($0, $1) }
            integers = integers.map { $0.exactlyDivided(by: content) }
            let polynomials = (0...r).map { i in Polynomial(Array(integers[(i * (d + 1))..<((i + 1) * (d + 1))])) }
            let sign = polynomials[0].isZero ? BigInt(1) : BigInt(polynomials[0].leadingCoefficient.signum)
            let recurrence = HolonomicRecurrence(polynomials.map { $0 * sign })
            if recurrence.holds(on: Array(terms.prefix(fitted))) { return recurrence }
        }
        return nil
    }
}

extension HolonomicRecurrence: CustomStringConvertible {
    /// `(n + 1)*a(n) - (4n - 2)*a(n-1) = 0`.
    public var description: String {
        var text = ""
        for (i, p) in polynomials.enumerated() where !p.isZero {
            let term = i == 0 ? "a(n)" : "a(n-\(i))"
            let negative = p.leadingCoefficient.signum < 0
            let magnitude = negative ? -p : p
            let body = magnitude == .one ? term : (magnitude.coefficients.filter({ !$0.isZero }).count == 1 ? "\(magnitude)*\(term)" : "(\(magnitude))*\(term)")
            text += text.isEmpty ? (negative ? "-" : "") + body : (negative ? " - " : " + ") + body
        }
        return text + " = 0"
    }
}
