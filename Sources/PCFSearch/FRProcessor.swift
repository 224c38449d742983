import Expressions
import Formulas
import Numbers
import Relations
import SearchEngine
import Verification

/// The factorial-reduction client of the search engine (docs/ALGORITHMS.md §2): no left-side table. Each
/// candidate is screened by the growth of gcd(p_n, q_n); one that reduces gets its limit (from exact
/// convergents, or by Richardson extrapolation when it converges too slowly), is identified against the
/// spec's constants by integer relations (confirmed at twice the digits), and is stored only when exact
/// convergents also verify it, to the digits they can certify. This is how the parabolic zeta(3) and zeta(5)
/// families are found.
public struct FRProcessor<Space: SearchSpace>: ChunkProcessor where Space.Candidate == SmallPCF {
    public let spec: PCFSearchSpec
    let bases: [[Expression]]
    let verifier: Verifier
    /// Digits a hit must be verified to with exact convergents at the least.
    public static var minimumVerifiedDigits: Int { 8 }

    public init(spec: PCFSearchSpec) throws {
        try spec.validate()
        self.spec = spec
        let constants = try spec.constants.map { try Expression(parsing: $0) }
        bases = constants.map { [$0] } + (constants.count > 1 ? [constants] : [])
        verifier = Verifier(limits: AdaptiveLimit(maxDepth: 1 << 18, timeLimit: 20))
    }

    public func process(_ space: Space, range: Range<Int>) throws -> [PCFHit] {
        try range.compactMap { try examine(space.candidate(at: $0)) }
    }

    func examine(_ candidate: SmallPCF) throws -> PCFHit? {
        guard !candidate.isDegenerate else { return nil }
        let pcf = candidate.pcf
        if let stop = pcf.terminationIndex, stop <= 4096 { return nil }
        guard pcf.hasFactorialReduction() else { return nil }
        guard let (value, digits) = limit(of: pcf), digits >= 24 else { return nil }
        let identifier = Identifier(bases: bases, detectionDigits: digits / 2, confirmationDigits: digits - 2)
        guard let found = try? identifier.identify({ _ in value }).first(where: { $0.kind == .moebius }) else { return nil }
        let m = found.basis.count
        let r = found.relation.coefficients
        let numerator = r[0...m].compactMap(\.asInt), denominator = r[(m + 1)...].compactMap { (-$0).asInt }
        guard numerator.count == m + 1, denominator.count == m + 1 else { return nil }
        // Exact convergents must agree with the closed form as far as they are certain.
        let report: VerificationReport
        do { report = try verifier.verify(Equation(formula: pcf, closedForm: found.closedForm), digits: spec.verifyDigits) } catch { return nil }
        guard report.status != .disagrees, report.digitsAgreed >= FRProcessor.minimumVerifiedDigits else { return nil }
        return PCFHit(formula: candidate, constants: found.basis.map(\.description), numerator: numerator,
                      denominator: denominator, closedForm: found.closedForm.description,
                      digitsVerified: min(report.digitsAgreed, spec.verifyDigits), depth: report.depth,
                      digitsPerTerm: report.digitsPerTerm, delta: report.delta, convergenceClass: report.convergenceClass)
    }

    /// The limit to about 60 digits: exact convergents when they get there by depth 4096, else extrapolation.
    func limit(of pcf: PCF) -> (BigFloat, Int)? {
        guard let found = try? AdaptiveLimit(maxDepth: 4096, timeLimit: 5).limit(of: pcf, digits: 60), found.certainDigits > 0 else { return nil }
        return (found.value, min(found.certainDigits, 60))
    }
}
