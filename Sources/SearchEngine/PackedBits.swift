import Foundation

/// Fixed-width numbers saved as their little-endian bits in one base64 string. A column of a large archive then
/// costs one JSON value instead of one per number (JSONEncoder spends about a microsecond on each value), and
/// doubles come back bit for bit.
public enum PackedBits {
    public static func encode<Words: Collection<UInt64>>(_ words: Words) -> String {
        var data = Data(count: words.count * 8)
        data.withUnsafeMutableBytes { raw in
            // One copy when the words lie contiguously in memory in little-endian order already.
            if UInt64(1).littleEndian == 1, words.withContiguousStorageIfAvailable({ raw.copyMemory(from: UnsafeRawBufferPointer($0)) }) != nil { return }
            for (i, word) in words.enumerated() { raw.storeBytes(of: word.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
        return data.base64EncodedString()
    }

    /// nil when the text is not base64 of whole words.
    public static func words(_ text: String) -> [UInt64]? {
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<data.count / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    public static func encode(_ values: [Double]) -> String {
        values.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt64.self) { encode($0) }
        }
    }
    public static func encode(_ values: [Int]) -> String { encode(values.lazy.map { UInt64(bitPattern: Int64($0)) }) }

    public static func doubles(_ text: String) -> [Double]? { words(text)?.map(Double.init(bitPattern:)) }
    public static func integers(_ text: String) -> [Int]? { words(text)?.map { Int(Int64(bitPattern: $0)) } }
}
