import ArgumentParser

@main
struct Apery: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "apery",
        abstract: "An engine for experimental mathematics: search, verify and identify formulas for constants.",
        discussion: """
            Exit codes: 0 success (verified, identified); 1 the formula disagrees or no relation was found;
            2 bad input or a store error; 3 inconclusive (the formula converges too slowly for the digits asked).
            """,
        version: version,
        subcommands: [Verify.self, Identify.self, Evaluate.self, ListConstants.self, CheckCorpus.self,
                      Search.self, Hits.self, Export.self, Merge.self, Guess.self, ContinuedFraction.self, SearchESMA.self, Conjectures.self, DynamicsCommand.self,
                      ClusterCommand.self, ReportCommand.self, QDArchive.self])
}
