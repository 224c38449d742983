/// A P3 answer type: `int`, `float`, `bool`, `str` and `List[...]` of them, nested.
public indirect enum AnswerType: Hashable, Sendable, CustomStringConvertible {
    case int, float, bool, str
    case list(AnswerType)

    /// Parses P3's spelling (`List[List[int]]`); nil for a type the solver does not know.
    public init?(_ text: String) {
        let text = text.filter { $0 != " " }
        switch text {
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "str": self = .str
        default:
            guard text.hasPrefix("List["), text.hasSuffix("]"), let element = AnswerType(String(text.dropFirst(5).dropLast())) else { return nil }
            self = .list(element)
        }
    }

    public var description: String {
        switch self {
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .str: return "str"
        case .list(let element): return "List[\(element)]"
        }
    }

    public var element: AnswerType? { if case .list(let e) = self { return e } else { return nil } }

    /// List nesting depth: 0 for a scalar.
    public var depth: Int { element.map { $0.depth + 1 } ?? 0 }
}
