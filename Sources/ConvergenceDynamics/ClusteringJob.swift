import Clustering
import Expressions
import Formulas
import Foundation
import Numbers
import PCFSearch
import Relations
import SearchEngine
import Store

/// Blind-delta clustering of the measured PCFs of a database, from store to store: clusters on each
/// plane, named by anchors (stored hits with known limits) or the constants library, and the formulas
/// their relations give stored as hits with this run as provenance. The clusters replace earlier ones.
public struct ClusteringJob: Sendable {
    public var planes: [MetricPlane]
    public var minClusterSize: Int
    public var cell: Double
    public var radius: Double
    public var maxClusters: Int
    public var testsRelations: Bool
    public var workers: Int

    public init(planes: [MetricPlane], minClusterSize: Int, cell: Double, radius: Double, maxClusters: Int, testsRelations: Bool, workers: Int) throws {
        guard minClusterSize >= 2 else { throw SearchError("the minimum cluster size must be at least 2") }
        guard cell > 0, radius > 0, cell.isFinite, radius.isFinite else { throw SearchError("the grid cell and the radius must be positive") }
        guard maxClusters >= 1 else { throw SearchError("the cluster limit must be positive") }
        self.planes = planes; self.minClusterSize = minClusterSize; self.cell = cell; self.radius = radius
        self.maxClusters = maxClusters; self.testsRelations = testsRelations; self.workers = max(workers, 1)
    }

    /// The planes named in a comma-separated list.
    public static func planes(_ text: String) throws -> [MetricPlane] {
        try splitTopLevel(text).map { name in
            guard let plane = MetricPlane(rawValue: name) else { throw SearchError("unknown plane '\(name)': use d, c, eta, gamma") }
            return plane
        }
    }

    public struct PlaneSummary: Encodable {
        public let plane: String, points: Int, samples: Int, cell: Double, clusters: Int, noise: Int, skipped: Bool
    }
    public struct ClusterSummary: Encodable {
        public let plane: String, label: Int, size: Int, anchor: String?, closedForm: String?, identifiedFromLibrary: Bool, related: Int
    }
    /// A new formula and what gave its limit: an anchor's PCF (through a relation) or the constants library.
    public struct Found: Encodable { public let formula: String, closedForm: String, by: String }
    public struct Summary: Encodable {
        public let measurements: Int, depth: Int, sample: Int, anchors: Int
        public let planes: [PlaneSummary], clusters: [ClusterSummary], newFormulas: [Found]
    }

    /// Clusters the measurements of `database`, with the hits of `database` and of `anchorStores` as anchors.
    /// `notice` receives a line before the work starts; `progress` the phases of labelling.
    public func run(database: AperyStore, anchorStores: [AperyStore], provenance: Provenance, notice: (String) -> Void,
                    progress: @escaping (String, Int, Int) -> Void) throws -> Summary {
        var anchorHits = try database.storedHits(all: true)
        for other in anchorStores { anchorHits += try other.storedHits(all: true) }
        var rows = try database.clusterableMeasurements().filter(ClusteringJob.isClusterable)
        guard !rows.isEmpty else {
            throw SearchError("\(database.path) holds no measured convergent PCFs: measure a batch into it first (apery dynamics --spec FILE --db \(database.path))")
        }
        // One depth setting: the most common one (a database may hold a few single measurements at others).
        let setting = Dictionary(grouping: rows, by: { [$0.depth, $0.sample] }).max { $0.value.count < $1.value.count }!.key
        rows = rows.filter { [$0.depth, $0.sample] == setting }
        let run = try database.beginRun(provenance)

        // Anchors must be measured like everything else: measure the missing ones at the same setting.
        let anchorsByFormula = Dictionary(anchorHits.compactMap { hit in ClusteringJob.anchor(hit).map { (hit.formula, $0) } },
                                          uniquingKeysWith: { first, _ in first })
        let measured = Set(rows.map(\.formula))
        let missing = anchorsByFormula.filter { !measured.contains($0.key) }.sorted { $0.key < $1.key }
        if !missing.isEmpty {
            let records = missing.map { DynamicsRecord($0.value.pcf, $0.value.pcf.dynamics(depth: setting[0], sample: setting[1])) }
            try database.commitDynamics(records, search: nil, chunk: nil, candidates: records.count, run: run)
            rows = try database.clusterableMeasurements().filter { ClusteringJob.isClusterable($0) && [$0.depth, $0.sample] == setting }
        }

        // Parsed when a test needs one (the whole NeurIPS space as PCF objects would take gigabytes); a row that
        // does not parse becomes a fraction with no limit, which relates to nothing.
        let pcfs = rows.lazy.map { (try? PCF(parsing: $0.formula)) ?? PCF(a: [0], b: [0]) }
        let points = rows.map { MetricPoint(frDelta: $0.frDelta, d: $0.d, c: $0.c, eta: $0.eta, gamma: $0.gamma) }
        var anchorOf: [Int: Anchor] = [:]
        for (i, row) in rows.enumerated() { if let anchor = anchorsByFormula[row.formula] { anchorOf[i] = anchor } }
        notice("clustering \(rows.count) convergent PCFs (N = \(setting[0]), S = \(setting[1])) with \(anchorOf.count) anchors")

        let clustering = MetricClustering(planes: planes,
                                          clustering: PlaneClustering(cell: cell, radius: radius, minClusterSize: minClusterSize),
                                          maxClusters: maxClusters)
        let planeClusters = clustering.cluster(points)
        var labelling = ClusterLabelling(workers: workers)
        labelling.testsRelations = testsRelations
        let labelled = labelling.label(pcfs, planes: planeClusters, anchors: anchorOf, digitsPerTerm: rows.map(\.digitsPerTerm), progress: progress)

        // New formulas: members related to an anchor, and the anchors identified from the library, unless already hits.
        let known = Set(anchorHits.map(\.formula))
        let rowOfFormula = Dictionary(rows.enumerated().map { ($1.formula, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String: (HitInput, Found)] = [:]
        func discover(_ i: Int, _ numerator: [BigInt], _ denominator: [BigInt], _ anchor: Anchor, by: String) {
            let formula = rows[i].formula
            guard !known.contains(formula), found[formula] == nil,
                  let form = moebiusClosedForm(numerator: numerator, denominator: denominator, basis: anchor.constants) else { return }
            let input = ClusteringJob.hit(rows[i], pcfs[i], closedForm: form, numerator: numerator, denominator: denominator,
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
        return summary
    }

    /// Finite metrics (the store already keeps only convergent, non-terminating rows with an FR delta).
    public static func isClusterable(_ row: ClusterableMeasurement) -> Bool { row.frDelta.isFinite && row.d.isFinite }

    /// A stored hit whose Moebius form can be read back.
    public static func anchor(_ hit: StoredHit) -> Anchor? {
        func list(_ text: String) -> [BigInt]? {
            (try? JSONDecoder().decode([Int].self, from: Data(text.utf8)))?.map { BigInt($0) }
        }
        guard let pcf = try? PCF(parsing: hit.formula), let numerator = list(hit.numerator), let denominator = list(hit.denominator),
              let constants = try? splitTopLevel(hit.constants).map({ try Expression(parsing: $0) }),
              !constants.isEmpty, numerator.count == constants.count + 1, denominator.count == numerator.count else { return nil }
        return Anchor(pcf: pcf, constants: constants, numerator: numerator, denominator: denominator)
    }

    public static func hit(_ row: ClusterableMeasurement, _ pcf: PCF, closedForm: Expressions.Expression, numerator: [BigInt], denominator: [BigInt],
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

}
