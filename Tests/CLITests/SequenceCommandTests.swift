import Foundation
import Numbers
import Store
import Testing
import TestSupport

@Suite struct GuessCommandTests {
    static let sequences = (try? Corpus.sequences()) ?? []
    static func terms(_ name: String) -> [String] { sequences.first { $0.name == name }!.terms }

    @Test func catalanNumbersAndTheirNextTerms() throws {
        let result = try Apery.run("guess", Self.terms("Catalan numbers").prefix(25).joined(separator: ","), "--extend", "3", "--json")
        #expect(result.status == 0)
        #expect(result.json["kind"] as? String == "p-recursive")
        #expect(result.json["recurrence"] as? String == "(n + 1)*a(n) - (4n - 2)*a(n-1) = 0")
        // Numbers, not strings (JSONSerialization reads these as NSNumber).
        let next = (result.json["nextTerms"] as? [NSNumber])?.map(\.stringValue)
        #expect(next == Array(Self.terms("Catalan numbers")[25..<28]))
    }

    @Test func aperyNumbersFromAnOEISBFile() throws {
        let file = temporaryFile("b005259.txt")
        let lines = ["# A005259 Apery numbers"] + Self.terms("Apery numbers (zeta(3))").enumerated().map { "\($0.offset) \($0.element)" }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Apery.run("guess", "--file", file)
        #expect(result.status == 0)
        #expect(result.stdout.contains("n^3*a(n) - (34n^3 - 51n^2 + 27n - 5)*a(n-1) + (n^3 - 3n^2 + 3n - 1)*a(n-2) = 0"))
    }

    @Test func fibonacciIsCFinite() throws {
        let result = try Apery.run("guess", Self.terms("Fibonacci F(n)").joined(separator: " "), "--extend", "2")
        #expect(result.status == 0)
        #expect(result.stdout.contains("a(n) = a(n-1) + a(n-2)"))
        #expect(result.stdout.contains("102334155, 165580141"))
    }

    /// docs/ALGORITHMS.md §4: loose tools find an order-19 recurrence in 40 Motzkin numbers.
    @Test func motzkinWithCFiniteOnlyAndRandomDataGiveNoRecurrence() throws {
        let motzkin = try Apery.run("guess", Self.terms("Motzkin numbers").joined(separator: ","), "--c-finite")
        #expect(motzkin.status == 1)
        #expect(motzkin.stdout.contains("no recurrence within bounds"))
        var state: UInt64 = 7
        let random = (0..<60).map { _ -> String in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return String(state >> 44)
        }
        let result = try Apery.run("guess", random.joined(separator: ","))
        #expect(result.status == 1)
        #expect(result.stdout.contains("no recurrence within bounds"))
    }

    /// An OEIS data line (21 Franel numbers) and a textbook's 8 Catalan numbers are enough, with the margin said;
    /// short random data still give no recurrence.
    @Test func shortSequencesAsOEISAndTextbooksGiveThem() throws {
        let franel = (0..<24).map { n in (0...n).reduce(BigInt.zero) { $0 + BigInt.binomial(n, $1).power(3) } }
        let found = try Apery.run("guess", franel.prefix(21).map(\.description).joined(separator: ","), "--extend", "3")
        #expect(found.status == 0, "\(found.stdout)")
        #expect(found.stdout.contains("P-recursive recurrence of order 2, degree 2"))
        #expect(found.stdout.contains("fitted on 16 (5 more equations than unknowns), then 5 held-back terms reproduced"))
        #expect(found.stdout.contains(franel.suffix(3).map(\.description).joined(separator: ", ")))
        let catalan = try Apery.run("guess", "1,1,2,5,14,42,132,429", "--extend", "3")
        #expect(catalan.status == 0 && catalan.stdout.contains("1430, 4862, 16796"))
        #expect(catalan.stdout.contains("1 more equation than unknowns), then 2 held-back terms reproduced"))
        var state: UInt64 = 11
        for count in [8, 12, 21] {
            for _ in 0..<5 {
                let random = (0..<count).map { _ -> String in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return String(state >> 40)
                }
                #expect(try Apery.run("guess", random.joined(separator: ",")).status == 1)
            }
        }
    }

    @Test func overflowSizeTermsAreRefused() throws {
        let huge = String(repeating: "9", count: 100_001)
        let result = try Apery.run("guess", (["1", "2", huge] + (0..<12).map(String.init)).joined(separator: ","))
        #expect(result.status == 2 && result.stderr.contains("limited to 100,000 digits"))
    }

