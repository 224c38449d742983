import Foundation
@testable import SearchEngine
import Testing

/// Points of the plane drifting by Gaussian steps; fitness -|x - (1, 2)|^2, the descriptor the point itself.
/// Points far out fail, to check that failures are results.
struct Drift: EvolutionProblem {
    func initial(using random: inout SeededGenerator) -> [Double] { [random.normal(), random.normal()] }
    func mutate(_ parent: [Double], using random: inout SeededGenerator) -> [Double] { parent.map { $0 + 0.3 * random.normal() } }
}

struct TooFar: Error {}

struct DriftEvaluator: Evaluator {
    func evaluate(_ x: [Double], worker: inout Void) throws -> Evaluation {
        if abs(x[0]) > 4.5 || abs(x[1]) > 4.5 { throw TooFar() }
        return Evaluation(fitness: -((x[0] - 1) * (x[0] - 1) + (x[1] - 2) * (x[1] - 2)), descriptor: x)
    }
}

/// Keeps the state as the store does (JSON), the finds, and fails at a chosen commit like a killed process.
final class MemoryAdaptiveCheckpoint<State: Codable & Sendable>: AdaptiveCheckpoint, @unchecked Sendable {
    var saved: Data?
    var finds: [Evaluated<[Double]>] = []
    var failures: [Evaluated<[Double]>] = []
    var commits = 0
    var failAtCommit: Int?

    func savedState() throws -> AdaptiveState<State>? { try saved.map { try JSONDecoder().decode(AdaptiveState<State>.self, from: $0) } }

    func commit(_ state: AdaptiveState<State>, finds: [Evaluated<[Double]>], failures: [Evaluated<[Double]>]) throws {
        commits += 1
        if let fail = failAtCommit, commits >= fail { throw SearchError("killed") }
        saved = try JSONEncoder().encode(state)
        self.finds += finds
        self.failures += failures
    }

    var stateJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let state = try! JSONDecoder().decode(AdaptiveState<State>.self, from: saved!)
        return String(decoding: try! encoder.encode(state.proposer), as: UTF8.self)
    }
}

@Suite struct AdaptiveRunnerTests {
    static let grid = try! Grid(cells: [20, 20], lower: [-5, -5], upper: [5, 5])

    func mapElites(island: Int = 0) -> MAPElites<Drift> {
        try! MAPElites(problem: Drift(), grid: Self.grid, initialBatch: 50, random: SeededGenerator(seed: 42, island: island))
    }

    func evolution() -> RegularizedEvolution<Drift> {
        try! RegularizedEvolution(problem: Drift(), population: 60, tournament: 3, random: SeededGenerator(seed: 42))
    }

    func restartingEvolution() -> RegularizedEvolution<Drift> {
        try! RegularizedEvolution(problem: Drift(), population: 60, tournament: 3, restartEvery: 700, random: SeededGenerator(seed: 42))
    }

    func run<P: Proposer>(_ proposer: P, _ checkpoint: MemoryAdaptiveCheckpoint<P.State>, evaluations: Int = 6000) throws -> AdaptiveSummary
    where P.Candidate == [Double] {
        var runner = try AdaptiveRunner(proposer: proposer, evaluator: DriftEvaluator(), checkpoint: checkpoint, batchSize: 25, workers: 2,
                                        budget: try Budget(candidates: evaluations), commitInterval: 0)
        return try runner.run()
    }

    /// Runs to the end through `kills` interruptions at random commits.
    func interrupted<P: Proposer>(_ make: () -> P, kills: Int, seed: UInt64) throws -> MemoryAdaptiveCheckpoint<P.State> where P.Candidate == [Double] {
        let checkpoint = MemoryAdaptiveCheckpoint<P.State>()
        var random = SeededGenerator(seed: seed)
        var killed = 0
        while true {
            checkpoint.commits = 0
            checkpoint.failAtCommit = killed < kills ? 1 + Int(random.next() % 60) : nil
            do { _ = try run(make(), checkpoint); return checkpoint } catch { killed += 1 }
        }
    }

    @Test func mapElitesInterruptedEndsWithTheArchiveOfAnUninterruptedRun() throws {
        let whole = MemoryAdaptiveCheckpoint<MAPElites<Drift>.State>()
        let summary = try run(mapElites(), whole)
        #expect(summary.totalEvaluations == 6000 && summary.stopped == .budget)
        let state = try #require(try whole.savedState()).proposer
        #expect(state.archive.count > 200)   // most of the 20 x 20 cells within reach of the drift
        #expect(state.elites.first!.evaluation.fitness! > -0.01)
        for seed in 1...4 as ClosedRange<UInt64> {
            let resumed = try interrupted({ mapElites() }, kills: 5, seed: seed)
            #expect(resumed.stateJSON == whole.stateJSON)
        }
    }

