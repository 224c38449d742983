import Optimizers
import SearchEngine
import Testing

/// Constant mutations: with `horizonMutation`, a moving average's decay reaches the long horizons (0.95-0.995 from
/// 0.9) about three times as often as by multiplying the weight alone; with `duplicateMutation`, a copied statement
/// changes nothing the program computes, and lets its two uses diverge.
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
        // Multiplying the weight sends it past 1 (a growing average) in about 11% of those draws (1 - (1 - a) s never does).
        #expect(plain.contains { $0 > 1 })
    }

    @Test func aDuplicatedStatementComputesTheSameAndItsUsesCanThenDiverge() throws {
        let adamw = try OptimizerProgram(parsing: StandardOptimizers.adamw)
        let problem = OptimizerProblem(start: adamw, functions: OptimizerFunction.allCases, duplicateMutation: true)
        var random = SeededGenerator(seed: 5)
        var duplicates = 0, momentumSplit: OptimizerProgram?
        for _ in 0..<3_000 {
            let child = problem.mutate(adamw, using: &random)
            // A duplication: one statement more, a new variable assigned just before a statement of the same form.
            guard child.statements.count == adamw.statements.count + 1,
                  let i = child.statements.indices.dropLast().first(where: { child.statements[$0] != adamw.statements[$0] }),
                  child.statements[i].function == child.statements[i + 1].function,
                  child.statements[i].arguments == child.statements[i + 1].arguments,
                  !adamw.statements.map(\.target).contains(child.statements[i].target) else { continue }
            duplicates += 1
            #expect(child.functionalHash == adamw.functionalHash)
            #expect(child.isValid)
            if child.statements[i + 1].target == "m" { momentumSplit = child }
        }
        // A quarter of the children, less those whose statement nothing reads later (drawn again).
        #expect(duplicates > 500)
        // AdamW's m split in two: the state's decay changes, the update's numerator does not.
        var split = try #require(momentumSplit)
        let m = try #require(split.statements.firstIndex { $0.target == "m" })
        split.statements[m].arguments[2] = .constant(0.99)
        let w = [0.5, -1.0], g = [0.2, 0.3], state = [0.1, -0.4], v = [0.01, 0.02]
        let before = CompiledProgram(adamw).step(w: w, g: g, m: state, v: v, lr: 0.1)
        let after = CompiledProgram(split).step(w: w, g: g, m: state, v: v, lr: 0.1)
        #expect(after.update == before.update)
        #expect(after.m != before.m)
    }

    /// With `rateAsStepSize`, every child keeps lr a step size; without it, some do not.
    @Test func childrenKeepTheRateAStepSizeWhenAsked() throws {
        let parent = try OptimizerProgram(parsing: Self.signum)
        func children(_ rateAsStepSize: Bool) -> [OptimizerProgram] {
            Self.children(of: OptimizerProblem(start: parent, functions: OptimizerFunction.allCases, rateAsStepSize: rateAsStepSize), seed: 5)
        }
        let free = children(false), kept = children(true)
        #expect(free.filter { !$0.takesRateAsStepSize }.count > 100)
        #expect(kept.allSatisfy { $0.takesRateAsStepSize })
        #expect(Set(kept.map(\.functionalHash)).count > 200)
    }

    /// AdamW and Lion ignore the gradient's scale; a rule with an absolute threshold
    /// or a power of the gradient's size does not. With `scaleFree` every child ignores it; without, some do not.
    @Test func childrenStayFreeOfTheGradientsScaleWhenAsked() throws {
        for text in [StandardOptimizers.adamw, StandardOptimizers.lion] {
            #expect(try OptimizerProgram(parsing: text).isFreeOfGradientScale, "\(text)")
        }
        let rootPower = try OptimizerProgram(parsing: """
            c = interp(g, m, 0.23)
            s = sqrt(c)
            t = c / s
            update = t * lr
            m = interp(g, m, 0.3)
            return update, m, v
            """)
        let clipped = try OptimizerProgram(parsing: """
            m = interp(g, m, 0.9)
            c = clip(m, 1.0)
            s = sign(c)
            update = c * lr
            return update, m, v
            """)
        // A threshold a search found where a check on eight random gradients had none: max(0.12 g² + 0.88 v, 0.6 g - 0.45)
        // takes its second branch only for g between 0.93 and 3.9.
        let window = try OptimizerProgram(parsing: """
            t1 = square(g)
            t2 = interp(g, m, 0.405)
            t3 = interp(g, -1.1247, 0.3996)
            m = interp(t2, m, 0.8913)
            t4 = interp(t1, v, 0.8756)
            t5 = max(t4, t3)
            t6 = interp(t1, t5, 0.7925)
            v = interp(t4, t5, 1.3813)
            t7 = sqrt(t6)
            t8 = t2 / t7
            update = t8 * lr
            return update, m, v
            """)
        #expect(!rootPower.isFreeOfGradientScale && !clipped.isFreeOfGradientScale && !window.isFreeOfGradientScale)
        let parent = try OptimizerProgram(parsing: StandardOptimizers.adamw)
        func children(_ scaleFree: Bool) -> [OptimizerProgram] {
            Self.children(of: OptimizerProblem(start: parent, functions: OptimizerFunction.allCases, scaleFree: scaleFree), seed: 8)
        }
        let free = children(false), kept = children(true)
        #expect(free.filter { !$0.isFreeOfGradientScale }.count > 100)
        #expect(kept.allSatisfy { $0.isFreeOfGradientScale })
        #expect(Set(kept.map(\.functionalHash)).count > 200)
    }

    /// 2,000 children of the problem's start, each drawn from it directly.
    static func children(of problem: OptimizerProblem, seed: UInt64) -> [OptimizerProgram] {
        var random = SeededGenerator(seed: seed)
        return (0..<2_000).map { _ in problem.mutate(problem.start, using: &random) }
    }
}
