import Formulas
import Foundation
import SearchEngine
import SearchSessions
import Store

/// Dynamics batches from spec (or stored hits) to store: one measurement row per PCF and depth setting.
public enum DynamicsJob {
    /// What a batch did, as `apery dynamics --json` prints it.
    public struct Summary: Encodable, Sendable {
        public let spec: String?
        public let shard: String
        public let candidates: Int
        public let measured: Int
        public let seconds: Double
        public let rate: Double
        public let rows: Int
        public let convergent: Int
        public let terminating: Int
    }

    /// Measures a coefficient box on the engine, through a search session (shardable, resumable).
    public static func measure(spec: DynamicsSpec, store: AperyStore, shard: Shard, workers: Int, provenance: Provenance,
                               progress: @escaping @Sendable (SearchProgress) -> Void) throws -> Summary {
        let space = spec.space
        let session = try SearchSession(store: store, spec: spec, identifier: spec.identifier, kind: "dynamics", candidates: space.count,
                                        shard: shard, provenance: provenance)
        let result = try session.exhaustive(space: space, processor: DynamicsProcessor(spec: spec), chunkSize: spec.chunkSize, workers: workers,
                                            save: { store, chunk, rows in
            try store.commitDynamics(rows.map { DynamicsRecord($0.pcf, $0.metrics) }, search: chunk.search, chunk: chunk.chunk,
                                     candidates: chunk.candidates, run: chunk.run)
        }, progress: progress)
        return try summary(store, spec: spec.identifier, shard: shard.description, candidates: result.candidates, measured: result.hits,
                           seconds: result.seconds)
    }

    /// Measures every PCF hit stored in the database, as one recorded run.
    public static func measureHits(store: AperyStore, depth: Int, sample: Int?, provenance: Provenance) throws -> Summary {
        let start = Date()
        let rows = try store.recordingRun(provenance) { run -> [DynamicsRecord] in
            let formulas = Set(try store.storedHits(all: true).map(\.formula)).sorted()
            let rows = try formulas.map { text -> DynamicsRecord in
                let pcf = try PCF(parsing: text)
                return DynamicsRecord(pcf, pcf.dynamics(depth: depth, sample: sample))
            }
            try store.commitDynamics(rows, search: nil, chunk: nil, candidates: rows.count, run: run)
            return rows
        }
        return try summary(store, spec: nil, shard: "0/1", candidates: rows.count, measured: rows.count, seconds: Date().timeIntervalSince(start))
    }

    /// Stores one measurement made outside a batch.
    public static func record(_ pcf: PCF, _ metrics: Dynamics, in store: AperyStore) throws {
        try store.commitDynamics([DynamicsRecord(pcf, metrics)], search: nil, chunk: nil, candidates: 1, run: nil)
    }

    static func summary(_ store: AperyStore, spec: String?, shard: String, candidates: Int, measured: Int, seconds: Double) throws -> Summary {
        let counts = try store.dynamicsCounts()
        return Summary(spec: spec, shard: shard, candidates: candidates, measured: measured, seconds: seconds,
                       rate: seconds > 0 ? Double(measured) / seconds : 0, rows: counts.rows, convergent: counts.convergent,
                       terminating: counts.terminating)
    }
}

extension DynamicsRecord {
    /// The measurement of `pcf` as the store keeps it.
    public init(_ pcf: PCF, _ m: Dynamics) {
        self.init(formula: pcf.description, a: pcf.aCoefficients, b: pcf.bCoefficients, depth: m.depth, sample: m.sample,
                  limitValue: m.limit, divergent: m.divergent, convergenceClass: m.convergenceClass, frDelta: m.frDelta,
                  naiveDelta: m.naiveDelta, c: m.c, d: m.d, lnRho: m.lnRho, complexEigenvalues: m.complexEigenvalues,
                  predictedDelta: m.predictedDelta, beta: m.beta, gamma: m.gamma, eta: m.eta, digitsPerTerm: m.digitsPerTerm)
    }
}
