import Foundation
import GRDB

/// The SQLite database (one file, WAL) where Apery keeps formulas, verifications, identifications
/// and the runs that produced them. Several processes may write it at once.
public final class AperyStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens or creates the store, applying pending migrations. Refuses files that are not SQLite,
    /// SQLite databases of other programs, and stores written by a newer Apery; never alters them.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Several processes may open a new database at once: one of them switches it to WAL and migrates,
        // and the others retry until that is committed (then they find the migrations applied).
        var opened: DatabasePool?
        for attempt in 1... {
            do {
                let candidate = try DatabasePool(path: path, configuration: configuration)
                try candidate.read { db in try AperyStore.checkCompatible(db, path: path) }
                try Migrations.migrator.migrate(candidate)
                opened = candidate
                break
            } catch let error as DatabaseError where attempt < 40 && AperyStore.isConcurrentMigration(error) {
                usleep(useconds_t(20_000 * min(attempt, 10)))
            } catch {
                throw StoreError.wrapping(error, path: path)
            }
        }
        pool = opened!
    }

    /// A failure caused by another process migrating the same file at the same moment.
    static func isConcurrentMigration(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            || (error.message ?? "").contains("already exists") || error.resultCode == .SQLITE_CONSTRAINT
    }

    static func checkCompatible(_ db: Database, path: String) throws {
        // grdb_migrations alone is a database another apery is creating right now, not a foreign one.
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """)
        if tables.isEmpty { return }
        guard tables.contains("apery_meta") else {
            throw StoreError("\(path) is an SQLite database of another program (no apery_meta table); it was left untouched")
        }
        let version = try String.fetchOne(db, sql: "SELECT value FROM apery_meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
        if version > Migrations.schemaVersion {
            throw StoreError("\(path) has schema version \(version), newer than this Apery's \(Migrations.schemaVersion): upgrade apery")
        }
    }

    /// Runs a write transaction, translating failures (locked, read-only, full disk) into StoreError.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrapping(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrapping(error, path: path) }
    }

    public static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: - Writing

    public func beginRun(command: String, arguments: [String], aperyVersion: String) throws -> Int64 {
        let json = String(data: try JSONEncoder().encode(arguments), encoding: .utf8) ?? "[]"
        var run = RunRecord(command: command, arguments: json, aperyVersion: aperyVersion,
                            host: ProcessInfo.processInfo.hostName, startedAt: AperyStore.now())
        try write { db in try run.insert(db) }
        return run.id!
    }

    public func finishRun(_ id: Int64) throws {
        try write { db in try db.execute(sql: "UPDATE runs SET finishedAt = ? WHERE id = ?", arguments: [AperyStore.now(), id]) }
    }

    /// The id of the formula with this canonical text, inserting it if new.
    public func formulaID(kind: String, a: String, b: String, canonical: String) throws -> Int64 {
        try write { db in
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM formulas WHERE canonical = ?", arguments: [canonical]) {
                return existing
            }
            var formula = FormulaRecord(kind: kind, a: a, b: b, canonical: canonical, createdAt: AperyStore.now())
            try formula.insert(db)
            return formula.id!
        }
    }

    public func insert(_ record: VerificationRecord) throws {
        var record = record
        try write { db in try record.insert(db) }
    }

    public func insert(_ record: IdentificationRecord) throws {
        var record = record
        try write { db in try record.insert(db) }
    }

    /// Records the metadata of the constants that closed forms may name (replacing older summaries).
    public func saveConstants(_ constants: [ConstantRecord]) throws {
        try write { db in for constant in constants { try constant.save(db) } }
    }

    // MARK: - Reading

    public func formulas() throws -> [FormulaRecord] { try read { try FormulaRecord.order(Column("id")).fetchAll($0) } }
    public func runs() throws -> [RunRecord] { try read { try RunRecord.order(Column("id")).fetchAll($0) } }
    public func verifications() throws -> [VerificationRecord] { try read { try VerificationRecord.order(Column("id")).fetchAll($0) } }
    public func identifications() throws -> [IdentificationRecord] { try read { try IdentificationRecord.order(Column("id")).fetchAll($0) } }
}
