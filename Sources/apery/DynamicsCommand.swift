import ArgumentParser
import Formulas
import Foundation
import Numbers
import SearchEngine

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Convergence dynamics of a PCF: blind delta, growth, eigenvalue ratio, convergence fit.",
        discussion: """
            The metrics of algorithms.md §5 (NeurIPS 2024 "Blind-delta"), from exact convergents: L = p_N/q_N,
            naive and factorial-reduction delta at the sample depth S, the growth fit ln|q_n/g_n| ~ c n + d n ln n,
            the eigenvalue ratio ln|rho| at n = 10^9 (and whether it is complex), the predicted delta, and the
            convergence fit ln|L - p_n/q_n| ~ beta ln n + gamma n + eta n ln n; fits on n in {6, S/8, S/4, S/2, S}.
            No working precision is needed: every difference is computed exactly in integers.
            """)

    @Argument(help: "A PCF, e.g. \"PCF(3n+1, -2n^2+3n)\".") var formula: String
    @Option(help: "Depth N of the limit.") var depth: Int = 2000
    @Option(help: "Sample depth S (default N/2 - 1).") var sample: Int?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors(input: formula) {
            guard (100...1_000_000).contains(depth) else { throw SearchError("--depth must be between 100 and 1000000") }
            if let sample, !(48..<depth).contains(sample) { throw SearchError("--sample must be between 48 and depth - 1") }
            let pcf = try PCF(parsing: formula)
            let m = try pcf.dynamics(depth: depth, sample: sample)
            if output.json { return try printJSON(m) }
            func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
            print("\(pcf)  (\(m.convergenceClass)\(m.divergent ? ", divergent" : ""))")
            print("  L = p_\(m.depth)/q_\(m.depth)   \(m.limit ?? "undefined (q_N = 0)")")
            print("  delta at S=\(m.sample)     FR \(f(m.frDelta))   naive \(f(m.naiveDelta))")
            print("  growth         c \(f(m.c))   d \(f(m.d))")
            print("  ln rho         \(f(m.lnRho))\(m.complexEigenvalues ? " (complex eigenvalues)" : "")   predicted delta \(f(m.predictedDelta))")
            print("  convergence    beta \(f(m.beta))   gamma \(f(m.gamma))   eta \(f(m.eta))   \(f(m.digitsPerTerm)) digits/term")
        }
    }
}
