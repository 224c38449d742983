import SearchEngine

/// One puzzle to solve in one bootstrap round.
public struct PuzzleTask: Sendable {
    public let round: Int
    public let puzzle: Puzzle

    public init(round: Int, puzzle: Puzzle) {
        self.round = round
        self.puzzle = puzzle
    }
}

/// The puzzles of a search, round after round, as the engine's stream: the cursor is the position in
/// that sequence, so a resumed search continues with the next puzzle.
public struct PuzzleStream: CandidateStream {
    let puzzles: [Puzzle]
    let rounds: Int
    public private(set) var cursor: Int

    public mutating func next() -> PuzzleTask? {
        guard cursor < puzzles.count * rounds else { return nil }
        defer { cursor += 1 }
        return PuzzleTask(round: cursor / puzzles.count + 1, puzzle: puzzles[cursor % puzzles.count])
    }
}

/// Solves puzzles on the engine's workers: each worker thread owns one sandboxed Python process.
public struct PuzzleEvaluator: Evaluator {
    public let settings: SolveSettings
    public let guidance: Guidance

    public init(settings: SolveSettings, guidance: Guidance = Guidance()) {
        self.settings = settings
        self.guidance = guidance
    }

    /// A worker thread's processes: one that checks candidates, and a spare that re-verifies a success once.
    public struct Processes {
        let checker: PythonWorker
        let verifier: PythonWorker

        /// The running processes' ids (0 for one not running).
        public var processIdentifiers: [Int32] { [checker.pid, verifier.pid] }
    }

    public func makeWorker() throws -> Processes {
        Processes(checker: try PythonWorker(limits: settings.sandbox), verifier: try PythonWorker(limits: Reverification.limits(settings)))
    }

    public func evaluate(_ task: PuzzleTask, worker: inout Processes) throws -> PuzzleOutcome {
        PuzzleSolver(settings: settings, guidance: guidance).solve(task.puzzle, worker: worker.checker, verifier: worker.verifier)
    }

    public func tearDown(_ worker: inout Processes) {
        worker.checker.stop()
        worker.verifier.stop()
    }
}
