import Foundation
import Formulas
import Numbers
import PCFSearch
import SearchEngine
import Testing
import TestSupport

final class CollectingCheckpoint: Checkpoint, @unchecked Sendable {
    let lock = NSLock()
    var hits: [PCFHit] = []
    var done = Set<Int>()
    func completedChunks() throws -> Set<Int> { lock.withLock { done } }
    func commit(chunk: Int, candidates: Int, hits: [PCFHit]) throws { lock.withLock { done.insert(chunk); self.hits += hits } }
}

func search(_ spec: PCFSearchSpec) throws -> [PCFHit] {
    let space = CoefficientSpace(a: spec.a, b: spec.b)
    let checkpoint = CollectingCheckpoint()
    _ = try SearchRunner(space: space, processor: try MITMProcessor(spec: spec), checkpoint: checkpoint, chunkSize: spec.chunkSize).run()
    return checkpoint.hits
}

/// Hits grouped into equivalence classes (sign, deflation, shifts), by shared keys.
func classes(_ hits: [PCFHit]) -> [[PCFHit]] {
    var groups: [[PCFHit]] = []
    for hit in hits {
        let keys = Set(hit.equivalenceKeys)
        if let i = groups.firstIndex(where: { $0.contains { !keys.isDisjoint(with: $0.equivalenceKeys) } }) { groups[i].append(hit) }
        else { groups.append([hit]) }
    }
    return groups
}

@Suite struct MITMSearchTests {
    static let eSpec = PCFSearchSpec(constants: ["e"], a: [[-5, 5], [-5, 5]], b: [[-5, 5], [-5, 5]], lhsRange: 5, chunkSize: 2048)

    /// The reference enumerator's e domain: a, b of degree 1, coefficients in [-5, 5], left side R = 5,
    /// where it reports 20 formulas. Every hit has its sign twin (a -> -a negates the value): 20 pairs.
    @Test func eDomainOfTheReferenceEnumerator() throws {
        let hits = try search(Self.eSpec)
        #expect(hits.count == 40)
        let signClasses = Set(hits.map { hit -> [Int] in
            let lead = hit.a.last { $0 != 0 }!
            return lead < 0 ? hit.a.map { -$0 } + hit.b : hit.a + hit.b
        })
        #expect(signClasses.count == 20)
        // Shifts and deflation merge these further into 7 families of tails.
        #expect(classes(hits).count == 7)
    }

