import Clustering
import Foundation
import Testing

@Suite struct HDBSCANTests {
    /// A deterministic generator (SplitMix64) and Box–Muller normals.
    struct Generator {
        var state: UInt64
        mutating func uniform() -> Double {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            let u = max(uniform(), 1e-300), v = uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }

    @Test func threeBlobsAndSparseNoise() {
        var g = Generator(state: 7)
        let centres = [(0.0, 0.0), (5.0, 5.0), (10.0, 0.0)]
        var points: [[Double]] = [], truth: [Int] = []
        for (k, c) in centres.enumerated() {
            for _ in 0..<60 { points.append([c.0 + 0.3 * g.normal(), c.1 + 0.3 * g.normal()]); truth.append(k) }
        }
        // Isolated points, farther from everything than the blobs are from each other: they join only the root.
        for p in [[30.0, 30.0], [-30, 30], [30, -30], [-30, -30], [5, 45]] { points.append(p); truth.append(-1) }
        let labels = HDBSCAN(minClusterSize: 5).labels(points)
        // Three clusters, each blob entirely in one of them, and no two blobs together.
        #expect(Set(labels.filter { $0 >= 0 }).count == 3)
        for k in 0..<3 {
            let blob = Set(labels.indices.filter { truth[$0] == k }.map { labels[$0] })
            #expect(blob.count == 1 && blob.first! >= 0, "blob \(k): \(blob)")
        }
        #expect(Set((0..<3).map { k in labels[truth.firstIndex(of: k)!] }).count == 3)
        #expect(labels.indices.filter { truth[$0] == -1 }.allSatisfy { labels[$0] == -1 })
    }

    @Test func tooFewPointsAreNoise() {
        #expect(HDBSCAN(minClusterSize: 5).labels([[0, 0], [1, 1]]) == [-1, -1])
    }
}
