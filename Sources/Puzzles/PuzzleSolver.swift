import Foundation

/// The settings of a solve run: tries per puzzle, the sandbox, a wall-clock cap per puzzle, and whether
/// the z3 strategy runs (after `z3After` enumerated tries, for int, float, str, List[int], List[float], List[bool],
/// List[str] and List[List[int]] answers).
public struct SolveSettings: Codable, Sendable, Equatable {
    public var budget: Int = 10_000
    public var callMilliseconds: Int = 200
    public var memoryMegabytes: Int = 2048
    public var puzzleSeconds: Double = 30
    public var z3: Bool = true
    /// z3 first: its models are tries like the enumeration's values, and where it answers it does so within a few
    /// tries (train templates, round 1: pass@10 8% with z3 after 100 enumerated tries, 57% with z3 first).
    public var z3After: Int = 0
    /// The items strategy: for sats asking for n distinct items that each pass a test, the first n that pass.
    public var items: Bool {
        get { storedItems ?? true }
        set { storedItems = newValue ? nil : false }
    }
    /// Stored (`"items": false`) only when the strategy is off, so that the searches stored before it keep their
    /// identifiers.
    private var storedItems: Bool?
    public init() {}

    enum CodingKeys: String, CodingKey { case budget, callMilliseconds, memoryMegabytes, puzzleSeconds, z3, z3After, storedItems = "items" }

    /// Refuses settings no search can run with, before anything is opened or started.
    public func check(rounds: Int) throws {
        guard budget > 0 else { throw PuzzleError("the budget of tries must be positive, not \(budget)") }
        guard callMilliseconds > 0 else { throw PuzzleError("the time limit per call must be positive, not \(callMilliseconds) ms") }
        guard puzzleSeconds > 0, puzzleSeconds.isFinite else { throw PuzzleError("the time limit per puzzle must be positive, not \(puzzleSeconds) s") }
        guard memoryMegabytes >= 64 else { throw PuzzleError("a worker needs at least 64 MB, not \(memoryMegabytes)") }
        guard rounds >= 1 else { throw PuzzleError("at least one round is needed, not \(rounds)") }
        guard z3After >= 0 else { throw PuzzleError("the tries before z3 cannot be negative, not \(z3After)") }
    }

    var sandbox: SandboxLimits {
        var limits = SandboxLimits()
        limits.memoryBytes = memoryMegabytes << 20
        limits.callMilliseconds = callMilliseconds
        limits.z3 = z3
        return limits
    }
}

/// Solves one puzzle with one worker: the enumeration's values in cost order, checked in batches (the
/// worker stops at the first success, so tries are exact), z3 for int, float, str and list answers, the items strategy
/// for lists of ints and strs, and every success re-verified in a fresh process before it counts.
public struct PuzzleSolver {
    let settings: SolveSettings
    let guidance: Guidance

    /// Gives up on a puzzle whose worker dies this many times.
    static let maxRestarts = 12

    func solve(_ puzzle: Puzzle, worker: PythonWorker, verifier: PythonWorker? = nil) -> PuzzleOutcome {
        let start = Date()
        var outcome = PuzzleOutcome(name: puzzle.name, domain: puzzle.domain, answerType: puzzle.answerTypeName, solved: false, tries: 0,
                                    answer: nil, expression: nil, strategy: nil, seconds: 0, error: nil, operations: [], features: [],
                                    timeouts: 0, restarts: 0)
        attempt(puzzle, worker: worker, verifier: verifier, start: start, outcome: &outcome)
        outcome.seconds = Date().timeIntervalSince(start)
        return outcome
    }

