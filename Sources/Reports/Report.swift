import Expressions
import Formulas
import Foundation
import Numbers
import Store

/// What one or more databases hold, gathered for a report: formulas by constant, verifications, conjectures,
/// convergence dynamics and clusters, and the searches and runs that produced them.
public struct Report: Sendable {
    /// A formula found by a search (or by clustering): the stored hit, with its database and family.
    @dynamicMemberLookup
    public struct Formula: Codable, Sendable {
        public var hit: StoredHit
        public var database: String
        /// The family, qualified by its database (family ids are per database).
        public var family: String
        public var familySize: Int

        public subscript<T>(dynamicMember path: KeyPath<StoredHit, T>) -> T { hit[keyPath: path] }
    }

    public struct ConstantSection: Sendable {
        /// The constants as expressions print them ("pi", "zeta(3)", "besseli(0, 2),besseli(1, 2)": `sectionName`).
        public var constants: String
        public var formulas: [Formula]
        public var families: Int { Set(formulas.map(\.family)).count }
    }

    public struct DatabaseSummary: Codable, Sendable {
        public var path: String
        public var searches: [StoredSearch]
        public var runs: [RunRecord]
        public var dynamics: Dynamics
        public var clusters: [ClusterRecord]

        /// The clusters an anchor names, by plane, the largest first.
        public var namedClusters: [ClusterRecord] {
            clusters.filter { $0.closedForm != nil }.sorted { ($0.plane, -$0.size) < ($1.plane, -$1.size) }
        }
    }

    public struct Dynamics: Codable, Sendable {
        public var rows: Int, convergent: Int, terminating: Int
        public var divergent: Int { rows - convergent - terminating }
    }

    public var databases: [DatabaseSummary]
    public var generatedAt: String
    public var aperyVersion: String
    public var sections: [ConstantSection]
    public var verifications: [StoredVerification]
    public var conjectures: [ConjectureInput]
    public var constants: [ConstantRecord]
    /// Per constant set (the largest first), the convergence of its families' representatives.
    public var convergencePlots: [(constants: String, plot: Plot)]
    public var clusterPlot: Plot?
    /// The convergence of the formulas of the largest named clusters (FR delta vs d): families found blind.
    public var clusterFamilyPlots: [Plot] = []
    /// The archives of quality-diversity searches (MAP-Elites), islands merged.
    public var archives: [ArchiveHeatmap] = []
    /// The pass@k tables of puzzle searches.
    public var puzzles: [PuzzleTables] = []
    /// Optimizer searches: fitness over time, the best rules, and the comparison with AdamW, Lion and SGD.
    public var optimizers: [OptimizerSection] = []

    public var isEmpty: Bool {
        sections.isEmpty && verifications.isEmpty && conjectures.isEmpty && archives.isEmpty && puzzles.isEmpty && optimizers.isEmpty && databases.allSatisfy { $0.dynamics.rows == 0 && $0.searches.isEmpty }
    }

    public static let emptyNote = "This database holds no results yet: no formulas, verifications, conjectures or measurements. "
        + "Fill it with `apery search pcf --spec FILE --db FILE`, `apery verify ... --db FILE`, `apery esma` or `apery dynamics`."

