import Constants
import Formulas
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
        case .constant, .call, .pcf: return 5
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
        case .pcf(let pcf): text = pcf.description
        }
        return e.precedence < parentPrecedence ? "(" + text + ")" : text
    }

    /// Python for mpmath, after `from mpmath import *`: rationals as `mpf(1)/3`, so that `exp(1/3)` means the exact
    /// third at the working precision rather than a double; Apery's names that mpmath spells otherwise renamed.
    public var python: String { pythonText(self, parentPrecedence: 0) }

    private func pythonText(_ e: Expression, parentPrecedence: Int) -> String {
        // An exact rational however written (-9/10, 1/(2*5)) is one mpf quotient.
        if let exact = e.exactValue, !exact.isInteger {
            return 2 < parentPrecedence ? "(mpf(\(exact.numerator))/\(exact.denominator))" : "mpf(\(exact.numerator))/\(exact.denominator)"
        }
        let text: String
        var precedence = e.precedence
        switch e {
        case .number(let r):
            if r.isInteger { text = r.description } else {
                text = "mpf(\(r.numerator))/\(r.denominator)"
                precedence = 2
            }
        case .constant(let name):
            // mpmath knows pi, e, phi, euler, catalan, khinchin and glaisher; the others are written out.
            if let constant = ConstantLibrary.named(name), constant.expression != constant.name, let parsed = try? Expression(parsing: constant.expression) {
                text = pythonText(parsed, parentPrecedence: 0)
                precedence = parsed.precedence
            } else {
                text = Expression.displayName(name)
            }
        case .negate(let x): text = "-" + pythonText(x, parentPrecedence: 3)
        case .add(let l, let r): text = pythonText(l, parentPrecedence: 1) + " + " + pythonText(r, parentPrecedence: 1)
        case .subtract(let l, let r): text = pythonText(l, parentPrecedence: 1) + " - " + pythonText(r, parentPrecedence: 2)
        case .multiply(let l, let r): text = pythonText(l, parentPrecedence: 2) + "*" + pythonText(r, parentPrecedence: 3)
        case .divide(let l, let r):
            // int / int would be a Python float: the numerator becomes an mpf.
            if case .number(let n) = l, n.isInteger, case .number(let d) = r, d.isInteger { text = "mpf(\(n))/\(d)" }
            else { text = pythonText(l, parentPrecedence: 2) + "/" + pythonText(r, parentPrecedence: 3) }
        case .power(let l, let r):
            // So would int ** negative int.
            if case .number(let n) = l, n.isInteger, r.exactValue.map({ $0.signum < 0 }) == true { text = "mpf(\(n))**" + pythonText(r, parentPrecedence: 4) }
            else { text = pythonText(l, parentPrecedence: 5) + "**" + pythonText(r, parentPrecedence: 4) }
        case .call(let name, let arguments):
            let args = arguments.map { pythonText($0, parentPrecedence: 0) }
            switch name {
            case "fac", "factorial": text = "factorial(\(args.joined(separator: ", ")))"
            case "li2": text = "polylog(2, \(args[0]))"
            case "ln": text = "log(\(args.joined(separator: ", ")))"
            case "lngamma": text = "loggamma(\(args[0]))"
            case "polygamma": text = "psi(\(args.joined(separator: ", ")))"
            default: text = name + "(" + args.joined(separator: ", ") + ")"
            }
        case .pcf(let pcf):
            // ramanujantools' convergent at depth 2000 as an mpmath number (`from ramanujantools import PCF`).
            text = "\(pcf.python ?? pcf.description).limit(2000).as_float()"
        }
        return precedence < parentPrecedence ? "(" + text + ")" : text
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
