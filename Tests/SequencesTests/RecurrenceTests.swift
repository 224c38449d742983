import Numbers
import Sequences
import Testing
import TestSupport

@Suite struct BerlekampMasseyTests {
    @Test func fibonacciHasComplexityTwo() {
        let fibonacci = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34].map { Rational($0) }
        let c = berlekampMassey(fibonacci)!
        #expect(c.linearComplexity == 2 && c.coefficients == [1, -1, -1].map { Rational($0) })
    }

    /// docs/ALGORITHMS.md §3: e's continued fraction has L = 7 and C = (1 - x^3)^2; the seed must be L terms,
    /// or the pre-period [2] is lost.
    @Test func eHasComplexitySevenAndItsPrePeriod() throws {
        let e = try #require(Corpus.sequences().first { $0.name == "e" })
        let terms = e.terms.map { BigInt($0)! }
        let modular = berlekampMassey(terms.map { MersenneResidue($0) })!
        #expect(modular.linearComplexity == 7)
        let recurrence = try #require(LinearRecurrence.find(in: terms))
        #expect(recurrence.linearComplexity == 7 && recurrence.order == 6)
        #expect(recurrence.coefficients == [0, 0, 2, 0, 0, -1].map { Rational($0) })
        #expect(recurrence.integerTerms(40) == terms)
    }
}

@Suite struct SequenceGuessingTests {
    static let corpus = (try? Corpus.sequences()) ?? []

    @Test(arguments: corpus.filter { $0.kind == "linear_recurrence" }.map(\.name))
    func linearRecurrencesFromFortyTerms(name: String) throws {
        let entry = Self.corpus.first { $0.name == name }!
        let terms = entry.terms.map { BigInt($0)! }
        #expect(terms.count == 40)
        let expectedOrder = ["Squares n^2": 3, "Tribonacci T(n)": 3, "Perrin P(n)": 3][name] ?? 2
        let recurrence = try #require(LinearRecurrence.find(in: terms))
        #expect(recurrence.order == expectedOrder)
        #expect(recurrence.integerTerms(40) == terms)
    }

    static let holonomic: [String: [[Int]]] = [
        "Catalan numbers": [[1, 1], [2, -4]],
        "Central binomial binom(2n,n)": [[0, 1], [2, -4]],
        "Apery numbers (zeta(3))": [[0, 0, 0, 1], [5, -27, 51, -34], [-1, 3, -3, 1]],
        "Motzkin numbers": [[2, 1], [-1, -2], [3, -3]],
        "Factorials n!": [[1], [0, -1]],
        "Derangements !n": [[1], [1, -1], [1, -1]],
    ]

    @Test(arguments: corpus.filter { $0.kind == "p_recurrence" }.map(\.name))
    func pRecursiveRecurrencesFromFortyTerms(name: String) throws {
        let entry = Self.corpus.first { $0.name == name }!
        let terms = entry.terms.map { BigInt($0)! }
        #expect(terms.count == 40)
        // Not C-finite: Berlekamp–Massey would need more than (40 - 10)/2 = 15.
        #expect(LinearRecurrence.find(in: terms) == nil)
        let recurrence = try #require(HolonomicRecurrence.guess(terms, maximumOrder: 3, maximumDegree: 4))
        let expected = try #require(Self.holonomic[name])
        #expect(recurrence.polynomials == expected.map { Polynomial($0) }, "\(recurrence)")
        // It predicts the next terms: extending 30 terms reproduces the last 10.
        #expect(recurrence.extend(Array(terms.prefix(30)), by: 10) == terms)
    }

    @Test func aperyRecurrenceReadsAsInTheLiterature() throws {
        let recurrence = HolonomicRecurrence([[0, 0, 0, 1], [5, -27, 51, -34], [-1, 3, -3, 1]].map { Polynomial($0) })
        #expect(recurrence.description == "n^3*a(n) - (34n^3 - 51n^2 + 27n - 5)*a(n-1) + (n^3 - 3n^2 + 3n - 1)*a(n-2) = 0")
    }

    /// docs/ALGORITHMS.md §4: loose tools report an order-19 recurrence for 40 Motzkin numbers.
    @Test func motzkinIsNotCFiniteAndRandomDataHasNoRecurrence() throws {
        let motzkin = try #require(Self.corpus.first { $0.name == "Motzkin numbers" }).terms.map { BigInt($0)! }
        #expect(LinearRecurrence.find(in: motzkin) == nil)
        var generator = SplitMix(seed: 2026)
        let random = (0..<60).map { _ in BigInt(Int(generator.next() % 1_000_000)) }
        #expect(LinearRecurrence.find(in: random) == nil)
        #expect(HolonomicRecurrence.guess(random, maximumOrder: 4, maximumDegree: 4) == nil)
    }
}

@Suite struct QuasiPolynomialTests {
    @Test(arguments: [("e", "CF[2; 1, 2k + 2, 1]"), ("tan(1)", "CF[1, 2k + 1]"), ("coth(1) = (e^2+1)/(e^2-1)", "CF[2k + 1]"),
                      ("sqrt(13)", "CF[3; 1, 1, 1, 1, 6]"), ("I1(2)/I0(2) (Bessel ratio)", "CF[k]"), ("tanh(1)", "CF[0; 2k + 1]")])
    func patternsOfTheCorpus(name: String, expected: String) throws {
        let entry = try #require(Corpus.sequences().first { $0.name == name })
        let terms = entry.terms.map { BigInt($0)! }
        let pattern = try #require(QuasiPolynomial.find(in: terms))
        #expect("CF" + pattern.description == expected)
        #expect((0..<40).map(pattern.term) == terms)
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
