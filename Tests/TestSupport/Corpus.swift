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
