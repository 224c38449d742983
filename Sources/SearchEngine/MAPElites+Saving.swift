/// A MAP-Elites state saves its archive as columns in `order`: the cells, serials, fitnesses and descriptors as
/// packed bits, real-vector candidates of one length as one packed column and others as a list, the notes only when
/// there are any. An archive of 70,000 elites saved one JSON object per elite took half of a short search's time; as
/// columns, about a tenth.
/// States saved as a list of entries (before December 2026) are still read.
extension MAPElites.State: Codable {
    enum CodingKeys: String, CodingKey { case grid, random, proposed, cells, serials, fitness, descriptors, candidates, vectors, notes, archive }
    /// The earlier form: one entry per elite.
    struct Entry: Decodable { var cell: Int; var elite: Evaluated<Candidate> }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let grid = try c.decode(Grid.self, forKey: .grid)
        var elites: [(cell: Int, elite: Evaluated<Candidate>)] = []
        if c.contains(.archive) {
            elites = try c.decode([Entry].self, forKey: .archive).map { ($0.cell, $0.elite) }
        } else {
            let columns = try ArchiveColumns(from: c, decoder: decoder, cells: .cells, serials: .serials, fitness: .fitness, descriptors: .descriptors)
            let candidates = try c.contains(.vectors) ? Self.unpackVectors(c, decoder: decoder) : c.decode([Candidate].self, forKey: .candidates)
            let notes = try c.decodeIfPresent([String?].self, forKey: .notes) ?? Array(repeating: nil, count: columns.cells.count)
            guard candidates.count == columns.cells.count, notes.count == columns.cells.count,
                  columns.descriptors.count == columns.cells.count * grid.cells.count else {
                throw SearchError("the archive's columns have different lengths")
            }
            let width = grid.cells.count
            elites = columns.cells.indices.map { i in
                let evaluation = Evaluation(fitness: columns.fitness[i], descriptor: Array(columns.descriptors[i * width ..< (i + 1) * width]), note: notes[i])
                return (columns.cells[i], Evaluated(serial: columns.serials[i], candidate: candidates[i], evaluation: evaluation))
            }
        }
        try self.init(grid: grid, elites: elites, random: c.decode(SeededGenerator.self, forKey: .random), proposed: c.decode(Int.self, forKey: .proposed))
    }

    public func encode(to encoder: Encoder) throws {
        var c = try Self.encodeColumns(to: encoder, grid: grid, random: random, proposed: proposed, cells: order, serials: serials,
                                       fitness: evaluations.map { $0.fitness ?? .nan }, descriptors: evaluations.flatMap(\.descriptor))
        if let vectors = (Candidate.self as? any RealVector.Type)?.packed(candidates, encoder: encoder) {
            try c.encode(vectors, forKey: .vectors)
        } else {
            try c.encode(candidates, forKey: .candidates)
        }
        if evaluations.contains(where: { $0.note != nil }) { try c.encode(evaluations.map(\.note), forKey: .notes) }
    }

    /// Writes the columns every archive has (the archive holds no failed evaluation; NaN would stand for one), and
    /// returns the container for the candidates.
    static func encodeColumns(to encoder: Encoder, grid: Grid, random: SeededGenerator, proposed: Int, cells: [Int], serials: [Int],
                              fitness: [Double], descriptors: [Double]) throws -> KeyedEncodingContainer<CodingKeys> {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(grid, forKey: .grid)
        try c.encode(random, forKey: .random)
        try c.encode(proposed, forKey: .proposed)
        try c.encode(OutOfLineColumns.encodable(cells, encoder: encoder), forKey: .cells)
        try c.encode(OutOfLineColumns.encodable(serials, encoder: encoder), forKey: .serials)
        try c.encode(OutOfLineColumns.encodable(fitness, encoder: encoder), forKey: .fitness)
        try c.encode(OutOfLineColumns.encodable(descriptors, encoder: encoder), forKey: .descriptors)
        return c
    }

    static func unpackVectors(_ c: KeyedDecodingContainer<CodingKeys>, decoder: Decoder) throws -> [Candidate] {
        guard let type = Candidate.self as? any RealVector.Type,
              let candidates = type.unpacked(try c.decode(String.self, forKey: .vectors), decoder: decoder) as? [Candidate] else {
            throw DecodingError.dataCorruptedError(forKey: .vectors, in: c, debugDescription: "not a packed column of vectors")
        }
        return candidates
    }
}

