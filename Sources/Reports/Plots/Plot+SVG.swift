import Foundation

extension Plot {
    /// A standalone SVG document (also valid inline in HTML5).
    public var svg: String {
        let f = frame()
        func n(_ x: Double) -> String { String(format: "%.1f", x) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" \
            font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="\(escapeXML(title))">
            <title>\(escapeXML(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(n(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\(escapeXML(title))</text>

            """
        // Grid and ticks.
        for x in f.xTicks {
            out += "<line x1=\"\(n(f.px(x)))\" y1=\"\(n(f.top))\" x2=\"\(n(f.px(x)))\" y2=\"\(n(f.bottom))\" stroke=\"#eeeeee\"/>"
            out += "<text x=\"\(n(f.px(x)))\" y=\"\(n(f.bottom + 16))\" text-anchor=\"middle\">\(Plot.tickText(x))</text>\n"
        }
        for y in f.yTicks {
            out += "<line x1=\"\(n(f.left))\" y1=\"\(n(f.py(y)))\" x2=\"\(n(f.right))\" y2=\"\(n(f.py(y)))\" stroke=\"#eeeeee\"/>"
            out += "<text x=\"\(n(f.left - 6))\" y=\"\(n(f.py(y) + 4))\" text-anchor=\"end\">\(Plot.tickText(y))</text>\n"
        }
        out += "<rect x=\"\(n(f.left))\" y=\"\(n(f.top))\" width=\"\(n(f.right - f.left))\" height=\"\(n(f.bottom - f.top))\" fill=\"none\" stroke=\"#333333\"/>\n"
        out += "<text x=\"\(n((f.left + f.right) / 2))\" y=\"\(n(height - 14))\" text-anchor=\"middle\">\(escapeXML(xLabel))</text>\n"
        out += "<text transform=\"translate(16 \(n((f.top + f.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeXML(yLabel))</text>\n"
        // Data: grey series (noise) first, so that clusters draw on top.
        for s in series.sorted(by: { ($0.colour == Plot.grey ? 0 : 1) < ($1.colour == Plot.grey ? 0 : 1) }) {
            let points = visiblePoints(s, f)
            switch s.style {
            case .line:
                guard points.count > 1 else { continue }
                out += "<polyline fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"1.8\" points=\""
                    + points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ") + "\"/>\n"
            case .markers:
                out += "<g fill=\"\(s.colour)\" fill-opacity=\"0.8\">"
                    + points.map { "<circle cx=\"\(n($0.x))\" cy=\"\(n($0.y))\" r=\"2.2\"/>" }.joined() + "</g>\n"
            }
        }
        for label in labels {
            out += "<text x=\"\(n(f.px(label.x) + 5))\" y=\"\(n(f.py(label.y) - 5))\" fill=\"\(label.colour)\" font-weight=\"bold\">\(escapeXML(label.text))</text>\n"
        }
        // Legend.
        for (i, s) in legendEntries.enumerated() {
            let y = f.top + 8 + Double(i) * 18, x = f.right + 14
            out += s.style == .line
                ? "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 16))\" y2=\"\(n(y))\" stroke=\"\(s.colour)\" stroke-width=\"2\"/>"
                : "<circle cx=\"\(n(x + 8))\" cy=\"\(n(y))\" r=\"4\" fill=\"\(s.colour)\"/>"
            out += "<text x=\"\(n(x + 22))\" y=\"\(n(y + 4))\">\(escapeXML(Plot.shortened(s.name!)))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func shortened(_ text: String, to length: Int = 48) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
