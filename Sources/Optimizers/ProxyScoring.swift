import Foundation
import Synchronization

/// Scores an update rule on the proxy tasks: per task, the learning rate is tuned on one data seed (or a few) over a log
/// grid (one value a decade from 1e-4 to 1e3, then a third and a ninth of a decade either side of the best), the final loss
/// is the mean over more seeds (two unless the setting says otherwise) at that rate, under a cosine schedule. Normalised, it is log10 of its ratio
/// to tuned AdamW's in the same setting, clipped to [-2, 2] (losses span decades across tasks; a log keeps one
/// task from dominating). A run that produces NaN or infinity, or whose parameters pass 1e6, scores the worst,
/// 2 (100 times AdamW's).
public struct ProxyScoring: Sendable {
    /// Where the tasks are trained: the proxies themselves, or the funnel's check, which trains twice as long on
    /// data the search never saw. The search's funnel keeps the rates the proxies tuned (`tunesRate` false:
    /// a check, at a sixth of the cost of tuning again).
    public struct Setting: Hashable, Sendable {
        public var stepScale: Int
        public var firstSeed: UInt64
        public var tunesRate = true
        /// The seeds the final loss is averaged over. Final losses of sign-like rules on the MLPs move by a factor of
        /// 2 to 3 when a constant moves by 1%; with two seeds a search selects such lucky constants.
        public var evaluationSeeds = 2
        /// The seeds each rate of the grid is judged on, by their mean final loss: the first seed, then every
        /// thousandth after it (0, 1000, 2000 for the proxies), apart from the evaluation seeds. One seed's rate
        /// decides a rule's margins on the MLP tasks by more than the evaluation seeds' noise.
        public var tuningSeeds = 1
        /// The most tuning seeds a setting takes.
        public static let maximumTuningSeeds = 8
        public static let proxy = Setting(stepScale: 1, firstSeed: 0)
        public static let funnel = Setting(stepScale: 2, firstSeed: 100)
        public static let funnelCheck = Setting(stepScale: 2, firstSeed: 100, tunesRate: false)
        /// The most evaluation seeds a setting averages over: the proxies' seeds (1 to 64) then stay apart from the
        /// funnel's tuning seed and its evaluation seeds (100, then 101 to 164).
        public static let maximumSeeds = 64
        func steps(_ task: ProxyTask) -> Int { task.steps * stepScale }

        /// The same setting, its final losses averaged over `seeds` seeds.
        public func averaging(over seeds: Int) -> Setting {
            var setting = self
            setting.evaluationSeeds = seeds
            return setting
        }

        /// The same setting, each rate judged on `seeds` tuning seeds.
        public func tuning(on seeds: Int) -> Setting {
            var setting = self
            setting.tuningSeeds = seeds
            return setting
        }
    }

    /// A rule's score: minus the mean normalised loss, the normalised loss and the tuned rate per task reached,
    /// and whether it stopped at a hurdle.
    public struct Score: Sendable {
        public var fitness: Double
        public var normalized: [ProxyTask: Double]
        public var rates: [Case: Double]
        public var stopped: Bool
        /// Per task fully scored, the standard error over the evaluation seeds of log10 of the final loss over
        /// AdamW's on the same seed (averaged over the scales): how far `normalized` could move with other seeds.
        /// Absent with one seed, or when a run blew up.
        public var standardErrors: [ProxyTask: Double] = [:]
    }

    /// A task at one loss scale.
    public struct Case: Hashable, Sendable {
        public var task: ProxyTask
        public var scale: Double
        public init(_ task: ProxyTask, scale: Double = 1) { self.task = task; self.scale = scale }
    }

    public let tasks: [ProxyTask]
    /// The loss scales each task is trained at, each with its own tuned rate; a task's normalised loss is the mean
    /// over them. More than one penalises rules that carry an absolute scale of the gradient.
    public let scales: [Double]
    public let setting: Setting
    public static let worst = 2.0

    public init(tasks: [ProxyTask] = ProxyTask.standard, scales: [Double] = [1], setting: Setting = .proxy) {
        self.tasks = tasks
        self.scales = scales
        self.setting = setting
    }

