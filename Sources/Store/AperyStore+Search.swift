import Foundation
import GRDB

/// A verified formula found by a search, as the store receives it.
public struct HitInput: Sendable {
    public var kind = "pcf"
    public var a: String, b: String, canonical: String
    public var constants: String, numerator: String, denominator: String, closedForm: String
    public var digitsVerified: Int, depth: Int, digitsPerTerm: Double, delta: Double?, convergenceClass: String
    /// Equivalence keys: hits sharing a key are one formula up to the search's symmetries (one family).
    public var keys: [String]

    public init(a: String, b: String, canonical: String, constants: String, numerator: String, denominator: String,
                closedForm: String, digitsVerified: Int, depth: Int, digitsPerTerm: Double, delta: Double?,
                convergenceClass: String, keys: [String]) {
        self.a = a; self.b = b; self.canonical = canonical; self.constants = constants; self.numerator = numerator
        self.denominator = denominator; self.closedForm = closedForm; self.digitsVerified = digitsVerified; self.depth = depth
        self.digitsPerTerm = digitsPerTerm; self.delta = delta; self.convergenceClass = convergenceClass; self.keys = keys
    }
}

/// A stored hit with its formula and family, for listings and exports.
public struct StoredHit: Codable, FetchableRecord, Sendable {
    public var id: Int64
    public var familyId: Int64
    public var representative: Bool
    public var a: String
    public var b: String
    public var formula: String
    public var constants: String
    /// The limit's Moebius form over the constants: (numerator · (1, K...)) / (denominator · (1, K...)), JSON lists.
    public var numerator: String
    public var denominator: String
    public var closedForm: String
    public var digitsVerified: Int
    public var depth: Int
    public var digitsPerTerm: Double
    public var delta: Double?
    public var convergenceClass: String
    /// Provenance: the search (its identifier) and the run that found the hit.
    public var search: String
    public var runId: Int64?
    public var createdAt: String
}

extension StoredHit {
    enum CodingKeys: String, CodingKey {
        case id, familyId, representative, a, b, formula, constants, numerator, denominator, closedForm, digitsVerified, depth
        case digitsPerTerm, delta, convergenceClass, search, runId, createdAt
    }

    /// JSON carries the coefficient lists as arrays of integers (plain digits, however large), not as the text the
    /// database keeps; a Python or pandas reader gets numbers.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(familyId, forKey: .familyId)
        try c.encode(representative, forKey: .representative)
        try c.encode(IntegerLists(a), forKey: .a)
        try c.encode(IntegerLists(b), forKey: .b)
        try c.encode(formula, forKey: .formula)
        try c.encode(constants, forKey: .constants)
        try c.encode(IntegerLists(numerator), forKey: .numerator)
        try c.encode(IntegerLists(denominator), forKey: .denominator)
        try c.encode(closedForm, forKey: .closedForm)
        try c.encode(digitsVerified, forKey: .digitsVerified)
        try c.encode(depth, forKey: .depth)
        try c.encode(digitsPerTerm, forKey: .digitsPerTerm)
        try c.encode(delta, forKey: .delta)
        try c.encode(convergenceClass, forKey: .convergenceClass)
        try c.encode(search, forKey: .search)
        try c.encode(runId, forKey: .runId)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// A list of integers, or of such lists, read from its JSON text ("[2, -1]", "[[1], [0, 3]]") and encoded as JSON
/// numbers with every digit, however many (`BigIntegerJSON`, written by `JSONText.encode`).
enum IntegerLists: Encodable {
    case integer(String)
    case list([IntegerLists])

    /// Text that is not such a list stays text (nothing is lost).
    init(_ text: String) {
        var index = text.startIndex
        if let parsed = IntegerLists.parse(text, &index), text[index...].allSatisfy({ $0 == " " }) { self = parsed } else { self = .integer(text) }
    }

