import ArgumentParser
import ESMA
import Foundation
import SearchEngine
import SearchSessions
import Store

struct SearchESMA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esma",
        abstract: "ESMA: signed continued fractions of P(K)/Q(K) whose terms follow a short recurrence.",
        discussion: """
            For every left side P(K)/Q(K) (degree and coefficient range below, de-duplicated, positive) and every \
            primitive sign pattern up to --max-pattern, the signed continued fraction is expanded to --depth \
            certain terms (floor for +, ceiling for -) and kept when Berlekamp–Massey modulo 2^61 - 1 finds a \
            recurrence of linear complexity below depth/4. Each survivor must pass approval: its recurrence, \
            seeded with L terms, regenerates 1000 terms over the integers whose fraction agrees with the left side \
            to 100 digits. Approved conjectures are stored (one per value) with their recurrence, seed, pattern \
            and rate. Rerunning resumes; --shard splits the space. List them with `apery conjectures --db FILE`.
            """)

    @Option(help: "A spec file (JSON, see Conjectures/) instead of the flags below.") var spec: String?
    @Option(help: "The constant K: e, pi, tan(1), besseli(1,2)/besseli(0,2), ...") var constant: String?
    @Option(help: "Largest degree of P and Q.") var degree: Int = 1
    @Option(help: "Coefficients of P and Q range over [-c, c].") var coefficients: Int = 2
    @Option(help: "Sign patterns of length 1 up to this.") var maxPattern: Int = 4
    @Option(help: "Terms extracted per candidate.") var depth: Int = 100
    @Option(help: "Which part of the space to cover: i/N, or auto.") var shard: String = "0/1"
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func makeSpec() throws -> ESMASpec {
        if let spec {
            guard constant == nil else { throw SearchError("give either --spec or --constant, not both") }
            return try ESMASpec(file: spec)
        }
        guard let constant else { throw SearchError("name a constant (--constant e) or a spec file (--spec FILE)") }
        let spec = ESMASpec(constant: constant, degree: degree, coefficients: coefficients, maxPattern: maxPattern, depth: depth)
        try spec.validate()
        return spec
    }

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw SearchError("a search needs --db FILE to keep its results") }
            let job = try ESMASearchJob(spec: try makeSpec())
            let shard = try shardOption(self.shard)
            let database = try openDatabase(path)
            if !output.json {
                printNotice("ESMA on \(job.spec.constant): \(job.space.leftSides.count) left sides x \(job.space.patterns.count) sign patterns = \(job.space.count) candidates (shard \(shard))")
            }
            let (summary, result) = try job.run(store: database, shard: shard, workers: try workerCount(workers), provenance: provenance("esma"),
                                                progress: progressLine(quiet: output.json, unit: "candidates", found: "approved"))
            clearProgress()
            if output.json { try printJSON(summary); return }
            print(result.sentence(verb: "examined", unit: "candidates"))
            print("\(summary.newConjectures) new approved conjectures; the database holds \(summary.conjectures). List them with: apery conjectures --db \(path)")
        }
    }
}

struct Conjectures: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the continued-fraction conjectures an ESMA search approved.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw SearchError("give the database with --db FILE") }
            let conjectures = try openExistingDatabase(path).storedConjectures()
            if output.json { return try printJSON(conjectures) }
            if conjectures.isEmpty { print("no conjectures in \(path)") }
            for c in conjectures {
                let formula = c.pattern ?? "[\(c.terms), ...] | \(c.signs)"
                print("\(c.leftSide) = \(formula)   [signs \(c.signs), L = \(c.linearComplexity), \(c.digitsAgreed) digits, \(String(format: "%.3f", c.digitsPerTerm)) digits/term]")
                print("    \(c.recurrence), seed \(c.seed)")
            }
        }
    }
}
