import Foundation
import Testing

/// One test per class of hostile input (issue 13): what a user with bad intentions would try. Each ends in a
/// one-line error and a clear exit code, never a signal, and changes no file it refuses.
@Suite struct HostileInputTests {
    static func sha256(_ path: String) throws -> String {
        let result = try Apery.run(["-c", "sha256sum \"$0\" | cut -d' ' -f1", path], shell: true)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func sqlite(_ db: String, _ statements: String) throws {
        let result = try Apery.run(["-c", "python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit(); c.close()' \"$0\" \"$1\"", db, statements], shell: true)
        #expect(result.status == 0, "\(result.stderr)")
    }

    static func expectOneLineError(_ result: Apery.Result, status: Int32 = 2, containing text: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "status \(result.status): \(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("apery: error: ") && lines[0].count < 400, "\(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        if let text { #expect(result.stderr.contains(text), "\(result.stderr.prefix(300))", sourceLocation: sourceLocation) }
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let parens = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let minus = String(repeating: "-", count: 60_000) + "1"
        let powers = "1" + String(repeating: "^1", count: 60_000)
        let terms = Array(repeating: "1", count: 20_000).joined(separator: "+")
        for text in [parens, minus, powers, terms] {
            HostileInputTests.expectOneLineError(try Apery.run("eval", text))
            HostileInputTests.expectOneLineError(try Apery.run("identify", text))
            HostileInputTests.expectOneLineError(try Apery.run("cf", text))
            HostileInputTests.expectOneLineError(try Apery.run("verify", "PCF(2n+1, n^2) = \(text)"))
            HostileInputTests.expectOneLineError(try Apery.run("verify", "PCF(\(text.replacingOccurrences(of: "1", with: "n")), n^2) = 1"))
        }
        // Just within the limits, the same forms work.
        #expect(try Apery.run("eval", String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)).stdout.hasPrefix("1"))
    }

    @Test func hugeSpecsAreRefusedAndMemoryDoesNotGrowWithTheSpace() throws {
        let wide = temporaryFile("wide.json")
        let parameters = (0..<38).map { "\"x\($0)\": [-1000000, 1000000]" }.joined(separator: ", ")
        let a = (0..<19).map { "x\($0) n^\($0 % 3)" }.joined(separator: " + "), b = (19..<38).map { "x\($0) n^\($0 % 3)" }.joined(separator: " + ")
        try "{\"constants\": [\"pi\"], \"lhs_range\": 2, \"family\": {\"a\": \"\(a)\", \"b\": \"\(b)\", \"parameters\": {\(parameters)}}}"
            .write(toFile: wide, atomically: true, encoding: .utf8)
        HostileInputTests.expectOneLineError(try Apery.run("search", "pcf", "--spec", wide, "--db", temporaryFile("wide.sqlite"), "--yes"), containing: "variants")
        let box = temporaryFile("box.json")
        try "{\"a\": [[-1000000, 1000000], [-1000000, 1000000], [-1000000, 1000000]], \"b\": [[-1000000, 1000000], [-1000000, 1000000], [-1000000, 1000000]]}"
            .write(toFile: box, atomically: true, encoding: .utf8)
        HostileInputTests.expectOneLineError(try Apery.run("dynamics", "--spec", box, "--db", temporaryFile("box.sqlite")), containing: "more than can be indexed")
        // 3e13 PCFs with --yes: the chunks are generated as needed, so the search starts at once in little memory.
        let db = temporaryFile("huge.sqlite")
        let result = try Apery.run(["-c", "/usr/bin/time -f 'rss %M' timeout -s INT 4 \"$0\" search pcf --constant pi --a-degree 3 --a-range -50:50 --b-degree 3 --b-range -50:50 --lhs-range 2 --yes --db \"$1\" 2>&1 | tail -n 1",
                                    Apery.executable.path, db], shell: true)
        let rss = Int(result.stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? .max
        #expect(rss < 400_000, "peak RSS \(rss) KiB: \(result.stdout)")
    }

    @Test func outTargetsThatAreNotRegularFilesAreRefusedAndKept() throws {
        let db = temporaryFile("out.sqlite")
        #expect(try Apery.run("search", "pcf", "--constant", "e", "--a-range", "-2:2", "--b-range", "-2:2", "--lhs-range", "2", "--db", db).status == 0)
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent().path
        let target = folder + "/target.txt", link = folder + "/link.csv", fifo = folder + "/fifo.csv"
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(mkfifo(fifo, 0o644) == 0)
        HostileInputTests.expectOneLineError(try Apery.run("export", "--db", db, "--format", "csv", "--out", link), containing: "symbolic link")
        HostileInputTests.expectOneLineError(try Apery.run("export", "--db", db, "--format", "csv", "--out", fifo), containing: "FIFO")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        let report = folder + "/report"
        try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: report + "/report.md", withDestinationPath: target)
        HostileInputTests.expectOneLineError(try Apery.run("report", "--db", db, "--out", report, "--format", "md"), containing: "symbolic link")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        // A regular file is replaced whole, through a rename: no temporary file is left.
        #expect(try Apery.run("export", "--db", db, "--format", "csv", "--out", folder + "/hits.csv").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".apery-") }.isEmpty)
    }

    @Test func refusedDatabasesAreLeftByteForByte() throws {
        let foreign = temporaryFile("foreign.db")
        try HostileInputTests.sqlite(foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        let newer = temporaryFile("newer.sqlite")
        #expect(try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--db", newer).status == 0)
        try HostileInputTests.sqlite(newer, "UPDATE apery_meta SET value = '99' WHERE key = 'schema_version'; PRAGMA journal_mode = DELETE;")
        let noMeta = temporaryFile("nometa.sqlite")
        try HostileInputTests.sqlite(noMeta, "CREATE TABLE formulas(id INTEGER); CREATE TABLE runs(id INTEGER);")
        let junk = temporaryFile("junk.sqlite")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: junk))
        for db in [foreign, newer, noMeta, junk] {
            let before = try HostileInputTests.sha256(db)
            for arguments in [["verify", "PCF(2n+1, n^2) = 4/pi", "--db", db], ["hits", "--db", db], ["export", "--db", db],
                              ["search", "pcf", "--constant", "e", "--a-range", "-1:1", "--b-range", "-1:1", "--db", db], ["merge", "--db", db, newer]] {
                let result = try Apery.run(arguments)
                HostileInputTests.expectOneLineError(result)
                #expect(result.stderr.contains("untouched") || result.stderr.contains("newer"), "\(arguments[0]): \(result.stderr)")
            }
            #expect(try HostileInputTests.sha256(db) == before, "\(db) changed")
            #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"), "\(db) got journal files")
        }
    }

    @Test func listingCommandsChangeNothingAndALockedDatabaseIsABoundedWait() throws {
        let db = temporaryFile("listed.sqlite")
        #expect(try Apery.run("search", "pcf", "--constant", "e", "--a-range", "-2:2", "--b-range", "-2:2", "--lhs-range", "2", "--db", db).status == 0)
        try HostileInputTests.sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        let before = try HostileInputTests.sha256(db)
        for arguments in [["hits", "--db", db, "--all"], ["export", "--db", db], ["conjectures", "--db", db]] {
            #expect(try Apery.run(arguments).status == 0)
        }
        #expect(try HostileInputTests.sha256(db) == before)
        // Another process holds an exclusive transaction: a command that records waits APERY_BUSY_TIMEOUT seconds,
        // says so, then stops (readers of a WAL database are not blocked, so listing would go on).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)", db]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData
        let start = Date()
        let result = try Apery.run(["verify", "PCF(2n+1, n^2) = 4/pi", "--db", db], environment: ["APERY_BUSY_TIMEOUT": "2"])
        let seconds = Date().timeIntervalSince(start)
        holder.terminate()
        holder.waitUntilExit()
        #expect(result.status == 2 && result.stderr.contains("locked"), "\(result.stderr)")
        #expect(result.stderr.contains("waiting for database"))
        #expect(seconds < 8, "waited \(seconds) s")
    }

    @Test func failedOutputIsAnErrorNotSilence() throws {
        let db = temporaryFile("full.sqlite")
        #expect(try Apery.run("search", "pcf", "--constant", "e", "--a-range", "-2:2", "--b-range", "-2:2", "--lhs-range", "2", "--db", db).status == 0)
        for command in ["\"$0\" hits --db \"$1\" --all --json > /dev/full", "\"$0\" export --db \"$1\" > /dev/full", "\"$0\" verify 'PCF(2n+1, n^2) = 4/pi' > /dev/full"] {
            let result = try Apery.run(["-c", command, Apery.executable.path, db], shell: true)
            #expect(result.status != 0 && result.stderr.contains("cannot write the output"), "\(command): \(result.stderr)")
        }
        // Past a file-size limit: the same clear error as a full disk, not death by SIGXFSZ.
        let limited = temporaryFile("limited.sqlite")
        let result = try Apery.run(["-c", "ulimit -f 16; exec \"$0\" search pcf --constant pi --a-range -6:6 --b-range -6:6 --b-degree 2 --lhs-range 5 --db \"$1\"",
                                    Apery.executable.path, limited], shell: true)
        #expect(result.status == 2, "status \(result.status): \(result.stderr.suffix(300))")
        #expect(result.stderr.contains("file-size limit") || result.stderr.contains("full"), "\(result.stderr.suffix(300))")
    }

    @Test func timeoutsHoldWithinTenPercent() throws {
        for (arguments, limit) in [(["verify", "PCF(2n+2, -(n+1)^2) = 1", "--digits", "5", "--timeout", "4"], 4.0),
                                   (["verify", "PCF(2, (2n-1)^2) = 1 + 4/pi", "--digits", "200000", "--timeout", "4"], 4.0)] {
            let start = Date()
            let result = try Apery.run(arguments)
            let seconds = Date().timeIntervalSince(start)
            #expect(result.status == 3, "\(result.stdout)")
            #expect(seconds < limit * 1.1 + 0.3, "\(arguments[1]) took \(seconds) s for a \(limit) s limit")
        }
        let guess = try Apery.run("guess", "--file", temporaryFile("none.txt"))
        HostileInputTests.expectOneLineError(guess, containing: "cannot read")
    }

    @Test func negativeNumbersAreValuesAndEveryBadInputExitsTwo() throws {
        HostileInputTests.expectOneLineError(try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--digits", "-5"), containing: "--digits")
        HostileInputTests.expectOneLineError(try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--timeout", "-1"), containing: "--timeout")
        HostileInputTests.expectOneLineError(try Apery.run("identify", "-0.5"), containing: "significant digits")
        let cf = try Apery.run("cf", "-2/3")
        #expect(cf.status == 0 && cf.stdout.hasPrefix("[-1; 3]"))
        let guess = try Apery.run("guess", (0..<24).map { String(-1 * Int(pow(-2.0, Double($0)))) }.joined(separator: ","))
        #expect(guess.status == 0 && guess.stdout.contains("C-finite"), "\(guess.stderr)")
        HostileInputTests.expectOneLineError(try Apery.run("guess"), containing: "give the terms")
        HostileInputTests.expectOneLineError(try Apery.run("search", "pcf", "--constant", "e", "--db", temporaryFile("w.sqlite"), "--workers", "0"), containing: "at least 1")
        HostileInputTests.expectOneLineError(try Apery.run("cluster", "--db", temporaryFile("c.sqlite"), "--cell", "0"))
        HostileInputTests.expectOneLineError(try Apery.run("nosuchcommand"))
        HostileInputTests.expectOneLineError(try Apery.run("identify", "1.2345678901234567890123456", "--constants", "foo"), containing: "'foo'")
        let eval = try Apery.run("eval", "PCF(2n+2, -(n+1)^2)", "--digits", "5", "--timeout", "2")
        #expect(eval.status == 3 && eval.stdout.hasPrefix("INCONCLUSIVE"))
        let dynamics = try Apery.run("dynamics", "PCF(0, 1)")
        #expect(dynamics.status == 1 && dynamics.stdout.contains("does not converge"))
    }

    @Test func specsRefuseUnknownAndMistypedFields() throws {
        let spec = temporaryFile("spec.json")
        try "{\"constants\": [\"pi\"], \"a\": [[0, 2], [1, 2]], \"b\": [[0, 2]], \"lhs_rang\": 3}".write(toFile: spec, atomically: true, encoding: .utf8)
        HostileInputTests.expectOneLineError(try Apery.run("search", "pcf", "--spec", spec, "--db", temporaryFile("s.sqlite")), containing: "did you mean \"lhs_range\"")
        try "{\"constants\": [\"pi\"], \"a\": [[0, 2], [1, 2]], \"b\": [[0, 2]], \"lhs_range\": 5.5}".write(toFile: spec, atomically: true, encoding: .utf8)
        HostileInputTests.expectOneLineError(try Apery.run("search", "pcf", "--spec", spec, "--db", temporaryFile("s.sqlite")), containing: "\"lhs_range\" is 5.5")
        let esma = temporaryFile("esma.json")
        try "{\"constant\": \"e\", \"degre\": 1}".write(toFile: esma, atomically: true, encoding: .utf8)
        HostileInputTests.expectOneLineError(try Apery.run("esma", "--spec", esma, "--db", temporaryFile("e.sqlite")), containing: "did you mean \"degree\"")
    }

    @Test func sigintSaysWhatIsKeptAndHowToResume() throws {
        let db = temporaryFile("interrupted.sqlite")
        let process = Process()
        process.executableURL = Apery.executable
        process.arguments = ["dynamics", "--spec", "Conjectures/neurips-space.json", "--db", db]
        process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("interrupted") && stderr.contains("rerun the same command"), "\(stderr)")
    }
}
