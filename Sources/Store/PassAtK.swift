/// pass@k of puzzle results: the share solved within k tries, over all puzzles and by answer type and domain.
public struct PassAtK: Codable, Sendable, Equatable {
    /// The k of P3's tables.
    public static let standardKs = [1, 10, 100, 1000, 10_000]

    public struct Row: Codable, Sendable, Equatable {
        public let group: String
        public let puzzles: Int
        /// Solved within k tries, for each k of `ks`.
        public let solved: [Int]
        public var rates: [Double] { solved.map { puzzles > 0 ? Double($0) / Double(puzzles) : 0 } }
    }

    public let round: Int
    public let ks: [Int]
    /// The most tries the search gave a puzzle, when known: pass@k for a larger k was not measured (a table shows it
    /// as a dash rather than as pass@budget).
    public let budget: Int?
    public let all: Row
    /// The first instance of each template, as P3 counts templates.
    public let templates: Row
    public let byType: [Row]
    public let byDomain: [Row]

    public init(results: [PuzzleResultRecord], round: Int, ks: [Int] = PassAtK.standardKs, budget: Int? = nil) {
        self.round = round
        self.ks = ks
        self.budget = budget
        let rows = results.filter { $0.round == round }
        func row(_ group: String, _ members: [PuzzleResultRecord]) -> Row {
            Row(group: group, puzzles: members.count, solved: ks.map { k in members.filter { $0.solved && $0.tries <= k }.count })
        }
        all = row("all", rows)
        var seen = Set<String>()
        let firsts = rows.sorted { ($0.template, instance($0.name)) < ($1.template, instance($1.name)) }.filter { seen.insert($0.template).inserted }
        templates = row("templates", firsts)
        byType = Dictionary(grouping: rows, by: \.answerType).sorted { $0.key < $1.key }.map { row($0.key, $0.value) }
        byDomain = Dictionary(grouping: rows, by: { $0.domain.isEmpty ? "(none)" : $0.domain }).sorted { $0.key < $1.key }.map { row($0.key, $0.value) }
    }

    /// The rounds of a search's results, each with its pass@k.
    public static func rounds(_ results: [PuzzleResultRecord], budget: Int? = nil) -> [PassAtK] {
        Set(results.map(\.round)).sorted().map { PassAtK(results: results, round: $0, budget: budget) }
    }

    /// A row's pass@k for each k of `ks`, nil where k is beyond the budget.
    public func measuredRates(_ row: Row) -> [Double?] {
        zip(ks, row.rates).map { k, rate in (budget.map { k <= $0 } ?? true) ? rate : nil }
    }
}

private func instance(_ name: String) -> Int {
    Int(name.split(separator: ":").last ?? "") ?? 0
}
