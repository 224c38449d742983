import Expressions
import Formulas
import Numbers
import SearchEngine

/// The signed continued fraction of an expression to a number of certain terms: the precision grows
/// until every requested term is certain (never a term the precision does not support); a rational
/// expression gets its finite expansion, exactly.
public struct SignedExpansion: Sendable, Encodable {
    public let terms: [BigInt]
    /// Signs s_i = signs[i mod l] of x = a0 + s0/(a1 + s1/(...)).
    public let signs: [Int]
    /// The expression is rational and these are all its terms.
    public let isRational: Bool
    /// The precision (decimal digits) at which the terms became certain.
    public let digits: Int

    enum CodingKeys: String, CodingKey { case terms, signs, isRational, digits }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(terms.map(\.description), forKey: .terms)
        try c.encode(signs, forKey: .signs)
        try c.encode(isRational, forKey: .isRational)
        try c.encode(digits, forKey: .digits)
    }

    public init(_ expression: Expression, signs: [Int], terms count: Int, maximumDigits: Int) throws {
        self.signs = signs
        if let exact = expression.exactValue {
            var expansion = ContinuedFractionExpansion(exact)
            var terms: [BigInt] = []
            _ = expansion.run(signs: signs, maxTerms: Int.max) { terms.append(BigInt(copying: $0)); return true }
            self.terms = terms
            isRational = true
            digits = 0
            return
        }
        var bits = 64 + 8 * count
        while true {
            let x = try expression.evaluate(precision: bits)
            var expansion = ContinuedFractionExpansion(x)
            var terms: [BigInt] = []
            _ = expansion.run(signs: signs, maxTerms: count) { terms.append(BigInt(copying: $0)); return true }
            if terms.count >= count {
                self.terms = terms
                isRational = false
                digits = Numbers.digits(forBits: bits)
                return
            }
            guard Numbers.digits(forBits: 2 * bits) <= maximumDigits else {
                throw SearchError("\(count) terms need more than \(maximumDigits) digits of precision (\(terms.count) are certain at \(Numbers.digits(forBits: bits))); if the number is rational, write it exactly")
            }
            bits *= 2
        }
    }
}

/// Parses a sign pattern such as "+-" (also "+", "-", "+--").
public func parseSigns(_ text: String) throws -> [Int] {
    guard !text.isEmpty, text.count <= 64, text.allSatisfy({ $0 == "+" || $0 == "-" }) else {
        throw SearchError("a sign pattern is a string of + and - such as +-, not \(text)")
    }
    return text.map { $0 == "+" ? 1 : -1 }
}
