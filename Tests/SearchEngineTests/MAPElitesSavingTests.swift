import Foundation
import SearchEngine
import Testing

/// A point of the plane as a real vector, so that its archive saves the candidates as one packed column.
struct Point: Codable, Sendable, Equatable, RealVector {
    var values: [Double]
    init(_ values: [Double]) { self.values = values }
}

/// Points of 32 coordinates, the first two their descriptor: an archive whose vector column is long.
struct WidePointDrift: EvolutionProblem {
    func initial(using random: inout SeededGenerator) -> Point { Point((0..<32).map { _ in random.normal() }) }
    func mutate(_ parent: Point, using random: inout SeededGenerator) -> Point { Point(parent.values.map { $0 + 0.3 * random.normal() }) }
}

struct PointDrift: EvolutionProblem {
    func initial(using random: inout SeededGenerator) -> Point { Point([random.normal(), random.normal()]) }
    func mutate(_ parent: Point, using random: inout SeededGenerator) -> Point { Point(parent.values.map { $0 + 0.3 * random.normal() }) }
}

@Suite struct MAPElitesSavingTests {
    static let grid = try! Grid(cells: [20, 20], lower: [-5, -5], upper: [5, 5])

    /// An archive grown by hand: each point's fitness -|x|^2, every third elite with a note.
    func state<P: EvolutionProblem>(_ problem: P, elites: Int = 300) throws -> MAPElites<P>.State {
        var search = try MAPElites(problem: problem, grid: Self.grid, initialBatch: 20, random: SeededGenerator(seed: 7))
        var serial = 0
        while search.state.archive.count < elites {
            let evaluated = search.propose(50).map { candidate -> Evaluated<P.Candidate> in
                serial += 1
                let x = (candidate as? Point)?.values ?? candidate as! [Double]
                return Evaluated(serial: serial, candidate: candidate,
                                 evaluation: Evaluation(fitness: -(x[0] * x[0] + x[1] * x[1]), descriptor: Array(x.prefix(2)), note: serial % 3 == 0 ? "note \(serial)" : nil))
            }
            _ = search.learn(evaluated)
        }
        return search.state
    }

    func same<C: Equatable>(_ a: MAPElites<some EvolutionProblem>.State, _ b: MAPElites<some EvolutionProblem>.State, _ candidate: (Any) -> C) {
        #expect(a.order == b.order && a.grid == b.grid && a.random == b.random && a.proposed == b.proposed)
        for cell in a.order {
            let x = a.archive[cell]!, y = b.archive[cell]!
            #expect(x.serial == y.serial && x.evaluation == y.evaluation && candidate(x.candidate) == candidate(y.candidate))
            #expect(x.evaluation.fitness!.bitPattern == y.evaluation.fitness!.bitPattern)
        }
    }

