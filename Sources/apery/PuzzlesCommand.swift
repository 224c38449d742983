import ArgumentParser
import Foundation
import Puzzles
import SearchEngine
import SearchSessions
import Store

struct PuzzlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "puzzles",
        abstract: "Python Programming Puzzles (P3): solve them by enumeration and z3, and report pass@k.",
        subcommands: [SolvePuzzles.self, PuzzlesReport.self, PuzzleCandidates.self],
        defaultSubcommand: PuzzlesReport.self)
}

struct SolvePuzzles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a P3 puzzle file: typed values enumerated by cost, checked in sandboxed Python workers.",
        discussion: """
            FILE.json follows P3's schema (name, sat, ans_type, sol_header; reference solutions are never read). Each \
            round solves every puzzle within the budget of tries (sat calls); rounds after the first re-weight the \
            enumeration by what solved earlier rounds. A puzzle whose entry or sat is bad is marked and skipped. With \
            --db the run is resumable and shards (--shard i/N) merge with `apery merge`.
            """)

    @Option(help: "The puzzle file (P3's JSON schema).") var puzzles: String
    @Option(help: "Tries (sat calls) per puzzle and round.") var budget: Int = 10_000
    @Option(help: "Time limit of one sat call, in milliseconds.") var timeoutMs: Int = 200
    @Option(help: "Wall-clock limit per puzzle and round, in seconds.") var puzzleSeconds: Double = 30
    @Option(help: "Memory cap of each Python worker, in MB.") var memoryMb: Int = 2048
    @Option(help: "Bootstrap rounds (guidance learned from the earlier rounds' solutions).") var rounds: Int = 2
    @Flag(help: "Only the first instance of each template.") var firstInstances = false
    @Flag(help: "Do not run the z3 strategy.") var noZ3 = false
    @Option(help: "Enumerated tries before the z3 strategy runs (0: z3 first).") var z3After: Int = 0
    @Flag(help: "Do not run the items strategy (n distinct items that each pass sat's test of an item).") var noItems = false
    @Option(help: "The shard to run: i/N, or auto.") var shard: String = "0/1"
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            var settings = SolveSettings()
            settings.budget = budget
            settings.callMilliseconds = timeoutMs
            settings.puzzleSeconds = puzzleSeconds
            settings.memoryMegabytes = memoryMb
            settings.z3 = !noZ3
            settings.z3After = z3After
            settings.items = !noItems
            try settings.check(rounds: rounds)
            let file = try PuzzleFile.load(path: puzzles)
            let chosen = firstInstances ? file.firstInstances : file.puzzles
            let shard = try shardOption(self.shard)
            let threads = try workerCount(workers)
            let temporary = store.database == nil ? NSTemporaryDirectory() + "/apery-puzzles-\(getpid()).sqlite" : nil
            defer { if let temporary { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } } }
            let database = try openDatabase(store.database ?? temporary!)
            for bad in file.rejected { printNotice("skipped \(bad.name): \(bad.reason)") }
            if !output.json {
                printNotice("\(chosen.count) puzzle\(chosen.count == 1 ? "" : "s"), shard \(shard), \(rounds) round\(rounds == 1 ? "" : "s") of up to \(budget) tries each")
            }
            let start = Date()
            let results = try PuzzleJob.run(puzzles: chosen, settings: settings, rounds: rounds, store: database, shard: shard, workers: threads,
                                            provenance: provenance("puzzles solve"), progress: { round, progress in
                                                engineProgressLine(quiet: output.json, unit: "round \(round): puzzles", found: "failures")(progress)
                                            })
            clearProgress()
            let all = try database.puzzleResults().filter { $0.island == shard.index }
            if output.json {
                return print(PuzzleOutput.json(results: results, rejected: file.rejected, rounds: PassAtK.rounds(all, budget: try database.puzzleBudget()), seconds: Date().timeIntervalSince(start)))
            }
            for round in PassAtK.rounds(all, budget: try database.puzzleBudget()) { print(PuzzleOutput.text(round)) }
            for bad in results where bad.error != nil { print("\(bad.name): \(bad.error!)") }
        }
    }
}

struct PuzzlesReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "pass@k of a database's puzzle search, by round, answer type and domain.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let database = try existingStore(store.database)
            let results = try database.puzzleResults()
            guard !results.isEmpty else { throw StoreError("\(database.path) holds no puzzle results") }
            let rounds = PassAtK.rounds(results, budget: try database.puzzleBudget())
            if output.json { return try printJSON(rounds) }
            for round in rounds { print(PuzzleOutput.text(round, detailed: true)) }
        }
    }
}

struct PuzzleCandidates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "The first values the enumeration tries on each puzzle, with the expressions that build them (JSON lines).")
    @Option(help: "The puzzle file (P3's JSON schema).") var puzzles: String
    @Option(help: "Values per puzzle.") var count: Int = 20
    @Flag(help: "Only the first instance of each template.") var firstInstances = false

    func run() throws {
        try reportingErrors {
            guard count > 0 else { throw PuzzleError("--count must be positive, not \(count)") }
            let file = try PuzzleFile.load(path: puzzles)
            for puzzle in firstInstances ? file.firstInstances : file.puzzles {
                let values: [ValueEnumerator.Enumerated]
                do { values = try PuzzleSolver.candidates(of: puzzle, count: count, settings: SolveSettings()) } catch {
                    printNotice("skipped \(puzzle.name): \(error)")
                    continue
                }
                for value in values {
                    print("{\"name\": \(PuzzleOutput.quoted(puzzle.name)), \"answer\": \(value.value.json), \"expression\": \(PuzzleOutput.quoted(value.expression))}")
                }
            }
        }
    }
}
