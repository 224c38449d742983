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

    @Argument(help: "An expression such as \"zeta(3)\", a PCF such as \"PCF(2n+1, n^2)\", or both: \"2/PCF(1, n^2) - 1\".")
    var input: String

    @Option(help: "Significant digits to print.")
    var digits: String = "50"

    @OptionGroup var syntax: SyntaxOptions
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
        /// Set when a PCF's limit rests on Richardson extrapolation: the digits on which two extrapolations agree.
        let extrapolatedDigits: Int?
        /// Why no digit is certain, when that is known.
        var reason: String? = nil
    }

    func run() throws {
        try reportingErrors(input: input) {
            let digits = try digitCount(self.digits, range: 1...Verifier.maximumDigits)
            let limits = AdaptiveLimit(maxDepth: depth.maxDepth, timeLimit: depth.timeout)
            let expression = try Expressions.Expression(parsing: input)
            let report: Report
            if case .pcf(let pcf) = expression {
                let ticker = output.json ? nil : ProgressTicker("evaluating \(pcf) to \(digits) digits")
                let result = try limits.limit(of: pcf, digits: digits) { progress in
                    ticker?.update("depth \(progress.depth): \(min(progress.certainDigits, digits)) of \(digits) digits certain; deepening")
                    return false
                }
                ticker?.stop()
                let shown = max(min(result.certainDigits, digits), 1)
                let status = result.certainDigits >= digits ? "certain" : result.certainDigits > 0 ? "inconclusive" : "no certain digits"
                report = Report(status: status, input: pcf.description, python: pcf.python, value: result.value.formatted(significantDigits: shown), certainDigits: shown,
                                depth: result.depth, convergenceClass: pcf.convergenceClass.rawValue,
                                digitsPerTerm: result.estimate.digitsPerTerm,
                                blindDelta: pcf.blindDelta(at: result.half, limit: result.estimate.convergents)?.reduced,
                                seconds: result.seconds, extrapolatedDigits: result.extrapolation?.agreeingDigits)
            } else if !expression.formulas.isEmpty {
                report = try evaluateWithFormulas(expression, digits: digits, limits: limits)
            } else {
                let value = try expression.evaluate(precision: bits(forDigits: digits + 10))
                report = Report(status: "certain", input: expression.description, python: expression.python, value: value.formatted(significantDigits: digits), certainDigits: digits,
                                depth: nil, convergenceClass: nil, digitsPerTerm: nil, blindDelta: nil, seconds: nil, extrapolatedDigits: nil)
            }
            defer { if report.status != "certain" { Foundation.exit(Outcome.inconclusive.rawValue) } }
            if output.json { try printJSON(report); try checkStandardOutput(); return }
            if report.status == "no certain digits" {
                print("INCONCLUSIVE: " + (report.reason ?? "no digit of the limit is certain at depth \(report.depth ?? 0) within the caps: the fraction does not converge, or too slowly"))
                if !report.value.isEmpty { print("  last convergent \(report.value) (\(report.convergenceClass ?? "") convergence)") }
                return
            }
            if report.status == "inconclusive" { print("INCONCLUSIVE: only \(report.certainDigits) of \(digits) digits certain within the caps") }
            print(report.value)
            if syntax.python { print("  python: \(report.python ?? "none (an interlaced PCF)")") }
            if let depth = report.depth, let convergence = report.convergenceClass {
                print("  \(report.certainDigits) certain digits at depth \(depth) (\(convergence) convergence, \(format(report.digitsPerTerm)) digits/term, blind delta \(format(report.blindDelta)))")
            } else if let depth = report.depth {
                print("  \(report.certainDigits) certain digits; the PCFs' limits from depths up to \(depth)")
            }
            if let agreeing = report.extrapolatedDigits {
                print("  extrapolated: the limit rests on Richardson extrapolation (two extrapolations agree to \(agreeing) digits)")
            }
        }
    }

    /// An expression holding PCFs: their limits first (extrapolated when slow), then the expression. Its certain
    /// digits are where its value and its value with every limit moved by one unit in its last certain digit agree.
    func evaluateWithFormulas(_ expression: Expressions.Expression, digits: Int, limits: AdaptiveLimit) throws -> Report {
        let start = monotonicSeconds()
        let guardDigits = 10
        do {
            let ticker = output.json ? nil : ProgressTicker("evaluating the PCFs of \(expression) to \(digits) digits")
            defer { ticker?.stop() }
            let (resolved, found) = try expression.resolvingFormulas(digits: digits + guardDigits, limits: limits) { pcf, partial in
                ticker?.update("\(pcf): depth \(partial.depth), \(min(partial.certainDigits, digits)) of \(digits) digits certain; deepening")
            }
            ticker?.stop()
            let precision = bits(forDigits: digits + 2 * guardDigits)
            let value = try resolved.evaluate(precision: precision)
            let moved = try expression.replacingFormulas { pcf in
                guard let result = found[pcf] else { return .pcf(pcf) }
                let unit = BigFloat(1, precision: precision) / BigFloat(10, precision: precision).power(result.certainDigits)
                return .number((result.value * (BigFloat(1, precision: precision) + unit)).exactRational!)
            }.evaluate(precision: precision)
            let certain = min(significantAgreement(value, moved, cap: digits + guardDigits), digits)
            let shown = max(certain, 1)
            let extrapolated = found.values.compactMap { $0.extrapolation?.agreeingDigits }.min()
            return Report(status: certain >= digits ? "certain" : certain > 0 ? "inconclusive" : "no certain digits", input: expression.description,
                          python: expression.python, value: value.formatted(significantDigits: shown), certainDigits: shown,
                          depth: found.values.map(\.depth).max(), convergenceClass: nil, digitsPerTerm: nil, blindDelta: nil,
                          seconds: monotonicSeconds() - start, extrapolatedDigits: extrapolated)
        } catch let error as FormulaLimitError {
            return Report(status: "no certain digits", input: expression.description, python: expression.python,
                          value: "", certainDigits: 0, depth: nil, convergenceClass: nil, digitsPerTerm: nil, blindDelta: nil,
                          seconds: monotonicSeconds() - start, extrapolatedDigits: nil, reason: error.description)
        }
    }
}
