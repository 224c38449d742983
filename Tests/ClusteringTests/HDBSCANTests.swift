@testable import Clustering
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
    /// The pruned neighbour scan and the packed Prim's algorithm against their definitions, computed the slow
    /// way: every pair. Points on a coarse lattice make many equal distances, where tie-breaking matters.
    @Test(arguments: [2, 3]) func coreDistancesAndTreeMatchBruteForce(dimension: Int) {
        var g = Generator(state: UInt64(dimension))
        var points: [[Double]] = []
        for _ in 0..<300 { points.append((0..<dimension).map { _ in (g.uniform() * 12).rounded() }) }
        for _ in 0..<200 { points.append((0..<dimension).map { _ in 3 * g.normal() }) }
        let hdbscan = HDBSCAN(minClusterSize: 5)
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        let columns = HDBSCAN.Columns(points)
        let core = hdbscan.coreDistances(columns)
        let expectedCore = points.map { p -> Double in
            let distances: [Double] = points.map { distance(p, $0) }
            return distances.sorted()[hdbscan.minSamples - 1]
        }
        #expect(core == expectedCore)
        // Prim's algorithm over the full matrix of mutual reachability.
        let n = points.count
        var inTree = [true] + [Bool](repeating: false, count: n - 1), best = [Double](repeating: .infinity, count: n)
        var from = [Int](repeating: 0, count: n), expectedEdges: [[Double]] = []
        var total = 0.0, current = 0
        for _ in 1..<n {
            for j in 0..<n where !inTree[j] {
                let w = max(core[current], core[j], distance(points[current], points[j]))
                if w < best[j] { best[j] = w; from[j] = current }
            }
            // The lightest edge; of equal ones, the lowest point index (min returns the first).
            let next = (0..<n).filter { !inTree[$0] }.min { best[$0] < best[$1] }!
            inTree[next] = true; total += best[next]; current = next
            expectedEdges.append([Double(from[next]), Double(next), best[next]])
        }
        let edges = hdbscan.spanningTree(columns, core: core)
        #expect(edges.count == n - 1)
        #expect(abs(edges.reduce(0) { $0 + $1.weight } - total) <= 1e-9 * total)
        // The same tree, edge for edge: the kernel keeps the tie-break of the unpacked order.
        func ordered(_ edges: [[Double]]) -> [[Double]] { edges.sorted { ($0[2], $0[1], $0[0]) < ($1[2], $1[1], $1[0]) } }
        #expect(ordered(edges.map { [Double($0.a), Double($0.b), $0.weight] }) == ordered(expectedEdges))
        // Every edge's weight is its mutual reachability, and the edges connect all points.
        #expect(edges.allSatisfy { $0.weight == max(core[$0.a], core[$0.b], distance(points[$0.a], points[$0.b])) })
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for e in edges { parent[root(e.a)] = root(e.b) }
        #expect(Set((0..<n).map(root)).count == 1)
    }
}

@Suite struct PlaneClusteringTests {
    /// Two dense lines of points, far apart, each with many points per grid cell, and a lone point near one
    /// line (inside the propagation radius of its samples) and one far from both.
    @Test func thinsClustersAndPropagatesLabels() {
        var points: [(x: Double, y: Double)] = []
        // Coordinates sit mid-cell, so that rounding never moves a point across a cell boundary.
        for k in 0..<400 { points.append((Double(k % 100) * 0.002 + 0.0005, 0.5004 + Double(k / 100) * 0.0001)) }  // 100 cells, 4 points each
        for k in 0..<400 { points.append((Double(k % 100) * 0.002 + 0.0005, -0.5004 - Double(k / 100) * 0.0001)) }
        points.append((0.1005, 0.5074))  // 7e-3 above the first line: within the 0.01 radius
        points.append((50.0005, 0.0004))  // farther from both lines than they are from each other
        let result = PlaneClustering(cell: 0.001, radius: 0.01, minClusterSize: 5).cluster(points)
        #expect(result.samples == 202)  // one per occupied cell, the two lone points included
        #expect(result.clusterCount == 2)
        let upper = Set(result.labels[0..<400]), lower = Set(result.labels[400..<800])
        #expect(upper.count == 1 && lower.count == 1 && upper != lower && !upper.contains(-1) && !lower.contains(-1))
        #expect(result.labels[800] == upper.first!)
        #expect(result.labels[801] == -1)
    }

    @Test func growsTheCellToBoundTheSamples() {
        let points = (0..<1000).map { (x: Double($0) * 0.001 + 0.0005, y: 0.0005) }
        let result = PlaneClustering(cell: 0.001, radius: 0.01, minClusterSize: 5, maxSamples: 300).cluster(points)
        #expect(result.samples <= 300)
        #expect(result.cell == 0.004)
        #expect(result.labels.count == 1000)
    }
}
