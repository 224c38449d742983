import Foundation
import SearchEngine

/// A quality-diversity search, as a spec file (JSON, see Conjectures/qd-*.json).
public struct QDSpec: Codable, Hashable, Sendable, SearchSpecification {
    public var benchmark: Benchmark
    /// Joints of the arm, or coordinates of the sphere and Rastrigin solutions.
    public var dimensions: Int
    /// "map-elites" or "evolution" (regularized evolution; its population is the archive it reports).
    public var proposer: String = "map-elites"
    /// Cells per descriptor dimension of the grid archive.
    public var cells: [Int] = [100, 100]
    public var sigma: Double
    /// Candidates per batch (proposed together, evaluated in parallel).
    public var batch: Int = 100
    /// Evaluations of the whole search (every island).
    public var evaluations: Int
    public var seed: UInt64 = 1
    /// Regularized evolution's population and tournament.
    public var population: Int = 1000
    public var tournament: Int = 2

    public init(benchmark: Benchmark, dimensions: Int, proposer: String = "map-elites", cells: [Int] = [100, 100], sigma: Double,
                batch: Int = 100, evaluations: Int, seed: UInt64 = 1, population: Int = 1000, tournament: Int = 2) {
        self.benchmark = benchmark; self.dimensions = dimensions; self.proposer = proposer; self.cells = cells; self.sigma = sigma
        self.batch = batch; self.evaluations = evaluations; self.seed = seed; self.population = population; self.tournament = tournament
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case benchmark, dimensions, proposer, cells, sigma, batch, evaluations, seed, population, tournament }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        benchmark = try c.decode(Benchmark.self, forKey: .benchmark)
        dimensions = try c.decode(Int.self, forKey: .dimensions)
        proposer = try c.decodeIfPresent(String.self, forKey: .proposer) ?? "map-elites"
        cells = try c.decodeIfPresent([Int].self, forKey: .cells) ?? [100, 100]
        sigma = try c.decode(Double.self, forKey: .sigma)
        batch = try c.decodeIfPresent(Int.self, forKey: .batch) ?? 100
        evaluations = try c.decode(Int.self, forKey: .evaluations)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        population = try c.decodeIfPresent(Int.self, forKey: .population) ?? 1000
        tournament = try c.decodeIfPresent(Int.self, forKey: .tournament) ?? 2
    }

    /// Reads a spec file; unknown fields are refused with the nearest known name.
    public init(file path: String) throws {
        self = try QDSpec.load(file: path, fields: CodingKeys.allCases.map(\.rawValue))
        do { try validate() } catch let error as SearchError { throw SearchError("\(path): \(error.description)") }
    }

    public func validate() throws {
        guard (2...10_000).contains(dimensions) else { throw SearchError("dimensions must be between 2 and 10000, not \(dimensions)") }
        guard ["map-elites", "evolution"].contains(proposer) else { throw SearchError("proposer must be map-elites or evolution, not \(proposer)") }
        guard sigma > 0, sigma.isFinite else { throw SearchError("sigma must be positive, not \(sigma)") }
        guard (1...1_000_000).contains(batch) else { throw SearchError("batch must be between 1 and 1000000, not \(batch)") }
        guard evaluations > 0 else { throw SearchError("evaluations (the budget) must be positive, not \(evaluations)") }
        guard population >= 1 else { throw SearchError("population must be at least 1, not \(population)") }
        guard (1...population).contains(tournament) else { throw SearchError("tournament must be between 1 and the population (\(population)), not \(tournament)") }
        let range = benchmark.descriptorRange(dimensions: dimensions)
        _ = try Grid(cells: cells, lower: range.lower, upper: range.upper)
    }

    public var identifier: String { "qd-\(benchmark.rawValue)-" + canonicalHash }

    public var grid: Grid {
        let range = benchmark.descriptorRange(dimensions: dimensions)
        return try! Grid(cells: cells, lower: range.lower, upper: range.upper)
    }

    public var problem: GaussianVectors {
        GaussianVectors(dimensions: dimensions, sigma: sigma, bounds: benchmark.bounds(dimensions: dimensions))
    }
}
