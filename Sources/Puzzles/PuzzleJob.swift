import Foundation
import SearchEngine
import SearchSessions
import Store

/// What identifies a puzzle search: the puzzles (by content) and every setting that changes results.
public struct PuzzleSearchSpec: SearchSpecification, Codable, Sendable {
    public let puzzles: String
    public let count: Int
    public let settings: SolveSettings
    public let rounds: Int

    public var identifier: String { "puzzles-" + canonicalHash }
}

/// Solving a puzzle file from start to store on the engine's stream driver, in bootstrap rounds: each round
/// solves every puzzle of this shard with guidance learned from the earlier rounds' own solutions.
public enum PuzzleJob {
    public static func spec(puzzles: [Puzzle], settings: SolveSettings, rounds: Int) -> PuzzleSearchSpec {
        var hash: UInt64 = 0xcbf29ce484222325
        for puzzle in puzzles {
            for byte in (puzzle.name + "\u{0}" + puzzle.sat + "\u{0}" + puzzle.answerTypeName + "\u{1}").utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        }
        return PuzzleSearchSpec(puzzles: String(hash, radix: 16), count: puzzles.count, settings: settings, rounds: rounds)
    }

    /// Runs (or resumes) the search; returns the results of its last round for this shard.
    public static func run(puzzles all: [Puzzle], settings: SolveSettings, rounds: Int, store: AperyStore, shard: Shard, workers: Int,
                           provenance: Provenance, progress: @escaping (Int, EngineProgress) -> Void) throws -> [PuzzleResultRecord] {
        try settings.check(rounds: rounds)
        let spec = spec(puzzles: all, settings: settings, rounds: rounds)
        let puzzles = all.enumerated().filter { $0.offset % shard.count == shard.index }.map(\.element)
        guard !puzzles.isEmpty else { throw PuzzleError("shard \(shard) of \(all.count) puzzles is empty") }
        for round in 1...rounds {
            let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "puzzles", candidates: all.count * rounds,
                                            shard: shard, provenance: provenance)
            let done = try store.searchState(search: session.search, island: shard.index)?.evaluations ?? 0
            if done >= round * puzzles.count { continue }
            let earlier = try store.puzzleResults(search: session.search).filter { $0.island == shard.index && $0.round < round }
            let evaluator = PuzzleEvaluator(settings: settings, guidance: guidance(from: earlier))
            let budget = try Budget(candidates: round * puzzles.count)
            _ = try session.stream(
                makeStream: { cursor in PuzzleStream(puzzles: puzzles, rounds: rounds, cursor: cursor ?? 0) },
                evaluator: evaluator, batchSize: max(workers * 8, 8), workers: workers, budget: budget,
                keep: { _ in [] },
                rows: { results in
                    .puzzleResults(results.map { result in
                        record(result.outcome.result ?? failed(result.candidate.puzzle, result.outcome), round: result.candidate.round, island: shard.index)
                    })
                },
                progress: { progress(round, $0) })
        }
        let search = try store.openSearch(identifier: spec.identifier, kind: "puzzles", spec: spec.canonicalJSON, candidates: all.count * rounds)
        return try store.puzzleResults(search: search).filter { $0.round == rounds && $0.island == shard.index }
    }

    /// Guidance learned from solved results.
    public static func guidance(from results: [PuzzleResultRecord]) -> Guidance {
        var guidance = Guidance()
        for result in results.sorted(by: { ($0.round, $0.name) < ($1.round, $1.name) }) where result.solved {
            guidance.learn(features: Set(decodeStrings(result.features)), operations: Set(decodeStrings(result.operations)))
        }
        return guidance
    }

    static func failed(_ puzzle: Puzzle, _ outcome: Outcome<PuzzleOutcome>) -> PuzzleOutcome {
        var message = "evaluation failed"
        if case .failure(let reason) = outcome { message = reason }
        return PuzzleOutcome(name: puzzle.name, domain: puzzle.domain, answerType: puzzle.answerTypeName, solved: false, tries: 0, answer: nil,
                             expression: nil, strategy: nil, seconds: 0, error: message, operations: [], features: [], timeouts: 0, restarts: 0)
    }

    static func record(_ o: PuzzleOutcome, round: Int, island: Int) -> PuzzleResultRecord {
        PuzzleResultRecord(round: round, name: o.name, island: island, template: o.template, domain: o.domain, answerType: o.answerType,
                           solved: o.solved, tries: o.tries, answer: o.answer, expression: o.expression, strategy: o.strategy, seconds: o.seconds,
                           error: o.error, operations: encodeStrings(o.operations), features: encodeStrings(o.features), timeouts: o.timeouts,
                           restarts: o.restarts)
    }

    static func encodeStrings(_ strings: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeStrings(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