    /// Gathers the report; `familyPlots` bounds the convergence plots (largest families first).
    public init(stores: [(path: String, store: AperyStore)], aperyVersion: String, familyPlots: Int = 6, plotDepth: Int = 2000) throws {
        self.aperyVersion = aperyVersion
        generatedAt = AperyStore.now()
        var formulas: [Formula] = [], verifications: [StoredVerification] = [], conjectures: [ConjectureInput] = []
        var constants: [String: ConstantRecord] = [:]
        var databases: [DatabaseSummary] = []
        var clusterInputs: [(rows: [ClusterableMeasurement], clusters: [ClusterRecord], membership: [Int64: Int64])] = []
        for (path, store) in stores {
            archives += try ArchiveHeatmap.archives(in: store, path: path)
            puzzles += try PuzzleTables.tables(in: store, path: path)
            optimizers += try OptimizerSection.sections(in: store, path: path)
            let hits = try store.storedHits(all: true)
            let sizes = Dictionary(grouping: hits, by: { $0.familyId }).mapValues(\.count)
            formulas += hits.map { Formula(hit: $0, database: path, family: "\(path)#\($0.familyId)", familySize: sizes[$0.familyId] ?? 1) }
            verifications += try store.storedVerifications()
            conjectures += try store.storedConjectures()
            for c in try store.storedConstants() { constants[c.name] = c }
            let counts = try store.dynamicsCounts()
            let clusters = try store.storedClusters()
            databases.append(DatabaseSummary(path: path, searches: try store.storedSearches(), runs: try store.storedRuns(),
                                             dynamics: Dynamics(rows: counts.rows, convergent: counts.convergent, terminating: counts.terminating),
                                             clusters: clusters))
            if counts.rows > 0 {
                clusterInputs.append((try store.clusterableMeasurements(), clusters, try store.clusterOfMeasurement(plane: "d")))
            }
        }
        self.databases = databases
        self.verifications = verifications
        self.conjectures = conjectures
        let grouped: [String: [Formula]] = Dictionary(grouping: formulas, by: { (f: Formula) in Report.sectionName(f.constants) })
        sections = grouped.map { (key: String, members: [Formula]) -> ConstantSection in
            ConstantSection(constants: key, formulas: members.sorted(by: Report.listingOrder))
        }.sorted { (x: ConstantSection, y: ConstantSection) in (x.formulas.count, y.constants) > (y.formulas.count, x.constants) }
        // The legend: the library constants the closed forms use.
        let used = Set(formulas.flatMap { Report.constantNames(in: $0.closedForm) } + verifications.flatMap { Report.constantNames(in: $0.closedForm) }
                       + conjectures.map(\.constant))
        self.constants = constants.values.filter { used.contains($0.name) }.sorted { $0.name < $1.name }

        convergencePlots = sections.prefix(familyPlots).compactMap { section in
            Report.convergencePlot(section, maxDepth: plotDepth).map { (section.constants, $0) }
        }
        clusterPlot = clusterInputs.isEmpty ? nil : Report.clusterPlot(clusterInputs)
        for ((path, store), summary) in zip(stores, databases) where clusterFamilyPlots.count < 3 {
            let named = summary.namedClusters.filter { $0.plane == "d" }.sorted { $0.size > $1.size }
            for cluster in named.prefix(3 - clusterFamilyPlots.count) {
                let members = try store.knownMembers(ofCluster: cluster.id!).map { Report.Curve(formula: $0.formula, closedForm: $0.closedForm) }
                let title = "Convergence of the cluster named by \(Report.plainText(cluster.closedForm!)) (\(path), \(cluster.size) PCFs)"
                if let plot = Report.convergencePlot(members, title: title, maxDepth: plotDepth) { clusterFamilyPlots.append(plot) }
            }
        }
    }

    /// Families together, those of searches before those clustering found, the largest first; each led by its
    /// representative, then the simplest formulas.
    static func listingOrder(_ x: Formula, _ y: Formula) -> Bool {
        let cx = x.search.hasPrefix("cluster") ? 1 : 0, cy = y.search.hasPrefix("cluster") ? 1 : 0
        if (cx, -x.familySize, x.family) != (cy, -y.familySize, y.family) { return (cx, -x.familySize, x.family) < (cy, -y.familySize, y.family) }
        return (x.representative ? 0 : 1, x.formula.count, x.formula) < (y.representative ? 0 : 1, y.formula.count, y.formula)
    }

    /// Library constant names an expression uses.
    static func constantNames(in text: String) -> [String] {
        guard let expression = try? Expressions.Expression(parsing: text) else { return [] }
        var names: [String] = []
        func walk(_ e: Expressions.Expression) {
            switch e {
            case .constant(let name): names.append(name)
            case .number, .pcf: break
            case .negate(let x): walk(x)
            case .add(let l, let r), .subtract(let l, let r), .multiply(let l, let r), .divide(let l, let r), .power(let l, let r): walk(l); walk(r)
            case .call(_, let arguments): arguments.forEach(walk)
            }
        }
        walk(expression)
        return names
    }

