import Dispatch
import Foundation
import Synchronization

/// What a client does with one chunk of candidates: the cheap filter and the verification of what
/// passes it. Results of a chunk are stored together with the mark that the chunk is done.
public protocol ChunkProcessor: Sendable {
    associatedtype Space: SearchSpace
    associatedtype Hit: Sendable
    /// Filters and verifies the candidates with indices in `range`.
    func process(_ space: Space, range: Range<Int>) throws -> [Hit]
}

/// Where a run keeps its results and which chunks are done, so that it can resume.
public protocol Checkpoint: Sendable {
    associatedtype Hit
    /// The chunks already done (by any earlier run of the same search).
    func completedChunks() throws -> Set<Int>
    /// Stores the hits of a chunk and marks it done, atomically: an interruption loses at most the
    /// chunks being processed.
    func commit(chunk: Int, candidates: Int, hits: [Hit]) throws
}

/// A snapshot of a run's progress, for a progress line.
public struct SearchProgress: Sendable {
    public let chunksDone: Int
    public let chunksTotal: Int
    /// Chunks an earlier run had done: they cost this run nothing, so they do not enter its rate.
    public let chunksBefore: Int
    public let candidatesDone: Int
    public let hits: Int
    public let seconds: Double
    /// Candidates per second over this run (chunks done by earlier runs excluded).
    public let rate: Double
    /// Seconds left at this run's pace, nil until this run has done a chunk.
    public var secondsLeft: Double? {
        let doneHere = chunksDone - chunksBefore
        guard doneHere > 0 else { return nil }
        return Double(chunksTotal - chunksDone) * seconds / Double(doneHere)
    }
}

/// The summary of a run.
public struct SearchSummary: Sendable, Codable {
    public let candidates: Int
    public let chunksProcessed: Int
    public let chunksSkipped: Int
    public let hits: Int
    public let seconds: Double
    public var rate: Double { seconds > 0 ? Double(candidates) / seconds : 0 }
}

/// The counters the workers of a run share.
struct RunState {
    var next = 0, chunks = 0, candidates = 0, hits = 0
    var failure: Error?
}

/// Enumerate → filter → verify → store over the chunks of a space that belong to a shard, on several
/// threads, skipping chunks that a checkpoint already holds.
public struct SearchRunner<Processor: ChunkProcessor, Store: Checkpoint> where Store.Hit == Processor.Hit {
    public let space: Processor.Space
    public let processor: Processor
    public let checkpoint: Store
    public var chunkSize: Int
    public var shard: Shard
    public var workers: Int

    public init(space: Processor.Space, processor: Processor, checkpoint: Store, chunkSize: Int = 1 << 16,
                shard: Shard = .whole, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.space = space
        self.processor = processor
        self.checkpoint = checkpoint
        self.chunkSize = max(chunkSize, 1)
        self.shard = shard
        self.workers = max(workers, 1)
    }

    public var chunkCount: Int { (space.count + chunkSize - 1) / chunkSize }

    /// The chunks of this shard, in order, generated as they are needed (a huge space has more chunks
    /// than memory would hold as a list).
    public var shardChunks: StrideTo<Int> { stride(from: shard.index, to: chunkCount, by: shard.count) }

    /// The number of chunks of this shard.
    public var shardChunkCount: Int { chunkCount > shard.index ? (chunkCount - shard.index + shard.count - 1) / shard.count : 0 }

    /// Runs the search; `progress` is called (from worker threads, serialized) after each chunk.
    public func run(progress: @escaping @Sendable (SearchProgress) -> Void = { _ in }) throws -> SearchSummary {
        let done = try checkpoint.completedChunks().filter(shard.owns)
        let total = shardChunkCount
        let skipped = done.count
        let start = Date()
        let state = Mutex(RunState())
        let threads = min(workers, max(total - skipped, 1))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                // The next chunk of the shard that no earlier run has done.
                let chunk: Int? = state.withLock { s in
                    while s.failure == nil, s.next < total {
                        let chunk = shard.index + s.next * shard.count
                        s.next += 1
                        if !done.contains(chunk) { return chunk }
                    }
                    return nil
                }
                guard let chunk else { return }
                let range = (chunk * chunkSize)..<min((chunk + 1) * chunkSize, space.count)
                do {
                    let hits = try processor.process(space, range: range)
                    try checkpoint.commit(chunk: chunk, candidates: range.count, hits: hits)
                    let snapshot = state.withLock { s -> SearchProgress in
                        s.chunks += 1; s.candidates += range.count; s.hits += hits.count
                        let seconds = Date().timeIntervalSince(start)
                        return SearchProgress(chunksDone: skipped + s.chunks, chunksTotal: total, chunksBefore: skipped, candidatesDone: s.candidates,
                                              hits: s.hits, seconds: seconds, rate: Double(s.candidates) / max(seconds, 1e-9))
                    }
                    progress(snapshot)
                } catch {
                    state.withLock { if $0.failure == nil { $0.failure = error } }
                    return
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw failure }
        return SearchSummary(candidates: final.candidates, chunksProcessed: final.chunks, chunksSkipped: skipped,
                             hits: final.hits, seconds: Date().timeIntervalSince(start))
    }
}
