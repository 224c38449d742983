import ArgumentParser
import Clustering
import ConvergenceDynamics
import Expressions
import Formulas
import Foundation
import Numbers
import PCFSearch
import Relations
import Store

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group measured PCFs into families by their convergence dynamics, and name the families.",
        discussion: """
            Blind-delta clustering (algorithms.md §5) of the convergent PCFs that `apery dynamics` stored in --db:
            on each plane (FR delta against d, c, eta and gamma) the points are thinned to one per grid cell, HDBSCAN
            clusters them, and every point takes the label of the nearest clustered sample within the radius.
            Stored hits with known limits (of --db and of the --anchors databases) anchor the clusters they fall in;
            a cluster without one has its fastest members identified against the constants library. Every member is
            tested against its cluster's anchors by a degree-2 relation a + b x + c y + d x y = 0 (found at 50 digits
            with limits at depth 1000, confirmed at 150 digits at depth 2000); the formulas found are stored as hits,
            with this run as provenance. The clusters replace those of an earlier run.
            """)

    @Option(help: "Databases whose stored hits also serve as anchors (e.g. a search's database).") var anchors: [String] = []
    @Option(help: "The planes, FR delta against: d, c, eta, gamma (comma-separated).") var planes: String = "d,c,eta,gamma"
    @Option(help: "HDBSCAN's minimum cluster size.") var minClusterSize: Int = 5
    @Option(help: "Grid cell of the thinning.") var cell: Double = 0.001
    @Option(help: "Radius of the label propagation.") var radius: Double = 0.01
    @Option(help: "A plane with more clusters than this is skipped.") var maxClusters: Int = 500
    @Flag(help: "Cluster only: no relation tests, no identification.") var noRelations = false
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct PlaneSummary: Encodable {
        let plane: String, points: Int, samples: Int, cell: Double, clusters: Int, noise: Int, skipped: Bool
    }
    struct ClusterSummary: Encodable {
        let plane: String, label: Int, size: Int, anchor: String?, closedForm: String?, identifiedFromLibrary: Bool, related: Int
    }
    /// A new formula and what gave its limit: an anchor's PCF (through a relation) or the constants library.
    struct Found: Encodable { let formula: String, closedForm: String, by: String }
    struct Summary: Encodable {
        let measurements: Int, depth: Int, sample: Int, anchors: Int
        let planes: [PlaneSummary], clusters: [ClusterSummary], newFormulas: [Found]
    }

    func validate() throws {
        guard minClusterSize >= 2 else { throw ValidationError("--min-cluster-size must be at least 2") }
        guard cell > 0, radius > 0, cell.isFinite, radius.isFinite else { throw ValidationError("--cell and --radius must be positive") }
        guard maxClusters >= 1 else { throw ValidationError("--max-clusters must be positive") }
        guard workers >= 1 else { throw ValidationError("--workers must be positive") }
    }

    func run() throws {
        try reportingErrors {
            let selected = try splitTopLevel(planes).map { name -> MetricPlane in
                guard let plane = MetricPlane(rawValue: name) else { throw ValidationError("unknown plane '\(name)': use d, c, eta, gamma") }
                return plane
            }
            let database = try existingStore(store.database)
            var anchorHits = try database.storedHits(all: true)
            for path in anchors { anchorHits += try existingStore(path).storedHits(all: true) }
            var rows = try database.clusterableMeasurements().filter(ClusterCommand.isClusterable)
            guard !rows.isEmpty else {
                throw ValidationError("\(store.database!) holds no measured convergent PCFs: run `apery dynamics --spec FILE --db \(store.database!)` first")
            }
            // One depth setting: the most common one (a database may hold a few single measurements at others).
            let setting = Dictionary(grouping: rows, by: { [$0.depth, $0.sample] }).max { $0.value.count < $1.value.count }!.key
            rows = rows.filter { [$0.depth, $0.sample] == setting }
            let run = try database.beginRun(command: "cluster", arguments: CommandLine.arguments, aperyVersion: Apery.version)

            // Anchors must be measured like everything else: measure the missing ones at the same setting.
            let anchorsByFormula = Dictionary(anchorHits.compactMap { hit in ClusterCommand.anchor(hit).map { (hit.formula, $0) } },
                                              uniquingKeysWith: { first, _ in first })
            let measured = Set(rows.map(\.formula))
            let missing = anchorsByFormula.filter { !measured.contains($0.key) }.sorted { $0.key < $1.key }
            if !missing.isEmpty {
                let records = missing.map { DynamicsCommand.record($0.value.pcf, $0.value.pcf.dynamics(depth: setting[0], sample: setting[1])) }
                try database.commitDynamics(records, search: nil, chunk: nil, candidates: records.count, run: run)
                rows = try database.clusterableMeasurements().filter { ClusterCommand.isClusterable($0) && [$0.depth, $0.sample] == setting }
            }

            // Parsed when a test needs one (the whole NeurIPS space as PCF objects would take gigabytes); a row that
            // does not parse becomes a fraction with no limit, which relates to nothing.
            let pcfs = rows.lazy.map { (try? PCF(parsing: $0.formula)) ?? PCF(a: [0], b: [0]) }
            let points = rows.map { MetricPoint(frDelta: $0.frDelta, d: $0.d, c: $0.c, eta: $0.eta, gamma: $0.gamma) }
            var anchorOf: [Int: Anchor] = [:]
            for (i, row) in rows.enumerated() { if let anchor = anchorsByFormula[row.formula] { anchorOf[i] = anchor } }
            if !output.json { printNotice("clustering \(rows.count) convergent PCFs (N = \(setting[0]), S = \(setting[1])) with \(anchorOf.count) anchors") }

            let clustering = MetricClustering(planes: selected,
                                              clustering: PlaneClustering(cell: cell, radius: radius, minClusterSize: minClusterSize),
                                              maxClusters: maxClusters)
            let planeClusters = clustering.cluster(points)
            var labelling = ClusterLabelling(workers: workers)
            labelling.testsRelations = !noRelations
            var phaseStart = Date()
            let labelled = labelling.label(pcfs, planes: planeClusters, anchors: anchorOf, digitsPerTerm: rows.map(\.digitsPerTerm)) { phase, done, total in
                    guard !output.json else { return }
                    if done == 0 { phaseStart = Date() }
                    let elapsed = Date().timeIntervalSince(phaseStart)
                    let eta = done > 0 ? formatDuration(elapsed / Double(done) * Double(total - done)) : "…"
                    printProgress("\(phase) \(done)/\(total)  ETA \(eta)")
                }
            clearProgress()

            // New formulas: members related to an anchor, and the anchors identified from the library, unless already hits.
            let known = Set(anchorHits.map(\.formula))
            let rowOfFormula = Dictionary(rows.enumerated().map { ($1.formula, $0) }, uniquingKeysWith: { first, _ in first })
            var found: [String: (HitInput, Found)] = [:]
            func discover(_ i: Int, _ numerator: [BigInt], _ denominator: [BigInt], _ anchor: Anchor, by: String) {
                let formula = rows[i].formula
                guard !known.contains(formula), found[formula] == nil,
                      let form = moebiusClosedForm(numerator: numerator, denominator: denominator, basis: anchor.constants) else { return }
                let input = ClusterCommand.hit(rows[i], pcfs[i], closedForm: form, numerator: numerator, denominator: denominator,
                                               constants: anchor.constants, digits: labelling.relations.confirmDigits)
                found[formula] = (input, Found(formula: formula, closedForm: form.description, by: by))
            }
            for cluster in labelled {
                for (i, formula) in cluster.related {
                    let anchor = formula.anchor
                    if let a = rowOfFormula[anchor.pcf.description] {
                        discover(a, anchor.numerator, anchor.denominator, anchor, by: "the constants library")
                    }
                    discover(i, formula.numerator, formula.denominator, anchor, by: anchor.pcf.description)
                }
                if cluster.identifiedFromLibrary, let i = cluster.anchorIndex, let anchor = cluster.anchor {
                    discover(i, anchor.numerator, anchor.denominator, anchor, by: "the constants library")
                }
            }

            let records = labelled.map { cluster -> (ClusterRecord, [ClusterMember]) in
                let record = ClusterRecord(plane: cluster.plane.rawValue, label: cluster.label, size: cluster.members.count,
                                           anchorFormula: cluster.anchor?.pcf.description, closedForm: cluster.anchor?.closedForm?.description,
                                           identifiedFromLibrary: cluster.identifiedFromLibrary, related: cluster.related.count)
                let members = cluster.members.map { i in
                    ClusterMember(dynamicsId: rows[i].id, closedForm: cluster.related[i]?.closedForm?.description
                                  ?? (i == cluster.anchorIndex ? cluster.anchor?.closedForm?.description : nil))
                }
                return (record, members)
            }
            let newFormulas = found.values.sorted { $0.1.formula < $1.1.formula }
            try database.replaceClusters(records, hits: newFormulas.map(\.0), run: run)
            try database.finishRun(run)

            let summary = Summary(
                measurements: rows.count, depth: setting[0], sample: setting[1], anchors: anchorOf.count,
                planes: planeClusters.map { p in
                    let located = p.labels.compactMap { $0 }
                    return PlaneSummary(plane: p.plane.rawValue, points: located.count, samples: p.samples, cell: p.cell,
                                        clusters: p.clusterCount, noise: located.filter { $0 < 0 }.count, skipped: p.skipped)
                },
                clusters: records.map { r, _ in
                    ClusterSummary(plane: r.plane, label: r.label, size: r.size, anchor: r.anchorFormula, closedForm: r.closedForm,
                                   identifiedFromLibrary: r.identifiedFromLibrary, related: r.related)
                },
                newFormulas: newFormulas.map(\.1))
            if output.json { return try printJSON(summary) }
            print(ClusterCommand.text(summary))
        }
    }

    /// Finite metrics (the store already keeps only convergent, non-terminating rows with an FR delta).
    static func isClusterable(_ row: ClusterableMeasurement) -> Bool { row.frDelta.isFinite && row.d.isFinite }

    /// A stored hit whose Moebius form can be read back.
    static func anchor(_ hit: StoredHit) -> Anchor? {
        func list(_ text: String) -> [BigInt]? {
            (try? JSONDecoder().decode([Int].self, from: Data(text.utf8)))?.map { BigInt($0) }
        }
        guard let pcf = try? PCF(parsing: hit.formula), let numerator = list(hit.numerator), let denominator = list(hit.denominator),
              let constants = try? splitTopLevel(hit.constants).map({ try Expression(parsing: $0) }),
              !constants.isEmpty, numerator.count == constants.count + 1, denominator.count == numerator.count else { return nil }
        return Anchor(pcf: pcf, constants: constants, numerator: numerator, denominator: denominator)
    }

    static func hit(_ row: ClusterableMeasurement, _ pcf: PCF, closedForm: Expressions.Expression, numerator: [BigInt], denominator: [BigInt],
                    constants: [Expressions.Expression], digits: Int) -> HitInput {
        func list(_ values: [BigInt]) -> String { "[" + values.map(\.description).joined(separator: ", ") + "]" }
        func small(_ parts: [Polynomial]) -> [[Int]]? {
            let lists = parts.compactMap(\.smallCoefficients)
            return lists.count == parts.count ? lists : nil
        }
        let keys = small(pcf.aParts).flatMap { a in small(pcf.bParts).map { PCFEquivalence.keys(SmallPCF(aParts: a, bParts: $0)) } }
        return HitInput(a: pcf.aCoefficients, b: pcf.bCoefficients, canonical: row.formula,
                        constants: constants.map { $0.description }.joined(separator: ","),
                        numerator: list(numerator), denominator: list(denominator), closedForm: closedForm.description,
                        digitsVerified: digits, depth: row.depth, digitsPerTerm: row.digitsPerTerm ?? 0, delta: row.frDelta,
                        convergenceClass: row.convergenceClass, keys: keys ?? [row.formula])
    }

    static func text(_ s: Summary) -> String {
        var lines = ["clustered \(s.measurements) convergent PCFs (N = \(s.depth), S = \(s.sample)), \(s.anchors) of them anchors"]
        for p in s.planes {
            lines.append("plane FR delta vs \(p.plane): \(p.points) points, \(p.samples) samples (cell \(p.cell)), "
                         + (p.skipped ? "skipped (more than the cluster limit)" : "\(p.clusters) clusters, \(p.noise) noise"))
        }
        let named = s.clusters.filter { $0.anchor != nil }
        lines.append("\(named.count) of \(s.clusters.count) clusters named by an anchor:")
        for c in named.sorted(by: { ($0.plane, -$0.size) < ($1.plane, -$1.size) }) {
            lines.append("  \(c.plane)/\(c.label): \(c.size) PCFs, \(c.related) related to \(c.anchor!) = \(c.closedForm ?? "?")"
                         + (c.identifiedFromLibrary ? " (identified from the library)" : ""))
        }
        lines.append("\(s.newFormulas.count) new formulas stored as hits\(s.newFormulas.isEmpty ? "" : ":")")
        for f in s.newFormulas { lines.append("  \(f.formula) = \(f.closedForm)   (via \(f.by))") }
        return lines.joined(separator: "\n")
    }
}