    // MARK: - Plots

    /// A formula whose convergence is drawn.
    struct Curve {
        let formula: String
        let closedForm: String
        var digitsPerTerm: Double?
    }

    /// The representatives of a constant's largest families (searches' before clustering's).
    static func convergencePlot(_ section: ConstantSection, maxDepth: Int) -> Plot? {
        let representatives = section.formulas.filter(\.representative).sorted {
            ($0.search.hasPrefix("cluster") ? 1 : 0, -$0.familySize, $0.formula.count) < ($1.search.hasPrefix("cluster") ? 1 : 0, -$1.familySize, $1.formula.count)
        }
        let name = Report.heading(section.constants).plainText
        return convergencePlot(representatives.map { Curve(formula: $0.formula, closedForm: $0.closedForm, digitsPerTerm: $0.digitsPerTerm) },
                               title: "Convergence of the formulas for \(name)", maxDepth: maxDepth)
    }

    /// Digits of the limit that p_n/q_n gets right against the depth n, for up to 8 distinct curves (formulas
    /// that converge alike are shown once, and the legend counts them). The limit is the convergent at twice the deepest depth shown,
    /// so the curves are exact integer computations; the depth reaches ~250 digits for the fastest formula.
    static func convergencePlot(_ formulas: [Curve], title: String, maxDepth: Int) -> Plot? {
        let pcfs = formulas.compactMap { f in (try? PCF(parsing: f.formula)).map { (f, $0) } }
        guard !pcfs.isEmpty else { return nil }
        let fastest = pcfs.prefix(8).map { $0.0.digitsPerTerm ?? Report.rate(of: $0.1) }.max() ?? 0.1
        let depth = min(maxDepth, max(30, Int(250 / max(fastest, 0.05))))
        var plot = Plot(title: title, xLabel: "depth n", yLabel: "correct digits of pₙ/qₙ")
        plot.yLabelLatex = "correct digits of $p_n/q_n$"
        var curves: [[(x: Double, y: Double)]] = []
        var alike: [Int] = []
        for (member, pcf) in pcfs where curves.count < 8 {
            if let stop = pcf.terminationIndex, stop <= 2 * depth { continue }
            let reference = pcf.convergents(depth: 2 * depth)
            let scale = log10Magnitude(reference.p) - log10Magnitude(reference.q)
            var points: [(x: Double, y: Double)] = []
            var current = pcf.convergents(depth: 1)
            for n in Report.sampleDepths(depth) {
                current = pcf.extend(current, to: n)
                guard let distance = log10Distance(current.p, current.q, reference.p, reference.q), distance.isFinite else { continue }
                points.append((Double(n), max(0, scale - distance)))
            }
            guard !points.isEmpty else { continue }
            // Curves whose digits per term (at the deepest depth) are within 15% would draw one band: the first
            // stands for the others, and its legend entry counts them.
            func rate(_ curve: [(x: Double, y: Double)]) -> Double { curve.last!.y / max(curve.last!.x, 1) }
            if let same = curves.firstIndex(where: { other in
                abs(rate(other) - rate(points)) <= 0.15 * max(rate(other), rate(points)) + 1 / max(points.last!.x, 1)
            }) {
                alike[same] += 1
                continue
            }
            curves.append(points)
            alike.append(0)
            let closed = (try? Expressions.Expression(parsing: member.closedForm))?.mathNode
            plot.series.append(Plot.Series(name: "\(member.formula) = \(closed?.plainText ?? member.closedForm)",
                                           latexName: closed.map { Report.inlineLatex(pcf, $0) },
                                           colour: Plot.palette[(curves.count - 1) % Plot.palette.count], style: .line, points: points))
        }
        for (i, count) in alike.enumerated() where count > 0 {
            let note = " (and \(count) more converging alike)"
            plot.series[i].name = plot.series[i].name.map { $0 + note }
            plot.series[i].latexName = plot.series[i].latexName.map { $0 + "\\ \\mbox{(and \(count) more converging alike)}" }
        }
        return plot.series.isEmpty ? nil : plot
    }

