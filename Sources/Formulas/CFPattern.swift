import Numbers
import Sequences

/// A conjectured continued fraction whose terms follow a quasi-polynomial pattern: a head of fixed terms,
/// then a block of polynomials in k repeated for k = 0, 1, 2, ... (docs/ALGORITHMS.md §3), with periodic signs.
/// `CF[2; 1, 2k+2, 1]` is e = [2; 1, 2, 1, 1, 4, 1, 1, 6, ...]; `CF[1; 2, 2k+3 | +-]` is
/// e/(e-1) = 1 + 1/(2 - 1/(3 + 1/(2 - ...))): terms 1, 2, 3, 2, 5, ... with signs +, -, +, -, ...
public struct CFPattern: Hashable, Sendable {
    /// The terms: a head, then one period of the block in k (term head.count + N k + j is block[j](k)).
    public let terms: QuasiPolynomial
    /// s_i = signs[i mod l]: x = a0 + s0/(a1 + s1/(a2 + ...)).
    public let signs: [Int]

    public var head: [BigInt] { terms.head }
    public var block: [Polynomial] { terms.block }

    public init(_ terms: QuasiPolynomial, signs: [Int] = [1]) {
        precondition(!signs.isEmpty && signs.allSatisfy { $0 == 1 || $0 == -1 })
        self.terms = terms; self.signs = signs
    }

    /// Term a_i.
    public func term(_ i: Int) -> BigInt { terms.term(i) }

    public func sign(_ i: Int) -> Int { signs[i % signs.count] }

    /// The fraction after the head as an interlaced PCF, scaled to integer coefficients: tail.pcf equals
    /// tail.scale times T = a_h + s_h/(a_{h+1} + ...), h = head.count. Term h + m is block[m mod N]((m - j)/N),
    /// a polynomial in m with denominators dividing N^K (K the largest degree); multiplying every a by
    /// D = N^K and every b by D^2 (an equivalence transformation with c_m = D) makes it integral.
    public var tail: (pcf: PCF, scale: BigInt) {
        let n = block.count
        let degree = max(block.map(\.degree).max()!, 0)
        let scale = BigInt(n).power(degree)
        let period = n * signs.count / Int.gcd(n, signs.count)
        var aParts: [Polynomial] = [], bParts: [Polynomial] = []
        for r in 0..<period {
            let j = r % n
            // D · P_j((m - j)/N) = sum_t c_t N^(K-t) (m - j)^t.
            var part = Polynomial.zero
            for (t, c) in block[j].coefficients.enumerated() {
                part = part + Polynomial([-j, 1]).power(t) * (c * BigInt(n).power(degree - t))
            }
            aParts.append(part)
            // b(m) = D^2 s_{h+m-1}, for m = r (mod period).
            let s = sign(((head.count + r - 1) % signs.count + signs.count) % signs.count)
            bParts.append(Polynomial([scale * scale * BigInt(s)]))
        }
        return (PCF(aParts: aParts, bParts: bParts), scale)
    }

    /// x = (T·p + s·p')/(T·q + s·q') where T is the tail, p/q and p'/q' the last two convergents of the head
    /// and s the sign before the tail (p = 1, q = 0, p' = 0, q' = 1, s = 1 with no head).
    public var headMatrix: (p: BigInt, q: BigInt, previousP: BigInt, previousQ: BigInt, sign: Int) {
        var p = (BigInt(1), BigInt(0)), q = (BigInt(0), BigInt(1))  // (current, previous)
        for (i, a) in head.enumerated() {
            let s = i == 0 ? BigInt(1) : BigInt(sign(i - 1))
            p = (a * p.0 + s * p.1, p.0)
            q = (a * q.0 + s * q.1, q.0)
        }
        return (p.0, q.0, p.1, q.1, head.isEmpty ? 1 : sign(head.count - 1))
    }
}

extension CFPattern: CustomStringConvertible {
    /// `CF[2; 1, 2k + 2, 1]`, with ` | +-` when signs are not all +: what `init(parsing:)` reads.
    public var description: String {
        let signText = signs.allSatisfy { $0 == 1 } ? "" : " | " + signs.map { $0 > 0 ? "+" : "-" }.joined()
        return "CF[" + terms.body + signText + "]"
    }
}

extension CFPattern {
    /// Whether a text is a CF pattern rather than a PCF.
    public static func isPattern(_ text: String) -> Bool {
        text.trimmed.lowercased().hasPrefix("cf[")
    }

    /// Reads `CF[head; block | signs]`: head terms are integers, block entries polynomials in k, signs a
    /// string of + and - (default +). Without `;` there is no head: `CF[2k+1]` is [1; 3, 5, 7, ...].
    public init(parsing text: String) throws {
        let trimmed = text.trimmed
        guard CFPattern.isPattern(trimmed), trimmed.hasSuffix("]") else {
            throw ParseError("expected a pattern such as CF[2; 1, 2k+2, 1]", column: 1)
        }
        var body = Substring(trimmed.dropFirst(3).dropLast())
        var signs = [1]
        if let bar = body.firstIndex(of: "|") {
            let signText = body[body.index(after: bar)...].filter { !$0.isWhitespace }
            guard !signText.isEmpty, signText.allSatisfy({ $0 == "+" || $0 == "-" }) else {
                throw ParseError("the signs after | are a string of + and -, such as +-", column: 4 + body.distance(from: body.startIndex, to: bar))
            }
            signs = signText.map { $0 == "+" ? 1 : -1 }
            body = body[..<bar]
        }
        let sections = body.split(separator: ";", omittingEmptySubsequences: false)
        guard sections.count <= 2 else { throw ParseError("a pattern has at most one ';' (between the head and the block)", column: 1) }
        func items(_ section: Substring) -> [String] {
            section.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        }
        let head = try (sections.count == 2 ? items(sections[0]) : []).map { item -> BigInt in
            let p = try Polynomial(parsing: item, variable: "k")
            guard p.degree <= 0 else { throw ParseError("head terms are integers; '\(item)' depends on k", column: 1) }
            return p.coefficient(0)
        }
        let block = try items(sections.last!).map { try Polynomial(parsing: $0, variable: "k") }
        guard !block.isEmpty else { throw ParseError("the pattern's block is empty", column: 1) }
        self.init(QuasiPolynomial(head: head, block: block), signs: signs)
    }
}

private extension String {
    var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
