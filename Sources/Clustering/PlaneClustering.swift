/// Density clustering of a large 2-D point set (docs/ALGORITHMS.md §5): the points are thinned to one sample per
/// grid cell, HDBSCAN clusters the samples, and every point takes the label of the nearest clustered sample
/// within a radius (noise otherwise). Thinning keeps the shape of the density while bounding HDBSCAN's
/// quadratic cost; when the cells still hold more than `maxSamples` samples the cell grows (doubling) until
/// they fit, and the result says which cell was used.
public struct PlaneClustering: Sendable {
    public var cell: Double
    public var radius: Double
    public var hdbscan: HDBSCAN
    public var maxSamples: Int

    public init(cell: Double = 0.001, radius: Double = 0.01, minClusterSize: Int = 5, maxSamples: Int = 20_000) {
        precondition(cell > 0 && radius > 0 && maxSamples >= 1)
        self.cell = cell
        self.radius = radius
        self.hdbscan = HDBSCAN(minClusterSize: minClusterSize)
        self.maxSamples = maxSamples
    }

    public struct Result: Sendable {
        /// A label per input point (0, 1, ...), -1 for noise.
        public let labels: [Int]
        public let clusterCount: Int
        public let samples: Int
        /// The grid cell actually used (larger than asked when the samples had to be capped).
        public let cell: Double
    }

    public func cluster(_ points: [(x: Double, y: Double)]) -> Result {
        var cell = self.cell
        var samples = thin(points, cell: cell)
        while samples.count > maxSamples { cell *= 2; samples = thin(points, cell: cell) }
        let sampleLabels = hdbscan.labels(samples.map { [$0.x, $0.y] })
        let clustered = SpatialIndex(points: zip(samples, sampleLabels).filter { $0.1 >= 0 }.map { ($0.0, $0.1) }, bucket: radius)
        let labels = points.map { clustered.nearestLabel(to: $0, within: radius) ?? -1 }
        return Result(labels: labels, clusterCount: Set(sampleLabels.filter { $0 >= 0 }).count, samples: samples.count, cell: cell)
    }

    /// One sample per occupied cell: the first point that falls in it (input order keeps this deterministic).
    func thin(_ points: [(x: Double, y: Double)], cell: Double) -> [(x: Double, y: Double)] {
        var seen = Set<GridCell>()
        return points.filter { seen.insert(GridCell($0, size: cell)).inserted }
    }
}

struct GridCell: Hashable {
    let i: Int64, j: Int64
    init(_ p: (x: Double, y: Double), size: Double) {
        i = Int64((p.x / size).rounded(.down))
        j = Int64((p.y / size).rounded(.down))
    }
    init(i: Int64, j: Int64) { self.i = i; self.j = j }
}

/// Labelled points bucketed by cells of the search radius: a query looks at the 3 x 3 cells around it.
struct SpatialIndex {
    let bucket: Double
    var cells: [GridCell: [(point: (x: Double, y: Double), label: Int)]] = [:]

    init(points: [((x: Double, y: Double), Int)], bucket: Double) {
        self.bucket = bucket
        for (p, label) in points { cells[GridCell(p, size: bucket), default: []].append((p, label)) }
    }

    func nearestLabel(to p: (x: Double, y: Double), within radius: Double) -> Int? {
        let home = GridCell(p, size: bucket)
        var best: (distance: Double, label: Int)?
        for di in -1...1 as ClosedRange<Int64> {
            for dj in -1...1 as ClosedRange<Int64> {
                for q in cells[GridCell(i: home.i + di, j: home.j + dj)] ?? [] {
                    let dx = q.point.x - p.x, dy = q.point.y - p.y
                    let distance = (dx * dx + dy * dy).squareRoot()
                    if distance <= radius, best == nil || distance < best!.distance { best = (distance, q.label) }
                }
            }
        }
        return best?.label
    }
}
