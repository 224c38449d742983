import Foundation
import Testing

/// Quality diversity on the engine's adaptive driver, as a user runs it: kill -9 and resume, islands and
/// merge, bad specs and saved states.
@Suite struct QDCommandTests {
    /// A spec file: the arm with 8 joints, with `fields` replacing or adding fields.
    static func spec(_ fields: [String: Any] = [:], evaluations: Int = 30_000) -> String {
        let path = temporaryFile("qd.json")
        var spec: [String: Any] = ["benchmark": "arm", "dimensions": 8, "cells": [40, 40], "sigma": 0.1, "batch": 50, "evaluations": evaluations, "seed": 3]
        spec.merge(fields) { _, new in new }
        try! JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func archive(_ db: String) throws -> [String: Any] {
        let result = try Apery.run("qd", "--db", db, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        return result.json
    }

    /// Starts a search, kills it with SIGKILL after `seconds`.
    static func killed(_ arguments: [String], after seconds: Double) throws {
        let process = Process()
        process.executableURL = Apery.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func killedWithSIGKILLAndResumedEndsWithTheArchiveOfAnUninterruptedRun() throws {
        let spec = QDCommandTests.spec()
        let whole = temporaryFile("whole.sqlite")
        let first = try Apery.run("search", "qd", "--spec", spec, "--db", whole, "--json")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.json["totalEvaluations"] as? Int == 30_000)
        let expected = try QDCommandTests.archive(whole)
        #expect((expected["filled"] as? Int ?? 0) > 300)

        let resumed = temporaryFile("resumed.sqlite")
        let arguments = ["search", "qd", "--spec", spec, "--db", resumed, "--checkpoint-seconds", "0.1"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3 { try QDCommandTests.killed(arguments, after: Double.random(in: 0.3...1.5, using: &random)) }
        let last = try Apery.run(arguments)
        #expect(last.status == 0, "\(last.stderr)")
        let archive = try QDCommandTests.archive(resumed)
        for key in ["filled", "qdScore", "bestFitness", "best", "evaluations"] {
            #expect("\(archive[key]!)" == "\(expected[key]!)", "\(key)")
        }
        // A rerun of a spent budget does nothing and changes nothing.
        let again = try Apery.run(arguments + ["--json"])
        #expect(again.status == 0 && again.json["evaluations"] as? Int == 0)
        #expect("\(try QDCommandTests.archive(resumed)["qdScore"]!)" == "\(expected["qdScore"]!)")
    }

    /// An archive whose vector column is long enough to be saved as bytes beside the JSON: killed and resumed, it
    /// ends as an uninterrupted run does, and the bytes are in the database.
    @Test func largeArchivesKeepLongColumnsAsBytesAndResumeExactly() throws {
        let spec = QDCommandTests.spec(["dimensions": 24, "cells": [50, 50]])
        let whole = temporaryFile("large-whole.sqlite")
        #expect(try Apery.run("search", "qd", "--spec", spec, "--db", whole).status == 0)
        let expected = try QDCommandTests.archive(whole)
        #expect((expected["filled"] as? Int ?? 0) * 24 > 8192)
        let resumed = temporaryFile("large-resumed.sqlite")
        let arguments = ["search", "qd", "--spec", spec, "--db", resumed, "--checkpoint-seconds", "0.05"]
        try QDCommandTests.killed(arguments, after: 0.5)
        let last = try Apery.run(arguments)
        #expect(last.status == 0, "\(last.stderr)")
        let archive = try QDCommandTests.archive(resumed)
        for key in ["filled", "qdScore", "bestFitness", "best", "evaluations"] {
            #expect("\(archive[key]!)" == "\(expected[key]!)", "\(key)")
        }
        let sqlite = Process(), output = Pipe()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute(\"SELECT length(columns), instr(state, '@bytes:') > 0 FROM search_states\").fetchone())", resumed]
        sqlite.standardOutput = output
        try sqlite.run()
        let row = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
        sqlite.waitUntilExit()
        // The bytes hold at least the vectors: 24 reals per elite.
        #expect(row.count == 2 && (Int(row[0]) ?? 0) >= 8 * 24 * (expected["filled"] as? Int ?? 0) && row[1].hasPrefix("1"), "\(row)")
        // The report reads the columns too: one square per filled cell, plus the frame and the colour bar's 11 steps.
        let out = URL(fileURLWithPath: resumed).deletingLastPathComponent().appendingPathComponent("large-report").path
        #expect(try Apery.run("report", "--db", resumed, "--out", out, "--format", "md").status == 0)
        let svg = try String(contentsOfFile: out + "/figures/archive-1.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "<rect").count - 1 == (expected["filled"] as? Int ?? 0) + 12)
    }

    @Test func islandsMergeToTheSameArchiveEveryTime() throws {
        let spec = QDCommandTests.spec(evaluations: 12_000)
        let islands = try (0..<2).map { i -> String in
            let db = temporaryFile("island-\(i).sqlite")
            let result = try Apery.run("search", "qd", "--spec", spec, "--db", db, "--shard", "\(i)/2", "--json")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.json["totalEvaluations"] as? Int == 6000)
            return db
        }
        let a = temporaryFile("merged-a.sqlite"), b = temporaryFile("merged-b.sqlite")
        #expect(try Apery.run("merge", "--db", a, islands[0], islands[1]).status == 0)
        #expect(try Apery.run("merge", "--db", b, islands[1], islands[0]).status == 0)
        let merged = try QDCommandTests.archive(a)
        let other = try QDCommandTests.archive(b)
        for key in ["filled", "qdScore", "bestFitness", "best", "evaluations", "islands"] { #expect("\(merged[key]!)" == "\(other[key]!)", "\(key)") }
        #expect(merged["islands"] as? Int == 2 && merged["evaluations"] as? Int == 12_000)
        let filled = try islands.map { try QDCommandTests.archive($0)["filled"] as? Int ?? 0 }
        #expect((merged["filled"] as? Int ?? 0) >= filled.max()!)
    }

    @Test func badSpecsAndStatesGetOneLineAndExitTwo() throws {
        let cases: [([String: Any], String)] = [(["cells": [Int]()], "at least one descriptor"), (["population": 0, "proposer": "evolution"], "population"),
                                                (["sigmaa": 1], "did you mean \"sigma\""), (["cells": [0, 10]], "at least 1 cell"),
                                                (["tournament": 5, "population": 3], "tournament"),
                                                // JSONDecoder names no field for these; the message must name the right one, not the first fraction.
                                                (["seed": -1], "\"seed\" is -1; a whole number that is not negative"),
                                                (["cells": [10, 10.5]], "\"cells[1]\" is 10.5; a whole number is expected")]
        for (fields, message) in cases {
            let result = try Apery.run("search", "qd", "--spec", QDCommandTests.spec(fields), "--db", temporaryFile("bad.sqlite"))
            #expect(result.status == 2 && result.stderr.contains(message), "\(fields): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let negative = try Apery.run("search", "qd", "--spec", QDCommandTests.spec(evaluations: -5), "--db", temporaryFile("bad.sqlite"))
        #expect(negative.status == 2 && negative.stderr.contains("must be positive"))

        // A resume with a different spec is refused, and what is stored stays.
        let db = temporaryFile("kept.sqlite")
        #expect(try Apery.run("search", "qd", "--spec", QDCommandTests.spec(evaluations: 2000), "--db", db).status == 0)
        let before = try QDCommandTests.archive(db)
        let other = try Apery.run("search", "qd", "--spec", QDCommandTests.spec(["sigma": 0.2], evaluations: 2000), "--db", db)
        #expect(other.status == 2 && other.stderr.contains("holds another search"))
        #expect("\(try QDCommandTests.archive(db)["qdScore"]!)" == "\(before["qdScore"]!)")

        // A corrupt saved state: one line, exit 2, and the row is left as it was.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE search_states SET state = '{\\\"proposer\\\": 1}'\"); c.commit()", db]
        try sqlite.run()
        sqlite.waitUntilExit()
        for arguments in [["search", "qd", "--spec", QDCommandTests.spec(evaluations: 2000), "--db", db], ["qd", "--db", db]] {
            let corrupt = try Apery.run(arguments)
            #expect(corrupt.status == 2 && corrupt.stderr.contains("is corrupt"), "\(corrupt.stderr)")
        }
    }
}

@Suite struct QDReportTests {
    @Test func theReportDrawsTheArchiveAsAHeatmap() throws {
        let db = temporaryFile("report-qd.sqlite")
        #expect(try Apery.run("search", "qd", "--spec", QDCommandTests.spec(evaluations: 3000), "--db", db).status == 0)
        let filled = try QDCommandTests.archive(db)["filled"] as? Int ?? 0
        #expect(filled > 50)
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("report").path
        let result = try Apery.run("report", "--db", db, "--out", out, "--format", "html,md,latex")
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<section id=\"archives\">") && html.contains("\(filled) of 1600 cells filled"))
        // One square per filled cell, plus the frame and the 11 steps of the colour bar.
        #expect(html.components(separatedBy: "<rect").count - 1 == filled + 12)
        let svg = try String(contentsOfFile: out + "/figures/archive-1.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "<rect").count - 1 == filled + 12)
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("](figures/archive-1.svg)") && markdown.contains("3000 of 3000 candidates evaluated on 1 island"))
        let latex = try String(contentsOfFile: out + "/report.tex", encoding: .utf8)
        #expect(latex.contains("\\section{Quality-diversity archives}"))
        #expect(latex.components(separatedBy: "\\fill[qd").count - 1 == filled)
    }
}
