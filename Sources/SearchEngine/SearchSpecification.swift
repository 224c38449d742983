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
    public static func load(file path: String, explain: (DecodingError) -> String) throws -> Self {
        guard let data = FileManager.default.contents(atPath: path) else { throw SearchError("cannot read the spec file \(path)") }
        do { return try JSONDecoder().decode(Self.self, from: data) } catch let error as DecodingError {
            throw SearchError("\(path) is not a valid spec: \(explain(error))")
        } catch { throw SearchError("\(path) is not valid JSON") }
    }
}
