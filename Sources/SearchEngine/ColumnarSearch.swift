import Dispatch

/// Real-vector searches without an object per candidate. When evaluations cost tens of nanoseconds, a candidate
/// array, an evaluation with its descriptor array and their reference counting cost more than the evaluation. A
/// columnar batch holds the batch's solutions in one array (row-major, `width` reals each), their fitness in a
/// second and their descriptors in a third.

/// A real-vector problem whose variation writes into a buffer: the columnar form of `mutate` and `initial`.
/// Both forms must draw the same numbers in the same order, so that a columnar search repeats a generic one.
public protocol ColumnarProblem: EvolutionProblem where Candidate: RealVector {
    /// The length of every candidate.
    var width: Int { get }
    /// Writes a starting candidate into `child`.
    func initial(into child: UnsafeMutableBufferPointer<Double>, using random: inout SeededGenerator)
    /// The random part of a variation, drawn before its parent is read: writes into `child` what
    /// `completeVariation` then combines with the parent. A batch draws every child's part first and then reads
    /// the parents, fetched ahead; read one by one from a large archive, each parent stalled its child's draws.
    func drawVariation(into child: UnsafeMutableBufferPointer<Double>, using random: inout SeededGenerator)
    /// Combines the part drawn into `child` with `parent` (the two do not overlap).
    func completeVariation(of parent: UnsafeBufferPointer<Double>, in child: UnsafeMutableBufferPointer<Double>)
}

extension ColumnarProblem {
    /// Writes a variation of `parent` into `child` (the two do not overlap).
    public func mutate(_ parent: UnsafeBufferPointer<Double>, into child: UnsafeMutableBufferPointer<Double>, using random: inout SeededGenerator) {
        drawVariation(into: child, using: &random)
        completeVariation(of: parent, in: child)
    }

    public func initial(using random: inout SeededGenerator) -> Candidate {
        Candidate([Double](unsafeUninitializedCapacity: width) { buffer, count in
            initial(into: buffer, using: &random)
            count = width
        })
    }

    public func mutate(_ parent: Candidate, using random: inout SeededGenerator) -> Candidate {
        parent.values.withUnsafeBufferPointer { parent in
            Candidate([Double](unsafeUninitializedCapacity: parent.count) { buffer, count in
                mutate(parent, into: buffer, using: &random)
                count = parent.count
            })
        }
    }
}

/// An evaluator of real vectors that scores a whole batch of them in place. Fitness NaN marks a failed evaluation.
public protocol ColumnarEvaluator: Evaluator where Candidate: RealVector, Result == Evaluation, Worker == Void {
    /// The length of every descriptor.
    var descriptorWidth: Int { get }
    /// Scores `fitness.count` solutions of `solutions.count / fitness.count` reals each, writing each fitness and
    /// descriptor (`descriptorWidth` reals, row-major).
    func evaluate(_ solutions: UnsafeBufferPointer<Double>, fitness: UnsafeMutableBufferPointer<Double>,
                  descriptors: UnsafeMutableBufferPointer<Double>)
}

extension ColumnarEvaluator {
    public func evaluate(_ candidate: Candidate, worker: inout Void) throws -> Evaluation {
        var fitness = [Double.nan], descriptor = [Double](repeating: 0, count: descriptorWidth)
        candidate.values.withUnsafeBufferPointer { solution in
            fitness.withUnsafeMutableBufferPointer { fitness in
                descriptor.withUnsafeMutableBufferPointer { evaluate(solution, fitness: fitness, descriptors: $0) }
            }
        }
        return fitness[0].isNaN ? .failed(ColumnarBatch.noFitness) : Evaluation(fitness: fitness[0], descriptor: descriptor)
    }
}

/// One batch of a columnar search: its solutions, and after evaluation their fitness and descriptors.
public struct ColumnarBatch {
    public let width: Int
    public let descriptorWidth: Int
    public internal(set) var count = 0
    public var solutions: [Double] = []
    public var fitness: [Double] = []
    public var descriptors: [Double] = []

    static let noFitness = "the evaluation gave no fitness (NaN)"

    public init(width: Int, descriptorWidth: Int) {
        self.width = width
        self.descriptorWidth = descriptorWidth
    }

    /// Makes room for `count` candidates (the arrays keep their storage from batch to batch).
    mutating func resize(to count: Int) {
        self.count = count
        func fit(_ column: inout [Double], _ length: Int) {
            if column.count > length { column.removeLast(column.count - length) } else { column += repeatElement(0, count: length - column.count) }
        }
        fit(&solutions, count * width)
        fit(&fitness, count)
        fit(&descriptors, count * descriptorWidth)
    }

    /// Scores the batch: on this thread, or split into `workers` equal parts when it is large enough to share.
    mutating func evaluate<E: ColumnarEvaluator>(with evaluator: E, workers: Int) {
        let count = self.count, width = self.width, descriptorWidth = self.descriptorWidth
        let parts = count >= 64 * workers ? workers : 1
        solutions.withUnsafeBufferPointer { solutions in
            fitness.withUnsafeMutableBufferPointer { fitness in
                descriptors.withUnsafeMutableBufferPointer { descriptors in
                    nonisolated(unsafe) let (solutions, fitness, descriptors) = (solutions, fitness, descriptors)
                    func part(_ p: Int) {
                        let range = (count * p / parts)..<(count * (p + 1) / parts)
                        evaluator.evaluate(UnsafeBufferPointer(rebasing: solutions[range.lowerBound * width ..< range.upperBound * width]),
                                           fitness: UnsafeMutableBufferPointer(rebasing: fitness[range]),
                                           descriptors: UnsafeMutableBufferPointer(rebasing: descriptors[range.lowerBound * descriptorWidth ..< range.upperBound * descriptorWidth]))
                    }
                    if parts == 1 { part(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: part) }
                }
            }
        }
    }

    /// Candidate `i` as an evaluated candidate (for the failures a checkpoint records).
    func evaluated<Candidate: RealVector>(_ i: Int, serial: Int, as: Candidate.Type) -> Evaluated<Candidate> {
        let candidate = Candidate(Array(solutions[i * width ..< (i + 1) * width]))
        let evaluation = fitness[i].isNaN ? Evaluation.failed(Self.noFitness)
                                          : Evaluation(fitness: fitness[i], descriptor: Array(descriptors[i * descriptorWidth ..< (i + 1) * descriptorWidth]))
        return Evaluated(serial: serial, candidate: candidate, evaluation: evaluation)
    }
}

/// A proposer that proposes into and learns from columnar batches.
public protocol ColumnarProposer: Proposer where Candidate: RealVector {
    var width: Int { get }
    /// Fills the batch's solutions (its count already set).
    mutating func propose(into batch: inout ColumnarBatch)
    /// Learns an evaluated batch whose first candidate has serial `firstSerial`; returns how many it kept.
    mutating func learn(_ batch: ColumnarBatch, firstSerial: Int) -> Int
}