    func object(_ data: Data) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]) }

    @Test func vectorsSaveAsOnePackedColumnAndComeBackBitForBit() throws {
        let original = try state(PointDrift())
        let data = try JSONEncoder().encode(original)
        let saved = try object(data)
        #expect(saved["vectors"] is String && saved["candidates"] == nil && saved["archive"] == nil && saved["notes"] is [Any])
        let restored = try JSONDecoder().decode(MAPElites<PointDrift>.State.self, from: data)
        same(original, restored) { ($0 as! Point).values.map(\.bitPattern) }
    }

    @Test func otherCandidatesSaveAsAList() throws {
        let original = try state(Drift())
        let data = try JSONEncoder().encode(original)
        #expect(try object(data)["candidates"] is [Any])
        same(original, try JSONDecoder().decode(MAPElites<Drift>.State.self, from: data)) { ($0 as! [Double]).map(\.bitPattern) }
    }

    /// States saved one entry per elite, as before the columns, are read as they were.
    @Test func theEarlierListFormIsStillRead() throws {
        let original = try state(Drift())
        struct Entry: Encodable { var cell: Int; var elite: Evaluated<[Double]> }
        var earlier = try object(JSONEncoder().encode(original))
        for key in ["cells", "serials", "fitness", "descriptors", "candidates", "notes"] { earlier[key] = nil }
        earlier["archive"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(original.order.map { Entry(cell: $0, elite: original.archive[$0]!) }))
        let data = try JSONSerialization.data(withJSONObject: earlier)
        same(original, try JSONDecoder().decode(MAPElites<Drift>.State.self, from: data)) { ($0 as! [Double]).map(\.bitPattern) }

        let fitnessByCell = original.archive.mapValues { $0.evaluation.fitness! }
        #expect(try JSONDecoder().decode(SavedArchiveFitness.self, from: data).fitness == fitnessByCell)
        #expect(try JSONDecoder().decode(SavedArchiveFitness.self, from: JSONEncoder().encode(original)).fitness == fitnessByCell)
    }

    @Test func columnsOfDifferentLengthsAreRefused() throws {
        var saved = try object(JSONEncoder().encode(try state(PointDrift())))
        saved["serials"] = PackedBits.encode([1, 2, 3])
        #expect(throws: (any Error).self) { try JSONDecoder().decode(MAPElites<PointDrift>.State.self, from: JSONSerialization.data(withJSONObject: saved)) }
        saved = try object(JSONEncoder().encode(try state(PointDrift())))
        saved["vectors"] = "not base64!"
        #expect(throws: (any Error).self) { try JSONDecoder().decode(MAPElites<PointDrift>.State.self, from: JSONSerialization.data(withJSONObject: saved)) }
    }

    @Test func theBestIsTheFirstElite() throws {
        let archive = try state(PointDrift())
        let best = try #require(archive.best), first = try #require(archive.elites.first)
        #expect(best.serial == first.serial && best.evaluation == first.evaluation)
        #expect(archive.elites.allSatisfy { $0.evaluation.rank <= best.evaluation.rank })
    }

    @Test func packedBitsKeepEveryDouble() {
        let values: [Double] = [0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.infinity, 1 / 3, .pi]
        #expect(PackedBits.doubles(PackedBits.encode(values))!.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(PackedBits.integers(PackedBits.encode([Int.min, -1, 0, Int.max])) == [Int.min, -1, 0, Int.max])
        #expect(PackedBits.words("AAAA") == nil)   // three bytes: not whole words
    }

    /// Long columns are written as references to bytes beside the JSON, short ones stay base64 in it; read with the
    /// bytes, a large archive comes back bit for bit, as it does from the all-JSON form. A reference past the end of
    /// the bytes, or without them, is refused.
    @Test func longColumnsSaveAsBytesBesideTheJSON() throws {
        let wide = try state(WidePointDrift())
        let columns = OutOfLineColumns(), encoder = JSONEncoder()
        encoder.userInfo[OutOfLineColumns.userInfoKey] = columns
        let data = try encoder.encode(wide)
        let saved = try object(data)
        #expect((saved["vectors"] as? String)?.hasPrefix("@bytes:0:") == true && columns.bytes.count == 8 * (1 + 32 * 300))
        #expect((saved["fitness"] as? String).flatMap(PackedBits.doubles)?.count == 300)   // short: base64 in place
        #expect(data.count < 40_000)

        func decoded(_ bytes: Data?) throws -> MAPElites<WidePointDrift>.State {
            let decoder = JSONDecoder()
            if let bytes { decoder.userInfo[OutOfLineColumns.userInfoKey] = OutOfLineColumns(bytes: bytes) }
            return try decoder.decode(MAPElites<WidePointDrift>.State.self, from: data)
        }
        same(wide, try decoded(columns.bytes)) { ($0 as! Point).values.map(\.bitPattern) }
        same(wide, try JSONDecoder().decode(MAPElites<WidePointDrift>.State.self, from: JSONEncoder().encode(wide))) { ($0 as! Point).values.map(\.bitPattern) }
        #expect(throws: (any Error).self) { try decoded(columns.bytes.dropLast(8)) }
        #expect(throws: (any Error).self) { try decoded(nil) }
    }
}

