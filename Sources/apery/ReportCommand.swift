import ArgumentParser
import Expressions
import Foundation
import Reports
import Store

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write what the databases hold as a report: HTML, Markdown, LaTeX, CSV or JSON.",
        discussion: """
            Per constant, the formulas found with their closed forms typeset (MathML in HTML, so the page works offline; \
            LaTeX in Markdown and LaTeX), digits verified, delta and digits per term; verified formulas and ESMA \
            conjectures; convergence measurements and clusters; per search, the spec, counts and throughput of each run. \
            Figures (SVG; TikZ in LaTeX): digits against depth for the largest families, and FR delta against d coloured \
            by cluster. The HTML page is one self-contained file. Only the report's own files are written in --out: \
            report.html, report.md and figures/, report.tex, the CSV tables, or report.json.
            """)

    @Option(name: .customLong("db"), help: "A database to report on (repeat for several).") var databases: [String] = []
    @Option(help: "The directory to write into (created if missing; other files in it are left alone).") var out: String
    @Option(help: "html, md, latex, csv or json (repeat for several).") var format: [String] = ["html"]
    @Option(help: "Families whose convergence is plotted (largest first).") var familyPlots: Int = 6
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            guard !databases.isEmpty else { throw ValidationError("name a database with --db") }
            let formats = try format.flatMap { splitTopLevel($0) }.map { name -> ReportFormat in
                guard let f = ReportFormat(rawValue: name == "markdown" ? "md" : name == "tex" ? "latex" : name) else {
                    throw ValidationError("unknown format '\(name)': use html, md, latex, csv or json")
                }
                return f
            }
            guard familyPlots >= 0 else { throw ValidationError("--family-plots must be 0 or more") }
            let stores = try databases.map { ($0, try existingStore($0)) }
            let report = try Report(stores: stores, aperyVersion: Apery.version, familyPlots: familyPlots)
            var written: [String] = []
            for f in formats { written += try report.write(f, to: out) }
            struct Summary: Encodable { let files: [String], empty: Bool }
            if output.json { return try printJSON(Summary(files: written, empty: report.isEmpty)) }
            if report.isEmpty { print("the database holds no results yet; the report says so") }
            for file in written { print("wrote \(file)") }
        }
    }
}
