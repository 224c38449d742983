/// Regularized evolution (Real et al. 2019, "aging evolution"): a population of at most P members in the
/// order they were born; each child is a mutation of the fittest of T members drawn at random, and joins
/// the population while the oldest member leaves. Until the population is full, candidates come from the
/// problem's starting point. With restarts (as in Chen et al. 2023), every `restartEvery` proposals the population
/// is emptied and refilled, alternately from the starting point (a fresh search, away from the local optimum the
/// last one settled in) and from the best member found so far.
///
/// The finds are the new bests. With `records` (a grid over the descriptors), a candidate that is the fittest so far
/// in its cell is a find too: the population forgets a rule that ages out of it, the store keeps it (a sign rule
/// found between two Adam variants stays listed after the population has moved on).
public struct RegularizedEvolution<Problem: EvolutionProblem>: Proposer {
    public typealias Candidate = Problem.Candidate

    public struct State: Codable, Sendable, ElitesMerging {
        public var population: [Evaluated<Candidate>]
        public var best: Evaluated<Candidate>?
        public var random: SeededGenerator
        public var proposed: Int
        public var capacity: Int
        /// The restarts so far, and the member the population refills from after the last one (nil: the
        /// problem's starting point). Optional, so that states saved before restarts existed still read.
        public var restarts: Int?
        public var founder: Candidate?
        /// The fitness of the fittest candidate so far in each cell of the records grid (nil without one).
        public var records: [Int: Double]?

        public var elites: [Evaluated<Candidate>] {
            population.sorted { Evaluated.precedes($0, $1, key: canonicalKey) }
        }

        /// Islands' populations pooled and cut to the fittest `capacity`, in birth order by serial; the
        /// best of all islands; the first island's generator.
        public static func merged(_ islands: [State]) throws -> State {
            // In a canonical order (by generator state), so that the result does not depend on the input's.
            let islands = islands.sorted { ($0.random.s0, $0.random.s1) < ($1.random.s0, $1.random.s1) }
            guard let first = islands.first else { throw SearchError("nothing to merge") }
            let pooled = islands.flatMap(\.population).sorted { Evaluated.precedes($0, $1, key: canonicalKey) }
            let best = islands.compactMap(\.best).min { Evaluated.precedes($0, $1, key: canonicalKey) }
            let records = islands.compactMap(\.records).reduce(into: [Int: Double]()) { merged, island in merged.merge(island, uniquingKeysWith: max) }
            return State(population: Array(pooled.prefix(first.capacity)), best: best, random: first.random,
                         proposed: islands.map(\.proposed).reduce(0, +), capacity: first.capacity,
                         records: islands.contains { $0.records != nil } ? records : nil)
        }
    }

    public let problem: Problem
    public let tournament: Int
    public let restartEvery: Int?
    public let records: Grid?
    public var state: State

    public init(problem: Problem, population: Int, tournament: Int, restartEvery: Int? = nil, records: Grid? = nil,
                random: SeededGenerator) throws {
        guard population >= 1 else { throw SearchError("the population must hold at least 1 member, not \(population)") }
        guard (1...population).contains(tournament) else {
            throw SearchError("the tournament must draw between 1 and the population size (\(population)) members, not \(tournament)")
        }
        if let restartEvery, restartEvery < population {
            throw SearchError("restarts must come at least a population (\(population)) of proposals apart, not every \(restartEvery)")
        }
        self.problem = problem
        self.tournament = tournament
        self.restartEvery = restartEvery
        self.records = records
        state = State(population: [], best: nil, random: random, proposed: 0, capacity: population, records: records.map { _ in [:] })
    }

    public mutating func propose(_ count: Int) -> [Candidate] {
        (0..<count).map { _ in
            if let restartEvery, state.proposed > 0, state.proposed % restartEvery == 0 { restart() }
            state.proposed += 1
            // The population fills from the start (or the founder) until it is full; a batch proposed before its
            // members are evaluated also starts from there.
            guard state.population.count >= state.capacity else { return state.founder ?? problem.initial(using: &state.random) }
            var winner = state.population[Int(state.random.next() % UInt64(state.population.count))]
            for _ in 1..<tournament {
                let rival = state.population[Int(state.random.next() % UInt64(state.population.count))]
                if rival.evaluation.rank > winner.evaluation.rank { winner = rival }
            }
            return problem.mutate(evaluated: winner, using: &state.random)
        }
    }

    /// Empties the population; odd restarts refill it from the starting point, even ones from the best so far.
    mutating func restart() {
        let restarts = (state.restarts ?? 0) + 1
        state.restarts = restarts
        state.population.removeAll()
        state.founder = restarts % 2 == 1 ? nil : state.best?.candidate
    }

    public mutating func learn(_ evaluated: [Evaluated<Candidate>]) -> [Evaluated<Candidate>] {
        var finds: [Evaluated<Candidate>] = []
        for member in evaluated {
            state.population.append(member)
            if state.population.count > state.capacity { state.population.removeFirst() }
            guard let fitness = member.evaluation.fitness else { continue }
            var found = false
            if fitness > (state.best?.evaluation.rank ?? -.infinity) {
                state.best = member
                found = true
            }
            if let cell = records?.cell(of: member.evaluation.descriptor), fitness > (state.records?[cell] ?? -.infinity) {
                if state.records == nil { state.records = [:] }
                state.records![cell] = fitness
                found = true
            }
            if found { finds.append(member) }
        }
        return finds
    }
}
