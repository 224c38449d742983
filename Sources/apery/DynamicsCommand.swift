import ArgumentParser
import ConvergenceDynamics
import Formulas
import Foundation
import Numbers
import SearchEngine
import Store

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Convergence dynamics of a PCF: blind delta, growth, eigenvalue ratio, convergence fit.",
        discussion: """
            The metrics of algorithms.md §5 (NeurIPS 2024 "Blind-delta"), from exact convergents: L = p_N/q_N,
            naive and factorial-reduction delta at the sample depth S, the growth fit ln|q_n/g_n| ~ c n + d n ln n,
            the eigenvalue ratio ln|rho| at n = 10^9 (and whether it is complex), the predicted delta, and the
            convergence fit ln|L - p_n/q_n| ~ beta ln n + gamma n + eta n ln n; fits on n in {6, S/8, S/4, S/2, S}.
            No working precision is needed: every difference is computed exactly in integers.
            Batch modes store one row per PCF and depth setting in --db: --spec FILE measures a coefficient box on the
            search engine (shardable, resumable: Conjectures/neurips-space.json is the NeurIPS 2024 space), --hits
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

    struct Summary: Encodable {
        let spec: String?
        let shard: String
        let candidates: Int
        let measured: Int
        let seconds: Double
        let rate: Double
        let rows: Int
        let convergent: Int
        let terminating: Int
    }

    func run() throws {
        try reportingErrors(input: formula) {
            guard (100...1_000_000).contains(depth) else { throw SearchError("--depth must be between 100 and 1000000") }
            if let sample, !(48..<depth).contains(sample) { throw SearchError("--sample must be between 48 and depth - 1") }
            if spec != nil || hits { return try batch() }
            guard let formula else { throw SearchError("give a PCF, or --spec FILE / --hits with --db FILE") }
            let pcf = try PCF(parsing: formula)
            let m = pcf.dynamics(depth: depth, sample: sample)
            if let path = store.database {
                try openStore(path).commitDynamics([DynamicsCommand.record(pcf, m)], search: nil, chunk: nil, candidates: 1, run: nil)
            }
            if output.json { return try printJSON(m) }
            func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
            print("\(pcf)  (\(m.convergenceClass)\(m.divergent ? ", divergent" : ""))")
            print("  L = p_\(m.depth)/q_\(m.depth)   \(m.limit ?? "undefined (q_N = 0)")")
            print("  delta at S=\(m.sample)     FR \(f(m.frDelta))   naive \(f(m.naiveDelta))")
            print("  growth         c \(f(m.c))   d \(f(m.d))")
            print("  ln rho         \(f(m.lnRho))\(m.complexEigenvalues ? " (complex eigenvalues)" : "")   predicted delta \(f(m.predictedDelta))")
            print("  convergence    beta \(f(m.beta))   gamma \(f(m.gamma))   eta \(f(m.eta))   \(f(m.digitsPerTerm)) digits/term")
        }
    }

    static func record(_ pcf: PCF, _ m: Dynamics) -> DynamicsRecord {
        DynamicsRecord(formula: pcf.description, a: pcf.aCoefficients, b: pcf.bCoefficients, depth: m.depth, sample: m.sample,
                       limitValue: m.limit, divergent: m.divergent, convergenceClass: m.convergenceClass, frDelta: m.frDelta,
                       naiveDelta: m.naiveDelta, c: m.c, d: m.d, lnRho: m.lnRho, complexEigenvalues: m.complexEigenvalues,
                       predictedDelta: m.predictedDelta, beta: m.beta, gamma: m.gamma, eta: m.eta, digitsPerTerm: m.digitsPerTerm)
    }

    func batch() throws {
        guard formula == nil else { throw SearchError("give a PCF or a batch (--spec, --hits), not both") }
        guard let path = store.database else { throw SearchError("a batch needs --db FILE to keep its results") }
        let database = try openStore(path)
        let run = try database.beginRun(command: "dynamics", arguments: CommandLine.arguments, aperyVersion: Apery.version)
        if hits {
            guard spec == nil else { throw SearchError("give --spec or --hits, not both") }
            let start = Date()
            let formulas = Set(try database.storedHits(all: true).map(\.formula)).sorted()
            let rows = try formulas.map { text -> DynamicsRecord in
                let pcf = try PCF(parsing: text)
                return DynamicsCommand.record(pcf, pcf.dynamics(depth: depth, sample: sample))
            }
            try database.commitDynamics(rows, search: nil, chunk: nil, candidates: rows.count, run: run)
            try database.finishRun(run)
            return try summarize(database, spec: nil, shard: "0/1", candidates: rows.count, measured: rows.count, seconds: Date().timeIntervalSince(start))
        }
        var dynamicsSpec = try DynamicsSpec(file: spec!)
        if sample != nil { dynamicsSpec.sample = sample }
        let shard = try Shard(parsing: self.shard, environment: ProcessInfo.processInfo.environment)
        let space = dynamicsSpec.space
        let search = try database.openSearch(identifier: dynamicsSpec.identifier, kind: "dynamics", spec: dynamicsSpec.canonicalJSON, candidates: space.count)
        if !output.json { printNotice("measuring \(space.count) PCFs at depth \(dynamicsSpec.depth) (shard \(shard))") }
        let checkpoint = StoreCheckpoint<DynamicsRow>(store: database, search: search, run: run)
        let result = try SearchRunner(space: space, processor: DynamicsProcessor(spec: dynamicsSpec), checkpoint: checkpoint,
                                      chunkSize: dynamicsSpec.chunkSize, shard: shard, workers: workers)
            .run(progress: progressLine(quiet: output.json, unit: "PCFs", found: "measured"))
        clearProgress()
        try database.finish(run: run, search: search, shard: shard, result: result)
        try summarize(database, spec: dynamicsSpec.identifier, shard: shard.description, candidates: result.candidates, measured: result.hits, seconds: result.seconds)
    }

    func summarize(_ database: AperyStore, spec: String?, shard: String, candidates: Int, measured: Int, seconds: Double) throws {
        let counts = try database.dynamicsCounts()
        let summary = Summary(spec: spec, shard: shard, candidates: candidates, measured: measured, seconds: seconds,
                              rate: seconds > 0 ? Double(measured) / seconds : 0, rows: counts.rows, convergent: counts.convergent,
                              terminating: counts.terminating)
        if output.json { return try printJSON(summary) }
        print("measured \(measured) PCFs in \(String(format: "%.2f", seconds)) s (\(formatRate(summary.rate)) PCFs/s)")
        print("the database holds \(counts.rows) measurements: \(counts.convergent) convergent, \(counts.terminating) terminating, \(counts.rows - counts.convergent - counts.terminating) divergent")
    }
}

extension StoreCheckpoint where Hit == DynamicsRow {
    init(store: AperyStore, search: Int64, run: Int64) {
        self.init(store: store, search: search, run: run) { store, search, chunk, candidates, run, rows in
            try store.commitDynamics(rows.map { DynamicsCommand.record($0.pcf, $0.metrics) }, search: search, chunk: chunk,
                                     candidates: candidates, run: run)
        }
    }
}
