import Foundation
import Store
import Testing
import TestSupport

@Suite struct SearchCommandTests {
    static let eFlags = ["search", "pcf", "--constant", "e", "--a-range", "-5:5", "--b-range", "-5:5", "--lhs-range", "5"]

    @Test func eDomainFromTheCommandLine() throws {
        let db = temporaryFile("e.sqlite")
        let result = try Apery.run(Self.eFlags + ["--db", db, "--json"])
        #expect(result.status == 0)
        #expect(result.json["hits"] as? Int == 40)
        #expect(result.json["families"] as? Int == 7)
        let listing = try Apery.run("hits", "--db", db)
        #expect(listing.stdout.split(separator: "\n").count == 7)
        #expect(listing.stdout.contains("PCF(n + 3, -n) = e "))
        let all = try Apery.run("hits", "--db", db, "--all", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [Any])?.count == 40)
    }

    @Test func specFileEqualsFlags() throws {
        let spec = Corpus.directory.deletingLastPathComponent().appendingPathComponent("Conjectures/e-degree1.json").path
        let db = temporaryFile("e.sqlite")
        #expect(try Apery.run("search", "pcf", "--spec", spec, "--db", db).status == 0)
        // The flags describe the same search, so they resume it: nothing left to do.
        let again = try Apery.run(Self.eFlags + ["--db", db, "--json"])
        #expect(again.json["chunksSkipped"] as? Int == 1)
        #expect(again.json["newHits"] as? Int == 0)
    }

    @Test func everyStoredHitVerifies() throws {
        let db = temporaryFile("e.sqlite")
        _ = try Apery.run(Self.eFlags + ["--db", db])
        for hit in try AperyStore(path: db).storedHits(all: true) {
            let verified = try Apery.run("verify", "\(hit.formula) = \(hit.closedForm)", "--digits", String(hit.digitsVerified))
            #expect(verified.status == 0, "\(hit.formula) = \(hit.closedForm)")
        }
    }

    @Test func shardsMergeIntoTheWholeSearch() throws {
        var shards: [String] = []
        for i in 0..<3 {
            let db = temporaryFile("shard\(i).sqlite")
            let flags = ["search", "pcf", "--constant", "e", "--a-range", "-5:5", "--b-range", "-5:5", "--lhs-range", "5", "--shard", "\(i)/3"]
            // Small chunks so that every shard has work: the spec decides the chunks, so use a spec file.
            let spec = temporaryFile("spec.json")
            try #"{"constants": ["e"], "a": [[-5, 5], [-5, 5]], "b": [[-5, 5], [-5, 5]], "lhs_range": 5, "chunk_size": 1000}"#
                .write(toFile: spec, atomically: true, encoding: .utf8)
            _ = flags
            #expect(try Apery.run("search", "pcf", "--spec", spec, "--shard", "\(i)/3", "--db", db).status == 0)
            shards.append(db)
        }
        let merged = temporaryFile("merged.sqlite")
        let result = try Apery.run(["merge", "--db", merged, "--json"] + shards)
        #expect(result.status == 0)
        #expect(result.json["hits"] as? Int == 40)
        #expect(result.json["families"] as? Int == 7)
        #expect(result.json["chunks"] as? Int == 15)
    }

    /// What Scripts/slurm-search.sbatch does: tasks with --shard auto under Slurm's array variables, then merge.
    @Test func slurmArrayTasksCoverTheSpace() throws {
        let spec = temporaryFile("spec.json")
        try #"{"constants": ["e"], "a": [[-5, 5], [-5, 5]], "b": [[-5, 5], [-5, 5]], "lhs_range": 5, "chunk_size": 1000}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        var shards: [String] = []
        for task in 0..<4 {
            let db = temporaryFile("task\(task).sqlite")
            let result = try Apery.run(["search", "pcf", "--spec", spec, "--shard", "auto", "--db", db],
                                       environment: ["SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_TASK_COUNT": "4"])
            #expect(result.status == 0, "\(result.stderr)")
            shards.append(db)
        }
        let merged = try Apery.run(["merge", "--db", temporaryFile("all.sqlite"), "--json"] + shards)
        #expect(merged.json["hits"] as? Int == 40 && merged.json["chunks"] as? Int == 15)
    }

    @Test func twoProcessesWriteOneDatabase() throws {
        let spec = temporaryFile("spec.json")
        try #"{"constants": ["e"], "a": [[-5, 5], [-5, 5]], "b": [[-5, 5], [-5, 5]], "lhs_range": 5, "chunk_size": 500}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let db = temporaryFile("shared.sqlite")
        let processes = (0..<2).map { i -> Process in
            let process = Process()
            process.executableURL = Apery.executable
            process.arguments = ["search", "pcf", "--spec", spec, "--shard", "\(i)/2", "--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit(); #expect(process.terminationStatus == 0) }
        let counts = try AperyStore(path: db).searchCounts()
        #expect(counts.hits == 40 && counts.families == 7 && counts.chunks == 30)
    }

    @Test func killedSearchResumesAndLosesNothing() throws {
        let db = temporaryFile("pi.sqlite")
        let spec = temporaryFile("spec.json")
        // A pi domain with small chunks (89 of them): long enough to be interrupted.
        try #"{"constants": ["pi"], "a": [[-9, 9], [-9, 9]], "b": [[-8, 8], [-8, 8], [-8, 8]], "lhs_range": 8, "chunk_size": 20000}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Apery.executable
        process.arguments = ["search", "pcf", "--spec", spec, "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some chunks are committed (the deadline only guards a hung test), then kill -9.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            if FileManager.default.fileExists(atPath: db), let counts = try? AperyStore(path: db).searchCounts(), counts.chunks >= 2 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let interrupted = try AperyStore(path: db).searchCounts()
        #expect(interrupted.chunks > 0 && interrupted.chunks < 89)
        let resumed = try Apery.run("search", "pcf", "--spec", spec, "--db", db, "--json")
        #expect(resumed.status == 0)
        #expect(resumed.json["chunksSkipped"] as? Int == interrupted.chunks)
        // The same hits as an uninterrupted run.
        let fresh = temporaryFile("fresh.sqlite")
        let whole = try Apery.run("search", "pcf", "--spec", spec, "--db", fresh, "--json")
        #expect(resumed.json["hits"] as? Int == whole.json["hits"] as? Int)
        #expect(resumed.json["families"] as? Int == whole.json["families"] as? Int)
    }

    /// A full disk, simulated by a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that the write
    /// fails instead of killing the process): the search stops with a one-line error and exit 2, what it
    /// committed stays readable, and the same command finishes the search once there is room.
    @Test func fullDiskStopsTheSearchAndLosesNothing() throws {
        let spec = temporaryFile("spec.json")
        try #"{"constants": ["e"], "a": [[-5, 5], [-5, 5]], "b": [[-5, 5], [-5, 5]], "lhs_range": 5, "chunk_size": 1000}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        func limited(_ kilobytes: Int, db: String) throws -> Apery.Result {
            try Apery.run(["-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\"", Apery.executable.path,
                           "search", "pcf", "--spec", spec, "--db", db], shell: true)
        }
        // The limit at which the disk fills in the middle of the search depends on page layout: raise it
        // until some chunks are committed before the failure.
        var stopped: (db: String, result: Apery.Result, hits: Int)?
        for kilobytes in stride(from: 200, through: 2000, by: 50) {
            let db = temporaryFile("e.sqlite")
            let result = try limited(kilobytes, db: db)
            if result.status == 0 { break }
            let hits = (try? AperyStore(path: db).storedHits(all: true).count) ?? 0
            if hits > 0 { stopped = (db, result, hits); break }
        }
        let (db, result, hits) = try #require(stopped)
        #expect(result.status == 2)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("apery: error:") }
        #expect(errors.count == 1 && errors[0].contains("nothing was written in the failed transaction"), "\(result.stderr)")
        #expect(hits < 40)
        let resumed = try Apery.run("search", "pcf", "--spec", spec, "--db", db, "--json")
        #expect(resumed.status == 0)
        #expect(resumed.json["hits"] as? Int == 40 && resumed.json["families"] as? Int == 7)
    }

    @Test(arguments: [
        (["--constant", "e", "--a-range", "5:-5"], "inverted"),
        (["--constant", "e", "--a-range", "1-5"], "a range is lo:hi"),
        (["--constant", "nosuchconstant"], "unknown constant 'nosuchconstant'"),
        (["--constant", "pi", "--a-degree", "2", "--a-range", "-50:50", "--b-degree", "3", "--b-range", "-30:30"], "add --yes"),
        (["--constant", "pi", "--a-degree", "3", "--a-range", "-50:50", "--b-degree", "4", "--b-range", "-50:50"], "more than can be indexed"),
        (["--constant", "e", "--shard", "3/3"], "0 <= i < N"),
        (["--constant", "e", "--shard", "auto"], "SLURM_ARRAY_TASK_ID"),
    ])
    func badSearchInputIsRefused(flags: [String], message: String) throws {
        let result = try Apery.run(["search", "pcf", "--db", temporaryFile("x.sqlite")] + flags)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anotherSpecOnTheSameDatabaseIsRefusedAndNothingIsLost() throws {
        let db = temporaryFile("e.sqlite")
        _ = try Apery.run(Self.eFlags + ["--db", db])
        let result = try Apery.run("search", "pcf", "--constant", "pi", "--db", db)
        #expect(result.status == 2)
        #expect(result.stderr.contains("holds another search"))
        #expect(try AperyStore(path: db).storedHits().count == 40)
    }

    @Test func brokenSpecFileIsOneLine() throws {
        let spec = temporaryFile("bad.json")
        try #"{"constants": ["e"], "a": [[-5, 5]]}"#.write(toFile: spec, atomically: true, encoding: .utf8)
        let result = try Apery.run("search", "pcf", "--spec", spec, "--db", temporaryFile("x.sqlite"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing \"b\""))
    }

    @Test func exportWritesCSVAndJSON() throws {
        let db = temporaryFile("e.sqlite")
        _ = try Apery.run(Self.eFlags + ["--db", db])
        let csv = try Apery.run("export", "--db", db, "--format", "csv")
        #expect(csv.stdout.split(separator: "\n").count == 41)
        #expect(csv.stdout.hasPrefix("database,family,representative,formula,a,b,constants"))
        let json = try Apery.run("export", "--db", db, "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.count == 40)
        #expect(try Apery.run("hits", "--db", temporaryFile("missing.sqlite")).status == 2)
    }
}
