import Expressions
import Foundation
import SearchEngine

/// An ESMA search (docs/ALGORITHMS.md §3), as a spec file (see Conjectures/) or the `apery esma` flags: left
/// sides P(K)/Q(K) of a constant K, times sign patterns.
public struct ESMASpec: Codable, Hashable, Sendable, SearchSpecification {
    /// The constant K: a library name or an expression.
    public var constant: String
    /// Largest degree of P and Q.
    public var degree: Int = 1
    /// Coefficients of P and Q range over [-c, c].
    public var coefficients: Int = 2
    /// Sign patterns of every length 1...maxPattern (primitive ones, repeated periodically).
    public var maxPattern: Int = 4
    /// Terms extracted for Berlekamp–Massey.
    public var depth: Int = 100
    /// Terms regenerated from the recurrence for approval, and the digits they must reproduce.
    public var approvalTerms: Int = 1000
    public var approvalDigits: Int = 100
    public var chunkSize: Int = 256

    public init(constant: String, degree: Int = 1, coefficients: Int = 2, maxPattern: Int = 4, depth: Int = 100,
                approvalTerms: Int = 1000, approvalDigits: Int = 100, chunkSize: Int = 256) {
        self.constant = constant; self.degree = degree; self.coefficients = coefficients; self.maxPattern = maxPattern
        self.depth = depth; self.approvalTerms = approvalTerms; self.approvalDigits = approvalDigits; self.chunkSize = chunkSize
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case constant, degree, coefficients, maxPattern = "max_pattern", depth, approvalTerms = "approval_terms"
        case approvalDigits = "approval_digits", chunkSize = "chunk_size"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        constant = try c.decode(String.self, forKey: .constant)
        degree = try c.decodeIfPresent(Int.self, forKey: .degree) ?? 1
        coefficients = try c.decodeIfPresent(Int.self, forKey: .coefficients) ?? 2
        maxPattern = try c.decodeIfPresent(Int.self, forKey: .maxPattern) ?? 4
        depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? 100
        approvalTerms = try c.decodeIfPresent(Int.self, forKey: .approvalTerms) ?? 1000
        approvalDigits = try c.decodeIfPresent(Int.self, forKey: .approvalDigits) ?? 100
        chunkSize = try c.decodeIfPresent(Int.self, forKey: .chunkSize) ?? 256
    }

    public init(file path: String) throws {
        self = try ESMASpec.load(file: path, fields: CodingKeys.allCases.map(\.rawValue)) { _ in "an ESMA spec needs \"constant\" (see Conjectures/README.md)" }
        try validate()
    }

    public func validate() throws {
        do { _ = try Expression(parsing: constant) } catch { throw SearchError("unknown constant '\(constant)' (see `apery constants`)") }
        guard (0...4).contains(degree) else { throw SearchError("degree must be between 0 and 4") }
        guard (1...20).contains(coefficients) else { throw SearchError("coefficients must be between 1 and 20") }
        guard (1...10).contains(maxPattern) else { throw SearchError("max_pattern must be between 1 and 10") }
        guard (20...1000).contains(depth) else { throw SearchError("depth must be between 20 and 1000") }
        guard (depth...100_000).contains(approvalTerms) else { throw SearchError("approval_terms must be between depth and 100000") }
        guard (20...10_000).contains(approvalDigits) else { throw SearchError("approval_digits must be between 20 and 10000") }
        guard chunkSize >= 1 else { throw SearchError("chunk_size must be positive") }
        let pairs = pow(Double(2 * coefficients + 1), Double(2 * (degree + 1)))
        guard pairs <= 1e8 else { throw SearchError("the left sides number \(Int(pairs)) before de-duplication; lower degree or coefficients") }
    }

    /// The search's name in databases: the hash of its canonical JSON.
    public var identifier: String { "esma-" + canonicalHash }
}
