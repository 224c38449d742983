/// MAP-Elites over real vectors with its archive held as columns of reals: the same search as `MAPElites` (the same
/// draws, parents and replacements, so the same archive for a seed), without an object per candidate or elite. Its
/// state is a `MAPElites` state, built when a checkpoint saves it, so that saved searches, merges and reports are
/// the same for both.
public struct ColumnarMAPElites<Problem: ColumnarProblem>: ColumnarProposer {
    public typealias Candidate = Problem.Candidate
    public typealias State = MAPElites<Problem>.State

    public let problem: Problem
    public let initialBatch: Int
    public let neutralDrift: Bool
    public let grid: Grid
    public var width: Int { problem.width }
    /// The position of each cell's elite in the columns, -1 for an empty cell.
    private var positions: [Int32]
    /// The columns, in the order cells were first filled (as `MAPElites.State` orders them).
    private var order: [Int] = []
    private var serials: [Int] = []
    private var fitness: [Double] = []
    private var descriptors: [Double] = []
    private var solutions: [Double] = []
    private var random: SeededGenerator
    private var proposed = 0

    /// Grids of at most this many cells: the cell index is a dense array.
    public static var largestGrid: Int { 1 << 24 }

    public init(problem: Problem, grid: Grid, initialBatch: Int, neutralDrift: Bool = false, random: SeededGenerator) throws {
        guard initialBatch >= 1 else { throw SearchError("MAP-Elites needs at least 1 initial candidate, not \(initialBatch)") }
        guard grid.count <= Self.largestGrid else { throw SearchError("a columnar archive is limited to \(Self.largestGrid) cells, not \(grid.count)") }
        self.problem = problem
        self.initialBatch = initialBatch
        self.neutralDrift = neutralDrift
        self.grid = grid
        self.random = random
        positions = Array(repeating: -1, count: grid.count)
    }

    public var state: State {
        get {
            let width = problem.width, descriptorWidth = grid.cells.count
            let elites = order.indices.map { i in
                (cell: order[i], elite: Evaluated(serial: serials[i], candidate: Candidate(Array(solutions[i * width ..< (i + 1) * width])),
                                                  evaluation: Evaluation(fitness: fitness[i],
                                                                         descriptor: Array(descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth]))))
            }
            return try! State(grid: grid, elites: elites, random: random, proposed: proposed)
        }
        set {
            precondition(newValue.grid == grid, "a columnar archive restored from another grid")
            positions = Array(repeating: -1, count: grid.count)
            order = []; serials = []; fitness = []; descriptors = []; solutions = []
            for position in 0..<newValue.count {
                let elite = newValue.elite(at: position)
                precondition(elite.candidate.values.count == problem.width, "a columnar archive restored with vectors of another length")
                positions[newValue.order[position]] = Int32(position)
                order.append(newValue.order[position])
                serials.append(elite.serial)
                fitness.append(elite.evaluation.fitness ?? -.infinity)
                descriptors += elite.evaluation.descriptor
                solutions += elite.candidate.values
            }
            random = newValue.random
            proposed = newValue.proposed
        }
    }

    public mutating func propose(into batch: inout ColumnarBatch) {
        let width = problem.width, problem = self.problem, initialBatch = self.initialBatch, elites = order.count, count = batch.count
        // The generator and the count as locals: the columns are read while they change.
        var random = self.random, proposed = self.proposed
        defer { self.random = random; self.proposed = proposed }
        batch.solutions.withUnsafeMutableBufferPointer { children in
            solutions.withUnsafeBufferPointer { held in
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
                for i in 0..<batch.count where consider(fitness: batch.fitness[i],
                                                        descriptor: UnsafeBufferPointer(rebasing: descriptors[i * batch.descriptorWidth ..< (i + 1) * batch.descriptorWidth]),
                                                        solution: UnsafeBufferPointer(rebasing: solutions[i * batch.width ..< (i + 1) * batch.width]),
                                                        serial: firstSerial + i) {
                    kept += 1
                }
            }
        }
        return kept
    }

    /// Places a candidate in its cell when the cell is empty or it is fitter (or as fit, with neutral drift).
    private mutating func consider(fitness f: Double, descriptor: UnsafeBufferPointer<Double>, solution: UnsafeBufferPointer<Double>, serial: Int) -> Bool {
        guard !f.isNaN, let cell = grid.cell(of: descriptor) else { return false }
        let width = problem.width, descriptorWidth = grid.cells.count
        let position = Int(positions[cell])
        guard position >= 0 else {
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

    // The generic forms, for the generic runner.

    public mutating func propose(_ count: Int) -> [Candidate] {
        var batch = ColumnarBatch(width: problem.width, descriptorWidth: grid.cells.count)
        batch.resize(to: count)
        propose(into: &batch)
        return (0..<count).map { Candidate(Array(batch.solutions[$0 * problem.width ..< ($0 + 1) * problem.width])) }
    }

    public mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>] {
        evaluated.filter { candidate in
            guard let f = candidate.evaluation.fitness else { return false }
            return candidate.evaluation.descriptor.withUnsafeBufferPointer { descriptor in
                candidate.candidate.values.withUnsafeBufferPointer { solution in
                    consider(fitness: f, descriptor: descriptor, solution: solution, serial: candidate.serial)
                }
            }
        }
    }
}
