import Foundation
import SearchEngine
import Store

/// A MAP-Elites archive drawn as a heatmap: one square per filled cell, coloured by the elite's fitness (dark blue
/// lowest, yellow highest); empty cells stay white. A grid of more than two descriptors is drawn with the last
/// one upwards and the others combined along the x axis (row-major, the first varying slowest).
public struct ArchiveHeatmap: Codable, Sendable {
    public var title: String
    public var cells: [Int]
    public var lower: [Double]
    public var upper: [Double]
    /// Fitness by (row-major) cell, islands merged: the best per cell.
    public var fitness: [Int: Double]
    public var xLabel = "descriptor 1"
    public var yLabel = "descriptor 2"

    /// The archives of the MAP-Elites searches a database holds, one heatmap per search.
    static func archives(in store: AperyStore, path: String) throws -> [ArchiveHeatmap] {
        // Only what a heatmap needs is decoded: the grid and each elite's cell and fitness.
        struct Saved: Decodable { var proposer: SavedArchiveFitness }
        var maps: [String: ArchiveHeatmap] = [:]
        for row in try store.searchStates() where row.state.driver == "map-elites" {
            let decoder = JSONDecoder()
            decoder.userInfo[OutOfLineColumns.userInfoKey] = OutOfLineColumns(bytes: row.state.columns ?? Data())
            guard let saved = try? decoder.decode(Saved.self, from: Data(row.state.state.utf8)), saved.proposer.grid.cells.count >= 2 else { continue }
            let grid = saved.proposer.grid, d = grid.cells.count
            let folded = [grid.cells.dropLast().reduce(1, *), grid.cells[d - 1]]
            var map = maps[row.identifier] ?? ArchiveHeatmap(title: "\(row.identifier) (\(path))", cells: folded, lower: [grid.lower[0], grid.lower[d - 1]],
                                                             upper: [grid.upper[0], grid.upper[d - 1]], fitness: [:])
            if d > 2 {
                map.xLabel = row.identifier.hasPrefix("optimizer-") ? "state tensors 0, 1, 2 (each: magnitude-scaled, sign-like)" : "descriptors 1-\(d - 1) combined"
                map.yLabel = row.identifier.hasPrefix("optimizer-") ? "program length (statements)" : "descriptor \(d)"
            }
            for (cell, f) in saved.proposer.fitness where f.isFinite {
                map.fitness[cell] = max(map.fitness[cell] ?? -.infinity, f)
            }
            maps[row.identifier] = map
        }
        return maps.keys.sorted().map { maps[$0]! }
    }

    /// An axis's name, with its descriptor's range when the axis is one descriptor.
    func axisText(_ label: String, _ axis: Int) -> String {
        escapeXML(label.hasPrefix("descriptor ") ? label + String(format: " [%.4g, %.4g]", lower[axis], upper[axis]) : label)
    }

    var range: (lo: Double, hi: Double) {
        let values = fitness.values
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        return (lo, hi > lo ? hi : lo + 1)
    }

    /// Viridis-like ramp from t = 0 (dark blue) to 1 (yellow), as RGB in [0, 1].
    static func colour(_ t: Double) -> (Double, Double, Double) {
        let stops: [(Double, Double, Double)] = [(0.267, 0.005, 0.329), (0.229, 0.322, 0.546), (0.128, 0.567, 0.551), (0.369, 0.789, 0.383), (0.993, 0.906, 0.144)]
        let x = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2), u = x - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        return (a.0 + (b.0 - a.0) * u, a.1 + (b.1 - a.1) * u, a.2 + (b.2 - a.2) * u)
    }

    /// Cell squares in plot coordinates: (column, row from the bottom, t in [0, 1]).
    var squares: [(x: Int, y: Int, t: Double)] {
        let (lo, hi) = range
        return fitness.keys.sorted().map { cell in (cell / cells[1], cell % cells[1], (fitness[cell]! - lo) / (hi - lo)) }
    }

    public var coverage: Double { Double(fitness.count) / Double(cells[0] * cells[1]) }

    /// Inline SVG, 420 px square plus a colour bar.
    public var svg: String {
        let size = 400.0, margin = 50.0
        let w = size / Double(cells[0]), h = size / Double(cells[1])
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size + 2 * margin + 60))\" height=\"\(Int(size + 2 * margin))\" font-family=\"sans-serif\" font-size=\"11\">"
        out += "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(size)\" height=\"\(size)\" fill=\"white\" stroke=\"#888\"/>"
        for s in squares {
            let (r, g, b) = ArchiveHeatmap.colour(s.t)
            let x = margin + Double(s.x) * w, y = margin + size - Double(s.y + 1) * h
            out += String(format: "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"rgb(%d,%d,%d)\"/>", x, y, w + 0.05, h + 0.05,
                          Int(r * 255), Int(g * 255), Int(b * 255))
        }
        let (lo, hi) = range
        for k in 0...10 {
            let (r, g, b) = ArchiveHeatmap.colour(Double(k) / 10)
            out += String(format: "<rect x=\"%.0f\" y=\"%.2f\" width=\"14\" height=\"%.2f\" fill=\"rgb(%d,%d,%d)\"/>", margin + size + 16,
                          margin + size - Double(k + 1) * size / 11, size / 11 + 0.5, Int(r * 255), Int(g * 255), Int(b * 255))
        }
        out += String(format: "<text x=\"%.0f\" y=\"%.0f\">%.4g</text><text x=\"%.0f\" y=\"%.0f\">%.4g</text>", margin + size + 34, margin + size, lo,
                      margin + size + 34, margin + 10, hi)
        out += String(format: "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">", margin + size / 2, margin + size + 30) + axisText(xLabel, 0) + "</text>"
        out += String(format: "<text x=\"14\" y=\"%.0f\" transform=\"rotate(-90 14 %.0f)\" text-anchor=\"middle\">", margin + size / 2, margin + size / 2)
            + axisText(yLabel, 1) + "</text>"
        return out + "</svg>"
    }

    /// A TikZ picture, 8 cm square; cells are merged into horizontal runs of one colour step to keep it small.
    public var tikz: String {
        let unit = 8.0 / Double(max(cells[0], cells[1]))
        var out = "\\begin{tikzpicture}\n\\draw[gray] (0,0) rectangle (\(String(format: "%.3f", Double(cells[0]) * unit)),\(String(format: "%.3f", Double(cells[1]) * unit)));\n"
        var colours: Set<Int> = []
        for s in squares {
            let step = Int((s.t * 20).rounded())
            colours.insert(step)
            out += String(format: "\\fill[qd%d] (%.3f,%.3f) rectangle +(%.3f,%.3f);\n", step, Double(s.x) * unit, Double(s.y) * unit, unit, unit)
        }
        let definitions = colours.sorted().map { step -> String in
            let (r, g, b) = ArchiveHeatmap.colour(Double(step) / 20)
            return String(format: "\\definecolor{qd%d}{rgb}{%.3f,%.3f,%.3f}\n", step, r, g, b)
        }.joined()
        let (lo, hi) = range
        return definitions + out + String(format: "\\node[below] at (%.3f,0) {\\small ", Double(cells[0]) * unit / 2) + latexEscaped(xLabel)
            + String(format: "; fitness from %.4g (dark) to %.4g (yellow)};\n", lo, hi)
            + "\\end{tikzpicture}\n"
    }
}
