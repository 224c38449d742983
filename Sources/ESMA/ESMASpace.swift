import Foundation
import SearchEngine

/// A left side P(K)/Q(K): coefficient lists, lowest degree first.
public struct LeftSide: Hashable, Sendable {
    public let p: [Int]
    public let q: [Int]

    /// `(2*e + 1)/(e - 1)`: highest degree first; a constant that is not a plain name is parenthesised.
    public func expression(_ constant: String) -> String {
        let name = constant.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? constant : "(\(constant))"
        func polynomial(_ c: [Int]) -> String {
            var text = ""
            for (k, a) in c.enumerated().reversed() where a != 0 {
                let power = k == 0 ? "" : (k == 1 ? name : "\(name)^\(k)")
                let magnitude = abs(a)
                let body = k == 0 ? "\(magnitude)" : (magnitude == 1 ? power : "\(magnitude)*\(power)")
                text += text.isEmpty ? (a < 0 ? "-" : "") + body : (a < 0 ? " - " : " + ") + body
            }
            return text.isEmpty ? "0" : text
        }
        let numerator = polynomial(p), denominator = polynomial(q)
        let single = p.filter { $0 != 0 }.count == 1
        if denominator == "1" { return numerator }
        let plain = denominator == name || denominator.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return (single ? numerator : "(\(numerator))") + "/" + (plain ? denominator : "(\(denominator))")
    }
}

/// Every (left side, sign pattern) pair, addressed by index: left side index / patterns.count.
public struct ESMASpace: SearchSpace {
    public let leftSides: [LeftSide]
    public let patterns: [[Int]]
    public var count: Int { leftSides.count * patterns.count }

    public func candidate(at index: Int) -> (leftSide: Int, pattern: Int) {
        (index / patterns.count, index % patterns.count)
    }

    /// The left sides of degree <= d with coefficients in [-c, c] (docs/ALGORITHMS.md §3): Q != 0, P not a
    /// multiple of Q, gcd 1, Q's leading coefficient positive, value positive, one per value.
    public init(constantValue k: Double, degree d: Int, coefficients c: Int, maxPattern: Int) {
        var seen = Set<Int64>()
        var sides: [LeftSide] = []
        let width = 2 * c + 1
        let count = (0..<(d + 1)).reduce(1) { r, _ in r * width }
        func vector(_ index: Int) -> [Int] {
            var i = index
            return (0...d).map { _ in defer { i /= width }; return i % width - c }
        }
        func value(_ v: [Int]) -> Double { v.reversed().reduce(0.0) { $0 * k + Double($1) } }
        for qi in 0..<count {
            let q = vector(qi)
            guard let lead = q.last(where: { $0 != 0 }), lead > 0 else { continue }
            let qValue = value(q)
            for pi in 0..<count {
                let p = vector(pi)
                guard p.contains(where: { $0 != 0 }) else { continue }
                guard (p + q).reduce(0, Int.gcd) == 1 else { continue }
                // P = t Q makes a rational left side: p_i q_j = p_j q_i for all i, j.
                if (0...d).allSatisfy({ i in (0...d).allSatisfy { j in p[i] * q[j] == p[j] * q[i] } }) { continue }
                let x = value(p) / qValue
                guard x > 0, x.isFinite else { continue }
                // One per value: P/Q and (P·R)/(Q·R) coincide (K is transcendental, so equal values are equal fractions).
                let key = Int64((log(x) * 1e11).rounded())
                guard seen.insert(key).inserted else { continue }
                sides.append(LeftSide(p: p, q: q))
            }
        }
        leftSides = sides
        patterns = ESMASpace.primitivePatterns(upTo: maxPattern)
    }

    /// Every sign pattern of length 1...l that is not a repetition of a shorter one.
    public static func primitivePatterns(upTo l: Int) -> [[Int]] {
        var patterns: [[Int]] = []
        for length in 1...l {
            for bits in 0..<(1 << length) {
                let pattern = (0..<length).map { bits >> ($0) & 1 == 0 ? 1 : -1 }
                let repeats = (1..<length).contains { p in length % p == 0 && (0..<length).allSatisfy { pattern[$0] == pattern[$0 % p] } }
                if !repeats { patterns.append(pattern) }
            }
        }
        return patterns
    }
}

