import Foundation
import SearchEngine
import Testing

/// The integers from a start, one by one: a stream whose cursor is the next integer.
struct Counting: CandidateStream {
    var cursor: Int
    let end: Int
    mutating func next() -> Int? {
        guard cursor < end else { return nil }
        defer { cursor += 1 }
        return cursor
    }
}

struct BadInput: Error {}

/// Squares its candidate; fails on multiples of 97 (a failure is a result, not the end of the run).
/// Each worker counts its evaluations in a scratch box, to check set-up and tear-down.
final class SquaringEvaluator: Evaluator, @unchecked Sendable {
    let lock = NSLock()
    var made = 0, tornDown = 0
    func makeWorker() throws -> [Int] { lock.withLock { made += 1 }; return [] }
    func evaluate(_ candidate: Int, worker: inout [Int]) throws -> Int {
        worker.append(candidate)
        if candidate % 97 == 0 { throw BadInput() }
        return candidate * candidate
    }
    func tearDown(_ worker: inout [Int]) { lock.withLock { tornDown += 1 } }
}

/// A checkpoint in memory that keeps what a database would: the position as JSON, the results; it can be
/// made to fail at a given commit, as a process killed at that moment would (nothing after it is kept).
final class MemoryStreamCheckpoint: StreamCheckpoint, @unchecked Sendable {
    var position: Data?
    var results: [Int: Outcome<Int>] = [:]
    var commits = 0
    var failAtCommit: Int?

    func savedPosition() throws -> StreamPosition<Int>? {
        try position.map { try JSONDecoder().decode(StreamPosition<Int>.self, from: $0) }
    }

    func commit(_ position: StreamPosition<Int>, results: [StreamResult<Int, Int>]) throws {
        commits += 1
        if let fail = failAtCommit, commits >= fail { throw SearchError("killed") }
        self.position = try JSONEncoder().encode(position)
        for r in results {
            precondition(self.results[r.candidate] == nil, "candidate \(r.candidate) evaluated twice")
            self.results[r.candidate] = r.outcome
        }
    }

    var squares: [Int: Int?] { results.mapValues { $0.result } }
}

@Suite struct StreamRunnerTests {
    func runner(_ checkpoint: MemoryStreamCheckpoint, end: Int = 5000, budget: Budget = .unlimited, evaluator: SquaringEvaluator = SquaringEvaluator(),
                stop: @escaping (StreamResult<Int, Int>) -> Bool = { _ in false }) -> StreamRunner<Counting, SquaringEvaluator, MemoryStreamCheckpoint> {
        StreamRunner(makeStream: { Counting(cursor: $0 ?? 0, end: end) }, evaluator: evaluator, checkpoint: checkpoint, batchSize: 64,
                     workers: 2, budget: budget, stopWhen: stop)
    }

    @Test func interruptedAtRandomMomentsEndsLikeAnUninterruptedRun() throws {
        let whole = MemoryStreamCheckpoint()
        let summary = try runner(whole).run()
        #expect(summary.totalCandidates == 5000 && summary.stopped == .complete)
        #expect(whole.results.count == 5000)
        #expect(summary.failures == (0..<5000).filter { $0 % 97 == 0 }.count)
        var random = SeededGenerator(seed: 7)
        for _ in 0..<5 {
            let interrupted = MemoryStreamCheckpoint()
            var kills = 0
            while true {
                interrupted.commits = 0
                interrupted.failAtCommit = kills < 6 ? 1 + Int(random.next() % 20) : nil
                do { _ = try runner(interrupted).run(); break } catch { kills += 1 }
            }
            #expect(kills == 6)
            #expect(interrupted.squares == whole.squares)
        }
    }

    @Test func aBudgetStopsARunAndARerunContinuesIt() throws {
        let checkpoint = MemoryStreamCheckpoint()
        let first = try runner(checkpoint, budget: try Budget(candidates: 100)).run()
        #expect(first.candidates == 100 && first.stopped == .budget)
        let second = try runner(checkpoint, budget: try Budget(candidates: 250)).run()
        #expect(second.candidates == 150 && second.totalCandidates == 250)
        #expect(checkpoint.results.keys.sorted() == Array(0..<250))
        let timed = MemoryStreamCheckpoint()
        let stopped = try runner(timed, end: .max, budget: try Budget(seconds: 0.2)).run()
        #expect(stopped.stopped == .timeBudget)
        let resumed = try runner(timed, end: .max, budget: try Budget(candidates: stopped.totalCandidates + 64)).run()
        #expect(resumed.candidates == 64)
        #expect(timed.results.keys.sorted() == Array(0..<(stopped.totalCandidates + 64)))
    }

    @Test func aStopConditionEndsTheSearchAtItsResult() throws {
        let checkpoint = MemoryStreamCheckpoint()
        let summary = try runner(checkpoint, stop: { $0.outcome.result.map { $0 > 10_000 } ?? false }).run()
        #expect(summary.stopped == .stopCondition && summary.totalCandidates == 102)   // 0, 1, ..., 101: 101^2 is the first square over 10000
        #expect(checkpoint.results.keys.max() == 101)
        let again = try runner(checkpoint, stop: { _ in false }).run()
        #expect(again.candidates == 0)
    }

    @Test func workersAreSetUpOnceAndTornDown() throws {
        let evaluator = SquaringEvaluator()
        _ = try runner(MemoryStreamCheckpoint(), evaluator: evaluator).run()
        #expect(evaluator.made == 2 && evaluator.tornDown == 2)
    }

    @Test func nonsenseBudgetsAreRefused() {
        #expect(throws: SearchError.self) { try Budget(candidates: 0) }
        #expect(throws: SearchError.self) { try Budget(candidates: -5) }
        #expect(throws: SearchError.self) { try Budget(seconds: -1) }
        #expect(throws: SearchError.self) { try Budget(seconds: .nan) }
    }

    @Test func anETAAfterAResumeCountsOnlyThisRunsPace() {
        // 50 of 100 done before; this run did 10 more in 10 s: 40 left take 40 s, not 40 * 10/60 s.
        let progress = EngineProgress(done: 60, total: 100, doneBefore: 50, finds: 0, seconds: 10)
        #expect(progress.secondsLeft == 40)
    }

    @Test func anETAEndsWithTheTimeBudgetWhenThatComesFirst() {
        // 10 of 1,000 in 10 s would take 990 s more, but the run may take only 60 s: 50 are left.
        let slow = EngineProgress(done: 10, total: 1000, doneBefore: 0, finds: 0, seconds: 10, secondsAllowed: 60)
        #expect(slow.secondsLeft == 50)
        let fast = EngineProgress(done: 900, total: 1000, doneBefore: 0, finds: 0, seconds: 10, secondsAllowed: 60)
        #expect(abs(fast.secondsLeft! - 10 / 9.0) < 1e-12)
        let unbounded = EngineProgress(done: 10, total: nil, doneBefore: 0, finds: 0, seconds: 10, secondsAllowed: 60)
        #expect(unbounded.secondsLeft == 50)
    }
}
