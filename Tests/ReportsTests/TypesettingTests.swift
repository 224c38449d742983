import Expressions
import Formulas
import Numbers
import Reports
import Testing

@Suite struct TypesettingTests {
    /// A search's names for its constants do not split a section: "ln2" and "log(2)" are one constant.
    @Test func constantsShareASectionWhateverTheirSearchCalledThem() {
        #expect(Report.sectionName("ln2") == Report.sectionName("log(2)"))
        #expect(Report.sectionName("zeta3,zeta(5)") == Report.sectionName("zeta(3),zeta(5)"))
        #expect(Report.sectionName("pi") != Report.sectionName("e"))
        #expect(Report.sectionName("besseli(0,2),besseli(1,2)") == Report.sectionName("besseli(0, 2), besseli(1, 2)"))
    }

    @Test(arguments: [
        ("4/(3*pi - 8)", "\\frac{4}{3 \\pi - 8}", "4/(3π − 8)"),
        ("6/zeta(3)", "\\frac{6}{\\zeta \\left(3\\right)}", "6/ζ(3)"),
        ("exp(1/2)/(exp(1/2) - 2)", "\\frac{{e}^{\\frac{1}{2}}}{{e}^{\\frac{1}{2}} - 2}", "e^(1/2)/(e^(1/2) − 2)"),
        ("-2/log(3)", "\\frac{- 2}{\\log \\left(3\\right)}", "−2/log(3)"),
        ("1 + sqrt(2)", "1 + \\sqrt{2}", "1 + √2"),
    ])
    func closedFormsTypeset(text: String, latex: String, plain: String) throws {
        let node = try Expression(parsing: text).mathNode
        #expect(node.latex == latex)
        #expect(node.plainText == plain)
    }

    @Test func fractionsAreMathMLFractions() throws {
        let ml = try Expression(parsing: "4/pi").mathNode.mathML()
        #expect(ml == "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mfrac><mn>4</mn><mi>π</mi></mfrac></math>")
    }

    /// Apéry's fraction for zeta(3): the levels written out are a(n), b(n) of the formula itself.
    @Test func continuedFractionShowsTheFirstTerms() {
        let apery = PCF(a: [5, 27, 51, 34], b: [0, 0, 0, 0, 0, 0, -1])
        #expect(apery.a(1) == BigInt(117) && apery.a(2) == BigInt(535) && apery.b(2) == BigInt(-64))
        #expect(apery.continuedFractionNode(levels: 2).latex == "5 + \\cfrac{- 1}{117 + \\cfrac{- 64}{535 + \\ddots}}")
        #expect(apery.termsNode.latex.hasPrefix("a \\left(n\\right) = 34 {n}^{3} + 51 {n}^{2} + 27 n + 5"))
        #expect(Polynomial([0, 3, -2]).mathNode().plainText == "−2n^2 + 3n")
    }

    @Test func interlacedTermsNameTheirResidues() throws {
        let pcf = try PCF(parsing: "PCF(2n+2, n^2 | (n+1)^2)")
        #expect(pcf.termsNode.plainText.contains("for n ≡ 1 mod 2"))
        // b(1) = (1 + 1)^2 from the odd part, b(2) = 2^2 from the even part.
        #expect(pcf.continuedFractionNode(levels: 2).plainText.hasPrefix("2 + 4/(4 + 4/(6"))
    }
}

@Suite struct PowerTypesettingTests {
    @Test func powersOfConstantsNeedNoParentheses() throws {
        #expect(try Expression(parsing: "e**2").mathNode.latex == "{e}^{2}")
        #expect(try Expression(parsing: "e**2").mathNode.plainText == "e^2")
        #expect(try Expression(parsing: "(1 + pi)**2").mathNode.plainText == "(1 + π)^2")
    }
}

/// What issue 14 found in the report's mathematics and plots.
@Suite struct ReportMathematicsTests {
    @Test func functionsApplyWithoutSpacingAndALeadingZeroIsDropped() throws {
        let log = try Expression(parsing: "log(2)").mathNode.mathML()
        // Chromium spaces stretchy fences: they stretch only around a fraction.
        #expect(log.contains("<mi>log</mi><mo>&ApplyFunction;</mo><mrow><mo stretchy=\"false\">(</mo><mrow><mn>2</mn></mrow><mo stretchy=\"false\">)</mo></mrow>"))
        let half = try Expression(parsing: "log(1/2)").mathNode.mathML()
        #expect(half.contains("<mo>&ApplyFunction;</mo><mrow><mo>(</mo><mrow><mfrac>"), "\(half)")
        // a(0) = 0: the fraction starts at b(1)/(a(1) + …), with no "0 +".
        let pcf = try PCF(parsing: "PCF(n, 1)")
        #expect(pcf.continuedFractionNode(levels: 2).plainText.hasPrefix("1/(1 + 1/(2"), "\(pcf.continuedFractionNode(levels: 2).plainText)")
    }

    @Test func theXAxisEndsWhereTheDataEndAndLabelsAreTypeset() {
        var plot = Plot(title: "t", xLabel: "depth n", yLabel: "correct digits of pₙ/qₙ")
        plot.yLabelLatex = "correct digits of $p_n/q_n$"
        plot.series = [.init(name: "a", colour: "#000000", style: .line, points: [(1, 0), (325, 120)])]
        let svg = plot.svg
        // Ticks at 50, 100, ..., 300 and none at 350 or 400.
        #expect(svg.contains(">300<") && !svg.contains(">350<") && !svg.contains(">400<"))
        #expect(plot.tikz.contains("correct digits of $p_n/q_n$") && svg.contains("pₙ/qₙ"))
    }
}
