import Expressions
import Optimizers
import Formulas
import Foundation
import Store

extension Report {
    /// Markdown with LaTeX math ($$ … $$, as GitHub and most notebooks render it) and SVG figures beside it.
    /// Returns the text and the figures (file name, SVG) it refers to under `figures/`.
    public var markdown: (text: String, figures: [(name: String, svg: String)]) {
        var out = "# Apery report\n\n_\(databases.map(\.path).joined(separator: ", ")) · generated \(generatedAt) by Apery \(aperyVersion)_\n\n"
        if isEmpty { return (out + Report.emptyNote + "\n", []) }
        var figures: [(name: String, svg: String)] = []
        out += "## Summary\n\n| | |\n|---|---|\n" + totals.map { "| \($0.0) | \($0.1) |\n" }.joined() + "\n"
        out += "## Formulas by constant\n\n"
        for section in sections {
            out += "### $\(Report.heading(section.constants).latex)$: \(counted(section.formulas.count, "formula")) in \(counted(section.families, "family", "families"))\n\n"
            for f in section.formulas where f.representative {
                if let math = Report.equation(formula: f.formula, closedForm: f.closedForm) {
                    out += "$$\(math.equation.latex)$$\n\n$\(math.terms.latex)$\n\n"
                }
                out += "`\(f.formula) = \(f.closedForm)`: \(f.digitsVerified) digits verified, δ = \(Report.fixed(f.delta)), "
                    + "\(Report.fixed(f.digitsPerTerm)) digits/term, \(f.convergenceClass); family of \(f.familySize) (\(source(f)))\n\n"
            }
            let members = section.formulas.filter { !$0.representative }
            if !members.isEmpty {
                out += "Other members of these families:\n\n" + members.map { "- `\($0.formula) = \($0.closedForm)`\n" }.joined() + "\n"
            }
            for (k, (constants, plot)) in convergencePlots.enumerated() where constants == section.constants {
                let name = "convergence-\(k + 1).svg"
                figures.append((name, plot.svg))
                out += "![\(plot.title)](figures/\(name))\n\n"
            }
        }
        if !verifications.isEmpty {
            out += "## Verified formulas\n\n| formula | status | digits | depth | δ | digits/term |\n|---|---|---|---|---|---|\n"
            out += verifications.map { v in
                "| `\(v.formula) = \(v.closedForm)` | \(v.status) | \(v.digitsAgreed) | \(v.depth) | \(Report.fixed(v.delta)) | \(Report.fixed(v.digitsPerTerm)) |\n"
            }.joined() + "\n"
        }
        if !conjectures.isEmpty {
            out += "## Continued-fraction conjectures (ESMA)\n\n| constant | left side | signs | pattern | digits |\n|---|---|---|---|---|\n"
            out += conjectures.map { "| \($0.constant) | `\($0.leftSide)` | `\($0.signs)` | `\($0.pattern ?? $0.recurrence)` | \($0.digitsAgreed) |\n" }.joined() + "\n"
        }
        let measured = databases.filter { $0.dynamics.rows > 0 }
        if !puzzles.isEmpty {
            out += "## Programming puzzles (P3)\n\n" + puzzles.map(\.markdown).joined()
        }
        if !optimizers.isEmpty {
            out += "## Optimizer update rules\n\n"
            for (k, section) in optimizers.enumerated() {
                figures.append(("optimizer-history-\(k + 1).svg", section.history.svg))
                out += "![\(section.history.title)](figures/optimizer-history-\(k + 1).svg)\n\n" + section.markdown
            }
        }
        if !archives.isEmpty {
            out += "## Quality-diversity archives\n\n"
            for (k, map) in archives.enumerated() {
                figures.append(("archive-\(k + 1).svg", map.svg))
                out += "![\(map.title): best fitness per cell, coverage \(String(format: "%.1f", 100 * map.coverage))%](figures/archive-\(k + 1).svg)\n\n"
            }
        }
        if !measured.isEmpty {
            out += "## Convergence dynamics and clusters\n\n"
            for db in measured {
                out += "`\(db.path)`: \(db.dynamics.rows) measurements, \(db.dynamics.convergent) convergent, \(db.dynamics.terminating) terminating, \(db.dynamics.divergent) divergent; \(db.clusters.count) clusters.\n\n"
                let named = db.namedClusters
                if !named.isEmpty {
                    out += "| plane | cluster | size | anchor | limit | related |\n|---|---|---|---|---|---|\n"
                    out += named.map { c -> String in
                        // The limit typeset, as the HTML report shows it (the store's text where it does not parse).
                        let limit = c.closedForm.map { text in (try? Expressions.Expression(parsing: text)).map { "$\($0.mathNode.latex)$" } ?? text } ?? ""
                        return "| FR δ vs \(c.plane) | \(c.label) | \(c.size) | `\(c.anchorFormula ?? "")` | \(limit) | \(c.related) |\n"
                    }.joined() + "\n"
                }
            }
            if let clusterPlot {
                figures.append(("clusters.svg", clusterPlot.svg))
                out += "![\(clusterPlot.title)](figures/clusters.svg)\n\n"
            }
            for (k, plot) in clusterFamilyPlots.enumerated() {
                figures.append(("cluster-family-\(k + 1).svg", plot.svg))
                out += "![\(plot.title)](figures/cluster-family-\(k + 1).svg)\n\n"
            }
        }
        out += "## Searches and runs\n\n"
        for db in databases {
            for s in db.searches {
                out += "- `\(db.path)`: \(s.kind) search `\(s.identifier)`: \(Report.coverage(s))\n\n  ```json\n  \(s.spec)\n  ```\n"
            }
        }
        out += "\n## Constants\n\n" + constants.map { "- `\($0.name)`: \($0.summary)\n" }.joined()
        return (out, figures)
    }

