/// What the worker read from sat's syntax tree (Python's own parser, never executing it): the default
/// arguments (the instance's constants), the literals, the functions, methods and operators it uses.
public struct SatAnalysis: Sendable, Equatable {
    public struct Argument: Sendable, Equatable {
        public let name: String
        public let value: PyValue
    }

    public let defaults: [Argument]
    public let constants: [PyValue]
    public let names: [String]
    public let attributes: [String]
    public let operators: [String]

    /// Reads the worker's analysis reply.
    public init(parsing node: JSONNode) {
        defaults = (node["defaults"]?.array ?? []).compactMap { item in
            guard let name = item["name"]?.string, let value = item["value"]?.value else { return nil }
            return Argument(name: name, value: value)
        }
        constants = (node["constants"]?.array ?? []).compactMap(\.value)
        names = (node["names"]?.array ?? []).compactMap(\.string)
        attributes = (node["attrs"]?.array ?? []).compactMap(\.string)
        operators = (node["ops"]?.array ?? []).compactMap(\.string)
    }

    /// The features guidance learns from: functions (`name:len`), methods (`attr:count`), operators
    /// (`op:Mod`), the answer type (`ans:List[int]`) and the types of the constants (`const:str`).
    public func features(answerType: AnswerType) -> Set<String> {
        var features = Set(names.map { "name:" + $0 } + attributes.map { "attr:" + $0 } + operators.map { "op:" + $0 })
        features.insert("ans:\(answerType)")
        for value in defaults.map(\.value) + constants {
            if let type = value.type { features.insert("const:\(type)") }
        }
        return features
    }
}
