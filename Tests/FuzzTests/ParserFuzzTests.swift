import ConvergenceDynamics
import ESMA
import Expressions
import Formulas
import Foundation
import PCFSearch
import QualityDiversity
import SearchEngine
import Testing
import Verification

/// Property-based fuzzing of everything that reads user text: expressions, PCFs, CF patterns, equations
/// and spec files. Inputs are random token soups, mutations of valid formulas, and random edits of the
/// shipped specs. Every input must either parse or be refused with an error, never crash or hang; a parsed
/// expression or PCF must print to text that parses back to the same printed form. `make test` runs it
/// briefly; APERY_FUZZ_SECONDS=600 (Scripts/fuzz.sh) runs it for ten minutes.
@Suite struct ParserFuzzTests {
    static let seconds = ProcessInfo.processInfo.environment["APERY_FUZZ_SECONDS"].flatMap(Double.init) ?? 8

    static let fragments = ["PCF(", "CF[", "]", "(", ")", ",", ";", "|", "+", "-", "*", "/", "^", "**", "=", "n", "k", "pi", "e", "zeta",
                            "zeta(3)", "log", "sqrt", "exp(", "besseli(", "catalan", "2", "0", "1", "13", "0.5", "1e-3", "9999999999999999999",
                            " ", "x", "n^2", "2n+1", "-n^6", "polylog(", "gamma", "_", ".", "e5", "+-", "--", "((", "))", "\u{00e9}", "\t"]
    static let seeds = ["PCF(2n+1, n^2) = 4/pi", "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)", "CF[2; 1, 2k+2, 1] = e",
                        "CF[1; 2, 2k+3 | +-] = e/(e-1)", "4/(3*pi - 8)", "exp(1/3) + besseli(1,2)/besseli(0,2)", "PCF(2n+2, n^2 | (n+1)^2)",
                        "PCF([5, 27, 51, 34], [0, 0, 0, 0, 0, 0, -1])", "sqrt(2)^(1/3) - log(2)*catalan"]

    static func randomText(_ random: inout SeededGenerator) -> String {
        if random.next() % 2 == 0 {
            return (0..<Int(random.next() % 24)).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
        }
        var characters = Array(seeds[Int(random.next() % UInt64(seeds.count))])
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = characters.isEmpty ? 0 : Int(random.next() % UInt64(characters.count))
            switch random.next() % 3 {
            case 0: if !characters.isEmpty { characters.remove(at: position) }
            case 1: characters.insert(contentsOf: fragments[Int(random.next() % UInt64(fragments.count))], at: position)
            default: if !characters.isEmpty { characters[position] = Character(UnicodeScalar(UInt8(32 + random.next() % 95))) }
            }
        }
        return String(characters)
    }

    static func deadline() -> Date { Date().addingTimeInterval(seconds) }

    @Test func formulasParseOrAreRefusedAndPrintBackToThemselves() throws {
        var random = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970))
        var parsed = 0, tried = 0
        let end = ParserFuzzTests.deadline()
        while Date() < end {
            let text = ParserFuzzTests.randomText(&random)
            tried += 1
            if let expression = try? Expression(parsing: text) {
                parsed += 1
                let printed = expression.description
                let again = try? Expression(parsing: printed)
                #expect(again?.description == printed, "\(text) printed as \(printed), which reads back as \(again?.description ?? "an error")")
            }
            if let pcf = try? PCF(parsing: text) {
                parsed += 1
                #expect((try? PCF(parsing: pcf.description))?.description == pcf.description, "\(text)")
            }
            _ = try? CFPattern(parsing: text)
            _ = try? Equation(parsing: text)
        }
        print("fuzz: \(tried) formula inputs in \(ParserFuzzTests.seconds) s, \(parsed) parsed and printed back")
        #expect(tried > 1000 && parsed > 10, "\(tried) inputs, \(parsed) parsed")
    }

    @Test func specFilesLoadOrAreRefused() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let specs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Conjectures").path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { try String(contentsOf: root.appendingPathComponent("Conjectures/\($0)"), encoding: .utf8) }
        #expect(specs.count >= 10)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("apery-fuzz-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var random = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970) &+ 1)
        let pieces = ["0", "-1", "1e300", "5.5", "\"\"", "[]", "{}", "null", "true", "[[1,2]]", "[[2,1]]", "\"x\"", "99999999999999999999", "\"lhs_rang\""]
        var loaded = 0, tried = 0
        let end = ParserFuzzTests.deadline()
        while Date() < end {
            var characters = Array(specs[Int(random.next() % UInt64(specs.count))])
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let position = Int(random.next() % UInt64(characters.count))
                if random.next() % 2 == 0, let digit = characters[position...].firstIndex(where: { $0.isNumber }) {
                    characters.replaceSubrange(digit...digit, with: pieces[Int(random.next() % UInt64(pieces.count))])
                } else {
                    characters.insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: position)
                }
            }
            try String(characters).write(toFile: file, atomically: false, encoding: .utf8)
            tried += 1
            // Each loader validates; a loaded spec must also give its identity and size without trapping (building a
            // family of up to 5e7 variants is allowed and slow, so the fuzz does not build spaces).
            if let spec = try? PCFSearchSpec(file: file) { loaded += 1; _ = spec.identifier }
            if let spec = try? DynamicsSpec(file: file) { loaded += 1; _ = spec.space.count }
            if let spec = try? ESMASpec(file: file) { loaded += 1; _ = spec.identifier }
            if let spec = try? QDSpec(file: file) { loaded += 1; _ = spec.grid.count }
        }
        print("fuzz: \(tried) spec files in \(ParserFuzzTests.seconds) s, \(loaded) loaded")
        #expect(tried > 100 && loaded > 0, "\(tried) specs, \(loaded) loaded")
    }
}
