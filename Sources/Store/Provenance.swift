import Foundation

/// Who asked for a run: recorded with it, so that every result can be traced to the command that made it.
public struct Provenance: Sendable {
    public var command: String
    public var arguments: [String]
    public var aperyVersion: String

    public init(command: String, arguments: [String], aperyVersion: String) {
        self.command = command
        self.arguments = arguments
        self.aperyVersion = aperyVersion
    }
}

extension AperyStore {
    public func beginRun(_ provenance: Provenance) throws -> Int64 {
        try beginRun(command: provenance.command, arguments: provenance.arguments, aperyVersion: provenance.aperyVersion)
    }

    /// Runs `body` as a recorded run: begun before, finished after (left unfinished if `body` throws).
    public func recordingRun<T>(_ provenance: Provenance, _ body: (Int64) throws -> T) throws -> T {
        let run = try beginRun(provenance)
        let result = try body(run)
        try finishRun(run)
        return result
    }
}
