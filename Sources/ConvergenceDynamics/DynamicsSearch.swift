import Formulas
import Foundation
import PCFSearch
import SearchEngine

/// A batch of dynamics measurements over a coefficient box, as a spec file (see Conjectures/): the whole
/// NeurIPS 2024 space is a and b of degree <= 2 with coefficients in [-5, 5], a, b != 0.
public struct DynamicsSpec: Codable, Hashable, Sendable, SearchSpecification {
    /// Inclusive ranges [lo, hi] per coefficient of a(n) and b(n), lowest degree first.
    public var a: [[Int]]
    public var b: [[Int]]
    /// Depth N of the limit and sample depth S (default N/2 - 1).
    public var depth: Int = 2000
    public var sample: Int?
    public var chunkSize: Int = 4096

    public init(a: [[Int]], b: [[Int]], depth: Int = 2000, sample: Int? = nil, chunkSize: Int = 4096) {
        self.a = a; self.b = b; self.depth = depth; self.sample = sample; self.chunkSize = chunkSize
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case a, b, depth, sample, chunkSize = "chunk_size" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        a = try c.decode([[Int]].self, forKey: .a)
        b = try c.decode([[Int]].self, forKey: .b)
        depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? 2000
        sample = try c.decodeIfPresent(Int.self, forKey: .sample)
        chunkSize = try c.decodeIfPresent(Int.self, forKey: .chunkSize) ?? 4096
    }

    public init(file path: String) throws {
        self = try DynamicsSpec.load(file: path, fields: CodingKeys.allCases.map(\.rawValue)) { _ in "a dynamics spec needs \"a\" and \"b\" ranges (see Conjectures/README.md)" }
        try validate()
    }

    public func validate() throws {
        for (label, ranges) in [("a", a), ("b", b)] {
            guard !ranges.isEmpty, ranges.count <= 8 else { throw SearchError("\(label) needs 1 to 8 coefficient ranges") }
            for r in ranges where r.count != 2 || r[0] > r[1] { throw SearchError("the ranges of \(label) must be [lo, hi] with lo <= hi") }
            for r in ranges where r[0] < -1_000_000 || r[1] > 1_000_000 { throw SearchError("coefficients are limited to [-10^6, 10^6]") }
        }
        // In floating point: the size of a wide box overflows Int.
        let count = (a + b).reduce(1.0) { $0 * (Double($1[1]) - Double($1[0]) + 1) }
        guard count < 9e15 else { throw SearchError("the box has \(String(format: "%.3g", count)) PCFs, more than can be indexed") }
        guard (100...100_000).contains(depth) else { throw SearchError("depth must be between 100 and 100000") }
        if let sample { guard (48..<depth).contains(sample) else { throw SearchError("sample must be between 48 and depth - 1") } }
        guard chunkSize >= 1 else { throw SearchError("chunk_size must be positive") }
    }

    public var identifier: String { "dynamics-" + canonicalHash }
    public var space: CoefficientSpace { CoefficientSpace(a: a, b: b) }
}

/// One PCF's measurement.
public struct DynamicsRow: Sendable {
    public let pcf: PCF
    public let metrics: Dynamics
}

/// The dynamics client of the search engine: every PCF of the box with a, b != 0, measured.
public struct DynamicsProcessor: ChunkProcessor {
    public let spec: DynamicsSpec
    public init(spec: DynamicsSpec) { self.spec = spec }

    public func process(_ space: CoefficientSpace, range: Range<Int>) throws -> [DynamicsRow] {
        range.compactMap { index in
            let candidate = space.candidate(at: index)
            guard !candidate.isDegenerate else { return nil }
            let pcf = candidate.pcf
            return DynamicsRow(pcf: pcf, metrics: pcf.dynamics(depth: spec.depth, sample: spec.sample))
        }
    }
}
