import CSearchKernels
import Foundation
import QualityDiversity
import SearchEngine
import Testing

@Suite struct BenchmarkTests {
    @Test func armEndEffectorAndFitness() {
        // Straight arm: the end effector at (n, 0), variance 0.
        let straight = Benchmark.arm.evaluate([0, 0, 0, 0])
        #expect(straight.fitness == 0 && abs(straight.descriptor[0] - 4) < 1e-12 && abs(straight.descriptor[1]) < 1e-12)
        // Two links, the second bent by pi/2: (1, 1); angles 0 and pi/2 have variance pi^2/16.
        let bent = Benchmark.arm.evaluate([0, Double.pi / 2])
        #expect(abs(bent.descriptor[0] - 1) < 1e-12 && abs(bent.descriptor[1] - 1) < 1e-12)
        #expect(abs(bent.fitness! + Double.pi * Double.pi / 16) < 1e-12)
    }

    /// The vector sines and cosines and the split sums agree with a plain loop, for lengths that fill the lanes,
    /// leave a tail, or fit in one partial vector.
    @Test func armMatchesAPlainLoop() {
        var random = SeededGenerator(seed: 4)
        for n in [1, 3, 8, 10, 13, 100] {
            let angles = (0..<n).map { _ in Double.pi * (2 * random.unit() - 1) }
            var angle = 0.0, x = 0.0, y = 0.0
            for a in angles { angle += a; x += cos(angle); y += sin(angle) }
            let mean = angles.reduce(0, +) / Double(n)
            let variance = angles.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
            let arm = Benchmark.arm.evaluate(angles)
            #expect(abs(arm.descriptor[0] - x) < 1e-12 * Double(n) && abs(arm.descriptor[1] - y) < 1e-12 * Double(n), "\(n) joints")
            #expect(abs(arm.fitness! + variance) < 1e-13, "\(n) joints")
        }
    }

    /// The eight-lane kernel gives the four-lane kernel's end effector bit for bit (so that an archive does not
    /// depend on which of them the processor runs), for lengths that fill its lanes or leave four-lane blocks and tails
    /// (where the processor has no AVX-512 there is nothing to compare).
    @Test func armKernelsOfFourAndEightLanesAgreeBitForBit() {
        var random = SeededGenerator(seed: 9)
        var probe = (0.0, 0.0)
        guard apery_planar_arm_kernel(1, [0.5], 1, &probe.0, &probe.1) == 0,
              apery_planar_arm_kernel(2, [0.5], 1, &probe.0, &probe.1) == 0 else { return }
        for n in [1, 4, 7, 8, 9, 12, 15, 16, 17, 100, 101, 131] {
            for trial in 0..<50 {
                let range = trial % 5 == 0 ? 100.0 : Double.pi
                let angles = (0..<n).map { _ in range * (2 * random.unit() - 1) }
                var four = (0.0, 0.0), eight = (0.0, 0.0)
                _ = apery_planar_arm_kernel(1, angles, n, &four.0, &four.1)
                _ = apery_planar_arm_kernel(2, angles, n, &eight.0, &eight.1)
                #expect(four.0.bitPattern == eight.0.bitPattern && four.1.bitPattern == eight.1.bitPattern, "\(n) joints")
            }
        }
    }

    @Test func sphereAndRastriginAreNormalisedAndProjected() {
        let optimum = [Double](repeating: 5.12 * 0.4, count: 20)
        #expect(abs(Benchmark.sphere.evaluate(optimum).fitness! - 100) < 1e-9)
        #expect(abs(Benchmark.rastrigin.evaluate(optimum).fitness! - 100) < 1e-9)
        #expect(abs(Benchmark.sphere.evaluate([Double](repeating: -5.12, count: 20)).fitness!) < 1e-9)
        // The descriptor sums each half; a coordinate outside [-5.12, 5.12] counts as 5.12/x.
        let x = [1, 2, 10, 0, 0, 0] as [Double]
        let d = Benchmark.sphere.evaluate(x).descriptor
        #expect(abs(d[0] - (3 + 0.512)) < 1e-12 && d[1] == 0)
    }

    @Test func vectorsSaveExactly() throws {
        let v = Vector([0.1, -2.5e-300, .pi, 1e308])
        let back = try JSONDecoder().decode(Vector.self, from: JSONEncoder().encode(v))
        #expect(back == v)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vector.self, from: Data("\"abc\"".utf8)) }
    }

    @Test func mutationsStayInBoundsAndFollowTheSeed() {
        let problem = GaussianVectors(dimensions: 10, sigma: 3, bounds: -Double.pi...Double.pi)
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        var x = problem.initial(using: &a), y = problem.initial(using: &b)
        for _ in 0..<100 { x = problem.mutate(x, using: &a); y = problem.mutate(y, using: &b) }
        #expect(x == y && x.values.allSatisfy { abs($0) <= Double.pi })
    }
}
