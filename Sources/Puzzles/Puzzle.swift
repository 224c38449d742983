import Foundation

/// One P3 puzzle as the solver sees it. Only `name`, `sat`, `ans_type` and `sol_header` are read from a
/// puzzle file (and `module`, the domain, for the pass@k tables): reference solutions and docstrings never are.
public struct Puzzle: Sendable, Equatable {
    public let name: String
    public let sat: String
    public let answerTypeName: String
    public let solutionHeader: String
    public let domain: String

    public init(name: String, sat: String, answerTypeName: String, solutionHeader: String = "", domain: String = "") {
        self.name = name
        self.sat = sat
        self.answerTypeName = answerTypeName
        self.solutionHeader = solutionHeader
        self.domain = domain
    }

    /// "Template" of "Template:3".
    public var template: String { String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name)) }
    public var answerType: AnswerType? { AnswerType(answerTypeName) }
}

/// A puzzle file: the puzzles it holds, and the entries that could not be read (marked and skipped).
public struct PuzzleFile: Sendable {
    public struct Rejected: Sendable, Equatable {
        public let name: String
        public let reason: String
    }

    public let puzzles: [Puzzle]
    public let rejected: [Rejected]

    /// Reads a file in P3's schema: a JSON array of objects (or an object with a "puzzles" array). A file that
    /// is not such JSON, or holds no usable puzzle, is an error; a single bad entry is rejected with its reason.
    public static func load(path: String) throws -> PuzzleFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw PuzzleError("cannot read the puzzle file \(path)") }
        let root: JSONNode
        do { root = try JSONNode.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw PuzzleError("\(path) is not JSON (\(error))")
        }
        guard let items = root.array ?? root["puzzles"]?.array else {
            throw PuzzleError("\(path) is not a P3 puzzle file: expected a JSON array of puzzles")
        }
        var puzzles: [Puzzle] = [], rejected: [Rejected] = [], names = Set<String>()
        for (index, item) in items.enumerated() {
            let label = item["name"]?.string ?? "entry \(index + 1)"
            guard case .object = item else { rejected.append(Rejected(name: label, reason: "not a JSON object")); continue }
            let missing = ["name", "sat", "ans_type"].filter { item[$0]?.string == nil }
            if !missing.isEmpty {
                rejected.append(Rejected(name: label, reason: "missing \(missing.joined(separator: ", "))"))
                continue
            }
            let puzzle = Puzzle(name: label, sat: item["sat"]!.string!, answerTypeName: item["ans_type"]!.string!,
                                solutionHeader: item["sol_header"]?.string ?? "", domain: (item["module"]?.string ?? "").replacingOccurrences(of: ".py", with: ""))
            guard puzzle.answerType != nil else {
                rejected.append(Rejected(name: label, reason: "unknown ans_type \(puzzle.answerTypeName)"))
                continue
            }
            guard names.insert(label).inserted else { rejected.append(Rejected(name: label, reason: "duplicate name")); continue }
            puzzles.append(puzzle)
        }
        guard !puzzles.isEmpty else {
            throw PuzzleError("\(path) holds no usable puzzle" + (rejected.first.map { " (\($0.name): \($0.reason))" } ?? ""))
        }
        return PuzzleFile(puzzles: puzzles, rejected: rejected)
    }

    /// The first instance of each template, as the P3 paper counts templates.
    public var firstInstances: [Puzzle] {
        var seen = Set<String>()
        return puzzles.filter { seen.insert($0.template).inserted }
    }
}

public struct PuzzleError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
