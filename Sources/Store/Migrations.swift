import GRDB

/// The schema, as named migrations applied in order (SCHEMA.md describes the tables).
enum Migrations {
    /// Bump with every new migration; a database with a higher version was written by a newer Apery.
    static let schemaVersion = 9

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: formulas, runs, verifications, identifications, constants") { db in
            try db.create(table: "apery_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "constants") { t in
                t.primaryKey("name", .text)
                t.column("expression", .text).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(table: "formulas") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("a", .text).notNull()
                t.column("b", .text).notNull()
                t.column("canonical", .text).notNull().unique()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("command", .text).notNull()
                t.column("arguments", .text).notNull()
                t.column("aperyVersion", .text).notNull()
                t.column("host", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text)
            }
            try db.create(table: "verifications") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("formula", inTable: "formulas").notNull()
                t.belongsTo("run", inTable: "runs").notNull()
                t.column("closedForm", .text).notNull()
                t.column("status", .text).notNull()
                t.column("digitsRequested", .integer).notNull()
                t.column("digitsAgreed", .integer).notNull()
                t.column("formulaCertainDigits", .integer).notNull()
                t.column("depth", .integer).notNull()
                t.column("digitsPerTerm", .double).notNull()
                t.column("delta", .double)
                t.column("blindDelta", .double)
                t.column("seconds", .double).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "identifications") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("formula", inTable: "formulas")
                t.belongsTo("run", inTable: "runs").notNull()
                t.column("input", .text).notNull()
                t.column("closedForm", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("relation", .text).notNull()
                t.column("detectedDigits", .integer).notNull()
                t.column("confirmedDigits", .integer).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO apery_meta(key, value) VALUES ('schema_version', '1')")
        }
        migrator.registerMigration("v2: searches, chunks, hits, families") { db in
            try db.create(table: "searches") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("identifier", .text).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("spec", .text).notNull()
                t.column("candidates", .integer).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "search_chunks") { t in
                t.belongsTo("search", inTable: "searches").notNull()
                t.column("chunk", .integer).notNull()
                t.column("candidates", .integer).notNull()
                t.column("hits", .integer).notNull()
                t.belongsTo("run", inTable: "runs")
                t.column("finishedAt", .text).notNull()
                t.primaryKey(["searchId", "chunk"])
            }
            try db.create(table: "search_runs") { t in
                t.primaryKey("runId", .integer).references("runs")
                t.belongsTo("search", inTable: "searches").notNull()
                t.column("shard", .text).notNull()
                t.column("candidates", .integer).notNull()
                t.column("chunks", .integer).notNull()
                t.column("hits", .integer).notNull()
                t.column("seconds", .double).notNull()
                t.column("rate", .double).notNull()
            }
            try db.create(table: "families") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("search", inTable: "searches").notNull()
                t.column("constants", .text).notNull()
                t.column("representativeHitId", .integer)
                t.column("size", .integer).notNull()
            }
            try db.create(table: "hits") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("search", inTable: "searches").notNull()
                t.belongsTo("formula", inTable: "formulas").notNull()
                t.belongsTo("family", inTable: "families").notNull()
                t.belongsTo("run", inTable: "runs")
                t.column("constants", .text).notNull()
                t.column("numerator", .text).notNull()
                t.column("denominator", .text).notNull()
                t.column("closedForm", .text).notNull()
                t.column("digitsVerified", .integer).notNull()
                t.column("depth", .integer).notNull()
                t.column("digitsPerTerm", .double).notNull()
                t.column("delta", .double)
                t.column("convergenceClass", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["searchId", "formulaId"])
            }
            try db.create(table: "hit_keys") { t in
                t.belongsTo("hit", inTable: "hits").notNull()
                t.column("key", .text).notNull().indexed()
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '2' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v3: continued-fraction conjectures (ESMA)") { db in
            try db.create(table: "cf_conjectures") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("search", inTable: "searches").notNull()
                t.belongsTo("run", inTable: "runs")
                t.column("constant", .text).notNull()
                t.column("leftSide", .text).notNull()
                // The value to 30 significant digits: one conjecture per value and sign pattern.
                t.column("valueKey", .text).notNull()
                t.column("signs", .text).notNull()
                t.column("recurrence", .text).notNull()
                t.column("seed", .text).notNull()
                t.column("linearComplexity", .integer).notNull()
                t.column("pattern", .text)
                t.column("terms", .text).notNull()
                t.column("digitsAgreed", .integer).notNull()
                t.column("digitsPerTerm", .double).notNull()
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["searchId", "valueKey", "signs"])
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '3' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v4: convergence dynamics") { db in
            try db.create(table: "dynamics") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("search", inTable: "searches")
                t.belongsTo("run", inTable: "runs")
                t.column("formula", .text).notNull()
                t.column("a", .text).notNull()
                t.column("b", .text).notNull()
                t.column("depth", .integer).notNull()
                t.column("sample", .integer).notNull()
                t.column("limitValue", .text)
                t.column("divergent", .boolean).notNull()
                t.column("convergenceClass", .text).notNull()
                t.column("frDelta", .double)
                t.column("naiveDelta", .double)
                t.column("c", .double).notNull()
                t.column("d", .double).notNull()
                t.column("lnRho", .double)
                t.column("complexEigenvalues", .boolean).notNull()
                t.column("predictedDelta", .double)
                t.column("beta", .double)
                t.column("gamma", .double)
                t.column("eta", .double)
                t.column("digitsPerTerm", .double)
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["formula", "depth", "sample"])
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '4' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v5: clusters of convergence dynamics") { db in
            try db.create(table: "clusters") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", inTable: "runs")
                t.column("plane", .text).notNull()
                t.column("label", .integer).notNull()
                t.column("size", .integer).notNull()
                t.column("anchorFormula", .text)
                t.column("closedForm", .text)
                t.column("identifiedFromLibrary", .boolean).notNull()
                t.column("related", .integer).notNull()
                t.uniqueKey(["plane", "label"])
            }
            try db.create(table: "cluster_members") { t in
                t.belongsTo("cluster", inTable: "clusters", onDelete: .cascade).notNull()
                t.belongsTo("dynamics", inTable: "dynamics", onDelete: .cascade).notNull()
                t.column("closedForm", .text)
                t.primaryKey(["clusterId", "dynamicsId"])
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '5' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v6: states and finds of stream and adaptive searches") { db in
            // One row per island (shard) of a search: the driver's whole saved state as JSON.
            try db.create(table: "search_states") { t in
                t.belongsTo("search", inTable: "searches", onDelete: .cascade).notNull()
                t.column("island", .integer).notNull()
                t.column("islands", .integer).notNull()
                t.column("driver", .text).notNull()
                t.column("evaluations", .integer).notNull()
                t.column("failures", .integer).notNull()
                t.column("finished", .boolean).notNull()
                t.column("state", .text).notNull()
                t.belongsTo("run", inTable: "runs")
                t.column("updatedAt", .text).notNull()
                t.primaryKey(["searchId", "island"])
            }
            // What adaptive searches kept: new bests and new elites, and failed evaluations.
            try db.create(table: "search_finds") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("search", inTable: "searches", onDelete: .cascade).notNull()
                t.column("island", .integer).notNull()
                t.column("serial", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("candidate", .text).notNull()
                t.column("fitness", .double)
                t.column("descriptor", .text).notNull()
                t.column("note", .text)
                t.belongsTo("run", inTable: "runs")
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["searchId", "island", "serial", "kind"])
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '6' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v7: puzzle results") { db in
            // One row per puzzle and bootstrap round of a puzzle search: solved or not, the tries, the answer as
            // exact JSON and the expression that produced it.
            try db.create(table: "puzzle_results") { t in
                t.belongsTo("search", inTable: "searches", onDelete: .cascade).notNull()
                t.column("round", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("island", .integer).notNull()
                t.column("template", .text).notNull()
                t.column("domain", .text).notNull()
                t.column("answerType", .text).notNull()
                t.column("solved", .boolean).notNull()
                t.column("tries", .integer).notNull()
                t.column("answer", .text)
                t.column("expression", .text)
                t.column("strategy", .text)
                t.column("seconds", .double).notNull()
                t.column("error", .text)
                t.column("operations", .text).notNull()
                t.column("features", .text).notNull()
                t.column("timeouts", .integer).notNull()
                t.column("restarts", .integer).notNull()
                t.belongsTo("run", inTable: "runs")
                t.column("createdAt", .text).notNull()
                t.primaryKey(["searchId", "round", "name"])
            }
            try db.execute(sql: "UPDATE apery_meta SET value = '7' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v8: views for readers of the file") { db in
            // What a pandas or Datasette user reads directly, one row per result with everything it needs.
            try db.execute(sql: """
                CREATE VIEW hits_view AS
                SELECT h.id AS hit, f.canonical AS formula, h.closedForm AS closed_form, h.constants, h.digitsVerified AS digits,
                       h.depth, h.digitsPerTerm AS digits_per_term, h.delta, h.convergenceClass AS convergence_class,
                       h.familyId AS family, (fam.representativeHitId = h.id) AS representative, f.a, f.b,
                       s.identifier AS search, s.kind AS search_kind, h.runId AS run, h.createdAt AS created
                FROM hits h JOIN formulas f ON f.id = h.formulaId JOIN families fam ON fam.id = h.familyId JOIN searches s ON s.id = h.searchId;
                CREATE VIEW verifications_view AS
                SELECT v.id AS verification, f.canonical AS formula, v.closedForm AS closed_form, v.status, v.digitsRequested AS digits_requested,
                       v.digitsAgreed AS digits_agreed, v.depth, v.digitsPerTerm AS digits_per_term, v.delta, v.blindDelta AS blind_delta,
                       v.seconds, v.runId AS run, v.createdAt AS created
                FROM verifications v JOIN formulas f ON f.id = v.formulaId;
                """)
            try db.execute(sql: "UPDATE apery_meta SET value = '8' WHERE key = 'schema_version'")
        }
        migrator.registerMigration("v9: long columns of saved states as bytes") { db in
            // A large archive's packed columns, stored as bytes beside the state's JSON, which refers to them.
            try db.alter(table: "search_states") { t in t.add(column: "columns", .blob) }
            try db.execute(sql: "UPDATE apery_meta SET value = '9' WHERE key = 'schema_version'")
        }
        return migrator
    }
}
