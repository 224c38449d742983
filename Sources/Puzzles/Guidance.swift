/// Which operations tend to solve which kinds of sat, learned from the solver's own solutions (never from
/// reference solutions): counts of (feature of sat, operation in the solving expression). Operations that
/// solved puzzles sharing a puzzle's features get cheaper for it; those that never did get dearer.
public struct Guidance: Codable, Sendable, Equatable {
    /// Solved puzzles learned from.
    public private(set) var solved = 0
    /// Solved puzzles having each feature, and using each operation.
    public private(set) var featureCounts: [String: Int] = [:]
    public private(set) var operationCounts: [String: Int] = [:]
    /// Solved puzzles having a feature and using an operation, keyed "feature|operation".
    public private(set) var jointCounts: [String: Int] = [:]

    public init() {}

    public mutating func learn(features: Set<String>, operations: Set<String>) {
        solved += 1
        for f in features { featureCounts[f, default: 0] += 1 }
        for o in operations { operationCounts[o, default: 0] += 1 }
        for f in features { for o in operations { jointCounts[f + "|" + o, default: 0] += 1 } }
    }

    /// The change in an operation's cost for a sat with these features: -1 where the operation is at least
    /// 1.5 times as likely as its base rate among similar solved puzzles, +1 where similar puzzles are many and
    /// never used it, 0 without evidence.
    public func costChange(operation: String, features: Set<String>) -> Int {
        guard solved >= 5 else { return 0 }
        let base = (Double(operationCounts[operation] ?? 0) + 0.5) / (Double(solved) + 1)
        var joint = 0, support = 0
        for f in features {
            guard let n = featureCounts[f] else { continue }
            support += n
            joint += jointCounts[f + "|" + operation] ?? 0
        }
        guard support > 0 else { return 0 }
        let conditional = (Double(joint) + base) / (Double(support) + 1)
        if conditional >= 1.5 * base && joint >= 2 { return -1 }
        if joint == 0 && support >= 20 { return 1 }
        return 0
    }
}