    /// A LaTeX article (amsmath, longtable, tikz): formulas as displayed equations, figures as TikZ pictures.
    public var latex: String {
        var out = """
            \\documentclass[10pt]{article}
            \\usepackage[T1]{fontenc}
            \\usepackage[utf8]{inputenc}
            \\usepackage[margin=2cm]{geometry}
            \\usepackage{amsmath,amssymb}
            \\usepackage{longtable,array}
            \\usepackage{tikz,graphicx}
            % A figure wider than the text (a long legend) is scaled down to the text's width.
            \\newsavebox{\\aperyfigure}
            \\newcommand{\\aperyfit}[1]{\\sbox{\\aperyfigure}{#1}\\ifdim\\wd\\aperyfigure>\\linewidth
              \\resizebox{\\linewidth}{!}{\\usebox{\\aperyfigure}}\\else\\usebox{\\aperyfigure}\\fi}
            \\title{Apery report}
            \\date{\(latexEscaped(generatedAt))}
            \\author{Apery \(latexEscaped(aperyVersion))}
            \\begin{document}
            \\maketitle
            {\\raggedright\\noindent Databases: \(databases.map { "\\texttt{\(latexEscaped($0.path).replacingOccurrences(of: "/", with: "/\\allowbreak{}"))}" }.joined(separator: ", ")).\\par}

            """
        if isEmpty { return out + latexEscaped(Report.emptyNote) + "\n\\end{document}\n" }
        out += "\\section*{Summary}\n\\begin{tabular}{ll}\n" + totals.map { "\(latexEscaped($0.0)) & \(latexEscaped($0.1)) \\\\\n" }.joined() + "\\end{tabular}\n\n"
        out += "\\section{Formulas by constant}\n"
        for section in sections {
            out += "\\subsection{$\(Report.heading(section.constants).latex)$: \(counted(section.formulas.count, "formula")) in \(counted(section.families, "family", "families"))}\n"
            for f in section.formulas where f.representative {
                if let math = Report.equation(formula: f.formula, closedForm: f.closedForm) {
                    out += "\\begin{equation*}\n\(math.equation.latex)\n\\end{equation*}\n"
                    out += "with $\(math.terms.latex)$: \(f.digitsVerified) digits verified, $\\delta = \(Report.fixed(f.delta))$, "
                        + "\(Report.fixed(f.digitsPerTerm)) digits per term, \(latexEscaped(f.convergenceClass)); family of \(f.familySize).\n\n"
                }
            }
            for (constants, plot) in convergencePlots where constants == section.constants {
                out += Report.figure(plot)
            }
        }
        if !verifications.isEmpty {
            // The formula column wraps (ragged right), so the table fits the page whatever the formula's length.
            out += "\\section{Verified formulas}\n\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.66\\linewidth}lrr@{}}\nformula & status & digits & depth \\\\ \\hline\n"
            for v in verifications {
                let pcf = try? Formulas.PCF(parsing: v.formula), value = try? Expressions.Expression(parsing: v.closedForm)
                let math = pcf.flatMap { p in value.map { "$\(Report.inlineLatex(p, $0.mathNode))$" } } ?? latexEscaped(v.formula)
                out += "\(math) & \(latexEscaped(v.status)) & \(v.digitsAgreed) & \(v.depth) \\\\\n"
            }
            out += "\\end{longtable}\n"
        }
        if !conjectures.isEmpty {
            out += "\\section{Continued-fraction conjectures (ESMA)}\n\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.3\\linewidth}>{\\raggedright\\arraybackslash}p{0.5\\linewidth}r@{}}\nleft side & pattern & digits \\\\ \\hline\n"
            out += conjectures.map { "\\texttt{\(latexEscaped($0.leftSide))} & \\texttt{\(latexEscaped($0.pattern ?? $0.recurrence))} & \($0.digitsAgreed) \\\\\n" }.joined()
            out += "\\end{longtable}\n"
        }
        if !puzzles.isEmpty {
            out += "\\section{Programming puzzles (P3)}\n" + puzzles.map(\.latex).joined()
        }
        if !optimizers.isEmpty {
            out += "\\section{Optimizer update rules}\n" + optimizers.map(\.latex).joined()
        }
        if !archives.isEmpty {
            out += "\\section{Quality-diversity archives}\n" + archives.map { map in
                "\\begin{figure}[h]\n\\centering\n\\aperyfit{\(map.tikz)}\\caption{\(latexEscaped(map.title)): best fitness per cell, coverage \(String(format: "%.1f", 100 * map.coverage))\\%.}\n\\end{figure}\n\n"
            }.joined()
        }
        if let clusterPlot {
            out += "\\section{Convergence dynamics}\n" + ([clusterPlot] + clusterFamilyPlots).map(Report.figure).joined()
        }
        out += "\\section{Searches}\n\\begin{itemize}\n"
        for db in databases { for s in db.searches { out += "\\item \\texttt{\(latexEscaped(s.identifier))} (\(latexEscaped(s.kind))): \(latexEscaped(Report.coverage(s)))\n" } }
        out += "\\end{itemize}\n\\end{document}\n"
        return out
    }

