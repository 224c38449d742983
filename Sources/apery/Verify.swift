import ArgumentParser
import Formulas
import SearchEngine
import SearchSessions
import Store
import Verification

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a formula for a constant to a number of digits.",
        discussion: """
            The equation is "PCF(a, b) = <expression>" (either side first), with a and b polynomials in n \
            or coefficient lists, lowest degree first: PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3). The PCF may sit \
            inside an expression, "tan(1) = 1/PCF(2n+1, -1)": it is isolated and checked alone. Or a \
            continued-fraction pattern, "CF[2; 1, 2k+2, 1] = e" (head; block in k | signs, e.g. CF[1; 2, 2k+3 | +-]), \
            which is checked through its tail, an interlaced PCF (printed as "checked as"). \
            The depth is chosen adaptively until the digits are certain or a cap is hit; a fraction too slow for \
            that is extrapolated (Richardson), and the output says so. \
            Exit code 0: verified; 1: the sides disagree; 3: inconclusive (too slow for the caps); 2: bad input.
            """)

    @Argument(help: "The equation, e.g. \"PCF(2n+1, n^2) = 4/pi\".")
    var equation: String

    @Option(help: "Significant digits that must agree.")
    var digits: String = "100"

    @OptionGroup var syntax: SyntaxOptions

    @OptionGroup var depth: DepthOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors(input: equation) {
            let digits = try digitCount(self.digits, range: 1...Verifier.maximumDigits)
            let parsed = try Equation(parsing: equation)
            // Open the store first: a bad --db path should fail before minutes of computing.
            let database = try store.database.map(openDatabase)
            let verifier = Verifier(limits: AdaptiveLimit(maxDepth: depth.maxDepth, timeLimit: depth.timeout))
            let ticker = output.json ? nil : ProgressTicker("verifying \(parsed.formula) to \(digits) digits")
            let report = try verifier.verify(parsed, digits: digits) { progress in
                ticker?.update("depth \(progress.depth): \(min(progress.certainDigits, digits)) of \(digits) digits certain; deepening")
            }
            ticker?.stop()
            if let database { try record(report, of: parsed, in: database) }
            if output.json { try printJSON(report) } else {
                printHuman(report)
            }
            switch report.status {
            case .verified: return
            case .disagrees: throw Outcome.negative
            case .inconclusive: throw Outcome.inconclusive
            }
        }
    }

    func record(_ report: VerificationReport, of equation: Equation, in database: AperyStore) throws {
        try database.recordingRun(provenance("verify")) { run in try database.record(report, of: equation, run: run) }
    }

    func printHuman(_ report: VerificationReport) {
        let verdict: String
        switch report.status {
        case .verified: verdict = "VERIFIED to \(report.digitsRequested) digits"
        case .disagrees: verdict = "DISAGREES: the sides differ after \(report.digitsAgreed) digits"
        case .inconclusive: verdict = "INCONCLUSIVE: only \(min(report.formulaCertainDigits, report.digitsRequested)) of \(report.digitsRequested) digits certain within the caps"
        }
        print(verdict)
        if syntax.python {
            print("  equation        \(report.python.formula ?? report.equation) == \(report.python.closedForm)")
        } else {
            print("  equation        \(report.equation)")
        }
        print("  digits agreed   \(report.digitsAgreed) (formula certain to \(report.formulaCertainDigits), closed form to \(report.closedFormCertainDigits))")
        print("  depth           \(report.depth) (\(report.convergenceClass) convergence, \(format(report.digitsPerTerm)) digits/term)")
        print("  delta           \(format(report.delta)) with the closed form as limit, \(format(report.blindDelta)) blind")
        print("  time            \(format(report.seconds, 3)) s")
        // Fifty digits on screen; --json carries every digit established.
        func shown(_ value: String) -> String { value.count > 52 ? String(value.prefix(52)) + "…" : value }
        print("  formula value   \(shown(report.formulaValue))")
        print("  closed form     \(shown(report.closedFormValue))")
        if let tail = report.checkedAs {
            print("  checked as      \(tail.equation)  (\(tail.reason))")
            print("  \(tail.reason == "the PCF alone" ? "PCF values " : "tail values")     \(shown(tail.formulaValue)) (PCF), \(shown(tail.closedFormValue)) (closed form)")
        }
        if let extrapolation = report.extrapolation {
            print("  extrapolated    the formula's value rests on Richardson extrapolation: two extrapolations from the convergents up to depth \(extrapolation.depth) agree to \(extrapolation.agreeingDigits) digits")
        }
    }
}
