import Foundation
import QualityDiversity
@testable import SearchEngine
import Testing

/// Keeps the last committed state as JSON, as the store does, and can fail at a chosen commit like a killed process.
final class SavedStates<State: Codable & Sendable>: AdaptiveCheckpoint, @unchecked Sendable {
    var saved: Data?
    var commits = 0
    var failAtCommit: Int?

    func savedState() throws -> AdaptiveState<State>? { try saved.map { try JSONDecoder().decode(AdaptiveState<State>.self, from: $0) } }

    func commit(_ state: AdaptiveState<State>, finds: [Evaluated<Vector>], failures: [Evaluated<Vector>]) throws {
        commits += 1
        if let fail = failAtCommit, commits >= fail { throw SearchError("killed") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        saved = try encoder.encode(state)
    }
}

@Suite struct ColumnarSearchTests {
    static let problem = GaussianVectors(dimensions: 10, sigma: 0.3, bounds: -Double.pi...Double.pi)
    static let grid = try! Grid(cells: [30, 30], lower: [-10, -10], upper: [10, 10])
    static let evaluator = BenchmarkEvaluator(benchmark: .arm)

    func columnar(workers: Int, checkpoint: SavedStates<ColumnarMAPElites<GaussianVectors>.State>, evaluations: Int = 20_000) throws -> AdaptiveSummary {
        var runner = try AdaptiveRunner(proposer: try ColumnarMAPElites(problem: Self.problem, grid: Self.grid, initialBatch: 200, random: SeededGenerator(seed: 3)),
                                        evaluator: Self.evaluator, checkpoint: checkpoint, batchSize: 200, workers: workers,
                                        budget: try Budget(candidates: evaluations), commitInterval: 0)
        return try runner.runColumns()
    }

    /// The columnar search is MAP-Elites: for one seed it leaves the archive, generator and count that the generic
    /// search leaves, bit for bit, on one thread or two, and saves them in the same form.
    @Test func theColumnarSearchRepeatsTheGenericOne() throws {
        let generic = SavedStates<MAPElites<GaussianVectors>.State>()
        var runner = try AdaptiveRunner(proposer: try MAPElites(problem: Self.problem, grid: Self.grid, initialBatch: 200, random: SeededGenerator(seed: 3)),
                                        evaluator: Self.evaluator, checkpoint: generic, batchSize: 200, workers: 1,
                                        budget: try Budget(candidates: 20_000), commitInterval: 0)
        let genericSummary = try runner.run()
        for workers in [1, 2] {
            let columns = SavedStates<ColumnarMAPElites<GaussianVectors>.State>()
            let summary = try columnar(workers: workers, checkpoint: columns)
            #expect(columns.saved == generic.saved)
            #expect(summary.evaluations == 20_000 && summary.finds == genericSummary.finds)
        }
        let archive = try JSONDecoder().decode(AdaptiveState<MAPElites<GaussianVectors>.State>.self, from: generic.saved!).proposer
        // A real search happened: hundreds of cells, and the straightest arms score near 0.
        #expect(archive.count > 300 && archive.best!.evaluation.fitness! > -0.05)
    }

    /// Killed at a commit and resumed from what it saved, the columnar search ends where an uninterrupted one ends.
    @Test func aResumedColumnarSearchEndsTheSame() throws {
        let whole = SavedStates<ColumnarMAPElites<GaussianVectors>.State>()
        _ = try columnar(workers: 1, checkpoint: whole)
        let resumed = SavedStates<ColumnarMAPElites<GaussianVectors>.State>()
        // Commits are spaced by their cost, so their number varies; the second commit always comes (at the end at the latest).
        for kill in [2, 2] {
            resumed.commits = 0
            resumed.failAtCommit = kill
            #expect(throws: SearchError.self) { try columnar(workers: 1, checkpoint: resumed) }
        }
        resumed.commits = 0
        resumed.failAtCommit = nil
        let last = try columnar(workers: 1, checkpoint: resumed)
        #expect(last.evaluations < 20_000 && last.totalEvaluations == 20_000)
        #expect(resumed.saved == whole.saved)
    }