    @Test func evolutionInterruptedEndsWithThePopulationOfAnUninterruptedRun() throws {
        let whole = MemoryAdaptiveCheckpoint<RegularizedEvolution<Drift>.State>()
        _ = try run(evolution(), whole)
        let state = try #require(try whole.savedState()).proposer
        #expect(state.population.count == 60)
        #expect(state.best!.evaluation.fitness! > -0.01)   // converges on (1, 2)
        for seed in 1...4 as ClosedRange<UInt64> {
            #expect(try interrupted(evolution, kills: 5, seed: seed).stateJSON == whole.stateJSON)
        }
    }

    /// Every 700 proposals the population empties; odd restarts refill it from the problem's start, even ones from
    /// the best so far. The restarts are part of the saved state: an interrupted run ends as an uninterrupted one.
    @Test func evolutionRestartsAlternatelyFromTheStartAndFromTheBest() throws {
        var evolution = restartingEvolution()
        let evaluator = DriftEvaluator()
        var worker: Void = ()
        func step() throws -> [Double] {
            let child = evolution.propose(1)[0]
            let evaluation = (try? evaluator.evaluate(child, worker: &worker)) ?? Evaluation(fitness: nil, descriptor: [], note: "too far")
            _ = evolution.learn([Evaluated(serial: evolution.state.proposed, candidate: child, evaluation: evaluation)])
            return child
        }
        for _ in 0..<700 { _ = try step() }
        #expect(evolution.state.population.count == 60 && evolution.state.restarts == nil)
        // The first restart: children come from the start again (Drift's start: fresh normal draws), not from the best.
        let best = try #require(evolution.state.best)
        #expect(best.evaluation.fitness! > -0.05)
        let fresh = try step()
        #expect(evolution.state.restarts == 1 && evolution.state.population.count == 1 && fresh != best.candidate)
        for _ in 701..<1400 { _ = try step() }
        // The second: the population refills with the best found so far, which the first restart kept.
        let kept = try #require(evolution.state.best)
        #expect(kept.evaluation.rank >= best.evaluation.rank)
        #expect(try step() == kept.candidate && evolution.state.restarts == 2 && evolution.state.founder == kept.candidate)
        #expect(try (0..<59).map { _ in try step() }.allSatisfy { $0 == kept.candidate })
        #expect(try step() != kept.candidate, "a full population mutates again")

        let whole = MemoryAdaptiveCheckpoint<RegularizedEvolution<Drift>.State>()
        _ = try run(restartingEvolution(), whole)
        #expect(try whole.savedState()!.proposer.restarts == 8)
        for seed in 1...2 as ClosedRange<UInt64> {
            #expect(try interrupted(restartingEvolution, kills: 5, seed: seed).stateJSON == whole.stateJSON)
        }
    }

    @Test func failedEvaluationsAreResultsAndTheRunGoesOn() throws {
        let checkpoint = MemoryAdaptiveCheckpoint<MAPElites<Drift>.State>()
        let summary = try run(mapElites(), checkpoint)
        #expect(summary.totalEvaluations == 6000)
        #expect(summary.failures > 0 && checkpoint.failures.count == summary.failures)
        #expect(checkpoint.failures.allSatisfy { $0.evaluation.fitness == nil && $0.evaluation.note != nil })
        // A failure ranks below everything: no failed candidate holds a cell.
        #expect(try checkpoint.savedState()!.proposer.archive.values.allSatisfy { $0.evaluation.fitness != nil })
    }

