import CSearchKernels

/// MAP-Elites over real vectors with its archive held as columns of reals: the same search as `MAPElites` (the same
/// draws, parents and replacements, so the same archive for a seed), without an object per candidate or elite. Its
/// state is a `MAPElites` state, built when a checkpoint saves it, so that saved searches, merges and reports are
/// the same for both.
public struct ColumnarMAPElites<Problem: ColumnarProblem>: ColumnarProposer {
    public typealias Candidate = Problem.Candidate

    /// The archive as columns, in the order cells were first filled (as `MAPElites.State` orders them), with the
    /// generator and the count. It saves in `MAPElites.State`'s form, written from the columns; it reads through
    /// that type, and merges and lists its elites as that type does.
    public struct State: Codable, Sendable, ElitesMerging {
        public let grid: Grid
        /// The length of the vectors: the problem's, or for an archive read back empty, the first elite's.
        var width: Int
        /// The position of each cell's elite in the columns, -1 for an empty cell.
        var positions: [Int32]
        var order: [Int] = []
        var serials: [Int] = []
        var fitness: [Double] = []
        var descriptors: [Double] = []
        var solutions: [Double] = []
        var random: SeededGenerator
        var proposed = 0

        init(grid: Grid, width: Int, random: SeededGenerator) {
            self.grid = grid
            self.width = width
            self.random = random
            positions = Array(repeating: -1, count: grid.count)
        }

        /// The same archive as a `MAPElites` state.
        public var mapElites: MAPElites<Problem>.State {
            let elites = order.indices.map { (cell: order[$0], elite: elite(at: $0)) }
            return try! MAPElites<Problem>.State(grid: grid, elites: elites, random: random, proposed: proposed)
        }

        /// The elite at a position of the columns.
        func elite(at i: Int) -> Evaluated<Candidate> {
            let descriptorWidth = grid.cells.count
            return Evaluated(serial: serials[i], candidate: Candidate(Array(solutions[i * width ..< (i + 1) * width])),
                             evaluation: Evaluation(fitness: fitness[i], descriptor: Array(descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth])))
        }

        public var coverage: Double { Double(order.count) / Double(grid.count) }

        /// The positions of the columns in the order of their cells.
        var positionsInCellOrder: [Int] { order.indices.sorted { order[$0] < order[$1] } }

        /// The QD score as `MAPElites.State` sums it: in cell order, so the same to the last bit.
        public func qdScore(offset: Double) -> Double {
            positionsInCellOrder.reduce(0) { $0 + (fitness[$1] - offset) }
        }

        /// The fittest elite, as `MAPElites.State` chooses it: the earlier serial on a tie, then the candidate's JSON
        /// (islands merged can share a serial).
        public var best: Evaluated<Candidate>? {
            var tied: [Int] = []
            for i in order.indices {
                guard let first = tied.first, fitness[i] <= fitness[first] else { tied = [i]; continue }
                if fitness[i] == fitness[first] {
                    if serials[i] < serials[first] { tied = [i] } else if serials[i] == serials[first] { tied.append(i) }
                }
            }
            return tied.map(elite(at:)).min { Evaluated.precedes($0, $1, key: canonicalKey) }
        }

