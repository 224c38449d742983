import Foundation
import Formulas
import Numbers
import Testing
import TestSupport

@Suite struct SimpleContinuedFractionTests {
    @Test func convergentsOfTheGoldenRatioAreFibonacciRatios() {
        let cf = SimpleContinuedFraction([Int](repeating: 1, count: 20))
        #expect(cf.convergents[19] == Rational(BigInt(10946), BigInt(6765)))
    }

    @Test func roundedRationalStopsBeforeItsAmbiguousLastTerm() {
        // 355/113 = [3; 7, 16] = [3; 7, 15, 1]: from a rounded value only [3; 7] is certain.
        let x = BigFloat(Rational(BigInt(355), BigInt(113)), precision: 200)
        #expect(SimpleContinuedFraction(expanding: x, maxTerms: 50).terms == [3, 7].map { BigInt($0) })
    }

    @Test func expansionOfPiHasTheFamous292() {
        let pi = BigFloat.pi(precision: 300)
        let cf = SimpleContinuedFraction(expanding: pi, maxTerms: 10)
        #expect(cf.description == "[3; 7, 15, 1, 292, 1, 1, 1, 2, 1]")
    }

    @Test func neverReportsMoreTermsThanThePrecisionSupports() {
        // At 64 bits, pi has about 19 digits: a CF term costs at least ~0.6 digits on average, so far fewer than 60 terms.
        let cf = SimpleContinuedFraction(expanding: BigFloat.pi(precision: 64), maxTerms: 1000)
        let truth = SimpleContinuedFraction(expanding: BigFloat.pi(precision: 2000), maxTerms: 1000)
        #expect(cf.terms.count < 40)
        #expect(Array(truth.terms.prefix(cf.terms.count)) == cf.terms)
    }
}

import Expressions

/// The 40 terms of every cf_pattern case of Corpora/sequences.json, from the closed form.
@Suite struct CorpusContinuedFractionTests {
    static let cases: [(name: String, expression: String, terms: [Int])] = {
        let data = try! Data(contentsOf: Corpus.directory.appendingPathComponent("sequences.json"))
        let entries = try! JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        return entries.filter { $0["kind"] as? String == "cf_pattern" }
            .map { ($0["name"] as! String, $0["value_expr"] as! String, $0["terms"] as! [Int]) }
    }()

    @Test(arguments: cases.map(\.name))
    func expansionMatchesTheCorpus(name: String) throws {
        let entry = Self.cases.first { $0.name == name }!
        let value = try Expression(parsing: entry.expression).evaluate(precision: 1200)
        let cf = SimpleContinuedFraction(expanding: value, maxTerms: entry.terms.count)
        #expect(cf.terms == entry.terms.map { BigInt($0) })
    }
}
