/// A token of the formula and expression languages, with its 1-based column for error messages.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case number(String)      // decimal literal as written: 12, 1.5, 2e-3
        case identifier(String)  // names: n, pi, zeta, PCF
        case symbol(String)      // + - * / ^ ** ( ) [ ] , ; = |
        case end
    }
    public let kind: Kind
    public let column: Int
}

/// A parse error that points at the offending column of the input.
public struct ParseError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public let column: Int
    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }
    public var description: String { "\(message) at column \(column)" }
}

/// Bounds on what the parsers accept. They parse by recursive descent and evaluation walks the tree, so
/// length and nesting are bounded here, before any recursion: an error instead of a stack overflow.
public enum FormulaLimits {
    /// Tokens in one formula or expression (a sum of n terms is a tree n deep).
    public static let tokens = 5_000
    /// Nested brackets, signs in a row, and powers: each is one level of the parsers' recursion.
    public static let nesting = 100
}

/// Splits formula and expression text into tokens. `**` and `^` are both kept as written.
public func tokenize(_ text: String) throws -> [Token] {
    var tokens: [Token] = []
    var depth = 0, signs = 0, powers = 0
    func append(_ token: Token) throws {
        guard tokens.count < FormulaLimits.tokens else {
            throw ParseError("too long: formulas and expressions are limited to \(FormulaLimits.tokens) tokens", column: token.column)
        }
        switch token.kind {
        case .symbol("("), .symbol("["):
            depth += 1
            guard depth <= FormulaLimits.nesting else { throw ParseError("brackets nest more than \(FormulaLimits.nesting) deep", column: token.column) }
        case .symbol(")"), .symbol("]"): depth -= 1
        case .symbol("^"), .symbol("**"):
            powers += 1
            guard powers <= FormulaLimits.nesting else { throw ParseError("more than \(FormulaLimits.nesting) powers in one formula", column: token.column) }
        default: break
        }
        if token.kind == .symbol("+") || token.kind == .symbol("-") { signs += 1 } else { signs = 0 }
        guard signs <= FormulaLimits.nesting else { throw ParseError("more than \(FormulaLimits.nesting) signs in a row", column: token.column) }
        tokens.append(token)
    }
    let chars = Array(text)
    var i = 0
    while i < chars.count {
        let c = chars[i]
        let column = i + 1
        if c == " " || c == "\t" || c == "\n" { i += 1; continue }
        if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
            var j = i
            while j < chars.count && (chars[j].isNumber || chars[j] == ".") { j += 1 }
            // An exponent only when digits follow, so that "2e" stays 2 times e.
            if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                var k = j + 1
                if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                if k < chars.count, chars[k].isNumber {
                    while k < chars.count && chars[k].isNumber { k += 1 }
                    j = k
                }
            }
            let literal = String(chars[i..<j])
            guard literal.filter({ $0 == "." }).count <= 1 else { throw ParseError("malformed number '\(literal)'", column: column) }
            try append(Token(kind: .number(literal), column: column))
            i = j
        } else if c.isLetter || c == "_" {
            var j = i
            while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
            try append(Token(kind: .identifier(String(chars[i..<j])), column: column))
            i = j
        } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
            try append(Token(kind: .symbol("**"), column: column))
            i += 2
        } else if "+-*/^()[],;=|".contains(c) {
            try append(Token(kind: .symbol(String(c)), column: column))
            i += 1
        } else {
            throw ParseError("unexpected character '\(c)'", column: column)
        }
    }
    tokens.append(Token(kind: .end, column: chars.count + 1))
    return tokens
}

/// A cursor over tokens with the small helpers every recursive-descent parser here needs.
public struct TokenStream {
    public let tokens: [Token]
    public private(set) var index = 0

    public init(_ text: String) throws { tokens = try tokenize(text) }
    public init(tokens: [Token]) { self.tokens = tokens }

    public var current: Token { tokens[index] }
    public var next: Token { tokens[min(index + 1, tokens.count - 1)] }
    public mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    public func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    /// Consumes the symbol if present.
    public mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    public mutating func expect(_ symbol: String) throws {
        guard accept(symbol) else { throw ParseError("expected '\(symbol)' but found \(describe(current))", column: current.column) }
    }

    public mutating func expectEnd() throws {
        guard current.kind == .end else { throw ParseError("unexpected \(describe(current))", column: current.column) }
    }

    /// A signed integer literal such as `-3`.
    public mutating func integer() throws -> BigInt {
        let negative = accept("-")
        guard case .number(let literal) = current.kind, let value = BigInt(literal) else {
            throw ParseError("expected an integer but found \(describe(current))", column: current.column)
        }
        advance()
        return negative ? -value : value
    }

    public func describe(_ token: Token) -> String {
        switch token.kind {
        case .number(let text): return "'\(text)'"
        case .identifier(let name): return "'\(name)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "end of input"
        }
    }
}
