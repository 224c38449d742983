import ArgumentParser
import Foundation
import Optimizers
import Reports
import SearchEngine
import SearchSessions
import Store

struct SearchOptimizer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizer",
        abstract: "Discover optimizer update rules: regularized evolution (or MAP-Elites) of programs on proxy training tasks.",
        discussion: """
            Programs in the form of Chen et al. 2023 (Lion), warm-started from AdamW, scored on small training problems \
            with the learning rate tuned per candidate (Conjectures/optimizer-*.json). The whole state is saved every \
            2 seconds: rerunning resumes. Shard i of N is island i with its own seed; `apery merge` combines islands.
            """)

    @Option(help: "The spec file (JSON).") var spec: String
    @Option(help: "Stop this run after so many minutes (a rerun continues).") var minutes: Double?
    @Option(help: "The island to run: i/N, or auto.") var shard: String = "0/1"
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw SearchError("a search needs --db FILE to keep its state") }
            if let minutes, !(minutes > 0) { throw SearchError("--minutes must be positive, not \(minutes)") }
            let spec = try OptimizerSpec(file: self.spec)
            let shard = try shardOption(self.shard)
            let database = try openDatabase(path)
            if !output.json { printNotice("\(spec.proposer) from \(spec.start) on \(spec.tasks.map(\.rawValue).joined(separator: ", ")), island \(shard)") }
            let summary = try OptimizerJob.run(spec: spec, store: database, shard: shard, workers: try workerCount(workers), seconds: minutes.map { $0 * 60 },
                                               provenance: provenance("search optimizer"),
                                               progress: engineProgressLine(quiet: output.json, unit: "programs", found: "improvements"))
            clearProgress()
            if output.json { return try printJSON(summary) }
            print("generated \(summary.counts.generated) programs in \(String(format: "%.1f", summary.seconds)) s, evaluated \(summary.counts.evaluated): "
                  + "cache hits \(String(format: "%.1f%%", 100 * summary.cacheHitRate)) (reference 89%), redundant statements \(String(format: "%.1f%%", 100 * summary.redundantShare)) (reference 70%), \(summary.counts.funnelled) through the funnel, \(summary.counts.stoppedAtHurdle) stopped at the hurdle; "
                  + "\(summary.totalEvaluations) in all, \(summary.stopped == "time budget" ? "stopped by the time budget: rerun to continue" : "the budget is spent")")
            for ranked in summary.best { print(OptimizersList.text(ranked)) }
        }
    }
}

struct OptimizersList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers", abstract: "The best update rules of an optimizer search (islands merged), and their export.",
        subcommands: [OptimizersBest.self, OptimizersCompare.self, OptimizersExport.self], defaultSubcommand: OptimizersBest.self)

    static func text(_ r: OptimizerJob.Ranked) -> String {
        "fitness \(String(format: "%.4f", r.fitness)) (log10 loss / AdamW's per task: \(r.perTask)), candidate \(r.serial)\n"
            + r.mathematics.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
            + "lineage: start" + r.lineage.map { " → \($0.serial) (\(String(format: "%.4f", $0.fitness)))" }.joined() + " → \(r.serial)\n\(r.program)\n"
    }
}

struct OptimizersBest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "best", abstract: "The best distinct programs, dead code removed.")
    @Option(help: "How many.") var count: Int = 5
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let database = try existingStore(store.database)
            let best = try OptimizerJob.best(store: database, count: count)
            guard !best.isEmpty else { throw SearchError("\(database.path) holds no optimizer search") }
            if output.json { return try printJSON(best) }
            for ranked in best { print(OptimizersList.text(ranked)) }
        }
    }
}

