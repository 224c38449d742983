import Expressions
import Formulas
import Foundation
import Store

/// Pieces every rendering shares: the typeset formulas, the headings and the figures of counts.
extension Report {
    /// closed form = a(0) + b(1)/(a(1) + ...), or nil when either side does not parse.
    static func equation(formula: String, closedForm: String) -> (equation: MathNode, terms: MathNode)? {
        guard let pcf = try? PCF(parsing: formula), let value = try? Expressions.Expression(parsing: closedForm) else { return nil }
        return (.row(value.mathNode, .symbol("="), pcf.continuedFractionNode()), pcf.termsNode)
    }

    /// The section heading of a constant set: "π", "ζ(3)", "I₀(2), I₁(2)".
    /// The section of a hit's constants, whatever name its search gave them: each constant as its expression prints
    /// it, so that a search's "ln2" and another's "log(2)" share one section.
    public static func sectionName(_ constants: String) -> String {
        splitTopLevel(constants).map { (try? Expressions.Expression(parsing: $0))?.description ?? $0 }.joined(separator: ",")
    }

    static func heading(_ constants: String) -> MathNode {
        let names = splitTopLevel(constants).map { (try? Expressions.Expression(parsing: $0))?.mathNode ?? .text($0) }
        var items: [MathNode] = []
        for (i, n) in names.enumerated() { if i > 0 { items.append(.symbol(",")) }; items.append(n) }
        return .row(items)
    }

    static func fixed(_ x: Double?, _ decimals: Int = 3) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.\(decimals)f", x)
    }

    static func rate(_ x: Double) -> String {
        x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.1f", x)
    }

    /// The headline counts.
    var totals: [(String, String)] {
        let families = sections.reduce(0) { $0 + $1.families }
        let formulas = sections.reduce(0) { $0 + $1.formulas.count }
        let rows = databases.reduce(0) { $0 + $1.dynamics.rows }, convergent = databases.reduce(0) { $0 + $1.dynamics.convergent }
        let clusters = databases.flatMap(\.clusters)
        return [
            ("formulas found", "\(formulas) in \(counted(families, "family", "families")), for \(counted(sections.count, "constant set"))"),
            ("formulas verified", "\(verifications.filter { $0.status == "verified" }.count) of \(verifications.count) checked"),
            ("continued-fraction conjectures (ESMA)", "\(conjectures.count)"),
            ("convergence measurements", "\(rows) (\(convergent) convergent)"),
            ("clusters", "\(clusters.count), \(clusters.filter { $0.closedForm != nil }.count) named by an anchor"),
            ("searches", "\(databases.reduce(0) { $0 + $1.searches.count }) in \(databases.count) database\(databases.count == 1 ? "" : "s")"),
        ]
    }

    /// Where a formula came from, as a reader recognises it: the spec file the search ran (from its runs'
    /// command lines) and its kind, else the kind and the spec's hash; then the run.
    func source(_ f: Formula) -> String {
        let run = f.runId.map { ", run \($0)" } ?? ""
        guard let db = databases.first(where: { $0.path == f.database }), let search = db.searches.first(where: { $0.identifier == f.search }) else {
            return f.search + run
        }
        let runIds = Set(search.runs.map(\.runId))
        for record in db.runs where record.id.map(runIds.contains) == true {
            guard let arguments = try? JSONDecoder().decode([String].self, from: Data(record.arguments.utf8)),
                  let flag = arguments.firstIndex(of: "--spec"), flag + 1 < arguments.count else { continue }
            return "\(arguments[flag + 1]) (\(search.kind))" + run
        }
        return "\(search.kind) search \(f.search)" + run
    }

    /// What a search covered, as one line: raw finds (every candidate that passed) and the results stored from them
    /// (one hit per distinct formula), so that the count agrees with the runs table.
    static func coverage(_ s: StoredSearch) -> String {
        let seconds = s.runs.reduce(0) { $0 + $1.seconds }, candidates = s.runs.reduce(0) { $0 + $1.candidates }
        let speed = seconds > 0 ? ", \(rate(Double(candidates) / seconds)) candidates/s over \(String(format: "%.1f", seconds)) s" : ""
        // A stream or adaptive search covers its candidates on islands, not in chunks.
        let covered = s.islands > 0 && s.chunksDone == 0 ? "evaluated on \(counted(s.islands, "island"))" : "in \(counted(s.chunksDone, "chunk"))"
        return "\(s.candidatesDone) of \(s.candidates) candidates \(covered), \(s.chunksDone > 0 ? "\(counted(s.rawFinds, "raw find")) stored as " : "")\(counted(s.finds, "result"))\(speed)"
    }
}

/// "1 hit", "2 hits": a count with its noun in the right number (`plural` for irregular ones).
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
