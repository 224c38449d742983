import Foundation

/// The project's data files in `Corpora/`, read from the checkout (tests read nothing outside the checkout).
public enum Corpus {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpora")

    public static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A known PCF of `known_pcfs.json`.
    public struct KnownPCF: Sendable {
        public let name: String
        public let a: [Int]
        public let b: [Int]
        public let limit: String
        public let verifiedDigits: Int
        public let digitsPerTerm: Double?
        public let delta1000: Double?
        public let convergenceClass: String
    }

    public static func knownPCFs() throws -> [KnownPCF] {
        let formulas = try json("known_pcfs.json")["formulas"] as! [[String: Any]]
        return formulas.map { f in
            KnownPCF(name: f["name"] as! String, a: f["a"] as! [Int], b: f["b"] as! [Int],
                     limit: f["limit_expr"] as! String, verifiedDigits: f["verified_digits"] as! Int,
                     digitsPerTerm: f["digits_per_term"] as? Double, delta1000: f["delta_depth1000"] as? Double,
                     convergenceClass: f["convergence_class"] as! String)
        }
    }

    /// A sequence of `sequences.json`, its terms as decimal strings (they exceed 64 bits).
    public struct KnownSequence: Sendable {
        public let name: String
        public let kind: String
        public let valueExpression: String?
        public let terms: [String]
    }

    /// The entries of `sequences.json`. The terms are read from the text itself: JSONSerialization would
    /// turn integers beyond 64 bits into doubles.
    public static func sequences() throws -> [KnownSequence] {
        let text = try String(contentsOf: directory.appendingPathComponent("sequences.json"), encoding: .utf8)
        let entries = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
        var rest = Substring(text)
        return entries.map { entry in
            let start = rest.range(of: "\"terms\": [")!.upperBound
            let end = rest[start...].firstIndex(of: "]")!
            let terms = rest[start..<end].split(separator: ",").map { $0.filter { $0.isNumber || $0 == "-" } }
            rest = rest[end...]
            return KnownSequence(name: entry["name"] as! String, kind: entry["kind"] as! String,
                                 valueExpression: entry["value_expr"] as? String, terms: terms)
        }
    }

    /// Reference values (expression, decimal digits) of `constants.json`, computed independently with mpmath.
    public static func referenceValues() throws -> [(expression: String, value: String)] {
        let values = try json("constants.json")["values"] as! [[String: String]]
        return values.map { ($0["expression"]!, $0["value"]!) }
    }
}

/// Count of leading significant decimal digits on which two decimal strings agree.
public func agreeingDigits(_ x: String, _ y: String) -> Int {
    let a = Array(x.filter(\.isNumber).drop(while: { $0 == "0" }))
    let b = Array(y.filter(\.isNumber).drop(while: { $0 == "0" }))
    var n = 0
    while n < min(a.count, b.count) && a[n] == b[n] { n += 1 }
    return n
}
