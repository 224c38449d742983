extension Polynomial: CustomStringConvertible {
    /// Human form in `n`, highest degree first: `34n^3 + 51n^2 + 27n + 5`.
    public var description: String { formatted(variable: "n") }

    /// Python (sympy, ramanujantools) syntax: `34*n**3 + 51*n**2 + 27*n + 5`.
    public var python: String { formatted(variable: "n", multiplication: "*", power: "**") }

    public func formatted(variable: String, multiplication: String = "", power powerSign: String = "^") -> String {
        if isZero { return "0" }
        var text = ""
        for k in stride(from: degree, through: 0, by: -1) {
            let c = coefficients[k]
            if c.isZero { continue }
            let magnitude = c.magnitude
            if text.isEmpty { text += c.signum < 0 ? "-" : "" } else { text += c.signum < 0 ? " - " : " + " }
            let power = k == 0 ? "" : (k == 1 ? variable : "\(variable)\(powerSign)\(k)")
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
    public init(parsing text: String, variable: String = "n", parameters: [String: Int] = [:]) throws {
        var stream = try TokenStream(text)
        self = try Polynomial.parse(&stream, variable: variable, parameters: parameters)
        try stream.expectEnd()
    }

    /// Parses a polynomial from the stream, stopping before a token that cannot continue it.
    /// `parameters` gives values to other names: templates such as `x0*n^3 + x1` of a family of PCFs.
    public static func parse(_ stream: inout TokenStream, variable: String = "n", parameters: [String: Int] = [:]) throws -> Polynomial {
        if stream.isSymbol("[") { return try parseCoefficientList(&stream) }
        let grammar = Grammar(variable: variable, parameters: parameters)
        return try grammar.sum(&stream)
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

    /// The highest degree a polynomial may have, also where products and powers build it up: n^64 is
    /// allowed, (n^64)^64 is not (its powers of powers would otherwise grow without bound).
    public static let maximumDegree = 64

    /// Recursive descent over sums, products (also implicit), powers and atoms.
    struct Grammar {
        let variable: String
        let parameters: [String: Int]

        func bounded(_ p: Polynomial, _ column: Int) throws -> Polynomial {
            guard p.degree <= Polynomial.maximumDegree else {
                throw ParseError("the polynomial's degree exceeds \(Polynomial.maximumDegree)", column: column)
            }
            return p
        }

        func sum(_ s: inout TokenStream) throws -> Polynomial {
            var result: Polynomial
            if s.accept("-") { result = -(try product(&s)) } else { _ = s.accept("+"); result = try product(&s) }
            while true {
                if s.accept("+") { result = result + (try product(&s)) }
                else if s.accept("-") { result = result - (try product(&s)) }
                else { return result }
            }
        }

        func product(_ s: inout TokenStream) throws -> Polynomial {
            var result = try power(&s)
            while true {
                let column = s.current.column
                if s.accept("*") { result = try bounded(result * (try power(&s)), column); continue }
                if s.isSymbol("/") { throw ParseError("division is not allowed in a polynomial", column: s.current.column) }
                // Implicit multiplication: 2n, n(n+1), (n+1)(n+2).
                switch s.current.kind {
                case .identifier, .number: result = try bounded(result * (try power(&s)), column)
                case .symbol("("): result = try bounded(result * (try power(&s)), column)
                default: return result
                }
            }
        }

        func power(_ s: inout TokenStream) throws -> Polynomial {
            let base = try atom(&s)
            guard s.accept("^") || s.accept("**") else { return base }
            let column = s.current.column
            guard case .number(let literal) = s.current.kind, let exponent = Int(literal), exponent >= 0, exponent <= Polynomial.maximumDegree else {
                throw ParseError("expected a small non-negative integer exponent", column: column)
            }
            s.advance()
            guard base.degree * exponent <= Polynomial.maximumDegree else {
                throw ParseError("the polynomial's degree exceeds \(Polynomial.maximumDegree)", column: column)
            }
            return base.power(exponent)
        }

        func atom(_ s: inout TokenStream) throws -> Polynomial {
            let token = s.current
            switch token.kind {
            case .number(let literal):
                guard let value = BigInt(literal) else { throw ParseError("coefficients must be integers, found '\(literal)'", column: token.column) }
                s.advance()
                return Polynomial([value])
            case .identifier(let name) where name == variable:
                s.advance()
                return .variable
            case .identifier(let name):
                if let value = parameters[name] { s.advance(); return Polynomial([value]) }
                // "2n" arrives as number 2 then identifier n; "n2" or "x" is an unknown name.
                throw ParseError("unknown variable '\(name)' (the variable is \(variable))", column: token.column)
            case .symbol("("):
                s.advance()
                let inner = try sum(&s)
                try s.expect(")")
                return inner
            case .symbol("-"):
                s.advance()
                return -(try power(&s))
            default:
                throw ParseError("expected a polynomial term but found \(s.describe(token))", column: token.column)
            }
        }
    }
}
