import Foundation
import Store
import Testing
import TestSupport

@Suite struct DynamicsCommandTests {
    @Test func onePCFWithItsReferenceMetrics() throws {
        let result = try Apery.run("dynamics", "PCF(3n+1, -2n^2+3n)", "--json")
        #expect(result.status == 0)
        #expect(abs((result.json["frDelta"] as? Double ?? 0) - -0.640) < 0.0015)
        #expect(abs((result.json["c"] as? Double ?? 0) - 1.985) < 0.0015)
    }

    @Test func batchOverABoxIsStoredAndResumes() throws {
        let spec = temporaryFile("box.json"), db = temporaryFile("dyn.sqlite")
        // a of degree 1 in [-2, 2], b of degree 2 in [-1, 1]: 25 x 27 PCFs, 24 x 26 with a, b != 0.
        try #"{"a": [[-2, 2], [-2, 2]], "b": [[-1, 1], [-1, 1], [-1, 1]], "depth": 400, "chunk_size": 100}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let first = try Apery.run("dynamics", "--spec", spec, "--db", db, "--json")
        #expect(first.status == 0)
        #expect(first.json["rows"] as? Int == 24 * 26)
        let rows = try AperyStore(path: db).storedDynamics()
        #expect(Set(rows.map(\.convergenceClass)).isSuperset(of: ["exponential", "factorial", "complex-eigenvalues", "terminating"]))
        // Brouncker-like 4/pi relatives are measured like the single command does.
        let again = try Apery.run("dynamics", "--spec", spec, "--db", db, "--json")
        #expect(again.json["measured"] as? Int == 0 && again.json["rows"] as? Int == 24 * 26)
    }

    @Test func storedHitsAreMeasured() throws {
        let db = temporaryFile("e.sqlite")
        _ = try Apery.run(SearchCommandTests.eFlags + ["--db", db])
        let result = try Apery.run("dynamics", "--hits", "--db", db, "--json")
        #expect(result.status == 0)
        #expect(result.json["rows"] as? Int == 40)
    }
}

@Suite struct ClusterCommandTests {
    /// A box of degree-1 a and degree-2 b (b(0) = 0) measured, anchored by the hits of an e search: clusters
    /// named by e anchors, new formulas stored as hits of a cluster run, each one verifying on its own.
    @Test func clustersAreNamedAndNewFormulasVerify() throws {
        let spec = temporaryFile("box.json"), db = temporaryFile("box.sqlite"), anchors = temporaryFile("e.sqlite")
        try #"{"a": [[-5, 5], [1, 3]], "b": [[0, 0], [-5, 5], [-2, 2]], "depth": 2000}"#.write(toFile: spec, atomically: true, encoding: .utf8)
        #expect(try Apery.run("dynamics", "--spec", spec, "--db", db, "--json").status == 0)
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", anchors, "--json"]).status == 0)

        let result = try Apery.run("cluster", "--db", db, "--anchors", anchors, "--planes", "d", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let clusters = result.json["clusters"] as? [[String: Any]] ?? []
        let named = clusters.filter { ($0["closedForm"] as? String)?.contains("e") == true && $0["identifiedFromLibrary"] as? Bool == false }
        #expect(!named.isEmpty, "no cluster named by an e anchor")
        let found = result.json["newFormulas"] as? [[String: String]] ?? []
        #expect(found.count >= 10)
        for formula in found.prefix(4) {
            let check = try Apery.run("verify", "\(formula["formula"]!) = \(formula["closedForm"]!)", "--digits", "100", "--json")
            #expect(check.json["status"] as? String == "verified", "\(formula)")
        }

        // Stored with provenance: hits of the cluster search, from a run of `apery cluster`.
        let hits = try AperyStore(path: db).storedHits().filter { $0.search == "cluster-relations" }
        #expect(hits.count == found.count && hits.allSatisfy { $0.runId != nil && $0.digitsVerified == 150 })
        #expect(try AperyStore(path: db).storedClusters().count == clusters.count)

        // The report's table of named clusters typesets each limit (as the HTML report does), not the store's text.
        let out = temporaryFile("report")
        #expect(try Apery.run("report", "--db", db, "--out", out, "--format", "md").status == 0)
        let rows = try String(contentsOfFile: out + "/report.md", encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| FR δ vs d |") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.split(separator: "|")[4].trimmingCharacters(in: .whitespaces).hasPrefix("$") }, "\(rows)")

        // Again: the formulas are hits now, so they anchor and nothing is new; the clusters are replaced, not added.
        let again = try Apery.run("cluster", "--db", db, "--anchors", anchors, "--planes", "d", "--json")
        #expect((again.json["newFormulas"] as? [Any])?.isEmpty == true)
        #expect(try AperyStore(path: db).storedClusters().count == clusters.count)
    }

    @Test func nothingMeasuredIsAOneLineError() throws {
        let db = temporaryFile("empty.sqlite")
        _ = try AperyStore(path: db)
        let result = try Apery.run("cluster", "--db", db)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("apery: error:") && result.stderr.contains("apery dynamics") && result.stderr.split(separator: "\n").count == 1)
        #expect(try Apery.run("cluster", "--db", temporaryFile("missing.sqlite")).status == 2)
        #expect(try Apery.run("cluster", "--db", db, "--planes", "d,x").status == 2)
    }
}

/// Progress in a log (stderr not a terminal): whole lines at the set interval, none in a short run by default.
@Suite struct ProgressLogTests {
    @Test func aLongRunLogsProgressLinesAndAShortOneStaysQuiet() throws {
        let spec = temporaryFile("box.json")
        try #"{"a": [[-2, 2], [-2, 2]], "b": [[-1, 1], [-1, 1], [-1, 1]], "depth": 400, "chunk_size": 100}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let logged = try Apery.run(["dynamics", "--spec", spec, "--db", temporaryFile("dyn.sqlite")],
                                   environment: ["APERY_PROGRESS_LOG_SECONDS": "0"])
        #expect(logged.status == 0)
        let lines = logged.stderr.split(separator: "\n").filter { $0.hasPrefix("chunks ") }
        // 7 chunks: the first report starts the clock, each later one is due.
        #expect(lines.count == 6, "\(logged.stderr)")
        #expect(lines.allSatisfy { $0.contains("ETA") } && !logged.stderr.contains("\r"))
        let quiet = try Apery.run("dynamics", "--spec", spec, "--db", temporaryFile("dyn.sqlite"))
        #expect(quiet.status == 0 && !quiet.stderr.contains("chunks "), "\(quiet.stderr)")
    }
}
