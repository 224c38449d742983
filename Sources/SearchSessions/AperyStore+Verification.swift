import Formulas
import Store
import Verification

extension AperyStore {
    public func formulaID(of pcf: PCF) throws -> Int64 {
        try formulaID(kind: "pcf", a: pcf.aCoefficients, b: pcf.bCoefficients, canonical: pcf.description)
    }

    /// Stores a verification of `equation` made by run `run`.
    public func record(_ report: VerificationReport, of equation: Equation, run: Int64) throws {
        try insert(VerificationRecord(
            formulaId: try formulaID(of: equation.formula), runId: run, closedForm: equation.closedForm.description,
            status: report.status.rawValue, digitsRequested: report.digitsRequested, digitsAgreed: report.digitsAgreed,
            formulaCertainDigits: report.formulaCertainDigits, depth: report.depth, digitsPerTerm: report.digitsPerTerm,
            delta: report.delta, blindDelta: report.blindDelta, seconds: report.seconds, createdAt: AperyStore.now()))
    }
}

/// A run that records a series of verifications (a corpus checked formula by formula): begun when made,
/// finished by `finish()`; an interruption leaves it unfinished with what it recorded.
public struct VerificationRun: Sendable {
    public let store: AperyStore
    public let run: Int64

    public init(store: AperyStore, provenance: Provenance) throws {
        self.store = store
        run = try store.beginRun(provenance)
    }

    public func record(_ report: VerificationReport, of equation: Equation) throws { try store.record(report, of: equation, run: run) }
    public func finish() throws { try store.finishRun(run) }
}
