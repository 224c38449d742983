import ArgumentParser
import Constants
import Expressions
import Formulas
import Foundation
import Numbers
import Relations
import Store
import SearchEngine
import SearchSessions
import Verification

/// Exit codes beyond success: the outcome of a check, or bad input.
enum Outcome {
    static let negative = ExitCode(1)       // disagrees, or no relation found
    static let badInput = ExitCode(2)
    static let inconclusive = ExitCode(3)
}

/// Runs a command body; any error becomes one line on stderr and exit code 2.
func reportingErrors(input: String? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ParseError {
        let context = input.map { " in \"\(quoted($0, around: error.column))\"" } ?? ""
        printError("\(error.message) at column \(error.column)\(context)")
        throw Outcome.badInput
    } catch {
        printError("\(error)")
        throw Outcome.badInput
    }
}

/// At most about 80 characters of `text` around a column: an error about a huge input does not repeat it.
func quoted(_ text: String, around column: Int) -> String {
    guard text.count > 80 else { return text }
    let characters = Array(text)
    let start = min(max(column - 40, 0), characters.count - 80)
    return (start > 0 ? "…" : "") + String(characters[start..<start + 80]) + (start + 80 < characters.count ? "…" : "")
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("apery: error: \(message)\n".utf8))
}

/// An informational line on stderr (stdout stays for results).
func printNotice(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// A progress line on stderr: rewritten in place on a terminal, a line now and then in a log (ProgressLog).
func printProgress(_ message: String) {
    if isatty(2) != 0 {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8))
    } else if ProgressLog.shared.isDue() {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

func clearProgress() {
    guard isatty(2) != 0 else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
}

/// One JSON object on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    print(try JSONText.encode(value))
}


/// This invocation, as the provenance of the runs it records.
func provenance(_ command: String) -> Provenance {
    Provenance(command: command, arguments: CommandLine.arguments, aperyVersion: Apery.version)
}

/// A --shard value: i/N, or auto (the index of a Slurm or Kubernetes array job).
func shardOption(_ text: String) throws -> Shard {
    do { return try ArrayJob.shard(text, environment: ProcessInfo.processInfo.environment) } catch let error as SearchError {
        throw SearchError("--shard: \(error.description)")
    }
}

func format(_ x: Double?, _ decimals: Int = 4) -> String {
    guard let x, x.isFinite else { return "n/a" }
    return String(format: "%.\(decimals)f", x)
}

/// A digit count as the user wrote it: an integer or an integer expression such as `10^4`,
/// refused on one line when it is not a whole number within `range`.
func digitCount(_ text: String, option: String = "--digits", range: ClosedRange<Int>) throws -> Int {
    let value = try? Expression(parsing: text).exactValue
    guard let value, value.isInteger, let count = value.numerator.asInt, range.contains(count) else {
        throw EvaluationError("\(option) must be a whole number between \(range.lowerBound) and \(range.upperBound), not \(text)")
    }
    return count
}
