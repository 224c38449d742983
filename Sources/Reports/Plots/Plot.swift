import Foundation

/// A 2-D chart as data: series of lines or markers on linear axes, with labels placed in data coordinates.
/// Rendered as SVG (HTML, Markdown) and as TikZ (LaTeX) from the same layout.
public struct Plot: Sendable {
    public enum Style: Sendable { case line, markers }

    public struct Series: Sendable {
        public var name: String?
        /// The name as LaTeX math, for TikZ (the plain name is used when nil).
        public var latexName: String?
        public var colour: String  // #rrggbb
        public var style: Style
        public var points: [(x: Double, y: Double)]
        public init(name: String?, latexName: String? = nil, colour: String, style: Style, points: [(x: Double, y: Double)]) {
            self.name = name; self.latexName = latexName; self.colour = colour; self.style = style; self.points = points
        }
    }

    /// Text beside a point: `text` for SVG, `latex` (math mode) for TikZ.
    public struct Label: Sendable {
        public var x: Double, y: Double, text: String, latex: String, colour: String
        public init(x: Double, y: Double, text: String, latex: String, colour: String) {
            self.x = x; self.y = y; self.text = text; self.latex = latex; self.colour = colour
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// The y label as LaTeX (text mode, math in $…$) for TikZ, when it holds mathematics.
    public var yLabelLatex: String?
    public var series: [Series] = []
    public var labels: [Label] = []
    public var width = 880.0
    public var height = 440.0

    public init(title: String, xLabel: String, yLabel: String) { self.title = title; self.xLabel = xLabel; self.yLabel = yLabel }

    /// Ten colours that stay distinct on white (and for most colour-blind readers), then grey for noise.
    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79"]
    public static let grey = "#b0b0b0"

    // MARK: - Layout shared by the renderers

    struct Frame {
        let left = 64.0, right: Double, top = 36.0, bottom: Double
        let xTicks: [Double], yTicks: [Double]
        let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

        func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (bottom - top) }
    }

    var legendEntries: [Series] { series.filter { $0.name != nil }.prefix(12).map { $0 } }

    func frame() -> Frame {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xs = all.map(\.x), ys = all.map(\.y)
        let xTicks = Plot.ticks(xs.min() ?? 0, xs.max() ?? 1), yTicks = Plot.ticks(ys.min() ?? 0, ys.max() ?? 1)
        let longest = legendEntries.map { Plot.shortened($0.name!).count }.max() ?? 0
        let legendWidth = legendEntries.isEmpty ? 0.0 : min(360, 40 + 6.6 * Double(longest))
        // The x axis spans the data exactly (a curve that stops at 325 does not run on to 400); y keeps round ends.
        let xLow = xs.min() ?? xTicks.first!, xHigh = xs.max() ?? xTicks.last!
        let xRange = xHigh > xLow ? xLow...xHigh : xTicks.first!...xTicks.last!
        return Frame(right: width - 16 - legendWidth, bottom: height - 52, xTicks: xTicks.filter { xRange.contains($0) }, yTicks: yTicks,
                     xRange: xRange, yRange: yTicks.first!...yTicks.last!)
    }

    /// Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        var lo = lo, hi = hi
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        let rough = (hi - lo) / 6
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough }!
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        return stride(from: first, through: last + step / 2, by: step).map { abs($0) < step * 1e-9 ? 0 : $0 }
    }

    static func tickText(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e7 { return String(Int(value)) }
        var text = String(value)
        if text.count > 8 { text = String(format: "%.4g", value) }
        return text
    }

    /// One point per device pixel and series: a thousand markers on one spot draw the same picture as one.
    func visiblePoints(_ s: Series, _ f: Frame) -> [(x: Double, y: Double)] {
        guard s.style == .markers else { return s.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (f.px($0.x), f.py($0.y)) } }
        var seen = Set<Int64>()
        return s.points.compactMap { p in
            guard p.x.isFinite, p.y.isFinite else { return nil }
            let x = f.px(p.x), y = f.py(p.y)
            return seen.insert(Int64(x.rounded()) << 32 | Int64(y.rounded())).inserted ? (x, y) : nil
        }
    }
}
