import Expressions
import Numbers
import Relations
import Testing

@Suite struct IntegerRelationTests {
    let precision = bits(forDigits: 140)

    func value(_ text: String) -> BigFloat { try! Expression(parsing: text).evaluate(precision: precision) }

    @Test func findsAPlantedRelationAmongSixNumbers() throws {
        // 3 pi - 2 e + 5 log2 - 7 zeta(3) + catalan = x, so [pi, e, log2, zeta3, catalan, x] has a relation.
        let basis = ["pi", "e", "log(2)", "zeta(3)", "catalan"].map(value)
        let x = basis[0] * 3 - basis[1] * 2 + basis[2] * 5 - basis[3] * 7 + basis[4]
        let relation = try #require(IntegerRelationFinder.find(basis + [x], bits: bits(forDigits: 60)))
        #expect(relation.coefficients == [3, -2, 5, -7, 1, -1].map { BigInt($0) })
        #expect(IntegerRelationFinder.holds(relation, for: basis + [x], bits: precision - 32))
    }

    @Test func independentConstantsHaveNoRelation() {
        let values = ["pi", "e", "zeta(3)", "catalan", "log(3)", "euler"].map(value)
        #expect(IntegerRelationFinder.find(values, bits: bits(forDigits: 100)) == nil)
    }

    @Test func tooFewDigitsGiveNoRelationRatherThanAWrongOne() {
        // At 12 digits a 6-term relation with coefficients ~ 10 costs more than the digits explain.
        let values = ["pi", "e", "zeta(3)", "catalan", "log(3)", "euler"].map(value)
        #expect(IntegerRelationFinder.find(values, bits: bits(forDigits: 12)) == nil)
    }
}

@Suite struct IdentifierTests {
    func identify(_ text: String, _ identifier: Identifier = Identifier()) throws -> [Identification] {
        let expression = try Expression(parsing: text)
        return try identifier.identify { digits in try expression.evaluate(precision: bits(forDigits: digits)) }
    }

    @Test func rationalNumbersAreExact() throws {
        let result = try identify("355/113")
        #expect(result.first?.kind == .rational)
        #expect(result.first?.closedForm.exactValue == Rational(BigInt(355), BigInt(113)))
    }

    @Test func goldenRatioIsAQuadraticIrrational() throws {
        let result = try identify("phi")
        #expect(result.first?.closedForm.description == "(sqrt(5) + 1)/2")
    }

    @Test(arguments: ["4/(3*pi - 8)", "6/zeta(3)", "(e**2 + 1)/(e**2 - 1)", "(2*catalan + 1)/(catalan - 3)", "-2/(gompertz - 1)"])
    func moebiusFormsOfLibraryConstantsAreRecovered(text: String) throws {
        let result = try identify(text)
        let best = try #require(result.first)
        #expect(best.kind == .moebius)
        let precision = bits(forDigits: 200)
        #expect(try best.closedForm.evaluate(precision: precision) == (try Expression(parsing: text).evaluate(precision: precision)))
    }

    @Test func besselRatioNeedsThePair() throws {
        let best = try #require(try identify("besseli(1,2)/besseli(0,2)").first)
        #expect(best.closedForm.description == "besseli(1, 2)/besseli(0, 2)")
    }

    @Test func unrelatedNumberGivesNothing() throws {
        // sqrt(2) + e^pi is not a Moebius form of any single library constant.
        #expect(try identify("sqrt(2) + exp(pi)").isEmpty)
    }

    @Test func linearCombinationOfSeveralConstants() throws {
        let constants = try ["catalan", "pi*log(2 + sqrt(3))"].map { try Expression(parsing: $0) }
        let target = try Expression(parsing: "8*catalan - pi*log(2+sqrt(3))")
        let found = try #require(try Identifier().identifyLinear({ try target.evaluate(precision: bits(forDigits: $0)) }, constants: constants))
        #expect(found.relation.coefficients.map(\.description) == ["1", "0", "-8", "1"])
    }
}

@Suite struct ClosedFormSignTests {
    @Test func signsReadNaturally() {
        let pi = try! Expression(parsing: "pi")
        func form(_ c: [Int], _ d: [Int]) -> String {
            moebiusClosedForm(numerator: c.map { BigInt($0) }, denominator: d.map { BigInt($0) }, basis: [pi])!.description
        }
        #expect(form([2, 0], [-4, -1]) == "-2/(pi + 4)")
        #expect(form([69, 0], [3, -1]) == "69/(3 - pi)")
        #expect(form([4, 0], [-8, 3]) == "4/(3*pi - 8)")
        // Single-term numerators over a denominator that would turn all negative keep the sign in front.
        #expect(form([-9, 0], [0, 1]) == "-9/pi")
        #expect(form([27, 0], [-9, -2]) == "-27/(2*pi + 9)")
    }

    /// (2 + 4 pi)/(1 + 2 pi) is 2: a rational, not a closed form in pi; proportional forms are refused, not trapped.
    @Test func proportionalFormsAreRational() {
        let pi = try! Expression(parsing: "pi")
        #expect(moebiusClosedForm(numerator: [2, 4].map { BigInt($0) }, denominator: [1, 2].map { BigInt($0) }, basis: [pi]) == nil)
        #expect(moebiusClosedForm(numerator: [0, 0].map { BigInt($0) }, denominator: [1, 2].map { BigInt($0) }, basis: [pi]) == nil)
    }
}
