import Foundation

/// A search's description, as its clients store it: two runs are the same search exactly when their
/// canonical JSON agrees, and the identifier names that search in databases and checkpoints.
public protocol SearchSpecification: Encodable {}

extension SearchSpecification {
    /// The spec as canonical JSON (sorted keys).
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// A stable 64-bit FNV-1a hash of the canonical JSON, in hex.
    public var canonicalHash: String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in canonicalJSON.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}

extension SearchSpecification where Self: Decodable {
    /// Reads a spec file; errors name the file and say what is wrong (`explain` phrases decoding errors).
    /// With `fields`, a top-level field not among them is refused, with the nearest known name: a misspelt
    /// field would otherwise be ignored without a word.
    public static func load(file path: String, fields: [String]? = nil, explain: (DecodingError) -> String) throws -> Self {
        guard let data = FileManager.default.contents(atPath: path) else { throw SearchError("cannot read the spec file \(path)") }
        if let fields, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in object.keys.sorted() where !fields.contains(key) {
                throw SearchError("\(path): unknown field \"\(key)\"\(nearestName(key, in: fields).map { " (did you mean \"\($0)\"?)" } ?? "")")
            }
        }
        do { return try JSONDecoder().decode(Self.self, from: data) } catch let error as DecodingError {
            throw SearchError("\(path) is not a valid spec: \(explain(error))")
        } catch { throw SearchError("\(path) is not valid JSON") }
    }
}

/// The known name closest to `name` by edit distance, when it is close enough to be a likely misspelling.
public func nearestName(_ name: String, in known: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() { current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))) }
            previous = current
        }
        return previous[b.count]
    }
    let best = known.map { ($0, distance(Array(name.lowercased()), Array($0.lowercased()))) }.min { $0.1 < $1.1 }
    return best.flatMap { $0.1 <= max(2, name.count / 3) ? $0.0 : nil }
}
