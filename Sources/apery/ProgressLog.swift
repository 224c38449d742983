import Foundation

/// When progress goes to a log instead of a terminal (a batch job's output file, a pipe): a line every 30 seconds
/// (`APERY_PROGRESS_LOG_SECONDS` to change it), the first one interval after the first report, so that short runs
/// stay quiet and a sharded search on a cluster can be followed in its job's output.
final class ProgressLog: @unchecked Sendable {
    static let shared = ProgressLog(interval: ProcessInfo.processInfo.environment["APERY_PROGRESS_LOG_SECONDS"].flatMap(Double.init) ?? 30)

    private let lock = NSLock()
    private let interval: TimeInterval
    private var due: Date?

    init(interval: TimeInterval) { self.interval = max(interval, 0) }

    /// Whether a line is due now; the clock starts at the first question.
    func isDue(at now: Date = Date()) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let due else {
            self.due = now + interval
            return false
        }
        guard now >= due else { return false }
        self.due = now + interval
        return true
    }
}
