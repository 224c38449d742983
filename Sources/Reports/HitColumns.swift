import Store

/// The columns of a hit in every CSV Apery writes (`apery export --format csv` and the report's hits.csv), so a
/// reader joins them without renaming: the database and its family (qualified by the database, as family ids
/// are per database), the formula, its coefficient lists, the closed form, the verification and the provenance.
public enum HitColumns {
    public static let names = ["database", "family", "representative", "formula", "a", "b", "constants", "closed_form", "digits_verified", "depth",
                               "digits_per_term", "delta", "convergence_class", "search", "run", "created"]

    public static func row(_ h: StoredHit, database: String) -> [String] {
        [database, "\(database)#\(h.familyId)", h.representative ? "1" : "0", h.formula, h.a, h.b, h.constants, h.closedForm, String(h.digitsVerified),
         String(h.depth), String(h.digitsPerTerm), h.delta.map { String($0) } ?? "", h.convergenceClass, h.search, h.runId.map(String.init) ?? "", h.createdAt]
    }
}
