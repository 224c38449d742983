import ArgumentParser
import ConvergenceDynamics
import Foundation
import Reports
import SearchEngine
import SearchSessions
import Store

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group measured PCFs into families by their convergence dynamics, and name the families.",
        discussion: """
            Blind-delta clustering (docs/ALGORITHMS.md §5) of the convergent PCFs that `apery dynamics` stored in --db: \
            on each plane (FR delta against d, c, eta and gamma) the points are thinned to one per grid cell, HDBSCAN \
            clusters them, and every point takes the label of the nearest clustered sample within the radius. \
            Stored hits with known limits (of --db and of the --anchors databases) anchor the clusters they fall in; \
            a cluster without one has its fastest members identified against the constants library. Every member is \
            tested against its cluster's anchors by a degree-2 relation a + b x + c y + d x y = 0 (found at 50 digits \
            with limits at depth 1000, confirmed at 150 digits at depth 2000); the formulas found are stored as hits, \
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

    func validate() throws {
        guard minClusterSize >= 2 else { throw ValidationError("--min-cluster-size must be at least 2") }
        guard cell > 0, radius > 0, cell.isFinite, radius.isFinite else { throw ValidationError("--cell and --radius must be positive") }
        guard maxClusters >= 1 else { throw ValidationError("--max-clusters must be positive") }
    }

    func run() throws {
        try reportingErrors {
            let job = try ClusteringJob(planes: try ClusteringJob.planes(planes), minClusterSize: minClusterSize, cell: cell, radius: radius,
                                        maxClusters: maxClusters, testsRelations: !noRelations, workers: try workerCount(workers))
            guard let path = store.database else { throw ValidationError("name the database with --db") }
            guard FileManager.default.fileExists(atPath: path) else { throw SearchError("no database at \(path)") }
            let database = try openDatabase(path)
            let anchorStores = try anchors.map { try existingStore($0) }
            var phaseStart = Date()
            let summary = try job.run(database: database, anchorStores: anchorStores, provenance: provenance("cluster"),
                                      notice: { if !output.json { printNotice($0) } },
                                      progress: { phase, done, total in
                                          guard !output.json else { return }
                                          if done == 0 { phaseStart = Date() }
                                          let elapsed = Date().timeIntervalSince(phaseStart)
                                          let eta = done > 0 ? formatDuration(elapsed / Double(done) * Double(total - done)) : "…"
                                          printProgress("\(phase) \(done)/\(total)  ETA \(eta)")
                                      })
            clearProgress()
            if output.json { return try printJSON(summary) }
            print(ClusterCommand.text(summary))
        }
    }

    static func text(_ s: ClusteringJob.Summary) -> String {
        var lines = ["clustered \(s.measurements) convergent PCFs (N = \(s.depth), S = \(s.sample)), \(s.anchors) of them anchors"]
        for p in s.planes {
            lines.append("plane FR delta vs \(p.plane): \(p.points) points, \(p.samples) samples (cell \(p.cell)), "
                         + (p.skipped ? "skipped (more than the cluster limit)" : "\(counted(p.clusters, "cluster")), \(p.noise) noise"))
        }
        let named = s.clusters.filter { $0.anchor != nil }
        lines.append("\(named.count) of \(s.clusters.count) clusters named by an anchor:")
        for c in named.sorted(by: { ($0.plane, -$0.size) < ($1.plane, -$1.size) }) {
            lines.append("  \(c.plane)/\(c.label): \(c.size) PCFs, \(c.related) related to \(c.anchor!) = \(c.closedForm ?? "?")"
                         + (c.identifiedFromLibrary ? " (identified from the library)" : ""))
        }
        lines.append("\(counted(s.newFormulas.count, "new formula")) stored as hits\(s.newFormulas.isEmpty ? "" : ":")")
        for f in s.newFormulas { lines.append("  \(f.formula) = \(f.closedForm)   (via \(f.by))") }
        return lines.joined(separator: "\n")
    }
}
