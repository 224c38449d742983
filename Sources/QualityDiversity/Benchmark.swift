import CSearchKernels
import Foundation
import SearchEngine

/// The standard small quality-diversity benchmarks, set up as pyribs' tutorials set them up, so that
/// archives and scores compare side by side.
public enum Benchmark: String, Codable, Sendable, CaseIterable {
    /// A planar arm of n unit links; a solution is the n joint angles in [-pi, pi]. Fitness is minus the
    /// variance of the angles (smooth arms are better), the descriptor the end effector's (x, y).
    case arm
    /// Sphere with the linear-projection descriptor (Fontaine et al. 2020, §4): the optimum moved to 0.4 * 5.12
    /// in every coordinate, fitness normalised to [0, 100]; the descriptor sums the first and the second half
    /// of the coordinates, each clipped to [-5.12, 5.12] (a coordinate x outside becomes 5.12/x).
    case sphere
    /// Rastrigin on the same projection: 10 n + sum (x_i^2 - 10 cos(2 pi x_i)) of the shifted coordinates,
    /// normalised to [0, 100] the same way.
    case rastrigin

    /// Bounds of each coordinate of a solution (nil: unbounded).
    public func bounds(dimensions: Int) -> ClosedRange<Double>? { self == .arm ? -Double.pi...Double.pi : nil }

    /// The descriptor ranges of the archive.
    public func descriptorRange(dimensions: Int) -> (lower: [Double], upper: [Double]) {
        let reach = self == .arm ? Double(dimensions) : Double(dimensions) / 2 * 5.12
        return ([-reach, -reach], [reach, reach])
    }

    /// A lower bound of the fitness, the offset of the QD score (so that every elite adds).
    public func fitnessFloor(dimensions: Int) -> Double { self == .arm ? -Double.pi * Double.pi : 0 }

    public func evaluate(_ x: [Double]) -> Evaluation {
        var descriptor = [0.0, 0.0]
        let fitness = x.withUnsafeBufferPointer { x in descriptor.withUnsafeMutableBufferPointer { evaluate(x, descriptor: $0) } }
        return Evaluation(fitness: fitness, descriptor: descriptor)
    }

    /// The fitness of `x`, its two descriptor values written into `descriptor`.
    public func evaluate(_ x: UnsafeBufferPointer<Double>, descriptor: UnsafeMutableBufferPointer<Double>) -> Double {
        switch self {
        case .arm:
            return -apery_planar_arm(x.baseAddress, x.count, &descriptor[0], &descriptor[1])
        case .sphere, .rastrigin:
            let shift = 5.12 * 0.4
            let n = Double(x.count)
            var raw = 0.0, first = 0.0, second = 0.0
            for i in x.indices {
                let xi = x[i], d = xi - shift
                raw += self == .sphere ? d * d : d * d - 10 * cos(2 * Double.pi * d)
                let clipped = abs(xi) > 5.12 ? 5.12 / xi : xi
                if i < x.count / 2 { first += clipped } else { second += clipped }
            }
            if self == .rastrigin { raw += 10 * n }
            let worst = self == .sphere ? (-5.12 - shift) * (-5.12 - shift) * n
                                        : ((-5.12 - shift) * (-5.12 - shift) - 10 * cos(2 * Double.pi * (-5.12 - shift)) + 10) * n
            descriptor[0] = first
            descriptor[1] = second
            return (raw - worst) / (0 - worst) * 100
        }
    }
}

/// Real vectors varied by Gaussian noise (pyribs' GaussianEmitter): the start is x0 = 0 plus noise, a child
/// its parent plus N(0, sigma^2) in every coordinate (ziggurat draws: most of a cheap evaluation's cost was the
/// noise), clipped to the bounds.
public struct GaussianVectors: ColumnarProblem {
    public typealias Candidate = Vector
    public let dimensions: Int
    public let sigma: Double
    public let bounds: ClosedRange<Double>?

    public init(dimensions: Int, sigma: Double, bounds: ClosedRange<Double>?) {
        self.dimensions = dimensions
        self.sigma = sigma
        self.bounds = bounds
    }

    public var width: Int { dimensions }

    public func drawVariation(into child: UnsafeMutableBufferPointer<Double>, using random: inout SeededGenerator) {
        random.zigguratNoise(sigma, into: child)
    }

    public func completeVariation(of parent: UnsafeBufferPointer<Double>, in child: UnsafeMutableBufferPointer<Double>) {
        for i in child.indices { child[i] = parent[i] + child[i] }
        clip(child)
    }

    public func initial(into child: UnsafeMutableBufferPointer<Double>, using random: inout SeededGenerator) {
        child.update(repeating: 0)
        random.addZigguratNoise(sigma, to: child)
        clip(child)
    }

    /// Clips to the bounds, in place.
    private func clip(_ child: UnsafeMutableBufferPointer<Double>) {
        if let bounds {
            for i in child.indices { child[i] = min(max(child[i], bounds.lowerBound), bounds.upperBound) }
        }
    }
}

/// Evaluates a benchmark's solutions, one at a time or a columnar batch at once; no per-worker state.
public struct BenchmarkEvaluator: ColumnarEvaluator {
    public typealias Candidate = Vector
    public let benchmark: Benchmark
    public init(benchmark: Benchmark) { self.benchmark = benchmark }
    public var descriptorWidth: Int { 2 }

    public func evaluate(_ solutions: UnsafeBufferPointer<Double>, fitness: UnsafeMutableBufferPointer<Double>,
                         descriptors: UnsafeMutableBufferPointer<Double>) {
        let width = solutions.count / max(fitness.count, 1)
        for i in fitness.indices {
            fitness[i] = benchmark.evaluate(UnsafeBufferPointer(rebasing: solutions[i * width ..< (i + 1) * width]),
                                            descriptor: UnsafeMutableBufferPointer(rebasing: descriptors[2 * i ..< 2 * i + 2]))
        }
    }
}
