import Foundation
import SearchEngine
import SearchSessions
import Store

/// A quality-diversity search from spec to store, on the engine's adaptive driver: shard i of N is island i
/// with its own seed and an N-th of the evaluations.
public enum QDJob {
    /// What a run did, as `apery search qd --json` prints it.
    public struct Summary: Encodable, Sendable {
        public let spec: String
        public let island: String
        public let evaluations: Int
        public let totalEvaluations: Int
        public let failures: Int
        public let seconds: Double
        public let rate: Double
        /// Evaluations per second without the commits (what a search library that saves nothing measures).
        public let searchRate: Double
        public let stopped: String
        public let archive: ArchiveSummary
    }

    /// An archive (or a population), merged over the islands a database holds.
    public struct ArchiveSummary: Encodable, Sendable {
        public let spec: String
        public let benchmark: String
        public let proposer: String
        public let islands: Int
        public let evaluations: Int
        public let cells: Int
        public let filled: Int
        public let coverage: Double
        public let qdScore: Double
        public let bestFitness: Double?
        public let best: [Double]?
    }

    public static func run(spec: QDSpec, store: AperyStore, shard: Shard, workers: Int, seconds: Double?, commitInterval: Double = 2, provenance: Provenance,
                           progress: (EngineProgress) -> Void) throws -> Summary {
        let share = spec.evaluations / shard.count + (shard.index < spec.evaluations % shard.count ? 1 : 0)
        guard share > 0 else { throw SearchError("\(shard.count) islands cannot share \(spec.evaluations) evaluations") }
        let budget = try Budget(candidates: share, seconds: seconds)
        let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "qd", candidates: spec.evaluations,
                                        shard: shard, provenance: provenance)
        let random = SeededGenerator(seed: spec.seed, island: shard.index)
        let evaluator = BenchmarkEvaluator(benchmark: spec.benchmark)
        let result: AdaptiveSummary
        if spec.proposer == "map-elites" {
            // Columnar: the same search as MAPElites, without an object per candidate. The archive is the state:
            // its elites are not stored again as finds.
            let proposer = try ColumnarMAPElites(problem: spec.problem, grid: spec.grid, initialBatch: spec.batch, random: random)
            result = try session.adaptiveColumns(proposer: proposer, driver: spec.proposer, evaluator: evaluator, batchSize: spec.batch, workers: workers,
                                                 budget: budget, commitInterval: commitInterval, progress: progress)
        } else {
            let proposer = try RegularizedEvolution(problem: spec.problem, population: spec.population, tournament: spec.tournament, random: random)
            result = try session.adaptive(proposer: proposer, driver: spec.proposer, evaluator: evaluator, batchSize: spec.batch, workers: workers,
                                          budget: budget, commitInterval: commitInterval, progress: progress)
        }
        return Summary(spec: spec.identifier, island: shard.description, evaluations: result.evaluations, totalEvaluations: result.totalEvaluations,
                       failures: result.failures, seconds: result.seconds, rate: result.rate, searchRate: result.searchRate, stopped: result.stopped.rawValue,
                       archive: try archive(store: store)!)
    }

    /// The spec of the QD search a database holds.
    public static func spec(store: AperyStore) throws -> QDSpec? {
        guard let row = try store.searchStates(kind: "qd").first else { return nil }
        return try JSONDecoder().decode(QDSpec.self, from: Data(row.spec.utf8))
    }

    /// The database's QD search, its islands merged: the best candidate per cell wins.
    public static func archive(store: AperyStore) throws -> ArchiveSummary? {
        guard let spec = try spec(store: store) else { return nil }
        let floor = spec.benchmark.fitnessFloor(dimensions: spec.dimensions)
        if spec.proposer == "map-elites" {
            guard let merged = try mergedIslands(ColumnarMAPElites<GaussianVectors>.State.self, store: store, kind: "qd") else { return nil }
            let best = merged.state.best
            return ArchiveSummary(spec: merged.identifier, benchmark: spec.benchmark.rawValue, proposer: spec.proposer, islands: merged.islands,
                                  evaluations: merged.evaluations, cells: merged.state.grid.count, filled: merged.state.count,
                                  coverage: merged.state.coverage, qdScore: merged.state.qdScore(offset: floor),
                                  bestFitness: best?.evaluation.fitness, best: best?.candidate.values)
        }
        guard let merged = try mergedIslands(RegularizedEvolution<GaussianVectors>.State.self, store: store, kind: "qd") else { return nil }
        // A population seen as an archive: its members placed on the spec's grid, the best per cell.
        var cells: [Int: Double] = [:]
        for member in merged.state.population {
            guard let fitness = member.evaluation.fitness, let cell = spec.grid.cell(of: member.evaluation.descriptor) else { continue }
            cells[cell] = max(cells[cell] ?? -.infinity, fitness)
        }
        let best = merged.state.best
        return ArchiveSummary(spec: merged.identifier, benchmark: spec.benchmark.rawValue, proposer: spec.proposer, islands: merged.islands,
                              evaluations: merged.evaluations, cells: spec.grid.count, filled: cells.count,
                              coverage: Double(cells.count) / Double(spec.grid.count), qdScore: cells.keys.sorted().reduce(0) { $0 + cells[$1]! - floor },
                              bestFitness: best?.evaluation.fitness, best: best?.candidate.values)
    }
}
