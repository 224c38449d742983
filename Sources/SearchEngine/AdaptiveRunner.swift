import Foundation

/// What a checkpoint keeps of an adaptive search (one island): the proposer's whole state, the counts, and the
/// results by memo key when the evaluator gives keys.
public struct AdaptiveState<ProposerState: Codable & Sendable>: Codable, Sendable {
    public var proposer: ProposerState
    public var evaluations: Int
    public var failures: Int
    /// Whether the budget of evaluations was spent.
    public var finished: Bool
    public var memo: [UInt64: Evaluation]?
    public init(proposer: ProposerState, evaluations: Int, failures: Int, finished: Bool, memo: [UInt64: Evaluation]? = nil) {
        self.proposer = proposer
        self.evaluations = evaluations
        self.failures = failures
        self.finished = finished
        self.memo = memo
    }
}

/// Where an adaptive search keeps its state and finds; a commit stores both in one transaction.
public protocol AdaptiveCheckpoint {
    associatedtype ProposerState: Codable & Sendable
    associatedtype Candidate: Codable & Sendable

    func savedState() throws -> AdaptiveState<ProposerState>?
    /// Saves `state` with what was found since the last commit: the finds the proposer kept, and the
    /// evaluations that failed.
    func commit(_ state: AdaptiveState<ProposerState>, finds: [Evaluated<Candidate>], failures: [Evaluated<Candidate>]) throws
}

/// The summary of an adaptive run.
public struct AdaptiveSummary: Sendable, Codable {
    /// Evaluations in this run, and by all runs.
    public let evaluations: Int
    public let totalEvaluations: Int
    public let failures: Int
    public let finds: Int
    public let seconds: Double
    /// The part of `seconds` spent committing state and finds to the checkpoint.
    public var savingSeconds: Double = 0
    public let stopped: StopReason
    public var rate: Double { seconds > 0 ? Double(evaluations) / seconds : 0 }
    /// Evaluations per second of searching alone (proposing, evaluating, learning), without the commits.
    public var searchRate: Double { seconds > savingSeconds ? Double(evaluations) / (seconds - savingSeconds) : 0 }
}

