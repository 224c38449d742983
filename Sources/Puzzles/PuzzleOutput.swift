import Foundation
import Store

/// How puzzle results print: pass@k tables as text, and the `--json` document with answers as exact JSON.
public enum PuzzleOutput {
    public static func text(_ p: PassAtK, detailed: Bool = false) -> String {
        func cells(_ row: PassAtK.Row) -> String {
            p.measuredRates(row).map { $0.map { String(format: "%8.1f%%", 100 * $0) } ?? "–".leftPadded(to: 9) }.joined(separator: " ")
        }
        let header = "round \(p.round)".padding(toLength: 32, withPad: " ", startingAt: 0) + "      n  "
            + p.ks.map { ("pass@" + ($0 >= 10_000 ? "1e\(Int(log10(Double($0))))" : "\($0)")).leftPadded(to: 9) }.joined(separator: " ")
        var lines = [header]
        func line(_ row: PassAtK.Row, _ label: String) {
            lines.append(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%7d  ", row.puzzles) + cells(row))
        }
        line(p.all, "  all puzzles")
        line(p.templates, "  templates (1st instance)")
        if detailed {
            for row in p.byType { line(row, "  type " + row.group) }
            for row in p.byDomain { line(row, "  domain " + row.group) }
        }
        return lines.joined(separator: "\n")
    }

    /// `{"puzzles": [{"name", "solved", "tries", "answer", "seconds", ...}], "rounds": [...], ...}`; answers
    /// are written as the exact JSON the worker verified.
    public static func json(results: [PuzzleResultRecord], rejected: [PuzzleFile.Rejected], rounds: [PassAtK], seconds: Double) -> String {
        var out = "{\n  \"puzzles\": ["
        for (i, r) in results.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += "{\"name\": \(quoted(r.name)), \"solved\": \(r.solved), \"tries\": \(r.tries), \"answer\": \(r.answer ?? "null"), "
            out += "\"seconds\": \(number(r.seconds)), \"answer_type\": \(quoted(r.answerType)), \"domain\": \(quoted(r.domain)), "
            out += "\"expression\": \(r.expression.map(quoted) ?? "null"), \"strategy\": \(r.strategy.map(quoted) ?? "null"), "
            out += "\"error\": \(r.error.map(quoted) ?? "null")}"
        }
        for (i, bad) in rejected.enumerated() {
            out += results.isEmpty && i == 0 ? "\n    " : ",\n    "
            out += "{\"name\": \(quoted(bad.name)), \"solved\": false, \"tries\": 0, \"answer\": null, \"seconds\": 0.0, \"error\": \(quoted(bad.reason))}"
        }
        let solved = results.filter(\.solved).count
        out += "\n  ],\n  \"solved\": \(solved),\n  \"count\": \(results.count + rejected.count),\n  \"seconds\": \(number(seconds)),\n  \"rounds\": "
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        out += String(decoding: (try? encoder.encode(rounds)) ?? Data("[]".utf8), as: UTF8.self)
        return out + "\n}"
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        PyValue.writeJSONString(s, to: &out)
        return out
    }

    static func number(_ x: Double) -> String { String(format: "%.6f", x) }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
