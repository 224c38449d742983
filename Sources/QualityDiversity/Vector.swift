import SearchEngine

/// A real vector that saves compactly and exactly: its coordinates' IEEE bits, little-endian, in base64. A MAP-Elites
/// archive saves all of its vectors as one such column (`RealVector`); one vector on its own saves as here.
public struct Vector: Codable, Sendable, Equatable, RealVector {
    public var values: [Double]
    public init(_ values: [Double]) { self.values = values }

    public init(from decoder: Decoder) throws {
        guard let values = PackedBits.doubles(try decoder.singleValueContainer().decode(String.self)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a saved vector"))
        }
        self.values = values
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(PackedBits.encode(values))
    }
}
