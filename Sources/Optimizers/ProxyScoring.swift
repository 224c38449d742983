import Foundation

/// Scores an update rule on the proxy tasks: per task, the learning rate is tuned on seed 0 over a log grid
/// (one value a decade from 1e-4 to 1e3, then a third of a decade either side of the best), the final loss is
/// the mean over seeds 1 and 2 at that rate, under a cosine schedule. Normalised, it is log10 of its ratio to
/// tuned AdamW's, clipped to [-2, 2] (losses span decades across tasks; a log keeps one task from dominating).
/// A run that produces NaN or infinity, or whose parameters pass 1e6, scores the worst, 2 (100 times AdamW's).
public struct ProxyScoring: Sendable {
    public let tasks: [ProxyTask]
    public static let worst = 2.0

    public init(tasks: [ProxyTask] = ProxyTask.allCases) { self.tasks = tasks }

    /// The final training loss, or nil when training blew up.
    public static func finalLoss(_ program: CompiledProgram, _ instance: ProxyInstance, lr: Double, seed: UInt64) -> Double? {
        var w = instance.start
        let n = w.count
        var m = [Double](repeating: 0, count: n), v = m
        var random = TaskRandom(seed: seed &* 31 &+ 7)
        var scratch = CompiledProgram.Scratch(program: program, size: n)
        let steps = instance.task.steps
        for t in 0..<steps {
            let g = instance.gradient(w, random: &random)
            let rate = lr * 0.5 * (1 + cos(Double.pi * Double(t) / Double(steps)))
            let out = scratch.step(w: w, g: g, m: m, v: v, lr: rate)
            for i in 0..<n {
                w[i] -= out.update[i]
                if !w[i].isFinite || abs(w[i]) > 1e6 { return nil }
            }
            m = out.m
            v = out.v
        }
        let loss = instance.loss(w)
        return loss.isFinite ? loss : nil
    }

    /// The tuned learning rate and mean final loss on seeds 1 and 2 (nil if every rate blew up).
    public static func tuned(_ program: CompiledProgram, task: ProxyTask) -> (lr: Double, loss: Double)? {
        let tuning = task.instance(seed: 0)
        func score(_ lr: Double) -> Double { finalLoss(program, tuning, lr: lr, seed: 0) ?? .infinity }
        var best = (lr: 0.0, loss: Double.infinity)
        for k in -4...3 {
            let lr = Foundation.pow(10, Double(k))
            let s = score(lr)
            if s < best.loss { best = (lr, s) }
        }
        guard best.loss.isFinite else { return nil }
        for factor in [Foundation.pow(10, -1.0 / 3), Foundation.pow(10, 1.0 / 3)] {
            let s = score(best.lr * factor)
            if s < best.loss { best = (best.lr * factor, s) }
        }
        var total = 0.0
        for seed: UInt64 in [1, 2] {
            guard let loss = finalLoss(program, task.instance(seed: seed), lr: best.lr, seed: seed) else { return nil }
            total += loss
        }
        return (best.lr, total / 2)
    }

    /// Tuned AdamW's loss per task: the normaliser.
    public static let baseline: [ProxyTask: Double] = {
        let adamw = CompiledProgram(try! OptimizerProgram(parsing: StandardOptimizers.adamw))
        var out: [ProxyTask: Double] = [:]
        for task in ProxyTask.allCases { out[task] = max(tuned(adamw, task: task)?.loss ?? 1, 1e-12) }
        return out
    }()

    /// Per task, log10 of the final loss over tuned AdamW's (within ±`worst`); the fitness is minus their mean.
    public func score(_ program: OptimizerProgram) -> (fitness: Double, normalized: [ProxyTask: Double]) {
        let compiled = CompiledProgram(program)
        var normalized: [ProxyTask: Double] = [:]
        for task in tasks {
            let loss = ProxyScoring.tuned(compiled, task: task)?.loss
            let ratio = loss.map { log10(max($0, 1e-300) / ProxyScoring.baseline[task]!) } ?? ProxyScoring.worst
            normalized[task] = min(max(ratio, -ProxyScoring.worst), ProxyScoring.worst)
        }
        let mean = tasks.map { normalized[$0]! }.reduce(0, +) / Double(tasks.count)
        return (-mean, normalized)
    }
}