    static func parse(_ text: String, _ i: inout String.Index) -> IntegerLists? {
        while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
        guard i < text.endIndex else { return nil }
        if text[i] == "[" {
            i = text.index(after: i)
            var items: [IntegerLists] = []
            while i < text.endIndex {
                while i < text.endIndex, text[i] == " " || text[i] == "," { i = text.index(after: i) }
                if i < text.endIndex, text[i] == "]" { i = text.index(after: i); return .list(items) }
                guard let item = parse(text, &i) else { return nil }
                items.append(item)
            }
            return nil
        }
        let start = i
        while i < text.endIndex, text[i] == "-" || text[i].isNumber { i = text.index(after: i) }
        return start < i ? .integer(String(text[start..<i])) : nil
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .integer(let digits):
            if digits.allSatisfy({ $0 == "-" || $0.isNumber }) { try BigIntegerJSON(digits).encode(to: encoder) } else {
                var c = encoder.singleValueContainer()
                try c.encode(digits)
            }
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        }
    }
}

extension AperyStore {
    /// The search this database holds, created on first use. A database holds one search of each domain
    /// (PCF searches, whatever their mode; ESMA): resuming the same spec continues it; a different spec of
    /// the same domain is refused, so results never mix.
    public func openSearch(identifier: String, kind: String, spec: String, candidates: Int) throws -> Int64 {
        try write { db in try openSearch(identifier: identifier, kind: kind, spec: spec, candidates: candidates, db) }
    }

    func openSearch(identifier: String, kind: String, spec: String, candidates: Int, _ db: Database) throws -> Int64 {
        let domain = AperyStore.domain(of: kind)
        if let existing = try Row.fetchOne(db, sql: "SELECT id, identifier, kind FROM searches WHERE kind = ? OR kind LIKE ? LIMIT 1",
                                           arguments: [domain, domain + "-%"]) {
            guard existing["identifier"] as String == identifier else {
                throw StoreError("\(path) holds another search (\(existing["kind"] as String), spec \(existing["identifier"] as String)); use another database for this spec (\(identifier)), or rerun that spec to resume it")
            }
            return existing["id"]
        }
        // OR IGNORE: another process may have created the same search since the check above.
        try db.execute(sql: "INSERT OR IGNORE INTO searches(identifier, kind, spec, candidates, createdAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [identifier, kind, spec, candidates, AperyStore.now()])
        return try Int64.fetchOne(db, sql: "SELECT id FROM searches WHERE identifier = ?", arguments: [identifier])!
    }

    /// "pcf" for "pcf-mitm" and "pcf-fr": searches of one domain share a database's hits.
    static func domain(of kind: String) -> String { String(kind.split(separator: "-").first ?? Substring(kind)) }

    public func completedChunks(search: Int64) throws -> Set<Int> {
        try read { db in Set(try Int.fetchAll(db, sql: "SELECT chunk FROM search_chunks WHERE searchId = ?", arguments: [search])) }
    }

    /// Stores a chunk's hits and marks it done in one transaction.
    public func commitChunk(search: Int64, chunk: Int, candidates: Int, run: Int64?, hits: [HitInput]) throws {
        try write { db in
            for hit in hits { try insert(hit, search: search, run: run, db) }
            try markChunkDone(search: search, chunk: chunk, candidates: candidates, finds: hits.count, run: run, db)
        }
    }

    /// The checkpoint: a chunk done, in the transaction that stores what it found.
    func markChunkDone(search: Int64, chunk: Int, candidates: Int, finds: Int, run: Int64?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO search_chunks(searchId, chunk, candidates, hits, runId, finishedAt) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [search, chunk, candidates, finds, run, AperyStore.now()])
    }

