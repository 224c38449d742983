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

/// JSON carries numbers as numbers: coefficient lists are arrays of integers in `hits` and `export`.
@Suite struct JSONNumbersTests {
    @Test func coefficientListsAreArraysOfIntegers() throws {
        let db = temporaryFile("numbers.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db, "--json"]).status == 0)
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(try Apery.run("hits", "--db", db, "--json").stdout.utf8))) as? [[String: Any]])
        #expect(!hits.isEmpty)
        for hit in hits {
            for key in ["a", "b", "numerator", "denominator"] { #expect(hit[key] is [Int], "\(key): \(String(describing: hit[key]))") }
        }
        // The same numbers as the formula's text: PCF(n + 2, -n) has a = [2, 1], b = [0, -1].
        let first = try #require(hits.first { $0["formula"] as? String == "PCF(n + 2, -n)" })
        #expect(first["a"] as? [Int] == [2, 1] && first["b"] as? [Int] == [0, -1])
        let out = temporaryFile("hits.json")
        #expect(try Apery.run("export", "--db", db, "--format", "json", "--out", out).status == 0)
        let exported = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))) as? [[String: Any]])
        #expect(exported.allSatisfy { $0["a"] is [Int] && $0["numerator"] is [Int] })
    }
}

extension JSONNumbersTests {
    /// Integers beyond 64 bits (and beyond Decimal's 38 digits) are plain JSON digits, which Python reads as ints.
    @Test func bigIntegersArePlainDigits() throws {
        let factorials = (1...14).map { n in (1...n).reduce(BigDigits(1)) { $0.times($1) }.text }
        let result = try Apery.run("guess", factorials.joined(separator: ","), "--extend", "40", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let check = try TestPython.run("import json, math, sys\nr = json.loads(sys.argv[1])\nt = r['nextTerms']\n"
                                       + "print(all(type(x) is int for x in t), t[-1] == math.factorial(54), type(r['coefficients'][0][0]) is int)",
                                       [result.stdout])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "True True True", "\(check.stdout) \(check.stderr)")
    }
}

/// Decimal digits multiplied by small numbers, to write factorials in a test.
struct BigDigits {
    var text: String
    init(_ value: Int) { text = String(value) }
    func times(_ k: Int) -> BigDigits {
        var digits = text.reversed().map { Int(String($0))! }, carry = 0
        for i in digits.indices { let v = digits[i] * k + carry; digits[i] = v % 10; carry = v / 10 }
        while carry > 0 { digits.append(carry % 10); carry /= 10 }
        var result = BigDigits(0)
        result.text = String(digits.reversed().map { Character(String($0)) })
        return result
    }
}