    /// The tasks at their scales, task by task.
    public var cases: [Case] { tasks.flatMap { task in scales.map { Case(task, scale: $0) } } }

    /// The final training loss after `steps`, or nil when training blew up.
    public static func finalLoss(_ program: CompiledProgram, _ instance: ProxyInstance, lr: Double, seed: UInt64, steps: Int) -> Double? {
        var w = instance.start
        let n = w.count
        var m = [Double](repeating: 0, count: n), v = m
        var random = TaskRandom(seed: seed &* 31 &+ 7)
        var scratch = CompiledProgram.Scratch(program: program, size: n)
        var g = m
        for t in 0..<steps {
            instance.gradient(w, into: &g, random: &random)
            let rate = lr * 0.5 * (1 + cos(Double.pi * Double(t) / Double(steps)))
            guard scratch.train(w: &w, g: g, m: &m, v: &v, lr: rate) else { return nil }
        }
        let loss = instance.loss(w)
        return loss.isFinite ? loss : nil
    }

    /// The tuned learning rate and mean final loss on the evaluation seeds (nil if every rate blew up).
    public func tuned(_ program: CompiledProgram, task: ProxyTask) -> (lr: Double, loss: Double)? {
        tuned(program, Case(task))
    }

    func tuned(_ program: CompiledProgram, _ c: Case) -> (lr: Double, loss: Double)? {
        tuned(program, c, from: coarseTuning(program, c))
    }

    /// The best rate of the coarse grid (one a decade from 1e-4 to 1e3) on the tuning seed, with its final loss
    /// (infinite if every rate blew up).
    func coarseTuning(_ program: CompiledProgram, _ c: Case) -> (lr: Double, loss: Double) {
        var best = (lr: 0.0, loss: Double.infinity)
        for k in -4...3 {
            let lr = Foundation.pow(10, Double(k))
            let s = tuningLoss(program, c, lr: lr)
            if s < best.loss { best = (lr, s) }
        }
        return best
    }

    /// The mean final loss over the tuning seeds at rate `lr` (infinite if one blew up).
    private func tuningLoss(_ program: CompiledProgram, _ c: Case, lr: Double) -> Double {
        var total = 0.0
        for k in 0..<UInt64(setting.tuningSeeds) {
            let seed = setting.firstSeed + 1000 * k
            guard let loss = ProxyScoring.finalLoss(program, c.task.instance(seed: seed, scale: c.scale), lr: lr, seed: seed, steps: setting.steps(c.task))
            else { return .infinity }
            total += loss
        }
        return total / Double(setting.tuningSeeds)
    }

    /// From the coarse grid's best: the rate refined to a ninth of a decade (so that a constant factor on lr gains
    /// little), then the mean final loss on the evaluation seeds.
    func tuned(_ program: CompiledProgram, _ c: Case, from coarse: (lr: Double, loss: Double)) -> (lr: Double, loss: Double)? {
        tunedPerSeed(program, c, from: coarse).map { ($0.lr, ProxyScoring.mean($0.losses)) }
    }

    /// The refined rate and the final loss on each evaluation seed at it (nil if every rate, or a seed, blew up).
    func tunedPerSeed(_ program: CompiledProgram, _ c: Case, from coarse: (lr: Double, loss: Double)) -> (lr: Double, losses: [Double])? {
        var best = coarse
        guard best.loss.isFinite else { return nil }
        for step in [1.0 / 3, 1.0 / 9] {
            let center = best.lr
            for factor in [Foundation.pow(10, -step), Foundation.pow(10, step)] {
                let s = tuningLoss(program, c, lr: center * factor)
                if s < best.loss { best = (center * factor, s) }
            }
        }
        return evaluatedLosses(program, c, lr: best.lr).map { (best.lr, $0) }
    }

    static func mean(_ losses: [Double]) -> Double { losses.reduce(0, +) / Double(losses.count) }

