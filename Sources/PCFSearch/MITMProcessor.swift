import Expressions
import Formulas
import Numbers
import Relations
import SearchEngine
import Verification

/// The meet-in-the-middle client of the search engine: the floating-point first pass, the left-side
/// lookup, and verification of each match with exact convergents to `verifyDigits`.
public struct MITMProcessor: ChunkProcessor {
    public let spec: PCFSearchSpec
    public let table: MoebiusTable
    public let firstPass: FirstPass
    let verifier: Verifier

    public init(spec: PCFSearchSpec) throws {
        try spec.validate()
        self.spec = spec
        let constants = try spec.constants.map { try Expression(parsing: $0) }
        table = try MoebiusTable(constants: constants, range: spec.lhsRange, keyDigits: spec.keyDigits)
        firstPass = FirstPass(depth: spec.depth, keyDigits: spec.keyDigits)
        verifier = Verifier(limits: AdaptiveLimit(maxDepth: 1 << 16, timeLimit: 10))
    }

    public func process(_ space: CoefficientSpace, range: Range<Int>) throws -> [PCFHit] {
        var hits: [PCFHit] = []
        let aDegree = space.aRanges.count, bDegree = space.bRanges.count
        var aLanes = [FirstPass.Lanes](repeating: .zero, count: aDegree)
        var bLanes = [FirstPass.Lanes](repeating: .zero, count: bDegree)
        var batch: [SmallPCF] = []
        batch.reserveCapacity(8)
        var index = range.lowerBound
        while index < range.upperBound {
            batch.removeAll(keepingCapacity: true)
            while batch.count < 8 && index < range.upperBound {
                let candidate = space.candidate(at: index)
                index += 1
                // a = 0 or b = 0 are not continued fractions.
                if candidate.a.allSatisfy({ $0 == 0 }) || candidate.b.allSatisfy({ $0 == 0 }) { continue }
                let lane = batch.count
                for k in 0..<aDegree { aLanes[k][lane] = Double(candidate.a[k]) }
                for k in 0..<bDegree { bLanes[k][lane] = Double(candidate.b[k]) }
                batch.append(candidate)
            }
            if batch.isEmpty { continue }
            let values = firstPass.evaluate(a: aLanes, b: bLanes)
            for (lane, candidate) in batch.enumerated() where !values[lane].isNaN {
                for entry in table.matches(values[lane]) {
                    if let hit = try verify(candidate, entry: entry) { hits.append(hit); break }
                }
            }
        }
        return hits
    }

    /// Checks PCF = left-side entry with exact convergents; nil if it does not verify.
    func verify(_ candidate: SmallPCF, entry: Int) throws -> PCFHit? {
        let (c, d) = table.form(entry)
        guard let closedForm = moebiusClosedForm(numerator: c.map { BigInt($0) }, denominator: d.map { BigInt($0) },
                                                 basis: table.constants) else { return nil }
        let pcf = PCF(a: candidate.a, b: candidate.b)
        let report: VerificationReport
        do { report = try verifier.verify(Equation(formula: pcf, closedForm: closedForm), digits: spec.verifyDigits) } catch {
            return nil  // terminating or degenerate PCFs are not formulas for the constant
        }
        guard report.status == .verified else { return nil }
        return PCFHit(a: candidate.a, b: candidate.b, constants: spec.constants, numerator: c, denominator: d,
                      closedForm: closedForm.description, digitsVerified: report.digitsAgreed, depth: report.depth,
                      digitsPerTerm: report.digitsPerTerm, delta: report.delta, convergenceClass: report.convergenceClass)
    }
}
