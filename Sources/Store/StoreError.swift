import GRDB

/// A store failure, phrased for the person who named the file.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// Translates SQLite's result codes into what the user can act on.
    static func wrapping(_ error: Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let database = error as? DatabaseError else { return StoreError("database \(path): \(error)") }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError("\(path) is not a valid SQLite database (corrupt or another kind of file); it was left untouched")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError("database \(path) is locked by another process; try again when it finishes")
        case .SQLITE_CANTOPEN:
            return StoreError("cannot open database \(path): the file or its folder is missing or not accessible")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError("database \(path) is read-only: cannot record results there")
        case .SQLITE_FULL:
            return StoreError("the disk holding \(path) is full; nothing was written in the failed transaction")
        case .SQLITE_IOERR:
            // A failed write (no space, a file-size or quota limit) leaves the last committed state intact.
            return StoreError("cannot write to database \(path) (disk I/O error: full disk, quota or file-size limit?); nothing was written in the failed transaction")
        default:
            return StoreError("database \(path): \(database.message ?? "\(database.resultCode)")")
        }
    }
}
