import Foundation
import GRDB

/// The saved state of one island (shard) of a stream or adaptive search.
public struct SearchStateRecord: Codable, FetchableRecord, Sendable {
    public var searchId: Int64
    public var island: Int
    public var islands: Int
    /// "stream", "evolution" or "map-elites".
    public var driver: String
    public var evaluations: Int
    public var failures: Int
    public var finished: Bool
    /// The driver's state as JSON.
    public var state: String
    /// The long packed columns the JSON refers to (`@bytes:offset:count`), nil when it holds none.
    public var columns: Data?
    public var runId: Int64?
    public var updatedAt: String
}

/// A candidate an adaptive search kept ("best", "elite") or whose evaluation failed ("failed").
public struct SearchFind: Codable, FetchableRecord, Sendable {
    public var island: Int
    public var serial: Int
    public var kind: String
    public var candidate: String
    public var fitness: Double?
    public var descriptor: String
    public var note: String?
    public init(island: Int, serial: Int, kind: String, candidate: String, fitness: Double?, descriptor: String, note: String?) {
        self.island = island; self.serial = serial; self.kind = kind; self.candidate = candidate
        self.fitness = fitness; self.descriptor = descriptor; self.note = note
    }
}

extension AperyStore {
    public func searchState(search: Int64, island: Int) throws -> SearchStateRecord? {
        try read { db in
            try SearchStateRecord.fetchOne(db, sql: "SELECT * FROM search_states WHERE searchId = ? AND island = ?", arguments: [search, island])
        }
    }

    /// Every island's state of the searches of `kind` (all searches if nil), by search and island.
    public func searchStates(kind: String? = nil) throws -> [(identifier: String, spec: String, state: SearchStateRecord)] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.identifier, s.spec, st.* FROM search_states st JOIN searches s ON s.id = st.searchId
                \(kind == nil ? "" : "WHERE s.kind = ?") ORDER BY st.searchId, st.island
                """, arguments: kind.map { [$0] } ?? [])
            return try rows.map { ($0["identifier"], $0["spec"], try SearchStateRecord(row: $0)) }
        }
    }

    /// Saves an island's state with its finds, and `extra` (a client's own rows), in one transaction.
    public func commitState(search: Int64, island: Int, islands: Int, driver: String, evaluations: Int, failures: Int, finished: Bool,
                            state: String, columns: Data? = nil, finds: [SearchFind], run: Int64?, rows: ClientRows? = nil) throws {
        let now = AperyStore.now()
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO search_states(searchId, island, islands, driver, evaluations, failures, finished, state, columns, runId, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [search, island, islands, driver, evaluations, failures, finished, state, columns, run, now])
            for find in finds {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO search_finds(searchId, island, serial, kind, candidate, fitness, descriptor, note, runId, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [search, find.island, find.serial, find.kind, find.candidate, find.fitness, find.descriptor, find.note,
                                     run, now])
            }
            try rows?.write(self, search, run, db)
        }
    }

    public func searchFinds(search: Int64, kind: String? = nil) throws -> [SearchFind] {
        try read { db in
            try SearchFind.fetchAll(db, sql: """
                SELECT island, serial, kind, candidate, fitness, descriptor, note FROM search_finds WHERE searchId = ?
                \(kind == nil ? "" : "AND kind = ?") ORDER BY island, serial
                """, arguments: StatementArguments([search] + (kind.map { [$0] } ?? [])))
        }
    }
}