    @Test func corpusFormulasInsideTheDomainAreFound() throws {
        let hits = try search(Self.eSpec)
        let found = Set(hits.map { $0.a + [99] + $0.b })
        let inside = try Corpus.knownPCFs().filter { known in
            ["1/(e-2)", "e", "1/(e-1)", "e-1"].contains(known.limit) && known.a.count <= 2 && known.b.count <= 2
                && (known.a + known.b).allSatisfy { (-5...5).contains($0) }
        }
        #expect(inside.count == 4)
        for known in inside { #expect(found.contains(known.a + [99] + known.b), "\(known.name) not found") }
    }

    @Test func pcfEquivalenceNormalisesSignDeflationAndShifts() {
        // PCF(2n+2, 4n) is PCF(n+1, n) inflated by 2; PCF(n+2, n+1) is the tail of PCF(n+1, n).
        func key(_ a: [Int], _ b: [Int]) -> String { PCFEquivalence.key(SmallPCF(a: a, b: b)) }
        #expect(key([2, 2], [0, 4]) == key([1, 1], [0, 1]))
        #expect(key([-1, -1], [0, 1]) == key([1, 1], [0, 1]))
        #expect(PCFEquivalence.keys(SmallPCF(a: [1, 1], b: [0, 1])).contains(key([2, 1], [1, 1])))
    }

    @Test func interlacedEquivalenceRotatesThePartsOnShifts() {
        // The tail of PCF(2n+2, n^2 | (n+1)^2) after one term is PCF(2n+4, (n+2)^2 | (n+1)^2).
        let pcf = SmallPCF(aParts: [[2, 2]], bParts: [[0, 0, 1], [1, 2, 1]])
        let tail = SmallPCF(aParts: [[4, 2]], bParts: [[4, 4, 1], [1, 2, 1]])
        #expect(PCFEquivalence.keys(pcf)[1] == PCFEquivalence.key(tail))
        // Deflation and sign act on every part; equal parts are one part.
        #expect(PCFEquivalence.key(SmallPCF(aParts: [[-4, -4]], bParts: [[0, 0, 4], [4, 8, 4]])) == PCFEquivalence.key(pcf))
        #expect(PCFEquivalence.key(SmallPCF(aParts: [[1, 2], [1, 2]], bParts: [[0, 0, 1]])) == PCFEquivalence.key(SmallPCF(a: [1, 2], b: [0, 0, 1])))
    }

    /// An interlaced family: b alternates between two quadratics. Euler's fraction for log(1 + x), scaled,
    /// gives 2/log(2) = PCF(2n + 2, n^2 | (n + 1)^2); the search must find it and verify it to 100 digits.
    @Test func interlacedFamilyFindsTheLog2Fraction() throws {
        let spec = PCFSearchSpec(
            constants: ["log(2)"],
            family: PCFFamily(a: "x0*n + x1", b: "y0*n^2 | y1*n^2 + y2*n + y3",
                              parameters: ["x0": [2, 2], "x1": [1, 2], "y0": [-2, 2], "y1": [-2, 2], "y2": [-2, 2], "y3": [-2, 2]]),
            lhsRange: 3, chunkSize: 500)
        let space = try TemplateSpace(spec.family!)
        let checkpoint = CollectingCheckpoint()
        _ = try SearchRunner(space: space, processor: FamilyProcessor(spec: spec), checkpoint: checkpoint, chunkSize: 500).run()
        let found = checkpoint.hits.map { $0.pcf.description }
        #expect(found.contains("PCF(2n + 2, n^2 | n^2 + 2n + 1)"), "\(found)")
        for hit in checkpoint.hits { #expect(hit.digitsVerified >= 100 && hit.pcf.isInterlaced) }
    }
}

@Suite struct CoefficientSpaceTests {
    @Test func odometerVisitsTheRunsInIndexOrder() {
        let space = CoefficientSpace(a: [[-2, 1], [0, 2]], b: [[-1, 1], [3, 4], [-5, 5]])
        let runLength = 11
        var pcf = space.candidate(at: 0)
        for run in 1..<(space.count / runLength) {
            space.advanceToNextRun(&pcf)
            #expect(pcf == space.candidate(at: run * runLength))
        }
    }
}

@Suite struct FamilySearchTests {
    /// Apéry's family a = (x0 n + x1)(x2 n(n+1) + x3), b = x4 n^6 (docs/ALGORITHMS.md §2), narrowed around (2n + 1).
    static let spec = PCFSearchSpec(
        constants: ["zeta(3)"],
        family: PCFFamily(a: "(x0*n + x1)*(x2*n*(n+1) + x3)", b: "x4*n^6",
                          parameters: ["x0": [2, 2], "x1": [1, 1], "x2": [1, 40], "x3": [-12, 12], "x4": [-4, -1]]),
        lhsRange: 16, chunkSize: 1000)

    @Test func findsTheZeta3FormulasOfTheCorpusInsideTheFamily() throws {
        let space = try TemplateSpace(Self.spec.family!)
        #expect(space.count == 4000)
        let checkpoint = CollectingCheckpoint()
        _ = try SearchRunner(space: space, processor: FamilyProcessor(spec: Self.spec), checkpoint: checkpoint, chunkSize: 1000).run()
        let found = Set(checkpoint.hits.map { $0.a + [99] + $0.b })
        let inside = try Corpus.knownPCFs().filter { $0.limit.contains("zeta(3)") && $0.convergenceClass.hasPrefix("exponential") }
        #expect(inside.count == 4)
        for known in inside { #expect(found.contains(known.a + [99] + known.b), "\(known.name) not found") }
    }

    @Test func templatesRejectSharedOrMissingParameters() {
        #expect(throws: SearchError.self) { try TemplateSpace(PCFFamily(a: "x0*n", b: "x0*n^2", parameters: ["x0": [1, 2]])) }
        #expect(throws: SearchError.self) { try TemplateSpace(PCFFamily(a: "x0*n", b: "x1*n^2", parameters: ["x0": [1, 2]])) }
    }
}

/// The factorial-reduction search over the families of Conjectures/ finds every parabolic zeta(3) and
/// zeta(5) formula of the corpus (which a depth-32 first pass cannot see).
@Suite struct FactorialReductionSearchTests {
    static func run(_ file: String) throws -> [PCFHit] {
        let path = Corpus.directory.deletingLastPathComponent().appendingPathComponent("Conjectures/\(file)").path
        let spec = try PCFSearchSpec(file: path)
        let space = try TemplateSpace(spec.family!)
        let checkpoint = CollectingCheckpoint()
        _ = try SearchRunner(space: space, processor: FRProcessor<TemplateSpace>(spec: spec), checkpoint: checkpoint,
                             chunkSize: spec.chunkSize).run()
        return checkpoint.hits
    }

    static func corpusFormulas(in hits: [PCFHit], limits: [String]) throws -> [(Corpus.KnownPCF, PCFHit?)] {
        try Corpus.knownPCFs().filter { limits.contains($0.limit) }.map { known in
            (known, hits.first { $0.a == known.a && $0.b == known.b })
        }
    }

    @Test func zeta3Family() throws {
        let hits = try Self.run("zeta3-fr-family.json")
        let expected = try Self.corpusFormulas(in: hits, limits: ["1/zeta(3)", "8/(8*zeta(3)-9)", "54/(189*zeta(3)-224)"])
        #expect(expected.count == 3)
        for (known, hit) in expected {
            let hit = try #require(hit, "\(known.name) not found")
            // Stored with the digits exact convergents certify: about what the corpus checked at the same depth.
            #expect(hit.digitsVerified >= known.verifiedDigits - 3, "\(known.name): \(hit.digitsVerified) digits")
        }
    }

    @Test func zeta5Family() throws {
        let hits = try Self.run("zeta5-fr-family.json")
        let expected = try Self.corpusFormulas(in: hits, limits: ["1/zeta(5)", "2/(-9+6*zeta(3)+2*zeta(5))"])
        #expect(expected.count == 2)
        for (known, hit) in expected { #expect(hit != nil, "\(known.name) not found") }
    }
}

@Suite struct CatalanSearchTests {
    @Test func findsTheCatalanFormulasOfTheSpec() throws {
        let path = Corpus.directory.deletingLastPathComponent().appendingPathComponent("Conjectures/catalan-a2-b4.json").path
        let hits = try search(try PCFSearchSpec(file: path))
        let forms = Set(hits.map(\.closedForm))
        #expect(forms.contains("1/(2*catalan)"))
        #expect(forms.contains("2/(2*catalan - 1)"))
        #expect(hits.contains { $0.a == [1, 3, 3] && $0.b == [0, 0, 0, 0, -2] })
    }
}
