import Formulas
import Numbers

/// A verified formula found by a search: PCF(a, b) = (c · (1, K...)) / (d · (1, K...)).
public struct PCFHit: Sendable, Codable, Equatable {
    public let formula: SmallPCF
    public let constants: [String]
    public let numerator: [Int]
    public let denominator: [Int]
    public let closedForm: String
    public let digitsVerified: Int
    public let depth: Int
    public let digitsPerTerm: Double
    public let delta: Double?
    public let convergenceClass: String

    public var pcf: PCF { formula.pcf }
    /// a and b (part 0 of an interlaced fraction).
    public var a: [Int] { formula.a }
    public var b: [Int] { formula.b }
    /// Keys of the PCF and of its tails, normalised: two hits are one formula when their keys meet.
    public var equivalenceKeys: [String] { PCFEquivalence.keys(formula) }
}

/// The symmetries under which two PCFs are the same formula (docs/ALGORITHMS.md §1): a sign flip of a
/// (the value changes sign), deflation by a constant c (a -> a/c, b -> b/c^2), and shifts of n
/// (PCF(a(n+k), b(n+k)) is the tail after k terms, a Moebius transform of the whole; for an interlaced
/// fraction the shift also rotates the parts).
public enum PCFEquivalence {
    /// How many tails are compared: PCFs equal up to a shift of at most this many terms are merged.
    public static let shifts = 8

    /// The normal form under sign and deflation: the first nonzero leading coefficient of a positive, no
    /// common c with c | a, c^2 | b (over every part), and parts at their shortest period.
    public static func normalized(_ pcf: SmallPCF) -> (a: [[Int]], b: [[Int]]) {
        var a = shortestPeriod(pcf.aParts.map(trimmed)), b = shortestPeriod(pcf.bParts.map(trimmed))
        if let lead = a.lazy.compactMap({ $0.last(where: { $0 != 0 }) }).first, lead < 0 { a = a.map { $0.map { -$0 } } }
        var c = a.joined().reduce(0, Int.gcd)
        while c > 1 {
            if b.joined().allSatisfy({ $0 % (c * c) == 0 }) {
                a = a.map { $0.map { $0 / c } }; b = b.map { $0.map { $0 / (c * c) } }
                break
            }
            // Try the largest divisor of c whose square divides b.
            c -= 1
            while c > 1 && a.joined().contains(where: { $0 % c != 0 }) { c -= 1 }
        }
        return (a, b)
    }

    public static func key(_ pcf: SmallPCF) -> String {
        let n = normalized(pcf)
        func text(_ parts: [[Int]]) -> String { parts.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "|") }
        return text(n.a) + ";" + text(n.b)
    }

    /// The keys of the PCF and of its first `shifts` tails.
    public static func keys(_ pcf: SmallPCF) -> [String] {
        (0...shifts).map { k in key(shift(pcf, by: k)) }
    }

    /// The tail after k terms: a'(n) = a(n + k), whose part j is part j + k shifted by k.
    static func shift(_ pcf: SmallPCF, by k: Int) -> SmallPCF {
        func rotate(_ parts: [[Int]]) -> [[Int]] {
            parts.indices.map { j in Polynomial(parts[(j + k) % parts.count]).shifted(by: k).coefficients.map { $0.asInt ?? 0 } }
        }
        return SmallPCF(aParts: rotate(pcf.aParts), bParts: rotate(pcf.bParts))
    }

    static func trimmed(_ p: [Int]) -> [Int] {
        var p = p
        while p.count > 1 && p.last == 0 { p.removeLast() }
        return p
    }
}
