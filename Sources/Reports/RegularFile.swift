import Foundation

/// Writes `text` to the regular file at `path`, never to anything else: a symbolic link, a FIFO, a device or a
/// directory found there is refused and left as it is. The text goes to a temporary file in the same folder,
/// which then replaces the target by a rename, so a reader never sees half a file and a failed write leaves
/// the old one.
public func writeRegularFile(_ text: String, to path: String) throws {
    var status = stat()
    if lstat(path, &status) == 0 {
        let kind: String?
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = nil
        case S_IFLNK: kind = "a symbolic link"
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFDIR: kind = "a directory"
        default: kind = "not a regular file"
        }
        if let kind { throw ReportWriteError(description: "\(path) is \(kind); refusing to replace it: name a regular file") }
    }
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).apery-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
        try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
        guard rename(temporary.path, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    } catch {
        unlink(temporary.path)
        let reason = (error as? POSIXError).map { String(cString: strerror($0.code.rawValue)) } ?? (error as NSError).localizedDescription
        throw ReportWriteError(description: "cannot write \(path): \(reason)")
    }
}
