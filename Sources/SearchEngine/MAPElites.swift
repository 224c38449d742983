/// A grid over behaviour descriptors: each dimension's range [lower, upper] cut into equal cells
/// (descriptors outside a range fall into its first or last cell).
public struct Grid: Codable, Sendable, Equatable {
    public var cells: [Int]
    public var lower: [Double]
    public var upper: [Double]

    public init(cells: [Int], lower: [Double], upper: [Double]) throws {
        guard !cells.isEmpty else { throw SearchError("a grid archive needs at least one descriptor dimension") }
        guard cells.count == lower.count, cells.count == upper.count else {
            throw SearchError("a grid archive needs one range per dimension: \(cells.count) dimensions, \(lower.count) ranges")
        }
        guard cells.allSatisfy({ $0 >= 1 }) else { throw SearchError("every dimension of a grid archive needs at least 1 cell, not \(cells)") }
        guard zip(lower, upper).allSatisfy({ $0.isFinite && $1.isFinite && $0 < $1 }) else {
            throw SearchError("every range of a grid archive must be finite with lower < upper")
        }
        let total = cells.reduce(1) { product, n in product.multipliedReportingOverflow(by: n).partialValue }
        guard cells.allSatisfy({ $0 <= 1 << 24 }), total <= 1 << 26 else { throw SearchError("a grid archive is limited to 2^26 cells, not \(cells)") }
        self.cells = cells
        self.lower = lower
        self.upper = upper
    }

    public var count: Int { cells.reduce(1, *) }

    /// The cell of a descriptor, row-major; nil for a descriptor of the wrong length or with NaN.
    public func cell(of descriptor: [Double]) -> Int? {
        guard descriptor.count == cells.count else { return nil }
        var index = 0
        for d in cells.indices {
            let x = descriptor[d]
            guard !x.isNaN else { return nil }
            let t = (x - lower[d]) / (upper[d] - lower[d])
            let i = min(max(Int((t * Double(cells[d])).rounded(.down).clamped(-1, Double(cells[d]))), 0), cells[d] - 1)
            index = index * cells[d] + i
        }
        return index
    }

    /// The coordinates of a cell index.
    public func coordinates(of cell: Int) -> [Int] {
        var rest = cell
        var coordinates = [Int](repeating: 0, count: cells.count)
        for d in cells.indices.reversed() {
            coordinates[d] = rest % cells[d]
            rest /= cells[d]
        }
        return coordinates
    }
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(self, lo), hi) }
}

/// MAP-Elites (Mouret & Clune 2015): an archive keeps the fittest candidate found in each grid cell; each
/// new candidate is a mutation of an elite drawn uniformly from the archive, and takes its cell if the cell
/// is empty or it is fitter. The first `initialBatch` candidates come from the problem's starting point.
public struct MAPElites<Problem: EvolutionProblem>: Proposer {
    public typealias Candidate = Problem.Candidate

    public struct State: Codable, Sendable, ElitesMerging {
        public var grid: Grid
        /// The archive, keyed by cell.
        public var archive: [Int: Evaluated<Candidate>]
        /// The filled cells in the order they were first filled: parents are drawn from this list, and it is
        /// saved in this order, so a restored archive draws the same parents.
        public var order: [Int]
        public var random: SeededGenerator
        public var proposed: Int

        public var elites: [Evaluated<Candidate>] { archive.values.sorted { Evaluated.precedes($0, $1, key: canonicalKey) } }

        /// Islands' archives combined: the best candidate per cell wins.
        public static func merged(_ islands: [State]) throws -> State {
            // In a canonical order (by generator state), so that the result does not depend on the input's.
            let islands = islands.sorted { ($0.random.s0, $0.random.s1) < ($1.random.s0, $1.random.s1) }
            guard var merged = islands.first else { throw SearchError("nothing to merge") }
            guard islands.allSatisfy({ $0.grid == merged.grid }) else { throw SearchError("the islands' archives have different grids") }
            for island in islands.dropFirst() {
                for (cell, elite) in island.archive {
                    if let held = merged.archive[cell], !Evaluated.precedes(elite, held, key: canonicalKey) { continue }
                    merged.archive[cell] = elite
                }
            }
            merged.order = merged.archive.keys.sorted()
            merged.proposed = islands.map(\.proposed).reduce(0, +)
            return merged
        }

        /// Coverage: the share of cells filled.
        public var coverage: Double { Double(archive.count) / Double(grid.count) }

        /// The QD score: the sum over elites of fitness minus `offset` (a lower bound of fitness, so that
        /// every elite adds).
        public func qdScore(offset: Double) -> Double {
            // Summed in cell order: a dictionary's order changes from process to process, and so would the last bits.
            archive.keys.sorted().reduce(0) { $0 + ((archive[$1]!.evaluation.fitness ?? offset) - offset) }
        }

        // The archive is saved as a list in `order` (JSON objects would need string keys).
        enum CodingKeys: String, CodingKey { case grid, archive, random, proposed }
        struct Entry: Codable { var cell: Int; var elite: Evaluated<Candidate> }

        public init(grid: Grid, archive: [Int: Evaluated<Candidate>], random: SeededGenerator, proposed: Int) {
            self.grid = grid
            self.archive = archive
            order = archive.keys.sorted()
            self.random = random
            self.proposed = proposed
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            grid = try c.decode(Grid.self, forKey: .grid)
            random = try c.decode(SeededGenerator.self, forKey: .random)
            proposed = try c.decode(Int.self, forKey: .proposed)
            archive = [:]
            order = []
            for entry in try c.decode([Entry].self, forKey: .archive) {
                guard (0..<grid.count).contains(entry.cell), archive[entry.cell] == nil else {
                    throw SearchError("an archive entry lies outside its grid or repeats a cell")
                }
                archive[entry.cell] = entry.elite
                order.append(entry.cell)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(grid, forKey: .grid)
            try c.encode(random, forKey: .random)
            try c.encode(proposed, forKey: .proposed)
            try c.encode(order.map { Entry(cell: $0, elite: archive[$0]!) }, forKey: .archive)
        }
    }

    public let problem: Problem
    public let initialBatch: Int
    public var state: State

    public init(problem: Problem, grid: Grid, initialBatch: Int, random: SeededGenerator) throws {
        guard initialBatch >= 1 else { throw SearchError("MAP-Elites needs at least 1 initial candidate, not \(initialBatch)") }
        self.problem = problem
        self.initialBatch = initialBatch
        state = State(grid: grid, archive: [:], random: random, proposed: 0)
    }

    public mutating func propose(_ count: Int) -> [Candidate] {
        (0..<count).map { _ in
            state.proposed += 1
            guard state.proposed > initialBatch, !state.order.isEmpty else { return problem.initial(using: &state.random) }
            let parent = state.archive[state.order[Int(state.random.next() % UInt64(state.order.count))]]!
            return problem.mutate(evaluated: parent, using: &state.random)
        }
    }

    public mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>] {
        var finds: [Evaluated<Candidate>] = []
        for candidate in evaluated {
            guard candidate.evaluation.fitness != nil, let cell = state.grid.cell(of: candidate.evaluation.descriptor) else { continue }
            if let held = state.archive[cell], held.evaluation.rank >= candidate.evaluation.rank { continue }
            if state.archive[cell] == nil { state.order.append(cell) }
            state.archive[cell] = candidate
            finds.append(candidate)
        }
        return finds
    }
}
