import Dispatch
import Foundation
import Synchronization

/// What a stream or adaptive search does with one candidate. A worker thread owns one `Worker` for the
/// whole run (a child process, scratch buffers), set up before its first evaluation and torn down after
/// its last. An evaluation that throws is a failed result, not the end of the run.
public protocol Evaluator: Sendable {
    associatedtype Candidate: Sendable
    associatedtype Result: Sendable
    associatedtype Worker = Void

    func makeWorker() throws -> Worker
    func evaluate(_ candidate: Candidate, worker: inout Worker) throws -> Result
    func tearDown(_ worker: inout Worker)

    /// A key under which candidates share one result (a functional hash of a program), or nil. The adaptive
    /// runner then evaluates each key once, the first candidate in batch order, and keeps the results with its
    /// state, so that which candidate stood for a key never depends on threads or interruptions.
    func memoKey(_ candidate: Candidate) -> UInt64?
    /// Told when a candidate's result came from another with its key, for the evaluator's counts.
    func reused(_ candidate: Candidate)
}

extension Evaluator {
    public func memoKey(_ candidate: Candidate) -> UInt64? { nil }
    public func reused(_ candidate: Candidate) {}
}

extension Evaluator where Worker == Void {
    public func makeWorker() throws {}
    public func tearDown(_ worker: inout Void) {}
}

/// One evaluation: its result, or why it failed (an error thrown, a time-out, a crash of the worker).
public enum Outcome<Result: Sendable>: Sendable {
    case success(Result)
    case failure(String)

    public var result: Result? { if case .success(let r) = self { return r } else { return nil } }
}

extension Outcome: Codable where Result: Codable {}

/// Per-worker state of an evaluator, created lazily on the thread that first needs it and kept for the run.
final class WorkerPool<E: Evaluator>: @unchecked Sendable {
    let evaluator: E
    let count: Int
    private var workers: [E.Worker?]

    init(evaluator: E, count: Int) {
        self.evaluator = evaluator
        self.count = max(count, 1)
        workers = Array(repeating: nil, count: self.count)
    }

    /// Evaluates `batch` on the pool's threads; outcomes come back in the batch's order.
    func evaluate(_ batch: [E.Candidate]) throws -> [Outcome<E.Result>] {
        guard !batch.isEmpty else { return [] }
        let results = UnsafeMutableBufferPointer<Outcome<E.Result>?>.allocate(capacity: batch.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let threads = min(count, batch.count)
        let setupFailure = Mutex<Error?>(nil)
        // Each thread takes the next candidate as it becomes free: evaluations of very different cost (a
        // puzzle solved at once, another that runs out its budget) still keep every thread busy.
        let nextIndex = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            if workers[t] == nil {
                do { workers[t] = try evaluator.makeWorker() } catch {
                    setupFailure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
            var worker = workers[t]!
            while true {
                let i = nextIndex.add(1, ordering: .relaxed).oldValue
                guard i < batch.count else { break }
                do { results[i] = .success(try evaluator.evaluate(batch[i], worker: &worker)) } catch {
                    results[i] = .failure("\(error)")
                }
            }
            workers[t] = worker
        }
        if let error = setupFailure.withLock({ $0 }) { throw error }
        return results.map { $0! }
    }

    func tearDown() {
        for t in workers.indices where workers[t] != nil {
            evaluator.tearDown(&workers[t]!)
            workers[t] = nil
        }
    }
}

/// How much a run may do: at most `candidates` in all (counting earlier runs of the same search) and at
/// most `seconds` in this run. A rerun after a time budget continues where the run stopped.
public struct Budget: Sendable, Equatable {
    public var candidates: Int?
    public var seconds: Double?

    public init(candidates: Int? = nil, seconds: Double? = nil) throws {
        if let candidates, candidates <= 0 { throw SearchError("a budget of candidates must be positive, not \(candidates)") }
        if let seconds, !(seconds > 0) || !seconds.isFinite { throw SearchError("a time budget must be a positive number of seconds, not \(seconds)") }
        self.candidates = candidates
        self.seconds = seconds
    }

    public static let unlimited = try! Budget()

    /// How many more candidates the budget allows after `done`.
    func remaining(after done: Int) -> Int { candidates.map { max($0 - done, 0) } ?? .max }
}

/// Why a stream or adaptive run ended.
public enum StopReason: String, Codable, Sendable {
    /// The stream ran out: the search is complete.
    case complete
    /// The budget of candidates is spent: a rerun with a larger one continues.
    case budget
    /// A stop condition was met: the search is complete.
    case stopCondition = "stop condition"
    /// This run's time budget ran out: a rerun continues.
    case timeBudget = "time budget"
}
