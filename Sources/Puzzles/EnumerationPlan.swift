/// What the enumeration of one puzzle starts from: the leaves (sat's constants by name, its literals,
/// parts of them, small literals) and the cost of each operation (cheaper when sat uses it, then adjusted
/// by learned guidance).
public struct EnumerationPlan {
    public let answerType: AnswerType
    public let types: Set<AnswerType>
    public let leaves: [ValueEnumerator.Leaf]
    public let operations: [Operation]
    public let costs: [Int]
    public let features: Set<String>
    public let limits: ValueLimits

    /// The values' limits are the sizes sat asks for (`ValueLimits(sizesIn:)`).
    public init(analysis: SatAnalysis, answerType: AnswerType, guidance: Guidance) {
        self.answerType = answerType
        let limits = ValueLimits(sizesIn: analysis)
        self.limits = limits
        features = analysis.features(answerType: answerType)
        var types: Set<AnswerType> = [.int, .str, .bool, .float, .list(.int), .list(.str)]
        var type: AnswerType? = answerType
        while let t = type { types.insert(t); type = t.element }
        for value in analysis.defaults.map(\.value) + analysis.constants {
            if let t = value.type, t.depth <= 3 { var u: AnswerType? = t; while let v = u { types.insert(v); u = v.element } }
        }
        self.types = types
        var leaves: [ValueEnumerator.Leaf] = []
        func add(_ value: PyValue, _ cost: Int, _ text: String? = nil) {
            leaves.append(ValueEnumerator.Leaf(value: value, cost: cost, text: text))
        }
        for argument in analysis.defaults { add(argument.value, 1, argument.name) }
        for value in analysis.constants { add(value, 1) }
        var parts: [PyValue] = []
        for value in analysis.defaults.map(\.value) + analysis.constants {
            switch value {
            case .list(let items): parts += items.prefix(64)
            case .str(let s) where s.unicodeScalars.count > 1: parts += Set(s.unicodeScalars).sorted { $0.value < $1.value }.prefix(32).map { .str(String($0)) }
            default: break
            }
        }
        for part in parts { add(part, 2) }
        for n in [0, 1] { add(.integer(n), 1) }
        for n in [2, 3, 4, 5, 10, -1] { add(.integer(n), 2) }
        for n in [6, 7, 8, 9, 100, 1000] { add(.integer(n), 3) }
        add(.bool(true), 1)
        add(.bool(false), 1)
        add(.str(""), 2)
        for c in "abcxyz0123456789 ABC".unicodeScalars { add(.str(String(c)), 3) }
        for f in [0.0, 1.0] { add(.float(f), 2) }
        for f in [0.5, 2.0, -1.0] { add(.float(f), 3) }
        for t in types where t.element != nil { add(.list([]), 1) }
        self.leaves = leaves
        operations = Operation.catalog(types: types, limits: limits)
        let features = self.features
        costs = operations.map { op in
            let hinted = op.hints.contains(where: features.contains)
            return max(1, op.baseCost + (hinted ? 0 : 1) + guidance.costChange(operation: op.key, features: features))
        }
    }

    public func enumerator() -> ValueEnumerator {
        ValueEnumerator(answerType: answerType, leaves: leaves, operations: operations, costs: costs, types: types, limits: limits)
    }
}