    /// The final loss on each evaluation seed at rate `lr` (nil if one blew up).
    func evaluatedLosses(_ program: CompiledProgram, _ c: Case, lr: Double) -> [Double]? {
        let seed = setting.firstSeed, steps = setting.steps(c.task)
        var losses: [Double] = []
        for evaluation in (seed + 1)...(seed + UInt64(setting.evaluationSeeds)) {
            guard let loss = ProxyScoring.finalLoss(program, c.task.instance(seed: evaluation, scale: c.scale), lr: lr, seed: evaluation, steps: steps)
            else { return nil }
            losses.append(loss)
        }
        return losses
    }

    /// Tuned AdamW's final loss per evaluation seed, task and setting: the normaliser, computed once. Where the
    /// setting keeps the proxies' rates, AdamW keeps its own.
    private static let baselines = Mutex<[Setting: [Case: [Double]]]>([:])

    public func baseline(_ task: ProxyTask) -> Double { baseline(Case(task)) }

    /// Tuned AdamW's mean final loss over the evaluation seeds.
    func baseline(_ c: Case) -> Double { ProxyScoring.mean(seedBaselines(c)) }

    func seedBaselines(_ c: Case) -> [Double] {
        if let known = ProxyScoring.baselines.withLock({ $0[setting]?[c] }) { return known }
        let adamw = CompiledProgram(try! OptimizerProgram(parsing: StandardOptimizers.adamw))
        let found = setting.tunesRate ? tunedPerSeed(adamw, c, from: coarseTuning(adamw, c))?.losses
            : ProxyScoring(tasks: [c.task], setting: Setting.proxy.averaging(over: setting.evaluationSeeds).tuning(on: setting.tuningSeeds))
                .tuned(adamw, c).flatMap { evaluatedLosses(adamw, c, lr: $0.lr) }
        // A mean of losses floored one by one equals the floored mean of the earlier normaliser whenever AdamW trains.
        let losses = (found ?? [c.scale]).map { max($0, 1e-12 * c.scale) }
        ProxyScoring.baselines.withLock { $0[setting, default: [:]][c] = losses }
        return losses
    }

    /// log10 of each seed's final loss over `baseline`'s on the same seed.
    static func pairedLogRatios(_ losses: [Double], _ baseline: [Double]) -> [Double] {
        zip(losses, baseline).map { log10(max($0, 1e-300) / max($1, 1e-300)) }
    }

    /// The standard error of the mean of `values` (nil for fewer than two).
    static func standardError(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let mean = ProxyScoring.mean(values)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (variance / Double(values.count)).squareRoot()
    }

    /// log10 of a final loss over tuned AdamW's, within ±`worst`; a run that blew up (nil) scores the worst.
    public func normalized(loss: Double?, task: ProxyTask) -> Double { normalized(loss: loss, Case(task)) }

    func normalized(loss: Double?, _ c: Case) -> Double {
        guard let loss else { return ProxyScoring.worst }
        return min(max(log10(max(loss, 1e-300) / baseline(c)), -ProxyScoring.worst), ProxyScoring.worst)
    }

    /// Per task, log10 of the final loss over tuned AdamW's (within ±`worst`); the fitness is minus their mean.
    public func score(_ program: OptimizerProgram) -> (fitness: Double, normalized: [ProxyTask: Double]) {
        let scored = score(program, hurdle: nil)
        return (scored.fitness, scored.normalized)
    }

