import Foundation

/// A small training problem with a hand-written gradient, on which update rules are scored. Data and
/// starting points come from the seed alone; minibatch noise from a generator the trainer passes.
public enum ProxyTask: String, CaseIterable, Codable, Sendable {
    /// 0.5 Σ λ_i (w_i - c_i)² with λ log-spaced over three decades (n = 20) and the optimum c drawn from
    /// N(0, 1), so that pulling weights to 0 is no shortcut. The gradient carries additive noise of
    /// standard deviation 0.3 sqrt(λ_i), as a minibatch gradient of least squares does, so that the final loss
    /// rests on how a rule averages noise under the decaying schedule.
    case quadratic
    /// Logistic regression, d = 10, 256 synthetic points, minibatches of 32.
    case logistic
    /// A tanh MLP 2-8-1 on two interleaved spirals (128 points), minibatches of 16, squared error.
    case mlp
    /// A tanh MLP 1-16-1 fitting sin(3x) plus noise (128 points in [-1, 1]), minibatches of 8, squared error.
    case regression
    /// A tanh MLP 4-8-3 with softmax cross-entropy on three classes (192 points in R^4, each class three Gaussian
    /// clusters of standard deviation 0.4 around centres drawn from N(0, 1)), minibatches of 16. Not among the standard four: a spec or `compare --task` asks for it.
    case classification

    /// The tasks a spec without "tasks" and a comparison without tasks use.
    public static let standard: [ProxyTask] = [.quadratic, .logistic, .mlp, .regression]

    public var steps: Int {
        switch self {
        case .quadratic: return 200
        case .logistic: return 200
        case .mlp: return 300
        case .regression: return 300
        case .classification: return 300
        }
    }

    /// A task instance: its data and starting point for a seed, its loss multiplied by `scale`.
    public func instance(seed: UInt64, scale: Double = 1) -> ProxyInstance { ProxyInstance(task: self, seed: seed, scale: scale) }
}

