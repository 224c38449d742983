import Foundation
import SearchEngine
import Synchronization

/// Scores programs on the proxy tasks, once per function: dead statements are removed, and a program whose
/// functional hash was scored before reuses that score (equivalent programs train identically, so the
/// search's results do not depend on the cache). Counts what the reference reports: programs generated,
/// evaluated, cache hits, and the share of redundant statements.
public final class OptimizerEvaluator: Evaluator, @unchecked Sendable {
    public typealias Candidate = OptimizerProgram
    public typealias Result = Evaluation

    public struct Counts: Codable, Sendable, Equatable {
        public var generated = 0
        public var evaluated = 0
        public var cacheHits = 0
        public var statements = 0
        public var redundantStatements = 0
        public var cacheHitRate: Double { generated > 0 ? Double(cacheHits) / Double(generated) : 0 }
        public var redundantShare: Double { statements > 0 ? Double(redundantStatements) / Double(statements) : 0 }
    }

    public let scoring: ProxyScoring
    private let cache = Mutex<[UInt64: Evaluation]>([:])
    private let counting = Mutex(Counts())

    public init(scoring: ProxyScoring) { self.scoring = scoring }

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
        let (fitness, normalized) = scoring.score(pruned)
        let note = scoring.tasks.map { "\($0.rawValue)=\(String(format: "%.4f", normalized[$0]!))" }.joined(separator: " ")
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
