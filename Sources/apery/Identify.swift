import ArgumentParser
import Expressions
import Formulas
import Numbers
import Relations
import SearchSessions
import Store
import Verification

struct Identify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find a closed form for a number, an expression or the limit of a PCF.",
        discussion: """
            Tests the value for being rational or a quadratic irrational, then for Moebius forms \
            (c0 + c1 K)/(d0 + d1 K) over each constant K of the library (and pairs such as the Bessel \
            functions I0(2), I1(2)); --constants adds your own list, tried one by one, together, and as a \
            linear combination. Relations are found by LLL with a precision guard and confirmed at twice the \
            digits. Exit code 0: identified; 1: no relation found; 2: bad input.
            """)

    @Argument(help: "A decimal number (at least 20 significant digits), an expression, or PCF(a, b).")
    var input: String

    @Option(help: "Digits at which relations are searched; they are confirmed at twice as many (PCFs and expressions).")
    var digits: String = "60"

    @Option(help: "Comma-separated constants to try, by name or expression: pi,zeta3,catalan.")
    var constants: String?

    @OptionGroup var syntax: SyntaxOptions
    @OptionGroup var depth: DepthOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors(input: input) {
            let digits = try digitCount(self.digits, range: 12...5000)
            let source = try ValueSource(input, limits: AdaptiveLimit(maxDepth: depth.maxDepth, timeLimit: depth.timeout))
            let database = try store.database.map(openDatabase)
            var identifier = Identifier()
            if let available = source.availableDigits {
                guard available >= 20 else {
                    throw IdentificationError("identify needs at least 20 significant digits of a number (got \(available)); give more digits, an expression or a PCF")
                }
                identifier = Identifier(detectionDigits: available / 2, confirmationDigits: available - 2)
            } else {
                identifier = Identifier(detectionDigits: digits)
            }
            var found: [Identification] = []
            if let constants {
                let chosen = try splitTopLevel(constants).map { name in
                    do { return try Expression(parsing: name) } catch let error as ParseError {
                        throw IdentificationError("--constants: \(error.message) in \"\(name)\"")
                    }
                }
                guard !chosen.isEmpty else { throw IdentificationError("--constants names no constant") }
                identifier.bases = chosen.map { [$0] } + (chosen.count > 1 ? [chosen] : [])
                if let linear = try identifier.identifyLinear(source.value, constants: chosen) { found.append(linear) }
            }
            found = Identifier.simplestFirst(found + (try identifier.identify(source.value)))
            let value = try source.value(digits: 50)
            if let database, let best = found.first {
                try database.recordingRun(provenance("identify")) { run in try database.record(best, of: input, pcf: source.pcf, run: run) }
            }
            let report = IdentifyReport(input: input, value: value.formatted(significantDigits: min(source.availableDigits ?? 50, 50)),
                                        found: found.map(IdentifyReport.Form.init))
            if output.json { try printJSON(report) } else { printHuman(report) }
            if found.isEmpty { throw Outcome.negative }
        }
    }

    func printHuman(_ report: IdentifyReport) {
        print("value      \(report.value)")
        guard let best = report.found.first else {
            print("no relation found (with the constants tried, at the digits given)")
            return
        }
        print("closed form  \(syntax.python ? best.python : best.closedForm)")
        print("  kind       \(best.kind), confirmed to \(best.confirmedDigits) digits (found at \(best.detectedDigits))")
        print("  relation   \(best.relationText) = 0")
        for other in report.found.dropFirst().prefix(4) { print("also         \(syntax.python ? other.python : other.closedForm)") }
    }
}

/// The value to identify: a decimal number with the digits it has, an expression, or a PCF's limit.
/// The most precise value computed so far serves every request for fewer digits.
final class ValueSource {
    let pcf: PCF?
    let expression: Expression?
    let number: BigFloat?
    let availableDigits: Int?
    let limits: AdaptiveLimit

    init(_ text: String, limits: AdaptiveLimit) throws {
        self.limits = limits
        let significant = text.filter(\.isNumber).drop(while: { $0 == "0" }).count
        let isNumber = BigFloat(text, precision: 64) != nil
        if PCF.isAtStart(try TokenStream(text)) {
            pcf = try PCF(parsing: text); expression = nil; number = nil; availableDigits = nil
        } else if isNumber {
            pcf = nil; expression = nil
            number = BigFloat(text, precision: bits(forDigits: significant + 10))
            availableDigits = significant
        } else {
            pcf = nil; number = nil; availableDigits = nil
            expression = try Expression(parsing: text)
        }
    }

    private var best: (digits: Int, value: BigFloat)?

    /// The value correct to `digits` significant digits (or to all the digits a number has).
    func value(digits: Int) throws -> BigFloat {
        if let number { return number }
        if let best, best.digits >= digits { return best.value.rounded(toPrecision: bits(forDigits: digits + 10)) }
        let value: BigFloat
        if let expression {
            value = try expression.evaluate(precision: bits(forDigits: digits + 10))
        } else {
            let result = try limits.limit(of: pcf!, digits: digits)
            guard result.certainDigits >= digits else {
                throw IdentificationError("the PCF converges too slowly: \(result.certainDigits) digits at depth \(result.depth), \(digits) needed; try --digits lower or --max-depth/--timeout higher")
            }
            value = result.value
        }
        best = (digits, value)
        return value
    }
}

struct IdentifyReport: Encodable {
    struct Form: Encodable {
        let closedForm: String
        /// The closed form for mpmath (`from mpmath import *`).
        let python: String
        let kind: String
        let terms: [String]
        /// The relation's integers, as JSON numbers of every digit.
        let coefficients: [BigIntegerJSON]
        let detectedDigits: Int
        let confirmedDigits: Int

        /// "4 + 8*x - 3*x*pi": the relation as a person writes it.
        var relationText: String {
            var text = ""
            for (c, term) in zip(coefficients.map(\.digits), terms) where c != "0" {
                let negative = c.hasPrefix("-")
                let magnitude = negative ? String(c.dropFirst()) : c
                let body = term == "1" ? magnitude : (magnitude == "1" ? term : magnitude + "*" + term)
                text += text.isEmpty ? (negative ? "-" : "") + body : (negative ? " - " : " + ") + body
            }
            return text
        }

        init(_ identification: Identification) {
            closedForm = identification.closedForm.description
            python = identification.closedForm.python
            kind = identification.kind.rawValue
            terms = identification.terms
            coefficients = identification.relation.coefficients.map { BigIntegerJSON($0.description) }
            detectedDigits = identification.detectedDigits
            confirmedDigits = identification.confirmedDigits
        }
    }

    let input: String
    let value: String
    let found: [Form]
}
