import ArgumentParser
import Foundation
import QualityDiversity
import SearchEngine
import SearchSessions

struct SearchQD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qd",
        abstract: "Quality diversity (MAP-Elites or regularized evolution) on a standard benchmark.",
        discussion: """
            The planar arm (descriptor: end effector; fitness: minus the variance of the joint angles) or the sphere and \
            Rastrigin functions with pyribs' linear-projection descriptor, as in a spec file (Conjectures/qd-*.json). \
            The whole state (archive or population, random generator) is saved every 2 seconds: rerunning resumes \
            exactly. Shard i of N is island i with its own seed; `apery merge` combines islands (best per cell wins).
            """)

    @Option(help: "The spec file (JSON).") var spec: String
    @Option(help: "Stop this run after so many minutes (a rerun continues).") var minutes: Double?
    @Option(help: "The island to run: i/N, or auto.") var shard: String = "0/1"
    @Option(help: "Seconds between commits of the state.") var checkpointSeconds: Double = 2
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw SearchError("a search needs --db FILE to keep its state") }
            if let minutes, !(minutes > 0) { throw SearchError("--minutes must be positive, not \(minutes)") }
            guard checkpointSeconds >= 0, checkpointSeconds.isFinite else { throw SearchError("--checkpoint-seconds must be 0 or more, not \(checkpointSeconds)") }
            let spec = try QDSpec(file: self.spec)
            let shard = try shardOption(self.shard)
            let database = try openDatabase(path)
            if !output.json { printNotice("\(spec.proposer) on \(spec.benchmark.rawValue) (\(spec.dimensions) dimensions), island \(shard)") }
            let summary = try QDJob.run(spec: spec, store: database, shard: shard, workers: try workerCount(workers), seconds: minutes.map { $0 * 60 },
                                        commitInterval: checkpointSeconds, provenance: provenance("search qd"), progress: engineProgressLine(quiet: output.json, unit: "evaluations", found: "improvements"))
            clearProgress()
            if output.json { return try printJSON(summary) }
            print("evaluated \(summary.evaluations) candidates in \(String(format: "%.2f", summary.seconds)) s (\(formatRate(summary.rate))/s); \(summary.totalEvaluations) in all, \(summary.stopped == "time budget" ? "stopped by the time budget: rerun to continue" : "the budget of evaluations is spent")")
            print(QDArchive.text(summary.archive))
        }
    }
}

struct QDArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qd", abstract: "The archive of a quality-diversity search, its islands merged: QD score, coverage, best.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let database = try existingStore(store.database)
            guard let archive = try QDJob.archive(store: database) else { throw SearchError("\(database.path) holds no quality-diversity search") }
            if output.json { return try printJSON(archive) }
            print(QDArchive.text(archive))
        }
    }

    static func text(_ a: QDJob.ArchiveSummary) -> String {
        let best = a.bestFitness.map { String(format: "%.6g", $0) } ?? "none"
        return "\(a.proposer) on \(a.benchmark): \(a.islands) island\(a.islands == 1 ? "" : "s"), \(a.evaluations) evaluations; "
            + "\(a.filled) of \(a.cells) cells (coverage \(String(format: "%.2f%%", 100 * a.coverage))), QD score \(String(format: "%.6g", a.qdScore)), best fitness \(best)"
    }
}
