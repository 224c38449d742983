/// Mathematics as a small layout tree, rendered as presentation MathML (for HTML pages that work offline)
/// and as LaTeX (for papers). Formulas, closed forms and polynomials are converted to it once.
public indirect enum MathNode: Sendable, Equatable {
    case number(String)
    case identifier(String)
    /// An operator or a fence: +, −, =, ⋯.
    case symbol(String)
    case row([MathNode])
    case fraction(MathNode, MathNode)
    /// A continued-fraction level: like a fraction, but LaTeX sets it with \cfrac so the levels stay legible.
    case continuedFraction(MathNode, MathNode)
    case power(MathNode, MathNode)
    case subscripted(MathNode, MathNode)
    case squareRoot(MathNode)
    case root(MathNode, index: MathNode)
    case parenthesized(MathNode)
    case text(String)
    /// A function applied to an argument: f(x).
    case application(MathNode, MathNode)

    public static func row(_ nodes: MathNode...) -> MathNode { .row(nodes) }

    /// A function applied to its argument, f(x).
    public static func applying(_ function: MathNode, to argument: MathNode) -> MathNode { .application(function, argument) }
}

extension MathNode {
    /// Presentation MathML inside a <math> element.
    public func mathML(display: Bool = false) -> String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(display ? " display=\"block\"" : "")>" + mathMLBody + "</math>"
    }

    var mathMLBody: String {
        switch self {
        case .number(let n): return "<mn>\(escapeXML(n))</mn>"
        case .identifier(let name): return "<mi>\(escapeXML(name))</mi>"
        case .symbol(let s): return "<mo>\(escapeXML(s))</mo>"
        // MathML's invisible function-application operator keeps renderers from spacing f(x) as a product, "f ( x )".
        case .application(let f, let x): return "<mrow>\(f.mathMLBody)<mo>&ApplyFunction;</mo>\(MathNode.parenthesized(x).mathMLBody)</mrow>"
        case .row(let nodes): return "<mrow>" + nodes.map(\.mathMLBody).joined() + "</mrow>"
        case .fraction(let n, let d): return "<mfrac>\(n.mathMLBody)\(d.mathMLBody)</mfrac>"
        // Display style keeps every level of a continued fraction at full size (as \cfrac does).
        case .continuedFraction(let n, let d):
            return "<mfrac><mrow displaystyle=\"true\">\(n.mathMLBody)</mrow><mrow displaystyle=\"true\">\(d.mathMLBody)</mrow></mfrac>"
        case .power(let base, let exponent): return "<msup>\(base.mathMLBody)\(exponent.mathMLBody)</msup>"
        case .subscripted(let base, let index): return "<msub>\(base.mathMLBody)\(index.mathMLBody)</msub>"
        case .squareRoot(let x): return "<msqrt>\(x.mathMLBody)</msqrt>"
        case .root(let x, let index): return "<mroot>\(x.mathMLBody)\(index.mathMLBody)</mroot>"
        // Parentheses stretch only around fractions: Chromium sets stretchy fences with wide side bearings, "log ( 2 )".
        case .parenthesized(let x):
            let fence = x.isTall ? "<mo>" : "<mo stretchy=\"false\">"
            return "<mrow>\(fence)(</mo>\(x.mathMLBody)\(fence))</mo></mrow>"
        case .text(let t): return "<mtext>\(escapeXML(t))</mtext>"
        }
    }

    /// Whether the node holds a fraction, so that parentheses around it must grow.
    var isTall: Bool {
        switch self {
        case .number, .identifier, .symbol, .text: return false
        case .fraction, .continuedFraction: return true
        case .row(let nodes): return nodes.contains(where: \.isTall)
        case .power(let a, let b), .subscripted(let a, let b), .root(let a, index: let b), .application(let a, let b): return a.isTall || b.isTall
        case .squareRoot(let x), .parenthesized(let x): return x.isTall
        }
    }

    /// LaTeX math-mode source.
    public var latex: String {
        switch self {
        case .number(let n): return n
        case .identifier(let name): return MathNode.latexNames[name] ?? (name.count == 1 ? name : "\\mathrm{\(name)}")
        case .symbol(let s): return MathNode.latexSymbols[s] ?? s
        case .row(let nodes): return nodes.map(\.latex).joined(separator: " ")
        case .fraction(let n, let d): return "\\frac{\(n.latex)}{\(d.latex)}"
        case .continuedFraction(let n, let d): return "\\cfrac{\(n.latex)}{\(d.latex)}"
        case .power(let base, let exponent): return "{\(base.latex)}^{\(exponent.latex)}"
        case .subscripted(let base, let index): return "{\(base.latex)}_{\(index.latex)}"
        case .squareRoot(let x): return "\\sqrt{\(x.latex)}"
        case .root(let x, let index): return "\\sqrt[\(index.latex)]{\(x.latex)}"
        case .parenthesized(let x): return "\\left(\(x.latex)\\right)"
        case .application(let f, let x): return "\(f.latex) \(MathNode.parenthesized(x).latex)"
        case .text(let t): return "\\text{\(t)}"
        }
    }

    static let latexNames: [String: String] = [
        "π": "\\pi", "γ": "\\gamma", "ζ": "\\zeta", "Γ": "\\Gamma", "ϖ": "\\varpi", "φ": "\\varphi", "δ": "\\delta", "ψ": "\\psi",
        "log": "\\log", "exp": "\\exp", "sin": "\\sin", "cos": "\\cos", "tan": "\\tan", "cot": "\\cot", "sinh": "\\sinh",
        "cosh": "\\cosh", "tanh": "\\tanh", "coth": "\\coth", "arctan": "\\arctan", "arcsin": "\\arcsin", "arccos": "\\arccos",
        "sec": "\\sec", "csc": "\\csc",
    ]
    static let latexSymbols: [String: String] = ["−": "-", "⋯": "\\cdots", "⋱": "\\ddots", "·": "\\cdot", "≈": "\\approx", "|": "\\mid", "≡": "\\equiv", "mod": "\\bmod"]
}

