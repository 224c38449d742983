import ArgumentParser
import Foundation

@main
struct Apery: ParsableCommand {
    /// Runs the command. Bad input exits 2 whatever caught it (this code or the argument parser, whose own
    /// code is 64), and negative numbers are values, not options.
    static func main() {
        // Past a file-size limit, a write fails with EFBIG (reported like a full disk) instead of killing us.
        signal(SIGXFSZ, SIG_IGN)
        Interruption.install()
        let arguments = CommandLineValues.negativesAsValues(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            try checkStandardOutput()
        } catch {
            if !(error is OutputError) { try? checkStandardOutput() }
            let code = exitCode(for: error)
            if code == .validationFailure {
                let line = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "bad arguments"
                let message = line.hasPrefix("Error: ") ? String(line.dropFirst(7)) : line
                printError(message.count > 200 ? String(message.prefix(200)) + "…" : message)
                Foundation.exit(Outcome.badInput.rawValue)
            }
            exit(withError: error)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "apery",
        abstract: "An engine for experimental mathematics: search, verify and identify formulas for constants.",
        discussion: """
            Exit codes: 0 success (verified, identified); 1 the formula disagrees or no relation was found; \
            2 bad input or a store error; 3 inconclusive (the formula converges too slowly for the digits asked).
            """,
        version: version,
        subcommands: [Verify.self, Identify.self, Evaluate.self, ListConstants.self, CheckCorpus.self,
                      Search.self, Hits.self, Export.self, Merge.self, Guess.self, ContinuedFraction.self, SearchESMA.self, Conjectures.self, DynamicsCommand.self,
                      ClusterCommand.self, ReportCommand.self, QDArchive.self, PuzzlesCommand.self, OptimizersList.self])
}
