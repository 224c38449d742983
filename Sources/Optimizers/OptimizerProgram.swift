/// An update rule in the form of Chen et al. 2023: a straight-line sequence of assignments, each applying one
/// function to constants or earlier variables, from the inputs w, g, m, v, lr to the outputs update, m, v.
/// The training loop applies `w <- w - update`; m and v start at zeros.
public struct OptimizerProgram: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Argument: Sendable, Equatable, Codable {
        case variable(String)
        case constant(Double)
    }

    public struct Statement: Sendable, Equatable, Codable {
        public var target: String
        public var function: OptimizerFunction
        public var arguments: [Argument]

        public init(target: String, function: OptimizerFunction, arguments: [Argument]) {
            self.target = target
            self.function = function
            self.arguments = arguments
        }
    }

    /// An ancestor in a search: its serial in the island and its fitness.
    public struct Ancestor: Sendable, Equatable, Codable {
        public var serial: Int
        public var fitness: Double
    }

    public static let inputs = ["w", "g", "m", "v", "lr"]

    public var statements: [Statement]
    /// The variables returned as (update, m, v).
    public var outputs: [String]
    /// How evolution reached this program: the ancestors that improved on theirs, oldest first (at most 40).
    /// Not part of what the program is: equality ignores it.
    public var lineage: [Ancestor] = []

    public init(statements: [Statement], outputs: [String] = ["update", "m", "v"]) {
        self.statements = statements
        self.outputs = outputs
    }

    public static func == (a: OptimizerProgram, b: OptimizerProgram) -> Bool { a.statements == b.statements && a.outputs == b.outputs }

    enum CodingKeys: String, CodingKey { case statements, outputs, lineage }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statements = try c.decode([Statement].self, forKey: .statements)
        outputs = try c.decode([String].self, forKey: .outputs)
        lineage = try c.decodeIfPresent([Ancestor].self, forKey: .lineage) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statements, forKey: .statements)
        try c.encode(outputs, forKey: .outputs)
        if !lineage.isEmpty { try c.encode(lineage, forKey: .lineage) }
    }

    /// The program as text in the reference's Python-like form, which `init(parsing:)` reads back.
    public var description: String {
        var lines = ["def train(w, g, m, v, lr):"]
        for s in statements { lines.append("    \(s.target) = \(OptimizerProgram.expression(s))") }
        lines.append("    return " + outputs.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    static func expression(_ s: Statement) -> String {
        let args = s.arguments.map(text)
        if s.function.isOperator { return "\(args[0]) \(s.function.rawValue) \(args[1])" }
        return "\(s.function.rawValue)(\(args.joined(separator: ", ")))"
    }

    static func text(_ argument: Argument) -> String {
        switch argument {
        case .variable(let name): return name
        case .constant(let c):
            if c == c.rounded(), Swift.abs(c) < 1e15 { return String(format: "%.1f", c) }
            return "\(c)"
        }
    }
}