    /// Inserts a hit (once per formula), joining the family of any stored hit that shares a key.
    func insert(_ hit: HitInput, search: Int64, run: Int64?, _ db: Database) throws {
        let formula: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM formulas WHERE canonical = ?", arguments: [hit.canonical]) {
            formula = existing
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM hits WHERE searchId = ? AND formulaId = ?", arguments: [search, formula]) == true { return }
        } else {
            try db.execute(sql: "INSERT INTO formulas(kind, a, b, canonical, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [hit.kind, hit.a, hit.b, hit.canonical, AperyStore.now()])
            formula = db.lastInsertedRowID
        }
        let placeholders = hit.keys.map { _ in "?" }.joined(separator: ",")
        let family: Int64
        if let known = try Int64.fetchOne(db, sql: """
            SELECT h.familyId FROM hit_keys k JOIN hits h ON h.id = k.hitId WHERE h.searchId = ? AND k.key IN (\(placeholders)) LIMIT 1
            """, arguments: StatementArguments([search] + hit.keys)) {
            family = known
            try db.execute(sql: "UPDATE families SET size = size + 1 WHERE id = ?", arguments: [family])
        } else {
            try db.execute(sql: "INSERT INTO families(searchId, constants, size) VALUES (?, ?, 1)", arguments: [search, hit.constants])
            family = db.lastInsertedRowID
        }
        try db.execute(sql: """
            INSERT INTO hits(searchId, formulaId, familyId, runId, constants, numerator, denominator, closedForm, digitsVerified,
                             depth, digitsPerTerm, delta, convergenceClass, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [search, formula, family, run, hit.constants, hit.numerator, hit.denominator, hit.closedForm,
                             hit.digitsVerified, hit.depth, hit.digitsPerTerm, hit.delta, hit.convergenceClass, AperyStore.now()])
        let id = db.lastInsertedRowID
        for key in Set(hit.keys) { try db.execute(sql: "INSERT INTO hit_keys(hitId, key) VALUES (?, ?)", arguments: [id, key]) }
        // The family's representative: its hit with the smallest coefficients (the shortest canonical text).
        try db.execute(sql: """
            UPDATE families SET representativeHitId = (
                SELECT h.id FROM hits h JOIN formulas f ON f.id = h.formulaId WHERE h.familyId = families.id
                ORDER BY length(f.canonical), f.canonical LIMIT 1) WHERE id = ?
            """, arguments: [family])
    }

    public func recordSearchRun(run: Int64, search: Int64, shard: String, candidates: Int, chunks: Int, hits: Int, seconds: Double) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO search_runs(runId, searchId, shard, candidates, chunks, hits, seconds, rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run, search, shard, candidates, chunks, hits, seconds, seconds > 0 ? Double(candidates) / seconds : 0])
        }
    }

    /// The stored hits, representatives of their families first unless `all`.
    public func storedHits(all: Bool = true) throws -> [StoredHit] {
        try read { db in
            try StoredHit.fetchAll(db, sql: """
                SELECT h.id, h.familyId, (fam.representativeHitId = h.id) AS representative, f.a, f.b, f.canonical AS formula,
                       h.constants, h.numerator, h.denominator, h.closedForm, h.digitsVerified, h.depth, h.digitsPerTerm, h.delta, h.convergenceClass,
                       s.identifier AS search, h.runId, h.createdAt
                FROM hits h JOIN formulas f ON f.id = h.formulaId JOIN families fam ON fam.id = h.familyId JOIN searches s ON s.id = h.searchId
                \(all ? "" : "WHERE fam.representativeHitId = h.id")
                ORDER BY h.familyId, representative DESC, h.id
                """)
        }
    }

    /// Counts for a summary: candidates covered, chunks done (of one search, or all), hits and families.
    public func searchCounts(search: Int64? = nil) throws -> (candidates: Int, chunks: Int, hits: Int, families: Int) {
        try read { db in
            let filter = search.map { "WHERE searchId = \($0)" } ?? ""
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT coalesce(sum(candidates), 0) FROM search_chunks \(filter)) AS c, (SELECT count(*) FROM search_chunks \(filter)) AS k,
                       (SELECT count(*) FROM hits) AS h, (SELECT count(*) FROM families) AS f
                """)!
            return (row["c"], row["k"], row["h"], row["f"])
        }
    }

    /// Adds another database's searches into this one: their chunks, their hits (re-joined into families),
    /// their conjectures, and the islands of stream and adaptive searches (an island's later state wins).
    /// A search of a domain this database already holds must be the same search. All or nothing: one
    /// transaction.
    public func merge(from other: AperyStore) throws -> (chunks: Int, hits: Int) {
        let searches = try other.read { try Row.fetchAll($0, sql: "SELECT id, identifier, kind, spec, candidates FROM searches ORDER BY id") }
        let before = try searchCounts(), conjecturesBefore = try conjectureCount()
        let contents = try searches.map { theirs -> (Row, [Row], [HitInput], [ConjectureInput], [Row], [Row], [Row]) in
            let theirID: Int64 = theirs["id"]
            let chunks = try other.read { try Row.fetchAll($0, sql: "SELECT chunk, candidates, hits FROM search_chunks WHERE searchId = ?", arguments: [theirID]) }
            let hits = try other.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT f.kind, f.a, f.b, f.canonical, h.constants, h.numerator, h.denominator, h.closedForm, h.digitsVerified,
                           h.depth, h.digitsPerTerm, h.delta, h.convergenceClass, h.id FROM hits h JOIN formulas f ON f.id = h.formulaId
                    WHERE h.searchId = ?
                    """, arguments: [theirID]).map { row -> HitInput in
                    let keys = try String.fetchAll(db, sql: "SELECT key FROM hit_keys WHERE hitId = ?", arguments: [row["id"] as Int64])
                    return HitInput(a: row["a"], b: row["b"], canonical: row["canonical"], constants: row["constants"],
                                    numerator: row["numerator"], denominator: row["denominator"], closedForm: row["closedForm"],
                                    digitsVerified: row["digitsVerified"], depth: row["depth"], digitsPerTerm: row["digitsPerTerm"],
                                    delta: row["delta"], convergenceClass: row["convergenceClass"], keys: keys)
                }
            }
            let conjectures = try other.read { try ConjectureInput.fetchAll($0, sql: "SELECT * FROM cf_conjectures WHERE searchId = ?", arguments: [theirID]) }
            let states = try other.read { try Row.fetchAll($0, sql: "SELECT * FROM search_states WHERE searchId = ?", arguments: [theirID]) }
            let finds = try other.read { try Row.fetchAll($0, sql: "SELECT * FROM search_finds WHERE searchId = ?", arguments: [theirID]) }
            let puzzles = try other.read { db in
                try db.tableExists("puzzle_results") ? try Row.fetchAll(db, sql: "SELECT * FROM puzzle_results WHERE searchId = ?", arguments: [theirID]) : []
            }
            return (theirs, chunks, hits, conjectures, states, finds, puzzles)
        }
        try write { db in
            for (theirs, chunks, hits, conjectures, states, finds, puzzles) in contents {
                let search = try openSearch(identifier: theirs["identifier"], kind: theirs["kind"], spec: theirs["spec"], candidates: theirs["candidates"], db)
                for hit in hits { try insert(hit, search: search, run: nil, db) }
                for conjecture in conjectures { try insert(conjecture, search: search, run: nil, db) }
                for chunk in chunks {
                    try markChunkDone(search: search, chunk: chunk["chunk"], candidates: chunk["candidates"], finds: chunk["hits"], run: nil, db)
                }
                for state in states {
                    let island: Int = state["island"], evaluations: Int = state["evaluations"]
                    let held = try Int.fetchOne(db, sql: "SELECT evaluations FROM search_states WHERE searchId = ? AND island = ?", arguments: [search, island])
                    guard held.map({ evaluations > $0 }) ?? true else { continue }
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO search_states(searchId, island, islands, driver, evaluations, failures, finished, state, columns, runId, updatedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                        """, arguments: [search, island, state["islands"], state["driver"], evaluations, state["failures"], state["finished"],
                                         state["state"], state["columns"] as Data?, state["updatedAt"]])
                }
                for find in finds {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO search_finds(searchId, island, serial, kind, candidate, fitness, descriptor, note, runId, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                        """, arguments: [search, find["island"], find["serial"], find["kind"], find["candidate"], find["fitness"],
                                         find["descriptor"], find["note"], find["createdAt"]])
                }
                // A shard's puzzles are its own: another shard's row for the same puzzle is kept only if solved.
                for row in puzzles {
                    let record = try PuzzleResultRecord(row: row)
                    let held = try Bool.fetchOne(db, sql: "SELECT solved FROM puzzle_results WHERE searchId = ? AND round = ? AND name = ?",
                                                 arguments: [search, record.round, record.name])
                    guard held == nil || (held == false && record.solved) else { continue }
                    try insert(record, search: search, run: nil, createdAt: row["createdAt"], db)
                }
            }
        }
        let after = try searchCounts(), conjecturesAfter = try conjectureCount()
        return (after.chunks - before.chunks, after.hits - before.hits + conjecturesAfter - conjecturesBefore)
    }
}

extension AperyStore {
    /// What one run stored: its hits and conjectures (another process writing the same database stores its own).
    public func storedBy(run: Int64) throws -> (hits: Int, conjectures: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM hits WHERE runId = ?", arguments: [run]) ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM cf_conjectures WHERE runId = ?", arguments: [run]) ?? 0)
        }
    }
}