/// A candidate that is a vector of reals: an archive saves all of its candidates as one packed column.
public protocol RealVector {
    var values: [Double] { get }
    init(_ values: [Double])
}

extension RealVector {
    /// Vectors of this type and of one length as one packed column, the length first; nil otherwise.
    static func packed(_ candidates: Any, encoder: Encoder) -> String? {
        guard let vectors = candidates as? [Self] else { return nil }
        let width = vectors.first?.values.count ?? 0
        guard width > 0 || vectors.isEmpty, vectors.allSatisfy({ $0.values.count == width }) else { return nil }
        var column: [Double] = []
        column.reserveCapacity(width * vectors.count)
        for vector in vectors { column += vector.values }
        return packedColumn(column, width: width, encoder: encoder)
    }

    /// The vectors of a packed column, nil when it is not one.
    static func unpacked(_ text: String, decoder: Decoder) -> [Self]? {
        guard let column = OutOfLineColumns.doubles(text, decoder: decoder), let width = column.first.flatMap({ Int(exactly: $0) }), width >= 0,
              width == 0 ? column.count == 1 : (column.count - 1) % width == 0 else { return nil }
        let count = width == 0 ? 0 : (column.count - 1) / width
        return (0..<count).map { Self(Array(column[1 + $0 * width ..< 1 + ($0 + 1) * width])) }
    }
}

/// Vectors of `width` reals held row by row in `values`, as one packed column (the length first).
func packedColumn(_ values: [Double], width: Int, encoder: Encoder) -> String {
    OutOfLineColumns.encodable(values, after: [Double(width)], encoder: encoder)
}

/// The packed columns of a saved archive.
struct ArchiveColumns {
    var cells: [Int], serials: [Int], fitness: [Double?], descriptors: [Double]

    init<Key: CodingKey>(from c: KeyedDecodingContainer<Key>, decoder: Decoder, cells cellsKey: Key, serials serialsKey: Key? = nil,
                         fitness fitnessKey: Key, descriptors descriptorsKey: Key? = nil) throws {
        func column<T>(_ key: Key, _ unpack: (String, Decoder) -> [T]?) throws -> [T] {
            guard let values = unpack(try c.decode(String.self, forKey: key), decoder) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a packed column")
            }
            return values
        }
        cells = try column(cellsKey, OutOfLineColumns.integers)
        serials = try serialsKey.map { try column($0, OutOfLineColumns.integers) } ?? []
        fitness = try column(fitnessKey, OutOfLineColumns.doubles).map { $0.isNaN ? nil : $0 }
        descriptors = try descriptorsKey.map { try column($0, OutOfLineColumns.doubles) } ?? []
        guard serialsKey == nil || serials.count == cells.count, fitness.count == cells.count else {
            throw SearchError("the archive's columns have different lengths")
        }
    }
}

/// The grid and each elite's fitness from a saved MAP-Elites state of any candidate type, without decoding the
/// candidates: what a report draws.
public struct SavedArchiveFitness: Decodable, Sendable {
    public var grid: Grid
    public var fitness: [Int: Double]

    enum CodingKeys: String, CodingKey { case grid, cells, fitness, archive }
    struct Entry: Decodable {
        struct Elite: Decodable { struct Evaluation: Decodable { var fitness: Double? }; var evaluation: Evaluation }
        var cell: Int
        var elite: Elite
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        grid = try c.decode(Grid.self, forKey: .grid)
        fitness = [:]
        if c.contains(.archive) {
            for entry in try c.decode([Entry].self, forKey: .archive) { fitness[entry.cell] = entry.elite.evaluation.fitness }
        } else {
            let columns = try ArchiveColumns(from: c, decoder: decoder, cells: .cells, fitness: .fitness)
            for (cell, f) in zip(columns.cells, columns.fitness) { fitness[cell] = f }
        }
    }
}
