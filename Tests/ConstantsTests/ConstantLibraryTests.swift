import Constants
import Numbers
import Testing
import TestSupport

@Suite struct ConstantLibraryTests {
    /// Every named constant agrees with mpmath's independently computed digits (Corpora/constants.json).
    @Test(arguments: ConstantLibrary.all.map(\.name))
    func namedConstantMatchesReferenceDigits(name: String) throws {
        let reference = try #require(try Corpus.referenceValues().first { $0.expression == ConstantLibrary.named(name)!.expression })
        let value = ConstantLibrary.named(name)!.value(precision: bits(forDigits: 205))
        #expect(agreeingDigits(value.formatted(significantDigits: 200), reference.value) >= 199)
    }

    @Test func aliasesNameTheSameConstant() {
        #expect(ConstantLibrary.named("apery")?.name == "zeta3")
        #expect(ConstantLibrary.named("nonsense") == nil)
    }

    @Test func cachedValueServesLowerPrecision() {
        let pi = ConstantLibrary.named("pi")!
        let high = pi.value(precision: 2000)
        let low = pi.value(precision: 100)
        #expect(low.precision == 100)
        #expect(low == high.rounded(toPrecision: 100))
    }

    @Test func hurwitzZetaAtOneIsRiemannZeta() {
        let precision = bits(forDigits: 120)
        let hurwitz = SpecialFunctions.hurwitzZeta(5, BigFloat(1, precision: precision), precision: precision)
        #expect(hurwitz == BigFloat.zeta(5, precision: precision))
    }

    @Test func glaisherAtThousandDigitsAgreesWithItselfAtHigherPrecision() {
        let low = SpecialFunctions.glaisher(precision: bits(forDigits: 1000))
        let high = SpecialFunctions.glaisher(precision: bits(forDigits: 1100))
        #expect(agreeingDigits(low.formatted(significantDigits: 1000), high.formatted(significantDigits: 1000)) >= 999)
    }
}
