import Numbers
import Synchronization

/// A named mathematical constant, computable at any precision.
public struct Constant: Sendable {
    /// The name the expression language uses: `pi`, `catalan`, `zeta3`.
    public let name: String
    /// Other accepted names (mpmath's among them): `apery` for `zeta3`.
    public let aliases: [String]
    public let summary: String
    /// The value in mpmath-compatible expression syntax, where it has one (`zeta(3)`).
    public let expression: String
    let compute: @Sendable (Int) -> BigFloat

    public init(_ name: String, aliases: [String] = [], expression: String? = nil, _ summary: String,
                compute: @escaping @Sendable (Int) -> BigFloat) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.expression = expression ?? name
        self.compute = compute
    }

    /// The value rounded to `precision` bits, computed once at the highest precision asked so far.
    public func value(precision: Int) -> BigFloat {
        if let cached = ConstantCache.shared.lookup(name, precision: precision) { return cached }
        let fresh = compute(precision + 16)
        ConstantCache.shared.store(name, fresh)
        return fresh.rounded(toPrecision: precision)
    }
}

/// Values already computed, by constant name; a value serves any lower precision.
final class ConstantCache: Sendable {
    static let shared = ConstantCache()
    private let values = Mutex<[String: BigFloat]>([:])

    func lookup(_ name: String, precision: Int) -> BigFloat? {
        values.withLock { table in
            guard let value = table[name], value.precision >= precision + 16 else { return nil }
            return value.rounded(toPrecision: precision)
        }
    }

    func store(_ name: String, _ value: BigFloat) {
        values.withLock { table in
            if (table[name]?.precision ?? 0) < value.precision { table[name] = value }
        }
    }
}
