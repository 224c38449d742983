import Foundation

/// Update rules side by side on every proxy task: the tuned learning rate, the final loss, and its log10 ratio to
/// tuned AdamW's (negative is better), with the fitness the search would give, and how far the seeds spread it.
public struct OptimizerComparison: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public let name: String
        public let fitness: Double
        public var tasks: [TaskScore]
    }

    public struct TaskScore: Encodable, Sendable {
        public let task: String
        /// nil when every learning rate of the grid blew up.
        public let learningRate: Double?
        public let loss: Double?
        public let normalized: Double
        /// A task outside the fitness: one the search never trained on, shown to see whether a rule generalises.
        public let heldOut: Bool
        /// The standard error of the mean over the seeds of log10(loss / AdamW's loss), each seed against AdamW's on
        /// the same data and minibatches: how far `normalized` could move with other seeds. nil with one seed, or
        /// when a seed blew up.
        public var standardError: Double?
        /// The final loss on each seed (nil when one blew up).
        let seedLosses: [Double]?

        enum CodingKeys: String, CodingKey { case task, learningRate, loss, normalized, heldOut, standardError }
    }

    /// The tasks of the fitness, then the held-out ones.
    public let tasks: [ProxyTask]
    public private(set) var rows: [Row]

    /// The reference rules every comparison shows.
    public static let standard: [(name: String, program: OptimizerProgram)] = [
        ("AdamW", try! OptimizerProgram(parsing: StandardOptimizers.adamw)),
        ("Lion", try! OptimizerProgram(parsing: StandardOptimizers.lion)),
        ("SGD with momentum", try! OptimizerProgram(parsing: StandardOptimizers.momentum)),
    ]

    /// Scores the standard rules and then `programs`, in parallel, on `tasks` and then on `heldOut`, which the
    /// fitness leaves out.
    public init(programs: [(name: String, program: OptimizerProgram)], tasks: [ProxyTask] = ProxyTask.standard, heldOut: [ProxyTask] = [],
                setting: ProxyScoring.Setting = .proxy) {
        let all = OptimizerComparison.standard + programs
        let fitnessTasks = tasks.count, tasks = tasks + heldOut
        let scoring = ProxyScoring(tasks: tasks, setting: setting)
        var rows = [Row?](repeating: nil, count: all.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: all.count) { i in
            let row = OptimizerComparison.row(all[i].name, all[i].program, scoring: scoring, fitnessTasks: fitnessTasks)
            lock.withLock { rows[i] = row }
        }
        self.tasks = tasks
        self.rows = rows.map { $0! }
        // Paired with AdamW's losses seed by seed (the first standard row).
        for r in self.rows.indices {
            for t in tasks.indices {
                guard let losses = self.rows[r].tasks[t].seedLosses, let adamw = self.rows[0].tasks[t].seedLosses else { continue }
                self.rows[r].tasks[t].standardError = ProxyScoring.standardError(ProxyScoring.pairedLogRatios(losses, adamw))
            }
        }
    }

    static func row(_ name: String, _ program: OptimizerProgram, scoring: ProxyScoring, fitnessTasks: Int) -> Row {
        let compiled = CompiledProgram(program.pruned)
        let scores = scoring.tasks.enumerated().map { k, task -> TaskScore in
            let c = ProxyScoring.Case(task)
            let tuned = scoring.tunedPerSeed(compiled, c, from: scoring.coarseTuning(compiled, c))
            let loss = tuned.map { ProxyScoring.mean($0.losses) }
            return TaskScore(task: task.rawValue, learningRate: tuned?.lr, loss: loss, normalized: scoring.normalized(loss: loss, task: task),
                             heldOut: k >= fitnessTasks, seedLosses: tuned?.losses)
        }
        let scored = scores.prefix(fitnessTasks)
        return Row(name: name, fitness: -scored.map(\.normalized).reduce(0, +) / Double(scored.count), tasks: scores)
    }

    /// How many tasks `row` matches or beats `other` on (normalised scores within 0.01, a 2% loss difference).
    public func tasksMatchedOrBeaten(_ row: Row, by other: Row) -> Int {
        zip(row.tasks, other.tasks).filter { $0.normalized <= $1.normalized + 0.01 }.count
    }
}
