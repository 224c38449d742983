import Foundation

/// Simplification for reading: dead code and dead state removed, the algebra tidied (`m/sqrt(m*m)` is `sign(m)`,
/// nested interpolations merge), and the program written out again from its output expressions.
extension OptimizerProgram {
    /// The output expressions (update, m, v), with state the update never reads, in this step or any later
    /// one, left as it came in.
    public var outputExpressions: [UpdateExpression] {
        var expressions = UpdateExpression.outputs(of: pruned)
        var live = expressions[0].inputs.intersection(["m", "v"])
        while true {
            let grown = live.union(live.flatMap { expressions[$0 == "m" ? 1 : 2].inputs.intersection(["m", "v"]) })
            if grown == live { break }
            live = grown
        }
        for (index, name) in [(1, "m"), (2, "v")] where !live.contains(name) { expressions[index] = .input(name) }
        return expressions
    }

    /// The rule as mathematics, one line per output: `update = …`, then `m ← …` and `v ← …` for the state it keeps.
    public var mathematics: String {
        let e = outputExpressions
        var lines = ["update = " + e[0].mathematics]
        for (index, name) in [(1, "m"), (2, "v")] where e[index] != .input(name) { lines.append("\(name) ← " + e[index].mathematics) }
        return lines.joined(separator: "\n")
    }

    /// The simplified program, checked to compute what this one computes (to 1e-9 on random inputs over three
    /// steps); when a rewrite does not hold there (a divisor that is 0), the program with dead code removed.
    public var simplified: OptimizerProgram {
        let pruned = self.pruned
        guard let written = OptimizerProgram(outputs: outputExpressions), written.agrees(with: pruned) else { return pruned }
        return written.statements.count <= pruned.statements.count ? written : pruned
    }

    /// A program computing the given (update, m, v) expressions: every inner node a temporary t1, t2, … (shared
    /// subexpressions once), then the outputs, ordered so that no state is overwritten before it is read.
    init?(outputs expressions: [UpdateExpression]) {
        var statements: [Statement] = []
        var names: [UpdateExpression: String] = [:]
        func argument(_ e: UpdateExpression) -> Argument {
            switch e {
            case .input(let name): return .variable(name)
            case .constant(let c): return .constant(c)
            case .apply: return .variable(emit(e))
            }
        }
        func emit(_ e: UpdateExpression) -> String {
            if let name = names[e] { return name }
            guard case .apply(let f, let args) = e else { return "" }
            let arguments = args.map(argument)
            let name = "t\(statements.count + 1)"
            statements.append(Statement(target: name, function: f, arguments: arguments))
            names[e] = name
            return name
        }
        let targets = ["update", "m", "v"]
        var finals: [(target: String, statement: Statement)] = []
        for (target, e) in zip(targets, expressions) {
            switch e {
            case .input(let name) where name == target: continue
            case .apply(let f, let args): finals.append((target, Statement(target: target, function: f, arguments: args.map(argument))))
            default:
                // An output that is an input or a constant: x * 1 keeps one function per statement.
                finals.append((target, Statement(target: target, function: .multiply, arguments: [argument(e), .constant(1)])))
            }
        }
        // The final assignments, in an order where none reads a state an earlier one overwrote.
        func reads(_ s: Statement) -> Set<String> { Set(s.arguments.compactMap { if case .variable(let n) = $0 { return n } else { return nil } }) }
        var ordered: [Statement] = []
        var pending = finals
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { candidate in pending.allSatisfy { $0.target == candidate.target || !reads($0.statement).contains(candidate.target) } })
            else { return nil }
            ordered.append(pending.remove(at: next).statement)
        }
        self.init(statements: statements + ordered)
        guard isValid else { return nil }
    }

    /// Whether two programs give the same updates (relative 1e-9) over five steps of random inputs, each keeping
    /// its own state (state that never reaches an update may differ).
    func agrees(with other: OptimizerProgram) -> Bool {
        let a = CompiledProgram(self), b = CompiledProgram(other)
        var random = TaskRandom(seed: 2024)
        let n = 8
        var w = (0..<n).map { _ in random.normal() }, m = [Double](repeating: 0, count: n), v = m, m2 = m, v2 = m
        for step in 0..<5 {
            let g = (0..<n).map { _ in random.normal() }
            let x = a.step(w: w, g: g, m: m, v: v, lr: 0.01 * Double(step + 1)), y = b.step(w: w, g: g, m: m2, v: v2, lr: 0.01 * Double(step + 1))
            for (p, q) in zip(x.update, y.update) where !(abs(p - q) <= 1e-9 * max(1, abs(p), abs(q))) { return false }
            w = zip(w, x.update).map { $0 - $1 }
            (m, v, m2, v2) = (x.m, x.v, y.m, y.v)
        }
        return true
    }
}
