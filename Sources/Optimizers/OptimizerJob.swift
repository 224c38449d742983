import Foundation
import SearchEngine
import SearchSessions
import Store

/// An optimizer-discovery search from spec to store, on the engine's adaptive driver: shard i of N is island i
/// with its own seed and an N-th of the evaluations.
public enum OptimizerJob {
    public struct Summary: Encodable, Sendable {
        public let spec: String
        public let island: String
        public let evaluations: Int
        public let totalEvaluations: Int
        public let seconds: Double
        public let rate: Double
        public let stopped: String
        /// This run's generated and evaluated programs, cache hits and redundant statements.
        public let counts: OptimizerEvaluator.Counts
        public let cacheHitRate: Double
        public let redundantShare: Double
        public let best: [Ranked]
    }

    /// A program of the archive or population, simplified, with its scores (fitness and per-task notes as scored
    /// before rounding).
    public struct Ranked: Encodable, Sendable {
        public let fitness: Double
        public let perTask: String
        /// The program simplified, constants rounded where the fitness holds.
        public let program: String
        /// The same as mathematics, one line per output.
        public let mathematics: String
        public let serial: Int
        public let descriptor: [Double]
        /// The improving ancestors it descends from, oldest first.
        public let lineage: [OptimizerProgram.Ancestor]
    }

    public static func run(spec: OptimizerSpec, store: AperyStore, shard: Shard, workers: Int, seconds: Double?, provenance: Provenance,
                           progress: (EngineProgress) -> Void) throws -> Summary {
        let share = spec.evaluations / shard.count + (shard.index < spec.evaluations % shard.count ? 1 : 0)
        guard share > 0 else { throw SearchError("\(shard.count) islands cannot share \(spec.evaluations) evaluations") }
        let budget = try Budget(candidates: share, seconds: seconds)
        let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "optimizer", candidates: spec.evaluations,
                                        shard: shard, provenance: provenance)
        let random = SeededGenerator(seed: spec.seed, island: shard.index)
        let scales = spec.scales ?? [1]
        let evaluator = OptimizerEvaluator(scoring: ProxyScoring(tasks: spec.tasks, scales: scales, setting: spec.proxySetting),
                                           funnel: spec.funnel ? ProxyScoring(tasks: spec.tasks, scales: scales, setting: spec.funnelSetting) : nil,
                                           hurdle: spec.hurdle, objective: spec.fitnessObjective)
        let result: AdaptiveSummary
        if spec.proposer == "map-elites" {
            let proposer = try MAPElites(problem: spec.problem, grid: spec.grid, initialBatch: spec.batch,
                                         neutralDrift: spec.neutralDrift ?? false, random: random)
            result = try session.adaptive(proposer: proposer, driver: spec.proposer, evaluator: evaluator, batchSize: spec.batch, workers: workers,
                                          budget: budget, keep: { _ in [] }, progress: progress)
        } else {
            // The fittest rule per MAP-Elites cell is stored as it is found, so that a sign rule that ages out of a
            // population of Adam variants stays listed.
            let proposer = try RegularizedEvolution(problem: spec.problem, population: spec.population, tournament: spec.tournament,
                                                      restartEvery: spec.restartEvery, records: spec.grid, random: random)
            result = try session.adaptive(proposer: proposer, driver: spec.proposer, evaluator: evaluator, batchSize: spec.batch, workers: workers,
                                          budget: budget, progress: progress)
        }
        let counts = evaluator.counts
        return Summary(spec: spec.identifier, island: shard.description, evaluations: result.evaluations, totalEvaluations: result.totalEvaluations,
                       seconds: result.seconds, rate: result.rate, stopped: result.stopped.rawValue, counts: counts, cacheHitRate: counts.cacheHitRate,
                       redundantShare: counts.redundantShare, best: try best(store: store, count: 3))
    }

    /// The best distinct programs of the database's search, islands merged; or only the candidate `serial`.
    public static func best(store: AperyStore, count: Int = 5, serial: Int? = nil) throws -> [Ranked] {
        guard let row = try store.searchStates(kind: "optimizer").first else { return [] }
        let spec = try JSONDecoder().decode(OptimizerSpec.self, from: Data(row.spec.utf8))
        let elites: [Evaluated<OptimizerProgram>]
        if spec.proposer == "map-elites" {
            elites = try mergedIslands(MAPElites<OptimizerProblem>.State.self, store: store, kind: "optimizer")?.state.elites ?? []
        } else {
            let merged = try mergedIslands(RegularizedEvolution<OptimizerProblem>.State.self, store: store, kind: "optimizer")?.state
            // The finds too: the bests over time and the fittest per cell, which the population may have forgotten.
            elites = (merged.map { $0.population + ($0.best.map { [$0] } ?? []) } ?? [])
                + (try storedFinds(OptimizerProgram.self, store: store, search: row.state.searchId))
        }
        var seen = Set<UInt64>(), shown = Set<String>()
        // Rounded in the setting the search scored in: a rule with an absolute threshold scores differently at scale 1.
        let scoring = ProxyScoring(tasks: spec.tasks, scales: spec.scales ?? [1], setting: spec.proxySetting)
        var ranked: [Ranked] = [], rounded = 0
        for elite in elites.sorted(by: { ($0.evaluation.rank, -$0.serial) > ($1.evaluation.rank, -$1.serial) })
        where ranked.count < count && rounded < 4 * count && (serial == nil || elite.serial == serial)
            && seen.insert(elite.candidate.pruned.functionalHash).inserted {
            rounded += 1
            // Rounding may leave algebra to tidy (interp(w, c, 1) is c): simplified again after it.
            let simplified = scoring.roundingConstants(of: elite.candidate.simplified, objective: spec.fitnessObjective).simplified
            // Programs that differ only in digits rounding drops read alike: shown once, the fittest.
            guard shown.insert(simplified.description).inserted else { continue }
            ranked.append(Ranked(fitness: elite.evaluation.rank, perTask: elite.evaluation.note ?? "", program: simplified.description,
                                 mathematics: simplified.mathematics, serial: elite.serial, descriptor: elite.evaluation.descriptor,
                                 lineage: elite.candidate.lineage))
        }
        return ranked
    }
}
