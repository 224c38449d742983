import Foundation
import Optimizers

/// Tables of update rules compared on the proxy tasks.
public enum OptimizerTables {
    static func number(_ x: Double?) -> String { x.map { String(format: "%.3g", $0) } ?? "blew up" }

    /// A plain-text table: per task, log10 of the final loss over tuned AdamW's (negative is better), the loss and
    /// the tuned learning rate.
    public static func comparisonText(_ c: OptimizerComparison) -> String {
        let header = ["rule", "fitness"] + c.tasks.map(\.rawValue)
        let rows = c.rows.map { row in
            [row.name, String(format: "%.3f", row.fitness)]
                + row.tasks.map { score in
                    String(format: "%+.3f", score.normalized) + (score.standardError.map { String(format: " ± %.3f", $0) } ?? "")
                        + " (loss \(number(score.loss)), lr \(number(score.learningRate)))"
                }
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
        let line = { (cells: [String]) in zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ") }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
            + "\nper task: log10(final loss / tuned AdamW's), clipped to ±\(Int(ProxyScoring.worst)); negative is better. fitness = -mean."
            + (c.rows.contains { $0.tasks.contains { $0.standardError != nil } }
                ? "\n± the standard error over the seeds of log10(loss / AdamW's loss), seed by seed on the same data." : "")
    }
}
