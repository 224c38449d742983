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
            let descriptorWidth = grid.cells.count
            let elites = order.indices.map { i in
                (cell: order[i], elite: Evaluated(serial: serials[i], candidate: Candidate(Array(solutions[i * width ..< (i + 1) * width])),
                                                  evaluation: Evaluation(fitness: fitness[i],
                                                                         descriptor: Array(descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth]))))
            }
            return try! MAPElites<Problem>.State(grid: grid, elites: elites, random: random, proposed: proposed)
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
            guard let state = State(try MAPElites<Problem>.State(from: decoder)) else {
                throw SearchError("a saved archive of vectors of different lengths, or of a grid too large for columns")
            }
            self = state
        }

        public func encode(to encoder: Encoder) throws {
            var c = try MAPElites<Problem>.State.encodeColumns(to: encoder, grid: grid, random: random, proposed: proposed, cells: order,
                                                               serials: serials, fitness: fitness, descriptors: descriptors)
            try c.encode(OutOfLineColumns.encodable(packedColumn(solutions, width: width), encoder: encoder), forKey: .vectors)
        }

        public static func merged(_ islands: [State]) throws -> State {
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
        batch.solutions.withUnsafeMutableBufferPointer { children in
            state.solutions.withUnsafeBufferPointer { held in
                for i in 0..<count {
                    let child = UnsafeMutableBufferPointer(rebasing: children[i * width ..< (i + 1) * width])
                    proposed += 1
                    if proposed <= initialBatch || elites == 0 {
                        problem.initial(into: child, using: &random)
                    } else {
                        let parent = Int(random.next() % UInt64(elites))
                        problem.mutate(UnsafeBufferPointer(rebasing: held[parent * width ..< (parent + 1) * width]), into: child, using: &random)
                    }
                }
            }
        }
    }

    public mutating func learn(_ batch: ColumnarBatch, firstSerial: Int) -> Int {
        var kept = 0
        batch.solutions.withUnsafeBufferPointer { solutions in
            batch.descriptors.withUnsafeBufferPointer { descriptors in
                for i in 0..<batch.count where state.consider(fitness: batch.fitness[i],
                                                        descriptor: UnsafeBufferPointer(rebasing: descriptors[i * batch.descriptorWidth ..< (i + 1) * batch.descriptorWidth]),
                                                        solution: UnsafeBufferPointer(rebasing: solutions[i * batch.width ..< (i + 1) * batch.width]),
                                                        serial: firstSerial + i, neutralDrift: neutralDrift) {
                    kept += 1
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
