import GRDB

/// A verification as a report lists it: the formula, the closed form and how well they agree.
public struct StoredVerification: Codable, FetchableRecord, Sendable {
    public var formula: String
    public var a: String
    public var b: String
    public var closedForm: String
    public var status: String
    public var digitsAgreed: Int
    public var depth: Int
    public var digitsPerTerm: Double
    public var delta: Double?
    public var seconds: Double
    public var runId: Int64
    public var createdAt: String
}

/// A search with its counts and the runs that worked on it.
public struct StoredSearch: Codable, Sendable {
    public var identifier: String
    public var kind: String
    public var spec: String
    public var candidates: Int
    public var chunksDone: Int
    /// Candidates covered: by the chunks of an indexed search, or evaluated by the islands of a stream or adaptive one.
    public var candidatesDone: Int
    /// The islands (shards) of a stream or adaptive search that saved a state; 0 for an indexed search.
    public var islands: Int
    /// Results stored: hits (one per distinct formula), conjectures, measurements, an adaptive search's finds and
    /// solved puzzles.
    public var finds: Int
    /// What the search's candidates found before de-duplication (several finds may be one stored hit).
    public var rawFinds: Int
    public var createdAt: String
    public var runs: [StoredSearchRun]
}

public struct StoredSearchRun: Codable, FetchableRecord, Sendable {
    public var runId: Int64
    public var shard: String
    public var candidates: Int
    public var chunks: Int
    public var hits: Int
    public var seconds: Double
    public var rate: Double
    public var host: String
    public var aperyVersion: String
    public var startedAt: String
    public var finishedAt: String?
}

extension AperyStore {
    /// The newest verification of each formula and closed form.
    public func storedVerifications() throws -> [StoredVerification] {
        try read { db in
            try StoredVerification.fetchAll(db, sql: """
                SELECT f.canonical AS formula, f.a, f.b, v.closedForm, v.status, v.digitsAgreed, v.depth, v.digitsPerTerm, v.delta,
                       v.seconds, v.runId, v.createdAt
                FROM verifications v JOIN formulas f ON f.id = v.formulaId
                WHERE v.id IN (SELECT max(id) FROM verifications GROUP BY formulaId, closedForm)
                ORDER BY v.id
                """)
        }
    }

    public func storedSearches() throws -> [StoredSearch] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.identifier, s.kind, s.spec, s.candidates, s.createdAt,
                       (SELECT count(*) FROM search_chunks c WHERE c.searchId = s.id) AS chunksDone,
                       (SELECT coalesce(sum(candidates), 0) FROM search_chunks c WHERE c.searchId = s.id)
                         + (SELECT coalesce(sum(evaluations), 0) FROM search_states st WHERE st.searchId = s.id) AS candidatesDone,
                       (SELECT count(*) FROM search_states st WHERE st.searchId = s.id) AS islands,
                       (SELECT coalesce(sum(hits), 0) FROM search_chunks c WHERE c.searchId = s.id) AS rawFinds,
                       (SELECT count(*) FROM hits h WHERE h.searchId = s.id) + (SELECT count(*) FROM cf_conjectures j WHERE j.searchId = s.id)
                         + (SELECT count(*) FROM dynamics d WHERE d.searchId = s.id)
                         + (SELECT count(*) FROM search_finds sf WHERE sf.searchId = s.id AND sf.kind = 'find')
                         + (SELECT count(*) FROM puzzle_results pr WHERE pr.searchId = s.id AND pr.solved) AS finds
                FROM searches s ORDER BY s.id
                """).map { row in
                let runs = try StoredSearchRun.fetchAll(db, sql: """
                    SELECT sr.runId, sr.shard, sr.candidates, sr.chunks, sr.hits, sr.seconds, sr.rate, r.host, r.aperyVersion,
                           r.startedAt, r.finishedAt
                    FROM search_runs sr JOIN runs r ON r.id = sr.runId WHERE sr.searchId = ? ORDER BY sr.runId
                    """, arguments: [row["id"] as Int64])
                return StoredSearch(identifier: row["identifier"], kind: row["kind"], spec: row["spec"], candidates: row["candidates"],
                                    chunksDone: row["chunksDone"], candidatesDone: row["candidatesDone"], islands: row["islands"], finds: row["finds"],
                                    rawFinds: row["rawFinds"], createdAt: row["createdAt"], runs: runs)
            }
        }
    }

    public func storedRuns() throws -> [RunRecord] {
        try read { try RunRecord.fetchAll($0, sql: "SELECT * FROM runs ORDER BY id") }
    }

    public func storedConstants() throws -> [ConstantRecord] {
        try read { try ConstantRecord.fetchAll($0, sql: "SELECT * FROM constants ORDER BY name") }
    }
}
