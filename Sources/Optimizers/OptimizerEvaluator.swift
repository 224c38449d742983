import Foundation
import SearchEngine
import Synchronization

/// Scores programs on the proxy tasks, once per function: dead statements are removed, and programs with one
/// functional hash share one score (the memo key: the adaptive runner scores the first and keeps the score with
/// its state, so that resumed and uninterrupted searches agree). Funnel selection guards against
/// meta-overfitting: a program that beats AdamW on the proxies is trained again twice as long on unseen data
/// (at the rates the proxies tuned, or tuned again, as the funnel's setting says). As in the reference's funnel, that
/// is a gate: a program that beats AdamW there too keeps its proxy fitness, one that does not takes the check's
/// fitness (at most 0, AdamW's), so that selection drops it. (The lower of the two would rank by one noisy check:
/// Lion-shaped sign momentum, 0.27 on the proxies and 0.09 in the check, fell below plain sign momentum's 0.16.)
/// Counts what the reference reports: programs generated, evaluated, cache hits, and the share of
/// redundant statements; and how many went through the funnel or stopped at the hurdle.
public final class OptimizerEvaluator: Evaluator, @unchecked Sendable {
    public typealias Candidate = OptimizerProgram
    public typealias Result = Evaluation

    public struct Counts: Codable, Sendable, Equatable {
        public var generated = 0
        public var evaluated = 0
        public var cacheHits = 0
        public var statements = 0
        public var redundantStatements = 0
        public var funnelled = 0
        public var stoppedAtHurdle = 0
        public var cacheHitRate: Double { generated > 0 ? Double(cacheHits) / Double(generated) : 0 }
        public var redundantShare: Double { statements > 0 ? Double(redundantStatements) / Double(statements) : 0 }
    }

    public let scoring: ProxyScoring
    public let funnel: ProxyScoring?
    /// Rules whose normalised loss passes this on the tasks reached stop early (see `ProxyScoring.score(_:hurdle:)`).
    public let hurdle: Double?
    public let objective: Objective
    private let counting = Mutex(Counts())

    public init(scoring: ProxyScoring, funnel: ProxyScoring? = nil, hurdle: Double? = nil, objective: Objective = .mean) {
        self.scoring = scoring
        self.funnel = funnel
        self.hurdle = hurdle
        self.objective = objective
    }

    public var counts: Counts { counting.withLock { $0 } }

    public func memoKey(_ program: OptimizerProgram) -> UInt64? { program.pruned.functionalHash }

    public func reused(_ program: OptimizerProgram) { count(program, cacheHit: true) }

    private func count(_ program: OptimizerProgram, cacheHit: Bool) {
        let pruned = program.pruned
        counting.withLock {
            $0.generated += 1
            $0.statements += program.statements.count
            $0.redundantStatements += program.statements.count - pruned.statements.count
            if cacheHit { $0.cacheHits += 1 } else { $0.evaluated += 1 }
        }
    }

    public func evaluate(_ program: OptimizerProgram, worker: inout Void) throws -> Evaluation {
        count(program, cacheHit: false)
        let pruned = program.pruned
        let scored = scoring.score(pruned, hurdle: hurdle)
        var fitness = scored.fitness
        var note = scoring.tasks.compactMap { task in scored.normalized[task].map { "\(task.rawValue)=\(String(format: "%.4f", $0))" } }
            .joined(separator: " ")
        if scored.stopped {
            counting.withLock { $0.stoppedAtHurdle += 1 }
            note += " (stopped at the hurdle)"
        } else {
            fitness = objective.fitness(scored)
        }
        if fitness > 0, let funnel {
            let check = funnel.setting.tunesRate ? funnel.score(pruned, hurdle: nil) : funnel.check(pruned, rates: scored.rates)
            let checked = objective.fitness(check)
            counting.withLock { $0.funnelled += 1 }
            note += " funnel=" + String(format: "%.4f", checked)
            if checked <= 0 { fitness = checked }
        }
        return Evaluation(fitness: fitness, descriptor: OptimizerEvaluator.descriptor(pruned), note: note)
    }

    /// The behaviour a user cares about: state tensors used (0, 1, 2), sign-like (1) or magnitude-scaled (0),
    /// and the program's length after dead code is removed.
    public static func descriptor(_ pruned: OptimizerProgram) -> [Double] {
        [Double(pruned.stateTensors), pruned.isSignLike ? 1 : 0, Double(pruned.statements.count)]
    }
}
