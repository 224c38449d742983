import Optimizers
import SearchEngine
import Testing

/// Constant mutations: with `horizonMutation`, a moving average's decay reaches the long horizons (0.95-0.995 from
/// 0.9) about three times as often as by multiplying the weight alone, and nothing else about mutation changes.
@Suite struct MutationTests {
    static let signum = """
        def train(w, g, m, v, lr):
            c = interp(g, m, 0.9)
            s = sign(c)
            update = s * lr
            m = interp(g, m, 0.9)
            return update, m, v
        """

    /// The new weights of children that differ from the parent only in the state's interpolation weight.
    func stateWeights(horizonMutation: Bool) throws -> [Double] {
        let parent = try OptimizerProgram(parsing: Self.signum)
        let problem = OptimizerProblem(start: parent, functions: OptimizerFunction.allCases, horizonMutation: horizonMutation)
        var random = SeededGenerator(seed: 11)
        var weights: [Double] = []
        for _ in 0..<150_000 {
            let child = problem.mutate(parent, using: &random)
            guard child.statements.count == parent.statements.count,
                  Array(child.statements.prefix(3)) == Array(parent.statements.prefix(3)),
                  child.statements[3].target == "m", child.statements[3].function == .interp,
                  Array(child.statements[3].arguments.prefix(2)) == Array(parent.statements[3].arguments.prefix(2)),
                  case .constant(let b) = child.statements[3].arguments[2] else { continue }
            weights.append(b)
        }
        return weights
    }

    @Test func theHorizonMutationReachesLongAveragesMoreOften() throws {
        let plain = try stateWeights(horizonMutation: false)
        let horizon = try stateWeights(horizonMutation: true)
        #expect(plain.count > 2_000 && horizon.count > 2_000)
        func longShare(_ weights: [Double]) -> Double { Double(weights.filter { $0 >= 0.95 && $0 <= 0.995 }.count) / Double(weights.count) }
        // Expected shares: (P(N(0,1) in range) + P(0.9 * 2^N in range)) / 2 = 0.019 without; with the horizon
        // scale as a third way, (0.011 + 0.026 + P(1 - 0.1 * 2^N in range) = 0.159) / 3 = 0.065.
        #expect(longShare(plain) < 0.03)
        #expect(longShare(horizon) > 0.05)
        // Multiplying the weight sends it past 1 (a growing average) in about 11% of those draws; the horizon scale never does.
        #expect(plain.contains { $0 > 1 })
    }
}
