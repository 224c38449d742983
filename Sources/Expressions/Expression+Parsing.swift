import Constants
import Formulas
import Numbers

extension Expression {
    /// Parses mpmath-style syntax: + - * / and both `^` and `**` for powers, calls such as
    /// `zeta(3)`, named constants, decimal literals, implicit products after a number (`3pi`), and continued
    /// fractions `PCF(a, b)`.
    /// Unknown names are rejected here, with their column.
    public init(parsing text: String) throws {
        var stream = try TokenStream(text)
        self = try Expression.parse(&stream)
        try stream.expectEnd()
    }

    /// Parses an expression from the stream, stopping before a token that cannot continue it (`=`, `,`).
    public static func parse(_ stream: inout TokenStream) throws -> Expression {
        var parser = ExpressionParser(stream: stream)
        let expression = try parser.sum()
        stream = parser.stream
        return expression
    }
}

struct ExpressionParser {
    var stream: TokenStream

    mutating func sum() throws -> Expression {
        var result = try product()
        while true {
            if stream.accept("+") { result = .add(result, try product()) }
            else if stream.accept("-") { result = .subtract(result, try product()) }
            else { return result }
        }
    }

    mutating func product() throws -> Expression {
        var result = try unary()
        while true {
            if stream.accept("*") { result = .multiply(result, try unary()) }
            else if stream.accept("/") { result = .divide(result, try unary()) }
            else if case .number = stream.tokens[max(stream.index - 1, 0)].kind, startsAtom {
                result = .multiply(result, try power())  // implicit product after a number: 3pi, 2(1+e)
            } else { return result }
        }
    }

    private var startsAtom: Bool {
        switch stream.current.kind {
        case .identifier: return true
        case .symbol("("): return true
        default: return false
        }
    }

    mutating func unary() throws -> Expression {
        if stream.accept("-") { return .negate(try unary()) }
        if stream.accept("+") { return try unary() }
        return try power()
    }

    mutating func power() throws -> Expression {
        let base = try atom()
        if stream.accept("^") || stream.accept("**") { return .power(base, try unary()) }  // right-associative
        return base
    }

    mutating func atom() throws -> Expression {
        let token = stream.current
        switch token.kind {
        case .number(let literal):
            stream.advance()
            guard let value = Expression.rational(fromDecimal: literal) else {
                throw ParseError("malformed number '\(literal)'", column: token.column)
            }
            return .number(value)
        case .identifier(let name):
            if PCF.isAtStart(stream) { return .pcf(try PCF.parse(&stream)) }
            stream.advance()
            if stream.isSymbol("(") { return try call(name, column: token.column) }
            guard let constant = ConstantLibrary.named(name) else {
                let hint = FunctionLibrary.named(name) != nil ? " ('\(name)' is a function: write \(name)(...))" : ""
                throw ParseError("unknown constant '\(name)'\(hint)", column: token.column)
            }
            return .constant(constant.name)
        case .symbol("("):
            stream.advance()
            let inner = try sum()
            try stream.expect(")")
            return inner
        default:
            throw ParseError("expected a number, constant or '(' but found \(stream.describe(token))", column: token.column)
        }
    }

    mutating func call(_ name: String, column: Int) throws -> Expression {
        try stream.expect("(")
        var arguments: [Expression] = []
        if !stream.isSymbol(")") {
            repeat { arguments.append(try sum()) } while stream.accept(",")
        }
        try stream.expect(")")
        // mpf(x) and mpmathify(x) only make a number a float in mpmath; the value is the same.
        if name == "mpf" || name == "mpmathify", arguments.count == 1 { return arguments[0] }
        guard let function = FunctionLibrary.named(name) else {
            throw ParseError("unknown function '\(name)'", column: column)
        }
        guard function.arities.contains(arguments.count) else {
            let expected = function.arities.map(String.init).joined(separator: " or ")
            throw ParseError("\(name) takes \(expected) argument\(function.arities == [1] ? "" : "s"), not \(arguments.count)", column: column)
        }
        return .call(function.name, arguments)
    }
}

extension Expression {
    /// An exact rational from a decimal literal: "1.25e-3" = 125/100000.
    static func rational(fromDecimal literal: String) -> Rational? {
        let lowered = literal.lowercased()
        let parts = lowered.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = parts.first else { return nil }
        let exponent = parts.count == 2 ? Int(parts[1]) : 0
        guard let exponent, abs(exponent) < 100_000 else { return nil }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        let digits = String(pieces[0]) + (pieces.count == 2 ? String(pieces[1]) : "")
        guard !digits.isEmpty, let integer = BigInt(digits) else { return nil }
        let scale = exponent - (pieces.count == 2 ? pieces[1].count : 0)
        return scale >= 0 ? Rational(integer * BigInt(10).power(scale)) : Rational(integer, BigInt(10).power(-scale))
    }
}

/// Splits "pi,zeta3,besseli(1,2)" at the commas outside parentheses.
public func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = [], current = "", depth = 0
    for character in text {
        if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
        if character == "," && depth == 0 { parts.append(current); current = "" } else { current.append(character) }
    }
    parts.append(current)
    return parts.map { String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }.filter { !$0.isEmpty }
}
