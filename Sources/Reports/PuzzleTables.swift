import Foundation
import Store

/// The pass@k tables of a database's puzzle search, one per bootstrap round.
public struct PuzzleTables: Sendable {
    public let path: String
    public let rounds: [PassAtK]
    /// Solved puzzles of the last round with their answers' expressions (the shortest answers first).
    public let solved: [(name: String, tries: Int, expression: String)]

    static func tables(in store: AperyStore, path: String) throws -> [PuzzleTables] {
        let results = try store.puzzleResults()
        guard !results.isEmpty else { return [] }
        let rounds = PassAtK.rounds(results, budget: try store.puzzleBudget())
        let last = rounds.last!.round
        let solved = results.filter { $0.round == last && $0.solved }.sorted { ($0.tries, $0.name) < ($1.tries, $1.name) }
            .map { ($0.name, $0.tries, $0.expression ?? "") }
        return [PuzzleTables(path: path, rounds: rounds, solved: solved)]
    }

    /// The rows of a round's table: everything, templates, then by answer type and by domain.
    static func rows(_ p: PassAtK) -> [(label: String, row: PassAtK.Row)] {
        [("all puzzles", p.all), ("templates (first instance)", p.templates)] + p.byType.map { ("type " + $0.group, $0) }
            + p.byDomain.map { ("domain " + $0.group, $0) }
    }

    /// A rate as a percentage, or a dash where it was not measured (k beyond the budget).
    static func percent(_ rate: Double?) -> String { rate.map { String(format: "%.1f%%", 100 * $0) } ?? "–" }

    var markdown: String {
        var out = "`\(path)`\n\n"
        for p in rounds {
            out += "Round \(p.round):\n\n| puzzles | n | " + p.ks.map { "pass@\($0)" }.joined(separator: " | ") + " |\n|---|---|" + String(repeating: "---|", count: p.ks.count) + "\n"
            out += PuzzleTables.rows(p).map { "| \($0.label) | \($0.row.puzzles) | " + p.measuredRates($0.row).map(PuzzleTables.percent).joined(separator: " | ") + " |\n" }.joined() + "\n"
        }
        return out
    }

    var html: String {
        var out = "<h3><code>\(escapeXML(path))</code></h3>\n"
        for p in rounds {
            out += "<table class=\"puzzles\"><caption>Round \(p.round): share of puzzles solved within k tries</caption><thead><tr><th>puzzles</th><th>n</th>"
                + p.ks.map { "<th>pass@\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
            out += PuzzleTables.rows(p).map { "<tr><td>\(escapeXML($0.label))</td><td>\($0.row.puzzles)</td>" + p.measuredRates($0.row).map { "<td>\(PuzzleTables.percent($0))</td>" }.joined() + "</tr>\n" }.joined()
            out += "</tbody></table>\n"
        }
        return out
    }

    var latex: String {
        var out = ""
        for p in rounds {
            out += "\\begin{longtable}{lr" + String(repeating: "r", count: p.ks.count) + "}\n\\caption{\\texttt{\(latexEscaped(path))}, round \(p.round): share solved within $k$ tries.}\\\\\n"
            out += "puzzles & $n$ & " + p.ks.map { "pass@\($0)" }.joined(separator: " & ") + " \\\\ \\hline\n"
            out += PuzzleTables.rows(p).map { "\(latexEscaped($0.label)) & \($0.row.puzzles) & " + p.measuredRates($0.row).map { latexEscaped(PuzzleTables.percent($0)) }.joined(separator: " & ") + " \\\\\n" }.joined()
            out += "\\end{longtable}\n"
        }
        return out
    }
}
