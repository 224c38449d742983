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