    /// A TikZ figure with its title as caption.
    static func figure(_ plot: Plot) -> String {
        "\\begin{figure}[h]\n\\centering\n\\aperyfit{\(plot.tikz)}\\caption{\(latexEscaped(plot.title))}\n\\end{figure}\n\n"
    }

    /// "PCF(a, b) = closed form" in inline LaTeX, for tables and legends: every part of an interlaced PCF
    /// (a_0 | a_1 | …), and plain parentheses, so that TeX may break a long formula after its operators.
    static func inlineLatex(_ pcf: Formulas.PCF, _ value: MathNode) -> String {
        let a = pcf.aParts.map { $0.mathNode().latex }.joined(separator: " \\mid "), b = pcf.bParts.map { $0.mathNode().latex }.joined(separator: " \\mid ")
        return "\\mathrm{PCF}(\(a),\\ \(b)) = \(value.latex)"
    }

    /// The tables as CSV files: hits, verifications, conjectures, searches (one row per run), clusters.
    public var csvFiles: [(name: String, text: String)] {
        let row = csvLine
        func number(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        let formulas = sections.flatMap(\.formulas)
        let hits = row(HitColumns.names) + formulas.map { row(HitColumns.row($0.hit, database: $0.database)) }.joined()
        let verified = row(["formula", "closed_form", "status", "digits_agreed", "depth", "digits_per_term", "delta", "seconds", "run", "created"])
            + verifications.map { v in
                row([v.formula, v.closedForm, v.status, String(v.digitsAgreed), String(v.depth), number(v.digitsPerTerm), number(v.delta), number(v.seconds), String(v.runId), v.createdAt])
            }.joined()
        let conjectured = row(["constant", "left_side", "signs", "pattern", "recurrence", "digits_agreed", "digits_per_term"])
            + conjectures.map { row([$0.constant, $0.leftSide, $0.signs, $0.pattern ?? "", $0.recurrence, String($0.digitsAgreed), number($0.digitsPerTerm)]) }.joined()
        let searches = row(["database", "search", "kind", "candidates", "candidates_done", "chunks_done", "finds", "raw_finds", "run", "shard", "run_candidates", "seconds", "rate", "host", "started"])
            + databases.flatMap { db in
                db.searches.flatMap { s in
                    let base = [db.path, s.identifier, s.kind, String(s.candidates), String(s.candidatesDone), String(s.chunksDone), String(s.finds), String(s.rawFinds)]
                    if s.runs.isEmpty { return [row(base + ["", "", "", "", "", "", ""])] }
                    return s.runs.map { r in row(base + [String(r.runId), r.shard, String(r.candidates), number(r.seconds), number(r.rate), r.host, r.startedAt]) }
                }
            }.joined()
        let clusters = row(["database", "plane", "label", "size", "anchor", "closed_form", "identified_from_library", "related"])
            + databases.flatMap { db in
                db.clusters.map { c in row([db.path, c.plane, String(c.label), String(c.size), c.anchorFormula ?? "", c.closedForm ?? "", c.identifiedFromLibrary ? "1" : "0", String(c.related)]) }
            }.joined()
        let passAtK = row(["database", "round", "group", "puzzles"] + PassAtK.standardKs.map { "pass_at_\($0)" })
            + puzzles.flatMap { table in
                table.rounds.flatMap { p in
                    PuzzleTables.rows(p).map { (label: String, counts: PassAtK.Row) -> String in
                        let rates: [String] = p.measuredRates(counts).map { rate in rate.map { String($0) } ?? "" }
                        return row([table.path, String(p.round), label, String(counts.puzzles)] + rates)
                    }
                }
            }.joined()
        return [("hits.csv", hits), ("verifications.csv", verified), ("conjectures.csv", conjectured), ("searches.csv", searches), ("clusters.csv", clusters)]
            + (puzzles.isEmpty ? [] : [("puzzles.csv", passAtK)])
            + (optimizers.isEmpty ? [] : [("optimizers.csv", row(["database", "search", "rule", "task", "log10_loss_ratio_to_adamw", "loss", "learning_rate", "searched"])
                + optimizers.flatMap(\.csvRows).map(row).joined())])
    }

    /// Everything as one JSON document.
    public func json() throws -> String {
        struct Document: Encodable {
            let generatedAt: String, aperyVersion: String, empty: Bool, note: String?
            let formulas: [String: [HitJSON]]
            let verifications: [StoredVerification]
            let conjectures: [ConjectureInput]
            let databases: [DatabaseSummary]
            let constants: [ConstantRecord]
            let puzzles: [String: [PassAtK]]
            let optimizers: [String: OptimizerComparison]
        }
        let document = Document(generatedAt: generatedAt, aperyVersion: aperyVersion, empty: isEmpty, note: isEmpty ? Report.emptyNote : nil,
                                formulas: Dictionary(sections.map { section in
                                    (section.constants, section.formulas.map { HitJSON($0.hit, database: $0.database, familySize: $0.familySize) })
                                }, uniquingKeysWith: { a, _ in a }),
                                verifications: verifications, conjectures: conjectures, databases: databases, constants: constants,
                                puzzles: Dictionary(puzzles.map { ($0.path, $0.rounds) }, uniquingKeysWith: { a, _ in a }),
                                optimizers: Dictionary(optimizers.map { ($0.path, $0.comparison) }, uniquingKeysWith: { a, _ in a }))
        return try JSONText.encode(document) + "\n"
    }
}

/// One CSV record (RFC 4180): fields with a comma, quote or newline are quoted, quotes doubled.
public func csvLine(_ fields: [String]) -> String {
    fields.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
        .joined(separator: ",") + "\n"
}
