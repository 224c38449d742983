import GRDB

/// An approved continued-fraction conjecture (ESMA) as the store receives and returns it.
public struct ConjectureInput: Codable, FetchableRecord, Sendable, Equatable {
    public var constant: String
    /// P(K)/Q(K), as an expression.
    public var leftSide: String
    /// The value to 30 significant digits: conjectures are de-duplicated by value (per sign pattern).
    public var valueKey: String
    /// The sign pattern, e.g. "+-".
    public var signs: String
    public var recurrence: String
    /// The first L terms (comma-separated), which seed the recurrence.
    public var seed: String
    public var linearComplexity: Int
    /// The quasi-polynomial pattern, e.g. "CF[2; 1, 2k + 2, 1]", when there is one.
    public var pattern: String?
    /// The first terms of the expansion (comma-separated).
    public var terms: String
    public var digitsAgreed: Int
    public var digitsPerTerm: Double

    public init(constant: String, leftSide: String, valueKey: String, signs: String, recurrence: String, seed: String,
                linearComplexity: Int, pattern: String?, terms: String, digitsAgreed: Int, digitsPerTerm: Double) {
        self.constant = constant; self.leftSide = leftSide; self.valueKey = valueKey; self.signs = signs
        self.recurrence = recurrence; self.seed = seed; self.linearComplexity = linearComplexity; self.pattern = pattern
        self.terms = terms; self.digitsAgreed = digitsAgreed; self.digitsPerTerm = digitsPerTerm
    }
}

extension AperyStore {
    /// Stores a chunk's conjectures and marks it done in one transaction.
    public func commitChunk(search: Int64, chunk: Int, candidates: Int, run: Int64?, conjectures: [ConjectureInput]) throws {
        try write { db in
            for conjecture in conjectures { try insert(conjecture, search: search, run: run, db) }
            try markChunkDone(search: search, chunk: chunk, candidates: candidates, finds: conjectures.count, run: run, db)
        }
    }

    /// One conjecture per value and sign pattern: a new one replaces the stored one only if its recurrence
    /// is shorter (then its left side is), so that shards merge to the same result in any order.
    func insert(_ c: ConjectureInput, search: Int64, run: Int64?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO cf_conjectures(searchId, runId, constant, leftSide, valueKey, signs, recurrence, seed, linearComplexity,
                                       pattern, terms, digitsAgreed, digitsPerTerm, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(searchId, valueKey, signs) DO UPDATE SET
                runId = excluded.runId, leftSide = excluded.leftSide, recurrence = excluded.recurrence,
                seed = excluded.seed, linearComplexity = excluded.linearComplexity, pattern = excluded.pattern, terms = excluded.terms,
                digitsAgreed = excluded.digitsAgreed, digitsPerTerm = excluded.digitsPerTerm
            WHERE (excluded.linearComplexity, length(excluded.leftSide), excluded.leftSide)
                < (cf_conjectures.linearComplexity, length(cf_conjectures.leftSide), cf_conjectures.leftSide)
            """, arguments: [search, run, c.constant, c.leftSide, c.valueKey, c.signs, c.recurrence, c.seed, c.linearComplexity,
                             c.pattern, c.terms, c.digitsAgreed, c.digitsPerTerm, AperyStore.now()])
    }

    /// The stored conjectures, simplest first (shortest sign pattern, smallest complexity).
    public func storedConjectures() throws -> [ConjectureInput] {
        try read { db in
            try ConjectureInput.fetchAll(db, sql: "SELECT * FROM cf_conjectures ORDER BY length(signs), signs, linearComplexity, length(leftSide), leftSide")
        }
    }

    public func conjectureCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM cf_conjectures") ?? 0 }
    }
}
