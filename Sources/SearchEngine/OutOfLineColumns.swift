import Foundation

/// The long packed columns of a saved state, kept as bytes beside its JSON. A large archive's columns are megabytes:
/// as base64 inside the JSON text they cost an encoding, a third more to store, and a check of every character by
/// the JSON coders; for an archive of 72,000 vectors of 20 reals, saving took longer than the search. A coder that
/// carries an `OutOfLineColumns` in its user info writes and reads each long column as a reference, `@bytes:offset:count`,
/// into `bytes` (the columns' little-endian words, one after another); a coder without one reads and writes base64.
/// No base64 text contains `@` or `:`, so a reference is never mistaken for a column.
public final class OutOfLineColumns {
    public static let userInfoKey = CodingUserInfoKey(rawValue: "apery.outOfLineColumns")!
    /// Columns of fewer words than this stay in the JSON as base64.
    static let minimumWords = 1 << 13

    /// The columns' bytes: what a store saves beside the JSON, or what a decoder resolves references in.
    public private(set) var bytes: Data

    public init(bytes: Data = Data()) { self.bytes = bytes }

    /// The text an encoder writes for the packed column of `leading` followed by `values`: a reference to bytes
    /// appended here when the encoder carries columns and the column is long, else base64.
    public static func encodable(_ values: [Double], after leading: [Double] = [], encoder: Encoder) -> String {
        guard leading.count + values.count >= minimumWords, let columns = encoder.userInfo[userInfoKey] as? OutOfLineColumns else {
            return PackedBits.encode(leading + values)
        }
        return columns.append([leading, values], bits: \.bitPattern)
    }

    public static func encodable(_ values: [Int], encoder: Encoder) -> String {
        guard values.count >= minimumWords, let columns = encoder.userInfo[userInfoKey] as? OutOfLineColumns else { return PackedBits.encode(values) }
        return columns.append([values]) { UInt64(bitPattern: Int64($0)) }
    }

    /// Appends the arrays' words, one after another, and returns the reference to them.
    private func append<Element>(_ arrays: [[Element]], bits: (Element) -> UInt64) -> String {
        let offset = bytes.count, count = arrays.reduce(0) { $0 + $1.count }
        bytes.reserveCapacity(offset + 8 * count)
        for array in arrays {
            // One copy where the words lie in memory in little-endian order already.
            if UInt64(1).littleEndian == 1, MemoryLayout<Element>.size == 8 {
                array.withUnsafeBytes { bytes.append(contentsOf: $0) }
            } else {
                for element in array { withUnsafeBytes(of: bits(element).littleEndian) { bytes.append(contentsOf: $0) } }
            }
        }
        return "@bytes:\(offset):\(8 * count)"
    }

    /// The words of a saved packed column: base64, or a reference resolved in the decoder's columns; nil when it is
    /// neither, or refers past the end of the columns.
    public static func words(_ text: String, decoder: Decoder) -> [UInt64]? {
        guard text.hasPrefix("@bytes:") else { return PackedBits.words(text) }
        let fields = text.dropFirst("@bytes:".count).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, let offset = Int(fields[0]), let count = Int(fields[1]), offset >= 0, count >= 0, count % 8 == 0,
              let columns = decoder.userInfo[userInfoKey] as? OutOfLineColumns, offset <= columns.bytes.count - count else { return nil }
        return columns.bytes.withUnsafeBytes { raw in
            [UInt64](unsafeUninitializedCapacity: count / 8) { words, initialized in
                for i in 0..<count / 8 { words[i] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * i, as: UInt64.self)) }
                initialized = count / 8
            }
        }
    }

    public static func doubles(_ text: String, decoder: Decoder) -> [Double]? { words(text, decoder: decoder)?.map(Double.init(bitPattern:)) }
    public static func integers(_ text: String, decoder: Decoder) -> [Int]? { words(text, decoder: decoder)?.map { Int(Int64(bitPattern: $0)) } }
}