    private func attempt(_ puzzle: Puzzle, worker: PythonWorker, verifier: PythonWorker?, start: Date, outcome: inout PuzzleOutcome) {
        guard let type = puzzle.answerType else {
            outcome.error = "unknown ans_type \(puzzle.answerTypeName)"
            return
        }
        var session = Session(puzzle: puzzle, worker: worker, settings: settings)
        let analysis: SatAnalysis
        do { analysis = try session.load() } catch {
            outcome.error = "\(error)"
            return
        }
        let plan = EnumerationPlan(analysis: analysis, answerType: type, guidance: guidance)
        outcome.features = plan.features.sorted()
        var enumerator = plan.enumerator()
        var z3Pending = settings.z3 && (type == .int || type == .float || type == .str || type == .list(.int) || type == .list(.float)
            || type == .list(.bool) || type == .list(.str) || type == .list(.list(.int)))
        var batchSize = 32
        var exhausted = false
        func finish(_ answer: PyValue, expression: String, operations: [String], strategy: String) -> Bool {
            guard Reverification.passes(puzzle: puzzle, answer: answer, settings: settings, verifier: verifier) else { return false }
            outcome.solved = true
            outcome.answer = answer.json
            outcome.expression = expression
            outcome.operations = operations
            outcome.strategy = strategy
            return true
        }
        // The items strategy's lists, tried before z3 when sat asks nothing else of the answer, else after it.
        func tryItems(_ items: [PyValue]) throws {
            let answers = Array(items.prefix(settings.budget - outcome.tries))
            if let hit = try session.check(answers) {
                outcome.tries += hit + 1
                _ = finish(answers[hit], expression: "distinct items that pass sat's test of each item", operations: [], strategy: "items")
            } else {
                outcome.tries += answers.count
            }
        }
        do {
            var itemsAfterZ3: [PyValue] = []
            if settings.items && (type == .list(.int) || type == .list(.str)) {
                let items = try session.collectItems()
                if items.onlyAsked || !z3Pending { try tryItems(items.answers) } else { itemsAfterZ3 = items.answers }
            }
            while !outcome.solved, outcome.tries < settings.budget, Date().timeIntervalSince(start) < settings.puzzleSeconds {
                if z3Pending && (outcome.tries >= settings.z3After || exhausted) {
                    z3Pending = false
                    let answers = try session.solveSymbolically()
                    let room = settings.budget - outcome.tries
                    let tried = Array(answers.prefix(room))
                    if let hit = try session.check(tried) {
                        outcome.tries += hit + 1
                        if finish(tried[hit], expression: "z3 model of sat", operations: [], strategy: "z3") { break }
                        continue
                    }
                    outcome.tries += max(tried.count, 1)
                    if !itemsAfterZ3.isEmpty { try tryItems(itemsAfterZ3) }
                    continue
                }
                if exhausted { break }
                var batch: [ValueEnumerator.Enumerated] = []
                let room = min(batchSize, settings.budget - outcome.tries, z3Pending ? max(settings.z3After - outcome.tries, 1) : Int.max)
                while batch.count < room, let next = enumerator.next() { batch.append(next) }
                if batch.isEmpty { exhausted = true; continue }
                let checkStart = Date()
                let found = try session.check(batch.map(\.value))
                // Batches of about half a second: large for fast sats, small for slow ones, so that the time
                // cap per puzzle is kept to within a batch.
                let perCall = Date().timeIntervalSince(checkStart) / Double(batch.count)
                batchSize = max(8, min(batchSize * 2, 1024, Int(0.5 / max(perCall, 1e-6))))
                if let hit = found {
                    outcome.tries += hit + 1
                    if finish(batch[hit].value, expression: batch[hit].expression, operations: batch[hit].operations, strategy: "enumeration") {
                        break
                    }
                    // A success that does not re-verify (a sat that changes its mind) is not counted; go on after it.
                    let rest = Array(batch[(hit + 1)...])
                    if let again = try session.check(rest.map(\.value)) {
                        outcome.tries += again + 1
                        if finish(rest[again].value, expression: rest[again].expression, operations: rest[again].operations, strategy: "enumeration") { break }
                    }
                    outcome.tries += rest.count
                    continue
                }
                outcome.tries += batch.count
                if batch.count < room { exhausted = true }
            }
        } catch {
            outcome.error = "\(error)"
        }
        outcome.timeouts = session.timeouts
        outcome.restarts = session.restarts
    }

    /// One puzzle loaded in one worker, restarted and reloaded when it dies.
    struct Session {
        let puzzle: Puzzle
        let worker: PythonWorker
        let settings: SolveSettings
        var loaded = false
        var timeouts = 0
        var restarts = 0

        init(puzzle: Puzzle, worker: PythonWorker, settings: SolveSettings) {
            self.puzzle = puzzle
            self.worker = worker
            self.settings = settings
        }

        var callSeconds: Double { Double(settings.callMilliseconds) / 1000 }

        mutating func load() throws -> SatAnalysis {
            if worker.pid == 0 { try worker.start() }
            var request = "{\"op\": \"load\", \"type\": "
            PyValue.writeJSONString(puzzle.answerTypeName, to: &request)
            request += ", \"sat\": "
            PyValue.writeJSONString(puzzle.sat, to: &request)
            request += "}"
            let reply: JSONNode
            do { reply = try worker.request(request, seconds: 30) } catch {
                try worker.start()
                throw PuzzleError("sat could not be loaded: \(error)")
            }
            if let message = reply["error"]?.string { throw PuzzleError("sat does not load: \(message)") }
            guard let analysis = reply["ok"] else { throw PuzzleError("sat could not be loaded") }
            loaded = true
            return SatAnalysis(parsing: analysis)
        }

        private mutating func ensureLoaded() throws {
            if worker.pid == 0 || !loaded {
                restarts += 1
                if restarts > PuzzleSolver.maxRestarts { throw PuzzleError("abandoned: the worker died \(restarts) times") }
                try worker.start()
                _ = try load()
            }
        }

