import Foundation
import SearchEngine
import SearchSessions
import Store

/// A PCF search from spec to store (meet in the middle or factorial reduction, over a coefficient box or a
/// structured family): the space and processor the spec calls for, run through a search session.
public struct PCFSearchJob {
    public let spec: PCFSearchSpec
    public let templates: TemplateSpace?
    /// The candidates of the whole space.
    public let count: Int

    /// First-pass throughput assumed for the size guard (candidates per second per worker, conservative).
    public static let assumedRate = 2_000_000.0
    /// The same for factorial-reduction searches (exact convergents for every candidate).
    public static let assumedFRRate = 300.0

    public init(spec: PCFSearchSpec) throws {
        self.spec = spec
        templates = try spec.family.map(TemplateSpace.init)
        count = templates?.count ?? CoefficientSpace(a: spec.a, b: spec.b).count
    }

    /// Seconds this shard would take with `workers` at the assumed rate.
    public func estimatedSeconds(shard: Shard, workers: Int) -> Double {
        let rate = spec.mode == "fr" ? PCFSearchJob.assumedFRRate : PCFSearchJob.assumedRate
        return Double(count) / Double(shard.count) / (rate * Double(max(workers, 1)))
    }

    /// What a run did, as `apery search pcf --json` prints it.
    public struct Summary: Encodable, Sendable {
        public let spec: String
        public let shard: String
        public let candidates: Int
        public let chunksProcessed: Int
        public let chunksSkipped: Int
        public let seconds: Double
        public let rate: Double
        public let newHits: Int
        public let hits: Int
        public let families: Int
        public let leftSideForms: Int
    }

    /// The left-side table of a meet-in-the-middle search (nil for factorial reduction).
    public func makeCore() throws -> MITMCore? { spec.mode == "mitm" ? try MITMCore(spec: spec) : nil }

    /// Runs this shard into `store`, resuming what earlier runs did.
    public func run(store: AperyStore, core: MITMCore?, shard: Shard, workers: Int, provenance: Provenance,
                    progress: @escaping @Sendable (SearchProgress) -> Void) throws -> (summary: Summary, engine: SearchSummary) {
        let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "pcf-\(spec.mode)", candidates: count,
                                        shard: shard, provenance: provenance)
        let save: SearchSession.ChunkSave<PCFHit> = { store, chunk, hits in
            try store.commitChunk(search: chunk.search, chunk: chunk.chunk, candidates: chunk.candidates, run: chunk.run,
                                  hits: hits.map(\.storeInput))
        }
        let result: SearchSummary
        switch (core, templates) {
        case (let core?, let templates?):
            result = try session.exhaustive(space: templates, processor: FamilyProcessor(core: core), chunkSize: spec.chunkSize, workers: workers,
                                            save: save, progress: progress)
        case (let core?, nil):
            result = try session.exhaustive(space: CoefficientSpace(a: spec.a, b: spec.b), processor: MITMProcessor(core: core),
                                            chunkSize: spec.chunkSize, workers: workers, save: save, progress: progress)
        case (nil, let templates?):
            result = try session.exhaustive(space: templates, processor: try FRProcessor<TemplateSpace>(spec: spec), chunkSize: spec.chunkSize,
                                            workers: workers, save: save, progress: progress)
        case (nil, nil):
            result = try session.exhaustive(space: CoefficientSpace(a: spec.a, b: spec.b), processor: try FRProcessor<CoefficientSpace>(spec: spec),
                                            chunkSize: spec.chunkSize, workers: workers, save: save, progress: progress)
        }
        let after = try store.searchCounts()
        let summary = Summary(spec: spec.identifier, shard: shard.description, candidates: result.candidates,
                              chunksProcessed: result.chunksProcessed, chunksSkipped: result.chunksSkipped, seconds: result.seconds,
                              rate: result.rate, newHits: try store.storedBy(run: session.run).hits, hits: after.hits, families: after.families,
                              leftSideForms: core?.table.count ?? 0)
        return (summary, result)
    }
}

extension PCFHit {
    /// The hit as the store keeps it.
    public var storeInput: HitInput {
        func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
        return HitInput(a: pcf.aCoefficients, b: pcf.bCoefficients, canonical: pcf.description, constants: constants.joined(separator: ","),
                        numerator: list(numerator), denominator: list(denominator), closedForm: closedForm,
                        digitsVerified: digitsVerified, depth: depth, digitsPerTerm: digitsPerTerm, delta: delta,
                        convergenceClass: convergenceClass, keys: equivalenceKeys)
    }
}
