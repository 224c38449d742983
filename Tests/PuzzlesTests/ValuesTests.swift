import Foundation
import Puzzles
import Testing

/// Python's values in Swift: exact JSON both ways, and Python's integer arithmetic.
@Suite struct ValuesTests {
    @Test func jsonKeepsPythonsTypesApart() throws {
        let values: [PyValue] = [.integer(3), .float(3), .bool(true), .str("a\"b\\c\n\u{1}é😀"), .list([.float(0.1), .float(-2e-300), .float(1e300)]),
                                 .list([]), .list([.list([.integer(-1)])])]
        for value in values {
            let json = value.json
            #expect(try JSONNode.parse(json).value == value, "\(json)")
        }
        #expect(PyValue.float(3).json == "3.0")
        #expect(PyValue.integer(3).json == "3")
        #expect(PyValue.bool(true).json == "true")
        #expect(try JSONNode.parse("1.0").value == .float(1))
        #expect(try JSONNode.parse("1").value == .integer(1))
        #expect(try JSONNode.parse("[1, true]").value == .list([.integer(1), .bool(true)]))
        #expect(PyValue.list([.integer(1), .bool(true)]).type == nil)
    }

    @Test func bigIntegersAreExactDigits() throws {
        let digits = "1" + String(repeating: "0", count: 5000) + "7"
        let parsed = try JSONNode.parse(digits).value
        #expect(parsed?.json == digits)
        guard case .int(let n)? = parsed else { Issue.record("not an int"); return }
        #expect((n + .small(3)).description == "1" + String(repeating: "0", count: 4999) + "10")
        #expect((PyInt.small(Int.max) + .small(1)).description == "9223372036854775808")
        #expect((PyInt.small(Int.max) * .small(Int.max)).description == "85070591730234615847396907784232501249")
    }

    @Test func floorDivisionAndModuloFollowPython() {
        // (a, b, a // b, a % b) as Python gives them.
        let cases: [(Int, Int, Int, Int)] = [(7, 2, 3, 1), (-7, 2, -4, 1), (7, -2, -4, -1), (-7, -2, 3, -1), (6, 3, 2, 0), (-6, 3, -2, 0)]
        for (a, b, q, r) in cases {
            #expect(PyInt.small(a).floorDivided(by: .small(b)) == .small(q), "\(a) // \(b)")
            #expect(PyInt.small(a).modulo(.small(b)) == .small(r), "\(a) % \(b)")
        }
        #expect(PyInt.small(5).floorDivided(by: .small(0)) == nil)
        #expect(PyInt.small(Int.min).floorDivided(by: .small(-1))?.description == "9223372036854775808")
        #expect(PyInt.small(2).power(.small(100), maxBits: 1000)?.description == "1267650600228229401496703205376")
        #expect(PyInt.small(2).power(.small(5000), maxBits: 1000) == nil)
    }

    @Test func answerTypesParseAndCheckExactly() {
        #expect(AnswerType("List[List[int]]") == .list(.list(.int)))
        #expect(AnswerType("List[ str ]") == .list(.str))
        #expect(AnswerType("Dict[int, int]") == nil)
        #expect(AnswerType("Tuple[int]") == nil)
        #expect(PyValue.list([.integer(1)]).has(type: .list(.int)))
        #expect(!PyValue.list([.bool(true)]).has(type: .list(.int)))
        #expect(!PyValue.float(1).has(type: .int))
        #expect(PyValue.list([]).has(type: .list(.list(.str))))
    }

    @Test func malformedJSONIsAnErrorWithAnOffset() {
        for text in ["[1, 2", "{\"a\" 1}", "tru", "\"abc", "[1] 2", String(repeating: "[", count: 500)] {
            #expect(throws: JSONNode.ParseError.self) { try JSONNode.parse(text) }
        }
    }
}