    /// Saved columns read straight into columns give the state that reading through `MAPElites.State` gives, and
    /// the same QD score, coverage, best elite and single-island merge, to the last bit.
    @Test func columnsReadStraightBackMatchTheGenericReading() throws {
        let saved = SavedStates<ColumnarMAPElites<GaussianVectors>.State>()
        _ = try columnar(workers: 1, checkpoint: saved)
        let columns = try JSONDecoder().decode(AdaptiveState<ColumnarMAPElites<GaussianVectors>.State>.self, from: saved.saved!).proposer
        let generic = try JSONDecoder().decode(AdaptiveState<MAPElites<GaussianVectors>.State>.self, from: saved.saved!).proposer
        let throughGeneric = try #require(ColumnarMAPElites<GaussianVectors>.State(generic))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(columns.count > 300)
        #expect(try encoder.encode(columns) == encoder.encode(throughGeneric))
        #expect(columns.qdScore(offset: -10).bitPattern == generic.qdScore(offset: -10).bitPattern && columns.coverage == generic.coverage)
        let best = try #require(columns.best), genericBest = try #require(generic.best)
        #expect(best.serial == genericBest.serial && best.evaluation == genericBest.evaluation && best.candidate == genericBest.candidate)
        let merged = try ColumnarMAPElites<GaussianVectors>.State.merged([columns])
        let genericMerged = try #require(ColumnarMAPElites<GaussianVectors>.State(try MAPElites<GaussianVectors>.State.merged([generic])))
        #expect(try encoder.encode(merged) == encoder.encode(genericMerged))
        #expect(merged.order != columns.order && merged.order == merged.order.sorted())
    }

    /// An archive saved empty reads back without a vector length; its first elite sets it, and it saves whole.
    @Test func anArchiveReadBackEmptyTakesItsFirstElitesLength() throws {
        let empty = try ColumnarMAPElites(problem: Self.problem, grid: Self.grid, initialBatch: 1, random: SeededGenerator(seed: 1)).state
        var state = try JSONDecoder().decode(ColumnarMAPElites<GaussianVectors>.State.self, from: JSONEncoder().encode(empty))
        let x = [Double](repeating: 0.1, count: 10), d = [1.0, 2.0]
        _ = x.withUnsafeBufferPointer { x in d.withUnsafeBufferPointer { state.consider(fitness: -1, descriptor: $0, solution: x, serial: 1, neutralDrift: false) } }
        let back = try JSONDecoder().decode(MAPElites<GaussianVectors>.State.self, from: JSONEncoder().encode(state))
        #expect(back.count == 1 && back.elite(at: 0).candidate.values == x)
    }

    /// One evaluation through the columnar form is the benchmark's own.
    @Test func aBatchScoresAsOneByOne() throws {
        var random = SeededGenerator(seed: 8)
        let xs = (0..<5).map { _ in (0..<6).map { _ in 4 * random.normal() } }
        for benchmark in Benchmark.allCases {
            let evaluator = BenchmarkEvaluator(benchmark: benchmark)
            var fitness = [Double](repeating: .nan, count: 5), descriptors = [Double](repeating: .nan, count: 10)
            let solutions = xs.flatMap { $0 }
            solutions.withUnsafeBufferPointer { s in
                fitness.withUnsafeMutableBufferPointer { f in descriptors.withUnsafeMutableBufferPointer { evaluator.evaluate(s, fitness: f, descriptors: $0) } }
            }
            for (i, x) in xs.enumerated() {
                var worker: Void = ()
                let one = try evaluator.evaluate(Vector(x), worker: &worker)
                #expect(one == benchmark.evaluate(x))
                #expect(one.fitness == fitness[i] && one.descriptor == Array(descriptors[2 * i ..< 2 * i + 2]))
            }
        }
    }
}
