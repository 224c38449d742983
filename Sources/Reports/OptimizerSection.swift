import Foundation
import Optimizers
import Store

/// An optimizer search in the report: the best fitness against evaluations, the best rules as mathematics, and
/// a table comparing them with AdamW, Lion and SGD with momentum on every proxy task: the search's own first, then
/// the ones it never trained on, which show whether a rule generalises.
public struct OptimizerSection: Sendable {
    public let path: String
    public let identifier: String
    public let best: [OptimizerJob.Ranked]
    public let comparison: OptimizerComparison
    public let history: Plot

    /// The database's optimizer search (islands merged), if it holds one; `count` best rules are compared.
    static func sections(in store: AperyStore, path: String, count: Int = 3) throws -> [OptimizerSection] {
        guard let row = try store.searchStates(kind: "optimizer").first else { return [] }
        let spec = try JSONDecoder().decode(OptimizerSpec.self, from: Data(row.spec.utf8))
        let best = try OptimizerJob.best(store: store, count: count)
        let programs = try best.map { (name: "candidate \($0.serial)", program: try OptimizerProgram(parsing: $0.program)) }
        let comparison = OptimizerComparison(programs: programs, tasks: spec.tasks, heldOut: ProxyTask.allCases.filter { !spec.tasks.contains($0) })
        var history = Plot(title: "Best fitness against programs evaluated (\(row.identifier))", xLabel: "programs evaluated (per island)",
                           yLabel: "best fitness (-mean log10 loss ratio to AdamW)")
        let finds = try store.searchFinds(search: row.state.searchId, kind: "find").filter { $0.fitness != nil }
        for (k, island) in Set(finds.map(\.island)).sorted().enumerated() {
            let steps = finds.filter { $0.island == island }.sorted { $0.serial < $1.serial }
            let evaluations = try store.searchStates(kind: "optimizer").first { $0.state.island == island }?.state.evaluations ?? steps.last?.serial ?? 0
            var points: [(x: Double, y: Double)] = []
            // The finds are the bests so far and, for regularized evolution, each cell's fittest: the running best.
            for find in steps where find.fitness! > (points.last?.y ?? -.infinity) {
                if let last = points.last { points.append((Double(find.serial), last.y)) }
                points.append((Double(find.serial), find.fitness!))
            }
            if let last = points.last, Double(evaluations) > last.x { points.append((Double(evaluations), last.y)) }
            history.series.append(.init(name: "island \(island)", colour: Plot.palette[k % Plot.palette.count], style: .line, points: points))
        }
        return [OptimizerSection(path: path, identifier: row.identifier, best: best, comparison: comparison, history: history)]
    }

    static func percentless(_ x: Double) -> String { String(format: "%+.3f", x) }

    /// The rule's outputs as display mathematics: update = …, m ← …, v ← ….
    static func equations(_ ranked: OptimizerJob.Ranked) -> [MathNode] {
        guard let program = try? OptimizerProgram(parsing: ranked.program) else { return [] }
        let e = program.outputExpressions
        var lines: [MathNode] = [.row(.identifier("update"), .symbol("="), MathNode(e[0]))]
        for (index, name) in [(1, "m"), (2, "v")] where e[index] != .input(name) {
            lines.append(.row(.identifier(name), .symbol("←"), MathNode(e[index])))
        }
        return lines
    }

    static func lineage(_ r: OptimizerJob.Ranked) -> String {
        "lineage: start" + r.lineage.map { " → \($0.serial) (\(String(format: "%.4f", $0.fitness)))" }.joined() + " → \(r.serial)"
    }

    var caption: String {
        "Per task, log10 of the final loss over tuned AdamW's (negative is better), each rule with its own tuned learning rate; fitness is minus the mean over the tasks the search trained on"
            + (comparison.rows.first?.tasks.contains(where: \.heldOut) == true ? "; † a proxy the search never trained on." : ".")
    }

    /// The tasks' column headers, the ones the search did not train on marked †.
    var taskHeaders: [String] {
        (comparison.rows.first?.tasks ?? []).map { $0.heldOut ? $0.task + " †" : $0.task }
    }

    func fitness(_ row: OptimizerComparison.Row) -> String { String(format: "%.3f", row.fitness) }

    var markdown: String {
        var out = "`\(path)`, search `\(identifier)`\n\n"
        for ranked in best {
            out += "Candidate \(ranked.serial), fitness \(String(format: "%.4f", ranked.fitness)) (\(OptimizerSection.lineage(ranked))):\n\n```\n\(ranked.mathematics)\n```\n\n"
        }
        out += "| rule | fitness | " + taskHeaders.joined(separator: " | ") + " |\n|---|---|" + String(repeating: "---|", count: comparison.tasks.count) + "\n"
        out += comparison.rows.map { "| \($0.name) | \(fitness($0)) | " + $0.tasks.map { OptimizerSection.percentless($0.normalized) }.joined(separator: " | ") + " |\n" }.joined()
        return out + "\n" + caption + "\n\n"
    }

