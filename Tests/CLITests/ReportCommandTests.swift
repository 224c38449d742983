import Foundation
import Store
import Testing
import TestSupport

/// A renderer the report tests use, if installed (`make test` installs Debian's and sets APERY_REQUIRE_RENDERERS=1,
/// which makes a missing one a failure rather than a skipped test).
enum Renderer {
    static let required = ProcessInfo.processInfo.environment["APERY_REQUIRE_RENDERERS"] == "1"
    static func find(_ paths: [String]) -> String? { paths.first { FileManager.default.isExecutableFile(atPath: $0) } }
}

enum Browser {
    static let path = Renderer.find(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
    static var usable: Bool { path != nil || Renderer.required }

    /// Runs the browser headless on a local file with the network unreachable; returns stdout.
    static func run(_ arguments: [String]) throws -> String {
        guard let path else { throw BrowserMissing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String { "no headless Chromium: apt-get install chromium (make test does)" }
    }
}

enum LaTeX {
    static let path = Renderer.find(["/usr/bin/pdflatex"])
    static var usable: Bool { path != nil || Renderer.required }

    /// pdflatex on report.tex in `directory`, once; its exit status.
    static func compile(in directory: String) throws -> Int32 {
        guard let path else { throw Browser.BrowserMissing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "report.tex"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct ReportCommandTests {
    /// The e search of the CLI tests, reported in every format.
    static func reportOfASearch() throws -> (db: String, out: String, hits: Int) {
        let db = temporaryFile("e.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db, "--json"]).status == 0)
        #expect(try Apery.run("verify", "PCF(n+1, n) = 1/(e-2)", "--digits", "200", "--db", db).status == 0)
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("report").path
        let result = try Apery.run("report", "--db", db, "--out", out, "--format", "html,md,latex,csv,json")
        #expect(result.status == 0, "\(result.stderr)")
        return (db, out, try AperyStore(path: db).storedHits().count)
    }

    @Test func everyFormatHoldsTheFormulas() throws {
        let (db, out, hits) = try Self.reportOfASearch()
        #expect(hits == 40)
        func read(_ name: String) throws -> String { try String(contentsOfFile: out + "/" + name, encoding: .utf8) }

        // CSV: one row per hit; JSON: the same hits and the verification.
        #expect(try read("hits.csv").split(separator: "\n").count == hits + 1)
        let json = try JSONSerialization.jsonObject(with: Data(try read("report.json").utf8)) as! [String: Any]
        let formulas = (json["formulas"] as! [String: [[String: Any]]]).values.flatMap { $0 }
        #expect(formulas.count == hits && json["empty"] as? Bool == false)
        #expect((json["verifications"] as! [[String: Any]]).first?["status"] as? String == "verified")

        // HTML: 1/(e - 2) typeset as a MathML fraction with e, the run's throughput, a convergence figure, no outside resource.
        let html = try read("report.html")
        #expect(html.contains("<mfrac><mn>1</mn><mrow><mi>e</mi><mo>−</mo><mn>2</mn></mrow></mfrac>"))
        #expect(html.contains("candidates/s") && html.contains("<svg") && html.contains("Convergence of the formulas for e"))
        // The search's counts say what they count: the raw finds of the runs table, and the hits stored from them.
        let raw = try AperyStore(path: db).storedSearches().first!.rawFinds
        #expect(raw >= hits && html.contains("\(raw) raw finds stored as \(hits) results") && html.contains("<th>raw finds</th>"))
        let outside = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/") }
        #expect(outside.isEmpty && !html.contains("src="))
        // The runs of apery on the database by their numbers (an optional's description once printed "Optional(1)").
        #expect(html.contains("<tr><td>1</td><td>") && !html.contains("Optional("))

        // Markdown and LaTeX: the same fraction in LaTeX, figures beside the Markdown, TikZ inside the LaTeX.
        #expect(try read("report.md").contains("\\frac{1}{e - 2}"))
        #expect(FileManager.default.fileExists(atPath: out + "/figures/convergence-1.svg"))
        let tex = try read("report.tex")
        #expect(tex.contains("\\begin{tikzpicture}") && tex.hasSuffix("\\end{document}\n"))
        #expect(tex.components(separatedBy: "\\begin{").count == tex.components(separatedBy: "\\end{").count)
    }

    /// The page in a real browser: MathML laid out (continued fractions are several lines tall), figures drawn,
    /// with the network unreachable.
    @Test(.enabled(if: Browser.usable)) func theHTMLReportRendersInAHeadlessBrowser() throws {
        let (_, out, _) = try Self.reportOfASearch()
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // A copy that measures what the browser laid out and writes it into the DOM.
        let probe = """
            <script>
            const box = e => e.getBoundingClientRect();
            document.body.dataset.display = [...document.querySelectorAll('math[display=block]')].map(m => box(m).height).join(',');
            document.body.dataset.figures = [...document.querySelectorAll('figure svg')].map(s => box(s).width).join(',');
            const opening = [...document.querySelectorAll('mo')].filter(m => m.textContent === '(' && m.parentElement.previousElementSibling?.textContent === '\\u2061');
            document.body.dataset.gaps = opening.map(m => box(m.nextElementSibling).left - box(m.parentElement.previousElementSibling.previousElementSibling).right).join(',');
            </script>
            """
        let page = out + "/probe.html"
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(toFile: page, atomically: true, encoding: .utf8)
        let dom = try Browser.run(["--dump-dom", "file://" + page])
        func values(_ name: String) -> [Double] {
            guard let start = dom.range(of: "data-\(name)=\"") else { return [] }
            return dom[start.upperBound...].prefix { $0 != "\"" }.split(separator: ",").compactMap { Double($0) }
        }
        let display = values("display"), figures = values("figures")
        #expect(display.count >= 20, "display formulas laid out: \(display.count)")
        #expect(display.allSatisfy { $0 > 45 }, "a three-level continued fraction is taller than two text lines: \(display.prefix(5))")
        #expect(!figures.isEmpty && figures.allSatisfy { $0 > 400 }, "figures: \(figures)")
        // f(x) is set tight, not "a ( n )": from a function's name to its argument, in pixels (about the width of
        // "(", 4.8; stretchy fences made it 10.7).
        let gaps = values("gaps")
        #expect(gaps.count >= 10 && gaps.allSatisfy { $0 < 7 }, "gaps before '(': \(gaps.prefix(8))")

        // And a screenshot, as a person would look at it.
        let png = out + "/report.png"
        _ = try Browser.run(["--window-size=1280,1600", "--screenshot=" + png, "file://" + out + "/report.html"])
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.count > 20_000 && data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(data[16..<20].reduce(0) { $0 << 8 | Int($1) } == 1280)
    }

    /// The LaTeX report compiles (twice, as LaTeX wants for references) into a PDF with its figures.
    @Test(.enabled(if: LaTeX.usable)) func theLaTeXReportCompiles() throws {
        let (_, out, _) = try Self.reportOfASearch()
        try #require(LaTeX.path != nil, "no pdflatex: apt-get install texlive-latex-base texlive-latex-recommended texlive-pictures")
        for _ in 0..<2 { #expect(try LaTeX.compile(in: out) == 0, "pdflatex failed: see \(out)/report.log") }
        let pdf = try Data(contentsOf: URL(fileURLWithPath: out + "/report.pdf"))
        #expect(pdf.prefix(4) == Data("%PDF".utf8) && pdf.count > 20_000)
        // Its first page as an image (pdftoppm), as a person would look at it: a full page, not blank.
        if let pdftoppm = Renderer.find(["/usr/bin/pdftoppm"]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pdftoppm)
            process.arguments = ["-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png", out + "/report.pdf", out + "/page"]
            try process.run()
            process.waitUntilExit()
            let png = try Data(contentsOf: URL(fileURLWithPath: out + "/page.png"))
            #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
            #expect(png[16..<20].reduce(0) { $0 << 8 | Int($1) } == 425)   // LaTeX's US letter, 8.5 in at 50 dpi
        } else { #expect(!Renderer.required, "no pdftoppm: apt-get install poppler-utils") }
    }

    /// Long formulas (interlaced, high degree) and a CF pattern's tail still fit the page: no overfull box wider
    /// than 5 pt in the compiled log.
    @Test(.enabled(if: LaTeX.usable)) func theLaTeXReportFitsThePage() throws {
        let db = temporaryFile("long.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db, "--json"]).status == 0)
        for formula in ["CF[2; 1, 2k+2, 1] = e", "PCF(5n^5+10n^4+20n^3+15n^2+5n+1, -n^10) = 1/(2*zeta(5))",
                        "PCF(2n+1 | 6n+3 | 4n+7, n^2 | 3n^2+1 | 2n^2+5) = 4/pi + exp(1/3)*catalan - log(2)*sqrt(5)",
                        "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)"] {
            _ = try Apery.run("verify", formula, "--digits", "30", "--db", db)
        }
        // More databases with long names than a line holds, each with its convergence plot.
        var databases = ["--db", db]
        for i in 1...3 {
            let other = temporaryFile("a-rather-long-database-name-for-the-report-\(i).sqlite")
            #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", other]).status == 0)
            databases += ["--db", other]
        }
        let out = temporaryFile("long-report")
        #expect(try Apery.run(["report", "--out", out, "--format", "latex"] + databases).status == 0)
        let tex = try String(contentsOfFile: out + "/report.tex", encoding: .utf8)
        #expect(tex.contains("2 n + 1 \\mid 6 n + 3 \\mid 4 n + 7"), "every part of an interlaced PCF is shown")
        #expect(try LaTeX.compile(in: out) == 0)
        let log = try String(contentsOfFile: out + "/report.log", encoding: .isoLatin1)
        let overfull = log.split(separator: "\n").filter { $0.hasPrefix("Overfull \\hbox (") }.compactMap { line -> Double? in
            Double(line.dropFirst("Overfull \\hbox (".count).prefix { $0 != "p" })
        }
        #expect(overfull.allSatisfy { $0 <= 5 }, "overfull boxes (pt): \(overfull)")
    }

    @Test func anEmptyDatabaseGivesAReportThatSaysSo() throws {
        let db = temporaryFile("empty.sqlite")
        _ = try AperyStore(path: db)
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("out").path
        // The directory already holds a file of the user's: it must survive.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "keep me".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let result = try Apery.run("report", "--db", db, "--out", out, "--format", "html,md,json")
        #expect(result.status == 0 && result.stdout.contains("no results yet"))
        #expect(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("holds no results yet"))
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("holds no results yet"))
        #expect(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8) == "keep me")
    }

    @Test func badInputIsAOneLineError() throws {
        let out = temporaryFile("out")
        for arguments in [["report", "--db", temporaryFile("missing.sqlite"), "--out", out],
                          ["report", "--db", temporaryFile("x.sqlite"), "--out", out, "--format", "pdf"],
                          ["report", "--out", out]] {
            if arguments.contains("pdf") { _ = try AperyStore(path: arguments[2]) }
            let result = try Apery.run(arguments)
            #expect(result.status == 2 && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        // --out naming a file is refused without touching the file.
        let db = temporaryFile("y.sqlite"), file = temporaryFile("a-file")
        _ = try AperyStore(path: db)
        try "data".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Apery.run("report", "--db", db, "--out", file).status == 2)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "data")
    }
}
