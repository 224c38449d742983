import Foundation

/// What an adaptive search learns from: a candidate's fitness (higher is better; nil when the evaluation
/// failed, which ranks below every fitness) and its behaviour descriptor (for quality diversity).
public struct Evaluation: Codable, Sendable, Equatable {
    public var fitness: Double?
    public var descriptor: [Double]
    /// Why the evaluation failed, or a client's short note.
    public var note: String?

    public init(fitness: Double?, descriptor: [Double] = [], note: String? = nil) {
        self.fitness = fitness.flatMap { $0.isNaN ? nil : $0 }
        self.descriptor = descriptor
        self.note = note
    }

    public static func failed(_ why: String) -> Evaluation { Evaluation(fitness: nil, note: why) }

    /// The fitness for ranking: a failure is worst.
    public var rank: Double { fitness ?? -.infinity }
}

/// An evaluated candidate with its serial number in the island (1-based: the order it was proposed in).
public struct Evaluated<Candidate: Codable & Sendable>: Codable, Sendable {
    public var serial: Int
    public var candidate: Candidate
    public var evaluation: Evaluation
    public init(serial: Int, candidate: Candidate, evaluation: Evaluation) {
        self.serial = serial
        self.candidate = candidate
        self.evaluation = evaluation
    }
}

/// A candidate type an adaptive search can evolve: where it starts and how it varies. Randomness comes
/// only from the generator passed in, so a search is a function of its seed.
public protocol EvolutionProblem: Sendable {
    associatedtype Candidate: Codable & Sendable
    /// A starting candidate (the warm start, or a random one).
    func initial(using random: inout SeededGenerator) -> Candidate
    /// A variation of `parent`.
    func mutate(_ parent: Candidate, using random: inout SeededGenerator) -> Candidate
    /// A variation of an evaluated parent: a problem that records lineage reads the parent's serial and
    /// fitness here. By default, `mutate(parent.candidate)`.
    func mutate(evaluated parent: Evaluated<Candidate>, using random: inout SeededGenerator) -> Candidate
}

extension EvolutionProblem {
    public func mutate(evaluated parent: Evaluated<Candidate>, using random: inout SeededGenerator) -> Candidate {
        mutate(parent.candidate, using: &random)
    }
}

/// A proposer proposes batches of candidates and learns from their evaluations. Its whole state (the
/// population or archive, the random generator, counters) is `state`, which a checkpoint saves after each
/// batch it commits: restoring it continues the search exactly.
public protocol Proposer: Sendable {
    associatedtype Candidate: Codable & Sendable
    associatedtype State: Codable & Sendable & ElitesMerging where State.Candidate == Candidate

    var state: State { get set }
    mutating func propose(_ count: Int) -> [Candidate]
    /// Takes in a batch's evaluations; returns those worth keeping as finds (a new best, a new elite).
    mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>]
}

/// States of islands (shards of one adaptive search) combined into one: deterministic, whatever order the
/// islands come in.
public protocol ElitesMerging {
    associatedtype Candidate: Codable & Sendable
    static func merged(_ islands: [Self]) throws -> Self
    /// The best candidates the state holds, best first.
    var elites: [Evaluated<Candidate>] { get }
}

extension Evaluated {
    /// The order in which elites win: higher fitness, then the earlier serial, then the candidate's JSON,
    /// so that merges never depend on the order of their inputs.
    static func precedes(_ a: Evaluated, _ b: Evaluated, key: (Candidate) -> String) -> Bool {
        if a.evaluation.rank != b.evaluation.rank { return a.evaluation.rank > b.evaluation.rank }
        if a.serial != b.serial { return a.serial < b.serial }
        return key(a.candidate) < key(b.candidate)
    }
}

/// A candidate's canonical JSON, the last tie-breaker between equally fit candidates.
func canonicalKey<C: Encodable>(_ candidate: C) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(candidate)).map { String(decoding: $0, as: UTF8.self) } ?? ""
}
