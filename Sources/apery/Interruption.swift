import Foundation
import SearchEngine

/// Ctrl-C (SIGINT) or a scheduler's SIGTERM: every command commits its work as it goes (a chunk, a batch,
/// a state), so an interruption loses at most what was in flight. Say so, and how to go on, then exit 130.
enum Interruption {
    static func install() {
        // A parent may have started us with these signals blocked (spawned from a thread that blocks them).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in Interruption.stop() }
        signal(SIGTERM) { _ in Interruption.stop() }
    }

    /// Only async-signal-safe calls: write(2) of a fixed message and _exit.
    static func stop() {
        let message = "\napery: interrupted: what was committed is kept (every finished chunk, batch or state); rerun the same command to resume\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _exit(130)
    }
}

/// Standard output could not take what was printed (a full disk, a closed pipe): the results are lost, so
/// the command must not look successful.
struct OutputError: Error, CustomStringConvertible {
    let description: String
}

/// Flushes standard output and fails with one line on stderr if any write to it failed.
func checkStandardOutput() throws {
    let flushed = fflush(stdout)
    if flushed != 0 || ferror(stdout) != 0 {
        let reason = String(cString: strerror(errno))
        printError("cannot write the output to standard output (\(reason)); the results printed are incomplete")
        Foundation.exit(1)
    }
}

/// Ends the process with `message` and exit 3 (inconclusive) if it is still running after `seconds`: for
/// computations that cannot check a clock themselves.
func stopAfter(seconds: Double, _ message: String) {
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now() + seconds)
    timer.setEventHandler {
        printError(message)
        _exit(Outcome.inconclusive.rawValue)
    }
    timer.resume()
    Watchdog.timers.append(timer)
}

/// Keeps watchdog timers alive for the life of the process.
enum Watchdog { nonisolated(unsafe) static var timers: [DispatchSourceTimer] = [] }

/// The worker threads a command may use: at least 1; more than 4 per core is capped, with a note.
func workerCount(_ requested: Int) throws -> Int {
    guard requested >= 1 else { throw SearchError("--workers must be at least 1, not \(requested)") }
    let cap = 4 * ProcessInfo.processInfo.activeProcessorCount
    if requested > cap { printNotice("note: --workers \(requested) capped at \(cap) (4 per core)") }
    return min(requested, cap)
}
