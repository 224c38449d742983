import Foundation
import Store
import Testing
import TestSupport

/// Runs the built `apery` executable, as a user would.
struct Apery {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("apery")

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    static func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// With `shell`, the arguments go to /bin/sh (to set limits before it execs the binary).
    static func run(_ arguments: [String], environment: [String: String] = [:], shell: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

func temporaryFile(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apery-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

@Suite struct VerifyCommandTests {
    @Test func aperyVerifiesTo1000Digits() throws {
        let result = try Apery.run("verify", "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)", "--digits", "1000", "--json")
        #expect(result.status == 0)
        #expect(result.json["status"] as? String == "verified")
        #expect((result.json["digitsAgreed"] as? Int ?? 0) >= 1000)
    }

    @Test func nearMissExitsWithOne() throws {
        let result = try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi + 10^-60", "--digits", "100")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("DISAGREES"))
    }

    @Test func slowFormulaExitsWithThree() throws {
        let result = try Apery.run("verify", "PCF(4n^3+6n^2+36n+17, -4n^6) = 54/(189*zeta(3)-224)", "--digits", "200", "--max-depth", "65536")
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("INCONCLUSIVE"))
    }

    @Test(arguments: [
        ("PCF(2n+1, n^2) = 4/pie", "unknown constant 'pie' at column 20"),
        ("PCF(2n+1, n^2 = 4/pi", "expected ')'"),
        ("PCF(2x+1, n^2) = 4/pi", "unknown variable 'x'"),
        ("PCF(1, 3-n) = 2", "terminates"),
        ("PCF(0, 1) = 1", "q_n vanishes"),
        ("PCF(1, 1) = 1/(pi-pi)", "division by zero"),
        ("PCF(1, 1) = log(-2)", "no real value"),
    ])
    func badInputIsOneLineAndExitTwo(equation: String, message: String) throws {
        let result = try Apery.run("verify", equation)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: ["10^9", "1000000000", "0", "2.5", "lots"])
    func absurdDigitsAreRefusedOnOneLine(digits: String) throws {
        let result = try Apery.run("verify", "PCF(1, 1) = phi", "--digits", digits)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--digits must be a whole number between 1 and 1000000"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func digitsMayBeAnIntegerExpression() throws {
        #expect(try Apery.run("verify", "PCF(1, 1) = phi", "--digits", "10^3").status == 0)
    }

    @Test func recordsIntoTheDatabaseAndKeepsEarlierRows() throws {
        let path = temporaryFile("hits.sqlite")
        #expect(try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--db", path).status == 0)
        #expect(try Apery.run("verify", "PCF(1, 1) = phi", "--digits", "200", "--db", path).status == 0)
        #expect(try Apery.run("verify", "PCF(2n+1, n^2) = pi", "--db", path).status == 1)
        #expect(try Apery.run("identify", "PCF(2n+1, n^2)", "--db", path).status == 0)
        let store = try AperyStore(path: path)
        #expect(try store.verifications().map(\.status) == ["verified", "verified", "disagrees"])
        #expect(try store.formulas().count == 2)
        #expect(try store.identifications().map(\.closedForm) == ["4/pi"])
        // The relation as JSON, tied to the PCF whose value was identified.
        let identification = try #require(try store.identifications().first)
        #expect(identification.formulaId != nil && identification.input == "PCF(2n+1, n^2)")
        let relation = try #require(try JSONSerialization.jsonObject(with: Data(identification.relation.utf8)) as? [String: Any])
        let terms = try #require(relation["terms"] as? [String]), coefficients = try #require(relation["coefficients"] as? [Int])
        #expect(terms.count == coefficients.count && terms.count >= 2 && coefficients.contains { $0 != 0 })
        #expect(try store.runs().count == 4)
    }

    @Test func corruptDatabaseIsRefusedAndUntouched() throws {
        let path = temporaryFile("broken.sqlite")
        let garbage = Data("this is not a database, but the user's notes\n".utf8) + Data(repeating: 7, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        let result = try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--db", path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a valid SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func unwritableDatabasePathIsRefused() throws {
        let result = try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--db", "/nonexistent-folder/hits.sqlite")
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot open database"))
    }
}

@Suite struct IdentifyCommandTests {
    /// The closed form printed by identify pastes back into verify.
    @Test(arguments: ["PCF(3n+3, -n(2n-1))", "PCF(34n^3+51n^2+27n+5, -n^6)", "PCF(n, n)", "PCF(2n+1, 1)"])
    func identifiedClosedFormVerifies(pcf: String) throws {
        let identified = try Apery.run("identify", pcf, "--json")
        #expect(identified.status == 0)
        let found = try #require(identified.json["found"] as? [[String: Any]])
        let closedForm = try #require(found.first?["closedForm"] as? String)
        let verified = try Apery.run("verify", "\(pcf) = \(closedForm)", "--digits", "300")
        #expect(verified.status == 0, "\(pcf) = \(closedForm): \(verified.stdout)")
    }

    @Test func numberWithManyDigits() throws {
        let result = try Apery.run("identify", "0.78539816339744830961566084581987572104929234984377645524373614807695410157155224965700870633552926699553702162832057666")
        #expect(result.status == 0)
        #expect(result.stdout.contains("closed form  pi/4"))
    }

    @Test func unrelatedNumberSaysNoRelation() throws {
        let result = try Apery.run("identify", "1.2345678901234567890123456789012345678901")
        #expect(result.status == 1)
        #expect(result.stdout.contains("no relation found"))
    }

    @Test func severalConstantsTogether() throws {
        let result = try Apery.run("identify", "3*zeta(3) - 2*catalan + pi/7", "--constants", "pi,zeta3,catalan", "--json")
        #expect(result.status == 0)
        let found = try #require(result.json["found"] as? [[String: Any]])
        #expect(found.first?["kind"] as? String == "linear")
    }

    @Test func tooFewDigitsIsAnError() throws {
        let result = try Apery.run("identify", "3.14159")
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least 20 significant digits"))
    }
}

@Suite struct OtherCommandTests {
    @Test func constantsListsTheLibraryAsJSON() throws {
        let result = try Apery.run("constants", "--json", "--digits", "20")
        #expect(result.status == 0)
        let constants = try #require(result.json["constants"] as? [[String: Any]])
        let pi = try #require(constants.first { $0["name"] as? String == "pi" })
        #expect(pi["value"] as? String == "3.1415926535897932385")
        #expect(constants.count >= 14)
    }

    @Test func evalOfAPCFStatesItsCertainDigits() throws {
        let result = try Apery.run("eval", "PCF(1, 1)", "--digits", "40", "--json")
        #expect(result.status == 0)
        #expect(result.json["value"] as? String == "1.61803398874989484820458683436563811772")
    }
}
