import ArgumentParser
import Foundation
import Reports
import PCFSearch
import SearchEngine
import SearchSessions
import Store

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a batch conjecture search (resumable, shardable) into a database.",
        subcommands: [SearchPCF.self, SearchQD.self, SearchOptimizer.self])
}

struct SearchPCF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcf",
        abstract: "Meet-in-the-middle search for PCFs whose limits are Moebius forms of constants.",
        discussion: """
            The space is every PCF whose coefficients lie in the given ranges (a spec file, see Conjectures/, \
            or the flags). A floating-point first pass at --depth looks each value up among the Moebius forms \
            (c0 + c1 K)/(d0 + d1 K) with coefficients in [-lhs-range, lhs-range]; matches are verified with exact \
            convergents to --verify-digits and stored with their family (sign, deflation and shift symmetries). \
            Rerunning the same command resumes; --shard i/N splits the space across processes or array jobs.
            """)

    @Option(help: "A spec file (JSON) instead of the flags below.")
    var spec: String?
    @Option(name: .customLong("constant"), help: "A constant of the left side (repeatable): e, pi, zeta3, catalan, log(2), ...")
    var constants: [String] = []
    @Option(help: "Degree of a(n).") var aDegree: Int = 1
    @Option(parsing: .unconditional, help: "Range lo:hi of every coefficient of a(n).") var aRange: String = "-5:5"
    @Option(help: "Degree of b(n).") var bDegree: Int = 1
    @Option(parsing: .unconditional, help: "Range lo:hi of every coefficient of b(n).") var bRange: String = "-5:5"
    @Option(help: "Left-side coefficients range over [-R, R].") var lhsRange: Int = 5
    @Option(help: "Depth of the floating-point first pass.") var depth: Int = 32
    @Option(help: "Digits to which every hit is verified.") var verifyDigits: Int = 100
    @Option(help: "Which part of the space to cover: i/N, or auto (Slurm or Kubernetes array index).") var shard: String = "0/1"
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Run even when the space would take more than an hour.") var yes = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func makeSpec() throws -> PCFSearchSpec {
        if let spec {
            guard constants.isEmpty else { throw SearchError("give either --spec or --constant, not both") }
            return try PCFSearchSpec(file: spec)
        }
        guard !constants.isEmpty else { throw SearchError("name a constant (--constant e) or a spec file (--spec FILE)") }
        guard (0...12).contains(aDegree), (0...24).contains(bDegree) else { throw SearchError("degrees are limited to 12 for a and 24 for b") }
        let spec = PCFSearchSpec(constants: constants,
                                 a: Array(repeating: try PCFSearchSpec.range(aRange), count: aDegree + 1),
                                 b: Array(repeating: try PCFSearchSpec.range(bRange), count: bDegree + 1),
                                 lhsRange: lhsRange, depth: depth, verifyDigits: verifyDigits)
        try spec.validate()
        return spec
    }

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw SearchError("a search needs --db FILE to keep its results") }
            let job = try PCFSearchJob(spec: try makeSpec())
            let shard = try shardOption(self.shard)
            let workers = try workerCount(self.workers)
            let estimate = job.estimatedSeconds(shard: shard, workers: workers)
            guard estimate <= 3600 || yes else {
                let rate = job.spec.mode == "fr" ? PCFSearchJob.assumedFRRate : PCFSearchJob.assumedRate
                throw SearchError("the space has \(job.count) PCFs (\(job.count / shard.count) in this shard), about \(formatDuration(estimate)) at \(formatRate(rate)) PCFs/s per worker; add --yes to run it, or shard it with --shard i/N")
            }
            let database = try openDatabase(path)
            let core = try job.makeCore()
            if !output.json {
                let method = core.map { "against \($0.table.count) left-side forms of" } ?? "by factorial reduction and integer relations with"
                printNotice("searching \(job.count) PCFs (shard \(shard)) \(method) \(job.spec.constants.joined(separator: ", "))")
            }
            let (summary, result) = try job.run(store: database, core: core, shard: shard, workers: workers, provenance: provenance("search pcf"),
                                                progress: progressLine(quiet: output.json, unit: "PCFs", found: "hits"))
            clearProgress()
            if output.json { try printJSON(summary); return }
            print(result.sentence(verb: "searched", unit: "PCFs"))
            print("\(counted(summary.newHits, "new hit")) stored by this run; the database holds \(counted(summary.hits, "hit")) in \(counted(summary.families, "family", "families")). List them with: apery hits --db \(path)")
        }
    }
}

extension SearchSummary {
    /// "searched 14641 PCFs in 0.04 s (352.8k PCFs/s), 2 chunks already done".
    func sentence(verb: String, unit: String) -> String {
        "\(verb) \(candidates) \(unit) in \(String(format: "%.2f", seconds)) s (\(formatRate(rate)) \(unit)/s)"
            + (chunksSkipped > 0 ? ", \(counted(chunksSkipped, "chunk")) already done" : "")
    }
}

/// The live progress line of a stream or adaptive search (work done, rate, finds, ETA from this run's pace).
func engineProgressLine(quiet: Bool, unit: String, found: String) -> (EngineProgress) -> Void {
    { progress in
        guard !quiet else { return }
        let eta = progress.secondsLeft.map { formatDuration($0) } ?? "…"
        let total = progress.total.map { "/\($0)" } ?? ""
        printProgress("\(unit) \(progress.done)\(total)  \(formatRate(progress.rate))/s  \(found) \(progress.finds)  ETA \(eta)")
    }
}

/// The live progress line of a search (chunks, rate, finds, ETA) on stderr, unless quiet.
func progressLine(quiet: Bool, unit: String, found: String) -> @Sendable (SearchProgress) -> Void {
    { progress in
        guard !quiet else { return }
        let eta = progress.secondsLeft.map { formatDuration($0) } ?? "…"
        printProgress("chunks \(progress.chunksDone)/\(progress.chunksTotal)  \(formatRate(progress.rate)) \(unit)/s  \(found) \(progress.hits)  ETA \(eta)")
    }
}

func formatDuration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) : String(format: "%d:%02d", s / 60, s % 60)
}

func formatRate(_ rate: Double) -> String {
    // Below 10 a second (puzzles, optimizer runs) two significant digits, so that a slow rate does not read as 0.
    rate >= 1e6 ? String(format: "%.1fM", rate / 1e6) : rate >= 1e3 ? String(format: "%.1fk", rate / 1e3)
        : rate >= 10 ? String(format: "%.0f", rate) : String(format: "%.2g", rate)
}