    /// Digits per term between depths 100 and 200, for formulas stored without a rate.
    static func rate(of pcf: PCF) -> Double {
        let a = pcf.convergents(depth: 100), b = pcf.extend(a, to: 200)
        guard let d = log10Distance(a.p, a.q, b.p, b.q), d.isFinite else { return 0.1 }
        return max(0.01, -d / 100)
    }

    static func sampleDepths(_ depth: Int) -> [Int] {
        let step = max(1, depth / 60)
        return Array(Set(Array(stride(from: 1, through: depth, by: step)) + [depth])).sorted()
    }

    static func log10Magnitude(_ x: BigInt) -> Double { x.isZero ? 0 : x.log2Magnitude * 0.30102999566398120 }

    /// FR delta against d, each cluster of the d plane in its colour, noise and unclustered points in grey, every
    /// colour named in the legend by its cluster's limit (or as unidentified) and size.
    static func clusterPlot(_ inputs: [(rows: [ClusterableMeasurement], clusters: [ClusterRecord], membership: [Int64: Int64])]) -> Plot {
        var plot = Plot(title: "Convergence dynamics: FR delta against d, by cluster", xLabel: "d (growth of ln q_n/g_n in n ln n)",
                        yLabel: "FR delta")
        var grey: [(x: Double, y: Double)] = []
        var byCluster: [String: [(x: Double, y: Double)]] = [:]
        var records: [String: ClusterRecord] = [:]
        for (d, input) in inputs.enumerated() {
            let clusters = Dictionary(input.clusters.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
            for row in input.rows where row.frDelta.isFinite && row.d.isFinite {
                let point = (x: row.d, y: row.frDelta)
                guard let cluster = input.membership[row.id].flatMap({ clusters[$0] }) else { grey.append(point); continue }
                let key = "\(d)/\(cluster.label)"
                byCluster[key, default: []].append(point)
                records[key] = cluster
            }
        }
        if !grey.isEmpty { plot.series.append(Plot.Series(name: "noise and unclustered (\(grey.count))", colour: Plot.grey, style: .markers, points: grey)) }
        // Named clusters first (they get the legend and the distinct colours), largest first.
        let keys = byCluster.keys.sorted {
            let a = records[$0]!, b = records[$1]!
            return (a.closedForm == nil ? 1 : 0, -a.size, $0) < (b.closedForm == nil ? 1 : 0, -b.size, $1)
        }
        // Every colour has its legend entry (labels in the plot overlapped where clusters share d): the first nine
        // clusters get their own colour, the rest share the tenth.
        let own = Plot.palette.count - 1
        for (k, key) in keys.prefix(own).enumerated() {
            let record = records[key]!
            let closed = record.closedForm.flatMap { try? Expressions.Expression(parsing: $0) }?.mathNode
            let name = record.closedForm.map { "\(closed?.plainText ?? $0) (\(record.size))" } ?? "unidentified cluster (\(record.size))"
            plot.series.append(Plot.Series(name: name, latexName: closed.map { "\($0.latex)\\ (\(record.size))" } ?? "\\mbox{unidentified cluster (\(record.size))}",
                                           colour: Plot.palette[k], style: .markers, points: byCluster[key]!))
        }
        if keys.count > own {
            let rest = keys.dropFirst(own)
            let name = "\(rest.count) smaller clusters (\(rest.map { records[$0]!.size }.reduce(0, +)))"
            plot.series.append(Plot.Series(name: name, latexName: "\\mbox{\(name)}", colour: Plot.palette[own], style: .markers,
                                           points: rest.flatMap { byCluster[$0]! }))
        }
        return plot
    }

    /// A closed form as Unicode text (4/(3π − 8)), or the text itself when it does not parse.
    static func plainText(_ closedForm: String) -> String {
        (try? Expressions.Expression(parsing: closedForm))?.mathNode.plainText ?? closedForm
    }
}
