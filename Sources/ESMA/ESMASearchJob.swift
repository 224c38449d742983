import Foundation
import SearchEngine
import SearchSessions
import Store

/// An ESMA search from spec to store: left sides times sign patterns, screened and approved chunk by chunk
/// through a search session; approved conjectures are stored with each chunk's mark.
public struct ESMASearchJob {
    public let spec: ESMASpec
    public let processor: ESMAProcessor
    public let space: ESMASpace

    public init(spec: ESMASpec) throws {
        self.spec = spec
        processor = try ESMAProcessor(spec: spec)
        space = processor.makeSpace()
    }

    /// What a run did, as `apery esma --json` prints it.
    public struct Summary: Encodable, Sendable {
        public let spec: String
        public let shard: String
        public let leftSides: Int
        public let patterns: Int
        public let candidates: Int
        public let chunksProcessed: Int
        public let chunksSkipped: Int
        public let seconds: Double
        public let rate: Double
        public let newConjectures: Int
        public let conjectures: Int
    }

    public func run(store: AperyStore, shard: Shard, workers: Int, provenance: Provenance,
                    progress: @escaping @Sendable (SearchProgress) -> Void) throws -> (summary: Summary, engine: SearchSummary) {
        let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "esma", candidates: space.count,
                                        shard: shard, provenance: provenance)
        let result = try session.exhaustive(space: space, processor: processor, chunkSize: spec.chunkSize, workers: workers, save: { store, chunk, found in
            try store.commitChunk(search: chunk.search, chunk: chunk.chunk, candidates: chunk.candidates, run: chunk.run,
                                  conjectures: found.map(\.storeInput))
        }, progress: progress)
        let after = try store.conjectureCount()
        let summary = Summary(spec: spec.identifier, shard: shard.description, leftSides: space.leftSides.count, patterns: space.patterns.count,
                              candidates: result.candidates, chunksProcessed: result.chunksProcessed, chunksSkipped: result.chunksSkipped,
                              seconds: result.seconds, rate: result.rate, newConjectures: try store.storedBy(run: session.run).conjectures, conjectures: after)
        return (summary, result)
    }
}

extension ESMAConjecture {
    /// The conjecture as the store keeps it.
    public var storeInput: ConjectureInput {
        ConjectureInput(constant: constant, leftSide: leftSide, valueKey: valueKey, signs: signs, recurrence: recurrence, seed: seed,
                        linearComplexity: linearComplexity, pattern: pattern, terms: terms, digitsAgreed: digitsAgreed, digitsPerTerm: digitsPerTerm)
    }
}
