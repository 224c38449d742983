import Expressions
import Formulas
import Foundation
import Store

extension Report {
    /// One self-contained HTML page: MathML formulas and inline SVG figures, no script, no network.
    /// A section's anchor: `constant-zeta-3-` for "zeta(3)", letters and digits kept, the rest a dash.
    static func anchor(_ constants: String) -> String {
        "constant-" + String(constants.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    public var html: String {
        var body = "<h1>Apery report</h1>\n<p class=\"meta\">\(escapeXML(databases.map(\.path).joined(separator: ", "))) · generated \(generatedAt) by Apery \(escapeXML(aperyVersion))</p>\n"
        if isEmpty {
            return page(body + "<p class=\"empty\">\(escapeXML(Report.emptyNote))</p>\n")
        }
        body += "<nav><a href=\"#summary\">Summary</a> · <a href=\"#formulas\">Formulas</a> · <a href=\"#verified\">Verified</a> · "
            + "<a href=\"#conjectures\">Conjectures</a> · <a href=\"#dynamics\">Dynamics</a> · \(puzzles.isEmpty ? "" : "<a href=\"#puzzles\">Puzzles</a> · ")\(optimizers.isEmpty ? "" : "<a href=\"#optimizers\">Optimizers</a> · ")\(archives.isEmpty ? "" : "<a href=\"#archives\">Archives</a> · ")<a href=\"#runs\">Runs</a> · <a href=\"#legend\">Constants</a></nav>\n"
        body += "<section id=\"summary\"><h2>Summary</h2><table class=\"summary\">"
            + totals.map { "<tr><th>\(escapeXML($0.0))</th><td>\(escapeXML($0.1))</td></tr>" }.joined() + "</table></section>\n"

        body += "<section id=\"formulas\"><h2>Formulas by constant</h2>\n"
        if sections.isEmpty { body += "<p>No search found a formula yet.</p>\n" }
        // Contents: one link per constant, to its own anchor.
        if sections.count > 1 {
            body += "<ul class=\"contents\">" + sections.map { section in
                "<li><a href=\"#\(Report.anchor(section.constants))\">\(Report.heading(section.constants).mathML())</a> (\(counted(section.formulas.count, "formula")))</li>"
            }.joined() + "</ul>\n"
        }
        for section in sections {
            body += "<h3 id=\"\(Report.anchor(section.constants))\">\(Report.heading(section.constants).mathML()) <span class=\"count\">\(counted(section.formulas.count, "formula")) in \(counted(section.families, "family", "families"))</span></h3>\n"
            let head = "<table class=\"formulas\"><thead><tr><th>formula</th><th>digits verified</th><th>δ</th><th>digits/term</th><th>convergence</th><th>family</th><th>source</th></tr></thead><tbody>\n"
            func row(_ f: Formula) -> String {
                let math = Report.equation(formula: f.formula, closedForm: f.closedForm)
                let cell = math.map { "\($0.equation.mathML(display: true))<div class=\"terms\">\($0.terms.mathML())</div>" }
                    ?? "<code>\(escapeXML(f.formula)) = \(escapeXML(f.closedForm))</code>"
                return "<tr class=\"\(f.representative ? "representative" : "member")\"><td>\(cell)<div class=\"plain\"><code>\(escapeXML(f.formula)) = \(escapeXML(f.closedForm))</code></div></td>"
                    + "<td>\(f.digitsVerified)</td><td>\(Report.fixed(f.delta))</td><td>\(Report.fixed(f.digitsPerTerm))</td><td>\(escapeXML(f.convergenceClass))</td>"
                    + "<td>\(f.representative ? "representative of \(f.familySize)" : "member")</td><td>\(escapeXML(source(f)))</td></tr>\n"
            }
            body += head + section.formulas.filter(\.representative).map(row).joined() + "</tbody></table>\n"
            let members = section.formulas.filter { !$0.representative }
            if !members.isEmpty {
                body += "<details><summary>\(members.count) further members of these families</summary>\n" + head + members.map(row).joined() + "</tbody></table></details>\n"
            }
            for (constants, plot) in convergencePlots where constants == section.constants {
                body += "<figure>\(plot.svg)<figcaption>Correct digits of the convergents against the depth: one curve per distinct convergence among these formulas.</figcaption></figure>\n"
            }
        }
        body += "</section>\n"

        body += "<section id=\"verified\"><h2>Verified formulas</h2>\n"
        if verifications.isEmpty { body += "<p>No formula was verified into this database (<code>apery verify … --db</code>).</p>\n" } else {
            body += "<table><thead><tr><th>formula</th><th>status</th><th>digits agreed</th><th>depth</th><th>δ</th><th>digits/term</th><th>time</th></tr></thead><tbody>\n"
            for v in verifications {
                let math = Report.equation(formula: v.formula, closedForm: v.closedForm)
                body += "<tr><td>\(math.map { $0.equation.mathML(display: true) } ?? "")<div class=\"plain\"><code>\(escapeXML(v.formula)) = \(escapeXML(v.closedForm))</code></div></td>"
                    + "<td class=\"\(v.status)\">\(escapeXML(v.status))</td><td>\(v.digitsAgreed)</td><td>\(v.depth)</td><td>\(Report.fixed(v.delta))</td>"
                    + "<td>\(Report.fixed(v.digitsPerTerm))</td><td>\(String(format: "%.2f", v.seconds)) s</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "</section>\n"

        body += "<section id=\"conjectures\"><h2>Continued-fraction conjectures (ESMA)</h2>\n"
        if conjectures.isEmpty { body += "<p>None in this database.</p>\n" } else {
            body += "<table><thead><tr><th>constant</th><th>left side</th><th>signs</th><th>pattern</th><th>digits</th><th>digits/term</th></tr></thead><tbody>\n"
            for c in conjectures {
                body += "<tr><td>\(escapeXML(c.constant))</td><td><code>\(escapeXML(c.leftSide))</code></td><td><code>\(escapeXML(c.signs))</code></td>"
                    + "<td><code>\(escapeXML(c.pattern ?? c.recurrence))</code></td><td>\(c.digitsAgreed)</td><td>\(Report.fixed(c.digitsPerTerm))</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "</section>\n"

        body += "<section id=\"dynamics\"><h2>Convergence dynamics and clusters</h2>\n"
        let measured = databases.filter { $0.dynamics.rows > 0 }
        if measured.isEmpty { body += "<p>No PCF was measured (<code>apery dynamics</code>).</p>\n" }
        for db in measured {
            body += "<p><code>\(escapeXML(db.path))</code>: \(db.dynamics.rows) measurements, \(db.dynamics.convergent) convergent, \(db.dynamics.terminating) terminating, \(db.dynamics.divergent) divergent.</p>\n"
            let named = db.namedClusters
            if db.clusters.isEmpty { body += "<p>Not clustered yet (<code>apery cluster --db \(escapeXML(db.path))</code>).</p>\n"; continue }
            body += "<table><thead><tr><th>plane</th><th>cluster</th><th>size</th><th>anchor</th><th>limit</th><th>related</th></tr></thead><tbody>\n"
            for c in named {
                let limit = c.closedForm.flatMap { try? Expressions.Expression(parsing: $0) }?.mathNode.mathML() ?? ""
                body += "<tr><td>FR δ vs \(escapeXML(c.plane))</td><td>\(c.label)</td><td>\(c.size)</td><td><code>\(escapeXML(c.anchorFormula ?? ""))</code></td>"
                    + "<td>\(limit)\(c.identifiedFromLibrary ? " <small>(library)</small>" : "")</td><td>\(c.related)</td></tr>\n"
            }
            body += "</tbody></table><p>\(db.clusters.count - named.count) further clusters have no anchor.</p>\n"
        }
        if let clusterPlot {
            body += "<figure>\(clusterPlot.svg)<figcaption>FR delta against the fitted d; one colour per cluster of that plane, grey for noise; named clusters carry their anchor's limit.</figcaption></figure>\n"
        }
        for plot in clusterFamilyPlots {
            body += "<figure>\(plot.svg)<figcaption>Correct digits against the depth for formulas of one cluster, whose limits came from relations to its anchor.</figcaption></figure>\n"
        }
        body += "</section>\n"

        if !puzzles.isEmpty {
            body += "<section id=\"puzzles\"><h2>Programming puzzles (P3)</h2>\n" + puzzles.map(\.html).joined() + "</section>\n"
        }
        if !optimizers.isEmpty {
            body += "<section id=\"optimizers\"><h2>Optimizer update rules</h2>\n" + optimizers.map(\.html).joined() + "</section>\n"
        }
        if !archives.isEmpty {
            body += "<section id=\"archives\"><h2>Quality-diversity archives</h2>\n"
            for map in archives {
                body += "<figure>\(map.svg)<figcaption>\(escapeXML(map.title)): the best fitness per cell of the descriptor grid (\(map.fitness.count) of \(map.cells[0] * map.cells[1]) cells filled, coverage \(String(format: "%.1f", 100 * map.coverage))%); white cells are empty.</figcaption></figure>\n"
            }
            body += "</section>\n"
        }

        body += "<section id=\"runs\"><h2>Searches and runs</h2>\n"
        for db in databases {
            body += "<h3><code>\(escapeXML(db.path))</code></h3>\n"
            for s in db.searches {
                body += "<h4>\(escapeXML(s.kind)) search <code>\(escapeXML(s.identifier))</code></h4><p>\(escapeXML(Report.coverage(s)))</p>"
                    + "<details><summary>spec</summary><pre>\(escapeXML(s.spec))</pre></details>\n"
                if !s.runs.isEmpty {
                    body += "<table><thead><tr><th>run</th><th>shard</th><th>candidates</th><th>raw finds</th><th>seconds</th><th>candidates/s</th><th>host</th><th>started</th></tr></thead><tbody>"
                        + s.runs.map { r in
                            "<tr><td>\(r.runId)</td><td>\(escapeXML(r.shard))</td><td>\(r.candidates)</td><td>\(r.hits)</td><td>\(String(format: "%.2f", r.seconds))</td>"
                                + "<td>\(Report.rate(r.rate))</td><td>\(escapeXML(r.host))</td><td>\(escapeXML(r.startedAt))</td></tr>"
                        }.joined() + "</tbody></table>\n"
                }
            }
            body += "<details><summary>\(counted(db.runs.count, "run")) of apery on this database</summary><table><thead><tr><th>run</th><th>command</th><th>arguments</th><th>version</th><th>started</th><th>finished</th></tr></thead><tbody>"
                + db.runs.map { r in
                    "<tr><td>\(r.id.map(String.init) ?? "")</td><td>\(escapeXML(r.command))</td><td><code>\(escapeXML(r.arguments))</code></td><td>\(escapeXML(r.aperyVersion))</td><td>\(escapeXML(r.startedAt))</td><td>\(escapeXML(r.finishedAt ?? "unfinished"))</td></tr>"
                }.joined() + "</tbody></table></details>\n"
        }
        body += "</section>\n"

        body += "<section id=\"legend\"><h2>Constants</h2><table>"
            + constants.map { c in
                let symbol = (try? Expressions.Expression(parsing: c.name))?.mathNode.mathML() ?? escapeXML(c.name)
                return "<tr><td>\(symbol)</td><td><code>\(escapeXML(c.name))</code></td><td>\(escapeXML(c.summary))</td></tr>"
            }.joined() + "</table></section>\n"
        return page(body)
    }

    private func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Apery \(escapeXML(aperyVersion))">
        <title>Apery report</title>
        <style>
        body { font-family: Georgia, "Times New Roman", serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #222; }
        h1, h2, h3, h4, nav, table, .meta, figcaption { font-family: Helvetica, Arial, sans-serif; }
        .meta { color: #666; } nav { margin: 1em 0 2em; } .count { font-size: 0.7em; color: #666; font-weight: normal; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: middle; }
        th { background: #f4f4f4; } tr.member { color: #555; } tr.member math { font-size: 0.9em; }
        .summary th { width: 22em; } .plain { font-size: 0.75em; color: #777; } .terms { font-size: 0.85em; }
        td.verified { color: #1a7f37; } td.disagrees { color: #c62828; } td.inconclusive { color: #a15c00; }
        math[display="block"] { margin: 0.3em 0; } figure { margin: 1em 0 2em; } figcaption { color: #555; font-size: 0.85em; }
        pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; } .empty { font-size: 1.1em; padding: 1em; background: #fff8e1; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