    @Test(arguments: [("1,2,3,5", "too few"), ("1,2,x,4,5,6,7,8,9,10,11,12,13", "term 2 is not an integer: x"),
                      ("1,2,3.5,4,5,6,7,8,9,10,11,12,13", "term 2 is not an integer")])
    func badSequencesAreOneLineErrors(input: String, message: String) throws {
        let result = try Apery.run("guess", input)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

@Suite struct ContinuedFractionCommandTests {
    @Test func rationalExpressionsEndExactly() throws {
        let result = try Apery.run("cf", "355/113", "--json")
        #expect(result.status == 0)
        let expansion = result.json["expansion"] as? [String: Any]
        #expect(expansion?["terms"] as? [String] == ["3", "7", "16"])
        #expect(expansion?["isRational"] as? Bool == true)
    }

    @Test func termsOfE2AndTheirPattern() throws {
        let result = try Apery.run("cf", "exp(2)", "--terms", "60", "--pattern")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[7; 2, 1, 1, 3, 18, 5, 1, 1, 6, 30"))
        #expect(result.stdout.contains("CF[7; 3k + 2, 1, 1, 3k + 3, 12k + 18]"))
    }

    @Test func tooLittlePrecisionIsAClearError() throws {
        let result = try Apery.run("cf", "sin(pi)", "--terms", "5", "--max-digits", "2000")
        #expect(result.status == 2)
        #expect(result.stderr.contains("need more than 2000 digits") && result.stderr.contains("rational"))
    }

    @Test func cfPatternsVerify() throws {
        let e = try Apery.run("verify", "CF[2; 1, 2k+2, 1] = e", "--digits", "1000", "--json")
        #expect(e.status == 0)
        #expect((e.json["digitsAgreed"] as? Int ?? 0) >= 1000)
        #expect(try Apery.run("verify", "CF[1; 2, 2k+3 | +-] = e/(e-1)", "--digits", "500").status == 0)
        #expect(try Apery.run("verify", "CF[2; 1, 2k+2, 1] = e + 10^-60", "--digits", "100").status == 1)
        let bad = try Apery.run("verify", "CF[2; 1, 2k+2, 1 | +x] = e")
        #expect(bad.status == 2 && bad.stderr.contains("signs"))
    }
}

@Suite struct ESMACommandTests {
    static var spec: String { Corpus.directory.deletingLastPathComponent().appendingPathComponent("Conjectures/esma-e.json").path }

    @Test func eSpecFindsThePatternsResumesAndSharesTheDatabase() throws {
        let db = temporaryFile("esma.sqlite")
        let first = try Apery.run("esma", "--spec", Self.spec, "--db", db, "--json")
        #expect(first.status == 0)
        #expect((first.json["conjectures"] as? Int ?? 0) > 50)
        let listing = try Apery.run("conjectures", "--db", db)
        #expect(listing.stdout.contains("e = CF[2; 1, 2k + 2, 1]"))
        #expect(listing.stdout.contains("e^2 = CF[7; 3k + 2, 1, 1, 3k + 3, 12k + 18]"))
        #expect(listing.stdout.contains("(e^2 + 1)/(e^2 - 1) = CF[2k + 1]"))
        // Rerunning resumes: every chunk is done.
        let again = try Apery.run("esma", "--spec", Self.spec, "--db", db, "--json")
        #expect(again.json["chunksProcessed"] as? Int == 0 && again.json["newConjectures"] as? Int == 0)
        // A PCF search may share the database; its hits and the conjectures stay apart.
        let pcf = try Apery.run(SearchCommandTests.eFlags + ["--db", db, "--json"])
        #expect(pcf.status == 0 && pcf.json["hits"] as? Int == 40)
        #expect(try AperyStore(path: db).conjectureCount() == first.json["conjectures"] as? Int)
        // Every approved conjecture with a pattern verifies.
        for c in try AperyStore(path: db).storedConjectures().prefix(8) {
            #expect(try Apery.run("verify", "\(c.pattern!) = \(c.leftSide)", "--digits", "200").status == 0, "\(c.pattern!) = \(c.leftSide)")
        }
    }

    @Test func shardsMergeIntoTheWholeSearch() throws {
        let whole = temporaryFile("whole.sqlite"), merged = temporaryFile("merged.sqlite")
        let shards = [temporaryFile("s0.sqlite"), temporaryFile("s1.sqlite")]
        _ = try Apery.run("esma", "--spec", Self.spec, "--db", whole)
        for (i, db) in shards.enumerated() { #expect(try Apery.run("esma", "--spec", Self.spec, "--db", db, "--shard", "\(i)/2").status == 0) }
        #expect(try Apery.run(["merge", "--db", merged] + shards).status == 0)
        let expected = try AperyStore(path: whole).storedConjectures().map { "\($0.leftSide) \($0.signs) \($0.recurrence)" }
        let got = try AperyStore(path: merged).storedConjectures().map { "\($0.leftSide) \($0.signs) \($0.recurrence)" }
        #expect(got == expected && !got.isEmpty)
    }

    @Test func piApprovesNothing() throws {
        let result = try Apery.run("esma", "--constant", "pi", "--db", temporaryFile("pi.sqlite"), "--json")
        #expect(result.status == 0)
        #expect(result.json["conjectures"] as? Int == 0)
    }

    @Test func badConstantIsOneLine() throws {
        let result = try Apery.run("esma", "--constant", "nosuch", "--db", temporaryFile("x.sqlite"))
        #expect(result.status == 2 && result.stderr.contains("unknown constant 'nosuch'"))
    }
}
