import Clustering

/// The planes of docs/ALGORITHMS.md §5 on which formulas of one family gather: FR delta (vertical) against the
/// growth d, the growth c, and the convergence fits eta and gamma (horizontal).
public enum MetricPlane: String, CaseIterable, Codable, Sendable {
    case d, c, eta, gamma

    public var axis: String {
        switch self {
        case .d: "d (growth, n ln n)"
        case .c: "c (growth, n)"
        case .eta: "eta (convergence, n ln n)"
        case .gamma: "gamma (convergence, n)"
        }
    }
}

/// A measured convergent PCF as the planes see it.
public struct MetricPoint: Sendable {
    public var frDelta: Double
    public var d: Double
    public var c: Double
    public var eta: Double?
    public var gamma: Double?

    public init(frDelta: Double, d: Double, c: Double, eta: Double?, gamma: Double?) {
        self.frDelta = frDelta; self.d = d; self.c = c; self.eta = eta; self.gamma = gamma
    }

    /// (horizontal, vertical) in the plane, nil when the metric is missing or not finite.
    public func coordinates(in plane: MetricPlane) -> (x: Double, y: Double)? {
        let x: Double? = switch plane {
        case .d: d
        case .c: c
        case .eta: eta
        case .gamma: gamma
        }
        guard let x, x.isFinite, frDelta.isFinite else { return nil }
        return (x, frDelta)
    }
}

/// The clusters of one plane: a label per point (nil where the point is not in the plane, -1 for noise).
public struct PlaneClusters: Sendable {
    public let plane: MetricPlane
    public let labels: [Int?]
    public let clusterCount: Int
    public let samples: Int
    public let cell: Double
    /// Too many clusters (more than the limit) make a plane meaningless: its labels are all noise.
    public let skipped: Bool

    public init(plane: MetricPlane, labels: [Int?], clusterCount: Int, samples: Int, cell: Double, skipped: Bool) {
        self.plane = plane; self.labels = labels; self.clusterCount = clusterCount; self.samples = samples; self.cell = cell
        self.skipped = skipped
    }

    /// Point indices per cluster label.
    public var members: [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for (i, label) in labels.enumerated() { if let label, label >= 0 { result[label, default: []].append(i) } }
        return result
    }
}

/// HDBSCAN (min cluster size 5) on each plane after grid thinning (cell 0.001) and label propagation
/// (radius 0.01); a plane with more than `maxClusters` (500) clusters is skipped, as in the reference.
public struct MetricClustering: Sendable {
    public var planes: [MetricPlane]
    public var clustering: PlaneClustering
    public var maxClusters: Int

    public init(planes: [MetricPlane] = MetricPlane.allCases, clustering: PlaneClustering = PlaneClustering(), maxClusters: Int = 500) {
        self.planes = planes; self.clustering = clustering; self.maxClusters = maxClusters
    }

    public func cluster(_ points: [MetricPoint]) -> [PlaneClusters] {
        planes.map { plane in
            let located = points.enumerated().compactMap { i, p in p.coordinates(in: plane).map { (i, $0) } }
            let result = clustering.cluster(located.map(\.1))
            let skipped = result.clusterCount > maxClusters
            var labels = [Int?](repeating: nil, count: points.count)
            for (k, (i, _)) in located.enumerated() { labels[i] = skipped ? -1 : result.labels[k] }
            return PlaneClusters(plane: plane, labels: labels, clusterCount: skipped ? 0 : result.clusterCount,
                                 samples: result.samples, cell: result.cell, skipped: skipped)
        }
    }
}
