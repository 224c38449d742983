@testable import Formulas
import Numbers
import Testing
import TestSupport

/// The reference table of docs/ALGORITHMS.md §5 (N = 2000, S = 999, eigenvalue ratio at n = 10^9), to the shown decimals.
@Suite struct DynamicsTests {
    struct Reference: Sendable {
        let a: [Int], b: [Int], frDelta: Double, naiveDelta: Double, c: Double, d: Double, lnRho: Double, predicted: Double
    }

    static let table: [Reference] = [
        Reference(a: [1, 3], b: [0, 3, -2], frDelta: -0.640, naiveDelta: -0.892, c: 1.985, d: 0, lnRho: 0.693, predicted: -0.651),
        Reference(a: [3, 3], b: [0, 1, -2], frDelta: -0.640, naiveDelta: -0.891, c: 1.997, d: 0, lnRho: 0.693, predicted: -0.653),
        Reference(a: [1, 2], b: [0, 0, 1], frDelta: -0.203, naiveDelta: -0.741, c: 2.205, d: 0, lnRho: 1.763, predicted: -0.200),
        Reference(a: [3, 1], b: [0, 1], frDelta: 0.004, naiveDelta: 0.004, c: -0.811, d: 0.977, lnRho: 20.72, predicted: 0.067),
        Reference(a: [1], b: [1], frDelta: 1.002, naiveDelta: 1.002, c: 0.481, d: 0, lnRho: 0.962, predicted: 1.002),
        Reference(a: [2], b: [1], frDelta: 1.001, naiveDelta: 1.001, c: 0.881, d: 0, lnRho: 1.763, predicted: 1.001),
    ]

    @Test(arguments: 0..<6)
    func referenceValues(index: Int) throws {
        let r = Self.table[index]
        let m = PCF(a: r.a, b: r.b).dynamics()
        let name = PCF(a: r.a, b: r.b).description
        #expect(abs(m.frDelta! - r.frDelta) <= 0.0015, "\(name) FR delta \(m.frDelta!)")
        #expect(abs(m.naiveDelta! - r.naiveDelta) <= 0.0015, "\(name) naive delta \(m.naiveDelta!)")
        #expect(abs(m.c - r.c) <= 0.0015, "\(name) c \(m.c)")
        #expect(abs(m.d - r.d) <= 0.0015, "\(name) d \(m.d)")
        #expect(abs(m.lnRho! - r.lnRho) <= (r.lnRho > 10 ? 0.015 : 0.0015), "\(name) ln rho \(m.lnRho!)")
        #expect(abs(m.predictedDelta! - r.predicted) <= 0.0015, "\(name) predicted \(m.predictedDelta!)")
        #expect(!m.divergent && !m.complexEigenvalues)
    }

    /// Divergent, terminating and complex-eigenvalue fractions are classified, not crashed on.
    @Test func degenerateFractionsAreClassified() {
        let terminating = PCF(a: [1], b: [3, -1]).dynamics()  // b(3) = 0: the value is 2
        #expect(terminating.convergenceClass == "terminating" && terminating.limit == "2" && terminating.frDelta == nil)
        let complex = PCF(a: [1], b: [-1]).dynamics()  // q_n = 0 periodically: no limit
        #expect(complex.complexEigenvalues && complex.divergent && complex.frDelta == nil)
        let growing = PCF(a: [0, 0, 1], b: [0, 0, 0, 0, 0, -9]).dynamics()
        #expect(growing.convergenceClass == "polynomial")
        // q_6 = 0 at the first sample point (found by the whole NeurIPS space): the fits use the other points.
        let vanishing = PCF(a: [-4, 1, 0], b: [2, -5, 1]).dynamics()
        #expect(vanishing.c.isFinite && vanishing.d.isFinite && vanishing.c != 0)
    }
}

/// ramanujantools' PCF.delta(1000) (Corpora/ramanujantools_delta.json) equals the FR delta at S = 1000 with L = p_2000/q_2000.
@Suite struct RamanujantoolsDeltaTests {
    @Test func frDeltaAgreesWithRamanujantools() throws {
        let values = try Corpus.json("ramanujantools_delta.json")["values"] as! [[String: Any]]
        #expect(values.count >= 30)
        for v in values {
            let pcf = PCF(a: v["a"] as! [Int], b: v["b"] as! [Int])
            let ours = try #require(pcf.dynamics(depth: 2000, sample: 1000).frDelta, "\(pcf)")
            #expect(abs(ours - (v["delta"] as! Double)) < 1e-6, "\(pcf): \(ours) vs \(v["delta"]!)")
        }
    }
}

/// The tail from S to N in floating point (ConvergentTail) gives the figures of the exact convergents at N.
@Suite struct ConvergentTailTests {
    @Test func theTailAgreesWithTheExactConvergents() {
        // A grid of the NeurIPS space (a, b of degree <= 2), and fractions that converge slowly or not at all.
        var pcfs: [PCF] = []
        for a in [[-2, -1, 0], [1, 2, 0], [3, -1, 1], [1, 2, -3], [-2, 0, 2], [-4, 1]] {
            for b in [[-1, 0, 1], [2, 3, -2], [-1, 3, 0], [2, 0, -2], [2, -5, 1], [0, 0, 1], [1], [-1, 1, -1]] {
                pcfs.append(PCF(a: a, b: b))
            }
        }
        let slow = [PCF(a: [1], b: [-1]), PCF(a: [0, 2], b: [0, 0, -1]), PCF(a: [1, 2], b: [0, 0, -1]), PCF(a: [0, 0, 1], b: [0, 0, 0, 0, 0, -9])]
        var tails = 0, count = 0
        for pcf in pcfs + slow {
            if let stop = pcf.terminationIndex, stop <= 2000 { continue }
            count += 1
            let samples = pcf.sampleConvergents(PCF.dynamicsSamples(999))
            let exact = pcf.exactLimit(samples, depth: 2000)
            guard let tail = pcf.tailLimit(samples, depth: 2000) else { continue }
            tails += 1
            #expect(!slow.contains(pcf), "\(pcf)")
            #expect(tail.value?.formatted(significantDigits: 30) == exact.value?.formatted(significantDigits: 30), "\(pcf)")
            #expect(tail.oscillates == exact.oscillates, "\(pcf)")
            for (x, y) in zip(tail.lnErrors!, exact.lnErrors!) {
                #expect(x.isNaN ? y.isNaN : abs(x - y) <= 1e-9 * max(1, abs(y)), "\(pcf): \(x) vs \(y)")
            }
        }
        #expect(tails * 3 > count * 2, "the tail applied to \(tails) of \(count)")
    }
}
