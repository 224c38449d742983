import Formulas
import Numbers

/// A verified formula found by a search: PCF(a, b) = (c · (1, K...)) / (d · (1, K...)).
public struct PCFHit: Sendable, Codable, Equatable {
    public let a: [Int]
    public let b: [Int]
    public let constants: [String]
    public let numerator: [Int]
    public let denominator: [Int]
    public let closedForm: String
    public let digitsVerified: Int
    public let depth: Int
    public let digitsPerTerm: Double
    public let delta: Double?
    public let convergenceClass: String

    public var pcf: PCF { PCF(a: a, b: b) }
    /// Keys of the PCF and of its tails, normalised: two hits are one formula when their keys meet.
    public var equivalenceKeys: [String] { PCFEquivalence.keys(a: a, b: b) }
}

/// The symmetries under which two PCFs are the same formula (algorithms.md §1): a sign flip of a
/// (the value changes sign), deflation by a constant c (a -> a/c, b -> b/c^2), and shifts of n
/// (PCF(a(n+k), b(n+k)) is the tail after k terms, a Moebius transform of the whole).
public enum PCFEquivalence {
    /// How many tails are compared: PCFs equal up to a shift of at most this many terms are merged.
    public static let shifts = 8

    /// The normal form under sign and deflation: a's leading coefficient positive, no common c with c | a, c^2 | b.
    public static func normalized(a: [Int], b: [Int]) -> (a: [Int], b: [Int]) {
        var a = a, b = b
        if let lead = a.last(where: { $0 != 0 }), lead < 0 { a = a.map { -$0 } }
        var c = a.reduce(0) { gcd($0, $1) }
        while c > 1 {
            if b.allSatisfy({ $0 % (c * c) == 0 }) { return (a.map { $0 / c }, b.map { $0 / (c * c) }) }
            // Try the largest divisor of c whose square divides b.
            c -= 1
            while c > 1 && a.contains(where: { $0 % c != 0 }) { c -= 1 }
        }
        return (a, b)
    }

    public static func key(a: [Int], b: [Int]) -> String {
        let n = normalized(a: trimmed(a), b: trimmed(b))
        return n.a.map(String.init).joined(separator: ",") + ";" + n.b.map(String.init).joined(separator: ",")
    }

    /// The keys of the PCF and of its first `shifts` tails.
    public static func keys(a: [Int], b: [Int]) -> [String] {
        (0...shifts).map { k in key(a: shift(a, by: k), b: shift(b, by: k)) }
    }

    /// Coefficients of p(n + k).
    static func shift(_ p: [Int], by k: Int) -> [Int] {
        Polynomial(p).shifted(by: k).coefficients.map { $0.asInt ?? 0 } + []
    }

    static func trimmed(_ p: [Int]) -> [Int] {
        var p = p
        while p.count > 1 && p.last == 0 { p.removeLast() }
        return p
    }
}
