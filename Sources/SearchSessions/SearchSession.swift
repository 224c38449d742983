import Constants
import Foundation
import SearchEngine
import Store

/// Opens (or creates) a database for recording, registering the constants that closed forms may name.
public func openDatabase(_ path: String) throws -> AperyStore {
    let store = try AperyStore(path: path)
    try store.saveConstants(ConstantLibrary.all.map { ConstantRecord(name: $0.name, expression: $0.expression, summary: $0.summary) })
    return store
}

/// Opens a database that must already exist, for reading only: a missing file is not created, and a
/// read-only file (or one on a read-only disk) can be listed and reported.
public func openExistingDatabase(_ path: String) throws -> AperyStore {
    guard FileManager.default.fileExists(atPath: path) else { throw StoreError("no database at \(path)") }
    return try AperyStore(path: path, readOnly: true)
}

/// A search from spec to store: it opens the search in the database (resuming it, or refusing a different
/// spec of the same domain), records the run and its provenance, drives the engine in one of its three
/// ways with each batch's finds and the progress committed in one transaction, and finishes the run.
/// A discovery client supplies the space or stream or proposer, the evaluation, and how its finds are stored.
public struct SearchSession: Sendable {
    public let store: AperyStore
    public let search: Int64
    public let run: Int64
    public let shard: Shard
    public let identifier: String

    public init<Spec: SearchSpecification>(store: AperyStore, spec: Spec, identifier: String, kind: String, candidates: Int,
                                           shard: Shard, provenance: Provenance) throws {
        self.store = store
        self.shard = shard
        self.identifier = identifier
        search = try store.openSearch(identifier: identifier, kind: kind, spec: spec.canonicalJSON, candidates: candidates)
        run = try store.beginRun(provenance)
    }

    /// How a client stores one chunk's finds with the chunk's mark, in one transaction.
    public typealias ChunkSave<Hit> = @Sendable (_ store: AperyStore, _ chunk: ChunkCommit, _ finds: [Hit]) throws -> Void

    /// Exhaustive: every chunk of this shard of an indexed space, skipping the chunks done before.
    public func exhaustive<P: ChunkProcessor>(space: P.Space, processor: P, chunkSize: Int, workers: Int, save: @escaping ChunkSave<P.Hit>,
                                              progress: @escaping @Sendable (SearchProgress) -> Void) throws -> SearchSummary {
        let checkpoint = StoreCheckpoint(store: store, search: search, run: run, save: save)
        let result = try SearchRunner(space: space, processor: processor, checkpoint: checkpoint, chunkSize: chunkSize, shard: shard,
                                      workers: workers).run(progress: progress)
        try finish(candidates: result.candidates, chunks: result.chunksProcessed, finds: result.hits, seconds: result.seconds)
        return result
    }

    /// Stream: candidates from a generator, resumed from the cursor saved for this shard; `keep` says which
    /// results are stored (as finds) with each batch's position, and `rows` adds a client's own rows.
    public func stream<S: CandidateStream, E: Evaluator>(
        makeStream: @escaping (S.Cursor?) throws -> S, evaluator: E, batchSize: Int, workers: Int, budget: Budget,
        stopWhen: @escaping (StreamResult<S.Candidate, E.Result>) -> Bool = { _ in false },
        keep: @escaping ([StreamResult<S.Candidate, E.Result>]) -> [SearchFind],
        rows: @escaping ([StreamResult<S.Candidate, E.Result>]) -> ClientRows? = { _ in nil },
        progress: (EngineProgress) -> Void = { _ in }
    ) throws -> StreamSummary where E.Candidate == S.Candidate {
        let checkpoint = StreamStoreCheckpoint<S.Cursor, S.Candidate, E.Result>(session: self, keep: keep, rows: rows)
        let result = try StreamRunner(makeStream: makeStream, evaluator: evaluator, checkpoint: checkpoint, batchSize: batchSize,
                                      workers: workers, budget: budget, stopWhen: stopWhen).run(progress: progress)
        try finish(candidates: result.candidates, chunks: 0, finds: 0, seconds: result.seconds)
        return result
    }

    /// Adaptive: a proposer learning from its evaluations, as island `shard.index` of `shard.count`; its whole
    /// state is restored from the last commit and saved with every commit, with the finds `keep` selects
    /// (all by default; an archive that holds its elites in its state may keep none) and every failure.
    public func adaptive<P: Proposer, E: Evaluator>(
        proposer: P, driver: String, evaluator: E, batchSize: Int, workers: Int, budget: Budget, commitInterval: Double = 2,
        keep: @escaping ([Evaluated<P.Candidate>]) -> [Evaluated<P.Candidate>] = { $0 },
        progress: (EngineProgress) -> Void = { _ in }
    ) throws -> AdaptiveSummary where E.Candidate == P.Candidate, E.Result == Evaluation {
        let checkpoint = AdaptiveStoreCheckpoint<P.State, P.Candidate>(session: self, driver: driver, keep: keep)
        var runner = try AdaptiveRunner(proposer: proposer, evaluator: evaluator, checkpoint: checkpoint, batchSize: batchSize,
                                        workers: workers, budget: budget, commitInterval: commitInterval)
        let result = try runner.run(progress: progress)
        try finish(candidates: result.evaluations, chunks: 0, finds: result.finds, seconds: result.seconds)
        return result
    }

    /// Adaptive over real vectors in columnar batches (`AdaptiveRunner.runColumns`): the same search and state as
    /// `adaptive`, no object per candidate, and no finds stored (the proposer's archive holds them).
    public func adaptiveColumns<P: ColumnarProposer, E: ColumnarEvaluator>(
        proposer: P, driver: String, evaluator: E, batchSize: Int, workers: Int, budget: Budget, commitInterval: Double = 2,
        progress: (EngineProgress) -> Void = { _ in }
    ) throws -> AdaptiveSummary where E.Candidate == P.Candidate {
        let checkpoint = AdaptiveStoreCheckpoint<P.State, P.Candidate>(session: self, driver: driver, keep: { _ in [] })
        var runner = try AdaptiveRunner(proposer: proposer, evaluator: evaluator, checkpoint: checkpoint, batchSize: batchSize,
                                        workers: workers, budget: budget, commitInterval: commitInterval)
        let result = try runner.runColumns(progress: progress)
        try finish(candidates: result.evaluations, chunks: 0, finds: result.finds, seconds: result.seconds)
        return result
    }

    /// Records the run's shard, counts and throughput, and closes it.
    func finish(candidates: Int, chunks: Int, finds: Int, seconds: Double) throws {
        try store.recordSearchRun(run: run, search: search, shard: shard.description, candidates: candidates, chunks: chunks, hits: finds,
                                  seconds: seconds)
        try store.finishRun(run)
    }
}

/// The identifiers of a chunk being committed.
public struct ChunkCommit: Sendable {
    public let search: Int64
    public let chunk: Int
    public let candidates: Int
    public let run: Int64
}

/// The engine's exhaustive checkpoint in the store: a chunk's finds and its mark in one transaction.
struct StoreCheckpoint<Hit>: Checkpoint {
    let store: AperyStore
    let search: Int64
    let run: Int64
    let save: SearchSession.ChunkSave<Hit>

    func completedChunks() throws -> Set<Int> { try store.completedChunks(search: search) }

    func commit(chunk: Int, candidates: Int, hits: [Hit]) throws {
        try save(store, ChunkCommit(search: search, chunk: chunk, candidates: candidates, run: run), hits)
    }
}
