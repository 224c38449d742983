import Constants
import Expressions
import Foundation
import SearchEngine

/// A PCF search, as a spec file (JSON, see Conjectures/) or the equivalent `apery search pcf` flags.
///
/// The domain is a box of integer coefficients for a(n) and b(n): one range per coefficient, lowest
/// degree first (a single range given on the command line applies to every coefficient).
public struct PCFSearchSpec: Codable, Hashable, Sendable, SearchSpecification {
    /// The constants whose Moebius forms make the left-side table: library names or expressions.
    public var constants: [String]
    /// Inclusive ranges [lo, hi] for the coefficients of a(n) and b(n), lowest degree first
    /// (empty when the space is a structured family).
    public var a: [[Int]]
    public var b: [[Int]]
    /// A structured family (templates with parameters) instead of coefficient boxes.
    public var family: PCFFamily?
    /// "mitm" (meet in the middle against a left-side table) or "fr" (factorial reduction and integer relations).
    public var mode: String = "mitm"
    /// Left-side coefficients range over [-lhsRange, lhsRange] (meet in the middle only).
    public var lhsRange: Int
    /// Depth of the first (floating-point) pass.
    public var depth: Int = 32
    /// Significant digits at which the first pass compares values with the left side.
    public var keyDigits: Int = 9
    /// Digits to which every hit is verified with exact convergents.
    public var verifyDigits: Int = 100
    /// Candidates per chunk: the unit of sharding, checkpointing and resumption.
    public var chunkSize: Int = 1 << 16

    public init(constants: [String], a: [[Int]] = [], b: [[Int]] = [], family: PCFFamily? = nil, lhsRange: Int, depth: Int = 32,
                keyDigits: Int = 9, verifyDigits: Int = 100, chunkSize: Int = 1 << 16) {
        self.constants = constants; self.a = a; self.b = b; self.family = family; self.lhsRange = lhsRange; self.depth = depth
        self.keyDigits = keyDigits; self.verifyDigits = verifyDigits; self.chunkSize = chunkSize
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case constants, a, b, family, mode, lhsRange = "lhs_range", depth, keyDigits = "key_digits"
        case verifyDigits = "verify_digits", chunkSize = "chunk_size"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        constants = try c.decode([String].self, forKey: .constants)
        family = try c.decodeIfPresent(PCFFamily.self, forKey: .family)
        a = try family == nil ? c.decode([[Int]].self, forKey: .a) : (c.decodeIfPresent([[Int]].self, forKey: .a) ?? [])
        b = try family == nil ? c.decode([[Int]].self, forKey: .b) : (c.decodeIfPresent([[Int]].self, forKey: .b) ?? [])
        mode = try c.decodeIfPresent(String.self, forKey: .mode) ?? "mitm"
        lhsRange = try mode == "fr" ? (c.decodeIfPresent(Int.self, forKey: .lhsRange) ?? 1) : c.decode(Int.self, forKey: .lhsRange)
        depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? 32
        keyDigits = try c.decodeIfPresent(Int.self, forKey: .keyDigits) ?? 9
        verifyDigits = try c.decodeIfPresent(Int.self, forKey: .verifyDigits) ?? 100
        chunkSize = try c.decodeIfPresent(Int.self, forKey: .chunkSize) ?? (1 << 16)
    }

    /// Reads a spec file, with errors that name the file and the problem.
    public init(file path: String) throws {
        self = try PCFSearchSpec.load(file: path, fields: CodingKeys.allCases.map(\.rawValue))
        try validate()
    }

    /// Parses "lo:hi" (also "-5:5").
    public static func range(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]) else {
            throw SearchError("a range is lo:hi such as -5:5, not \(text)")
        }
        return [lo, hi]
    }

    /// Checks the ranges and constants; throws a one-line explanation.
    public func validate() throws {
        guard !constants.isEmpty else { throw SearchError("the spec names no constant") }
        for name in constants {
            do { _ = try Expression(parsing: name) } catch {
                throw SearchError("unknown constant '\(name)' in the spec (see `apery constants`)")
            }
        }
        if let family {
            guard a.isEmpty && b.isEmpty else { throw SearchError("give either coefficient ranges (a, b) or a family, not both") }
            try TemplateSpace.check(family)
        }
        for (label, ranges) in family == nil ? [("a", a), ("b", b)] : [] {
            guard !ranges.isEmpty else { throw SearchError("the spec gives no coefficient range for \(label)") }
            guard ranges.count <= 25 else { throw SearchError("\(label) has degree \(ranges.count - 1); the first pass handles degree 24 at most") }
            for (k, r) in ranges.enumerated() {
                guard r.count == 2 else { throw SearchError("the range of \(label)'s coefficient \(k) must be [lo, hi]") }
                guard r[0] <= r[1] else { throw SearchError("the range of \(label)'s coefficient \(k) is inverted: \(r[0]) > \(r[1])") }
                guard r[0] >= -1_000_000, r[1] <= 1_000_000 else { throw SearchError("coefficients are limited to [-10^6, 10^6]") }
            }
        }
        guard ["mitm", "fr"].contains(mode) else { throw SearchError("mode must be mitm or fr, not \(mode)") }
        guard (1...1000).contains(lhsRange) else { throw SearchError("lhs_range must be between 1 and 1000") }
        guard (8...10_000).contains(depth) else { throw SearchError("depth must be between 8 and 10000") }
        guard (4...14).contains(keyDigits) else { throw SearchError("key_digits must be between 4 and 14") }
        guard (20...10_000).contains(verifyDigits) else { throw SearchError("verify_digits must be between 20 and 10000") }
        guard chunkSize >= 1 else { throw SearchError("chunk_size must be positive") }
        if family == nil {
            let count = a.reduce(1.0) { $0 * Double($1[1] - $1[0] + 1) } * b.reduce(1.0) { $0 * Double($1[1] - $1[0] + 1) }
            guard count < 9e15 else { throw SearchError("the space has \(count) PCFs, more than can be indexed") }
        }
    }

    /// The search's name in databases: the hash of its canonical JSON.
    public var identifier: String { canonicalHash }
}
