/// What solving one puzzle gave: solved or not, after how many tries (sat calls, 1-based up to and including
/// the first success), the answer as JSON, the expression that produced it and the strategy.
public struct PuzzleOutcome: Codable, Sendable, Equatable {
    public let name: String
    public let domain: String
    public let answerType: String
    public var solved: Bool
    public var tries: Int
    /// The answer as exact JSON (`1.0` for a float, plain digits for a big integer).
    public var answer: String?
    public var expression: String?
    /// "enumeration" or "z3".
    public var strategy: String?
    public var seconds: Double
    /// Why the puzzle was skipped (its sat does not parse) or abandoned (its worker kept dying).
    public var error: String?
    /// Operation keys of the solving expression and the sat's features: what guidance learns from.
    public var operations: [String]
    public var features: [String]
    /// Calls that hit the time limit, and worker restarts.
    public var timeouts: Int
    public var restarts: Int

    public var template: String { String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name)) }
}