    /// The same with a hurdle, as in progressive dynamic hurdles (So et al. 2019): before the rate of a task at a
    /// scale (a case) is refined, when the mean of the cases scored so far and this case's coarse score is worse
    /// than `hurdle`, the rule stops there, and its fitness is minus that partial mean. Most children of a search
    /// train badly; this stops them after one coarse grid instead of every case's fourteen trainings, and a rule
    /// that clears the hurdle is scored exactly as without it. `normalized` then holds only the tasks reached, the
    /// last one from the cases reached, its last case coarse.
    public func score(_ program: OptimizerProgram, hurdle: Double?) -> Score {
        let compiled = CompiledProgram(program)
        var result = Score(fitness: 0, normalized: [:], rates: [:], stopped: false)
        var total = 0.0  // in case order, so that a resumed search sums exactly as an uninterrupted one
        var spread = TaskSpread(scales: scales.count)
        for (reached, c) in cases.enumerated() {
            let coarse = coarseTuning(compiled, c)
            if let hurdle {
                let coarseScore = normalized(loss: coarse.loss.isFinite ? coarse.loss : nil, c)
                let partial = (total + coarseScore) / Double(reached + 1)
                if partial > hurdle {
                    result.normalized[c.task] = (spread.taskTotal + coarseScore) / Double(reached % scales.count + 1)
                    result.fitness = -partial
                    result.stopped = true
                    return result
                }
            }
            let tuned = tunedPerSeed(compiled, c, from: coarse)
            let score = normalized(loss: tuned.map { ProxyScoring.mean($0.losses) }, c)
            result.rates[c] = tuned?.lr
            total += score
            spread.add(score, losses: tuned?.losses, c, into: &result, scoring: self)
        }
        result.fitness = -total / Double(cases.count)
        return result
    }

    /// At the rates given per task and scale, without tuning (the funnel's check): minus the mean normalised loss.
    public func score(_ program: OptimizerProgram, rates: [Case: Double]) -> Double { check(program, rates: rates).fitness }

    /// The funnel's check with each task's normalised loss (the mean over its scales) and its seeds' standard error
    /// beside the fitness.
    public func check(_ program: OptimizerProgram, rates: [Case: Double]) -> Score {
        let compiled = CompiledProgram(program)
        var result = Score(fitness: 0, normalized: [:], rates: rates, stopped: false)
        var total = 0.0, spread = TaskSpread(scales: scales.count)
        for c in cases {
            let losses = rates[c].flatMap { evaluatedLosses(compiled, c, lr: $0) }
            let score = normalized(loss: losses.map(ProxyScoring.mean), c)
            total += score
            spread.add(score, losses: losses, c, into: &result, scoring: self)
        }
        result.fitness = -total / Double(cases.count)
        return result
    }

    /// Sums one task's cases, scale by scale, into its normalised loss and its seeds' standard error.
    private struct TaskSpread {
        let scales: Int
        var taskTotal = 0.0, cases = 0
        /// Per seed, the sum over the task's scales of log10 of the loss over AdamW's (nil once a run blew up).
        var seedTotals: [Double]? = []

        init(scales: Int) { self.scales = scales }

        mutating func add(_ score: Double, losses: [Double]?, _ c: Case, into result: inout Score, scoring: ProxyScoring) {
            taskTotal += score
            cases += 1
            if let losses, let totals = seedTotals {
                let ratios = ProxyScoring.pairedLogRatios(losses, scoring.seedBaselines(c))
                seedTotals = totals.isEmpty ? ratios : zip(totals, ratios).map(+)
            } else {
                seedTotals = nil
            }
            guard cases == scales else { return }
            result.normalized[c.task] = taskTotal / Double(scales)
            if let error = seedTotals.flatMap({ ProxyScoring.standardError($0) }) { result.standardErrors[c.task] = error / Double(scales) }
            self = TaskSpread(scales: scales)
        }
    }
}

extension ProxyScoring {
    /// The program with each constant rounded to the fewest significant digits (1 to 3) that keep the fitness
    /// (by `objective`) within `tolerance` of the unrounded program's, constant by constant in program order.
    public func roundingConstants(of program: OptimizerProgram, tolerance: Double = 0.005,
                                  objective: OptimizerEvaluator.Objective = .mean) -> OptimizerProgram {
        func fitness(_ program: OptimizerProgram) -> Double { objective.fitness(score(program, hurdle: nil)) }
        let target = fitness(program)
        var current = program
        for (i, statement) in program.statements.enumerated() {
            for (k, argument) in statement.arguments.enumerated() {
                guard case .constant(let c) = argument, c != 0 else { continue }
                for digits in 1...3 {
                    let rounded = Double(String(format: "%.\(digits)g", c))!
                    if rounded == c { break }
                    var trial = current
                    trial.statements[i].arguments[k] = .constant(rounded)
                    if abs(fitness(trial) - target) <= tolerance {
                        current = trial
                        break
                    }
                }
            }
        }
        return current
    }
}