    @Test func islandsMergeToTheSameArchiveInAnyOrder() throws {
        let islands = try (0..<3).map { i -> MAPElites<Drift>.State in
            let checkpoint = MemoryAdaptiveCheckpoint<MAPElites<Drift>.State>()
            _ = try run(mapElites(island: i), checkpoint, evaluations: 2000)
            return try checkpoint.savedState()!.proposer
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let merged = try MAPElites<Drift>.State.merged(islands)
        let reversed = try MAPElites<Drift>.State.merged(islands.reversed())
        #expect(try encoder.encode(merged) == encoder.encode(reversed))
        // The best per cell wins: every island's elite is matched or beaten in its cell.
        for island in islands {
            for (cell, elite) in island.archive { #expect(merged.archive[cell]!.evaluation.rank >= elite.evaluation.rank) }
        }
        #expect(merged.archive.count >= islands.map(\.archive.count).max()!)
        // Islands have their own seeds: they explore differently.
        #expect(islands[0].archive.keys.sorted() != islands[1].archive.keys.sorted() || islands[0].elites.first!.candidate != islands[1].elites.first!.candidate)
    }

    /// A candidate as fit as its cell's elite replaces it only with neutral drift; a less fit one never does.
    @Test func neutralDriftReplacesAnEqualElite() throws {
        func placed(drift: Bool) throws -> [Double] {
            var search = try MAPElites(problem: Drift(), grid: Self.grid, initialBatch: 1, neutralDrift: drift, random: SeededGenerator(seed: 1))
            let first = Evaluated(serial: 1, candidate: [0.1, 0.1], evaluation: Evaluation(fitness: -1, descriptor: [0.1, 0.1]))
            let tie = Evaluated(serial: 2, candidate: [0.2, 0.2], evaluation: Evaluation(fitness: -1, descriptor: [0.2, 0.2]))
            let worse = Evaluated(serial: 3, candidate: [0.3, 0.3], evaluation: Evaluation(fitness: -1.5, descriptor: [0.3, 0.3]))
            #expect(search.learn([first]).map(\.serial) == [1])
            #expect(search.learn([tie]).map(\.serial) == (drift ? [2] : []))
            #expect(search.learn([worse]).isEmpty)
            #expect(search.state.count == 1)
            return search.state.elite(inCell: Self.grid.cell(of: [0.1, 0.1])!)!.candidate
        }
        #expect(try placed(drift: false) == [0.1, 0.1])
        #expect(try placed(drift: true) == [0.2, 0.2])
    }

    /// With a records grid, regularized evolution's finds are its new bests and the fittest so far in each cell.
    @Test func evolutionRecordsTheFittestPerCell() throws {
        let grid = try Grid(cells: [2], lower: [0], upper: [2])
        var search = try RegularizedEvolution(problem: Drift(), population: 3, tournament: 1, records: grid, random: SeededGenerator(seed: 1))
        let sequence: [(Double, Double?)] = [(0.5, 1), (1.5, 0.5), (1.5, 0.4), (0.5, 0.9), (1.5, 0.7), (0.5, 2), (1.5, nil)]
        let evaluated = sequence.enumerated().map { i, pair in
            Evaluated(serial: i + 1, candidate: [pair.0], evaluation: Evaluation(fitness: pair.1, descriptor: [pair.0]))
        }
        #expect(search.learn(evaluated).map(\.serial) == [1, 2, 5, 6])
        #expect(search.state.records == [0: 2, 1: 0.7] && search.state.best?.serial == 6)
        // Without the grid, only the new bests.
        var plain = try RegularizedEvolution(problem: Drift(), population: 3, tournament: 1, random: SeededGenerator(seed: 1))
        #expect(plain.learn(evaluated).map(\.serial) == [1, 6])
        // Islands merge their records cell by cell.
        var other = try RegularizedEvolution(problem: Drift(), population: 3, tournament: 1, records: grid, random: SeededGenerator(seed: 2))
        _ = other.learn([Evaluated(serial: 1, candidate: [1.2], evaluation: Evaluation(fitness: 0.8, descriptor: [1.2]))])
        #expect(try RegularizedEvolution<Drift>.State.merged([search.state, other.state]).records == [0: 2, 1: 0.8])
    }

    @Test func nonsenseParametersAreRefused() {
        #expect(throws: SearchError.self) { try Grid(cells: [], lower: [], upper: []) }
        #expect(throws: SearchError.self) { try Grid(cells: [0, 4], lower: [0, 0], upper: [1, 1]) }
        #expect(throws: SearchError.self) { try Grid(cells: [4], lower: [1], upper: [1]) }
        #expect(throws: SearchError.self) { try RegularizedEvolution(problem: Drift(), population: 0, tournament: 1, random: SeededGenerator(seed: 1)) }
        #expect(throws: SearchError.self) { try RegularizedEvolution(problem: Drift(), population: 10, tournament: 11, random: SeededGenerator(seed: 1)) }
        #expect(throws: SearchError.self) { try RegularizedEvolution(problem: Drift(), population: 10, tournament: 2, restartEvery: 9, random: SeededGenerator(seed: 1)) }
        #expect(throws: SearchError.self) { try MAPElites(problem: Drift(), grid: Self.grid, initialBatch: 0, random: SeededGenerator(seed: 1)) }
    }

    @Test func gridCellsAndGeneratorState() throws {
        #expect(Self.grid.cell(of: [-5, -5]) == 0)
        #expect(Self.grid.cell(of: [4.99, 4.99]) == 399)
        #expect(Self.grid.cell(of: [100, -100]) == 19 * 20)   // clamped into the edge cells
        #expect(Self.grid.cell(of: [.nan, 0]) == nil)
        #expect(Self.grid.coordinates(of: 21) == [1, 1])
        var a = SeededGenerator(seed: 3)
        _ = a.next()
        var b = try JSONDecoder().decode(SeededGenerator.self, from: JSONEncoder().encode(a))
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        // Normal draws: mean ~0, variance ~1.
        var g = SeededGenerator(seed: 9)
        let xs = (0..<100_000).map { _ in g.normal() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        #expect(abs(mean) < 0.02 && abs(variance - 1) < 0.02)
    }

    /// The ziggurat's draws follow the normal law, in blocks of one and of a hundred: their distribution function
    /// within 0.002 of the normal one from -4.5 to 4.5 on a million draws (a lost layer or a wrong tail moves it by
    /// more), the share beyond the tail's edge, and the fourth moment 3.
    @Test(arguments: [1, 100])
    func zigguratDrawsAreNormal(block: Int) {
        var g = SeededGenerator(seed: 11)
        let n = 1_000_000
        var xs = [Double](repeating: 0, count: n)
        xs.withUnsafeMutableBufferPointer { all in
            for start in stride(from: 0, to: n, by: block) { g.zigguratNoise(1, into: UnsafeMutableBufferPointer(rebasing: all[start ..< start + block])) }
        }
        xs.sort()
        for k in -18...18 {
            let x = Double(k) / 4
            var below = 0, above = n
            while below < above { let mid = (below + above) / 2; if xs[mid] < x { below = mid + 1 } else { above = mid } }
            #expect(abs(Double(below) / Double(n) - 0.5 * erfc(-x / 2.0.squareRoot())) < 0.002, "at \(x)")
        }
        let tail = xs.filter { abs($0) > 3.442619855899 }.count   // the part drawn by the tail method: 0.0576%
        #expect(abs(Double(tail) / Double(n) - erfc(3.442619855899 / 2.0.squareRoot())) < 1.5e-4)
        let fourth = xs.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(n)
        #expect(abs(fourth - 3) < 0.05)
    }

    /// A block of noise, written out here independently: the ziggurat's tables, the key's SplitMix64 stream, and each
    /// draw one word at a time, the words outside their rectangles going on from word count + 1 in the order of their
    /// draws. The vector kernel and the scalar one both give these values bit for bit, and the generator moves one
    /// word per block.
    @Test func zigguratBlocksDrawTheirKeysStream() {
        // Marsaglia and Tsang's 128 layers (bound[1] stays 0: all of layer 1 takes the wedge test).
        let r = 3.442619855899, area = 9.91256303526217e-3, scale31 = 2147483648.0
        var bound = [UInt32](repeating: 0, count: 128), width = [Double](repeating: 0, count: 128), height = width
        var edge = r, previous = r
        let q = area / exp(-0.5 * edge * edge)
        bound[0] = UInt32(edge / q * scale31); width[0] = q / scale31; width[127] = edge / scale31
        height[0] = 1; height[127] = exp(-0.5 * edge * edge)
        for i in stride(from: 126, through: 1, by: -1) {
            edge = (-2 * log(area / edge + exp(-0.5 * edge * edge))).squareRoot()
            bound[i + 1] = UInt32(edge / previous * scale31); previous = edge
            height[i] = exp(-0.5 * edge * edge); width[i] = edge / scale31
        }
        func word(_ key: UInt64, _ k: Int) -> UInt64 {
            var z = key &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func point(_ w: UInt64) -> (layer: Int, position: Int32) { (Int(w & 127), Int32(truncatingIfNeeded: w >> 32)) }

        var reference = SeededGenerator(seed: 5), vector = reference, scalar = reference
        var rejected = 0, tails = 0, total = 0
        for size in [1, 7, 8, 9, 20, 100, 1000, 20_000] {
            for round in 0..<20 {
                let adding = round % 2 == 1, start = (0..<size).map { Double($0 % 7) - 3 }
                var expected = start
                let key = reference.next()
                var extra = size
                func nextExtra() -> UInt64 { extra += 1; return word(key, extra) }
                var slow: [Int] = []
                for i in 0..<size {
                    let (layer, position) = point(word(key, i + 1))
                    if position.magnitude < bound[layer] {
                        let x = 0.3 * (Double(position) * width[layer])
                        expected[i] = adding ? expected[i] + x : x
                    } else { slow.append(i) }
                }
                for i in slow {
                    var w = word(key, i + 1), x = 0.0
                    while true {
                        let (layer, position) = point(w)
                        x = Double(position) * width[layer]
                        if position.magnitude < bound[layer] { break }
                        if layer == 0 {
                            var tailX = 0.0, tailY = 0.0
                            repeat {
                                tailX = -log(1 - Double(nextExtra() >> 11) * 0x1p-53) / r
                                tailY = -log(1 - Double(nextExtra() >> 11) * 0x1p-53)
                            } while tailY + tailY < tailX * tailX
                            x = position > 0 ? r + tailX : -r - tailX
                            tails += 1
                            break
                        }
                        if height[layer] + Double(nextExtra() >> 11) * 0x1p-53 * (height[layer - 1] - height[layer]) < exp(-0.5 * x * x) { break }
                        w = nextExtra()
                    }
                    expected[i] = adding ? expected[i] + 0.3 * x : 0.3 * x
                }
                rejected += slow.count
                total += size
                for portable in [false, true] {
                    var drawn = start
                    drawn.withUnsafeMutableBufferPointer { values in
                        if portable { scalar.zigguratNoise(0.3, values, adding: adding, portable: true) }
                        else { vector.zigguratNoise(0.3, values, adding: adding) }
                    }
                    #expect(zip(drawn, expected).allSatisfy { $0.bitPattern == $1.bitPattern }, "size \(size), portable \(portable)")
                }
            }
        }
        #expect(vector == reference && scalar == reference && total == 422_900)
        // About 2.8% of the 422,900 words miss their rectangles, and 0.0576% of draws come from the tail.
        #expect((10_000...14_000).contains(rejected) && (150...350).contains(tails))
    }
}

/// Drift scored once per cell of side 0.5: points in one cell share the score of the first evaluated, which
/// depends on that point, so a memo that forgot its entries or let threads pick the stand-in would show.
final class CellMemoEvaluator: Evaluator, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var evaluatedKeys: [UInt64] = []
    private(set) var reuses = 0

    func memoKey(_ x: [Double]) -> UInt64? {
        UInt64(bitPattern: Int64((x[0] * 2).rounded(.down))) &* 1_000_003 &+ UInt64(bitPattern: Int64((x[1] * 2).rounded(.down)))
    }
    func reused(_ x: [Double]) { lock.lock(); reuses += 1; lock.unlock() }

    func evaluate(_ x: [Double], worker: inout Void) throws -> Evaluation {
        lock.lock(); evaluatedKeys.append(memoKey(x)!); lock.unlock()
        return try DriftEvaluator().evaluate(x, worker: &worker)
    }
}

extension AdaptiveRunnerTests {
    func memoRun(_ checkpoint: MemoryAdaptiveCheckpoint<RegularizedEvolution<Drift>.State>, evaluator: CellMemoEvaluator) throws {
        var runner = try AdaptiveRunner(proposer: evolution(), evaluator: evaluator, checkpoint: checkpoint, batchSize: 25, workers: 2,
                                        budget: try Budget(candidates: 3000), commitInterval: 0)
        _ = try runner.run()
    }

    @Test func memoEvaluatesEachKeyOnceAndSurvivesInterruptions() throws {
        let whole = MemoryAdaptiveCheckpoint<RegularizedEvolution<Drift>.State>()
        let evaluator = CellMemoEvaluator()
        try memoRun(whole, evaluator: evaluator)
        // Failed evaluations are not kept, so only keys that scored are never evaluated twice.
        #expect(evaluator.reuses > 1000 && evaluator.evaluatedKeys.count + evaluator.reuses == 3000)
        let memo = try #require(try whole.savedState()?.memo)
        var seen = Set<UInt64>()
        let repeated = evaluator.evaluatedKeys.filter { !seen.insert($0).inserted }
        #expect(repeated.allSatisfy { memo[$0] == nil })
        for seed in 1...3 as ClosedRange<UInt64> {
            let resumed = MemoryAdaptiveCheckpoint<RegularizedEvolution<Drift>.State>()
            var random = SeededGenerator(seed: seed)
            for _ in 0..<4 {
                resumed.commits = 0
                resumed.failAtCommit = 1 + Int(random.next() % 60)
                _ = try? memoRun(resumed, evaluator: CellMemoEvaluator())
            }
            resumed.failAtCommit = nil
            try memoRun(resumed, evaluator: CellMemoEvaluator())
            #expect(resumed.stateJSON == whole.stateJSON)
        }
    }
}
