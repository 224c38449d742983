import GRDB

/// One cluster of one metric plane, as `apery cluster` stores it (SCHEMA.md, migration v5).
public struct ClusterRecord: Codable, FetchableRecord, Sendable {
    public var id: Int64?
    public var plane: String
    public var label: Int
    public var size: Int
    public var anchorFormula: String?
    public var closedForm: String?
    public var identifiedFromLibrary: Bool
    public var related: Int

    public init(plane: String, label: Int, size: Int, anchorFormula: String?, closedForm: String?, identifiedFromLibrary: Bool, related: Int) {
        self.plane = plane; self.label = label; self.size = size; self.anchorFormula = anchorFormula; self.closedForm = closedForm
        self.identifiedFromLibrary = identifiedFromLibrary; self.related = related
    }
}

/// A cluster's member: a stored measurement, with its closed form when a relation gave one.
public struct ClusterMember: Sendable {
    public var dynamicsId: Int64
    public var closedForm: String?
    public init(dynamicsId: Int64, closedForm: String?) { self.dynamicsId = dynamicsId; self.closedForm = closedForm }
}

/// A stored measurement as clustering needs it: a convergent, non-terminating PCF with an FR delta. Slimmer than
/// DynamicsRecord, so that the whole NeurIPS space (1.6 million of them) stays within a few hundred megabytes.
public struct ClusterableMeasurement: Codable, FetchableRecord, Sendable {
    public var id: Int64
    public var formula: String
    public var depth: Int
    public var sample: Int
    public var frDelta: Double
    public var d: Double
    public var c: Double
    public var eta: Double?
    public var gamma: Double?
    public var digitsPerTerm: Double?
    public var convergenceClass: String
}

extension AperyStore {
    /// The measurements clustering places, by formula: an order that does not depend on which worker stored a row first
    /// (thinning keeps the first point of each cell, so a run on two workers once clustered 50 or 51 ways by chance).
    public func clusterableMeasurements() throws -> [ClusterableMeasurement] {
        try read { db in
            try ClusterableMeasurement.fetchAll(db, sql: """
                SELECT id, formula, depth, sample, frDelta, d, c, eta, gamma, digitsPerTerm, convergenceClass FROM dynamics
                WHERE NOT divergent AND convergenceClass != 'terminating' AND frDelta IS NOT NULL ORDER BY formula, depth, sample
                """)
        }
    }

    /// The search under which clustering stores the formulas it finds (one per database; runs give provenance).
    public static let clusterSearch = (identifier: "cluster-relations", kind: "cluster",
                                       spec: #"{"method":"degree-2 relations to anchors: screen 50 digits at depth 1000, confirm 150 digits at depth 2000"}"#)

    /// Replaces the stored clusters with these, and stores the formulas found, in one transaction.
    public func replaceClusters(_ clusters: [(ClusterRecord, [ClusterMember])], hits: [HitInput], run: Int64?) throws {
        let search = hits.isEmpty ? nil : try openSearch(identifier: AperyStore.clusterSearch.identifier, kind: AperyStore.clusterSearch.kind,
                                                         spec: AperyStore.clusterSearch.spec, candidates: 0)
        try write { db in
            try db.execute(sql: "DELETE FROM cluster_members")
            try db.execute(sql: "DELETE FROM clusters")
            let member = try db.makeStatement(sql: "INSERT INTO cluster_members(clusterId, dynamicsId, closedForm) VALUES (?, ?, ?)")
            for (cluster, members) in clusters {
                try db.execute(sql: """
                    INSERT INTO clusters(runId, plane, label, size, anchorFormula, closedForm, identifiedFromLibrary, related)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, cluster.plane, cluster.label, cluster.size, cluster.anchorFormula, cluster.closedForm,
                                     cluster.identifiedFromLibrary, cluster.related])
                let id = db.lastInsertedRowID
                for m in members { try member.execute(arguments: [id, m.dynamicsId, m.closedForm]) }
            }
            if let search { for hit in hits { try insert(hit, search: search, run: run, db) } }
        }
    }

    public func storedClusters() throws -> [ClusterRecord] {
        try read { try ClusterRecord.fetchAll($0, sql: "SELECT * FROM clusters ORDER BY plane, label") }
    }

    /// The cluster id of each clustered measurement in one plane.
    public func clusterOfMeasurement(plane: String) throws -> [Int64: Int64] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.dynamicsId, m.clusterId FROM cluster_members m JOIN clusters c ON c.id = m.clusterId WHERE c.plane = ?
                """, arguments: [plane])
            return Dictionary(rows.map { ($0["dynamicsId"], $0["clusterId"]) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The members of a cluster whose limits are known (anchor and related members), as (formula, closed form).
    public func knownMembers(ofCluster id: Int64) throws -> [(formula: String, closedForm: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.formula, m.closedForm FROM cluster_members m JOIN dynamics d ON d.id = m.dynamicsId
                WHERE m.clusterId = ? AND m.closedForm IS NOT NULL ORDER BY length(d.formula), d.formula
                """, arguments: [id]).map { ($0["formula"], $0["closedForm"]) }
        }
    }
}
