import Foundation
import Testing

/// `apery verify` says what it checked: the user's formula and closed form with their own values, the tail of a
/// continued-fraction pattern on its own labelled line, and every digit established in JSON.
@Suite struct VerifyOutputTests {
    @Test func aPatternShowsItsOwnValueAndTheTailSeparately() throws {
        let result = try Apery.run("verify", "CF[1; 1, 2] = sqrt(3)")
        #expect(result.status == 0)
        #expect(result.stdout.contains("formula value   1.7320508075688772935"))
        #expect(result.stdout.contains("closed form     1.7320508075688772935"))
        #expect(result.stdout.contains("checked as      PCF(1 | 2, 1)") && result.stdout.contains("tail values     1.3660254037844386"))
        let json = try Apery.run("verify", "CF[1; 1, 2] = sqrt(3)", "--json").json
        #expect((json["formulaValue"] as? String)?.hasPrefix("1.7320508075688772935") == true)
        let tail = json["checkedAs"] as? [String: Any]
        #expect((tail?["formulaValue"] as? String)?.hasPrefix("1.3660254037844386") == true)
        #expect((tail?["equation"] as? String)?.hasPrefix("PCF(1 | 2, 1) = ") == true)
    }

    @Test func aWrongPatternShowsBothSidesAsWritten() throws {
        // [1; 1, 3, 5, ...] is 1.7615941559... = tanh(1) + 1 - ..., not coth(1) = 1.3130352854...
        let result = try Apery.run("verify", "CF[1; 2k+1] = (e^2+1)/(e^2-1)")
        #expect(result.status == 1)
        #expect(result.stdout.contains("formula value   1.761594155955764888"))
        #expect(result.stdout.contains("closed form     1.313035285499331303"))
    }

    @Test func jsonCarriesEveryDigitEstablished() throws {
        let json = try Apery.run("verify", "PCF(2n+1, n^2) = 4/pi", "--digits", "1000", "--json").json
        #expect(json["status"] as? String == "verified")
        let value = try #require(json["formulaValue"] as? String)
        #expect(value.count >= 1001 && value.hasPrefix("1.2732395447351626861510701069801148962756771659236515899813387524711743810738122807209104221300246876"))
        #expect(json["checkedAs"] == nil || json["checkedAs"] is NSNull)
    }
}
