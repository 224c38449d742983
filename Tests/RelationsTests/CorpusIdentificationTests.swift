import Expressions
import Formulas
import Numbers
import Relations
import Testing
import TestSupport
import Verification

/// Every PCF of Corpora/known_pcfs.json with 100 verified digits is identified from the PCF alone,
/// and the closed form found equals the corpus's to 100 digits.
@Suite struct CorpusIdentificationTests {
    static let formulas = try! Corpus.knownPCFs().filter { $0.verifiedDigits >= 100 }

    @Test(arguments: formulas.map(\.name))
    func identifiesKnownPCF(name: String) throws {
        let known = Self.formulas.first { $0.name == name }!
        let pcf = PCF(a: known.a, b: known.b)
        let found = try Identifier().identify { digits in try AdaptiveLimit().limit(of: pcf, digits: digits).value }
        let best = try #require(found.first, "\(name): no closed form")
        let precision = bits(forDigits: 110)
        let ours = try best.closedForm.evaluate(precision: precision)
        let theirs = try Expression(parsing: known.limit).evaluate(precision: precision)
        #expect(significantAgreement(ours, theirs, cap: 100) >= 100, "\(name): found \(best.closedForm)")
    }
}
