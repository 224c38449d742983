/// Cost-ordered bottom-up enumeration of Python values: every value is built from sat's constants and small
/// literals by the operations of the catalog, cheapest first, and kept once (observational equivalence:
/// with no inputs, two expressions are equivalent when their values are equal). The values of the answer
/// type come out in order of cost; the others are building blocks.
public struct ValueEnumerator: IteratorProtocol {
    /// A leaf of the enumeration: a value with its cost, and how it reads (an argument's name or a literal).
    public struct Leaf: Sendable {
        public let value: PyValue
        public let cost: Int
        public let text: String?
    }

    struct Entry {
        let value: PyValue
        let operation: Int32
        let arguments: [Int32]
        let text: String?
    }

    public let answerType: AnswerType
    let operations: [Operation]
    let costs: [Int]
    let limits: ValueLimits
    let types: [AnswerType]
    private var leavesByCost: [Int: [Leaf]]
    private var entries: [Entry] = []
    private var seen: [PyValue: Int32] = [:]
    private var byType: [AnswerType: [[Int32]]] = [:]
    private var level = 0
    private let maxLevel: Int
    private var pending: [Int32] = []
    private var pendingIndex = 0
    /// Operation applications per cost level, new values of one type per level, and entries overall: bounds
    /// on time and memory, so that building blocks of one type (integers) cannot crowd out the levels that
    /// reach the answer type.
    public var maxApplicationsPerLevel = 400_000
    public var maxNewPerTypeAndLevel = 25_000
    public var maxEntries = 300_000
    /// Bytes of values held: 2 workers must fit beside the Python processes.
    public var maxBytes = 400_000_000
    private var bytes = 0
    public private(set) var applications = 0
    private var newThisLevel: [AnswerType: Int] = [:]

    public init(answerType: AnswerType, leaves: [Leaf], operations: [Operation], costs: [Int], types: Set<AnswerType>, limits: ValueLimits, maxLevel: Int = 12) {
        self.answerType = answerType
        self.operations = operations
        self.costs = costs
        self.limits = limits
        self.types = types.sorted { $0.description < $1.description }
        self.maxLevel = maxLevel
        leavesByCost = Dictionary(grouping: leaves, by: \.cost)
    }

    /// A value of the answer type, with the Python expression that builds it and the operations it uses.
    public struct Enumerated: Sendable {
        public let value: PyValue
        public let expression: String
        public let operations: [String]
    }

    /// The next value of the answer type.
    public mutating func next() -> Enumerated? {
        while pendingIndex >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            level += 1
            if level > maxLevel || entries.count >= maxEntries || bytes >= maxBytes { return nil }
            build(level: level)
        }
        let id = pending[pendingIndex]
        pendingIndex += 1
        return Enumerated(value: entries[Int(id)].value, expression: expression(of: id), operations: operationKeys(of: id))
    }

    /// The Python expression of an entry.
    func expression(of id: Int32) -> String {
        let entry = entries[Int(id)]
        if entry.operation < 0 { return entry.text ?? entry.value.python }
        return operations[Int(entry.operation)].render(entry.arguments.map(expression(of:)))
    }

    @discardableResult
    private mutating func insert(_ value: PyValue, cost: Int, operation: Int32, arguments: [Int32], text: String?) -> Bool {
        let weight = value.weight
        guard weight <= limits.maxWeight(of: value), seen[value] == nil else { return false }
        bytes += weight
        let id = Int32(entries.count)
        entries.append(Entry(value: value, operation: operation, arguments: arguments, text: text))
        seen[value] = id
        // A list past the usual weight (one as long as sat's sizes) is tried, not built upon: every operation over
        // it would cost its length.
        guard weight <= limits.maxWeight else {
            if value.has(type: answerType) { pending.append(id) }
            return true
        }
        for type in memberships(of: value) {
            var lists = byType[type] ?? []
            while lists.count <= cost { lists.append([]) }
            lists[cost].append(id)
            byType[type] = lists
        }
        if value.has(type: answerType) { pending.append(id) }
        return true
    }

    private func memberships(of value: PyValue) -> [AnswerType] {
        switch value {
        case .int: return [.int]
        case .float: return [.float]
        case .bool: return [.bool]
        case .str: return [.str]
        case .list: return types.filter { $0.element != nil && value.has(type: $0) }
        }
    }

    private func ids(_ type: AnswerType, cost: Int) -> [Int32] {
        guard let lists = byType[type], cost < lists.count else { return [] }
        return lists[cost]
    }

    private mutating func build(level cost: Int) {
        for leaf in leavesByCost[cost] ?? [] { insert(leaf.value, cost: cost, operation: -1, arguments: [], text: leaf.text) }
        applications = 0
        newThisLevel = [:]
        for (index, operation) in operations.enumerated() {
            if newThisLevel[operation.result, default: 0] >= maxNewPerTypeAndLevel { continue }
            let remaining = cost - costs[index]
            let arity = operation.arguments.count
            guard remaining >= arity else { continue }
            switch arity {
            case 1:
                for x in ids(operation.arguments[0], cost: remaining) {
                    guard let go = apply(index, [x], cost: cost) else { return }
                    if !go { break }
                }
            case 2:
                pairs: for a in 1..<remaining {
                    let xs = ids(operation.arguments[0], cost: a), ys = ids(operation.arguments[1], cost: remaining - a)
                    if xs.isEmpty || ys.isEmpty { continue }
                    for x in xs {
                        for y in ys {
                            guard let go = apply(index, [x, y], cost: cost) else { return }
                            if !go { break pairs }
                        }
                    }
                }
            default:
                triples: for a in 1..<remaining - 1 {
                    for b in 1..<remaining - a {
                        let xs = ids(operation.arguments[0], cost: a), ys = ids(operation.arguments[1], cost: b)
                        let zs = ids(operation.arguments[2], cost: remaining - a - b)
                        if xs.isEmpty || ys.isEmpty || zs.isEmpty { continue }
                        for x in xs {
                            for y in ys {
                                for z in zs {
                                    guard let go = apply(index, [x, y, z], cost: cost) else { return }
                                    if !go { break triples }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Applies an operation: nil when the level's budget of applications or entries is spent, false when
    /// the operation's result type has its fill for this level.
    private mutating func apply(_ index: Int, _ arguments: [Int32], cost: Int) -> Bool? {
        applications += 1
        let operation = operations[index]
        if let value = operation.apply(arguments.map { entries[Int($0)].value }),
           insert(value, cost: cost, operation: Int32(index), arguments: arguments, text: nil) {
            newThisLevel[operation.result, default: 0] += 1
        }
        if applications >= maxApplicationsPerLevel || entries.count >= maxEntries || bytes >= maxBytes { return nil }
        return newThisLevel[operation.result, default: 0] < maxNewPerTypeAndLevel
    }

    /// Operation keys used by an entry's expression (what guidance learns from a solution).
    func operationKeys(of id: Int32) -> [String] {
        let entry = entries[Int(id)]
        guard entry.operation >= 0 else { return [] }
        return [operations[Int(entry.operation)].key] + entry.arguments.flatMap(operationKeys(of:))
    }
}
