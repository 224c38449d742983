import Foundation

/// Candidates from a generator that cannot be addressed by index (cost-ordered enumeration, a solver's
/// proposals). `cursor` says where the stream stands after the last candidate it gave, and a stream made
/// from a saved cursor continues with exactly the candidates that would have followed.
public protocol CandidateStream {
    associatedtype Candidate: Sendable
    associatedtype Cursor: Codable

    var cursor: Cursor { get }
    /// The next candidate, or nil when the stream is exhausted.
    mutating func next() -> Candidate?
}

/// A stream's progress as a checkpoint keeps it.
public struct StreamPosition<Cursor: Codable>: Codable {
    public var cursor: Cursor
    /// Candidates evaluated so far, by every run of the search.
    public var candidates: Int
    /// Whether the search is complete (stream exhausted, or a stop condition met); a spent budget is not the
    /// end: a rerun with a larger one continues.
    public var finished: Bool
    public init(cursor: Cursor, candidates: Int, finished: Bool) {
        self.cursor = cursor
        self.candidates = candidates
        self.finished = finished
    }
}

/// One evaluated candidate of a stream, with its 1-based position in the whole search.
public struct StreamResult<Candidate: Sendable, Result: Sendable>: Sendable {
    public let serial: Int
    public let candidate: Candidate
    public let outcome: Outcome<Result>
}

/// Where a stream search keeps its position and its results; a batch's results and the position after
/// it are committed together, so an interruption loses at most the batch being evaluated.
public protocol StreamCheckpoint {
    associatedtype Cursor: Codable
    associatedtype Candidate: Sendable
    associatedtype Result: Sendable

    func savedPosition() throws -> StreamPosition<Cursor>?
    func commit(_ position: StreamPosition<Cursor>, results: [StreamResult<Candidate, Result>]) throws
}

/// The summary of a stream run.
public struct StreamSummary: Sendable, Codable {
    /// Candidates evaluated in this run, and by all runs.
    public let candidates: Int
    public let totalCandidates: Int
    public let failures: Int
    public let seconds: Double
    public let stopped: StopReason
    public var rate: Double { seconds > 0 ? Double(candidates) / seconds : 0 }
}

/// Generate → evaluate (on the workers) → commit, batch by batch, from a stream. Batches are cut at the
/// same places whatever the interruptions, so a resumed run evaluates exactly the candidates an
/// uninterrupted one would.
public struct StreamRunner<Stream: CandidateStream, E: Evaluator, Store: StreamCheckpoint>
where E.Candidate == Stream.Candidate, Store.Candidate == Stream.Candidate, Store.Result == E.Result, Store.Cursor == Stream.Cursor {
    public let makeStream: (Stream.Cursor?) throws -> Stream
    public let evaluator: E
    public let checkpoint: Store
    public var batchSize: Int
    public var workers: Int
    public var budget: Budget
    /// Ends the search at the first result for which this holds (it is committed; later ones are not).
    public var stopWhen: (StreamResult<Stream.Candidate, E.Result>) -> Bool

    public init(makeStream: @escaping (Stream.Cursor?) throws -> Stream, evaluator: E, checkpoint: Store, batchSize: Int = 256,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, budget: Budget = .unlimited,
                stopWhen: @escaping (StreamResult<Stream.Candidate, E.Result>) -> Bool = { _ in false }) {
        self.makeStream = makeStream
        self.evaluator = evaluator
        self.checkpoint = checkpoint
        self.batchSize = max(batchSize, 1)
        self.workers = max(workers, 1)
        self.budget = budget
        self.stopWhen = stopWhen
    }

    public func run(progress: (EngineProgress) -> Void = { _ in }) throws -> StreamSummary {
        let start = Date()
        let saved = try checkpoint.savedPosition()
        let before = saved?.candidates ?? 0
        if saved?.finished == true || budget.remaining(after: before) == 0 {
            return StreamSummary(candidates: 0, totalCandidates: before, failures: 0, seconds: 0, stopped: saved?.finished == true ? .complete : .budget)
        }
        var stream = try makeStream(saved?.cursor)
        let pool = WorkerPool(evaluator: evaluator, count: workers)
        defer { pool.tearDown() }
        var done = before, failures = 0
        var stopped: StopReason?
        while stopped == nil {
            if let seconds = budget.seconds, Date().timeIntervalSince(start) >= seconds { stopped = .timeBudget; break }
            var batch: [Stream.Candidate] = []
            let room = min(batchSize, budget.remaining(after: done))
            while batch.count < room, let candidate = stream.next() { batch.append(candidate) }
            var results = zip(batch, try pool.evaluate(batch)).enumerated().map { i, pair in
                StreamResult(serial: done + i + 1, candidate: pair.0, outcome: pair.1)
            }
            if let hit = results.firstIndex(where: stopWhen) {
                results.removeSubrange((hit + 1)...)
                stopped = .stopCondition
            } else if batch.count < room {
                stopped = .complete
            } else if budget.remaining(after: done + batch.count) == 0 {
                stopped = .budget
            }
            done += results.count
            failures += results.filter { $0.outcome.result == nil }.count
            try checkpoint.commit(StreamPosition(cursor: stream.cursor, candidates: done, finished: stopped == .complete || stopped == .stopCondition),
                                  results: results)
            let seconds = Date().timeIntervalSince(start)
            progress(EngineProgress(done: done, total: budget.candidates, doneBefore: before, finds: failures, seconds: seconds,
                                    secondsAllowed: budget.seconds))
        }
        return StreamSummary(candidates: done - before, totalCandidates: done, failures: failures,
                             seconds: Date().timeIntervalSince(start), stopped: stopped!)
    }
}

/// A progress snapshot of any driver: work done (by all runs) of a total if known, what this run did,
/// and an ETA from this run's own rate, so that work done before a resume does not shorten it. A run with a time
/// budget ends when that runs out, if the candidates do not end it first.
public struct EngineProgress: Sendable {
    public let done: Int
    public let total: Int?
    public let doneBefore: Int
    public let finds: Int
    public let seconds: Double
    /// This run's time budget in seconds, if it has one.
    public let secondsAllowed: Double?

    public init(done: Int, total: Int?, doneBefore: Int, finds: Int, seconds: Double, secondsAllowed: Double? = nil) {
        self.done = done
        self.total = total
        self.doneBefore = doneBefore
        self.finds = finds
        self.seconds = seconds
        self.secondsAllowed = secondsAllowed
    }

    /// Candidates per second in this run.
    public var rate: Double { Double(done - doneBefore) / max(seconds, 1e-9) }

    public var secondsLeft: Double? {
        let byTime = secondsAllowed.map { max($0 - seconds, 0) }
        guard let total, done > doneBefore, rate > 0 else { return byTime }
        let byCandidates = Double(max(total - done, 0)) / rate
        return byTime.map { min($0, byCandidates) } ?? byCandidates
    }
}