/// The views SCHEMA.md documents: a reader of the file gets a hit's formula, closed form, digits, delta and
/// family in one row.
@Suite struct ReaderViewsTests {
    @Test func hitsViewHoldsOneRowPerHit() throws {
        let db = temporaryFile("views.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db, "--json"]).status == 0)
        #expect(try Apery.run("verify", "PCF(n+1, n) = 1/(e-2)", "--digits", "50", "--db", db).status == 0)
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(try Apery.run("hits", "--db", db, "--all", "--json").stdout.utf8))) as? [[String: Any]])
        let rows = try sqliteRows(db, "SELECT formula, closed_form, digits, delta, family FROM hits_view ORDER BY hit")
        #expect(rows.count == hits.count && rows.count == 40)
        #expect(rows.contains { $0.hasPrefix("PCF(n + 2, -n)|e/(e - 1)|") })
        let verified = try sqliteRows(db, "SELECT formula, closed_form, status FROM verifications_view")
        #expect(verified == ["PCF(n + 1, n)|1/(e - 2)|verified"], "\(verified)")
    }

    /// Rows through the sqlite3 shell, as a reader of the file would see them ("|" between columns).
    func sqliteRows(_ db: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3, sys\nfor r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('|'.join('' if x is None else str(x) for x in r))", db, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

/// Closed forms in Python: mpmath evaluates them (after `from mpmath import *`) to the value Apery gives, with
/// rationals exact (exp(1/3) is not exp of a double).
@Suite struct PythonSyntaxTests {
    @Test func mpmathEvaluatesThePythonClosedFormsToApérysValues() throws {
        for closedForm in ["exp(1/3)", "zeta3 + 1/7", "2**(1/3) - 3**-2", "4/pi - 1/3", "gompertz*gauss", "catalan - log(2)/3", "li2(1/2) + gamma14", "fac(5)/lemniscate"] {
            let result = try Apery.run("verify", "PCF(1, 1) = \(closedForm)", "--digits", "60", "--json")
            let json = result.json
            let value = try #require(json["closedFormValue"] as? String)
            let text = try #require((json["python"] as? [String: Any])?["closedForm"] as? String)
            #expect(((json["python"] as? [String: Any])?["formula"] as? String) == "PCF(1, 1)")
            #expect(try Apery.run("eval", closedForm, "--json").json["python"] as? String == text, "eval and verify agree on the Python form")
            let mpmath = try TestPython.run("from mpmath import *\nmp.dps = 80\nimport sys\nprint(nstr(eval(sys.argv[1]), 60))", [text])
            #expect(mpmath.status == 0, "mpmath is needed (make test installs it in its venv); \(text): \(mpmath.stderr)")
            let theirs = mpmath.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(theirs.prefix(55) == value.prefix(55), "\(closedForm) → \(text): mpmath \(theirs), apery \(value)")
        }
    }
}

/// The special functions mathematicians expect in closed forms, against mpmath to 200 digits.
@Suite struct SpecialFunctionTests {
    @Test func againstMpmathTo200Digits() throws {
        let cases = ["erf(1/2)", "erfc(3)", "beta(1/3, 5/2)", "polylog(3, 1/2)", "polylog(5, -9/10)", "polylog(4, 1)", "polylog(3, -1)",
                     "hyp1f1(1/3, 5/2, -7)", "hyp1f1(2, 3, 10)", "hyp2f1(1/2, 1/3, 5/4, 3/4)", "hyp2f1(1, 1, 2, -1/2)",
                     "besselk(0, 1)", "besselk(1, 1/3)", "besselk(3, 2)", "besselk(-2, 25)", "besselk(7, 120)"]
        for expression in cases {
            let json = try Apery.run("eval", expression, "--digits", "200", "--json").json
            let ours = try #require(json["value"] as? String, "\(expression): \(json)")
            let text = try #require(try Apery.run("verify", "PCF(1, 1) = \(expression)", "--digits", "10", "--json").json["python"] as? [String: Any])["closedForm"] as? String
            // mpmath at 230 digits: the relative difference from Apery's 200 digits, as a power of ten.
            let mpmath = try TestPython.run("from mpmath import *\nmp.dps = 230\nimport sys\nx = eval(sys.argv[1])\nprint(int(floor(log10(abs(mpf(sys.argv[2]) - x) / abs(x)))) if mpf(sys.argv[2]) != x else -999)",
                                            [text ?? "", ours])
            let exponent = Int(mpmath.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(exponent <= -199, "\(expression) → \(text ?? ""): relative difference 1e\(exponent) from mpmath")
        }
        let refused = try Apery.run("eval", "polylog(3, 2)")
        #expect(refused.status == 2 && refused.stderr.contains("needs |x| <= 1"))
    }
}

/// A formula's source in the report names the spec file the search ran, not the spec's hash.
@Suite struct ReportSourceTests {
    @Test func sourcesNameTheSpecFile() throws {
        let db = temporaryFile("sources.sqlite")
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Conjectures/e-degree1.json").standardized.path
        #expect(try Apery.run("search", "pcf", "--spec", spec, "--db", db).status == 0)
        let out = temporaryFile("sources-report")
        #expect(try Apery.run("report", "--db", db, "--out", out, "--format", "html").status == 0)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("e-degree1.json (pcf-mitm), run 1"))
    }
}

extension ReportSourceTests {
    /// Per-constant anchors and a contents list that links to them.
    @Test func constantsHaveAnchorsAndAContentsList() throws {
        let db = temporaryFile("anchors.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db]).status == 0)
        let pi = temporaryFile("pi.sqlite")
        #expect(try Apery.run("search", "pcf", "--constant", "pi", "--b-degree", "2", "--a-range", "-3:3", "--b-range", "-2:2", "--lhs-range", "4", "--db", pi).status == 0)
        let out = temporaryFile("anchors-report")
        #expect(try Apery.run("report", "--db", db, "--db", pi, "--out", out, "--format", "html").status == 0)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        for anchor in ["constant-e", "constant-pi"] {
            #expect(html.contains("<h3 id=\"\(anchor)\">") && html.contains("<a href=\"#\(anchor)\">"), "\(anchor)")
        }
    }
}

extension JSONNumbersTests {
    /// One schema: `apery export --format csv` and the report's hits.csv have the same columns and rows.
    @Test func exportAndReportShareTheirColumns() throws {
        let db = temporaryFile("schema.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db]).status == 0)
        let csv = temporaryFile("hits.csv"), out = temporaryFile("schema-report")
        #expect(try Apery.run("export", "--db", db, "--format", "csv", "--out", csv).status == 0)
        #expect(try Apery.run("report", "--db", db, "--out", out, "--format", "csv").status == 0)
        let exported = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n"), reported = try String(contentsOfFile: out + "/hits.csv", encoding: .utf8).split(separator: "\n")
        #expect(exported.first == reported.first && exported.first?.hasPrefix("database,family,representative,formula,a,b,constants,closed_form") == true)
        #expect(Set(exported) == Set(reported) && exported.count == 41)
        // And one JSON form: `export --format json` and the report's formulas hold the same flat hit objects.
        let json = temporaryFile("hits.json")
        #expect(try Apery.run("export", "--db", db, "--format", "json", "--out", json).status == 0)
        #expect(try Apery.run("report", "--db", db, "--out", out, "--format", "json").status == 0)
        let exportedHits = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
        let reportedHits = try #require(document["formulas"] as? [String: [[String: Any]]]).values.flatMap { $0 }
        #expect(reportedHits.count == exportedHits.count)
        let exportedKeys = Set(exportedHits[0].keys), reportedKeys = Set(reportedHits[0].keys)
        #expect(exportedKeys.isSubset(of: reportedKeys) && reportedKeys.subtracting(exportedKeys) == ["familySize"], "\(exportedKeys) vs \(reportedKeys)")
        #expect(reportedHits.allSatisfy { $0["hit"] == nil && $0["a"] is [Int] })
    }

    /// Every hit, identification and evaluation also comes in Python: ramanujantools' PCF and an mpmath closed form.
    @Test func hitsIdentifyAndEvalGivePython() throws {
        let db = temporaryFile("python.sqlite")
        #expect(try Apery.run(SearchCommandTests.eFlags + ["--db", db]).status == 0)
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(try Apery.run("hits", "--db", db, "--json").stdout.utf8))) as? [[String: Any]])
        let first = try #require(hits.first { $0["formula"] as? String == "PCF(n + 2, -n)" })
        #expect((first["python"] as? [String: Any])?["formula"] as? String == "PCF(n + 2, -n)")
        #expect(try Apery.run("hits", "--db", db, "--syntax", "python").stdout.contains(" == "))
        let identified = try Apery.run("identify", "PCF(4n+2, -n^2)", "--json").json
        #expect(((identified["found"] as? [[String: Any]])?.first?["python"] as? String) == "2/log(3)")
        #expect(try Apery.run("eval", "exp(1/3)", "--syntax", "python").stdout.contains("python: exp(mpf(1)/3)"))
    }
}