        /// The index of the first value that solves the puzzle, if any. A worker that dies or hangs within a
        /// batch is restarted and the batch is checked one value at a time, so the culprit counts as a
        /// failed try and the others are still checked.
        mutating func check(_ values: [PyValue]) throws -> Int? {
            guard !values.isEmpty else { return nil }
            try ensureLoaded()
            do { return try checkBatch(values) } catch is WorkerFailure {
                loaded = false
            }
            for (index, value) in values.enumerated() {
                try ensureLoaded()
                do {
                    if try checkBatch([value]) != nil { return index }
                } catch is WorkerFailure {
                    loaded = false
                }
            }
            return nil
        }

        private mutating func checkBatch(_ values: [PyValue]) throws -> Int? {
            var request = "{\"op\": \"check\", \"ms\": \(settings.callMilliseconds), \"answers\": ["
            for (i, value) in values.enumerated() {
                if i > 0 { request += ", " }
                value.write(to: &request)
            }
            request += "]}"
            let reply = try worker.request(request, seconds: Double(values.count) * (callSeconds + 0.05) + 10)
            if let message = reply["error"]?.string { throw WorkerFailure(description: message) }
            timeouts += reply["timeouts"]?.int ?? 0
            return reply["solved"]?.int
        }

        /// For a sat that asks for n distinct items each passing a test: the first n that pass, in order of size (List[int]
        /// and List[str] answers; nothing for other sats), and whether sat asks nothing else of the answer.
        mutating func collectItems() throws -> (answers: [PyValue], onlyAsked: Bool) {
            try ensureLoaded()
            do {
                let reply = try worker.request("{\"op\": \"items\", \"ms\": \(Int(settings.puzzleSeconds * 1000 / 10))}", seconds: settings.puzzleSeconds + 10)
                return ((reply["answers"]?.array ?? []).compactMap(\.value), reply["only"] == .bool(true))
            } catch is WorkerFailure {
                loaded = false
                return ([], false)
            }
        }

        /// Answers z3 finds for sat run on a symbolic value (int, float, str, List[int], List[str] and List[List[int]] answers).
        mutating func solveSymbolically() throws -> [PyValue] {
            try ensureLoaded()
            do {
                let reply = try worker.request("{\"op\": \"solve\", \"ms\": \(max(settings.callMilliseconds, 1000)), \"paths\": 16, \"total_ms\": \(Int(settings.puzzleSeconds * 1000 / 3))}", seconds: 120)
                return (reply["answers"]?.array ?? []).compactMap(\.value)
            } catch is WorkerFailure {
                loaded = false
                return []
            }
        }
    }
}

/// An answer counts only if a fresh worker process, with sat loaded anew, also finds `sat(answer) is True`.
/// A verifier passed in is used once and replaced at once by a new process, which starts (and preloads its
/// modules) while the search goes on: each re-verification still has a process of its own, without waiting.
enum Reverification {
    static func limits(_ settings: SolveSettings) -> SandboxLimits {
        var limits = settings.sandbox
        limits.z3 = false
        limits.callMilliseconds = max(settings.callMilliseconds * 5, 1000)
        return limits
    }

    static func passes(puzzle: Puzzle, answer: PyValue, settings: SolveSettings, verifier: PythonWorker? = nil) -> Bool {
        let limits = limits(settings)
        guard let worker = verifier ?? (try? PythonWorker(limits: limits)) else { return false }
        defer {
            if verifier != nil { try? worker.start() } else { worker.stop() }
        }
        if worker.pid == 0 { guard (try? worker.start()) != nil else { return false } }
        var fresh = SolveSettings()
        fresh.callMilliseconds = limits.callMilliseconds
        var session = PuzzleSolver.Session(puzzle: puzzle, worker: worker, settings: fresh)
        guard (try? session.load()) != nil else { return false }
        return (try? session.check([answer])) == 0
    }
}

extension PuzzleSolver {
    /// The first `count` values the enumeration would try on a puzzle, in order, with their expressions
    /// (what `apery puzzles candidates` prints, and what the benchmark's peers evaluate).
    public static func candidates(of puzzle: Puzzle, count: Int, settings: SolveSettings, guidance: Guidance = Guidance()) throws -> [ValueEnumerator.Enumerated] {
        guard let type = puzzle.answerType else { throw PuzzleError("unknown ans_type \(puzzle.answerTypeName)") }
        var limits = settings.sandbox
        limits.z3 = false
        let worker = try PythonWorker(limits: limits)
        defer { worker.stop() }
        var session = Session(puzzle: puzzle, worker: worker, settings: settings)
        var enumerator = EnumerationPlan(analysis: try session.load(), answerType: type, guidance: guidance).enumerator()
        var out: [ValueEnumerator.Enumerated] = []
        while out.count < count, let next = enumerator.next() { out.append(next) }
        return out
    }
}
