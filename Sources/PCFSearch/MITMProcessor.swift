import CSearchKernels
import Expressions
import Formulas
import Numbers
import Relations
import SearchEngine
import Verification

/// What every meet-in-the-middle processor shares: the left-side table, the first pass, and the
/// verification of a match with exact convergents to `verifyDigits`.
public struct MITMCore: Sendable {
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

    /// Checks PCF = left-side entry with exact convergents; nil if it does not verify.
    func verify(_ candidate: SmallPCF, entry: Int) throws -> PCFHit? {
        let (c, d) = table.form(entry)
        guard let closedForm = moebiusClosedForm(numerator: c.map { BigInt($0) }, denominator: d.map { BigInt($0) },
                                                 basis: table.constants) else { return nil }
        let pcf = candidate.pcf
        let report: VerificationReport
        do { report = try verifier.verify(Equation(formula: pcf, closedForm: closedForm), digits: spec.verifyDigits) } catch {
            return nil  // terminating or degenerate PCFs are not formulas for the constant
        }
        guard report.status == .verified else { return nil }
        return PCFHit(formula: candidate, constants: spec.constants, numerator: c, denominator: d,
                      closedForm: closedForm.description, digitsVerified: report.digitsAgreed, depth: report.depth,
                      digitsPerTerm: report.digitsPerTerm, delta: report.delta, convergenceClass: report.convergenceClass)
    }

    /// Verifies the matches that `screen` reports, keeping the first entry that verifies per PCF.
    func hits(_ screen: ((SmallPCF, Int) throws -> Bool) throws -> Void) throws -> [PCFHit] {
        var hits: [PCFHit] = []
        try screen { pcf, entry in
            guard let hit = try verify(pcf, entry: entry) else { return false }
            hits.append(hit)
            return true
        }
        return hits
    }
}

/// The meet-in-the-middle client of the search engine over coefficient boxes.
public struct MITMProcessor: ChunkProcessor {
    public let core: MITMCore
    public var table: MoebiusTable { core.table }
    var firstPass: FirstPass { core.firstPass }

    public init(spec: PCFSearchSpec) throws { core = try MITMCore(spec: spec) }
    public init(core: MITMCore) { self.core = core }

    public func process(_ space: CoefficientSpace, range: Range<Int>) throws -> [PCFHit] {
        try core.hits { match in try screen(space, range: range, match: match) }
    }

    /// The cheap filter: the first pass and the left-side lookup. Calls `match` with each PCF whose value
    /// falls within the tolerance of an entry; `match` returns true to stop trying that PCF's other entries.
    ///
    /// It walks the range run by run: a run fixes a and b's lower coefficients while b's top coefficient
    /// takes every value of its range (consecutive indices), evaluated together by the C kernel. Lookups lag
    /// one run behind: a run's filter words are prefetched, and read only after the next run's recurrence,
    /// by which time their cache misses have been served.
    public func screen(_ space: CoefficientSpace, range: Range<Int>, match: (SmallPCF, Int) throws -> Bool) rethrows {
        let top = space.bRanges.count - 1
        let runLength = space.bRanges[top].count
        let lowest = space.bRanges[top].lowerBound
        let depth = Double(firstPass.depth)
        let powers = (0...firstPass.depth).map { Double($0).power(top) }
        let aMax = space.aRanges.enumerated().reduce(0.0) { $0 + Double(max(abs($1.element.lowerBound), abs($1.element.upperBound))) * depth.power($1.offset) }
        let bMax = space.bRanges.enumerated().reduce(0.0) { $0 + Double(max(abs($1.element.lowerBound), abs($1.element.upperBound))) * depth.power($1.offset) }
        let rescale = FirstPass.rescaleInterval(aMax: aMax, bMax: bMax)
        var aTable = [Double](repeating: 0, count: firstPass.depth + 1), bRest = aTable
        var aOfTable: [Int] = []
        var values = [Double](repeating: 0, count: runLength), pendingValues = values
        // The run whose values are in `pendingValues`: its first index and its slice of the top coefficient.
        var pending: (runStart: Int, first: Int, count: Int)?
        var index = range.lowerBound
        // The run's coefficients, advanced in place like an odometer from one run to the next.
        var candidate = space.candidate(at: index - index % runLength)
        var firstRun = true
        while index < range.upperBound || pending != nil {
            var computed: (runStart: Int, first: Int, count: Int)?
            if index < range.upperBound {
                let runStart = index - index % runLength
                let first = index - runStart, end = min(runLength, range.upperBound - runStart)
                if !firstRun { space.advanceToNextRun(&candidate) }
                firstRun = false
                index = runStart + end
                if candidate.a.allSatisfy({ $0 == 0 }) { continue }  // a = 0 is not a continued fraction
                // a changes only every (size of b's box) candidates: keep its table between runs.
                if candidate.a != aOfTable { firstPass.fill(&aTable, candidate.a); aOfTable = candidate.a }
                candidate.b[top] = 0
                firstPass.fill(&bRest, candidate.b)
                apery_first_pass_run(aTable, bRest, powers, Int32(firstPass.depth), Int32(rescale), firstPass.tolerance,
                                     Double(lowest + first), Int32(end - first), &values)
                for i in 0..<(end - first) where !values[i].isNaN { table.prefetch(values[i]) }
                computed = (runStart, first, end - first)
            }
            if let run = pending {
                // b = 0 and fractions with b(n) = 0 for some n come back as NaN from the kernel.
                var runCandidate: SmallPCF?
                for i in 0..<run.count where !pendingValues[i].isNaN && table.mayMatch(pendingValues[i]) {
                    if runCandidate == nil { runCandidate = space.candidate(at: run.runStart) }
                    try table.forEachMatch(pendingValues[i]) { entry in
                        var pcf = runCandidate!
                        pcf.b[top] = lowest + run.first + i
                        return try match(pcf, entry)
                    }
                }
            }
            swap(&values, &pendingValues)
            pending = computed
        }
    }
}

/// The meet-in-the-middle client over a structured family: for each a-variant, the b-variants eight at a time.
public struct FamilyProcessor: ChunkProcessor {
    public let core: MITMCore

    public init(spec: PCFSearchSpec) throws { core = try MITMCore(spec: spec) }
    public init(core: MITMCore) { self.core = core }

    public func process(_ space: TemplateSpace, range: Range<Int>) throws -> [PCFHit] {
        try core.hits { match in
            let pass = core.firstPass
            var index = range.lowerBound
            while index < range.upperBound {
                let aIndex = index / space.bVariants.count
                let a = space.aVariants[aIndex]
                if a.joined().allSatisfy({ $0 == 0 }) { index = (aIndex + 1) * space.bVariants.count; continue }
                let aTable = pass.table(parts: a)
                let end = min(range.upperBound, (aIndex + 1) * space.bVariants.count)
                while index < end {
                    let lanes = min(8, end - index)
                    let bs = (0..<lanes).map { space.bVariants[(index + $0) % space.bVariants.count] }
                    let values = pass.evaluate(aTable: aTable, bLanes: bs)
                    for lane in 0..<lanes where !values[lane].isNaN && !bs[lane].joined().allSatisfy({ $0 == 0 }) {
                        let pcf = SmallPCF(aParts: a, bParts: bs[lane])
                        try core.table.forEachMatch(values[lane]) { entry in try match(pcf, entry) }
                    }
                    index += lanes
                }
            }
        }
    }
}
