import Expressions
import Formulas
import Store

/// A hit in every JSON Apery writes (`apery hits --json`, `apery export --format json` and the report's
/// `formulas`): the stored hit's fields, flat, with the database it came from and the formula and closed form in
/// Python (ramanujantools' PCF and mpmath; null where there is none, e.g. an interlaced fraction).
public struct HitJSON: Encodable {
    public let hit: StoredHit
    public let database: String?
    public let familySize: Int?

    public init(_ hit: StoredHit, database: String? = nil, familySize: Int? = nil) {
        self.hit = hit
        self.database = database
        self.familySize = familySize
    }

    public struct PythonForms: Encodable {
        public let formula: String?
        public let closedForm: String?
    }

    public var python: PythonForms {
        PythonForms(formula: (try? PCF(parsing: hit.formula))?.python, closedForm: (try? Expression(parsing: hit.closedForm))?.python)
    }

    enum CodingKeys: String, CodingKey { case database, family, familySize, python }

    public func encode(to encoder: Encoder) throws {
        try hit.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(database, forKey: .database)
        // The family qualified by its database, as in the CSV (family ids are per database).
        try c.encodeIfPresent(database.map { "\($0)#\(hit.familyId)" }, forKey: .family)
        try c.encodeIfPresent(familySize, forKey: .familySize)
        try c.encode(python, forKey: .python)
    }
}
