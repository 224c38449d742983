import GRDB

/// One PCF's convergence dynamics at one depth setting (docs/ALGORITHMS.md §5), as the store keeps it.
public struct DynamicsRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "dynamics"
    /// The row's id once stored (nil for a new measurement).
    public var id: Int64?
    public var formula: String
    public var a: String
    public var b: String
    public var depth: Int
    public var sample: Int
    public var limitValue: String?
    public var divergent: Bool
    public var convergenceClass: String
    public var frDelta: Double?
    public var naiveDelta: Double?
    public var c: Double
    public var d: Double
    public var lnRho: Double?
    public var complexEigenvalues: Bool
    public var predictedDelta: Double?
    public var beta: Double?
    public var gamma: Double?
    public var eta: Double?
    public var digitsPerTerm: Double?

    public init(formula: String, a: String, b: String, depth: Int, sample: Int, limitValue: String?, divergent: Bool,
                convergenceClass: String, frDelta: Double?, naiveDelta: Double?, c: Double, d: Double, lnRho: Double?,
                complexEigenvalues: Bool, predictedDelta: Double?, beta: Double?, gamma: Double?, eta: Double?, digitsPerTerm: Double?) {
        self.formula = formula; self.a = a; self.b = b; self.depth = depth; self.sample = sample; self.limitValue = limitValue
        self.divergent = divergent; self.convergenceClass = convergenceClass; self.frDelta = frDelta; self.naiveDelta = naiveDelta
        self.c = c; self.d = d; self.lnRho = lnRho; self.complexEigenvalues = complexEigenvalues; self.predictedDelta = predictedDelta
        self.beta = beta; self.gamma = gamma; self.eta = eta; self.digitsPerTerm = digitsPerTerm
    }
}

extension AperyStore {
    /// Stores measurements (one row per PCF and depth setting; a repeat replaces the row) and, for a batch,
    /// marks its chunk done in the same transaction.
    public func commitDynamics(_ rows: [DynamicsRecord], search: Int64?, chunk: Int?, candidates: Int, run: Int64?) throws {
        try write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO dynamics(searchId, runId, formula, a, b, depth, sample, limitValue, divergent, convergenceClass,
                    frDelta, naiveDelta, c, d, lnRho, complexEigenvalues, predictedDelta, beta, gamma, eta, digitsPerTerm, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let now = AperyStore.now()
            for r in rows {
                try statement.execute(arguments: [search, run, r.formula, r.a, r.b, r.depth, r.sample, r.limitValue, r.divergent,
                                                  r.convergenceClass, r.frDelta, r.naiveDelta, r.c, r.d, r.lnRho, r.complexEigenvalues,
                                                  r.predictedDelta, r.beta, r.gamma, r.eta, r.digitsPerTerm, now])
            }
            if let search, let chunk { try markChunkDone(search: search, chunk: chunk, candidates: candidates, finds: rows.count, run: run, db) }
        }
    }

    /// Counts of the stored measurements: all, convergent (a limit, not divergent), terminating.
    public func dynamicsCounts() throws -> (rows: Int, convergent: Int, terminating: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(NOT divergent AND convergenceClass != 'terminating'), 0) AS c,
                       coalesce(sum(convergenceClass = 'terminating'), 0) AS t FROM dynamics
                """)!
            return (row["n"], row["c"], row["t"])
        }
    }

    public func storedDynamics() throws -> [DynamicsRecord] {
        try read { try DynamicsRecord.fetchAll($0, sql: "SELECT * FROM dynamics ORDER BY id") }
    }
}
