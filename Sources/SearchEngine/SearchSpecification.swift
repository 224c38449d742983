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
