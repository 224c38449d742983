import Foundation
import Formulas
import Relations
import Store

extension AperyStore {
    /// Stores the identification of `input` (the value of `pcf`, when it is one) made by run `run`, its relation as
    /// JSON: `{"terms": ["1", "x"], "coefficients": [4, -1]}`, the integers as plain digits of any size.
    public func record(_ identification: Identification, of input: String, pcf: PCF?, run: Int64) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let terms = try identification.terms.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let coefficients = identification.relation.coefficients.map(\.description)
        let relation = "{\"terms\": [\(terms.joined(separator: ", "))], \"coefficients\": [\(coefficients.joined(separator: ", "))]}"
        try insert(IdentificationRecord(
            formulaId: try pcf.map { try formulaID(of: $0) }, runId: run, input: input, closedForm: identification.closedForm.description,
            kind: identification.kind.rawValue, relation: relation, detectedDigits: identification.detectedDigits,
            confirmedDigits: identification.confirmedDigits, createdAt: AperyStore.now()))
    }
}
