import Expressions
import Formulas
import Numbers

/// The conventional symbols of the library's constants (the report's legend explains each).
let constantSymbols: [String: MathNode] = [
    "pi": .identifier("π"), "e": .identifier("e"), "phi": .identifier("φ"), "golden": .identifier("φ"),
    "euler": .identifier("γ"), "gamma_euler": .identifier("γ"), "euler_gamma": .identifier("γ"),
    "catalan": .identifier("G"), "zeta3": .row(.identifier("ζ"), .parenthesized(.number("3"))),
    "apery": .applying(.identifier("ζ"), to: .number("3")), "ln2": .applying(.identifier("log"), to: .number("2")),
    "log2": .applying(.identifier("log"), to: .number("2")), "gompertz": .identifier("δ"), "gauss": .subscripted(.identifier("G"), .text("Gauss")),
    "lemniscate": .identifier("ϖ"), "gamma14": .row(.identifier("Γ"), .parenthesized(.fraction(.number("1"), .number("4")))),
    "gamma13": .row(.identifier("Γ"), .parenthesized(.fraction(.number("1"), .number("3")))),
    "khinchin": .subscripted(.identifier("K"), .number("0")), "glaisher": .identifier("A"),
]

extension Rational {
    /// A nonnegative rational as a number or a fraction (signs are set by the enclosing expression).
    var magnitudeNode: MathNode {
        let n = MathNode.number(numerator.magnitude.description)
        return denominator == .one ? n : .fraction(n, .number(denominator.description))
    }
}

extension Expression {
    /// The closed form typeset: fractions as fractions, π for pi, ζ(3) for zeta(3), √2 for sqrt(2).
    public var mathNode: MathNode { node(parent: 0) }

    private var precedence: Int {
        switch self {
        case .add, .subtract: return 1
        case .negate: return 2
        case .multiply: return 3
        case .number(let r): return r.signum < 0 ? 2 : 5
        case .divide, .power, .constant, .call, .pcf: return 5
        }
    }

    private func node(parent: Int) -> MathNode {
        let result: MathNode
        switch self {
        case .number(let r): result = r.signum < 0 ? .row(.symbol("−"), r.magnitudeNode) : r.magnitudeNode
        case .constant(let name): result = constantSymbols[name] ?? .identifier(name)
        case .negate(let x): result = .row(.symbol("−"), x.node(parent: 3))
        case .add(let l, let r):
            if case .negate(let inner) = r { result = .row(l.node(parent: 1), .symbol("−"), inner.node(parent: 2)) }
            else if case .number(let q) = r, q.signum < 0 { result = .row(l.node(parent: 1), .symbol("−"), q.magnitudeNode) }
            else { result = .row(l.node(parent: 1), .symbol("+"), r.node(parent: 1)) }
        case .subtract(let l, let r): result = .row(l.node(parent: 1), .symbol("−"), r.node(parent: 2))
        case .multiply(let l, let r):
            // 3π, 2 log 2: juxtaposition, except between two numbers.
            if case .number = r { result = .row(l.node(parent: 3), .symbol("·"), r.node(parent: 4)) }
            else { result = .row(l.node(parent: 3), r.node(parent: 4)) }
        case .divide(let l, let r): result = .fraction(l.node(parent: 0), r.node(parent: 0))
        case .power(let base, let exponent): result = .power(base.node(parent: 5), exponent.node(parent: 0))
        case .call(let name, let arguments): result = Expression.call(name, arguments)
        case .pcf(let pcf): result = .parenthesized(pcf.continuedFractionNode(levels: 2))
        }
        return precedence < parent ? .parenthesized(result) : result
    }

    private static func call(_ name: String, _ arguments: [Expression]) -> MathNode {
        let args = arguments.map { $0.node(parent: 0) }
        switch (name, args.count) {
        case ("sqrt", 1): return .squareRoot(args[0])
        case ("cbrt", 1): return .root(args[0], index: .number("3"))
        case ("root", 2): return .root(args[0], index: args[1])
        case ("exp", 1): return .power(.identifier("e"), args[0])
        case ("besseli", 2): return .applying(.subscripted(.identifier("I"), args[0]), to: args[1])
        case ("besselj", 2): return .applying(.subscripted(.identifier("J"), args[0]), to: args[1])
        default:
            let symbol: MathNode = switch name {
            case "gamma": .identifier("Γ")
            case "zeta": .identifier("ζ")
            case "digamma": .identifier("ψ")
            case "ln": .identifier("log")
            case "atan": .identifier("arctan")
            case "asin": .identifier("arcsin")
            case "acos": .identifier("arccos")
            default: .identifier(name)
            }
            var inner: [MathNode] = []
            for (i, a) in args.enumerated() { if i > 0 { inner.append(.symbol(",")) }; inner.append(a) }
            return .applying(symbol, to: .row(inner))
        }
    }
}

extension Polynomial {
    /// The polynomial in n, highest degree first: 34n³ + 51n² + 27n + 5.
    public func mathNode(variable: String = "n") -> MathNode {
        var terms: [MathNode] = []
        for k in coefficients.indices.reversed() where !coefficients[k].isZero {
            let c = coefficients[k], magnitude = c.magnitude
            if terms.isEmpty { if c.signum < 0 { terms.append(.symbol("−")) } } else { terms.append(.symbol(c.signum < 0 ? "−" : "+")) }
            let power: MathNode? = k == 0 ? nil : k == 1 ? .identifier(variable) : .power(.identifier(variable), .number(String(k)))
            switch (magnitude == .one, power) {
            case (_, nil): terms.append(.number(magnitude.description))
            case (true, let p?): terms.append(p)
            case (false, let p?): terms.append(.row(.number(magnitude.description), p))
            }
        }
        return terms.isEmpty ? .number("0") : .row(terms)
    }
}

extension PCF {
    /// a(0) + b(1)/(a(1) + b(2)/(a(2) + ⋱)) with the first `levels` levels written out.
    public func continuedFractionNode(levels: Int = 3) -> MathNode {
        func value(_ x: BigInt) -> MathNode { x.signum < 0 ? .row(.symbol("−"), .number(x.magnitude.description)) : .number(x.description) }
        var tail: MathNode = .symbol("⋱")
        for n in stride(from: levels, through: 1, by: -1) {
            tail = .continuedFraction(value(b(n)), .row(value(a(n)), .symbol("+"), tail))
        }
        // A leading 0 + is left out: 0 + 1/(…) is 1/(…).
        return a(0).isZero ? tail : .row(value(a(0)), .symbol("+"), tail)
    }

    /// "a(n) = …, b(n) = …", interlaced parts listed by n mod k.
    public var termsNode: MathNode {
        func parts(_ name: String, _ polynomials: [Polynomial]) -> MathNode {
            let head = MathNode.row(.applying(.identifier(name), to: .identifier("n")), .symbol("="))
            if polynomials.count == 1 { return .row(head, polynomials[0].mathNode()) }
            var items: [MathNode] = [head]
            for (r, p) in polynomials.enumerated() {
                if r > 0 { items.append(.symbol(";")) }
                items += [p.mathNode(), .text(" for "), .identifier("n"), .symbol("≡"), .number(String(r)), .symbol("mod"),
                          .number(String(polynomials.count))]
            }
            return .row(items)
        }
        // No-break spaces: MathML trims ordinary spaces at the ends of <mtext>, and LaTeX reads U+00A0 as ~.
        return .row(parts("a", aParts), .symbol(","), .text("\u{00A0}\u{00A0}"), parts("b", bParts))
    }
}
