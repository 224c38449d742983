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
        let edges = spanningTree(points, core: coreDistances(points))
        return select(condense(edges, count: n), count: n)
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { let d = a[i] - b[i]; s += d * d }
        return s.squareRoot()
    }

    /// Distance to the minSamples-th nearest point, the point itself included.
    func coreDistances(_ points: [[Double]]) -> [Double] {
        let k = min(minSamples, points.count)
        return points.map { p in
            var nearest = [Double](repeating: .infinity, count: k)  // ascending
            for q in points {
                let d = HDBSCAN.distance(p, q)
                if d < nearest[k - 1] {
                    var i = k - 1
                    while i > 0 && nearest[i - 1] > d { nearest[i] = nearest[i - 1]; i -= 1 }
                    nearest[i] = d
                }
            }
            return nearest[k - 1]
        }
    }

    /// Prim's algorithm on the complete graph of mutual reachability max(core a, core b, d(a, b)).
    func spanningTree(_ points: [[Double]], core: [Double]) -> [(a: Int, b: Int, weight: Double)] {
        let n = points.count
        var inTree = [Bool](repeating: false, count: n)
        var best = [Double](repeating: .infinity, count: n), from = [Int](repeating: 0, count: n)
        var edges: [(a: Int, b: Int, weight: Double)] = []
        var current = 0
        inTree[0] = true
        for _ in 1..<n {
            for j in 0..<n where !inTree[j] {
                let w = max(core[current], core[j], HDBSCAN.distance(points[current], points[j]))
                if w < best[j] { best[j] = w; from[j] = current }
            }
            var next = -1
            for j in 0..<n where !inTree[j] && (next < 0 || best[j] < best[next]) { next = j }
            inTree[next] = true
            edges.append((from[next], next, best[next]))
            current = next
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
