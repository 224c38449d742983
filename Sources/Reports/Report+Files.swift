import Foundation

/// The formats `apery report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, latex, csv, json
}

public struct ReportWriteError: Error, CustomStringConvertible {
    public let description: String
}

extension Report {
    /// Writes the report into `directory` (created if missing) and returns the files written. Only the report's
    /// own files are (over)written, each atomically: whatever else the directory holds stays as it is.
    public func write(_ format: ReportFormat, to directory: String) throws -> [String] {
        let files: [(String, String)]
        switch format {
        case .html: files = [("report.html", html)]
        case .md:
            let (text, figures) = markdown
            files = [("report.md", text)] + figures.map { ("figures/" + $0.name, $0.svg) }
        case .latex: files = [("report.tex", latex)]
        case .csv: files = csvFiles
        case .json: files = [("report.json", try json())]
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReportWriteError(description: "\(directory) is a file, not a directory: choose another output directory")
        }
        var written: [String] = []
        for (name, text) in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            do { try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
                throw ReportWriteError(description: "cannot create the folder of \(url.path): \((error as NSError).localizedDescription)")
            }
            try writeRegularFile(text, to: url.path)
            written.append(url.path)
        }
        return written
    }
}
