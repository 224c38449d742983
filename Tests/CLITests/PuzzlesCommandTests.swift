import Foundation
import Testing

/// `apery puzzles` as a user runs it: solving a slice of the P3 train split with answers that re-verify in
/// a plain Python, bad puzzle files, resume after kill -9, shards merged, pass@k reports.
@Suite struct PuzzlesCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let train = root.appendingPathComponent("Corpora/p3/puzzles_train.json").path

    /// The first instance of the first `count` templates of the train split, as a puzzle file.
    static func slice(_ count: Int) throws -> String {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: train))) as! [[String: Any]]
        var seen = Set<String>(), chosen: [[String: Any]] = []
        for puzzle in all where chosen.count < count {
            let template = String((puzzle["name"] as! String).split(separator: ":")[0])
            if seen.insert(template).inserted { chosen.append(puzzle) }
        }
        let path = temporaryFile("slice.json")
        try JSONSerialization.data(withJSONObject: chosen).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func write(_ text: String) -> String {
        let path = temporaryFile("puzzles.json")
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Checks every solved answer with a plain `python3` (not Apery's worker): exact type, `sat(answer) is True`.
    static func reverify(puzzles: String, output: String) throws -> Int {
        let script = """
            import json, sys
            from typing import List
            sys.set_int_max_str_digits(0)
            puzzles = {p["name"]: p for p in json.load(open(sys.argv[1]))}
            result = json.load(open(sys.argv[2]))
            def has(v, t):
                if t.startswith("List["): return type(v) is list and all(has(x, t[5:-1]) for x in v)
                return type(v) is {"int": int, "float": float, "str": str, "bool": bool}[t]
            n = 0
            for r in result["puzzles"]:
                if not r["solved"]: continue
                p = puzzles[r["name"]]
                ns = {"List": List}
                exec(p["sat"], ns)
                assert has(r["answer"], p["ans_type"].replace(" ", "")), r["name"]
                assert ns["sat"](r["answer"]) is True, r["name"]
                n += 1
            print(n)
            """
        let outputPath = temporaryFile("out.json")
        try output.write(toFile: outputPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, puzzles, outputPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "a reported answer does not re-verify")
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func solvesTrainPuzzlesWhoseAnswersReverifyInPlainPython() throws {
        let puzzles = try PuzzlesCommandTests.slice(16)
        let result = try Apery.run("puzzles", "solve", "--puzzles", puzzles, "--budget", "1000", "--rounds", "1", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = result.json["puzzles"] as? [[String: Any]] ?? []
        #expect(entries.count == 16)
        let solved = entries.filter { $0["solved"] as? Bool == true }
        #expect(solved.count >= 5, "\(solved.map { $0["name"]! })")
        for entry in solved {
            let tries = entry["tries"] as? Int ?? 0
            #expect(tries >= 1 && tries <= 1000)
            #expect(entry["answer"] != nil && !(entry["answer"] is NSNull))
        }
        #expect(try PuzzlesCommandTests.reverify(puzzles: puzzles, output: result.stdout) == solved.count)
    }

    @Test func killedAndResumedEndsWithTheResultsOfAnUninterruptedRun() throws {
        let puzzles = try PuzzlesCommandTests.slice(12)
        let arguments = ["puzzles", "solve", "--puzzles", puzzles, "--budget", "600", "--rounds", "2", "--workers", "2"]
        let whole = temporaryFile("whole.sqlite")
        let first = try Apery.run(arguments + ["--db", whole, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let resumed = temporaryFile("resumed.sqlite")
        for delay in [1.0, 2.5] {
            try QDCommandTests.killed(arguments + ["--db", resumed], after: delay)
        }
        let last = try Apery.run(arguments + ["--db", resumed, "--json"])
        #expect(last.status == 0, "\(last.stderr)")
        func summary(_ json: [String: Any]) -> [String] {
            (json["puzzles"] as? [[String: Any]] ?? []).map { "\($0["name"]!) \($0["solved"]!) \($0["tries"]!) \($0["answer"] ?? "null")" }
        }
        #expect(summary(last.json) == summary(first.json))
        let report = try Apery.run("puzzles", "--db", resumed, "--json")
        #expect(report.status == 0)
        let rounds = (try? JSONSerialization.jsonObject(with: Data(report.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rounds.count == 2)
    }

    @Test func shardsMergeIntoTheWholeSearch() throws {
        let puzzles = try PuzzlesCommandTests.slice(8)
        let common = ["puzzles", "solve", "--puzzles", puzzles, "--budget", "300", "--rounds", "1", "--no-z3"]
        let whole = temporaryFile("whole.sqlite")
        #expect(try Apery.run(common + ["--db", whole]).status == 0)
        let a = temporaryFile("a.sqlite"), b = temporaryFile("b.sqlite")
        #expect(try Apery.run(common + ["--db", a, "--shard", "0/2"]).status == 0)
        #expect(try Apery.run(common + ["--db", b, "--shard", "1/2"]).status == 0)
        let merged = temporaryFile("merged.sqlite")
        #expect(try Apery.run("merge", "--db", merged, a, b).status == 0)
        let expected = try Apery.run("puzzles", "--db", whole)
        let got = try Apery.run("puzzles", "--db", merged)
        #expect(got.status == 0 && !got.stdout.isEmpty)
        // The same pass@k table: every puzzle solved in the same number of tries.
        #expect(got.stdout == expected.stdout, "\(got.stdout)\n---\n\(expected.stdout)")
        // 300 tries a puzzle: pass@1000 and pass@1e4 were not measured, and show as dashes, not as pass@300.
        let header = got.stdout.split(separator: "\n").first { $0.hasPrefix("round 1") }.map(String.init) ?? ""
        let all = got.stdout.split(separator: "\n").first { $0.contains("all puzzles") }.map(String.init) ?? ""
        let cells = all.split(separator: " ").suffix(3).map(String.init)
        #expect(header.hasSuffix("pass@1000  pass@1e4") && cells.count == 3 && cells[0].hasSuffix("%") && cells[1] == "–" && cells[2] == "–",
                "\(got.stdout)")

        // The report carries the tables in every format.
        let out = temporaryFile("report")
        let report = try Apery.run("report", "--db", merged, "--out", out, "--format", "md,html,latex,csv,json")
        #expect(report.status == 0, "\(report.stderr)")
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("## Programming puzzles (P3)") && markdown.contains("pass@1000"))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<section id=\"puzzles\">"))
        let csv = try String(contentsOfFile: out + "/puzzles.csv", encoding: .utf8)
        #expect(csv.hasPrefix("database,round,group,puzzles,pass_at_1,") && csv.contains(",all puzzles,8,"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
        #expect((json?["puzzles"] as? [String: Any])?.count == 1)
        #expect(try String(contentsOfFile: out + "/report.tex", encoding: .utf8).contains("\\section{Programming puzzles (P3)}"))
    }

    @Test func badPuzzleFilesAreOneLineErrorsAndBadPuzzlesAreSkipped() throws {
        for (text, message) in [("not json", "is not JSON"), ("{\"a\": 1}", "not a P3 puzzle file"), ("[]", "no usable puzzle"),
                                ("[{\"name\": \"A:0\", \"sat\": \"def sat(x: int): return True\"}]", "missing ans_type")] {
            let result = try Apery.run("puzzles", "solve", "--puzzles", PuzzlesCommandTests.write(text), "--budget", "5")
            #expect(result.status == 2, "\(text): \(result.stderr)")
            #expect(result.stderr.contains(message) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let mixed = """
            [{"name": "Good:0", "sat": "def sat(x: int, a=5, b=12):\\n    return a + x == b", "ans_type": "int"},
             {"name": "Dict:0", "sat": "def sat(x: dict): return True", "ans_type": "Dict[int, int]"},
             {"name": "Broken:0", "sat": "def sat(x: int):\\n    return (x", "ans_type": "int"},
             {"name": "Missing:0", "ans_type": "int"}]
            """
        let result = try Apery.run("puzzles", "solve", "--puzzles", PuzzlesCommandTests.write(mixed), "--budget", "50", "--rounds", "1", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = Dictionary(uniqueKeysWithValues: (result.json["puzzles"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0) })
        #expect(entries["Good:0"]?["solved"] as? Bool == true)
        #expect(entries["Good:0"]?["answer"] as? Int == 7)
        #expect((entries["Dict:0"]?["error"] as? String)?.contains("unknown ans_type") == true)
        #expect((entries["Broken:0"]?["error"] as? String)?.contains("line 2") == true)
        #expect((entries["Missing:0"]?["error"] as? String)?.contains("missing sat") == true)
    }

    @Test func z3RunsFirstUnlessToldToWait() throws {
        let puzzles = PuzzlesCommandTests.write("[{\"name\": \"Sum:0\", \"sat\": \"def sat(x: int, a=1073258, b=72352549):\\n    return a + x == b\", "
                                                + "\"ans_type\": \"int\"}]")
        func strategy(_ options: [String]) throws -> (String?, Int?) {
            let result = try Apery.run(["puzzles", "solve", "--puzzles", puzzles, "--rounds", "1", "--budget", "300", "--json"] + options)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let entry = (object?["puzzles"] as? [[String: Any]])?.first
            #expect(entry?["answer"] as? Int == 71279291, "\(result.stdout) \(result.stderr)")
            return (entry?["strategy"] as? String, entry?["tries"] as? Int)
        }
        let (first, tries) = try strategy([])
        #expect(first == "z3" && tries == 1)
        // The enumeration reaches `(b - a)` within its first 100 values.
        #expect(try strategy(["--z3-after", "100"]).0 == "enumeration")
    }

    @Test func impossibleOptionsAreRefused() throws {
        let puzzles = PuzzlesCommandTests.write("[{\"name\": \"A:0\", \"sat\": \"def sat(x: int): return x == 1\", \"ans_type\": \"int\"}]")
        for options in [["--budget", "0"], ["--timeout-ms", "0"], ["--rounds", "0"], ["--memory-mb", "1"], ["--puzzle-seconds", "-1"],
                        ["--z3-after", "-1"]] {
            let database = temporaryFile("refused.sqlite")
            let result = try Apery.run(["puzzles", "solve", "--puzzles", puzzles, "--db", database] + options)
            #expect(result.status == 2, "\(options): \(result.stderr)")
            // One line, and refused before the database is created.
            #expect(result.stderr.split(separator: "\n").count == 1, "\(options): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database), "\(options)")
        }
        let missing = try Apery.run("puzzles", "--db", temporaryFile("none.sqlite"))
        #expect(missing.status == 2)
    }
}