/// Escapes the characters XML and HTML give a meaning to.
public func escapeXML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

extension MathNode {
    /// Plain Unicode text for places without math layout (plot labels, CSV): 4/(3π − 8), ζ(3).
    public var plainText: String {
        switch self {
        case .number(let n): return n
        case .identifier(let name): return name
        case .symbol(let s): return [",", ";"].contains(s) ? s + " " : (["(", ")"].contains(s) ? s : " " + s + " ")
        case .row(let nodes):
            let text = nodes.map(\.plainText).joined()
            return text.hasPrefix(" − ") ? "−" + text.dropFirst(3) : text
        case .fraction(let n, let d), .continuedFraction(let n, let d): return MathNode.grouped(n) + "/" + MathNode.grouped(d)
        case .power(let base, let exponent): return MathNode.grouped(base) + "^" + MathNode.grouped(exponent)
        case .subscripted(let base, let index): return base.plainText + "_" + index.plainText
        case .squareRoot(let x): return "√" + MathNode.grouped(x)
        case .root(let x, let index): return "root(" + x.plainText + ", " + index.plainText + ")"
        case .parenthesized(let x): return "(" + x.plainText + ")"
        case .application(let f, let x): return f.plainText + "(" + x.plainText + ")"
        case .text(let t): return t
        }
    }

    static func grouped(_ node: MathNode) -> String {
        switch node {
        case .number, .identifier, .parenthesized, .power, .squareRoot, .application: return node.plainText
        case .row(let nodes) where nodes.count == 2:
            if case .parenthesized = nodes[1] { return node.plainText }  // ζ(3)
            if case .symbol("−") = nodes[0], case .number = nodes[1] { return node.plainText }  // −2
            return "(" + node.plainText + ")"
        default: return "(" + node.plainText + ")"
        }
    }
}
