import Foundation
import Testing

/// A PCF may sit inside an expression in `verify`, `eval` and `cf`, and slow fractions are extrapolated, with the
/// output saying so.
@Suite struct FormulasInExpressionsTests {
    @Test func verifyIsolatesThePCF() throws {
        let result = try Apery.run("verify", "tan(1) = 1/PCF(2n+1, -1)", "--digits", "50")
        #expect(result.status == 0)
        #expect(result.stdout.contains("equation        1/PCF(2n + 1, -1) = tan(1)"))
        #expect(result.stdout.contains("formula value   1.5574077246549022305069748074583601730872507723815"))
        #expect(result.stdout.contains("checked as      PCF(2n + 1, -1) = 1/tan(1)  (the PCF alone)"))
        let json = try Apery.run("verify", "2/PCF(1, n^2) - 1 = 2*log(2) - 1", "--digits", "40", "--json").json
        #expect(json["status"] as? String == "verified")
        #expect((json["checkedAs"] as? [String: Any])?["equation"] as? String == "PCF(1, n^2) = 2/(2*log(2) - 1 + 1)")
        // A wrong constant inside the isolated side disagrees.
        #expect(try Apery.run("verify", "tan(1) = 1/PCF(2n+1, -2)").status == 1)
        // A PCF under a function cannot be isolated: a clear error, exit 2.
        let refused = try Apery.run("verify", "log(PCF(1, n^2)) = 1")
        #expect(refused.status == 2 && refused.stderr.contains("under + - * / only"))
    }

    @Test func evalAndCfAcceptPCFsInExpressions() throws {
        let json = try Apery.run("eval", "2/PCF(1, n^2) - 1", "--digits", "60", "--json").json
        #expect(json["status"] as? String == "certain")
        // 2 log 2 - 1
        #expect((json["value"] as? String)?.hasPrefix("0.38629436111989061883446424291635313615100026872051050824136") == true)
        #expect(json["extrapolatedDigits"] as? Int ?? 0 >= 60)
        // PCF(4n+2, -n^2) = 2/log(3): the same 30 terms.
        let cf = try Apery.run("cf", "PCF(4n+2, -n^2)", "--terms", "30")
        #expect(cf.status == 0)
        let reference = try Apery.run("cf", "2/log(3)", "--terms", "30")
        #expect(cf.stdout.split(separator: "\n").first == reference.stdout.split(separator: "\n").first)
        // 1/PCF(2n+1, -1) = tan(1) = [1; 1, 1, 3, 1, 5, 1, 7, ...]
        #expect(try Apery.run("cf", "1/PCF(2n+1, -1)", "--terms", "8").stdout.hasPrefix("[1; 1, 1, 3, 1, 5, 1, 7]"))
    }

    /// The example: silent for 120 s and then inconclusive before extrapolation.
    @Test func slowFormulasAreExtrapolatedAndSaySo() throws {
        let result = try Apery.run("verify", "PCF(n^2+(n+1)^2, -n^4) = 1/zeta(2)", "--digits", "30", "--timeout", "30")
        #expect(result.status == 0)
        #expect(result.stdout.contains("extrapolated    the formula's value rests on Richardson extrapolation"))
        let json = try Apery.run("verify", "PCF(n^2+(n+1)^2, -n^4) = 1/zeta(2)", "--digits", "30", "--json").json
        #expect(((json["extrapolation"] as? [String: Any])?["agreeingDigits"] as? Int ?? 0) >= 30)
        // A fast formula rests on a convergent.
        let fast = try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--json").json
        #expect(fast["extrapolation"] == nil || fast["extrapolation"] is NSNull)
    }
}
