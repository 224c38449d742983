import Testing
@testable import Reports
@testable import Store

/// The report's plots: every colour is named in the legend, and curves that would draw one band are drawn once.
@Suite struct PlotTests {
    @Test func everyClusterColourHasALegendEntry() {
        // Twelve clusters on the same d, four identified and eight not, plus noise.
        var rows: [ClusterableMeasurement] = []
        var clusters: [ClusterRecord] = []
        var membership: [Int64: Int64] = [:]
        var id: Int64 = 0
        for label in 0..<12 {
            var record = ClusterRecord(plane: "d", label: label, size: 3, anchorFormula: nil,
                                       closedForm: label < 4 ? ["pi", "e", "log(2)", "zeta(3)"][label] : nil, identifiedFromLibrary: label < 4, related: 0)
            record.id = Int64(label + 1)
            clusters.append(record)
            for _ in 0..<3 {
                id += 1
                rows.append(ClusterableMeasurement(id: id, formula: "PCF(\(id), 1)", depth: 2000, sample: 0, frDelta: -1 + 0.01 * Double(label),
                                                   d: 0, c: 0, eta: nil, gamma: nil, digitsPerTerm: nil, convergenceClass: "factorial"))
                membership[id] = record.id
            }
        }
        rows.append(ClusterableMeasurement(id: 999, formula: "PCF(999, 1)", depth: 2000, sample: 0, frDelta: 0.5, d: 1, c: 0, eta: nil, gamma: nil,
                                           digitsPerTerm: nil, convergenceClass: "factorial"))
        let plot = Report.clusterPlot([(rows: rows, clusters: clusters, membership: membership)])
        #expect(plot.labels.isEmpty)
        let colours = Set(plot.series.map(\.colour))
        let named = Set(plot.series.filter { $0.name != nil }.map(\.colour))
        #expect(colours == named && plot.legendEntries.count == plot.series.count)
        #expect(plot.series.contains { $0.name == "3 smaller clusters (9)" })
        #expect(plot.series.contains { $0.name == "π (3)" } && plot.series.contains { $0.name == "unidentified cluster (3)" })
        #expect(plot.series.map(\.points.count).reduce(0, +) == rows.count)
    }

    @Test func curvesThatConvergeAlikeAreDrawnOnce() throws {
        // 4/pi twice (the same fraction shifted is another formula with the same convergence) and e, much faster.
        let curves = [Report.Curve(formula: "PCF(2n+1, n^2)", closedForm: "4/pi", digitsPerTerm: nil),
                      Report.Curve(formula: "PCF(2n+3, (n+1)^2)", closedForm: "4/pi", digitsPerTerm: nil),
                      Report.Curve(formula: "PCF(n+1, n)", closedForm: "1/(e-2)", digitsPerTerm: nil)]
        let plot = try #require(Report.convergencePlot(curves, title: "t", maxDepth: 400))
        #expect(plot.series.count == 2)
        #expect(plot.series[0].name?.hasSuffix("(and 1 more converging alike)") == true)
    }
}
