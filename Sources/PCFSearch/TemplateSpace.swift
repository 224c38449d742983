import Numbers
import SearchEngine

/// A structured family of PCFs: templates for a(n) and b(n) with integer parameters, such as Apéry's
/// zeta(3) family a = (x0 n + x1)(x2 n(n+1) + x3), b = x4 n^6 (docs/ALGORITHMS.md §2). A template of an
/// interlaced fraction lists its parts with `|`: b = "x0 n^2 | x1 (n+1)^2" is x0 n^2 at even n and
/// x1 (n+1)^2 at odd n.
public struct PCFFamily: Codable, Hashable, Sendable {
    public var a: String
    public var b: String
    /// An inclusive range [lo, hi] per parameter name.
    public var parameters: [String: [Int]]

    public init(a: String, b: String, parameters: [String: [Int]]) {
        self.a = a; self.b = b; self.parameters = parameters
    }
}

/// Every PCF of a family, addressed by index: the a-variants (one per assignment of a's parameters)
/// times the b-variants, b fastest; a variant is the coefficient lists of its parts. Parameters may not
/// appear in both templates.
public struct TemplateSpace: SearchSpace {
    public let aVariants: [[[Int]]]
    public let bVariants: [[[Int]]]
    public var count: Int { aVariants.count * bVariants.count }

    public init(_ family: PCFFamily) throws {
        let (aNames, bNames) = try TemplateSpace.check(family)
        aVariants = try TemplateSpace.variants(family.a, names: aNames.sorted(), ranges: family.parameters)
        bVariants = try TemplateSpace.variants(family.b, names: bNames.sorted(), ranges: family.parameters)
        guard Double(aVariants.count) * Double(bVariants.count) < 9e15 else { throw SearchError("the family is too large to index") }
    }

    /// Checks a family's parameters without enumerating it; returns the parameter names of a and of b.
    @discardableResult
    public static func check(_ family: PCFFamily) throws -> (Set<String>, Set<String>) {
        let aNames = try TemplateSpace.names(in: family.a), bNames = try TemplateSpace.names(in: family.b)
        if let shared = aNames.intersection(bNames).first {
            throw SearchError("parameter \(shared) appears in both templates; give each template its own parameters")
        }
        for name in aNames.union(bNames) where family.parameters[name] == nil {
            throw SearchError("the family's templates use \(name) but the spec gives it no range")
        }
        for (name, range) in family.parameters {
            guard range.count == 2, range[0] <= range[1] else { throw SearchError("the range of \(name) must be [lo, hi] with lo <= hi") }
            guard range[0] >= -1_000_000, range[1] <= 1_000_000 else { throw SearchError("the range of \(name) must lie within [-10^6, 10^6]") }
        }
        return (aNames, bNames)
    }

    public func candidate(at index: Int) -> SmallPCF {
        SmallPCF(aParts: aVariants[index / bVariants.count], bParts: bVariants[index % bVariants.count])
    }

    /// The names other than n in a template.
    static func names(in template: String) throws -> Set<String> {
        var names = Set<String>()
        for token in try tokenize(template) {
            if case .identifier(let name) = token.kind, name != "n" { names.insert(name) }
        }
        return names
    }

    /// The coefficient lists of the template's parts for every assignment of its parameters.
    static func variants(_ template: String, names: [String], ranges: [String: [Int]]) throws -> [[[Int]]] {
        // In floating point: the product of many wide ranges overflows Int (it is only compared with a bound).
        let total = names.reduce(1.0) { $0 * (Double(ranges[$1]![1]) - Double(ranges[$1]![0]) + 1) }
        guard total <= 50_000_000 else { throw SearchError("a template has \(String(format: "%.3g", total)) variants, more than 5e7") }
        let parts = template.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        // Tokenize once: only the parameter values change from one variant to the next.
        let streams = try parts.map { try TokenStream($0) }
        guard parts.count <= 16 else { throw SearchError("the template \(template) has \(parts.count) parts; interlacing is limited to period 16") }
        var assignment = Dictionary(uniqueKeysWithValues: names.map { ($0, ranges[$0]![0]) })
        var variants: [[[Int]]] = []
        while true {
            variants.append(try streams.map { stream in
                var stream = stream
                let polynomial = try Polynomial.parse(&stream, parameters: assignment)
                try stream.expectEnd()
                let coefficients = polynomial.coefficients.compactMap(\.asInt)
                guard polynomial.degree <= 24 else { throw SearchError("the template \(template) has degree \(polynomial.degree); the first pass handles degree 24 at most") }
                guard coefficients.count == polynomial.coefficients.count, coefficients.allSatisfy({ abs($0) < 1 << 40 }) else {
                    throw SearchError("the template \(template) gives coefficients too large for the first pass")
                }
                return coefficients.isEmpty ? [0] : coefficients
            })
            var i = names.count - 1
            while i >= 0 {
                let name = names[i]
                if assignment[name]! < ranges[name]![1] { assignment[name]! += 1; break }
                assignment[name] = ranges[name]![0]
                i -= 1
            }
            if i < 0 { return variants }
        }
    }
}