/// Propose → evaluate (on the workers) → learn, batch by batch. The proposer's state after each batch is a
/// function of the seed and of the batches before, whatever the threads or interruptions: evaluations come
/// back in the batch's order and are learnt one by one. State is committed every `commitInterval` seconds
/// (or less often, when saving it would take more than a tenth of the time) and at the end; a resumed run restarts from the last commit and repeats exactly what followed it.
public struct AdaptiveRunner<P: Proposer, E: Evaluator, Store: AdaptiveCheckpoint>
where E.Candidate == P.Candidate, E.Result == Evaluation, Store.ProposerState == P.State, Store.Candidate == P.Candidate {
    public var proposer: P
    public let evaluator: E
    public let checkpoint: Store
    public var batchSize: Int
    public var workers: Int
    /// `candidates` bounds the evaluations of the whole search (all runs), `seconds` this run.
    public var budget: Budget
    public var commitInterval: Double

    public init(proposer: P, evaluator: E, checkpoint: Store, batchSize: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                budget: Budget, commitInterval: Double = 2) throws {
        guard batchSize >= 1 else { throw SearchError("a batch must hold at least 1 candidate, not \(batchSize)") }
        self.proposer = proposer
        self.evaluator = evaluator
        self.checkpoint = checkpoint
        self.batchSize = batchSize
        self.workers = max(workers, 1)
        self.budget = budget
        self.commitInterval = commitInterval
    }

    public mutating func run(progress: (EngineProgress) -> Void = { _ in }) throws -> AdaptiveSummary {
        let pool = WorkerPool(evaluator: evaluator, count: workers)
        defer { pool.tearDown() }
        return try drive(progress: progress) { runner, room, evaluations, memo in
            let batch = runner.proposer.propose(room)
            let outcomes = try runner.evaluate(batch, pool: pool, memo: &memo)
            let evaluated = zip(batch, outcomes).enumerated().map { i, pair in
                Evaluated(serial: evaluations + i + 1, candidate: pair.0, evaluation: pair.1.result ?? .failed(Self.message(pair.1)))
            }
            let kept = runner.proposer.learn(evaluated)
            return BatchOutcome(evaluated: evaluated.count, finds: kept, failures: evaluated.filter { $0.evaluation.fitness == nil })
        }
    }

    /// What one batch did.
    struct BatchOutcome {
        var evaluated: Int
        var finds: [Evaluated<P.Candidate>]
        var failures: [Evaluated<P.Candidate>]
        /// Finds counted but not passed on (a columnar batch's new elites live in the archive only).
        var unlisted = 0
    }

    /// The loop around batches: restores the saved state, runs `batch` (given the room the budget leaves, the
    /// evaluations so far and the memo) until the budget or the time is spent, and commits on the way.
    mutating func drive(progress: (EngineProgress) -> Void,
                        batch: (inout Self, _ room: Int, _ evaluations: Int, _ memo: inout [UInt64: Evaluation]) throws -> BatchOutcome) throws -> AdaptiveSummary {
        let start = Date()
        var state = AdaptiveState(proposer: proposer.state, evaluations: 0, failures: 0, finished: false)
        if let saved = try checkpoint.savedState() {
            state = saved
            proposer.state = saved.proposer
        }
        let before = state.evaluations, failuresBefore = state.failures
        guard budget.remaining(after: before) > 0 else {
            return AdaptiveSummary(evaluations: 0, totalEvaluations: before, failures: 0, finds: 0, seconds: 0, stopped: .budget)
        }
        var memo = state.memo ?? [:]
        var finds: [Evaluated<P.Candidate>] = [], failures: [Evaluated<P.Candidate>] = []
        var foundInRun = 0, lastCommit = Date(), commitCost = 0.0, saving = 0.0
        var stopped: StopReason?
        while stopped == nil {
            if let seconds = budget.seconds, Date().timeIntervalSince(start) >= seconds {
                stopped = .timeBudget
            } else {
                let outcome = try batch(&self, min(batchSize, budget.remaining(after: state.evaluations)), state.evaluations, &memo)
                finds += outcome.finds
                foundInRun += outcome.finds.count + outcome.unlisted
                failures += outcome.failures
                state.evaluations += outcome.evaluated
                state.failures += outcome.failures.count
                if budget.remaining(after: state.evaluations) == 0 { stopped = .budget }
            }
            // A large state costs time to save: commits are spaced so that they take at most a tenth of the run.
            if stopped != nil || Date().timeIntervalSince(lastCommit) >= max(commitInterval, 10 * commitCost) {
                state.proposer = proposer.state
                state.finished = stopped == .budget
                state.memo = memo.isEmpty ? nil : memo
                let commitStart = Date()
                try checkpoint.commit(state, finds: finds, failures: failures)
                commitCost = Date().timeIntervalSince(commitStart)
                saving += commitCost
                finds.removeAll(keepingCapacity: true)
                failures.removeAll(keepingCapacity: true)
                lastCommit = Date()
                progress(EngineProgress(done: state.evaluations, total: budget.candidates, doneBefore: before, finds: foundInRun,
                                        seconds: Date().timeIntervalSince(start), secondsAllowed: budget.seconds))
            }
        }
        return AdaptiveSummary(evaluations: state.evaluations - before, totalEvaluations: state.evaluations,
                               failures: state.failures - failuresBefore, finds: foundInRun,
                               seconds: Date().timeIntervalSince(start), savingSeconds: saving, stopped: stopped!)
    }

    /// The batch's outcomes in its order: a candidate whose memo key has a result takes it, and of the others
    /// sharing a key only the first in the batch is evaluated.
    func evaluate(_ batch: [P.Candidate], pool: WorkerPool<E>, memo: inout [UInt64: Evaluation]) throws -> [Outcome<Evaluation>] {
        let keys = batch.map(evaluator.memoKey)
        var standIn: [Int?] = Array(repeating: nil, count: batch.count)
        var firstOfKey: [UInt64: Int] = [:]
        var fresh: [Int] = []
        for (i, key) in keys.enumerated() {
            guard let key else { fresh.append(i); continue }
            if memo[key] != nil { continue }
            if let first = firstOfKey[key] { standIn[i] = first } else { firstOfKey[key] = i; fresh.append(i) }
        }
        var outcomes = [Outcome<Evaluation>?](repeating: nil, count: batch.count)
        for (i, outcome) in zip(fresh, try pool.evaluate(fresh.map { batch[$0] })) {
            outcomes[i] = outcome
            if let key = keys[i], let result = outcome.result { memo[key] = result }
        }
        for i in batch.indices where outcomes[i] == nil {
            evaluator.reused(batch[i])
            outcomes[i] = standIn[i].map { outcomes[$0]! } ?? .success(memo[keys[i]!]!)
        }
        return outcomes.map { $0! }
    }

    static func message(_ outcome: Outcome<Evaluation>) -> String {
        if case .failure(let why) = outcome { return why }
        return ""
    }
}

extension AdaptiveRunner where P: ColumnarProposer, E: ColumnarEvaluator {
    /// The same search as `run`, batch by batch as columns: no object per candidate, and the same states and
    /// archive for a seed. New elites are counted, not listed as finds (the archive holds them).
    public mutating func runColumns(progress: (EngineProgress) -> Void = { _ in }) throws -> AdaptiveSummary {
        var columns = ColumnarBatch(width: proposer.width, descriptorWidth: evaluator.descriptorWidth)
        return try drive(progress: progress) { runner, room, evaluations, _ in
            columns.resize(to: room)
            runner.proposer.propose(into: &columns)
            columns.evaluate(with: runner.evaluator, workers: runner.workers)
            let kept = runner.proposer.learn(columns, firstSerial: evaluations + 1)
            let failures = (0..<room).filter { columns.fitness[$0].isNaN }.map { columns.evaluated($0, serial: evaluations + $0 + 1, as: P.Candidate.self) }
            return BatchOutcome(evaluated: room, finds: [], failures: failures, unlisted: kept)
        }
    }
}
