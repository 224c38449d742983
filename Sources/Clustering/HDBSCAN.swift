import CSearchKernels

/// Hierarchical density-based clustering (HDBSCAN, Campello, Moulavi and Sander 2013), as docs/ALGORITHMS.md §5
/// uses it on the planes of convergence metrics: mutual-reachability distances, their minimum spanning tree,
/// the condensed cluster tree for a minimum cluster size, and the clusters of excess of mass. Domain-neutral:
/// points are vectors of Doubles. Exact and quadratic in time, linear in memory: meant for the grid-down-sampled
/// planes (tens of thousands of points), not for millions.
public struct HDBSCAN: Sendable {
    public let minClusterSize: Int
    /// Neighbours that define a point's core distance (the point itself counts as the first).
    public let minSamples: Int

    public init(minClusterSize: Int = 5, minSamples: Int? = nil) {
        precondition(minClusterSize >= 2, "clusters have at least 2 points")
        self.minClusterSize = minClusterSize
        self.minSamples = max(1, minSamples ?? minClusterSize)
    }

    /// A cluster label per point (0, 1, ... in order of first appearance), -1 for noise.
    public func labels(_ points: [[Double]]) -> [Int] {
        let n = points.count
        guard n >= minClusterSize else { return [Int](repeating: -1, count: n) }
        let columns = Columns(points)
        let edges = spanningTree(columns, core: coreDistances(columns))
        return select(condense(edges, count: n), count: n)
    }

    /// The points coordinate by coordinate: each coordinate's values contiguous, so that distance loops over
    /// many points run over arrays of doubles the compiler vectorises.
    struct Columns {
        let count: Int
        var values: [[Double]]

        init(_ points: [[Double]]) {
            count = points.count
            let dimension = points.first?.count ?? 0
            values = (0..<dimension).map { d in points.map { $0[d] } }
        }

        /// The Euclidean distance between points i and j, summed in coordinate order.
        func distance(_ i: Int, _ j: Int) -> Double {
            var s = 0.0
            for column in values { let d = column[i] - column[j]; s += d * d }
            return s.squareRoot()
        }
    }

    /// Distance to the minSamples-th nearest point, the point itself included. Exact: points are visited in
    /// order of their first coordinate outwards from each point, and a side stops once the gap in that
    /// coordinate alone reaches the k-th distance found so far.
    func coreDistances(_ points: Columns) -> [Double] {
        let n = points.count, k = min(minSamples, n)
        guard let first = points.values.first else { return [Double](repeating: 0, count: n) }
        let order = (0..<n).sorted { first[$0] < first[$1] || (first[$0] == first[$1] && $0 < $1) }
        var core = [Double](repeating: 0, count: n)
        var nearest = [Double](repeating: .infinity, count: k)  // ascending
        for (position, i) in order.enumerated() {
            for m in 0..<k { nearest[m] = .infinity }
            func consider(_ j: Int) {
                let d = points.distance(i, j)
                if d < nearest[k - 1] {
                    var m = k - 1
                    while m > 0 && nearest[m - 1] > d { nearest[m] = nearest[m - 1]; m -= 1 }
                    nearest[m] = d
                }
            }
            consider(i)
            var left = position - 1, right = position + 1
            while left >= 0 || right < n {
                if left >= 0 {
                    if first[i] - first[order[left]] >= nearest[k - 1] { left = -1 } else { consider(order[left]); left -= 1 }
                }
                if right < n {
                    if first[order[right]] - first[i] >= nearest[k - 1] { right = n } else { consider(order[right]); right += 1 }
                }
            }
            core[i] = nearest[k - 1]
        }
        return core
    }

