import Foundation
import SearchEngine
import Synchronization

/// Scores programs on the proxy tasks, once per function: dead statements are removed, and a program whose
/// functional hash was scored before reuses that score (equivalent programs train identically, so the
/// search's results do not depend on the cache). Funnel selection guards against meta-overfitting: a program
/// that beats AdamW on the proxies is trained again twice as long on unseen data, and keeps the lower of
/// its two fitnesses. Counts what the reference reports: programs generated, evaluated, cache hits, and the
/// share of redundant statements; and how many went through the funnel.
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
        public var cacheHitRate: Double { generated > 0 ? Double(cacheHits) / Double(generated) : 0 }
        public var redundantShare: Double { statements > 0 ? Double(redundantStatements) / Double(statements) : 0 }
    }

    public let scoring: ProxyScoring
    public let funnel: ProxyScoring?
    private let cache = Mutex<[UInt64: Evaluation]>([:])
    private let counting = Mutex(Counts())

    public init(scoring: ProxyScoring, funnel: ProxyScoring? = nil) {
        self.scoring = scoring
        self.funnel = funnel
    }

    public var counts: Counts { counting.withLock { $0 } }

    public func evaluate(_ program: OptimizerProgram, worker: inout Void) throws -> Evaluation {
        let pruned = program.pruned
        let hash = pruned.functionalHash
        let cached = cache.withLock { $0[hash] }
        counting.withLock {
            $0.generated += 1
            $0.statements += program.statements.count
            $0.redundantStatements += program.statements.count - pruned.statements.count
            if cached != nil { $0.cacheHits += 1 } else { $0.evaluated += 1 }
        }
        if let cached { return cached }
        var (fitness, normalized) = scoring.score(pruned)
        var note = scoring.tasks.map { "\($0.rawValue)=\(String(format: "%.4f", normalized[$0]!))" }.joined(separator: " ")
        if fitness > 0, let funnel {
            let checked = funnel.score(pruned).fitness
            counting.withLock { $0.funnelled += 1 }
            note += " funnel=" + String(format: "%.4f", checked)
            fitness = min(fitness, checked)
        }
        let evaluation = Evaluation(fitness: fitness, descriptor: OptimizerEvaluator.descriptor(pruned), note: note)
        cache.withLock { $0[hash] = evaluation }
        return evaluation
    }

    /// The behaviour a user cares about: state tensors used (0, 1, 2), sign-like (1) or magnitude-scaled (0),
    /// and the program's length after dead code is removed.
    public static func descriptor(_ pruned: OptimizerProgram) -> [Double] {
        [Double(pruned.stateTensors), pruned.isSignLike ? 1 : 0, Double(pruned.statements.count)]
    }
}
