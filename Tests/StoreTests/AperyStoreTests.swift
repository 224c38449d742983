import Foundation
import GRDB
import Store
import Testing

@Suite struct AperyStoreTests {
    func temporaryPath(_ name: String = "store.sqlite") -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apery-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    func record(into store: AperyStore, digits: Int) throws {
        let run = try store.beginRun(command: "verify", arguments: ["verify", "PCF(2n+1, n^2) = 4/pi"], aperyVersion: "test")
        let formula = try store.formulaID(kind: "pcf", a: "[1, 2]", b: "[0, 0, 1]", canonical: "PCF(2n + 1, n^2)")
        try store.insert(VerificationRecord(formulaId: formula, runId: run, closedForm: "4/pi", status: "verified",
                                            digitsRequested: digits, digitsAgreed: digits, formulaCertainDigits: digits + 3,
                                            depth: 150, digitsPerTerm: 0.766, delta: -0.2, blindDelta: -0.2, seconds: 0.01,
                                            createdAt: AperyStore.now()))
        try store.finishRun(run)
    }

    /// Clustering reads the measurements in an order that does not depend on which worker stored a row first: the
    /// same rows stored in two orders come back alike (thinning keeps the first point of each cell).
    @Test func clusterableMeasurementsComeInFormulaOrder() throws {
        let rows = ["PCF(3n + 1, -2n^2 + n)", "PCF(2n + 1, n^2)", "PCF(n + 1, n)", "PCF(3n + 3, -2n^2 + n)"].enumerated().map { i, formula in
            DynamicsRecord(formula: formula, a: "[\(i)]", b: "[\(i)]", depth: 2000, sample: 999, limitValue: "1", divergent: false,
                           convergenceClass: "exponential", frDelta: Double(i) / 10, naiveDelta: nil, c: 1, d: 0, lnRho: nil,
                           complexEigenvalues: false, predictedDelta: nil, beta: nil, gamma: nil, eta: nil, digitsPerTerm: 1)
        }
        var orders: [[String]] = []
        for stored in [rows, rows.reversed()] {
            let store = try AperyStore(path: temporaryPath())
            for row in stored { try store.commitDynamics([row], search: nil, chunk: nil, candidates: 1, run: nil) }
            orders.append(try store.clusterableMeasurements().map(\.formula))
        }
        #expect(orders[0] == orders[1] && orders[0] == rows.map(\.formula).sorted())
    }

    @Test func recordsSurviveReopening() throws {
        let path = temporaryPath()
        try record(into: try AperyStore(path: path), digits: 100)
        let reopened = try AperyStore(path: path)
        try record(into: reopened, digits: 200)
        #expect(try reopened.formulas().count == 1)  // the same formula is stored once
        #expect(try reopened.verifications().map(\.digitsAgreed) == [100, 200])
        #expect(try reopened.runs().allSatisfy { $0.finishedAt != nil })
    }

    @Test func corruptFileIsRefusedAndLeftUntouched() throws {
        let path = temporaryPath()
        let garbage = Data(repeating: 0xAB, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try AperyStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let path = temporaryPath()
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes(text); INSERT INTO notes VALUES ('keep me')") }
        let error = #expect(throws: StoreError.self) { try AperyStore(path: path) }
        #expect(error?.description.contains("another program") == true)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") } == ["notes"])
    }

    @Test func newerSchemaIsRefused() throws {
        let path = temporaryPath()
        try record(into: try AperyStore(path: path), digits: 50)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE apery_meta SET value = '99' WHERE key = 'schema_version'") }
        let error = #expect(throws: StoreError.self) { try AperyStore(path: path) }
        #expect(error?.description.contains("newer") == true)
    }

    @Test func missingFolderIsAClearError() {
        let error = #expect(throws: StoreError.self) { try AperyStore(path: "/nonexistent-apery-folder/x.sqlite") }
        #expect(error?.description.contains("cannot open") == true)
    }

    @Test func twoConnectionsWriteTheSameFile() throws {
        let path = temporaryPath()
        let first = try AperyStore(path: path), second = try AperyStore(path: path)
        try record(into: first, digits: 10)
        try record(into: second, digits: 20)
        try record(into: first, digits: 30)
        #expect(try second.verifications().count == 3)
    }
}
