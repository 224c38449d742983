import Foundation

/// JSON as Python and pandas read it: integers of any size as plain digits. JSONEncoder has no big integers, so
/// `BigIntegerJSON` encodes them as marked strings, and `JSONText.encode` turns the marks back into digits.
public enum JSONText {
    static let mark = "\u{1}integer:"

    /// `value` as JSON text: keys sorted, indented, slashes unescaped, infinities and NaN as strings.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        guard text.contains("\\u0001integer:") else { return text }
        let marked = try Regex(#""\\u0001integer:(-?[0-9]+)""#)
        return text.replacing(marked) { match in String(text[match.output[1].range!]) }
    }
}

/// An integer of any size, as digits, that `JSONText.encode` writes as a JSON number.
public struct BigIntegerJSON: Encodable {
    public let digits: String
    public init(_ digits: String) { self.digits = digits }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        // Decimal holds 38 digits exactly; longer integers go through the mark.
        if digits.count <= 38, let value = Decimal(string: digits) { try c.encode(value) } else { try c.encode(JSONText.mark + digits) }
    }
}
