import ArgumentParser
import Foundation
import PCFSearch
import SearchEngine
import Store

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a batch conjecture search (resumable, shardable) into a database.",
        subcommands: [SearchPCF.self])
}

struct SearchPCF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcf",
        abstract: "Meet-in-the-middle search for PCFs whose limits are Moebius forms of constants.",
        discussion: """
            The space is every PCF whose coefficients lie in the given ranges (a spec file, see Conjectures/,
            or the flags). A floating-point first pass at --depth looks each value up among the Moebius forms
            (c0 + c1 K)/(d0 + d1 K) with coefficients in [-lhs-range, lhs-range]; matches are verified with exact
            convergents to --verify-digits and stored with their family (sign, deflation and shift symmetries).
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

    /// First-pass throughput assumed for the size guard (candidates per second per worker, conservative).
    static let assumedRate = 2_000_000.0
    /// The same for factorial-reduction searches (exact convergents for every candidate).
    static let assumedFRRate = 300.0

    struct Summary: Encodable {
        let spec: String
        let shard: String
        let candidates: Int
        let chunksProcessed: Int
        let chunksSkipped: Int
        let seconds: Double
        let rate: Double
        let newHits: Int
        let hits: Int
        let families: Int
        let leftSideForms: Int
    }

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
            let spec = try makeSpec()
            let shard = try Shard(parsing: self.shard, environment: ProcessInfo.processInfo.environment)
            let templates = try spec.family.map(TemplateSpace.init)
            let count = templates?.count ?? CoefficientSpace(a: spec.a, b: spec.b).count
            let share = Double(count) / Double(shard.count)
            let rate = spec.mode == "fr" ? SearchPCF.assumedFRRate : SearchPCF.assumedRate
            let estimate = share / (rate * Double(max(workers, 1)))
            guard estimate <= 3600 || yes else {
                throw SearchError("the space has \(count) PCFs (\(Int(share)) in this shard), about \(formatDuration(estimate)) at \(formatRate(rate)) PCFs/s per worker; add --yes to run it, or shard it with --shard i/N")
            }
            let database = try openStore(path)
            let core = spec.mode == "mitm" ? try MITMCore(spec: spec) : nil
            let search = try database.openSearch(identifier: spec.identifier, kind: "pcf-\(spec.mode)", spec: spec.canonicalJSON, candidates: count)
            let run = try database.beginRun(command: "search pcf", arguments: CommandLine.arguments, aperyVersion: Apery.version)
            let before = try database.searchCounts()
            let checkpoint = StoreCheckpoint<PCFHit>(store: database, search: search, run: run)
            let quiet = output.json
            if !quiet {
                let method = core.map { "against \($0.table.count) left-side forms of" } ?? "by factorial reduction and integer relations with"
                printNotice("searching \(count) PCFs (shard \(shard)) \(method) \(spec.constants.joined(separator: ", "))")
            }
            let progress = progressLine(quiet: quiet, unit: "PCFs", found: "hits")
            let result: SearchSummary
            switch (core, templates) {
            case (let core?, let templates?):
                result = try SearchRunner(space: templates, processor: FamilyProcessor(core: core), checkpoint: checkpoint,
                                          chunkSize: spec.chunkSize, shard: shard, workers: workers).run(progress: progress)
            case (let core?, nil):
                result = try SearchRunner(space: CoefficientSpace(a: spec.a, b: spec.b), processor: MITMProcessor(core: core),
                                          checkpoint: checkpoint, chunkSize: spec.chunkSize, shard: shard, workers: workers).run(progress: progress)
            case (nil, let templates?):
                result = try SearchRunner(space: templates, processor: try FRProcessor<TemplateSpace>(spec: spec),
                                          checkpoint: checkpoint, chunkSize: spec.chunkSize, shard: shard, workers: workers).run(progress: progress)
            case (nil, nil):
                result = try SearchRunner(space: CoefficientSpace(a: spec.a, b: spec.b), processor: try FRProcessor<CoefficientSpace>(spec: spec),
                                          checkpoint: checkpoint, chunkSize: spec.chunkSize, shard: shard, workers: workers).run(progress: progress)
            }
            clearProgress()
            try database.finish(run: run, search: search, shard: shard, result: result)
            let after = try database.searchCounts()
            let summary = Summary(spec: spec.identifier, shard: shard.description, candidates: result.candidates,
                                  chunksProcessed: result.chunksProcessed, chunksSkipped: result.chunksSkipped, seconds: result.seconds,
                                  rate: result.rate, newHits: after.hits - before.hits, hits: after.hits, families: after.families,
                                  leftSideForms: core?.table.count ?? 0)
            if output.json { try printJSON(summary); return }
            print(result.sentence(verb: "searched", unit: "PCFs"))
            print("\(summary.newHits) new hits; the database holds \(after.hits) hits in \(after.families) families. List them with: apery hits --db \(path)")
        }
    }
}

/// The search engine's checkpoint, kept in the store: a chunk's finds and its mark in one transaction.
/// `save` stores one kind of find (PCF hits, conjectures, measurements).
struct StoreCheckpoint<Hit>: Checkpoint {
    let store: AperyStore
    let search: Int64
    let run: Int64
    let save: @Sendable (_ store: AperyStore, _ search: Int64, _ chunk: Int, _ candidates: Int, _ run: Int64, _ finds: [Hit]) throws -> Void

    func completedChunks() throws -> Set<Int> { try store.completedChunks(search: search) }

    func commit(chunk: Int, candidates: Int, hits: [Hit]) throws { try save(store, search, chunk, candidates, run, hits) }
}

extension StoreCheckpoint where Hit == PCFHit {
    init(store: AperyStore, search: Int64, run: Int64) {
        self.init(store: store, search: search, run: run) { store, search, chunk, candidates, run, hits in
            try store.commitChunk(search: search, chunk: chunk, candidates: candidates, run: run, hits: hits.map(StoreCheckpoint.input))
        }
    }

    static func input(_ hit: PCFHit) -> HitInput {
        func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
        let pcf = hit.pcf
        return HitInput(a: pcf.aCoefficients, b: pcf.bCoefficients, canonical: pcf.description, constants: hit.constants.joined(separator: ","),
                        numerator: list(hit.numerator), denominator: list(hit.denominator), closedForm: hit.closedForm,
                        digitsVerified: hit.digitsVerified, depth: hit.depth, digitsPerTerm: hit.digitsPerTerm, delta: hit.delta,
                        convergenceClass: hit.convergenceClass, keys: hit.equivalenceKeys)
    }
}

extension AperyStore {
    /// Records a search run's shard, counts and throughput, and closes the run.
    func finish(run: Int64, search: Int64, shard: Shard, result: SearchSummary) throws {
        try recordSearchRun(run: run, search: search, shard: shard.description, candidates: result.candidates,
                            chunks: result.chunksProcessed, hits: result.hits, seconds: result.seconds)
        try finishRun(run)
    }
}

extension SearchSummary {
    /// "searched 14641 PCFs in 0.04 s (352.8k PCFs/s), 2 chunks already done".
    func sentence(verb: String, unit: String) -> String {
        "\(verb) \(candidates) \(unit) in \(String(format: "%.2f", seconds)) s (\(formatRate(rate)) \(unit)/s)"
            + (chunksSkipped > 0 ? ", \(chunksSkipped) chunks already done" : "")
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
    rate >= 1e6 ? String(format: "%.1fM", rate / 1e6) : rate >= 1e3 ? String(format: "%.1fk", rate / 1e3) : String(format: "%.0f", rate)
}
