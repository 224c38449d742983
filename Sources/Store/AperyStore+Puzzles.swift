import Foundation
import GRDB

/// One puzzle's result in one bootstrap round of a puzzle search.
public struct PuzzleResultRecord: Codable, FetchableRecord, Sendable, Equatable {
    public var round: Int
    public var name: String
    public var island: Int
    public var template: String
    public var domain: String
    public var answerType: String
    public var solved: Bool
    public var tries: Int
    /// The answer as exact JSON.
    public var answer: String?
    public var expression: String?
    public var strategy: String?
    public var seconds: Double
    public var error: String?
    /// JSON arrays of strings: the solving expression's operations, and sat's features.
    public var operations: String
    public var features: String
    public var timeouts: Int
    public var restarts: Int

    public init(round: Int, name: String, island: Int, template: String, domain: String, answerType: String, solved: Bool, tries: Int,
                answer: String?, expression: String?, strategy: String?, seconds: Double, error: String?, operations: String, features: String,
                timeouts: Int, restarts: Int) {
        self.round = round; self.name = name; self.island = island; self.template = template; self.domain = domain
        self.answerType = answerType; self.solved = solved; self.tries = tries; self.answer = answer; self.expression = expression
        self.strategy = strategy; self.seconds = seconds; self.error = error; self.operations = operations; self.features = features
        self.timeouts = timeouts; self.restarts = restarts
    }
}

extension AperyStore {
    static let puzzleColumns = "round, name, island, template, domain, answerType, solved, tries, answer, expression, strategy, seconds, error, operations, features, timeouts, restarts"

    func insert(_ r: PuzzleResultRecord, search: Int64, run: Int64?, createdAt: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO puzzle_results(searchId, \(AperyStore.puzzleColumns), runId, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [search, r.round, r.name, r.island, r.template, r.domain, r.answerType, r.solved, r.tries, r.answer, r.expression,
                             r.strategy, r.seconds, r.error, r.operations, r.features, r.timeouts, r.restarts, run, createdAt])
    }

    /// The largest budget of tries per puzzle among the store's puzzle searches (from their specs), nil if none says.
    public func puzzleBudget() throws -> Int? {
        struct Spec: Decodable {
            struct Settings: Decodable { let budget: Int }
            let settings: Settings
        }
        let specs = try read { db in try String.fetchAll(db, sql: "SELECT spec FROM searches WHERE kind = 'puzzles'") }
        return specs.compactMap { try? JSONDecoder().decode(Spec.self, from: Data($0.utf8)).settings.budget }.max()
    }

    /// A puzzle search's results (one search per bootstrap round), by round and name.
    public func puzzleResults(search: Int64? = nil) throws -> [PuzzleResultRecord] {
        try read { db in
            try PuzzleResultRecord.fetchAll(db, sql: """
                SELECT \(AperyStore.puzzleColumns) FROM puzzle_results \(search == nil ? "" : "WHERE searchId = ?") ORDER BY round, name
                """, arguments: search.map { [$0] } ?? [])
        }
    }

}

/// Rows a client stores in the transaction that commits a batch of a search (its own tables).
public struct ClientRows: Sendable {
    let write: @Sendable (AperyStore, Int64, Int64?, Database) throws -> Void

    /// Puzzle results, for the search and run of the commit.
    public static func puzzleResults(_ results: [PuzzleResultRecord]) -> ClientRows {
        ClientRows { store, search, run, db in
            let now = AperyStore.now()
            for result in results { try store.insert(result, search: search, run: run, createdAt: now, db) }
        }
    }
}
