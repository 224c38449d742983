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
        descriptor.withUnsafeBufferPointer(cell(of:))
    }

    /// The cell of a descriptor held in a buffer (a columnar batch's row).
    public func cell(of descriptor: UnsafeBufferPointer<Double>) -> Int? {
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
/// With `neutralDrift`, a candidate as fit as its cell's elite takes its place too: in program spaces, where many
/// programs compute one function, such neutral moves carry a lineage across a plateau (as in Cartesian genetic
/// programming), where keeping the first of them would freeze it.
public struct MAPElites<Problem: EvolutionProblem>: Proposer {
    public typealias Candidate = Problem.Candidate

    /// The archive is held column by column, in the order its cells were first filled: parents are drawn by
    /// position, and the columns are saved in this order (MAPElites+Saving.swift), so a restored archive draws the
    /// same parents. Columns spare the per-elite dictionary entries that made saving and drawing parents slow.
    public struct State: Sendable, ElitesMerging {
        public var grid: Grid
        /// The cell of each elite.
        public private(set) var order: [Int] = []
        private(set) var serials: [Int] = []
        private(set) var evaluations: [Evaluation] = []
        private(set) var candidates: [Candidate] = []
        /// The position of each filled cell's elite in the columns.
        private var positions: [Int: Int] = [:]
        public var random: SeededGenerator
        public var proposed: Int

        /// An archive holding `elites` in the given order (each cell once).
        init(grid: Grid, elites: [(cell: Int, elite: Evaluated<Candidate>)], random: SeededGenerator, proposed: Int) throws {
            self.grid = grid
            self.random = random
            self.proposed = proposed
            for (cell, elite) in elites {
                guard (0..<grid.count).contains(cell), positions[cell] == nil else { throw SearchError("an archive entry lies outside its grid or repeats a cell") }
                place(elite, in: cell)
            }
        }

        public init(grid: Grid, archive: [Int: Evaluated<Candidate>], random: SeededGenerator, proposed: Int) {
            self.grid = grid
            self.random = random
            self.proposed = proposed
            for cell in archive.keys.sorted() { place(archive[cell]!, in: cell) }
        }

        /// Puts `elite` in `cell`, in place of the one held there.
        mutating func place(_ elite: Evaluated<Candidate>, in cell: Int) {
            if let position = positions[cell] {
                serials[position] = elite.serial
                evaluations[position] = elite.evaluation
                candidates[position] = elite.candidate
            } else {
                positions[cell] = order.count
                order.append(cell)
                serials.append(elite.serial)
                evaluations.append(elite.evaluation)
                candidates.append(elite.candidate)
            }
        }

        public var count: Int { order.count }
        public func elite(at position: Int) -> Evaluated<Candidate> {
            Evaluated(serial: serials[position], candidate: candidates[position], evaluation: evaluations[position])
        }
        public func elite(inCell cell: Int) -> Evaluated<Candidate>? { positions[cell].map(elite(at:)) }
        /// The evaluation held in `cell`.
        func evaluation(inCell cell: Int) -> Evaluation? { positions[cell].map { evaluations[$0] } }

        /// The archive keyed by cell (built on each use).
        public var archive: [Int: Evaluated<Candidate>] {
            Dictionary(uniqueKeysWithValues: order.indices.map { (order[$0], elite(at: $0)) })
        }

        public var elites: [Evaluated<Candidate>] { order.indices.map(elite(at:)).sorted { Evaluated.precedes($0, $1, key: canonicalKey) } }

        /// The first of `elites`, without sorting them.
        public var best: Evaluated<Candidate>? {
            order.indices.map(elite(at:)).min { Evaluated.precedes($0, $1, key: canonicalKey) }
        }

        /// Islands' archives combined: the best candidate per cell wins.
        public static func merged(_ islands: [State]) throws -> State {
            // In a canonical order (by generator state), so that the result does not depend on the input's.
            let islands = islands.sorted { ($0.random.s0, $0.random.s1) < ($1.random.s0, $1.random.s1) }
            guard let first = islands.first else { throw SearchError("nothing to merge") }
            guard islands.allSatisfy({ $0.grid == first.grid }) else { throw SearchError("the islands' archives have different grids") }
            var best = first.archive
            for island in islands.dropFirst() {
                for position in island.order.indices {
                    let elite = island.elite(at: position), cell = island.order[position]
                    if let held = best[cell], !Evaluated.precedes(elite, held, key: canonicalKey) { continue }
                    best[cell] = elite
                }
            }
            return State(grid: first.grid, archive: best, random: first.random, proposed: islands.map(\.proposed).reduce(0, +))
        }

        /// Coverage: the share of cells filled.
        public var coverage: Double { Double(order.count) / Double(grid.count) }

        /// The QD score: the sum over elites of fitness minus `offset` (a lower bound of fitness, so that
        /// every elite adds).
        public func qdScore(offset: Double) -> Double {
            // Summed in cell order, so that the last bits do not depend on the order the cells were filled in.
            order.indices.sorted { order[$0] < order[$1] }.reduce(0) { $0 + ((evaluations[$1].fitness ?? offset) - offset) }
        }
    }

    public let problem: Problem
    public let initialBatch: Int
    public let neutralDrift: Bool
    public var state: State

    public init(problem: Problem, grid: Grid, initialBatch: Int, neutralDrift: Bool = false, random: SeededGenerator) throws {
        guard initialBatch >= 1 else { throw SearchError("MAP-Elites needs at least 1 initial candidate, not \(initialBatch)") }
        self.problem = problem
        self.initialBatch = initialBatch
        self.neutralDrift = neutralDrift
        state = State(grid: grid, archive: [:], random: random, proposed: 0)
    }

    public mutating func propose(_ count: Int) -> [Candidate] {
        (0..<count).map { _ in
            state.proposed += 1
            guard state.proposed > initialBatch, !state.order.isEmpty else { return problem.initial(using: &state.random) }
            let parent = Int(state.random.next() % UInt64(state.count))
            return problem.mutate(evaluated: state.elite(at: parent), using: &state.random)
        }
    }

    public mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>] {
        var finds: [Evaluated<Candidate>] = []
        for candidate in evaluated {
            guard candidate.evaluation.fitness != nil, let cell = state.grid.cell(of: candidate.evaluation.descriptor) else { continue }
            if let held = state.evaluation(inCell: cell),
               held.rank > candidate.evaluation.rank || (held.rank == candidate.evaluation.rank && !neutralDrift) { continue }
            state.place(candidate, in: cell)
            finds.append(candidate)
        }
        return finds
    }
}
