import Foundation
import Optimizers
import Testing

/// Simplification: algebra that holds, dead state dropped, the result computing the same updates.
@Suite struct SimplificationTests {
    func program(_ text: String) throws -> OptimizerProgram { try OptimizerProgram(parsing: text) }

    @Test func lionWrittenThroughTheNewMomentumReadsAsLion() throws {
        // sign(interp(g, m_new, 0.9/0.99)) with m_new = interp(g, m, 0.99) is Lion's sign(0.1 g + 0.9 m).
        let roundabout = try program("""
            m = interp(g, m, 0.99)
            c = interp(g, m, \(0.9 / 0.99))
            unused = exp(c)
            s = sign(c)
            wd = w * 0.01
            update = s + wd
            update = update * lr
            return update, m, v
            """)
        #expect(roundabout.mathematics == "update = lr (sign(0.1 g + 0.9 m) + 0.01 w)\nm ← 0.01 g + 0.99 m")
        let simplified = roundabout.simplified
        #expect(simplified.statements.count == 6)
        #expect(simplified.mathematics == roundabout.mathematics)
        // The simplified program trains exactly as Lion does.
        let lion = CompiledProgram(try program(StandardOptimizers.lion)), mine = CompiledProgram(simplified)
        let w = [0.5, -1, 2], g = [0.1, 0.3, -0.2], m = [0.2, -0.4, 0.0]
        let a = lion.step(w: w, g: g, m: m, v: w, lr: 0.1), b = mine.step(w: w, g: g, m: m, v: w, lr: 0.1)
        for (x, y) in zip(a.update + a.m, b.update + b.m) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func divisionByTheMagnitudeIsTheSignAndUnreadStateIsDropped() throws {
        let adamwSigned = try program("""
            g2 = g * g
            m = interp(g, m, 0.9)
            v = interp(g2, v, 0.999)
            a = m * m
            r = sqrt(a)
            update = m / r
            update = update * lr
            return update, m, v
            """)
        #expect(adamwSigned.mathematics == "update = lr sign(0.1 g + 0.9 m)\nm ← 0.1 g + 0.9 m")
        let simplified = adamwSigned.simplified
        #expect(!simplified.description.contains("v ="))
        #expect(simplified.stateTensors == 1)
    }

    /// c / √|k c²| is sign(c) / √|k|: constant factors leave |·| and √, and a quotient by z k is (x / z) / k;
    /// clip(m, m) is m.
    @Test func aScaledMagnitudeIsStillTheSign() throws {
        let p = try program("""
            k = clip(m, m)
            c = interp(g, k, 0.8)
            m = interp(g, m, 0.99)
            c2 = c * c
            s = -4.0 * c2
            a = abs(s)
            r = sqrt(a)
            update = c / r
            update = update * lr
            return update, m, v
            """)
        #expect(p.mathematics == "update = 0.5 lr sign(0.2 g + 0.8 m)\nm ← 0.01 g + 0.99 m", "\(p.mathematics)")
        #expect(p.simplified.isSignLike)
    }

    /// Lion as a search wrote it (the rate divided by the sign, which is the rate times it).
    @Test func dividingBySignIsMultiplyingByIt() throws {
        let p = try program("""
            c = interp(g, m, 0.9)
            s = sign(c)
            t = lr / s
            update = t * 0.0006
            m = interp(g, m, 0.96)
            return update, m, v
            """)
        #expect(p.mathematics == "update = 0.0006 lr sign(0.1 g + 0.9 m)\nm ← 0.04 g + 0.96 m", "\(p.mathematics)")
        #expect(p.simplified.isSignLike)
    }

    @Test func weightedSumsBecomeInterpolationsAndConstantsFold() throws {
        let p = try program("""
            a = g * 0.25
            b = m * 0.75
            m = a + b
            k = 2.0 * 3.0
            update = m * k
            return update, m, v
            """)
        #expect(p.mathematics == "update = 6 (0.25 g + 0.75 m)\nm ← 0.25 g + 0.75 m")
    }

    /// Like terms collect: x + c x is (1 + c) x, and the factor joins the other constants.
    @Test func likeTermsCollect() throws {
        let p = try program("""
            t = sign(g)
            u = t * -0.75
            s = t + u
            d = s - t
            update = d * lr
            update = update * 0.5
            return update, m, v
            """)
        #expect(p.mathematics == "update = -0.375 lr sign(g)")
        #expect(p.simplified.statements.count == 3)
    }

    @Test func aRewriteThatFailsAtZeroKeepsTheProgram() throws {
        // v / v is 1 except where v is 0 (then 0): at the first step v is 0, so the rule is not simplified.
        let p = try program("update = v / v\nv = g + 1.0\nreturn update, m, v")
        #expect(p.simplified == p.pruned)
    }

    @Test func constantsAreRoundedOnlyWhereTheFitnessHolds() throws {
        let scoring = ProxyScoring(tasks: [.logistic])
        let p = try program("""
            m = interp(g, m, 0.9012345)
            update = m * lr
            update = update * 1.0000017
            return update, m, v
            """)
        let rounded = scoring.roundingConstants(of: p)
        #expect(rounded.description.contains("interp(g, m, 0.9)"))
        #expect(abs(scoring.score(rounded).fitness - scoring.score(p).fitness) <= 0.005)
    }
}

extension SimplificationTests {
    @Test func productsReadAsAMathematicianWritesThem() throws {
        // AdamW as a formula: the coefficient, lr, then the quotient.
        let adamw = try program(StandardOptimizers.adamw)
        #expect(adamw.mathematics == "update = 0.001 lr ((0.1 g + 0.9 m) / √|0.001 g² + 0.999 v| + 0.01 w)\nm ← 0.1 g + 0.9 m\nv ← 0.001 g² + 0.999 v")
        let scaled = try program("a = m / v\nb = a * lr\nupdate = b * 0.5\nreturn update, m, v")
        #expect(scaled.mathematics == "update = 0.5 lr m / v")
        // A coefficient inside an interpolation folds into the interpolation's weight.
        let folded = try program("t = g * 0.3\nm = interp(t, m, 0.75)\nupdate = sign(m)\nreturn update, m, v")
        #expect(folded.mathematics == "update = sign(0.075 g + 0.75 m)\nm ← 0.075 g + 0.75 m", "\(folded.mathematics)")
    }
}
