import Numbers

extension Expression: CustomStringConvertible {
    /// mpmath syntax with the fewest parentheses that keep the meaning: `4/(3*pi - 8)`.
    public var description: String { render(self, parentPrecedence: 0) }

    private var precedence: Int {
        switch self {
        case .add, .subtract: return 1
        case .multiply, .divide: return 2
        case .negate: return 3
        case .power: return 4
        case .number(let r): return r.signum < 0 ? 3 : (r.isInteger ? 5 : 2)
        case .constant, .call: return 5
        }
    }

    private func render(_ e: Expression, parentPrecedence: Int) -> String {
        let text: String
        switch e {
        case .number(let r): text = r.description
        case .constant(let name): text = Expression.displayName(name)
        case .negate(let x): text = "-" + render(x, parentPrecedence: 3)
        case .add(let l, let r):
            if case .negate(let inner) = r { text = render(l, parentPrecedence: 1) + " - " + render(inner, parentPrecedence: 2) }
            else if case .number(let q) = r, q.signum < 0 { text = render(l, parentPrecedence: 1) + " - " + (-q).description }
            else { text = render(l, parentPrecedence: 1) + " + " + render(r, parentPrecedence: 1) }
        case .subtract(let l, let r): text = render(l, parentPrecedence: 1) + " - " + render(r, parentPrecedence: 2)
        case .multiply(let l, let r): text = render(l, parentPrecedence: 2) + "*" + render(r, parentPrecedence: 3)
        case .divide(let l, let r): text = render(l, parentPrecedence: 2) + "/" + render(r, parentPrecedence: 3)
        case .power(let l, let r): text = render(l, parentPrecedence: 5) + "**" + render(r, parentPrecedence: 4)
        case .call(let name, let arguments): text = name + "(" + arguments.map { render($0, parentPrecedence: 0) }.joined(separator: ", ") + ")"
        }
        return e.precedence < parentPrecedence ? "(" + text + ")" : text
    }

    /// Constants print as the expression a user (and mpmath) would write: zeta(3), not zeta3.
    static func displayName(_ name: String) -> String {
        switch name {
        case "zeta3": return "zeta(3)"
        case "ln2": return "log(2)"
        default: return name
        }
    }
}
