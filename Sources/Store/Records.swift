import GRDB

/// A formula kept in the store, keyed by its canonical text (one row per distinct formula).
public struct FormulaRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "formulas"
    public var id: Int64?
    /// "pcf" for polynomial continued fractions.
    public var kind: String
    /// Coefficient lists, lowest degree first, as JSON arrays: "[5, 27, 51, 34]".
    public var a: String
    public var b: String
    /// The formula as `apery` prints it: "PCF(34n^3 + 51n^2 + 27n + 5, -n^6)".
    public var canonical: String
    public var createdAt: String

    public init(kind: String, a: String, b: String, canonical: String, createdAt: String) {
        self.kind = kind; self.a = a; self.b = b; self.canonical = canonical; self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One invocation of apery that wrote to the store: its provenance.
public struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "runs"
    public var id: Int64?
    public var command: String
    /// The full argument list as JSON.
    public var arguments: String
    public var aperyVersion: String
    public var host: String
    public var startedAt: String
    public var finishedAt: String?

    public init(command: String, arguments: String, aperyVersion: String, host: String, startedAt: String) {
        self.command = command; self.arguments = arguments; self.aperyVersion = aperyVersion
        self.host = host; self.startedAt = startedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The result of checking formula = closed form.
public struct VerificationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "verifications"
    public var id: Int64?
    public var formulaId: Int64
    public var runId: Int64
    public var closedForm: String
    /// verified, disagrees or inconclusive.
    public var status: String
    public var digitsRequested: Int
    public var digitsAgreed: Int
    public var formulaCertainDigits: Int
    public var depth: Int
    public var digitsPerTerm: Double
    public var delta: Double?
    public var blindDelta: Double?
    public var seconds: Double
    public var createdAt: String

    public init(formulaId: Int64, runId: Int64, closedForm: String, status: String, digitsRequested: Int, digitsAgreed: Int,
                formulaCertainDigits: Int, depth: Int, digitsPerTerm: Double, delta: Double?, blindDelta: Double?,
                seconds: Double, createdAt: String) {
        self.formulaId = formulaId; self.runId = runId; self.closedForm = closedForm; self.status = status
        self.digitsRequested = digitsRequested; self.digitsAgreed = digitsAgreed; self.formulaCertainDigits = formulaCertainDigits
        self.depth = depth; self.digitsPerTerm = digitsPerTerm; self.delta = delta; self.blindDelta = blindDelta
        self.seconds = seconds; self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A closed form found for a number or a formula by integer relations.
public struct IdentificationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "identifications"
    public var id: Int64?
    /// The formula identified, or nil when the input was a number.
    public var formulaId: Int64?
    public var runId: Int64
    public var input: String
    public var closedForm: String
    /// rational, quadratic, linear or moebius.
    public var kind: String
    /// The integer relation as JSON: {"terms": [...], "coefficients": [...]}.
    public var relation: String
    public var detectedDigits: Int
    public var confirmedDigits: Int
    public var createdAt: String

    public init(formulaId: Int64?, runId: Int64, input: String, closedForm: String, kind: String, relation: String,
                detectedDigits: Int, confirmedDigits: Int, createdAt: String) {
        self.formulaId = formulaId; self.runId = runId; self.input = input; self.closedForm = closedForm; self.kind = kind
        self.relation = relation; self.detectedDigits = detectedDigits; self.confirmedDigits = confirmedDigits; self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Metadata of a library constant, so that a database explains the names its closed forms use.
public struct ConstantRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "constants"
    public var name: String
    public var expression: String
    public var summary: String

    public init(name: String, expression: String, summary: String) {
        self.name = name; self.expression = expression; self.summary = summary
    }
}
