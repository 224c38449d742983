import Foundation
import Optimizers
import Testing

/// The proxy tasks and their scoring: gradients against finite differences, the known rules' standing.
@Suite struct ProxyTests {
    @Test func gradientsMatchFiniteDifferences() {
        for task in [ProxyTask.logistic, .quadratic] {
            let instance = task.instance(seed: 3)
            var random = TaskRandom(seed: 1)
            let w = instance.start.map { $0 + 0.3 * random.normal() }
            var noise = TaskRandom(seed: 5)
            // The full-data gradient is the mean of minibatch (or noisy) gradients; compare a long average.
            var g = [Double](repeating: 0, count: w.count)
            let draws = task == .quadratic ? 100_000 : 4000
            for _ in 0..<draws { for (i, x) in instance.gradient(w, random: &noise).enumerated() { g[i] += x / Double(draws) } }
            for i in 0..<w.count {
                var up = w, down = w
                up[i] += 1e-6
                down[i] -= 1e-6
                let numeric = (instance.loss(up) - instance.loss(down)) / 2e-6
                #expect(abs(numeric - g[i]) <= 0.02 * max(1, abs(numeric)), "\(task) \(i): \(numeric) vs \(g[i])")
            }
        }
        // The MLPs' backpropagation: the mean of many minibatch gradients must agree with the full-data loss.
        for (task, indices) in [(ProxyTask.mlp, [0, 5, 17, 25, 32]), (.regression, [0, 7, 20, 40, 48])] {
            let instance = task.instance(seed: 2)
            var noise = TaskRandom(seed: 9)
            var g = [Double](repeating: 0, count: instance.start.count)
            for _ in 0..<6000 { for (i, x) in instance.gradient(instance.start, random: &noise).enumerated() { g[i] += x / 6000 } }
            for i in indices {
                var up = instance.start, down = instance.start
                up[i] += 1e-6
                down[i] -= 1e-6
                let numeric = (instance.loss(up) - instance.loss(down)) / 2e-6
                #expect(abs(numeric - g[i]) <= 0.05 * max(0.05, abs(numeric)), "\(task) \(i): \(numeric) vs \(g[i])")
            }
        }
    }

    @Test func adamwScoresOneAndTheKnownRulesStandWhereExpected() throws {
        let scoring = ProxyScoring()
        let adamw = scoring.score(try OptimizerProgram(parsing: StandardOptimizers.adamw))
        #expect(abs(adamw.fitness) < 1e-9)
        let lion = scoring.score(try OptimizerProgram(parsing: StandardOptimizers.lion))
        let momentum = scoring.score(try OptimizerProgram(parsing: StandardOptimizers.momentum))
        print("lion \(lion.normalized) momentum \(momentum.normalized)")
        #expect(lion.fitness > -ProxyScoring.worst && momentum.fitness > -ProxyScoring.worst)
        // A rule that does nothing scores far below; one that explodes scores the worst.
        let still = scoring.score(try OptimizerProgram(parsing: "update = g * 0.0\nreturn update, m, v"))
        #expect(still.fitness < lion.fitness && still.fitness < adamw.fitness)
        let wild = scoring.score(try OptimizerProgram(parsing: "a = exp(g)\nb = a * 1e300\nupdate = b * b\nreturn update, m, v"))
        #expect(wild.fitness == -ProxyScoring.worst)
    }
}
