import Foundation
import SearchEngine
import Synchronization
import Testing

/// Integers 0..<count; the "hits" are the perfect squares, a property every index can be checked for.
struct Integers: SearchSpace {
    let count: Int
    func candidate(at index: Int) -> Int { index }
}

struct Squares: ChunkProcessor {
    func process(_ space: Integers, range: Range<Int>) throws -> [Int] {
        range.map(space.candidate).filter { n in let r = Int(Double(n).squareRoot()); return r * r == n }
    }
}

final class MemoryCheckpoint: Checkpoint, @unchecked Sendable {
    let lock = NSLock()
    var done: [Int: [Int]] = [:]
    var failAfter: Int?

    func completedChunks() throws -> Set<Int> { lock.withLock { Set(done.keys) } }
    func commit(chunk: Int, candidates: Int, hits: [Int]) throws {
        try lock.withLock {
            if let limit = failAfter, done.count >= limit { throw SearchError("simulated crash") }
            precondition(done[chunk] == nil, "chunk \(chunk) committed twice")
            done[chunk] = hits
        }
    }
    var hits: [Int] { lock.withLock { done.values.flatMap { $0 }.sorted() } }
}

@Suite struct SearchRunnerTests {
    @Test func shardsCoverTheSpaceExactlyOnce() throws {
        let space = Integers(count: 100_003)
        var covered = [Int](repeating: 0, count: space.count)
        for i in 0..<7 {
            let runner = SearchRunner(space: space, processor: Squares(), checkpoint: MemoryCheckpoint(), chunkSize: 1000,
                                      shard: try Shard(index: i, count: 7))
            for chunk in runner.shardChunks {
                for index in (chunk * 1000)..<min((chunk + 1) * 1000, space.count) { covered[index] += 1 }
            }
        }
        #expect(covered.allSatisfy { $0 == 1 })
    }

    @Test func findsEveryPerfectSquareOnSeveralThreads() throws {
        let checkpoint = MemoryCheckpoint()
        let summary = try SearchRunner(space: Integers(count: 1_000_000), processor: Squares(), checkpoint: checkpoint,
                                       chunkSize: 4096, workers: 4).run()
        #expect(checkpoint.hits == (0..<1000).map { $0 * $0 })
        #expect(summary.candidates == 1_000_000 && summary.hits == 1000)
    }

    @Test func resumesAfterAnInterruptionWithoutRedoingChunks() throws {
        let checkpoint = MemoryCheckpoint()
        checkpoint.failAfter = 10
        let runner = SearchRunner(space: Integers(count: 100_000), processor: Squares(), checkpoint: checkpoint,
                                  chunkSize: 1000, workers: 2)
        #expect(throws: SearchError.self) { try runner.run() }
        let before = try checkpoint.completedChunks().count
        checkpoint.failAfter = nil
        let summary = try runner.run()
        #expect(summary.chunksSkipped == before)
        #expect(summary.chunksProcessed == 100 - before)
        #expect(checkpoint.hits == (0..<317).map { $0 * $0 })  // 316^2 < 100000 <= 317^2
    }

    @Test func progressReachesTheEnd() throws {
        let last = Mutex<SearchProgress?>(nil)
        _ = try SearchRunner(space: Integers(count: 50_000), processor: Squares(), checkpoint: MemoryCheckpoint(), chunkSize: 1000)
            .run { p in last.withLock { if ($0?.chunksDone ?? -1) < p.chunksDone { $0 = p } } }
        let final = try #require(last.withLock { $0 })
        #expect(final.chunksDone == final.chunksTotal && final.chunksTotal == 50)
    }

    @Test func shardSyntax() throws {
        #expect(try Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        #expect(throws: SearchError.self) { try Shard(parsing: "5/5") }
    }
}