        /// The archive with its columns in cell order, as a merge leaves it.
        var inCellOrder: State {
            var sorted = State(grid: grid, width: width, random: random)
            sorted.proposed = proposed
            let descriptorWidth = grid.cells.count
            for i in positionsInCellOrder {
                sorted.positions[order[i]] = Int32(sorted.order.count)
                sorted.order.append(order[i])
                sorted.serials.append(serials[i])
                sorted.fitness.append(fitness[i])
                sorted.descriptors += descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth]
                sorted.solutions += solutions[i * width ..< (i + 1) * width]
            }
            return sorted
        }

        /// A `MAPElites` state as columns; nil when its vectors have different lengths.
        public init?(_ archive: MAPElites<Problem>.State) {
            guard archive.grid.count <= ColumnarMAPElites.largestGrid else { return nil }
            let width = archive.count > 0 ? archive.elite(at: 0).candidate.values.count : 0
            self.init(grid: archive.grid, width: width, random: archive.random)
            proposed = archive.proposed
            for position in 0..<archive.count {
                let elite = archive.elite(at: position)
                guard elite.candidate.values.count == width, let f = elite.evaluation.fitness else { return nil }
                positions[archive.order[position]] = Int32(position)
                order.append(archive.order[position])
                serials.append(elite.serial)
                fitness.append(f)
                descriptors += elite.evaluation.descriptor
                solutions += elite.candidate.values
            }
        }

        public init(from decoder: Decoder) throws {
            if let state = try State(columnsFrom: decoder) {
                self = state
                return
            }
            guard let state = State(try MAPElites<Problem>.State(from: decoder)) else {
                throw SearchError("a saved archive of vectors of different lengths, or of a grid too large for columns")
            }
            self = state
        }

        /// The saved columns read straight into columns, without an object per elite (a tenth of the time for an
        /// archive of 72,000 vectors); nil for the forms only `MAPElites.State` reads (a list of entries, candidates
        /// one by one, notes), which then goes that way.
        init?(columnsFrom decoder: Decoder) throws {
            typealias Keys = MAPElites<Problem>.State.CodingKeys
            let c = try decoder.container(keyedBy: Keys.self)
            guard !c.contains(.archive), !c.contains(.notes), c.contains(.vectors) else { return nil }
            let grid = try c.decode(Grid.self, forKey: .grid)
            let columns = try ArchiveColumns(from: c, decoder: decoder, cells: .cells, serials: .serials, fitness: .fitness, descriptors: .descriptors)
            guard let packed = OutOfLineColumns.doubles(try c.decode(String.self, forKey: .vectors), decoder: decoder), let width = packed.first.flatMap({ Int(exactly: $0) }),
                  width >= 0, packed.count == 1 + width * columns.cells.count, columns.descriptors.count == columns.cells.count * grid.cells.count,
                  grid.count <= ColumnarMAPElites.largestGrid, columns.fitness.allSatisfy({ $0 != nil }),
                  columns.cells.allSatisfy({ (0..<grid.count).contains($0) }), Set(columns.cells).count == columns.cells.count else { return nil }
            self.init(grid: grid, width: width, random: try c.decode(SeededGenerator.self, forKey: .random))
            proposed = try c.decode(Int.self, forKey: .proposed)
            order = columns.cells
            serials = columns.serials
            fitness = columns.fitness.map { $0! }
            descriptors = columns.descriptors
            solutions = Array(packed.dropFirst())
            for (position, cell) in order.enumerated() { positions[cell] = Int32(position) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = try MAPElites<Problem>.State.encodeColumns(to: encoder, grid: grid, random: random, proposed: proposed, cells: order,
                                                               serials: serials, fitness: fitness, descriptors: descriptors)
            try c.encode(packedColumn(solutions, width: width, encoder: encoder), forKey: .vectors)
        }

        public static func merged(_ islands: [State]) throws -> State {
            // One island: the general merge only puts its cells in order; done here without an object per elite.
            if islands.count == 1 { return islands[0].inCellOrder }
            guard let merged = State(try MAPElites<Problem>.State.merged(islands.map(\.mapElites))) else {
                throw SearchError("the islands' archives hold vectors of different lengths")
            }
            return merged
        }

        public var elites: [Evaluated<Candidate>] { mapElites.elites }
        public var count: Int { order.count }

        /// Places a candidate in its cell when the cell is empty or it is fitter (or as fit, with neutral drift).
        mutating func consider(fitness f: Double, descriptor: UnsafeBufferPointer<Double>, solution: UnsafeBufferPointer<Double>, serial: Int,
                               neutralDrift: Bool) -> Bool {
            guard !f.isNaN, let cell = grid.cell(of: descriptor) else { return false }
            return place(fitness: f, cell: cell, descriptor: descriptor, solution: solution, serial: serial, neutralDrift: neutralDrift)
        }

        /// `consider` for a candidate whose cell is known.
        mutating func place(fitness f: Double, cell: Int, descriptor: UnsafeBufferPointer<Double>, solution: UnsafeBufferPointer<Double>, serial: Int,
                            neutralDrift: Bool) -> Bool {
            let descriptorWidth = grid.cells.count
            let position = Int(positions[cell])
            guard position >= 0 else {
                if order.isEmpty { width = solution.count }
                positions[cell] = Int32(order.count)
                order.append(cell)
                serials.append(serial)
                fitness.append(f)
                descriptors.append(contentsOf: descriptor)
                solutions.append(contentsOf: solution)
                return true
            }
            if fitness[position] > f || (fitness[position] == f && !neutralDrift) { return false }
            serials[position] = serial
            fitness[position] = f
            descriptors.withUnsafeMutableBufferPointer { held in
                for d in 0..<descriptorWidth { held[position * descriptorWidth + d] = descriptor[d] }
            }
            solutions.withUnsafeMutableBufferPointer { held in
                for j in 0..<width { held[position * width + j] = solution[j] }
            }
            return true
        }
    }

    public let problem: Problem
    public let initialBatch: Int
    public let neutralDrift: Bool
    public var state: State
    public var width: Int { problem.width }

    /// Grids of at most this many cells: the cell index is a dense array.
    public static var largestGrid: Int { 1 << 24 }

    public init(problem: Problem, grid: Grid, initialBatch: Int, neutralDrift: Bool = false, random: SeededGenerator) throws {
        guard initialBatch >= 1 else { throw SearchError("MAP-Elites needs at least 1 initial candidate, not \(initialBatch)") }
        guard grid.count <= Self.largestGrid else { throw SearchError("a columnar archive is limited to \(Self.largestGrid) cells, not \(grid.count)") }
        self.problem = problem
        self.initialBatch = initialBatch
        self.neutralDrift = neutralDrift
        state = State(grid: grid, width: problem.width, random: random)
    }

    public mutating func propose(into batch: inout ColumnarBatch) {
        let width = problem.width, problem = self.problem, initialBatch = self.initialBatch, elites = state.count, count = batch.count
        // The generator and the count as locals: the columns are read while they change.
        var random = state.random, proposed = state.proposed
        defer { state.random = random; state.proposed = proposed }
        // First every child's draws (and each parent's position, -1 for a starting candidate), then the parents,
        // each fetched a few children ahead: the same draws in the same order as one child at a time.
        var parents = [Int](repeating: -1, count: count)
        batch.solutions.withUnsafeMutableBufferPointer { children in
            for i in 0..<count {
                let child = UnsafeMutableBufferPointer(rebasing: children[i * width ..< (i + 1) * width])
                proposed += 1
                if proposed <= initialBatch || elites == 0 {
                    problem.initial(into: child, using: &random)
                } else {
                    parents[i] = Int(random.next() % UInt64(elites))
                    problem.drawVariation(into: child, using: &random)
                }
            }
            state.solutions.withUnsafeBufferPointer { held in
                for i in 0..<count {
                    if i + Self.fetchAhead < count, parents[i + Self.fetchAhead] >= 0 {
                        let ahead = held.baseAddress! + parents[i + Self.fetchAhead] * width
                        for j in stride(from: 0, to: width, by: 8) { apery_prefetch(ahead + j) }
                        apery_prefetch(ahead + (width - 1))
                    }
                    guard parents[i] >= 0 else { continue }
                    problem.completeVariation(of: UnsafeBufferPointer(rebasing: held[parents[i] * width ..< (parents[i] + 1) * width]),
                                              in: UnsafeMutableBufferPointer(rebasing: children[i * width ..< (i + 1) * width]))
                }
            }
        }
    }

    /// How many candidates ahead a batch fetches the archive's lines it will read.
    static var fetchAhead: Int { 4 }

    public mutating func learn(_ batch: ColumnarBatch, firstSerial: Int) -> Int {
        var kept = 0
        let descriptorWidth = batch.descriptorWidth, width = batch.width, count = batch.count, grid = state.grid
        // The cells first, each cell's slot fetched; then, a few candidates ahead, the fitness held there.
        var cells = [Int](repeating: -1, count: count)
        batch.descriptors.withUnsafeBufferPointer { descriptors in
            state.positions.withUnsafeBufferPointer { positions in
                for i in 0..<count where !batch.fitness[i].isNaN {
                    guard let cell = grid.cell(of: UnsafeBufferPointer(rebasing: descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth])) else { continue }
                    apery_prefetch(positions.baseAddress! + cell)
                    cells[i] = cell
                }
            }
        }
        batch.solutions.withUnsafeBufferPointer { solutions in
            batch.descriptors.withUnsafeBufferPointer { descriptors in
                for i in 0..<count {
                    if i + Self.fetchAhead < count, cells[i + Self.fetchAhead] >= 0 {
                        let position = Int(state.positions[cells[i + Self.fetchAhead]])
                        // The mutable view: the read-only one retained and released the array on every call.
                        if position >= 0 { state.fitness.withUnsafeMutableBufferPointer { apery_prefetch($0.baseAddress! + position) } }
                    }
                    if cells[i] >= 0, state.place(fitness: batch.fitness[i], cell: cells[i],
                                                  descriptor: UnsafeBufferPointer(rebasing: descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth]),
                                                  solution: UnsafeBufferPointer(rebasing: solutions[i * width ..< (i + 1) * width]),
                                                  serial: firstSerial + i, neutralDrift: neutralDrift) {
                        kept += 1
                    }
                }
            }
        }
        return kept
    }

    // The generic forms, for the generic runner.

    public mutating func propose(_ count: Int) -> [Candidate] {
        var batch = ColumnarBatch(width: problem.width, descriptorWidth: state.grid.cells.count)
        batch.resize(to: count)
        propose(into: &batch)
        return (0..<count).map { Candidate(Array(batch.solutions[$0 * problem.width ..< ($0 + 1) * problem.width])) }
    }

    public mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>] {
        evaluated.filter { candidate in
            guard let f = candidate.evaluation.fitness else { return false }
            return candidate.evaluation.descriptor.withUnsafeBufferPointer { descriptor in
                candidate.candidate.values.withUnsafeBufferPointer { solution in
                    state.consider(fitness: f, descriptor: descriptor, solution: solution, serial: candidate.serial, neutralDrift: neutralDrift)
                }
            }
        }
    }
}
