import Dispatch
import Foundation

/// Keeps a progress line alive during one long computation: from one second on it rewrites the latest
/// message on stderr with the time elapsed, every second, so that a deep step is never silent.
final class ProgressTicker: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String
    private let start = Date()
    private let timer: DispatchSourceTimer

    init(_ message: String) {
        self.message = message
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    /// The message to show from now on.
    func update(_ message: String) {
        lock.lock(); self.message = message; lock.unlock()
    }

    private func tick() {
        lock.lock(); let current = message; lock.unlock()
        printProgress("\(current) (\(Int(Date().timeIntervalSince(start))) s)")
    }

    /// Stops the ticking and clears the line.
    func stop() {
        timer.cancel()
        lock.lock(); lock.unlock()
        clearProgress()
    }
}
