import Formulas
import Numbers

/// A PCF with small integer coefficients, lowest degree first: the candidates of the searches.
///
/// An interlaced fraction of period k keeps its parts 1..<k apart from part 0 (`a`, `b`), so that the
/// coefficient boxes, which are never interlaced, step `a` and `b` in place without touching the parts.
public struct SmallPCF: Hashable, Sendable, Codable {
    public var a: [Int]
    public var b: [Int]
    /// Parts 1..<k of an interlaced a or b: a(n) is part n mod k, part 0 being `a`. Empty for ordinary PCFs.
    public var aInterlaced: [[Int]] = []
    public var bInterlaced: [[Int]] = []

    public init(a: [Int], b: [Int]) { self.a = a; self.b = b }

    public init(aParts: [[Int]], bParts: [[Int]]) {
        a = aParts[0]; b = bParts[0]
        aInterlaced = Array(aParts.dropFirst()); bInterlaced = Array(bParts.dropFirst())
    }

    public var aParts: [[Int]] { [a] + aInterlaced }
    public var bParts: [[Int]] { [b] + bInterlaced }

    public var pcf: PCF { PCF(aParts: aParts.map { Polynomial($0) }, bParts: bParts.map { Polynomial($0) }) }

    /// Whether a or b is 0 for every n: no continued fraction.
    public var isDegenerate: Bool {
        aParts.allSatisfy { $0.allSatisfy { $0 == 0 } } || bParts.allSatisfy { $0.allSatisfy { $0 == 0 } }
    }
}