/// A deterministic xorshift generator for task data and minibatches.
public struct TaskRandom: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 | 1 }
    public mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    public mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * .pi * v)
    }
    public mutating func index(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// One task with its data: the loss, a (minibatch) gradient, and the starting parameters. The loss (and so the
/// gradient) may be multiplied by a scale: a rule that is free of the gradient's scale, as AdamW and Lion are,
/// trains alike at every scale (bit for bit at powers of 2), while one that carries an absolute threshold does not.
public struct ProxyInstance: Sendable {
    public let task: ProxyTask
    public let start: [Double]
    public let scale: Double
    /// The data points' inputs, row after row (`width` numbers each: a flat array, so that the training loop reads
    /// them without reference counting), and their labels.
    let inputs: [Double]
    let width: Int
    let labels: [Double]
    let curvature: [Double]
    let optimum: [Double]

    init(task: ProxyTask, seed: UInt64, scale: Double = 1) {
        self.task = task
        self.scale = scale
        var r = TaskRandom(seed: seed &+ UInt64(ProxyTask.allCases.firstIndex(of: task)!) &* 7919)
        let features: [[Double]]
        switch task {
        case .quadratic:
            curvature = (0..<20).map { Foundation.pow(10, 3 * Double($0) / 19) }
            start = (0..<20).map { _ in r.normal() }
            optimum = (0..<20).map { _ in r.normal() }
            features = []; labels = []
        case .logistic:
            let truth = (0..<10).map { _ in r.normal() }
            features = (0..<256).map { _ in (0..<10).map { _ in r.normal() } }
            labels = features.map { x in
                let z = zip(x, truth).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * r.normal()
                return z > 0 ? 1 : 0
            }
            start = Array(repeating: 0, count: 11)
            curvature = []; optimum = []
        case .mlp:
            var xs: [[Double]] = [], ys: [Double] = []
            for i in 0..<64 {
                let t = 3 * Double.pi * Double(i) / 64, radius = 0.2 + 0.8 * Double(i) / 64
                for (label, phase) in [(1.0, 0.0), (-1.0, Double.pi)] {
                    xs.append([radius * cos(t + phase) + 0.02 * r.normal(), radius * sin(t + phase) + 0.02 * r.normal()])
                    ys.append(label)
                }
            }
            features = xs; labels = ys
            // 2-8-1: W1 (8x2), b1 (8), W2 (8), b2 (1).
            start = (0..<16).map { _ in r.normal() * 0.7 } + Array(repeating: 0, count: 8) + (0..<8).map { _ in r.normal() * 0.35 } + [0]
            curvature = []; optimum = []
        case .regression:
            features = (0..<128).map { _ in [2 * r.uniform() - 1] }
            labels = features.map { Foundation.sin(3 * $0[0]) + 0.05 * r.normal() }
            // 1-16-1: W1 (16), b1 (16), W2 (16), b2 (1).
            let inputWeights: [Double] = (0..<16).map { _ in r.normal() }
            let biases: [Double] = (0..<16).map { _ in 0.5 * r.normal() }
            let outputWeights: [Double] = (0..<16).map { _ in 0.25 * r.normal() }
            start = inputWeights + biases + outputWeights + [0]
            curvature = []; optimum = []
        case .classification:
            let centres = (0..<9).map { _ in (0..<4).map { _ in r.normal() } }
            var xs: [[Double]] = [], ys: [Double] = []
            for i in 0..<192 {
                let label = i % 3, centre = centres[3 * label + (i / 3) % 3]
                xs.append(centre.map { $0 + 0.4 * r.normal() })
                ys.append(Double(label))
            }
            features = xs; labels = ys
            // 4-8-3: W1 (8x4), b1 (8), W2 (3x8, a row per class), b2 (3).
            start = (0..<32).map { _ in r.normal() * 0.5 } + Array(repeating: 0, count: 8) + (0..<24).map { _ in r.normal() * 0.35 }
                + Array(repeating: 0, count: 3)
            curvature = []; optimum = []
        }
        inputs = features.flatMap { $0 }
        width = features.first?.count ?? 0
    }

    /// The full-data loss at w.
    public func loss(_ w: [Double]) -> Double { scale * unscaledLoss(w) }

    private func unscaledLoss(_ w: [Double]) -> Double {
        switch task {
        case .quadratic: return 0.5 * w.indices.reduce(0) { $0 + curvature[$1] * (w[$1] - optimum[$1]) * (w[$1] - optimum[$1]) }
        case .logistic:
            return withBuffers(w) { w, x in
                labels.indices.reduce(0) { total, i in
                    let z = logit(w, x, row: i)
                    return total + max(z, 0) - z * labels[i] + Foundation.log1p(Foundation.exp(-abs(z)))
                } / Double(labels.count)
            }
        case .mlp, .regression:
            return withBuffers(w) { w, x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: hiddenWidth) { hidden in
                    labels.indices.reduce(0) { total, i in
                        let d = network(w, x, row: i, inputs: width, hidden: hidden, width: hiddenWidth) - labels[i]
                        return total + 0.5 * d * d
                    }
                } / Double(labels.count)
            }
        case .classification:
            return withBuffers(w) { w, x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 8 + 3) { buffer in
                    let hidden = UnsafeMutableBufferPointer(rebasing: buffer[0..<8]), p = UnsafeMutableBufferPointer(rebasing: buffer[8..<11])
                    return labels.indices.reduce(0) { total, i in
                        let logSum = classLogits(w, x, row: i, hidden: hidden, into: p)
                        return total + logSum - p[Int(labels[i])]
                    } / Double(labels.count)
                }
            }
        }
    }

    /// The gradient at w: of a minibatch (logistic, the MLPs) or with additive noise (quadratic).
    public func gradient(_ w: [Double], random: inout TaskRandom) -> [Double] {
        var g = [Double](repeating: 0, count: w.count)
        gradient(w, into: &g, random: &random)
        return g
    }

    /// The same into a buffer of w's size, without allocating (the hot loop of proxy training).
    public func gradient(_ w: [Double], into g: inout [Double], random: inout TaskRandom) {
        switch task {
        case .quadratic:
            for j in 0..<w.count { g[j] = curvature[j] * (w[j] - optimum[j]) + 0.3 * curvature[j].squareRoot() * random.normal() }
        case .logistic:
            g.withUnsafeMutableBufferPointer { g in
                withBuffers(w) { w, x in
                    for j in g.indices { g[j] = 0 }
                    for _ in 0..<32 {
                        let i = random.index(labels.count)
                        let d = (1 / (1 + Foundation.exp(-logit(w, x, row: i))) - labels[i]) / 32
                        for j in 0..<width { g[j] += d * x[i * width + j] }
                        g[width] += d
                    }
                }
            }
        // Constant shapes, so that the shared code below compiles to loops of known length.
        case .mlp: backpropagate(w, into: &g, random: &random, inputs: 2, hidden: 8, batch: 16)
        case .regression: backpropagate(w, into: &g, random: &random, inputs: 1, hidden: 16, batch: 8)
        case .classification: backpropagateClassifier(w, into: &g, random: &random)
        }
        if scale != 1 { for j in g.indices { g[j] *= scale } }
    }

    /// The minibatch gradient of a network with one hidden layer, by backpropagation.
    @inline(__always)
    private func backpropagate(_ w: [Double], into g: inout [Double], random: inout TaskRandom, inputs d: Int, hidden h: Int, batch: Int) {
        g.withUnsafeMutableBufferPointer { g in
            withBuffers(w) { w, x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: h) { hidden in
                    for j in g.indices { g[j] = 0 }
                    for _ in 0..<batch {
                        let i = random.index(labels.count)
                        let error = (network(w, x, row: i, inputs: d, hidden: hidden, width: h) - labels[i]) / Double(batch)
                        for k in 0..<h {
                            g[(d + 1) * h + k] += error * hidden[k]
                            let dh = error * w[(d + 1) * h + k] * (1 - hidden[k] * hidden[k])
                            for j in 0..<d { g[d * k + j] += dh * x[d * i + j] }
                            g[d * h + k] += dh
                        }
                        g[(d + 2) * h] += error
                    }
                }
            }
        }
    }

    /// The minibatch gradient of the 4-8-3 classifier's cross-entropy, by backpropagation.
    private func backpropagateClassifier(_ w: [Double], into g: inout [Double], random: inout TaskRandom) {
        let (d, h, classes, batch) = (4, 8, 3, 16)
        g.withUnsafeMutableBufferPointer { g in
            withBuffers(w) { w, x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: h + classes) { buffer in
                    let hidden = UnsafeMutableBufferPointer(rebasing: buffer[0..<h]), p = UnsafeMutableBufferPointer(rebasing: buffer[h...])
                    for j in g.indices { g[j] = 0 }
                    for _ in 0..<batch {
                        let i = random.index(labels.count)
                        let logSum = classLogits(w, x, row: i, hidden: hidden, into: p)
                        for c in 0..<classes { p[c] = (Foundation.exp(p[c] - logSum) - (c == Int(labels[i]) ? 1 : 0)) / Double(batch) }
                        for k in 0..<h {
                            var back = 0.0
                            for c in 0..<classes {
                                g[(d + 1) * h + c * h + k] += p[c] * hidden[k]
                                back += p[c] * w[(d + 1) * h + c * h + k]
                            }
                            let dh = back * (1 - hidden[k] * hidden[k])
                            for j in 0..<d { g[d * k + j] += dh * x[d * i + j] }
                            g[d * h + k] += dh
                        }
                        for c in 0..<classes { g[(d + 1 + classes) * h + c] += p[c] }
                    }
                }
            }
        }
    }

    /// The classifier's logits at data point i into `logits`, its hidden activations into `hidden`; returns
    /// log Σ exp(logits), so that a class's log-probability is its logit less that.
    private func classLogits(_ w: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, row i: Int,
                                    hidden: UnsafeMutableBufferPointer<Double>, into logits: UnsafeMutableBufferPointer<Double>) -> Double {
        let (d, h, classes) = (4, 8, 3)
        hiddenLayer(w, x, row: i, inputs: d, hidden: hidden, width: h)
        var largest = -Double.infinity
        for c in 0..<classes {
            var z = w[(d + 1 + classes) * h + c]
            for k in 0..<h { z += w[(d + 1) * h + c * h + k] * hidden[k] }
            logits[c] = z
            largest = max(largest, z)
        }
        var sum = 0.0
        for c in 0..<classes { sum += Foundation.exp(logits[c] - largest) }
        return largest + Foundation.log(sum)
    }

    /// The weights and the inputs as buffers, for loops without reference counting or exclusivity checks.
    private func withBuffers<R>(_ w: [Double], _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R) -> R {
        w.withUnsafeBufferPointer { w in inputs.withUnsafeBufferPointer { x in body(w, x) } }
    }

    private func logit(_ w: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, row i: Int) -> Double {
        var z = w[width]
        for j in 0..<width { z += w[j] * x[i * width + j] }
        return z
    }

    /// tanh over the hidden layer (its width a multiple of 8), eight units at a time.
    private func activate(_ hidden: UnsafeMutableBufferPointer<Double>, width h: Int) {
        for k in stride(from: 0, to: h, by: 8) {
            var x = SIMD8<Double>()
            for lane in 0..<8 { x[lane] = hidden[k + lane] }
            let t = inlineTanh(x)
            for lane in 0..<8 { hidden[k + lane] = t[lane] }
        }
    }

    /// Hidden units of the MLP (2-8-1) and of the regression network (1-16-1); `gradient` repeats them as constants.
    private var hiddenWidth: Int { task == .mlp ? 8 : 16 }

    /// The network's output at data point i, its hidden activations written to `hidden`. Both networks lay their
    /// weights out alike: W1 (hidden x width, row by row), b1, W2, then b2.
    @inline(__always)
    private func network(_ w: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, row i: Int, inputs d: Int,
                         hidden: UnsafeMutableBufferPointer<Double>, width h: Int) -> Double {
        hiddenLayer(w, x, row: i, inputs: d, hidden: hidden, width: h)
        var output = w[(d + 2) * h]
        for k in 0..<h { output += w[(d + 1) * h + k] * hidden[k] }
        return output
    }

    /// tanh(W1 x_i + b1) into `hidden`: the first layer of every network here (W1 hidden x inputs, row by row, then b1).
    @inline(__always)
    private func hiddenLayer(_ w: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, row i: Int, inputs d: Int,
                             hidden: UnsafeMutableBufferPointer<Double>, width h: Int) {
        for k in 0..<h {
            var z = w[d * h + k]
            for j in 0..<d { z += w[d * k + j] * x[d * i + j] }
            hidden[k] = z
        }
        activate(hidden, width: h)
    }
}
