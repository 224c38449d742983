import Foundation

extension Plot {
    /// The same chart as a TikZ picture (needs only \usepackage{tikz}; colours are defined inline).
    public var tikz: String {
        let f = frame()
        func n(_ x: Double) -> String { String(format: "%.1f", x) }
        // TikZ's y axis points up; the layout's points down.
        func at(_ x: Double, _ y: Double) -> String { "(\(n(x)),\(n(height - y)))" }
        var colours: [String: String] = [:]
        func colour(_ hex: String) -> String {
            if let name = colours[hex] { return name }
            let name = "aperyc\(colours.count)"
            colours[hex] = name
            return name
        }
        var body = "\\draw[black!80] \(at(f.left, f.top)) rectangle \(at(f.right, f.bottom));\n"
        for x in f.xTicks { body += "\\node[below, font=\\scriptsize] at \(at(f.px(x), f.bottom)) {$\(Plot.tickText(x))$};\n" }
        for y in f.yTicks { body += "\\node[left, font=\\scriptsize] at \(at(f.left, f.py(y))) {$\(Plot.tickText(y))$};\n" }
        body += "\\node[font=\\small] at \(at((f.left + f.right) / 2, height - 14)) {\(latexEscaped(xLabel))};\n"
        body += "\\node[font=\\small, rotate=90] at \(at(16, (f.top + f.bottom) / 2)) {\(yLabelLatex ?? latexEscaped(yLabel))};\n"
        body += "\\node[font=\\bfseries] at \(at(width / 2, 16)) {\(latexEscaped(title))};\n"
        for s in series.sorted(by: { ($0.colour == Plot.grey ? 0 : 1) < ($1.colour == Plot.grey ? 0 : 1) }) {
            let points = visiblePoints(s, f), c = colour(s.colour)
            switch s.style {
            case .line:
                guard points.count > 1 else { continue }
                body += "\\draw[\(c), line width=0.9pt] " + points.map { at($0.x, $0.y) }.joined(separator: " -- ") + ";\n"
            case .markers:
                for p in points { body += "\\fill[\(c)] \(at(p.x, p.y)) circle (1.1pt);\n" }
            }
        }
        for label in labels {
            body += "\\node[anchor=south west, text=\(colour(label.colour)), font=\\scriptsize] at \(at(f.px(label.x), f.py(label.y))) {$\(label.latex)$};\n"
        }
        for (i, s) in legendEntries.enumerated() {
            let y = f.top + 8 + Double(i) * 18, x = f.right + 14
            body += "\\fill[\(colour(s.colour))] \(at(x + 8, y)) circle (2pt);\n"
            let name = s.latexName.map { "$\($0)$" } ?? latexEscaped(Plot.shortened(s.name!))
            body += "\\node[anchor=west, font=\\scriptsize] at \(at(x + 18, y)) {\(name)};\n"
        }
        let definitions = colours.sorted { $0.value < $1.value }.map { hex, name in
            "\\definecolor{\(name)}{HTML}{\(hex.dropFirst().uppercased())}\n"
        }.joined()
        return definitions + "\\begin{tikzpicture}[x=0.5pt, y=0.5pt]\n" + body + "\\end{tikzpicture}\n"
    }
}

/// Text safe in LaTeX's text mode.
public func latexEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
        switch c {
        case "\\": out += "\\textbackslash{}"
        case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(c)
        case "~": out += "\\textasciitilde{}"
        case "^": out += "\\textasciicircum{}"
        case "π": out += "$\\pi$"
        case "γ": out += "$\\gamma$"
        case "ζ": out += "$\\zeta$"
        case "δ": out += "$\\delta$"
        case "η": out += "$\\eta$"
        case "φ": out += "$\\varphi$"
        case "ϖ": out += "$\\varpi$"
        case "Γ": out += "$\\Gamma$"
        case "ψ": out += "$\\psi$"
        case "√": out += "$\\surd$"
        case "−": out += "-"
        case "·": out += "$\\cdot$"
        case "⋱": out += "$\\ddots$"
        case "≡": out += "$\\equiv$"
        case "…": out += "\\ldots{}"
        case "–": out += "--"
        case "—": out += "---"
        case "≥": out += "$\\geq$"
        case "×": out += "$\\times$"
        default: out.append(c)
        }
    }
    return out
}
