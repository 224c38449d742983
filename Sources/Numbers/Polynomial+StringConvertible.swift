extension Polynomial: CustomStringConvertible {
    /// Human form in `n`, highest degree first: `34n^3 + 51n^2 + 27n + 5`.
    public var description: String { formatted(variable: "n") }

    public func formatted(variable: String, multiplication: String = "") -> String {
        if isZero { return "0" }
        var text = ""
        for k in stride(from: degree, through: 0, by: -1) {
            let c = coefficients[k]
            if c.isZero { continue }
            let magnitude = c.magnitude
            if text.isEmpty { text += c.signum < 0 ? "-" : "" } else { text += c.signum < 0 ? " - " : " + " }
            let power = k == 0 ? "" : (k == 1 ? variable : "\(variable)^\(k)")
            if k == 0 { text += magnitude.description }
            else if magnitude == .one { text += power }
            else { text += magnitude.description + multiplication + power }
        }
        return text
    }

    /// The coefficient list, lowest degree first: `[5, 27, 51, 34]`.
    public var coefficientList: String { "[" + coefficients.map(\.description).joined(separator: ", ") + "]" }
}

extension Polynomial {
    /// Parses an integer polynomial in `variable`: sums, products (also implicit, as in `2n(n+1)`),
    /// powers with `^` or `**`, parentheses, or a coefficient list `[5, 27, 51, 34]` (lowest degree first).
    public init(parsing text: String, variable: String = "n") throws {
        var stream = try TokenStream(text)
        self = try Polynomial.parse(&stream, variable: variable)
        try stream.expectEnd()
    }

    /// Parses a polynomial from the stream, stopping before a token that cannot continue it.
    public static func parse(_ stream: inout TokenStream, variable: String = "n") throws -> Polynomial {
        if stream.isSymbol("[") { return try parseCoefficientList(&stream) }
        return try parseSum(&stream, variable)
    }

    static func parseCoefficientList(_ stream: inout TokenStream) throws -> Polynomial {
        try stream.expect("[")
        var coefficients: [BigInt] = []
        if !stream.isSymbol("]") {
            repeat { coefficients.append(try stream.integer()) } while stream.accept(",")
        }
        try stream.expect("]")
        return Polynomial(coefficients)
    }

    static func parseSum(_ s: inout TokenStream, _ v: String) throws -> Polynomial {
        var result: Polynomial
        if s.accept("-") { result = -(try parseProduct(&s, v)) } else { _ = s.accept("+"); result = try parseProduct(&s, v) }
        while true {
            if s.accept("+") { result = result + (try parseProduct(&s, v)) }
            else if s.accept("-") { result = result - (try parseProduct(&s, v)) }
            else { return result }
        }
    }

    static func parseProduct(_ s: inout TokenStream, _ v: String) throws -> Polynomial {
        var result = try parsePower(&s, v)
        while true {
            if s.accept("*") { result = result * (try parsePower(&s, v)); continue }
            if s.isSymbol("/") { throw ParseError("division is not allowed in a polynomial", column: s.current.column) }
            // Implicit multiplication: 2n, n(n+1), (n+1)(n+2).
            switch s.current.kind {
            case .identifier, .number: result = result * (try parsePower(&s, v))
            case .symbol("("): result = result * (try parsePower(&s, v))
            default: return result
            }
        }
    }

    static func parsePower(_ s: inout TokenStream, _ v: String) throws -> Polynomial {
        let base = try parseAtom(&s, v)
        guard s.accept("^") || s.accept("**") else { return base }
        let column = s.current.column
        guard case .number(let literal) = s.current.kind, let exponent = Int(literal), exponent >= 0, exponent <= 64 else {
            throw ParseError("expected a small non-negative integer exponent", column: column)
        }
        s.advance()
        return base.power(exponent)
    }

    static func parseAtom(_ s: inout TokenStream, _ v: String) throws -> Polynomial {
        let token = s.current
        switch token.kind {
        case .number(let literal):
            guard let value = BigInt(literal) else { throw ParseError("coefficients must be integers, found '\(literal)'", column: token.column) }
            s.advance()
            return Polynomial([value])
        case .identifier(let name) where name == v:
            s.advance()
            return .variable
        case .identifier(let name):
            // "2n" arrives as number 2 then identifier n; "n2" or "x" is an unknown name.
            throw ParseError("unknown variable '\(name)' (the variable is \(v))", column: token.column)
        case .symbol("("):
            s.advance()
            let inner = try parseSum(&s, v)
            try s.expect(")")
            return inner
        case .symbol("-"):
            s.advance()
            return -(try parsePower(&s, v))
        default:
            throw ParseError("expected a polynomial term but found \(s.describe(token))", column: token.column)
        }
    }
}
