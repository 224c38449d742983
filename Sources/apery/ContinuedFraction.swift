import ArgumentParser
import ESMA
import Expressions
import Formulas
import Numbers
import SearchEngine
import Sequences

struct ContinuedFraction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cf",
        abstract: "Expand an expression as a (signed) continued fraction, every term certain.",
        discussion: """
            Simple by default; --signs gives a periodic sign pattern (a_i = floor(x_i) for +, ceil(x_i) for -; \
            "-" alone is the backward continued fraction). The precision grows until the terms are certain. \
            A rational expression gets its finite expansion, exactly. With --pattern, the terms' quasi-polynomial \
            pattern (CF[head; block in k]) and recurrence, if the terms show one.
            """)

    @Argument(help: "An expression: e, exp(2), tan(1), (e+1)/(e-1), 355/113, ...") var expression: String
    @Option(help: "Number of terms.") var terms: Int = 40
    @Option(help: "Sign pattern, e.g. +- (default +).") var signs: String = "+"
    @Option(help: "Largest working precision in digits.") var maxDigits: Int = 100_000
    @Flag(help: "Look for a pattern and a recurrence in the terms.") var pattern = false
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let expression: String
        let expansion: SignedExpansion
        let pattern: String?
        let recurrence: String?
    }

    func run() throws {
        try reportingErrors(input: expression) {
            guard (1...1_000_000).contains(terms) else { throw SearchError("--terms must be between 1 and 1000000") }
            let signs = try parseSigns(self.signs)
            let parsed = try Expression(parsing: expression)
            let expansion = try SignedExpansion(parsed, signs: signs, terms: terms, maximumDigits: maxDigits)
            var patternText: String?, recurrenceText: String?
            if pattern, !expansion.isRational {
                patternText = QuasiPolynomial.find(in: expansion.terms).map { CFPattern($0, signs: signs).description }
                recurrenceText = LinearRecurrence.find(in: expansion.terms)?.description
            }
            if output.json { return try printJSON(Report(expression: expression, expansion: expansion, pattern: patternText, recurrence: recurrenceText)) }
            let shown = expansion.terms.map(\.description)
            let body = shown.first.map { first in "[\(first)" + (shown.count > 1 ? "; " + shown.dropFirst().joined(separator: ", ") : "") + "]" } ?? "[]"
            print(body + (signs == [1] ? "" : "  (signs \(self.signs), repeated)"))
            if expansion.isRational {
                print("  rational: the expansion ends after \(expansion.terms.count) terms; value \(parsed.exactValue!)")
            } else {
                print("  \(expansion.terms.count) certain terms (working precision \(expansion.digits) digits)")
            }
            if pattern {
                print("  pattern     \(patternText ?? "none found")")
                print("  recurrence  \(recurrenceText ?? "none within bounds")")
            }
        }
    }
}
