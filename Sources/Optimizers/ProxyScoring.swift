import Foundation
import Synchronization

/// Scores an update rule on the proxy tasks: per task, the learning rate is tuned on one data seed over a log
/// grid (one value a decade from 1e-4 to 1e3, then a third and a ninth of a decade either side of the best), the final loss
/// is the mean over two more seeds at that rate, under a cosine schedule. Normalised, it is log10 of its ratio
/// to tuned AdamW's in the same setting, clipped to [-2, 2] (losses span decades across tasks; a log keeps one
/// task from dominating). A run that produces NaN or infinity, or whose parameters pass 1e6, scores the worst,
/// 2 (100 times AdamW's).
public struct ProxyScoring: Sendable {
    /// Where the tasks are trained: the proxies themselves, or the funnel's check, which trains twice as long on
    /// data the search never saw.
    public struct Setting: Hashable, Sendable {
        public var stepScale: Int
        public var firstSeed: UInt64
        public static let proxy = Setting(stepScale: 1, firstSeed: 0)
        public static let funnel = Setting(stepScale: 2, firstSeed: 100)
        func steps(_ task: ProxyTask) -> Int { task.steps * stepScale }
    }

    public let tasks: [ProxyTask]
    public let setting: Setting
    public static let worst = 2.0

    public init(tasks: [ProxyTask] = ProxyTask.allCases, setting: Setting = .proxy) {
        self.tasks = tasks
        self.setting = setting
    }

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

    /// The tuned learning rate and mean final loss on the two evaluation seeds (nil if every rate blew up).
    public func tuned(_ program: CompiledProgram, task: ProxyTask) -> (lr: Double, loss: Double)? {
        let seed = setting.firstSeed, steps = setting.steps(task)
        let tuning = task.instance(seed: seed)
        func score(_ lr: Double) -> Double { ProxyScoring.finalLoss(program, tuning, lr: lr, seed: seed, steps: steps) ?? .infinity }
        var best = (lr: 0.0, loss: Double.infinity)
        for k in -4...3 {
            let lr = Foundation.pow(10, Double(k))
            let s = score(lr)
            if s < best.loss { best = (lr, s) }
        }
        guard best.loss.isFinite else { return nil }
        // Refined to a ninth of a decade, so that a constant factor on lr gains little.
        for step in [1.0 / 3, 1.0 / 9] {
            let center = best.lr
            for factor in [Foundation.pow(10, -step), Foundation.pow(10, step)] {
                let s = score(center * factor)
                if s < best.loss { best = (center * factor, s) }
            }
        }
        var total = 0.0
        for evaluation in [seed + 1, seed + 2] {
            guard let loss = ProxyScoring.finalLoss(program, task.instance(seed: evaluation), lr: best.lr, seed: evaluation, steps: steps) else { return nil }
            total += loss
        }
        return (best.lr, total / 2)
    }

    /// Tuned AdamW's loss per task and setting: the normaliser, computed once.
    private static let baselines = Mutex<[Setting: [ProxyTask: Double]]>([:])

    public func baseline(_ task: ProxyTask) -> Double {
        if let known = ProxyScoring.baselines.withLock({ $0[setting]?[task] }) { return known }
        let adamw = CompiledProgram(try! OptimizerProgram(parsing: StandardOptimizers.adamw))
        let loss = max(tuned(adamw, task: task)?.loss ?? 1, 1e-12)
        ProxyScoring.baselines.withLock { $0[setting, default: [:]][task] = loss }
        return loss
    }

    /// log10 of a final loss over tuned AdamW's, within ±`worst`; a run that blew up (nil) scores the worst.
    public func normalized(loss: Double?, task: ProxyTask) -> Double {
        guard let loss else { return ProxyScoring.worst }
        return min(max(log10(max(loss, 1e-300) / baseline(task)), -ProxyScoring.worst), ProxyScoring.worst)
    }

    /// Per task, log10 of the final loss over tuned AdamW's (within ±`worst`); the fitness is minus their mean.
    public func score(_ program: OptimizerProgram) -> (fitness: Double, normalized: [ProxyTask: Double]) {
        let compiled = CompiledProgram(program)
        var normalized: [ProxyTask: Double] = [:]
        for task in tasks { normalized[task] = self.normalized(loss: tuned(compiled, task: task)?.loss, task: task) }
        let mean = tasks.map { normalized[$0]! }.reduce(0, +) / Double(tasks.count)
        return (-mean, normalized)
    }
}

extension ProxyScoring {
    /// The program with each constant rounded to the fewest significant digits (1 to 3) that keep the fitness
    /// within `tolerance` of the unrounded program's, constant by constant in program order.
    public func roundingConstants(of program: OptimizerProgram, tolerance: Double = 0.005) -> OptimizerProgram {
        let target = score(program).fitness
        var current = program
        for (i, statement) in program.statements.enumerated() {
            for (k, argument) in statement.arguments.enumerated() {
                guard case .constant(let c) = argument, c != 0 else { continue }
                for digits in 1...3 {
                    let rounded = Double(String(format: "%.\(digits)g", c))!
                    if rounded == c { break }
                    var trial = current
                    trial.statements[i].arguments[k] = .constant(rounded)
                    if abs(score(trial).fitness - target) <= tolerance {
                        current = trial
                        break
                    }
                }
            }
        }
        return current
    }
}