    /// Prim's algorithm on the complete graph of mutual reachability max(core a, core b, d(a, b)). The points
    /// outside the tree are kept packed (a point that joins is replaced by the last), so that each round is one pass
    /// of the C kernel over contiguous arrays (four points a step); ties go to the lowest point index, as in the
    /// unpacked order.
    func spanningTree(_ points: Columns, core: [Double]) -> [(a: Int, b: Int, weight: Double)] {
        let n = points.count, dimension = points.values.count
        // Position p of the packed buffers holds point index[p]; coordinates are packed column by column.
        let index = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n), from = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
        let coreOf = UnsafeMutableBufferPointer<Double>.allocate(capacity: n), best = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let columns = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, n * dimension))
        let point = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, dimension))
        defer { for buffer in [coreOf, best, columns, point] { buffer.deallocate() }; index.deallocate(); from.deallocate() }
        for p in 0..<(n - 1) {
            index[p] = Int64(p + 1); from[p] = 0; coreOf[p] = core[p + 1]; best[p] = .infinity
            for d in 0..<dimension { columns[d * n + p] = points.values[d][p + 1] }
        }
        var edges: [(a: Int, b: Int, weight: Double)] = []
        edges.reserveCapacity(n - 1)
        var current = 0
        var remaining = n - 1
        while remaining > 0 {
            for d in 0..<dimension { point[d] = points.values[d][current] }
            let next = apery_prim_step(remaining, dimension, n, columns.baseAddress!, point.baseAddress!, core[current], coreOf.baseAddress!,
                                       best.baseAddress!, from.baseAddress!, Int64(current), index.baseAddress!)
            edges.append((Int(from[next]), Int(index[next]), best[next]))
            current = Int(index[next])
            remaining -= 1
            index[next] = index[remaining]; coreOf[next] = coreOf[remaining]
            best[next] = best[remaining]; from[next] = from[remaining]
            for d in 0..<dimension { columns[d * n + next] = columns[d * n + remaining] }
        }
        return edges.sorted { $0.weight < $1.weight }
    }

    /// A cluster of the condensed tree: born at lambda `birth` from `parent`; `exits` are the lambdas at
    /// which its own points fall out (as noise or in clusters too small to count).
    struct Cluster {
        var parent: Int?
        var birth: Double
        var size: Int
        var children: [Int] = []
        var exitLambdas: [Double] = []
        var childBirths: [(Int, Double)] = []
    }

    struct CondensedTree {
        var clusters: [Cluster]
        /// For each point, the cluster it last belonged to.
        var home: [Int]
    }

    /// Single linkage from the sorted edges, then condensed: a split counts only when both sides keep
    /// at least minClusterSize points; otherwise the smaller side's points leave the cluster at that lambda.
    func condense(_ edges: [(a: Int, b: Int, weight: Double)], count n: Int) -> CondensedTree {
        // The dendrogram: leaves 0..<n, merge nodes n..<2n-1.
        var parent = Array(0..<(2 * n - 1)), size = [Int](repeating: 1, count: 2 * n - 1)
        var left = [Int](repeating: -1, count: 2 * n - 1), right = left
        var lambda = [Double](repeating: .infinity, count: 2 * n - 1)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        for (k, edge) in edges.enumerated() {
            let node = n + k, ra = root(edge.a), rb = root(edge.b)
            parent[ra] = node; parent[rb] = node
            left[node] = ra; right[node] = rb
            size[node] = size[ra] + size[rb]
            lambda[node] = edge.weight > 0 ? 1 / edge.weight : .greatestFiniteMagnitude
        }
        var tree = CondensedTree(clusters: [Cluster(parent: nil, birth: 0, size: n)], home: [Int](repeating: 0, count: n))
        // Walk down: (dendrogram node, the cluster it belongs to).
        var stack = [(2 * n - 2, 0)]
        func leaves(_ node: Int) -> [Int] {
            var out: [Int] = [], todo = [node]
            while let x = todo.popLast() { if x < n { out.append(x) } else { todo += [left[x], right[x]] } }
            return out
        }
        while let (node, cluster) = stack.popLast() {
            if node < n { tree.home[node] = cluster; tree.clusters[cluster].exitLambdas.append(tree.clusters[cluster].birth); continue }
            let l = left[node], r = right[node], at = lambda[node]
            let bigLeft = size[l] >= minClusterSize, bigRight = size[r] >= minClusterSize
            if bigLeft && bigRight {
                for child in [l, r] {
                    tree.clusters.append(Cluster(parent: cluster, birth: at, size: size[child]))
                    let id = tree.clusters.count - 1
                    tree.clusters[cluster].children.append(id)
                    tree.clusters[cluster].childBirths.append((size[child], at))
                    stack.append((child, id))
                }
            } else {
                for (child, big) in [(l, bigLeft), (r, bigRight)] {
                    if big { stack.append((child, cluster)); continue }
                    for point in leaves(child) { tree.home[point] = cluster; tree.clusters[cluster].exitLambdas.append(at) }
                }
            }
        }
        return tree
    }

    /// Excess of mass: a cluster is kept when its stability is at least the total of its kept descendants.
    /// The root (everything) is never a cluster.
    func select(_ tree: CondensedTree, count n: Int) -> [Int] {
        let clusters = tree.clusters
        var stability = clusters.map { c in
            c.exitLambdas.reduce(0) { $0 + ($1 - c.birth) } + c.childBirths.reduce(0) { $0 + Double($1.0) * ($1.1 - c.birth) }
        }
        var selected = [Bool](repeating: false, count: clusters.count)
        // Children come after their parents: visit in reverse.
        for id in clusters.indices.reversed() where id != 0 {
            let childTotal = clusters[id].children.reduce(0.0) { $0 + stability[$1] }
            if clusters[id].children.isEmpty || stability[id] >= childTotal {
                selected[id] = true
                var todo = clusters[id].children
                while let x = todo.popLast() { selected[x] = false; todo += clusters[x].children }
            } else {
                stability[id] = childTotal
            }
        }
        var names: [Int: Int] = [:]
        return (0..<n).map { point in
            var c: Int? = tree.home[point]
            while let id = c, id != 0, !selected[id] { c = clusters[id].parent }
            guard let id = c, id != 0 else { return -1 }
            if let name = names[id] { return name }
            names[id] = names.count
            return names[id]!
        }
    }
}
