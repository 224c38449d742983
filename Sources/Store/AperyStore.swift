import Foundation
import GRDB

/// The SQLite database (one file, WAL) where Apery keeps formulas, verifications, identifications
/// and the runs that produced them. Several processes may write it at once.
public final class AperyStore: Sendable {
    public let path: String
    let pool: DatabaseReader & DatabaseWriter
    /// Opened read-only: for listing and reporting, on files this process may not or need not write.
    public let readOnly: Bool

    /// Seconds to wait for a lock another process holds before giving up with an error: APERY_BUSY_TIMEOUT,
    /// 10 by default. While waiting, one line on stderr says so.
    public static var busyTimeout: Double {
        ProcessInfo.processInfo.environment["APERY_BUSY_TIMEOUT"].flatMap(Double.init).map { max($0, 0) } ?? 10
    }

    static func configuration(path: String, readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        let timeout = busyTimeout
        let step = 0.02
        configuration.busyMode = .callback { tries in
            if tries == Int(1 / step) {
                FileHandle.standardError.write(Data("apery: waiting for database \(path), locked by another process (up to \(Int(timeout)) s; APERY_BUSY_TIMEOUT)\n".utf8))
            }
            guard Double(tries) * step < timeout else { return false }
            usleep(useconds_t(step * 1e6))
            return true
        }
        return configuration
    }

    /// Opens or creates the store, applying pending migrations. Refuses files that are not SQLite,
    /// SQLite databases of other programs, and stores written by a newer Apery; a refused file is inspected
    /// read-only first and never altered (no WAL switch, no journal files left beside it).
    /// `readOnly` opens an existing store for reading only, as a read-only file or folder requires.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        self.readOnly = readOnly
        // Several processes may open a new database at once: one of them switches it to WAL and migrates, and
        // the others see it busy (SQLite does not always wait for that) or half made, and retry until it is
        // done, within the busy timeout.
        let deadline = Date().addingTimeInterval(max(AperyStore.busyTimeout, 1))
        var opened: (DatabaseReader & DatabaseWriter)?
        for attempt in 1... {
            do {
                opened = try AperyStore.open(path: path, readOnly: readOnly)
                break
            } catch let error as DatabaseError where Date() < deadline && AperyStore.isConcurrentMigration(error) {
                usleep(useconds_t(20_000 * min(attempt, 10)))
            } catch {
                throw StoreError.wrapping(error, path: path)
            }
        }
        pool = opened!
    }

    /// Inspects an existing file read-only (refusing it leaves it untouched), then opens it: read-only as it
    /// is, or for writing, migrated to the current schema.
    static func open(path: String, readOnly: Bool) throws -> DatabaseReader & DatabaseWriter {
        if FileManager.default.fileExists(atPath: path) || readOnly {
            let inspector = try DatabaseQueue(path: path, configuration: configuration(path: path, readOnly: true))
            let version = try inspector.read { db in try checkCompatible(db, path: path) }
            try inspector.close()
            if readOnly {
                guard version == nil || version == Migrations.schemaVersion else {
                    throw StoreError("\(path) was written by an older Apery (schema version \(version!)); open it once with a command that records results to upgrade it")
                }
                return try DatabaseQueue(path: path, configuration: configuration(path: path, readOnly: true))
            }
        }
        let pool = try DatabasePool(path: path, configuration: configuration(path: path, readOnly: false))
        try pool.read { db in _ = try checkCompatible(db, path: path) }
        try Migrations.migrator.migrate(pool)
        return pool
    }

    /// A failure caused by another process migrating the same file at the same moment.
    static func isConcurrentMigration(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            || (error.message ?? "").contains("already exists") || error.resultCode == .SQLITE_CONSTRAINT
    }

    /// The schema version of an Apery store, nil for an empty file; refuses anything else.
    @discardableResult
    static func checkCompatible(_ db: Database, path: String) throws -> Int? {
        // grdb_migrations alone is a database another apery is creating right now, not a foreign one.
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """)
        if tables.isEmpty { return nil }
        guard tables.contains("apery_meta") else {
            throw StoreError("\(path) is an SQLite database of another program (no apery_meta table); it was left untouched")
        }
        let version = try String.fetchOne(db, sql: "SELECT value FROM apery_meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
        if version > Migrations.schemaVersion {
            throw StoreError("\(path) has schema version \(version), newer than this Apery's \(Migrations.schemaVersion): upgrade apery; it was left untouched")
        }
        return version
    }

    /// Runs a write transaction, translating failures (locked, read-only, full disk) into StoreError.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !readOnly else { throw StoreError("database \(path) was opened read-only") }
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
