import ArgumentParser
import ConvergenceDynamics
import Formulas
import Foundation
import Numbers
import SearchEngine
import SearchSessions
import Store

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Convergence dynamics of a PCF: blind delta, growth, eigenvalue ratio, convergence fit.",
        discussion: """
            The metrics of docs/ALGORITHMS.md §5 (NeurIPS 2024 "Blind-delta"), from exact convergents: L = p_N/q_N, \
            naive and factorial-reduction delta at the sample depth S, the growth fit ln|q_n/g_n| ~ c n + d n ln n, \
            the eigenvalue ratio ln|rho| at n = 10^9 (and whether it is complex), the predicted delta, and the \
            convergence fit ln|L - p_n/q_n| ~ beta ln n + gamma n + eta n ln n; fits on n in {6, S/8, S/4, S/2, S}. \
            No working precision is needed: every difference is computed exactly in integers. \
            Batch modes store one row per PCF and depth setting in --db: --spec FILE measures a coefficient box on the \
            search engine (shardable, resumable: Conjectures/neurips-space.json is the NeurIPS 2024 space), --hits \
            measures every PCF hit already stored in the database.
            """)

    @Argument(help: "A PCF, e.g. \"PCF(3n+1, -2n^2+3n)\".") var formula: String?
    @Option(help: "Depth N of the limit.") var depth: Int = 2000
    @Option(help: "Sample depth S (default N/2 - 1).") var sample: Int?
    @Option(help: "Batch: a dynamics spec (coefficient box) measured into --db.") var spec: String?
    @Flag(help: "Batch: measure every PCF hit stored in --db.") var hits = false
    @Option(help: "Which part of the space to cover: i/N, or auto.") var shard: String = "0/1"
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors(input: formula) {
            guard (100...1_000_000).contains(depth) else { throw SearchError("--depth must be between 100 and 1000000") }
            if let sample, !(48..<depth).contains(sample) { throw SearchError("--sample must be between 48 and depth - 1") }
            if spec != nil || hits { return try batch() }
            guard let formula else { throw SearchError("give a PCF, or --spec FILE / --hits with --db FILE") }
            let pcf = try PCF(parsing: formula)
            let m = pcf.dynamics(depth: depth, sample: sample)
            if let path = store.database {
                try DynamicsJob.record(pcf, m, in: try openDatabase(path))
            }
            // A fraction that does not converge has no limit to report: exit 1, as identify does for it.
            defer { if m.divergent { Foundation.exit(Outcome.negative.rawValue) } }
            if output.json { try printJSON(m); try checkStandardOutput(); return }
            func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
            print("\(pcf)  (\(m.convergenceClass)\(m.divergent ? ", divergent" : ""))")
            print("  L = p_\(m.depth)/q_\(m.depth)   \(m.limit ?? "undefined (q_N = 0)")\(m.divergent ? "   (does not converge: no limit; the metrics are not meaningful)" : "")")
            print("  delta at S=\(m.sample)     FR \(f(m.frDelta))   naive \(f(m.naiveDelta))")
            print("  growth         c \(f(m.c))   d \(f(m.d))")
            print("  ln rho         \(f(m.lnRho))\(m.complexEigenvalues ? " (complex eigenvalues)" : "")   predicted delta \(f(m.predictedDelta))")
            print("  convergence    beta \(f(m.beta))   gamma \(f(m.gamma))   eta \(f(m.eta))   \(f(m.digitsPerTerm)) digits/term")
        }
    }

    func batch() throws {
        guard formula == nil else { throw SearchError("give a PCF or a batch (--spec, --hits), not both") }
        guard let path = store.database else { throw SearchError("a batch needs --db FILE to keep its results") }
        let database = try openDatabase(path)
        let summary: DynamicsJob.Summary
        if hits {
            guard spec == nil else { throw SearchError("give --spec or --hits, not both") }
            summary = try DynamicsJob.measureHits(store: database, depth: depth, sample: sample, provenance: provenance("dynamics"))
        } else {
            var dynamicsSpec = try DynamicsSpec(file: spec!)
            if sample != nil { dynamicsSpec.sample = sample }
            let shard = try shardOption(self.shard)
            if !output.json { printNotice("measuring \(dynamicsSpec.space.count) PCFs at depth \(dynamicsSpec.depth) (shard \(shard))") }
            summary = try DynamicsJob.measure(spec: dynamicsSpec, store: database, shard: shard, workers: try workerCount(workers), provenance: provenance("dynamics"),
                                              progress: progressLine(quiet: output.json, unit: "PCFs", found: "measured"))
            clearProgress()
        }
        if output.json { return try printJSON(summary) }
        print("measured \(summary.measured) PCFs in \(String(format: "%.2f", summary.seconds)) s (\(formatRate(summary.rate)) PCFs/s)")
        print("the database holds \(summary.rows) measurements: \(summary.convergent) convergent, \(summary.terminating) terminating, \(summary.rows - summary.convergent - summary.terminating) divergent")
    }
}
