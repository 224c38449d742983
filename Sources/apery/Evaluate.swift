import ArgumentParser
import Foundation
import Expressions
import Formulas
import Numbers
import Verification

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate an expression or the limit of a PCF to a number of certain digits.")

    @Argument(help: "An expression such as \"zeta(3)\" or a PCF such as \"PCF(2n+1, n^2)\".")
    var input: String

    @Option(help: "Significant digits to print.")
    var digits: String = "50"

    @OptionGroup var depth: DepthOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        /// "certain" (every digit asked for), "inconclusive" (fewer), or "no certain digits": verify's rule.
        let status: String
        let input: String
        /// The input in Python: ramanujantools' PCF, or an expression for mpmath (`from mpmath import *`); nil for
        /// an interlaced PCF.
        let python: String?
        let value: String
        let certainDigits: Int
        let depth: Int?
        let convergenceClass: String?
        let digitsPerTerm: Double?
        let blindDelta: Double?
        let seconds: Double?
    }

    func run() throws {
        try reportingErrors(input: input) {
            let digits = try digitCount(self.digits, range: 1...Verifier.maximumDigits)
            let report: Report
            if PCF.isAtStart(try TokenStream(input)) {
                let pcf = try PCF(parsing: input)
                let result = try AdaptiveLimit(maxDepth: depth.maxDepth, timeLimit: depth.timeout).limit(of: pcf, digits: digits) { progress in
                    if !output.json { printProgress("depth \(progress.depth): \(min(progress.certainDigits, digits)) of \(digits) digits certain") }
                    return false
                }
                clearProgress()
                let shown = max(min(result.certainDigits, digits), 1)
                let status = result.certainDigits >= digits ? "certain" : result.certainDigits > 0 ? "inconclusive" : "no certain digits"
                report = Report(status: status, input: pcf.description, python: pcf.python, value: result.value.formatted(significantDigits: shown), certainDigits: shown,
                                depth: result.depth, convergenceClass: pcf.convergenceClass.rawValue,
                                digitsPerTerm: result.estimate.digitsPerTerm,
                                blindDelta: pcf.blindDelta(at: result.half, limit: result.estimate.convergents)?.reduced,
                                seconds: result.seconds)
            } else {
                let expression = try Expression(parsing: input)
                let value = try expression.evaluate(precision: bits(forDigits: digits + 10))
                report = Report(status: "certain", input: expression.description, python: expression.python, value: value.formatted(significantDigits: digits), certainDigits: digits,
                                depth: nil, convergenceClass: nil, digitsPerTerm: nil, blindDelta: nil, seconds: nil)
            }
            defer { if report.status != "certain" { Foundation.exit(Outcome.inconclusive.rawValue) } }
            if output.json { try printJSON(report); try checkStandardOutput(); return }
            guard report.status != "no certain digits", let depth = report.depth else {
                if report.status == "no certain digits" {
                    print("INCONCLUSIVE: no digit of the limit is certain at depth \(report.depth ?? 0) within the caps: the fraction does not converge, or too slowly")
                    print("  last convergent \(report.value) (\(report.convergenceClass ?? "") convergence)")
                } else { print(report.value) }
                return
            }
            if report.status == "inconclusive" { print("INCONCLUSIVE: only \(report.certainDigits) of \(digits) digits certain within the caps") }
            print(report.value)
            print("  \(report.certainDigits) certain digits at depth \(depth) (\(report.convergenceClass!) convergence, \(format(report.digitsPerTerm)) digits/term, blind delta \(format(report.blindDelta)))")
        }
    }
}