struct OptimizersCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "AdamW, Lion, SGD with momentum and your programs on every proxy task, each with its learning rate tuned.")
    @Option(name: .customLong("program"), help: "A program file (repeatable).") var programs: [String] = []
    @Option(help: "Also the best programs of this optimizer search.") var db: String?
    @Option(help: "How many of the search's best programs.") var count: Int = 1
    @Flag(help: "Train as the funnel does: twice as many steps, on data the search never saw, the rate tuned again.") var funnel = false
    @Option(help: "Average each final loss over this many seeds (1-64).") var seeds: Int = 2
    @Option(help: ArgumentHelp("Tune each rate on this data seed and train on the seeds after it.",
                               discussion: "The proxies tune on seed 0 and the funnel on seed 100; another seed shows how much a rule's margins owe to the rate one seed picks."))
    var tuningSeed: Int?
    @Option(help: "Judge each rate by its mean final loss on this many tuning seeds (1-8): the tuning seed, then every thousandth after it.")
    var tuningSeeds: Int = 1
    @Option(name: .customLong("task"), help: ArgumentHelp("A proxy task (repeatable; default: the standard four).",
                                                          discussion: "quadratic, logistic, mlp, regression or classification."))
    var tasks: [String] = []
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let tasks = try self.tasks.map { name in
                guard let task = ProxyTask(rawValue: name) else {
                    throw SearchError("unknown proxy task \(name) (known: \(ProxyTask.allCases.map(\.rawValue).joined(separator: " ")))")
                }
                return task
            }
            let most = ProxyScoring.Setting.maximumSeeds
            guard (1...most).contains(seeds) else { throw SearchError("--seeds must be between 1 and \(most), not \(seeds)") }
            var chosen = try programs.map { (name: $0, program: try readProgramFile($0)) }
            if let db {
                for ranked in try OptimizerJob.best(store: try openExistingDatabase(db), count: count) {
                    chosen.append((name: "candidate \(ranked.serial)", program: try OptimizerProgram(parsing: ranked.program)))
                }
            }
            let mostTuning = ProxyScoring.Setting.maximumTuningSeeds
            guard (1...mostTuning).contains(tuningSeeds) else { throw SearchError("--tuning-seeds must be between 1 and \(mostTuning), not \(tuningSeeds)") }
            var setting = (funnel ? ProxyScoring.Setting.funnel : .proxy).averaging(over: seeds).tuning(on: tuningSeeds)
            if let tuningSeed {
                guard (0...1_000_000).contains(tuningSeed) else { throw SearchError("--tuning-seed must be between 0 and 1000000, not \(tuningSeed)") }
                setting.firstSeed = UInt64(tuningSeed)
            }
            let comparison = OptimizerComparison(programs: chosen, tasks: tasks.isEmpty ? ProxyTask.standard : tasks, setting: setting)
            if output.json { return try printJSON(comparison) }
            print(OptimizerTables.comparisonText(comparison))
        }
    }
}

/// Reads a program file, or says where it is malformed.
func readProgramFile(_ path: String) throws -> OptimizerProgram {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SearchError("cannot read the program file \(path)") }
    do { return try OptimizerProgram(parsing: text) } catch let error as ProgramParseError { throw SearchError("\(path): \(error)") }
}

struct OptimizersExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "A program as a standalone Python file: numpy train(w, g, m, v, lr), or an optax GradientTransformation.")
    @Option(help: "A program file (the text form).") var program: String?
    @Option(help: "Export this candidate of the database (its number in `apery optimizers`).") var id: Int?
    @Option(help: "Export the best program but N-1 of this database.") var rank: Int = 1
    @Option(help: "numpy or optax.") var format: String = "numpy"
    @Option(help: "The Python file to write.") var out: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            guard ["numpy", "optax"].contains(format) else { throw SearchError("--format must be numpy or optax, not \(format)") }
            let chosen: OptimizerProgram, provenance: String
            if let program {
                chosen = try readProgramFile(program)
                provenance = "from \(program)"
            } else if let path = store.database {
                let database = try openExistingDatabase(path)
                let found = id != nil ? try OptimizerJob.best(store: database, count: 1, serial: id) : try OptimizerJob.best(store: database, count: rank)
                guard let picked = id != nil ? found.first : (rank >= 1 && found.count >= rank ? found[rank - 1] : nil) else {
                    throw SearchError(id.map { "\(path) keeps no candidate \($0) in its population, archive or finds" } ?? "\(path) holds fewer than \(rank) programs")
                }
                chosen = try OptimizerProgram(parsing: picked.program)
                provenance = "\(path), candidate \(picked.serial), fitness \(String(format: "%.4f", picked.fitness))"
            } else {
                throw SearchError("name a --program file or a --db")
            }
            let text = format == "optax" ? OptimizerExport.optax(chosen, provenance: provenance) : OptimizerExport.numpy(chosen, provenance: provenance)
            try writeRegularFile(text, to: out)
            print("wrote \(out)")
        }
    }
}