    var html: String {
        var out = "<h3><code>\(escapeXML(path))</code>: <code>\(escapeXML(identifier))</code></h3>\n"
        out += "<figure>\(history.svg)<figcaption>The best fitness so far against the programs each island evaluated.</figcaption></figure>\n"
        for ranked in best {
            out += "<p>Candidate \(ranked.serial), fitness \(String(format: "%.4f", ranked.fitness)) (\(escapeXML(OptimizerSection.lineage(ranked)))):</p>\n"
                + OptimizerSection.equations(ranked).map { $0.mathML(display: true) }.joined(separator: "\n")
                + "\n<details><summary>program</summary><pre>\(escapeXML(ranked.program))</pre></details>\n"
        }
        out += "<table class=\"optimizers\"><caption>\(escapeXML(caption))</caption><thead><tr><th>rule</th><th>fitness</th>"
            + taskHeaders.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        out += comparison.rows.map { row in
            "<tr><td>\(escapeXML(row.name))</td><td>\(fitness(row))</td>"
                + row.tasks.map { "<td title=\"loss \($0.loss.map { String(format: "%.4g", $0) } ?? "blew up"), lr \($0.learningRate.map { String(format: "%.3g", $0) } ?? "-")\">\(OptimizerSection.percentless($0.normalized))</td>" }.joined()
                + "</tr>\n"
        }.joined()
        return out + "</tbody></table>\n"
    }

    var latex: String {
        var out = "\\subsection{\\texttt{\(latexEscaped(identifier))}}\n" + Report.figure(history)
        for ranked in best {
            out += "Candidate \(ranked.serial), fitness \(String(format: "%.4f", ranked.fitness)) (\(latexEscaped(OptimizerSection.lineage(ranked)).replacingOccurrences(of: "→", with: "$\\to$"))):\n\\begin{align*}\n"
                + OptimizerSection.equations(ranked).map { line -> String in
                    // Align at the = or the arrow.
                    guard case .row(let nodes) = line, nodes.count == 3 else { return line.latex }
                    return "\(nodes[0].latex) &\(nodes[1].latex) \(nodes[2].latex)"
                }.joined(separator: " \\\\\n") + "\n\\end{align*}\n"
        }
        out += "\\begin{longtable}{lr" + String(repeating: "r", count: comparison.tasks.count) + "}\n\\caption{\(latexEscaped(caption).replacingOccurrences(of: "†", with: "$^\\dagger$"))}\\\\\n"
        out += "rule & fitness & " + taskHeaders.map { $0.replacingOccurrences(of: "†", with: "$^\\dagger$") }.joined(separator: " & ") + " \\\\ \\hline\n"
        out += comparison.rows.map { "\(latexEscaped($0.name)) & \(fitness($0)) & " + $0.tasks.map { "$\(OptimizerSection.percentless($0.normalized))$" }.joined(separator: " & ") + " \\\\\n" }.joined()
        return out + "\\end{longtable}\n"
    }

    /// CSV rows: database, search, rule, task, normalised score, loss, learning rate, whether the search trained on the task.
    var csvRows: [[String]] {
        comparison.rows.flatMap { row in
            row.tasks.map { score in
                [path, identifier, row.name, score.task, String(score.normalized), score.loss.map { String($0) } ?? "",
                 score.learningRate.map { String($0) } ?? "", String(!score.heldOut)]
            }
        }
    }
}

extension MathNode {
    /// An update rule's expression: interpolations with constant weights as weighted sums, √ and |·| as such.
    init(_ e: UpdateExpression) {
        func operand(_ x: UpdateExpression, _ context: UpdateExpression.Binding) -> MathNode {
            x.binding < context ? .parenthesized(MathNode(x)) : MathNode(x)
        }
        func number(_ c: Double) -> MathNode { c < 0 ? .row(.symbol("−"), .number(UpdateExpression.number(-c))) : .number(UpdateExpression.number(c)) }
        switch e {
        case .input(let name): self = .identifier(name)
        case .constant(let c): self = number(c)
        case .apply(let f, let args):
            let x = args[0]
            switch f {
            case .add: self = .row(operand(x, .sum), .symbol("+"), operand(args[1], .product))
            case .subtract: self = .row(operand(x, .sum), .symbol("−"), operand(args[1], .product))
            case .negate: self = .row(.symbol("−"), operand(x, .product))
            case .multiply:
                let (coefficient, names, compound) = e.productParts
                self = .row((coefficient == 1 ? [] : [number(coefficient)]) + names.map(MathNode.init) + compound.map { operand($0, .product) })
            case .divide: self = .fraction(MathNode(x), MathNode(args[1]))
            case .interp:
                if let a = args[2].constantValue {
                    self = .row(number(1 - a), operand(x, .product), .symbol("+"), number(a), operand(args[1], .product))
                } else {
                    self = .row(.identifier("interp"), .parenthesized(.row([MathNode(x), .symbol(","), MathNode(args[1]), .symbol(","), MathNode(args[2])])))
                }
            case .square: self = .power(operand(x, .atom), .number("2"))
            case .sqrt: self = .squareRoot(.row(.symbol("|"), MathNode(x), .symbol("|")))
            case .abs: self = .row(.symbol("|"), MathNode(x), .symbol("|"))
            default:
                let inner = args.map(MathNode.init).enumerated().flatMap { $0.offset == 0 ? [$0.element] : [.symbol(","), $0.element] }
                self = .applying(.identifier(f.rawValue), to: .row(inner))
            }
        }
    }
}
