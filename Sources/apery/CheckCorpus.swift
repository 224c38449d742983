import ArgumentParser
import Expressions
import Formulas
import Foundation
import Numbers
import Relations
import SearchSessions
import Store
import Verification

struct CheckCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Verify and identify every formula of a corpus file (the format of Corpora/known_pcfs.json).",
        discussion: """
            Each formula is verified against its stated closed form at its stated digits (at most --digits), \
            and identified from the PCF alone when it converges fast enough. With --report, writes a Markdown \
            table. Exit code 0 when every formula verifies, 1 otherwise, 2 on bad input.
            """)

    @Argument(help: "A JSON file with a \"formulas\" list of {name, a, b, limit_expr, verified_digits}.")
    var file: String

    @Option(help: "The most digits to verify each formula to.")
    var digits: String = "100"

    @Option(help: "Write a Markdown report to this file.")
    var report: String?

    @OptionGroup var depth: DepthOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        let name: String
        let formula: String
        let closedForm: String
        let verification: VerificationReport
        let identified: String?
    }

    func run() throws {
        var allVerified = true
        try reportingErrors {
            let digits = try digitCount(self.digits, range: 1...Verifier.maximumDigits)
            let formulas = try loadCorpus()
            let recording = try store.database.map { try VerificationRun(store: try openDatabase($0), provenance: provenance("corpus")) }
            let verifier = Verifier(limits: AdaptiveLimit(maxDepth: depth.maxDepth, timeLimit: depth.timeout))
            var entries: [Entry] = []
            for (index, item) in formulas.enumerated() {
                if !output.json { printProgress("[\(index + 1)/\(formulas.count)] \(item.name)") }
                let equation = Equation(formula: item.pcf, closedForm: item.closedForm)
                let target = min(digits, item.digits)
                let report = try verifier.verify(equation, digits: target)
                allVerified = allVerified && report.status == .verified
                // Identify from the PCF alone when 120 digits (detection 60, confirmation 120) are within reach.
                var identified: String?
                if report.digitsPerTerm * Double(depth.maxDepth) > 150 || item.pcf.convergenceClass == .factorial {
                    let source = { (wanted: Int) throws -> BigFloat in
                        let limit = try verifier.limits.limit(of: item.pcf, digits: wanted)
                        guard limit.certainDigits >= wanted else { throw IdentificationError("too slow") }
                        return limit.value
                    }
                    identified = (try? Identifier().identify(source))?.first?.closedForm.description
                }
                try recording?.record(report, of: equation)
                entries.append(Entry(name: item.name, formula: item.pcf.description, closedForm: item.closedForm.description,
                                     verification: report, identified: identified))
                if !output.json { clearProgress(); printLine(entries.last!) }
            }
            try recording?.finish()
            if let report { try writeMarkdown(entries, to: report, digits: digits) }
            if output.json { try printJSON(entries) }
            else {
                let verified = entries.filter { $0.verification.status == .verified }.count
                print("\(verified) of \(entries.count) formulas verified; \(entries.filter { $0.identified != nil }.count) identified from the PCF alone")
            }
        }
        if !allVerified { throw Outcome.negative }
    }

    struct Item {
        let name: String
        let pcf: PCF
        let closedForm: Expressions.Expression
        let digits: Int
    }

    func loadCorpus() throws -> [Item] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("cannot read \(file)") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let formulas = root["formulas"] as? [[String: Any]] else {
            throw ValidationError("\(file) is not a corpus: expected a JSON object with a \"formulas\" list")
        }
        return try formulas.enumerated().map { index, entry in
            guard let a = entry["a"] as? [Int], let b = entry["b"] as? [Int], let limit = entry["limit_expr"] as? String else {
                throw ValidationError("\(file): formula \(index + 1) needs integer lists a, b and a limit_expr")
            }
            return Item(name: entry["name"] as? String ?? "formula \(index + 1)", pcf: PCF(a: a, b: b),
                        closedForm: try Expressions.Expression(parsing: limit), digits: entry["verified_digits"] as? Int ?? Int.max)
        }
    }

    func printLine(_ entry: Entry) {
        let v = entry.verification
        let status = v.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        print("\(status) \(String(v.digitsAgreed).padding(toLength: 4, withPad: " ", startingAt: 0)) digits  depth \(String(v.depth).padding(toLength: 7, withPad: " ", startingAt: 0)) \(entry.formula) = \(entry.closedForm)" + (entry.identified.map { "   [identified: \($0)]" } ?? ""))
    }

    func writeMarkdown(_ entries: [Entry], to path: String, digits: Int) throws {
        var text = "# Apery corpus check\n\nCorpus: `\(file)`, at most \(digits) digits per formula, apery \(Apery.version), \(AperyStore.now()).\n\n"
        text += "| formula | closed form | status | digits | depth | digits/term | delta | identified from the PCF |\n"
        text += "|---|---|---|---|---|---|---|---|\n"
        for e in entries {
            let v = e.verification
            text += "| `\(e.formula)` | `\(e.closedForm)` | \(v.status.rawValue) | \(v.digitsAgreed) | \(v.depth) | \(format(v.digitsPerTerm, 3)) | \(format(v.delta, 3)) | \(e.identified.map { "`\($0)`" } ?? "—") |\n"
        }
        let verified = entries.filter { $0.verification.status == .verified }.count
        text += "\n\(verified) of \(entries.count) verified.\n"
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch { throw ValidationError("cannot write the report to \(path)") }
    }
}
