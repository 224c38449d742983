import Foundation

/// Long packed columns kept out of a JSON encoder's way. JSONEncoder checks every character of a string for escapes,
/// and a large archive's columns are megabytes of base64, which has none: for an archive of 72,000 vectors of 20 reals
/// that check took half of the save. An encoder that carries an `OutOfLineColumns` in its user info gets a short
/// marker in place of each long column, and `json(_:)` puts the columns back into the encoded text.
public final class OutOfLineColumns {
    public static let userInfoKey = CodingUserInfoKey(rawValue: "apery.outOfLineColumns")!
    /// Columns shorter than this are encoded in place.
    static let minimumLength = 1 << 16

    private var columns: [String] = []
    /// Part of every marker, so that no string of the value can look like one.
    private let nonce = UUID().uuidString

    public init() {}

    /// What an encoder writes for the packed column `text`: a marker when the encoder keeps long columns out of line.
    public static func encodable(_ text: String, encoder: Encoder) -> String {
        guard text.utf8.count >= minimumLength, let columns = encoder.userInfo[userInfoKey] as? OutOfLineColumns else { return text }
        columns.columns.append(text)
        return columns.marker(columns.columns.count - 1)
    }

    private func marker(_ index: Int) -> String { "apery-column-\(nonce)-\(index)" }

    /// The JSON text `encoded` with each marker replaced by its column (base64 needs no escaping in JSON).
    public func json(_ encoded: Data) -> String {
        let short = String(decoding: encoded, as: UTF8.self)
        // The markers in the order the encoder wrote them, which need not be the order it was handed them.
        let places = columns.indices.map { index -> (range: Range<String.Index>, column: String) in
            guard let range = short.range(of: marker(index)) else { preconditionFailure("an out-of-line column's marker is missing") }
            return (range, columns[index])
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var text = "", written = short.startIndex
        text.reserveCapacity(short.utf8.count + columns.reduce(0) { $0 + $1.utf8.count })
        for place in places {
            text += short[written..<place.range.lowerBound]
            text += place.column
            written = place.range.upperBound
        }
        text += short[written...]
        return text
    }
}
