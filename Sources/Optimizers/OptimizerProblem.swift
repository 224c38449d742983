import SearchEngine

/// Evolution of update rules as in the reference: start from AdamW; a child inserts a random statement, deletes
/// one, or changes one argument (a variable, or a constant redrawn from N(0,1) or multiplied by 2^N(0,1)),
/// with equal odds. Children that read an undefined variable or leave `update` unassigned are rejected by
/// abstract execution and drawn again.
///
/// With `horizonMutation`, an interpolation weight a in (0, 1) (the third argument of `interp`, a moving
/// average's decay) may also change on its own scale, 1 - (1 - a) 2^N(0,1): its horizon 1/(1 - a) doubles or halves
/// as readily as any constant does, where multiplying a itself by 2^N(0,1) takes 0.9 past 1 more often than to 0.99.
///
/// With `duplicateMutation`, a fourth kind of child (the odds then a quarter each) copies a statement under a new
/// name just before it and lets the later readers of its value read the copy: the same function, so the cache scores
/// it at once, but a value that served two purposes (AdamW's m is the state and the update's numerator) is now two,
/// each free to change on its own (linear genetic programming's duplication).
///
/// With `rateAsStepSize`, children in which lr is not a step size (`takesRateAsStepSize`) are rejected and drawn
/// again, as invalid ones are: such a rule can score by using lr's tuned size as a constant (a drift of lr², a
/// factor max(10, lr)), which no schedule or other task shares.
///
/// With `scaleFree`, children whose updates change when every gradient is multiplied by a constant
/// (`isFreeOfGradientScale`) are rejected too: a rule that reads a threshold or a power of the gradient's size
/// (`clip(m, 1)`, `c / sqrt|c|`) can fit the proxies' loss scales and fail on a task of another.
public struct OptimizerProblem: EvolutionProblem {
    public typealias Candidate = OptimizerProgram

    public let start: OptimizerProgram
    public let functions: [OptimizerFunction]
    /// Statements a program may hold.
    public let maxLength: Int
    /// Interpolation weights in (0, 1) also change their horizon (see above).
    public let horizonMutation: Bool
    /// Statements may also be duplicated (see above).
    public let duplicateMutation: Bool
    /// Only rules in which lr is a step size are proposed (see above).
    public let rateAsStepSize: Bool
    /// Only rules free of the gradient's scale are proposed (see above).
    public let scaleFree: Bool

    public init(start: OptimizerProgram, functions: [OptimizerFunction], maxLength: Int = 24, horizonMutation: Bool = false,
                duplicateMutation: Bool = false, rateAsStepSize: Bool = false, scaleFree: Bool = false) {
        self.start = start
        self.functions = functions
        self.maxLength = maxLength
        self.horizonMutation = horizonMutation
        self.duplicateMutation = duplicateMutation
        self.rateAsStepSize = rateAsStepSize
        self.scaleFree = scaleFree
    }

    public func initial(using random: inout SeededGenerator) -> OptimizerProgram { start }

    public func mutate(_ parent: OptimizerProgram, using random: inout SeededGenerator) -> OptimizerProgram {
        for _ in 0..<50 {
            var child = parent
            switch random.next() % (duplicateMutation ? 4 : 3) {
            case 0: insert(into: &child, using: &random)
            case 1:
                guard !child.statements.isEmpty else { continue }
                child.statements.remove(at: Int(random.next() % UInt64(child.statements.count)))
            case 2: changeArgument(of: &child, using: &random)
            default: duplicate(in: &child, using: &random)
            }
            if child != parent, child.isValid, child.statements.count <= maxLength, !rateAsStepSize || child.takesRateAsStepSize,
               !scaleFree || child.isFreeOfGradientScale { return child }
        }
        return parent
    }

    /// A child of an evaluated parent, its lineage extended by the parent when the parent improved on its own
    /// last recorded ancestor.
    public func mutate(evaluated parent: Evaluated<OptimizerProgram>, using random: inout SeededGenerator) -> OptimizerProgram {
        var child = mutate(parent.candidate, using: &random)
        child.lineage = parent.candidate.lineage
        if let fitness = parent.evaluation.fitness, fitness.isFinite, fitness > (child.lineage.last?.fitness ?? -.infinity) {
            child.lineage.append(.init(serial: parent.serial, fitness: fitness))
            if child.lineage.count > 40 { child.lineage.removeFirst() }
        }
        return child
    }

    /// The variables defined before statement `index`.
    func variables(before index: Int, in program: OptimizerProgram) -> [String] {
        var names = OptimizerProgram.inputs
        for s in program.statements[..<index] where !names.contains(s.target) { names.append(s.target) }
        return names
    }

    func randomArgument(_ variables: [String], using random: inout SeededGenerator) -> OptimizerProgram.Argument {
        if random.unit() < 0.2 { return .constant(random.normal()) }
        return .variable(variables[Int(random.next() % UInt64(variables.count))])
    }

    func insert(into program: inout OptimizerProgram, using random: inout SeededGenerator) {
        let index = Int(random.next() % UInt64(program.statements.count + 1))
        let variables = variables(before: index, in: program)
        let function = functions[Int(random.next() % UInt64(functions.count))]
        let targets = ["update", "m", "v", "t\(random.next() % 1000)"]
        let target = targets[Int(random.next() % UInt64(targets.count))]
        let arguments = (0..<function.arity).map { _ in randomArgument(variables, using: &random) }
        program.statements.insert(.init(target: target, function: function, arguments: arguments), at: index)
    }

    /// Copies a statement whose value is read later into a fresh variable just before it, and points those reads
    /// (up to the next assignment of the same name, inclusive) at the copy. The outputs keep the original.
    func duplicate(in program: inout OptimizerProgram, using random: inout SeededGenerator) {
        guard !program.statements.isEmpty else { return }
        let index = Int(random.next() % UInt64(program.statements.count))
        let original = program.statements[index]
        let names = Set(OptimizerProgram.inputs + program.statements.map(\.target))
        var copyName = "t\(random.next() % 1000)"
        while names.contains(copyName) { copyName += "d" }
        var readers = false
        for j in (index + 1)..<program.statements.count {
            for k in program.statements[j].arguments.indices where program.statements[j].arguments[k] == .variable(original.target) {
                program.statements[j].arguments[k] = .variable(copyName)
                readers = true
            }
            if program.statements[j].target == original.target { break }
        }
        guard readers else { return }
        program.statements.insert(.init(target: copyName, function: original.function, arguments: original.arguments), at: index)
    }

    func changeArgument(of program: inout OptimizerProgram, using random: inout SeededGenerator) {
        guard !program.statements.isEmpty else { return }
        let index = Int(random.next() % UInt64(program.statements.count))
        var statement = program.statements[index]
        let k = Int(random.next() % UInt64(statement.arguments.count))
        switch statement.arguments[k] {
        case .constant(let c) where horizonMutation && statement.function == .interp && k == 2 && c > 0 && c < 1:
            let u = random.unit()
            let scale = Foundation_pow2(random.normal())
            statement.arguments[k] = .constant(u < 1.0 / 3 ? random.normal() : u < 2.0 / 3 ? c * scale : 1 - (1 - c) * scale)
        case .constant(let c):
            statement.arguments[k] = .constant(random.unit() < 0.5 ? random.normal() : c * Foundation_pow2(random.normal()))
        case .variable:
            statement.arguments[k] = randomArgument(variables(before: index, in: program), using: &random)
        }
        program.statements[index] = statement
    }
}

import Foundation
func Foundation_pow2(_ x: Double) -> Double { Foundation.pow(2, x) }
